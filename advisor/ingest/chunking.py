"""Structure-aware chunking for Chinese policy text: one chunk per clause (or part of a long one),
carrying its heading path, article label and character offsets in the cleaned document."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from advisor.ingest import structure
from advisor.ingest.clean import DATE_LINE, MD_SECTION_MAX, META_ROW_LINE, is_heading_only
from advisor.ingest.numerals import cn_to_number
from advisor.ingest.patterns import DATE, DOC_NUMBER, SIGNATURE_LINE
from advisor.schema import Chunk, Document

_L1 = re.compile(r"^([一二三四五六七八九十]+)、")
_L2 = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]")
_L3 = re.compile(r"^(\d{1,3})[.．、](?!\d)")
# an item numbered （1） where a document has no 1. items ("三、签约服务" / "（1）签约对象。…" / "①…"): its items
_L3_PAREN = next(m.pattern for m in structure.MARKERS if m.name == "(1)")
# a step of a procedure ("第二步：能力评估和审核"), an item of its part as well
_L3_STEP = re.compile(r"^第([一二三四五六七八九十]|\d{1,2})步")
_INLINE_L2 = re.compile(r"\s(?=[(（][一二三四五六七八九十]+[)）])")
# a sentence ends after 。!?; — or after the closing quote that follows one ("…‘免申即享’。”县民政局…"), which
# belongs to the sentence it closes
_SENTENCE_END = re.compile(r"(?<=[。!?;])(?![”’」』])|(?<=[。!?;][”’」』])")


@dataclass
class _Para:
    text: str
    start: int
    end: int


def _paragraphs(text: str) -> list[_Para]:
    """Lines of the document with offsets; a line "二、工作任务 (一)健全服务体系。" is split in two."""
    out: list[_Para] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        pieces = _INLINE_L2.split(line) if _L1.match(line) else [line]
        off = start
        for piece in pieces:
            i = text.index(piece, off) if piece else off
            if piece.strip():
                out.append(_Para(piece.strip(), i, i + len(piece.strip())))
            off = i + len(piece)
    return out


def _item_number(text: str) -> int | None:
    """The number of an item ("3." → 3, "（3）" → 3, "第三步" → 3), or None."""
    m = _L3.match(text) or _L3_PAREN.match(text) or _L3_STEP.match(text)
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else cn_to_number(m.group(1))


def _heading_label(text: str) -> str:
    """Heading text: the marker plus its short title (up to the first 。 when short); items: "11.", "(3)"."""
    if m := _L3.match(text):
        return m.group(0)
    if m := _L3_PAREN.match(text):
        return f"({m.group(1)})"
    if m := _L3_STEP.match(text):
        return m.group(0)
    if m := structure.QA_ITEM.match(text):
        return m.group("label")
    head = re.split(r"[。]", text, maxsplit=1)[0]
    return head if len(head) <= 40 else head[:40] + "…"


def article_label(stack: dict[int, str], with_part: bool = False, decimal: bool = False) -> str:
    """第(六)条第11项 style label from the heading stack; 第二部分第(一)条第3项 where `with_part` (the (一) of
    the document start again under each 一、, so (一) alone does not say which clause); for a `decimal` document, the
    number of its deepest level, as written ("4.4")."""
    if decimal:
        return structure.decimal_number(stack[max(stack)]) if stack else ""
    parts = []
    if 1 in stack and (m := _L1.match(stack[1])) and (with_part or 2 not in stack):
        parts.append(f"第{m.group(1)}部分")
    elif 1 in stack and SECTION_LABEL.match(stack[1]) and not structure.APPENDIX.match(stack[1]):
        parts.append(stack[1])  # "申请材料第2项", "收费标准": the sections of a guide, unnumbered
    if 2 in stack and (m := _L2.match(stack[2])):
        parts.append(f"第({m.group(1)})条")
    if 3 in stack and (m := _L3.match(stack[3])):
        parts.append(f"第{m.group(1)}项")
    elif 3 in stack and (m := _L3_PAREN.match(stack[3])):
        parts.append(f"第({m.group(1)})项")
    elif 3 in stack and _L3_STEP.fullmatch(stack[3]):
        parts.append(stack[3])  # "第三部分第二步"
    elif 3 in stack and structure.QA_LABEL.fullmatch(stack[3]):
        parts.append(stack[3])  # a 政策问答's question, labelled as the page numbers it ("问题2")
    return "".join(parts)


# an unnumbered section label of a guide ("申请材料", "办理时限", "持证优待项目（摘要）"): a short line of words alone,
# no sentence, no issuer (a 落款 "柳北区民政局" is no section)
SECTION_LABEL = re.compile(rf"^[\u4e00-\u9fa5][\u4e00-\u9fa5（）()]{{1,{MD_SECTION_MAX - 1}}}$")
# (an issuer that compiled the guide, "万载县民政局万载县行政审批局编制", is no section either)
_ISSUER_END = re.compile(r"(?:局|厅|委|委员会|政府|办公室|办|中心|院|会|处|科|股|所)(?:编制|编印|制定|制发|印发|发布)?$")


# the name of a kind of document ("…申领办事指南", "…实施办法"): a title line, no section of the document
_TITLE_END = re.compile(r"(?:指南|办法|通知|细则|方案|意见|条例|规定|清单|问答|解读|公告|决定)$")


def _section_label(paras: list[_Para], i: int) -> bool:
    """Whether paras[i] heads an unnumbered section of a document numbered without 一、 (a markdown 办事指南's "##
    申请材料" over its items 1., 2., …): a label line followed by a body line."""
    text = paras[i].text
    return bool(SECTION_LABEL.match(text)) and not _ISSUER_END.search(text) and not _TITLE_END.search(text) \
        and i + 1 < len(paras) and not SECTION_LABEL.match(paras[i + 1].text)


def _attachment(p: _Para) -> bool:
    """Whether a paragraph is the heading of an attachment (附件1：申请表), which starts its own numbering."""
    return bool(structure.APPENDIX.match(p.text)) and len(p.text) <= 40


def _closing(paras: list[_Para]) -> int:
    """Where a notice's closing starts: the trailing lines naming its attachments and its 落款 (organs, date),
    when they hold a dated signature; len(paras) when there is none."""
    start = len(paras)
    while start and (SIGNATURE_LINE.match(paras[start - 1].text) or _attachment(paras[start - 1])):
        start -= 1
    dated = any(DATE.search(p.text) and SIGNATURE_LINE.match(p.text) for p in paras[start:])
    return start if dated else len(paras)


def _restarts(paras: list[_Para]) -> bool:
    """Whether the (一) numbering starts again under a later 一、 (a notice: 一、(一)(二) 二、(一)), rather than
    running on through the document (an 意见: 一、(一)(二) 二、(三))."""
    seen: set[str] = set()
    part, under = "", set()
    for p in paras:
        if _attachment(p):  # an attachment numbers itself afresh
            break
        if m := _L1.match(p.text):
            seen |= under
            part, under = m.group(1), set()
        elif part and (m := _L2.match(p.text)):
            if m.group(1) in seen:
                return True
            under.add(m.group(1))
    return False




def _next_item(text: str, stack: dict[int, str]) -> str:
    """"3." when `text` starts "3.80周岁以上…" right after item 2 of the same list, "1." when "1.60至79周岁…"
    opens a list under its heading (the number in sequence decides: a figure such as 3.80 does not follow
    item 2), else ""."""
    m = structure.AGE_ITEM.match(text)  # an age or an age band follows, not a figure such as 2.5万元
    if not m:
        return ""
    last = _L3.match(stack.get(3, ""))
    expected = int(last.group(1)) + 1 if last else 1
    return f"{m.group(1)}." if int(m.group(1)) == expected else ""


def _ends_list(items: list[int], before: str, text: str) -> bool:
    """Whether an unnumbered paragraph `text` after item `before` closes the list rather than going on with its
    last item: every item so far (two at least) was one paragraph, the last one ends its sentence, and `text` is
    no answer to a numbered question ("消费券可用于：1. 助餐服务；… 7. 家庭养老床位服务。" then "消费券不得用于…"
    belongs to the section, as a law's later 款 belongs to its 条)."""
    return (len(items) >= 2 and all(n == 1 for n in items) and before.endswith(("。", ".", "！"))
            and not text.startswith(("答", "A:", "A：")))


def _list_goes_on(paras: list[_Para], i: int, stack: dict[int, str], paren_items: bool = False) -> bool:
    """Whether the next numbered paragraph from `i` on is the next item of the list in `stack` (then the unnumbered
    paragraphs before it go on with the last item: "11.丰富普惠性服务供给。…" / "加快兰州…试点项目建设。" / "12.…");
    `paren_items` as for `_level`."""
    last = _item_number(stack.get(3, ""))
    for p in paras[i:]:
        if lvl := _level(p.text, paren_items):
            n = _item_number(p.text)
            return lvl == 3 and n is not None and last is not None and n == last + 1
    return False


def _decimal_level(text: str) -> int:
    """The level a decimal number opens (1 for "2 评定条件", 2 for "2.1", …), 0 for none."""
    number = structure.decimal_number(text)
    return min(number.count(".") + 1, structure.DECIMAL_LEVELS) if number else 0


def _decimal_title(text: str) -> bool:
    """Whether a decimal-numbered line is a title alone ("2 评定条件", "2.1 基本条件"), no clause."""
    m = structure.DECIMAL_TOP.match(text) or structure.DECIMAL.match(text)
    rest = (m.group("rest") or "") if m else ""
    return bool(m) and len(rest) <= 20 and not re.search(r"[。；;，,：:]", rest)


def _level(text: str, paren_items: bool = False) -> int:
    """The outline level a paragraph's number opens: 1 for 一、, 2 for (一), 3 for an item (1., 第二步, or （1）
    where the document numbers its items so: `paren_items`); 0 for none."""
    if _L1.match(text):
        return 1
    if _L2.match(text):
        return 2
    if _L3.match(text) or structure.QA_ITEM.match(text) or (paren_items and _L3_PAREN.match(text)) \
            or _L3_STEP.match(text):
        return 3
    return 0


def split_sentences(text: str) -> list[str]:
    """Sentences ending in 。;!? (the ending stays with its sentence)."""
    return [s for s in _SENTENCE_END.split(text) if s]


def chunk_sentences(text: str) -> list[str]:
    """A chunk's sentences as answers quote them (line breaks inside a clause removed; a notice's closing
    lines — an attachment's name, the 落款 — and a table's rows stand alone, never run into a sentence). The index embeds
    exactly these, in this order, so the answer composer can look up sentence i's vector."""
    out: list[str] = []
    run: list[str] = []
    for line in text.split("\n"):
        if SIGNATURE_LINE.match(line.strip()) or structure.APPENDIX.match(line.strip()) \
                or line.count(structure.TABLE_CELL) >= 2:  # a table's row is read whole: a cell's "。" ends no row
            out += [*split_sentences("".join(run)), line.strip()]
            run = []
        else:
            run.append(line)
    return out + split_sentences("".join(run))


def _split_long(p: _Para, max_chars: int) -> list[_Para]:
    """Split an over-long clause at sentence ends, overlapping one sentence between pieces."""
    sents = split_sentences(p.text)
    pieces: list[_Para] = []
    offs = []
    o = p.start
    for s in sents:
        offs.append((o, o + len(s)))
        o += len(s)
    i = 0
    while i < len(sents):
        j = i
        size = 0
        while j < len(sents) and (size + len(sents[j]) <= max_chars or j == i):
            size += len(sents[j])
            j += 1
        if j == i + 1 and len(sents[i]) > max_chars:  # one sentence longer than the limit: cut by chars
            s0, _ = offs[i]
            text = sents[i]
            for k in range(0, len(text), max_chars):
                piece = text[k : k + max_chars]
                pieces.append(_Para(piece, s0 + k, s0 + k + len(piece)))
            i = j
            continue
        pieces.append(_Para("".join(sents[i:j]), offs[i][0], offs[j - 1][1]))
        if j >= len(sents):
            break
        i = max(j - 1, i + 1)  # one sentence of overlap
    return pieces


_Group = tuple[list[_Para], str, str]  # paragraphs, heading path, article label
PREAMBLE = "题注"  # what precedes a law's first 章/条: its title and the note of its adoption and amendments
HEADER = "文件开头"  # a notice's or a page's head: its title, 文号 and the rows a site prints (发布时间, 来源, 浏览次数)
HEAD_LABELS = (PREAMBLE, HEADER)  # the parts that say what a document is and when, not what it rules


def is_head(chunk: Chunk) -> bool:
    """Whether a chunk is a document's head (a law's 题注, a notice's 文件开头) rather than one of its clauses."""
    return not chunk.article and chunk.heading_path.split(" > ")[0] in HEAD_LABELS


def chunk_document(
    doc: Document, max_chars: int = 360, min_chars: int = 40, also_in_by_line: list[list[str]] | None = None,
    article_max_chars: int = 400,
) -> list[Chunk]:
    """Chunks for one document, in order, structured by the document's own numbering family: one chunk
    per 条 for laws and regulations (structure.family_of), one per clause for outline-numbered plans.
    Table rows are chunks of their own, with the table's header row in their heading path."""
    if structure.family_of(doc.text.split("\n")) == "article":
        groups = _article_groups(doc, article_max_chars)
        return _make_chunks(doc, groups, article_max_chars, also_in_by_line)
    return _make_chunks(doc, _outline_groups(doc, max_chars, min_chars), max_chars, also_in_by_line)


TABLE_MARK = "表:"  # the heading-path segment of a table row's chunk that holds the table's header row


def table_context(heading_path: str) -> str:
    """What a table row means, for a row's chunk: the heading the table stands under and its header row
    ("（二）护理补贴标准 年龄段 | 轻度失能 | …"); "" for a chunk that is no table row."""
    parts = heading_path.split(" > ")
    if not parts or not parts[-1].startswith(TABLE_MARK):
        return ""
    return " ".join([*parts[-2:-1], parts[-1][len(TABLE_MARK):]])


# a sentence that introduces the table under it: "…具体标准和发放方式见下表：", "标准如下："
_INTRODUCES = re.compile(r"(?:见下表|如下表|下表|如下)\s*[:：]?\s*$")


PAGE_LINE_MAX = 40  # a running header or footer a page break leaves inside a table is no longer than this


def _cells(line: str) -> int:
    return line.count(structure.TABLE_CELL) + 1


def _page_break_line(paras: list[_Para], i: int, j: int) -> bool:
    """Whether paras[j] is what a page break leaves inside the table starting at paras[i] (a running header, a
    page number): a short line that is no sentence, no heading and no caption, between rows of the table's width."""
    text = paras[j].text
    return (j > i and j + 1 < len(paras) and structure.is_table_row(paras[j + 1].text)
            and _cells(paras[j + 1].text) == _cells(paras[i].text) == _cells(paras[j - 1].text)
            and len(text) <= PAGE_LINE_MAX and text[-1] not in "。；;：:" and not structure.TABLE_CAPTION.match(text)
            and structure.match(text, "outline") is None and structure.match(text, "article") is None)


# a sentence that introduces a table below it ("按照下表给予补贴：", "具体标准如下："): the table is part of its clause
INTRODUCES_TABLE = re.compile(r"下表|如下|见表|附表|此表")
_UNIT = re.compile(r"单位\s*[:：]\s*([^）)\s，。；]{1,12})")


def _unit_before(paras: list[_Para], i: int) -> str:
    """The unit the line above the table at paras[i] gives its figures in ("补贴标准如下表（单位：元/床·月）："), as
    a note to its header row; "" when none is given."""
    m = _UNIT.search(paras[i - 1].text) if i else None
    return f"（单位：{m.group(1)}）" if m else ""


CAPTION_MAX = 40  # a table's caption is a name this short, no sentence


def _caption(text: str) -> bool:
    """Whether a line right above a table names it ("襄垣县2026年度居家养老服务定点机构名单及服务价格"): short, no
    sentence, no numbered clause."""
    return len(text) <= CAPTION_MAX and not re.search(r"[。；;：:，,]", text) and not _level(text) \
        and not structure.is_table_row(text) and not _ISSUER_END.search(text)


def _table_rows(paras: list[_Para], i: int) -> int:
    """Length of the run of table rows starting at paras[i] (0 when paras[i] is no table row), over the lines a
    page break leaves inside it (the table goes on on the next page)."""
    j = i
    while j < len(paras) and (structure.is_table_row(paras[j].text) or _page_break_line(paras, i, j)):
        j += 1
    return j - i if j - i >= 2 else 0


def _table_header(paras: list[_Para], i: int, before: str) -> str:
    """The header row of the table starting at paras[i]: its first row, or — where that row holds figures ("1 | 高龄津贴
    | … | 每人每月100元") and the document's last table header `before` is as wide — that header: the table goes on
    under a category row a Word table merges across its columns ("一、物质帮助类"), which reads as a heading."""
    first = paras[i].text
    if before and _cells(before) == _cells(first) and re.search(r"\d", first) and not re.search(r"\d", before):
        return before
    return first


def _table_groups(paras: list[_Para], i: int, n: int, path: str, label: str, header: str = "",
                  unit: str = "") -> list[_Group]:
    """One group per data row of the table paras[i:i+n]; its header row (`header`, by default its first row) goes
    into the heading path. The lines a page break left inside it, and its header row repeated on the next page, are
    no rows."""
    rows = [p for p in paras[i : i + n] if structure.is_table_row(p.text)]
    if _key_value(rows):  # a guide's "事项名称 | … / 申请材料 | … / 办理时限 | …": each row says what it is, none heads
        # (and is cited by what it is, "发放方式", where it stands in no numbered clause)
        return [([p], path, label or p.text.split(structure.TABLE_CELL)[0].strip()) for p in rows]
    header = header or paras[i].text
    head_path = " > ".join(x for x in (path, f"{TABLE_MARK}{header}{unit}") if x)
    return [([p], head_path, label) for p in rows if p.text != header]


# the fields of a 办事指南 (the elements a 政务服务 guide lists for each matter): a two-column table of them is a list of
# fields, whose first row ("事项名称 | …") is one of them, not a header over columns ("服务对象 | 补贴标准" is one)
GUIDE_FIELDS = frozenset({
    "事项名称", "事项类型", "实施主体", "实施机关", "办理机构", "受理机构", "设定依据", "实施依据", "服务对象", "受理条件",
    "申请条件", "办理条件", "申请材料", "所需材料", "办理材料", "办理流程", "办理程序", "办事流程", "办理时限", "承诺时限",
    "法定时限", "办结时限", "收费标准", "收费依据", "是否收费", "办理地点", "受理地点", "办公地址", "办理时间", "办公时间",
    "受理时间", "咨询电话", "咨询方式", "联系电话", "监督电话", "投诉电话", "监督投诉", "办理方式", "办理结果", "结果送达",
    "审批结果", "网上办理", "注意事项"})


def _key_value(rows: list[_Para]) -> bool:
    """Whether a table is a 办事指南's list of fields: two columns, distinct labels in the first, most of them
    fields a guide lists (GUIDE_FIELDS)."""
    labels = [c[0].strip() for c in (r.text.split(structure.TABLE_CELL) for r in rows) if len(c) == 2]
    return len(rows) >= 3 and len(labels) == len(rows) and len(set(labels)) == len(labels) \
        and sum(label in GUIDE_FIELDS for label in labels) * 2 >= len(labels)


def _article_groups(doc: Document, max_chars: int) -> list[_Group]:
    """Groups for a document numbered 第X条: the preamble (title, adoption and amendment lines), then
    one group per 条 under its 编/章/节 path; a 条 longer than `max_chars` is cut between its 款 (each
    piece labelled 第X条第N款), and a 款 longer than that between its 项."""
    paras = _lines(doc.text)
    divisions: dict[int, str] = {}
    groups: list[_Group] = []
    current: list[tuple[_Para, int]] = []  # (paragraph, its 款 number) of the current 条
    number = 0
    preamble: list[_Para] = []

    def path() -> str:
        return " > ".join(divisions[k] for k in sorted(divisions))

    def flush() -> None:
        nonlocal current
        if current:
            groups.extend(_article_pieces(current, number, path(), max_chars))
        current = []

    i = 0
    after_table = ""  # the label of the 条 a table just ended inside
    last_header = ""  # the header row of the last table: a table a category row interrupts goes on under it
    while i < len(paras):
        p = paras[i]
        m = structure.match(p.text, "article")
        appendix = structure.APPENDIX.match(p.text)
        if (m and (m.marker in structure.DIVISIONS or m.marker is structure.ARTICLE)) or appendix:
            after_table = ""
        if m and m.marker in structure.DIVISIONS and len(p.text) <= 40:
            flush()
            divisions = {k: v for k, v in divisions.items() if k < m.marker.level}
            divisions[m.marker.level] = re.sub(r"^(第\s*\S+?\s*[编章节])\s*", r"\1 ", p.text).strip()
        elif appendix and current and len(p.text) <= 40:
            flush()
            number = 0
            divisions = {1: p.text}
        elif m and m.marker is structure.ARTICLE:
            flush()
            number = m.number
            current = [(p, 1)]
        elif n := _table_rows(paras, i):
            in_article = bool(current)
            flush()
            label = structure.article_label(number) if number else ""
            caption = paras[i - 1].text if i and (structure.TABLE_CAPTION.match(paras[i - 1].text) or _INTRODUCES.search(
                paras[i - 1].text)) else ""
            header = _table_header(paras, i, last_header)
            if caption and path().endswith(caption):
                caption = ""  # "附表：…补贴标准" heads the attachment already
            groups.extend(_table_groups(paras, i, n, " > ".join(x for x in (path(), label, caption) if x), label, header,
                                        _unit_before(paras, i)))
            last_header = header
            i += n
            after_table = label if in_article else ""
            continue
        elif after_table:  # "表1中…": the 条 a table stood in goes on after it
            groups.append(([p], " > ".join(x for x in (path(), after_table) if x), after_table))
        elif current:
            numbers = structure.paragraph_numbers([x.text for x, _ in current] + [p.text])
            current.append((p, numbers[-1]))
        elif not groups and not divisions:
            preamble.append(p)
        else:  # text between divisions outside any 条 (a chapter's preface, an appendix's body)
            groups.append(([p], path(), ""))
        i += 1
    flush()
    return ([(preamble, PREAMBLE, "")] if preamble else []) + groups  # title and 题注 (adoption, amendments)


def _article_pieces(paras: list[tuple[_Para, int]], number: int, path: str, max_chars: int) -> list[_Group]:
    """A 条 as one group, or cut between 款 (then 项) when longer than `max_chars`."""
    label = structure.article_label(number)
    full_path = " > ".join(x for x in (path, label) if x)
    size = paras[-1][0].end - paras[0][0].start
    if size <= max_chars:
        return [([p for p, _ in paras], full_path, label)]
    n_paragraphs = paras[-1][1]
    pieces: list[list[tuple[_Para, int]]] = [[]]
    for p, k in paras:
        cur = pieces[-1]
        too_long = cur and p.end - cur[0][0].start > max_chars
        if cur and (too_long or (k != cur[-1][1] and p.end - cur[0][0].start > max_chars // 2)):
            pieces.append([])
        pieces[-1].append((p, k))
    out: list[_Group] = []
    for piece in pieces:
        first, last = piece[0][1], piece[-1][1]
        lab = structure.article_label(number, first, last) if n_paragraphs > 1 else label
        out.append(([p for p, _ in piece], " > ".join(x for x in (path, lab) if x), lab))
    return out


def _lines(text: str) -> list[_Para]:
    """The document's non-empty lines with their offsets."""
    out: list[_Para] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            out.append(_Para(stripped, start, start + len(stripped)))
        pos += len(line) + 1
    return out


def _head_lines(paras: list[_Para]) -> int:
    """How many leading paragraphs are the document's head — its title, then its 文号, a date line and the rows a
    site prints ("发布时间：… 来源：… 浏览次数：…") — when it has such rows or a 文号 (0 otherwise: a title alone
    stays with the first paragraph)."""
    n = 1 if paras else 0
    while n < len(paras) and len(paras[n].text) <= 120 and (
            META_ROW_LINE.match(paras[n].text) or DOC_NUMBER.fullmatch(paras[n].text.strip("()（）"))
            or DATE_LINE.match(paras[n].text) or (SIGNATURE_LINE.match(paras[n].text) and DATE.search(paras[n].text))):
        n += 1
    return n if n > 1 else 0


QUESTION_MAX = 40  # a question line of a 问答 page is this short


def _asks(paras: list[_Para], i: int) -> bool:
    """Whether paragraph i is a question of a 政策问答 that the next paragraph answers ("问：…？" or "…？" over
    "答：…"): it goes with its answer, not with the answer before it."""
    text = paras[i].text
    answered = i + 1 < len(paras) and bool(structure.QA_ANSWER.match(paras[i + 1].text))
    # (or a bare question line over a bare answer, as a 常见问题 page whose questions open answers on a click prints:
    # "失能评估要交钱吗？" / "评估费用每人每次300元。…")
    bare = i + 1 < len(paras) and len(text) <= QUESTION_MAX and not re.search(r"[。；;]", text) \
        and not paras[i + 1].text.rstrip().endswith(("?", "？"))
    return bool(structure.QA_QUESTION.match(text)) or ((answered or bare) and text.rstrip().endswith(("?", "？")))


def _outline_groups(doc: Document, max_chars: int, min_chars: int) -> list[_Group]:
    """Groups for a document numbered 一、/(一)/1.: one per clause; headings-only lines update the path
    and are not chunks; short paragraphs are merged into their neighbour under the same heading."""
    stack: dict[int, str] = {}
    groups: list[_Group] = []
    paras = _paragraphs(doc.text)
    with_part = _restarts(paras)
    closing = _closing(paras)
    last_header = ""  # the header row of the last table: a table a category row interrupts goes on under it
    numbered_parts = any(_L1.match(p.text) for p in paras)  # 一、 heads the parts: no unnumbered section labels
    # numbered 1, 2.1, 2.1.3 (a standard, a 细则 written like one): its levels are those of the decimal numbers
    decimal = not numbered_parts and sum(bool(structure.DECIMAL.match(p.text)) for p in paras) >= structure.MIN_ARTICLES
    paren_items = numbered_parts and not any(_L3.match(p.text) for p in paras)  # （1） numbers the items
    items: list[int] = []  # the paragraphs of each item of the current 1./2./3. list
    caption = ""  # the name of the table that follows
    i = _head_lines(paras)
    if i:  # the title with the 文号 and the site's rows: what the document is, no clause of it
        groups.append((paras[:i], HEADER, ""))
    while i < len(paras):
        p = paras[i]
        i += 1
        n = _table_rows(paras, i - 1)
        if not n and structure.is_table_row(p.text):  # a row alone: a header whose rows follow a category row,
            if not re.search(r"\d", p.text):  # or the one row under a category, read with that header
                last_header = p.text
            elif last_header and _cells(last_header) == _cells(p.text):
                n = 1
        if n:
            path = " > ".join(stack[k] for k in sorted(stack))
            label = article_label(stack, with_part, decimal)
            if caption:  # a named table is a part of its own (of an attachment, if under one), unless the clause
                # before it introduces it ("具体标准见下表")
                introduced = bool(groups) and bool(INTRODUCES_TABLE.search("".join(x.text for x in groups[-1][0])))
                under = path if introduced or (1 in stack and structure.APPENDIX.match(stack[1])) else ""
                path, label = " > ".join(x for x in (under, caption) if x), label if introduced else ""
                caption = ""
            header = _table_header(paras, i - 1, last_header)
            groups.extend(_table_groups(paras, i - 1, n, path, label, header, _unit_before(paras, i - 1)))
            last_header = header
            i += n - 1
            continue
        if groups and i - 1 >= closing and TABLE_MARK not in groups[-1][1]:
            # the 落款 (and the names of the attachments above it) close the last clause; no clause of their own
            groups[-1][0].append(p)
            continue
        if _attachment(p) or structure.ASKER_LABEL.match(p.text) or structure.REPLY_LABEL.match(p.text):
            stack = {1: p.text}  # 附件, a citizen's 留言内容, the office's 回复内容: a section of its own
            continue
        if _caption(p.text) and _table_rows(paras, i):  # "…定点机构名单及服务价格" over its table: the table's name
            caption = p.text
            continue
        if not numbered_parts and _section_label(paras, i - 1):  # "申请材料" over items 1., 2.: a section too
            stack = {1: p.text}
            continue
        lvl, item = (_decimal_level(p.text) if decimal else _level(p.text, paren_items)), ""
        if not lvl and not decimal and (item := _next_item(p.text, stack)):
            lvl = 3
        if lvl:
            stack = {k: v for k, v in stack.items() if k < lvl}
            stack[lvl] = item or _heading_label(p.text)
            first = _item_number(stack[lvl]) == 1
            items = (items if lvl == 3 and not first else []) + ([1] if lvl == 3 and not decimal else [])
            if is_heading_only(p.text) or (decimal and _decimal_title(p.text)):
                continue
        elif 3 in stack and _ends_list(items, paras[i - 2].text, p.text) and not _list_goes_on(paras, i, stack, paren_items):
            stack = {k: v for k, v in stack.items() if k < 3}  # the section goes on after its list
            items = []
        elif items:
            items[-1] += 1
        path = " > ".join(stack[k] for k in sorted(stack))
        label = article_label(stack, with_part, decimal)
        asked = groups and len(groups[-1][0]) == 1 and groups[-1][1] == path and _asks(paras, i - 2)
        if asked and structure.QA_ANSWER.match(p.text):  # an answer joins its question, however long
            groups[-1][0].append(p)
        elif (
            groups
            and groups[-1][1] == path
            and (sum(len(x.text) for x in groups[-1][0]) < min_chars or len(p.text) < min_chars)
            and sum(len(x.text) for x in groups[-1][0]) + len(p.text) <= max_chars
            and not lvl
            and not _asks(paras, i - 1)
        ):
            groups[-1][0].append(p)
        else:
            groups.append(([p], path, label))
    return groups


def _make_chunks(doc: Document, groups: list[_Group], max_chars: int,
                 also_in_by_line: list[list[str]] | None) -> list[Chunk]:
    """Chunks from groups of paragraphs: each group's span of the document text (cut at sentence ends
    when longer than `max_chars`), with offsets, labels and the document's metadata."""
    chunks: list[Chunk] = []
    lines_start = [0]
    for line in doc.text.split("\n"):
        lines_start.append(lines_start[-1] + len(line) + 1)
    for paras, path, label in groups:
        merged = _Para(doc.text[paras[0].start : paras[-1].end], paras[0].start, paras[-1].end)
        pieces = [merged] if len(merged.text) <= max_chars else _split_long(merged, max_chars)
        for piece in pieces:
            also: list[str] = []
            if also_in_by_line:
                for li in range(len(also_in_by_line)):
                    if lines_start[li] < piece.end and lines_start[li + 1] > piece.start:
                        also += [s for s in also_in_by_line[li] if s not in also]
            digest = hashlib.sha1(piece.text.encode()).hexdigest()[:8]
            chunks.append(
                Chunk(
                    chunk_id=f"{doc.doc_id}::{len(chunks):04d}::{digest}",
                    doc_id=doc.doc_id,
                    source=doc.source,
                    text=piece.text,
                    heading_path=path,
                    article=label,
                    start=piece.start,
                    end=piece.end,
                    title=doc.title,
                    region=doc.region,
                    level=doc.level,
                    doc_number=doc.doc_number,
                    issuer=doc.issuer,
                    publish_date=doc.publish_date,
                    effective_date=doc.effective_date,
                    expiry_date=doc.expiry_date,
                    kind=doc.kind,
                    also_in=also,
                )
            )
    return chunks
