"""Validator for the /tmp/probe10 held-out set.

Checks
  1. every line of questions.jsonl parses and has the required fields with the right types
     (format: /work/shared/docs/eval-format.md);
  2. every evidence quote is verbatim (after deleting all whitespace) in the text extracted from its document:
       .pdf  -> pdfplumber page.extract_text() (cross-checked with pypdf)
       .docx -> python-docx paragraphs + table cells
       .html -> bytes decoded as GBK if the page declares gb2312/gbk, else UTF-8; <script>/<style> dropped,
                tags stripped, entities unescaped
       other -> plain UTF-8 text
  3. quotes of rows of the PDF table are also found in pdfplumber.extract_tables() rows;
  4. each answer point of an answerable item has at least one alternative present in its evidence documents;
  5. set composition (55 items, 40 answerable / 15 unanswerable, 8 answerable per document,
     >= 8 multi-turn items, >= 2 long stories of 300+ characters, >= half colloquial is checked by hand).
Usage: python validate.py [questions.jsonl]
"""
import html as htmlmod
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(HERE, "policies")
REQUIRED = {"id": str, "turns": list, "category": str, "persona": str, "region": (str, type(None)),
            "answerable": bool, "evidence": list, "answer_points": list, "must_not": list, "note": str}
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub("", s)


def extract_pdf(path):
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        text = "\n".join((p.extract_text() or "") for p in pdf.pages)
        rows = []
        for p in pdf.pages:
            for t in p.extract_tables():
                for r in t:
                    rows.append([c or "" for c in r])
    return text, rows


def extract_pdf_pypdf(path):
    from pypdf import PdfReader
    return "\n".join((pg.extract_text() or "") for pg in PdfReader(path).pages)


def extract_docx(path):
    import docx
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for r in t.rows:
            for c in r.cells:
                parts.append(c.text)
    return "\n".join(parts)


def extract_html(path):
    raw = open(path, "rb").read()
    head = raw[:2048].decode("ascii", "ignore").lower()
    enc = "gbk" if re.search(r"charset\s*=\s*[\"']?(gb2312|gbk|gb18030)", head) else "utf-8"
    s = raw.decode(enc)  # strict: a wrong byte is a problem
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    s = re.sub(r"(?s)<[^>]+>", " ", s)
    return htmlmod.unescape(s), enc


def load_docs():
    docs = {}
    for fn in sorted(os.listdir(POL)):
        p = os.path.join(POL, fn)
        info = {"rows": []}
        if fn.endswith(".pdf"):
            info["text"], info["rows"] = extract_pdf(p)
            info["alt"] = extract_pdf_pypdf(p)
        elif fn.endswith(".docx"):
            info["text"] = extract_docx(p)
        elif fn.endswith((".html", ".htm")):
            info["text"], info["enc"] = extract_html(p)
        else:
            info["text"] = open(p, encoding="utf-8").read()
        info["n"] = norm(info["text"])
        docs[fn] = info
    return docs


