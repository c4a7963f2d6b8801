"""Choose BM25's k1 and b (and the no-region national lead) by measurement: rebuild the BM25 side of the
loaded index in memory for each configuration and run whole question sets through the advisor.

    .venv/bin/python bench/sweep_bm25.py K1S BS W_DENSES NAT_BOOSTS [SET.jsonl ...]
    .venv/bin/python bench/sweep_bm25.py 1.2,1.5 0.75,0.5,0.3 0.3 1.2 evals/sets/dev.jsonl evals/sets/real.jsonl

Each argument before the sets is a comma-separated list; every combination is run. ADVISOR_CORPUS and
ADVISOR_INDEX choose another corpus (the probe of bench/probe, for instance).
"""

from __future__ import annotations

import dataclasses
import itertools
import sys
from pathlib import Path

import bm25s

from advisor import evaluate as ev
from advisor.chat import Advisor
from advisor.retrieval.retriever import BM25Index, build_lexical, tokenize

KEYS = ("hit@5", "mrr@10", "citation_precision", "refusal_accuracy", "article_accuracy")


def bm25_documents(chunks: list) -> list[list[str]]:
    """The BM25 documents of the index (title + heading + text tokens), as build_lexical makes them."""
    heads: dict[str, list[str]] = {}
    docs = []
    for c in chunks:
        head: list[str] = []
        for part in (c.title, c.heading_path):
            if part not in heads:
                heads[part] = tokenize(part)
            head += heads[part]
        docs.append(head + tokenize(c.text) or ["∅"])
    return docs


def metric_cells(advisor: Advisor, sets: dict[str, list[dict]], keys: tuple[str, ...]) -> list[str]:
    """Run every set through the advisor as it is now configured: its metrics `keys`, set after set."""
    cells = []
    for items in sets.values():
        m = ev.aggregate(items, ev.run_set(items, advisor.conversation, progress=False))
        cells += [f"{m[k]:.3f}" if isinstance(m.get(k), float) else "–" for k in keys]
    return cells


def main(argv: list[str]) -> None:
    """Print one Markdown row per configuration, the sets' metrics side by side."""
    grids = [[float(x) for x in a.split(",")] for a in argv[:4]]
    sets = {Path(p).stem: ev.load_set(Path(p)) for p in argv[4:] or ["evals/sets/dev.jsonl"]}
    advisor = Advisor()
    retriever = advisor.retriever
    state = retriever.state
    build_lexical(state.chunks, retriever.lex)  # teaches jieba the corpus terms, as loading an index does
    docs = bm25_documents(state.chunks)
    cols = [f"{name} {k}" for name in sets for k in KEYS]
    print("| k1 | b | w_dense | no-region national boost | " + " | ".join(cols) + " |")
    print("|---:|---:|---:|---:|" + "---:|" * len(cols))
    for k1, b, w_dense, nat in itertools.product(*grids):
        model = bm25s.BM25(k1=k1, b=b)
        model.index(docs, show_progress=False)
        retriever.state = dataclasses.replace(state, bm25=BM25Index(model=model))
        advisor.settings.weight_dense, advisor.settings.no_region_national_boost = w_dense, nat
        cells = metric_cells(advisor, sets, KEYS)
        print(f"| {k1} | {b} | {w_dense} | {nat} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
