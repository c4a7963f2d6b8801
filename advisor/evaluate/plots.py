"""The report's plots (matplotlib): metric bars per category, region and configuration, and a latency
histogram, with Chinese labels when a CJK font is installed and ASCII aliases otherwise."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from advisor.answer.templates import EVAL_LABELS
from advisor.evaluate.metrics import percentile
from advisor.evaluate.tables import compare_value

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
            vals = [compare_value(groups[n], key) for n in names]
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


_PLOT_SERIES = (
    ("hit@k", "hit@k"),
    ("evidence recall", "evidence_recall"),
    ("coverage", "answer_point_coverage"),
    ("refusal acc", "refusal_accuracy"),
)

_COMPARE_SERIES = (
    ("hit@5", "hit@5"),
    ("mrr@10", "mrr@10"),
    ("evidence recall", "evidence_recall"),
    ("coverage", "answer_point_coverage"),
    ("citation precision", "citation_precision"),
    ("refusal acc", "refusal_accuracy"),
)


def _series(k: int) -> list[tuple[str, str]]:
    return [
        (f"hit@{k}" if key == "hit@k" else label, f"hit@{k}" if key == "hit@k" else key)
        for label, key in _PLOT_SERIES
    ]


@dataclass(frozen=True)
class Plot:
    """One plot written for the report: its file name, caption and ASCII alias legend (may be empty)."""

    file: str
    caption: str
    legend: dict[str, str] = field(default_factory=dict)


def draw_plots(
    out_dir: Path,
    metrics: dict,
    latencies: Sequence[float],
    compare: dict[str, dict] | None,
    k: int,
) -> dict[str, Plot]:
    """Write the report's PNG plots into ``out_dir``; return them by section.

    Sections: ``category`` and ``region`` (when the metrics have that breakdown), ``latency``
    (always) and ``compare`` (with ``compare``). Chinese labels are drawn with an installed CJK font
    if there is one; otherwise they are replaced by ASCII aliases (C1, R2, ...) listed in the legend.
    """
    font = find_cjk_font()
    cjk = font is not None
    plots: dict[str, Plot] = {}
    for key, prefix, name_zh, name_en in (("category", "C", EVAL_LABELS["plot_category"], "by category"),
                                          ("region", "R", EVAL_LABELS["plot_region"], "by region")):
        if metrics.get(f"by_{key}"):
            caption = f"{name_zh} / {name_en}"
            legend = _bar_chart(out_dir / f"by_{key}.png", metrics[f"by_{key}"], _series(k),
                                caption if cjk else name_en, prefix, font)
            plots[key] = Plot(f"by_{key}.png", caption, legend)
    _latency_hist(out_dir / "latency.png", latencies, EVAL_LABELS["plot_latency"] if cjk else "latency", font)
    plots["latency"] = Plot("latency.png", EVAL_LABELS["latency_caption"])
    if compare:
        legend = _bar_chart(
            out_dir / "compare.png",
            compare,
            _COMPARE_SERIES,
            EVAL_LABELS["plot_compare"] if cjk else "configurations",
            "K",
            font,
        )
        plots["compare"] = Plot("compare.png", EVAL_LABELS["compare_caption"], legend)
    return plots
