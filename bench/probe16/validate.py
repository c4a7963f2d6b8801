#!/usr/bin/env python3
"""Validate /tmp/probe16/questions.jsonl against the shared question-set format.

Checks: every line parses as a JSON object; required fields and types; unique ids;
every evidence doc exists (corpus-real/ or seeds/); every quote is verbatim in its
document after deleting all whitespace (markdown/text as is; HTML with script/style/
comments removed, tags stripped, entities unescaped, decoded by the declared charset;
.docx via python-docx); the article label, when given, is the article (第X条) or the
bracketed item （X） in which the quote stands; answerable items have evidence and
answer points. Prints the problems and the counts; exit status 1 if any problem.

usage: python3 validate.py [questions.jsonl]
"""
import html
import json
import os
import re
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SET = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "questions.jsonl")
DOC_DIRS = ["/work/shared/corpus-real", "/work/shared/seeds"]
VENV_PY = "/work/main/.venv/bin/python"
PERSONAS = {"family", "staff", "evaluator"}
REQUIRED = {
    "id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
    "evidence": list, "answer_points": list, "must_not": list, "note": str,
}
WS = re.compile(r"\s+")
ART_LINE = re.compile(r"^\s*(第[零一二三四五六七八九十百千]+条)")
ITEM_LINE = re.compile(r"^\s*([（(][零一二三四五六七八九十百]+[)）])")


def norm_ws(s):
    return WS.sub("", s)


def norm_bracket(s):
    return s.replace("(", "（").replace(")", "）").strip()


def read_html(path):
    raw = open(path, "rb").read()
    m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", raw[:4096], re.I)
    enc = (m.group(1).decode("ascii").lower() if m else "utf-8")
    if enc in ("gbk", "gb2312", "gb18030"):
        enc = "gb18030"
    try:
        text = raw.decode(enc)
    except (LookupError, UnicodeDecodeError):
        text = raw.decode("utf-8", errors="replace")
    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", text)
    text = re.sub(r"(?s)<!--.*?-->", "", text)
    text = re.sub(r"(?s)<[^>]*>", "\n", text)
    return html.unescape(text)


def read_docx(path):
    try:
        import docx  # python-docx
        d = docx.Document(path)
        return "\n".join(p.text for p in d.paragraphs)
    except ImportError:
        if os.path.exists(VENV_PY):
            code = ("import sys,docx;d=docx.Document(sys.argv[1]);"
                    "sys.stdout.write('\\n'.join(p.text for p in d.paragraphs))")
            out = subprocess.run([VENV_PY, "-c", code, path], capture_output=True)
            if out.returncode == 0:
                return out.stdout.decode("utf-8")
        raise


def read_doc(path):
    low = path.lower()
    if low.endswith((".html", ".htm")):
        return read_html(path)
    if low.endswith(".docx"):
        return read_docx(path)
    return open(path, encoding="utf-8").read()


_cache = {}


def load(doc):
    """Return (normalized text, per-char article label, per-char item label) or None."""
    if doc in _cache:
        return _cache[doc]
    res = None
    for d in DOC_DIRS:
        p = os.path.join(d, doc)
        if os.path.isfile(p) and doc != "README.md":
            text = read_doc(p)
            chars, arts, items = [], [], []
            art = item = None
            for line in text.split("\n"):
                m = ART_LINE.match(line)
                if m:
                    art, item = m.group(1), None
                m2 = ITEM_LINE.match(line)
                if m2:
                    item = norm_bracket(m2.group(1))
                n = norm_ws(line)
                chars.append(n)
                arts.extend([art] * len(n))
                items.extend([item] * len(n))
            res = ("".join(chars), arts, items)
            break
    _cache[doc] = res
    return res


def main():
    problems, ids = [], Counter()
    n_lines = 0
    cnt = Counter()
    with open(SET, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for ln, line in enumerate(lines, 1):
        if not line.strip():
            continue
        n_lines += 1
        where = f"line {ln}"
        try:
            it = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: JSON error {e}")
            continue
        if not isinstance(it, dict):
            problems.append(f"{where}: not an object")
            continue
        where = f"line {ln} ({it.get('id')})"
        for k, t in REQUIRED.items():
            if k not in it:
                problems.append(f"{where}: missing field {k}")
            elif not isinstance(it[k], t):
                problems.append(f"{where}: field {k} is not {t.__name__}")
        if "region" not in it:
            problems.append(f"{where}: missing field region")
        elif it["region"] is not None and not isinstance(it["region"], str):
            problems.append(f"{where}: region must be string or null")
        ids[it.get("id")] += 1
        turns = it.get("turns") or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append(f"{where}: turns must be a non-empty list of non-empty strings")
        if it.get("persona") not in PERSONAS:
            problems.append(f"{where}: persona {it.get('persona')!r} not in {sorted(PERSONAS)}")
        aps = it.get("answer_points", [])
        if isinstance(aps, list):
            for ap in aps:
                if not (isinstance(ap, list) and ap and all(isinstance(s, str) and s.strip() for s in ap)):
                    problems.append(f"{where}: answer_points entry {ap!r} must be a non-empty list of strings")
        if isinstance(it.get("must_not"), list) and not all(isinstance(s, str) and s for s in it["must_not"]):
            problems.append(f"{where}: must_not must hold non-empty strings")
        evs = it.get("evidence", [])
        if it.get("answerable") is True:
            if not evs:
                problems.append(f"{where}: answerable item without evidence")
            if not aps:
                problems.append(f"{where}: answerable item without answer_points")
        if isinstance(evs, list):
            for e in evs:
                if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                    problems.append(f"{where}: evidence entry needs doc and quote strings: {e!r}")
                    continue
                d = load(e["doc"])
                if d is None:
                    problems.append(f"{where}: doc not found: {e['doc']}")
                    continue
                text, arts, items = d
                q = norm_ws(e["quote"])
                if not q:
                    problems.append(f"{where}: empty quote")
                    continue
                pos = text.find(q)
                if pos < 0:
                    problems.append(f"{where}: quote not verbatim in {e['doc']}: {e['quote'][:40]}...")
                    continue
                art = e.get("article")
                if art is not None:
                    if not isinstance(art, str) or not art.strip():
                        problems.append(f"{where}: article must be a non-empty string")
                        continue
                    a = norm_ws(art)
                    # every occurrence of the quote is a candidate location
                    ok, p = False, pos
                    while p >= 0 and not ok:
                        if a.startswith("第"):
                            base = re.match(r"第[零一二三四五六七八九十百千]+条", a)
                            ok = bool(base) and arts[p] == base.group(0)
                        else:
                            ok = items[p] == norm_bracket(a)
                        p = text.find(q, p + 1)
                    if not ok:
                        problems.append(f"{where}: quote in {e['doc']} is under {arts[pos]}/{items[pos]}, not {art}")
        multi = len(turns) > 1
        kind = ("multi" if multi else "single") + ("-answerable" if it.get("answerable") else "-unanswerable")
        cnt[kind] += 1
        cnt["category:" + str(it.get("category"))] += 1
    for i, c in ids.items():
        if c > 1:
            problems.append(f"duplicate id {i} ({c} times)")
    for p in problems:
        print("PROBLEM", p)
    print(f"items: {n_lines}")
    for k in sorted(cnt):
        print(f"  {k}: {cnt[k]}")
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
