#!/usr/bin/env python3
"""Validate /tmp/probe19/questions.jsonl against the documents in /tmp/probe19/policies/.
Checks: every line parses; required fields and types; unique ids; every evidence doc exists;
every quote is verbatim (whitespace removed) in the text extracted from its document
(pdfplumber + pypdf for PDF, python-docx incl. table cells for docx, tag-stripped HTML, plain text otherwise)."""
import html as htmlmod
import json
import os
import re
import sys

BASE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(BASE, "policies")
QF = os.path.join(BASE, "questions.jsonl")
WS = re.compile(r"\s+")
def nows(s): return WS.sub("", s)

def extract(path):
    ext = path.rsplit(".", 1)[-1].lower()
    if ext == "pdf":
        texts = []
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            texts.append("\n".join((p.extract_text() or "") for p in pdf.pages))
        from pypdf import PdfReader
        texts.append("\n".join((p.extract_text() or "") for p in PdfReader(path).pages))
        return texts
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
        raw = re.sub(r"(?s)<[^>]+>", " ", raw)
        raw = htmlmod.unescape(raw)
    return [raw]

REQ = {"id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
       "evidence": list, "answer_points": list, "must_not": list, "note": str}
problems = []
cache = {}
ids = set()
n = 0
with open(QF, encoding="utf-8") as f:
    for ln, line in enumerate(f, 1):
        if not line.strip():
            problems.append(f"line {ln}: empty line"); continue
        try:
            it = json.loads(line)
        except Exception as e:
            problems.append(f"line {ln}: JSON error {e}"); continue
        n += 1
        for k, t in REQ.items():
            if k not in it: problems.append(f"line {ln}: missing {k}")
            elif not isinstance(it[k], t): problems.append(f"line {ln}: {k} not {t.__name__}")
        if "region" not in it: problems.append(f"line {ln}: missing region")
        elif it["region"] is not None and not isinstance(it["region"], str): problems.append(f"line {ln}: region type")
        if it.get("persona") not in ("family", "staff", "evaluator"): problems.append(f"line {ln}: bad persona")
        i = it.get("id")
        if i in ids: problems.append(f"line {ln}: duplicate id {i}")
        ids.add(i)
        if not it.get("turns") or not all(isinstance(t, str) and t.strip() for t in it["turns"]):
            problems.append(f"line {ln}: turns must be non-empty strings")
        for ap in it.get("answer_points", []):
            if not isinstance(ap, list) or not ap or not all(isinstance(s, str) and s for s in ap):
                problems.append(f"line {ln}: bad answer point {ap!r}")
        if not all(isinstance(s, str) and s for s in it.get("must_not", [])):
            problems.append(f"line {ln}: bad must_not")
        if it.get("answerable") is True and not it.get("evidence"):
            problems.append(f"line {ln}: answerable item without evidence")
        if it.get("answerable") is True and not it.get("answer_points"):
            problems.append(f"line {ln}: answerable item without answer_points")
        for e in it.get("evidence", []):
            if not isinstance(e, dict) or "doc" not in e or "quote" not in e:
                problems.append(f"line {ln}: bad evidence {e!r}"); continue
            p = os.path.join(POL, e["doc"])
            if not os.path.exists(p):
                problems.append(f"line {ln}: doc not found {e['doc']}"); continue
            if p not in cache:
                cache[p] = [nows(t) for t in extract(p)]
            q = nows(e["quote"])
            if not q:
                problems.append(f"line {ln}: empty quote")
            elif not all(q in t for t in cache[p]):
                where = [k for k, t in enumerate(cache[p]) if q in t]
                problems.append(f"line {ln}: quote not verbatim in {e['doc']} (found in extractors {where}): {e['quote']}")
            if "article" in e and (not isinstance(e["article"], str) or not e["article"]):
                problems.append(f"line {ln}: bad article")
print(f"{n} items checked, {len(ids)} ids, {sum(len(v) for v in cache.values())} extracted texts")
for p in problems: print("PROBLEM:", p)
print(f"{len(problems)} problems")
sys.exit(1 if problems else 0)
