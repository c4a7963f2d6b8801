"""Choose how answers pick their first sentence by measurement: run the dev set through the whole advisor
for a grid of (rank discount, dense temperature) and print the answer metrics for each, with "off" for
words alone (no sentence vectors). Then a two-fold check of the choice: fit on the even items, score
on the odd ones, and the other way round, against words alone on the same half.

    .venv/bin/python bench/sweep_sentences.py evals/sets/dev.jsonl > bench/results/sentence-sweep.md
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path
from typing import Any

from advisor import evaluate as ev
from advisor.answer import compose as A
from advisor.chat import Advisor

DISCOUNTS = (0.0, 0.05, 0.08, 0.1, 0.12, 0.15, 0.25)
TEMPERATURES: tuple[float | None, ...] = (None, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1)  # None: words alone


def _run(advisor: Advisor, items: list[dict], discount: float, temperature: float | None) -> dict[str, dict]:
    """Per-item results for one setting."""
    A.RANK_DISCOUNT = discount
    A.DENSE_TEMPERATURE = temperature or 1.0
    retriever = advisor.retriever
    saved = retriever.sentence_cosines
    if temperature is None:
        retriever.sentence_cosines = lambda chunk, qv: None  # type: ignore[method-assign]
    try:
        return {r["id"]: r for r in ev.run_set(items, advisor.conversation, progress=False)}
    finally:
        retriever.sentence_cosines = saved  # type: ignore[method-assign]


def _metrics(items: list[dict], results: dict[str, dict]) -> dict[str, Any]:
    return ev.aggregate(items, [results[it["id"]] for it in items])


def main(set_path: str) -> None:
    """Print the grid and the two-fold check as Markdown."""
    items = ev.load_set(Path(set_path))
    advisor = Advisor()
    grid = list(itertools.product(DISCOUNTS, TEMPERATURES))
    runs = {g: _run(advisor, items, *g) for g in grid}
    print("| rank discount | dense temperature | citation precision | coverage | refusal acc | must_not |")
    print("|---:|---:|---:|---:|---:|---:|")
    for (d, t), res in runs.items():
        m = _metrics(items, res)
        print(f"| {d} | {t if t is not None else 'off'} | {m['citation_precision']:.3f} | "
              f"{m['answer_point_coverage']:.3f} | {m['refusal_accuracy']:.3f} | {m['must_not_violations']} |")
    halves = [[it for i, it in enumerate(items) if i % 2 == h] for h in (0, 1)]
    print("\nTwo-fold check (fit: best citation precision + coverage on one half; scored on the other):\n")
    print("| fit on | chosen | other half: precision | coverage | words alone, same discount: precision | coverage |")
    print("|---|---|---:|---:|---:|---:|")
    for fit, test in ((0, 1), (1, 0)):
        def score(g: tuple[float, float | None], half: int = fit) -> float:
            m = _metrics(halves[half], runs[g])
            return m["citation_precision"] + m["answer_point_coverage"]

        best = max(grid, key=score)
        m = _metrics(halves[test], runs[best])
        base = _metrics(halves[test], runs[(best[0], None)])
        print(f"| {'even' if fit == 0 else 'odd'} items | {best} | {m['citation_precision']:.3f} | "
              f"{m['answer_point_coverage']:.3f} | {base['citation_precision']:.3f} | "
              f"{base['answer_point_coverage']:.3f} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "evals/sets/dev.jsonl")
