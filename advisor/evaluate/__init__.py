"""Evaluation: the shared question-set format (`dataset`), running a set through the advisor (`runner`),
scoring (`metrics`: pure functions of plain dicts, so any grader can recompute the numbers) and the report
(`tables`: the metrics as table data and terminal tables; `plots`: matplotlib; `report`: Markdown and HTML
rendered from the Jinja templates in `templates/`). The format and metrics follow
``/work/shared/docs/eval-format.md``; the conventions it leaves open are in `metrics`."""

from advisor.evaluate.dataset import (
    HIT_RANKS,
    RECORD_KEYS,
    RUN,
    UNSPECIFIED_CATEGORY,
    UNSPECIFIED_REGION,
    Asker,
    SetFormatError,
    load_results,
    load_set,
    write_results,
)
from advisor.evaluate.metrics import (
    aggregate,
    contradicts,
    normalize,
    overlaps,
    pair_results,
    percentile,
    quote_found,
    repeats,
    score_all,
    score_item,
)
from advisor.evaluate.plots import find_cjk_font
from advisor.evaluate.report import compare_table, write_report
from advisor.evaluate.runner import answer_record, run_set
from advisor.evaluate.tables import format_metrics

__all__ = ["HIT_RANKS", "RECORD_KEYS", "RUN", "UNSPECIFIED_CATEGORY", "UNSPECIFIED_REGION", "Asker", "SetFormatError", "aggregate", "answer_record", "compare_table", "contradicts", "find_cjk_font", "format_metrics", "load_results", "load_set", "normalize", "overlaps", "pair_results", "percentile", "quote_found", "repeats", "run_set", "score_all", "score_item", "write_report", "write_results"]
