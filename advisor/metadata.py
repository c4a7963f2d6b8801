"""Extract document metadata (title, issuer, number, level, region, dates) from a document's own text,
with an optional sidecar `corpus/policies/<file>.meta.yaml` that overrides any field."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from advisor.lexicon import Lexicon, find_regions
from advisor.schema import Document
from advisor.textclean import DOC_NUMBER, DOC_TYPE_END, is_title_like

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NOTICE_TITLE = re.compile(r"关于印发\s*(.{4,60}?)\s*的通知")
_ISSUER = re.compile(
    r"((?:中共中央|国务院|[\u4e00-\u9fa5]{0,12}?(?:党委|人民政府办公厅|人民政府办公室|人民政府))"
    r"(?:[、和与]?(?:国务院|[\u4e00-\u9fa5]{0,12}?(?:人民政府办公厅|人民政府办公室|人民政府)))?)\s*(?:关于|印发)"
)
_EFFECTIVE = re.compile(r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起\s*(?:施行|实施|执行|生效)")
_FROM_ISSUE = re.compile(r"自\s*(?:印发|发布)之日起\s*(?:施行|实施|执行|生效)")
_VALID_YEARS = re.compile(r"有效期\s*(\d+|[一二三四五六七八九十]+)\s*年")
_VALID_UNTIL = re.compile(r"有效期至\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PLACEHOLDER = re.compile(r"(?<![a-zA-Z])xx(?![a-zA-Z])", re.IGNORECASE)


def _iso(y: str, m: str, d: str) -> str:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return ""


def _years(s: str) -> int:
    return int(s) if s.isdigit() else _CN_NUM.get(s, 0)


def extract_title(text: str) -> str:
    """The document's own name: from a 关于印发…的通知 wrapper, a title line, or the first line."""
    head = text[:400]
    m = _NOTICE_TITLE.search(head)
    if m:
        return m.group(1).strip("《》 ")
    lines = [x for x in text.split("\n")[:5] if x]
    for line in lines:
        if is_title_like(line):
            return line
    first = lines[0] if lines else ""
    m = re.match(r"^(.{4,60}?(?:意见|方案|规划|办法|规定|决定|细则|条例|纲要|计划|措施))", first)
    if m:
        return m.group(1)
    return first[:40]


def extract_issuer(text: str) -> str:
    """Issuing body named at the top, e.g. 清远市人民政府办公室 or 中共中央国务院."""
    m = _ISSUER.search(text[:400])
    return m.group(1) if m else ""


def extract_doc_number(text: str) -> str:
    """The document's own number (清府办〔2024〕34号); numbers of cited documents 《…》(…) are skipped."""
    for m in DOC_NUMBER.finditer(text[:600]):
        before = text[max(0, m.start() - 2) : m.start()]
        if "》" in before or before.endswith(("(", "(")):
            continue
        number = re.sub(r"\s+", "", m.group(0))
        return re.sub(r"^.*(?:通知|决定|的|》)", "", number)
    return ""


def extract_dates(text: str, header: str = "") -> dict[str, str]:
    """publish_date (top of document or a page's 发布时间), effective_date and expiry_date when stated."""
    out = {"publish_date": "", "effective_date": "", "expiry_date": ""}
    for line in text[:600].split("\n"):
        m = _DATE.search(line)
        # a date standing alone, in brackets, or after the issuer — not a target like 到2025年
        if m and len(line) <= 60:
            out["publish_date"] = _iso(*m.groups())
            break
    if not out["publish_date"]:
        m = re.search(r"发布(?:时间|日期)\s*[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})", text[:600] + "\n" + header)
        if m:
            out["publish_date"] = _iso(*m.groups())
    m = _EFFECTIVE.search(text)
    if m:
        out["effective_date"] = _iso(*m.groups())
    elif _FROM_ISSUE.search(text):
        out["effective_date"] = out["publish_date"]
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


def extract_region(title: str, issuer: str, number: str, text: str, lex: Lexicon) -> tuple[str, str]:
    """(region, level) from the title/issuer/number first, then the text's most named place."""
    if _PLACEHOLDER.search(text[:1500]) and len(_PLACEHOLDER.findall(text)) >= 2:
        return "", "template"
    named = find_regions(f"{title} {issuer} {number}", lex)
    if not named:
        counts: dict[str, int] = {}
        for r in find_regions(text, lex):
            counts[r] = sum(text.count(a) for a in (r, *lex.regions[r].aliases))
        named = sorted(counts, key=lambda r: -counts[r])[:1]
    if any(x in f"{title}{issuer}" for x in ("中共中央", "国务院")) and not find_regions(title, lex):
        return "全国", "national"
    if not named:
        national = text.count("全国") + text.count("各省(自治区、直辖市)") + text.count("各省(区、市)")
        return ("全国", "national") if national >= 2 else ("", "unknown")
    region = named[0]
    level = lex.regions[region].level
    if re.search(r"县域|全县|本县|县人民政府", title + text[:300]):
        level = "county"
    return region, level


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
    issuer = extract_issuer(text)
    number = extract_doc_number(text)
    region, level = extract_region(title, issuer, number, text, lex)
    if level == "template":  # names in a template are placeholders or cited documents
        issuer, number = "", ""
    doc = Document(
        doc_id=doc_id,
        source=source,
        text=text,
        title=title,
        issuer=issuer,
        doc_number=number,
        level=level,
        region=region,
        **extract_dates(text, header),
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
    """Plain-language validity of a document on `today`: 现行有效 / 尚未施行 / 已失效 / 未注明有效期."""
    get = doc.get if isinstance(doc, dict) else lambda k, d="": getattr(doc, k, d)
    today = today or dt.date.today()
    eff, exp = get("effective_date", ""), get("expiry_date", "")
    if eff and today < dt.date.fromisoformat(eff):
        return f"尚未施行(自{eff}起施行)"
    if exp and today > dt.date.fromisoformat(exp):
        return f"已失效(有效期至{exp})"
    if exp:
        return f"现行有效(有效期至{exp})"
    return "未注明有效期"


__all__ = ["DOC_TYPE_END", "describe", "load_sidecar", "validity"]
