"""Side-by-side table of extractive and generative answers from two `advisor eval --out` result files.

    .venv/bin/advisor eval evals/sets/dev.jsonl --out bench/results/dev-extractive.jsonl
    ADVISOR_LLM_MODEL=0.5b .venv/bin/advisor eval evals/sets/dev.jsonl --answer generative \\
        --out bench/results/dev-generative.jsonl
    .venv/bin/python bench/generative_report.py evals/sets/dev.jsonl \\
        extractive=bench/results/dev-extractive.jsonl generative-0.5b=bench/results/dev-generative.jsonl

A results file may hold only the first N items of the set (a run still under way, or a subset run): then
every column is computed over the items that ALL files have, and the table says how many that is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advisor import evaluate as ev
from advisor.answer.generate import generation_summary
from advisor.evaluate.tables import format_value


def table(set_path: Path, runs: list[tuple[str, Path]]) -> str:
    """The markdown comparison."""
    items = ev.load_set(set_path)
    loaded = {name: {r["id"]: r for r in ev.load_results(path)} for name, path in runs}
    common = [it for it in items if all(it["id"] in res for res in loaded.values())]
    scope = "all" if len(common) == len(items) else f"SUBSET: the first {len(common)} of"
    lines = [f"Items: {scope} {len(items)} items of `{set_path}`.", ""]
    header = "| metric | " + " | ".join(name for name, _ in runs) + " |"
    lines += [header, "|---|" + "---:|" * len(runs)]
    rows = [
        ("answer-point coverage", "answer_point_coverage", "rate"),
        ("citation precision", "citation_precision", "rate"),
        ("citations (answerable items)", "n_citations", "int"),
        ("refusal accuracy", "refusal_accuracy", "rate"),
        ("must_not violations", "must_not_violations", "int"),
        ("hit@5 (retrieval, unchanged)", "hit@5", "rate"),
        ("latency p50 ms", "latency_p50_ms", "ms"),
        ("latency p95 ms", "latency_p95_ms", "ms"),
        ("errors", "errors", "int"),
    ]
    metrics = {}
    sums = {}
    for name, _ in runs:
        results = [loaded[name][it["id"]] for it in common]
        metrics[name] = ev.aggregate(common, results, k=5)
        sums[name] = generation_summary(results)
    for label, key, kind in rows:
        lines.append(f"| {label} | " + " | ".join(format_value(metrics[n].get(key), kind) for n, _ in runs) + " |")
    gen_rows = [
        ("policy answers sent to the model", "records"),
        ("… shown as generated (verified)", "ok"),
        ("… fell back to extractive (verifier)", "fallback"),
        ("… fell back (timeout)", "timeout"),
        ("… fell back (error)", "error"),
        ("generated sentences", "sentences"),
        ("… kept", "sentences_kept"),
        ("… replaced by the cited extractive sentence", "sentences_replaced"),
        ("… removed", "sentences_removed"),
    ]
    for label, key in gen_rows:
        lines.append(f"| {label} | " + " | ".join(
            format_value(sums[n].get(key), "int") if sums[n]["records"] else "—" for n, _ in runs) + " |")
    lines.append("| unsupported sentence share | " + " | ".join(
        format_value(sums[n].get("unsupported_share")) if sums[n]["records"] else "—" for n, _ in runs) + " |")
    lines.append("| mean generation seconds | " + " | ".join(
        f"{sums[n]['generation_seconds_mean']:.1f}" if sums[n].get("generation_seconds_mean") else "—"
        for n, _ in runs) + " |")
    lines.append("")
    for name, _ in runs:
        if sums[name]["records"]:
            reasons = ", ".join(f"{k or '(other)'} {v}" for k, v in sums[name]["reasons"].items()) or "none"
            lines.append(f"Why sentences were not kept ({name}): {reasons}.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the table (and write it with --out)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", type=Path)
    ap.add_argument("runs", nargs="+", help="name=results.jsonl")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    runs = [(r.split("=", 1)[0], Path(r.split("=", 1)[1])) for r in args.runs]
    text = table(args.set, runs)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
