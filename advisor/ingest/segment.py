"""Split a cleaned file into documents, drop unrelated material by topic, and merge repeated text.

A file may bundle several documents (a web page reprinting four plans) or carry unrelated articles
(a newspaper page around a policy). Decisions are made from content: hard separators found by the
cleaner, document titles, and the density of elder-care vocabulary (corpus/lexicon/topic.yaml)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from advisor.answer.templates import INGEST_REASONS
from advisor.ingest import structure
from advisor.ingest.clean import (
    DATE_LINE,
    DATED_EVENT,
    HEADING,
    SEPARATOR,
    TERMINAL,
    is_title_like,
    normalize_for_match,
)
from advisor.ingest.patterns import (
    DOC_NUMBER,
    HEADNOTE_START,
    LETTERHEAD,
    NOTICE_TITLE,
    PROMULGATED,
    PROMULGATION_HEAD,
    SIGNATURE_LINE,
)
from advisor.lexicon import Lexicon, topic_hits

MIN_DOC_BODY = 300  # a title only starts a new document once the current one has this much text
SHINGLE = 8
DUP_CONTAINMENT = 0.8
REPRINT_SHARE = 0.5  # share of a part's text repeating one kept document that makes it a reprint


@dataclass
class Part:
    """A candidate document: its source file and lines (paragraphs)."""

    source: str
    lines: list[str]
    also_in: list[list[str]] = field(default_factory=list)  # per line: other sources repeating it

    @property
    def text(self) -> str:
        """The part's text, one paragraph a line."""
        return "\n".join(self.lines)


@dataclass
class Dropped:
    """Material left out of the index, with the reason (for the ingest report)."""

    source: str
    title: str
    chars: int
    reason: str  # English, for logs
    reason_zh: str  # Chinese, for staff
    excerpt: str


_DATED = re.compile(r"^[(（]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")  # "2015年1月29日 …通过"
LOOKAHEAD = 6  # lines after a title where a new document shows its own 文号, date or 第一条


def starts_document(lines: list[str], i: int) -> bool:
    """Whether the title at lines[i] opens a document of its own: within the next few lines it has a
    文号, a date line, or its own 第一章/第一条 (a title inside a law is a citation, not a new law)."""
    for line in lines[i + 1 : i + 1 + LOOKAHEAD]:
        if line == SEPARATOR:
            break
        if DOC_NUMBER.search(line) or DATE_LINE.match(line) or _DATED.match(line) or _opens_law(line):
            return True
    return False


def _opens_law(line: str) -> bool:
    """第一章 or 第一条: the start of a law's own body."""
    m = structure.match(line, "article")
    return bool(m and m.marker.name in ("章", "条") and m.number == 1)


def _numbers(lines: list[str], outline: bool = False) -> list[tuple[str, int]]:
    """The 第X章/第X条 numbers the lines start with, in order; with `outline`, their top-level 一、二、… and the
    questions of a 政策问答 ("问题6：…？") too."""
    out = []
    for line in lines:
        m = structure.match(line, None if outline else "article")
        if m and m.marker.name in ("章", "条", *(("一、",) if outline else ())):
            out.append((m.marker.name, m.number))
        elif outline and (q := structure.QA_ITEM.match(line.strip())) \
                and (n := structure.cn_to_number(q.group("num"))) is not None:
            out.append(("问题", n))
    return out


def _continues(prev: Part, part: Part) -> bool:
    """A part that carries on its predecessor's 第X章/第X条 numbering (a page break or running header
    fell inside one law), or, when it opens without a title or 文号 of its own, its 一、二、… numbering or its
    questions' "问题N" (a page of a 政策解读, a 问答 guide or a notice)."""
    untitled = not any(is_title_like(x) for x in part.lines[:2]) and not DOC_NUMBER.search("\n".join(part.lines[:3]))
    before, after = _numbers(prev.lines, untitled), _numbers(part.lines[:5], untitled)
    if not before or not after:
        return False
    for name, n in after[:1]:
        last = next((k for kind, k in reversed(before) if kind == name), None)
        if last is not None and n in (last, last + 1):
            return True
    return False


def _inside_law(prev: Part, part: Part) -> bool:
    """A part that follows a law or regulation and has no title, 文号 or date of its own: the rest of an
    article cut off by a page break or running header ("（四）统筹发展；" after a separator)."""
    return (structure.family_of(prev.lines) == "article" and not is_title_like(part.lines[0])
            and not starts_document(part.lines, 0))


