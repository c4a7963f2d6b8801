#!/usr/bin/env python3
"""Validate a question set in the shared eval format (/work/shared/docs/eval-format.md).

Checks: every line parses as a JSON object; required fields present with the right types;
ids unique; answerable items carry evidence and answer points; every evidence doc exists;
every quote is verbatim in its document after deleting all whitespace (markdown/text as is;
HTML with script/style/comments and tags stripped and entities unescaped, decoded with the
charset the file declares; .docx through python-docx); and where an article label is given,
that label occurs in the document before the quote (for 第X条 labels: the nearest preceding
article heading must be that article).

usage: python3 validate.py [questions.jsonl] [--docs DIR ...]
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIRS = ["/work/shared/corpus-real", "/work/shared/seeds"]
REQUIRED = {"id": str, "turns": list, "category": str, "persona": str, "region": (str, type(None)),
            "answerable": bool, "evidence": list, "answer_points": list, "must_not": list, "note": str}
PERSONAS = {"family", "staff", "evaluator"}
WS = re.compile(r"\s+")


def declared_charset(raw):
    m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", raw[:4096], re.I)
    if not m:
        return "utf-8"
    cs = m.group(1).decode("ascii").lower()
    if cs in ("gbk", "gb2312", "gb_2312-80", "x-gbk"):
        return "gb18030"
    return cs


def html_text(raw):
    text = raw.decode(declared_charset(raw), errors="strict")
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def docx_text(path):
    try:
        import docx  # python-docx
    except ImportError:
        sys.exit("python-docx is needed for .docx documents: run with /work/main/.venv/bin/python")
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def load_doc(path):
    low = path.lower()
    if low.endswith((".html", ".htm")):
        with open(path, "rb") as f:
            return html_text(f.read())
    if low.endswith(".docx"):
        return docx_text(path)
    with open(path, "rb") as f:
        raw = f.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


ARTICLE_RE = re.compile(r"第[一二三四五六七八九十百零〇]+条")
ITEM_RE = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]")
HEAD_RE = re.compile(r"^\s*(?:#+\s*)?(第[一二三四五六七八九十百零〇]+条)")


def headings(text):
    """Flat (whitespace-free) offsets of article headings: lines that begin with 第X条."""
    out, off = [], 0
    for line in text.splitlines(True):
        m = HEAD_RE.match(line)
        if m:
            out.append((off, m.group(1)))
        off += len(WS.sub("", line))
    return out


def check_article(flat, heads, pos, article):
    """flat = whitespace-free document text, pos = where the quote starts there."""
    base = re.match(r"第[一二三四五六七八九十百零〇]+条", article)
    if base:
        before = [h for h in heads if h[0] <= pos]
        if not before:
            return "no article heading before quote"
        if before[-1][1] != base.group(0):
            return "quote stands in %s, not %s" % (before[-1][1], base.group(0))
        return None
    label = WS.sub("", article)
    m = re.fullmatch(r"[（(]([一二三四五六七八九十]+)[）)]", label)
    if m:
        # bracketed item label: the nearest preceding bracketed numeral item must be it
        items = [x for x in ITEM_RE.finditer(flat, 0, pos + len(label)) if x.start() <= pos]
        if not items:
            return "no bracketed item label before quote"
        if items[-1].group(1) != m.group(1):
            return "quote stands in （%s）, not %s" % (items[-1].group(1), article)
        return None
    if label not in flat[:pos + 1]:
        return "label %r not found before quote" % article
    return None


def main(argv):
    args = [a for a in argv[1:]]
    dirs = []
    if "--docs" in args:
        i = args.index("--docs")
        dirs = args[i + 1:]
        args = args[:i]
    dirs = dirs or DEFAULT_DIRS
    path = args[0] if args else os.path.join(HERE, "questions.jsonl")

    index = {}
    for d in dirs:
        for name in os.listdir(d):
            if name.lower() == "readme.md":
                continue
            index.setdefault(name, os.path.join(d, name))
    cache = {}

    problems = []
    ids = set()
    n = 0
    counts = {"answerable": 0, "unanswerable": 0, "multi_turn": 0, "quotes": 0}
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                problems.append("line %d: empty line" % ln)
                continue
            try:
                it = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append("line %d: JSON error %s" % (ln, e))
                continue
            if not isinstance(it, dict):
                problems.append("line %d: not an object" % ln)
                continue
            n += 1
            iid = it.get("id", "line%d" % ln)
            bad = False
            for k, t in REQUIRED.items():
                if k not in it:
                    problems.append("%s: missing field %s" % (iid, k))
                    bad = True
                elif not isinstance(it[k], t):
                    problems.append("%s: field %s has wrong type" % (iid, k))
                    bad = True
            if bad:
                continue
            if iid in ids:
                problems.append("%s: duplicate id" % iid)
            ids.add(iid)
            if not it["turns"] or not all(isinstance(t, str) and t.strip() for t in it["turns"]):
                problems.append("%s: turns must be non-empty strings" % iid)
            if it["persona"] not in PERSONAS:
                problems.append("%s: persona %r not in %s" % (iid, it["persona"], sorted(PERSONAS)))
            if not it["note"].strip():
                problems.append("%s: empty note" % iid)
            for ap in it["answer_points"]:
                if not (isinstance(ap, list) and ap and all(isinstance(s, str) and s.strip() for s in ap)):
                    problems.append("%s: answer_points must be lists of non-empty strings" % iid)
            if not all(isinstance(s, str) and s.strip() for s in it["must_not"]):
                problems.append("%s: must_not must be non-empty strings" % iid)
            if it["answerable"]:
                counts["answerable"] += 1
                if not it["evidence"]:
                    problems.append("%s: answerable item without evidence" % iid)
                if not it["answer_points"]:
                    problems.append("%s: answerable item without answer_points" % iid)
            else:
                counts["unanswerable"] += 1
            if len(it["turns"]) > 1:
                counts["multi_turn"] += 1
            for e in it["evidence"]:
                if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                    problems.append("%s: evidence entries need doc and quote strings" % iid)
                    continue
                counts["quotes"] += 1
                doc = e["doc"]
                if doc not in index:
                    problems.append("%s: unknown doc %r" % (iid, doc))
                    continue
                if doc not in cache:
                    text = load_doc(index[doc])
                    cache[doc] = (WS.sub("", text), headings(text))
                flat, heads = cache[doc]
                q = WS.sub("", e["quote"])
                if not q:
                    problems.append("%s: empty quote" % iid)
                    continue
                pos = flat.find(q)
                if pos < 0:
                    problems.append("%s: quote not verbatim in %s: %s" % (iid, doc, e["quote"][:40]))
                    continue
                if e.get("article") is not None:
                    if not isinstance(e["article"], str) or not e["article"].strip():
                        problems.append("%s: article must be a non-empty string" % iid)
                        continue
                    msg = check_article(flat, heads, pos, e["article"])
                    if msg:
                        problems.append("%s: article %s: %s" % (iid, e["article"], msg))

    for p in problems:
        print("PROBLEM", p)
    print("items=%d answerable=%d unanswerable=%d multi_turn=%d quotes=%d" % (
        n, counts["answerable"], counts["unanswerable"], counts["multi_turn"], counts["quotes"]))
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
