#!/usr/bin/env python3
"""Check that every quote in expected/*.yaml occurs verbatim in its policy document.

Whitespace (including U+3000 and the hard line breaks of the .txt file) is removed
from both sides before the containment test.  For .html documents the raw source is
used (the quote must not cross a tag); the tag-stripped text is reported too.
"""
import glob
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

def squash(s):
    return "".join(ch for ch in s if not ch.isspace())

def article_spans(raw):
    """Map 第X条 (article start at line start) or 序号N (table row) to the squashed text of that unit."""
    spans = {}
    heads = list(re.finditer(r"^(?:\*\*)?(第[一二三四五六七八九十百零]+条)", raw, re.M))
    for k, m in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(raw)
        spans[m.group(1)] = squash(raw[m.start():end])
    for m in re.finditer(r"^\|\s*(\d+)\s*\|(.*)$", raw, re.M):
        spans["序号" + m.group(1)] = squash(m.group(2))
    return spans

def main():
    total = bad = 0
    for yp in sorted(glob.glob(os.path.join(HERE, "expected", "*.yaml"))):
        data = yaml.safe_load(open(yp, encoding="utf-8"))
        doc = data["doc"]
        stem = os.path.splitext(os.path.basename(yp))[0]
        if os.path.splitext(doc)[0] != stem:
            print(f"STEM MISMATCH {yp} -> {doc}")
            bad += 1
        raw = open(os.path.join(HERE, "policies", doc), encoding="utf-8").read()
        flat = squash(raw)
        flat_notags = squash(re.sub(r"<[^>]+>", "", raw)) if doc.endswith(".html") else flat
        spans = article_spans(raw)
        n = 0
        for i, b in enumerate(data["benefits"]):
            n += 1
            for key in ("article", "who", "what", "amount", "apply_to", "quote"):
                if key not in b:
                    print(f"  MISSING {key} in {doc} #{i}")
                    bad += 1
            if not isinstance(b.get("who"), list):
                print(f"  who not a list in {doc} #{i}")
                bad += 1
            q = squash(str(b.get("quote", "")))
            art = squash(str(b["article"]))
            if not q or q not in flat:
                print(f"  NOT VERBATIM {doc} {b['article']}: {b['quote']}")
                bad += 1
            elif doc.endswith(".html") and q not in flat_notags:
                print(f"  only in raw html? {doc} {b['article']}")
                bad += 1
            if art in spans and q not in spans[art]:
                print(f"  QUOTE NOT INSIDE {b['article']} in {doc}")
                bad += 1
            # article label must appear in the document (第X条 / 序号 N / 一、（一）1.)
            if art.startswith("第") and art not in flat:
                print(f"  ARTICLE LABEL NOT FOUND {doc} {b['article']}")
                bad += 1
        total += n
        print(f"{doc}: {n} benefits")
    print(f"total {total} benefits, {bad} problems")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
