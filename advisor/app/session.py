"""One browser session of the page: its conversation and the exchanges as shown, what the browser keeps for
a reload and how it is taken back, and the follow-up messages offered after an answer. Each browser holds its
own `Session` in a `gr.State`, so users never share profiles or histories."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from advisor.answer import templates as T
from advisor.answer.message import MAX_MESSAGE_CHARS
from advisor.chat import Advisor, Conversation, Turn
from advisor.profile import FIELD_LABELS, Profile
from advisor.schema import Answer
from advisor.webview import Exchange

log = logging.getLogger(__package__)  # "advisor.app", the name the page's log lines always had
PASTE_LIMIT = 2 * MAX_MESSAGE_CHARS  # the box takes a longer paste, so the advisor can say it read only the first part
KEEP_TURNS = 30  # exchanges a browser keeps for a reload (the oldest go first)
NO_PROFILE = T.NO_PROFILE
# facts a family may add with one tap (no place: a button naming one city is wrong for everyone elsewhere;
# the answer itself asks for the place when it matters)
FOLLOW_UPS = list(T.FOLLOW_UPS.items())


@dataclass
class Session:
    """One browser session: its conversation and the exchanges as shown."""

    conv: Conversation
    exchanges: list[Exchange] = field(default_factory=list)

    @property
    def last_question(self) -> str:
        """The latest question (masked), "" before the first."""
        return self.exchanges[-1].question if self.exchanges else ""

    @property
    def last_answer(self) -> Answer | None:
        """The latest answer, None before the first."""
        return self.exchanges[-1].answer if self.exchanges else None

    def kept(self) -> dict[str, Any]:
        """What the browser keeps for a reload: the latest exchanges and the profile."""
        return {"exchanges": [e.to_dict() for e in self.exchanges[-KEEP_TURNS:]],
                "profile": self.conv.profile.as_dict()}

    def restore(self, data: dict[str, Any] | None) -> None:
        """Take back what `kept` stored (the conversation goes on from its last topic); bad data is ignored."""
        if not isinstance(data, dict):
            return
        try:
            self.exchanges = [Exchange.from_dict(e) for e in data.get("exchanges") or [] if isinstance(e, dict)]
            p = data.get("profile") or {}
            self.conv.profile = Profile(region=str(p.get("region") or ""), age=p.get("age"),
                                        disability=str(p.get("disability") or ""),
                                        flags={k: bool(v) for k, v in (p.get("flags") or {}).items() if k in FIELD_LABELS})
            self.conv.turns = [Turn(e.question, e.answer.query, e.answer) for e in self.exchanges]
        except (TypeError, ValueError):
            log.warning("a kept conversation could not be read; starting afresh")
            self.exchanges, self.conv.turns = [], []


def session_of(advisor: Advisor, sess: Session | None) -> Session:
    """The browser's session, or a new one (with a new conversation) for a browser that has none yet."""
    return sess if sess is not None else Session(advisor.conversation())


def follow_ups(sess: Session) -> list[str]:
    """Suggested next messages that fill gaps in the profile (none after an empty message)."""
    ans, p = sess.last_answer, sess.conv.profile
    if ans is None or ans.kind == "empty":
        return []
    out = []
    for key, text in FOLLOW_UPS:
        if key == "disability" and p.disability:
            continue
        if key == "money" and any(p.flags.get(k) for k in ("dibao", "dibao_edge", "tekun", "poor")):
            continue
        if key == "subsidy" and (T.SUBSIDY_WORD in sess.last_question or ans.refused):
            continue
        if text != sess.last_question:
            out.append(text)
    return out[:3]
