"""How well `advisor rules draft` proposes the hand-written (reviewed) rules of corpus/rules/ (issue 16,
item 5): for every reviewed rule, is there a draft from the same clause (same document, same article label
or one inside it, a quote in common)? Recall = reviewed rules so proposed; precision = drafts that match a
reviewed rule (drafts of clauses nobody wrote a rule for count against it, though some may be right).

    HF_HUB_OFFLINE=1 .venv/bin/python bench/draft_recall.py
"""

from __future__ import annotations

import re
import sys

from advisor.retrieval.retriever import Retriever
from advisor.services.eligibility import documents_of, load_rules
from advisor.services.ruledraft import draft_rules
from advisor.settings import Settings


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def main() -> int:
    settings = Settings.from_env()
    retriever = Retriever(settings)
    rules = load_rules(settings.corpus_dir / "rules", documents_of(retriever.chunks))
    docs = sorted({r.doc for r in rules})
    found = proposed = matched_drafts = 0
    for doc in docs:
        mine = [r for r in rules if r.doc == doc]
        chunks = sorted((c for c in retriever.chunks if c.source == doc), key=lambda c: c.start)
        drafts = draft_rules(chunks, "bench")
        proposed += len(drafts)

        def same(rule, draft) -> bool:
            art = rule.article.split("第", 2)[-1] if rule.article.startswith("第") and "部分" in rule.article else ""
            labels_meet = draft.article in rule.article or rule.article in draft.article or (art and art in draft.article)
            quotes_meet = any(squash(q)[:12] in squash("".join(draft.quotes)) or squash(dq)[:12] in squash(q)
                              for q in rule.quotes for dq in draft.quotes)
            return bool(labels_meet and quotes_meet)

        hit = [r for r in mine if any(same(r, d) for d in drafts)]
        found += len(hit)
        matched_drafts += sum(1 for d in drafts if any(same(r, d) for r in mine))
        print(f"{doc}: {len(hit)}/{len(mine)} reviewed rules proposed; {len(drafts)} drafts")
    print(f"\nrecall {found}/{len(rules)} = {found / max(len(rules), 1):.3f}; "
          f"precision {matched_drafts}/{proposed} = {matched_drafts / max(proposed, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
