"""The ONNX export of the embedding model (advisor.retrieval.onnxexport) and its onnxruntime embedders, and an index
never mixing the vectors of two embedders.

Uses the real export in the model folder (``advisor build-onnx``, run by scripts/setup.sh; exported here
first when missing, ~1-2 min) and the real PyTorch model as the reference.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import make_corpus

from advisor.retrieval import embed, onnxexport
from advisor.retrieval.modelbuild import ensure_model
from advisor.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.model]  # builds or loads the embedding model itself

SENTENCES = [
    "清府办〔2024〕34号:自2025年2月1日起施行,有效期5年。",
    "对经济困难的高龄、失能老年人,按规定给予养老服务补贴和护理补贴。",
    "兜底保障型养老机构主要收住特困老年人和经济困难失能老年人",
    "第十二条　申请人应当提交《老年人能力评估表》、身份证复印件等材料……",
    "我妈82岁了,瘫在床上,在清远住,能领什么补贴?",
]
QUERIES = ["高龄津贴每月多少钱?", "家庭养老床位怎么申请", "特困老人集中供养的条件"]
INT8_MIN_COSINE = 0.99  # measured: min 0.9961 over the 223 seed chunks, 0.9974 on the export check


@pytest.fixture(scope="session")
def onnx_dir() -> Path:
    """The export in the model folder (built by setup; exported now when missing)."""
    return onnxexport.ensure_onnx(progress=False)


@pytest.fixture(scope="session")
def torch_embedder() -> embed.Embedder:
    """The PyTorch (sentence-transformers) embedder: the reference."""
    ensure_model(progress=False)
    return embed.get_embedder("e5-small")


@pytest.fixture(scope="session")
def onnx_fp32(onnx_dir: Path) -> embed.OnnxE5Embedder:
    return embed.OnnxE5Embedder(onnx_dir, embed.EMBEDDERS["e5-small-onnx"])


@pytest.fixture(scope="session")
def onnx_int8(onnx_dir: Path) -> embed.OnnxE5Embedder:
    return embed.OnnxE5Embedder(onnx_dir, embed.EMBEDDERS["e5-small-onnx-int8"])


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=-1)


def test_onnx_fp32_agrees_with_torch(torch_embedder, onnx_fp32) -> None:
    docs = onnx_fp32.embed_documents(SENTENCES, batch_size=2)
    assert docs.shape == (len(SENTENCES), 384) and docs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-5)
    assert _cosines(docs, torch_embedder.embed_documents(SENTENCES)).min() >= 0.999
    for q in QUERIES:
        assert _cosines(onnx_fp32.embed_query(q), torch_embedder.embed_query(q)) >= 0.999


def test_onnx_int8_agrees_with_torch(torch_embedder, onnx_int8) -> None:
    docs = onnx_int8.embed_documents(SENTENCES)
    assert _cosines(docs, torch_embedder.embed_documents(SENTENCES)).min() >= INT8_MIN_COSINE
    q = np.stack([onnx_int8.embed_query(x) for x in QUERIES])
    t = np.stack([torch_embedder.embed_query(x) for x in QUERIES])
    assert _cosines(q, t).min() >= INT8_MIN_COSINE
    # prefixes matter: a query is not embedded like the same text as a passage
    assert _cosines(onnx_int8.embed_query(QUERIES[0]), onnx_int8.embed_documents(QUERIES[:1])[0]) < 0.999


def test_padding_and_order_do_not_change_vectors(onnx_fp32) -> None:
    """A short text batched with a long one (padded) gets the vector it gets alone: the mask is honoured."""
    long_text = "养老服务补贴" * 120  # beyond 512 tokens: truncated
    alone = onnx_fp32.embed_documents([SENTENCES[4]])[0]
    batched = onnx_fp32.embed_documents([long_text, SENTENCES[4], SENTENCES[0]], batch_size=3)
    assert _cosines(alone, batched[1]) > 0.9999
    assert onnx_fp32.embed_documents([]).shape == (0, 384)


def test_build_onnx_is_idempotent(onnx_dir: Path) -> None:
    from advisor.cli import main

    marker = json.loads((onnx_dir / onnxexport.ONNX_MARKER).read_text("utf-8"))
    assert marker["min_cosine_vs_torch"]["fp32"] >= 0.999
    assert marker["fused_ops"].get("Attention") == 12
    before = {p.name: p.stat().st_mtime_ns for p in onnx_dir.iterdir()}
    start = time.perf_counter()
    assert main(["build-onnx"]) == 0
    assert time.perf_counter() - start < 30  # nothing exported again (an export takes ~1 min)
    assert {p.name: p.stat().st_mtime_ns for p in onnx_dir.iterdir()} == before


def test_completeness_check_with_placeholder_files(tmp_path: Path) -> None:
    """An export counts as complete only with every file and a marker naming the current source model
    (placeholder files stand in for the 600 MB of graphs: only names and the marker are checked)."""
    model_dir = ensure_model(progress=False)
    out = tmp_path / "onnx"
    out.mkdir()
    for name in (*onnxexport.GRAPHS.values(), *onnxexport.COPIED):
        (out / name).write_text("placeholder", "utf-8")
    assert not onnxexport.is_onnx_complete(out, model_dir)  # no marker yet
    marker = onnxexport._expected_marker(model_dir) | {"torch": "x"}
    (out / onnxexport.ONNX_MARKER).write_text(json.dumps(marker), "utf-8")
    assert onnxexport.is_onnx_complete(out, model_dir)
    (out / onnxexport.ONNX_MARKER).write_text(json.dumps(marker | {"format": -1}), "utf-8")
    assert not onnxexport.is_onnx_complete(out, model_dir)  # an older export format
    (out / onnxexport.ONNX_MARKER).write_text(json.dumps(marker), "utf-8")
    (out / onnxexport.GRAPHS["int8"]).unlink()
    assert not onnxexport.is_onnx_complete(out, model_dir)


def test_index_never_mixes_embedders(tmp_path: Path, torch_embedder, onnx_fp32) -> None:
    """An index built by one embedder: opening it for another asks for a rebuild (`needs_build`), a
    retriever given the other embedder refuses to search densely, one left to choose uses the index's own;
    the rebuild re-embeds everything (the embedding cache is per embedder) and then serves the new one."""
    from advisor.index.store import build, current_version, needs_build, read_manifest
    from advisor.retrieval.retriever import Retriever

    s = Settings()
    s.corpus_dir = make_corpus(tmp_path / "corpus", ["003_e158a52334c50710.txt"])
    s.index_dir = tmp_path / "index"
    s.embedder = torch_embedder.name
    stats, _ = build(s, embedder=torch_embedder, progress=False)
    assert read_manifest(current_version(s.index_dir))["embedder"] == "e5-small"
    assert not needs_build(s)

    s.embedder = onnx_fp32.name
    assert needs_build(s)
    with pytest.raises(ValueError, match="built by embedder 'e5-small'"):
        Retriever(s, onnx_fp32).search("护理型床位占比", mode="dense")
    chosen = Retriever(s)
    assert chosen.embedder.name == "e5-small"  # follows the index, not the setting
    assert chosen.search("护理型床位占比", mode="dense")

    stats2, _ = build(s, embedder=onnx_fp32, progress=False)
    assert stats2.reused == 0 and stats2.embedded == stats.chunks  # no torch vector reused
    assert (s.index_dir / "embcache-e5-small.npz").exists()
    assert (s.index_dir / "embcache-e5-small-onnx.npz").exists()
    assert not needs_build(s)
    hits = Retriever(s, onnx_fp32).search("护理型床位占比要达到多少", mode="dense")
    assert any("护理型床位" in h.chunk.text for h in hits[:5])
    with pytest.raises(ValueError):
        Retriever(s, torch_embedder).search("护理型床位占比", mode="dense")
    shutil.rmtree(s.index_dir, ignore_errors=True)


def test_default_embedder_is_onnx_int8(monkeypatch: pytest.MonkeyPatch, onnx_dir: Path) -> None:
    """The default (bench/results/embed-backends.md: fastest, same dev-set hit@5) is the int8 export, and
    the settings agree with the embedder registry so a default index is never rebuilt for nothing."""
    monkeypatch.delenv("ADVISOR_EMBEDDER", raising=False)
    assert embed.embedder_name() == embed.DEFAULT_EMBEDDER == "e5-small-onnx-int8"
    assert Settings.from_env().embedder == embed.DEFAULT_EMBEDDER
    default = embed.get_embedder()
    assert isinstance(default, embed.OnnxE5Embedder) and default.model_dir == onnx_dir


def test_int8_vectors_do_not_depend_on_batch_neighbours(onnx_int8) -> None:
    """Dynamic int8 quantisation scales activations per run, so the int8 embedder runs one text at a time:
    a chunk gets the same vector whatever it is embedded with (an index rebuild reuses cached vectors)."""
    alone = onnx_int8.embed_documents([SENTENCES[1]])[0]
    batched = onnx_int8.embed_documents(["养老服务补贴" * 80, SENTENCES[1], SENTENCES[3]], batch_size=32)
    np.testing.assert_array_equal(alone, batched[1])
