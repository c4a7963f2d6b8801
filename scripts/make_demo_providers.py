"""Generate corpus/providers/demo.csv: a seeded, obviously fictitious provider directory (demo=true).

No real provider directory for the corpus regions could be found offline, so the advisor ships this demo
data instead. Every record is fictitious: names start with "示例·", addresses end with "(虚构)", phone
numbers have a local part starting with 0 (never assigned in China, so they cannot ring anyone), and
coordinates are jittered around the approximate district centroids in corpus/providers/gazetteer.csv.

    python scripts/make_demo_providers.py [--seed 20250101] [--out corpus/providers/demo.csv]

Same seed → byte-identical file. Nothing random happens at import time.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from advisor.services.providers import GAZETTEER_FILE, PROVIDERS_DIR, SCHEMA_FIELDS, Place, load_gazetteer  # noqa: E402

DEFAULT_SEED = 20250101
DEFAULT_OUT = PROVIDERS_DIR / "demo.csv"
CITIES_MANY = {"清远市"}  # the corpus's main city gets more providers per county
AREA_CODES = {"清远市": "0763", "乌鲁木齐市": "0991", "兰州市": "0931", "沈阳市": "024"}
PRICE_BASE = {"清远市": 1800, "乌鲁木齐市": 2200, "兰州市": 2000, "沈阳市": 2400}
ADJ = ("颐康", "松鹤", "福寿", "康乐", "安泰", "长青", "颐和", "乐龄", "仁爱", "慈恩", "夕阳红", "金秋", "益寿", "怡然")
STREETS = ("东城", "西园", "南岗", "北苑", "河畔", "新港", "桃源", "春晖", "兴华", "龙湾", "滨江", "凤鸣")
ROADS = ("示例", "样板", "演示")
EXTRA_SERVICES = ("助洁", "助行", "助医", "精神慰藉", "老年教育", "康复护理")

# kind → (weight, name pattern, base services)
KIND_SPECS = {
    "养老机构": (5, "{d}{adj}养老院", ("助餐", "助浴", "长期托养", "短期托养")),
    "医养结合机构": (2, "{d}{adj}护养院", ("助餐", "助浴", "长期托养", "医养结合", "康复护理")),
    "区域养老服务中心": (2, "{d}{street}区域养老服务中心", ("助餐", "日间照料", "短期托养", "上门服务")),
    "日间照料中心": (3, "{d}{street}社区日间照料中心", ("助餐", "日间照料", "精神慰藉")),
    "社区养老服务站": (3, "{d}{street}社区养老服务站", ("上门服务", "精神慰藉")),
    "助餐点": (3, "{d}{street}长者饭堂", ("助餐",)),
    "居家上门服务机构": (2, "{d}{adj}居家养老服务中心", ("上门服务", "助洁", "助浴", "家庭养老床位")),
}


def _jitter(rnd: random.Random, place: Place) -> tuple[float, float]:
    sigma = 0.015 if place.district.endswith("区") else 0.05
    dlat = max(-3 * sigma, min(3 * sigma, rnd.gauss(0, sigma)))
    dlon = max(-3 * sigma, min(3 * sigma, rnd.gauss(0, sigma)))
    return round(place.lat + dlat, 5), round(place.lon + dlon, 5)


def _record(rnd: random.Random, n: int, place: Place, kind: str, seed: int, used: set[str]) -> dict[str, object]:
    _, pattern, base = KIND_SPECS[kind]
    for _ in range(50):
        name = "示例·" + pattern.format(d=place.district, adj=rnd.choice(ADJ), street=rnd.choice(STREETS))
        if name not in used:
            break
    else:
        name = f"示例·{place.district}{kind}{n}"
    used.add(name)
    street = rnd.choice(STREETS) + "街道"
    lat, lon = _jitter(rnd, place)
    services = list(base)
    services += [s for s in rnd.sample(EXTRA_SERVICES, 2) if s not in services]
    residential = kind in ("养老机构", "医养结合机构", "区域养老服务中心")
    beds_total = beds_nursing = star = None
    inst_class = ownership = price = ""
    accepts_disabled: bool | None = None
    accepts_dementia: bool | None = None
    if residential:
        lo, hi = {"养老机构": (40, 300), "医养结合机构": (80, 400), "区域养老服务中心": (20, 80)}[kind]
        beds_total = rnd.randrange(lo, hi + 1, 10)
        share = (0.7, 0.95) if kind == "医养结合机构" else (0.4, 0.8)
        beds_nursing = int(beds_total * rnd.uniform(*share))
        ownership = rnd.choice(("公办", "公办", "公建民营", "民办", "民办"))
        if kind == "区域养老服务中心":
            ownership = rnd.choice(("公办", "公建民营"))
        if ownership == "公办":
            inst_class = "兜底保障型"
        elif ownership == "公建民营":
            inst_class = rnd.choice(("兜底保障型", "普惠支持型"))
        else:
            inst_class = rnd.choice(("普惠支持型", "普惠支持型", "完全市场型"))
        accepts_disabled = kind == "医养结合机构" or rnd.random() < 0.75
        accepts_dementia = rnd.random() < (0.6 if kind == "医养结合机构" else 0.25)
        if accepts_dementia and "认知障碍照护" not in services:
            services.append("认知障碍照护")
        if kind == "医养结合机构" and rnd.random() < 0.4:
            services.append("安宁疗护")
        star = rnd.randint(1, 5)
        base_price = PRICE_BASE[place.city] + (0 if inst_class == "兜底保障型" else 600)
        low = base_price + rnd.randrange(0, 800, 100)
        price = f"{low}-{low + rnd.randrange(800, 3000, 100)}元/月"
    elif kind == "日间照料中心":
        beds_total = rnd.randrange(0, 16, 5) or None
        accepts_disabled = rnd.random() < 0.3
        accepts_dementia = False
        ownership = rnd.choice(("公办", "公建民营"))
        price = f"{rnd.randrange(20, 60, 5)}元/天"
    elif kind == "助餐点":
        price = f"{rnd.randrange(8, 16)}元/餐"
        ownership = rnd.choice(("公办", "公建民营", "民办"))
    elif kind == "居家上门服务机构":
        accepts_disabled = True
        accepts_dementia = rnd.random() < 0.3
        ownership = "民办"
        price = f"{rnd.randrange(40, 90, 5)}元/小时"
    else:
        accepts_disabled = False
        ownership = rnd.choice(("公办", "公建民营"))
    phone = f"{AREA_CODES[place.city]}-0{rnd.randrange(0, 10**6):06d}"
    return {
        "id": f"demo-{n:04d}",
        "name": name,
        "kind": kind,
        "institution_class": inst_class,
        "ownership": ownership,
        "province": place.province,
        "city": place.city,
        "district": place.district,
        "street": street,
        "address": f"{place.district}{street}{rnd.choice(ROADS)}路{rnd.randint(1, 300)}号(虚构)",
        "phone": phone,
        "lat": lat,
        "lon": lon,
        "beds_total": beds_total,
        "beds_nursing": beds_nursing,
        "services": "、".join(services),
        "accepts_disabled": accepts_disabled,
        "accepts_dementia": accepts_dementia,
        "star_rating": star,
        "price_range": price,
        "last_verified": "",
        "source": f"示例数据,非真实机构(scripts/make_demo_providers.py --seed {seed})",
        "demo": True,
    }


def generate(seed: int = DEFAULT_SEED, gazetteer: Path = PROVIDERS_DIR / GAZETTEER_FILE) -> list[dict[str, object]]:
    """The demo records for every district/county in the gazetteer, from `seed` alone."""
    rnd = random.Random(seed)
    kinds = list(KIND_SPECS)
    weights = [KIND_SPECS[k][0] for k in kinds]
    rows: list[dict[str, object]] = []
    used: set[str] = set()
    for place in load_gazetteer(gazetteer):
        if not place.district:
            continue
        many = place.city in CITIES_MANY
        n_extra = rnd.randint(7, 11) if many else rnd.randint(2, 5)
        # every county has a public safety-net home and (in 清远) a regional centre, then a random mix
        plan = ["养老机构", "区域养老服务中心" if many else "日间照料中心"]
        plan += rnd.choices(kinds, weights=weights, k=n_extra)
        for i, kind in enumerate(plan):
            rec = _record(rnd, len(rows) + 1, place, kind, seed, used)
            if i == 0:
                rec.update(ownership="公办", institution_class="兜底保障型", accepts_disabled=True)
            rows.append(rec)
    return rows


def to_csv(rows: list[dict[str, object]]) -> str:
    """CSV text in schema column order (booleans as true/false, None as empty)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SCHEMA_FIELDS)
    for r in rows:
        out = []
        for f in SCHEMA_FIELDS:
            v = r.get(f)
            out.append("" if v is None else ("true" if v is True else "false" if v is False else v))
        w.writerow(out)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write the demo CSV."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = ap.parse_args(argv)
    rows = generate(a.seed)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(to_csv(rows), encoding="utf-8")
    print(f"wrote {len(rows)} demo providers to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
