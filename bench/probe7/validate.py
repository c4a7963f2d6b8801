#!/usr/bin/env python3
"""Validate /tmp/probe7: every evidence quote is verbatim in the text extracted from its
document (whitespace removed before comparing), and every line of questions.jsonl parses
and carries the fields of /work/shared/docs/eval-format.md.

Extraction: PDF -> pdfplumber AND pypdf (the quote must be found in both);
docx -> python-docx paragraphs + every table cell, in body order;
HTML -> bytes decoded as GBK (strict), script/style dropped, tags stripped, entities unescaped;
md/txt -> UTF-8 text as is.
Run with /work/main/.venv/bin/python validate.py
"""
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

BASE = Path(__file__).resolve().parent
DOCS = BASE / "policies"
QFILE = BASE / "questions.jsonl"
WS = re.compile(r"\s+")

def nows(s):
    return WS.sub("", s)

def pdf_texts(path):
    import pdfplumber
    from pypdf import PdfReader
    with pdfplumber.open(path) as pdf:
        a = "\n".join(p.extract_text() or "" for p in pdf.pages)
    b = "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
    return {"pdfplumber": a, "pypdf": b}

def docx_text(path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(str(path))
    out = []
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(el, d).text)
        elif tag == "tbl":
            for row in Table(el, d).rows:
                for cell in row.cells:
                    out.append(cell.text)
    return "\n".join(out)

def html_text(path, problems):
    raw = path.read_bytes()
    try:
        s = raw.decode("gbk")
    except UnicodeDecodeError as e:
        problems.append(f"{path.name}: not valid GBK: {e}")
        s = raw.decode("gbk", errors="replace")
    if not re.search(r"charset\s*=\s*\"?gbk", s, re.I):
        problems.append(f"{path.name}: no meta charset=gbk")
    try:
        raw.decode("utf-8")
        if any(b > 127 for b in raw):
            problems.append(f"{path.name}: bytes also decode as UTF-8 (expected GBK bytes)")
    except UnicodeDecodeError:
        pass
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    s = re.sub(r"(?s)<[^>]+>", " ", s)
    return html.unescape(s)

def extract(path, problems):
    ext = path.suffix.lower()
    if ext == ".pdf":
        return pdf_texts(path)
    if ext == ".docx":
        return {"python-docx": docx_text(path)}
    if ext in (".html", ".htm"):
        return {"gbk-html": html_text(path, problems)}
    return {"text": path.read_text(encoding="utf-8")}

ARTICLE_PART = re.compile(r"第[零〇一二三四五六七八九十百]+[条款项]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.")

# a cross-reference such as 本条例第八条第二款 / 本细则第四条 is not an article heading
LEVELS = [re.compile(r"(?<!本条例)(?<!本细则)(?<!本办法)(?<!本规定)第[零〇一二三四五六七八九十百]+条"), re.compile(r"(?<![\u4e00-\u9fff])[一二三四五六七八九十]+、|^[一二三四五六七八九十]+、"),
          re.compile(r"（[一二三四五六七八九十]+）"), re.compile(r"(?<![\d.])\d{1,2}\.(?!\d)")]

def level_of(label):
    for i, rx in enumerate(LEVELS):
        if rx.fullmatch(label):
            return i
    return None

def placement_error(text, chain, quote):
    """The quote must sit under the label chain: for each label, the nearest preceding
    label of the same kind (searching from the parent label to the quote) is that label."""
    qpos = text.find(quote)
    if qpos < 0:
        return None  # reported elsewhere
    start = 0
    for label in chain:
        lv = level_of(label)
        if lv is None:
            return f"label part {label!r} of unknown kind"
        hits = [m for m in LEVELS[lv].finditer(text, start, qpos)]
        if not hits:
            return f"no {label!r} before the quote"
        last = hits[-1]
        if last.group(0) != label:
            return f"quote stands under {last.group(0)!r}, not {label!r}"
        start = last.end()
    return None

