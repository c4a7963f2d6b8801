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
