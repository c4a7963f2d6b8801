"""Check that every quote in expected/*.yaml occurs verbatim (whitespace ignored) in its document,
and that every entry's article label occurs in the document too.

Document text: .txt/.md read as-is; .html with tags removed and entities unescaped;
.docx from word/document.xml (w:t runs, paragraphs separated) via zipfile - no python-docx needed.
"""
import glob
import html
import os
import re
import sys
import zipfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

def doc_text(path):
    if path.endswith(".docx"):
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        paras = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
        return "\n".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paras)
    raw = open(path, encoding="utf-8").read()
    if path.endswith((".html", ".htm")):
        raw = re.sub(r"<(script|style)\b.*?</\1>", "", raw, flags=re.S)
        raw = html.unescape(re.sub(r"<[^>]+>", "", raw))
    return raw

def squash(s):
    return re.sub(r"\s+", "", s)          # \s covers U+3000 ideographic space in Python 3

def label_found(label, text):
    """第X条 labels must occur literally; path labels like 一、（一）1. must occur part by part, in order."""
    label = squash(label)
    if re.fullmatch(r"第[一二三四五六七八九十百零〇]+条", label):
        return label in text
    parts = re.findall(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.", label)
    if "".join(parts) != label:
        return False
    pos = 0
    for part in parts:
        pos = text.find(part, pos)
        if pos < 0:
            return False
        pos += len(part)
    return True

def main():
    total, bad = 0, 0
    for yp in sorted(glob.glob(os.path.join(HERE, "expected", "*.yaml"))):
        data = yaml.safe_load(open(yp, encoding="utf-8"))
        doc = data["doc"]
        stem = os.path.splitext(os.path.basename(yp))[0]
        if os.path.splitext(doc)[0] != stem:
            print(f"STEM MISMATCH {yp} -> {doc}")
            bad += 1
        text = squash(doc_text(os.path.join(HERE, "policies", doc)))
        n = 0
        for i, b in enumerate(data["benefits"]):
            n += 1
            for k in ("article", "who", "what", "amount", "apply_to", "quote"):
                if k not in b:
                    print(f"{doc} #{i}: missing key {k}")
                    bad += 1
            if not isinstance(b.get("who"), list):
                print(f"{doc} #{i}: who is not a list")
                bad += 1
            if squash(b["quote"]) not in text:
                print(f"{doc} #{i} {b['article']}: QUOTE NOT FOUND: {b['quote']}")
                bad += 1
            if not label_found(str(b["article"]), text):
                print(f"{doc} #{i}: ARTICLE LABEL NOT FOUND: {b['article']}")
                bad += 1
            for field in ("amount", "apply_to"):
                v = b.get(field) or ""
                if v and squash(v) not in text:
                    print(f"{doc} #{i} {b['article']}: note: {field} '{v}' is not a literal substring")
        total += n
        print(f"{doc}: {n} benefits")
    print(f"TOTAL {total} benefits, {bad} problem(s)")
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
