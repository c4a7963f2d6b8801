#!/usr/bin/env python3
"""Validate /tmp/probe27/questions.jsonl against the shared eval format.

Checks:
  * every line is a JSON object with the required fields and types
  * ids are unique; persona is family/staff/evaluator; region is a string or null
  * answerable items have evidence and answer points; answer points are lists of non-empty strings
  * every evidence doc exists (corpus-real/ or seeds/) and every quote occurs verbatim in it
    after deleting all whitespace. Markdown/text are used as is; HTML has script/style/comments
    and tags removed and entities unescaped, decoded with the charset the file declares
    (UTF-8 or GBK); .docx is read with python-docx.
  * when an article label is given, the quote lies inside that article
    (第X条 via the article headings of the law text, 第X条第N款 via its paragraphs,
    （八） via the nearest preceding bracketed item label).
Usage: python3 validate.py [questions.jsonl]
Prints each problem and, last, "N problems".
"""
import html
import json
import os
import re
import sys

DOC_DIRS = ["/work/shared/corpus-real", "/work/shared/seeds"]
REQUIRED = {
    "id": str, "turns": list, "category": str, "persona": str, "region": (str, type(None)),
    "answerable": bool, "evidence": list, "answer_points": list, "must_not": list, "note": str,
}
PERSONAS = {"family", "staff", "evaluator"}
CN_NUM = "零一二三四五六七八九十百千"
WS = re.compile(r"\s+")


def nows(s):
    return WS.sub("", s)


def find_doc(name):
    for d in DOC_DIRS:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return p
    return None


