"""Score result records against a set: retrieval, citations, coverage, refusals, articles, self-contradictions
and repeated answers — pure functions of plain dicts, so any grader can recompute the numbers from a results
JSONL file.

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

import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from advisor.answer.compose import _AMOUNT_LIKE, _MATERIALS, _PROCEDURE
from advisor.answer.templates import EVAL_REASONS, NOT_STATED
from advisor.evaluate.dataset import HIT_RANKS, RUN, UNSPECIFIED_CATEGORY, UNSPECIFIED_REGION
from advisor.ingest.patterns import PHONE
from advisor.schema import same_text

log = logging.getLogger(__name__)

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
    # a Markdown table row is the same row without its outer bars ("| 重度失能 | 3000元 |" as the file writes it,
    # "重度失能 | 3000元" as a chunk carries it)
    q, t = normalize(quote).strip("|"), normalize(text)
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
    (re.compile(r"没有写明[^。]{0,12}(?:金额|钱数)"), _AMOUNT_LIKE),  # a sum, or a standard given as a figure
    (re.compile(r"没有写明" + re.escape(NOT_STATED["number"])), re.compile(r"\d")),
    (re.compile(r"没有写明" + re.escape(NOT_STATED["count"])), re.compile(r"[\d一二两三四五六七八九十]+\s*[次回趟]")),
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
        said = _nfkc("|".join([answer_n, *(normalize((c or {}).get("article", "")) for c in citations)]))
        out["article_correct"] = any(f in said for forms in wanted for f in forms) or any(
            _names_bare_item(said, ev.get("article")) for ev in item.get("evidence") or [] if isinstance(ev, dict))
    else:
        out["article_correct"] = None
    # The same among the answers that cite something (issue 14's "right 第X条 in ≥ 95 % of cited answers"): a
    # refusal is not counted, and a citation of evidence that has no label (a 题注, a preamble) is right.
    unlabelled = [ev.get("quote", "") for ev in item.get("evidence") or []
                  if isinstance(ev, dict) and not _article_forms(ev.get("article"))]
    if out["article_correct"] is not None and citations and not out["refused"]:
        out["cited_article_correct"] = out["article_correct"] or any(
            overlaps(q, (c or {}).get("text", "")) for q in unlabelled for c in citations)
    else:
        out["cited_article_correct"] = None

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
        reasons.append(EVAL_REASONS["error"].format(error=out["error"]))
    if scored and not out[f"hit@{k}"]:
        reasons.append(EVAL_REASONS["miss"].format(k=k))
    if out["points_missing"]:
        missing = "; ".join(" | ".join(p) for p in out["points_missing"])
        reasons.append(EVAL_REASONS["points"].format(missing=missing))
    if not out["refusal_correct"]:
        reasons.append(EVAL_REASONS["refused"] if answerable else EVAL_REASONS["answered"])
    if out["contradiction"]:
        reasons.append(EVAL_REASONS["contradiction"])
    if out["repeated"]:
        reasons.append(EVAL_REASONS["repeated"])
    if out["must_not_violated"]:
        reasons.append(EVAL_REASONS["must_not"].format(phrases="; ".join(out["must_not_violated"])))
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
    # a part named with its heading ("六、注意事项", "二、体检时间和地点"): that part, 第六部分
    if m := re.fullmatch(r"([一二三四五六七八九十百]+)、([^\d()（）、]{2,})", forms[0]):
        forms.append(f"第{m.group(1)}部分")
    # a path of outline numbers as the document writes them: 二、(一)3. is 第二部分第(一)条第3项, and where the
    # (一) run on through the document, 第(一)条第3项; an item numbered （2） (三、（2）, or alone) is 第三部分第(2)项
    if (m := re.fullmatch(r"(?:([一二三四五六七八九十百]+)、)?(?:\(([一二三四五六七八九十百]+)\))?"
                          r"(?:(\d{1,3})\.?|\((\d{1,3})\))?", forms[0])) \
            and (sum(bool(g) for g in m.groups()) >= 2 or m.group(4)):
        part, clause, item, bracketed = m.groups()
        inner = (f"第({clause})条" if clause else "") + (f"第{item}项" if item else "") \
            + (f"第({bracketed})项" if bracketed else "")
        forms.append((f"第{part}部分" if part else "") + inner)
        if part and clause:
            forms.append(inner)
    return forms


def _names_bare_item(said: str, label: object) -> bool:
    """A bare item number as the document writes it (a Q&A page's "3." or "3.问") is named by the advisor's 第3项
    where no clause, part or paragraph stands before it (第(一)条第3项 is item 3 of another clause, not question 3)."""
    if not isinstance(label, str) or not (m := re.fullmatch(r"(\d{1,3})[.、]?(?:问)?", _nfkc(normalize(label)))):
        return False
    return re.search(rf"(?<![条款项分\d])第{int(m.group(1))}项", said) is not None


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
    cited_arts = [s["cited_article_correct"] for s in scores if s.get("cited_article_correct") is not None]
    m["cited_article_accuracy"] = _mean([float(x) for x in cited_arts])
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
