"""The conversation's events, shared by the 咨询 tab, the 工作台 tab and the API (/ask): answer a message
(streamed), draw the conversation for families and for staff, fill the card, follow-ups and the desk after an
answer, keep the conversation in the browser and take it back at load, save the card, clear the record,
choose the answer mode, and 有用/没用 feedback (stored, redacted, only when ADVISOR_FEEDBACK_DIR is set)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from advisor.answer import generate
from advisor.answer import templates as T
from advisor.answer.render import plain
from advisor.app.chat_tab import ChatTab
from advisor.app.fragments import answer_html, api_answer_html, generation_note, stream_pieces
from advisor.app.profile_card import FLAG_KEYS, UNKNOWN, profile_from_card
from advisor.app.session import NO_PROFILE, Session, follow_ups, session_of
from advisor.app.staff_tab import DeskTab, turn_choices
from advisor.chat import Advisor
from advisor.personal import redact
from advisor.schema import Answer
from advisor.settings import env
from advisor.webview import Exchange, conversation_html, esc, mask_personal, render_hits

log = logging.getLogger(__package__)  # "advisor.app", the name the page's log lines always had
STREAM_STEPS = 4
FEEDBACK_SETTING = "FEEDBACK_DIR"


def exchange(advisor: Advisor, sess: Session, message: str) -> Iterator[bool]:
    """Answer one message in the session: its exchange is added at once and holds the answer as it grows
    (streaming), then the whole answer; yields, each time, whether the answer is complete. The message is
    masked first: ID and phone numbers are never shown, kept or answered from."""
    message = mask_personal((message or "").strip())

    def show(ans: Answer) -> None:
        sess.exchanges[-1] = Exchange(message, ans)

    sess.exchanges.append(Exchange(message, Answer(text=T.PENDING, refused=False)))
    streamed = False
    try:
        advisor.retriever.maybe_reload()  # a re-ingest (here or by `advisor ingest`) is picked up
        if sess.conv.generative:  # the model's verified sentences appear as it writes them
            streamed = True
            yield False
            for item in generate.run_streaming(lambda cb: sess.conv.ask(message, on_text=cb)):
                if isinstance(item, Answer):
                    ans = item
                else:
                    show(Answer(text=item, refused=False))
                    yield False
        else:
            ans = sess.conv.ask(message)
    except Exception:
        log.exception("answer failed")  # the message itself is not logged
        ans = plain(T.SYSTEM_ERROR, "error")
    # the answer is complete already: stream it in a few steps (no artificial delay, which would hold one
    # of the queue's worker slots; measured in bench/results/load-test.md)
    pieces = stream_pieces(ans.text, step=max(18, len(ans.text) // STREAM_STEPS + 1))
    for piece in pieces[:-1] if not streamed else []:
        show(Answer(text=piece, refused=False))
        yield False
    show(ans)
    yield True


def views(sess: Session, pending: bool = False) -> tuple[str, str]:
    """The conversation for families and for the desk (file names in the sources)."""
    last = len(sess.exchanges) if pending else None
    notes = {i: generation_note(e.answer) for i, e in enumerate(sess.exchanges, 1) if e.answer.generation}
    return (conversation_html(sess.exchanges, pending=last, notes=notes),
            conversation_html(sess.exchanges, staff=True, pending=last, notes=notes))


def wire(advisor: Advisor, demo: Any, sess: Any, kept: Any, chat: ChatTab, desk: DeskTab) -> None:
    """The hidden components of the API (/ask) and every event of the conversation, once both tabs exist.
    `sess` is the page's gr.State holding the Session, `kept` the gr.BrowserState kept for a reload."""
    import gradio as gr

    def respond(message: str, sess: Session | None):
        """The page: the conversation re-drawn as the answer grows, then whole (the box emptied at once)."""
        sess = session_of(advisor, sess)
        if not (message or "").strip():
            yield "", *views(sess), sess, sess.conv.profile.describe()
            return
        for done in exchange(advisor, sess, message):
            yield "", *views(sess, pending=not done), sess, sess.conv.profile.describe()

    def respond_api(message: str, history: list[dict] | None, sess: Session | None):
        """The API (/ask: message and chat history in, box, history and profile out), as before the page
        drew its own conversation; the history is a chat of escaped HTML."""
        sess = session_of(advisor, sess)
        history = list(history or [])
        question = esc(mask_personal((message or "").strip()))
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": ""}]
        for done in exchange(advisor, sess, message):
            ans = sess.last_answer
            history[-1] = {"role": "assistant", "content": api_answer_html(ans) if done else answer_html(ans.text)}
            yield "", history, sess, sess.conv.profile.describe()

    def refresh(sess: Session | None):
        """Everything that follows an answer: profile card, follow-ups, the desk's turn chooser and passages,
        and what the browser keeps."""
        sess = session_of(advisor, sess)
        p = sess.conv.profile
        sugg = follow_ups(sess)
        buttons = [gr.Button(value=sugg[i], visible=True) if i < len(sugg) else gr.Button(visible=False) for i in range(3)]
        return (
            p.describe(),
            p.describe(),
            p.region,
            p.age,
            p.disability or UNKNOWN,
            [k for k in FLAG_KEYS if p.flags.get(k)],
            *buttons,
            turn_choices(sess),
            render_hits(sess.last_answer),
            sess.kept(),
        )

    def restore(kept: dict | None, sess: Session | None):
        """At load: the conversation this browser kept, drawn again."""
        sess = session_of(advisor, sess)
        if not sess.exchanges:
            sess.restore(kept)
        return (sess, *views(sess))

    def restored(sess: Session | None):
        """After load: the card and the desk filled from a restored conversation; untouched otherwise (what a
        user typed while the page was loading is not overwritten)."""
        sess = session_of(advisor, sess)
        if not sess.exchanges and sess.conv.profile.describe() == NO_PROFILE:
            return tuple(gr.skip() for _ in after)  # `after`: the outputs this step fills (defined below)
        return refresh(sess)

    def save_profile(region, age, disability, flags, sess: Session | None):
        sess = session_of(advisor, sess)
        new = profile_from_card(advisor, region, age, disability, flags)
        sess.conv.profile.region = new.region
        sess.conv.profile.age = new.age
        sess.conv.profile.disability = new.disability
        sess.conv.profile.flags = dict(new.flags)
        d = sess.conv.profile.describe()
        gr.Info(T.PROFILE_SAVED)
        return sess, d, d, new.region, sess.kept()

    def set_mode(mode: str, sess: Session | None) -> Session:
        sess = session_of(advisor, sess)
        sess.conv.answer_mode = mode if mode in generate.MODES else ""
        return sess

    def reset():
        """清除记录: a new session, nothing kept in the browser."""
        empty = conversation_html([])
        return (None, {"exchanges": []}, empty, empty, NO_PROFILE, NO_PROFILE, "", None, UNKNOWN, [],
                *[gr.Button(visible=False)] * 3, gr.Dropdown(choices=[], value=None), render_hits(None), "", "")

    def on_like(sess: Session | None, data: gr.EventData):
        """有用/没用: stored (redacted) only when ADVISOR_FEEDBACK_DIR is set; otherwise nothing is kept."""
        folder = env(FEEDBACK_SETTING).strip()
        if not folder or sess is None:
            return
        info = getattr(data, "_data", None) or {}
        try:
            ex = sess.exchanges[int(info.get("turn", 0)) - 1]
        except (TypeError, ValueError, IndexError):
            return
        rec = {
            "time": dt.datetime.now().isoformat(timespec="seconds"),
            "liked": bool(info.get("liked")),
            "question": redact(ex.question),
            "answer": redact(ex.answer.text),  # an answer may repeat a number the user typed
            "kind": ex.answer.kind,
            "refused": ex.answer.refused,
            "citations": [{"doc": c.doc, "article": c.article} for c in ex.answer.citations],
        }
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "feedback.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    on_like.__annotations__["data"] = gr.EventData  # gradio injects the event data by this type

    # the API (/ask), unchanged for clients: message and chat history in; its components are not shown
    with gr.Group(visible=False):
        api_box = gr.Textbox()
        api_chat = gr.Chatbot()
        api_profile = gr.Markdown()
        api_send = gr.Button()

    shown = [chat.box, chat.conv, desk.conv, sess, chat.profile_line]
    after = [chat.profile_line, desk.profile, chat.region, chat.age, chat.disability, chat.flags, *chat.follow_ups,
             desk.turn_pick, desk.hits, kept]
    for trigger, source in ((chat.box.submit, chat.box), (chat.send.click, chat.box), (desk.box.submit, desk.box),
                            (desk.send.click, desk.box), *[(b.click, b) for b in [*chat.follow_ups, *chat.examples]]):
        outs = shown if source is not desk.box else [desk.box, chat.conv, desk.conv, sess, desk.profile]
        trigger(respond, [source, sess], outs, api_name=False, show_progress="hidden").then(
            refresh, sess, after, api_name=False)
    api_send.click(respond_api, [api_box, api_chat, sess], [api_box, api_chat, sess, api_profile], api_name="ask")
    demo.load(restore, [kept, sess], [sess, chat.conv, desk.conv], api_name=False).then(
        restored, sess, after, api_name=False)
    chat.save.click(save_profile, [chat.region, chat.age, chat.disability, chat.flags, sess],
                    [sess, chat.profile_line, desk.profile, chat.region, kept], api_name=False)
    cleared = [sess, kept, chat.conv, desk.conv, chat.profile_line, desk.profile, chat.region, chat.age,
               chat.disability, chat.flags, *chat.follow_ups, desk.turn_pick, desk.hits, desk.export_links,
               desk.export_md]
    for ask_btn, row, yes, no in ((chat.new, chat.confirm_row, chat.clear_yes, chat.clear_no),
                                  (desk.new, desk.confirm_row, desk.clear_yes, desk.clear_no)):
        ask_btn.click(lambda: gr.Row(visible=True), None, row, api_name=False)  # one slip must not lose it all
        no.click(lambda: gr.Row(visible=False), None, row, api_name=False)
        yes.click(reset, None, cleared, api_name=False).then(
            lambda: (gr.Row(visible=False), gr.Row(visible=False)), None, [chat.confirm_row, desk.confirm_row],
            api_name=False).then(set_mode, [chat.answer_mode, sess], [sess], api_name=False)
    chat.answer_mode.change(set_mode, [chat.answer_mode, sess], [sess], api_name=False)
    chat.conv.like(on_like, sess, None, api_name=False)
    desk.conv.like(on_like, sess, None, api_name=False)
