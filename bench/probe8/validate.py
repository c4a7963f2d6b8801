#!/usr/bin/env python3
"""Validate /tmp/probe8/questions.jsonl against the documents in /tmp/probe8/policies/.

Checks
  * every line parses as JSON and has the fields required by eval-format.md
    (id, turns, category, persona, region, answerable, evidence, answer_points, must_not, note)
    with the right types; ids are unique;
  * answerable items have evidence and answer points; unanswerable items have no evidence;
  * every evidence doc exists and every quote is verbatim in the text extracted from it
    (whitespace deleted on both sides):
      .pdf  -> pdfplumber AND pypdf (both must contain the quote)
      .docx -> python-docx, body paragraphs and table cells in document order
      .html -> bytes decoded with the charset declared in the page (gbk / utf-8),
               tags stripped with BeautifulSoup (script/style dropped)
      other -> plain UTF-8 text
Warnings (not problems): answer-point alternatives none of which occur in the cited documents;
article labels whose parts are not found in the document.
Run with /work/main/.venv/bin/python.
"""

import json
import os
import re
import sys
from collections import Counter

BASE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(BASE, "policies")
QS = os.path.join(BASE, "questions.jsonl")
WS = re.compile(r"\s+")


def nows(s):
    return WS.sub("", s)


def extract_pdf(path):
    import pdfplumber
    import pypdf

    with pdfplumber.open(path) as p:
        a = "\n".join((pg.extract_text() or "") for pg in p.pages)
    b = "\n".join((pg.extract_text() or "") for pg in pypdf.PdfReader(path).pages)
    return {"pdfplumber": a, "pypdf": b}


def extract_docx(path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(path)
    out = []
    for el in d.element.body.iterchildren():
        tag = el.tag.split("}")[-1]
        if tag == "p":
            out.append(Paragraph(el, d).text)
        elif tag == "tbl":
            for row in Table(el, d).rows:
                for cell in row.cells:
                    out.append(cell.text)
    return {"python-docx": "\n".join(out)}


def extract_html(path):
    from bs4 import BeautifulSoup

    raw = open(path, "rb").read()
    m = re.search(rb'charset\s*=\s*["\']?([A-Za-z0-9_-]+)', raw[:2048])
    enc = m.group(1).decode().lower() if m else "utf-8"
    if enc in ("gb2312", "gbk"):
        enc = "gbk"
    text = raw.decode(enc)  # strict: a wrong charset is an error
    soup = BeautifulSoup(text, "html.parser")
    for t in soup(["script", "style"]):
        t.decompose()
    return {f"html/{enc}": soup.get_text("\n")}


def extract(path):
    ext = os.path.splitext(path)[1].lower()
    if ext == ".pdf":
        return extract_pdf(path)
    if ext == ".docx":
        return extract_docx(path)
    if ext in (".html", ".htm"):
        return extract_html(path)
    return {"text": open(path, encoding="utf-8").read()}


REQ = {
    "id": str,
    "turns": list,
    "category": str,
    "persona": str,
    "region": (str, type(None)),
    "answerable": bool,
    "evidence": list,
    "answer_points": list,
    "must_not": list,
    "note": str,
}


def main():
    problems, warnings = [], []
    texts = {}
    for fn in sorted(os.listdir(POL)):
        try:
            texts[fn] = {k: nows(v) for k, v in extract(os.path.join(POL, fn)).items()}
        except Exception as e:
            problems.append(f"{fn}: extraction failed: {e!r}")
    items, ids = [], Counter()
    with open(QS, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                problems.append(f"line {ln}: empty line")
                continue
            try:
                it = json.loads(line)
            except Exception as e:
                problems.append(f"line {ln}: JSON error {e}")
                continue
            if not isinstance(it, dict):
                problems.append(f"line {ln}: not an object")
                continue
            items.append(it)
            qid = it.get("id", f"line{ln}")
            for k, t in REQ.items():
                if k not in it:
                    problems.append(f"{qid}: missing field {k}")
                elif not isinstance(it[k], t):
                    problems.append(f"{qid}: field {k} has type {type(it[k]).__name__}")
            ids[qid] += 1
            turns = it.get("turns") or []
            if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
                problems.append(f"{qid}: turns must be a non-empty list of non-empty strings")
            if it.get("persona") not in ("family", "staff", "evaluator"):
                problems.append(f"{qid}: persona {it.get('persona')!r}")
            ap = it.get("answer_points", [])
            if isinstance(ap, list):
                for p in ap:
                    if not (isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p)):
                        problems.append(f"{qid}: bad answer point {p!r}")
            if not all(isinstance(s, str) and s for s in it.get("must_not", []) or []):
                problems.append(f"{qid}: must_not must be strings")
            ev = it.get("evidence", [])
            if it.get("answerable") is True:
                if not ev:
                    problems.append(f"{qid}: answerable without evidence")
                if not ap:
                    problems.append(f"{qid}: answerable without answer_points")
            elif it.get("answerable") is False and ev:
                problems.append(f"{qid}: unanswerable item has evidence")
            for e in ev if isinstance(ev, list) else []:
                if (
                    not isinstance(e, dict)
                    or not isinstance(e.get("doc"), str)
                    or not isinstance(e.get("quote"), str)
                ):
                    problems.append(f"{qid}: evidence entry needs doc and quote strings: {e!r}")
                    continue
                if "article" in e and not isinstance(e["article"], str):
                    problems.append(f"{qid}: article must be a string")
                doc, q = e["doc"], nows(e["quote"])
                if doc not in texts:
                    problems.append(f"{qid}: unknown doc {doc}")
                    continue
                if len(q) < 6:
                    problems.append(f"{qid}: quote too short: {e['quote']!r}")
                for how, t in texts[doc].items():
                    if q not in t:
                        problems.append(f"{qid}: quote not verbatim in {doc} ({how}): {e['quote'][:40]!r}")
                art = e.get("article")
                if art:
                    parts = re.findall(
                        r"第[一二三四五六七八九十百零]+条|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.",
                        art,
                    )
                    anyt = next(iter(texts[doc].values()))
                    miss = [p for p in parts if p not in anyt]
                    if not parts or miss:
                        warnings.append(f"{qid}: article {art!r} parts not found {miss}")
            if it.get("answerable") is True and ev:
                alltext = "".join(
                    next(iter(texts[e["doc"]].values()))
                    for e in ev
                    if isinstance(e, dict) and e.get("doc") in texts
                )
                for p in ap:
                    if isinstance(p, list) and not any(nows(s) in alltext for s in p if isinstance(s, str)):
                        warnings.append(f"{qid}: no alternative of point {p} occurs in cited docs")
    for k, n in ids.items():
        if n > 1:
            problems.append(f"duplicate id {k}")
    # summary
    ans = [i for i in items if i.get("answerable") is True]
    per_doc = Counter(i["evidence"][0]["doc"] for i in ans if i.get("evidence"))
    multi = sum(1 for i in items if len(i.get("turns", [])) > 1)
    longs = sum(1 for i in items if any(len(t) >= 300 for t in i.get("turns", [])))
    print(f"items: {len(items)}  answerable: {len(ans)}  unanswerable: {len(items) - len(ans)}")
    print(f"multi-turn: {multi}  long (>=300 chars) turns: {longs}")
    print("answerable per doc:", dict(per_doc))
    print("personas:", dict(Counter(i.get("persona") for i in items)))
    print("categories:", dict(Counter(i.get("category") for i in items)))
    for w in warnings:
        print("WARN", w)
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(problems)} problems, {len(warnings)} warnings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
