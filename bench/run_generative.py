"""Resumable run of a test set in the generative mode: the same records as
`advisor eval SET --answer generative --out OUT`, but each is appended to OUT as soon as it is done, items
already in OUT are skipped (a stopped run continues where it was), and --limit runs only the first N items.

    ADVISOR_LLM_MODEL=0.5b .venv/bin/python bench/run_generative.py evals/sets/dev.jsonl \\
        bench/results/dev-generative.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from advisor import evaluate as ev
from advisor.chat import Advisor
from advisor.settings import Settings


def main(argv: list[str] | None = None) -> int:
    """Run the items not yet in OUT."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--answer", default="generative", choices=["extractive", "generative"])
    ap.add_argument("--limit", type=int, default=0, help="only the first N items of the set")
    args = ap.parse_args(argv)
    items = ev.load_set(args.set)
    if args.limit:
        items = items[: args.limit]
    done = {r["id"] for r in ev.load_results(args.out)} if args.out.exists() else set()
    advisor = Advisor(Settings.from_env())

    def new_conversation():
        conv = advisor.conversation()
        conv.answer_mode = args.answer
        return conv

    args.out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    todo = [it for it in items if it["id"] not in done]
    with args.out.open("a", encoding="utf-8") as fh:
        for i, item in enumerate(todo, start=1):
            rec = ev.run_set([item], new_conversation, progress=False)[0]
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            fh.flush()
            g = rec.get("generation") or {}
            print(f"{len(done) + i}/{len(items)} {item['id']} {rec['latency_ms'] / 1000:.1f}s "
                  f"{g.get('status', '-')} kept={g.get('kept', '-')} replaced={g.get('replaced', '-')} "
                  f"removed={g.get('removed', '-')} (elapsed {time.perf_counter() - t0:.0f}s)", flush=True)
    # the contract fixes the order of records: rewrite OUT in the set's order
    by_id = {r["id"]: r for r in ev.load_results(args.out)}
    ev.write_results(args.out, [by_id[it["id"]] for it in ev.load_set(args.set) if it["id"] in by_id])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
