"""Where providers are: every county and prefecture of China (advisor.places: the adcodes table shipped in
`cpca`, with centroids) as places a provider list or a question can name; a provider row placed in its
province, city and district from its columns, address and name; coordinates brought to one system
(WGS-84) from GCJ-02 or BD-09 with `prcoords` (CC0).

Names: a county is found by its full name (朝阳区), with its city in front (长春朝阳区, 北京朝阳区), or by a
short form (清城) when that form is unique and not an ordinary word (corpus/lexicon/places.yaml
not_aliases). A bare name that several counties share (朝阳区, 鼓楼区) is placed only where a city or province
in the same row or question, or the file's own city, says which.

Also here: the districts the generated demo data covers (corpus/providers/gazetteer.csv, `load_gazetteer`) and
the places a question names (`find_places`, `resolve_place`)."""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick
import numpy as np
import yaml

from advisor.places import autonomous_short, load_places, short_city
from advisor.services.providers.areas import national_areas
from advisor.services.providers.schema import GAZETTEER_FILE, PROVIDERS_DIR
from advisor.services.providers.towns import longest_matches, national_towns
from advisor.settings import REPO_ROOT

PLACES_CONFIG = REPO_ROOT / "corpus" / "lexicon" / "places.yaml"
COORD_SYSTEMS = ("WGS-84", "GCJ-02", "BD-09")
EARTH_RADIUS_KM = 6371.0088
NEAR_KM = 60.0  # a shared district name is settled by a row's coordinates only when that close to a centroid
VETO_KM = 80.0  # a county named by a row whose coordinates lie farther from its centre is not where it is
BY_POINT_KM = 15.0  # a point outside the county boundaries: the nearest county centre within this distance
_COUNTY_SUFFIXES = ("自治县", "自治旗", "新区", "区", "县", "市", "旗")
_ADMIN_ENDS = ("省", "市", "区", "县", "旗", "州", "盟", "地区")
# a short place name that begins a street's or a landmark's name: 夷陵大道, 芙蓉中路, 双桥路, 天山街
_STREET_AFTER = re.compile(r"[东西南北中]?[一二三四五六七八九十\d]*[路街道巷弄里村镇乡桥号园湖山大]")


@dataclass(frozen=True)
class Place:
    """A district/county (or, with district "", a city; with both "", a municipality) and its centroid."""

    province: str
    city: str
    district: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """Canonical name, e.g. 广东省清远市清城区, 北京市朝阳区."""
        return f"{self.province}{self.city}{self.district}"

    @property
    def short(self) -> str:
        """District (or city, or municipality) name alone."""
        return self.district or self.city or self.province


def _not_aliases() -> frozenset[str]:
    if not PLACES_CONFIG.exists():
        return frozenset()
    cfg = yaml.safe_load(PLACES_CONFIG.read_text(encoding="utf-8")) or {}
    return frozenset(cfg.get("not_aliases") or [])


@lru_cache(maxsize=1)
def national_places() -> tuple[Place, ...]:
    """Every prefecture and county of China (and the four municipalities) as provider places."""
    not_aliases = _not_aliases()
    divisions = load_places(not_aliases)
    shorts: dict[str, int] = defaultdict(int)
    bare: dict[str, str] = {}
    for d in divisions.values():
        if d.level == "county":
            bare[d.name] = d.name[len(d.parent):]
            s = _county_short(bare[d.name])
            if s:
                shorts[s] += 1
    for d in divisions.values():  # a short county name that is also a city's name is not unique
        if d.level == "city":
            shorts[d.name[len(d.parent):].removesuffix("市")] += 1
    out: list[Place] = []
    for d in divisions.values():
        if d.lat is None or d.lon is None:
            continue
        if d.level == "province":  # a province (or a municipality) is a place too: 河南省 is not 河南县
            out.append(Place(d.name, "", "", d.lat, d.lon, tuple(d.aliases)))
            continue
        if d.level == "city":
            out.append(Place(d.parent, d.name[len(d.parent):], "", d.lat, d.lon, tuple(d.aliases)))
            continue
        parent = divisions.get(d.parent)
        if parent is None:
            continue
        province = parent.parent if parent.level == "city" else parent.name
        city = parent.name[len(province):] if parent.level == "city" else ""
        aliases = list(d.aliases)
        s = _county_short(bare[d.name])
        if s and shorts[s] == 1 and s not in not_aliases:
            aliases.append(s)
        if not city:  # a municipality's district: 北京朝阳区
            aliases += [province + bare[d.name], province.removesuffix("市") + bare[d.name]]
        out.append(Place(province, city, bare[d.name], d.lat, d.lon, tuple(dict.fromkeys(aliases))))
    return tuple(out)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """haversine_km between two (lat, lon) points."""
    return haversine_km(a[0], a[1], b[0], b[1])


