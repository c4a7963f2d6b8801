"""How answers pick their 结论, measured on several sets at once: for a grid of (rank discount, dense
temperature) run each set through the whole advisor and print the answer metrics side by side.

    .venv/bin/python bench/sweep_answers.py DISCOUNTS TEMPERATURES SET.jsonl [SET.jsonl ...]
    .venv/bin/python bench/sweep_answers.py 0.04,0.08,0.15,0.3 0.06 evals/sets/dev.jsonl evals/sets/real.jsonl
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from sweep_bm25 import metric_cells  # bench/ is the script's own folder

from advisor import evaluate as ev
from advisor.answer import compose as A
from advisor.chat import Advisor

KEYS = ("first_citation_precision", "citation_precision", "answer_point_coverage", "refusal_accuracy",
        "article_accuracy")
SHORT = {"first_citation_precision": "结论 cit", "citation_precision": "cit", "answer_point_coverage": "cover",
         "refusal_accuracy": "refusal", "article_accuracy": "article"}


def main(argv: list[str]) -> None:
    """One Markdown row per setting."""
    discounts = [float(x) for x in argv[0].split(",")]
    temperatures = [float(x) for x in argv[1].split(",")]
    sets = {Path(p).stem: ev.load_set(Path(p)) for p in argv[2:]}
    advisor = Advisor()
    cols = [f"{name} {SHORT[k]}" for name in sets for k in KEYS]
    print("| rank discount | dense temperature | " + " | ".join(cols) + " |")
    print("|---:|---:|" + "---:|" * len(cols))
    for d, t in itertools.product(discounts, temperatures):
        A.RANK_DISCOUNT, A.DENSE_TEMPERATURE = d, t
        print(f"| {d} | {t} | " + " | ".join(metric_cells(advisor, sets, KEYS)) + " |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
