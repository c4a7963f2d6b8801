"""The lexical side of an index: the tokenizer (jieba, taught the corpus's policy terms), BM25, and the
side-car each index version carries (chunks, terms, document frequencies, BM25 matrices, the chunks' and
sentences' vectors) so that a start-up reads files instead of re-tokenising the corpus. Written by
`advisor.index.store` when it builds a version, read by `advisor.retrieval.retriever` when it loads one."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import unicodedata
from collections.abc import Container, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from advisor.lexicon import Lexicon, load_lexicon, place_matches, word_frequency
from advisor.schema import Chunk, chunk_from_meta
from advisor.settings import Settings

log = logging.getLogger(__name__)

STOPWORDS = set(
    "的 了 是 在 和 与 及 等 对 为 把 被 将 让 给 我 你 他 她 它 我们 你们 他们 吗 呢 吧 啊 呀 么 什么 怎么 怎样 "
    "如何 哪些 哪个 哪里 哪儿 多少 几 有 没有 能 能不能 可以 可不可以 会 要 想 请问 请 一下 这个 那个 这 那 就 都 也 "
    "还 又 并 或 或者 以及 其 之 于 以 从 到 由 按 按照 根据 关于 对于 如果 如 若 个 些 么 呢 嘛 哦 嗯 家 老 问".split()
)
TOKENIZER_VERSION = 3  # bump when tokenize() or corpus_terms() changes: saved BM25 side-cars are then rebuilt
LEXICAL_DIR = "lexical"  # per index version: chunks, corpus terms, df and the BM25 matrices
LEXICAL_VECTORS = "vectors.npy"  # the chunks' vectors in id order, memory-mapped: exact search in a region
SENTENCE_VECTORS = "sentences.npy"  # every chunk's sentences' vectors (float16), chunk after chunk in id order
SENTENCE_OFFSETS = "sentence-offsets.npy"  # chunk i's sentences are rows offsets[i]:offsets[i+1]
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
        places = [(a, a + len(alias)) for a, alias, _region in place_matches(t, lex)]
        for pat in _TERM_PATTERNS:
            for m in pat.finditer(t):
                # a place name the match starts in is not part of the term ("岳阳市老年助餐补贴" → "老年助餐补贴"):
                # glued to a term in jieba's dictionary, it would hide the place from the question's reading
                start = max((b for a, b in places if a <= m.start(1) < b), default=m.start(1))
                terms.add(t[start : m.end(1)])
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


def _kept(word: str) -> bool:
    """A token that counts: no blank, stopword or punctuation."""
    return bool(word.strip()) and word not in STOPWORDS and not _PUNCT.match(word)


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens of the NFKC, lower-cased text, without stopwords and punctuation."""
    t = unicodedata.normalize("NFKC", text).lower()
    return [w for w in _jieba().cut_for_search(t) if _kept(w)]


def mended_tokens(text: str, known: Container[str]) -> list[str]:
    """`tokenize(text)` with the guesses of jieba's HMM mended against a vocabulary: a token jieba's dictionary
    lacks and `known` (the corpus's words) lacks too, which a known dictionary word overlaps across its edge, is
    that word ("直接发现金给老人": 发现|金给 → 现金 of "不得兑换现金"); any other token stays."""
    t = unicodedata.normalize("NFKC", text).lower()
    jieba = _jieba()
    jieba.dt.check_initialized()  # the dictionary loads on first use, into a new FREQ
    freq = jieba.dt.FREQ
    out: list[str] = []
    for word, start, end in jieba.tokenize(t, mode="search"):
        if not _kept(word):
            continue
        if len(word) < 2 or word in known or freq.get(word):
            out.append(word)
            continue
        mends = [t[a : a + n] for n in (2, 3, 4) for a in range(max(start - n + 1, 0), end)
                 if a + n <= len(t) and (a < start or a + n > end) and t[a : a + n] in known and freq.get(t[a : a + n])]
        out.extend(mends or [word])
    return out


# parts of speech (first letter of jieba's dictionary tags) of words that say how, who, when or how many, not
# what about: adverbs, pronouns, conjunctions, prepositions, particles, modal words, interjections, onomatopoeia,
# time and position words (一直, 咱, 而且, 啊, 前年, 以前); of numerals only those that ask or count (哪几类, 多久, 一个,
# 一块): 百岁, 一级 name what is asked (an elder's own age, "一百岁", is read as the age: profile.age_phrases)
FUNCTION_POS = frozenset("drcpuyeotf")
_ASKING_NUMERAL = re.compile(r"几|多|一[个次块些点下]")


def known_word(term: str) -> bool:
    """Whether jieba's dictionary holds `term` (not a guess of its HMM such as "办个")."""
    _jieba()  # (loaded quietly, as everywhere here)
    return word_frequency(term) > 0


def function_word(term: str) -> bool:
    """Whether jieba's dictionary tags `term` as a function word (FUNCTION_POS)."""
    import jieba.posseg

    _jieba()
    tag = jieba.posseg.dt.word_tag_tab.get(term, "")
    return bool(tag) and (tag[0] in FUNCTION_POS or (tag[0] == "m" and bool(_ASKING_NUMERAL.search(term))))


# the modal verbs jieba tags as verbs (能 v, 要 v): a character that says whether one may, not what about
MODAL_CHARACTERS = frozenset("能会要可想该敢肯")


def stray_guess(term: str) -> bool:
    """Whether `term` is a guess of jieba's HMM that glues the last character of a word to the function or modal
    character after it ("券能" of "消费券能拿去…", "那要"): two characters, not in jieba's dictionary, the second a
    function word or a modal verb. It names nothing a document could hold. (A modal before a verb, "能涨" of "退休金
    能涨多少", is no such piece: the verb may be what is asked.)"""
    return len(term) == 2 and not known_word(term) and (term[1] in MODAL_CHARACTERS or function_word(term[1]))


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


