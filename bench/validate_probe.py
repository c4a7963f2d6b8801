"""Check a question set written from documents (a bench/probe* set, or any set in the eval format) against the
documents themselves, read by independent extractors (not the advisor's readers):

    .venv/bin/python bench/validate_probe.py bench/probe34/questions.jsonl bench/probe34/policies [corpus/policies]

- every line parses as JSON and has the format's fields with the right types (../shared/docs/eval-format.md);
  ids are unique, persona is family / staff / evaluator, turns are non-empty strings;
- answerable items have evidence and answer points; each evidence doc is found in one of the folders given;
- every quote, whitespace removed, is a substring of the text extracted from its document (pdfplumber for PDF,
  python-docx paragraphs and table cells for .docx, HTML decoded by its declared charset with tags, scripts and
  styles stripped, other text as UTF-8 or GB18030);
- an article label of the form 第X条 names an article that occurs in the document.

Prints each problem and a count; exits 1 when there is any. One tool for every probe: the sets' writers each
delivered a validator of their own, which repeated each other."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

REQUIRED: dict[str, type] = {"id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
                             "evidence": list, "answer_points": list, "must_not": list, "note": str}
PERSONAS = ("family", "staff", "evaluator")
_ARTICLE = re.compile(r"(第[零〇一二三四五六七八九十百]+条)")


def norm(s: str) -> str:
    """The text with all whitespace deleted, as the eval format compares quotes."""
    return "".join(s.split())


def decode(raw: bytes, declared: str | None = None) -> str:
    """Bytes as text: a UTF-8 or UTF-16 BOM, the declared charset, UTF-8, then GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for enc in ([declared] if declared else []) + ["utf-8", "gb18030"]:
        try:
            return raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("gb18030", errors="replace")


def extract(path: Path) -> str:
    """The text a reader of the document sees."""
    ext = path.suffix.lower()
    if ext == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join((p.extract_text() or "") for p in pdf.pages)
    if ext == ".docx":
        import docx

        d = docx.Document(str(path))
        return "\n".join([p.text for p in d.paragraphs]
                         + [cell.text for t in d.tables for row in t.rows for cell in row.cells])
    raw = path.read_bytes()
    if ext in (".html", ".htm"):
        m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", raw[:2000])
        text = decode(raw, m.group(1).decode("ascii").lower() if m else None)
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?s)<!--.*?-->|<[^>]+>", " ", text)
        return html.unescape(text)
    return decode(raw)


def check_item(it: dict, find: dict[str, Path], texts: dict[str, str]) -> list[str]:
    """The problems of one item (`find`: document name → path; `texts`: extracted texts, filled as read)."""
    iid = it.get("id", "?")
    problems = [f"{iid}: missing field {k}" for k in REQUIRED if k not in it]
    problems += [f"{iid}: field {k} should be {t.__name__}" for k, t in REQUIRED.items()
                 if k in it and not isinstance(it[k], t)]
    if it.get("region") is not None and not isinstance(it.get("region"), str):
        problems.append(f"{iid}: region must be a string or null")
    if it.get("persona") not in PERSONAS:
        problems.append(f"{iid}: bad persona {it.get('persona')!r}")
    turns = it.get("turns")
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        problems.append(f"{iid}: turns must be a non-empty list of non-empty strings")
    points = it.get("answer_points", [])
    if not isinstance(points, list) or not all(isinstance(p, list) and p and all(isinstance(s, str) and s for s in p)
                                               for p in points):
        problems.append(f"{iid}: answer_points must be a list of non-empty lists of strings")
    if it.get("answerable") is True and not it.get("evidence"):
        problems.append(f"{iid}: answerable item without evidence")
    for e in it.get("evidence") or []:
        if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
            problems.append(f"{iid}: evidence needs doc and quote strings")
            continue
        doc = e["doc"]
        if doc not in find:
            problems.append(f"{iid}: document not found: {doc}")
            continue
        if doc not in texts:
            texts[doc] = norm(extract(find[doc]))
        quote = norm(e["quote"])
        if not quote or quote not in texts[doc]:
            problems.append(f"{iid}: quote not verbatim in {doc}: {e['quote'][:40]}")
        label = e.get("article")
        if isinstance(label, str) and (m := _ARTICLE.match(label)) and m.group(1) not in texts[doc]:
            problems.append(f"{iid}: article {m.group(1)} not in {doc}")
    return problems


def main(argv: list[str]) -> int:
    """Validate the set `argv[0]` against the documents in the folders that follow."""
    if len(argv) < 2:
        print(__doc__)
        return 2
    find: dict[str, Path] = {}
    for folder in argv[1:]:
        for p in Path(folder).iterdir():
            find.setdefault(p.name, p)
    problems: list[str] = []
    texts: dict[str, str] = {}
    ids: set[str] = set()
    n = answerable = 0
    for ln, line in enumerate(Path(argv[0]).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            it = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {ln}: not JSON ({e})")
            continue
        n += 1
        answerable += it.get("answerable") is True
        if it.get("id") in ids:
            problems.append(f"{it.get('id')}: duplicate id")
        ids.add(it.get("id"))
        problems += check_item(it, find, texts)
    print(f"items: {n}, answerable: {answerable}, unanswerable: {n - answerable}, documents read: {len(texts)}")
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
