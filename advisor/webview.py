"""What the web page shows, as pure functions from typed values to escaped HTML or plain text: the conversation
(each answer with its 结论 first and the rest folded), citations a person can check, the text a family copies
or shares, the whole conversation exported, the family checklist in words, provider cards, and the staff
panels (retrieved passages, documents). Nothing here touches gradio; `advisor.app` wires these into the page.

Everything that comes from a document or a user is HTML-escaped; ID and phone numbers a user typed are
masked before they are shown, stored in the browser, exported or shared."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any

from advisor.answer import templates as T
from advisor.personal import mask
from advisor.profile import Profile
from advisor.schema import Answer, Citation
from advisor.services.eligibility import (
    DECIDER_NOTICE,
    MET,
    NEED_INFO,
    NOT_MET,
    POSSIBLE,
    UNKNOWN,
    UNMET,
    ConditionCheck,
    Outcome,
)


def mask_personal(text: str) -> str:
    """ID and phone numbers with their middle digits hidden (advisor.personal.mask)."""
    return mask(text)


def esc(s: Any) -> str:
    """HTML-escape anything (documents and users are never trusted as markup)."""
    return html.escape(str(s if s is not None else ""), quote=True)


def lines_html(text: str) -> str:
    """Plain text as safe HTML, its line breaks kept."""
    return esc(text).replace("\n", "<br>")


@dataclass
class Exchange:
    """One question and its answer, as the page shows and keeps them (the question already masked)."""

    question: str
    answer: Answer

    def to_dict(self) -> dict[str, Any]:
        """What the browser keeps of this exchange (see `Answer.to_dict`)."""
        return {"q": self.question, "a": self.answer.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Exchange:
        """The exchange `to_dict` kept (its question is masked again, in case an older copy was not)."""
        return cls(mask_personal(str(data.get("q", ""))), Answer.from_dict(data.get("a") or {}))


# ---------------------------------------------------------------- citations


def citation_facts(c: Citation, staff: bool = False) -> list[str]:
    """What lets a person find and check a cited document: kind, 文号, issuer, region, date, validity (and,
    for staff only, the file it was read from)."""
    facts = [c.kind] if c.kind else []
    facts += [f"{T.CITE_NUMBER}{c.doc_number}"] if c.doc_number else []
    facts += [f"{T.CITE_ISSUER}{c.issuer}"] if c.issuer else []
    facts += [f"{T.CITE_REGION}{c.region}", f"{T.CITE_DATE}{c.date or T.DATE_UNKNOWN}", c.validity]
    if staff and c.doc:
        facts.append(f"{T.CITE_FILE}{c.doc}")
    return [f for f in facts if f]


def citation_line(c: Citation, staff: bool = False) -> str:
    """"[1] 《title》第X条(文号;…)": one citation as a line of plain text."""
    return f"[{c.n}] 《{c.title}》{c.article}({';'.join(citation_facts(c, staff))})"


def highlight(context: str, span: str) -> str:
    """The clause with the cited span wrapped in <mark>, all escaped."""
    ctx, sp = esc(context or span), esc(span)
    if sp and sp in ctx:
        return ctx.replace(sp, f"<mark>{sp}</mark>", 1)
    return f"<mark>{sp}</mark>" + (f"<br>{ctx}" if context and context != span else "")


def render_sources(ans: Answer, staff: bool = False) -> str:
    """Citations as collapsible blocks: title and article, the facts to find the document, and the cited span
    highlighted in its clause."""
    if not ans.citations:
        return ""
    out = []
    for c in ans.citations:
        out.append(
            f"<details class='src'><summary>[{c.n}] 《{esc(c.title)}》 {esc(c.article)}</summary>"
            f"<div class='meta'>{' | '.join(esc(f) for f in citation_facts(c, staff))}</div>"
            f"<p>{highlight(c.context, c.text)}</p></details>"
        )
    return "".join(out)


# ---------------------------------------------------------------- one answer, 结论 first


@dataclass
class AnswerParts:
    """An answer's text cut for a phone: the lead (结论) shown in large type, warnings shown, the rest in
    named folds, and the closing tip in small print."""

    lead: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    folds: dict[str, list[str]] = field(default_factory=dict)  # fold title -> lines, in order of first use
    tip: list[str] = field(default_factory=list)


def split_answer(text: str) -> AnswerParts:
    """Cut an answer's text by the heads the advisor writes (templates.ANSWER_FOLDS): the lines before the
    first head (or the first blank line) are the lead; 注意 lines are warnings; 提示 lines the tip; a line under
    a head, or after the lead, goes to that head's fold (or to 更多内容)."""
    parts = AnswerParts()
    current: str | None = None
    for raw in (text or "").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            # a blank line ends the lead (unless the lead is an introduction, "…如下:", of what follows) and
            # ends a fold: what comes after it is more of the answer, not more of the 依据 or 下一步
            if parts.lead and not (current is None and parts.lead[-1].endswith((":", ":"))):
                current = T.FOLD_MORE
            continue
        if line.startswith(T.WARNING_HEADS) or line.startswith(T.ASK_HEADS):
            parts.warnings.append(line)  # a warning, or what the advisor asks back: always in sight
            continue
        if current is None and line.startswith(" ") and line.strip().startswith(T.BASIS):
            parts.folds.setdefault(T.ANSWER_FOLDS["依据"], []).append(line.strip())  # an item's clause, folded
            continue
        if line.startswith(T.TIP_HEADS):
            parts.tip.append(line)
            continue
        head = next((h for h in T.ANSWER_FOLDS if line.startswith(h + ":")), None)
        if head:
            current = T.ANSWER_FOLDS[head]
            rest = line[len(head) + 1:].strip()
            parts.folds.setdefault(current, [])
            if rest:
                parts.folds[current].append(rest)
            continue
        if current is None:
            parts.lead.append(line)
        else:
            parts.folds.setdefault(current, []).append(line)
    if not parts.lead and parts.folds:  # an answer that opens with a head: its first fold is what it says
        first = next(iter(parts.folds))
        parts.lead = parts.folds.pop(first)
    return parts


