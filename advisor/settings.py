"""Paths and tunable settings. Every value can be overridden by an ADVISOR_* environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    return os.environ.get(f"ADVISOR_{name}", default)


@dataclass
class Settings:
    """Runtime settings; build one with `Settings.from_env()`."""

    corpus_dir: Path = REPO_ROOT / "corpus"
    index_dir: Path = REPO_ROOT / "index"
    embedder: str = "e5-small-onnx-int8"  # advisor.embed.DEFAULT_EMBEDDER (bench/results/embed-backends.md)
    # chunking: e5 takes 512 tokens; Chinese runs ~1.3 tokens a character with this vocabulary
    chunk_max_chars: int = 360
    chunk_min_chars: int = 40
    article_max_chars: int = 400  # a 条 up to this long is one chunk (longer ones are cut between 款): e5 reads ~512 tokens, ~1.3 a character
    # retrieval: weighted reciprocal-rank fusion
    rrf_k: int = 60
    # BM25 (bm25s): b = 0.3 normalises chunk length less than the textbook 0.75, so a short 条 of a law
    # does not outrank the longer passage that answers (bench/results/bm25-sweep.md, dev + real sets)
    bm25_k1: float = 1.2
    bm25_b: float = 0.3
    weight_bm25: float = 1.0
    weight_dense: float = 0.3  # chosen by bench/sweep_fusion.py on the dev set (bench/results/fusion-sweep.md)
    candidates: int = 40  # from each retriever before fusion
    top_k: int = 10
    region_boost: float = 1.5  # multiplier for the asker's own region (and its parents)
    national_boost: float = 1.3  # national documents apply everywhere: ranked first too, after local ones
    other_region_penalty: float = 0.6
    no_region_national_boost: float = 1.2  # asker's region unknown: the national position comes first
    named_document_boost: float = 1.5  # a document the question names (by title or kind): as strong as the own region
    superseded_penalty: float = 0.5  # clauses of a document replaced by a newer version
    # answering
    max_points: int = 3
    refuse_below: float = 0.34  # confidence in [0,1] under which the advisor declines
    eligibility: bool = True  # open "what can she get?" questions go to the rules engine
    providers: bool = True  # "附近有什么养老院?" goes to the provider directory
    max_file_bytes: int = 20 * 1024 * 1024
    max_chrome_line_chars: int = 40
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults overridden by ADVISOR_CORPUS, ADVISOR_INDEX, ADVISOR_EMBEDDER, ADVISOR_W_BM25, ..."""
        s = cls()
        s.corpus_dir = Path(_env("CORPUS", str(s.corpus_dir)))
        s.index_dir = Path(_env("INDEX", str(s.index_dir)))
        s.embedder = _env("EMBEDDER", s.embedder)
        s.weight_bm25 = float(_env("W_BM25", str(s.weight_bm25)))
        s.weight_dense = float(_env("W_DENSE", str(s.weight_dense)))
        s.bm25_k1 = float(_env("BM25_K1", str(s.bm25_k1)))
        s.bm25_b = float(_env("BM25_B", str(s.bm25_b)))
        s.refuse_below = float(_env("REFUSE_BELOW", str(s.refuse_below)))
        s.eligibility = _env("ELIGIBILITY", "1") not in ("0", "false", "no")
        s.providers = _env("PROVIDERS", "1") not in ("0", "false", "no")
        return s

    @property
    def policies_dir(self) -> Path:
        """Where policy documents live."""
        return self.corpus_dir / "policies"

    @property
    def lexicon_dir(self) -> Path:
        """Editable word lists: chrome patterns, topic terms, regions, synonyms."""
        return self.corpus_dir / "lexicon"
