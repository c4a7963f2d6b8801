"""The 工作台 tab, for community staff: the same conversation with file names in the sources, the passages
retrieved for any question, the whole conversation exported (Markdown and a printable page), and the rule
drafts to review beside the clauses they were read from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.answer import templates as T
from advisor.app.assets import CONV_JS
from advisor.app.fragments import data_link
from advisor.app.session import NO_PROFILE, PASTE_LIMIT, Session, session_of
from advisor.chat import Advisor
from advisor.webview import conversation_html, esc, render_hits, transcript_html, transcript_markdown

DESK, DRAFT_VIEW = T.DESK, T.DRAFT_VIEW  # the tab's labels, the drafts view's


def render_drafts(rules_dir: Path) -> str:
    """Staff view of the rule drafts waiting for review (marked 待审核), each beside the clause it was read
    from; they are never used in answers until accepted with `advisor rules review`."""
    import yaml

    from advisor.services.rulereview import DRAFTS, describe

    rows = []
    for path in sorted((rules_dir / DRAFTS).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for r in data.get("rules") or []:
            proposal = (f"<b>{esc(r.get('name'))}</b> <span class='badge'>{DRAFT_VIEW['badge']}</span><br>"
                        f"{DRAFT_VIEW['who']}{esc(describe(r.get('conditions')))}<br>"
                        f"{DRAFT_VIEW['amount']}{esc(r.get('amount'))}<br>"
                        f"{DRAFT_VIEW['office']}{esc(r.get('apply_to') or DRAFT_VIEW['not_stated'])}<br>"
                        f"{DRAFT_VIEW['confidence']}{esc(r.get('confidence'))}")
            clause = f"{esc(data.get('title'))} {esc(r.get('article'))}<br>" + "<br>".join(
                DRAFT_VIEW["quote"].format(quote=esc(q)) for q in r.get("quotes") or [])
            rows.append(f"<tr><td>{proposal}</td><td>{clause}</td></tr>")
    if not rows:
        return f"<p>{DRAFT_VIEW['none']}</p>"
    return (f"<p>{DRAFT_VIEW['intro']}</p>"
            f"<table class='drafts'><tr><th>{DRAFT_VIEW['head_draft']}</th><th>{DRAFT_VIEW['head_clause']}</th></tr>"
            + "".join(rows) + "</table>")


def drafts_panel(advisor: Advisor) -> tuple[str, Any]:
    """The drafts view and the chooser of drafts to decide on."""
    import gradio as gr

    from advisor.services.rulereview import draft_ids

    rules_dir = advisor.settings.corpus_dir / "rules"
    return render_drafts(rules_dir), gr.Dropdown(choices=draft_ids(rules_dir), value=None)


def draft_fields(advisor: Advisor, rule_id: str | None) -> str:
    """The fields of the chosen draft that staff may edit before accepting it (YAML), "" when none is chosen."""
    from advisor.services.rulereview import editable_yaml, find_draft

    rule = find_draft(advisor.settings.corpus_dir / "rules", rule_id) if rule_id else None
    return editable_yaml(rule) if rule else ""


def decide_draft(advisor: Advisor, rule_id: str | None, accept: bool, reviewer: str,
                 edited: str | None = None) -> tuple[str, str, Any]:
    """Accept (as edited, when the fields were changed) or reject one draft from the staff desk; accepted
    rules are checked against the documents and used from the next answer on."""
    import gradio as gr

    from advisor.services.eligibility import documents_of, load_rules_lenient
    from advisor.services.rulereview import decide, find_draft

    rules_dir = advisor.settings.corpus_dir / "rules"
    done = decide(rules_dir, rule_id, accept, reviewer or "", edited=edited or None,
                  documents=documents_of(advisor.retriever.chunks)) if rule_id else DESK["choose_draft"]
    if rule_id and find_draft(rules_dir, rule_id) is not None:  # not decided: the draft and its edits stay in view
        return esc(done), render_drafts(rules_dir), gr.update()
    if accept and rule_id:
        advisor.rules = load_rules_lenient(rules_dir, documents_of(advisor.retriever.chunks))
    return (esc(done), *drafts_panel(advisor))




def turn_choices(sess: Session) -> Any:
    """The desk's chooser of the question whose retrieved passages are shown (the latest chosen)."""
    import gradio as gr

    choices = [(T.TURN_CHOICE.format(n=i, q=e.question[:30]), i) for i, e in enumerate(sess.exchanges, 1)]
    return gr.Dropdown(choices=choices, value=len(choices) or None)


@dataclass
class DeskTab:
    """The tab's components (the conversation's events use some of them too)."""

    conv: Any
    box: Any
    send: Any
    profile: Any
    export: Any
    new: Any
    confirm_row: Any
    clear_yes: Any
    clear_no: Any
    export_links: Any
    export_md: Any
    turn_pick: Any
    hits: Any
    drafts_view: Any
    draft_pick: Any
    draft_reviewer: Any
    draft_accept: Any
    draft_reject: Any
    draft_status: Any
    draft_edit: Any