def _county_short(name: str) -> str:
    """清城区 → 清城, 连南瑶族自治县 → 连南 ("" when nothing of two characters or more is left)."""
    if auto := autonomous_short(name):
        return auto
    for suffix in _COUNTY_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


def place_names(p: Place) -> list[str]:
    """Every name a place is found by: canonical, aliases, with its city, and its bare name."""
    names = [p.name, *p.aliases]
    if p.district:
        names.append(p.district)
        if p.city:
            names += [p.city + p.district, p.city.removesuffix("市") + p.district]
    elif p.city:
        names += [p.province + p.city, p.city]
    else:
        names.append(p.province.removesuffix("市"))
    return [n for n in dict.fromkeys(names) if len(n) >= 2]


class Gazetteer:
    """Places by the names they are written with, found in text with one automaton pass."""

    def __init__(self, places: tuple[Place, ...]):
        self.places = places
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        for p in places:
            for n in place_names(p):
                if p not in self.by_name[n]:
                    self.by_name[n].append(p)
        self.district_names = frozenset(p.district for p in places if p.district)
        # counties' centres as arrays, and which of them lie in each province and city: the nearest county to
        # a point is one vectorised pass, not a loop over every place for every row of a list
        self._counties = [p for p in places if p.district]
        self._centres = np.radians(np.array([(p.lat, p.lon) for p in self._counties], dtype=np.float64).reshape(-1, 2))
        inside: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(self._counties):
            for area in dict.fromkeys((p.province, p.province + p.city)):
                inside[area].append(i)
        self._inside = {area: np.asarray(ix, dtype=np.int64) for area, ix in inside.items()}
        # what a 城市 column holds is a city or province even when its short name is an ordinary word
        self.hint_names: dict[str, Place] = {}
        for p in places:
            if not p.district:
                full = p.city or p.province
                for n in (full, full.removesuffix("市"), short_city(full)):
                    if n and len(n) >= 2:
                        self.hint_names.setdefault(n, p)
        self.matcher = ahocorasick.Automaton()
        for n in self.by_name:
            self.matcher.add_word(n, n)
        self.matcher.make_automaton()

    def mentions(self, text: str) -> list[tuple[int, str]]:
        """(start, name) of place names in `text`, longest first where they overlap, in text order; a short
        name without its 区/县/市 is not taken where it begins a street's name (双桥路, 天山街)."""
        towns = [False] * len(text)  # a short name inside a township's name is not a place: 河西 in 河西务镇
        for start, name in national_towns().spans(text):
            towns[start : start + len(name)] = [True] * len(name)

        def keep(i: int, n: str) -> bool:
            return n.endswith(_ADMIN_ENDS) or not (_STREET_AFTER.match(text, i + len(n)) or all(towns[i : i + len(n)]))

        return longest_matches(self.matcher, text, keep)

    def find(self, text: str, within: Place | None = None, near: tuple[float, float] | None = None) -> list[Place]:
        """Places named in `text`, first mention first; a name several places share is settled by `within`,
        by another place named in the text, or by the nearest to `near` (a row's own coordinates, within
        NEAR_KM), else left out; a district named with its city drops the city."""
        # a name written in full (西陵区) before a short one (夷陵) wherever they stand in the text
        mentions = sorted(self.mentions(text), key=lambda m: (not m[1].endswith(_ADMIN_ENDS), m[0]))
        sure = [self.by_name[n][0] for _, n in mentions if len(self.by_name[n]) == 1]
        context = [c for c in ([within] if within else []) + sure if c is not None]
        anchors = [within] if within else []
        anchors += [self.by_name[n][0] for _, n in mentions if len(self.by_name[n]) == 1 and n.endswith(_ADMIN_ENDS)]
        anchors += [p for p in sure if not p.district]  # a city or province named (西安)
        out: list[Place] = []
        town_counties: set[tuple[str, str, str]] | None = None  # the counties of the townships named, read once
        for _, n in mentions:
            cands = self.by_name[n]
            if len(cands) > 1:  # a shared name: the one inside (or around) a place named with it
                cands = [c for c in cands
                         if any(x is not c and (c.name.startswith(x.name) or x.name.startswith(c.name)) for x in context)]
                cands = [c for c in cands if c.district] or cands
                if len(cands) != 1 and near is not None:
                    pool = [c for c in self.by_name[n] if c.district] or self.by_name[n]
                    best = min(pool, key=lambda c: _km(near, (c.lat, c.lon)))
                    cands = [best] if _km(near, (best.lat, best.lon)) <= NEAR_KM else []
                if len(cands) != 1:  # "西安区灯塔镇": the one of the 西安区s that has a township of that name
                    if town_counties is None:
                        town_counties = {(t.province, t.city, t.district)
                                         for _town, counties in national_towns().mentioned(text) for t in counties}
                    cands = [c for c in self.by_name[n]
                             if c.district and (c.province, c.city, c.district) in town_counties] or cands
            if len(cands) == 1 and not n.endswith(_ADMIN_ENDS) and anchors and not any(
                    cands[0].name.startswith(a.name) or a.name.startswith(cands[0].name) for a in anchors):
                continue  # a short name (曲江) outside the places written in full (西安市): not a place here
            if len(cands) == 1 and cands[0] not in out:
                out.append(cands[0])
        districts = [p for p in out if p.district]
        return [p for p in out if p.district or not any(d.name.startswith(p.name) for d in districts)]

    def resolve(self, name: str, within: Place | None = None) -> Place | None:
        """The place a name refers to (exact name or alias first, then a mention inside it)."""
        name = name.strip()
        exact = self.by_name.get(name) or []
        if within is not None and len(exact) > 1:
            exact = [p for p in exact if p.name.startswith(within.name)] or exact
        if len(exact) == 1 or (exact and not exact[0].district):
            return exact[0]
        found = self.find(name, within)
        return found[0] if found else None

    def nearest_county(self, point: tuple[float, float], area: Place | None = None) -> Place | None:
        """The county (inside `area`, when given) whose centre is nearest `point` (great-circle distance)."""
        ix = self._inside.get(area.name, np.zeros(0, np.int64)) if area is not None else np.arange(len(self._counties))
        if not len(ix):
            return None
        lat, lon = np.radians(point[0]), np.radians(point[1])
        c = self._centres[ix]
        h = np.sin((c[:, 0] - lat) / 2) ** 2 + np.cos(lat) * np.cos(c[:, 0]) * np.sin((c[:, 1] - lon) / 2) ** 2
        return self._counties[int(ix[int(np.argmin(h))])]

    def county_named(self, province: str, city: str, district: str) -> Place | None:
        """This gazetteer's place for a county named by another table (a boundary's, a township's): a city
        without counties (district "" or the city's own name, as 东莞市) is its own county; None when the
        gazetteer lacks it."""
        city_place = self.resolve(city) if city else self.resolve(province)
        if city_place is None or not city_place.name.startswith(province):
            return None
        if not district or district == city:
            return city_place
        exact = [p for p in self.by_name.get(district, []) if p.name.startswith(city_place.name)]
        found = exact[0] if len(exact) == 1 else self.resolve(district, city_place)
        return found if found is not None and found.district and found.name.startswith(city_place.name) else None

    def county_at(self, point: tuple[float, float]) -> Place | None:
        """The place of this gazetteer whose county boundary contains `point`; None outside every boundary or
        when the gazetteer lacks that county."""
        area = national_areas().at(*point)
        return None if area is None else self.county_named(area.province, area.city, area.district)

    def county_of_town(self, text: str, area: Place | None) -> Place | None:
        """The county of a township `text` names (杨柳青镇 → 西青区), when one county of `area` (the row's city or
        province; with none, of all China) has a township of that name."""
        for _name, counties in national_towns().mentioned(text):
            inside = [c for c in counties if area is None or (
                c.province == area.province and (not area.city or c.city == area.city)
                and (not area.district or c.district == area.district))]
            if len(inside) == 1 and (place := self.county_named(inside[0].province, inside[0].city,
                                                                inside[0].district)) is not None:
                return place
        return None

    def locate(self, hint: str, text: str, near: tuple[float, float] | None = None,
               how: list[str] | None = None) -> Place | None:
        """Where a provider row is: `hint` is what its province/city columns (or its file) say, `text` its
        district, street, address and name. The deepest place consistent with the hint; None if nothing
        is named or the hint and the text disagree. `how` gets "point" when the county was taken from the
        row's coordinates (the county whose boundary contains it), "township" when from a township it names
        (the import report counts these)."""
        within = None
        for part in reversed(hint.split()):  # the narrowest of province / city / the file's city
            within = self.hint_names.get(part.strip()) or self.resolve(part)
            if within is not None:
                break
        found = self.find(text, within, near)
        if within is not None:
            found = [p for p in found if p.name.startswith(within.name)]
        if near is not None:  # a row's own coordinates veto a name read hundreds of km away (金山大道 in 福州)
            found = [p for p in found if _km(near, (p.lat, p.lon)) <= (VETO_KM if p.district else 3 * VETO_KM)]
        counties = [p for p in found if p.district]
        if counties and near is not None and counties[0].district not in text:
            # named only by a short form (贺兰 of "贺兰山南路"): the boundary holding the row's point decides
            at = self.county_at(near)
            if at is not None and at != counties[0] and (within is None or at.name.startswith(within.name)):
                if how is not None:
                    how.append("point")
                return at
        if counties:
            return counties[0]
        if near is not None:  # named no county: the county containing the row's point (its boundary), else
            area = found[0] if found else within  # the county whose centre is nearest it
            best = self.county_at(near)
            if best is None or (area is not None and not best.name.startswith(area.name)):
                best = self.nearest_county(near, area)
                best = best if best is not None and _km(near, (best.lat, best.lon)) <= BY_POINT_KM else None
            if best is not None:
                if how is not None:
                    how.append("point")
                return best
        if (town := self.county_of_town(text, found[0] if found else within)) is not None:
            if how is not None:
                how.append("township")
            return town
        if found:
            return found[0]
        return within


