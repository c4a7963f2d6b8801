#!/usr/bin/env python3
"""Check the answer key in expected/*.yaml against the documents in policies/.

For every entry:
  * the quote must occur verbatim in the document once all whitespace is removed
    from both (for .html the text is also compared after removing tags and
    unescaping entities; a quote counts as found if either form contains it);
  * the quote must lie inside the unit named by `article`:
      - 第X条 documents (.txt/.md): between that article's heading and the next one;
      - the HTML notice: the 一、/（一）/1. path of the paragraph holding the quote;
      - the Markdown table: the row whose 序号 cell equals `article`.
Also checks that every entry has the required keys.
"""
import glob
import html
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = ["article", "who", "what", "amount", "apply_to", "quote"]
WS = re.compile(r"\s+")
ART = re.compile(r"^[\s\u3000>*]*(第[一二三四五六七八九十百零]+条)", re.M)


def strip(s):
    return WS.sub("", s)


def html_paragraphs(raw):
    paras = re.findall(r"<p[^>]*>(.*?)</p>", raw, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in paras]


def article_spans(raw):
    hits = [(m.group(1), m.start()) for m in ART.finditer(raw)]
    spans = {}
    for i, (label, start) in enumerate(hits):
        end = hits[i + 1][1] if i + 1 < len(hits) else len(raw)
        spans.setdefault(label, []).append(raw[start:end])
    return spans


def html_path_of(paras, q):
    top = sec = item = ""
    for p in paras:
        t = strip(p)
        m = re.match(r"^([一二三四五六七八九十]+、)", t)
        if m:
            top, sec, item = m.group(1), "", ""
        m = re.match(r"^(（[一二三四五六七八九十]+）)", t)
        if m:
            sec, item = m.group(1), ""
        m = re.match(r"^(\d+)[.．、]", t)
        if m:
            item = m.group(1)
        if q in t:
            return top + sec + item
    return None


def table_row(raw, label):
    for line in raw.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and cells and cells[0] == label:
            return line
    return None


def main():
    total = bad = 0
    for yf in sorted(glob.glob(os.path.join(HERE, "expected", "*.yaml"))):
        key = yaml.safe_load(open(yf, encoding="utf-8"))
        doc = key["doc"]
        raw = open(os.path.join(HERE, "policies", doc), encoding="utf-8").read()
        flat = strip(raw)
        is_html = doc.endswith(".html")
        paras = html_paragraphs(raw) if is_html else []
        flat_text = strip("".join(paras)) if is_html else flat
        spans = article_spans(raw)
        n_ok = 0
        for i, b in enumerate(key["benefits"], 1):
            total += 1
            problems = []
            missing = [k for k in KEYS if k not in b]
            if missing:
                problems.append(f"missing keys {missing}")
            if not isinstance(b.get("who"), list):
                problems.append("who is not a list")
            q = strip(b.get("quote", ""))
            art = str(b.get("article", ""))
            if not q:
                problems.append("empty quote")
            elif q not in flat and q not in flat_text:
                problems.append("quote NOT verbatim in document")
            else:
                if is_html:
                    path = html_path_of(paras, q)
                    if path != strip(art):
                        problems.append(f"quote found under {path!r}, key says {art!r}")
                elif art.startswith("第") and art.endswith("条"):
                    if art not in spans:
                        problems.append(f"article {art} not found as a heading")
                    elif not any(q in strip(s) for s in spans[art]):
                        problems.append(f"quote not inside {art}")
                else:
                    row = table_row(raw, art)
                    if row is None:
                        problems.append(f"table row {art!r} not found")
                    elif q not in strip(row):
                        problems.append(f"quote not inside table row {art}")
            if problems:
                bad += 1
                print(f"FAIL {os.path.basename(yf)} #{i} {art} {b.get('what')}: {'; '.join(problems)}")
            else:
                n_ok += 1
        print(f"{os.path.basename(yf):<24} {doc:<22} {len(key['benefits']):2d} benefits, {n_ok:2d} ok")
    print(f"TOTAL {total} benefits, {bad} failing")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
