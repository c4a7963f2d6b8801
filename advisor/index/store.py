"""The Chroma index: build a new version beside the old one, swap it in atomically, reuse embeddings of
unchanged text, and open the current version (embedded PersistentClient, or a Chroma server)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from advisor.answer.templates import INDEX_MESSAGES
from advisor.index.lexical import write_lexical
from advisor.ingest.chunking import chunk_sentences
from advisor.ingest.pipeline import IngestResult, ingest
from advisor.retrieval.embed import Embedder, get_embedder
from advisor.schema import Chunk, chunk_from_meta
from advisor.settings import Settings, env

log = logging.getLogger(__name__)

COLLECTION = "policies"
POINTER = "advisor-current"  # on a Chroma server: one record naming the collection in use
CURRENT = "CURRENT"
REPORT = "ingest-report.json"
KEEP_VERSIONS = 2


def embed_text(chunk: Chunk) -> str:
    """What the dense model sees: title and heading path give a clause its context."""
    head = " ".join(x for x in (chunk.title, chunk.heading_path) if x)
    return f"{head}\n{chunk.text}" if head else chunk.text


def _key(embedder: str, text: str) -> str:
    return hashlib.sha1(f"{embedder}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors of already embedded texts (index/embcache-<model>.npz), so a re-ingest embeds only changes."""

    def __init__(self, path: Path):
        self.path = path
        self.vectors: dict[str, np.ndarray] = {}
        if path.exists():
            try:
                data = np.load(path, allow_pickle=False)
                self.vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
            except Exception:  # a damaged cache only costs time
                log.warning("embedding cache %s unreadable; re-embedding everything", path)

    def save(self, keep: set[str]) -> None:
        """Write only the vectors still in use, atomically."""
        keys = sorted(k for k in self.vectors if k in keep)
        tmp = self.path.with_suffix(".tmp.npz")
        vecs = np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, 1), np.float32)
        np.savez(tmp, keys=np.array(keys), vectors=vecs)
        os.replace(tmp, self.path)


@dataclass
class BuildStats:
    """What a build did."""

    version: str
    chunks: int
    embedded: int
    reused: int
    seconds_total: float
    seconds_embed: float


def current_version(index_dir: Path) -> Path | None:
    """The directory of the index version in use, or None when there is none yet."""
    marker = index_dir / CURRENT
    if not marker.exists():
        return None
    path = index_dir / marker.read_text(encoding="utf-8").strip()
    return path if (path / "manifest.json").exists() else None


def server_address() -> tuple[str, int] | None:
    """(host, port) of the Chroma server to use, from ADVISOR_CHROMA_HOST/PORT; None for embedded."""
    host = env("CHROMA_HOST")
    return (host, int(env("CHROMA_PORT"))) if host else None


def _client(path: Path) -> Any:
    import chromadb

    addr = server_address()
    if addr:
        return chromadb.HttpClient(host=addr[0], port=addr[1])
    return chromadb.PersistentClient(path=str(path / "chroma"))


def _name(path: Path) -> str:
    """Collection name: one per version on a server (several versions live side by side there)."""
    version = path.name.removesuffix(".building")
    return f"{COLLECTION}-{version}" if server_address() else COLLECTION


