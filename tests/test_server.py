"""Scale-out: a real Chroma server (`chroma run` from the chromadb package) on a loopback port, an
index built into it, and two independent processes answering from it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_corpus

from advisor.chat import Advisor
from advisor.index.store import build, current_version_name
from advisor.retrieval.retriever import Retriever
from advisor.settings import Settings

pytestmark = pytest.mark.slow

QUESTION = "清远公办养老机构优先保障哪些老年人入住?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(path: Path, port: int) -> subprocess.Popen:
    import chromadb

    exe = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            return proc
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError("chroma server did not start") from None
            time.sleep(0.3)


@pytest.fixture()
def chroma_server(tmp_path, monkeypatch):
    port = _free_port()
    proc = _start_server(tmp_path / "server", port)
    try:
        monkeypatch.setenv("ADVISOR_CHROMA_HOST", "127.0.0.1")
        monkeypatch.setenv("ADVISOR_CHROMA_PORT", str(port))
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_two_processes_answer_identically_from_one_server(chroma_server, tmp_path, embedder):
    s = Settings()
    s.corpus_dir = make_corpus(tmp_path / "corpus", ["000_1d2e2f58848231f4.txt", "003_e158a52334c50710.txt"])
    s.index_dir = tmp_path / "index"
    build(s, embedder=embedder, progress=False)
    first = current_version_name(s)
    assert first and first.startswith("v-")

    here = Advisor(s, Retriever(s, embedder)).conversation().ask(QUESTION)
    assert not here.refused and any(c.doc == "003_e158a52334c50710.txt" for c in here.citations)

    env = dict(os.environ, ADVISOR_CORPUS=str(s.corpus_dir), ADVISOR_INDEX=str(tmp_path / "other-index"))
    out = subprocess.run([sys.executable, "-m", "advisor.cli", "ask", "--json", QUESTION], env=env,
                         capture_output=True, text=True, timeout=300, check=True).stdout
    there = json.loads(out)  # another process with no local index at all: everything comes from the server
    assert current_version_name(s) == first  # ...and it did not build one of its own
    assert not (tmp_path / "other-index").exists()
    assert there["answer"] == here.text
    assert [c["text"] for c in there["citations"]] == [c.text for c in here.citations]

    # a new version (a document removed) replaces the old one for every reader
    (s.policies_dir / "003_e158a52334c50710.txt").unlink()
    build(s, embedder=embedder, progress=False)
    retriever = Retriever(s, embedder)
    assert retriever.version != first
    assert {c.source for c in retriever.chunks} == {"000_1d2e2f58848231f4.txt"}
    assert not any(h.chunk.source.startswith("003") for h in retriever.search(QUESTION, mode="bm25"))


def test_an_outage_of_the_server_degrades_and_recovers(tmp_path, monkeypatch, embedder):
    """The Chroma server stopped mid-service: answers go on from the local copy (policy, eligibility and
    provider questions alike), a process started during the outage still answers, the CLI with no local
    copy says one line; when the server returns, the retriever reconnects."""
    port = _free_port()
    monkeypatch.setenv("ADVISOR_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("ADVISOR_CHROMA_PORT", str(port))
    proc = _start_server(tmp_path / "server", port)
    try:
        s = Settings()
        s.corpus_dir = make_corpus(tmp_path / "corpus", ["000_1d2e2f58848231f4.txt", "003_e158a52334c50710.txt"])
        s.index_dir = tmp_path / "index"
        build(s, embedder=embedder, progress=False)
        advisor = Advisor(s, Retriever(s, embedder))
        before = advisor.conversation().ask(QUESTION)
        assert not before.refused

        proc.terminate()
        proc.wait(timeout=20)
        for q in (QUESTION, "我妈82岁,在清远,失能,低保,能享受什么?", "清城区附近哪里有养老院?"):
            advisor.retriever.maybe_reload()  # as the page does before each message: the store does not answer
            ans = advisor.conversation().ask(q)
            assert "系统暂时出错" not in ans.text and ans.text.strip(), (q, ans.text)
        assert advisor.retriever.store_down
        assert advisor.conversation().ask(QUESTION).citations[0].text == before.citations[0].text
        import advisor.retrieval.dense as dense_module

        monkeypatch.setattr(dense_module, "EXACT_SEARCH_MAX", 0)  # a large index: its dense search needs the store
        keywords_only = advisor.conversation().ask(QUESTION)
        assert "向量检索暂时不可用" in keywords_only.text and keywords_only.citations
        monkeypatch.undo()
        monkeypatch.setenv("ADVISOR_CHROMA_HOST", "127.0.0.1")
        monkeypatch.setenv("ADVISOR_CHROMA_PORT", str(port))
        # a process starting during the outage answers from the local copy
        started = Advisor(s, Retriever(s, embedder)).conversation().ask(QUESTION)
        assert started.citations and started.citations[0].text == before.citations[0].text
        # the CLI without any local copy: one line, no traceback, non-zero
        env = dict(os.environ, ADVISOR_CORPUS=str(s.corpus_dir), ADVISOR_INDEX=str(tmp_path / "none"))
        out = subprocess.run([sys.executable, "-m", "advisor.cli", "ask", QUESTION], env=env, capture_output=True,
                             text=True, timeout=300)
        assert out.returncode == 4 and "Traceback" not in out.stderr and "暂时连不上" in out.stderr

        proc = _start_server(tmp_path / "server", port)  # the server is back
        advisor.retriever.maybe_reload()
        assert not advisor.retriever.store_down and advisor.retriever.state.collection is not None
    finally:
        proc.terminate()
        proc.wait(timeout=20)
