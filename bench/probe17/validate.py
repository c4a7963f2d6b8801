#!/usr/bin/env python3
"""Validate probe17: every evidence quote is verbatim (whitespace removed) in the text
extracted from its document; every questions.jsonl line parses and has the required fields."""
import html
import json
import os
import re
import sys

BASE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(BASE, 'policies')
QF = os.path.join(BASE, 'questions.jsonl')
WS = re.compile(r'\s+', re.UNICODE)

def norm(s):
    return WS.sub('', s.replace('\u3000', ' ').replace('\xa0', ' '))

def extract_pdf(path):
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        a = '\n'.join((p.extract_text() or '') for p in pdf.pages)
    try:
        from pypdf import PdfReader
        b = '\n'.join((p.extract_text() or '') for p in PdfReader(path).pages)
    except Exception:
        b = None
    return a, b

def extract_docx(path):
    import docx
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return '\n'.join(parts)

def extract_html(path, problems):
    raw = open(path, 'rb').read()
    head = raw[:2000].decode('ascii', 'ignore').lower()
    if 'charset=gbk' not in head and 'charset="gbk"' not in head:
        problems.append('%s: no gbk meta charset' % os.path.basename(path))
    try:
        raw.decode('utf-8')
        problems.append('%s: file decodes as UTF-8 (expected GBK bytes)' % os.path.basename(path))
    except UnicodeDecodeError:
        pass
    s = raw.decode('gbk')
    s = re.sub(r'(?is)<(script|style)\b.*?</\1>', ' ', s)
    s = re.sub(r'(?s)<!--.*?-->', ' ', s)
    s = re.sub(r'(?s)<[^>]+>', ' ', s)
    return html.unescape(s)

def extract(name, problems):
    path = os.path.join(POL, name)
    ext = name.rsplit('.', 1)[-1].lower()
    if ext == 'pdf':
        return extract_pdf(path)
    if ext == 'docx':
        return extract_docx(path), None
    if ext in ('html', 'htm'):
        return extract_html(path, problems), None
    return open(path, encoding='utf-8').read(), None

REQ = {'id': str, 'turns': list, 'category': str, 'persona': str, 'region': (str, type(None)),
       'answerable': bool, 'evidence': list, 'answer_points': list, 'must_not': list, 'note': str}

def main():
    problems, warnings = [], []
    docs = sorted(f for f in os.listdir(POL) if not f.startswith('.'))
    texts = {}
    for d in docs:
        a, b = extract(d, problems)
        texts[d] = (norm(a), norm(b) if b is not None else None)
    items, ids = [], set()
    for n, line in enumerate(open(QF, encoding='utf-8'), 1):
        if not line.strip():
            problems.append('line %d: empty line' % n); continue
        try:
            q = json.loads(line)
        except Exception as e:
            problems.append('line %d: JSON error %s' % (n, e)); continue
        items.append(q)
        for k, t in REQ.items():
            if k not in q:
                problems.append('line %d: missing field %s' % (n, k))
            elif not isinstance(q[k], t):
                problems.append('line %d: field %s has wrong type' % (n, k))
        qid = q.get('id')
        if qid in ids: problems.append('line %d: duplicate id %s' % (n, qid))
        ids.add(qid)
        turns = q.get('turns') or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append('%s: turns must be a non-empty list of non-empty strings' % qid)
        if q.get('persona') not in ('family', 'staff', 'evaluator'):
            problems.append('%s: persona %r' % (qid, q.get('persona')))
        ap = q.get('answer_points', [])
        if not all(isinstance(p, list) and p and all(isinstance(s, str) and s for s in p) for p in ap):
            problems.append('%s: answer_points must be list of non-empty lists of strings' % qid)
        if not all(isinstance(s, str) and s for s in q.get('must_not', [])):
            problems.append('%s: must_not must be list of strings' % qid)
        ev = q.get('evidence', [])
        if q.get('answerable'):
            if not ev: problems.append('%s: answerable item without evidence' % qid)
            if not ap: problems.append('%s: answerable item without answer_points' % qid)
        elif ev:
            problems.append('%s: unanswerable item with evidence' % qid)
        evdocs = set()
        for e in ev:
            if not isinstance(e, dict) or 'doc' not in e or 'quote' not in e:
                problems.append('%s: evidence entry lacks doc/quote' % qid); continue
            if e['doc'] not in texts:
                problems.append('%s: unknown doc %s' % (qid, e['doc'])); continue
            evdocs.add(e['doc'])
            if 'article' in e and not (isinstance(e['article'], str) and e['article']):
                problems.append('%s: bad article' % qid)
            qn = norm(e['quote'])
            a, b = texts[e['doc']]
            if qn not in a:
                problems.append('%s: quote not verbatim in %s: %s' % (qid, e['doc'], e['quote'][:40]))
            elif b is not None and qn not in b:
                warnings.append('%s: quote found by pdfplumber but not pypdf: %s' % (qid, e['quote'][:40]))
        # every answer point of an answerable item should be supported by some alternative in its evidence docs
        if q.get('answerable') and evdocs:
            alltext = ''.join(texts[d][0] for d in evdocs)
            for p in ap:
                if not any(norm(s) in alltext for s in p):
                    warnings.append('%s: no alternative of answer point %s occurs in its evidence docs' % (qid, p))
    # counts
    ans = [q for q in items if q.get('answerable')]
    una = [q for q in items if not q.get('answerable')]
    per_doc = {}
    for q in ans:
        for d in {e['doc'] for e in q.get('evidence', [])}:
            per_doc[d] = per_doc.get(d, 0) + 1
    multi = [q['id'] for q in items if len(q.get('turns', [])) > 1]
    long_ = [q['id'] for q in items if q.get('turns') and len(q['turns'][-1]) >= 300]
    print('documents:', len(docs))
    for d in docs: print('  ', d, 'extracted chars:', len(texts[d][0]))
    print('items: %d  answerable: %d  unanswerable: %d' % (len(items), len(ans), len(una)))
    print('answerable per doc:', per_doc)
    print('multi-turn (%d): %s' % (len(multi), ' '.join(multi)))
    print('long stories >=300 chars (%d): %s' % (len(long_), ' '.join(long_)))
    for w in warnings: print('WARNING:', w)
    for p in problems: print('PROBLEM:', p)
    print('%d problems, %d warnings' % (len(problems), len(warnings)))
    return 1 if problems else 0

if __name__ == '__main__':
    sys.exit(main())
