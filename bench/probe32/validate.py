#!/usr/bin/env python3
"""Validate questions.jsonl (beside this file, or the path given) against the shared eval format.

Checks: every line parses; required fields and types; unique ids; persona values;
answerable items carry evidence; every quote (evidence and near_evidence) is verbatim
in its document after deleting whitespace (markdown/text as is; HTML with script/style
removed, tags stripped, entities unescaped, decoded as the file declares: GBK or UTF-8);
article labels: for markdown laws the quote must start inside the named 条 (and 款 / 项
when given); for HTML the named item marker must be the last one before the quote.
Prints a summary and the number of problems; exit code 1 if any.
"""
import html
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
QFILE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "questions.jsonl")
DIRS = ["/work/shared/corpus-real", "/work/shared/seeds"]
REQ = {"id": str, "turns": list, "category": str, "persona": str, "answerable": bool,
       "evidence": list, "answer_points": list, "must_not": list, "note": str}
NUM = "零〇一二三四五六七八九十百千"
WS = re.compile(r"\s+")

def nows(s): return WS.sub("", s)

def cn2int(s):
    d = {c: i for i, c in enumerate("零一二三四五六七八九")}; d["〇"] = 0
    total, cur = 0, 0
    for ch in s:
        if ch in d: cur = d[ch]
        elif ch == "十": total += (cur or 1) * 10; cur = 0
        elif ch == "百": total += (cur or 1) * 100; cur = 0
        elif ch == "千": total += (cur or 1) * 1000; cur = 0
    return total + cur

def decode_html(b):
    m = re.search(rb'charset\s*=\s*["\']?\s*([A-Za-z0-9_-]+)', b[:4096])
    enc = m.group(1).decode().lower() if m else "utf-8"
    if enc in ("gb2312", "gbk", "gb18030"): enc = "gb18030"
    try: return b.decode(enc)
    except (UnicodeDecodeError, LookupError):
        for e in ("utf-8", "gb18030"):
            try: return b.decode(e)
            except UnicodeDecodeError: pass
    return b.decode("utf-8", errors="replace")

def html_text(t):
    t = re.sub(r"(?is)<(script|style)\b[^>]*>.*?</\1\s*>", " ", t)
    t = re.sub(r"(?s)<!--.*?-->", " ", t)
    t = re.sub(r"(?s)<[^>]+>", " ", t)
    return html.unescape(t)

_cache = {}
def load(doc):
    if doc in _cache: return _cache[doc]
    path = None
    for d in DIRS:
        p = os.path.join(d, doc)
        if os.path.isfile(p) and doc != "README.md": path = p; break
    if path is None: _cache[doc] = None; return None
    b = open(path, "rb").read()
    if doc.lower().endswith((".html", ".htm")):
        kind, text = "html", html_text(decode_html(b))
    else:
        kind, text = "md", b.decode("utf-8")
    _cache[doc] = (kind, text, nows(text), md_structure(text) if kind == "md" else None)
    return _cache[doc]

ART = re.compile(r"^第([%s]+)条" % NUM)
ITEM = re.compile(r"^[（(]\s*([%s]+)\s*[）)]" % NUM)
def md_structure(text):
    """List of (start_offset_in_nows_text, article_no, kuan_no, item_no) per line."""
    out, pos, art, kuan = [], 0, None, 0
    body = text.split("<!-- INFO END -->", 1)
    head = body[0] + ("<!-- INFO END -->" if len(body) > 1 else "")
    pos = len(nows(head)) if len(body) > 1 else 0
    for line in (body[1] if len(body) > 1 else body[0]).splitlines():
        s = nows(line)
        if not s: continue
        item = None
        m = ART.match(s)
        if m: art, kuan = cn2int(m.group(1)), 1
        elif s.startswith("#"): art, kuan = None, 0
        elif art is not None:
            mi = ITEM.match(s)
            if mi: item = cn2int(mi.group(1))
            else: kuan += 1
        out.append((pos, art, kuan, item))
        pos += len(s)
    return out

