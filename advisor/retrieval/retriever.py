"""Hybrid retrieval, the pipeline: the loaded index version (`state`), its candidate pools for the asker's
region (`regions`), every ranker of the search mode (`rankers`: `bm25`, `dense`), weighted reciprocal-rank
fusion with the region, named-document, superseded and form factors (`fusion`), then the top k as `Hit`s."""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

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
from advisor.lexicon import load_lexicon, with_document_places
from advisor.retrieval.bm25 import bm25_ranking
from advisor.retrieval.dense import DENSE_OVERFETCH, EXACT_SEARCH_MAX, POOL_MIN, dense_ranking
from advisor.retrieval.embed import Embedder, get_embedder
from advisor.retrieval.fusion import adjusted, fusion_weights, rrf
from advisor.retrieval.named import MIN_TITLE_NAME, documents_named, documents_numbered, short_title
from advisor.retrieval.rankers import MODES, RANKERS
from advisor.retrieval.ranking import SMALL_CORPUS, Ranker, Ranking, RankQuery
from advisor.retrieval.ranking import top as _top
from advisor.retrieval.regions import region_factor
from advisor.retrieval.state import IndexState
from advisor.schema import Chunk, Hit
from advisor.settings import Settings

log = logging.getLogger(__name__)

QUERY_VECTORS_KEPT = 8  # recent query vectors: the answer composer asks again for the one just searched


class Retriever:
    """Loads the current index version and answers `search` calls; reloads when the version changes."""

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None):
        self.settings = settings or Settings.from_env()
        self.base_lex = load_lexicon(self.settings.lexicon_dir)  # as written; `lex` adds the documents' places
        self.lex = self.base_lex
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

    def doc_chunks(self, doc_id: str) -> list[Chunk]:
        """The chunks of one document of the current version, in id order."""
        return self.state.by_doc.get(doc_id, [])

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
        lexical = load_lexical(vdir, self.base_lex, count, self.settings.bm25_k1, self.settings.bm25_b)
        if lexical is None:  # an index written before side-cars existed, or other word lists
            if collection is None:
                raise StoreUnavailable(f"no usable side-car in {vdir}")
            lexical = build_lexical(load_chunks(collection), self.base_lex, self.settings.bm25_k1,  # in id order
                                    self.settings.bm25_b)
            lexical.vectors = _load_vectors(vdir / LEXICAL_DIR, len(lexical.chunks))  # exact dense search
            lexical.sentences = _load_sentences(vdir / LEXICAL_DIR, len(lexical.chunks))
        self.state = IndexState.of(version, collection, lexical)
        # "广丰" names 广丰区 once a document for it is indexed
        self.lex = with_document_places(self.base_lex, self.state.regions, self.state.town_names)
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
        """Indices of the n best BM25 chunks and all scores, then each pool's best (see bm25.bm25_ranking)."""
        return bm25_ranking((state or self.state).bm25, query, n, pools)

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
        """Indices of the n nearest chunks by cosine, then each pool's nearest, and the cosine similarities
        (see dense.dense_ranking)."""
        st = state or self.state
        return dense_ranking(st, self.query_vector(query), n, pools, wanted)

    def named(self, question: str, kinds: Iterable[str] = ()) -> frozenset[str]:
        """Titles of the indexed documents that `question` names (see documents_named)."""
        st = self.state
        return documents_numbered(question, st.numbered) or documents_named(
            question, st.titles, st.title_words(self.lex), st.short_titles(self.lex), kinds)

    def unknown_share(self, query: str, state: IndexState | None = None) -> float:
        """The share of the query's weight (IDF) carried by words no indexed chunk holds, in [0, 1]."""
        st = state or self.state
        n = max(len(st.chunks), 1)
        weights = {t: math.log(1 + n / (1 + st.df.get(t, 0))) for t in tokenize(query) if len(t) >= 2}
        total = sum(weights.values())
        return sum(w for t, w in weights.items() if t not in st.df) / total if total else 0.0

    def search(self, query: str, regions: list[str] | None = None, k: int | None = None,
               mode: str = "hybrid", named: frozenset[str] = frozenset(),
               prefer: Callable[[Chunk], float] | None = None) -> list[Hit]:
        """Top-k chunks for `query`. mode: hybrid | bm25 | dense (`MODES`). `regions`: the asker's jurisdiction
        chain (most specific first); their documents and national ones are ranked first. `named`: titles
        of documents the question names; their chunks rank first too. `prefer`: a factor per chunk for what
        the question asks beyond its words (the elder's age band, an amount of money)."""
        st = self.state  # one version for the whole search, even if a reload happens meanwhile
        k = k or self.settings.top_k
        wanted = list(regions or [])
        # the asker's region and national chunks also enter the candidates (their pools)
        request = RankQuery(query, max(self.settings.candidates, k), st, st.pools(wanted), wanted,
                            self.query_vector)
        rankings: dict[str, list[int]] = {}
        sims: dict[int, float] = {}
        for name in MODES[mode]:
            ranker = RANKERS[name]
            try:
                ranking = ranker.rank(request)
            except Exception as e:  # the store went away mid-search: the others answer, and say so
                if not ranker.may_fail or len(MODES[mode]) == 1:
                    raise
                self._store_unreachable(e)
                self.dense_failed = True
                continue
            rankings[name] = ranking.ids
            if ranking.cosines is not None:  # kept on the hits for the answer composer
                sims = ranking.cosines
        weights = fusion_weights(rankings, self.settings, lambda: self.unknown_share(query, st))
        fused = rrf(rankings, weights, self.settings.rrf_k)
        for i in fused:
            fused[i] = adjusted(fused[i], st.chunks[i], wanted, named, self.settings)
            if prefer is not None:
                fused[i] *= prefer(st.chunks[i])
        order = sorted(fused, key=lambda i: -fused[i])[:k]
        hits = []
        for i in order:
            ranks = {name: r.index(i) + 1 for name, r in rankings.items() if i in r}
            hit = Hit(st.chunks[i], float(fused[i]), ranks)
            if i in sims:
                hit.ranks["cosine_x1000"] = int(sims[i] * 1000)
            hits.append(hit)
        return hits


__all__ = ["DENSE_OVERFETCH", "EXACT_SEARCH_MAX", "LEXICAL_DIR", "MIN_TITLE_NAME", "MODES", "POOL_MIN", "RANKERS",
           "SENTENCE_VECTORS", "SMALL_CORPUS", "BM25Index", "IndexState", "Lexical", "RankQuery", "Ranker",
           "Ranking", "Retriever", "SentenceVectors", "_top", "add_terms", "build_lexical", "corpus_terms",
           "documents_named", "lexical_key", "load_lexical", "region_factor",
           "rrf", "short_title", "tokenize", "write_lexical"]
