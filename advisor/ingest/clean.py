"""Repair text extracted from web pages, PDFs and newspapers: drop site chrome, page markers and running
headers, and re-join lines that were broken mid-sentence. Characters are kept as they are (quotes must stay
verifiable against the source); only whitespace and line structure change."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from itertools import pairwise

from advisor.ingest.patterns import DATE_TEXT, DOC_NUMBER, ISSUER_LINE, LETTERHEAD, SIGNATURE_LINE
from advisor.ingest.readers import PAGE_ROW_KEYS
from advisor.ingest.structure import AGE_ITEM, APPENDIX, TABLE_CELL, is_table_row, opens_article
from advisor.lexicon import Lexicon

SEPARATOR = "\f"  # a hard boundary between two parts of a file (running header, top-level heading)

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
_PAGE_MARK = re.compile(r"\s*第\s*\d+\s*页\s*共\s*\d+\s*页\s*")
# a printed page number on a line of its own: "— 3 —", "- 3 -", "－3－", "3/9", "Page 3"
PAGE_NUMBER_LINE = re.compile(
    r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|[·•]\s*\d{1,4}\s*[·•]|\d{1,4}\s*/\s*\d{1,4}|(?:page|Page|PAGE)\s*\d{1,4})$")
BARE_NUMBER_LINE = re.compile(r"^\d{1,3}$")  # "7" alone on a line of printed text: its page number
_MD_HEADING = re.compile(r"^(#{1,6})\s*(.+)$")
TERMINAL = set("。!?;:…!?;:)）")
OPEN_END = set(",,、(“《")  # a line ending like this continues on the next one
HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百]+[)）]|\d{1,3}[.．、](?!\d)|——|第[一二三四五六七八九十百]+[章节条部分])"
    + "|" + AGE_ITEM.pattern.lstrip("^")  # "3.80周岁以上…": item 3, however its line was wrapped
)
DOC_TYPE_END = re.compile(
    r"(意见|方案|通知|规划|办法|规定|决定|细则|条例|纲要|计划|措施|清单|指南|公告|公示|通告)"
    r"(?:[（(][^（()）]{1,14}[)）])?[”\"]?$"  # "…清单（2024年版）", "…办法（试行）"
)
DATE_LINE = re.compile(rf"^[(（]?\s*{DATE_TEXT}\s*[)）]?$")
# a dated header line of a law: "2015年1月29日 北京市第十四届人民代表大会第三次会议通过"
DATED_EVENT = re.compile(
    rf"^[(（]?\s*{DATE_TEXT}.{{0,150}}(?:通过|批准|修正|修订|公布|施行|实施|发布)\s*[)）]?$"
)


# a web page's metadata row as the reader writes it: "文号:成办发〔2022〕28号"
META_ROW_LINE = re.compile(r"^(?:" + "|".join(sorted(PAGE_ROW_KEYS, key=len, reverse=True)) + r")\s*[:：]")


@dataclass
class Cleaned:
    """Lines of a cleaned file (SEPARATOR entries mark hard boundaries) and what was removed."""

    lines: list[str]
    removed: list[str] = field(default_factory=list)


def normalize_for_match(text: str) -> str:
    """Matching form: NFKC (full-width → half-width), lower case, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


_TAB_CELLS = re.compile(r"\s*\t[\t ]*")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")  # **第一条** → 第一条
_MD_QUOTE = re.compile(r"^\s*>+\s?")  # a markdown blockquote's mark


_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$")  # | --- | --- |
_MD_TABLE_ROW = re.compile(r"^\|(.+\|.+)\|$")  # | a | b |


# a regulation laid out as a table, one row an article: "第七条 | 运营补助按照…" (its label, then its text)
_ARTICLE_CELL = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+条)\s*\|\s*(?=\S)")


def _tidy(line: str) -> str:
    if _MD_TABLE_RULE.match(line.strip()):  # a markdown table's rule line is no row
        return ""
    if m := _MD_TABLE_ROW.match(line.strip()):  # a markdown table row: cells as the readers write them
        line = TABLE_CELL.join(c.strip() for c in m.group(1).split("|"))
    if line.strip().count("\t") >= 2:  # a table row of text pasted from a spreadsheet: cells by tabs
        line = TABLE_CELL.join(c for c in _TAB_CELLS.split(line.strip()) if c.strip())
    if line.count(TABLE_CELL) == 1 and (label := _ARTICLE_CELL.match(line.strip())):
        line = f"{label.group(1)} {line.strip()[label.end():]}"  # an article laid out as a row: "第七条 | 运营补助…"
    line = _MD_EMPHASIS.sub(r"\2", _MD_QUOTE.sub("", line))
    line = line.replace("\xa0", " ").replace("\u3000", " ").replace("\t", " ")
    line = _PAGE_MARK.sub(" ", line)
    line = re.sub(r" {2,}", " ", line).strip()
    return _SPACE_BETWEEN_CJK.sub("", line)