LABEL = re.compile(r"^第([%s]+)条(?:第([%s]+)款)?(?:[（(]([%s]+)[）)])?$" % (NUM, NUM, NUM))
def check_article(doc_entry, qpos, qlen, label):
    kind, _text, flat, struct = doc_entry
    lab = nows(label)
    if kind == "md":
        m = LABEL.match(lab)
        if not m: return "article label %r not of form 第X条[第Y款][（Z）]" % label
        want_art = cn2int(m.group(1)); want_k = cn2int(m.group(2)) if m.group(2) else None
        want_i = cn2int(m.group(3)) if m.group(3) else None
        lines = [x for x in struct if x[0] <= qpos]
        if not lines: return "quote before document body"
        _, art, kuan, item = lines[-1]
        if art != want_art: return "quote is in article %s, label says %s" % (art, label)
        if want_k is not None and kuan != want_k: return "quote is in 款 %s, label says %s" % (kuan, label)
        if want_i is not None:
            # the quote must start in, or contain, item want_i of that article
            span_items = [x[3] for x in struct if x[1] == art and qpos <= x[0] < qpos + qlen] + [item]
            if want_i not in span_items: return "quote not in item （%s）, label says %s" % (want_i, label)
        return None
    # html: bracketed Chinese-numeral marker must be the last such marker before the quote;
    # other labels must occur (whitespace-free) before the quote
    mi = re.match(r"^[（(]([%s]+)[）)]$" % NUM, lab)
    before = flat[:qpos]
    if mi:
        marks = re.findall(r"[（(]([%s]+)[）)]" % NUM, before)
        if not marks or cn2int(marks[-1]) != cn2int(mi.group(1)):
            return "last item marker before quote is %r, label says %s" % (marks[-1] if marks else None, label)
        return None
    if lab not in before: return "label %r not found before the quote" % label
    return None

def main():
    problems, items = [], []
    ids = Counter()
    with open(QFILE, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip(): problems.append("line %d: empty line" % n); continue
        try: it = json.loads(line)
        except json.JSONDecodeError as e: problems.append("line %d: bad JSON: %s" % (n, e)); continue
        if not isinstance(it, dict): problems.append("line %d: not an object" % n); continue
        items.append(it)
        tag = "line %d (%s)" % (n, it.get("id"))
        for k, t in REQ.items():
            if k not in it: problems.append("%s: missing field %s" % (tag, k))
            elif not isinstance(it[k], t): problems.append("%s: field %s should be %s" % (tag, k, t.__name__))
        if "region" not in it: problems.append("%s: missing field region" % tag)
        elif it["region"] is not None and not isinstance(it["region"], str): problems.append("%s: region must be string or null" % tag)
        ids[it.get("id")] += 1
        if it.get("persona") not in ("family", "staff", "evaluator"): problems.append("%s: persona %r" % (tag, it.get("persona")))
        turns = it.get("turns") or []
        if not turns or not all(isinstance(x, str) and x.strip() for x in turns): problems.append("%s: turns must be non-empty strings" % tag)
        ap = it.get("answer_points", [])
        if isinstance(ap, list):
            for p in ap:
                if not (isinstance(p, list) and p and all(isinstance(s, str) and s for s in p)):
                    problems.append("%s: answer_points entry must be a non-empty list of strings" % tag)
        if not all(isinstance(s, str) and s for s in it.get("must_not", []) or []): problems.append("%s: must_not must be strings" % tag)
        if it.get("answerable") is True and not it.get("evidence"): problems.append("%s: answerable item without evidence" % tag)
        if it.get("answerable") is False and not it.get("note"): problems.append("%s: unanswerable item without note" % tag)
        for field in ("evidence", "near_evidence"):
            for j, e in enumerate(it.get(field, []) or []):
                et = "%s %s[%d]" % (tag, field, j)
                if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                    problems.append("%s: needs doc and quote strings" % et); continue
                d = load(e["doc"])
                if d is None: problems.append("%s: document %r not found" % (et, e["doc"])); continue
                q = nows(e["quote"])
                if not q: problems.append("%s: empty quote" % et); continue
                pos = d[2].find(q)
                if pos < 0: problems.append("%s: quote not verbatim in %s: %s" % (et, e["doc"], e["quote"][:40])); continue
                if "article" in e:
                    if not isinstance(e["article"], str) or not e["article"].strip():
                        problems.append("%s: article must be a non-empty string" % et); continue
                    # try every occurrence; pass if one matches the label
                    errs, p = [], pos
                    while p >= 0:
                        err = check_article(d, p, len(q), e["article"])
                        if err is None: errs = []; break
                        errs.append(err); p = d[2].find(q, p + 1)
                    if errs: problems.append("%s: %s" % (et, errs[0]))
    for i, c in ids.items():
        if c > 1: problems.append("duplicate id %r (%d times)" % (i, c))
    # summary
    ans = [i for i in items if i.get("answerable") is True]
    multi = [i for i in items if len(i.get("turns") or []) > 1]
    docs = Counter(e["doc"] for i in ans for e in i.get("evidence", []) if isinstance(e, dict))
    print("items: %d  answerable: %d  unanswerable: %d  multi-turn: %d (answerable final: %d)" % (
        len(items), len(ans), len(items) - len(ans), len(multi), sum(1 for i in multi if i.get("answerable"))))
    print("single-turn answerable: %d; documents cited by answerable items: %d" % (
        sum(1 for i in ans if len(i["turns"]) == 1), len(docs)))
    for p in problems: print("PROBLEM:", p)
    print("problems: %d" % len(problems))
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
