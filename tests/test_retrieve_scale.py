"""Retrieval at scale: the asker's region enters the candidates even when other regions crowd the global
top-n, and the saved lexical side-car loads the same BM25 index as tokenising everything again."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from advisor.index.store import current_version, embed_text, load_chunks, open_collection, write_version
from advisor.lexicon import load_lexicon
from advisor.retrieval.retriever import LEXICAL_DIR, Retriever, build_lexical, load_lexical
from advisor.schema import Chunk
from advisor.settings import Settings

pytestmark = pytest.mark.slow

QUERY = "护理型床位占比不低于多少"
CROWD = "辽宁省"
WANTED = "甘肃省天水市"


def _chunks() -> list[Chunk]:
    """Twelve 辽宁 clauses that match the query closely, a few unrelated ones, and one weaker 天水 clause."""
    out = []
    for i in range(12):
        out.append(Chunk(f"a{i:02d}", f"ln{i}", f"ln{i}.txt",
                         f"到2025年,全省公办养老机构护理型床位占比不低于{60 + i}%,护理型床位建设给予补贴。",
                         title=f"辽宁养老服务方案{i}", region=CROWD, level="province"))
    for i, t in enumerate(["老年助餐服务网络覆盖城乡社区。", "推进适老化改造,为特殊困难老年人家庭安装扶手。",
                           "建立老年人能力评估制度,评估结果全省互认。"]):
        out.append(Chunk(f"b{i:02d}", f"other{i}", f"other{i}.txt", t, title="其他方案", region="全国", level="national"))
    out.append(Chunk("z00", "ts", "ts.txt", "天水市养老机构中护理床位的比例逐步提高。", title="天水市实施意见",
                     region=WANTED, level="city"))
    return out


@pytest.fixture(scope="module")
def crowded(tmp_path_factory, embedder):
    """A real Chroma index of those chunks (real e5 vectors), with a candidate pool of 5 per retriever."""
    s = Settings()
    s.index_dir = tmp_path_factory.mktemp("crowded") / "index"
    s.candidates, s.top_k = 5, 5
    chunks = _chunks()
    matrix = embedder.embed_documents([embed_text(c) for c in chunks])
    write_version(s, chunks, matrix, {"embedder": embedder.name, "files": {}, "chunks": len(chunks),
                                      "documents": []}, {})
    return s, Retriever(s, embedder)


def test_wanted_region_enters_candidates_when_crowded_out(crowded):
    _, r = crowded
    st = r.state
    z = st.by_id["z00"]
    glob_bm25, _ = r.bm25_ranking(QUERY, 5)
    glob_dense, _ = r.dense_ranking(QUERY, 5)
    assert z not in glob_bm25 and z not in glob_dense  # the crowd fills the global top-5 on both sides
    assert all(r.search(QUERY, [], k=5)[i].chunk.region != WANTED for i in range(5))

    chain = load_lexicon(r.settings.lexicon_dir).chain(WANTED)
    pools = st.pools(chain)
    assert [z] == pools[0].tolist()  # the region's own chunks; national ones are the second pool
    assert st.by_id["a00"] not in np.concatenate(pools).tolist()
    assert z in r.bm25_ranking(QUERY, 5, pools=pools)[0]
    assert st.vectors is not None  # exact search over the saved vectors
    assert z in r.dense_ranking(QUERY, 5, pools=pools, wanted=chain)[0]
    bare = replace(st, vectors=None)  # an index without saved vectors: over-fetch, then a filtered query
    assert z in r.dense_ranking(QUERY, 5, bare, pools=pools, wanted=chain)[0]
    hits = r.search(QUERY, chain, k=5)
    assert hits[0].chunk.chunk_id == "z00"  # the asker's own region, boosted, comes first
    assert any(h.chunk.region == CROWD for h in hits)  # other regions still follow, penalised


def test_saved_lexical_side_car_matches_a_rebuild_and_stale_one_is_ignored(crowded):
    s, r = crowded
    vdir = current_version(s.index_dir)
    lex = load_lexicon(s.lexicon_dir)
    col = open_collection(vdir)
    rebuilt = build_lexical(load_chunks(col), lex)
    saved = load_lexical(vdir, lex, col.count())
    assert saved is not None
    assert [c.chunk_id for c in saved.chunks] == [c.chunk_id for c in rebuilt.chunks]
    assert saved.chunks[0] == rebuilt.chunks[0]
    assert saved.df == rebuilt.df
    np.testing.assert_allclose(saved.bm25.scores(QUERY), rebuilt.bm25.scores(QUERY), rtol=1e-6)
    assert np.count_nonzero(saved.bm25.scores(QUERY)) > 0
    stored = col.get(ids=[c.chunk_id for c in saved.chunks], include=["embeddings"])
    by_id = dict(zip(stored["ids"], stored["embeddings"], strict=True))
    np.testing.assert_allclose(saved.vectors, [by_id[c.chunk_id] for c in saved.chunks], atol=1e-6)

    meta_path = vdir / LEXICAL_DIR / "lexical.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    meta_path.write_text(json.dumps(meta | {"key": "other word lists"}), "utf-8")
    try:
        assert load_lexical(vdir, lex, col.count()) is None
        assert load_lexical(vdir, lex, col.count() + 1) is None
        again = Retriever(s, r.embedder)  # falls back to fetching and tokenising the chunks
        assert again.search(QUERY, [], mode="bm25")[0].chunk.region == CROWD
        assert again.df == r.df
        # the saved vectors do not depend on the word lists: the rebuilt side keeps exact dense search, so it
        # ranks exactly as the saved side-car does
        assert again.state.vectors is not None
        assert [h.chunk.chunk_id for h in again.search(QUERY, [])] == [h.chunk.chunk_id for h in r.search(QUERY, [])]
    finally:
        meta_path.write_text(json.dumps(meta), "utf-8")