def main():
    problems, warnings = [], []
    texts = {}
    for p in sorted(DOCS.iterdir()):
        if p.is_file():
            texts[p.name] = {k: nows(v) for k, v in extract(p, problems).items()}
            for k, v in texts[p.name].items():
                if len(v) < 500:
                    problems.append(f"{p.name}: extracted text via {k} too short ({len(v)} chars)")

    required = {"id": str, "turns": list, "category": str, "persona": str, "region": (str, type(None)),
                "answerable": bool, "evidence": list, "answer_points": list, "must_not": list, "note": str}
    ids = Counter()
    n = n_ans = n_un = n_multi = n_quotes = n_coll = n_typo = 0
    per_doc = Counter()
    lines = QFILE.read_text(encoding="utf-8").splitlines()
    for ln, line in enumerate(lines, 1):
        where = f"questions.jsonl:{ln}"
        if not line.strip():
            problems.append(f"{where}: blank line")
            continue
        try:
            it = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: JSON error {e}")
            continue
        if not isinstance(it, dict):
            problems.append(f"{where}: not an object")
            continue
        n += 1
        for f, t in required.items():
            if f not in it:
                problems.append(f"{where}: missing field {f}")
            elif not isinstance(it[f], t):
                problems.append(f"{where}: field {f} has type {type(it[f]).__name__}")
        iid = it.get("id")
        ids[iid] += 1
        where = f"{where} [{iid}]"
        turns = it.get("turns") or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append(f"{where}: turns must be a non-empty list of non-empty strings")
        if len(turns) > 1:
            n_multi += 1
        if it.get("persona") not in ("family", "staff", "evaluator"):
            problems.append(f"{where}: persona {it.get('persona')!r}")
        if it.get("style") == "colloquial":
            n_coll += 1
        if it.get("typo"):
            n_typo += 1
        ap = it.get("answer_points", [])
        if isinstance(ap, list):
            for pt in ap:
                if not (isinstance(pt, list) and pt and all(isinstance(s, str) and s.strip() for s in pt)):
                    problems.append(f"{where}: answer point {pt!r} must be a non-empty list of strings")
        mn = it.get("must_not", [])
        if isinstance(mn, list) and not all(isinstance(s, str) and s for s in mn):
            problems.append(f"{where}: must_not must be strings")
        ans = it.get("answerable")
        evid = it.get("evidence", [])
        if ans is True:
            n_ans += 1
            if not evid:
                problems.append(f"{where}: answerable item without evidence")
            if not ap:
                problems.append(f"{where}: answerable item without answer_points")
        elif ans is False:
            n_un += 1
            if evid:
                warnings.append(f"{where}: unanswerable item has evidence")
        docs_here = set()
        for e in evid if isinstance(evid, list) else []:
            if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                problems.append(f"{where}: evidence entry {e!r} needs string doc and quote")
                continue
            n_quotes += 1
            doc, quote = e["doc"], nows(e["quote"])
            if doc not in texts:
                problems.append(f"{where}: doc {doc!r} not in policies/")
                continue
            docs_here.add(doc)
            if len(quote) < 6:
                warnings.append(f"{where}: very short quote {e['quote']!r}")
            for how, txt in texts[doc].items():
                if quote not in txt:
                    problems.append(f"{where}: quote not verbatim in {doc} ({how}): {e['quote']!r}")
            art = e.get("article")
            if art is not None:
                if not isinstance(art, str) or not art.strip():
                    problems.append(f"{where}: article must be a non-empty string")
                else:
                    parts = ARTICLE_PART.findall(nows(art))
                    if not parts or "".join(parts) != nows(art):
                        problems.append(f"{where}: article label {art!r} not understood")
                    # 第X款/第X项 are positional and not printed; check the printed chain
                    chain = [p for p in parts if not p.endswith(("款", "项"))]
                    for how, txt in texts[doc].items():
                        err = placement_error(txt, chain, quote)
                        if err:
                            problems.append(f"{where}: article {art!r} in {doc} ({how}): {err}")
        for d in docs_here:
            per_doc[d] += 1
    for iid, c in ids.items():
        if c > 1:
            problems.append(f"duplicate id {iid!r} x{c}")

    print(f"documents: {len(texts)}")
    for name, t in texts.items():
        print(f"  {name}: " + ", ".join(f"{k}={len(v)} chars" for k, v in t.items()))
    print(f"items: {n}  answerable: {n_ans}  unanswerable: {n_un}  multi-turn: {n_multi}  "
          f"colloquial: {n_coll}  with sound-alike typos: {n_typo}  evidence quotes: {n_quotes}")
    print("answerable items per document: " + ", ".join(f"{d}={c}" for d, c in sorted(per_doc.items())))
    for w in warnings:
        print("WARNING:", w)
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problems, {len(warnings)} warnings")
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