def _table_page(part: Part) -> bool:
    """A part that opens with a table (its caption or its rows) and has no 文号 of its own: a table set on a
    page of its own, inside the document before it ("表1 柳州市老年助餐就餐补贴标准" after a page break)."""
    first = part.lines[0] if part.lines else ""
    return bool(structure.TABLE_CAPTION.match(first) or structure.is_table_row(first)) \
        and not DOC_NUMBER.search("\n".join(part.lines[:3]))


_PUBLIC_NOTE = re.compile(r"^[(（](?:此件|本件)[^)）]{0,12}[)）]$")  # "（此件公开发布）" under a notice's 落款


def _title_only(part: Part) -> bool:
    """A part of nothing but a title (and its 文号 or date) or a letterhead ("…民政厅文件"): the start of the part
    that follows it."""
    return all(is_title_like(x) or DOC_NUMBER.fullmatch(x) or DATE_LINE.match(x) or LETTERHEAD.match(x)
               for x in part.lines)


def _attachment(part: Part) -> bool:
    """A part that opens with an attachment's heading ("附件", "附件2：…标准表") and has no 文号 of its own: an
    attachment of the document before it (a notice's table of standards), never a document of its own."""
    return bool(part.lines) and bool(structure.APPENDIX.match(part.lines[0])) \
        and not DOC_NUMBER.search("\n".join(part.lines[:3]))


def _signature_only(part: Part) -> bool:
    """A part of nothing but a 落款 (issuer, date, "（此件公开发布）"): the end of the notice before it, which a page
    break or a removed running header cut off."""
    return bool(part.lines) and all(SIGNATURE_LINE.match(x) or _PUBLIC_NOTE.match(x) for x in part.lines)


def _prints(notice: Part, part: Part) -> bool:
    """Whether `notice` is a 关于印发《X》的通知 and `part` opens with X, or a 公告 that promulgates 《X》 and
    `part` opens with X or, its title lost to a running header, with X's 题注, 目录 or first 章/条: one
    document, as a Word file or a PDF without page breaks between them would give."""
    if not notice.lines or not part.lines:
        return False
    first = normalize_for_match(part.lines[0])
    # the notice's title may stand under a running header that repeats X's title ("X" / "关于印发《X》的通知")
    if m := next((m for x in notice.lines[:3] if (m := NOTICE_TITLE.search(x))), None):
        # X's own title — after the notice's 落款 date and "（此件公开发布）", where those opened the part — or, lost to
        # a running header, its 题注, 目录 or first 章/条
        k = next((i for i, x in enumerate(part.lines[:4]) if not (SIGNATURE_LINE.match(x) or _PUBLIC_NOTE.match(x))), 0)
        opening = part.lines[k]
        return normalize_for_match(opening) == normalize_for_match(m.group(1).strip("《》 ")) or opening == "目录" \
            or _opens_law(opening) or bool(HEADNOTE_START.match(opening))
    if len(notice.lines) > 12 or not any(PROMULGATION_HEAD.search(x) for x in notice.lines[:3]):
        return False
    # the law the 公告 promulgates: named in its text ("《X》已由…通过"), or, a bare 公告 (its number only), the title
    # standing beside it (a running header or the line above: "X" / "…常务委员会公告（第十五号）")
    named = next((m.group(1) for x in notice.lines if (m := PROMULGATED.search(x))), "") or next(
        (x for x in notice.lines[:3] if is_title_like(x) and not PROMULGATION_HEAD.search(x)), "")
    untitled = bool(DATED_EVENT.match(part.lines[0]) or HEADNOTE_START.match(part.lines[0])) or first == "目录" \
        or _opens_law(part.lines[0])
    return bool(named) and (first == normalize_for_match(named) or untitled)


