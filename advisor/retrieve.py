"""Hybrid retrieval: jieba + BM25 (bm25s) and dense e5 vectors from Chroma, fused by weighted
reciprocal-rank fusion, with the asker's region and national documents ranked first."""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from advisor.embed import Embedder, get_embedder
from advisor.index import (
    StoreUnavailable,
    built_with,
    chunk_from_meta,
    current_version,
    current_version_name,
    load_chunks,
    open_collection,
    read_manifest,
)
from advisor.lexicon import Lexicon, find_regions, load_lexicon
from advisor.query import DOC_KINDS_NAMED
from advisor.schema import Chunk, Hit
from advisor.settings import Settings

log = logging.getLogger(__name__)

STOPWORDS = set(
    "的 了 是 在 和 与 及 等 对 为 把 被 将 让 给 我 你 他 她 它 我们 你们 他们 吗 呢 吧 啊 呀 么 什么 怎么 怎样 "
    "如何 哪些 哪个 哪里 哪儿 多少 几 有 没有 能 能不能 可以 可不可以 会 要 想 请问 请 一下 这个 那个 这 那 就 都 也 "
    "还 又 并 或 或者 以及 其 之 于 以 从 到 由 按 按照 根据 关于 对于 如果 如 若 个 些 么 呢 嘛 哦 嗯 家 老 问".split()
)
TOKENIZER_VERSION = 1  # bump when tokenize() changes: saved BM25 side-cars are then rebuilt
LEXICAL_DIR = "lexical"  # per index version: chunks, corpus terms, df and the BM25 matrices
LEXICAL_VECTORS = "vectors.npy"  # the chunks' vectors in id order, memory-mapped: exact search in a region
SENTENCE_VECTORS = "sentences.npy"  # every chunk's sentences' vectors (float16), chunk after chunk in id order
SENTENCE_OFFSETS = "sentence-offsets.npy"  # chunk i's sentences are rows offsets[i]:offsets[i+1]
QUERY_VECTORS_KEPT = 8  # recent query vectors: the answer composer asks again for the one just searched
EXACT_SEARCH_MAX = 50_000  # up to this many chunks the saved vectors are searched exactly (a few ms), not by HNSW
DENSE_OVERFETCH = 4  # no saved vectors: ask Chroma for this many times the candidates, keep the region's
POOL_MIN = 10  # ...and when fewer than this of the region are among them, ask again with a region filter
SMALL_CORPUS = 5000  # up to this size a full argsort picks the BM25 top (same tie order as always)
_PUNCT = re.compile(r"^[\W_]+$")
_TERM_PATTERNS = [
    re.compile(r"“([\u4e00-\u9fa5A-Za-z0-9+]{2,10})”"),
    re.compile(
        r"([\u4e00-\u9fa5]{2,6}(?:型床位|型养老机构|养老床位|化改造|服务中心|服务站|服务站点|照护|津贴|补贴))"
    ),
    re.compile(
        r"((?:特困|低保|失能|失智|高龄|空巢|独居|留守|计划生育特殊家庭)[\u4e00-\u9fa5]{0,3}(?:人员|老年人|家庭))"
    ),
    re.compile(r"所称\s*([\u4e00-\u9fa5]{2,12}?)\s*[，,]?\s*是指"),  # a term a law defines ("本法所称赡养人是指")
    re.compile(r"为\s*([\u4e00-\u9fa5]{2,5}(?:节|日))\s*[。，,；;]"),  # a day a law names ("九月初九为老年节。")
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

    def __init__(self, docs: list[str] | None = None, tokens: list[list[str]] | None = None, model: Any = None,
                 k1: float = Settings.bm25_k1, b: float = Settings.bm25_b):
        """Index `docs` (tokenised here), or already tokenised `tokens`, with term saturation `k1` and length
        normalisation `b`; or wrap a loaded bm25s `model`."""
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets its own logger to DEBUG
        if model is None:
            if tokens is None:
                tokens = [tokenize(d) or ["∅"] for d in docs or []]
            model = bm25s.BM25(k1=k1, b=b)
            model.index(tokens, show_progress=False)
        self.model = model
        self.size = int(model.scores["num_docs"])

    def save(self, path: Path) -> None:
        """Write the matrices and vocabulary (bm25s format) into the directory `path`."""
        self.model.save(str(path), show_progress=False)

    @classmethod
    def load(cls, path: Path) -> BM25Index:
        """The index saved by `save`."""
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        return cls(model=bm25s.BM25.load(str(path), show_progress=False))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for the query."""
        toks = [t for t in tokenize(query) if t in self.model.vocab_dict]
        if not toks:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.model.get_scores(toks), dtype=np.float32)


@dataclass
class Lexical:
    """The lexical side of an index version: chunks in id order, jieba terms, BM25, document frequencies."""

    chunks: list[Chunk]
    terms: list[str]
    bm25: BM25Index
    df: dict[str, int]
    vectors: np.ndarray | None = None  # (len(chunks), dim) float32, memory-mapped; None when not saved
    sentences: SentenceVectors | None = None


@dataclass(frozen=True)
class SentenceVectors:
    """The vectors of every chunk's sentences (`chunk_sentences` order): chunk i owns rows
    offsets[i]:offsets[i+1] of `vectors`."""

    vectors: np.ndarray  # (total sentences, dim) float16, memory-mapped
    offsets: np.ndarray  # (chunks + 1,) int64

    def of(self, i: int) -> np.ndarray:
        """Chunk i's sentence vectors, float32."""
        return np.asarray(self.vectors[self.offsets[i] : self.offsets[i + 1]], dtype=np.float32)


def lexical_key(lex: Lexicon, k1: float, b: float) -> str:
    """What the saved side-car depends on besides the chunks: tokenizer code, jieba, stopwords, word lists,
    BM25 parameters."""
    import jieba

    payload = json.dumps(
        [TOKENIZER_VERSION, getattr(jieba, "__version__", ""), sorted(STOPWORDS), lex.synonyms,
         sorted(lex.topic_terms), k1, b], ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(payload.encode()).hexdigest()


def build_lexical(chunks: list[Chunk], lex: Lexicon, k1: float = Settings.bm25_k1,
                  b: float = Settings.bm25_b) -> Lexical:
    """Tokenise every chunk once: its text gives the document frequencies, title + heading + text the BM25
    document (titles and headings repeat, so they are tokenised once each); BM25 with `k1` and `b`."""
    terms = sorted(corpus_terms((c.text for c in chunks), lex))
    add_terms(terms)
    heads: dict[str, list[str]] = {}
    docs: list[list[str]] = []
    df: dict[str, int] = {}
    for c in chunks:
        body = tokenize(c.text)
        for t in set(body):
            df[t] = df.get(t, 0) + 1
        head = []
        for part in (c.title, c.heading_path):
            if part not in heads:
                heads[part] = tokenize(part)
            head += heads[part]
        docs.append(head + body or ["∅"])
    return Lexical(chunks, terms, BM25Index(tokens=docs, k1=k1, b=b), df)


def write_lexical(version_dir: Path, chunks: list[Chunk], settings: Settings,
                  vectors: np.ndarray | None = None, sentence_vectors: list[np.ndarray] | None = None) -> None:
    """Save the lexical side of a new index version beside its Chroma store, so loading it at start-up
    reads files instead of fetching and tokenising every chunk again; the chunks' `vectors` (rows in
    the order of `chunks`), for exact dense search within a region; and per chunk its sentences' vectors
    (float16: they only rank a handful of sentences against each other)."""
    lex = load_lexicon(settings.lexicon_dir)
    order = sorted(range(len(chunks)), key=lambda i: chunks[i].chunk_id)
    ordered = [chunks[i] for i in order]
    lexical = build_lexical(ordered, lex, settings.bm25_k1, settings.bm25_b)
    out = version_dir / LEXICAL_DIR
    out.mkdir(parents=True, exist_ok=True)
    if vectors is not None and len(vectors) == len(chunks):
        np.save(out / LEXICAL_VECTORS, np.asarray(vectors, dtype=np.float32)[order])
    if sentence_vectors is not None and len(sentence_vectors) == len(chunks) and chunks:
        per_chunk = [sentence_vectors[i] for i in order]
        np.save(out / SENTENCE_OFFSETS, np.cumsum([0, *map(len, per_chunk)]).astype(np.int64))
        np.save(out / SENTENCE_VECTORS, np.concatenate(per_chunk).astype(np.float16))
    lexical.bm25.save(out / "bm25")
    with open(out / "chunks.jsonl", "w", encoding="utf-8") as f:
        for c in ordered:
            f.write(json.dumps([c.chunk_id, c.text, c.metadata()], ensure_ascii=False) + "\n")
    meta = {"key": lexical_key(lex, settings.bm25_k1, settings.bm25_b), "chunks": len(ordered),
            "terms": lexical.terms, "df": lexical.df}
    (out / "lexical.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def load_lexical(version_dir: Path, lex: Lexicon, expected_chunks: int, k1: float = Settings.bm25_k1,
                 b: float = Settings.bm25_b) -> Lexical | None:
    """The saved lexical side of an index version; None when absent, unreadable or stale (other word lists,
    tokenizer or BM25 parameters, or a different number of chunks than the store holds)."""
    d = version_dir / LEXICAL_DIR
    try:
        meta = json.loads((d / "lexical.json").read_text(encoding="utf-8"))
        if meta.get("key") != lexical_key(lex, k1, b) or meta.get("chunks") != expected_chunks:
            log.info("lexical side-car of %s is stale; rebuilding it in memory", version_dir.name)
            return None
        with open(d / "chunks.jsonl", encoding="utf-8") as f:
            chunks = [chunk_from_meta(*json.loads(line)) for line in f]
        bm25 = BM25Index.load(d / "bm25")
    except (OSError, ValueError, KeyError, TypeError) as e:
        if not isinstance(e, FileNotFoundError):
            log.warning("lexical side-car of %s unreadable (%s); rebuilding it in memory", version_dir.name, e)
        return None
    if len(chunks) != expected_chunks or bm25.size != expected_chunks:
        return None
    add_terms(meta["terms"])
    return Lexical(chunks, list(meta["terms"]), bm25, {str(k): int(v) for k, v in meta["df"].items()},
                   _load_vectors(d, expected_chunks), _load_sentences(d, expected_chunks))


def _load_vectors(d: Path, expected_chunks: int) -> np.ndarray | None:
    """The chunks' saved vectors of a side-car (memory-mapped); None when absent or not matching. They do not
    depend on the word lists, so a side-car rebuilt for other word lists keeps using them."""
    if not (d / LEXICAL_VECTORS).exists():
        return None
    try:
        vectors = np.load(d / LEXICAL_VECTORS, mmap_mode="r")
    except (OSError, ValueError):
        log.warning("saved vectors of %s unreadable; regions are searched through Chroma", d.parent.name)
        return None
    return vectors if vectors.ndim == 2 and len(vectors) == expected_chunks else None


def _load_sentences(d: Path, expected_chunks: int) -> SentenceVectors | None:
    """The saved sentence vectors of a side-car; None when absent or not matching its chunks."""
    try:
        offsets = np.load(d / SENTENCE_OFFSETS)
        vectors = np.load(d / SENTENCE_VECTORS, mmap_mode="r")
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        log.warning("saved sentence vectors of %s unreadable; answers rank sentences by words only", d.parent.name)
        return None
    if offsets.shape != (expected_chunks + 1,) or vectors.ndim != 2 or int(offsets[-1]) != len(vectors):
        log.warning("saved sentence vectors of %s do not match its chunks; not used", d.parent.name)
        return None
    return SentenceVectors(vectors, offsets)


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
        if mode in ("hybrid", "bm25"):
            rankings["bm25"], _ = self.bm25_ranking(query, n, st, pools)
        if mode in ("hybrid", "dense"):
            try:
                rankings["dense"], sims = self.dense_ranking(query, n, st, pools, wanted)
            except Exception as e:  # the store went away mid-search: keywords alone answer, and say so
                if mode == "dense":
                    raise
                self._store_unreachable(e)
                self.dense_failed = True
        fused = rrf(rankings, {"bm25": self.settings.weight_bm25, "dense": self.settings.weight_dense},
                    self.settings.rrf_k)
        for i in fused:
            fused[i] *= region_factor(st.chunks[i].region, wanted, self.settings)
            if st.chunks[i].title in named:  # "按照老年人权益保障法…": the document asked about
                fused[i] *= self.settings.named_document_boost
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


__all__ = ["BM25Index", "Lexical", "Retriever", "SentenceVectors", "build_lexical", "load_lexical", "rrf", "tokenize", "write_lexical"]
