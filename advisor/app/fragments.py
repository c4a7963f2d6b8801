"""Small HTML pieces the tabs share: an answer's text, the note on how a plain-words answer was checked, one
answer as the API's chat history holds it, the growing prefixes that stream an answer, and download links
whose file lives in the link itself."""

from __future__ import annotations

import base64

from advisor.answer import templates as T
from advisor.schema import Answer
from advisor.webview import esc, lines_html, render_sources


def answer_html(text: str) -> str:
    """Answer text (plain, from the documents) as safe HTML with line breaks (the API's chat history)."""
    return f"<div class='answer-text'>{lines_html(text)}</div>"


def generation_note(ans: Answer) -> str:
    """For the generative mode: how the plain-words answer was checked, or why the quotes are shown instead."""
    g = ans.generation
    if not g:
        return ""
    if g.get("status") == "ok":
        msg = T.GENERATION_CHECKED.format(kept=g.get("kept", 0), replaced=g.get("replaced", 0),
                                          removed=g.get("removed", 0))
    else:
        why = T.GENERATION_WHY.get(g.get("status", ""), T.GENERATION_WHY["unavailable"])
        msg = T.GENERATION_NOT_USED.format(why=why)
    return f"<div class='notice generation-note'>{esc(msg)}</div>"


def api_answer_html(ans: Answer) -> str:
    """One answer for the API's chat history: text, the generation note, and its sources."""
    sources = render_sources(ans)
    head = f"<div class='srchead'>{T.SOURCES.rstrip(':')}</div>" if sources else ""
    return answer_html(ans.text) + generation_note(ans) + head + sources


def stream_pieces(text: str, step: int = 18) -> list[str]:
    """Growing prefixes of `text` (for the streaming effect), ending with the whole text."""
    cuts = list(range(step, len(text), step))
    return [text[:i] for i in cuts] + [text]


def data_link(content: str, mime: str, filename: str, label: str) -> str:
    """A download link whose file lives in the link itself (nothing is written on the server)."""
    b64 = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return f"<a class='dl' download='{esc(filename)}' href='data:{mime};charset=utf-8;base64,{b64}'>{esc(label)}</a>"
