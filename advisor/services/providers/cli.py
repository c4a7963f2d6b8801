"""The provider command line, ``python -m advisor.services.providers [bench [N] | check | search QUESTION]``:
check the provider files under $ADVISOR_CORPUS/providers (rows skipped, notes), time searches on synthetic
providers, or answer a question."""

from __future__ import annotations

import sys
import time

from advisor.lexicon import load_lexicon
from advisor.profile import Profile, extract_profile
from advisor.services.providers.answer import answer_providers
from advisor.services.providers.directory import Directory
from advisor.services.providers.places import load_gazetteer
from advisor.services.providers.schema import (
    INSTITUTION_CLASSES,
    KINDS,
    RESIDENTIAL_KINDS,
    SERVICES,
    Provider,
)


def _synthetic(n: int, seed: int = 7) -> list[Provider]:
    import random

    rnd = random.Random(seed)
    places = [p for p in load_gazetteer() if p.district]
    out = []
    for i in range(n):
        g = rnd.choice(places)
        kind = rnd.choice(KINDS)
        beds = rnd.randrange(20, 300, 10) if kind in RESIDENTIAL_KINDS else None
        out.append(
            Provider(
                id=f"s{i}",
                name=f"合成机构{i}",
                kind=kind,
                beds_total=beds,
                beds_nursing=int(beds * rnd.uniform(0.3, 0.9)) if beds else None,
                province=g.province,
                city=g.city,
                district=g.district,
                lat=g.lat + rnd.gauss(0, 0.05),
                lon=g.lon + rnd.gauss(0, 0.05),
                services=rnd.sample(SERVICES, 3),
                accepts_disabled=rnd.random() < 0.5,
                accepts_dementia=rnd.random() < 0.2,
                institution_class=rnd.choice(INSTITUTION_CLASSES),
                star_rating=rnd.randint(0, 5),
                demo=True,
            )
        )
    return out


def bench(n: int = 100_000, repeat: int = 50) -> dict[str, float]:
    """Median ms per search on `n` synthetic providers (python -m advisor.services.providers bench)."""
    t = time.perf_counter()
    d = Directory(records=_synthetic(n))
    load_ms = (time.perf_counter() - t) * 1000
    prof = Profile(region="广东省清远市", disability="重度失能", flags={"tekun": True})
    cases = {
        "near place, limit 10": dict(near="清城区"),
        "near + radius 10km + kinds + 失能": dict(near="清城区", radius_km=10, kinds=RESIDENTIAL_KINDS, accepts_disabled=True),
        "region district + services": dict(region="清城", services=["助餐"]),
        "region city + profile fit": dict(region="清远", profile=prof),
        "near + services + dementia (sparse)": dict(near=(41.80, 123.43), services=["安宁疗护", "助浴"], accepts_dementia=True),
        "no filters": {},
        "profile fit, no place (full sort)": dict(profile=prof),
        "province only + 失能 + profile": dict(region="辽宁", accepts_disabled=True, profile=prof),
    }
    out = {"load_ms": load_ms}
    for label, kw in cases.items():
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            d.search(**kw)
            times.append((time.perf_counter() - t) * 1000)
        out[label] = sorted(times)[len(times) // 2]
    return out


def main(argv: list[str] | None = None) -> int:
    """python -m advisor.services.providers [bench [N] | check | search QUESTION]."""
    argv = sys.argv[1:] if argv is None else argv
    cmd = argv[0] if argv else "check"
    if cmd == "bench":
        n = int(argv[1]) if len(argv) > 1 else 100_000
        for k, v in bench(n).items():
            print(f"{k:40s} {v:8.2f} ms")
        return 0
    from advisor.settings import Settings

    d = Directory(Settings.from_env().corpus_dir / "providers")  # ADVISOR_CORPUS, like every other part
    if cmd == "check":
        print(f"{len(d)} providers from {', '.join(d.files)}; {len(d.errors)} rows skipped")
        for e in d.errors:
            print(" ", e)
        for n in d.notes:
            print(" ", n)
        return 1 if d.errors else 0
    if cmd == "search":
        q = " ".join(argv[1:])
        prof = extract_profile(q, load_lexicon())
        print(answer_providers(q, prof, d).text)
        return 0
    print(main.__doc__)
    return 2
