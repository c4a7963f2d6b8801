"""The real Chroma index with the real model: incremental re-embedding, removal, atomic swap."""

from __future__ import annotations

import json

import pytest
from conftest import make_corpus

from advisor.index import build, current_version, load_chunks, open_collection
from advisor.settings import Settings

pytestmark = pytest.mark.slow


class CountingEmbedder:
    """The real embedder, counting how many texts it embeds."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.calls = inner, inner.name, inner.dim, 0

    def embed_documents(self, texts, batch_size=32, progress=False):
        self.calls += len(texts)
        return self.inner.embed_documents(texts, batch_size=batch_size, progress=False)

    def embed_query(self, text):
        return self.inner.embed_query(text)


class FailingEmbedder(CountingEmbedder):
    def embed_documents(self, texts, batch_size=32, progress=False):
        raise RuntimeError("simulated crash while embedding")


@pytest.fixture()
def small(tmp_path):
    s = Settings()
    s.corpus_dir = make_corpus(tmp_path / "corpus", ["002_353b7a8758948278.txt", "003_e158a52334c50710.txt"])
    s.index_dir = tmp_path / "index"
    return s


def test_reingest_embeds_only_what_changed(small, embedder):
    emb = CountingEmbedder(embedder)
    stats, report = build(small, embedder=emb, progress=False)
    first = stats.chunks
    assert emb.calls == first and stats.reused == 0
    coll = open_collection(current_version(small.index_dir), small)
    assert coll.count() == first
    assert coll.configuration_json["hnsw"]["space"] == "cosine"
    del coll
    assert json.loads((small.index_dir / "ingest-report.json").read_text("utf-8"))["chunks"] == first

    emb.calls = 0
    stats, _ = build(small, embedder=emb, progress=False)  # no change
    assert emb.calls == 0 and stats.reused == first

    qy = small.policies_dir / "003_e158a52334c50710.txt"
    qy.write_text(qy.read_text("utf-8").replace("有效期5年", "有效期3年"), "utf-8")  # edit one clause
    emb.calls = 0
    stats, report = build(small, embedder=emb, progress=False)
    assert 1 <= emb.calls <= 3, emb.calls  # only the edited clause (and nothing of the other file)
    doc = next(d for d in report["documents"] if d["source"] == "003_e158a52334c50710.txt")
    assert doc["expiry_date"] == "2028-01-31"

    (small.policies_dir / "002_353b7a8758948278.txt").unlink()  # a removed file's chunks disappear
    stats, _ = build(small, embedder=emb, progress=False)
    chunks = load_chunks(open_collection(current_version(small.index_dir), small))
    assert chunks and all(c.source == "003_e158a52334c50710.txt" for c in chunks)


def test_failed_build_leaves_previous_index_usable(small, embedder):
    build(small, embedder=embedder, progress=False)
    before = current_version(small.index_dir)
    n = open_collection(before, small).count()
    (small.policies_dir / "new.txt").write_text(
        "某市关于发展老年助餐服务的实施意见\n一、总体要求\n到2026年,老年助餐服务覆盖全部城市社区和半数以上农村社区。"
        "\n二、重点任务\n(一)建设老年食堂。依托社区养老服务站点建设老年食堂,为高龄、失能、独居老年人提供助餐服务。"
        "\n(二)发展送餐上门。鼓励养老机构和餐饮企业为行动不便的老年人提供送餐上门服务。\n", "utf-8")
    with pytest.raises(RuntimeError):
        build(small, embedder=FailingEmbedder(embedder), progress=False)
    assert current_version(small.index_dir) == before
    assert open_collection(before, small).count() == n
    assert not list(small.index_dir.glob("*.building"))
