"""Evaluation harness: load a question-answer test set, run it through the advisor, score, report.

The input and output formats and the metrics follow ``/work/shared/docs/eval-format.md``
(the shared contract). Everything here except :func:`run_set` is a pure function of plain
dicts, so any grader can recompute the numbers from a results JSONL file.

Scoring conventions the contract leaves open (kept deliberately simple and documented):

* Text comparison always deletes all whitespace first (:func:`normalize`); no case folding.
* Retrieval metrics (hit@k, evidence recall@k, MRR@10) count answerable items that have at
  least one non-empty evidence quote; the document name of the evidence is not required to
  match the retrieved chunk's document (the contract compares text only).
* Citation precision counts the citations of answerable items with evidence (items without
  evidence have nothing a citation could be checked against). A citation overlaps a quote
  when they share a run of ``min(20, len(quote), len(citation))`` characters, i.e. a
  20-character run, or one contains the other entirely when it is shorter than that.
* Items whose run raised an error keep their (empty) record in every metric except latency.
"""

from __future__ import annotations

import html
import json
import logging
import math
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from advisor.answer.compose import _MATERIALS, _PROCEDURE
from advisor.answer.templates import NOT_STATED
from advisor.ingest.patterns import MONEY, PHONE
from advisor.schema import Answer, same_text

log = logging.getLogger(__name__)

RUN = 20  # minimum shared run (characters, whitespace removed) for a partial match
UNSPECIFIED_REGION = "未指定"
UNSPECIFIED_CATEGORY = "未分类"
HIT_RANKS = (1, 3, 5, 10)
RECORD_KEYS = ("id", "answer", "refused", "citations", "retrieved", "latency_ms")


class Asker(Protocol):
    """One fresh conversation with the advisor."""

    def ask(self, message: str) -> Answer:
        """Send one user message and return the advisor's answer to it."""
        ...


class SetFormatError(ValueError):
    """A test-set file that does not follow the shared format (message names the line)."""


# --------------------------------------------------------------------------- loading


def _fail(path: Path, lineno: int, msg: str) -> SetFormatError:
    return SetFormatError(f"{path}:{lineno}: {msg}")


def _str_list(value: Any, field: str, path: Path, lineno: int) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, lineno, f"field {field!r} must be a list of strings")
    return list(value)


def _parse_item(obj: Any, path: Path, lineno: int) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise _fail(path, lineno, f"expected a JSON object, got {type(obj).__name__}")
    item_id = obj.get("id")
    if not isinstance(item_id, str) or not item_id.strip():
        raise _fail(path, lineno, "field 'id' is missing or not a non-empty string")
    turns = obj.get("turns")
    if isinstance(turns, str):
        turns = [turns]
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        raise _fail(
            path, lineno, f"item {item_id!r}: field 'turns' must be a non-empty list of non-empty strings"
        )
    answerable = obj.get("answerable")
    if not isinstance(answerable, bool):
        raise _fail(path, lineno, f"item {item_id!r}: field 'answerable' is missing or not true/false")
    region = obj.get("region")
    if region is not None and not isinstance(region, str):
        raise _fail(path, lineno, f"item {item_id!r}: field 'region' must be a string or null")
    for name in ("category", "persona", "note"):
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise _fail(path, lineno, f"item {item_id!r}: field {name!r} must be a string")

    evidence: list[dict[str, str]] = []
    raw_evidence = obj.get("evidence") or []
    if not isinstance(raw_evidence, list):
        raise _fail(path, lineno, f"item {item_id!r}: field 'evidence' must be a list")
    for i, ev in enumerate(raw_evidence):
        if isinstance(ev, str):  # a bare quote
            ev = {"doc": "", "quote": ev}
        if not isinstance(ev, dict) or not isinstance(ev.get("quote"), str):
            raise _fail(
                path, lineno, f"item {item_id!r}: evidence[{i}] must be an object with a string 'quote'"
            )
        doc = ev.get("doc") or ""
        if not isinstance(doc, str):
            raise _fail(path, lineno, f"item {item_id!r}: evidence[{i}].doc must be a string")
        entry = {"doc": doc, "quote": ev["quote"]}
        if isinstance(ev.get("article"), str) and ev["article"].strip():
            entry["article"] = ev["article"].strip()
        evidence.append(entry)

    raw_points = obj.get("answer_points") or []
    if not isinstance(raw_points, list):
        raise _fail(path, lineno, f"item {item_id!r}: field 'answer_points' must be a list of lists")
    points = [_str_list(p, f"answer_points[{i}]", path, lineno) for i, p in enumerate(raw_points)]

    return {
        "id": item_id,
        "turns": list(turns),
        "category": obj.get("category") or "",
        "persona": obj.get("persona") or "",
        "region": region if region and region.strip() else None,
        "answerable": answerable,
        "evidence": evidence,
        "answer_points": points,
        "must_not": _str_list(obj.get("must_not"), "must_not", path, lineno),
        "note": obj.get("note") or "",
    }


