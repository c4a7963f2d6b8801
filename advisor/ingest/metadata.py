"""Extract document metadata (title, issuer, number, level, region, dates) from a document's own text,
with an optional sidecar `corpus/policies/<file>.meta.yaml` that overrides any field."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from advisor.answer.templates import VALIDITY
from advisor.ingest import structure
from advisor.ingest.clean import DOC_TYPE_END, META_ROW_LINE, is_title_like
from advisor.ingest.numerals import cn_to_number
from advisor.ingest.patterns import (
    DATE,
    DATE_PARTS,
    DOC_NUMBER,
    ISO_DATE,
    NOTICE_TITLE,
    ORGAN,
    PROMULGATED,
    PROMULGATION_HEAD,
)
from advisor.lexicon import Lexicon, find_regions
from advisor.schema import Document

_ISSUER = re.compile(
    r"((?:中共中央|国务院|[\u4e00-\u9fa5]{0,12}?(?:党委|人民政府办公厅|人民政府办公室|人民政府))"
    r"(?:[、和与]?(?:国务院|[\u4e00-\u9fa5]{0,12}?(?:人民政府办公厅|人民政府办公室|人民政府)))?)\s*(?:关于|印发)"
)
_EFFECTIVE = re.compile(rf"[自于]\s*{DATE_PARTS}\s*起?\s*(?:正式)?(?:施行|实施|执行|生效)")
_FROM_ISSUE = re.compile(r"自\s*(?:印发|发布)之日起\s*(?:正式)?(?:施行|实施|执行|生效)")
_VALID_YEARS = re.compile(r"有效期\s*(\d+|[一二三四五六七八九十]+)\s*年")
_VALID_UNTIL = re.compile(rf"有效期至\s*{DATE_PARTS}")
_PLACEHOLDER = re.compile(r"(?<![a-zA-Z])xx(?![a-zA-Z])", re.IGNORECASE)


def _iso(y: str, m: str, d: str) -> str:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return ""


def _years(s: str) -> int:
    return cn_to_number(s) or 0


# Header lines of laws and regulations: "2015年1月29日 北京市第十四届人民代表大会第三次会议通过",
# "(2018年12月29日…第三次修正)", "2014年2月21日中华人民共和国国务院令第649号公布", "2015年5月1日 施行",
# on lines of their own or run together in one paragraph ("…通过 根据2009年8月27日…修正").
# a line of a law's header note (题注), however long: it starts with a date, or with 根据 and a date, maybe
# inside brackets, and names what happened ("根据2018年12月29日…第三次修正")
_HEADER_NOTE = re.compile(r"^[(（]?\s*(?:根据\s*)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*(?:通过|批准|修正|修订|公布|施行|实施|发布)")
# one event of a header note, as a span to quote: "2018年12月29日第十三届全国人民代表大会常务委员会…修正"
HEADER_EVENT = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^。\n（）()]{0,150}?(?:通过|修正|修订|批准|公布)")


def first_date(text: str) -> str:
    """The first date written 2018年12月29日 in `text`, as an ISO date ("" if none)."""
    m = DATE.search(text)
    return _iso(*m.groups()) if m else ""


HISTORY_ACTIONS = (  # (what the text after a date says, the field it dates), checked in this order
    (re.compile(r"修正|修订|修改"), "amended_date"),
    (re.compile(r"通过|批准|公布|发布"), "adopted_date"),
    (re.compile(r"施行|实施"), "effective_date"),
)
# the body that adopted a law or regulation, named in its header lines
_ASSEMBLY = re.compile(
    r"([\u4e00-\u9fa5]{0,12}?)第[一二三四五六七八九十]+届(全国人民代表大会|人民代表大会)(常务委员会)?"
)
# the decree that promulgates a regulation or a rule: 国务院令第649号, 民政部令第66号, 北京市人民政府令第250号
DECREE_NUMBER = re.compile(r"(?:(?<=\d日)|(?<![\u4e00-\u9fa5\d]))((?:中华人民共和国)?[\u4e00-\u9fa5]{2,20}?)令\s*第\s*[\d一二三四五六七八九十百零〇]+\s*号")


def own_decree(text: str) -> re.Match[str] | None:
    """The decree that promulgated this document, from its header: not one its preamble cites
    ("根据《养老机构管理办法》(民政部令第66号)")."""
    head = _head(text)
    for m in DECREE_NUMBER.finditer(head):
        if head[max(0, m.start() - 2) : m.start()] not in ("》(", "》（") and "《" not in head[max(0, m.start() - 1) : m.start()]:
            return m
    return None


# central organs: a document they issue applies nationwide unless its title names a place
CENTRAL_ORGAN = re.compile(
    r"^(?:中华人民共和国)?(?:中共中央|国务院|全国人民代表大会|最高人民(?:法院|检察院)"
    r"|国家[\u4e00-\u9fa5]{1,12}?(?:局|委员会|署)|(?![市省区县州])[^委]{1,10}?部(?:办公厅)?$)"
)
HEAD_LINES = 25  # a law's header (title, adoption and amendment lines) lies within its first lines


def _head(text: str) -> str:
    """The lines of a document before its first 章/条 (at most HEAD_LINES)."""
    out = []
    for line in text.split("\n")[:HEAD_LINES]:
        if structure.match(line, "article"):  # the first 编/章/节/条: the body begins
            break
        out.append(line)
    return "\n".join(out)


def history(text: str) -> dict[str, str]:
    """Dates of a law's or regulation's header (before its first 章/条): the first 通过/批准/公布
    (adopted_date), the latest 修正/修订 (amended_date), the 批准 of a province (approved_date) and a 施行 date stated
    there. Each date is read
    with the words up to the next date; the header's lines may be run together."""
    out = {"adopted_date": "", "amended_date": "", "effective_date": "", "approved_date": ""}
    head = "\n".join(x for x in _head(text).split("\n") if _HEADER_NOTE.match(x.strip()))
    found = list(DATE.finditer(head))
    for k, m in enumerate(found):
        words = head[m.end() : found[k + 1].start() if k + 1 < len(found) else m.end() + 120]
        words = words.split("\n")[0][:120]
        date = _iso(*m.groups())
        if "批准" in words and not out["approved_date"]:  # a city's regulation, approved by its province
            out["approved_date"] = date
        for pattern, key in HISTORY_ACTIONS:
            if pattern.search(words):
                if key == "amended_date":
                    out[key] = max(out[key], date)
                elif not out[key]:
                    out[key] = date
                break
    return out


