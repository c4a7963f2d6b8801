"""The numbering families of Chinese official documents, defined once as data.

Two families structure documents, and each document is structured by one of them:

- **articles** (laws, regulations, rules, some 办法): 第X编 > 第X章 > 第X节 > 第X条. The paragraphs of a
  条 are its 款; lines numbered (一)… inside a 条 are its 项, lines numbered 1.… its 目.
- **outline** (opinions, plans, notices): 一、 > (一) > 1. > (1).

附件 (appendices) start a section of their own in both; 附则 is an ordinary chapter. Tables arrive from
the readers as rows of cells joined by " | "."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.ingest.numerals import CN_NUM, cn_to_number

_N = rf"[{CN_NUM}]+|\d+"
_SP = r"[\s\u3000]*"


@dataclass(frozen=True)
class Marker:
    """One numbering level: its name, family, depth and the pattern of a line that starts with it."""

    name: str
    family: str  # "article" or "outline"
    level: int  # 1 = outermost
    pattern: re.Pattern[str]  # groups: num, rest


MARKERS: tuple[Marker, ...] = (
    Marker("编", "article", 1, re.compile(rf"^第{_SP}(?P<num>{_N}){_SP}编(?:{_SP}(?P<rest>.*))?$")),
    Marker("章", "article", 2, re.compile(rf"^第{_SP}(?P<num>{_N}){_SP}章(?:{_SP}(?P<rest>.*))?$")),
    Marker("节", "article", 3, re.compile(rf"^第{_SP}(?P<num>{_N}){_SP}节(?:{_SP}(?P<rest>.*))?$")),
    # 第十条, 第十条之一; the number is followed by a space or the article's first word (not 规定/的: a
    # sentence that merely cites an article, "第十条规定的…", does not start one)
    Marker("条", "article", 4,
           re.compile(rf"^第{_SP}(?P<num>{_N}){_SP}条(?:之[一二三四五六七八九十]+)?(?!规定|的|、|所|第|至)"
                      rf"{_SP}(?P<rest>.*)$")),
    Marker("一、", "outline", 1, re.compile(r"^(?P<num>[一二三四五六七八九十百]+)、(?P<rest>.*)$")),
    Marker("(一)", "outline", 2, re.compile(r"^[(（](?P<num>[一二三四五六七八九十百]+)[)）](?P<rest>.*)$")),
    Marker("1.", "outline", 3, re.compile(r"^(?P<num>\d{1,3})[.．、](?!\d)(?P<rest>.*)$")),
    Marker("(1)", "outline", 4, re.compile(r"^[(（](?P<num>\d{1,3})[)）](?P<rest>.*)$")),
)
ARTICLE = next(m for m in MARKERS if m.name == "条")
# the decimal numbering of a standard, or of a 细则 written like one: "1 总则", "2.1 基本条件", "2.1.3 建筑符合…"; its
# depth is its level, its number the label a citation gives ("4.4")
DECIMAL = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})(?![\d.．%％])(?!\s*(?:周岁|岁|元|万|倍|个|人|张|年|米|平方))"
                     r"\s*(?P<rest>\S.*)?$")  # (not "3.70周岁以上…", item 3 of an age)
DECIMAL_TOP = re.compile(r"^(?P<num>\d{1,2})\s+(?P<rest>[\u4e00-\u9fa5][\u4e00-\u9fa5、和与及]{1,15})$")
DECIMAL_LEVELS = 4


def decimal_number(line: str) -> str:
    """The decimal number a line opens with ("2.1.3", or "2" of a part's title "2 评定条件"), or ""."""
    s = line.strip()
    m = DECIMAL.match(s) or DECIMAL_TOP.match(s)
    return m.group("num") if m else ""
# a question of a 政策问答 numbered as such ("问题2：哪些老年人可以申请？", "问3:…?"): an item of the outline whose
# label is the document's own ("问题2"); "1. 问：…" pages are numbered 1. and need no marker of their own
QA_ITEM = re.compile(r"^(?P<label>(?:问题|问|Q)\s*(?P<num>\d{1,3}|[一二三四五六七八九十]{1,3}))\s*[:：、.．]\s*(?P<rest>.*[?？].*)$")
# a 政策问答's question without a number ("问：失能评估到哪里申请？") and the answer under it ("答：…"): a pair
QA_QUESTION = re.compile(r"^(?:问|Q)\s*[:：]\s*\S.*[?？]\s*$")
QA_ANSWER = re.compile(r"^(?:答|A)\s*[:：]")
QA_LABEL = re.compile(r"(?:问题|问|Q)\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})")
DIVISIONS = tuple(m for m in MARKERS if m.family == "article" and m is not ARTICLE)  # 编 章 节
# an attachment's heading ("附件2：…", "附表：…服务项目及补贴标准"), no sentence
APPENDIX = re.compile(r"^附\s*[件表]\s*[\d一二三四五六七八九十]*\s*[:：]?\s*(?P<rest>[^。；;，,]{0,40})$")
TABLE_CELL = " | "
# an attached form (附件: …申请审批表, …委托书): its title and blanks say nothing a family can act on
_FORM = re.compile(r"附\s*件[^>]*?(?:申请|审批|登记|承诺|委托|确认)[^>]{0,6}(?:表|书)\s*(?:>|$)")
# on a 留言回复 page, the label of the citizen's own words ("留言内容", "来信内容") and of the office's reply under them
# ("回复内容", "答复意见"): each heads a section; what a citizen believes states no rule
ASKER_LABEL = re.compile(r"^(?:留言|来信|咨询|诉求|问题|提问)(?:内容|详情|描述)\s*[:：]?$")
# what an asker said, retold in the reply to them ("您在建议中提出：一是…每餐补贴5元", "您反映："): no rule
ASKER_SAID = re.compile(r"(?:您|你)(?:在(?:建议|提案|留言|来信)中)?(?:提出|反映|建议|认为|所说|所提)\s*[:：]")
REPLY_LABEL = re.compile(r"^(?:回复|答复|办理|处理)(?:内容|意见|结果|情况)\s*[:：]?$")
MIN_ARTICLES = 3  # a document with this many 第X条 lines in order is structured by articles


@dataclass(frozen=True)
class Match:
    """A line's leading marker."""

    marker: Marker
    number: int
    rest: str  # the text after the marker


def match(line: str, family: str | None = None) -> Match | None:
    """The numbering marker a line starts with (of `family` only, when given)."""
    s = line.strip()
    for m in MARKERS:
        if family and m.family != family:
            continue
        if g := m.pattern.match(s):
            n = cn_to_number(g.group("num"))
            if n is not None:
                return Match(m, n, (g.group("rest") or "").strip())
    return None


def answers_a_message(text: str) -> bool:
    """Whether `text` is a 留言回复 page: a citizen's message under its label, then the office's reply under its own."""
    lines = [line.strip() for line in text.split("\n")]
    asked = next((i for i, line in enumerate(lines) if ASKER_LABEL.match(line)), None)
    return asked is not None and any(REPLY_LABEL.match(line) for line in lines[asked + 1:])


def in_asker_words(heading_path: str) -> bool:
    """Whether a chunk with this heading path is a citizen's message on a 留言回复 page, not the reply."""
    return bool(ASKER_LABEL.match(heading_path.split(" > ")[0]))


def in_form(heading_path: str) -> bool:
    """Whether a chunk with this heading path is part of an attached form."""
    return bool(_FORM.search(heading_path))


def article_number(line: str) -> int | None:
    """N when the line starts article 第N条."""
    m = match(line, "article")
    return m.number if m and m.marker is ARTICLE else None


# a clause naming articles of its own document: "享受本条例第十四条、第十五条规定待遇的", "依照本办法第八条"
SELF_REFERENCE = re.compile(
    rf"本(?:条例|办法|法|规定|细则|实施细则|决定|规则)(?P<refs>第{_SP}(?:{_N}){_SP}条(?:{_SP}(?:、|,|，|和|及|或者|至|到){_SP}"
    rf"第{_SP}(?:{_N}){_SP}条)*)")
_REFERRED = re.compile(rf"第{_SP}(?P<num>{_N}){_SP}条")


def articles_referred(text: str) -> list[int]:
    """The numbers of the articles of its own document that `text` names ("本条例第十四条、第十五条" → [14, 15])."""
    out: list[int] = []
    for m in SELF_REFERENCE.finditer(text):
        refs = m.group("refs")
        last: int | None = None
        for r in _REFERRED.finditer(refs):
            n = cn_to_number(r.group("num"))
            if n is None:
                continue
            # "第三十条至第三十二条": the articles between too (a range of at most 20)
            first = last + 1 if last is not None and re.search(r"[至到]", refs[: r.start()][-3:]) \
                and last < n <= last + 20 else n
            for k in range(first, n + 1):
                if k not in out:
                    out.append(k)
            last = n
    return out


def opens_article(line: str) -> bool:
    """The line is an article's first words ("第二条本法所称老年人是指…"), not a bare label."""
    m = ARTICLE.pattern.match(line.strip())
    return bool(m and m.group("rest"))


def family_of(lines: list[str]) -> str:
    """"article" when the text is numbered 第一条, 第二条, … (at least MIN_ARTICLES in increasing order),
    else "outline"."""
    last, count = 0, 0
    for line in lines:
        n = article_number(line)
        if n is not None and n > last:
            last, count = n, count + 1
    return "article" if count >= MIN_ARTICLES else "outline"


def count_articles(text: str) -> int:
    """Number of distinct 第X条 that start a line of `text`."""
    return len({n for line in text.split("\n") if (n := article_number(line)) is not None})


def cn_ordinal(n: int) -> str:
    """12 → 十二, 102 → 一百零二, 1260 → 一千二百六十 (the form labels are written in)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    unit, name = (1000, "千") if n >= 1000 else (100, "百")
    head, rest = digits[n // unit % 10] + name, n % unit
    if n >= 10000:
        head = cn_ordinal(n // 10000) + "万" + (digits[n // 1000 % 10] + "千" if n // 1000 % 10 else "")
        rest = n % 1000
    if not rest:
        return head
    if rest < unit // 10:  # a gap: 一百零二, 一千零五十
        return head + "零" + (cn_ordinal(rest) if rest >= 20 or rest < 10 else "一" + cn_ordinal(rest))
    return head + (("一" + cn_ordinal(rest)) if 10 <= rest < 20 else cn_ordinal(rest))


def article_label(number: int, paragraph: int = 0, last_paragraph: int = 0) -> str:
    """第十四条, 第十四条第二款, 第十四条第二款至第三款."""
    label = f"第{cn_ordinal(number)}条"
    if paragraph:
        label += f"第{cn_ordinal(paragraph)}款"
        if last_paragraph and last_paragraph != paragraph:
            label += f"至第{cn_ordinal(last_paragraph)}款"
    return label


# "3.80周岁以上…", "1.60至79周岁…": an item number right before an age (or an age band), no figure 3.80
AGE_ITEM = re.compile(r"^(\d{1,3})[.．](?=\d{2,3}\s*(?:(?:至|到|-|－|—|~|～)\s*\d{2,3}\s*)?(?:周岁|岁))")
# a table's caption line: "表1 护理补贴标准及上门服务时长", "附表2：…"
TABLE_CAPTION = re.compile(r"^(?:附?表)\s*[\d一二三四五六七八九十]*\s*[:：.、]?\s*\S.{0,38}$")


MARKDOWN_SUFFIXES = (".md", ".markdown")


def as_read(text: str, source: str = "") -> str:
    """A chunk's text as a reader of the document extracts it: table cells apart by a space, not by the
    `TABLE_CELL` mark the readers add (evaluation records compare quotes with the document's own text) — except in
    a markdown file (`source`), whose own text writes its table's cells apart by " | "."""
    return text if source.lower().endswith(MARKDOWN_SUFFIXES) else text.replace(TABLE_CELL, " ")


def is_table_row(line: str) -> bool:
    """A row of a table as the readers write it: cells joined by " | "."""
    return line.count(TABLE_CELL) >= 1


def paragraph_numbers(lines: list[str]) -> list[int]:
    """The 款 each line of a 条 belongs to (1-based): a new paragraph is a new 款, an item line
    ((一), 1., (1)) belongs to the 款 it follows."""
    out: list[int] = []
    for line in lines:
        item = match(line, "outline")
        if not out:
            out.append(1)
        else:
            out.append(out[-1] + (0 if item and item.marker.level >= 2 else 1))
    return out


def span_paragraph(text: str, start: int) -> tuple[int, int]:
    """(the 款 holding character `start` of a whole 条's text, how many 款 the 条 has)."""
    lines = text.split("\n")
    numbers = paragraph_numbers(lines)
    pos = 0
    at = numbers[-1] if numbers else 1
    for line, n in zip(lines, numbers, strict=True):
        if start < pos + len(line) + 1:
            at = n
            break
        pos += len(line) + 1
    return at, (numbers[-1] if numbers else 1)


LIST_INTRO = re.compile(r"(?:包括|如下|以下|下列)[^。；;]{0,16}[:：]")
WHOLE_ARTICLE = re.compile(rf"^第(?P<num>[{CN_NUM}]+)条$")