def _lead_html(lines: list[str]) -> str:
    out = []
    for line in lines:
        inner = line.strip()
        cls = "aside" if line.startswith(" ") and inner.startswith(tuple(h + ":" for h in T.ANSWER_FOLDS)) else ""
        out.append(f"<p class='{cls}'>{esc(line)}</p>" if cls else f"<p>{esc(line)}</p>")
    return "".join(out)


def plain_text(ex: Exchange) -> str:
    """What 复制 and 分享 give: the question, the answer and its citations as "[1] 《title》第X条" lines, plain
    text (no markup) that reads well pasted into a chat."""
    out = [f"{T.ASKED}{ex.question}", f"{T.ANSWERED}{ex.answer.text.strip()}"]
    if ex.answer.citations:
        out.append(T.SOURCES)
        out += [citation_line(c) for c in ex.answer.citations]
    return "\n".join(out)


def turn_html(n: int, ex: Exchange, staff: bool = False, pending: bool = False, note: str = "") -> str:
    """One exchange: the question as text, then the answer — its lead large, warnings, then 依据 / 下一步 /
    更多 / 引用来源 folded, the tip, and the tools (复制, 分享, 有用, 没用). `pending`: the answer is still being
    written (no tools yet)."""
    parts = split_answer(ex.answer.text)
    body = [f"<div class='lead'>{_lead_html(parts.lead)}</div>"]
    if parts.warnings:
        body.append("<div class='warn'>" + "".join(f"<p>{esc(w)}</p>" for w in parts.warnings) + "</div>")
    for title, lines in parts.folds.items():
        body.append(f"<details class='fold'><summary>{esc(title)}</summary>"
                    + "".join(f"<p>{esc(x)}</p>" for x in lines) + "</details>")
    if ex.answer.citations:
        body.append(f"<details class='fold sources'><summary>{T.SOURCES_FOLD.format(n=len(ex.answer.citations))}"
                    f"</summary>{render_sources(ex.answer, staff)}</details>")
    body.append(note)
    if parts.tip:
        body.append("<div class='tip'>" + "".join(f"<p>{esc(t)}</p>" for t in parts.tip) + "</div>")
    if not pending:
        body.append(
            "<div class='tools'>"
            f"<button type='button' data-act='copy'>{T.COPY}</button>"
            f"<button type='button' data-act='share'>{T.SHARE}</button>"
            f"<button type='button' data-act='like' data-v='1'>{T.USEFUL}</button>"
            f"<button type='button' data-act='like' data-v='0'>{T.NOT_USEFUL}</button></div>"
        )
    cls = "turn pending" if pending else "turn"
    return (f"<div class='{cls}' data-turn='{n}' data-plain='{esc(plain_text(ex))}'>"
            f"<div class='q'><span class='who'>{T.YOU_ASKED}</span><p>{lines_html(ex.question)}</p></div>"
            f"<div class='a' id='answer-{n}'>{''.join(body)}</div></div>")