def load_set(path: Path) -> list[dict]:
    """Read a JSONL test set in the shared format.

    Blank lines are skipped, unknown fields dropped, and missing optional fields filled in
    (category/persona/note "", region None, evidence/answer_points/must_not []). ``id``,
    ``turns`` and ``answerable`` are required. A bare string is accepted where a list of strings
    is expected (``turns``, one answer point, ``must_not``) and a bare string evidence entry is
    read as a quote. Raises :class:`SetFormatError` naming the file and line on any problem.
    """
    path = Path(path)
    items: list[dict] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise _fail(path, lineno, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
            item = _parse_item(obj, path, lineno)
            if item["id"] in seen:
                raise _fail(path, lineno, f"duplicate id {item['id']!r} (first on line {seen[item['id']]})")
            seen[item["id"]] = lineno
            items.append(item)
    return items


def load_results(path: Path) -> list[dict]:
    """Read a results JSONL file written by :func:`write_results` (or any contract-conformant tool)."""
    out = []
    with Path(path).open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise _fail(Path(path), lineno, f"invalid JSON ({exc.msg})") from None
    return out


def write_results(path: Path, results: Iterable[dict]) -> Path:
    """Write result records as UTF-8 JSONL (Chinese kept readable, one record per line)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in results:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


# --------------------------------------------------------------------------- running


def _citation_dict(c: Any) -> dict[str, Any]:
    if hasattr(c, "to_eval"):
        d = dict(c.to_eval())
    elif isinstance(c, dict):
        d = dict(c)
    else:
        d = {k: getattr(c, k, "") for k in ("doc", "title", "region", "article", "text")}
    for key in ("doc", "title", "region", "text"):
        d.setdefault(key, "")
    return d


def _hit_dict(h: Any) -> dict[str, Any]:
    if isinstance(h, dict):
        return {"doc": h.get("doc", ""), "text": h.get("text", ""), "score": float(h.get("score", 0.0))}
    return {"doc": h.chunk.source, "text": h.chunk.text, "score": float(h.score)}


def answer_record(item_id: str, answer: Answer, latency_ms: float) -> dict[str, Any]:
    """The contract's output record for one item, built from the last turn's :class:`Answer`."""
    record = {
        "id": item_id,
        "answer": answer.text or "",
        "refused": bool(answer.refused),
        "citations": [_citation_dict(c) for c in answer.citations],
        "retrieved": [_hit_dict(h) for h in answer.retrieved],
        "latency_ms": round(latency_ms, 3),
    }
    if getattr(answer, "generation", None) is not None:  # generative mode only: the verifier's record
        record["generation"] = answer.generation
    return record


def _progress_bar(total: int, enabled: bool) -> Any:
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    return tqdm(total=total, file=sys.stderr, unit="q", desc="eval", dynamic_ncols=True)


def run_set(
    items: Sequence[dict], new_conversation: Callable[[], Asker], progress: bool = True
) -> list[dict]:
    """Run every item in a fresh conversation and return one output record per item, same order.

    All turns are asked in order; only the last answer is recorded (with the one before it as
    ``previous_answer``, for a follow-up). ``latency_ms`` is the wall
    time (``perf_counter``) of the last ``ask`` alone. An exception in one item (including in
    ``new_conversation``) does not stop the run: its record has an empty answer, no citations
    or retrieved passages, the time of the failing call as latency, and an extra ``error`` key.
    """
    results: list[dict] = []
    errors = 0
    bar = _progress_bar(len(items), progress)
    try:
        for item in items:
            item_id = item["id"]
            elapsed = 0.0
            try:
                conversation = new_conversation()
                turns = list(item.get("turns") or [])
                if not turns:
                    raise ValueError("item has no turns")
                answer: Answer | None = None
                previous: Answer | None = None
                for turn in turns:
                    t0 = time.perf_counter()
                    previous = answer
                    try:
                        answer = conversation.ask(turn)
                    finally:
                        elapsed = (time.perf_counter() - t0) * 1000.0
                assert answer is not None
                results.append(answer_record(item_id, answer, elapsed))
                if previous is not None:  # a follow-up: the answer before it, to tell a repeated answer
                    results[-1]["previous_answer"] = previous.text or ""
            except Exception as exc:
                errors += 1
                log.warning("item %s failed: %s: %s", item_id, type(exc).__name__, exc)
                log.debug("traceback of item %s", item_id, exc_info=True)
                results.append(
                    {
                        "id": item_id,
                        "answer": "",
                        "refused": False,
                        "citations": [],
                        "retrieved": [],
                        "latency_ms": round(elapsed, 3),
                        "error": f"{type(exc).__name__}: {exc}",
                    }
                )
            if bar is not None:
                bar.update(1)
                if errors:
                    bar.set_postfix(errors=errors)
    finally:
        if bar is not None:
            bar.close()
    return results


# --------------------------------------------------------------------------- matching


def normalize(s: str | None) -> str:
    """Delete all whitespace (including full-width spaces and line breaks)."""
    return "".join((s or "").split())


def _shares_run(a: str, b: str, run: int) -> bool:
    """True when normalized strings ``a`` and ``b`` share a substring of length ``run``."""
    if run <= 0:
        return True
    if len(a) < run or len(b) < run:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return any(short[i : i + run] in long_ for i in range(len(short) - run + 1))


def quote_found(quote: str, text: str, run: int = RUN) -> bool:
    """Whether an evidence quote is found in a retrieved text (whitespace ignored).

    Found when the quote is a substring of the text, or when both share a run of at least
    ``run`` characters (a quote split across chunks). Quotes shorter than ``run`` must be
    found whole. An empty quote is never found.
    """
    q, t = normalize(quote), normalize(text)
    if not q or not t:
        return False
    if q in t:
        return True
    return len(q) >= run and _shares_run(q, t, run)


def overlaps(a: str, b: str, run: int = RUN) -> bool:
    """Symmetric overlap used for citations: a shared run of ``min(run, len(a), len(b))`` chars."""
    na, nb = normalize(a), normalize(b)
    if not na or not nb:
        return False
    return _shares_run(na, nb, min(run, len(na), len(nb)))


# --------------------------------------------------------------------------- scoring


def percentile(values: Sequence[float], p: float) -> float | None:
    """Percentile with linear interpolation between closest ranks (numpy's default)."""
    xs = sorted(float(v) for v in values)
    if not xs:
        return None
    pos = (len(xs) - 1) * p / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _quotes(item: dict) -> list[str]:
    return [ev["quote"] for ev in item.get("evidence") or [] if normalize(ev.get("quote"))]


# what an answer may say the documents do not state, and what a quote must not then hold (a refusal of "the
# amount" followed by a quote holding an amount contradicts itself); the patterns are the answer composer's
_NOT_STATED_CHECKS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"没有写明[^。]{0,12}(?:金额|钱数)"),
     re.compile(MONEY.pattern + r"|\d+(?:\.\d+)?\s*(?:%|‰|平方米|倍)")),  # a sum, or a standard given as a figure
    (re.compile(r"没有写明" + re.escape(NOT_STATED["number"])), re.compile(r"\d")),
    (re.compile(r"没有写明" + re.escape(NOT_STATED["materials"])), _MATERIALS),
    (re.compile(r"没有写明" + re.escape(NOT_STATED["contact"])), PHONE),
    (re.compile(r"没有写明" + re.escape(NOT_STATED["procedure"])), _PROCEDURE),
)
# what names a source rather than quotes it: titles, places and labels in brackets, article labels
_QUOTE_LEAD = "规定是:"  # "文件中相关的规定是:<the closest clause>" under a refusal
_SOURCE_NAME = re.compile(r"《[^》]*》|\([^()]*\)|第[^,，。条]{1,8}条(?:第[^,，。]{1,4}[款项])*|第[^,，。]{1,4}[款项]")