def build() -> DeskTab:
    """The tab's components, inside its gr.Tab: the conversation on the left, the retrieved passages on the
    right, the rule drafts below."""
    import gradio as gr

    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=340):
            conv_desk = gr.HTML(conversation_html([]), elem_id="chat-desk", js_on_load=CONV_JS)
            with gr.Row():
                box_desk = gr.Textbox(placeholder=DESK["placeholder"], show_label=False, scale=5, lines=1,
                                      max_length=PASTE_LIMIT, elem_id="desk-box")
                send_desk = gr.Button(T.BUTTONS["send"], variant="primary", scale=1, min_width=80)
            desk_profile = gr.Markdown(NO_PROFILE, elem_classes="profile-line")
            export_btn = gr.Button(DESK["export"], variant="secondary", elem_id="export")
            new_desk = gr.Button(DESK["new"], size="md", variant="stop", elem_id="new-desk")
            with gr.Row(visible=False) as confirm_desk:
                gr.Markdown(DESK["confirm_clear"])
                clear_yes_desk = gr.Button(T.BUTTONS["clear_yes"], variant="stop", size="md")
                clear_no_desk = gr.Button(T.BUTTONS["clear_no"], size="md")
            export_links = gr.HTML("")
            export_md = gr.Code("", language="markdown", label=DESK["record"], interactive=False)
        with gr.Column(scale=4, min_width=340):
            turn_pick = gr.Dropdown([], label=DESK["turn_pick"], elem_id="turn-pick")
            hits = gr.HTML(render_hits(None), elem_id="desk-hits")
    with gr.Accordion(DESK["drafts_fold"], open=False):
        drafts_view = gr.HTML("", elem_id="rule-drafts")
        with gr.Row():
            draft_pick = gr.Dropdown([], label=DESK["draft_pick"], scale=3)
            draft_reviewer = gr.Textbox(label=DESK["reviewer"], scale=1, max_length=40)
            draft_accept = gr.Button(DESK["accept"], variant="primary", scale=1, min_width=80)
            draft_reject = gr.Button(DESK["reject"], variant="secondary", scale=1, min_width=80)
        draft_edit = gr.Code("", language="yaml", interactive=True, elem_id="draft-edit",
                             label=DESK["draft_edit"])
        draft_status = gr.Markdown("")
    return DeskTab(conv=conv_desk, box=box_desk, send=send_desk, profile=desk_profile, export=export_btn,
                   new=new_desk, confirm_row=confirm_desk, clear_yes=clear_yes_desk, clear_no=clear_no_desk,
                   export_links=export_links, export_md=export_md, turn_pick=turn_pick, hits=hits,
                   drafts_view=drafts_view, draft_pick=draft_pick, draft_reviewer=draft_reviewer,
                   draft_accept=draft_accept, draft_reject=draft_reject, draft_status=draft_status,
                   draft_edit=draft_edit)


def wire(advisor: Advisor, demo: Any, sess: Any, desk: DeskTab) -> None:
    """The tab's own events: the passages of the chosen question, the export, the drafts at load and
    accept/reject. `sess` is the page's gr.State holding the Session."""

    def hits_of(sess: Session | None, n: Any) -> str:
        sess = session_of(advisor, sess)
        try:
            ans = sess.exchanges[int(n) - 1].answer
        except (TypeError, ValueError, IndexError):
            ans = sess.last_answer
        if ans is not None and not ans.retrieved and ans.citations:
            return f"<p>{T.RESTORED_NO_HITS}</p>"
        return render_hits(ans)

    def export(sess: Session | None):
        """The whole conversation: Markdown and a printable page, every question with its answer."""
        sess = session_of(advisor, sess)
        if not sess.exchanges:
            return f"<p>{T.EXPORT_FIRST}</p>", ""
        now = dt.datetime.now()
        md = transcript_markdown(sess.exchanges, sess.conv.profile, now)
        page = transcript_html(sess.exchanges, sess.conv.profile, now)
        stem = DESK["record_file"].format(stamp=f"{now:%Y%m%d-%H%M}")
        links = ("<p>" + data_link(md, "text/markdown", f"{stem}.md", DESK["download_md"]) + " | "
                 + data_link(page, "text/html", f"{stem}.html", DESK["download_html"])
                 + "</p>")
        return links, md

    desk.turn_pick.change(hits_of, [sess, desk.turn_pick], desk.hits, api_name=False)
    desk.export.click(export, sess, [desk.export_links, desk.export_md], api_name=False)
    demo.load(lambda: drafts_panel(advisor), None, [desk.drafts_view, desk.draft_pick], api_name=False)
    desk.draft_pick.change(lambda rid: draft_fields(advisor, rid), desk.draft_pick, desk.draft_edit, api_name=False)
    for button, accept in ((desk.draft_accept, True), (desk.draft_reject, False)):
        button.click(lambda rid, who, text, a=accept: decide_draft(advisor, rid, a, who, text if a else None),
                     [desk.draft_pick, desk.draft_reviewer, desk.draft_edit],
                     [desk.draft_status, desk.drafts_view, desk.draft_pick],
                     api_name=False, concurrency_limit=1)
