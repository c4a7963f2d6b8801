#!/usr/bin/env python
"""Validate bench/probe34/questions.jsonl against the documents in bench/probe34/policies/.

Checks
- every line parses as JSON and has the required fields with the right types
- ids are unique; persona in {family, staff, evaluator}
- answerable items have >=1 evidence; each evidence doc exists in policies/
- every quote (whitespace removed) is a substring of the text extracted from its doc
  (pdfplumber for PDF, python-docx paragraphs + table cells for docx, HTML with tags
  stripped after decoding by its declared charset, plain text decoded as UTF-8 or GB18030)
- an article label of the form 第X条 names an article that occurs in the document
Prints each problem and a final count; exit code 1 if any problem.
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(HERE, "policies")
QFILE = os.path.join(HERE, "questions.jsonl")
REQUIRED = {"id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
            "evidence": list, "answer_points": list, "must_not": list, "note": str}
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub("", s)


def decode_bytes(raw, declared=None):
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    encs = ([declared] if declared else []) + ["utf-8", "gb18030"]
    for enc in encs:
        try:
            return raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("gb18030", errors="replace")


def extract(path):
    ext = os.path.splitext(path)[1].lower()
    if ext == ".pdf":
        try:
            import pdfplumber
            with pdfplumber.open(path) as pdf:
                return "\n".join((p.extract_text() or "") for p in pdf.pages)
        except ImportError:
            from pypdf import PdfReader
            return "\n".join((p.extract_text() or "") for p in PdfReader(path).pages)
    if ext == ".docx":
        import docx
        d = docx.Document(path)
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for cell in row.cells:
                    parts.append(cell.text)
        return "\n".join(parts)
    raw = open(path, "rb").read()
    if ext in (".html", ".htm"):
        m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", raw[:2000])
        text = decode_bytes(raw, m.group(1).decode("ascii").lower() if m else None)
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?s)<!--.*?-->", " ", text)
        text = re.sub(r"(?s)<[^>]+>", " ", text)
        return html.unescape(text)
    return decode_bytes(raw)


def main():
    problems = []
    cache = {}
    docs_on_disk = set(os.listdir(POL))
    ids = set()
    n = ans = 0
    with open(QFILE, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for ln, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            it = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {ln}: JSON error {e}")
            continue
        n += 1
        iid = it.get("id", f"line{ln}")
        for k, typ in REQUIRED.items():
            if k not in it:
                problems.append(f"{iid}: missing field {k}")
            elif not isinstance(it[k], typ):
                problems.append(f"{iid}: field {k} should be {typ.__name__}")
        if "region" not in it:
            problems.append(f"{iid}: missing field region")
        elif it["region"] is not None and not isinstance(it["region"], str):
            problems.append(f"{iid}: region must be string or null")
        if iid in ids:
            problems.append(f"{iid}: duplicate id")
        ids.add(iid)
        if it.get("persona") not in ("family", "staff", "evaluator"):
            problems.append(f"{iid}: bad persona {it.get('persona')}")
        turns = it.get("turns")
        if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append(f"{iid}: turns must be a non-empty list of non-empty strings")
        ap = it.get("answer_points", [])
        if not isinstance(ap, list) or not all(isinstance(p, list) and p and all(isinstance(s, str) and s for s in p) for p in ap):
            problems.append(f"{iid}: answer_points must be a list of non-empty lists of strings")
        if not all(isinstance(s, str) for s in it.get("must_not", [])):
            problems.append(f"{iid}: must_not must be strings")
        if it.get("answerable") is True:
            ans += 1
            if not it.get("evidence"):
                problems.append(f"{iid}: answerable item without evidence")
            if not ap:
                problems.append(f"{iid}: answerable item without answer_points")
        for e in it.get("evidence", []) or []:
            if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                problems.append(f"{iid}: evidence entry needs doc and quote strings")
                continue
            doc = e["doc"]
            if doc not in docs_on_disk:
                problems.append(f"{iid}: doc not found: {doc}")
                continue
            if doc not in cache:
                cache[doc] = norm(extract(os.path.join(POL, doc)))
            text = cache[doc]
            qn = norm(e["quote"])
            if not qn or qn not in text:
                problems.append(f"{iid}: quote not verbatim in {doc}: {e['quote'][:40]}")
            art = e.get("article")
            if art is not None:
                if not isinstance(art, str) or not art:
                    problems.append(f"{iid}: article must be a non-empty string")
                else:
                    m = re.match(r"(第[零一二三四五六七八九十百]+条)", art)
                    if m and m.group(1) not in text:
                        problems.append(f"{iid}: article {m.group(1)} not in {doc}")
                    elif not m and norm(art).rstrip(".") and norm(art)[:2] not in text:
                        problems.append(f"{iid}: article label {art} not found in {doc}")
    print(f"items: {n}, answerable: {ans}, unanswerable: {n - ans}, docs checked: {len(cache)}")
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
