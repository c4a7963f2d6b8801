"""The words real provider lists use, as data: ownership (性质) in its many spellings mapped to a small set
(the original kept), beds ("300张"), prices ("4500", "2500-4500", "3000元起", "面议"), and the rows of a
scraped list that are not elder-care providers at all (a 居委会, a 儿童福利院, a hospital without 养老 or
护理), which are imported with a flag and left out of answers."""

from __future__ import annotations

import re
import unicodedata

# 性质 as lists write it → 公办 / 公建民营 / 民办 ("" when not said); matched after NFKC and without spaces
OWNERSHIP = {
    "公办": ("公办", "公立", "政府办", "国有", "国企", "国有企业", "国营", "集体", "事业单位", "公办公营", "公建公营", "政府投资", "政府主办",
           "公办(建)", "公建", "公营"),
    "公建民营": ("公建民营", "公办民营", "公建民营(委托运营)", "政府建设社会运营", "公有民营", "公助民营"),
    "民办": ("民办", "民营", "私营", "私立", "社会办", "社会力量", "企业", "个人", "民办非企业", "民非", "民办公助",
           "公助民办", "民建公助", "外资", "合资"),
}
_OWNERSHIP_OF = {w: canon for canon, words in OWNERSHIP.items() for w in words}

# not an elder-care provider, by what its name says (unless its name or services say 养老/护理/老年)
_NOT_PROVIDER = (
    ("居委会/村委会", r"居委会|村委会|居民委员会|村民委员会|社区居委"),
    ("儿童福利机构", r"儿童福利|孤儿院|儿童之家|未成年人"),
    ("医院(非养老、护理)", r"医院|卫生院|诊所|卫生服务中心|附院|附属"),
    ("学校", r"幼儿园|小学|中学|大学$|学院$|学校|老年大学"),
    ("政府机关", r"派出所|公安|人民政府$|街道办事处$|民政局$"),
)
_ELDER_WORDS = re.compile(r"养老|护理|康养|颐养|老年|敬老|老人|长者|安养|托老|医养|失能|失智")


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def ownership(raw: str) -> str:
    """公办 / 公建民营 / 民办 for a 性质 as written ("" when it says none of them); 公办(建) → 公办."""
    s = _norm(raw)
    if not s:
        return ""
    if s in _OWNERSHIP_OF:
        return _OWNERSHIP_OF[s]
    bare = re.sub(r"\(.*?\)", "", s)
    if bare in _OWNERSHIP_OF:
        return _OWNERSHIP_OF[bare]
    for canon in ("公建民营", "民办", "公办"):  # the most specific first: 公办民营 is not 公办
        if any(w in s for w in OWNERSHIP[canon] if len(w) >= 2):
            return canon
    return ""


def beds(raw: object) -> int | None:
    """A bed count as written ("300", "300张", "约300张", "床位300"); None when it holds no number."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() and raw >= 0 else None
    m = re.search(r"\d+", _norm(str(raw)))
    return int(m.group()) if m else None


_PRICE_NUM = r"(\d+(?:\.\d+)?)\s*(万)?"


def price(raw: object) -> tuple[int | None, int | None]:
    """(lowest, highest) yuan a month for a price as written: "4500" → (4500, 4500); "2500-4500", "2500~4500",
    "2500至4500元/月" → (2500, 4500); "3000元起" → (3000, None); "面议" or no number → (None, None)."""
    s = _norm(str(raw if raw is not None else "")).replace(",", "")
    nums = [float(n) * (10000 if w else 1) for n, w in re.findall(_PRICE_NUM, s)]
    if not nums:
        return None, None
    low = int(min(nums))
    if re.search(r"起|以上|起步", s) and len(nums) == 1:
        return low, None
    if re.search(r"以下|以内|不超过|最高", s) and len(nums) == 1:
        return None, int(nums[0])
    return low, int(max(nums))


def not_provider(name: str, kind: str = "", services: list[str] | None = None) -> str:
    """Why a row is not an elder-care provider ("" when it is one): what its name says it is, unless its
    name, kind or services speak of 养老, 护理 or elders."""
    text = f"{name} {kind} {' '.join(services or [])}"
    if _ELDER_WORDS.search(text):
        return ""
    for reason, pattern in _NOT_PROVIDER:
        if re.search(pattern, name):
            return reason
    return ""


# the kind of a provider a name says, for lists without a kind column (first match wins)
KIND_BY_NAME = (
    ("日间照料中心", r"日间照料|日托"),
    ("助餐点", r"助餐|长者饭堂|老年食堂|爱心食堂"),
    ("社区养老服务站", r"服务站|驿站"),
    ("医养结合机构", r"护理院|医养|康复医院"),
    ("区域养老服务中心", r"区域养老服务中心|综合养老服务中心|养老服务中心|养老服务综合体"),
    ("居家上门服务机构", r"居家养老服务(?:公司|中心|社)"),
    ("养老机构", r"养老院|敬老院|福利院|福利中心|老年公寓|颐养院|养老中心|养老照料中心|养护院|托老所|颐养|安养|福寿|康养|"
             r"老年之家|供养服务中心|老人院|养老公寓|长者"),
)


def kind_from_name(name: str) -> str:
    """The kind of provider a name says (养老院 → 养老机构, …), "" when it says none."""
    for kind, pattern in KIND_BY_NAME:
        if re.search(pattern, name):
            return kind
    return ""
