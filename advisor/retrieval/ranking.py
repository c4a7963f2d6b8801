"""What every ranker is: one small protocol (`Ranker`), the question it is asked (`RankQuery`) and what it
answers (`Ranking`). The rankers themselves live in modules of their own (`bm25`, `dense`) and are named in
one registry (`rankers.RANKERS`); `Retriever.search` fuses the rankings of a mode (`fusion`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from advisor.retrieval.state import IndexState

SMALL_CORPUS = 5000  # up to this size a full argsort picks the top (same tie order as always)


def top(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of the n highest scores, best first."""
    if len(scores) <= max(SMALL_CORPUS, n):
        return np.argsort(-scores)[:n]
    part = np.argpartition(-scores, n)[:n]
    return part[np.argsort(-scores[part], kind="stable")]


@dataclass(frozen=True)
class RankQuery:
    """One search as a ranker sees it: the query `text`, how many candidates to return (`n`), the index
    version to search (`state`), the candidate pools of the asker's region and of national documents
    (`IndexState.pools`; each pool's best join the global ones), the asker's region chain (`wanted`, most
    specific first), and `embed`, which returns the query's vector (the retriever's cached one; only
    rankers that need it call it, so a keyword-only search never loads the embedding model)."""

    text: str
    n: int
    state: IndexState
    pools: list[np.ndarray] = field(default_factory=list)
    wanted: list[str] = field(default_factory=list)
    embed: Callable[[str], np.ndarray] | None = None

    def vector(self) -> np.ndarray:
        """The query's embedding."""
        if self.embed is None:
            raise ValueError("this search has no embedder: a dense ranker cannot rank it")
        return self.embed(self.text)


@dataclass(frozen=True)
class Ranking:
    """A ranker's answer: chunk indices (into `state.chunks`), best first; and, for a ranker whose scores are
    cosine similarities, each candidate's cosine (kept on the hits for the answer composer)."""

    ids: list[int]
    cosines: dict[int, float] | None = None


@runtime_checkable
class Ranker(Protocol):
    """One way of ranking chunks for a query, fused with the others by weighted reciprocal rank.

    `name`: its key in `RANKERS` and in the hits' ranks; `weight`: the `Settings` field that weighs it in the
    fusion; `may_fail`: it needs the vector store, so a search of several rankers goes on without it when
    the store is away (and says so)."""

    name: str
    weight: str
    may_fail: bool

    def rank(self, query: RankQuery) -> Ranking:
        """The `query.n` best chunks (then each pool's best that are not among them)."""
        ...
