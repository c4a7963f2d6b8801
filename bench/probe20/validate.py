#!/usr/bin/env python3
"""Validate /tmp/probe20/questions.jsonl against the documents in /tmp/probe20/policies/.

Checks:
  * every line parses as JSON and has the required fields with the right types;
  * ids are unique; persona is family/staff/evaluator;
  * answerable items have evidence and answer points;
  * every evidence doc exists and every quote is verbatim in the text extracted
    from its document (whitespace removed before comparing):
      PDF  -> pdfplumber (each page), cross-checked with pypdf
      DOCX -> python-docx, body paragraphs and table cells in document order
      HTML -> bytes decoded as GBK, script/style removed, tags stripped, entities unescaped
      else -> UTF-8 text
  * an article label of the form 第X条 names an article that exists in the document;
    a table-row label names text that exists in the document.
Prints every problem and a final count; exit status 1 if any problem.
"""
import html as htmlmod
import json
import os
import re
import sys

BASE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(BASE, "policies")
QFILE = os.path.join(BASE, "questions.jsonl")
WS = re.compile(r"\s+", re.UNICODE)


def norm(s):
    return WS.sub("", s)


def extract_pdf(path):
    texts = []
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        texts.append("\n".join((p.extract_text() or "") for p in pdf.pages))
    try:
        from pypdf import PdfReader
        texts.append("\n".join((p.extract_text() or "") for p in PdfReader(path).pages))
    except Exception as e:  # pragma: no cover
        print("warning: pypdf failed on", path, e)
    return texts


def extract_docx(path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(path)
    out = []
    for child in d.element.body.iterchildren():
        tag = child.tag.split("}")[-1]
        if tag == "p":
            out.append(Paragraph(child, d).text)
        elif tag == "tbl":
            t = Table(child, d)
            for row in t.rows:
                out.append("\n".join(c.text for c in row.cells))
    return ["\n".join(out)]


def extract_html(path):
    raw = open(path, "rb").read()
    s = raw.decode("gbk")
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    s = re.sub(r"(?s)<[^>]+>", "\n", s)
    return [htmlmod.unescape(s)]


def extract(path):
    ext = path.lower().rsplit(".", 1)[-1]
    if ext == "pdf":
        return extract_pdf(path)
    if ext == "docx":
        return extract_docx(path)
    if ext in ("html", "htm"):
        return extract_html(path)
    return [open(path, encoding="utf-8").read()]


REQUIRED = {
    "id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
    "evidence": list, "answer_points": list, "must_not": list, "note": str,
}


def main():
    problems = []
    cache = {}
    ids = set()
    n = n_ans = n_un = n_multi = 0
    per_doc = {}
    with open(QFILE, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for ln, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except Exception as e:
            problems.append(f"line {ln}: JSON parse error: {e}")
            continue
        n += 1
        qid = q.get("id", f"<line {ln}>")
        for k, typ in REQUIRED.items():
            if k not in q:
                problems.append(f"{qid}: missing field {k}")
            elif not isinstance(q[k], typ):
                problems.append(f"{qid}: field {k} should be {typ.__name__}")
        if "region" not in q:
            problems.append(f"{qid}: missing field region")
        elif q["region"] is not None and not isinstance(q["region"], str):
            problems.append(f"{qid}: region must be string or null")
        if qid in ids:
            problems.append(f"{qid}: duplicate id")
        ids.add(qid)
        if q.get("persona") not in ("family", "staff", "evaluator"):
            problems.append(f"{qid}: bad persona {q.get('persona')!r}")
        turns = q.get("turns") or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append(f"{qid}: turns must be a non-empty list of non-empty strings")
        if len(turns) > 1:
            n_multi += 1
        ap = q.get("answer_points", [])
        if isinstance(ap, list):
            for pt in ap:
                if not (isinstance(pt, list) and pt and all(isinstance(s, str) and s.strip() for s in pt)):
                    problems.append(f"{qid}: answer_points must be a list of non-empty lists of strings")
        if isinstance(q.get("must_not"), list) and not all(isinstance(s, str) for s in q["must_not"]):
            problems.append(f"{qid}: must_not must be strings")
        if q.get("answerable") is True:
            n_ans += 1
            if not q.get("evidence"):
                problems.append(f"{qid}: answerable item without evidence")
            if not ap:
                problems.append(f"{qid}: answerable item without answer_points")
        elif q.get("answerable") is False:
            n_un += 1
            if q.get("evidence"):
                problems.append(f"{qid}: unanswerable item should have empty evidence")
        for ev in q.get("evidence", []) or []:
            if not isinstance(ev, dict) or "doc" not in ev or "quote" not in ev:
                problems.append(f"{qid}: evidence entry needs doc and quote")
                continue
            doc = ev["doc"]
            path = os.path.join(POL, doc)
            if not os.path.isfile(path):
                problems.append(f"{qid}: doc not found: {doc}")
                continue
            if doc not in cache:
                cache[doc] = [norm(t) for t in extract(path)]
            texts = cache[doc]
            qn = norm(ev["quote"])
            if len(qn) < 4:
                problems.append(f"{qid}: quote too short: {ev['quote']!r}")
            for i, t in enumerate(texts):
                if qn not in t:
                    which = ["primary", "pypdf"][i] if len(texts) > 1 else "text"
                    problems.append(f"{qid}: quote not verbatim in {doc} ({which} extraction): {ev['quote']!r}")
            if q.get("answerable"):
                per_doc[doc] = per_doc.get(doc, 0) + 0  # counted below per item
            art = ev.get("article")
            if art is not None:
                if not isinstance(art, str) or not art.strip():
                    problems.append(f"{qid}: article must be a non-empty string")
                else:
                    m = re.match(r"(第[一二三四五六七八九十百零]+条)", art)
                    if m:
                        if norm(m.group(1)) not in texts[0]:
                            problems.append(f"{qid}: article {art} not found in {doc}")
                    elif not re.match(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）", art):
                        if norm(art) not in texts[0]:
                            problems.append(f"{qid}: article/table-row label {art!r} not found in {doc}")
                    else:
                        head = re.match(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", art).group(1)
                        if head not in texts[0]:
                            problems.append(f"{qid}: article path head {head!r} not found in {doc}")
        if q.get("answerable"):
            docs = {ev.get("doc") for ev in q.get("evidence", []) if isinstance(ev, dict)}
            for d in docs:
                per_doc[d] = per_doc.get(d, 0) + 1
    for p in problems:
        print("PROBLEM:", p)
    print(f"items: {n}  answerable: {n_ans}  unanswerable: {n_un}  multi-turn: {n_multi}")
    for d in sorted(per_doc):
        print(f"  answerable items citing {d}: {per_doc[d]}")
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
