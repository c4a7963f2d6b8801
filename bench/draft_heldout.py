"""The rule drafter against benefits written by someone else (issue 16, held-out check): for each benefit of
an answer key (bench/probe6-rules/expected/*.yaml: article, who, what, amount, a verbatim quote), is there a
draft quoting that sentence (the whole sentence, or a part of it at least half as long)? Recall = benefits so
drafted; precision = drafts that quote a benefit; and every draft quote must be verbatim in the indexed text.

    cp -r corpus /tmp/p6 && cp bench/probe6-rules/policies/* /tmp/p6/policies/
    .venv/bin/advisor ingest --corpus /tmp/p6 --index /tmp/p6i
    ADVISOR_CORPUS=/tmp/p6 ADVISOR_INDEX=/tmp/p6i .venv/bin/python bench/draft_heldout.py bench/probe6-rules
"""
import re
import sys
from pathlib import Path

import yaml

from advisor.ingest.numerals import cn_to_number
from advisor.retrieval.retriever import Retriever
from advisor.services.ruledraft import draft_rules
from advisor.settings import Settings

SET = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/probe6-rules")


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def numbers(label: str) -> list[int]:
    out = []
    for m in re.finditer(r"\d+|[一二三四五六七八九十百零〇]+", label):
        t = m.group(0)
        out.append(int(t) if t.isdigit() else cn_to_number(t))
    return out


def shares(draft_quote: str, benefit_quote: str) -> bool:
    """The draft quotes the benefit's sentence: it holds the whole sentence, or it is a part of it at least half
    as long (a clause cut at its commas)."""
    a, b = squash(draft_quote), squash(benefit_quote).rstrip("。；;，,")
    return b in a or (a.rstrip("。；;，,") in b and len(a) >= 0.5 * len(b))


def main() -> int:
    settings = Settings.from_env()
    retriever = Retriever(settings)
    total = found = art_ok = proposed = useful = verbatim_bad = 0
    for key in sorted((SET / "expected").glob("*.yaml")):
        exp = yaml.safe_load(key.read_text(encoding="utf-8"))
        doc = exp["doc"]
        chunks = sorted((c for c in retriever.chunks if c.source == doc), key=lambda c: c.start)
        text = squash("".join(c.text for c in chunks))
        drafts = draft_rules(chunks, "heldout")
        proposed += len(drafts)
        verbatim_bad += sum(1 for d in drafts for q in d.quotes if squash(q) not in text)
        hit = 0
        matched = set()
        for b in exp["benefits"]:
            ds = [d for d in drafts if any(shares(q, b["quote"]) for q in d.quotes)]
            if ds:
                hit += 1
                matched.update(id(d) for d in ds)
                en, dn = numbers(b["article"]), [numbers(d.article) for d in ds]
                if any(x[:len(en)] == en or x[-len(en):] == en or (en[-len(x):] == x and x) for x in dn):
                    art_ok += 1
        useful += len(matched)
        total += len(exp["benefits"])
        found += hit
        print(f"{doc}: {hit}/{len(exp['benefits'])} benefits drafted; {len(drafts)} drafts, {len(matched)} of them match")
    print(f"\nrecall {found}/{total} = {found / total:.3f}; article agrees {art_ok}/{found}; "
          f"precision {useful}/{proposed} = {useful / max(proposed, 1):.3f}; non-verbatim quotes {verbatim_bad}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

