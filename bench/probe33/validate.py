#!/usr/bin/env python
"""Validate bench/probe33/questions.jsonl against the documents in bench/probe33/policies/.

Checks:
  * every line parses as JSON and has the required fields with the right types
  * ids are unique
  * answerable items have >=1 evidence; every evidence doc exists
  * every evidence quote is verbatim (after deleting all whitespace) in the text
    extracted from its document: pdfplumber (and pypdf if installed) for PDF,
    python-docx (paragraphs + table cells) for DOCX, tags stripped for HTML
    (decoded with the declared charset), plain UTF-8 otherwise
  * article labels (if given) occur in the extracted document text
Prints the number of problems; exit code 1 if any.
Usage: python validate.py [questions.jsonl] [policies_dir]
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
QFILE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "questions.jsonl")
PDIR = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "policies")

WS = re.compile(r"\s+")


def nows(s):
    return WS.sub("", s)


def extract_pdf(path):
    texts = []
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        texts.append("\n".join((p.extract_text() or "") for p in pdf.pages))
    try:
        import pypdf
        r = pypdf.PdfReader(path)
        texts.append("\n".join((p.extract_text() or "") for p in r.pages))
    except ImportError:
        pass
    return texts  # a quote must be found in the pdfplumber text (first); pypdf is reported if it differs


def extract_docx(path):
    import docx
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                parts.append(cell.text)
    return ["\n".join(parts)]


def extract_html(path):
    raw = open(path, "rb").read()
    m = re.search(rb'<meta[^>]+charset=["\']?([A-Za-z0-9_-]+)', raw[:4096], re.I)
    enc = m.group(1).decode("ascii") if m else "utf-8"
    s = raw.decode(enc)
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"(?is)<!--.*?-->", " ", s)
    s = re.sub(r"(?s)<[^>]+>", " ", s)
    return [html.unescape(s)]


def extract(path):
    ext = os.path.splitext(path)[1].lower()
    if ext == ".pdf":
        return extract_pdf(path)
    if ext == ".docx":
        return extract_docx(path)
    if ext in (".html", ".htm"):
        return extract_html(path)
    return [open(path, encoding="utf-8").read()]


REQUIRED = {
    "id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
    "evidence": list, "answer_points": list, "must_not": list, "note": str,
}

problems = []
warnings = []
cache = {}
ids = set()
n = n_ans = n_unans = n_multi = n_long = 0
with open(QFILE, encoding="utf-8") as f:
    for lineno, line in enumerate(f, 1):
        if not line.strip():
            problems.append(f"line {lineno}: empty line")
            continue
        try:
            q = json.loads(line)
        except Exception as e:
            problems.append(f"line {lineno}: JSON error {e}")
            continue
        n += 1
        qid = q.get("id", f"<line {lineno}>")
        for k, t in REQUIRED.items():
            if k not in q:
                problems.append(f"{qid}: missing field {k}")
            elif not isinstance(q[k], t):
                problems.append(f"{qid}: field {k} should be {t.__name__}")
        if "region" not in q:
            problems.append(f"{qid}: missing field region")
        elif q["region"] is not None and not isinstance(q["region"], str):
            problems.append(f"{qid}: region should be string or null")
        if qid in ids:
            problems.append(f"{qid}: duplicate id")
        ids.add(qid)
        if q.get("persona") not in ("family", "staff", "evaluator"):
            problems.append(f"{qid}: persona must be family/staff/evaluator")
        turns = q.get("turns") or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append(f"{qid}: turns must be a non-empty list of non-empty strings")
        if len(turns) > 1:
            n_multi += 1
        if turns and len(turns[-1]) >= 300:
            n_long += 1
        ap = q.get("answer_points", [])
        if not all(isinstance(p, list) and p and all(isinstance(s, str) and s for s in p) for p in ap):
            problems.append(f"{qid}: answer_points must be a list of non-empty lists of strings")
        if not all(isinstance(s, str) and s for s in q.get("must_not", [])):
            problems.append(f"{qid}: must_not must be a list of strings")
        if q.get("answerable") is True:
            n_ans += 1
            if not q.get("evidence"):
                problems.append(f"{qid}: answerable item without evidence")
            if not ap:
                problems.append(f"{qid}: answerable item without answer_points")
        elif q.get("answerable") is False:
            n_unans += 1
        for ev in q.get("evidence", []):
            if not isinstance(ev, dict) or "doc" not in ev or "quote" not in ev:
                problems.append(f"{qid}: evidence entry needs doc and quote")
                continue
            path = os.path.join(PDIR, ev["doc"])
            if not os.path.exists(path):
                problems.append(f"{qid}: doc not found {ev['doc']}")
                continue
            if path not in cache:
                cache[path] = [nows(t) for t in extract(path)]
            texts = cache[path]
            qq = nows(ev["quote"])
            if len(qq) < 8:
                warnings.append(f"{qid}: very short quote {ev['quote']!r}")
            if qq not in texts[0]:
                problems.append(f"{qid}: quote not verbatim in {ev['doc']}: {ev['quote'][:40]}...")
            elif len(texts) > 1 and any(qq not in t for t in texts[1:]):
                warnings.append(f"{qid}: quote found by pdfplumber but not by pypdf in {ev['doc']}")
            art = ev.get("article")
            if art is not None:
                if not isinstance(art, str) or not art:
                    problems.append(f"{qid}: article must be a non-empty string")
                else:
                    # a path like 三、（一）1. must have every component in the doc
                    comps = re.findall(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+\.|第[一二三四五六七八九十百]+[条款项章]|^\d+$", art)
                    for c in comps or [art]:
                        if nows(c) not in texts[0]:
                            problems.append(f"{qid}: article component {c!r} not found in {ev['doc']}")
        # answer points should be supported by the evidence text for answerable items (soft check)
        if q.get("answerable") and q.get("evidence"):
            evtext = "".join(nows(e.get("quote", "")) for e in q["evidence"])
            for p in ap:
                if not any(nows(s) in evtext for s in p):
                    warnings.append(f"{qid}: answer point {p} not literally in evidence quotes")

print(f"items: {n}  answerable: {n_ans}  unanswerable: {n_unans}  multi-turn: {n_multi}  long(>=300 chars last turn): {n_long}")
for w in warnings:
    print("WARN", w)
for p in problems:
    print("PROBLEM", p)
print(f"{len(problems)} problems, {len(warnings)} warnings")
sys.exit(1 if problems else 0)
