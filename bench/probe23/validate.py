#!/usr/bin/env python3
"""Validate /tmp/probe23/questions.jsonl against the shared eval format and the source documents.

Checks: every line parses as a JSON object; required fields and types; unique ids; every evidence doc
exists (corpus-real or seeds); every quote is verbatim in its document after deleting all whitespace
(markdown/text as is; HTML with script/style/comments and tags stripped, entities unescaped, decoded with
the charset the file declares, UTF-8 or GBK); article labels occur in the document and, for 第X条 labels in
markdown/text, the quote lies inside that article; answerable items have evidence and answer points.
Usage: python3 validate.py [questions.jsonl]
"""
import html
import json
import os
import re
import sys

DOC_DIRS = ['/work/shared/corpus-real', '/work/shared/seeds']
REQUIRED = {'id': str, 'turns': list, 'category': str, 'persona': str, 'answerable': bool,
            'evidence': list, 'answer_points': list, 'must_not': list, 'note': str}
PERSONAS = {'family', 'staff', 'evaluator'}
_cache = {}

def nows(s):
    return ''.join(s.split())

def declared_charset(raw):
    m = re.search(rb'charset\s*=\s*["\']?\s*([A-Za-z0-9_\-]+)', raw[:4096], re.I)
    return m.group(1).decode('ascii').lower() if m else None

def load(doc):
    if doc in _cache:
        return _cache[doc]
    path = None
    for d in DOC_DIRS:
        p = os.path.join(d, doc)
        if os.path.isfile(p):
            path = p
            break
    if path is None:
        _cache[doc] = None
        return None
    raw = open(path, 'rb').read()
    if doc.lower().endswith(('.html', '.htm')):
        cs = declared_charset(raw) or 'utf-8'
        if cs in ('gb2312', 'gbk', 'gb18030'):
            cs = 'gb18030'
        try:
            text = raw.decode(cs)
        except (UnicodeDecodeError, LookupError):
            text = raw.decode('gb18030', errors='replace')
        text = re.sub(r'(?is)<(script|style)\b[^>]*>.*?</\1\s*>', ' ', text)
        text = re.sub(r'(?s)<!--.*?-->', ' ', text)
        text = re.sub(r'(?s)<[^>]+>', ' ', text)
        text = html.unescape(text)
        kind = 'html'
    else:
        text = raw.decode('utf-8')
        kind = 'text'
    _cache[doc] = (kind, text, nows(text))
    return _cache[doc]

ART_RE = re.compile(r'(?m)^\s*(第[一二三四五六七八九十百零〇]+条)')

def article_span(text, label):
    """For a 第X条[第Y款] label: (start, end) of that article in whitespace-free text, else None."""
    base = re.match(r'第[一二三四五六七八九十百零〇]+条', label)
    if not base:
        return None
    base = base.group(0)
    heads = [(m.start(1), m.group(1)) for m in ART_RE.finditer(text)]
    for i, (pos, lab) in enumerate(heads):
        if lab == base:
            end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
            return nows(text[:pos]).__len__(), len(nows(text[:end]))
    return None

def main(path):
    problems = []
    ids = set()
    n = 0
    counts = {'answerable': 0, 'unanswerable': 0, 'multi_turn': 0, 'single_turn': 0}
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    for ln, line in enumerate(lines, 1):
        if not line.strip():
            continue
        n += 1
        where = f'line {ln}'
        try:
            it = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f'{where}: JSON parse error: {e}')
            continue
        if not isinstance(it, dict):
            problems.append(f'{where}: not a JSON object')
            continue
        where = f"line {ln} ({it.get('id')})"
        for k, t in REQUIRED.items():
            if k not in it:
                problems.append(f'{where}: missing field {k}')
            elif not isinstance(it[k], t):
                problems.append(f'{where}: field {k} should be {t.__name__}')
        if 'region' not in it:
            problems.append(f'{where}: missing field region')
        elif it['region'] is not None and not isinstance(it['region'], str):
            problems.append(f'{where}: region must be string or null')
        if isinstance(it.get('id'), str):
            if it['id'] in ids:
                problems.append(f'{where}: duplicate id')
            ids.add(it['id'])
        turns = it.get('turns')
        if isinstance(turns, list):
            if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
                problems.append(f'{where}: turns must be a non-empty list of non-empty strings')
            counts['multi_turn' if len(turns) > 1 else 'single_turn'] += 1
        if it.get('persona') not in PERSONAS:
            problems.append(f'{where}: persona must be one of {sorted(PERSONAS)}')
        ap = it.get('answer_points')
        if isinstance(ap, list):
            for p in ap:
                if not (isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p)):
                    problems.append(f'{where}: each answer point must be a non-empty list of strings')
        mn = it.get('must_not')
        if isinstance(mn, list) and not all(isinstance(s, str) and s.strip() for s in mn):
            problems.append(f'{where}: must_not must be a list of strings')
        ans = it.get('answerable')
        if ans is True:
            counts['answerable'] += 1
            if not it.get('evidence'):
                problems.append(f'{where}: answerable item without evidence')
            if not it.get('answer_points'):
                problems.append(f'{where}: answerable item without answer_points')
        elif ans is False:
            counts['unanswerable'] += 1
            if not it.get('note', '').strip():
                problems.append(f'{where}: unanswerable item without note')
        evs = it.get('evidence')
        if isinstance(evs, list):
            for j, e in enumerate(evs):
                w = f'{where} evidence[{j}]'
                if not isinstance(e, dict) or not isinstance(e.get('doc'), str) or not isinstance(e.get('quote'), str):
                    problems.append(f'{w}: needs string doc and quote')
                    continue
                d = load(e['doc'])
                if d is None:
                    problems.append(f'{w}: document not found: {e["doc"]}')
                    continue
                kind, text, flat = d
                q = nows(e['quote'])
                if not q:
                    problems.append(f'{w}: empty quote')
                    continue
                pos = flat.find(q)
                if pos < 0:
                    problems.append(f'{w}: quote not verbatim in {e["doc"]}: {e["quote"][:40]}')
                    continue
                if flat.find(q, pos + 1) >= 0:
                    pass  # repeated quote is allowed
                art = e.get('article')
                if art is None:
                    continue
                if not isinstance(art, str) or not art.strip():
                    problems.append(f'{w}: article must be a non-empty string')
                    continue
                if nows(art) not in flat and not re.match(r'第.+条第.+款', art):
                    problems.append(f'{w}: article label {art} not found in {e["doc"]}')
                    continue
                if kind == 'text' and art.startswith('第'):
                    span = article_span(text, art)
                    if span is None:
                        problems.append(f'{w}: article {art} not found as an article heading')
                    else:
                        s, t = span
                        if not any(s <= p < t for p in [m.start() for m in re.finditer(re.escape(q), flat)]):
                            problems.append(f'{w}: quote is not inside {art}')
                elif kind == 'html':
                    lp = flat.find(nows(art))
                    if lp < 0 or lp > pos:
                        problems.append(f'{w}: article label {art} does not precede the quote')
    print(f'items: {n}  single-turn: {counts["single_turn"]}  multi-turn: {counts["multi_turn"]}  '
          f'answerable: {counts["answerable"]}  unanswerable: {counts["unanswerable"]}')
    for p in problems:
        print('PROBLEM', p)
    print(f'{len(problems)} problems')
    return 1 if problems else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'questions.jsonl')))
