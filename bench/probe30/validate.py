#!/usr/bin/env python3
"""Validate a question set in the shared eval format.
Checks: every line parses; required fields and types; unique ids; evidence docs exist;
every quote is verbatim in its document after deleting all whitespace (markdown/text as is;
HTML: tags and comments stripped, entities unescaped, decoded with the declared charset);
for law-style documents, the 第X条 of `article` is the article the quote stands in."""
import html
import json
import os
import re
import sys

SET = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "questions.jsonl")
DIRS = ["/work/shared/corpus-real", "/work/shared/seeds"]
REQ = {"id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
       "evidence": list, "answer_points": list, "must_not": list, "note": str}
WS = re.compile(r"\s+")
_cache = {}

def load(doc):
    if doc in _cache: return _cache[doc]
    path = next((os.path.join(d, doc) for d in DIRS if os.path.isfile(os.path.join(d, doc))), None)
    if path is None:
        _cache[doc] = None; return None
    raw = open(path, "rb").read()
    if doc.lower().endswith((".html", ".htm")):
        m = re.search(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", raw[:4096])
        enc = m.group(1).decode("ascii").lower() if m else "utf-8"
        if enc in ("gb2312", "gbk"): enc = "gb18030"
        try: text = raw.decode(enc)
        except (LookupError, UnicodeDecodeError): text = raw.decode("utf-8", errors="replace")
        text = re.sub(r"(?s)<!--.*?-->", " ", text)
        text = re.sub(r"(?s)<[^>]+>", " ", text)
        text = html.unescape(text)
    else:
        text = raw.decode("utf-8")
    _cache[doc] = (text, WS.sub("", text))
    return _cache[doc]

ART = re.compile(r"第[一二三四五六七八九十百零〇]+条")

def check_article(text, quote, article):
    """Return error string or None. Only for documents written in 第X条 form."""
    m = ART.match(article or "")
    if not m: return None
    want = m.group(0)
    flat = WS.sub("", text)
    # positions of article headings at line start (in original text), mapped into flat text
    heads = []
    for lm in re.finditer(r"(?m)^\s*(第[一二三四五六七八九十百零〇]+条)", text):
        heads.append((len(WS.sub("", text[:lm.start(1)])), lm.group(1)))
    if not heads: return None
    q = WS.sub("", quote)
    pos = flat.find(q); found = []
    while pos != -1:
        cur = None
        for p, lab in heads:
            if p <= pos: cur = lab
            else: break
        found.append(cur)
        pos = flat.find(q, pos + 1)
    if want not in found:
        return f"article {article!r}: quote stands in {found}"
    return None

problems = []; n = 0; ids = set()
for ln, line in enumerate(open(SET, encoding="utf-8"), 1):
    if not line.strip(): continue
    n += 1
    try: it = json.loads(line)
    except Exception as e:
        problems.append(f"line {ln}: JSON error {e}"); continue
    iid = it.get("id", f"line{ln}")
    for k, t in REQ.items():
        if k not in it: problems.append(f"{iid}: missing field {k}")
        elif not isinstance(it[k], t): problems.append(f"{iid}: field {k} should be {t.__name__}")
    if "region" not in it: problems.append(f"{iid}: missing field region")
    elif it["region"] is not None and not isinstance(it["region"], str): problems.append(f"{iid}: region must be string or null")
    if iid in ids: problems.append(f"{iid}: duplicate id")
    ids.add(iid)
    if it.get("persona") not in ("family", "staff", "evaluator"): problems.append(f"{iid}: persona {it.get('persona')!r}")
    if not it.get("turns") or not all(isinstance(t, str) and t.strip() for t in it.get("turns", [])):
        problems.append(f"{iid}: turns must be non-empty strings")
    ap = it.get("answer_points", [])
    if not all(isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p) for p in ap):
        problems.append(f"{iid}: answer_points must be a list of non-empty lists of strings")
    if not all(isinstance(s, str) for s in it.get("must_not", [])): problems.append(f"{iid}: must_not must be strings")
    if it.get("answerable") is True and not it.get("evidence"): problems.append(f"{iid}: answerable item without evidence")
    for j, ev in enumerate(it.get("evidence", [])):
        if not isinstance(ev, dict) or "doc" not in ev or "quote" not in ev:
            problems.append(f"{iid}: evidence[{j}] needs doc and quote"); continue
        d = load(ev["doc"])
        if d is None:
            problems.append(f"{iid}: evidence[{j}] doc not found: {ev['doc']}"); continue
        text, flat = d
        q = WS.sub("", ev["quote"])
        if not q: problems.append(f"{iid}: evidence[{j}] empty quote"); continue
        if q not in flat:
            problems.append(f"{iid}: evidence[{j}] quote not verbatim in {ev['doc']}: {ev['quote'][:40]}..."); continue
        if ev.get("article") and not ev["doc"].lower().endswith((".html", ".htm")):
            err = check_article(text, ev["quote"], ev["article"])
            if err: problems.append(f"{iid}: evidence[{j}] {err}")
for p in problems: print("PROBLEM:", p)
print(f"{n} items checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