def html_charset(raw):
    head = raw[:4096].decode("ascii", "ignore")
    m = re.search(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", head, re.I)
    if m:
        cs = m.group(1).lower()
        if cs in ("gb2312", "gbk", "gb18030"):
            return "gb18030"
        return cs
    return "utf-8"


def html_text(raw):
    t = raw.decode(html_charset(raw), errors="replace")
    t = re.sub(r"(?is)<(script|style)\b[^>]*>.*?</\1\s*>", " ", t)
    t = re.sub(r"(?s)<!--.*?-->", " ", t)
    t = re.sub(r"(?s)<[^>]+>", " ", t)
    return html.unescape(t)


def docx_text(path):
    import docx  # python-docx
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for tb in d.tables:
        for row in tb.rows:
            for c in row.cells:
                parts.append(c.text)
    return "\n".join(parts)


_cache = {}


def doc_text(path):
    if path not in _cache:
        low = path.lower()
        if low.endswith((".html", ".htm")):
            with open(path, "rb") as f:
                txt = html_text(f.read())
        elif low.endswith(".docx"):
            txt = docx_text(path)
        else:
            with open(path, "rb") as f:
                raw = f.read()
            try:
                txt = raw.decode("utf-8")
            except UnicodeDecodeError:
                txt = raw.decode("gb18030", errors="replace")
        _cache[path] = txt
    return _cache[path]


def cn2int(s):
    """Chinese numeral up to 99 (一, 十, 十二, 二十三) -> int, or None."""
    d = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if not s or any(c not in d and c != "十" for c in s):
        return None
    if "十" not in s:
        return d[s] if len(s) == 1 else None
    a, _, b = s.partition("十")
    return (d[a] if a else 1) * 10 + (d[b] if b else 0)


ART_HEAD = re.compile(r"(?m)^\s*(第[%s]+条)" % CN_NUM)
ITEM_LINE = re.compile(r"^\s*[（(][%s]+[）)]" % CN_NUM)
BRACKET = re.compile(r"[（(]([%s]+)[）)]" % CN_NUM)


def article_segments(text):
    """[(label, segment_text)] split on article headings at line start."""
    heads = list(ART_HEAD.finditer(text))
    segs = []
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        segs.append((m.group(1), text[m.start():end]))
    return segs


def check_article(text, quote_n, label):
    """Return None if ok, else a message."""
    m = re.fullmatch(r"(第[%s]+条)(?:第([%s]+)款)?" % (CN_NUM, CN_NUM), label)
    if m:
        art, para = m.group(1), m.group(2)
        segs = [s for l, s in article_segments(text) if l == art]
        if not segs:
            return "article %s not found in document" % art
        for seg in segs:
            if quote_n in nows(seg):
                if para is None:
                    return None
                # paragraphs (款) = non-empty lines that are not items （一）…
                paras = [ln for ln in seg.splitlines() if ln.strip() and not ITEM_LINE.match(ln)
                         and not ln.strip().startswith("#")]
                idx = cn2int(para)
                if idx is None:
                    return "cannot parse paragraph number in %s" % label
                if idx <= len(paras) and quote_n in nows(paras[idx - 1]):
                    return None
                # a quote may start in the paragraph and run into following items
                if idx <= len(paras):
                    joined = nows("".join(seg.splitlines()))
                    start = joined.find(nows(paras[idx - 1]))
                    nxt = joined.find(nows(paras[idx])) if idx < len(paras) else len(joined)
                    pos = joined.find(quote_n)
                    if start >= 0 and start <= pos and (nxt < 0 or pos < nxt):
                        return None
                return "quote not in paragraph %s of %s" % (para, art)
        return "quote not inside %s" % art
    b = BRACKET.fullmatch(label)
    if b:
        tn = nows(text)
        pos = tn.find(quote_n)
        if pos < 0:
            return "quote not found"
        # nearest bracketed numeral label that precedes (or opens) the quote
        last = None
        for mm in BRACKET.finditer(tn):
            if mm.start() <= pos:
                last = mm
            else:
                break
        if last is None or last.group(1) != b.group(1):
            return "nearest preceding item label is %s, not %s" % (last.group(0) if last else None, label)
        return None
    return "unrecognised article label format"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "questions.jsonl")
    problems = []
    ids = set()
    counts = {"total": 0, "answerable": 0, "unanswerable": 0, "multi_turn": 0}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for ln, line in enumerate(lines, 1):
        where = "line %d" % ln
        try:
            it = json.loads(line)
        except Exception as e:
            problems.append("%s: JSON parse error: %s" % (where, e))
            continue
        if not isinstance(it, dict):
            problems.append("%s: not an object" % where)
            continue
        where = "line %d (%s)" % (ln, it.get("id"))
        for k, t in REQUIRED.items():
            if k not in it:
                problems.append("%s: missing field %s" % (where, k))
            elif not isinstance(it[k], t):
                problems.append("%s: field %s has wrong type %s" % (where, k, type(it[k]).__name__))
        if any(k not in it or not isinstance(it[k], REQUIRED[k]) for k in REQUIRED):
            continue
        counts["total"] += 1
        counts["answerable" if it["answerable"] else "unanswerable"] += 1
        if len(it["turns"]) > 1:
            counts["multi_turn"] += 1
        if it["id"] in ids:
            problems.append("%s: duplicate id" % where)
        ids.add(it["id"])
        if not it["turns"] or not all(isinstance(t, str) and t.strip() for t in it["turns"]):
            problems.append("%s: turns must be non-empty strings" % where)
        if it["persona"] not in PERSONAS:
            problems.append("%s: persona %r not in %s" % (where, it["persona"], sorted(PERSONAS)))
        if isinstance(it["region"], str) and not it["region"].strip():
            problems.append("%s: empty region string (use null)" % where)
        if not it["note"].strip():
            problems.append("%s: empty note" % where)
        for ap in it["answer_points"]:
            if not isinstance(ap, list) or not ap or not all(isinstance(s, str) and s.strip() for s in ap):
                problems.append("%s: answer point must be a non-empty list of non-empty strings: %r" % (where, ap))
        if not all(isinstance(s, str) and s.strip() for s in it["must_not"]):
            problems.append("%s: must_not must be non-empty strings" % where)
        if it["answerable"]:
            if not it["evidence"]:
                problems.append("%s: answerable item without evidence" % where)
            if not it["answer_points"]:
                problems.append("%s: answerable item without answer_points" % where)
        for j, e in enumerate(it["evidence"]):
            w = "%s evidence[%d]" % (where, j)
            if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                problems.append("%s: needs string doc and quote" % w)
                continue
            p = find_doc(e["doc"])
            if p is None:
                problems.append("%s: document %r not found" % (w, e["doc"]))
                continue
            q = nows(e["quote"])
            if not q:
                problems.append("%s: empty quote" % w)
                continue
            text = doc_text(p)
            if q not in nows(text):
                problems.append("%s: quote not verbatim in %s: %s" % (w, e["doc"], e["quote"][:60]))
                continue
            if "article" in e:
                if not isinstance(e["article"], str) or not e["article"].strip():
                    problems.append("%s: article must be a non-empty string" % w)
                    continue
                msg = check_article(text, q, e["article"].strip())
                if msg:
                    problems.append("%s: article %s: %s" % (w, e["article"], msg))
    for p in problems:
        print(p)
    print("counts:", json.dumps(counts))
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