def open_collection(path: Path, create: bool = False) -> Any:
    """The chunks collection of an index version: in its directory (embedded), or on the Chroma server."""
    client = _client(path)
    if create:
        return client.get_or_create_collection(
            _name(path), embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
    return client.get_collection(_name(path), embedding_function=None)


def current_version_name(settings: Settings) -> str | None:
    """The version in use: index/CURRENT (embedded) or the pointer record on the Chroma server."""
    if server_address():
        got = _client(settings.index_dir).get_or_create_collection(POINTER, embedding_function=None).get(
            ids=["current"], include=["documents"])
        return got["documents"][0] if got["ids"] else None
    v = current_version(settings.index_dir)
    return v.name if v else None


def _switch_server(version: str, settings: Settings) -> None:
    """Point the server's readers at `version`, then drop collections older than the previous one."""
    client = _client(settings.index_dir)
    client.get_or_create_collection(POINTER, embedding_function=None).upsert(
        ids=["current"], documents=[version], embeddings=[[0.0]])
    names = sorted(c.name if hasattr(c, "name") else str(c) for c in client.list_collections())
    versions = [n for n in names if n.startswith(f"{COLLECTION}-v-")]
    for n in versions[:-KEEP_VERSIONS]:
        client.delete_collection(n)


LOCK_FILE = "writer.lock"
SERVER_LOCK_ID = "writer-lock"
SERVER_LOCK_STALE = 3600.0  # seconds after which a lock record on the server is taken as left by a dead writer
_held = threading.local()  # writers this thread holds (build inside remove takes the lock once)


class WriterBusy(RuntimeError):
    """Another ingest, remove or rebuild is writing the index (raised with wait=False)."""

    message_zh = INDEX_MESSAGES["busy"]


@contextmanager
def writer_lock(settings: Settings, wait: bool = True, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """One writer of an index at a time: a file lock in the index folder (every process on this machine)
    and, with a Chroma server, a lock record in its pointer collection (every machine). Held from reading
    corpus/ to the version switch, so a file removed meanwhile never comes back. A second writer waits
    (calling `on_wait` once) or, with wait=False, raises WriterBusy. Re-entrant within a thread."""
    from filelock import FileLock, Timeout

    key = str(settings.index_dir.resolve())
    held = getattr(_held, "keys", set())
    if key in held:
        yield
        return
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(settings.index_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise WriterBusy(f"another writer holds {settings.index_dir / LOCK_FILE}") from None
        if on_wait:
            on_wait()
        lock.acquire()
    _held.keys = held | {key}
    try:
        with _server_lock(settings, wait, on_wait):
            yield
    finally:
        _held.keys = held
        lock.release()


@contextmanager
def _server_lock(settings: Settings, wait: bool, on_wait: Callable[[], None] | None) -> Iterator[None]:
    """The lock record on a Chroma server (nothing without a server)."""
    if not server_address():
        yield
        return
    pointer = _client(settings.index_dir).get_or_create_collection(POINTER, embedding_function=None)
    me = f"{socket.gethostname()}:{os.getpid()}:{time.time():.0f}"
    told = False
    while True:
        got = pointer.get(ids=[SERVER_LOCK_ID], include=["documents"])
        holder = got["documents"][0] if got["ids"] else ""
        stale = holder and time.time() - float(holder.rsplit(":", 1)[-1]) > SERVER_LOCK_STALE
        if not holder or stale:
            pointer.upsert(ids=[SERVER_LOCK_ID], documents=[me], embeddings=[[0.0]])
            if pointer.get(ids=[SERVER_LOCK_ID], include=["documents"])["documents"][0] == me:
                break
        if not wait:
            raise WriterBusy(f"the Chroma server's index is being written by {holder}")
        if on_wait and not told:
            on_wait()
            told = True
        time.sleep(1.0)
    try:
        yield
    finally:
        pointer.delete(ids=[SERVER_LOCK_ID])


def _write_chunks(collection: Any, chunks: list[Chunk], vectors: np.ndarray, batch: int = 2000) -> None:
    for i in range(0, len(chunks), batch):
        part = chunks[i : i + batch]
        collection.add(
            ids=[c.chunk_id for c in part],
            documents=[c.text for c in part],
            metadatas=[c.metadata() for c in part],
            embeddings=vectors[i : i + batch],
        )


def build(
    settings: Settings | None = None,
    result: IngestResult | None = None,
    embedder: Embedder | None = None,
    progress: bool = True,
) -> tuple[BuildStats, dict[str, Any]]:
    """Ingest corpus/ and write a complete new index version; swap it in only when it is complete. Runs
    under the writer lock (waiting for another writer; see `writer_lock`)."""
    settings = settings or Settings.from_env()
    with writer_lock(settings, on_wait=lambda: log.warning("another ingest is running; waiting for it")):
        return _build(settings, result, embedder, progress)


def _build(settings: Settings, result: IngestResult | None, embedder: Embedder | None,
           progress: bool) -> tuple[BuildStats, dict[str, Any]]:
    t0 = time.perf_counter()
    _clear_unfinished(settings.index_dir)
    result = result or ingest(settings)
    embedder = embedder or get_embedder(settings.embedder)
    index_dir = settings.index_dir
    index_dir.mkdir(parents=True, exist_ok=True)
    cache = EmbeddingCache(index_dir / f"embcache-{embedder.name}.npz")
    texts = [embed_text(c) for c in result.chunks]
    keys = [_key(embedder.name, t) for t in texts]
    # every sentence too: the answer composer weighs how close each one is to the question
    sentences = [chunk_sentences(c.text) for c in result.chunks]
    sentence_texts = {t: _key(embedder.name, t) for sents in sentences for t in sents}
    todo = {k: t for t, k in zip(texts, keys, strict=True) if k not in cache.vectors}
    todo |= {k: t for t, k in sentence_texts.items() if k not in cache.vectors}
    t1 = time.perf_counter()
    if todo:  # one pass, one progress bar
        vecs = embedder.embed_documents(list(todo.values()), progress=progress)
        for k, v in zip(todo, vecs, strict=True):
            cache.vectors[k] = np.asarray(v, dtype=np.float32)
    t_embed = time.perf_counter() - t1
    matrix = np.stack([cache.vectors[k] for k in keys]) if keys else np.zeros((0, embedder.dim), np.float32)
    sentence_vectors = [np.stack([cache.vectors[sentence_texts[t]] for t in sents])
                        if sents else np.zeros((0, embedder.dim), np.float32) for sents in sentences]
    manifest = {
        "embedder": embedder.name,
        "files": result.files,
        "chunks": len(result.chunks),
        "sentences": sum(map(len, sentences)),
        "documents": [d.meta() for d in result.documents],
    }
    embedded_chunks = sum(k in todo for k in keys)
    report = result.report() | {
        "embedded": embedded_chunks,
        "reused": len(keys) - embedded_chunks,
        "sentences_embedded": len(todo.keys() - set(keys)),
        "seconds_embed": round(t_embed, 2),
        "embedder": embedder.name,
    }
    version, report = write_version(settings, result.chunks, matrix, manifest, report, t0=t0,
                                    sentence_vectors=sentence_vectors)
    cache.save(set(keys) | set(sentence_texts.values()))
    stats = BuildStats(version, len(result.chunks), embedded_chunks, len(keys) - embedded_chunks,
                       report["seconds_total"], round(t_embed, 2))
    return stats, report


def write_version(
    settings: Settings,
    chunks: list[Chunk],
    matrix: np.ndarray,
    manifest: dict[str, Any],
    report: dict[str, Any],
    t0: float | None = None,
    sentence_vectors: list[np.ndarray] | None = None,
) -> tuple[str, dict[str, Any]]:
    """Write chunks and their vectors as a complete new index version (Chroma collection, the lexical
    side-car the retriever loads, manifest, report), then make it current atomically and prune old ones.
    `sentence_vectors`: per chunk, the vectors of its `chunk_sentences` (answers then weigh them).
    Returns the version name and the report completed with timings (`t0`: when the whole build began)."""
    t0 = time.perf_counter() if t0 is None else t0
    index_dir = settings.index_dir
    index_dir.mkdir(parents=True, exist_ok=True)
    version = "v-" + dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    vdir = index_dir / (version + ".building")
    vdir.mkdir(parents=True)
    try:
        t1 = time.perf_counter()
        collection = open_collection(vdir, create=True)
        if env("CHROMA_HOST"):  # a server holds one collection: replace its content
            old = collection.get(include=[])["ids"]
            for i in range(0, len(old), 5000):
                collection.delete(ids=old[i : i + 5000])
        _write_chunks(collection, chunks, matrix)
        del collection
        t2 = time.perf_counter()
        write_lexical(vdir, chunks, settings, matrix, sentence_vectors)
        t3 = time.perf_counter()
        report = report | {
            "seconds_chroma": round(t2 - t1, 2),
            "seconds_lexical": round(t3 - t2, 2),
            "seconds_total": round(t3 - t0, 2),
            "version": version,
            "built_at": dt.datetime.now().isoformat(timespec="seconds"),
        }
        manifest = {"version": version, **manifest}
        (vdir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        (vdir / REPORT).write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
        final = index_dir / version
        os.replace(vdir, final)
        tmp = index_dir / (CURRENT + ".tmp")
        tmp.write_text(version, encoding="utf-8")
        os.replace(tmp, index_dir / CURRENT)  # the atomic switch
        if server_address():
            _switch_server(version, settings)
    except BaseException:
        shutil.rmtree(vdir, ignore_errors=True)
        raise
    (index_dir / REPORT).write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    _prune(index_dir, keep=version)
    return version, report


def _clear_unfinished(index_dir: Path) -> None:
    """Build folders left by a writer that died: under the writer lock none of them is being written."""
    for p in index_dir.glob("v-*.building"):
        shutil.rmtree(p, ignore_errors=True)


def _prune(index_dir: Path, keep: str) -> None:
    """Remove old and unfinished versions, keeping the newest few (a reader may still use one)."""
    versions = sorted(p for p in index_dir.glob("v-*") if p.is_dir())
    finished = [p for p in versions if not p.name.endswith(".building")]
    for p in finished[:-KEEP_VERSIONS]:
        if p.name != keep:
            shutil.rmtree(p, ignore_errors=True)
    for p in versions:
        if p.name.endswith(".building") and time.time() - p.stat().st_mtime > 3600:
            shutil.rmtree(p, ignore_errors=True)


class StoreUnavailable(RuntimeError):
    """The vector store cannot be reached and no local copy of the index can stand in for it."""

    message_zh = INDEX_MESSAGES["unavailable"]


def needs_build(settings: Settings) -> str:
    """Why the index must be (re)built, "" when it need not: "missing" when there is none yet (locally, or
    on the configured Chroma server); "embedder" when the local one was built by another embedder than
    `settings.embedder` (its vectors must not meet the other's queries); "sentences" when it was built
    before sentence vectors were saved (answers would quote less precisely). With the Chroma server not
    answering, a local copy of the current version is used as it is; without one, StoreUnavailable."""
    try:
        name = current_version_name(settings)
    except Exception as e:  # the server is down: answer from the local copy rather than not start at all
        if current_version(settings.index_dir) is None:
            raise StoreUnavailable(str(e)) from e
        log.warning("vector store unreachable (%s); starting from the local copy of the index", e)
        return ""
    if name is None:
        return "missing"
    v = current_version(settings.index_dir)
    if v is None:
        return ""
    built = built_with(v)
    if built is not None and built != settings.embedder:
        return "embedder"
    try:
        return "" if "sentences" in read_manifest(v) else "sentences"
    except (OSError, ValueError):
        return ""


@functools.lru_cache(maxsize=64)
def built_with(version_dir: Path) -> str | None:
    """Name of the embedder that built an index version (its manifest), None when unknown (versions never
    change once written, so this is cached)."""
    try:
        return read_manifest(version_dir).get("embedder")
    except (OSError, ValueError):
        return None


def read_manifest(version_dir: Path) -> dict[str, Any]:
    """The manifest of an index version."""
    return json.loads((version_dir / "manifest.json").read_text(encoding="utf-8"))


def load_chunks(collection: Any, batch: int = 5000) -> list[Chunk]:
    """Every chunk in the store (text and metadata), in id order — the BM25 side is built from these."""
    total = collection.count()
    chunks: list[Chunk] = []
    for off in range(0, total, batch):
        got = collection.get(include=["documents", "metadatas"], limit=batch, offset=off)
        for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
            chunks.append(chunk_from_meta(cid, text, meta))
    chunks.sort(key=lambda c: c.chunk_id)
    return chunks