def extract_assembly(text: str) -> str:
    """The legislature or government that adopted a law or regulation, from its header lines:
    全国人民代表大会常务委员会, 北京市人民代表大会, 国务院, …"""
    head = _head(text)[:1500]
    body = ""
    for m in _ASSEMBLY.finditer(head):
        place = m.group(1)
        place = "" if m.group(2) == "全国人民代表大会" else re.sub(r"^.*?(?=[\u4e00-\u9fa5]{2,}[省市区州县盟]$)", "", place)
        approves = "批准" in head[m.end() : m.end() + 40].split("\n")[0]
        if approves and body:  # a province approving a city's regulation did not make it
            continue
        body = place + m.group(2) + (m.group(3) or "")  # the latest line: the body of this version
    if not body and (m := own_decree(text)):
        body = re.sub(r"^中华人民共和国", "", m.group(1))
    return body


# Kinds of document, checked in order: the first whose test holds names the kind. A family can tell a
# binding rule (法律, 法规, 规章) from a government notice (规范性文件), an explainer or a news report.
KINDS = ("法律", "行政法规", "地方性法规", "规章", "规范性文件", "政策解读", "新闻报道")
_EXPLAINER = re.compile(r"解读|答记者问|问答|问与答|解答|常见问题|一图读懂|图解|(?:建议|提案|留言|来信)的?(?:答复|回复)")
_LAW_TITLE = re.compile(r"^(?:中华人民共和国)?[\u4e00-\u9fa5]{2,30}法$")
_REGULATION_TITLE = re.compile(r"(?:条例|规定|办法|规则|细则|决定)$")


def document_kind(title: str, text: str, issuer: str, number: str, lex: Lexicon) -> str:
    """法律 / 行政法规 / 地方性法规 / 规章 / 规范性文件 / 政策解读 / 新闻报道, from the document's title and
    header (see KINDS)."""
    head = text[:1500]
    if _EXPLAINER.search(title) or structure.answers_a_message(text):
        return "政策解读"  # (an office's reply to a citizen's 留言 explains the rules too)
    if _LAW_TITLE.match(title) and ("全国人民代表大会" in head or title.startswith("中华人民共和国")):
        return "法律"
    if _REGULATION_TITLE.search(title) and (re.search(r"国务院令", head) or issuer == "国务院"):
        return "行政法规"
    if _REGULATION_TITLE.search(title) and "人民代表大会" in head:
        return "地方性法规"
    if title.endswith("条例") and find_regions(title, lex):  # local 条例 are made by local legislatures
        return "地方性法规"
    decree = own_decree(text)
    if decree and "国务院" not in decree.group(1) and _REGULATION_TITLE.search(title):
        return "规章"  # a ministry's (部门规章) or a government's (地方政府规章) rule
    if number or DOC_TYPE_END.search(title) or _REGULATION_TITLE.search(title):
        return "规范性文件"
    return "新闻报道"


