"""Hybrid retrieval: jieba + BM25 (bm25s) and dense e5 vectors from Chroma, fused by weighted
reciprocal-rank fusion, with the asker's region and national documents ranked first."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from advisor.embed import Embedder, get_embedder
from advisor.index import current_version_name, load_chunks, open_collection
from advisor.lexicon import Lexicon, load_lexicon
from advisor.schema import Chunk, Hit
from advisor.settings import Settings

log = logging.getLogger(__name__)

STOPWORDS = set(
    "的 了 是 在 和 与 及 等 对 为 把 被 将 让 给 我 你 他 她 它 我们 你们 他们 吗 呢 吧 啊 呀 么 什么 怎么 怎样 "
    "如何 哪些 哪个 哪里 哪儿 多少 几 有 没有 能 能不能 可以 可不可以 会 要 想 请问 请 一下 这个 那个 这 那 就 都 也 "
    "还 又 并 或 或者 以及 其 之 于 以 从 到 由 按 按照 根据 关于 对于 如果 如 若 个 些 么 呢 嘛 哦 嗯 家 老 问".split()
)
_PUNCT = re.compile(r"^[\W_]+$")
_TERM_PATTERNS = [
    re.compile(r"“([\u4e00-\u9fa5A-Za-z0-9+]{2,10})”"),
    re.compile(
        r"([\u4e00-\u9fa5]{2,6}(?:型床位|型养老机构|养老床位|化改造|服务中心|服务站|服务站点|照护|津贴|补贴))"
    ),
    re.compile(
        r"((?:特困|低保|失能|失智|高龄|空巢|独居|留守|计划生育特殊家庭)[\u4e00-\u9fa5]{0,3}(?:人员|老年人|家庭))"
    ),
]
_jieba_lock = threading.Lock()
_jieba_words: set[str] = set()


def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def corpus_terms(texts: Iterable[str], lex: Lexicon) -> set[str]:
    """Policy terms for jieba's dictionary, taken from the corpus itself (quoted terms, 护理型床位-like
    compounds, target groups) plus the documents' words of the synonym list."""
    terms: set[str] = set()
    for t in texts:
        for pat in _TERM_PATTERNS:
            terms.update(m.group(1) for m in pat.finditer(t))
    for targets in lex.synonyms.values():
        terms.update(targets)
    terms.update(k for k in lex.topic_terms if len(k) >= 2)
    return {t for t in terms if 2 <= len(t) <= 12}


def add_terms(terms: Iterable[str]) -> None:
    """Teach jieba the corpus's terms (once per term, thread-safe)."""
    jieba = _jieba()
    with _jieba_lock:
        for t in terms:
            if t not in _jieba_words:
                jieba.add_word(t, freq=20000)
                _jieba_words.add(t)


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens of the NFKC, lower-cased text, without stopwords and punctuation."""
    t = unicodedata.normalize("NFKC", text).lower()
    return [w for w in _jieba().cut_for_search(t) if w.strip() and w not in STOPWORDS and not _PUNCT.match(w)]


class BM25Index:
    """bm25s over jieba tokens."""

    def __init__(self, docs: list[str]):
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets its own logger to DEBUG
        self.model = bm25s.BM25(k1=1.2, b=0.75)
        self.model.index([tokenize(d) or ["∅"] for d in docs], show_progress=False)
        self.size = len(docs)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for the query."""
        toks = [t for t in tokenize(query) if t in self.model.vocab_dict]
        if not toks:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.model.get_scores(toks), dtype=np.float32)


def rrf(rankings: dict[str, list[int]], weights: dict[str, float], k: int) -> dict[int, float]:
    """Weighted reciprocal-rank fusion: sum over retrievers of w / (k + rank), rank from 1."""
    fused: dict[int, float] = {}
    for name, ranking in rankings.items():
        w = weights.get(name, 1.0)
        for r, idx in enumerate(ranking, start=1):
            fused[idx] = fused.get(idx, 0.0) + w / (k + r)
    return fused


def region_factor(chunk_region: str, wanted: list[str], settings: Settings) -> float:
    """Rank the asker's region (and its parents) first, national documents next, others lower.
    With no known region, national documents (which apply everywhere) get a small lead."""
    if not wanted:
        return settings.no_region_national_boost if chunk_region == "全国" else 1.0
    if chunk_region in wanted and chunk_region != "全国":
        return settings.region_boost
    if chunk_region == "全国":
        return settings.national_boost if wanted != ["全国"] else settings.region_boost
    return settings.other_region_penalty


@dataclass(frozen=True)
class IndexState:
    """One loaded index version; replaced as a whole on reload, so a search never mixes two versions."""

    version: str
    collection: Any
    chunks: list[Chunk]
    by_id: dict[str, int]
    bm25: BM25Index
    df: dict[str, int]  # in how many chunks each token occurs
    regions: list[str]