def split_parts(source: str, lines: list[str]) -> list[Part]:
    """Cut at hard separators, then at document titles once the current part has a body. Inside a law or
    regulation (numbered 第X条) a title-like line starts a new document only when it has its own 文号,
    date or 第一条; never at a chapter heading."""
    parts: list[Part] = []
    current: list[str] = []
    body = 0
    articles = 0

    def flush() -> None:
        nonlocal current, body, articles
        if current:
            part = Part(source, current)
            if parts and (_signature_only(part) or _title_only(parts[-1]) or _prints(parts[-1], part)):
                # a notice's 落款 cut off by a page break; a title a removed running header cut from its text; a
                # 印发通知 and the document it prints
                parts[-1] = Part(source, parts[-1].lines + part.lines)
            elif parts and (_continues(parts[-1], part) or _inside_law(parts[-1], part) or _table_page(part)
                            or _attachment(part)):
                before, after = parts[-1].lines, part.lines
                if before and after and before[-1][-1:] not in TERMINAL and not HEADING.match(after[0]) \
                        and structure.match(after[0]) is None and not structure.APPENDIX.match(after[0]) \
                        and not SIGNATURE_LINE.match(before[-1]):  # a sentence a page break cut: one line again
                    before, after = [*before[:-1], before[-1] + after[0]], after[1:]
                parts[-1] = Part(source, before + after)
            else:
                parts.append(part)
        current, body, articles = [], 0, 0

    for i, line in enumerate(lines):
        if line == SEPARATOR:
            flush()
            continue
        if is_title_like(line) and body >= MIN_DOC_BODY and (articles < 2 or starts_document(lines, i)):
            flush()
        current.append(line)
        body += len(line)
        if structure.article_number(line) is not None:
            articles += 1
    flush()
    return parts


def looks_like_policy(part: Part) -> bool:
    """A text with the form of an official document: numbered 第X条, a 文号 at its top, or a document
    title as its first line. Such a text is kept even when it says little about elder care."""
    return (
        structure.family_of(part.lines) == "article"
        or bool(DOC_NUMBER.search("\n".join(part.lines[:8])))
        or any(is_title_like(x) for x in part.lines[:2])
    )


def _is_noise_run(lines: list[str], lex: Lexicon) -> bool:
    chars = sum(len(x) for x in lines)
    if chars < lex.min_noise_run_chars or len(lines) < 2:
        return False
    headed = sum(1 for x in lines if HEADING.match(x))
    return headed / len(lines) < 0.2


def _excerpt(lines: list[str]) -> str:
    return "".join(lines)[:60]


def _noise(part: Part, lines: list[str], where_en: str, where_zh: str) -> Dropped:
    return Dropped(part.source, lines[0][:40], sum(map(len, lines)), f"{where_en} text with no elder-care vocabulary",
                   INGEST_REASONS["noise"].format(where=where_zh), _excerpt(lines))


SIGNATURE_REACH = 12  # lines after a document's last numbered part within which its 落款 date is looked for


def _top_part(line: str) -> bool:
    """Whether a line opens a numbered part of a notice ("五、执行时间")."""
    return (m := structure.match(line, "outline")) is not None and m.marker.level == 1


def _body_goes_on(lines: list[str], end: int) -> int:
    """Where the body ends in a run of lines without elder-care words after lines[:end]: after the 落款 (its date
    line) when the run goes on with the document's numbered parts ("五、执行时间", "七、联系方式" after "四、资金发放"),
    which are its text, not the page's footer; else `end`."""
    if end == 0 or not any(_top_part(x) for x in lines[:end]):
        return end
    last = max((i for i in range(end, len(lines)) if _top_part(lines[i])), default=-1)
    if last < 0:
        return end
    dated = next((i for i in range(last + 1, min(len(lines), last + SIGNATURE_REACH))
                  if DATE_LINE.match(lines[i]) or SIGNATURE_LINE.match(lines[i])), -1)
    return dated + 1 if dated >= 0 else min(len(lines), last + 2)


def trim_noise(part: Part, lex: Lexicon) -> tuple[Part, list[Dropped]]:
    """Cut runs of paragraphs with no elder-care term from the start and end of a part."""
    lines = part.lines
    dropped: list[Dropped] = []
    hits = [topic_hits(x, lex) for x in lines]
    end = len(lines)
    while end > 0 and hits[end - 1] == 0:
        end -= 1
    end = _body_goes_on(lines, end)
    if end < len(lines) and _is_noise_run(lines[end:], lex):
        dropped.append(_noise(part, lines[end:], "trailing", INGEST_REASONS["noise_trailing"]))
        lines = lines[:end]
    start = 0
    while start < len(lines) and hits[start] == 0:
        start += 1
    if start and _is_noise_run(lines[:start], lex):
        dropped.append(_noise(part, lines[:start], "leading", INGEST_REASONS["noise_leading"]))
        lines = lines[start:]
    return Part(part.source, lines), dropped


def topic_density(part: Part, lex: Lexicon) -> tuple[float, float]:
    """(weighted elder-care terms, terms per 1000 characters) of a part."""
    hits = topic_hits(part.text, lex)
    return hits, hits * 1000 / max(len(part.text), 1)