_CLAUSE_FIGURE = re.compile(r"\d")  # a figure after the heading's number ("每人每月300元"): a clause's content
_YEAR_WORD = re.compile(r"(?:19|20)\d{2}\s*年")  # …but a year ("（二）到2025年的目标。") is a heading's


def is_heading_only(line: str) -> bool:
    """A heading line with no body sentence, e.g. "(一)落实基本养老服务清单制度" or "一、总体要求"."""
    m = HEADING.match(line)
    if not m or len(line) > 40 or line[-1] in OPEN_END:
        return False
    if opens_article(line):
        return False  # "第二条本办法所称老年人，是指…": an article's first words, not a heading
    if line[-1] in "；;":
        return False  # "1.《…申请表》；": an item of a list, with content of its own
    if "。" not in line:
        return True
    # "(一)健全政策体系。" is a heading; "21.优化…政策,支持…服务。" and "（一）重度失能老年人，每人每月300元。" (a figure
    # in a sentence) are short clauses
    return (
        line.count("。") == 1
        and line.endswith("。")
        and len(line) <= 20
        and not line[:4].strip()[0].isdigit()
        and not _CLAUSE_FIGURE.search(_YEAR_WORD.sub("", HEADING.sub("", line, count=1)))
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
    """Lines that never continue onto the next one: doc numbers, dates, titles, headings, an attachment's
    name, the organ that issues with its date ("襄阳市樊城区民政局 2026年2月10日")."""
    return bool(
        DOC_NUMBER.fullmatch(line) or DATE_LINE.match(line) or DATED_EVENT.match(line) or META_ROW_LINE.match(line)
        or (SIGNATURE_LINE.match(line) and bool(re.search(DATE_TEXT, line)))
        or (APPENDIX.match(line) and len(line) <= 40)
        or is_table_row(line)
        or is_title_like(line)
        or is_heading_only(line)
    )


def _joiner(a: str, b: str) -> str:
    """What goes between two joined lines: a space between two Latin words, nothing in Chinese text or inside
    a number the wrap cut ("0719-72235" / "16")."""
    if a[-1:].isdigit() and b[:1].isdigit():
        return ""
    return " " if (a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum()) else ""


WRAP_MIN_LINES = 8  # lines of one length that make it the width a typesetter wrapped the text at
WRAP_SLACK = 3  # a wrapped line may fall this many characters short of the width (indents, kinsoku)


def columns(line: str) -> float:
    """A line's width as a typesetter wraps it, in full-width characters: a digit or a Latin letter takes half
    ("对年满6" and "5周岁" are 3.5 and 2.5)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in line)


MEASURES = (len, columns)  # a text is wrapped at a count of characters (a program's wrap) or at a width (a page's)


def _width_by(lines: list[str], measure: Callable[[str], float]) -> float:
    lengths = sorted((measure(x) for x in lines if len(x) >= 16 and x != SEPARATOR), reverse=True)
    if len(lengths) < WRAP_MIN_LINES:
        return 0
    for i, n in enumerate(lengths):
        if i > max(2, len(lengths) // 20):  # too many lines are longer than this: not a wrap width
            return 0
        if sum(1 for m in lengths if n - WRAP_SLACK <= m <= n) >= WRAP_MIN_LINES:
            return n
    return 0


def wrap_width(lines: list[str]) -> tuple[float, ...]:
    """The width hard-wrapped text was broken at, by each of MEASURES (characters; full-width columns, where a
    digit takes half): the longest that at least WRAP_MIN_LINES lines come within WRAP_SLACK of, when no more than
    a few lines are longer (0 where the text is not hard-wrapped by that measure)."""
    return tuple(_width_by(lines, measure) for measure in MEASURES)


def hard_wrapped(text: str) -> bool:
    """Whether a web page's or a Word file's text is hard-wrapped (a document pasted as text into a <pre> block, or
    typed with line breaks): its lines run to one width, as a text file's do."""
    return any(wrap_width([line.strip() for line in text.split("\n")]))


def _at_width(line: str, width: tuple[float, ...], indent: float = 0) -> bool:
    """A line that runs to the wrap width by either measure ("…对年满6" of a page wrapped at 28 columns, a line of
    a program's wrap at 32 characters with its digits), with the indent its paragraph opened with ("　　一、将第十条
    修改为：…" takes two columns more than its words)."""
    return any(w and measure(line) + indent >= w - WRAP_SLACK for measure, w in zip(MEASURES, width, strict=False))


def _wrapped(line: str, width: tuple[float, ...], indent: float = 0) -> bool:
    """A line that runs to the wrap width and does not end a sentence was cut by the wrap: it goes on
    in the next line even when it looks like a heading ("第八条政府投资兴办的养老机构应当…优先")."""
    return _at_width(line, width, indent) and line[-1] not in TERMINAL and not is_table_row(line)


_INDENT = re.compile(r"^[ \u3000\xa0\t]+")
PARAGRAPH_INDENT = 2.0  # a paragraph's first line is indented two characters ("　　"); more centres a title


def indent_of(line: str) -> float:
    """The width a paragraph's indent takes at the start of a line (a full-width space one column, an ASCII blank
    half of one); 0 for none, or for blanks wider than a paragraph's indent (a centred title)."""
    m = _INDENT.match(line)
    width = sum(1.0 if c == "\u3000" else 0.5 for c in m.group(0)) if m else 0.0
    return width if width <= PARAGRAPH_INDENT else 0.0


_SHORT_BRACKET_END = re.compile(r"[(（][^()（）]{1,4}[)）]$")


def _cut_after_bracket(line: str, width: tuple[float, ...]) -> bool:
    """A wrapped line that happens to end on a short bracket ("…委托村（居）" / "民委员会…") is cut mid-sentence,
    though a closing bracket usually ends a heading or a note: only at the wrap width, and not a heading."""
    return _at_width(line, width) and bool(_SHORT_BRACKET_END.search(line)) \
        and not is_heading_only(line)


_BRACKETS = (("（", "）"), ("(", ")"), ("“", "”"))


def _closes_bracket(prev: str, line: str) -> bool:
    """Whether `prev` leaves a bracket or a quote open that `line` closes ("…（老年人意" / "外伤害保险）…")."""
    return any(prev.count(a) > prev.count(b) and line.count(b) > line.count(a) for a, b in _BRACKETS)


def join_broken_lines(lines: list[str], sentences: bool = True, whole: Collection[str] = (),
                      indents: dict[str, float] | None = None) -> list[str]:
    """Re-join a line with the next when it was cut mid-sentence (wrap from PDF/OCR/web copy; only
    with `sentences`) or when a title runs over two lines (always). Lines in `whole` (a markdown file's
    headings) stand alone: their author ended them. `indents`: the width each line's paragraph indent took before
    the lines were stripped."""
    indents = indents or {}
    out: list[str] = []
    width = wrap_width(lines) if sentences else ()
    last = ""  # the previous physical line (out[-1] may be several joined)
    for k, line in enumerate(lines):
        prev_line, last = last, line
        if ISSUER_LINE.match(line) and k + 1 < len(lines) and DATE_LINE.match(lines[k + 1]):
            out.append(line)  # a 落款: the organs that sign, over the date
            continue
        if line == SEPARATOR or not out or out[-1] == SEPARATOR or line in whole or prev_line in whole:
            out.append(line)
            continue
        prev = out[-1]
        cut = _cut_after_bracket(prev_line, width)
        indent = indents.get(prev_line, 0.0)
        prev_open = (prev[-1] not in TERMINAL or cut) and \
            (not _standalone(prev) or cut or _wrapped(prev_line, width, indent))
        # "…精神残疾人，" / "一、二级的肢体残疾人…": after a comma at the wrap width no heading starts, only the
        # sentence goes on (with a number that looks like one)
        mid_sentence = sentences and prev[-1] in "，,、" and _wrapped(prev_line, width, indent)
        next_starts_new = (bool(HEADING.match(line)) or _standalone(line)) and not mid_sentence
        long_enough = len(prev) >= 20
        title_wrap = (
            prev[-1] not in TERMINAL
            and not HEADING.match(prev)
            and not _standalone(prev)
            and len(prev) < 30
            and bool(DOC_TYPE_END.search(line))
            and len(prev) + len(line) <= 60
        )
        # "关于印发《…实施细则（试行）" / "》的通知", "…“银龄安康工程”（老年人意" / "外伤害保险）实施方案的通知": a title
        # mark or a bracket left open runs on in the line that closes it
        unclosed = (prev.count("《") > prev.count("》") or _closes_bracket(prev, line)) and len(prev) + len(line) <= 120
        # "…关于印发《…办法》" / "的通知": a title's last words wrapped onto a line of their own
        title_tail = line.startswith("的") and len(line) <= 12 and is_title_like(line) \
            and ("关于" in prev or prev.endswith("》")) and len(prev) + len(line) <= 120
        if (sentences and prev_open and long_enough and not next_starts_new) or title_wrap or unclosed or title_tail:
            out[-1] = prev + _joiner(prev, line) + line
        else:
            out.append(line)
    return out


_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MD_SECTION_MAX = 12  # a markdown heading this short and naming no document is a section label ("## 办理时限")
_STRUCTURAL = re.compile(r"^(?:第\s*[一二三四五六七八九十百零〇\d]+\s*[编章节条]|[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百]+[)）]|附\s*件|附\s*则)")


def _repeats(tidied: list[str]) -> set[str]:
    """The short lines a page repeats as its running header or footer: lines seen three times or more, where
    a page's text layer may set a header's two parts on one line and another page on two ("…规范性文件" +
    "呼政办发〔2024〕9号"): both forms count as the same header."""
    lines = [x for x in tidied if x]
    counts = Counter(lines)
    pairs = Counter(a + b for a, b in pairwise(lines) if len(a + b) <= 60)
    out = {x for x in counts if len(x) <= 40 and counts[x] >= 3}
    out |= {x for x in counts if len(x) <= 60 and counts[x] + pairs[x] >= 3}  # the two parts on one line
    for a, b in pairwise(lines):  # the two parts on two lines
        if len(a + b) <= 60 and counts[a + b] + pairs[a + b] >= 3:
            out |= {a, b}
    return out


# a part's number printed apart from its title, as a 图解 page's blocks do ("一" over "高龄津贴"): one heading, "一、高龄津贴"
_BARE_ORDINAL = re.compile(r"^[一二三四五六七八九十]{1,3}$")
BARE_TITLE_MAX = 30  # the title under such a number is this short


def _number_titles(tidied: list[str]) -> list[str]:
    """`tidied` with each bare part number joined to the short title line after it ("一" + "高龄津贴" → "一、高龄津贴")
    and that line emptied (the list keeps its length)."""
    out = list(tidied)
    for i, line in enumerate(out):
        if not _BARE_ORDINAL.match(line):
            continue
        j = next((k for k in range(i + 1, len(out)) if out[k]), None)
        if j is not None and len(out[j]) <= BARE_TITLE_MAX and not HEADING.match(out[j]) \
                and not re.search(r"[。；;，,]", out[j]):
            out[i], out[j] = f"{line}、{out[j]}", ""
    return out


def clean_text(raw: str, lex: Lexicon, max_chrome_chars: int = 40, rejoin: bool = True) -> Cleaned:
    """Clean a whole file: chrome, page markers, running headers, markdown marks, broken lines
    (`rejoin`: lines of plain text and PDFs may be cut mid-sentence; a web page's or a Word file's
    lines are its paragraphs and are never joined).
    A markdown heading of level 1–2 that names a document ("…的通知", "…办法") or runs like a headline is a boundary
    between parts; a heading of the document's own structure (第X章, 一、, 附则), a short section label of a guide
    ("## 申请材料", "## 办理流程") or a question of an explainer is not: a law or an 办事指南 written in markdown stays
    one document."""
    raw = _MD_COMMENT.sub("\n", raw)  # markdown/HTML comments are not shown to a reader
    raw_lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tidied = _number_titles([_tidy(x) for x in raw_lines])
    indents = {t: indent_of(x) for x, t in zip(raw_lines, tidied, strict=True) if t}
    repeated = _repeats(tidied)
    removed: list[str] = []
    lines: list[str] = []
    headings: set[str] = set()  # markdown headings, lines of their own
    title_kept = False
    for line in tidied:
        if not line:
            continue
        if PAGE_NUMBER_LINE.match(line) or (rejoin and BARE_NUMBER_LINE.match(line)) or \
                (len(line) <= max_chrome_chars and any(p.search(line) for p in lex.chrome)):
            removed.append(line)
            continue
        if line in repeated and not HEADING.match(line) and line[-1] not in TERMINAL:
            if not lines and is_title_like(line):  # a PDF whose running header is its title: the title, once
                lines.append(line)
                title_kept = True
                continue
            if lines and LETTERHEAD.match(lines[-1]) and DOC_NUMBER.fullmatch(line):
                lines.append(line)  # the 文号 under the 红头, which the running header repeats: in its place, once
                continue
            removed.append(line)  # a page's running header/footer: a boundary between parts
            if lines and lines[-1] != SEPARATOR and not (title_kept and len(lines) == 1):
                lines.append(SEPARATOR)
            continue
        m = _MD_HEADING.match(line)
        if m:
            line = m.group(2).strip()
            headings.add(line)
            if len(m.group(1)) <= 2 and lines and lines[-1] != SEPARATOR and not _STRUCTURAL.match(line) \
                    and (is_title_like(line) or (len(line) > MD_SECTION_MAX and line[-1] not in "？?")):
                lines.append(SEPARATOR)
        lines.append(line)
    while lines and lines[-1] == SEPARATOR:
        lines.pop()
    return Cleaned(join_broken_lines(lines, sentences=rejoin, whole=headings, indents=indents), removed)
