#!/usr/bin/env python3
"""Validate /tmp/probe22: every evidence quote is verbatim (whitespace removed) in the text
extracted from its document; every line of questions.jsonl parses and has the required fields."""
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

def extract(path):
    ext = path.rsplit('.', 1)[-1].lower()
    if ext == 'pdf':
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            t1 = '\n'.join((p.extract_text() or '') for p in pdf.pages)
        from pypdf import PdfReader
        t2 = '\n'.join((p.extract_text() or '') for p in PdfReader(path).pages)
        return [t1, t2]          # a quote must be found in BOTH extractions
    if ext == 'docx':
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        d = docx.Document(path)
        out = []
        for el in d.element.body.iterchildren():
            tag = el.tag.rsplit('}', 1)[-1]
            if tag == 'p':
                out.append(Paragraph(el, d).text)
            elif tag == 'tbl':
                for row in Table(el, d).rows:
                    for c in row.cells:
                        out.append(c.text)
        return ['\n'.join(out)]
    if ext in ('html', 'htm'):
        raw = open(path, 'rb').read()
        m = re.search(rb'charset\s*=\s*["\']?([A-Za-z0-9_\-]+)', raw[:4096])
        if not m:
            raise ValueError('no declared charset')
        t = raw.decode(m.group(1).decode('ascii'))
        t = re.sub(r'(?is)<(script|style)\b.*?</\1>', ' ', t)
        t = re.sub(r'(?s)<!--.*?-->', ' ', t)
        t = re.sub(r'(?s)<[^>]+>', ' ', t)
        return [html.unescape(t)]
    return [open(path, encoding='utf-8').read()]

REQ = {'id': str, 'turns': list, 'category': str, 'persona': str, 'region': (str, type(None)),
       'answerable': bool, 'evidence': list, 'answer_points': list, 'must_not': list, 'note': str}

def main():
    problems = []
    texts = {}
    for f in sorted(os.listdir(POL)):
        try:
            texts[f] = [WS.sub('', t) for t in extract(os.path.join(POL, f))]
        except Exception as e:
            problems.append(f'{f}: extraction failed: {e}')
    ids = Counter(); n = 0; stats = Counter()
    for ln, line in enumerate(open(QF, encoding='utf-8'), 1):
        if not line.strip():
            problems.append(f'line {ln}: blank line'); continue
        try:
            q = json.loads(line)
        except Exception as e:
            problems.append(f'line {ln}: JSON error {e}'); continue
        n += 1
        for k, t in REQ.items():
            if k not in q:
                problems.append(f'line {ln}: missing field {k}')
            elif not isinstance(q[k], t):
                problems.append(f'line {ln}: field {k} has wrong type')
        qid = q.get('id'); ids[qid] += 1
        turns = q.get('turns') or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append(f'{qid}: turns must be non-empty strings')
        if q.get('persona') not in ('family', 'staff', 'evaluator'):
            problems.append(f'{qid}: bad persona')
        ap = q.get('answer_points', [])
        if not all(isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p) for p in ap):
            problems.append(f'{qid}: answer_points must be a list of non-empty lists of strings')
        if not all(isinstance(s, str) and s for s in q.get('must_not', [])):
            problems.append(f'{qid}: must_not must be strings')
        ev = q.get('evidence', [])
        if q.get('answerable') is True:
            stats['answerable'] += 1
            if not ev: problems.append(f'{qid}: answerable item without evidence')
            if not ap: problems.append(f'{qid}: answerable item without answer_points')
        elif q.get('answerable') is False:
            stats['unanswerable'] += 1
            if ev: problems.append(f'{qid}: unanswerable item has evidence')
        if len(turns) > 1: stats['multi_turn'] += 1
        if turns and len(turns[-1]) >= 300: stats['long_story'] += 1
        for e in ev:
            if not isinstance(e, dict) or 'doc' not in e or 'quote' not in e:
                problems.append(f'{qid}: evidence entry needs doc and quote'); continue
            if e['doc'] not in texts:
                problems.append(f'{qid}: unknown doc {e["doc"]}'); continue
            qt = WS.sub('', e['quote'])
            if len(qt) < 4:
                problems.append(f'{qid}: quote too short')
            for i, t in enumerate(texts[e['doc']]):
                if qt not in t:
                    problems.append(f'{qid}: quote not verbatim in {e["doc"]} (extraction {i}): {e["quote"][:40]}')
            art = e.get('article')
            if art is not None:
                if not isinstance(art, str) or not art.strip():
                    problems.append(f'{qid}: empty article')
                else:
                    m = re.match(r'(第[一二三四五六七八九十百零]+条)', art)
                    lab = WS.sub('', art)
                    if m:
                        keys = [m.group(1)]
                    elif re.fullmatch(r'([一二三四五六七八九十]+、)?(（[一二三四五六七八九十]+）)?(\d+[.．]?)?', lab):
                        keys = [re.sub(r'(\d+)[.．]?$', r'\1', k) for k in re.findall(r'[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．]?', lab)]
                    else:
                        keys = [lab]
                    if not all(any(k in t for t in texts[e['doc']]) for k in keys):
                        problems.append(f'{qid}: article label {art} not found in {e["doc"]}')
    for k, c in ids.items():
        if c > 1: problems.append(f'duplicate id {k}')
    print(f'items: {n}  answerable: {stats["answerable"]}  unanswerable: {stats["unanswerable"]}  '
          f'multi-turn: {stats["multi_turn"]}  long stories (>=300 chars): {stats["long_story"]}  docs: {len(texts)}')
    for p in problems: print('PROBLEM:', p)
    print(f'{len(problems)} problems')
    return 1 if problems else 0

if __name__ == '__main__':
    sys.exit(main())
