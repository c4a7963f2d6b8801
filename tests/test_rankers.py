"""The rankers behind one protocol and their registry, fusion, and the fake embedder; a real Chroma index and a
`Retriever` built with the fake embedder (no model): these test the plumbing, not what retrieval finds."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest

from advisor.retrieval.embed import EMBEDDERS, Embedder, get_embedder
from advisor.retrieval.fake import FAKE_EMBEDDER, FakeEmbedder
from advisor.retrieval.fusion import adjusted, fusion_weights, rrf
from advisor.retrieval.rankers import MODES, RANKERS
from advisor.retrieval.ranking import Ranker, Ranking, RankQuery
from advisor.retrieval.regions import region_factor
from advisor.retrieval.retriever import Retriever
from advisor.schema import Chunk
from advisor.settings import Settings

QUESTION = "清远县级特困人员供养服务机构护理型床位占比要达到多少?"


class CountingEmbedder:
    """The fake embedder, counting the queries it embeds."""

    def __init__(self, inner: FakeEmbedder) -> None:
        self.inner, self.name, self.dim, self.queries = inner, inner.name, inner.dim, 0

    def embed_documents(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        return self.inner.embed_documents(texts, batch_size, progress)

    def embed_query(self, text: str) -> np.ndarray:
        self.queries += 1
        return self.inner.embed_query(text)


def test_every_registered_ranker_keeps_the_protocol():
    settings = {f.name for f in fields(Settings)}
    for name, ranker in RANKERS.items():
        assert isinstance(ranker, Ranker) and ranker.name == name
        assert ranker.weight in settings and isinstance(ranker.may_fail, bool)
    assert all(name in RANKERS for names in MODES.values() for name in names)
    assert set(MODES["hybrid"]) == set(RANKERS)


def test_rrf_sums_weighted_reciprocal_ranks():
    fused = rrf({"bm25": [1, 2], "dense": [2]}, {"bm25": 1.0, "dense": 2.0}, k=60)
    assert fused == {1: 1.0 / 61, 2: 1.0 / 62 + 2.0 / 61}


def test_fusion_weights_come_from_the_settings_fields_the_registry_names():
    s = Settings()
    s.weight_bm25, s.weight_dense = 1.5, 0.25
    assert fusion_weights(["bm25", "dense"], s, lambda: pytest.fail("the boost is off")) == {"bm25": 1.5,
                                                                                          "dense": 0.25}
    s.dense_unknown_boost = 0.5
    assert fusion_weights(["bm25", "dense"], s, lambda: 0.5) == {"bm25": 1.5, "dense": 0.25 + 0.5 * 0.5}
    assert fusion_weights(["bm25"], s, lambda: pytest.fail("no dense ranking")) == {"bm25": 1.5}


def test_adjusted_multiplies_the_policy_factors_one_after_another():
    s = Settings()
    chunk = Chunk(chunk_id="c", doc_id="d", text="…", source="x.txt", title="某市办法", region="清远市",
                  superseded_by="某市办法(2026-03-01)", heading_path="附件1 申请表")
    score = 0.0123
    want = score * region_factor("清远市", ["清远市", "广东省"], s)
    want *= s.named_document_boost
    want *= s.superseded_penalty
    want *= s.form_penalty
    assert adjusted(score, chunk, ["清远市", "广东省"], frozenset({"某市办法"}), s) == want
    assert adjusted(score, chunk, [], frozenset(), s) == score * s.superseded_penalty * s.form_penalty


def test_fake_embedder_is_deterministic_normalised_and_registered():
    emb = get_embedder(FAKE_EMBEDDER)
    assert isinstance(emb, FakeEmbedder) and isinstance(emb, Embedder)
    assert EMBEDDERS[FAKE_EMBEDDER].backend == "fake"
    docs = emb.embed_documents(["护理型床位占比不低于70%", "高龄津贴", ""])
    assert docs.shape == (3, emb.dim) and docs.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0)
    assert np.array_equal(docs[0], FakeEmbedder().embed_query("护理型床位占比不低于70%"))  # any instance, any process
    assert docs[0] @ emb.embed_query("护理型床位") > docs[1] @ emb.embed_query("护理型床位")
    assert emb.embed_documents([]).shape == (0, emb.dim)


def test_a_retriever_over_a_fake_seed_index_fuses_both_rankers(fake_seed_index, fake_embedder):
    r = Retriever(fake_seed_index, fake_embedder)
    hits = r.search(QUESTION, ["清远市", "广东省", "全国"])
    assert hits and len(hits) <= fake_seed_index.top_k
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert any({"bm25", "dense", "cosine_x1000"} <= set(h.ranks) for h in hits)
    request = RankQuery(QUESTION, 5, r.state, embed=r.query_vector)
    for name, ranker in RANKERS.items():
        ranking = ranker.rank(request)
        assert isinstance(ranking, Ranking) and ranking.ids and len(ranking.ids) <= 5, name
        assert (ranking.cosines is not None) == (name == "dense")


def test_a_keyword_search_never_embeds_the_query(fake_seed_index, fake_embedder):
    emb = CountingEmbedder(fake_embedder)
    r = Retriever(fake_seed_index, emb)
    assert r.search(QUESTION, mode="bm25") and emb.queries == 0
    r.search(QUESTION)
    r.search(QUESTION, mode="dense")
    assert emb.queries == 1  # embedded once, then the kept vector


def test_a_new_ranker_is_one_registry_entry(fake_seed_index, fake_embedder, monkeypatch):
    class FirstChunks:
        """A toy ranker: the index's first chunks, in order."""

        name = "first"
        weight = "weight_bm25"
        may_fail = False

        def rank(self, query: RankQuery) -> Ranking:
            return Ranking(list(range(min(query.n, len(query.state.chunks)))))

    assert isinstance(FirstChunks(), Ranker)
    monkeypatch.setitem(RANKERS, "first", FirstChunks())
    monkeypatch.setitem(MODES, "first", ("first",))
    monkeypatch.setitem(MODES, "hybrid", (*MODES["hybrid"], "first"))
    r = Retriever(fake_seed_index, fake_embedder)
    assert [h.chunk.chunk_id for h in r.search("任何问题", mode="first", k=3)] == [c.chunk_id for c in r.chunks[:3]]
    assert any("first" in h.ranks for h in r.search(QUESTION))