def extract_title(text: str) -> str:
    """The document's own name (book-title marks inside it written 〈〉, as titles nest them)."""
    return _TITLE_MARKS.sub(lambda m: "〈" + m.group(1) + "〉", _title(text)).strip()


_TITLE_MARKS = re.compile(r"《([^《》]*)》")
# "《重庆市…办法》政策解读", "一图读懂｜《…方案》政策解读": an explainer titled by the document it explains
_EXPLAINED = re.compile(r"^(?:[^《》，,。]{1,8}[｜|:：])?《[^《》]{4,60}》[^《》，,。]{0,8}(?:解读|问答|答记者问)$")
# the name of a text that records or explains rather than rules ("“老年助餐服务提质扩面”新闻发布会实录", "…常见问题解答"):
# a title line too, under the issuer's name that heads the page
_TEXT_TITLE = re.compile(r"(?:新闻发布会|发布会实录|实录|政策问答|常见问题解答|问题解答|答记者问|政策解读)$")
_BODY_START = ("为", "根据", "按照", "经", "现将", "现就", "贯彻", "各")  # sentences of a body, not a title


def _title(text: str) -> str:
    """The document's own name: from a 关于印发…的通知 wrapper, a 公告 that promulgates it, a title line, or
    the first line."""
    for line in [x for x in text[:600].split("\n") if x.strip()][:8]:
        if line.startswith(_BODY_START):  # "为贯彻《…印发〈…〉的通知》精神": a sentence citing another document
            continue
        m = NOTICE_TITLE.search(line)
        before = line[: m.start()] if m else ""
        # a title line: not inside a cited title, not after a sentence's comma ("记者获悉，…印发…的通知")
        if m and before.count("《") == before.count("》") and not re.search(r"[，,。；]", before):
            return m.group(1).strip("《》 ")
    head = [x for x in text[:800].split("\n") if x.strip()][:8]
    if any(PROMULGATION_HEAD.search(x) for x in head[:3]):  # the 公告 wrapper names the document it publishes
        for line in head:
            if m := PROMULGATED.search(line):
                return m.group(1).strip()
    lines = [x for x in text.split("\n")[:12] if x and not META_ROW_LINE.match(x)][:5]
    for line in lines:
        if is_title_like(line) or _EXPLAINED.match(line) or (len(line) <= 60 and _TEXT_TITLE.search(line)):
            return line
    first = lines[0] if lines else ""
    m = re.match(r"^(.{4,60}?(?:意见|方案|规划|办法|规定|决定|细则|条例|纲要|计划|措施))", first)
    if m and m.group(1).count("《") == m.group(1).count("》"):  # not cut inside a title it cites
        return m.group(1)
    return first if len(first) <= 60 else first[:40]


def extract_issuer(text: str) -> str:
    """Issuing body named at the top, e.g. 清远市人民政府办公室 or 中共中央国务院 — not the issuer of a document the text
    cites ("根据《安徽省人民政府办公厅关于…》")."""
    head = text[:400]
    return next((m.group(1) for m in _ISSUER.finditer(head) if head.count("《", 0, m.start()) <= head.count("》", 0, m.start())),
                "")


def extract_doc_number(text: str) -> str:
    """The document's own number (清府办〔2024〕34号, or the decree that promulgated it: 民政部令第66号);
    numbers of cited documents 《…》(…) are skipped."""
    for m in DOC_NUMBER.finditer(text[:600]):
        before = text[max(0, m.start() - 2) : m.start()]
        if "》" in before or before.endswith(("(", "(")):
            continue
        number = re.sub(r"\s+", "", m.group(0))
        return re.sub(r"^.*(?:通知|决定|的|》)", "", number)
    if m := own_decree(text):
        return re.sub(r"\s+", "", m.group(0))
    return ""