def _without_sources(text: str) -> str:
    while (cut := _SOURCE_NAME.sub("", text)) != text:  # "(见《…》(福建省厦门市)第(二)条)", inside out
        text = cut
    return text


def contradicts(answer: str) -> bool:
    """Whether an answer says the documents do not state something and then quotes it: "没有写明具体金额" next
    to a quote with "每人每月200元". Document titles and places are left out of the check (their years and
    names are no quote)."""
    text = _nfkc(answer)
    # what the answer quotes: its 结论 and 依据 lines, and the clause after "…规定是:" — not the sentence saying
    # what is missing, nor the standard lines around a refusal ("建议向当地民政部门…咨询")
    quoted = "\n".join(line.split(_QUOTE_LEAD, 1)[1] if _QUOTE_LEAD in line else line
                       for line in text.splitlines() if _QUOTE_LEAD in line or line.startswith(("结论", "·")))
    quoted = _without_sources(quoted)
    return any(said.search(text) and holds.search(quoted) for said, holds in _NOT_STATED_CHECKS)


def repeats(answer: str, previous: str | None) -> bool:
    """Whether a follow-up's answer gives the previous answer again, unchanged (whitespace aside). The same
    clause may rightly answer two questions ("床位目标多少?" "护理型占多少?"); the same whole answer tells
    the family nothing new."""
    return same_text(answer, previous)


