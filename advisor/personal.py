"""Numbers a user may type about the elder — 身份证 (18 or 15 digits, with spaces or dashes, in full-width
digits) and phone numbers (mobile, landline with or without brackets) — found once, here, and either masked
for showing (4401**********1234, 138****5678) or removed for storing (feedback)."""

from __future__ import annotations

import re
from collections.abc import Callable

from advisor.answer.templates import REDACTED

# digits as typed: half- or full-width; separators people put inside a long number
_D = r"[0-9０-９]"
_SEP = r"[ \-－‐—]?"
# an 18-digit 身份证 (last may be X), possibly grouped 6-8-4 or 4-4-4-4-2 by spaces or dashes; a 15-digit one
_ID18 = re.compile(rf"(?<![0-9０-９])(?:{_D}{_SEP}){{17}}[0-9０-９XxＸｘ](?![0-9０-９])")
_ID15 = re.compile(rf"(?<![0-9０-９])[1-9１-９](?:{_SEP}{_D}){{14}}(?![0-9０-９])")
_MOBILE = re.compile(rf"(?<![0-9０-９])(?:\+?86[- ]?)?1[3-9３-９]{_D}(?:{_SEP}{_D}){{8}}(?![0-9０-９])")
_LANDLINE = re.compile(rf"(?<![0-9０-９])(?:[(（]0{_D}{{2,3}}[)）]|0{_D}{{2,3}}){_SEP}{_D}{{7,8}}(?![0-9０-９])")


def _digits(s: str) -> str:
    return "".join(ch for ch in s.translate(str.maketrans("０１２３４５６７８９ＸＸｘ", "0123456789XXx"))
                   if ch.isdigit() or ch in "Xx")


def _apply(text: str, id_repl: Callable[[str], str], phone_repl: Callable[[str], str]) -> str:
    text = _ID18.sub(lambda m: id_repl(m.group()), text or "")
    text = _ID15.sub(lambda m: id_repl(m.group()), text)
    text = _MOBILE.sub(lambda m: phone_repl(m.group()), text)
    return _LANDLINE.sub(lambda m: phone_repl(m.group()), text)


def _mask_id(s: str) -> str:
    d = _digits(s)
    return d[:4] + "*" * (len(d) - 8) + d[-4:]


def _mask_phone(s: str) -> str:
    d = _digits(s)
    if d.startswith("0"):  # a landline: its area code, then only the last four digits
        area = 3 if d[1] in "12" else 4
        return d[:area] + "-****" + d[-4:]
    d = d.removeprefix("86") if len(d) > 11 else d
    return d[:3] + "****" + d[-4:]


def mask(text: str) -> str:
    """ID and phone numbers with their middle digits hidden: what a page, an export or shared text shows."""
    return _apply(text, _mask_id, _mask_phone)


def redact(text: str) -> str:
    """ID and phone numbers removed: what is stored (feedback), where even the ends need not be kept."""
    return _apply(text, lambda _: REDACTED["id"], lambda _: REDACTED["phone"])