def on_topic(hits: float, density: float, lex: Lexicon) -> bool:
    """Enough elder-care vocabulary (corpus/lexicon/topic.yaml), given a part's topic_density."""
    return hits >= lex.topic_min_hits and density >= lex.topic_min_density


def classify(part: Part, lex: Lexicon) -> Dropped | None:
    """None when the part is kept: elder-care text, or any text with the form of an official document
    (a law staff put into corpus/ is kept whole; ingest warns when it says little about elder care).
    Otherwise why it is dropped (unrelated articles printed around a policy)."""
    text = part.text
    hits, density = topic_density(part, lex)
    if on_topic(hits, density, lex) or looks_like_policy(part):
        return None
    return Dropped(
        part.source,
        part.lines[0][:40],
        len(text),
        f"off-topic: {hits:.0f} elder-care terms, {density:.2f} per 1000 chars "
        f"(needs >= {lex.topic_min_hits:.0f} and >= {lex.topic_min_density:.2f})",
        INGEST_REASONS["off_topic"].format(hits=hits, density=density),
        _excerpt(part.lines),
    )


def _shingles(text: str) -> set[str]:
    t = normalize_for_match(text)
    if len(t) < SHINGLE:
        return {t} if t else set()
    return {t[i : i + SHINGLE] for i in range(len(t) - SHINGLE + 1)}


@dataclass
class Merge:
    """A part whose paragraphs repeat another document's."""

    source: str
    into: list[str]
    paragraphs: int
    whole: bool


def deduplicate(parts: list[Part], min_chars: int = 20,
                distinct: Callable[[int, int], bool] | None = None) -> tuple[list[Part], list[Merge]]:
    """Index repeated paragraphs once, in the most complete copy; the kept copy lists the others.

    Parts are visited longest first, so a complete document wins over a partial reprint of it.
    A paragraph is a repeat when >= 80% of its 8-character shingles occur in one kept document.
    `distinct(i, j)`: True when parts i and j are different versions of a document (other dates), which
    are never merged — the newer one supersedes the older instead."""
    order = sorted(range(len(parts)), key=lambda i: -len(normalize_for_match(parts[i].text)))
    kept_sh: list[tuple[int, set[str]]] = []  # (part index, all its shingles)
    kept_lines_sh: dict[int, list[set[str]]] = {}
    result: dict[int, Part] = {}
    merges: list[Merge] = []
    for i in order:
        part = parts[i]
        owners: list[int | None] = []
        for line in part.lines:
            owner = None
            if len(normalize_for_match(line)) >= min_chars and not is_title_like(line):
                sh = _shingles(line)
                for j, all_sh in kept_sh:
                    if distinct is not None and distinct(i, j):
                        continue
                    if len(sh & all_sh) >= DUP_CONTAINMENT * len(sh):
                        owner = j
                        break
            owners.append(owner)
        dup_chars = sum(len(x) for x, o in zip(part.lines, owners, strict=True) if o is not None)
        # only a reprint of another document is merged; two plans sharing some wording both stay whole
        if dup_chars < REPRINT_SHARE * max(len(part.text), 1):
            owners = [None] * len(part.lines)
        keep_lines: list[str] = []
        dup_into: list[str] = []
        for line, owner in zip(part.lines, owners, strict=True):
            if owner is None:
                keep_lines.append(line)
                continue
            kept = result[owner]
            sh = _shingles(line)
            for li, lsh in enumerate(kept_lines_sh[owner]):  # mark the kept paragraph(s) it repeats
                if lsh and len(lsh & sh) >= 0.5 * min(len(lsh), len(sh)) and part.source != kept.source:
                    if part.source not in kept.also_in[li]:
                        kept.also_in[li].append(part.source)
            if kept.source not in dup_into:
                dup_into.append(kept.source)
        n_dup = len(part.lines) - len(keep_lines)
        substantive = sum(len(x) for x in keep_lines if not is_title_like(x) and len(x) >= min_chars)
        whole = n_dup > 0 and substantive < MIN_DOC_BODY // 3
        if n_dup:
            merges.append(Merge(part.source, dup_into, n_dup, whole))
        if whole:
            continue
        result[i] = Part(part.source, keep_lines, [[] for _ in keep_lines])
        per_line = [_shingles(x) for x in keep_lines]
        kept_sh.append((i, set().union(*per_line) if per_line else set()))
        kept_lines_sh[i] = per_line
    return [result[i] for i in sorted(result)], merges
