"""Choose the fusion weights by measurement: run the dev set through the whole advisor for a grid of
(BM25 weight, dense weight, RRF k) and print retrieval and answer metrics for each.

    .venv/bin/python bench/sweep_fusion.py evals/sets/dev.jsonl > bench/results/fusion-sweep.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from advisor import evaluate as ev
from advisor.chat import Advisor


def main(set_path: str) -> None:
    """Print one Markdown table row per configuration."""
    items = ev.load_set(Path(set_path))
    advisor = Advisor()
    s = advisor.settings
    print("| w_bm25 | w_dense | rrf_k | hit@5 | mrr@10 | recall@5 | coverage | citation precision | refusal acc |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in (20, 60):
        for wb, wd in ((1.0, 0.0), (1.0, 0.3), (1.0, 0.5), (1.0, 0.7), (1.0, 1.0), (0.7, 1.0), (0.0, 1.0)):
            s.weight_bm25, s.weight_dense, s.rrf_k = wb, wd, k
            res = ev.run_set(items, advisor.conversation, progress=False)
            m = ev.aggregate(items, res)
            print(f"| {wb} | {wd} | {k} | {m['hit@5']:.3f} | {m['mrr@10']:.3f} | {m['evidence_recall@5']:.3f} | "
                  f"{m['answer_point_coverage']:.3f} | {m['citation_precision']:.3f} | {m['refusal_accuracy']:.3f} |",
                  flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "evals/sets/dev.jsonl")
