"""One writer at a time (issue 19): two real `advisor ingest` processes racing, `advisor remove` racing an
ingest, `--no-wait` while another writer holds the lock, and build folders left by a dead writer. The processes
embed with the fake embedder (no model), except the two racing ingests: the real model's load and embedding
keep the first one writing while the second one starts and waits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, make_corpus

from advisor.retrieval.fake import FAKE_EMBEDDER

ADVISOR = [sys.executable, "-m", "advisor.cli"]
pytestmark = pytest.mark.slow


def _run(*args: str, corpus: Path, index: Path, embedder: str | None = FAKE_EMBEDDER) -> subprocess.Popen:
    """`advisor <args>` as a process on `corpus` and `index`, embedding with `embedder` (None: the configured one,
    the real model)."""
    env = os.environ | {"HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)} | (
        {"ADVISOR_EMBEDDER": embedder} if embedder else {})
    return subprocess.Popen([*ADVISOR, *args, "--corpus", str(corpus), "--index", str(index), "--quiet"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture()
def small(tmp_path: Path) -> tuple[Path, Path]:
    corpus = make_corpus(tmp_path / "corpus", ["002_353b7a8758948278.txt", "003_e158a52334c50710.txt"])
    return corpus, tmp_path / "index"


def _current(index: Path) -> str:
    return (index / "CURRENT").read_text(encoding="utf-8").strip()


@pytest.mark.model  # the real model: loading it and embedding keep the first ingest busy while the second waits
def test_two_ingests_race_and_the_newest_is_current(small):
    corpus, index = small
    procs = [_run("ingest", corpus=corpus, index=index, embedder=None) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    versions = sorted(p.name for p in index.glob("v-*") if p.is_dir())
    assert _current(index) == versions[-1]  # the one that finished last is also the newest started
    assert not list(index.glob("*.building"))
    assert any("等它完成" in err or "waiting" in err for _, err in outs)  # the second one said it waits


def test_remove_racing_an_ingest_never_brings_the_file_back(small):
    corpus, index = small
    first = _run("ingest", corpus=corpus, index=index)
    assert first.wait(timeout=600) == 0  # an index to start from
    ingest = _run("ingest", corpus=corpus, index=index)
    time.sleep(0.5)
    remove = _run("remove", "002_353b7a8758948278.txt", corpus=corpus, index=index)
    for p in (ingest, remove):
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, (out, err)
    manifest = (index / _current(index) / "manifest.json").read_text(encoding="utf-8")
    assert "002_353b7a8758948278.txt" not in manifest
    assert (corpus / "removed" / "002_353b7a8758948278.txt").exists()


def test_no_wait_fails_fast_while_another_writer_holds_the_lock(small):
    from advisor.index.store import writer_lock
    from advisor.settings import Settings

    corpus, index = small
    s = Settings()
    s.corpus_dir, s.index_dir = corpus, index
    with writer_lock(s):
        p = _run("ingest", "--no-wait", corpus=corpus, index=index)
        _, err = p.communicate(timeout=300)
    assert p.returncode == 3 and "另一个导入或移除正在进行" in err and "Traceback" not in err


def test_build_folders_of_a_dead_writer_are_cleared(small, fake_embedder):
    from advisor.index.store import build
    from advisor.settings import Settings

    corpus, index = small
    (index / "v-20200101T000000000000.building").mkdir(parents=True)  # a writer killed mid-build, just now
    s = Settings()
    s.corpus_dir, s.index_dir = corpus, index
    build(s, embedder=fake_embedder, progress=False)
    assert not list(index.glob("*.building"))
