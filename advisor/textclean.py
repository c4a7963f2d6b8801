"""Repair text extracted from web pages, PDFs and newspapers: drop site chrome, page markers and running
headers, and re-join lines that were broken mid-sentence. Characters are kept as they are (quotes must stay
verifiable against the source); only whitespace and line structure change."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from advisor.lexicon import Lexicon

SEPARATOR = "\f"  # a hard boundary between two parts of a file (running header, top-level heading)

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
_PAGE_MARK = re.compile(r"\s*第\s*\d+\s*页\s*共\s*\d+\s*页\s*")
_MD_HEADING = re.compile(r"^(#{1,6})\s*(.+)$")
TERMINAL = set("。!?;:…!?;:)）")
OPEN_END = set(",,、(“《")  # a line ending like this continues on the next one
HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百]+[)）]|\d{1,3}[.．、](?!\d)|——|第[一二三四五六七八九十百]+[章节条部分])"
)
DOC_TYPE_END = re.compile(
    r"(意见|方案|通知|规划|办法|规定|决定|细则|条例|纲要|计划|措施|清单|指南|公告)[”\"]?$"
)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
DATE_LINE = re.compile(r"^[(（]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]?$")


@dataclass
class Cleaned:
    """Lines of a cleaned file (SEPARATOR entries mark hard boundaries) and what was removed."""

    lines: list[str]
    removed: list[str] = field(default_factory=list)


def normalize_for_match(text: str) -> str:
    """Matching form: NFKC (full-width → half-width), lower case, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _tidy(line: str) -> str:
    line = line.replace("\xa0", " ").replace("\u3000", " ").replace("\t", " ")
    line = _PAGE_MARK.sub(" ", line)
    line = re.sub(r" {2,}", " ", line).strip()
    return _SPACE_BETWEEN_CJK.sub("", line)


def is_heading_only(line: str) -> bool:
    """A heading line with no body sentence, e.g. "(一)落实基本养老服务清单制度" or "一、总体要求"."""
    m = HEADING.match(line)
    if not m or len(line) > 40 or line[-1] in OPEN_END:
        return False
    if "。" not in line:
        return True
    # "(一)健全政策体系。" is a heading; "21.优化…政策,支持…服务。" is a short clause
    return (
        line.count("。") == 1
        and line.endswith("。")
        and len(line) <= 20
        and not line[:4].strip()[0].isdigit()
    )


def is_title_like(line: str) -> bool:
    """A short line naming a document ("…实施方案", "…的意见")."""
    return (
        len(line) <= 60
        and bool(DOC_TYPE_END.search(line))
        and not HEADING.match(line)
        and not line.startswith(("《", "为", "根据", "附件"))
    )


def _standalone(line: str) -> bool:
    """Lines that never continue onto the next one: doc numbers, dates, titles, headings."""
    return bool(
        DOC_NUMBER.fullmatch(line) or DATE_LINE.match(line) or is_title_like(line) or is_heading_only(line)
    )


def _joiner(a: str, b: str) -> str:
    return " " if (a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum()) else ""


def join_broken_lines(lines: list[str]) -> list[str]:
    """Re-join a line with the next when it was cut mid-sentence (wrap from PDF/OCR/web copy)."""
    out: list[str] = []
    for line in lines:
        if line == SEPARATOR or not out or out[-1] == SEPARATOR:
            out.append(line)
            continue
        prev = out[-1]
        prev_open = prev[-1] not in TERMINAL and not _standalone(prev)
        next_starts_new = bool(HEADING.match(line)) or _standalone(line)
        long_enough = len(prev) >= 20
        title_wrap = (
            prev[-1] not in TERMINAL
            and not HEADING.match(prev)
            and not _standalone(prev)
            and len(prev) < 30
            and bool(DOC_TYPE_END.search(line))
            and len(prev) + len(line) <= 60
        )
        if (prev_open and long_enough and not next_starts_new) or title_wrap:
            out[-1] = prev + _joiner(prev, line) + line
        else:
            out.append(line)
    return out


def clean_text(raw: str, lex: Lexicon, max_chrome_chars: int = 40) -> Cleaned:
    """Clean a whole file: chrome, page markers, running headers, markdown marks, broken lines."""
    tidied = [_tidy(x) for x in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    counts = Counter(x for x in tidied if x)
    removed: list[str] = []
    lines: list[str] = []
    for line in tidied:
        if not line:
            continue
        if len(line) <= max_chrome_chars and any(p.search(line) for p in lex.chrome):
            removed.append(line)
            continue
        running_header = counts[line] >= 3 and len(line) <= 40
        if running_header and not HEADING.match(line) and line[-1] not in TERMINAL:
            removed.append(line)  # a page's running header/footer: a boundary between parts
            if lines and lines[-1] != SEPARATOR:
                lines.append(SEPARATOR)
            continue
        m = _MD_HEADING.match(line)
        if m:
            line = m.group(2).strip()
            if len(m.group(1)) <= 2 and lines and lines[-1] != SEPARATOR:
                lines.append(SEPARATOR)
        lines.append(line)
    while lines and lines[-1] == SEPARATOR:
        lines.pop()
    return Cleaned(join_broken_lines(lines), removed)