class Retriever:
    """Loads the current index version and answers `search` calls; reloads when the version changes."""

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None):
        self.settings = settings or Settings.from_env()
        self.lex = load_lexicon(self.settings.lexicon_dir)
        self._embedder = embedder
        self._lock = threading.Lock()
        self.state: IndexState | None = None
        self.reload()

    @property
    def embedder(self) -> Embedder:
        """The embedding model (loaded on first use)."""
        if self._embedder is None:
            self._embedder = get_embedder(self.settings.embedder)
        return self._embedder

    # the current state's parts, for callers
    version = property(lambda self: self.state.version if self.state else None)
    chunks = property(lambda self: self.state.chunks)
    df = property(lambda self: self.state.df)
    regions = property(lambda self: self.state.regions)
    bm25 = property(lambda self: self.state.bm25)

    def reload(self, force: bool = False) -> bool:
        """Open the current index version if it changed; returns True when something was (re)loaded."""
        with self._lock:
            version = current_version_name(self.settings)
            if version is None:
                raise FileNotFoundError(f"no index under {self.settings.index_dir}; run `advisor ingest`")
            if version == self.version and not force:
                return False
            collection = open_collection(self.settings.index_dir / version)
            chunks = load_chunks(collection)
            add_terms(corpus_terms((c.text for c in chunks), self.lex))
            bm25 = BM25Index([f"{c.title} {c.heading_path}\n{c.text}" for c in chunks])
            df: dict[str, int] = {}
            for c in chunks:
                for t in set(tokenize(c.text)):
                    df[t] = df.get(t, 0) + 1
            self.state = IndexState(version, collection, chunks, {c.chunk_id: i for i, c in enumerate(chunks)},
                                    bm25, df, sorted({c.region for c in chunks if c.region}))
        log.info("loaded index %s: %d chunks", version, len(chunks))
        return True

    def maybe_reload(self) -> None:
        """Pick up a new index version written by `advisor ingest` (cheap check of index/CURRENT)."""
        if current_version_name(self.settings) != self.version:
            self.reload()

    def bm25_ranking(self, query: str, n: int, state: IndexState | None = None) -> tuple[list[int], np.ndarray]:
        """Indices of the n best BM25 chunks (only those with a positive score) and all scores."""
        s = (state or self.state).bm25.scores(query)
        top = np.argsort(-s)[:n]
        return [int(i) for i in top if s[i] > 0], s

    def dense_ranking(self, query: str, n: int, state: IndexState | None = None) -> tuple[list[int], dict[int, float]]:
        """Indices of the n nearest chunks by cosine, and their cosine similarities."""
        st = state or self.state
        q = self.embedder.embed_query(query)
        res = st.collection.query(query_embeddings=[np.asarray(q).tolist()], n_results=min(n, len(st.chunks)),
                                  include=["distances"])
        idx = [st.by_id[i] for i in res["ids"][0] if i in st.by_id]
        sims = {st.by_id[i]: 1.0 - float(d) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)
                if i in st.by_id}
        return idx, sims

    def search(self, query: str, regions: list[str] | None = None, k: int | None = None,
               mode: str = "hybrid") -> list[Hit]:
        """Top-k chunks for `query`. mode: hybrid | bm25 | dense. `regions`: the asker's jurisdiction
        chain (most specific first); their documents and national ones are ranked first."""
        st = self.state  # one version for the whole search, even if a reload happens meanwhile
        k = k or self.settings.top_k
        n = max(self.settings.candidates, k)
        wanted = list(regions or [])
        rankings: dict[str, list[int]] = {}
        sims: dict[int, float] = {}
        if mode in ("hybrid", "bm25"):
            rankings["bm25"], _ = self.bm25_ranking(query, n, st)
        if mode in ("hybrid", "dense"):
            rankings["dense"], sims = self.dense_ranking(query, n, st)
        fused = rrf(rankings, {"bm25": self.settings.weight_bm25, "dense": self.settings.weight_dense},
                    self.settings.rrf_k)
        for i in fused:
            fused[i] *= region_factor(st.chunks[i].region, wanted, self.settings)
            if st.chunks[i].superseded_by:  # a newer version of the same policy exists
                fused[i] *= self.settings.superseded_penalty
        order = sorted(fused, key=lambda i: -fused[i])[:k]
        hits = []
        for i in order:
            ranks = {name: r.index(i) + 1 for name, r in rankings.items() if i in r}
            hit = Hit(st.chunks[i], float(fused[i]), ranks)
            if i in sims:
                hit.ranks["cosine_x1000"] = int(sims[i] * 1000)
            hits.append(hit)
        return hits


__all__ = ["BM25Index", "Retriever", "rrf", "tokenize"]
