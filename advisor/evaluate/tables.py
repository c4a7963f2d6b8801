"""The metrics as tables: value formatting, the table data both report templates render, and the
aligned plain-text tables printed in a terminal."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from advisor.answer.templates import EVAL_COMPARE, EVAL_LABELS, EVAL_METRICS


def format_value(value: Any, kind: str = "rate") -> str:
    """One metric value as text: ``rate`` with three decimals, ``ms`` rounded, ``int`` as is; None is "—"."""
    if value is None:
        return "—"
    if kind == "ms":
        return f"{value:.0f}"
    if kind == "int":
        return str(value)
    return f"{value:.3f}"



def md_cell(s: Any) -> str:
    """Make text safe for one Markdown table cell (HTML-escaped, no pipes or line breaks)."""
    text = html.escape(str(s), quote=False)
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


@dataclass(frozen=True)
class Table:
    """A table as plain strings: the header, the rows, and the first column shown right-aligned."""

    header: list[str]
    rows: list[list[str]]
    num_from: int = 1

    def join_label_columns(self) -> Table:
        """The same table with its first two columns joined by a space (``metric 指标``)."""
        return Table(
            [f"{self.header[0]} {self.header[1]}", *self.header[2:]],
            [[f"{row[0]} {row[1]}", *row[2:]] for row in self.rows],
            max(1, self.num_from - 1),
        )


def _metric_rows(m: dict) -> list[tuple[str, str, str]]:
    k = m.get("k", 5)
    return [
        (f"hit@{k}", EVAL_METRICS["hit"], format_value(m.get(f"hit@{k}"))),
        ("hit@1 / @3 / @10", "", " / ".join(format_value(m.get(f"hit@{n}")) for n in (1, 3, 10))),
        (f"evidence_recall@{k}", EVAL_METRICS["evidence_recall"],
         format_value(m.get(f"evidence_recall@{k}"))),
        ("mrr@10", EVAL_METRICS["mrr"], format_value(m.get("mrr@10"))),
        ("citation_precision", EVAL_METRICS["citation_precision"], format_value(m.get("citation_precision"))),
        ("first_citation_precision", EVAL_METRICS["first_citation_precision"],
         format_value(m.get("first_citation_precision"))),
        ("answer_point_coverage", EVAL_METRICS["answer_point_coverage"],
         format_value(m.get("answer_point_coverage"))),
        ("refusal_accuracy", EVAL_METRICS["refusal_accuracy"], format_value(m.get("refusal_accuracy"))),
        ("article_accuracy", EVAL_METRICS["article_accuracy"], format_value(m.get("article_accuracy"))),
        ("cited_article_accuracy", EVAL_METRICS["cited_article_accuracy"],
         format_value(m.get("cited_article_accuracy"))),
        ("must_not_violations", EVAL_METRICS["must_not_violations"],
         format_value(m.get("must_not_violations"), "int")),
        ("contradictions", EVAL_METRICS["contradictions"], format_value(m.get("contradictions"), "int")),
        ("repeated_answers / follow-ups", EVAL_METRICS["repeated_answers"],
         f"{format_value(m.get('repeated_answers'), 'int')} / {format_value(m.get('n_follow_ups'), 'int')}"),
        (
            "latency p50 / p95 ms",
            EVAL_METRICS["latency"],
            f"{format_value(m.get('latency_p50_ms'), 'ms')} / {format_value(m.get('latency_p95_ms'), 'ms')}",
        ),
        (
            "n / answerable / scored",
            EVAL_METRICS["items"],
            f"{m.get('n', 0)} / {m.get('n_answerable', 0)} / {m.get('n_retrieval', 0)}",
        ),
        ("errors", EVAL_METRICS["errors"], format_value(m.get("errors", 0), "int")),
    ]


def overall_table(metrics: dict) -> Table:
    """The overall metrics: English name, Chinese name, value."""
    return Table(["metric", EVAL_LABELS["metric"], EVAL_LABELS["value"]],
                 [list(row) for row in _metric_rows(metrics)], num_from=2)


def _breakdown_rows(groups: dict[str, dict]) -> list[list[str]]:
    rows = []
    for name, m in groups.items():
        k = m.get("k", 5)
        rows.append(
            [
                name,
                str(m["n"]),
                format_value(m.get(f"hit@{k}")),
                format_value(m.get(f"evidence_recall@{k}")),
                format_value(m.get("mrr@10")),
                format_value(m.get("answer_point_coverage")),
                format_value(m.get("refusal_accuracy")),
                str(m.get("must_not_violations", 0)),
            ]
        )
    return rows


def _breakdown_header(name: str, k: int) -> list[str]:
    return [name, "n", f"hit@{k}", f"R@{k}", "mrr@10", "cover", "refusal", "must_not"]


def breakdown_table(label: str, groups: dict[str, dict], k: int) -> Table:
    """One row per group (category or region): n, hit@k, R@k, mrr@10, coverage, refusal, must_not."""
    return Table(_breakdown_header(label, k), _breakdown_rows(groups))


COMPARE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("hit@5", "hit@5"),
    ("mrr@10", "mrr@10"),
    (EVAL_COMPARE["evidence_recall"], "evidence_recall"),
    (EVAL_COMPARE["answer_point_coverage"], "answer_point_coverage"),
    (EVAL_COMPARE["citation_precision"], "citation_precision"),
    (EVAL_COMPARE["first_citation_precision"], "first_citation_precision"),
    (EVAL_COMPARE["refusal_accuracy"], "refusal_accuracy"),
    ("p50 ms", "latency_p50_ms"),
    ("p95 ms", "latency_p95_ms"),
)


def compare_value(m: dict, key: str) -> Any:
    """The value of a `COMPARE_COLUMNS` key in one run's metrics (evidence recall at the run's k)."""
    if key == "evidence_recall":
        return m.get(f"evidence_recall@{m.get('k', 5)}")
    return m.get(key)


def comparison_table(named_metrics: dict[str, dict]) -> Table:
    """One row per configuration, columns hit@5 … p95 (`COMPARE_COLUMNS`)."""
    rows = [
        [
            name,
            *(
                format_value(compare_value(m, key), "ms" if key.startswith("latency") else "rate")
                for _, key in COMPARE_COLUMNS
            ),
        ]
        for name, m in named_metrics.items()
    ]
    return Table([EVAL_LABELS["configuration"], *(title for title, _ in COMPARE_COLUMNS)], rows)


# --------------------------------------------------------------------------- terminal


def _width(s: str) -> int:
    """Terminal display width (CJK characters take two columns)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(s))
    return gap + s if right else s + gap


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]], right_from: int = 1) -> str:
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for j, row in enumerate([header, *rows]):
        cells = [_pad(str(c), widths[i], right=i >= right_from) for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_metrics(metrics: dict) -> str:
    """A compact aligned table of the metrics (and the category/region breakdowns) for a terminal."""
    parts = [_grid(["metric", EVAL_LABELS["metric"], "value"], _metric_rows(metrics), right_from=2)]
    k = metrics.get("k", 5)
    for key, label in (("by_category", EVAL_LABELS["category"]), ("by_region", EVAL_LABELS["region"])):
        if metrics.get(key):
            table = breakdown_table(label, metrics[key], k)
            parts.append(_grid(table.header, table.rows, right_from=table.num_from))
    return "\n\n".join(parts)
