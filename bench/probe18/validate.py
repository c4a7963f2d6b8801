#!/usr/bin/env python3
"""Validate /tmp/probe18: every evidence quote is verbatim (whitespace removed) in the text
extracted from its document, and every line of questions.jsonl parses with the required fields."""
import html
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(HERE, "policies")
WS = re.compile(r"\s+")
def norm(s): return WS.sub("", s)

def extract(path):
    ext = path.rsplit(".", 1)[-1].lower()
    if ext == "pdf":
        try:
            import pdfplumber
            with pdfplumber.open(path) as pdf:
                return "\n".join(p.extract_text() or "" for p in pdf.pages)
        except ImportError:
            from pypdf import PdfReader
            return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages)
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

REQ = {"id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
       "evidence": list, "answer_points": list, "must_not": list, "note": str}
def main():
    problems = []
    docs = {f: norm(extract(os.path.join(POL, f))) for f in sorted(os.listdir(POL))}
    also_pypdf = {}
    for f in docs:
        if f.endswith(".pdf"):
            from pypdf import PdfReader
            also_pypdf[f] = norm("".join(p.extract_text() or "" for p in PdfReader(os.path.join(POL, f)).pages))
    items, ids = [], Counter()
    with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                problems.append(f"line {n}: blank line"); continue
            try: q = json.loads(line)
            except Exception as e:
                problems.append(f"line {n}: JSON error {e}"); continue
            items.append(q)
            for k, t in REQ.items():
                if k not in q: problems.append(f"line {n}: missing {k}")
                elif not isinstance(q[k], t): problems.append(f"line {n}: {k} not {t.__name__}")
            if "region" not in q: problems.append(f"line {n}: missing region")
            elif q["region"] is not None and not isinstance(q["region"], str): problems.append(f"line {n}: region type")
            qid = q.get("id", f"<line{n}>"); ids[qid] += 1
            if not q.get("turns") or not all(isinstance(t, str) and t.strip() for t in q.get("turns", [])):
                problems.append(f"{qid}: turns empty or non-string")
            if q.get("persona") not in ("family", "staff", "evaluator"): problems.append(f"{qid}: bad persona")
            for ap in q.get("answer_points", []):
                if not isinstance(ap, list) or not ap or not all(isinstance(s, str) and s for s in ap):
                    problems.append(f"{qid}: bad answer point {ap!r}")
            if not all(isinstance(s, str) and s for s in q.get("must_not", [])): problems.append(f"{qid}: bad must_not")
            if q.get("answerable"):
                if not q.get("evidence"): problems.append(f"{qid}: answerable without evidence")
                if not q.get("answer_points"): problems.append(f"{qid}: answerable without answer_points")
            for ev in q.get("evidence", []):
                if not isinstance(ev, dict) or "doc" not in ev or "quote" not in ev:
                    problems.append(f"{qid}: evidence needs doc and quote"); continue
                if ev["doc"] not in docs: problems.append(f"{qid}: unknown doc {ev['doc']}"); continue
                nq = norm(ev["quote"])
                if len(nq) < 8: problems.append(f"{qid}: quote too short")
                if nq not in docs[ev["doc"]]: problems.append(f"{qid}: quote NOT verbatim in {ev['doc']}: {ev['quote']}")
                elif ev["doc"] in also_pypdf and nq not in also_pypdf[ev["doc"]]:
                    print(f"  note {qid}: quote found by pdfplumber but not pypdf")
                art = ev.get("article")
                if art is not None:
                    base = re.match(r"^(第[一二三四五六七八九十百]+条)", art)
                    if base: parts = [base.group(1)]
                    else:
                        parts = re.findall(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.", art) or [norm(art)]
                    for part in parts:
                        if part not in docs[ev["doc"]]:
                            problems.append(f"{qid}: article label part {part} of {art} not found in {ev['doc']}")
    for i, c in ids.items():
        if c > 1: problems.append(f"duplicate id {i}")
    # summary
    ans = [q for q in items if q.get("answerable")]
    per_doc = Counter(q["evidence"][0]["doc"] for q in ans if q.get("evidence"))
    multi = sum(1 for q in items if len(q.get("turns", [])) >= 2)
    longs = sum(1 for q in items if q.get("turns") and len(norm(q["turns"][-1])) >= 300)
    print(f"items: {len(items)}  answerable: {len(ans)}  unanswerable: {len(items)-len(ans)}")
    for d, c in sorted(per_doc.items()): print(f"  {c}  {d}")
    print(f"multi-turn items: {multi}  long stories (>=300 chars): {longs}")
    print(f"PROBLEMS: {len(problems)}")
    for p in problems: print("  -", p)
    return 1 if problems else 0
if __name__ == "__main__":
    sys.exit(main())