def score_item(item: dict, result: dict, k: int = 5) -> dict:
    """Score one item against its output record.

    Returns a flat dict: ``hit@1/3/5/10`` (and ``hit@k``), ``evidence_recall`` (@k), ``rr@10``,
    ``first_hit_rank`` — all ``None`` when the item is not retrieval-scored (unanswerable or no
    evidence); ``n_cited``/``n_cited_overlapping`` (0/0 when not counted); ``coverage`` (None
    without answer points) and ``points_missing``; ``refusal_correct``; ``must_not_violated``
    (the offending strings); ``latency_ms``; ``error``; and ``failed`` with bilingual ``reasons``.
    """
    answerable = bool(item.get("answerable"))
    quotes = _quotes(item)
    retrieved = result.get("retrieved") or []
    texts = [r.get("text", "") if isinstance(r, dict) else str(r) for r in retrieved]
    depth = max(k, *HIT_RANKS)
    scored = answerable and bool(quotes)
    out: dict[str, Any] = {
        "id": item.get("id"),
        "category": item.get("category") or UNSPECIFIED_CATEGORY,
        "region": item.get("region") or UNSPECIFIED_REGION,
        "answerable": answerable,
        "refused": bool(result.get("refused")),
        "k": k,
        "retrieval_scored": scored,
    }

    # Retrieval: rank (1-based) at which each quote is first found.
    ranks: list[int | None] = []
    for q in quotes:
        ranks.append(next((i + 1 for i, t in enumerate(texts[:depth]) if quote_found(q, t)), None))
    found = [r for r in ranks if r is not None]
    first = min(found) if found else None
    for n in sorted({*HIT_RANKS, k}):
        out[f"hit@{n}"] = (first is not None and first <= n) if scored else None
    out["evidence_recall"] = (sum(1 for r in found if r <= k) / len(quotes)) if scored else None
    out["rr@10"] = (1.0 / first if first is not None and first <= 10 else 0.0) if scored else None
    out["first_hit_rank"] = first if scored else None
    out["quote_ranks"] = ranks if scored else []

    # Citation precision parts.
    citations = result.get("citations") or []
    if scored:
        out["n_cited"] = len(citations)
        out["n_cited_overlapping"] = sum(
            1 for c in citations if any(overlaps(q, (c or {}).get("text", "")) for q in quotes)
        )
        # the first citation is the one under 结论: what a family reads as the answer
        out["first_citation_correct"] = (
            any(overlaps(q, (citations[0] or {}).get("text", "")) for q in quotes) if citations else None
        )
    else:
        out["n_cited"] = out["n_cited_overlapping"] = 0
        out["first_citation_correct"] = None

    # Answer points.
    answer_n = normalize(result.get("answer"))
    points = [[normalize(a) for a in p if normalize(a)] for p in item.get("answer_points") or []]
    points_orig = [p for p in item.get("answer_points") or [] if any(normalize(a) for a in p)]
    points = [p for p in points if p]
    if points:
        covered = [any(a in answer_n for a in p) for p in points]
        out["coverage"] = sum(covered) / len(points)
        out["points_missing"] = [po for po, c in zip(points_orig, covered, strict=True) if not c]
    else:
        out["coverage"] = None
        out["points_missing"] = []

    # Article accuracy: the answer (or a citation's label) names an article the evidence names.
    wanted = [a for a in (_article_forms(ev.get("article")) for ev in item.get("evidence") or []
                          if isinstance(ev, dict)) if a]
    if answerable and wanted:
        said = _nfkc(answer_n + "".join(normalize((c or {}).get("article", "")) for c in citations))
        out["article_correct"] = any(f in said for forms in wanted for f in forms)
    else:
        out["article_correct"] = None

    out["refusal_correct"] = out["refused"] == (not answerable)
    out["contradiction"] = contradicts(answer_text) if (answer_text := result.get("answer") or "") else False
    out["repeated"] = repeats(answer_text, result.get("previous_answer")) \
        if result.get("previous_answer") is not None else None
    out["must_not_violated"] = [
        s for s in item.get("must_not") or [] if normalize(s) and normalize(s) in answer_n
    ]
    lat = result.get("latency_ms")
    out["latency_ms"] = float(lat) if isinstance(lat, int | float) else None
    out["error"] = result.get("error")

    reasons: list[str] = []
    if out["error"]:
        reasons.append(f"运行错误 / run error: {out['error']}")
    if scored and not out[f"hit@{k}"]:
        reasons.append(f"检索未命中 / retrieval miss: no evidence quote in top-{k}")
    if out["points_missing"]:
        missing = "; ".join(" | ".join(p) for p in out["points_missing"])
        reasons.append(f"要点缺失 / answer points missing: {missing}")
    if not out["refusal_correct"]:
        reasons.append(
            "误拒答 / refused an answerable question"
            if answerable
            else "应拒答未拒答 / answered a question the corpus does not support"
        )
    if out["contradiction"]:
        reasons.append("自相矛盾 / says a fact is not stated, then quotes it")
    if out["repeated"]:
        reasons.append("重复上一回答 / the follow-up got the previous answer again")
    if out["must_not_violated"]:
        reasons.append("出现禁止内容 / must_not violated: " + "; ".join(out["must_not_violated"]))
    out["reasons"] = reasons
    out["failed"] = bool(reasons)
    return out


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def _article_forms(label: object) -> list[str]:
    """The ways an answer may write an evidence article label: as given (第十四条, 第三条第二款) and as the
    advisor labels outline sections: （八） also as 第(八)条, 一、 also as 第一部分."""
    if not isinstance(label, str) or not normalize(label):
        return []
    forms = [_nfkc(normalize(label))]
    if m := re.fullmatch(r"\((.+)\)", forms[0]):
        forms.append(f"第({m.group(1)})条")
    if m := re.fullmatch(r"([一二三四五六七八九十百]+)、", forms[0]):
        forms.append(f"第{m.group(1)}部分")
    return forms


