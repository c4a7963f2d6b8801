"""The registry of rankers, by name, and the search modes that combine them. A new ranker is a module with a
class satisfying `ranking.Ranker`, one entry here (and its name in `MODES["hybrid"]`), and its weight in the
settings registry (docs/extending.md §2)."""

from __future__ import annotations

from advisor.retrieval.bm25 import BM25Ranker
from advisor.retrieval.dense import DenseRanker
from advisor.retrieval.ranking import Ranker

RANKERS: dict[str, Ranker] = {r.name: r for r in (BM25Ranker(), DenseRanker())}
MODES: dict[str, tuple[str, ...]] = {"hybrid": ("bm25", "dense"), "bm25": ("bm25",), "dense": ("dense",)}
