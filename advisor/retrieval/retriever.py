"""Hybrid retrieval: jieba + BM25 (bm25s) and dense e5 vectors from Chroma, fused by weighted
reciprocal-rank fusion, with the asker's region and national documents ranked first."""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from advisor.answer.query import DOC_KINDS_NAMED
from advisor.index.lexical import (  # re-exported: the lexical side was part of this module
    LEXICAL_DIR,
    SENTENCE_VECTORS,
    BM25Index,
    Lexical,
    SentenceVectors,
    _load_sentences,
    _load_vectors,
    add_terms,
    build_lexical,
    corpus_terms,
    lexical_key,
    load_lexical,
    tokenize,
    write_lexical,
)
from advisor.index.store import (
    StoreUnavailable,
    built_with,
    current_version,
    current_version_name,
    load_chunks,
    open_collection,
    read_manifest,
)
from advisor.ingest import structure
from advisor.lexicon import Lexicon, find_regions, load_lexicon
from advisor.retrieval.embed import Embedder, get_embedder
from advisor.schema import Chunk, Hit
from advisor.settings import Settings

log = logging.getLogger(__name__)

QUERY_VECTORS_KEPT = 8  # recent query vectors: the answer composer asks again for the one just searched
EXACT_SEARCH_MAX = 50_000  # up to this many chunks the saved vectors are searched exactly (a few ms), not by HNSW
DENSE_OVERFETCH = 4  # no saved vectors: ask Chroma for this many times the candidates, keep the region's
POOL_MIN = 10  # ...and when fewer than this of the region are among them, ask again with a region filter
SMALL_CORPUS = 5000  # up to this size a full argsort picks the BM25 top (same tie order as always)


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of the n highest scores, best first."""
    if len(scores) <= max(SMALL_CORPUS, n):
        return np.argsort(-scores)[:n]
    part = np.argpartition(-scores, n)[:n]
    return part[np.argsort(-scores[part], kind="stable")]


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
    members: dict[str, np.ndarray] = field(default_factory=dict)  # region -> indices of its chunks
    vectors: np.ndarray | None = None  # the saved vectors (memory-mapped), row i = chunks[i]
    sentences: SentenceVectors | None = None  # the saved sentence vectors, if any
    terms: tuple[str, ...] = ()  # the corpus's policy terms taught to jieba (corpus_terms)

    @cached_property
    def titles(self) -> tuple[str, ...]:
        """Every document title of this version."""
        return tuple(sorted({c.title for c in self.chunks if c.title}))

    def title_words(self, lex: Lexicon) -> dict[str, frozenset[str]]:
        """Per title, its words that no other title has and that are not place names (县域 in
        "…县域养老托育…方案"): a question with such a word names that document."""
        if "_title_words" not in self.__dict__:  # computed once per index version
            terms = {t: {w for w in tokenize(t) if len(w) >= 2 and w not in DOC_KINDS_NAMED
                         and not find_regions(w, lex)} for t in self.titles}
            count: dict[str, int] = {}
            for ws in terms.values():
                for w in ws:
                    count[w] = count.get(w, 0) + 1
            self.__dict__["_title_words"] = {t: frozenset(w for w in ws if count[w] == 1) for t, ws in terms.items()}
        return self.__dict__["_title_words"]

    def short_titles(self, lex: Lexicon) -> dict[str, str]:
        """Per title, the name people use for it (short_title), computed once per index version."""
        if "_short_titles" not in self.__dict__:
            self.__dict__["_short_titles"] = {t: short_title(t, lex) for t in self.titles}
        return self.__dict__["_short_titles"]

    def pools(self, wanted: list[str]) -> list[np.ndarray]:
        """Chunk indices of the wanted regions, and of national documents: each pool's best candidates join
        the global ones, so a region crowded out of the global top-n by others still competes. Empty when
        no region is given, or a pool would be the whole corpus."""
        if not wanted:
            return []
        out = []
        for group in ([r for r in dict.fromkeys(wanted) if r != "全国"], ["全国"]):
            parts = [self.members[r] for r in group if r in self.members]
            if parts and sum(map(len, parts)) < len(self.chunks):
                out.append(np.sort(np.concatenate(parts)))
        return out


_NATIONAL_PREFIX = re.compile(r"^中华人民共和国")
MIN_TITLE_NAME = 4  # a shorter name ("办法") is a kind of document, not a name


def short_title(title: str, lex: Lexicon) -> str:
    """The name people use for a document: its title without 中华人民共和国 and without the place it
    starts with (老年人权益保障法, 居家养老服务条例)."""
    t = _NATIONAL_PREFIX.sub("", title)
    for alias, _region in lex.alias_index:  # longest first
        if alias != "全国" and t.startswith(alias):
            return t[len(alias):]
    return t


def documents_named(question: str, titles: Iterable[str], title_words: dict[str, frozenset[str]],
                    short_titles: dict[str, str], kinds: Iterable[str] = ()) -> frozenset[str]:
    """Titles of the documents a question names: by the name people use for it (老年人权益保障法 in
    "按照老年人权益保障法…"); by a word only its title has together with its kind (县域 and 方案 in
    "县域养老托育方案里…"); or, failing those, by its kind ("意见里…", "这份方案…": every document of that kind)."""
    whole = frozenset(t for t in titles if len(t) >= MIN_TITLE_NAME and t in question)
    if whole:  # the full title, place and all: exactly that document (not one whose title it contains)
        return frozenset(t for t in whole if not any(t != u and t in u for u in whole))
    words = set(tokenize(question))
    out = set()
    for t in titles:
        name = short_titles.get(t, t)
        kind = next((k for k in DOC_KINDS_NAMED if t.endswith(k)), "")
        if (len(name) >= MIN_TITLE_NAME and name in question) or (kind and any(
                re.search(re.escape(w) + ".{0,8}" + kind, question) for w in words & title_words.get(t, frozenset()))):
            out.add(t)
    kinds = tuple(kinds)
    if kinds and not out:  # "方案里…", "这份条例…": the documents of that kind
        out.update(t for t in titles if t.endswith(kinds))
    return frozenset(out)


class Retriever:
    """Loads the current index version and answers `search` calls; reloads when the version changes."""

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None):
        self.settings = settings or Settings.from_env()
        self.lex = load_lexicon(self.settings.lexicon_dir)
        self._embedder = embedder
        self._given = embedder is not None
        self._lock = threading.Lock()
        self._query_vectors: dict[str, np.ndarray] = {}
        self.state: IndexState | None = None
        self.store_down = False  # the vector store did not answer: BM25 (and saved vectors) only
        self.dense_failed = False  # the last search had no dense ranking (the store went away)
        self.reload()

    @property
    def embedder(self) -> Embedder:
        """The embedding model (loaded on first use): the one that built the loaded index version, so query
        vectors never meet another model's; an embedder given to the constructor must be that one."""
        built = built_with(self.settings.index_dir / self.version) if self.version else None
        if self._given and built and self._embedder.name != built:
            raise ValueError(f"index {self.version} was built by embedder {built!r}, not {self._embedder.name!r}")
        if self._embedder is None or (built and self._embedder.name != built):
            if built and built != self.settings.embedder:
                log.warning("index %s was built by %s, not %s: using %s for queries (re-run `advisor ingest`)",
                            self.version, built, self.settings.embedder, built)
            self._embedder = get_embedder(built or self.settings.embedder)
        return self._embedder

    # the current state's parts, for callers
    version = property(lambda self: self.state.version if self.state else None)
    chunks = property(lambda self: self.state.chunks)
    df = property(lambda self: self.state.df)
    regions = property(lambda self: self.state.regions)
    terms = property(lambda self: self.state.terms)
    bm25 = property(lambda self: self.state.bm25)

    def idf(self, term: str) -> float:
        """How much a word tells chunks apart: log(1 + n / (1 + chunks holding it)); unknown words weigh most."""
        n = max(len(self.state.chunks), 1)
        return math.log(1 + n / (1 + self.state.df.get(term, 0)))

    def reload(self, force: bool = False) -> bool:
        """Open the current index version if it changed; returns True when something was (re)loaded. With the
        vector store unreachable, the version loaded already stays in use, and at start the local copy of
        the current version's side-car is loaded (BM25 and saved vectors): answers go on, `store_down` says so."""
        with self._lock:
            try:
                version = current_version_name(self.settings)
            except FileNotFoundError:
                raise
            except Exception as e:  # the Chroma server is not answering
                return self._store_unreachable(e)
            if version is None:
                raise FileNotFoundError(f"no index under {self.settings.index_dir}; run `advisor ingest`")
            if version == self.version and not force and not self.store_down:
                return False
            vdir = self.settings.index_dir / version
            try:
                collection = open_collection(vdir)
                count = collection.count()
            except Exception as e:
                return self._store_unreachable(e)
            self._load(version, vdir, collection, count)
            self.store_down = False
        log.info("loaded index %s: %d chunks", version, len(self.state.chunks))
        return True

    def _store_unreachable(self, error: Exception) -> bool:
        """Keep answering without the vector store: the state loaded already, or the local side-car."""
        if not self.store_down:
            log.warning("vector store unreachable (%s); answering from the lexical side-car", error)
        self.store_down = True
        if self.state is not None:
            return False
        local = current_version(self.settings.index_dir)
        manifest = read_manifest(local) if local is not None else {}
        if local is None or not (local / LEXICAL_DIR).exists():
            raise StoreUnavailable(str(error)) from error
        self._load(local.name, local, None, int(manifest.get("chunks", -1)))
        return True

    def _load(self, version: str, vdir: Path, collection: Any, count: int) -> None:
        lexical = load_lexical(vdir, self.lex, count, self.settings.bm25_k1, self.settings.bm25_b)
        if lexical is None:  # an index written before side-cars existed, or other word lists
            if collection is None:
                raise StoreUnavailable(f"no usable side-car in {vdir}")
            lexical = build_lexical(load_chunks(collection), self.lex, self.settings.bm25_k1,  # in id order
                                    self.settings.bm25_b)
            lexical.vectors = _load_vectors(vdir / LEXICAL_DIR, len(lexical.chunks))  # exact dense search
            lexical.sentences = _load_sentences(vdir / LEXICAL_DIR, len(lexical.chunks))
        chunks = lexical.chunks
        by_region: dict[str, list[int]] = {}
        for i, c in enumerate(chunks):
            by_region.setdefault(c.region, []).append(i)
        members = {r: np.asarray(ix, dtype=np.int64) for r, ix in by_region.items()}
        self.state = IndexState(version, collection, chunks, {c.chunk_id: i for i, c in enumerate(chunks)},
                                lexical.bm25, lexical.df, sorted(r for r in by_region if r), members,
                                lexical.vectors, lexical.sentences, tuple(lexical.terms))
        self._query_vectors = {}  # the new version may have been built by another embedder

    def maybe_reload(self) -> None:
        """Pick up a new index version written by `advisor ingest` (cheap check of index/CURRENT); reconnect
        to the vector store when it is back."""
        try:
            version = current_version_name(self.settings)
        except Exception as e:
            self._store_unreachable(e)
            return
        if version != self.version or self.store_down or (self.state and self.state.collection is None):
            self.reload(force=True)

    def bm25_ranking(self, query: str, n: int, state: IndexState | None = None,
                     pools: list[np.ndarray] | None = None) -> tuple[list[int], np.ndarray]:
        """Indices of the n best BM25 chunks (only those with a positive score) and all scores; then each
        pool's (see IndexState.pools) n best that are not among them, by score."""
        s = (state or self.state).bm25.scores(query)
        ranking = [int(i) for i in _top(s, n) if s[i] > 0]
        if pools and len(ranking) == n:
            seen = set(ranking)
            extra = {int(i) for p in pools for i in p[_top(s[p], n)] if s[i] > 0 and int(i) not in seen}
            ranking += sorted(extra, key=lambda i: (-s[i], i))
        return ranking, s

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding; the last few are kept, since the answer composer asks for the vector of
        the query just searched."""
        qv = self._query_vectors.get(query)
        if qv is None:
            qv = np.asarray(self.embedder.embed_query(query), dtype=np.float32)
            with self._lock:
                while len(self._query_vectors) >= QUERY_VECTORS_KEPT:
                    self._query_vectors.pop(next(iter(self._query_vectors)))
                self._query_vectors[query] = qv
        return qv

    def sentence_cosines(self, chunk: Chunk, query_vector: np.ndarray) -> np.ndarray | None:
        """Cosine of the query to each of the chunk's `chunk_sentences`, in order; None when the loaded index
        has no sentence vectors (built before they were saved) or does not hold this chunk."""
        st = self.state
        i = st.by_id.get(chunk.chunk_id) if st and st.sentences is not None else None
        if i is None:
            return None
        return st.sentences.of(i) @ query_vector

    def dense_ranking(self, query: str, n: int, state: IndexState | None = None,
                      pools: list[np.ndarray] | None = None,
                      wanted: list[str] | None = None) -> tuple[list[int], dict[int, float]]:
        """Indices of the n nearest chunks by cosine (exactly over the saved vectors up to EXACT_SEARCH_MAX chunks,
        else Chroma's HNSW), then each pool's n nearest that are not among
        them, and the cosine similarities. Pools are searched exactly over the saved vectors; without them,
        Chroma is asked for DENSE_OVERFETCH·n and the pools' chunks among those are kept, with a second,
        region-filtered query when fewer than POOL_MIN of them are there (the `wanted` regions)."""
        st = state or self.state
        qv = self.query_vector(query)
        total = len(st.chunks)
        exact = st.vectors is not None
        if st.collection is None and not exact:
            raise StoreUnavailable("no vector store and no saved vectors")
        if exact and total <= EXACT_SEARCH_MAX:  # exact and reproducible: HNSW's order varies between loads
            cos = np.asarray(st.vectors, dtype=np.float32) @ qv
            found = [(int(i), float(cos[i])) for i in _top(cos, min(n, total))]
        else:
            fetch = min(n if not pools or exact else n * DENSE_OVERFETCH, total)
            res = st.collection.query(query_embeddings=[qv.tolist()], n_results=fetch, include=["distances"])
            found = [(st.by_id[i], 1.0 - float(d))
                     for i, d in zip(res["ids"][0], res["distances"][0], strict=True) if i in st.by_id]
        sims = dict(found)
        idx = [i for i, _ in found[:n]]
        if not pools:
            return idx, sims
        extra: dict[int, float] = {}
        if exact:
            for p in pools:
                cos = np.asarray(st.vectors[p], dtype=np.float32) @ qv
                for j in _top(cos, n):
                    extra[int(p[j])] = float(cos[j])
        else:
            in_pool = np.zeros(total, dtype=bool)
            in_pool[np.concatenate(pools)] = True
            extra = {i: c for i, c in found if in_pool[i]}
            if len(extra) < min(POOL_MIN, int(in_pool.sum())):
                names = sorted({*(wanted or []), "全国"} & set(st.members))
                res = st.collection.query(query_embeddings=[qv.tolist()], n_results=min(n, int(in_pool.sum())),
                                          include=["distances"], where={"region": {"$in": names}})
                extra |= {st.by_id[i]: 1.0 - float(d)
                          for i, d in zip(res["ids"][0], res["distances"][0], strict=True) if i in st.by_id}
        seen = set(idx)
        for i, c in extra.items():
            sims.setdefault(i, c)
        return idx + sorted((i for i in extra if i not in seen), key=lambda i: (-extra[i], i)), sims

    def named(self, question: str, kinds: Iterable[str] = ()) -> frozenset[str]:
        """Titles of the indexed documents that `question` names (see documents_named)."""
        st = self.state
        return documents_named(question, st.titles, st.title_words(self.lex), st.short_titles(self.lex), kinds)

    def unknown_share(self, query: str, state: IndexState | None = None) -> float:
        """The share of the query's weight (IDF) carried by words no indexed chunk holds, in [0, 1]."""
        st = state or self.state
        n = max(len(st.chunks), 1)
        weights = {t: math.log(1 + n / (1 + st.df.get(t, 0))) for t in tokenize(query) if len(t) >= 2}
        total = sum(weights.values())
        return sum(w for t, w in weights.items() if t not in st.df) / total if total else 0.0

    def search(self, query: str, regions: list[str] | None = None, k: int | None = None,
               mode: str = "hybrid", named: frozenset[str] = frozenset()) -> list[Hit]:
        """Top-k chunks for `query`. mode: hybrid | bm25 | dense. `regions`: the asker's jurisdiction
        chain (most specific first); their documents and national ones are ranked first. `named`: titles
        of documents the question names; their chunks rank first too."""
        st = self.state  # one version for the whole search, even if a reload happens meanwhile
        k = k or self.settings.top_k
        n = max(self.settings.candidates, k)
        wanted = list(regions or [])
        pools = st.pools(wanted)  # the asker's region and national chunks also enter the candidates
        rankings: dict[str, list[int]] = {}
        sims: dict[int, float] = {}
        for name in MODES[mode]:
            ranker = RANKERS[name]
            try:
                rankings[name], scores = ranker.rank(self, query, n, st, pools, wanted)
            except Exception as e:  # the store went away mid-search: the others answer, and say so
                if not ranker.may_fail or len(MODES[mode]) == 1:
                    raise
                self._store_unreachable(e)
                self.dense_failed = True
                continue
            if ranker.similarities:
                sims = scores
        weights = {name: getattr(self.settings, RANKERS[name].weight) for name in rankings}
        if "dense" in weights and self.settings.dense_unknown_boost:  # the more of the question's words no
            # document uses ("掏钱", "一块拿"), the less keywords can find and the more closeness in meaning counts
            weights["dense"] += self.settings.dense_unknown_boost * self.unknown_share(query, st)
        fused = rrf(rankings, weights, self.settings.rrf_k)
        for i in fused:
            fused[i] *= region_factor(st.chunks[i].region, wanted, self.settings)
            if st.chunks[i].title in named:  # "按照老年人权益保障法…": the document asked about
                fused[i] *= self.settings.named_document_boost
            if st.chunks[i].superseded_by:  # a newer version of the same policy exists
                fused[i] *= self.settings.superseded_penalty
            if structure.in_form(st.chunks[i].heading_path):  # an attached form's title and blanks
                fused[i] *= self.settings.form_penalty
        order = sorted(fused, key=lambda i: -fused[i])[:k]
        hits = []
        for i in order:
            ranks = {name: r.index(i) + 1 for name, r in rankings.items() if i in r}
            hit = Hit(st.chunks[i], float(fused[i]), ranks)
            if i in sims:
                hit.ranks["cosine_x1000"] = int(sims[i] * 1000)
            hits.append(hit)
        return hits


@dataclass(frozen=True)
class Ranker:
    """One way of ranking chunks for a query, fused with the others by weighted reciprocal rank. `rank(retriever,
    query, n, state, pools, wanted)` returns the ranked chunk indices and their scores; `weight` names the
    `Settings` field that weighs it; `may_fail`: it needs the vector store, so a hybrid search goes on without
    it (and says so); `similarities`: its scores are cosines, kept on the hits for the answer composer."""

    rank: Callable[..., tuple[list[int], Any]]
    weight: str
    may_fail: bool = False
    similarities: bool = False


# the rankers, by name: a new one is a method of Retriever (or a function), an entry here, and its weight in the
# settings registry (docs/extending.md)
RANKERS: dict[str, Ranker] = {
    "bm25": Ranker(lambda r, q, n, st, pools, wanted: r.bm25_ranking(q, n, st, pools), "weight_bm25"),
    "dense": Ranker(lambda r, q, n, st, pools, wanted: r.dense_ranking(q, n, st, pools, wanted), "weight_dense",
                    may_fail=True, similarities=True),
}
MODES: dict[str, tuple[str, ...]] = {"hybrid": ("bm25", "dense"), "bm25": ("bm25",), "dense": ("dense",)}


__all__ = ["LEXICAL_DIR", "MODES", "RANKERS", "SENTENCE_VECTORS", "BM25Index", "Lexical", "Ranker", "Retriever", "SentenceVectors", "add_terms", "build_lexical", "corpus_terms",
           "lexical_key", "load_lexical", "rrf", "tokenize", "write_lexical"]
