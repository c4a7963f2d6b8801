"""The keyword ranker: BM25 (bm25s over jieba tokens, `advisor.index.lexical.BM25Index`) of the loaded
index version."""

from __future__ import annotations

import numpy as np

from advisor.index.lexical import BM25Index
from advisor.retrieval.ranking import Ranking, RankQuery, top


def bm25_ranking(bm25: BM25Index, query: str, n: int,
                 pools: list[np.ndarray] | None = None) -> tuple[list[int], np.ndarray]:
    """Indices of the n best BM25 chunks (only those with a positive score) and all scores; then each
    pool's (see IndexState.pools) n best that are not among them, by score."""
    s = bm25.scores(query)
    ranking = [int(i) for i in top(s, n) if s[i] > 0]
    if pools and len(ranking) == n:
        seen = set(ranking)
        extra = {int(i) for p in pools for i in p[top(s[p], n)] if s[i] > 0 and int(i) not in seen}
        ranking += sorted(extra, key=lambda i: (-s[i], i))
    return ranking, s


class BM25Ranker:
    """Chunks by BM25 score; needs only the lexical side-car, so it answers with the vector store away."""

    name = "bm25"
    weight = "weight_bm25"
    may_fail = False

    def rank(self, query: RankQuery) -> Ranking:
        """The BM25 ranking of `query` (see bm25_ranking)."""
        ids, _ = bm25_ranking(query.state.bm25, query.text, query.n, query.pools)
        return Ranking(ids)