def _mean(xs: Sequence[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def _summarize(scores: Sequence[dict], k: int) -> dict[str, Any]:
    scored = [s for s in scores if s["retrieval_scored"]]
    cited = sum(s["n_cited"] for s in scored)
    overlapping = sum(s["n_cited_overlapping"] for s in scored)
    cov = [s["coverage"] for s in scores if s["coverage"] is not None]
    lat = [s["latency_ms"] for s in scores if s["latency_ms"] is not None and not s["error"]]
    m: dict[str, Any] = {
        "n": len(scores),
        "n_answerable": sum(1 for s in scores if s["answerable"]),
        "n_retrieval": len(scored),
        "k": k,
    }
    for n in sorted({*HIT_RANKS, k}):
        m[f"hit@{n}"] = _mean([float(s[f"hit@{n}"]) for s in scored])
    m[f"evidence_recall@{k}"] = _mean([s["evidence_recall"] for s in scored])
    m["mrr@10"] = _mean([s["rr@10"] for s in scored])
    m["citation_precision"] = overlapping / cited if cited else None
    m["n_citations"] = cited
    firsts = [s["first_citation_correct"] for s in scored if s.get("first_citation_correct") is not None]
    m["first_citation_precision"] = _mean([float(x) for x in firsts])
    m["answer_point_coverage"] = _mean(cov)
    m["n_with_points"] = len(cov)
    m["refusal_accuracy"] = _mean([float(s["refusal_correct"]) for s in scores])
    arts = [s["article_correct"] for s in scores if s.get("article_correct") is not None]
    m["article_accuracy"] = _mean([float(x) for x in arts])
    m["n_with_article"] = len(arts)
    m["must_not_violations"] = sum(1 for s in scores if s["must_not_violated"])
    m["contradictions"] = sum(1 for s in scores if s.get("contradiction"))
    follow = [s["repeated"] for s in scores if s.get("repeated") is not None]
    m["repeated_answers"] = sum(1 for x in follow if x)
    m["n_follow_ups"] = len(follow)
    m["latency_p50_ms"] = percentile(lat, 50)
    m["latency_p95_ms"] = percentile(lat, 95)
    m["errors"] = sum(1 for s in scores if s["error"])
    m["failed"] = sum(1 for s in scores if s["failed"])
    return m


def pair_results(items: Sequence[dict], results: Sequence[dict]) -> list[dict]:
    """Results aligned to items by id (the contract also fixes the order; ids make it robust)."""
    by_id = {r.get("id"): r for r in results}
    missing = [it["id"] for it in items if it["id"] not in by_id]
    if missing:
        shown = ", ".join(map(str, missing[:5])) + (" ..." if len(missing) > 5 else "")
        raise ValueError(f"{len(missing)} item(s) have no result record: {shown}")
    return [by_id[it["id"]] for it in items]


def score_all(items: Sequence[dict], results: Sequence[dict], k: int = 5) -> list[dict]:
    """:func:`score_item` for every item, results matched by id."""
    return [score_item(it, r, k) for it, r in zip(items, pair_results(items, results), strict=True)]


def aggregate(items: Sequence[dict], results: Sequence[dict], k: int = 5) -> dict:
    """The contract's metrics over the whole set, plus ``by_category`` and ``by_region`` breakdowns.

    Keys: n, n_answerable, n_retrieval, k, hit@1/3/5/10 (and hit@k), evidence_recall@k, mrr@10,
    citation_precision, n_citations, first_citation_precision (the 结论's citation), answer_point_coverage,
    n_with_points, refusal_accuracy,
    must_not_violations, contradictions (a "not stated" next to a quote stating it), repeated_answers and
    n_follow_ups (a follow-up answered with the previous answer, unchanged), latency_p50_ms, latency_p95_ms,
    errors, failed. A rate is ``None``
    when no item qualifies for it.
    """
    scores = score_all(items, results, k)
    metrics = _summarize(scores, k)
    for key, field in (("by_category", "category"), ("by_region", "region")):
        groups: dict[str, list[dict]] = {}
        for s in scores:
            groups.setdefault(s[field], []).append(s)
        metrics[key] = {name: _summarize(group, k) for name, group in sorted(groups.items())}
    return metrics


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
