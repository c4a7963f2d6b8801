#!/usr/bin/env python3
"""Validate /tmp/probe24/questions.jsonl against /tmp/probe24/policies/.

Checks
  * every line parses as JSON and has the required fields with the right types;
  * ids are unique; answerable items have evidence, unanswerable items have none;
  * every evidence doc exists under policies/ and every quote is verbatim in the
    text extracted from it (whitespace removed on both sides):
      PDF  -> pdfplumber (falls back to pypdf)
      DOCX -> python-docx paragraphs + every table cell
      HTML -> decoded by its declared charset, scripts/styles dropped, tags stripped, entities unescaped
      other -> plain text (utf-8, then gb18030)
  * the article label (if given) occurs in the extracted text (for path labels like
    二、（一）1. each component must occur);
  * summary counts (total / answerable / per document / multi-turn / long stories).
Prints every problem and the final count; exit status 1 if any problem.
"""
import html as htmlmod
import json
import os
import re
import sys
from collections import Counter

BASE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(BASE, "policies")
QFILE = os.path.join(BASE, "questions.jsonl")

REQUIRED = {"id": str, "turns": list, "category": str, "persona": str, "region": (str, type(None)),
            "answerable": bool, "evidence": list, "answer_points": list, "must_not": list, "note": str}
PERSONAS = {"family", "staff", "evaluator"}
WS = re.compile(r"\s+")


def nows(s):
    return WS.sub("", s)


def text_pdf(path):
    try:
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            return "\n".join((p.extract_text() or "") for p in pdf.pages)
    except ImportError:
        from pypdf import PdfReader
        return "\n".join((p.extract_text() or "") for p in PdfReader(path).pages)


def text_docx(path):
    import docx
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def text_html(path):
    raw = open(path, "rb").read()
    head = raw[:4096].decode("ascii", "ignore")
    m = re.search(r'charset\s*=\s*["\']?([A-Za-z0-9_\-]+)', head, re.I)
    enc = m.group(1) if m else "utf-8"
    s = raw.decode(enc)
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    s = re.sub(r"(?s)<[^>]+>", " ", s)
    return htmlmod.unescape(s)


def text_plain(path):
    raw = open(path, "rb").read()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", "replace")


def extract(path):
    ext = os.path.splitext(path)[1].lower()
    if ext == ".pdf":
        return text_pdf(path)
    if ext == ".docx":
        return text_docx(path)
    if ext in (".html", ".htm"):
        return text_html(path)
    return text_plain(path)


def article_parts(label):
    # 第三条第二款 -> [第三条, 第二款]; 二、（一）1. -> [二、, （一）, 1.]
    parts = re.findall(r"第[一二三四五六七八九十百零〇\d]+[章条款项]|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+\.", label)
    return parts if parts and "".join(parts) == label else [label]


def main():
    problems = []
    cache = {}
    if not os.path.exists(QFILE):
        print("missing", QFILE)
        return 1
    items = []
    with open(QFILE, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                problems.append("line %d: empty line" % n)
                continue
            try:
                it = json.loads(line)
            except Exception as e:
                problems.append("line %d: JSON error %s" % (n, e))
                continue
            if not isinstance(it, dict):
                problems.append("line %d: not an object" % n)
                continue
            items.append((n, it))
            for k, typ in REQUIRED.items():
                if k not in it:
                    problems.append("line %d: missing field %s" % (n, k))
                elif not isinstance(it[k], typ):
                    problems.append("line %d: field %s has type %s" % (n, k, type(it[k]).__name__))
            if problems and problems[-1].startswith("line %d: missing" % n):
                continue
            if not it["turns"] or not all(isinstance(t, str) and t.strip() for t in it["turns"]):
                problems.append("line %d: turns must be non-empty strings" % n)
            if it["persona"] not in PERSONAS:
                problems.append("line %d: persona %r" % (n, it["persona"]))
            if not all(isinstance(p, list) and p and all(isinstance(s, str) and s for s in p)
                       for p in it["answer_points"]):
                problems.append("line %d: answer_points must be a list of non-empty lists of strings" % n)
            if not all(isinstance(s, str) and s for s in it["must_not"]):
                problems.append("line %d: must_not must be strings" % n)
            if it["answerable"] and not it["evidence"]:
                problems.append("line %d: answerable item without evidence" % n)
            if not it["answerable"] and it["evidence"]:
                problems.append("line %d: unanswerable item with evidence" % n)
            if it["answerable"] and not it["answer_points"]:
                problems.append("line %d: answerable item without answer_points" % n)
            for e in it["evidence"]:
                if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                    problems.append("line %d: bad evidence entry %r" % (n, e))
                    continue
                p = os.path.join(POL, e["doc"])
                if not os.path.isfile(p):
                    problems.append("line %d: doc not found %s" % (n, e["doc"]))
                    continue
                if p not in cache:
                    cache[p] = nows(extract(p))
                q = nows(e["quote"])
                if len(q) < 4:
                    problems.append("line %d: quote too short %r" % (n, e["quote"]))
                if q not in cache[p]:
                    problems.append("line %d: quote not verbatim in %s: %r" % (n, e["doc"], e["quote"]))
                art = e.get("article")
                if art is not None:
                    if not isinstance(art, str) or not art:
                        problems.append("line %d: bad article %r" % (n, art))
                    else:
                        for part in article_parts(art):
                            if re.fullmatch(r"第.+款", part):
                                continue  # 款 numbers are counted, not written, in the text
                            if nows(part) not in cache[p]:
                                problems.append("line %d: article label part %r not in %s" % (n, part, e["doc"]))
    ids = Counter(it.get("id") for _, it in items)
    for i, c in ids.items():
        if c > 1:
            problems.append("duplicate id %s (%d times)" % (i, c))

    # summary
    total = len(items)
    ans = [it for _, it in items if it.get("answerable")]
    per_doc = Counter()
    for it in ans:
        docs = {e["doc"] for e in it.get("evidence", []) if isinstance(e, dict) and "doc" in e}
        for d in docs:
            per_doc[d] += 1
    multi = sum(1 for _, it in items if len(it.get("turns", [])) >= 2)
    longs = sum(1 for _, it in items if any(len(t) >= 300 for t in it.get("turns", [])))
    print("items: %d  answerable: %d  unanswerable: %d  multi-turn: %d  long stories(300+): %d"
          % (total, len(ans), total - len(ans), multi, longs))
    for d, c in sorted(per_doc.items()):
        print("  answerable from %s: %d" % (d, c))
    print("documents in policies/:", ", ".join(sorted(os.listdir(POL))))
    for p in problems:
        print("PROBLEM:", p)
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