def main():
    qpath = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "questions.jsonl")
    problems, notes = [], []
    docs = load_docs()
    for fn, d in docs.items():
        notes.append("doc %-45s %6d chars extracted%s" % (fn, len(d["n"]), (" (" + d["enc"] + ")") if "enc" in d else ""))
    items = []
    with open(qpath, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                problems.append("line %d: empty line" % ln)
                continue
            try:
                o = json.loads(line)
            except Exception as e:
                problems.append("line %d: JSON error %s" % (ln, e))
                continue
            if not isinstance(o, dict):
                problems.append("line %d: not an object" % ln)
                continue
            for k, t in REQUIRED.items():
                if k not in o:
                    problems.append("line %d: missing field %s" % (ln, k))
                elif not isinstance(o[k], t) or (t is str and not o[k].strip() and k != "note"):
                    problems.append("line %d: field %s has wrong type/empty" % (ln, k))
            items.append((ln, o))
    ids = Counter(o.get("id") for _, o in items)
    for i, c in ids.items():
        if c > 1:
            problems.append(f"duplicate id {i}")

    table_row_quotes = 0
    per_doc = Counter()
    for ln, o in items:
        iid = o.get("id", "line%d" % ln)
        turns = o.get("turns", [])
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append(f"{iid}: turns must be a non-empty list of non-empty strings")
        if o.get("persona") not in ("family", "staff", "evaluator"):
            problems.append(f"{iid}: persona must be family/staff/evaluator")
        if not all(isinstance(p, list) and p and all(isinstance(x, str) and x.strip() for x in p)
                   for p in o.get("answer_points", [])):
            problems.append(f"{iid}: answer_points must be a list of non-empty lists of strings")
        if not all(isinstance(x, str) and x.strip() for x in o.get("must_not", [])):
            problems.append(f"{iid}: must_not must be a list of strings")
        ev = o.get("evidence", [])
        if o.get("answerable") is True:
            if not ev:
                problems.append(f"{iid}: answerable item without evidence")
            if not o.get("answer_points"):
                problems.append(f"{iid}: answerable item without answer_points")
        elif o.get("answerable") is False and ev:
            problems.append(f"{iid}: unanswerable item with evidence")
        evdocs = set()
        for j, e in enumerate(ev):
            if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                problems.append("%s: evidence[%d] needs doc and quote strings" % (iid, j))
                continue
            if "article" in e and not (isinstance(e["article"], str) and e["article"].strip()):
                problems.append("%s: evidence[%d] article must be a non-empty string" % (iid, j))
            d = docs.get(e["doc"])
            if d is None:
                problems.append("%s: evidence[%d] doc %s not under policies/" % (iid, j, e["doc"]))
                continue
            evdocs.add(e["doc"])
            q = norm(e["quote"])
            if len(q) < 4:
                problems.append("%s: evidence[%d] quote too short" % (iid, j))
            if q not in d["n"]:
                problems.append("%s: evidence[%d] quote NOT verbatim in %s: %s" % (iid, j, e["doc"], e["quote"]))
            if e["doc"].endswith(".pdf"):
                if q not in norm(d["alt"]):
                    notes.append("%s: evidence[%d] quote found by pdfplumber but not by pypdf" % (iid, j))
                first_cells = {norm(r[0]) for r in d["rows"] if r and r[0]}
                if any(q.startswith(fc) for fc in first_cells):  # a quote of a table row
                    rows_n = [norm("".join(r)) for r in d["rows"]]
                    if any(q in rn for rn in rows_n):
                        table_row_quotes += 1
                    else:
                        problems.append("%s: evidence[%d] table-row quote not in pdfplumber table rows: %s" % (iid, j, e["quote"]))
        if o.get("answerable") is True and evdocs:
            per_doc[sorted(evdocs)[0] if len(evdocs) == 1 else "+".join(sorted(evdocs))] += 1
            alltext = "".join(docs[x]["n"] for x in evdocs)
            for p in o.get("answer_points", []):
                if not any(norm(x) in alltext for x in p if isinstance(x, str)):
                    problems.append(f"{iid}: answer point {p} has no alternative present in its evidence documents")
    pdfs = [fn for fn in docs if fn.endswith(".pdf")]
    if pdfs and table_row_quotes == 0:
        problems.append("no evidence quote of a PDF table row was checked against pdfplumber tables")

    n = len(items)
    ans = sum(1 for _, o in items if o.get("answerable") is True)
    multi = sum(1 for _, o in items if len(o.get("turns", [])) >= 2)
    longs = sum(1 for _, o in items if o.get("turns") and len(o["turns"][-1]) >= 300)
    comp = [(n == 55, "55 items (got %d)" % n), (ans == 40, "40 answerable (got %d)" % ans),
            (n - ans == 15, "15 unanswerable (got %d)" % (n - ans)),
            (all(per_doc[fn] == 8 for fn in docs) and len(per_doc) == len(docs), f"8 answerable per document (got {dict(per_doc)})"),
            (multi >= 8, ">= 8 multi-turn items (got %d)" % multi), (longs >= 2, ">= 2 long stories (got %d)" % longs)]
    for ok, msg in comp:
        if not ok:
            problems.append("composition: " + msg)
        notes.append(("ok   " if ok else "FAIL ") + msg)
    notes.append("table-row quotes verified against pdfplumber.extract_tables(): %d" % table_row_quotes)
    for x in notes:
        print(x)
    for x in problems:
        print("PROBLEM:", x)
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
