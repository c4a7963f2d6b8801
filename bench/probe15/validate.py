#!/usr/bin/env python3
"""Validate /tmp/probe15: questions.jsonl against the documents in policies/.

Checks
  * every line of questions.jsonl parses as JSON and has the required fields with the right types
    (id, turns, category, persona, region, answerable, evidence, answer_points, must_not, note); ids unique;
  * every evidence doc exists in policies/ and every quote is verbatim in the text extracted from it,
    compared after deleting all whitespace:
        .pdf  -> pdfplumber (checked also with pypdf; a pypdf miss is a problem too)
        .docx -> python-docx, body paragraphs and table cells in document order
        .html -> bytes decoded as GBK (as the meta charset says), script/style dropped, tags stripped, entities unescaped
        other -> UTF-8 plain text
  * every article label names labels that occur in the document;
  * answerable items have evidence and answer points, and each answer point has an alternative that occurs
    in the cited document(s) (a loose check that the point is grounded); unanswerable items cite nothing;
  * document-format sanity: HTML is not valid UTF-8 and declares gbk; PDF has a text layer.
Prints the problems and a summary; exit status 1 if there is any problem.
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(HERE, 'policies')
QFILE = os.path.join(HERE, 'questions.jsonl')

WS = re.compile(r'\s+', re.UNICODE)


def nows(s):
    return WS.sub('', s)


def text_pdf_plumber(path):
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return '\n'.join((p.extract_text() or '') for p in pdf.pages)


def text_pdf_pypdf(path):
    from pypdf import PdfReader
    return '\n'.join((p.extract_text() or '') for p in PdfReader(path).pages)


def text_docx(path):
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
                out.append('\t'.join(c.text for c in row.cells))
    return '\n'.join(out)


def text_html(path):
    raw = open(path, 'rb').read()
    t = raw.decode('gbk')
    t = re.sub(r'(?is)<(script|style)\b.*?</\1>', ' ', t)
    t = re.sub(r'(?s)<!--.*?-->', ' ', t)
    t = re.sub(r'(?s)<[^>]+>', ' ', t)
    return html.unescape(t)


def text_plain(path):
    return open(path, encoding='utf-8').read()


def extract(path):
    ext = os.path.splitext(path)[1].lower()
    if ext == '.pdf':
        return {'pdfplumber': text_pdf_plumber(path), 'pypdf': text_pdf_pypdf(path)}
    if ext == '.docx':
        return {'python-docx': text_docx(path)}
    if ext in ('.html', '.htm'):
        return {'gbk-html': text_html(path)}
    return {'plain': text_plain(path)}


LABEL = re.compile(r'第[一二三四五六七八九十百零]+[条章节]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.')
KUAN = re.compile(r'第[一二三四五六七八九十]+款$')

REQUIRED = {'id': str, 'turns': list, 'category': str, 'persona': str, 'answerable': bool,
            'evidence': list, 'answer_points': list, 'must_not': list, 'note': str}


def main():
    problems = []
    texts = {}
    docs = sorted(f for f in os.listdir(POL) if not f.startswith('.'))
    for f in docs:
        try:
            texts[f] = {k: nows(v) for k, v in extract(os.path.join(POL, f)).items()}
        except Exception as e:
            problems.append('%s: cannot extract text: %r' % (f, e))

    # format sanity
    for f in docs:
        p = os.path.join(POL, f)
        if f.endswith('.html'):
            raw = open(p, 'rb').read()
            if b'charset=gbk' not in raw.lower():
                problems.append('%s: no charset=gbk meta' % f)
            try:
                raw.decode('utf-8')
                problems.append('%s: bytes are valid UTF-8, expected GBK' % f)
            except UnicodeDecodeError:
                pass
        if f.endswith('.pdf') and f in texts and len(texts[f].get('pdfplumber', '')) < 1000:
            problems.append('%s: PDF text layer too short' % f)

    items = []
    ids = set()
    with open(QFILE, encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                problems.append('line %d: empty line' % n)
                continue
            try:
                it = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append('line %d: JSON error %s' % (n, e))
                continue
            tag = 'line %d (%s)' % (n, it.get('id'))
            for k, t in REQUIRED.items():
                if k not in it:
                    problems.append('%s: missing field %s' % (tag, k))
                elif not isinstance(it[k], t):
                    problems.append('%s: field %s is not %s' % (tag, k, t.__name__))
            if 'region' not in it:
                problems.append('%s: missing field region' % tag)
            elif it['region'] is not None and not isinstance(it['region'], str):
                problems.append('%s: region must be string or null' % tag)
            if it.get('id') in ids:
                problems.append('%s: duplicate id' % tag)
            ids.add(it.get('id'))
            turns = it.get('turns') or []
            if not turns or not all(isinstance(x, str) and x.strip() for x in turns):
                problems.append('%s: turns must be a non-empty list of non-empty strings' % tag)
            if it.get('persona') not in ('family', 'staff', 'evaluator'):
                problems.append('%s: persona %r' % (tag, it.get('persona')))
            aps = it.get('answer_points') or []
            if not all(isinstance(p, list) and p and all(isinstance(s, str) and s.strip() for s in p) for p in aps):
                problems.append('%s: answer_points must be lists of non-empty strings' % tag)
            if not all(isinstance(s, str) and s.strip() for s in it.get('must_not') or []):
                problems.append('%s: must_not must be non-empty strings' % tag)
            ev = it.get('evidence') or []
            cited = set()
            for j, e in enumerate(ev):
                et = '%s evidence[%d]' % (tag, j)
                if not isinstance(e, dict) or 'doc' not in e or 'quote' not in e:
                    problems.append('%s: needs doc and quote' % et)
                    continue
                doc, q = e['doc'], e['quote']
                if doc not in texts:
                    problems.append('%s: doc %r not in policies/' % (et, doc))
                    continue
                cited.add(doc)
                qn = nows(q)
                if len(qn) < 6:
                    problems.append('%s: quote too short %r' % (et, q))
                for how, t in texts[doc].items():
                    if qn not in t:
                        problems.append('%s: quote not verbatim in %s text of %s: %r' % (et, how, doc, q))
                art = e.get('article')
                if art is not None:
                    if not isinstance(art, str) or not art.strip():
                        problems.append('%s: article must be a non-empty string' % et)
                    else:
                        base = KUAN.sub('', art)
                        parts = LABEL.findall(base) or [base]
                        t = next(iter(texts[doc].values()))
                        for ptxt in parts:
                            if nows(ptxt) not in t:
                                problems.append('%s: article label %r (%r) not found in %s' % (et, art, ptxt, doc))
            if it.get('answerable') is True:
                if not ev:
                    problems.append('%s: answerable item without evidence' % tag)
                if not aps:
                    problems.append('%s: answerable item without answer_points' % tag)
                alltext = ''.join(next(iter(texts[d].values())) for d in cited)
                for p in aps:
                    if cited and not any(nows(s) in alltext for s in p):
                        problems.append('%s: answer point %r not grounded in cited docs' % (tag, p))
            elif it.get('answerable') is False and ev:
                problems.append('%s: unanswerable item cites evidence' % tag)
            items.append(it)

    # summary
    ans = [i for i in items if i.get('answerable')]
    per_doc = {}
    for i in ans:
        for d in {e['doc'] for e in i['evidence']}:
            per_doc[d] = per_doc.get(d, 0) + 1
    multi = [i['id'] for i in items if len(i.get('turns', [])) > 1]
    longs = [i['id'] for i in items if any(len(t) >= 300 for t in i.get('turns', []))]
    print('documents: %d' % len(docs))
    for d in docs:
        print('  %-60s extract=%s chars=%s' % (d, ','.join(texts.get(d, {}).keys()),
                                             ','.join(str(len(v)) for v in texts.get(d, {}).values())))
    print('items: %d  answerable: %d  unanswerable: %d' % (len(items), len(ans), len(items) - len(ans)))
    for d in docs:
        print('  answerable citing %-55s %d' % (d, per_doc.get(d, 0)))
    print('multi-turn: %d %s' % (len(multi), multi))
    print('long (>=300 chars): %d %s' % (len(longs), longs))
    print('evidence quotes: %d' % sum(len(i.get('evidence', [])) for i in items))
    for p in problems:
        print('PROBLEM:', p)
    print('%d problems' % len(problems))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