def _running_number(header: str) -> str:
    """The 文号 a PDF prints in its running header on every page ("…行政规范性文件 呼政办发〔2024〕9号"), from the
    header lines cleaning removed: a number they repeat, as a running header does ("" if none; a number named
    once there, in a web page's list of related documents, is another document's)."""
    numbers = Counter(re.sub(r"\s+", "", m.group(0)) for line in header.splitlines() for m in DOC_NUMBER.finditer(line))
    best = numbers.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else ""


def extract_dates(text: str, header: str = "") -> dict[str, str]:
    """publish_date (top of document or a page's 发布时间), effective_date and expiry_date when stated."""
    out = {"publish_date": "", "effective_date": "", "expiry_date": ""}
    for line in text[:600].split("\n"):
        m = DATE.search(line)
        # a date standing alone, in brackets, or after the issuer — not a target like 到2025年
        if m and len(line) <= 60:
            out["publish_date"] = _iso(*m.groups())
            break
    if not out["publish_date"]:
        out["publish_date"] = _header_field(text, header, "publish_date")
    if not out["publish_date"]:
        out["publish_date"] = signature_date(text)
    m = _EFFECTIVE.search(text)
    if m:
        out["effective_date"] = _iso(*m.groups())
    elif _FROM_ISSUE.search(text):
        out["effective_date"] = out["publish_date"]
    else:
        out["effective_date"] = _header_field(text, header, "effective_date")
    m = _VALID_UNTIL.search(text)
    if m:
        out["expiry_date"] = _iso(*m.groups())
    else:
        m = _VALID_YEARS.search(text)
        start = out["effective_date"] or out["publish_date"]
        if m and start:
            s = dt.date.fromisoformat(start)
            try:
                end = s.replace(year=s.year + _years(m.group(1)))
            except ValueError:  # 29 February
                end = s.replace(year=s.year + _years(m.group(1)), day=28)
            out["expiry_date"] = (end - dt.timedelta(days=1)).isoformat()
    return out


# the signature that closes a notice or plan: "武汉市人民政府办公厅 2024年2月28日", or the date alone
_SIGNATURE = re.compile(rf"^(?:{ORGAN})?\s*[(（]?\s*{DATE_PARTS}\s*[)）]?$")
SIGNATURE_LINES = 8  # a signature stands among the last lines of a document (an appendix may follow)


def signature_date(text: str) -> str:
    """The date of the signature line among the document's last lines ("" if none)."""
    for line in reversed([x.strip() for x in text.split("\n") if x.strip()][-SIGNATURE_LINES:]):
        if m := _SIGNATURE.match(line):
            return _iso(*m.groups())
    return ""


_ADDRESSEE_LINE = re.compile(r"^各[^。\n]{0,60}[：:]$")  # "各市、县、自治县人民政府，省政府直属各单位："


def extract_region(title: str, issuer: str, number: str, text: str, lex: Lexicon,
                   kind: str = "") -> tuple[str, str]:
    """(region, level) from the title/issuer/number first, then the text's most named place. A law or an
    administrative regulation that names no place in its title is national."""
    if _PLACEHOLDER.search(text[:1500]) and len(_PLACEHOLDER.findall(text)) >= 2:
        return "", "template"
    named = find_regions(f"{title} {issuer} {number}", lex)
    if kind in ("法律", "行政法规") and not find_regions(title, lex):
        return "全国", "national"
    if not named:
        counts: dict[str, int] = {}
        for r in find_regions(text, lex):
            counts[r] = sum(text.count(a) for a in (r, *lex.regions[r].aliases))
        named = sorted(counts, key=lambda r: -counts[r])[:1]
    if not find_regions(f"{title} {issuer}", lex) and (
        any(x in f"{title}{issuer}" for x in ("中共中央", "国务院")) or CENTRAL_ORGAN.match(issuer)
    ):
        return "全国", "national"
    if not named:
        national = text.count("全国") + text.count("各省(自治区、直辖市)") + text.count("各省(区、市)")
        return ("全国", "national") if national >= 2 else ("", "unknown")
    region = named[0]
    level = lex.regions[region].level
    # a county's own document (本县, 全县, 县人民政府 in its opening); not a province's notice addressed to
    # "各市、县、自治县人民政府：", nor a province's rule for what counties do
    opening = "\n".join(line for line in text[:300].splitlines() if not _ADDRESSEE_LINE.match(line.strip()))
    if re.search(r"县域|全县|本县", title + opening) or (level != "province" and re.search(r"县人民政府", title + opening)):
        level = "county"
    return region, level


