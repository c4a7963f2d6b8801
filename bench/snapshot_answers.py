"""The answers to every question of the four dev sets (dev, real, intents, eligibility), as a snapshot: a move that changes structure, not behaviour, must
give the same answers (tests/test_snapshot.py compares them).

    .venv/bin/python bench/snapshot_answers.py            # write bench/results/answers-snapshot.jsonl
    .venv/bin/python bench/snapshot_answers.py --check    # compare, print what differs, exit 1 if anything

Runs on the index of the shipped corpus (ADVISOR_INDEX / index/, built by `advisor ingest`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "bench" / "results" / "answers-snapshot.jsonl"
SETS = ("dev", "real", "intents", "eligibility")


def answers(settings=None) -> list[dict]:
    """One record per dev-set item: the last answer's text, whether refused, and its citations."""
    from advisor.chat import Advisor
    from advisor.evaluate import load_set, run_set

    advisor = Advisor(settings)
    out = []
    for name in SETS:
        items = load_set(ROOT / "evals" / "sets" / f"{name}.jsonl")
        for item, rec in zip(items, run_set(items, advisor.conversation, progress=False), strict=True):
            out.append({"set": name, "id": item["id"], "answer": rec["answer"], "refused": rec["refused"],
                        "citations": [[c.get("doc"), c.get("article", ""), c.get("text", "")] for c in rec["citations"]]})
    return out


def differences(now: list[dict], before: list[dict]) -> list[str]:
    """What differs between two snapshots, one line per item."""
    old = {(r["set"], r["id"]): r for r in before}
    lines = []
    for r in now:
        o = old.pop((r["set"], r["id"]), None)
        if o is None:
            lines.append(f"{r['set']}/{r['id']}: new item")
        elif o != r:
            what = [k for k in ("answer", "refused", "citations") if o[k] != r[k]]
            lines.append(f"{r['set']}/{r['id']}: {', '.join(what)} changed")
    lines += [f"{s}/{i}: gone" for s, i in old]
    return lines


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="compare with the snapshot instead of writing it")
    args = p.parse_args()
    now = answers()
    if args.check:
        before = [json.loads(line) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()]
        diff = differences(now, before)
        print("\n".join(diff) or f"{len(now)} answers, all as in the snapshot")
        return 1 if diff else 0
    SNAPSHOT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in now), encoding="utf-8")
    print(f"wrote {len(now)} answers to {SNAPSHOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
