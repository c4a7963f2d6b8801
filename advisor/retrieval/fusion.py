"""Fusion of the rankers' rankings: weighted reciprocal-rank fusion, the weights, and the policy factors applied
to each fused score (region, named document, superseded version, attached form)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from advisor.ingest import structure
from advisor.retrieval.rankers import RANKERS
from advisor.retrieval.regions import region_factor
from advisor.schema import Chunk
from advisor.settings import Settings


def rrf(rankings: dict[str, list[int]], weights: dict[str, float], k: int) -> dict[int, float]:
    """Weighted reciprocal-rank fusion: sum over retrievers of w / (k + rank), rank from 1."""
    fused: dict[int, float] = {}
    for name, ranking in rankings.items():
        w = weights.get(name, 1.0)
        for r, idx in enumerate(ranking, start=1):
            fused[idx] = fused.get(idx, 0.0) + w / (k + r)
    return fused


def fusion_weights(names: Iterable[str], settings: Settings, unknown_share: Callable[[], float]) -> dict[str, float]:
    """Each ranker's weight (the `Settings` field its registry entry names). The dense one gains
    `dense_unknown_boost` times `unknown_share()` (the share of the question's weight in words no document
    uses: "掏钱", "一块拿"), since the less keywords can find, the more closeness in meaning counts."""
    weights = {name: getattr(settings, RANKERS[name].weight) for name in names}
    if "dense" in weights and settings.dense_unknown_boost:
        weights["dense"] += settings.dense_unknown_boost * unknown_share()
    return weights


def adjusted(score: float, chunk: Chunk, wanted: list[str], named: frozenset[str], settings: Settings) -> float:
    """A fused score times the policy factors, in this order: the region's (see region_factor); the named
    document's boost ("按照老年人权益保障法…": the document asked about); the penalty of a superseded version
    (a newer version of the same policy exists); and of an attached form's title and blanks."""
    score *= region_factor(chunk.region, wanted, settings)
    if chunk.title in named:
        score *= settings.named_document_boost
    if chunk.superseded_by:
        score *= settings.superseded_penalty
    if structure.in_form(chunk.heading_path):
        score *= settings.form_penalty
    return score
