"""Calibrate the verifier's semantic threshold (advisor.answer.verify.VerifySettings.min_cosine).

Human paraphrases of passages already exist in the repository: every rule under corpus/rules/ has a
`benefit:` sentence written in plain words from its verbatim `quotes:`. For each rule:

* positive: the benefit sentence against the clause (index chunk) holding its first quote — what a
  faithful rewrite of a cited passage looks like;
* negatives: the same benefit sentence against the clauses of the other rules' quotes from a different
  article (a rewrite that cites the wrong passage), and against every other chunk of the index.

The cosine is computed exactly as the verifier does (best sentence of the cited clause, e5-small,
passage prefix on both sides). The table shows, for each threshold, the share of positives kept and
of wrong-passage pairs rejected.

    .venv/bin/python bench/calibrate_verify.py --out bench/results/verify-calibration.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from advisor.answer.verify import VerifySettings
from advisor.ingest.chunking import chunk_sentences
from advisor.retrieval.embed import get_embedder
from advisor.retrieval.retriever import Retriever
from advisor.settings import Settings

CHOICE = (
    "Choice: e5-small's cosines are compressed (unrelated clauses of the same corpus still score ~0.92), so the "
    "semantic check can only catch sentences that drift off the cited clause; it is a safety net behind the "
    "hard-fact checks (numbers, benefits, offices, regions), which do the real work. The default 0.92 keeps every "
    "human paraphrase with a margin of about 0.02 over the lowest (0.94 would sit right at it, and model "
    "paraphrases are looser than these near-verbatim ones) and rejects about half of the pairs with an unrelated "
    "chunk. Near quotes (80% of character bigrams in the cited text) pass without the cosine."
)
THRESHOLDS = (0.86, 0.88, 0.90, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96)


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def load_pairs(settings: Settings, retriever: Retriever) -> list[dict]:
    """(benefit sentence, index of the chunk holding its quote, article) for every rule with a quote."""
    out = []
    for path in sorted((settings.corpus_dir / "rules").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for rule in data.get("rules") or []:
            quotes = [q for q in rule.get("quotes") or [] if _norm(q)]
            if not rule.get("benefit") or not quotes:
                continue
            q = _norm(quotes[0])
            idx = next((i for i, c in enumerate(retriever.chunks) if q in _norm(c.text)), None)
            if idx is None:
                continue
            out.append({"rule": rule["id"], "benefit": rule["benefit"].strip(), "chunk": idx,
                        "doc": data.get("doc", ""), "article": rule.get("article", "")})
    return out


def main(argv: list[str] | None = None) -> int:
    """Compute the cosines and write the markdown table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    settings = Settings.from_env()
    retriever = Retriever(settings)
    pairs = load_pairs(settings, retriever)
    emb = get_embedder()
    chunk_sents = [[s for s in chunk_sentences(c.text) if len(s) >= 4] or [c.text]
                   for c in retriever.chunks]
    flat = [s for ss in chunk_sents for s in ss]
    owner = np.array([i for i, ss in enumerate(chunk_sents) for _ in ss])
    sv = emb.embed_documents(flat)
    bv = emb.embed_documents([p["benefit"] for p in pairs])
    sims = bv @ sv.T  # (rules, sentences)
    best = np.full((len(pairs), len(retriever.chunks)), -1.0)
    for j in range(len(retriever.chunks)):
        mask = owner == j
        best[:, j] = sims[:, mask].max(axis=1)
    pos = np.array([best[i, p["chunk"]] for i, p in enumerate(pairs)])
    wrong_rule, other = [], []
    for i, p in enumerate(pairs):
        for k, q in enumerate(pairs):
            if k != i and q["chunk"] != p["chunk"] and (q["doc"], q["article"]) != (p["doc"], p["article"]):
                wrong_rule.append(best[i, q["chunk"]])
        other += [best[i, j] for j in range(len(retriever.chunks)) if j != p["chunk"]]
    wrong_rule_a, other_a = np.array(wrong_rule), np.array(other)
    current = VerifySettings().min_cosine
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# Verifier semantic threshold calibration",
        "",
        f"Command: `.venv/bin/python bench/calibrate_verify.py --out bench/results/verify-calibration.md` "
        f"({dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; `uptime`: {load}).",
        "",
        f"{len(pairs)} rules of corpus/rules/ with a human paraphrase (`benefit:`) of a verbatim quote; "
        f"{len(retriever.chunks)} index chunks. Cosine = best sentence of the clause, embedder `{emb.name}` "
        "(the default, as `advisor.answer.verify.Verifier` uses).",
        "",
        f"positives (paraphrase vs its own clause): mean {pos.mean():.3f}, min {pos.min():.3f}, "
        f"p10 {np.percentile(pos, 10):.3f}",
        f"wrong clause of another rule: mean {wrong_rule_a.mean():.3f}, p90 {np.percentile(wrong_rule_a, 90):.3f}, "
        f"max {wrong_rule_a.max():.3f}",
        f"any other chunk: mean {other_a.mean():.3f}, p90 {np.percentile(other_a, 90):.3f}",
        "",
        "| min_cosine | positives kept | wrong-rule clauses rejected | other chunks rejected |",
        "|---:|---:|---:|---:|",
    ]
    for t in THRESHOLDS:
        mark = " (default)" if abs(t - current) < 1e-9 else ""
        lines.append(f"| {t:.2f}{mark} | {(pos >= t).mean():.3f} | {(wrong_rule_a < t).mean():.3f} | "
                     f"{(other_a < t).mean():.3f} |")
    lines += ["", CHOICE, "", "Positives below the default threshold:", ""]
    for i in np.argsort(pos):
        if pos[i] >= current:
            break
        lines.append(f"- {pairs[i]['rule']}: {pos[i]:.3f} — {pairs[i]['benefit']}")
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
