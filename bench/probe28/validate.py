#!/usr/bin/env python3
"""Validate /tmp/probe28/questions.jsonl against the documents in /tmp/probe28/policies/.

Checks:
  * every line parses as JSON and has the required fields with the right types;
  * ids are unique; answerable items have evidence and answer points;
  * every evidence doc exists and every quote is verbatim in the text extracted from
    the document (PDF via pdfplumber, with pypdf as a second extractor; docx via
    python-docx incl. table cells; HTML with tags stripped and entities unescaped;
    plain text otherwise), comparing after deleting all whitespace;
  * if an article label is given, it occurs in the document text too.
Prints a summary and the number of problems; exit code 1 if any.
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(HERE, "policies")
QS = os.path.join(HERE, "questions.jsonl")

REQUIRED = {"id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
            "evidence": list, "answer_points": list, "must_not": list, "note": str}
PERSONAS = {"family", "staff", "evaluator"}

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub("", s)


def extract(path):
    """Return a list of alternative extracted texts (any match counts)."""
    ext = path.lower().rsplit(".", 1)[-1]
    if ext == "pdf":
        outs = []
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            outs.append("\n".join((p.extract_text() or "") for p in pdf.pages))
        try:
            from pypdf import PdfReader
            outs.append("\n".join((p.extract_text() or "") for p in PdfReader(path).pages))
        except Exception as e:  # pragma: no cover
            print("pypdf failed:", e)
        return outs
    if ext == "docx":
        import docx
        d = docx.Document(path)
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for c in row.cells:
                    parts.append(c.text)
        return ["\n".join(parts)]
    raw = open(path, encoding="utf-8").read()
    if ext in ("html", "htm"):
        raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
        raw = re.sub(r"(?s)<!--.*?-->", " ", raw)
        raw = re.sub(r"<[^>]+>", " ", raw)
        raw = html.unescape(raw)
    return [raw]


def main():
    problems = []
    cache = {}
    items = []
    with open(QS, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                problems.append(f"line {n}: blank line")
                continue
            try:
                it = json.loads(line)
            except Exception as e:
                problems.append(f"line {n}: JSON error {e}")
                continue
            items.append((n, it))
            for k, t in REQUIRED.items():
                if k not in it:
                    problems.append(f"line {n}: missing field {k}")
                elif not isinstance(it[k], t):
                    problems.append(f"line {n}: field {k} should be {t.__name__}")
            if "region" not in it:
                problems.append(f"line {n}: missing field region")
            elif it["region"] is not None and not isinstance(it["region"], str):
                problems.append(f"line {n}: region must be string or null")
            if it.get("persona") not in PERSONAS:
                problems.append(f"line {n}: persona {it.get('persona')!r} not in {PERSONAS}")
            turns = it.get("turns") or []
            if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
                problems.append(f"line {n}: turns must be a non-empty list of non-empty strings")
            ap = it.get("answer_points", [])
            if not all(isinstance(p, list) and p and all(isinstance(s, str) and s for s in p) for p in ap):
                problems.append(f"line {n}: answer_points must be a list of non-empty lists of strings")
            if not all(isinstance(s, str) and s for s in it.get("must_not", [])):
                problems.append(f"line {n}: must_not must be strings")
            if it.get("answerable") is True:
                if not it.get("evidence"):
                    problems.append(f"line {n}: answerable item without evidence")
                if not ap:
                    problems.append(f"line {n}: answerable item without answer_points")
            for j, e in enumerate(it.get("evidence", [])):
                if not isinstance(e, dict) or "doc" not in e or "quote" not in e:
                    problems.append(f"line {n}: evidence[{j}] needs doc and quote")
                    continue
                path = os.path.join(POL, e["doc"])
                if not os.path.exists(path):
                    problems.append(f"line {n}: evidence[{j}] doc not found: {e['doc']}")
                    continue
                if path not in cache:
                    cache[path] = [norm(t) for t in extract(path)]
                q = norm(e["quote"])
                if not q:
                    problems.append(f"line {n}: evidence[{j}] empty quote")
                    continue
                texts = cache[path]
                if not all(q in t for t in texts):
                    which = [i for i, t in enumerate(texts) if q not in t]
                    problems.append(f"line {n} ({it.get('id')}): evidence[{j}] quote not verbatim "
                                    f"in {e['doc']} (extractor #{which}): {e['quote'][:40]}…")
                art = e.get("article")
                if art is not None:
                    if not isinstance(art, str) or not art:
                        problems.append(f"line {n}: evidence[{j}] article must be a non-empty string")
                    else:
                        # the label's first component must occur in the document
                        head = re.match(r"^(第[一二三四五六七八九十百零]+条|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|.+)", art).group(1)
                        if norm(head) not in texts[0]:
                            problems.append(f"line {n}: evidence[{j}] article label {art!r} not found in document")
    ids = [it.get("id") for _, it in items]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        problems.append(f"duplicate ids: {sorted(dup)}")

    n_all = len(items)
    n_ans = sum(1 for _, it in items if it.get("answerable") is True)
    n_multi = sum(1 for _, it in items if len(it.get("turns", [])) > 1)
    n_long = sum(1 for _, it in items if it.get("turns") and len(it["turns"][-1]) >= 300)
    per_doc = {}
    for _, it in items:
        if it.get("answerable"):
            for d in {e["doc"] for e in it.get("evidence", []) if isinstance(e, dict) and "doc" in e}:
                per_doc[d] = per_doc.get(d, 0) + 1
    n_q = sum(len(it.get("evidence", [])) for _, it in items)
    print(f"items: {n_all}  answerable: {n_ans}  unanswerable: {n_all - n_ans}  "
          f"multi-turn: {n_multi}  long stories (>=300 chars): {n_long}  quotes checked: {n_q}")
    for d, c in sorted(per_doc.items()):
        print(f"  answerable items citing {d}: {c}")
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
