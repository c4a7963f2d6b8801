"""Retrieval baselines in one run on the dev set, against the current index:

* BM25 only — jieba + bm25s (the project's Retriever, mode ``bm25``);
* rank_bm25 — ``BM25Okapi`` from the ``rank-bm25`` package (what LangChain's ``BM25Retriever`` uses, with
  its default k1 1.5, b 0.75, epsilon 0.25) over the same jieba tokens of the same chunks, ranked and
  region-weighted exactly like the BM25 side (only the scoring function is swapped);
* dense only — e5 vectors in Chroma (mode ``dense``);
* hybrid — weighted reciprocal-rank fusion of both (mode ``hybrid``, the default).

Quality is measured the way ``advisor eval`` measures it: every item runs through a fresh conversation
(``advisor.evaluate.run_set``: all turns, the asker's profile and regions) and is scored by
``advisor.evaluate.aggregate`` (hit@5, MRR@10, ...), so the numbers agree with ``advisor eval --compare``.
Latency is the wall time of each ``Retriever.search`` call alone (no answer composition), over every call
the run makes, after a warm-up.

    .venv/bin/python bench/retrievers.py [evals/sets/dev.jsonl] [--limit N] [--out bench/results]

writes ``retrievers.md``, ``retrievers.json`` and ``retrievers.png`` into ``--out``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from machine import load_average, machine_lines, plot_font

from advisor import evaluate as ev
from advisor.chat import Advisor
from advisor.index.store import current_version, read_manifest
from advisor.retrieval.retriever import Retriever, tokenize
from advisor.schema import Chunk, Hit
from advisor.settings import Settings

WARMUP = ("养老服务补贴怎么申请?", "清远市高龄津贴标准是多少?", "失能老人护理补贴")


class TimedRetriever(Retriever):
    """The project's Retriever, recording the wall time of every search (milliseconds)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.timings: list[float] = []
        super().__init__(*args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> list[Hit]:
        """`Retriever.search`, timed."""
        t0 = time.perf_counter()
        try:
            return super().search(*args, **kwargs)
        finally:
            self.timings.append((time.perf_counter() - t0) * 1000.0)


class RankBM25Scorer:
    """``rank_bm25.BM25Okapi`` over the jieba tokens of each chunk's title, heading path and text, with the
    ``scores(query)`` interface of the project's BM25Index."""

    def __init__(self, chunks: list[Chunk]) -> None:
        from rank_bm25 import BM25Okapi

        docs = [tokenize(c.title) + tokenize(c.heading_path) + tokenize(c.text) or ["∅"] for c in chunks]
        self.model = BM25Okapi(docs)
        self.size = len(docs)

    def scores(self, query: str) -> np.ndarray:
        """BM25Okapi score of every chunk for the query's jieba tokens."""
        toks = tokenize(query)
        if not toks:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.model.get_scores(toks), dtype=np.float32)


class RankBM25Retriever(TimedRetriever):
    """The Retriever with its BM25 scoring function replaced by rank_bm25's (use mode ``bm25``)."""

    def reload(self, force: bool = False) -> bool:
        """Load the index version as usual, then swap the BM25 scorer of its state."""
        changed = super().reload(force)
        if changed and self.state is not None:
            self.state = dataclasses.replace(self.state, bm25=RankBM25Scorer(self.state.chunks))
        return changed


@dataclasses.dataclass
class Config:
    """One row of the table: a label, the advisor to run and the retrieval mode."""

    label: str
    advisor: Advisor
    mode: str
    short: str = ""  # label on the chart


def run_config(items: list[dict], cfg: Config, progress: bool) -> dict[str, Any]:
    """Run the set through one configuration; metrics from advisor.evaluate plus search latencies."""
    retriever = cfg.advisor.retriever
    assert isinstance(retriever, TimedRetriever)
    for q in WARMUP:  # loads the model and fills caches before timing
        retriever.search(q, mode=cfg.mode)
    retriever.timings.clear()

    def new_conversation() -> Any:
        conv = cfg.advisor.conversation()
        conv.mode = cfg.mode
        return conv

    t0 = time.perf_counter()
    results = ev.run_set(items, new_conversation, progress=progress)
    wall = time.perf_counter() - t0
    m = ev.aggregate(items, results, k=5)
    lat = list(retriever.timings)
    return {
        "label": cfg.label,
        "mode": cfg.mode,
        "short": cfg.short or cfg.label,
        "hit@1": m["hit@1"],
        "hit@5": m["hit@5"],
        "mrr@10": m["mrr@10"],
        "evidence_recall@5": m["evidence_recall@5"],
        "n_items": m["n"],
        "n_retrieval": m["n_retrieval"],
        "errors": m["errors"],
        "searches": len(lat),
        "search_p50_ms": ev.percentile(lat, 50),
        "search_p95_ms": ev.percentile(lat, 95),
        "wall_s": round(wall, 1),
    }


