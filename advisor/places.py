"""China's administrative divisions from a maintained table: the adcodes list shipped in the `cpca`
package (MIT; every province, prefecture and county with its centroid). Only the data file is read.

Each division becomes a jurisdiction named as the advisor names regions: the province ("山东省"), a
prefecture inside it ("山东省青岛市"), a county inside that ("广东省清远市清城区"); municipalities' districts
sit directly under them ("北京市朝阳区"). Aliases are the names people and documents write: 青岛市 and
青岛; a county by its full name (清城区), and with its city in front (长春朝阳区) when the bare name is
shared by several counties. Short names that are ordinary words (安康, 来宾, …) are listed in
corpus/lexicon/places.yaml and are not used as aliases."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from advisor.settings import REPO_ROOT

CHANGES_FILE = REPO_ROOT / "corpus" / "lexicon" / "renamed.yaml"

# provinces whose short name is not the full name less 省/市
_PROVINCE_SHORT = {
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}
_PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
_CITY_SUFFIXES = ("市", "地区", "盟")
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


@dataclass(frozen=True)
class Place:
    """One division: canonical name, level (province/city/county), parent, aliases, centroid."""

    name: str
    level: str
    parent: str
    aliases: tuple[str, ...]
    adcode: str
    lon: float | None = None
    lat: float | None = None


def _rows() -> list[tuple[str, str, float | None, float | None]]:
    """The table's divisions, renamed where corpus/lexicon/renamed.yaml says so: (code, name, lon, lat)."""
    changes = _changes()
    renamed = {str(r["was"]): (str(r["code"]), str(r["name"])) for r in changes.get("renamed") or []}
    merged = {str(r["was"]) for r in changes.get("merged") or []}
    rows = [(renamed[c][0], renamed[c][1], lon, lat) if c in renamed else (c, n, lon, lat)
            for c, n, lon, lat in _table_rows() if c not in merged]
    rows += [(str(r["code"]), str(r["name"]), float(r["lon"]), float(r["lat"])) for r in changes.get("added") or []]
    return rows


@lru_cache(maxsize=1)
def _table_rows() -> list[tuple[str, str, float | None, float | None]]:
    spec = importlib.util.find_spec("cpca")  # located, not imported: cpca's own start-up is not needed
    if spec is None or spec.origin is None:
        raise RuntimeError("the cpca package (administrative divisions table) is not installed")
    data = (Path(spec.origin).parent / "resources" / "adcodes.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(data)):
        lon, lat = row.get("longitude") or "", row.get("latitude") or ""
        out.append((row["adcode"][:6], row["name"], float(lon) if lon else None, float(lat) if lat else None))
    return out


@lru_cache(maxsize=1)
def _changes() -> dict[str, Any]:
    """corpus/lexicon/renamed.yaml: divisions renamed, merged or created after the table was compiled, and
    old names still in use."""
    import yaml

    return (yaml.safe_load(CHANGES_FILE.read_text(encoding="utf-8")) or {}) if CHANGES_FILE.exists() else {}


def _old_names() -> dict[str, list[str]]:
    """Old names by current code: those of renamed divisions and those listed as old_names."""
    changes = _changes()
    table = {code: name for code, name, _, _ in _table_rows()}
    out: dict[str, list[str]] = {str(c): list(v) for c, v in (changes.get("old_names") or {}).items()}
    for r in changes.get("renamed") or []:
        out.setdefault(str(r["code"]), []).append(table.get(str(r["was"]), ""))
    for r in changes.get("merged") or []:  # 湾里区 is now part of 新建区
        out.setdefault(str(r["into"]), []).append(table.get(str(r["was"]), ""))
    return out


# China's ethnic minorities as autonomous divisions name them: 黔东南苗族侗族自治州 is called 黔东南
ETHNIC_GROUPS = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣",
    "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌",
    "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂",
    "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
_AUTONOMOUS = re.compile(r"^(?P<place>.+?)(?:(?:" + "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True))
                         + r")族)+自治(?:州|县|旗)$")


_ETHNIC_DISTRICT = re.compile(r"^(?P<place>.{2,}?)(?:(?:" + "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True))
                              + r")族)+区$")


def autonomous_short(name: str) -> str:
    """黔东南苗族侗族自治州 → 黔东南, 长阳土家族自治县 → 长阳 ("" for other names)."""
    m = _AUTONOMOUS.match(name)
    return m.group("place") if m and len(m.group("place")) >= 2 else ""


def short_city(name: str) -> str:
    if name.endswith("自治州"):
        return autonomous_short(name)
    for suffix in _CITY_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


@lru_cache(maxsize=2)
def load_places(not_aliases: frozenset[str] = frozenset()) -> dict[str, Place]:
    """Every division, by canonical name (cached)."""
    rows = _rows()
    old_names = _old_names()
    by_code = {code: (name, lon, lat) for code, name, lon, lat in rows}
    county_names: dict[str, int] = {}
    for code, name, _, _ in rows:
        if code[4:] != "00":
            county_names[name] = county_names.get(name, 0) + 1
    places: dict[str, Place] = {}

    def add(name: str, level: str, parent: str, aliases: list[str], code: str, lon: float | None,
            lat: float | None) -> None:
        keep = tuple(a for a in dict.fromkeys(aliases) if a and len(a) >= 2 and a not in not_aliases)
        places[name] = Place(name, level, parent, keep, code, lon, lat)

    for code, name, lon, lat in rows:
        if code[2:] != "0000":
            continue
        short = _PROVINCE_SHORT.get(name, name[:-1] if name.endswith(("省", "市")) else name)
        add(name, "province", "", [name, short], code, lon, lat)
    for code, name, lon, lat in sorted(rows):
        if code[2:] == "0000" or name in _PLACEHOLDERS:
            continue
        province = by_code.get(code[:2] + "0000", ("", None, None))[0]
        if not province:
            continue
        if code[4:] == "00":  # a prefecture
            short = short_city(name)
            extra = [short + "州"] if name.endswith("自治州") and short else []  # 黔东南州, as people write it
            add(province + name, "city", province, [name, short, *extra], code, lon, lat)
            continue
        city_row = by_code.get(code[:4] + "00")
        city = city_row[0] if city_row and city_row[0] not in _PLACEHOLDERS else ""
        parent = province + city if city else province
        if province in MUNICIPALITIES:
            parent = province
        aliases = []
        if county_names.get(name, 0) == 1 and len(name) >= 3 and not name.endswith("城市"):
            aliases.append(name)
            if short := autonomous_short(name):  # 长阳土家族自治县 → 长阳县
                aliases.append(short + name[-1])
            if m := _ETHNIC_DISTRICT.match(name):  # 瀍河回族区 → 瀍河区
                aliases.append(m.group("place") + "区")
        for old in old_names.get(code, []):  # 户县 for 鄠邑区, 东陵区 for 浑南区
            aliases += [old, *([city + old] if city else [province + old, province[:-1] + old])]
        if city:
            aliases += [city + name, short_city(city) + name]
        elif province in MUNICIPALITIES:
            aliases += [province + name, province[:-1] + name]
        add(parent + name, "county", parent, aliases, code, lon, lat)
    return places
