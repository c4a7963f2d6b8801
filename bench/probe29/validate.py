#!/usr/bin/env python3
"""Validate questions.jsonl beside it against the documents in policies/ beside it.

Checks:
  * every line parses as JSON and has the required fields with the right types (eval-format.md);
  * ids are unique;
  * every evidence quote is verbatim (after deleting all whitespace) in the text extracted from its
    document: PDF via pdfplumber (pypdf as a fallback), .docx via python-docx (paragraphs + table
    cells), .html with script/style removed and tags stripped (charset from <meta>), other files as
    plain text (UTF-8, else GBK);
  * every evidence article label occurs in the document text;
  * answerable items have evidence and answer points, and each answer point has at least one
    alternative that occurs in one of the evidence documents (sanity check against typos);
  * the counts asked for (45 items, 30 answerable = 6 per document, 15 unanswerable, 6 multi-turn,
    2 stories of 300+ characters).
Prints every problem and ends with "N problems".
"""
import html
import json
import os
import re
import sys
from collections import Counter

BASE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(BASE, 'policies')
QF = os.path.join(BASE, 'questions.jsonl')
WS = re.compile(r'\s+')


def squash(s):
    return WS.sub('', s)


def read_bytes_text(raw):
    for enc in ('utf-8', 'gbk'):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode('gb18030', errors='replace')


def extract_pdf(path):
    try:
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            return '\n'.join((p.extract_text() or '') for p in pdf.pages)
    except ImportError:
        from pypdf import PdfReader
        return '\n'.join((p.extract_text() or '') for p in PdfReader(path).pages)


def extract_docx(path):
    import docx
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            seen = set()
            cells = []
            for c in row.cells:
                if id(c._tc) in seen:
                    continue
                seen.add(id(c._tc))
                cells.append(c.text)
            parts.append('\t'.join(cells))
    return '\n'.join(parts)


def extract_html(path):
    raw = open(path, 'rb').read()
    m = re.search(rb'charset\s*=\s*["\']?([A-Za-z0-9_-]+)', raw[:2048])
    enc = m.group(1).decode('ascii').lower() if m else 'utf-8'
    if enc in ('gb2312', 'gbk'):
        enc = 'gb18030'
    s = raw.decode(enc)
    s = re.sub(r'(?is)<(script|style)\b.*?</\1>', ' ', s)
    s = re.sub(r'(?s)<!--.*?-->', ' ', s)
    s = re.sub(r'(?s)<[^>]+>', ' ', s)
    return html.unescape(s)


def extract(path):
    ext = os.path.splitext(path)[1].lower()
    if ext == '.pdf':
        return extract_pdf(path)
    if ext == '.docx':
        return extract_docx(path)
    if ext in ('.html', '.htm'):
        return extract_html(path)
    return read_bytes_text(open(path, 'rb').read())


REQ = {'id': str, 'turns': list, 'category': str, 'persona': str, 'answerable': bool,
       'evidence': list, 'answer_points': list, 'must_not': list, 'note': str}


def main():
    problems = []
    texts = {}
    for fn in sorted(os.listdir(POL)):
        texts[fn] = squash(extract(os.path.join(POL, fn)))
    items = []
    with open(QF, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                problems.append('line %d: empty line' % n)
                continue
            try:
                q = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append('line %d: JSON error %s' % (n, e))
                continue
            items.append((n, q))
    ids = Counter(q.get('id') for _, q in items)
    for i, c in ids.items():
        if c > 1:
            problems.append('duplicate id %s' % i)
    per_doc = Counter()
    multi = stories = ans = unans = 0
    for n, q in items:
        tag = 'line %d (%s)' % (n, q.get('id'))
        for k, t in REQ.items():
            if k not in q:
                problems.append('%s: missing field %s' % (tag, k))
            elif not isinstance(q[k], t):
                problems.append('%s: field %s should be %s' % (tag, k, t.__name__))
        if 'region' not in q:
            problems.append('%s: missing field region' % tag)
        elif q['region'] is not None and not isinstance(q['region'], str):
            problems.append('%s: region must be string or null' % tag)
        if q.get('persona') not in ('family', 'staff', 'evaluator'):
            problems.append('%s: persona %r' % (tag, q.get('persona')))
        turns = q.get('turns') or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append('%s: turns must be a non-empty list of strings' % tag)
        if len(turns) > 1:
            multi += 1
        if turns and len(squash(turns[-1])) >= 300:
            stories += 1
        pts = q.get('answer_points', [])
        if not all(isinstance(p, list) and p and all(isinstance(s, str) and s for s in p) for p in pts):
            problems.append('%s: answer_points must be a list of non-empty lists of strings' % tag)
        if not all(isinstance(s, str) for s in q.get('must_not', [])):
            problems.append('%s: must_not must be strings' % tag)
        evid = q.get('evidence', [])
        docs = set()
        for e in evid:
            if not isinstance(e, dict) or 'doc' not in e or 'quote' not in e:
                problems.append('%s: evidence entries need doc and quote' % tag)
                continue
            doc = e['doc']
            if doc not in texts:
                problems.append('%s: unknown doc %s' % (tag, doc))
                continue
            docs.add(doc)
            if squash(e['quote']) not in texts[doc]:
                problems.append('%s: quote not verbatim in %s: %s' % (tag, doc, e['quote']))
            if 'article' in e and squash(e['article']) not in texts[doc]:
                # a path label like 二、（三）4. need not occur contiguously; check its last part
                last = re.split(r'(?<=[、）.])', e['article'])
                last = [x for x in last if x][-1]
                if squash(last) not in texts[doc]:
                    problems.append('%s: article label %s not found in %s' % (tag, e['article'], doc))
        if q.get('answerable') is True:
            ans += 1
            if not evid:
                problems.append('%s: answerable item without evidence' % tag)
            if not pts:
                problems.append('%s: answerable item without answer_points' % tag)
            for d in docs:
                per_doc[d] += 1
            for p in pts:
                if docs and not any(squash(s) in texts[d] for s in p for d in docs):
                    problems.append('%s: no alternative of answer point %s occurs in evidence docs' % (tag, p))
        elif q.get('answerable') is False:
            unans += 1
            if evid:
                problems.append('%s: unanswerable item has evidence' % tag)
    total = len(items)
    print('items %d, answerable %d, unanswerable %d, multi-turn %d, long stories (300+ chars) %d'
          % (total, ans, unans, multi, stories))
    for d in sorted(texts):
        print('  answerable on %-45s %d' % (d, per_doc[d]))
    expect = [(total, 45, 'items'), (ans, 30, 'answerable'), (unans, 15, 'unanswerable'),
              (multi, 6, 'multi-turn items'), (stories, 2, 'long stories')]
    for got, want, what in expect:
        if got != want:
            problems.append('count of %s is %d, expected %d' % (what, got, want))
    for d in texts:
        if per_doc[d] != 6:
            problems.append('document %s has %d answerable items, expected 6' % (d, per_doc[d]))
    for p in problems:
        print('PROBLEM:', p)
    print('%d problems' % len(problems))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