def _fmt(x: float | None, digits: int = 3) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def write_markdown(path: Path, rows: list[dict], header: list[str], set_path: Path) -> None:
    """The results table with the machine and index it was measured on."""
    best = {k: max(r[k] for r in rows) for k in ("hit@5", "mrr@10")}
    lines = [
        "# Retrieval baselines on the dev set",
        "",
        f"Set: `{set_path}` ({rows[0]['n_items']} items, {rows[0]['n_retrieval']} scored for retrieval). "
        "hit@5 and MRR@10 are computed by `advisor.evaluate` exactly as in `advisor eval --compare` "
        "(every item through a fresh conversation, all turns). Latency: wall time of each "
        "`Retriever.search` call (retrieval only, warm), over every call of the run. "
        "The question router (rules engine, provider directory) is on, as in `advisor eval`.",
        "",
        *header,
        "",
        "| configuration | hit@1 | hit@5 | MRR@10 | evidence recall@5 | search p50 ms | search p95 ms | searches |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        cells = [
            _fmt(r["hit@1"]),
            ("**" + _fmt(r["hit@5"]) + "**") if r["hit@5"] == best["hit@5"] else _fmt(r["hit@5"]),
            ("**" + _fmt(r["mrr@10"]) + "**") if r["mrr@10"] == best["mrr@10"] else _fmt(r["mrr@10"]),
            _fmt(r["evidence_recall@5"]),
            _fmt(r["search_p50_ms"], 1),
            _fmt(r["search_p95_ms"], 1),
            str(r["searches"]),
        ]
        lines.append(f"| {r['label']} | " + " | ".join(cells) + " |")
    lines += ["", "![quality and latency by retriever](retrievers.png)", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def plot(path: Path, rows: list[dict]) -> None:
    """Two panels: hit@5 / MRR@10 bars, and search latency p50 / p95 bars (log scale)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    labels = [r.get("short") or r["label"] for r in rows]
    xs = np.arange(len(rows))
    with rc_context({"font.family": plot_font(), "axes.unicode_minus": False}):
        fig = Figure(figsize=(11, 4.2), dpi=110)
        ax, ax2 = fig.subplots(1, 2)
        for j, (key, name) in enumerate((("hit@5", "hit@5"), ("mrr@10", "MRR@10"))):
            vals = [r[key] or 0.0 for r in rows]
            bars = ax.bar(xs + (j - 0.5) * 0.38, vals, width=0.38, label=name)
            ax.bar_label(bars, fmt="%.3f", fontsize=7)
        ax.set_ylim(0, 1.08)
        ax.set_title("检索质量 retrieval quality (dev set)")
        for j, (key, name) in enumerate((("search_p50_ms", "p50"), ("search_p95_ms", "p95"))):
            vals = [r[key] or 0.0 for r in rows]
            bars = ax2.bar(xs + (j - 0.5) * 0.38, vals, width=0.38, label=name)
            ax2.bar_label(bars, fmt="%.1f", fontsize=7)
        ax2.set_yscale("log")
        ax2.set_ylabel("ms (log)")
        ax2.set_title("检索耗时 search latency")
        for a in (ax, ax2):
            a.set_xticks(xs)
            a.set_xticklabels(labels, fontsize=8)
            a.grid(axis="y", alpha=0.3)
            a.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(path, format="png")


def build_configs(settings: Settings) -> list[Config]:
    """The four configurations; both advisors share the embedding model (loaded once)."""
    ours = Advisor(settings, TimedRetriever(settings))
    rank = Advisor(settings, RankBM25Retriever(settings, ours.retriever.embedder))
    name = ours.retriever.embedder.name  # the embedder that built the index (see Retriever.embedder)
    return [
        Config("BM25 (jieba + bm25s)", ours, "bm25", "BM25\n(bm25s)"),
        Config("rank_bm25 (BM25Okapi, as LangChain)", rank, "bm25", "rank_bm25\n(BM25Okapi)"),
        Config(f"dense ({name}, Chroma)", ours, "dense", f"dense\n({name})"),
        Config("hybrid (RRF)", ours, "hybrid", "hybrid\n(RRF)"),
    ]


def main(argv: list[str] | None = None, on_row: Callable[[dict], None] | None = None) -> list[dict]:
    """Run every configuration and write the table, JSON and chart; returns the rows."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("set", nargs="?", default="evals/sets/dev.jsonl")
    p.add_argument("--limit", type=int, default=0, help="only the first N items (a quick check)")
    p.add_argument("--out", default="bench/results", help="output folder")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    load_before = load_average()
    settings = Settings.from_env()
    items = ev.load_set(Path(args.set))
    if args.limit:
        items = items[: args.limit]
    configs = build_configs(settings)
    rows = []
    for cfg in configs:
        row = run_config(items, cfg, progress=not args.quiet)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        if on_row:
            on_row(row)
    vdir = current_version(settings.index_dir)
    manifest = read_manifest(vdir) if vdir else {}
    header = [
        *machine_lines(load_before),
        f"- index: `{settings.index_dir}` version {manifest.get('version', '?')}, "
        f"{manifest.get('chunks', '?')} chunks, embedder `{manifest.get('embedder', '?')}`; query embedder "
        f"`{configs[0].advisor.retriever.embedder.name}`",
        f"- fusion: w_bm25 {settings.weight_bm25}, w_dense {settings.weight_dense}, rrf k {settings.rrf_k}, "
        f"{settings.candidates} candidates per retriever",
    ]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_markdown(out / "retrievers.md", rows, header, Path(args.set))
    (out / "retrievers.json").write_text(
        json.dumps({"machine": header, "rows": rows}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    plot(out / "retrievers.png", rows)
    print(f"wrote {out / 'retrievers.md'}, {out / 'retrievers.png'}")
    return rows


if __name__ == "__main__":
    main()
