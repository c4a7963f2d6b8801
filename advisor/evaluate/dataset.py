"""The shared question-set format: load and check a set, load and write result records."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from advisor.answer.templates import EVAL_LABELS
from advisor.schema import Answer

log = logging.getLogger(__name__)

RUN = 20  # minimum shared run (characters, whitespace removed) for a partial match
UNSPECIFIED_REGION = EVAL_LABELS["unspecified_region"]
UNSPECIFIED_CATEGORY = EVAL_LABELS["unspecified_category"]
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
