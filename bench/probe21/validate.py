#!/usr/bin/env python3
"""Validate /tmp/probe21/questions.jsonl against the shared eval format and the documents."""
import html
import json
import os
import re
import subprocess
import sys

SET = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "questions.jsonl")
DIRS = ["/work/shared/corpus-real", "/work/shared/seeds"]
REQ = {"id": str, "turns": list, "category": str, "persona": str, "region": (str, type(None)),
       "answerable": bool, "evidence": list, "answer_points": list, "must_not": list, "note": str}
WS = re.compile(r"\s+")
def nows(s): return WS.sub("", s)

def html_text(raw: bytes) -> str:
    head = raw[:4096].decode("ascii", "ignore")
    m = re.search(r'charset\s*=\s*["\']?([A-Za-z0-9_-]+)', head, re.I)
    enc = (m.group(1) if m else "utf-8").lower()
    if enc in ("gb2312", "gbk", "gb18030"): enc = "gb18030"
    try: t = raw.decode(enc)
    except (UnicodeDecodeError, LookupError): t = raw.decode("utf-8", "replace")
    t = re.sub(r"(?is)<!--.*?-->", " ", t)
    t = re.sub(r"(?is)<(script|style)\b[^>]*>.*?</\1\s*>", " ", t)
    t = re.sub(r"(?s)<[^>]+>", " ", t)
    return html.unescape(t)

def docx_text(path):
    py = "/work/main/.venv/bin/python"
    code = "import sys,docx;d=docx.Document(sys.argv[1]);print('\\n'.join(p.text for p in d.paragraphs));[print(c.text) for t in d.tables for r in t.rows for c in r.cells]"
    return subprocess.run([py, "-c", code, path], capture_output=True, text=True, check=True).stdout

_cache = {}
def load(doc):
    if doc in _cache: return _cache[doc]
    path = next((os.path.join(d, doc) for d in DIRS if os.path.isfile(os.path.join(d, doc))), None)
    if path is None or doc == "README.md": _cache[doc] = None; return None
    raw = open(path, "rb").read()
    if doc.lower().endswith((".html", ".htm")): t = html_text(raw)
    elif doc.lower().endswith(".docx"): t = docx_text(path)
    else:
        try: t = raw.decode("utf-8")
        except UnicodeDecodeError: t = raw.decode("gb18030")
    _cache[doc] = t; return t

ART = re.compile(r"^(第[一二三四五六七八九十百零〇]+条)", re.M)
def article_chunks(text):
    """map article label -> whitespace-free text of that article (markdown laws)."""
    out = {}; ms = list(ART.finditer(text))
    for i, m in enumerate(ms):
        end = ms[i + 1].start() if i + 1 < len(ms) else len(text)
        out.setdefault(m.group(1), "")
        out[m.group(1)] += nows(text[m.start():end])
    return out

problems = []; n = 0; ids = set(); counts = {"answerable": 0, "unanswerable": 0, "multi": 0, "quotes": 0}
for ln, line in enumerate(open(SET, encoding="utf-8"), 1):
    if not line.strip(): problems.append(f"line {ln}: blank line"); continue
    try: it = json.loads(line)
    except Exception as e: problems.append(f"line {ln}: JSON error {e}"); continue
    n += 1; iid = it.get("id", f"line{ln}")
    for k, ty in REQ.items():
        if k not in it: problems.append(f"{iid}: missing field {k}")
        elif not isinstance(it[k], ty): problems.append(f"{iid}: field {k} has wrong type")
    if iid in ids: problems.append(f"{iid}: duplicate id")
    ids.add(iid)
    if it.get("persona") not in ("family", "staff", "evaluator"): problems.append(f"{iid}: bad persona")
    turns = it.get("turns") or []
    if not turns or not all(isinstance(t, str) and t.strip() for t in turns): problems.append(f"{iid}: turns empty or not strings")
    if len(turns) > 1: counts["multi"] += 1
    if not all(isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p) for p in it.get("answer_points", [])):
        problems.append(f"{iid}: answer_points must be non-empty lists of strings")
    if not all(isinstance(s, str) and s for s in it.get("must_not", [])): problems.append(f"{iid}: must_not must be strings")
    if not it.get("note", "").strip(): problems.append(f"{iid}: empty note")
    ans = it.get("answerable")
    counts["answerable" if ans else "unanswerable"] += 1
    if ans and not it.get("evidence"): problems.append(f"{iid}: answerable item without evidence")
    if ans and not it.get("answer_points"): problems.append(f"{iid}: answerable item without answer_points")
    for ev in it.get("evidence", []):
        if not isinstance(ev, dict) or not isinstance(ev.get("doc"), str) or not isinstance(ev.get("quote"), str):
            problems.append(f"{iid}: evidence entry needs doc and quote strings"); continue
        counts["quotes"] += 1
        text = load(ev["doc"])
        if text is None: problems.append(f"{iid}: unknown document {ev['doc']!r}"); continue
        q = nows(ev["quote"])
        if len(q) < 8: problems.append(f"{iid}: quote too short")
        if q not in nows(text): problems.append(f"{iid}: quote not verbatim in {ev['doc']}: {ev['quote'][:40]}"); continue
        art = ev.get("article")
        if art is not None:
            if not isinstance(art, str) or not art: problems.append(f"{iid}: bad article"); continue
            m = re.match(r"(第[一二三四五六七八九十百零〇]+条)", art)
            if m and not ev["doc"].endswith((".html", ".htm")):
                chunk = article_chunks(text).get(m.group(1))
                if chunk is None: problems.append(f"{iid}: article {art} not found in {ev['doc']}")
                elif q not in chunk: problems.append(f"{iid}: quote is not inside {art} of {ev['doc']}")
            elif nows(art) not in nows(text): problems.append(f"{iid}: article label {art} not in {ev['doc']}")
print(f"items: {n}  answerable: {counts['answerable']}  unanswerable: {counts['unanswerable']}  multi-turn: {counts['multi']}  quotes checked: {counts['quotes']}")
for p in problems: print("PROBLEM:", p)
print(f"{len(problems)} problems")
sys.exit(1 if problems else 0)
