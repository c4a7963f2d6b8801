"""The last step of every answer: an `AnswerDraft` written out as the text the web page, the CLI, the export
and eval show. Deciding what to say happens before (compose, eligibility, providers, the conversation);
how it reads is here and in the templates."""

from __future__ import annotations

import re
from typing import Any

from advisor.answer import templates as T
from advisor.schema import Answer, AnswerDraft, Point

_CITE_MARK = re.compile(r"\[(\d+)\]")


def point_line(p: Point) -> str:
    """One clause under 依据: "· 《…》第X条:…[2]", or, for a fact about a document, where it is written."""
    if p.label:
        return T.META_SOURCE.format(label=p.label, where=p.source, span=p.text, n=p.n)
    return T.POINT.format(source=p.source, text=p.text, n=p.n)


def lines_of(d: AnswerDraft) -> list[str]:
    """The draft's lines in reading order: what the conversation says first, the answer's opening, the
    结论 (or why there is none), its caveats, the checklist or list sections, the 依据, the notes, the next
    steps and the closing notice."""
    out = [*d.preface, *d.lead]
    if d.refusal:
        out += [x for x in (d.conclusion, T.REFUSAL_COVERED.format(covered=d.covered) if d.covered else "",
                            d.related, d.advice) if x]
    elif d.conclusion:
        out.append(T.CONCLUSION_HEAD + d.conclusion)
    out += [T.ITEM_INDENT + item for item in d.items]
    out += [T.NOTE_HEAD + c for c in d.caveats]
    for s in d.sections:
        out.append("")
        out += ([s.heading] if s.heading else []) + s.lines
    if d.points:
        out.append(T.BASIS)
        out += [point_line(p) for p in d.points]
    out += [T.NOTE_HEAD + n for n in d.notes]
    out += [T.NEXT_STEP_HEAD + s for s in d.next_steps]
    return out + d.closing + d.appendix


def render_text(d: AnswerDraft) -> str:
    """The draft as the plain text every surface shows (the web page cuts it by its heads)."""
    return "\n".join(lines_of(d))


def to_answer(d: AnswerDraft, **fields: Any) -> Answer:
    """The answer of a draft: its text rendered, its citations, `refused` from the draft (or as given),
    and whatever else is given (retrieved passages, the query, the region, latency)."""
    fields.setdefault("refused", bool(d.refusal))
    return Answer(text=render_text(d), citations=fields.pop("citations", []), kind=fields.pop("kind", d.kind),
                  draft=d, **fields)


def draft_of(ans: Answer) -> AnswerDraft:
    """The draft of an answer; an answer made from text alone (an error message of the page) gets one
    whose opening is that text, so the conversation can add to it like to any other."""
    if ans.draft is None:
        ans.draft = AnswerDraft(kind=ans.kind, lead=ans.text.split("\n"))
    return ans.draft


def redraw(ans: Answer) -> Answer:
    """Render an answer again after its draft changed (the conversation adds notes, alarms, a new 结论)."""
    if ans.draft is not None:
        ans.text = render_text(ans.draft)
    return ans


def renumber(d: AnswerDraft, offset: int) -> None:
    """Move every citation mark of a draft's own lines by `offset` ([1] → [2]): a clause is put before it."""
    def shift(text: str) -> str:
        return _CITE_MARK.sub(lambda m: f"[{int(m.group(1)) + offset}]", text)

    d.lead = [shift(x) for x in d.lead]
    d.conclusion = shift(d.conclusion)
    d.items = [shift(x) for x in d.items]
    for s in d.sections:
        s.heading, s.lines = shift(s.heading), [shift(x) for x in s.lines]
    for p in d.points:
        p.n += offset
    d.notes = [shift(x) for x in d.notes]
    d.next_steps = [shift(x) for x in d.next_steps]
    d.closing = [shift(x) for x in d.closing]


def plain(text: str, kind: str, refused: bool = True, **fields: Any) -> Answer:
    """An answer of a few lines the advisor says in its own words (a greeting, an empty message, a declined
    medical question): a draft with only its opening."""
    return to_answer(AnswerDraft(kind=kind, lead=text.split("\n")), refused=refused, **fields)


__all__ = ["draft_of", "lines_of", "plain", "point_line", "redraw", "render_text", "renumber", "to_answer"]
