"""Score saved `advisor eval` outputs with the current metrics (article accuracy included), so results
written by an older version of the advisor can be compared with today's on the same set.

    .venv/bin/python bench/rescore.py evals/sets/real.jsonl RESULTS.jsonl [RESULTS2.jsonl ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from advisor.evaluate import aggregate, load_results, load_set  # noqa: E402

KEYS = ("hit@5", "mrr@10", "evidence_recall@5", "answer_point_coverage", "citation_precision",
        "refusal_accuracy", "article_accuracy", "cited_article_accuracy", "must_not_violations")


def main(argv: list[str]) -> int:
    """Print one markdown row of metrics per results file."""
    items = load_set(Path(argv[0]))
    print("| results | " + " | ".join(KEYS) + " |")
    print("|---|" + "---:|" * len(KEYS))
    for path in argv[1:]:
        m = aggregate(items, load_results(Path(path)))
        cells = [f"{m[k]:.3f}" if isinstance(m.get(k), float) else str(m.get(k)) for k in KEYS]
        print(f"| {Path(path).name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
