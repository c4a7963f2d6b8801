"""The meaning ranker: cosine of the query's embedding to the chunks' vectors, exactly over the saved vectors
of the index version, or through Chroma's HNSW when there are too many or none saved."""

from __future__ import annotations

import numpy as np

from advisor.index.store import StoreUnavailable
from advisor.retrieval.ranking import Ranking, RankQuery, top
from advisor.retrieval.state import IndexState

EXACT_SEARCH_MAX = 50_000  # up to this many chunks the saved vectors are searched exactly (a few ms), not by HNSW
DENSE_OVERFETCH = 4  # no saved vectors: ask Chroma for this many times the candidates, keep the region's
POOL_MIN = 10  # ...and when fewer than this of the region are among them, ask again with a region filter


def dense_ranking(st: IndexState, qv: np.ndarray, n: int, pools: list[np.ndarray] | None = None,
                  wanted: list[str] | None = None) -> tuple[list[int], dict[int, float]]:
    """Indices of the n nearest chunks to the query vector `qv` by cosine (exactly over the saved vectors up
    to EXACT_SEARCH_MAX chunks, else Chroma's HNSW), then each pool's n nearest that are not among
    them, and the cosine similarities. Pools are searched exactly over the saved vectors; without them,
    Chroma is asked for DENSE_OVERFETCH·n and the pools' chunks among those are kept, with a second,
    region-filtered query when fewer than POOL_MIN of them are there (the `wanted` regions)."""
    total = len(st.chunks)
    exact = st.vectors is not None
    if st.collection is None and not exact:
        raise StoreUnavailable("no vector store and no saved vectors")
    if exact and total <= EXACT_SEARCH_MAX:  # exact and reproducible: HNSW's order varies between loads
        cos = np.asarray(st.vectors, dtype=np.float32) @ qv
        found = [(int(i), float(cos[i])) for i in top(cos, min(n, total))]
    else:
        fetch = min(n if not pools or exact else n * DENSE_OVERFETCH, total)
        res = st.collection.query(query_embeddings=[qv.tolist()], n_results=fetch, include=["distances"])
        found = [(st.by_id[i], 1.0 - float(d))
                 for i, d in zip(res["ids"][0], res["distances"][0], strict=True) if i in st.by_id]
    sims = dict(found)
    idx = [i for i, _ in found[:n]]
    if not pools:
        return idx, sims
    extra: dict[int, float] = {}
    if exact:
        for p in pools:
            cos = np.asarray(st.vectors[p], dtype=np.float32) @ qv
            for j in top(cos, n):
                extra[int(p[j])] = float(cos[j])
    else:
        in_pool = np.zeros(total, dtype=bool)
        in_pool[np.concatenate(pools)] = True
        extra = {i: c for i, c in found if in_pool[i]}
        if len(extra) < min(POOL_MIN, int(in_pool.sum())):
            names = sorted({*(wanted or []), "全国"} & set(st.members))
            res = st.collection.query(query_embeddings=[qv.tolist()], n_results=min(n, int(in_pool.sum())),
                                      include=["distances"], where={"region": {"$in": names}})
            extra |= {st.by_id[i]: 1.0 - float(d)
                      for i, d in zip(res["ids"][0], res["distances"][0], strict=True) if i in st.by_id}
    seen = set(idx)
    for i, c in extra.items():
        sims.setdefault(i, c)
    return idx + sorted((i for i in extra if i not in seen), key=lambda i: (-extra[i], i)), sims


class DenseRanker:
    """Chunks by cosine to the query's embedding; its cosines are kept on the hits. It may fail: without saved
    vectors (or with too many chunks) it needs the vector store."""

    name = "dense"
    weight = "weight_dense"
    may_fail = True

    def rank(self, query: RankQuery) -> Ranking:
        """The dense ranking of `query` (see dense_ranking)."""
        ids, sims = dense_ranking(query.state, query.vector(), query.n, query.pools, query.wanted)
        return Ranking(ids, sims)
