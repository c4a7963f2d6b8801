"""Show the metrics: terminal tables, plots (matplotlib), and the Markdown and HTML report."""

from __future__ import annotations

import html
import logging
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from advisor.evaluate.metrics import pair_results, percentile, score_item

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- text output


def _width(s: str) -> int:
    """Terminal display width (CJK characters take two columns)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(s))
    return gap + s if right else s + gap


def _fmt(value: Any, kind: str = "rate") -> str:
    if value is None:
        return "—"
    if kind == "ms":
        return f"{value:.0f}"
    if kind == "int":
        return str(value)
    return f"{value:.3f}"


def _metric_rows(m: dict) -> list[tuple[str, str, str]]:
    k = m.get("k", 5)
    return [
        (f"hit@{k}", "检索命中", _fmt(m.get(f"hit@{k}"))),
        ("hit@1 / @3 / @10", "", " / ".join(_fmt(m.get(f"hit@{n}")) for n in (1, 3, 10))),
        (f"evidence_recall@{k}", "证据召回", _fmt(m.get(f"evidence_recall@{k}"))),
        ("mrr@10", "平均倒数排名", _fmt(m.get("mrr@10"))),
        ("citation_precision", "引用准确率", _fmt(m.get("citation_precision"))),
        ("first_citation_precision", "结论引用准确率", _fmt(m.get("first_citation_precision"))),
        ("answer_point_coverage", "要点覆盖", _fmt(m.get("answer_point_coverage"))),
        ("refusal_accuracy", "拒答准确率", _fmt(m.get("refusal_accuracy"))),
        ("article_accuracy", "条款准确率", _fmt(m.get("article_accuracy"))),
        ("must_not_violations", "禁止内容", _fmt(m.get("must_not_violations"), "int")),
        ("contradictions", "自相矛盾", _fmt(m.get("contradictions"), "int")),
        ("repeated_answers / follow-ups", "重复回答", f"{_fmt(m.get('repeated_answers'), 'int')} / "
                                                    f"{_fmt(m.get('n_follow_ups'), 'int')}"),
        (
            "latency p50 / p95 ms",
            "时延",
            f"{_fmt(m.get('latency_p50_ms'), 'ms')} / {_fmt(m.get('latency_p95_ms'), 'ms')}",
        ),
        (
            "n / answerable / scored",
            "条目",
            f"{m.get('n', 0)} / {m.get('n_answerable', 0)} / {m.get('n_retrieval', 0)}",
        ),
        ("errors", "运行错误", _fmt(m.get("errors", 0), "int")),
    ]


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]], right_from: int = 1) -> str:
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for j, row in enumerate([header, *rows]):
        cells = [_pad(str(c), widths[i], right=i >= right_from) for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _breakdown_rows(groups: dict[str, dict]) -> list[list[str]]:
    rows = []
    for name, m in groups.items():
        k = m.get("k", 5)
        rows.append(
            [
                name,
                str(m["n"]),
                _fmt(m.get(f"hit@{k}")),
                _fmt(m.get(f"evidence_recall@{k}")),
                _fmt(m.get("mrr@10")),
                _fmt(m.get("answer_point_coverage")),
                _fmt(m.get("refusal_accuracy")),
                str(m.get("must_not_violations", 0)),
            ]
        )
    return rows


def _breakdown_header(name: str, k: int) -> list[str]:
    return [name, "n", f"hit@{k}", f"R@{k}", "mrr@10", "cover", "refusal", "must_not"]


def format_metrics(metrics: dict) -> str:
    """A compact aligned table of the metrics (and the category/region breakdowns) for a terminal."""
    rows = [(en, zh, v) for en, zh, v in _metric_rows(metrics)]
    parts = [_grid(["metric", "指标", "value"], rows, right_from=2)]
    k = metrics.get("k", 5)
    if metrics.get("by_category"):
        parts.append(_grid(_breakdown_header("category 类别", k), _breakdown_rows(metrics["by_category"])))
    if metrics.get("by_region"):
        parts.append(_grid(_breakdown_header("region 地区", k), _breakdown_rows(metrics["by_region"])))
    return "\n\n".join(parts)


def _md_cell(s: Any) -> str:
    """Make text safe for one Markdown table cell (HTML-escaped, no pipes or line breaks)."""
    text = html.escape(str(s), quote=False)
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


COMPARE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("hit@5", "hit@5"),
    ("mrr@10", "mrr@10"),
    ("evidence recall 证据召回", "evidence_recall"),
    ("coverage 要点覆盖", "answer_point_coverage"),
    ("citation precision 引用准确率", "citation_precision"),
    ("结论 citation precision 结论引用准确率", "first_citation_precision"),
    ("refusal acc 拒答准确率", "refusal_accuracy"),
    ("p50 ms", "latency_p50_ms"),
    ("p95 ms", "latency_p95_ms"),
)


def _compare_value(m: dict, key: str) -> Any:
    if key == "evidence_recall":
        return m.get(f"evidence_recall@{m.get('k', 5)}")
    return m.get(key)


def compare_table(named_metrics: dict[str, dict]) -> str:
    """Markdown table: one row per configuration, columns hit@5 … p95 (evidence recall at each run's k)."""
    header = ["configuration 配置", *(title for title, _ in COMPARE_COLUMNS)]
    rule = "|" + "|".join(["---"] + ["---:"] * len(COMPARE_COLUMNS)) + "|"
    lines = ["| " + " | ".join(header) + " |", rule]
    for name, m in named_metrics.items():
        cells = [_md_cell(name)]
        for _, key in COMPARE_COLUMNS:
            cells.append(_fmt(_compare_value(m, key), "ms" if key.startswith("latency") else "rate"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- plots

_CJK_NAME_HINTS = (
    "noto sans cjk",
    "noto serif cjk",
    "noto sans sc",
    "noto sans tc",
    "source han",
    "wenquanyi",
    "wqy",
    "droid sans fallback",
    "ar pl",
    "simhei",
    "simsun",
    "microsoft yahei",
    "pingfang",
    "heiti",
    "hiragino sans gb",
    "sarasa",
)
_CJK_PROBE = "养老补贴"


@lru_cache(maxsize=1)
def find_cjk_font() -> str | None:
    """Name of an installed font that can draw Chinese, or None (no fonts are ever downloaded).

    Known CJK families are preferred; otherwise any font whose character map has distinct glyphs
    for a few common characters. "Last Resort" style fonts, which map every code point to a
    placeholder box, are excluded (matplotlib ships one that claims full coverage).
    """
    try:
        from matplotlib import font_manager
        from matplotlib.ft2font import FT2Font
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        return None
    fonts = [f for f in font_manager.fontManager.ttflist if "last resort" not in f.name.lower()]

    def draws_cjk(fname: str) -> bool:
        try:
            font = FT2Font(fname)
            glyphs = [font.get_char_index(ord(ch)) for ch in _CJK_PROBE]
        except Exception:
            return False
        return all(glyphs) and len(set(glyphs)) == len(glyphs)

    ranked = sorted(
        fonts,
        key=lambda f: next(
            (i for i, hint in enumerate(_CJK_NAME_HINTS) if hint in f.name.lower()), len(_CJK_NAME_HINTS)
        ),
    )
    for f in ranked:
        if draws_cjk(f.fname):
            return f.name
    return None


def _ascii_labels(names: Sequence[str], prefix: str, cjk: bool) -> tuple[list[str], dict[str, str]]:
    """Plot labels: the names themselves, or short ASCII aliases when no CJK font is available."""
    if cjk:
        return list(names), {}
    labels, legend = [], {}
    for i, name in enumerate(names, start=1):
        if name.isascii():
            labels.append(name)
        else:
            alias = f"{prefix}{i}"
            labels.append(alias)
            legend[alias] = name
    return labels, legend


def _bar_chart(
    path: Path,
    groups: dict[str, dict],
    series: Sequence[tuple[str, str]],
    title: str,
    prefix: str,
    font: str | None,
) -> dict[str, str]:
    """Grouped bars (one group per name, one bar per metric). Returns the ASCII alias legend."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    names = list(groups)
    labels, legend = _ascii_labels(names, prefix, font is not None)
    families = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    with rc_context({"font.family": families, "axes.unicode_minus": False}):
        fig = Figure(figsize=(max(6.0, 1.1 * len(names) + 3), 4.2), dpi=110)
        ax = fig.add_subplot()
        width = 0.8 / max(1, len(series))
        for j, (label, key) in enumerate(series):
            vals = [_compare_value(groups[n], key) for n in names]
            xs = [i + (j - (len(series) - 1) / 2) * width for i in range(len(names))]
            ax.bar(xs, [v if v is not None else 0.0 for v in vals], width=width, label=label)
            for x, v in zip(xs, vals, strict=True):
                if v is None:  # no qualifying item: say so instead of drawing a misleading zero
                    ax.text(x, 0.01, "n/a", ha="center", va="bottom", rotation=90, fontsize=7, color="#666")
        ax.set_xticks(range(len(names)))
        crowded = len(names) > 4
        ax.set_xticklabels(labels, rotation=30 if crowded else 0, ha="right" if crowded else "center")
        ax.set_ylim(0, 1.05)
        ax.set_title(title)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        fig.tight_layout()
        fig.savefig(path, format="png")
    return legend


def _latency_hist(path: Path, latencies: Sequence[float], title: str, font: str | None) -> None:
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    families = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    with rc_context({"font.family": families}):
        fig = Figure(figsize=(6.5, 3.8), dpi=110)
        ax = fig.add_subplot()
        if latencies:
            ax.hist(latencies, bins=min(30, max(5, len(latencies) // 2)), color="#4c72b0")
            for p, style in ((50, "--"), (95, ":")):
                v = percentile(latencies, p)
                ax.axvline(v, color="#c44e52", linestyle=style, label=f"p{p} = {v:.0f} ms")
            ax.legend(fontsize=8)
        else:
            ax.text(0.5, 0.5, "no latencies", ha="center", va="center", transform=ax.transAxes)
        ax.set_xlabel("latency of the last turn (ms)")
        ax.set_ylabel("items")
        ax.set_title(title)
        fig.tight_layout()
        fig.savefig(path, format="png")


# --------------------------------------------------------------------------- report


def _failure_blocks(
    items: Sequence[dict], results: Sequence[dict], scores: Sequence[dict]
) -> list[dict[str, Any]]:
    blocks = []
    for item, res, sc in zip(items, results, scores, strict=True):
        if not sc["failed"]:
            continue
        top = [
            (r.get("doc", ""), " ".join(str(r.get("text", "")).split())[:80], r.get("score"))
            for r in (res.get("retrieved") or [])[:5]
        ]
        blocks.append({"item": item, "result": res, "score": sc, "top": top})
    return blocks


_PLOT_SERIES = (
    ("hit@k", "hit@k"),
    ("evidence recall", "evidence_recall"),
    ("coverage", "answer_point_coverage"),
    ("refusal acc", "refusal_accuracy"),
)


def _series(k: int) -> list[tuple[str, str]]:
    return [
        (f"hit@{k}" if key == "hit@k" else label, f"hit@{k}" if key == "hit@k" else key)
        for label, key in _PLOT_SERIES
    ]


def write_report(
    out_dir: Path,
    items: Sequence[dict],
    results: Sequence[dict],
    metrics: dict,
    title: str = "养老顾问评测报告 / Advisor evaluation report",
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
    font = find_cjk_font()
    cjk = font is not None

    figures: list[tuple[str, str, str, dict[str, str]]] = []  # (section, file, caption, legend)
    for key, prefix, name_zh, name_en in (("category", "C", "按类别", "by category"), ("region", "R", "按地区", "by region")):
        if metrics.get(f"by_{key}"):
            caption = f"{name_zh} / {name_en}"
            legend = _bar_chart(out_dir / f"by_{key}.png", metrics[f"by_{key}"], _series(k),
                                caption if cjk else name_en, prefix, font)
            figures.append((key, f"by_{key}.png", caption, legend))
    latencies = [s["latency_ms"] for s in scores if s["latency_ms"] is not None and not s["error"]]
    _latency_hist(out_dir / "latency.png", latencies, "时延 / latency" if cjk else "latency", font)
    figures.append(("latency", "latency.png", "时延分布 / latency histogram", {}))
    if compare:
        series = [
            ("hit@5", "hit@5"),
            ("mrr@10", "mrr@10"),
            ("evidence recall", "evidence_recall"),
            ("coverage", "answer_point_coverage"),
            ("citation precision", "citation_precision"),
            ("refusal acc", "refusal_accuracy"),
        ]
        legend = _bar_chart(
            out_dir / "compare.png",
            compare,
            series,
            "配置对比 / configurations" if cjk else "configurations",
            "K",
            font,
        )
        figures.append(("compare", "compare.png", "配置对比 / configuration comparison", legend))

    failures = _failure_blocks(items, paired, scores)
    generated = datetime.now().strftime("%Y-%m-%d %H:%M")
    md = _render_md(title, generated, metrics, compare, figures, failures, k)
    (out_dir / "report.md").write_text(md, encoding="utf-8")
    page = _render_html(title, generated, metrics, compare, figures, failures, k)
    (out_dir / "report.html").write_text(page, encoding="utf-8")
    return out_dir / "report.md"


def _overall_md(metrics: dict) -> list[str]:
    lines = ["| metric 指标 | value 值 |", "|---|---:|"]
    for en, zh, v in _metric_rows(metrics):
        lines.append(f"| {_md_cell(en)} {_md_cell(zh)} | {_md_cell(v)} |")
    return lines


def _breakdown_md(label: str, groups: dict[str, dict], k: int) -> list[str]:
    header = _breakdown_header(label, k)
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    for row in _breakdown_rows(groups):
        lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
    return lines


def _render_md(
    title: str,
    generated: str,
    metrics: dict,
    compare: dict[str, dict] | None,
    figures: list[tuple[str, str, str, dict[str, str]]],
    failures: list[dict],
    k: int,
) -> str:
    e = _md_cell
    fig = {section: (file, caption, legend) for section, file, caption, legend in figures}

    def figure_md(section: str) -> list[str]:
        if section not in fig:
            return []
        file, caption, legend = fig[section]
        out = [f"![{e(caption)}]({file})", ""]
        if legend:
            out += [
                "Plot labels (no CJK font installed) / 图中代号: "
                + "; ".join(f"{e(a)} = {e(n)}" for a, n in legend.items()),
                "",
            ]
        return out

    lines = [
        f"# {e(title)}",
        "",
        f"Generated 生成时间: {generated} · items 条目: {metrics.get('n', 0)} · "
        f"errors 错误: {metrics.get('errors', 0)} · failed 未通过: {len(failures)} · k = {k}",
        "",
        "## 总体指标 / Overall metrics",
        "",
        *_overall_md(metrics),
        "",
    ]
    if compare:
        lines += [
            "## 配置对比 / Configuration comparison",
            "",
            compare_table(compare),
            "",
            *figure_md("compare"),
        ]
    if metrics.get("by_category"):
        lines += [
            "## 按类别 / By category",
            "",
            *_breakdown_md("category 类别", metrics["by_category"], k),
            "",
            *figure_md("category"),
        ]
    if metrics.get("by_region"):
        lines += [
            "## 按地区 / By region",
            "",
            *_breakdown_md("region 地区", metrics["by_region"], k),
            "",
            *figure_md("region"),
        ]
    lines += ["## 时延 / Latency", "", *figure_md("latency")]
    lines += [f"## 未通过条目 / Failures ({len(failures)})", ""]
    if not failures:
        lines += ["None. 全部通过。", ""]
    for block in failures:
        item, res, sc = block["item"], block["result"], block["score"]
        lines += [f"### {e(item['id'])} · {e(sc['category'])} · {e(sc['region'])}", ""]
        lines += ["**Why 原因**", ""] + [f"- {e(r)}" for r in sc["reasons"]] + [""]
        lines += ["**Turns 提问**", ""] + [f"{i}. {e(t)}" for i, t in enumerate(item["turns"], 1)] + [""]
        if item.get("evidence"):
            lines += ["**Expected evidence 期望证据**", ""]
            lines += [f"- `{e(ev['doc'])}`: {e(ev['quote'])}" for ev in item["evidence"]] + [""]
        lines += [f"**Retrieved top-5 检索前五** (first hit at rank {sc['first_hit_rank'] or '—'})", ""]
        lines += [
            f"{i}. `{e(doc)}` ({_fmt(score)}): {e(text)}"
            for i, (doc, text, score) in enumerate(block["top"], 1)
        ] or ["(nothing retrieved)"]
        lines += [
            "",
            f"**Answer 回答** (refused 拒答: {sc['refused']}, expected answerable 应可回答: "
            f"{sc['answerable']})",
            "",
        ]
        answer = res.get("answer") or "(empty)"
        lines += ["> " + e(line) + "  " if line.strip() else ">" for line in answer.splitlines()] + [""]
    return "\n".join(lines).rstrip() + "\n"


_CSS = """
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:2em auto;
max-width:1100px;padding:0 1em;color:#222;line-height:1.5}
table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:.25em .6em}
td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}
img{max-width:100%;border:1px solid #eee}.fail{border-left:4px solid #c44e52;padding:.2em 1em;margin:1.2em 0}
.answer{white-space:pre-wrap;background:#f8f8f8;padding:.6em;border-radius:4px}
.reason{color:#a33}.meta{color:#666}code{background:#f3f3f3;padding:0 .2em}
"""


def _html_table(header: Sequence[str], rows: Sequence[Sequence[str]], num_from: int = 1) -> str:
    e = html.escape
    out = ["<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr></thead><tbody>"]
    for row in rows:
        cells = "".join(
            f'<td class="num">{e(str(c))}</td>' if i >= num_from else f"<td>{e(str(c))}</td>"
            for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _render_html(
    title: str,
    generated: str,
    metrics: dict,
    compare: dict[str, dict] | None,
    figures: list[tuple[str, str, str, dict[str, str]]],
    failures: list[dict],
    k: int,
) -> str:
    e = html.escape
    fig = {section: (file, caption, legend) for section, file, caption, legend in figures}

    def figure_html(section: str) -> str:
        if section not in fig:
            return ""
        file, caption, legend = fig[section]
        out = (
            f'<figure><img src="{e(file)}" alt="{e(caption)}"><figcaption>{e(caption)}</figcaption></figure>'
        )
        if legend:
            out += (
                '<p class="meta">Plot labels (no CJK font installed) / 图中代号: '
                + "; ".join(f"{e(a)} = {e(n)}" for a, n in legend.items())
                + "</p>"
            )
        return out

    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="meta">Generated 生成时间: {e(generated)} · items 条目: {metrics.get("n", 0)} · '
        f"errors 错误: {metrics.get('errors', 0)} · failed 未通过: {len(failures)} · k = {k}</p>",
        "<h2>总体指标 / Overall metrics</h2>",
        _html_table(["metric", "指标", "value 值"], _metric_rows(metrics), num_from=2),
    ]
    if compare:
        rows = [
            [
                name,
                *(
                    _fmt(_compare_value(m, key), "ms" if key.startswith("latency") else "rate")
                    for _, key in COMPARE_COLUMNS
                ),
            ]
            for name, m in compare.items()
        ]
        parts += [
            "<h2>配置对比 / Configuration comparison</h2>",
            _html_table(["configuration 配置", *(t for t, _ in COMPARE_COLUMNS)], rows),
            figure_html("compare"),
        ]
    if metrics.get("by_category"):
        parts += [
            "<h2>按类别 / By category</h2>",
            _html_table(_breakdown_header("category 类别", k), _breakdown_rows(metrics["by_category"])),
            figure_html("category"),
        ]
    if metrics.get("by_region"):
        parts += [
            "<h2>按地区 / By region</h2>",
            _html_table(_breakdown_header("region 地区", k), _breakdown_rows(metrics["by_region"])),
            figure_html("region"),
        ]
    parts += [
        "<h2>时延 / Latency</h2>",
        figure_html("latency"),
        f"<h2>未通过条目 / Failures ({len(failures)})</h2>",
    ]
    if not failures:
        parts.append("<p>None. 全部通过。</p>")
    for block in failures:
        item, res, sc = block["item"], block["result"], block["score"]
        parts.append(f'<div class="fail" id="item-{e(item["id"])}">')
        parts.append(
            f'<h3>{e(item["id"])} <span class="meta">· {e(sc["category"])} · {e(sc["region"])}</span></h3>'
        )
        parts.append(
            "<p><b>Why 原因</b></p><ul>"
            + "".join(f'<li class="reason">{e(r)}</li>' for r in sc["reasons"])
            + "</ul>"
        )
        parts.append(
            "<p><b>Turns 提问</b></p><ol>" + "".join(f"<li>{e(t)}</li>" for t in item["turns"]) + "</ol>"
        )
        if item.get("evidence"):
            evidence = "".join(
                f"<li><code>{e(ev['doc'])}</code>: {e(ev['quote'])}</li>" for ev in item["evidence"]
            )
            parts.append(f"<p><b>Expected evidence 期望证据</b></p><ul>{evidence}</ul>")
        parts.append(
            f'<p><b>Retrieved top-5 检索前五</b> <span class="meta">(first hit at rank '
            f"{e(str(sc['first_hit_rank'] or '—'))})</span></p>"
        )
        if block["top"]:
            parts.append(
                "<ol>"
                + "".join(
                    f"<li><code>{e(doc)}</code> ({e(_fmt(score))}): {e(text)}</li>"
                    for doc, text, score in block["top"]
                )
                + "</ol>"
            )
        else:
            parts.append('<p class="meta">(nothing retrieved)</p>')
        parts.append(
            f'<p><b>Answer 回答</b> <span class="meta">(refused 拒答: {sc["refused"]}, expected '
            f"answerable 应可回答: {sc['answerable']})</span></p>"
        )
        parts.append(f'<div class="answer">{e(res.get("answer") or "(empty)")}</div></div>')
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p) + "\n"
