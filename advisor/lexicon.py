"""Loads the editable word lists under corpus/lexicon/ (chrome patterns, topic terms, regions, synonyms)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import jieba
import yaml

from advisor.places import load_places, short_city
from advisor.settings import REPO_ROOT

DEFAULT_DIR = REPO_ROOT / "corpus" / "lexicon"


@dataclass(frozen=True)
class Region:
    """A jurisdiction: canonical name, level, parent and the words that name it."""

    name: str
    level: str
    parent: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class Lexicon:
    """All word lists, loaded once."""

    chrome: list[re.Pattern[str]]
    topic_terms: dict[str, float]
    topic_min_density: float
    topic_min_hits: float
    min_noise_run_chars: int
    regions: dict[str, Region]
    synonyms: dict[str, list[str]]
    alias_index: list[tuple[str, str]] = field(default_factory=list)  # (alias, region), longest first
    # short names of cities that are also words ("开封", "遵义", places.yaml not_aliases), and of counties said without
    # 县/区/旗 ("于都", "婺源"), → the place's full name; read only where a place is said (in_full)
    ambiguous: dict[str, str] = field(default_factory=dict)
    matcher: Any = None  # Aho-Corasick automaton over alias_index: alias → (alias, region)

    def chain(self, region: str) -> list[str]:
        """The region and its parents, most specific first (全国 not included)."""
        out: list[str] = []
        while region and region in self.regions and region not in out:
            out.append(region)
            region = self.regions[region].parent
        return out


def _read_patterns(path: Path) -> list[re.Pattern[str]]:
    pats = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            pats.append(re.compile(line))
    return pats


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = DEFAULT_DIR) -> Lexicon:
    """Read corpus/lexicon/*.{txt,yaml} into a Lexicon."""
    topic = yaml.safe_load((directory / "topic.yaml").read_text(encoding="utf-8"))
    raw_regions = yaml.safe_load((directory / "regions.yaml").read_text(encoding="utf-8"))
    regions = {
        name: Region(name, spec.get("level", ""), spec.get("parent", ""), tuple(spec.get("aliases", [])))
        for name, spec in raw_regions.items()
    }
    places_file = directory / "places.yaml"
    places_cfg = yaml.safe_load(places_file.read_text(encoding="utf-8")) if places_file.exists() else {}
    places_cfg = places_cfg or {}
    if places_cfg.get("divisions", True):  # the national table; regions.yaml entries take precedence
        for p in load_places(frozenset(places_cfg.get("not_aliases") or [])).values():
            own = regions.get(p.name)  # regions.yaml adds aliases to the table's, and may set level/parent
            regions[p.name] = Region(p.name, own.level or p.level, own.parent or p.parent,
                                     tuple(dict.fromkeys((*own.aliases, *p.aliases)))) if own else \
                Region(p.name, p.level, p.parent, p.aliases)
    alias_index, matcher = _alias_matcher(regions)
    not_aliases = set(places_cfg.get("not_aliases") or [])
    ambiguous = {short: own for r in regions.values() if r.level == "city"
                 and (short := short_city(own := r.name.removeprefix(r.parent) or r.name)) in not_aliases
                 and f"{short}省" not in regions}  # 海南 is the province's name before a prefecture's
    ambiguous.update(county_shorts(regions, {a for a, _region in alias_index} | set(ambiguous) | not_aliases))
    synonyms = yaml.safe_load((directory / "synonyms.yaml").read_text(encoding="utf-8")) or {}
    return Lexicon(
        chrome=_read_patterns(directory / "chrome.txt"),
        topic_terms={str(k): float(v) for k, v in topic["terms"].items()},
        topic_min_density=float(topic["min_density"]),
        topic_min_hits=float(topic["min_hits"]),
        min_noise_run_chars=int(topic["min_noise_run_chars"]),
        regions=regions,
        synonyms={str(k): [str(x) for x in v] for k, v in synonyms.items()},
        alias_index=alias_index,
        matcher=matcher,
        ambiguous=ambiguous,
    )


def word_frequency(term: str) -> int:
    """How often jieba's dictionary counts `term` (0 for a word it does not hold)."""
    jieba.dt.check_initialized()  # (its dictionary loads on first use)
    return jieba.dt.FREQ.get(term, 0) or 0


_COUNTY_SUFFIX = ("县", "区", "旗")
_VILLAGE = re.compile(r"村|镇|乡(?!下)|街|路|社区")  # after a county's short name: a smaller place of that name
COUNTY_WORD_FREQ = 100  # a county's short name this frequent in jieba's dictionary is also a word (新建, 兴隆, 河西)


def county_shorts(regions: dict[str, Region], taken: Collection[str]) -> dict[str, str]:
    """A county's name without 县/区/旗, as families say it ("我奶奶在于都", "婺源的"), → its full name (于都县), for the
    counties whose short name no other division shares and no place already goes by; read only where a place is
    said (`in_full`), since many are also words."""
    own = [r.name.removeprefix(r.parent) for r in regions.values() if r.level == "county" and r.parent]
    shorts = [(name[:-1], name) for name in own if name.endswith(_COUNTY_SUFFIX) and len(name) >= 3 and "自治" not in name]
    counts = Counter(short for short, _name in shorts)
    return {short: name for short, name in shorts if counts[short] == 1 and short not in taken}


def _alias_matcher(regions: dict[str, Region]) -> tuple[list[tuple[str, str]], Any]:
    """Every name of every region, longest first (the first region to claim a name keeps it: regions.yaml's come
    first), and an Aho-Corasick automaton over them."""
    alias_index: list[tuple[str, str]] = []
    taken: set[str] = set()
    for r in regions.values():
        for a in dict.fromkeys((r.name, *r.aliases)):
            if a not in taken:
                taken.add(a)
                alias_index.append((a, r.name))
    alias_index.sort(key=lambda p: -len(p[0]))
    matcher = ahocorasick.Automaton()
    for alias, region in alias_index:
        if region != "全国":
            matcher.add_word(alias, (alias, region))
    matcher.make_automaton()
    return alias_index, matcher


COUNTY_SUFFIXES = ("区", "县", "市", "旗")
# jieba's tags of a short county name that is no common word: a place name, a transliteration, or no word at all
# ("广丰" ns, "亭湖" none); with another tag, only a word the dictionary counts rarely (RARE_NAME_FREQ: "西充" nr,
# "砚山" n, but not "惠民" nr, "月湖" n, "开发" v)
PLACE_LIKE_TAGS = ("ns", "nrt", "")


def with_document_places(lex: Lexicon, regions: Collection[str], towns: Collection[str] = ()) -> Lexicon:
    """`lex` where a county, district or county-level city that a document is for is also named without its
    suffix, as people say it ("广丰" for 上饶市广丰区, "亭湖" for 亭湖区) — unless that short name is a common word
    in jieba's dictionary or names another place already. Without a document of its own, a short county name is
    no place (惠民政策, 城关). A county's short name that the documents' towns go by (`towns`: "东城" of a
    东城街道) is read as no county unless a document is for that county ("去东城那个养老中心")."""
    from jieba import posseg

    local = {short for short, name in lex.ambiguous.items() if short in towns and name.endswith(_COUNTY_SUFFIX)
             and not any(r.endswith(name) for r in regions)}
    if local:
        lex = replace(lex, ambiguous={k: v for k, v in lex.ambiguous.items() if k not in local})

    taken = {a for a, _region in lex.alias_index}
    added: dict[str, tuple[str, ...]] = {}
    for name in regions:
        r = lex.regions.get(name)
        if r is None or r.level != "county":
            continue
        own = min((a for a in r.aliases if a.endswith(COUNTY_SUFFIXES) and len(a) >= 3), key=len, default="")
        short = own[:-1]
        tag = posseg.dt.word_tag_tab.get(short, "")
        if len(short) >= 2 and short not in taken and (
                tag in PLACE_LIKE_TAGS or word_frequency(short) <= RARE_NAME_FREQ):
            added[name] = (*r.aliases, short)
            taken.add(short)
    if not added:
        return lex
    regions_now = {k: (replace(v, aliases=added[k]) if k in added else v) for k, v in lex.regions.items()}
    alias_index, matcher = _alias_matcher(regions_now)
    return replace(lex, regions=regions_now, alias_index=alias_index, matcher=matcher)


# jieba tags some county names as a person's name or a noun (西充, 陈仓, 砚山): a rare one is the place; a frequent one is
# a word people use otherwise (惠民, 105: 惠民政策)
RARE_NAME_FREQ = 100


SHORT_ALIAS = 3  # a place name this short counts only where it is a word of its own (合作市 in 合作市场化)
ADMIN_SUFFIXES = ("省", "市", "区", "县", "州", "盟", "旗")  # 广州 in 广州市 is the place, written in full
WORD_WINDOW = 6  # characters on each side that decide how the text around a short name is segmented


def _whole_word(text: str, start: int, length: int) -> bool:
    """Whether text[start:start+length] is a word of its own where it stands (jieba's segmentation of the
    characters around it has a boundary before and after it)."""
    lo = max(0, start - WORD_WINDOW)
    bounds = {lo}
    pos = lo
    for w in jieba.lcut(text[lo : start + length + WORD_WINDOW]):
        pos += len(w)
        bounds.add(pos)
    end = start + length
    # (a name written in full, "广州市", ends where its suffix does; a name that ends in a suffix itself and is
    # followed by another, "和县区" of 审核和县区民政局, is the generic 县区 and no place)
    return start in bounds and (end in bounds or (text[end : end + 1] in ADMIN_SUFFIXES
                                                  and text[end - 1] not in ADMIN_SUFFIXES))


def place_matches(text: str, lex: Lexicon) -> list[tuple[int, str, str]]:
    """Every place name of the lexicon standing in `text`, as (start, alias, region), overlaps included."""
    if not text or lex.matcher is None or not len(lex.matcher):
        return []
    return [(end - len(alias) + 1, alias, region) for end, (alias, region) in lex.matcher.iter(text)]


def find_regions(text: str, lex: Lexicon) -> list[str]:
    """Canonical regions named in `text`, in order of first mention, longest alias wins; a region inside
    another one named (its district) stands for both."""
    found: list[tuple[int, str]] = []
    hits = place_matches(text, lex)
    hits.sort(key=lambda h: (-len(h[1]), h[0]))  # longest alias wins, then the earliest
    taken = [False] * len(text)
    # a province and its city written together ("吉林长春", "云南昆明"), which jieba keeps as one word: each is a place
    paired = {(i, alias) for i, alias, region in hits for j, other, inner in hits
              if inner != region and ((inner.startswith(region) and j == i + len(alias))
                                      or (region.startswith(inner) and j + len(other) == i))}
    for i, alias, region in hits:
        if len(alias) <= SHORT_ALIAS and not _whole_word(text, i, len(alias)) and (i, alias) not in paired:
            continue  # 保定 inside 医保定点: two characters that only look like a place
        if not any(taken[i : i + len(alias)]):
            for j in range(i, i + len(alias)):
                taken[j] = True
            found.append((i, region))
    seen: list[str] = []
    for _, r in sorted(found):
        if r not in seen:
            seen.append(r)
    # a place named with its city ("哈市道里区", "哈尔滨 道里区") is one place, not two: the narrower one, where
    # the city was first named
    out: list[str] = []
    for r in seen:
        narrower = next((o for o in seen if o != r and o.startswith(r)), r)
        if narrower not in out:
            out.append(narrower)
    return out


# where a short city name that is also a word names the city in a message: at its start ("开封高龄津贴多少"), after a
# word of where one lives or goes ("在遵义", "回开封"), before a word of a place's own ("开封的", "大同这边", "延安户口")
_PLACE_BEFORE = r"(?:^|(?<=[在住是回去到从]))"
_PLACE_AFTER = r"(?=的|这边|那边|这里|那里|户口|户籍|本地|当地|老家|地区|市民|人[，,。\s])"


@lru_cache(maxsize=4)
def _named_as_place(shorts: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of `shorts` standing where a place is said (built once per lexicon, not per message)."""
    names = "|".join(map(re.escape, shorts))
    return re.compile(rf"{_PLACE_BEFORE}({names})(?![市州县区旗])|({names}){_PLACE_AFTER}")


def in_full(text: str, lex: Lexicon) -> str:
    """`text` with a city's short name that is also a word written in full where it names the place ("开封的高龄津贴"
    → "开封市的高龄津贴"); elsewhere ("开封后", "遵义会议") it stays a word."""
    if not lex.ambiguous:
        return text
    pattern = _named_as_place(tuple(sorted(lex.ambiguous, key=len, reverse=True)))
    names = [(i, i + len(alias)) for i, alias, _region in place_matches(text, lex)]

    def full(m: re.Match[str]) -> str:  # a word of its own where it stands: not 中山 of 中山路, 遵义 of 遵义会议
        # (a county's short name after 在/住/回… is one, though jieba may join it to the word before: "在于都"; but
        # not the start of a longer place name: 巴彦 of 巴彦淖尔)
        short = m.group(0)
        if any(a <= m.start() and m.end() <= b and b - a > len(short) for a, b in names):
            return short
        if lex.ambiguous[short].endswith(_COUNTY_SUFFIX):
            if _VILLAGE.match(text, m.end()):
                return short  # "我是兴海村的": a village of that name
            if m.group(1) and m.start() > 0:
                return lex.ambiguous[short]
            if word_frequency(short) >= COUNTY_WORD_FREQ:
                return short  # "新建的", "新建住宅小区": a common word, a county only after 在/住/回…
        return lex.ambiguous[short] if _whole_word(text, m.start(), len(short)) else short

    return pattern.sub(full, text)


def topic_hits(text: str, lex: Lexicon) -> float:
    """Weighted count of elder-care terms in `text`."""
    return sum(w * text.count(t) for t, w in lex.topic_terms.items())
