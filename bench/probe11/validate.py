#!/usr/bin/env python3
"""Validate a question set in the shared eval format (docs/eval-format.md).

Checks: every line parses as a JSON object; required fields with the right types;
unique ids; answerable items carry evidence and answer points; every evidence doc
exists; every quote is verbatim in its document (whitespace deleted on both sides);
every article label occurs in the document.
Documents: markdown/text as is; HTML with script/style dropped, tags stripped,
entities unescaped, decoded by the declared charset (GBK family or UTF-8);
.docx via python-docx.

usage: python3 validate.py [questions.jsonl] [--docs DIR ...]
"""
import argparse
import html
import json
import os
import re
import sys
from html.parser import HTMLParser

DEFAULT_DOCS = ["/work/shared/corpus-real", "/work/shared/seeds"]
REQUIRED = {"id": str, "turns": list, "category": str, "persona": str, "region": (str, type(None)),
            "answerable": bool, "evidence": list, "answer_points": list, "must_not": list, "note": str}
PERSONAS = {"family", "staff", "evaluator"}
WS = re.compile(r"\s+")


def nows(s):
    return WS.sub("", s)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_charset(raw):
    head = raw[:8192].decode("ascii", "ignore")
    m = re.search(r"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", head, re.I)
    cs = (m.group(1).lower() if m else "utf-8")
    if cs in ("gbk", "gb2312", "gb18030", "x-gbk"):
        return "gb18030"
    return cs


def html_text(raw):
    text = raw.decode(html_charset(raw), errors="replace")
    p = _Text()
    p.feed(text)
    p.close()
    return html.unescape("".join(p.out))


def doc_text(path):
    low = path.lower()
    if low.endswith(".docx"):
        import docx  # python-docx (/work/main/.venv/bin/python has it)
        d = docx.Document(path)
        parts = [para.text for para in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for cell in row.cells:
                    parts.append(cell.text)
        return "\n".join(parts)
    raw = open(path, "rb").read()
    if low.endswith((".html", ".htm", ".shtml")):
        return html_text(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("questions", nargs="?", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "questions.jsonl"))
    ap.add_argument("--docs", nargs="*", default=DEFAULT_DOCS)
    a = ap.parse_args()

    index = {}
    for d in a.docs:
        for name in sorted(os.listdir(d)):
            if name.lower() == "readme.md":
                continue  # a README is not a document
            index.setdefault(name, os.path.join(d, name))
    cache = {}

    def text_of(doc):
        if doc not in cache:
            cache[doc] = nows(doc_text(index[doc]))
        return cache[doc]

    problems, warnings, ids = [], [], set()
    counts = {"items": 0, "answerable": 0, "unanswerable": 0, "single_turn": 0, "multi_turn": 0,
              "multi_answerable": 0, "multi_unanswerable": 0, "quotes": 0, "with_region": 0}
    for ln, line in enumerate(open(a.questions, encoding="utf-8"), 1):
        if not line.strip():
            problems.append(f"line {ln}: empty line")
            continue
        try:
            it = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {ln}: not JSON ({e})")
            continue
        if not isinstance(it, dict):
            problems.append(f"line {ln}: not an object")
            continue
        tag = f"line {ln} ({it.get('id')})"
        bad = False
        for k, t in REQUIRED.items():
            if k not in it:
                problems.append(f"{tag}: missing field {k}")
                bad = True
            elif not isinstance(it[k], t) or (t is str and not isinstance(it[k], str)):
                problems.append(f"{tag}: field {k} has type {type(it[k]).__name__}")
                bad = True
        if bad:
            continue
        counts["items"] += 1
        if it["id"] in ids:
            problems.append(f"{tag}: duplicate id")
        ids.add(it["id"])
        if not it["turns"] or not all(isinstance(t, str) and t.strip() for t in it["turns"]):
            problems.append(f"{tag}: turns must be a non-empty list of non-empty strings")
        if it["persona"] not in PERSONAS:
            problems.append(f"{tag}: persona {it['persona']!r} not in {sorted(PERSONAS)}")
        if isinstance(it["region"], str) and not it["region"].strip():
            problems.append(f"{tag}: region is an empty string (use null)")
        if not it["note"].strip():
            problems.append(f"{tag}: empty note")
        for ap_ in it["answer_points"]:
            if not isinstance(ap_, list) or not ap_ or not all(isinstance(s, str) and nows(s) for s in ap_):
                problems.append(f"{tag}: each answer point must be a non-empty list of non-empty strings")
        if not all(isinstance(s, str) and nows(s) for s in it["must_not"]):
            problems.append(f"{tag}: must_not must hold non-empty strings")
        if it["answerable"]:
            counts["answerable"] += 1
            if not it["evidence"]:
                problems.append(f"{tag}: answerable item without evidence")
            if not it["answer_points"]:
                problems.append(f"{tag}: answerable item without answer_points")
        else:
            counts["unanswerable"] += 1
        if len(it["turns"]) > 1:
            counts["multi_turn"] += 1
            counts["multi_answerable" if it["answerable"] else "multi_unanswerable"] += 1
        else:
            counts["single_turn"] += 1
        if it["region"]:
            counts["with_region"] += 1
        for j, e in enumerate(it["evidence"]):
            et = f"{tag} evidence[{j}]"
            if not isinstance(e, dict) or not isinstance(e.get("doc"), str) or not isinstance(e.get("quote"), str):
                problems.append(f"{et}: needs string doc and quote")
                continue
            if e["doc"] not in index:
                problems.append(f"{et}: unknown doc {e['doc']!r}")
                continue
            counts["quotes"] += 1
            q = nows(e["quote"])
            if not q:
                problems.append(f"{et}: empty quote")
                continue
            body = text_of(e["doc"])
            if q not in body:
                problems.append(f"{et}: quote not verbatim in {e['doc']}: {e['quote'][:40]}...")
            art = e.get("article")
            if art is not None:
                if not isinstance(art, str) or not nows(art):
                    problems.append(f"{et}: article must be a non-empty string")
                elif nows(art) not in body:
                    problems.append(f"{et}: article label {art!r} not found in {e['doc']}")
        # soft check: some alternative of each answer point appears in the quotes
        if it["answerable"] and it["evidence"]:
            qs = "".join(nows(e.get("quote", "")) for e in it["evidence"] if isinstance(e, dict))
            for ap_ in it["answer_points"]:
                if isinstance(ap_, list) and not any(nows(s) in qs for s in ap_ if isinstance(s, str)):
                    warnings.append(f"{tag}: no alternative of answer point {ap_} occurs in its quotes")

    for w in warnings:
        print("warning:", w)
    for p in problems:
        print("PROBLEM:", p)
    print("counts:", json.dumps(counts, ensure_ascii=False))
    print(f"{len(problems)} problems, {len(warnings)} warnings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