def conversation_html(exchanges: list[Exchange], staff: bool = False, pending: int | None = None,
                      notes: dict[int, str] | None = None) -> str:
    """The whole conversation in the page's flow (no scroll box of its own), oldest first; `pending` is the
    number of the exchange still being written."""
    if not exchanges:
        return f"<div class='conv empty'><p class='hello'>{T.HELLO}</p></div>"
    notes = notes or {}
    return "<div class='conv'>" + "".join(
        turn_html(i, ex, staff, pending=(i == pending), note=notes.get(i, ""))
        for i, ex in enumerate(exchanges, 1)) + "</div>"


# ---------------------------------------------------------------- the whole conversation, exported


def transcript_markdown(exchanges: list[Exchange], profile: Profile, when: dt.datetime | None = None) -> str:
    """Every exchange with its answer and citations, the profile and the date, as Markdown (for the desk)."""
    when = when or dt.datetime.now()
    lines = [f"# {T.RECORD_TITLE}", "", f"- {T.RECORD_DATE}{when:%Y-%m-%d %H:%M}",
             f"- {T.RECORD_PROFILE}{profile.describe()}", f"- {T.RECORD_TURNS.format(n=len(exchanges))}", ""]
    for i, ex in enumerate(exchanges, 1):
        # each line of the answer its own line in any Markdown viewer (two spaces: a hard line break)
        lines += [f"## {T.RECORD_QUESTION.format(n=i)}", "", ex.question, "", f"### {T.RECORD_ANSWER}", "",
                  ex.answer.text.strip().replace("\n", "  \n"), ""]
        if ex.answer.citations:
            lines += [f"### {T.SOURCES.rstrip(':')}", ""]
            for c in ex.answer.citations:
                lines += [f"- {citation_line(c, staff=True)}", f"  > {c.text}"]
            lines.append("")
    lines += [f"> {T.RECORD_NOTICE}", ""]
    return "\n".join(lines)


def transcript_html(exchanges: list[Exchange], profile: Profile, when: dt.datetime | None = None) -> str:
    """The same record as a printable, self-contained HTML page (A4)."""
    when = when or dt.datetime.now()
    turns = []
    for i, ex in enumerate(exchanges, 1):
        cites = "".join(
            f"<li><b>《{esc(c.title)}》{esc(c.article)}</b> — {esc(';'.join(citation_facts(c, staff=True)))}"
            f"<blockquote>{highlight(c.context, c.text)}</blockquote></li>" for c in ex.answer.citations)
        turns.append(
            f"<h2>{esc(T.RECORD_QUESTION.format(n=i))}</h2><p class='q'>{lines_html(ex.question)}</p>"
            f"<h3>{T.RECORD_ANSWER}</h3><p>{lines_html(ex.answer.text.strip())}</p>"
            + (f"<h3>{T.SOURCES.rstrip(':')}</h3><ol>{cites}</ol>" if cites else ""))
    return (
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{T.RECORD_TITLE}</title>"
        "<style>@page{size:A4;margin:14mm}body{font-family:sans-serif;font-size:13pt;line-height:1.55;color:#000}"
        "h1{font-size:18pt;margin:0 0 6px}h2{font-size:14pt;margin:14px 0 4px;border-bottom:1px solid #444}"
        "h3{font-size:12pt;margin:8px 0 2px}p.q{font-weight:700}"
        "blockquote{margin:4px 0 8px 12px;font-size:11pt;color:#222}mark{background:#ffe27a}"
        ".notice{border:1px solid #444;padding:6px;font-size:11pt;margin-top:12px}</style></head><body>"
        f"<h1>{T.RECORD_TITLE}</h1><div>{T.RECORD_DATE}{when:%Y-%m-%d %H:%M}</div>"
        f"<div>{T.RECORD_PROFILE}{esc(profile.describe())}</div>"
        f"<div>{esc(T.RECORD_TURNS.format(n=len(exchanges)))}</div>"
        + "".join(turns) + f"<div class='notice'>{esc(T.RECORD_NOTICE)}</div></body></html>"
    )


# ---------------------------------------------------------------- staff: retrieved passages


def _ranks_words(ranks: dict[str, int]) -> str:
    words = [T.HITS_RANK_AT.format(by=T.HITS_RANK_BY[k], rank=v)
             for k, v in sorted(ranks.items()) if k in T.HITS_RANK_BY]
    if "cosine_x1000" in ranks:
        words.append(T.HITS_COSINE.format(cosine=ranks["cosine_x1000"] / 1000))
    return " · ".join(words)


