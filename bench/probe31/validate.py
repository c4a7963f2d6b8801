#!/usr/bin/env python3
"""Validator for probe31: every evidence quote must be verbatim (whitespace removed) in the text
extracted from its document; every line of questions.jsonl must parse and carry the required fields."""
import html
import json
import os
import re
import sys
from collections import Counter

BASE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(BASE, "policies")
QF = os.path.join(BASE, "questions.jsonl")
WS = re.compile(r"\s+")

def norm(s):
    return WS.sub("", s)

def extract(path):
    ext = path.rsplit(".", 1)[-1].lower()
    if ext == "pdf":
        try:
            import pdfplumber
            with pdfplumber.open(path) as pdf:
                return "\n".join((p.extract_text() or "") for p in pdf.pages)
        except ImportError:
            from pypdf import PdfReader
            return "\n".join((p.extract_text() or "") for p in PdfReader(path).pages)
    if ext == "docx":
        import docx
        d = docx.Document(path)
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for cell in row.cells:
                    parts.append(cell.text)
        return "\n".join(parts)
    raw = open(path, encoding="utf-8").read()
    if ext in ("html", "htm"):
        raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
        raw = re.sub(r"(?s)<!--.*?-->", " ", raw)
        raw = re.sub(r"(?s)<[^>]+>", " ", raw)
        return html.unescape(raw)
    return raw

REQ = {"id": str, "turns": list, "category": str, "persona": str, "region": (str, type(None)),
       "answerable": bool, "evidence": list, "answer_points": list, "must_not": list, "note": str}
ART = re.compile(r"^(第[一二三四五六七八九十百零〇]+条(第[一二三四五六七八九十]+款)?|（[一二三四五六七八九十]+）|问题\d+|[一二三四五六七八九十]+、(（[一二三四五六七八九十]+）)?(\d+\.)?|附件|.+周岁.*)$")

def main():
    problems = []
    texts = {}
    for fn in sorted(os.listdir(POL)):
        texts[fn] = norm(extract(os.path.join(POL, fn)))
    ids = Counter()
    n = ans = multi = 0
    per_doc = Counter()
    with open(QF, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                problems.append(f"line {ln}: empty line"); continue
            try:
                q = json.loads(line)
            except Exception as e:
                problems.append(f"line {ln}: JSON error {e}"); continue
            n += 1
            for k, t in REQ.items():
                if k not in q:
                    problems.append(f"line {ln}: missing field {k}")
                elif not isinstance(q[k], t):
                    problems.append(f"line {ln}: field {k} has wrong type {type(q[k]).__name__}")
            qid = q.get("id", f"line{ln}"); ids[qid] += 1
            turns = q.get("turns", [])
            if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
                problems.append(f"{qid}: turns must be a non-empty list of non-empty strings")
            if len(turns) > 1: multi += 1
            if q.get("persona") not in ("family", "staff", "evaluator"):
                problems.append(f"{qid}: bad persona {q.get('persona')}")
            ap = q.get("answer_points", [])
            if not all(isinstance(p, list) and p and all(isinstance(s, str) and s for s in p) for p in ap):
                problems.append(f"{qid}: answer_points must be a list of non-empty lists of strings")
            if not all(isinstance(s, str) and s for s in q.get("must_not", [])):
                problems.append(f"{qid}: must_not must be a list of strings")
            evs = q.get("evidence", [])
            if q.get("answerable") is True:
                ans += 1
                if not evs: problems.append(f"{qid}: answerable item without evidence")
                if not ap: problems.append(f"{qid}: answerable item without answer_points")
            elif q.get("answerable") is False and evs:
                problems.append(f"{qid}: unanswerable item has evidence")
            docs = set()
            for e in evs:
                if not isinstance(e, dict) or "doc" not in e or "quote" not in e:
                    problems.append(f"{qid}: evidence entry needs doc and quote"); continue
                doc, quote = e["doc"], e["quote"]
                docs.add(doc)
                if doc not in texts:
                    problems.append(f"{qid}: unknown doc {doc}"); continue
                nq = norm(quote)
                if len(nq) < 6:
                    problems.append(f"{qid}: quote too short: {quote}")
                if nq not in texts[doc]:
                    problems.append(f"{qid}: quote NOT verbatim in {doc}: {quote}")
                art = e.get("article")
                if art is not None:
                    if not isinstance(art, str) or not ART.match(art):
                        problems.append(f"{qid}: odd article label {art!r}")
                    else:
                        base = re.match(r"第[一二三四五六七八九十百零〇]+条|问题\d+|附件|[一二三四五六七八九十]+、|.+", art).group(0)
                        if norm(base) not in texts[doc]:
                            problems.append(f"{qid}: article label {art} not found in {doc}")
            for d in docs: per_doc[d] += 1
            # answer points of answerable items should be supported by the quoted text
            if q.get("answerable") is True:
                joined = "".join(norm(e.get("quote", "")) for e in evs if isinstance(e, dict))
                full = "".join(texts.get(e.get("doc"), "") for e in evs if isinstance(e, dict))
                for p in ap:
                    if not any(norm(s) in joined or norm(s) in full for s in p):
                        problems.append(f"{qid}: no alternative of answer point {p} occurs in its documents")
    for k, c in ids.items():
        if c > 1: problems.append(f"duplicate id {k}")
    print(f"documents: {len(texts)}; items: {n}; answerable: {ans}; unanswerable: {n-ans}; multi-turn: {multi}")
    for d, c in sorted(per_doc.items()): print(f"  {c:2d} answerable items cite {d}")
    for p in problems: print("PROBLEM:", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