@lru_cache(maxsize=1)
def national_gazetteer() -> Gazetteer:
    """The gazetteer of every division (built once, about a second)."""
    return Gazetteer(national_places())


# ------------------------------------------------------- the demo gazetteer; places named in a text


@lru_cache(maxsize=8)
def load_gazetteer(path: Path = PROVIDERS_DIR / GAZETTEER_FILE) -> tuple[Place, ...]:
    """corpus/providers/gazetteer.csv: the districts the generated demo data covers, with centroids (places
    themselves come from the national table: `national_gazetteer`)."""
    places = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
            places.append(Place(row["province"].strip(), row["city"].strip(), (row.get("district") or "").strip(),
                                float(row["lat"]), float(row["lon"]), aliases))
    return tuple(places)


def _gazetteer(places: tuple[Place, ...] | Gazetteer | None) -> Gazetteer:
    if places is None:
        return national_gazetteer()
    return places if isinstance(places, Gazetteer) else Gazetteer(tuple(places))


def find_places(text: str, places: tuple[Place, ...] | Gazetteer | None = None) -> list[Place]:
    """Places named in `text` (every county and prefecture of China), first mention first, a district named
    with its city kept over the city (清远清城区 → 清城区)."""
    return _gazetteer(places).find(text)


def resolve_place(name: str, places: tuple[Place, ...] | Gazetteer | None = None) -> Place | None:
    """The place a name refers to (exact name or alias first, then a mention inside the text)."""
    return _gazetteer(places).resolve(name)


# ------------------------------------------------------------------------------------------ coordinates

_SYSTEM_WORDS = (("BD-09", r"百度|bd-?09|baidu|bd_|_bd"), ("GCJ-02", r"高德|腾讯|gcj|火星|amap|gaode"),
                 ("WGS-84", r"wgs|gps"))


def coord_system_of(text: str) -> str:
    """The coordinate system a header or a setting names ("" when it names none)."""
    t = (text or "").lower()
    for system, pattern in _SYSTEM_WORDS:
        if re.search(pattern, t):
            return system
    return ""


def to_wgs84(lat: float, lon: float, system: str) -> tuple[float, float]:
    """(lat, lon) in WGS-84 from `system` (WGS-84, GCJ-02 or BD-09; iterative, sub-metre)."""
    import prcoords

    if system == "BD-09":
        c = prcoords.bd_wgs_bored((lat, lon))
    elif system == "GCJ-02":
        c = prcoords.gcj_wgs_bored((lat, lon))
    else:
        return lat, lon
    return c.lat, c.lon
