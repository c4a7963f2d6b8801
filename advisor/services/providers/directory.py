"""The provider directory (`Directory`): every provider file under corpus/providers/ imported, demo records
replaced where a real list covers their city, duplicates merged, and the records searched by region, point,
kind, services and the elder's profile.

Why SQLite (stdlib ``sqlite3``, in memory) and not Chroma metadata:

* Chroma metadata filters are equality/range filters attached to a vector query; there is no ORDER BY, no
  bounding-box index and no way to rank by a computed distance, so a "nearest 10" search would have to pull
  every record into Python. SQLite gives B-tree indexes on region columns, an R*Tree on (lat, lon), set
  filters (kinds, services) and ORDER BY, in C, with nothing to install.
* Records need no embedding; keeping them out of the policy vector index means re-importing a provider file
  never touches (or invalidates) the policy index, and a provider can never be retrieved as a "policy clause".
* The directory is rebuilt from the files under corpus/providers/ at start-up (the demo's few hundred rows
  in milliseconds; 10^5 rows in a few seconds), so the CSV/XLSX/JSON files stay the single source of truth.

Nearest-first search expands a box around the point (an R*Tree, also stdlib SQLite, drives the query; the
filters are checked on those rows only) until it holds ``limit`` providers inside the circle, sorting by a
flat-earth estimate in SQL and computing exact haversine distances only for the few candidates. Without a
point, rows meeting every profile term are tried first so the full sort is usually skipped. Run
``python -m advisor.services.providers bench`` for timings on 10^5 synthetic providers.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.answer.templates import PROVIDER_DIRECTORY as PD
from advisor.lexicon import Lexicon, find_regions, load_lexicon
from advisor.places import MUNICIPALITIES
from advisor.profile import Profile
from advisor.services.providers.dedupe import dedupe
from advisor.services.providers.fit import _is_disabled, _needs_safety_net, fit_reasons
from advisor.services.providers.importers import import_file
from advisor.services.providers.places import EARTH_RADIUS_KM, Gazetteer, Place, _gazetteer, haversine_km
from advisor.services.providers.schema import (
    _KIND_SYNONYMS,
    _SERVICE_SYNONYMS,
    GAZETTEER_FILE,
    PROVIDERS_DIR,
    RESIDENTIAL_KINDS,
    Provider,
    RowError,
)


@dataclass
class Match:
    """A search result: the provider, its distance from the point asked about, and how well it fits."""

    provider: Provider
    distance_km: float | None = None
    fit: float = 0.0
    reasons: list[str] = field(default_factory=list)


class UnknownPlace(ValueError):
    """A place name that neither the gazetteer nor the region lexicon knows."""


_COLUMNS = (
    "id", "name", "kind", "institution_class", "ownership", "province", "city", "district", "street",
    "address", "phone", "lat", "lon", "beds_total", "beds_nursing", "services", "accepts_disabled",
    "accepts_dementia", "star_rating", "price_range", "last_verified", "source", "demo", "ownership_raw", "approx",
    "not_provider", "price_low", "price_high", "also_in", "district_by_point", "file", "line",
)  # fmt: skip
_LIST_COLUMNS = ("services", "also_in")  # stored as "|a|b|"


class Directory:
    """All providers under corpus/providers/ (or given records) in an in-memory SQLite database."""

    def __init__(
        self,
        directory: str | Path | None = PROVIDERS_DIR,
        records: Iterable[Provider] | None = None,
        demo: str = "replace",
        gazetteer: tuple[Place, ...] | Gazetteer | None = None,
    ):
        if demo not in ("replace", "beside", "exclude"):
            raise ValueError("demo must be replace / beside / exclude")
        self.places = _gazetteer(gazetteer)
        self.errors: list[RowError] = []
        self.notes: list[str] = []
        self.files: list[str] = []
        recs: list[Provider] = list(records or [])
        if directory is not None and records is None:
            for path in sorted(Path(directory).iterdir()):
                if path.name == GAZETTEER_FILE or path.name.startswith((".", "_", "~")):
                    continue
                if path.suffix.lower() not in (".csv", ".xlsx", ".json", ".jsonl"):
                    continue
                res = import_file(path)
                self.files.append(path.name)
                self.errors += res.errors
                self.notes += res.notes
                recs += res.records
        if demo == "exclude":
            recs = [r for r in recs if not r.demo]
        elif demo == "replace":
            real_cities = {(r.province, r.city) for r in recs if not r.demo}
            recs = [r for r in recs if not (r.demo and (r.province, r.city) in real_cities)]
        recs, merged = dedupe(recs)
        if merged:
            self.notes.append(PD["merged"].format(n=merged))
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self._load(recs)

    # -- storage

    def _load(self, recs: list[Provider]) -> None:
        cols = ", ".join(_COLUMNS)
        self.db.execute(f"CREATE TABLE providers (rowid INTEGER PRIMARY KEY, {cols})")
        # R*Tree over (lat, lon): a bounding-box lookup that does not depend on the planner's index choice
        self.db.execute("CREATE VIRTUAL TABLE geo USING rtree(id, min_lat, max_lat, min_lon, max_lon)")
        plain = [c for c in _COLUMNS if c not in _LIST_COLUMNS]
        rows, geo = [], []
        for i, r in enumerate(recs, start=1):
            d = {c: getattr(r, c) for c in plain}
            for c in _LIST_COLUMNS:
                d[c] = "|" + "|".join(getattr(r, c)) + "|" if getattr(r, c) else ""
            rows.append((i, *(d[c] for c in _COLUMNS)))
            if r.lat is not None and r.lon is not None:
                geo.append((i, r.lat, r.lat, r.lon, r.lon))
        ph = ", ".join("?" for _ in range(len(_COLUMNS) + 1))
        self.db.executemany(f"INSERT INTO providers (rowid, {cols}) VALUES ({ph})", rows)
        self.db.executemany("INSERT INTO geo VALUES (?, ?, ?, ?, ?)", geo)
        cover = "province, city, district, kind, accepts_disabled, accepts_dementia, institution_class, beds_nursing, star_rating, name, services"
        for i, idx in enumerate((cover, "district", "kind", "star_rating DESC, name")):
            self.db.execute(f"CREATE INDEX ix_{i} ON providers ({idx})")
        self.db.commit()

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM providers").fetchone()[0]

    def all(self) -> list[Provider]:
        """Every provider (for the web table)."""
        return [self._provider(r) for r in self.db.execute("SELECT * FROM providers ORDER BY rowid")]

    @staticmethod
    def _provider(row: sqlite3.Row) -> Provider:
        d = {c: row[c] for c in _COLUMNS}
        for c in _LIST_COLUMNS:
            d[c] = [s for s in (d[c] or "").split("|") if s]
        for b in ("accepts_disabled", "accepts_dementia", "demo", "approx", "district_by_point"):
            d[b] = None if d[b] is None else bool(d[b])
        return Provider(**d)

    def coverage(self) -> str:
        """The cities the directory lists providers of, in words (示例数据 marked)."""
        rows = self.db.execute("SELECT province, city, MAX(demo) AS demo FROM providers WHERE not_provider = '' "
                               "GROUP BY province, city ORDER BY province, city").fetchall()
        names = [PD["demo_city"].format(city=r["city"] or r["province"]) if r["demo"] else (r["city"] or r["province"])
                 for r in rows if r["province"] or r["city"]]
        return "、".join(names[:12]) + (PD["more"] if len(names) > 12 else "") if names else PD["empty"]

    def regions(self) -> list[str]:
        """Canonical district regions present, e.g. 广东省清远市清城区."""
        q = "SELECT DISTINCT province, city, district FROM providers ORDER BY province, city, district"
        return [f"{a}{b}{c}" for a, b, c in self.db.execute(q)]

    # -- place resolution

    def resolve_region(self, name: str) -> tuple[str, str, str]:
        """(province, city, district) for a region name or alias; "" parts are unconstrained."""
        name = name.strip()
        place = self.places.resolve(name)
        if place is not None:
            return place.province, place.city, place.district
        # a district a real file has but the gazetteer lacks
        row = self.db.execute(
            "SELECT province, city, district FROM providers WHERE district = ? OR province||city||district = ? LIMIT 1",
            (name, name),
        ).fetchone()
        if row and row["district"]:
            return row["province"], row["city"], row["district"]
        lex = load_lexicon()
        canon = name if name in lex.regions else (find_regions(name, lex) or [""])[0]
        if canon and canon != "全国":
            return _split_region(canon, lex)
        raise UnknownPlace(PD["unknown_region"].format(name=name) + f" / unknown region: {name}")

    def resolve_point(self, near: str | tuple[float, float]) -> tuple[float, float]:
        """(lat, lon) of a point or of a place's approximate centroid."""
        if isinstance(near, tuple | list):
            return float(near[0]), float(near[1])
        place = self.places.resolve(str(near))
        if place is None:
            raise UnknownPlace(PD["not_in_gazetteer"].format(name=near) + f" / not in the gazetteer: {near}")
        return place.lat, place.lon

    # -- search

    def search(
        self,
        region: str | None = None,
        near: str | tuple[float, float] | None = None,
        kinds: Sequence[str] | None = None,
        services: Sequence[str] | None = None,
        accepts_disabled: bool | None = None,
        accepts_dementia: bool | None = None,
        radius_km: float | None = None,
        limit: int = 10,
        profile: Profile | None = None,
        max_price: int | None = None,
        ownership: str | None = None,
        include_all: bool = False,
    ) -> list[Match]:
        """Providers matching every filter, nearest first (ties by fit), or best fit first without a point.
        max_price: only those whose lowest stated monthly price is at most this; ownership: 公办 / 民办 /
        公建民营; include_all: also rows that are not elder-care providers (a 居委会, a hospital).

        region: a name or alias down to district (清城区, 清城, 广东省清远市, 清远); near: a place name
        (its approximate centroid) or (lat, lon); kinds: any of; services: all of; accepts_*: True/False
        (None = don't care; unknown values never match True); radius_km in km around the point. Without
        `near`, a region with a gazetteer centroid is ranked by distance from that centroid; a region without
        one (a province, a district only a real file knows) by fit. Providers without coordinates are
        left out of point searches, except that a region search lists them last (distance None).
        profile adds fit (失能/失智/特困).
        """
        where: list[str] = [] if include_all else ["not_provider = ''"]
        args: list[Any] = []
        if max_price is not None:
            where.append("price_low IS NOT NULL AND price_low <= ?")
            args.append(int(max_price))
        if ownership:
            where.append("ownership = ?")
            args.append(ownership)
        if region:
            prov, city, dist = self.resolve_region(region)
            for col, val in (("province", prov), ("city", city), ("district", dist)):
                if val:
                    where.append(f"{col} = ?")
                    args.append(val)
        if kinds:
            kinds = [_KIND_SYNONYMS.get(k, k) for k in kinds]
            # a list without a kind column, whose names do not say it either, may well be of care homes: such
            # rows are not left out of a question about somewhere to live (they show "类型未注明")
            unknown = " OR kind = ''" if set(kinds) & set(RESIDENTIAL_KINDS) else ""
            where.append(f"(kind IN ({', '.join('?' for _ in kinds)}){unknown})")
            args += kinds
        for s in services or []:
            where.append("instr(services, ?) > 0")
            args.append(f"|{_SERVICE_SYNONYMS.get(s, s)}|")
        for col, val in (("accepts_disabled", accepts_disabled), ("accepts_dementia", accepts_dementia)):
            if val is not None:
                where.append(f"{col} = ?")
                args.append(int(val))
        fit_sql, fit_args = self._fit_sql(profile)
        point = self.resolve_point(near) if near is not None else None
        if point is None and region:  # rank a city or county by distance from its centroid (not a province)
            place = self.places.resolve(region)
            point = (place.lat, place.lon) if place and (place.district or place.city or place.province in MUNICIPALITIES) else None
        limit = max(0, int(limit))
        if point is None:
            profile_terms = fit_sql.count("CASE") > 0
            # rank from the narrow covering index, then read the full rows of the winners only
            sql = (
                f"SELECT rowid FROM providers {'WHERE ' + ' AND '.join(where) if where else ''} "
                + (f"ORDER BY {fit_sql} DESC, " if profile_terms else "ORDER BY ")
                + "star_rating DESC, name LIMIT ?"
            )
            ids: list[int] = []
            if profile_terms:
                # rows meeting every profile term outrank all others (star adds < 1), so when that tier alone
                # fills `limit` its star order is the exact answer and the full sort is skipped
                tier = " AND ".join([*where, *self._fit_conditions(profile)])
                ids = [
                    r[0]
                    for r in self.db.execute(
                        f"SELECT rowid FROM providers WHERE {tier} ORDER BY star_rating DESC, name LIMIT ?",
                        [*args, limit],
                    )
                ]
            if len(ids) < limit:
                ids = [r[0] for r in self.db.execute(sql, [*fit_args, *args, limit])]
            return self._fetch(ids, fit_sql, fit_args, [None] * len(ids), profile)
        out = self._nearest(point, where, args, fit_sql, fit_args, radius_km, limit, profile)
        if region and radius_km is None and len(out) < limit:  # in the region but with no coordinates: last
            sql = (
                f"SELECT *, {fit_sql} AS fit FROM providers WHERE lat IS NULL AND {' AND '.join(where)} "
                "ORDER BY fit DESC, star_rating DESC, name LIMIT ?"
            )
            rows = self.db.execute(sql, [*fit_args, *args, limit - len(out)]).fetchall()
            out += [self._match(r, None, profile) for r in rows]
        return out

    def _nearest(
        self,
        point: tuple[float, float],
        where: list[str],
        args: list[Any],
        fit_sql: str,
        fit_args: list[Any],
        radius_km: float | None,
        limit: int,
        profile: Profile | None,
    ) -> list[Match]:
        lat0, lon0 = point
        r = min(radius_km, 2.0) if radius_km is not None else 2.0
        max_r = radius_km if radius_km is not None else 20037.0
        kx = math.cos(math.radians(lat0)) ** 2
        cond = " AND ".join(where) or "1"
        # candidates: the rows nearest by a flat-earth estimate inside the box (sorted in SQL, only a few
        # fetched), then exact haversine; the box grows until it holds `limit` providers inside the circle
        n_cand = limit * 5 + 50
        while True:
            dlat = math.degrees(r / EARTH_RADIUS_KM)
            coslat = max(0.01, math.cos(math.radians(min(89.0, abs(lat0) + dlat))))
            dlon = min(180.0, math.degrees(r / (EARTH_RADIUS_KM * coslat)))
            # CROSS JOIN makes the R*Tree box the outer loop (else the planner may scan a whole city by index)
            sql = (
                f"SELECT providers.rowid AS rowid, lat, lon, approx, {fit_sql} AS fit, name FROM geo CROSS JOIN providers "
                "ON providers.rowid = geo.id WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ? "
                f"AND {cond} ORDER BY (lat - ?) * (lat - ?) + (lon - ?) * (lon - ?) * ? LIMIT ?"
            )
            box = [lat0 - dlat, lat0 + dlat, lon0 - dlon, lon0 + dlon]
            rows = self.db.execute(sql, [*fit_args, *box, *args, lat0, lat0, lon0, lon0, kx, n_cand]).fetchall()
            scored = [(haversine_km(lat0, lon0, row["lat"], row["lon"]), row) for row in rows]
            scored = [t for t in scored if t[0] <= r]
            if len(scored) >= limit or r >= max_r:
                break
            # uniform density guess: k hits in radius r → `limit` hits in r*sqrt(limit/k); at least ×2
            k = len(scored)
            r = min(max_r, r * (max(2.0, 1.3 * math.sqrt(limit / k)) if k else 4.0))
        # at equal distance a provider placed exactly comes before one placed at its district's centre
        scored.sort(key=lambda t: (round(t[0], 1), bool(t[1]["approx"]), -t[1]["fit"], t[0], t[1]["name"]))
        top = scored[:limit]
        return self._fetch([row["rowid"] for _, row in top], fit_sql, fit_args, [d for d, _ in top], profile)

    def _fetch(
        self, ids: list[int], fit_sql: str, fit_args: list[Any], dists: list[float | None], profile: Profile | None
    ) -> list[Match]:
        if not ids:
            return []
        full = {
            row["rowid"]: row
            for row in self.db.execute(
                f"SELECT rowid, *, {fit_sql} AS fit FROM providers WHERE rowid IN ({', '.join('?' for _ in ids)})",
                [*fit_args, *ids],
            )
        }
        return [self._match(full[i], d, profile) for i, d in zip(ids, dists, strict=True)]

    @staticmethod
    def _fit_terms(profile: Profile | None) -> list[tuple[str, int]]:
        """(SQL condition, weight) for each thing that makes a provider fit this profile."""
        out = []
        if _is_disabled(profile):
            out += [("accepts_disabled = 1", 2), ("beds_nursing > 0", 1)]
        if profile is not None and profile.flags.get("dementia"):
            out.append(("accepts_dementia = 1", 2))
        if _needs_safety_net(profile):
            out.append(("institution_class = '兜底保障型'", 2))
        return out

    def _fit_conditions(self, profile: Profile | None) -> list[str]:
        """SQL conditions that earn every profile term of the fit score."""
        return [cond for cond, _ in self._fit_terms(profile)]

    def _fit_sql(self, profile: Profile | None) -> tuple[str, list[Any]]:
        """The fit score as an SQL expression: star rating plus the weights of the conditions met."""
        terms = ["COALESCE(star_rating, 0) * 0.1"]
        terms += [f"(CASE WHEN {cond} THEN {w} ELSE 0 END)" for cond, w in self._fit_terms(profile)]
        return "(" + " + ".join(terms) + ")", []

    def _match(self, row: sqlite3.Row, dist: float | None, profile: Profile | None) -> Match:
        p = self._provider(row)
        return Match(p, dist, float(row["fit"]), fit_reasons(p, profile))


def _split_region(canon: str, lex: Lexicon) -> tuple[str, str, str]:
    reg = lex.regions.get(canon)
    if reg is None or reg.level == "province" or not reg.parent:
        return canon, "", ""
    if reg.level == "city":
        return reg.parent, canon.removeprefix(reg.parent), ""
    city = lex.regions.get(reg.parent)
    prov = city.parent if city else ""
    return prov, reg.parent.removeprefix(prov), canon.removeprefix(reg.parent)