def render_hits(ans: Answer | None) -> str:
    """Staff view: every retrieved passage ranked, with a bar for its fused score, where it ranked by
    keywords and by meaning, its region on one line, document, clause and text."""
    if ans is None:
        return f"<p>{T.HITS_EMPTY}</p>"
    if not ans.retrieved:
        return f"<p>{T.HITS_NONE}</p>"
    cited = {(c.doc, c.article) for c in ans.citations}
    top = max((h.score for h in ans.retrieved), default=0.0) or 1.0
    rows = [f"<table class='hits'><tr><th>{T.HITS_RANK}</th><th>{T.HITS_SCORE}</th><th>{T.HITS_REGION}</th>"
            f"<th>{T.HITS_WHERE}</th><th>{T.HITS_TEXT}</th></tr>"]
    for i, h in enumerate(ans.retrieved, 1):
        c = h.chunk
        is_cited = (c.source, c.article) in cited
        text = c.text if len(c.text) <= 160 else c.text[:160] + "…"
        width = max(4, round(100 * h.score / top))
        rows.append(
            f"<tr class='{'cited' if is_cited else ''}'><td class='rank'>{i}{' ★' if is_cited else ''}</td>"
            f"<td class='score'><div class='bar' style='width:{width}%'></div><small>{esc(_ranks_words(h.ranks))}"
            f"</small></td><td class='region'>{esc(c.region)}</td>"
            f"<td>《{esc(c.title)}》<br>{esc(c.article)}<br><small>{esc(c.heading_path)}</small><br>"
            f"<small class='file'>{esc(c.source)}</small></td><td>{esc(text)}</td></tr>"
        )
    rows.append("</table>")
    head = "<p>" + esc(T.HITS_HEAD.format(query=ans.query, region=ans.region or T.UNLIMITED, kind=ans.kind,
                                          ms=f"{ans.latency_ms:.0f}")) + "</p>"
    return head + "".join(rows)


# ---------------------------------------------------------------- the family checklist, in words


@dataclass
class _Node:
    check: ConditionCheck
    children: list[_Node] = field(default_factory=list)


