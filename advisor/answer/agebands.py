"""Age bands as Chinese documents write them, defined once: 八十周岁以上, 90至99周岁, 年满65周岁,
六十五周岁及以上, 不满60周岁, 百岁老人. A clause for "我奶奶92岁,能领多少?" is the one whose band holds 92."""

from __future__ import annotations

import re

from advisor.ingest.numerals import CN_NUM, cn_to_number

OLDEST = 150  # the open end of "…以上"
_N = rf"(\d{{2,3}}|[{CN_NUM}]{{2,5}})"
_YEARS = r"\s*(?:周岁|岁)"
_INCL = r"\s*(?:（含）|\(含\))?"
_RANGE = re.compile(rf"{_N}(?:{_YEARS})?{_INCL}\s*(?:至|到|-|－|~|～|—|–)\s*{_N}{_YEARS}")
_FROM = re.compile(rf"(?:年满|(?<![不未年])满){_N}{_YEARS}|{_N}{_YEARS}\s*(?:（含）|\(含\))?\s*(?:及|或)?以上")
_UNDER = re.compile(rf"(?:不满|未满){_N}{_YEARS}|{_N}{_YEARS}\s*(?:以下|以内)")
_CENTENARIAN = re.compile(r"百岁(?:及以上|以上)?(?:老年人|老人|寿星)")  # 百岁老人: 100 and over
# an age a sentence states, as an answer to "多少岁" (六十周岁, 65岁, 百岁老人)
AGE_STATED = re.compile(rf"{_N}{_YEARS}|百岁")


def _age(s: str | None) -> int | None:
    n = cn_to_number(s) if s else None
    return n if n is not None and 0 < n <= OLDEST else None


def age_bands(text: str) -> list[tuple[int, int]]:
    """The age bands `text` names, as (youngest, oldest) inclusive, in order of appearance."""
    found: list[tuple[int, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        lo, hi = _age(m.group(1)), _age(m.group(2))
        if lo is not None and hi is not None and lo <= hi:
            found.append((m.start(), (lo, hi)))
            taken.append(m.span())
    for pattern, closed in ((_FROM, False), (_UNDER, True)):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            n = _age(m.group(1) or m.group(2))
            if n is None:
                continue
            strict = m.group(0).startswith(("不满", "未满"))
            band = (0, n - 1 if strict else n) if closed else (n, OLDEST)
            found.append((m.start(), band))
    found += [(m.start(), (100, OLDEST)) for m in _CENTENARIAN.finditer(text)]
    # "年满80周岁不满90周岁", "80周岁以上90周岁以下": a lower and an upper bound written one after the other
    # are one closed band
    merged: list[tuple[int, tuple[int, int]]] = []
    for start, band in sorted(found):
        if merged and merged[-1][1][1] == OLDEST and band[0] == 0 and start - merged[-1][0] <= 16 \
                and band[1] >= merged[-1][1][0]:
            merged[-1] = (merged[-1][0], (merged[-1][1][0], band[1]))
        else:
            merged.append((start, band))
    return [band for _start, band in merged]


def holds_age(text: str, age: int) -> bool | None:
    """Whether a band `text` names holds `age`; None when it names no band."""
    bands = age_bands(text)
    if not bands:
        return None
    return any(lo <= age <= hi for lo, hi in bands)


# a count the asker states of a thing a rule grades by ("床位打算放15张", "幸福院住了25人"), in the units documents
# band it by; a sum too ("拟定临时救助3000元": who approves it is set by bands "1000元以上、5000元（含）以下")
# (and of illnesses: "同时患高血压和冠心病两种慢性病" of "同时患两种及以上慢性病的"; a count in words from two up, as
# "一户", "一人" are said of no count)
COUNT_UNITS = ("张", "人", "户", "名", "间", "元", "种")
_COUNT = r"(\d{1,6}|[两二三四五六七八九十]{1,3})"
_STATED_COUNT = re.compile(r"(?<![\d.第])" + _COUNT + r"\s*(" + "|".join(COUNT_UNITS) + r")(?![\d元])")


def _count(s: str) -> int:
    return int(s) if s.isdigit() else cn_to_number(s) or 0


def band_width(text: str, age: int) -> int:
    """How many years the narrowest band of `text` holding `age` spans (OLDEST when none holds it)."""
    return min((hi - lo for lo, hi in age_bands(text) if lo <= age <= hi), default=OLDEST)


def band_fit(text: str, age: int | None) -> int:
    """How well `text` fits the elder's age: 2 a band holding it, 1 no band (or no age known), 0 another band."""
    fits = holds_age(text, age) if age is not None else None
    return 1 if fits is None else 2 if fits else 0


# people counted with 个 ("服务的老人有35个", "35个老人"): a count in 人, as rules band them ("服务30人至49人的")
_PEOPLE_BY_GE = re.compile(r"(?:老人|老年人|人)[^，,。？?\d]{0,3}?" + _COUNT + r"\s*个(?![月年季])|(?<![\d.第])" + _COUNT
                           + r"\s*个(?:老人|老年人|人)")


def stated_count(text: str) -> tuple[int, str] | None:
    """The one count with its unit the text states ("15张", "老人有35个" in 人), or None (none, or several)."""
    found = {(_count(n), unit) for n, unit in _STATED_COUNT.findall(text)} \
        | {(_count(a or b), "人") for a, b in _PEOPLE_BY_GE.findall(text)}
    return next(iter(found)) if len(found) == 1 else None


def count_bands(text: str, unit: str) -> list[tuple[int, int]]:
    """The bands of a count `text` names in `unit` ("10张至19张", "20张以上", "不足10张"), as (least, most)."""
    n = _COUNT
    u = re.escape(unit)
    out: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in re.finditer(rf"{n}\s*(?:{u})?\s*(?:至|到|-|－|~|～|—|–)\s*{n}\s*{u}", text):
        out.append((_count(m.group(1)), _count(m.group(2))))
        taken.append(m.span())
    for m in re.finditer(rf"{n}\s*{u}\s*(?:（含）|\(含\))?\s*(?:及|或)?以上|(?:不足|不满|少于){n}\s*{u}"
                         rf"|{n}\s*{u}\s*(?:（含）|\(含\))?\s*以下", text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m.group(1):
            out.append((_count(m.group(1)), 10**6))
        elif m.group(2):
            out.append((0, _count(m.group(2)) - 1))
        else:
            out.append((0, _count(m.group(3))))
    return out


def holds_count(text: str, count: tuple[int, str]) -> bool | None:
    """Whether a band of `text` in the count's unit holds it; None when it names no such band."""
    bands = count_bands(text, count[1])
    return any(lo <= count[0] <= hi for lo, hi in bands) if bands else None
