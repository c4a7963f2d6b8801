"""The same provider listed in two files shown once (`dedupe`): matched by name in the same district, or by a
close point and a similar name; the fuller record kept, the other file named."""

from __future__ import annotations

import re

from advisor.services.providers.places import haversine_km
from advisor.services.providers.schema import SCHEMA_FIELDS, Provider


def _name_key(name: str) -> str:
    """A provider's name without spaces, punctuation and its place prefix, for telling the same home apart."""
    key = re.sub(r"[\W_]+", "", name)
    return re.sub(r"^(.{2,}?(省|市|区|县))+", "", key) or key


def dedupe(recs: list[Provider]) -> tuple[list[Provider], int]:
    """The same provider from two lists shown once: the same name (less its place prefix) in the same
    district, or within 100 m with names sharing most characters; the record with more filled fields kept,
    the other's file named in `also_in`. Returns (records, how many were merged)."""
    kept: list[Provider] = []
    by_key: dict[tuple[str, str, str], Provider] = {}
    merged = 0

    def filled(p: Provider) -> int:
        return sum(1 for f in SCHEMA_FIELDS if getattr(p, f) not in (None, "", [], False)) + (0 if p.approx else 2)

    def similar(a: str, b: str) -> bool:
        a, b = _name_key(a), _name_key(b)
        return min(len(a), len(b)) >= 3 and len(set(a) & set(b)) >= 0.7 * min(len(set(a)), len(set(b)))

    grid: dict[tuple[int, int], list[Provider]] = {}
    for r in recs:
        key = (r.province + r.city + r.district, _name_key(r.name), "demo" if r.demo else "")
        twin = by_key.get(key) if r.district else None
        if twin is None and r.lat is not None and not r.approx:
            cell = (round(r.lat * 500), round(r.lon * 500))  # about 200 m cells; neighbours checked
            near = [q for dx in (-1, 0, 1) for dy in (-1, 0, 1) for q in grid.get((cell[0] + dx, cell[1] + dy), [])]
            twin = next((q for q in near if q.file != r.file and q.demo == r.demo and similar(q.name, r.name)
                         and haversine_km(q.lat, q.lon, r.lat, r.lon) <= 0.1), None)
        if twin is None or twin.file == r.file:
            kept.append(r)
            by_key.setdefault(key, r)
            if r.lat is not None and not r.approx:
                grid.setdefault((round(r.lat * 500), round(r.lon * 500)), []).append(r)
            continue
        merged += 1
        keep, drop = (twin, r) if filled(twin) >= filled(r) else (r, twin)
        keep.also_in = list(dict.fromkeys([*keep.also_in, drop.source or drop.file, *drop.also_in]))
        if keep is r:
            kept[kept.index(twin)] = r
            by_key[key] = r
    return kept, merged
