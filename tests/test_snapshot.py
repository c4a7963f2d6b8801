"""Structure moves change no answer: every dev-set answer equals the committed snapshot
(bench/results/answers-snapshot.jsonl, written by bench/snapshot_answers.py before a move). A change meant to
change answers rewrites the snapshot in the same commit, and its eval numbers go to bench/."""

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


@pytest.mark.slow
def test_dev_set_answers_equal_the_snapshot(tmp_path, embedder):
    from snapshot_answers import SNAPSHOT, answers, differences

    from advisor.index.store import build
    from advisor.settings import Settings

    s = Settings()
    s.corpus_dir = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", s.corpus_dir, ignore=shutil.ignore_patterns("removed", "drafts"))
    s.index_dir = tmp_path / "index"
    build(s, embedder=embedder, progress=False)
    before = [json.loads(line) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()]
    diff = differences(answers(s), before)
    assert not diff, "\n".join(diff[:20])
