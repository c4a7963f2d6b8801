"""From raw files in corpus/policies/ to documents and chunks, with a report of every decision.

read (any format) → clean (chrome, broken lines) → split bundles → drop off-topic material →
merge repeated paragraphs → metadata → structure-aware chunks. The index module stores the result."""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from advisor.answer.templates import INGEST_PLANTED, INGEST_REASONS, NEWER_VERSION_NAME
from advisor.ingest.chunking import chunk_document
from advisor.ingest.clean import clean_text, hard_wrapped, normalize_for_match
from advisor.ingest.instructions import sentences, strip_planted
from advisor.ingest.metadata import describe, extract_dates, history, load_sidecar
from advisor.ingest.readers import ReadError, read_file
from advisor.ingest.segment import (
    Dropped,
    Part,
    classify,
    deduplicate,
    on_topic,
    split_parts,
    topic_density,
    trim_noise,
)
from advisor.ingest.structure import count_articles
from advisor.lexicon import Lexicon, load_lexicon
from advisor.schema import Chunk, Document
from advisor.settings import Settings

log = logging.getLogger(__name__)

SKIP_SUFFIXES = (".meta.yaml", ".meta.yml")
NOT_DOCUMENTS = ("readme.md", "sources.md")
LONG_LINE = 1500  # characters: a longer line is cut at sentence ends before anything else reads it
REPEAT_MIN_CHARS = 10  # a passage this long (letters and digits) met again in its document is a repeat
REPEAT_SHAPE_MAX = 8  # passages alike but for their numbers kept per document (an age-band table has fewer rows)  # notes about the corpus that staff keep beside the documents


@dataclass
class Skipped:
    """A file that could not be ingested."""

    source: str
    code: str
    reason_zh: str
    reason_en: str


@dataclass
class IngestResult:
    """Documents, chunks and everything the report needs."""

    documents: list[Document] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # source → sha256 of its bytes
    formats: dict[str, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)  # kept, but worth a look (report)
    chrome_lines: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def report(self) -> dict[str, Any]:
        """JSON-ready summary (index/ingest-report.json)."""
        per_doc: dict[str, int] = {}
        for c in self.chunks:
            per_doc[c.doc_id] = per_doc.get(c.doc_id, 0) + 1
        return {
            "files_found": len(self.files) + len(self.skipped),
            "files_ingested": len(self.files),
            "documents": [
                dict(d.meta(), chunks=per_doc.get(d.doc_id, 0), chars=len(d.text), articles=count_articles(d.text))
                for d in self.documents
            ],
            "skipped": [asdict(s) for s in self.skipped],
            "dropped": [asdict(d) for d in self.dropped],
            "duplicates_merged": self.merges,
            "warnings": self.warnings,
            "chrome_lines_removed": self.chrome_lines,
            "chunks": len(self.chunks),
            "seconds_parse": round(self.seconds, 3),
        }


def list_sources(policies_dir: Path) -> list[Path]:
    """Files under corpus/policies/ that are documents (not sidecars, not hidden)."""
    return sorted(
        p
        for p in policies_dir.rglob("*")
        if p.is_file()
        and not p.name.startswith(".")
        and not p.name.endswith(SKIP_SUFFIXES)
        and p.name.lower() not in NOT_DOCUMENTS
    )


def parse_file(path: Path, settings: Settings, lex: Lexicon) -> tuple[list[Part], list[Dropped], int, str]:
    """Read and clean one file; return its candidate parts, dropped noise, chrome line count, header.
    Kept parts with little elder-care vocabulary are returned too (ingest lists them as warnings)."""
    raw, fmt = read_file(path, max_bytes=settings.max_file_bytes)
    # (a page or a Word file whose lines run to one width was typed or pasted as wrapped text: joined as a text file's)
    cleaned = clean_text(raw, lex, settings.max_chrome_line_chars, rejoin=fmt in ("text", "pdf") or hard_wrapped(raw))
    parts: list[Part] = []
    dropped: list[Dropped] = []
    cleaned.lines, planted = strip_planted(split_long_lines(cleaned.lines))
    for r in planted:  # addressed to a model, or money promised to everyone: never indexed, never quoted
        dropped.append(Dropped(path.name, r.text[:40], len(r.text), f"planted text ({r.why}), cleaned line {r.line}",
                               INGEST_REASONS["planted"].format(line=r.line, why=INGEST_PLANTED[r.why]),
                               r.text[:60]))
    for part in split_parts(path.name, cleaned.lines):
        part, noise = trim_noise(part, lex)
        dropped += noise
        if not part.lines:
            continue
        why = classify(part, lex)
        if why:
            dropped.append(why)
        else:
            parts.append(part)
    return parts, dropped, len(cleaned.removed), "\n".join(cleaned.removed)


