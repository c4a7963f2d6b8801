"""Region policy: the asker's region (and its parents) first, national documents next, other regions lower;
and the candidate pools that let a region crowded out of the global top-n still compete."""

from __future__ import annotations

import numpy as np

from advisor.schema import Chunk
from advisor.settings import Settings


def region_factor(chunk_region: str, wanted: list[str], settings: Settings) -> float:
    """Rank the asker's region (and its parents) first, national documents next, others lower.
    With no known region, national documents (which apply everywhere) get a small lead."""
    if not wanted:
        return settings.no_region_national_boost if chunk_region == "全国" else 1.0
    if chunk_region in wanted and chunk_region != "全国":
        return settings.region_boost
    if chunk_region == "全国":
        return settings.national_boost if wanted != ["全国"] else settings.region_boost
    return settings.other_region_penalty


def region_members(chunks: list[Chunk]) -> dict[str, np.ndarray]:
    """Per region (as the chunks name it, "" included), the indices of its chunks in ascending order."""
    by_region: dict[str, list[int]] = {}
    for i, c in enumerate(chunks):
        by_region.setdefault(c.region, []).append(i)
    return {r: np.asarray(ix, dtype=np.int64) for r, ix in by_region.items()}


def region_pools(members: dict[str, np.ndarray], total: int, wanted: list[str]) -> list[np.ndarray]:
    """Chunk indices of the wanted regions, and of national documents: each pool's best candidates join
    the global ones, so a region crowded out of the global top-n by others still competes. Empty when
    no region is given, or a pool would be the whole corpus (`total` chunks)."""
    if not wanted:
        return []
    out = []
    for group in ([r for r in dict.fromkeys(wanted) if r != "全国"], ["全国"]):
        parts = [members[r] for r in group if r in members]
        if parts and sum(map(len, parts)) < total:
            out.append(np.sort(np.concatenate(parts)))
    return out
