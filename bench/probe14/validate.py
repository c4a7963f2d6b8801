#!/usr/bin/env python3
"""Validate /tmp/probe14: every evidence quote is verbatim (whitespace removed) in the text
extracted from its document, and every line of questions.jsonl parses and has the required fields.
Run with the local venv:  /tmp/probe14/.venv/bin/python /tmp/probe14/validate.py
"""
import html
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(HERE, 'policies')
QFILE = os.path.join(HERE, 'questions.jsonl')
REQUIRED = {'id': str, 'turns': list, 'category': str, 'persona': str, 'region': (str, type(None)),
            'answerable': bool, 'evidence': list, 'answer_points': list, 'must_not': list, 'note': str}
WS = re.compile(r'\s+')

def nows(s):
    return WS.sub('', s.replace('\u3000', ' ').replace('\xa0', ' '))

def extract(path):
    ext = os.path.splitext(path)[1].lower()
    if ext == '.pdf':
        texts = []
        try:
            import pdfplumber
            with pdfplumber.open(path) as pdf:
                texts.append('\n'.join(p.extract_text() or '' for p in pdf.pages))
        except ImportError:
            pass
        try:
            import pypdf
            texts.append('\n'.join(p.extract_text() or '' for p in pypdf.PdfReader(path).pages))
        except ImportError:
            pass
        if not texts:
            raise RuntimeError('neither pdfplumber nor pypdf is installed')
        return texts  # a quote must be found in every available extraction
    if ext == '.docx':
        import docx
        d = docx.Document(path)
        parts = []
        body = d.element.body
        for child in body.iterchildren():
            tag = child.tag.split('}')[-1]
            if tag == 'p':
                parts.append(''.join(t.text or '' for t in child.iter() if t.tag.endswith('}t')))
            elif tag == 'tbl':
                for tbl in d.tables:
                    if tbl._tbl is child:
                        for row in tbl.rows:
                            parts.append('\t'.join(c.text for c in row.cells))
        return ['\n'.join(parts)]
    if ext in ('.html', '.htm'):
        raw = open(path, 'rb').read()
        head = raw[:2048].decode('ascii', 'ignore').lower()
        enc = 'gbk' if ('charset=gbk' in head or 'charset="gbk"' in head or 'gb2312' in head) else 'utf-8'
        s = raw.decode(enc)  # strict: fails if the bytes are not valid in the declared charset
        s = re.sub(r'(?is)<(script|style)\b.*?</\1>', ' ', s)
        s = re.sub(r'(?s)<!--.*?-->', ' ', s)
        s = re.sub(r'(?s)<[^>]+>', ' ', s)
        return [html.unescape(s)]
    return [open(path, encoding='utf-8').read()]

def main():
    problems = []
    cache = {}
    def doc_texts(doc):
        if doc not in cache:
            p = os.path.join(POL, doc)
            if not os.path.isfile(p):
                cache[doc] = None
            else:
                cache[doc] = [nows(t) for t in extract(p)]
        return cache[doc]

    items = []
    with open(QFILE, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                problems.append(f'line {n}: blank line')
                continue
            try:
                o = json.loads(line)
            except Exception as e:
                problems.append(f'line {n}: JSON error {e}')
                continue
            if not isinstance(o, dict):
                problems.append(f'line {n}: not an object')
                continue
            for k, t in REQUIRED.items():
                if k not in o:
                    problems.append(f'line {n}: missing field {k}')
                elif not isinstance(o[k], t):
                    problems.append(f'line {n}: field {k} has type {type(o[k]).__name__}')
            items.append((n, o))

    ids = Counter(o.get('id') for _, o in items)
    for i, c in ids.items():
        if c > 1:
            problems.append(f'duplicate id {i}')

    stats = Counter()
    for n, o in items:
        iid = o.get('id', f'line{n}')
        turns = o.get('turns') or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append(f'{iid}: turns must be a non-empty list of non-empty strings')
        if o.get('persona') not in ('family', 'staff', 'evaluator'):
            problems.append(f'{iid}: persona {o.get("persona")!r}')
        ap = o.get('answer_points') or []
        if not all(isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p) for p in ap):
            problems.append(f'{iid}: answer_points must be a list of non-empty lists of strings')
        if not all(isinstance(s, str) for s in o.get('must_not') or []):
            problems.append(f'{iid}: must_not must be strings')
        ev = o.get('evidence') or []
        if o.get('answerable') is True:
            stats['answerable'] += 1
            if not ev:
                problems.append(f'{iid}: answerable item without evidence')
            if not ap:
                problems.append(f'{iid}: answerable item without answer_points')
        elif o.get('answerable') is False:
            stats['unanswerable'] += 1
            if ev:
                problems.append(f'{iid}: unanswerable item has evidence')
        if len(turns) > 1:
            stats['multi_turn'] += 1
        if turns and len(nows(turns[-1])) >= 300:
            stats['long_story'] += 1
        docs_here = []
        for e in ev:
            if not isinstance(e, dict) or not isinstance(e.get('doc'), str) or not isinstance(e.get('quote'), str):
                problems.append(f'{iid}: evidence entry needs doc and quote strings')
                continue
            if 'article' in e and not (isinstance(e['article'], str) and e['article'].strip()):
                problems.append(f'{iid}: empty/non-string article')
            texts = doc_texts(e['doc'])
            if texts is None:
                problems.append(f'{iid}: doc not found: {e["doc"]}')
                continue
            docs_here.append(e['doc'])
            q = nows(e['quote'])
            if len(q) < 6:
                problems.append(f'{iid}: quote too short: {e["quote"]!r}')
            for t in texts:
                if q not in t:
                    problems.append(f'{iid}: quote not verbatim in {e["doc"]}: {e["quote"]!r}')
                    break
            # article label must be written in the document too (for 条/款 labels, the 条 part)
            art = e.get('article')
            if art:
                base = re.match(r'(第[一二三四五六七八九十百零]+条)', art)
                probe = base.group(1) if base else None
                if probe and not any(probe in t for t in texts):
                    problems.append(f'{iid}: article {art} not found in {e["doc"]}')
            stats['evidence'] += 1
        # each answer point of an answerable item must be grounded: one alternative appears in its docs
        if o.get('answerable') is True and docs_here:
            alltext = ''.join(t for d in set(docs_here) for t in doc_texts(d))
            for p in ap:
                if not any(nows(s) in alltext for s in p):
                    problems.append(f'{iid}: answer point {p} has no alternative found in its evidence docs')
        stats['items'] += 1
        stats['doc:' + (ev[0]['doc'] if ev and isinstance(ev[0], dict) else '-')] += 1

    for k in sorted(stats):
        print(f'{k}: {stats[k]}')
    for p in problems:
        print('PROBLEM:', p)
    print(f'{len(problems)} problems')
    return 1 if problems else 0

if __name__ == '__main__':
    sys.exit(main())