def ingest(settings: Settings | None = None, sources: list[Path] | None = None) -> IngestResult:
    """Parse every source file into documents and chunks. Bad files are skipped and reported."""
    settings = settings or Settings.from_env()
    lex = load_lexicon(settings.lexicon_dir)
    t0 = time.perf_counter()
    res = IngestResult()
    all_parts: list[Part] = []
    headers: dict[str, str] = {}
    paths = sources if sources is not None else list_sources(settings.policies_dir)
    by_name = {p.name: p for p in paths}
    for path in paths:
        try:
            parts, dropped, n_chrome, header = parse_file(path, settings, lex)
        except ReadError as e:
            log.warning("skipped %s: %s", path.name, e.message_en)
            res.skipped.append(Skipped(path.name, e.code, e.message_zh, e.message_en))
            continue
        except Exception as e:  # a bug or an unforeseen format must not abort the other files
            log.exception("skipped %s: unexpected error", path.name)
            res.skipped.append(
                Skipped(
                    path.name,
                    "error",
                    INGEST_REASONS["error"].format(error=type(e).__name__),
                    f"unexpected error: {e!r}",
                )
            )
            continue
        if not parts:
            res.skipped.append(
                Skipped(
                    path.name,
                    "no_policy",
                    INGEST_REASONS["no_policy"],
                    "no elder-care policy text found",
                )
            )
        for part in parts:
            hits, density = topic_density(part, lex)
            if not on_topic(hits, density, lex):
                res.warnings.append({
                    "source": path.name, "title": part.lines[0][:40],
                    "reason": f"kept, but few elder-care terms ({hits:.0f}, {density:.2f} per 1000 chars)",
                    "reason_zh": INGEST_REASONS["few_terms"].format(hits=hits, density=density),
                })
        res.files[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        res.chrome_lines[path.name] = n_chrome
        res.dropped += dropped
        headers[path.name] = header
        all_parts += parts
    dates = [_version_date(p.text, headers.get(p.source, "")) for p in all_parts]
    kept, merges = deduplicate(all_parts, distinct=lambda i, j: bool(dates[i] and dates[j] and dates[i] != dates[j]))
    res.merges = [asdict(m) for m in merges]
    count: dict[str, int] = {}
    for part in kept:
        count[part.source] = count.get(part.source, 0) + 1
    seen: dict[str, int] = {}
    for part in kept:
        seen[part.source] = seen.get(part.source, 0) + 1
        doc_id = part.source if count[part.source] == 1 else f"{part.source}#{seen[part.source]}"
        doc = describe(
            doc_id,
            part.source,
            part.text,
            lex,
            headers.get(part.source, ""),
            load_sidecar(by_name[part.source]),
        )
        doc.also_in = sorted({s for line in part.also_in for s in line})
        res.documents.append(doc)
        chunks = chunk_document(doc, settings.chunk_max_chars, settings.chunk_min_chars, part.also_in,
                                settings.article_max_chars)
        chunks, repeats = drop_repeats(chunks)
        if repeats:  # a flood of one text must not crowd the index (and every answer) out
            mostly = repeats >= len(chunks)
            res.warnings.append({
                "source": part.source, "title": doc.title[:40],
                "reason": f"{repeats} repeated passages stored once ({len(chunks)} distinct)"
                          + ("; the file is mostly repetition" if mostly else ""),
                "reason_zh": INGEST_REASONS["repeats"].format(repeats=repeats, distinct=len(chunks))
                             + (INGEST_REASONS["mostly_repeats"] if mostly else ""),
            })
        res.chunks += chunks
    mark_superseded(res.documents, res.chunks)
    res.seconds = time.perf_counter() - t0
    return res


def drop_repeats(chunks: list[Chunk]) -> tuple[list[Chunk], int]:
    """A document's passages with each text once (compared without spaces and punctuation, numbers kept:
    table rows that differ by a figure are different rows), and no more than REPEAT_SHAPE_MAX passages that
    differ only by their numbers (a page repeating one notice with a counter); returns (kept, dropped)."""
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    kept: list[Chunk] = []
    for c in chunks:
        key = re.sub(r"[\W_]+", "", c.text)
        shape = re.sub(r"\d+", "#", key)  # the same text with another counter or figure (第1期, 第2期, …)
        shapes[shape] = shapes.get(shape, 0) + 1
        if len(key) >= REPEAT_MIN_CHARS and (key in seen or shapes[shape] > REPEAT_SHAPE_MAX):
            continue
        seen.add(key)
        kept.append(c)
    return kept, len(chunks) - len(kept)


def split_long_lines(lines: list[str], limit: int = LONG_LINE) -> list[str]:
    """Lines longer than `limit` (a page or a file with no line breaks) cut at sentence ends into lines of
    at most about `limit` characters, so that structure and chunking see sentences, not one wall of text."""
    out: list[str] = []
    for line in lines:
        if len(line) <= limit:
            out.append(line)
            continue
        piece = ""
        for s in sentences(line):
            if piece and len(piece) + len(s) > limit:
                out.append(piece)
                piece = ""
            piece += s
        if piece:
            out.append(piece)
    return out


def _version_date(text: str, header: str) -> str:
    """The date that tells versions apart: a law's latest amendment or adoption, else its dates."""
    h = history(text)
    d = extract_dates(text, header)
    return h["amended_date"] or h["adopted_date"] or d["effective_date"] or d["publish_date"]


def mark_superseded(documents: list[Document], chunks: list[Chunk]) -> None:
    """Documents with the same title and region are versions of one policy: all but the newest are
    marked superseded by it (answers prefer the current one and say so)."""
    groups: dict[tuple[str, str], list[Document]] = {}
    for d in documents:
        groups.setdefault((normalize_for_match(d.title), d.region), []).append(d)
    newest_of: dict[str, Document] = {}
    for docs in groups.values():
        dated = [d for d in docs if d.version_date]
        if len(docs) < 2 or len(dated) < 2:
            continue
        newest = max(dated, key=lambda d: d.version_date)
        for d in docs:
            if d is not newest and d.version_date != newest.version_date:
                d.superseded_by = NEWER_VERSION_NAME.format(title=newest.title, date=newest.version_date)
                newest_of[d.doc_id] = newest
    for c in chunks:
        if c.doc_id in newest_of:
            c.superseded_by = next(d.superseded_by for d in documents if d.doc_id == c.doc_id)
