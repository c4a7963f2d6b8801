"""Validate the probe12 held-out set.

Checks
  * every line of questions.jsonl parses and has the fields of
    /work/shared/docs/eval-format.md with the right types;
  * ids are unique; answerable items carry evidence, unanswerable ones none;
  * every evidence doc exists under policies/ and every quote is verbatim in the
    text extracted from it (whitespace removed on both sides):
      PDF  -> pdfplumber (and pypdf as a second extractor: the quote must be in both)
      DOCX -> python-docx paragraphs + every table cell, in body order
      HTML -> bytes decoded as GBK, scripts/styles dropped, tags stripped, entities unescaped
      else -> the file as UTF-8 text
  * an article label, when given, has its 第…条 / 一、 head present in the document;
  * format facts about the documents themselves (text PDF, one Word table,
    GBK HTML with meta charset=gbk, .md with '#' title, hard-wrapped .txt with page numbers).

Usage: /work/main/.venv/bin/python /tmp/probe12/validate.py   (any Python with pdfplumber, pypdf, python-docx)
Prints each problem and a last line 'N problems'. Exit code 0 only when N == 0.
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "policies")
QFILE = os.path.join(HERE, "questions.jsonl")

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub("", s)


def extract_pdf(path):
    import pdfplumber
    from pypdf import PdfReader
    with pdfplumber.open(path) as pdf:
        a = "\n".join((p.extract_text() or "") for p in pdf.pages)
    b = "\n".join((p.extract_text() or "") for p in PdfReader(path).pages)
    return [a, b]


def extract_docx(path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(path)
    parts = []
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(Paragraph(el, d).text)
        elif tag == "tbl":
            for row in Table(el, d).rows:
                parts.append("\t".join(c.text for c in row.cells))
    return ["\n".join(parts)]


def extract_html(path):
    raw = open(path, "rb").read()
    text = raw.decode("gbk")
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"(?s)<!--.*?-->", " ", text)
    text = re.sub(r"(?s)<[^>]+>", " ", text)
    return [html.unescape(text)]


def extract(path):
    ext = path.rsplit(".", 1)[-1].lower()
    if ext == "pdf":
        return extract_pdf(path)
    if ext == "docx":
        return extract_docx(path)
    if ext in ("html", "htm"):
        return extract_html(path)
    return [open(path, encoding="utf-8").read()]


def check_documents(problems):
    files = sorted(os.listdir(DOCS))
    by_ext = {f.rsplit(".", 1)[-1]: f for f in files}
    for ext in ("pdf", "docx", "html", "md", "txt"):
        if ext not in by_ext:
            problems.append("documents: no .%s file" % ext)
    if "pdf" in by_ext:
        t = norm(extract_pdf(os.path.join(DOCS, by_ext["pdf"]))[0])
        if len(t) < 3000:
            problems.append("pdf: too little extractable text (%d chars)" % len(t))
        n = len(set(re.findall(r"第[一二三四五六七八九十]+条", t)))
        if n < 28:
            problems.append("pdf: only %d distinct 条" % n)
        for w in ("通过", "批准", "施行", "第一节"):
            if w not in t:
                problems.append("pdf: missing %s" % w)
    if "docx" in by_ext:
        import docx
        d = docx.Document(os.path.join(DOCS, by_ext["docx"]))
        if len(d.tables) != 1:
            problems.append("docx: %d tables, expected 1" % len(d.tables))
        t = norm(extract_docx(os.path.join(DOCS, by_ext["docx"]))[0])
        for w in ("通知", "附件", "第一条"):
            if w not in t:
                problems.append("docx: missing %s" % w)
    if "html" in by_ext:
        raw = open(os.path.join(DOCS, by_ext["html"]), "rb").read()
        if b"charset=gbk" not in raw.lower():
            problems.append("html: no meta charset=gbk")
        try:
            raw.decode("utf-8")
            problems.append("html: bytes decode as UTF-8, so they are not GBK")
        except UnicodeDecodeError:
            pass
        raw.decode("gbk")
    if "md" in by_ext:
        first = open(os.path.join(DOCS, by_ext["md"]), encoding="utf-8").readline()
        if not first.startswith("# "):
            problems.append("md: first line is not a '# ' title")
    if "txt" in by_ext:
        lines = open(os.path.join(DOCS, by_ext["txt"]), encoding="utf-8").read().split("\n")
        if max(len(l) for l in lines if not re.fullmatch(r"\s*— \d+ —\s*", l)) > 34:
            problems.append("txt: a line longer than 34 characters")
        if not any(re.fullmatch(r"\s*— \d+ —\s*", l) for l in lines):
            problems.append("txt: no page-number lines")


REQ = {"id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
       "evidence": list, "answer_points": list, "must_not": list, "note": str}


def main():
    problems = []
    check_documents(problems)
    texts = {}
    for f in os.listdir(DOCS):
        texts[f] = [norm(t) for t in extract(os.path.join(DOCS, f))]

    ids, n, n_ans, n_un, n_multi, n_long = set(), 0, 0, 0, 0, 0
    per_doc = {}
    for ln, line in enumerate(open(QFILE, encoding="utf-8"), 1):
        if not line.strip():
            problems.append("line %d: blank line" % ln)
            continue
        try:
            q = json.loads(line)
        except Exception as e:
            problems.append("line %d: not JSON (%s)" % (ln, e))
            continue
        n += 1
        where = "line %d (%s)" % (ln, q.get("id"))
        for k, t in REQ.items():
            if k not in q:
                problems.append("%s: missing field %s" % (where, k))
            elif not isinstance(q[k], t):
                problems.append("%s: field %s is not %s" % (where, k, t.__name__))
        if "region" not in q:
            problems.append("%s: missing field region" % where)
        elif q["region"] is not None and not isinstance(q["region"], str):
            problems.append("%s: region is neither string nor null" % where)
        if q.get("id") in ids:
            problems.append("%s: duplicate id" % where)
        ids.add(q.get("id"))
        turns = q.get("turns") or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append("%s: turns must be non-empty strings" % where)
        if len(turns) > 1:
            n_multi += 1
        if any(len(t) >= 300 for t in turns):
            n_long += 1
        if q.get("persona") not in ("family", "staff", "evaluator"):
            problems.append("%s: persona %r" % (where, q.get("persona")))
        ap = q.get("answer_points", [])
        if not all(isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p) for p in ap):
            problems.append("%s: answer_points must be a list of non-empty lists of strings" % where)
        if not all(isinstance(s, str) and s for s in q.get("must_not", [])):
            problems.append("%s: must_not must be strings" % where)
        ev = q.get("evidence", [])
        if q.get("answerable") is True:
            n_ans += 1
            if not ev:
                problems.append("%s: answerable item without evidence" % where)
            if not ap:
                problems.append("%s: answerable item without answer_points" % where)
        elif q.get("answerable") is False:
            n_un += 1
            if ev:
                problems.append("%s: unanswerable item with evidence" % where)
        for e in ev:
            if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                problems.append("%s: evidence entry needs doc and quote strings" % where)
                continue
            doc, quote = e["doc"], norm(e["quote"])
            if doc not in texts:
                problems.append("%s: doc %r not under policies/" % (where, doc))
                continue
            per_doc[doc] = per_doc.get(doc, set()) | {q["id"]}
            if len(quote) < 6:
                problems.append("%s: quote too short %r" % (where, e["quote"]))
            for i, t in enumerate(texts[doc]):
                if quote not in t:
                    problems.append("%s: quote not verbatim in %s (extractor %d): %r" % (where, doc, i, e["quote"]))
            art = e.get("article")
            if art is not None:
                if not isinstance(art, str) or not art:
                    problems.append("%s: article must be a non-empty string" % where)
                    continue
                m = re.match(r"(第[一二三四五六七八九十百]+条)", art)
                head = m.group(1) if m else None
                if head and head not in texts[doc][0]:
                    problems.append("%s: article head %s not in %s" % (where, head, doc))
    print("items: %d  answerable: %d  unanswerable: %d  multi-turn: %d  with a 300+ char turn: %d"
          % (n, n_ans, n_un, n_multi, n_long))
    for d in sorted(per_doc):
        print("  answerable items citing %s: %d" % (d, len(per_doc[d])))
    for p in problems:
        print("PROBLEM:", p)
    print("%d problems" % len(problems))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
