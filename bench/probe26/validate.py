#!/usr/bin/env python3
"""Validate /tmp/probe26: every evidence quote must be verbatim (whitespace removed) in the
text extracted from its document; every questions.jsonl line must parse and carry the required fields."""
import html
import json
import os
import re
import sys

BASE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(BASE, 'policies')
REQ = {'id': str, 'turns': list, 'category': str, 'persona': str, 'region': (str, type(None)),
       'answerable': bool, 'evidence': list, 'answer_points': list, 'must_not': list, 'note': str}

def nows(s): return re.sub(r'\s+', '', s)

def extract(path):
    ext = path.rsplit('.', 1)[-1].lower()
    if ext == 'pdf':
        try:
            import pdfplumber
            with pdfplumber.open(path) as p:
                t = '\n'.join(pg.extract_text() or '' for pg in p.pages)
        except ImportError:
            from pypdf import PdfReader
            t = '\n'.join(pg.extract_text() or '' for pg in PdfReader(path).pages)
        return t
    if ext == 'docx':
        import docx
        d = docx.Document(path)
        parts = [p.text for p in d.paragraphs]
        for tb in d.tables:
            for row in tb.rows:
                for cell in row.cells:
                    parts.append(cell.text)
        return '\n'.join(parts)
    raw = open(path, 'rb').read()
    if ext in ('html', 'htm'):
        m = re.search(rb'charset=["\']?([A-Za-z0-9_-]+)', raw[:2000])
        enc = m.group(1).decode().lower() if m else 'utf-8'
        if enc in ('gb2312', 'gbk', 'gb18030'): enc = 'gb18030'
        t = raw.decode(enc)
        t = re.sub(r'(?is)<(script|style)[^>]*>.*?</\1>', ' ', t)
        t = re.sub(r'(?s)<[^>]+>', ' ', t)
        return html.unescape(t)
    return raw.decode('utf-8')

def main():
    problems = []
    cache = {}
    def text(doc):
        if doc not in cache:
            p = os.path.join(POL, doc)
            cache[doc] = nows(extract(p)) if os.path.isfile(p) else None
        return cache[doc]
    ids = set(); n = ans = una = multi = longs = 0; per_doc = {}
    for ln, line in enumerate(open(os.path.join(BASE, 'questions.jsonl'), encoding='utf-8'), 1):
        if not line.strip():
            problems.append(f'line {ln}: empty line'); continue
        try: it = json.loads(line)
        except Exception as e:
            problems.append(f'line {ln}: JSON error {e}'); continue
        n += 1
        for k, ty in REQ.items():
            if k not in it: problems.append(f'line {ln}: missing field {k}')
            elif not isinstance(it[k], ty): problems.append(f'line {ln}: field {k} has wrong type')
        iid = it.get('id')
        if iid in ids: problems.append(f'line {ln}: duplicate id {iid}')
        ids.add(iid)
        turns = it.get('turns') or []
        if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            problems.append(f'{iid}: turns must be a non-empty list of non-empty strings')
        if len(turns) > 1: multi += 1
        if any(len(t) >= 300 for t in turns if isinstance(t, str)): longs += 1
        if it.get('persona') not in ('family', 'staff', 'evaluator'):
            problems.append(f'{iid}: persona {it.get("persona")!r} not family/staff/evaluator')
        ap = it.get('answer_points', [])
        if not all(isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p) for p in ap):
            problems.append(f'{iid}: answer_points must be a list of non-empty lists of strings')
        if not all(isinstance(s, str) for s in it.get('must_not', [])):
            problems.append(f'{iid}: must_not must be strings')
        if it.get('answerable') is True:
            ans += 1
            if not it.get('evidence'): problems.append(f'{iid}: answerable item without evidence')
            if not ap: problems.append(f'{iid}: answerable item without answer_points')
        elif it.get('answerable') is False:
            una += 1
            if it.get('evidence'): problems.append(f'{iid}: unanswerable item has evidence')
        docs_here = set()
        for e in it.get('evidence', []):
            if not isinstance(e, dict) or not isinstance(e.get('doc'), str) or not isinstance(e.get('quote'), str):
                problems.append(f'{iid}: evidence entry needs doc and quote strings'); continue
            t = text(e['doc'])
            if t is None:
                problems.append(f'{iid}: doc {e["doc"]} not found in policies/'); continue
            docs_here.add(e['doc'])
            q = nows(e['quote'])
            if not q or q not in t:
                problems.append(f'{iid}: quote not verbatim in {e["doc"]}: {e["quote"][:40]}')
            art = e.get('article')
            if art is not None:
                if not isinstance(art, str) or not art.strip():
                    problems.append(f'{iid}: article must be a non-empty string')
                else:
                    comps = re.findall(r'第[一二三四五六七八九十百零〇]+[章条]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.?|附件', art)
                    # 款/项 positions (第二款) are not printed labels, so only 条/章, （一）, 一、, 1. and 附件 are checked
                    for c in comps or [art]:
                        if nows(c) not in t:
                            problems.append(f'{iid}: article component {c!r} not found in {e["doc"]}')
        for d in docs_here: per_doc[d] = per_doc.get(d, 0) + 1
    print(f'items={n} answerable={ans} unanswerable={una} multi_turn={multi} long_story={longs}')
    for d in sorted(os.listdir(POL)):
        print(f'  {d}: {per_doc.get(d, 0)} answerable items, {len(text(d) or "")} chars extracted')
    if n != 45: problems.append(f'expected 45 items, found {n}')
    if ans != 30 or una != 15: problems.append(f'expected 30/15 answerable/unanswerable, found {ans}/{una}')
    if multi < 6: problems.append(f'expected >=6 multi-turn items, found {multi}')
    if longs < 2: problems.append(f'expected >=2 long stories, found {longs}')
    for d in os.listdir(POL):
        if per_doc.get(d, 0) != 6: problems.append(f'{d}: expected 6 answerable items, found {per_doc.get(d, 0)}')
    for p in problems: print('PROBLEM:', p)
    print(f'{len(problems)} problems')
    return 1 if problems else 0

if __name__ == '__main__':
    sys.exit(main())
