"""Run a set through the advisor: one fresh conversation per item, the last answer recorded."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from advisor.evaluate.dataset import Asker
from advisor.ingest.structure import as_read
from advisor.schema import Answer

log = logging.getLogger(__name__)

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
    d["text"] = as_read(d["text"], d["doc"])
    return d


def _hit_dict(h: Any) -> dict[str, Any]:
    if isinstance(h, dict):
        return {"doc": h.get("doc", ""), "text": as_read(h.get("text", ""), h.get("doc", "")),
                "score": float(h.get("score", 0.0))}
    return {"doc": h.chunk.source, "text": as_read(h.chunk.text, h.chunk.source), "score": float(h.score)}


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

    An item's ``region`` (the jurisdiction the asker is in) is where the conversation's profile starts, for a
    conversation that can be told it (``locate``), as a staff desk knows its own place. All turns are asked in
    order; only the last answer is recorded (with the one before it as
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
                if item.get("region") and hasattr(conversation, "locate"):
                    # the asker's place, as a set gives it: the elder's profile starts there, as at a staff desk
                    conversation.locate(item["region"])
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
