"""The evaluation report: ``report.md`` and ``report.html`` rendered from the Jinja templates in
``templates/`` (one table structure from `tables`, plots from `plots`), and the Markdown comparison table."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_eval_context, select_autoescape
from jinja2.nodes import EvalContext
from markupsafe import Markup

from advisor.answer.templates import EVAL_LABELS
from advisor.evaluate.metrics import pair_results, score_item
from advisor.evaluate.plots import (
    _ascii_labels,  # noqa: F401 - its old home, kept importable
    draw_plots,
    find_cjk_font,
)
from advisor.evaluate.tables import (
    COMPARE_COLUMNS,
    breakdown_table,
    comparison_table,
    format_metrics,
    format_value,
    md_cell,
    overall_table,
)
from advisor.evaluate.tables import format_value as _fmt  # noqa: F401 - its old name and home, kept importable

__all__ = ["COMPARE_COLUMNS", "compare_table", "find_cjk_font", "format_metrics", "write_report"]


@pass_eval_context
def _escape_html(eval_ctx: EvalContext, value: Any) -> Any:
    """Autoescape with the standard library's rules (``&#x27;``, ``&quot;``), not markupsafe's own."""
    if eval_ctx.autoescape and not isinstance(value, Markup):
        return Markup(html.escape(str(value)))
    return value


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment of the report templates: HTML templates (``*.html.j2``) autoescaped,
    Markdown ones (``*.md.j2``) escaped cell by cell with the ``md`` filter."""
    env = Environment(
        loader=PackageLoader("advisor.evaluate", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        finalize=_escape_html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_cell
    return env


def compare_table(named_metrics: dict[str, dict]) -> str:
    """Markdown table: one row per configuration, columns hit@5 … p95 (evidence recall at each run's k)."""
    macros = environment().get_template("macros.md.j2").module
    return str(macros.table(comparison_table(named_metrics))).rstrip("\n")  # type: ignore[attr-defined]


def _failure_blocks(
    items: Sequence[dict], results: Sequence[dict], scores: Sequence[dict]
) -> list[dict[str, Any]]:
    """Every failed item with what the report shows of it: its scores, the retrieved top-5 and the answer."""
    blocks = []
    for item, res, sc in zip(items, results, scores, strict=True):
        if not sc["failed"]:
            continue
        top = [
            {
                "doc": r.get("doc", ""),
                "text": " ".join(str(r.get("text", "")).split())[:80],
                "score": format_value(r.get("score")),
            }
            for r in (res.get("retrieved") or [])[:5]
        ]
        blocks.append({
            "item": item,
            "score": sc,
            "first_hit_rank": str(sc["first_hit_rank"] or "—"),
            "top": top,
            "answer": res.get("answer") or "(empty)",
        })
    return blocks


def write_report(
    out_dir: Path,
    items: Sequence[dict],
    results: Sequence[dict],
    metrics: dict,
    title: str = EVAL_LABELS["title"],
    compare: dict[str, dict] | None = None,
) -> Path:
    """Write ``report.md``, ``report.html`` and PNG plots into ``out_dir``; return the Markdown path.

    Plots: metric bars per category and per region, a latency histogram and, with ``compare``,
    bars per configuration. Chinese labels are drawn with an installed CJK font if there is one;
    otherwise they are replaced by ASCII aliases (C1, R2, ...) explained under each plot. The
    failures section lists every failed item with its turns, expected evidence, retrieved top-5,
    the answer and the reasons. All user-visible text is HTML-escaped in both files.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    k = metrics.get("k", 5)
    paired = pair_results(items, results)
    scores = [score_item(it, r, k) for it, r in zip(items, paired, strict=True)]
    latencies = [s["latency_ms"] for s in scores if s["latency_ms"] is not None and not s["error"]]
    plots = draw_plots(out_dir, metrics, latencies, compare, k)

    breakdowns = [
        (key, heading, breakdown_table(label, metrics[f"by_{key}"], k))
        for key, heading, label in (
            ("category", EVAL_LABELS["by_category"], EVAL_LABELS["category"]),
            ("region", EVAL_LABELS["by_region"], EVAL_LABELS["region"]),
        )
        if metrics.get(f"by_{key}")
    ]
    context = {
        "title": title,
        "generated": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "n": metrics.get("n", 0),
        "errors": metrics.get("errors", 0),
        "k": k,
        "overall": overall_table(metrics),
        "compare": comparison_table(compare) if compare else None,
        "breakdowns": breakdowns,
        "plots": plots,
        "failures": _failure_blocks(items, paired, scores),
    }
    env = environment()
    md = env.get_template("report.md.j2").render(context)
    # one newline at the end (the last answer line loses its Markdown line-break spaces, as it always did)
    (out_dir / "report.md").write_text(md.rstrip() + "\n", encoding="utf-8")
    page = env.get_template("report.html.j2").render(context)
    (out_dir / "report.html").write_text(page, encoding="utf-8")
    return out_dir / "report.md"
