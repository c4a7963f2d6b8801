#!/usr/bin/env python3
"""Validate /tmp/probe25/questions.jsonl against the shared eval format and the documents."""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
QFILE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "questions.jsonl")
DOC_DIRS = ["/work/shared/corpus-real", "/work/shared/seeds"]
REQUIRED = {"id": str, "turns": list, "category": str, "persona": str, "region": (str, type(None)),
            "answerable": bool, "evidence": list, "answer_points": list, "must_not": list, "note": str}
PERSONAS = {"family", "staff", "evaluator"}
WS = re.compile(r"\s+")

def nows(s):
    return WS.sub("", s)

def html_text(raw):
    head = raw[:4096]
    m = re.search(rb'charset\s*=\s*["\']?([A-Za-z0-9_\-]+)', head, re.I)
    enc = (m.group(1).decode("ascii").lower() if m else "utf-8")
    if enc in ("gb2312", "gbk", "gb18030"):
        enc = "gb18030"
    t = raw.decode(enc, errors="replace")
    t = re.sub(r"(?is)<!--.*?-->", " ", t)
    t = re.sub(r"(?is)<(script|style)\b[^>]*>.*?</\1\s*>", " ", t)
    t = re.sub(r"(?s)<[^>]+>", " ", t)
    return html.unescape(t)

_cache = {}
def load(doc):
    if doc in _cache:
        return _cache[doc]
    path = None
    for d in DOC_DIRS:
        p = os.path.join(d, doc)
        if os.path.isfile(p) and doc != "README.md":
            path = p
    if path is None:
        _cache[doc] = None
        return None
    raw = open(path, "rb").read()
    if doc.lower().endswith((".html", ".htm")):
        text = html_text(raw)
    else:
        text = raw.decode("utf-8")
    _cache[doc] = (text, nows(text))
    return _cache[doc]

ART_RE = re.compile(r"第[一二三四五六七八九十百零〇]+条")

def check_article(text, qpos_nows, article):
    """The article label must occur in the document before the quote (whitespace-free coordinates):
    for 第X条 labels, the nearest preceding line-initial article heading must be X;
    for bracketed labels like （八）/(六), the label must appear within 4000 chars before the quote."""
    flat = nows(text)
    base = re.match(r"第[一二三四五六七八九十百零〇]+条", article)
    if base:
        # line-initial article headings in the original text, mapped to whitespace-free offsets
        heads = []
        for line_m in re.finditer(r"(?m)^\s*(第[一二三四五六七八九十百零〇]+条)", text):
            pre = nows(text[:line_m.start(1)])
            heads.append((len(pre), line_m.group(1)))
        prev = [h for h in heads if h[0] <= qpos_nows]
        if not prev:
            return "no article heading before the quote"
        if prev[-1][1] != base.group(0):
            return "quote stands under %s, not %s" % (prev[-1][1], article)
        return None
    lab = nows(article)
    window = flat[max(0, qpos_nows - 4000):qpos_nows + len(lab)]
    if lab not in window and lab.replace("（", "(").replace("）", ")") not in window:
        return "label %s not found before the quote" % article
    return None

def main():
    problems, warnings = [], []
    ids = set()
    n = 0
    counts = {"answerable": 0, "unanswerable": 0, "multi_turn": 0}
    with open(QFILE, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for ln, line in enumerate(lines, 1):
        if not line.strip():
            problems.append("line %d: empty line" % ln); continue
        try:
            it = json.loads(line)
        except Exception as e:
            problems.append("line %d: JSON error %s" % (ln, e)); continue
        n += 1
        tag = "line %d (%s)" % (ln, it.get("id"))
        for k, t in REQUIRED.items():
            if k not in it:
                problems.append("%s: missing field %s" % (tag, k))
            elif not isinstance(it[k], t):
                problems.append("%s: field %s has wrong type" % (tag, k))
        if problems and problems[-1].startswith(tag) and "missing" in problems[-1]:
            continue
        if it["id"] in ids:
            problems.append("%s: duplicate id" % tag)
        ids.add(it["id"])
        if not it["turns"] or not all(isinstance(t, str) and t.strip() for t in it["turns"]):
            problems.append("%s: turns must be non-empty strings" % tag)
        if it["persona"] not in PERSONAS:
            problems.append("%s: persona %r not in %s" % (tag, it["persona"], sorted(PERSONAS)))
        if not it["note"].strip():
            problems.append("%s: empty note" % tag)
        if not all(isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p) for p in it["answer_points"]):
            problems.append("%s: answer_points must be a list of non-empty lists of strings" % tag)
        if not all(isinstance(s, str) and s.strip() for s in it["must_not"]):
            problems.append("%s: must_not must be non-empty strings" % tag)
        if it["answerable"]:
            counts["answerable"] += 1
            if not it["evidence"]:
                problems.append("%s: answerable item without evidence" % tag)
            if not it["answer_points"]:
                problems.append("%s: answerable item without answer_points" % tag)
        else:
            counts["unanswerable"] += 1
        if len(it["turns"]) > 1:
            counts["multi_turn"] += 1
            if not 3 <= len(it["turns"]) <= 4:
                warnings.append("%s: multi-turn chain has %d turns" % (tag, len(it["turns"])))
        for j, e in enumerate(it["evidence"]):
            et = "%s evidence[%d]" % (tag, j)
            if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                problems.append("%s: needs doc and quote strings" % et); continue
            d = load(e["doc"])
            if d is None:
                problems.append("%s: unknown document %r" % (et, e["doc"])); continue
            text, flat = d
            q = nows(e["quote"])
            if len(q) < 8:
                problems.append("%s: quote too short" % et); continue
            pos = flat.find(q)
            if pos < 0:
                problems.append("%s: quote not verbatim in %s: %s" % (et, e["doc"], e["quote"][:40])); continue
            if flat.count(q) > 1:
                warnings.append("%s: quote occurs %d times in document" % (et, flat.count(q)))
            if "article" in e:
                if not isinstance(e["article"], str) or not e["article"].strip():
                    problems.append("%s: empty article" % et)
                else:
                    err = check_article(text, pos, e["article"])
                    if err:
                        problems.append("%s: article %s: %s" % (et, e["article"], err))
        # answer points should be supported by some evidence document (warning only)
        if it["answerable"]:
            alltext = "".join(load(e["doc"])[1] for e in it["evidence"] if isinstance(e, dict) and load(e.get("doc", "")))
            for p in it["answer_points"]:
                if not any(nows(s) in alltext for s in p):
                    warnings.append("%s: answer point %s not literally in its evidence documents" % (tag, p))
    print("items: %d  answerable: %d  unanswerable: %d  multi-turn: %d" %
          (n, counts["answerable"], counts["unanswerable"], counts["multi_turn"]))
    for w in warnings:
        print("WARNING:", w)
    for p in problems:
        print("PROBLEM:", p)
    print("%d problems" % len(problems))
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
