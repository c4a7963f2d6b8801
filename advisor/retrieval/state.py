"""One loaded index version (chunks, BM25, saved vectors, the regions' members), replaced as a whole on reload
so that a search never mixes two versions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from advisor.answer.query import DOC_KINDS_NAMED
from advisor.index.lexical import BM25Index, Lexical, SentenceVectors, tokenize
from advisor.lexicon import Lexicon, find_regions
from advisor.retrieval.named import short_title
from advisor.retrieval.regions import region_members, region_pools
from advisor.schema import Chunk

_TOWN_SUFFIX = re.compile(r"街道|镇|乡(?!镇)")


def chunks_by_doc(chunks: list[Chunk]) -> dict[str, list[Chunk]]:
    """The chunks of each document, in the order given."""
    out: dict[str, list[Chunk]] = {}
    for c in chunks:
        out.setdefault(c.doc_id, []).append(c)
    return out


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

    @classmethod
    def of(cls, version: str, collection: Any, lexical: Lexical) -> IndexState:
        """The state of index `version` from its lexical side (chunks in id order) and its Chroma
        `collection` (None when the store is not answering)."""
        chunks = lexical.chunks
        members = region_members(chunks)
        return cls(version, collection, chunks, {c.chunk_id: i for i, c in enumerate(chunks)},
                   lexical.bm25, lexical.df, sorted(r for r in members if r), members,
                   lexical.vectors, lexical.sentences, tuple(lexical.terms))

    @cached_property
    def titles(self) -> tuple[str, ...]:
        """Every document title of this version."""
        return tuple(sorted({c.title for c in self.chunks if c.title}))

    @cached_property
    def by_doc(self) -> dict[str, list[Chunk]]:
        """Each document's chunks, in id order (`chunks_by_doc`)."""
        return chunks_by_doc(self.chunks)

    @cached_property
    def town_names(self) -> frozenset[str]:
        """The two or three characters before each 街道, 镇 or 乡 the documents write ("东城" of 东城街道, "侯堡" of
        侯堡镇): names of places below a county, which a county's short name may also be."""
        out: set[str] = set()
        for c in self.chunks:
            for m in _TOWN_SUFFIX.finditer(c.text):
                out.update(c.text[max(0, m.start() - n) : m.start()] for n in (2, 3))
        return frozenset(out)

    @cached_property
    def numbered(self) -> tuple[tuple[str, str], ...]:
        """Every document's (文号, title) of this version, for those with a 文号."""
        return tuple(sorted({(c.doc_number, c.title) for c in self.chunks if c.doc_number}))

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
        """Chunk indices of the wanted regions, and of national documents (see regions.region_pools)."""
        return region_pools(self.members, len(self.chunks), wanted)