def _tree(checks: list[ConditionCheck]) -> list[_Node]:
    """The flat, depth-marked condition lines of an outcome back as a tree."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    for c in checks:
        node = _Node(c)
        while stack and stack[-1].check.depth >= c.depth:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


_MARK = {MET: "✓", UNMET: "✗", UNKNOWN: "?"}


def _text(c: ConditionCheck) -> str:
    return c.text + (f"({c.note})" if c.note else "")


def _words(node: _Node) -> list[str]:
    """A condition as lines a family reads: one "需要:…" line per requirement, a choice said as "A或B",
    a choice already met said met (the other options are not asked about), a choice not yet known listed
    with the options still open, and what was not met said not met."""
    c = node.check
    if not c.group:
        return [f"{_MARK.get(c.result, '?')} {T.NEEDS}{_text(c)}"]
    kids = node.children
    if c.group == "all":
        return [line for k in kids for line in _words(k)]
    if c.result == MET:  # any: the option met is enough
        met = next(k for k in kids if k.check.result == MET)
        return _words(met)
    open_ = [k for k in kids if k.check.result != UNMET] or kids
    if all(not k.check.group for k in open_):
        mark = _MARK.get(c.result, "?")
        return [f"{mark} {T.NEEDS}{T.OR.join(_text(k.check) for k in open_)}"]
    lines = [f"{_MARK.get(c.result, '?')} {T.ONE_OF}"]
    for k in open_:
        lines += ["  " + line for line in _words(k)]
    return lines


def condition_words(o: Outcome) -> list[str]:
    """The conditions of one screened rule in words (see `_words`)."""
    return [line for root in _tree(o.checks) for line in _words(root)]


def _level(region: str) -> str:
    return T.NATIONAL_RULE_LEVEL if region in ("全国", "") else region


def _item_html(o: Outcome, default_amount: str, common_next: str = "") -> str:
    r = o.rule
    conds = "".join(f"<li>{esc(x)}</li>" for x in condition_words(o))
    quotes = "".join(f"<p>“{esc(q)}”</p>" for q in r.quotes)
    source = f"《{esc(r.title)}》{esc(r.article)}" + (f"({esc(r.doc_number)})" if r.doc_number else "")
    return (
        f"<div class='card'><div class='name'><b>{esc(r.name)}</b> <span class='lvl'>【{esc(_level(r.region))}】"
        f"</span></div><p>{esc(r.benefit)}</p>"
        + (f"<p class='amount'>{T.STANDARD}{esc(r.amount)}</p>" if r.amount and r.amount != default_amount else "")
        + (f"<ul class='conds'>{conds}</ul>" if conds else "")
        + (f"<p class='warn'>{esc(T.CONFIRM_FIRST)}{esc('、'.join(o.to_confirm))}</p>" if o.to_confirm else "")
        + (f"<p class='next'>{T.NEXT}{esc(o.next_step)}</p>" if o.next_step != common_next else "")
        + f"<details><summary>{T.BASIS}{source}</summary><p class='meta'>{esc(o.validity)}</p>{quotes}</details></div>"
    )


def _unique(outcomes: list[Outcome]) -> list[Outcome]:
    seen: set[str] = set()
    out = []
    for o in outcomes:
        key = re.sub(r"\W", "", o.rule.name)
        if key not in seen:
            seen.add(key)
            out.append(o)
    return out


def checklist_html(profile: Profile, outcomes: list[Outcome], default_amount: str) -> str:
    """The 我能享受什么 result for a family: the count first, then what may apply (each with its conditions in
    words, the amount only where a document states one — said once otherwise), the services open to every
    elder apart, what needs more information and what does not apply folded; no item twice."""
    general = _unique([o for o in outcomes if o.general and o.status != NOT_MET])
    possible = _unique([o for o in outcomes if o.status == POSSIBLE and not o.general])
    need = _unique([o for o in outcomes if o.status == NEED_INFO and not o.general])
    unmet = _unique([o for o in outcomes if o.status == NOT_MET])
    out = [f"<div class='checklist'><p class='result'>{esc(T.CHECK_RESULT.format(possible=len(possible), general=len(general), need=len(need), unmet=len(unmet)))}</p>",
           f"<p>{T.RECORD_PROFILE}{esc(profile.describe())}</p>"]
    if not profile.region:
        out.append(f"<p class='warn'>{T.CHECK_NO_REGION}</p>")
    if possible:
        steps = [o.next_step for o in possible]
        common = max(set(steps), key=steps.count) if len(possible) > 1 else ""
        out.append(f"<h3>{T.CHECK_POSSIBLE.format(n=len(possible))}</h3>")
        if common and steps.count(common) > 1:
            out.append(f"<p class='next'>{T.NEXT}{esc(common)}{T.UNLESS_SAID}</p>")
        else:
            common = ""
        out += [_item_html(o, default_amount, common) for o in possible]
        if any(o.rule.amount == default_amount for o in possible):
            out.append(f"<p class='note'>{T.CHECK_AMOUNT_ONCE}</p>")
    if general:
        out.append(f"<h3>{T.CHECK_GENERAL.format(n=len(general))}</h3><ul class='general'>")
        out += [f"<li>{esc(o.rule.name)} <small>【{esc(_level(o.rule.region))}】《{esc(o.rule.title)}》"
                f"{esc(o.rule.article)}</small></li>" for o in general]
        out.append("</ul>")
    if need:
        asks: list[str] = []
        for o in need:
            asks += [m for m in o.missing if m not in asks]
        out.append(f"<details class='fold'><summary>{T.CHECK_NEED.format(n=len(need))}</summary>"
                   f"<p>{T.CHECK_ASK}{esc('、'.join(asks))}</p>" + "".join(_item_html(o, default_amount) for o in need)
                   + "</details>")
    if unmet:
        out.append(f"<details class='fold'><summary>{T.CHECK_UNMET.format(n=len(unmet))}</summary><ul>"
                   + "".join(f"<li>{esc(o.rule.name)}:{esc(' '.join(x for x in condition_words(o) if x.startswith(_MARK[UNMET])))}</li>"
                             for o in unmet) + "</ul></details>")
    out.append(f"<p class='tip'>{esc(DECIDER_NOTICE)}</p></div>")
    return "".join(out)


def checklist_page(body: str) -> str:
    """The checklist as a self-contained page to print or keep."""
    return (f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{T.CHECK_TITLE}</title>"
            "<style>body{font-family:sans-serif;font-size:14pt;line-height:1.6}.card{border:1px solid #888;"
            "padding:6px 10px;margin:8px 0}.warn{color:#8a3b00}details{margin:6px 0}</style></head><body>"
            f"<h1>{T.CHECK_TITLE}</h1>{body.replace('<details', '<details open')}</body></html>")


__all__ = [
    "AnswerParts",
    "Exchange",
    "checklist_html",
    "citation_line",
    "condition_words",
    "conversation_html",
    "mask_personal",
    "plain_text",
    "render_hits",
    "render_sources",
    "split_answer",
    "transcript_html",
    "transcript_markdown",
    "turn_html",
]