# metadata rows that government pages print above an article (索引号, 发布机构, 文号, 成文日期, …)
META_ROWS = {
    "issuer": re.compile(r"(?:发布机构|发文机关|发文单位|发布单位|制发机关)\s*[:：]\s*([^\s|:：]{2,40})"),
    "doc_number": re.compile(r"(?:文号|发文字号)\s*[:：]\s*([^\s|:：]{2,40}?号)"),
    "publish_date": re.compile(r"(?:成文日期|签发时间|签发日期|发文日期|印发日期|发布时间|发布日期|(?m:^)时间)\s*[:：]\s*"
                               r"(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})"),
    "effective_date": re.compile(r"(?:生效时间|生效日期|施行日期|实施日期)\s*[:：]\s*"
                                 r"(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})"),
}


def _header_field(text: str, header: str, name: str) -> str:
    """A metadata row's value from the top of the text or the page's removed header lines ("" if none);
    dates come back as ISO dates."""
    m = META_ROWS[name].search(text[:1500] + "\n" + header)
    if not m:
        return ""
    value = m.group(1)
    if name.endswith("_date"):
        parts = re.findall(r"\d+", value)
        return _iso(*parts[:3]) if len(parts) >= 3 else ""
    return value


def load_sidecar(path: Path) -> dict[str, Any]:
    """Read `<file>.meta.yaml` beside a source file ({} when absent). Keys override extracted fields;
    a `parts:` list of {match: <title substring>, ...} overrides fields of one part of a bundle."""
    side = path.with_name(path.name + ".meta.yaml")
    if not side.exists():
        return {}
    data = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


_FIELDS = (
    "title",
    "kind",
    "adopted_date",
    "amended_date",
    "issuer",
    "doc_number",
    "level",
    "region",
    "publish_date",
    "effective_date",
    "expiry_date",
)


def describe(
    doc_id: str, source: str, text: str, lex: Lexicon, header: str = "", sidecar: dict[str, Any] | None = None
) -> Document:
    """Build a Document with every metadata field extracted, then apply sidecar overrides."""
    title = extract_title(text)
    issuer = extract_issuer(text) or extract_assembly(text) or _header_field(text, header, "issuer")
    number = extract_doc_number(text) or _header_field(text, header, "doc_number") or _running_number(header)
    kind = document_kind(title, text, issuer, number, lex)
    region, level = extract_region(title, issuer, number, text, lex, kind)
    if level == "template":  # names in a template are placeholders or cited documents
        issuer, number = "", ""
    dates = extract_dates(text, header)
    hist = history(text)
    if hist["effective_date"] and not dates["effective_date"]:
        dates["effective_date"] = hist["effective_date"]
    if hist["adopted_date"] or hist["amended_date"]:  # this version was published when last adopted/amended
        dates["publish_date"] = hist["amended_date"] or hist["adopted_date"]
    if not dates["publish_date"] and (m := ISO_DATE.search(source)):  # "…条例(2016-01-29).md"
        dates["publish_date"] = _iso(*m.groups())
    doc = Document(
        doc_id=doc_id,
        source=source,
        text=text,
        title=title,
        issuer=issuer,
        doc_number=number,
        level=level,
        region=region,
        kind=kind,
        adopted_date=hist["adopted_date"],
        amended_date=hist["amended_date"],
        **dates,
    )
    side = dict(sidecar or {})
    for part in side.pop("parts", None) or []:
        if isinstance(part, dict) and str(part.get("match", "")) in title:
            side.update({k: v for k, v in part.items() if k != "match"})
    for key in _FIELDS:
        if key in side and side[key] is not None:
            setattr(doc, key, str(side[key]))
    return doc


def validity(doc: dict[str, Any] | Document, today: dt.date | None = None) -> str:
    """Plain-language validity of a document on `today`: 已被修订/替代 / 现行有效 / 尚未施行 / 已失效 /
    未注明有效期."""
    get = doc.get if isinstance(doc, dict) else lambda k, d="": getattr(doc, k, d)
    today = today or dt.date.today()
    if get("superseded_by", ""):
        return VALIDITY["superseded"].format(newer=get("superseded_by", ""))
    eff, exp = get("effective_date", ""), get("expiry_date", "")
    if eff and today < dt.date.fromisoformat(eff):
        return VALIDITY["not_yet"].format(date=eff)
    if exp and today > dt.date.fromisoformat(exp):
        return VALIDITY["expired"].format(date=exp)
    if exp:
        return VALIDITY["in_force"].format(date=exp)
    return VALIDITY["no_expiry"]


__all__ = ["DOC_TYPE_END", "describe", "load_sidecar", "validity"]
