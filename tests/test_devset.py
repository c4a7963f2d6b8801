"""Validate the question-answer sets in evals/sets/*.jsonl against the shared format.

Stdlib + pytest only: no advisor code is imported, so this runs before the
model/index are installed. See /work/shared/docs/eval-format.md for the format
and evals/sets/README.md for how dev.jsonl was built.
"""

from __future__ import annotations

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETS_DIR = ROOT / "evals" / "sets"
CORPUS_DIR = ROOT / "corpus" / "policies"
DEV_SET = SETS_DIR / "dev.jsonl"

PERSONAS = {"family", "staff", "evaluator"}
DEV_MIN_ITEMS = 120
DEV_MIN_UNANSWERABLE = 25
DEV_MIN_MULTI_TURN = 15

_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    """Delete all whitespace (the comparison rule of the shared format)."""
    return _WS.sub("", text)


def _set_files() -> list[Path]:
    return sorted(SETS_DIR.glob("*.jsonl"))


def _load(path: Path) -> list[tuple[int, object]]:
    """Return (line number, parsed value) for every line; raise on invalid JSON or blank lines."""
    rows: list[tuple[int, object]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            raise AssertionError(f"{path.name}:{lineno}: blank line")
        try:
            rows.append((lineno, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise AssertionError(f"{path.name}:{lineno}: invalid JSON: {exc}") from exc
    return rows


@functools.cache
def _corpus_text(doc: str) -> str | None:
    """Whitespace-free text of corpus/policies/<doc>, or None if there is no such file."""
    if not doc or "/" in doc or "\\" in doc or doc in {".", ".."}:
        return None
    path = CORPUS_DIR / doc
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm"):  # quotes are of the visible text, not the markup
        text = _visible_text(text)
    return _squash(text)


class _Visible(HTMLParser):
    """The text a browser shows: character data outside <script> and <style> (stdlib only)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _visible_text(markup: str) -> str:
    parser = _Visible()
    parser.feed(markup)
    return "".join(parser.parts)


def _is_str(value: object, *, nonempty: bool = True) -> bool:
    return isinstance(value, str) and (bool(value.strip()) or not nonempty)


def _schema_problems(item: object) -> list[str]:
    """Every way one item breaks the required fields and types (extra fields are allowed)."""
    if not isinstance(item, dict):
        return ["not a JSON object"]
    problems: list[str] = []
    required = (
        "id",
        "turns",
        "category",
        "persona",
        "region",
        "answerable",
        "evidence",
        "answer_points",
        "must_not",
        "note",
    )
    missing = [key for key in required if key not in item]
    if missing:
        return [f"missing fields {missing}"]
    if not _is_str(item["id"]):
        problems.append("id must be a non-empty string")
    turns = item["turns"]
    if not (isinstance(turns, list) and turns and all(_is_str(t) for t in turns)):
        problems.append("turns must be a non-empty list of non-empty strings")
    if not _is_str(item["category"]):
        problems.append("category must be a non-empty string")
    if item["persona"] not in PERSONAS:
        problems.append(f"persona must be one of {sorted(PERSONAS)}")
    if not (item["region"] is None or _is_str(item["region"])):
        problems.append("region must be a non-empty string or null")
    if not isinstance(item["answerable"], bool):
        problems.append("answerable must be a bool")
    evidence = item["evidence"]
    if not isinstance(evidence, list):
        problems.append("evidence must be a list")
    else:
        for k, ev in enumerate(evidence):
            if not (isinstance(ev, dict) and _is_str(ev.get("doc")) and _is_str(ev.get("quote"))):
                problems.append(f"evidence[{k}] must be an object with non-empty string doc and quote")
    points = item["answer_points"]
    if not isinstance(points, list):
        problems.append("answer_points must be a list")
    else:
        for k, point in enumerate(points):
            if not (isinstance(point, list) and point and all(_is_str(alt) for alt in point)):
                problems.append(f"answer_points[{k}] must be a non-empty list of non-empty strings")
    must_not = item["must_not"]
    if not (isinstance(must_not, list) and all(_is_str(m) for m in must_not)):
        problems.append("must_not must be a list of non-empty strings")
    if not _is_str(item["note"], nonempty=False):
        problems.append("note must be a string")
    if item["answerable"] is True and isinstance(evidence, list) and not evidence:
        problems.append("answerable item needs at least one evidence quote")
    return problems


SET_FILES = _set_files()
_IDS = [p.name for p in SET_FILES]


def test_dev_set_exists() -> None:
    assert DEV_SET.is_file(), f"missing {DEV_SET.relative_to(ROOT)}"
    assert CORPUS_DIR.is_dir(), f"missing {CORPUS_DIR.relative_to(ROOT)}"


@pytest.mark.parametrize("path", SET_FILES, ids=_IDS)
def test_items_follow_the_format(path: Path) -> None:
    problems = []
    for lineno, item in _load(path):
        label = item.get("id", "?") if isinstance(item, dict) else "?"
        problems += [f"{path.name}:{lineno} ({label}): {p}" for p in _schema_problems(item)]
    assert not problems, "\n".join(problems[:50])


@pytest.mark.parametrize("path", SET_FILES, ids=_IDS)
def test_ids_are_unique(path: Path) -> None:
    seen: dict[str, int] = {}
    dups = []
    for lineno, item in _load(path):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            if item["id"] in seen:
                dups.append(f"{item['id']} (lines {seen[item['id']]} and {lineno})")
            seen.setdefault(item["id"], lineno)
    assert not dups, f"{path.name}: duplicate ids: " + ", ".join(dups)


@pytest.mark.parametrize("path", SET_FILES, ids=_IDS)
def test_evidence_quotes_are_verbatim(path: Path) -> None:
    problems = []
    for lineno, item in _load(path):
        if not isinstance(item, dict) or not isinstance(item.get("evidence"), list):
            continue
        for k, ev in enumerate(item["evidence"]):
            if not isinstance(ev, dict):
                continue
            where = f"{path.name}:{lineno} ({item.get('id', '?')}) evidence[{k}]"
            doc, quote = ev.get("doc"), ev.get("quote")
            text = _corpus_text(doc) if isinstance(doc, str) else None
            if text is None:
                problems.append(f"{where}: no file corpus/policies/{doc}")
            elif not isinstance(quote, str) or not _squash(quote):
                problems.append(f"{where}: empty quote")
            elif _squash(quote) not in text:
                problems.append(f"{where}: quote not found in {doc}: {quote[:40]!r}")
    assert not problems, "\n".join(problems[:50])


def test_dev_set_size_and_balance() -> None:
    items = [item for _, item in _load(DEV_SET)]
    assert all(isinstance(item, dict) for item in items)
    unanswerable = [item for item in items if item.get("answerable") is False]
    multi_turn = [item for item in items if isinstance(item.get("turns"), list) and len(item["turns"]) > 1]
    assert len(items) >= DEV_MIN_ITEMS, f"dev.jsonl has {len(items)} items, need >= {DEV_MIN_ITEMS}"
    assert len(unanswerable) >= DEV_MIN_UNANSWERABLE, (
        f"dev.jsonl has {len(unanswerable)} answerable=false items, need >= {DEV_MIN_UNANSWERABLE}"
    )
    assert len(multi_turn) >= DEV_MIN_MULTI_TURN, (
        f"dev.jsonl has {len(multi_turn)} multi-turn items, need >= {DEV_MIN_MULTI_TURN}"
    )


def test_dev_answer_points_come_from_the_evidence() -> None:
    """dev.jsonl is extractive by construction: keep it honest when it is edited.

    For every answerable item, each answer point has an alternative that occurs in the
    item's own evidence quotes, quotes are 15-80 characters, and no must_not string
    occurs in the evidence (whitespace removed everywhere).
    """
    problems = []
    for lineno, item in _load(DEV_SET):
        if not isinstance(item, dict) or item.get("answerable") is not True:
            continue
        where = f"dev.jsonl:{lineno} ({item.get('id', '?')})"
        quotes = [_squash(ev.get("quote", "")) for ev in item.get("evidence", []) if isinstance(ev, dict)]
        joined = "".join(quotes)
        for quote in quotes:
            if not 15 <= len(quote) <= 80:
                problems.append(f"{where}: quote is {len(quote)} characters, want 15-80")
        for point in item.get("answer_points", []):
            if not any(_squash(alt) in joined for alt in point):
                problems.append(f"{where}: answer point {point} is not in its evidence")
        for bad in item.get("must_not", []):
            if _squash(bad) in joined:
                problems.append(f"{where}: must_not {bad!r} occurs in its own evidence")
    assert not problems, "\n".join(problems[:50])


def test_every_bench_probe_set_holds_verbatim_quotes_of_its_documents(tmp_path: Path) -> None:
    """bench/validate_probe.py, the one checker of the probe sets: each committed set passes, and a quote the
    document does not hold is reported."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("validate_probe", ROOT / "bench" / "validate_probe.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    sets = sorted(ROOT.glob("bench/probe*/questions.jsonl"))
    assert len(sets) >= 30
    for qs in sets:
        folders = [str(p) for p in (qs.parent / "policies", CORPUS_DIR) if p.is_dir()]
        assert tool.main([str(qs), *folders]) == 0, qs
    item = json.loads(DEV_SET.read_text(encoding="utf-8").splitlines()[0])
    item["answerable"], item["evidence"] = True, [{"doc": "北京市居家养老服务条例.md", "quote": "每人每月发放一万元养老金"}]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    assert tool.main([str(bad), str(CORPUS_DIR)]) == 1
