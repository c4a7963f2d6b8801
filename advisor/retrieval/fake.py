"""A FAKE embedder for tests: not a model, and never meant for answers.

:class:`FakeEmbedder` has the interface of the real embedders (:class:`advisor.retrieval.embed.Embedder`) but
makes its vectors by hashing the text's character n-grams (1 to 3 characters, after NFKC and lower-casing)
into a fixed number of buckets: deterministic across processes and machines, L2-normalised float32, texts
sharing many n-grams are close. With it a test builds a real Chroma index, its side-car and a `Retriever` in a
fraction of a second, without the embedding model. It is registered in ``EMBEDDERS`` under the clearly fake
name :data:`FAKE_EMBEDDER` (backend ``"fake"``), so a subprocess of a test can use it through
``ADVISOR_EMBEDDER``; what is ranked by meaning is then ranked by shared characters, so tests of retrieval
or answer quality keep the real model (the ``model`` mark)."""

from __future__ import annotations

import unicodedata
import zlib

import numpy as np

FAKE_EMBEDDER = "fake-ngram"  # its name in EMBEDDERS and in the manifests of the indexes it builds
FAKE_DIM = 256
NGRAMS = (1, 2, 3)


class FakeEmbedder:
    """Deterministic character n-gram hashing vectors with the `Embedder` interface (a test double)."""

    def __init__(self, name: str = FAKE_EMBEDDER, dim: int = FAKE_DIM) -> None:
        """A fake embedder called `name` (recorded in the manifests of the indexes it builds), `dim` wide."""
        self.name = name
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        t = unicodedata.normalize("NFKC", text).lower()
        v = np.zeros(self.dim, dtype=np.float32)
        for n in NGRAMS:
            for i in range(len(t) - n + 1):
                v[zlib.crc32(t[i : i + n].encode("utf-8")) % self.dim] += 1.0
        norm = float(np.linalg.norm(v))
        if norm == 0.0:  # no characters: one fixed unit vector, so every row stays normalised
            v[0] = 1.0
            return v
        return v / norm

    def embed_documents(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Embed passages: ``(len(texts), dim)`` float32 with L2-normalised rows (`batch_size` and `progress`
        are accepted for the interface and ignored)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one search query: ``(dim,)`` float32, L2-normalised."""
        return self._vector(text)

    def __repr__(self) -> str:
        return f"FakeEmbedder(name={self.name!r}, dim={self.dim})"
