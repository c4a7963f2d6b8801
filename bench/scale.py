"""Scale benchmark (issue 9): a synthetic corpus of up to 10^5 chunks recombined from the real clauses, seeded.

What it does, in one command:

1. Loads the real chunks and their e5 vectors from the current index (`advisor ingest` first).
2. Measures the real model's passage throughput on `--embed-sample` synthetic texts and projects the time
   to embed each size (embedding 10^5 texts on 2 cores takes hours, so it is projected, not done).
3. Generates synthetic documents (seeded): a real Chinese region from corpus/lexicon/regions.yaml (or 全国),
   a real title re-headed with that region, and chunks whose text joins 2–4 real clause sentences.
   SYNTHETIC VECTORS: each chunk's vector is the normalised mean of the real vectors of the chunks its
   sentences came from, plus small seeded Gaussian noise — not the model's embedding of the new text.
   Each sentence keeps its real vector (the side-car stores them for answers, as a real build does).
4. For each size: writes an index version with advisor.index.store.write_version into `--root`/n<size> (never
   the project's index/), and measures the Chroma add, the lexical side-car (jieba + BM25), disk size;
   start-up load of a Retriever in a fresh process (side-car; and the legacy path — fetch every chunk from
   Chroma and tokenise it — up to `--legacy-max`); query latency p50/p95 of retrieval and of the full
   extractive answer with and without a region; and four ways of finding a region's chunks on the dense
   side: (a) Chroma `where` $in filter, (b) post-filtering an over-fetched global query, (c) BM25 mask,
   (d) per-region collections (up to `--per-region-max`), (e) exact search over the memory-mapped saved
   vectors of the region's and the national chunks (what Retriever.search does), with recall against exact
   filtered search.
5. Writes bench/results/scale.md, scale.json and PNG plots.

    .venv/bin/python bench/scale.py                              # 10^3, 10^4, 10^5
    .venv/bin/python bench/scale.py --sizes 1000 --queries 10 --out /tmp/scale-smoke.md   # smoke test
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from load_test import pct  # noqa: E402  (bench/, the script's folder)
from machine import cores, cpu_model, load_average, versions  # noqa: E402

from advisor.index.store import (  # noqa: E402
    built_with,
    current_version,
    embed_text,
    load_chunks,
    open_collection,
    write_version,
)
from advisor.ingest.chunking import chunk_sentences  # noqa: E402
from advisor.lexicon import load_lexicon  # noqa: E402
from advisor.schema import Chunk  # noqa: E402
from advisor.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results"
NATIONAL_SHARE = 0.12  # share of synthetic documents that are national
NOISE = 0.05  # std of the Gaussian noise added to each component of a synthetic vector (before normalising)


def machine() -> dict[str, str]:
    """CPU, cores, memory, load average, versions (from bench/machine.py)."""
    out = {"nproc": str(cores()), "cpu": cpu_model(), "loadavg": load_average(), **versions()}
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            out["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return out


def du(path: Path) -> int:
    """Bytes on disk under path."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ---------------------------------------------------------------- the synthetic corpus


def real_data(settings: Settings) -> tuple[list[Chunk], np.ndarray]:
    """The real chunks of the current index and their vectors (same order)."""
    vdir = current_version(settings.index_dir)
    if vdir is None:
        raise SystemExit(f"no index under {settings.index_dir}: run `.venv/bin/advisor ingest` first")
    col = open_collection(vdir)
    chunks = load_chunks(col)
    got = col.get(ids=[c.chunk_id for c in chunks], include=["embeddings"])
    vec = dict(zip(got["ids"], got["embeddings"], strict=True))
    return chunks, np.asarray([vec[c.chunk_id] for c in chunks], dtype=np.float32)


def real_sentence_vectors(settings: Settings) -> dict[str, np.ndarray]:
    """Each sentence of the current index and its saved vector (empty for an index without them)."""
    from advisor.retrieval.retriever import Retriever

    r = Retriever(settings)
    if r.state.sentences is None:
        return {}
    return {s: v for i, c in enumerate(r.chunks)
            for s, v in zip(chunk_sentences(c.text), r.state.sentences.of(i), strict=True)}


def sentence_vectors_for(chunks: list[Chunk], matrix: np.ndarray, known: dict[str, np.ndarray]) -> list[np.ndarray]:
    """Per chunk, a vector for each of its sentences: the real sentence's own vector; a sentence that is not
    a real one (two real ones run together) takes its chunk's synthetic vector."""
    return [np.stack([known.get(s, matrix[i]) for s in sents]) if (sents := chunk_sentences(c.text))
            else np.zeros((0, matrix.shape[1]), np.float32) for i, c in enumerate(chunks)]


def synthesize(real: list[Chunk], vectors: np.ndarray, size: int, seed: int) -> tuple[list[Chunk], np.ndarray]:
    """The real chunks plus size − len(real) synthetic ones (seeded; a prefix of a larger run is the same)."""
    lex = load_lexicon(Settings().lexicon_dir)
    regions = sorted(r for r in lex.regions if r != "全国")
    sentences = [(s, i) for i, c in enumerate(real) for s in chunk_sentences(c.text) if len(s) >= 12]
    titles = sorted({c.title for c in real if c.title})
    headings = sorted({c.heading_path for c in real if c.heading_path})
    aliases = sorted({a for r in lex.regions.values() for a in r.aliases} | set(lex.regions), key=len, reverse=True)
    strip = re.compile("|".join(map(re.escape, aliases)))
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    chunks = list(real)
    rows = [vectors]
    doc = 0
    while len(chunks) < size:
        region = "全国" if rng.random() < NATIONAL_SHARE else rng.choice(regions)
        level = lex.regions[region].level
        short = region if region == "全国" else (lex.regions[region].aliases or [region])[0]
        title = (short if region != "全国" else "国务院办公厅") + "关于" + strip.sub("", rng.choice(titles)).lstrip("关于")
        year = rng.randint(2019, 2025)
        n = min(rng.randint(15, 40), size - len(chunks))
        vecs = np.zeros((n, vectors.shape[1]), dtype=np.float32)
        for j in range(n):
            picked = [rng.choice(sentences) for _ in range(rng.randint(2, 4))]
            text = "".join(s for s, _ in picked)
            src = sorted({i for _, i in picked})
            v = vectors[src].mean(axis=0) + noise.normal(0.0, NOISE, vectors.shape[1]).astype(np.float32)
            vecs[j] = v / np.linalg.norm(v)
            chunks.append(Chunk(chunk_id=f"syn{doc:06d}-{j:03d}", doc_id=f"syn{doc:06d}", source=f"syn_{doc:06d}.txt",
                                text=text, heading_path=rng.choice(headings), article=f"第{j + 1}条",
                                title=title, region=region, level=level, publish_date=f"{year}-{rng.randint(1, 12):02d}-01",
                                issuer=f"{short}民政厅" if region != "全国" else "民政部"))
        rows.append(vecs)
        doc += 1
    return chunks, np.concatenate(rows)


# ---------------------------------------------------------------- measurements


def embed_throughput(chunks: list[Chunk], n: int) -> dict[str, float]:
    """Passages per second of the real model on n synthetic chunk texts, and sentences per second on their
    sentences (a build embeds both; model load excluded)."""
    from advisor.retrieval.embed import get_embedder

    emb = get_embedder()
    texts = [embed_text(c) for c in chunks[-n:]]
    sents = [x for c in chunks[-n:] for x in chunk_sentences(c.text)]
    emb.embed_documents(texts[:16])  # warm-up
    t0 = time.perf_counter()
    emb.embed_documents(texts)
    s = time.perf_counter() - t0
    t1 = time.perf_counter()
    emb.embed_documents(sents)
    s2 = time.perf_counter() - t1
    return {"texts": n, "seconds": round(s, 2), "passages_per_s": round(n / s, 2),
            "mean_chars": round(sum(map(len, texts)) / n, 1), "sentences": len(sents),
            "sentences_per_chunk": round(len(sents) / n, 2), "sentences_per_s": round(len(sents) / s2, 2)}


LOAD_SNIPPET = r"""
import json, sys, time
t0 = time.perf_counter()
from advisor.settings import Settings
from advisor.retrieval.retriever import Retriever, BM25Index, build_lexical
from advisor.index.store import current_version, load_chunks, open_collection
t1 = time.perf_counter()
s = Settings.from_env(); s.index_dir = __import__("pathlib").Path(sys.argv[1])
out = {"import_s": t1 - t0}
if sys.argv[2] == "sidecar":
    r = Retriever(s)
    out["load_s"] = time.perf_counter() - t1
    out["chunks"] = len(r.chunks)
else:  # what Retriever.reload did before the side-car: fetch every chunk, tokenise twice
    from advisor.lexicon import load_lexicon
    from advisor.retrieval.retriever import add_terms, corpus_terms, tokenize
    col = open_collection(current_version(s.index_dir))
    chunks = load_chunks(col)
    t2 = time.perf_counter()
    add_terms(corpus_terms((c.text for c in chunks), load_lexicon(s.lexicon_dir)))
    BM25Index([f"{c.title} {c.heading_path}\n{c.text}" for c in chunks])
    df = {}
    for c in chunks:
        for t in set(tokenize(c.text)):
            df[t] = df.get(t, 0) + 1
    out["load_s"] = time.perf_counter() - t1
    out["chroma_get_s"] = t2 - t1
    out["chunks"] = len(chunks)
# VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec and would report the parent's peak
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
out["maxrss_mb"] = int(hwm) / 1024
print(json.dumps(out))
"""


def load_in_fresh_process(index_dir: Path, how: str) -> dict[str, float]:
    """Start-up load of the retriever in a new Python process (imports reported apart)."""
    out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET, str(index_dir), how], cwd=REPO, capture_output=True,
                         text=True, check=True, timeout=3600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def region_designs(retriever: Any, qvecs: np.ndarray, chains: list[list[str]], matrix: np.ndarray,
                   queries: list[str], per_region: Any | None) -> dict[str, Any]:
    """Latency and recall@10 (vs exact filtered search) of the ways to get a region's dense candidates,
    and the BM25 mask; n = the retriever's candidate count."""
    from advisor.retrieval.ranking import top as _top

    st = retriever.state
    n = retriever.settings.candidates
    rows: dict[str, list[float]] = {}
    recall: dict[str, list[float]] = {}
    own_recall: dict[str, list[float]] = {}  # the region's own (not national) exact top-10 among the candidates
    survivors: dict[str, list[int]] = {}

    def timed(name: str, fn: Any) -> Any:
        t0 = time.perf_counter()
        r = fn()
        rows.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
        return r

    for q, qtext, chain in zip(qvecs, queries, chains, strict=True):
        names = sorted({*chain, "全国"} & set(st.members))
        pools = st.pools(chain)
        if not pools:
            continue
        pool = np.sort(np.concatenate(pools))
        exact = set(pool[np.argsort(-(matrix[pool] @ q))[:10]].tolist())
        own = np.sort(np.concatenate([st.members[r] for r in set(chain) - {"全国"} if r in st.members] or [pool[:0]]))
        exact_own = set(own[np.argsort(-(matrix[own] @ q))[:10]].tolist())

        def score(name: str, got: list[int], exact: set[int] = exact, exact_own: set[int] = exact_own) -> None:
            recall.setdefault(name, []).append(len(exact & set(got[:10])) / 10)
            if exact_own:
                own_recall.setdefault(name, []).append(len(exact_own & set(got)) / len(exact_own))
        ql = q.tolist()
        timed("global, no filter", lambda ql=ql: st.collection.query(query_embeddings=[ql], n_results=n, include=["distances"]))
        res = timed("(a) Chroma where $in", lambda ql=ql, names=names: st.collection.query(
            query_embeddings=[ql], n_results=n, include=["distances"], where={"region": {"$in": names}}))
        score("(a) Chroma where $in", [st.by_id[i] for i in res["ids"][0]])
        in_pool = np.zeros(len(st.chunks), dtype=bool)
        in_pool[pool] = True
        for m in (4, 10):
            name = f"(b) post-filter over {m}·n"
            res = timed(name, lambda ql=ql, m=m: st.collection.query(
                query_embeddings=[ql], n_results=min(m * n, len(st.chunks)), include=["distances"]))
            got = [st.by_id[i] for i in res["ids"][0] if in_pool[st.by_id[i]]]
            survivors.setdefault(name, []).append(len(got))
            score(name, got)
        if per_region is not None:
            def per(ql: list[float] = ql, names: list[str] = names) -> list[tuple[float, int]]:
                hits: list[tuple[float, int]] = []
                for r in names:
                    col = per_region[r]
                    res = col.query(query_embeddings=[ql], n_results=min(n, col.count()), include=["distances"])
                    hits += [(d, st.by_id[i]) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]
                return sorted(hits)[:n]
            score("(d) per-region collections", [i for _, i in timed("(d) per-region collections", per)])
        if st.vectors is not None:
            def exact_pools(q: np.ndarray = q, pools: list[np.ndarray] = pools) -> list[int]:
                best: list[tuple[float, int]] = []
                for p in pools:
                    cos = np.asarray(st.vectors[p], dtype=np.float32) @ q
                    best += [(-float(cos[j]), int(p[j])) for j in _top(cos, n)]
                return [i for _, i in sorted(best)]
            score("(e) exact over the saved vectors, per pool (chosen)",
                  timed("(e) exact over the saved vectors, per pool (chosen)", exact_pools))
        s = timed("BM25 scores (all chunks)", lambda qtext=qtext: st.bm25.scores(qtext))
        timed("(c) BM25 mask: top-n of each pool (chosen)",
              lambda s=s, pools=pools: [p[_top(s[p], n)] for p in pools])
    return {
        "latency_ms": {k: {"p50": pct(v, 50), "p95": pct(v, 95)} for k, v in rows.items()},
        "recall_at_10": {k: float(np.mean(v)) for k, v in recall.items()},
        "own_region_recall": {k: float(np.mean(v)) for k, v in own_recall.items()},
        "pool_survivors_min": {k: int(min(v)) for k, v in survivors.items()},
    }


def build_per_region(path: Path, chunks: list[Chunk], matrix: np.ndarray) -> tuple[dict[str, Any], float]:
    """Design (d): one Chroma collection per region (in its own store); returns them and the build time."""
    import chromadb

    shutil.rmtree(path, ignore_errors=True)
    client = chromadb.PersistentClient(path=str(path))
    t0 = time.perf_counter()
    by: dict[str, list[int]] = {}
    for i, c in enumerate(chunks):
        by.setdefault(c.region or "未知", []).append(i)
    cols = {}
    for k, (r, ix) in enumerate(sorted(by.items())):
        col = client.get_or_create_collection(f"r{k:03d}", embedding_function=None,
                                              configuration={"hnsw": {"space": "cosine"}})
        for b in range(0, len(ix), 2000):
            part = ix[b : b + 2000]
            col.add(ids=[chunks[i].chunk_id for i in part], embeddings=matrix[part])
        cols[r] = col
    return cols, time.perf_counter() - t0


def query_latency(settings: Settings, queries: list[str], chains: list[list[str]],
                  profile_regions: list[str]) -> tuple[dict[str, Any], Any, Any]:
    """Retrieval-only and full extractive answer latency, with and without a region (warm, one process)."""
    from advisor.answer.query import analyze
    from advisor.chat import Advisor
    from advisor.profile import Profile
    from advisor.retrieval.retriever import Retriever

    t0 = time.perf_counter()
    retriever = Retriever(settings)
    load_s = time.perf_counter() - t0
    advisor = Advisor(settings, retriever)
    advisor.conversation().ask(queries[0])  # loads the model
    out: dict[str, Any] = {"load_in_process_s": load_s}
    lat: dict[str, list[float]] = {}
    pool_hits = []
    for q, chain, region in zip(queries, chains, profile_regions, strict=True):
        search = analyze(q, advisor.lex).search
        for name, regs in (("retrieve, no region", []), ("retrieve, region", chain)):
            t = time.perf_counter()
            hits = retriever.search(search, regs)
            lat.setdefault(name, []).append((time.perf_counter() - t) * 1000)
            if regs:
                pool_hits.append(sum(h.chunk.region in {*chain, "全国"} for h in hits) / max(len(hits), 1))
        for name, prof in (("answer, no region", Profile()), ("answer, region", Profile(region=region))):
            conv = advisor.conversation(prof)
            t = time.perf_counter()
            conv.ask(q)
            lat.setdefault(name, []).append((time.perf_counter() - t) * 1000)
    out["latency_ms"] = {k: {"p50": pct(v, 50), "p95": pct(v, 95), "n": len(v)} for k, v in lat.items()}
    out["top10_share_in_region_or_national"] = float(np.mean(pool_hits)) if pool_hits else None
    return out, retriever, advisor


def run_size(size: int, real: list[Chunk], vectors: np.ndarray, args: argparse.Namespace, queries: list[str],
             chains: list[list[str]], profile_regions: list[str], known: dict[str, np.ndarray]) -> dict[str, Any]:
    """Everything measured at one corpus size (`known`: the real sentences' vectors)."""
    chunks, matrix = synthesize(real, vectors, size, args.seed)
    sentences = sentence_vectors_for(chunks, matrix, known) if known else None
    settings = Settings.from_env()
    settings.index_dir = args.root / f"n{size}"
    shutil.rmtree(settings.index_dir, ignore_errors=True)
    source = current_version(Settings.from_env().index_dir)  # the vectors come from this index's model
    manifest = {"embedder": (built_with(source) if source else None) or settings.embedder,
                "synthetic_vectors": True, "files": {}, "chunks": len(chunks), "documents": []}
    if sentences is not None:
        manifest["sentences"] = sum(map(len, sentences))
    t0 = time.perf_counter()
    version, report = write_version(settings, chunks, matrix, manifest, {"synthetic": True}, t0=t0,
                                    sentence_vectors=sentences)
    vdir = settings.index_dir / version
    res: dict[str, Any] = {
        "chunks": len(chunks),
        "build_chroma_s": report["seconds_chroma"],
        "build_lexical_s": report["seconds_lexical"],
        "build_total_s": report["seconds_total"],
        "disk_chroma_mb": du(vdir / "chroma") / 2**20,
        "disk_lexical_mb": du(vdir / "lexical") / 2**20,
    }
    print(f"[{size}] built in {res['build_total_s']} s", file=sys.stderr, flush=True)
    res["load_sidecar"] = load_in_fresh_process(settings.index_dir, "sidecar")
    if size <= args.legacy_max:
        res["load_legacy"] = load_in_fresh_process(settings.index_dir, "legacy")
    print(f"[{size}] load {res['load_sidecar']} {res.get('load_legacy')}", file=sys.stderr, flush=True)
    lat, retriever, _ = query_latency(settings, queries, chains, profile_regions)
    res |= lat
    print(f"[{size}] latency {lat['latency_ms']}", file=sys.stderr, flush=True)
    per_region = None
    if size <= args.per_region_max:
        per_region, s = build_per_region(args.root / f"n{size}-per-region", chunks, matrix)
        res["per_region_build_s"] = s
    qvecs = np.stack([retriever.embedder.embed_query(q) for q in queries])
    order = {c.chunk_id: i for i, c in enumerate(chunks)}
    aligned = matrix[[order[c.chunk_id] for c in retriever.chunks]]
    res["designs"] = region_designs(retriever, qvecs, chains, aligned, queries, per_region)
    print(f"[{size}] designs {res['designs']['latency_ms']}", file=sys.stderr, flush=True)
    return res


# ---------------------------------------------------------------- report


def _save(fig: Any, ax: Any, path: Path, title: str, ylabel: str, xlabel: str = "chunks",
          legend_size: int = 8) -> str:
    """Label a log-x size plot, write it as PNG and close it; returns the file name."""
    import matplotlib.pyplot as plt

    ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=legend_size)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path.name


def plots(results: dict[str, Any], out_dir: Path) -> list[str]:
    """latency vs size, load time vs size, region designs vs size (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(int(s) for s in results["sizes"])
    R = [results["sizes"][str(s)] for s in sizes]
    files = []
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for name, style in (("retrieve, no region", "o--"), ("retrieve, region", "o-"),
                        ("answer, no region", "s--"), ("answer, region", "s-")):
        ax.plot(sizes, [r["latency_ms"][name]["p95"] for r in R], style, label=f"{name} (p95)")
    ax.axhline(500, color="red", lw=0.8, ls=":", label="target 500 ms")
    files.append(_save(fig, ax, out_dir / "scale-latency.png", "Query latency vs corpus size (warm, 2 cores)", "ms",
                       xlabel="chunks (synthetic corpus)"))

    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.plot(sizes, [r["load_sidecar"]["load_s"] for r in R], "o-", label="Retriever load (saved lexical side-car)")
    leg = [(s, r["load_legacy"]["load_s"]) for s, r in zip(sizes, R, strict=True) if "load_legacy" in r]
    if leg:
        ax.plot([s for s, _ in leg], [v for _, v in leg], "o--", label="legacy: Chroma get + jieba + BM25 at load")
    ax.plot(sizes, [r["build_chroma_s"] for r in R], "^:", label="build: Chroma add")
    ax.plot(sizes, [r["build_lexical_s"] for r in R], "v:", label="build: jieba + BM25 side-car")
    ax.set_yscale("log")
    files.append(_save(fig, ax, out_dir / "scale-load.png", "Index build and load time vs corpus size", "seconds"))

    fig, ax = plt.subplots(figsize=(7, 4.2))
    names = list(R[-1]["designs"]["latency_ms"])
    for name in names:
        ys = [r["designs"]["latency_ms"].get(name, {}).get("p50", float("nan")) for r in R]
        ax.plot(sizes, ys, "o-", label=name)
    files.append(_save(fig, ax, out_dir / "scale-region-designs.png",
                       "Region candidates: dense-side designs and BM25 mask", "ms (p50)", legend_size=7))
    return files


def _embed_minutes(size: int, e: dict[str, Any]) -> float:
    """Projected minutes to embed `size` chunks and their sentences for real."""
    sentences = size * e.get("sentences_per_chunk", 0) / e["sentences_per_s"] if e.get("sentences_per_s") else 0
    return (size / e["passages_per_s"] + sentences) / 60


def markdown(results: dict[str, Any], command: str, files: list[str]) -> str:
    """The report."""
    m = results["machine"]
    sizes = sorted(int(s) for s in results["sizes"])
    R = [results["sizes"][str(s)] for s in sizes]
    e = results["embed"]
    L = [
        "# Scale: synthetic corpus up to 10^5 chunks",
        "",
        f"- Date: {results['date']}; load average at start {m['loadavg']}, at end {results['loadavg_end']}",
        f"- Command: `{command}`",
        f"- Machine: {m.get('cpu')}, nproc {m['nproc']}, {m.get('memory')}; Python {m['python']}, chromadb "
        f"{m.get('chromadb')}, bm25s {m.get('bm25s')}, jieba {m.get('jieba')}, torch {m.get('torch')}",
        f"- Corpus: the {results['real_chunks']} real chunks of the current index plus synthetic documents "
        f"(seed {results['seed']}): region drawn from corpus/lexicon/regions.yaml ({results['regions']} regions, "
        f"{NATIONAL_SHARE:.0%} national), a real title re-headed with the region, 15–40 chunks each of 2–4 real "
        "clause sentences.",
        f"- **Vectors of synthetic chunks are synthetic**: normalised mean of the real e5 vectors of the source "
        f"chunks + Gaussian noise (σ {NOISE}). Embedding them for real was measured and projected instead: "
        f"{e['passages_per_s']} passages/s on {e['texts']} synthetic texts (mean {e['mean_chars']} chars), and "
        f"{e.get('sentences_per_s', '—')} sentences/s on their {e.get('sentences', '—')} sentences "
        f"({e.get('sentences_per_chunk', 0)} per chunk) → "
        + ", ".join(f"10^{len(str(s)) - 1}: {_embed_minutes(s, e):.0f} min" for s in sizes)
        + " of embedding alone on this machine. The sentence vectors answers weigh are the real sentences' own "
        "vectors (a sentence two real ones run into takes its chunk's synthetic vector).",
        f"- Queries: {results['n_queries']} dev-set questions (last turn; seeded sample). 'region' = a random "
        "synthetic region's chain (retrieval), or the profile's region (answer; a question naming a place keeps "
        "its own). Warm: one process, model loaded, timings per call.",
        "",
        "## Build, disk, load",
        "",
        "| chunks | Chroma add s | jieba+BM25 side-car s | disk Chroma MB | disk side-car MB | load (side-car) s "
        "| load legacy s (of which Chroma get) | peak RSS of the load (VmHWM) MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s, r in zip(sizes, R, strict=True):
        leg = r.get("load_legacy")
        legs = f"{leg['load_s']:.1f} ({leg['chroma_get_s']:.1f})" if leg else "not run"
        L.append(f"| {s} | {r['build_chroma_s']:.1f} | {r['build_lexical_s']:.1f} | {r['disk_chroma_mb']:.0f} "
                 f"| {r['disk_lexical_mb']:.0f} | {r['load_sidecar']['load_s']:.2f} | {legs} "
                 f"| {r['load_sidecar']['maxrss_mb']:.0f} |")
    L += ["", "Load = constructing `Retriever` in a fresh process (imports excluded, model not loaded; it loads "
          "lazily on the first question). Legacy = what `Retriever.reload` did before this change.", "",
          "## Query latency (ms, warm)", "",
          "| chunks | retrieve p50 / p95 | retrieve + region p50 / p95 | answer p50 / p95 | answer + region p50 / p95 "
          "| region or national share of top-10 |", "|---:|---:|---:|---:|---:|---:|"]
    for s, r in zip(sizes, R, strict=True):
        lat = r["latency_ms"]

        def f(k: str, lat: dict = lat) -> str:
            return f"{lat[k]['p50']:.0f} / {lat[k]['p95']:.0f}"

        L.append(f"| {s} | {f('retrieve, no region')} | {f('retrieve, region')} | {f('answer, no region')} "
                 f"| {f('answer, region')} | {r['top10_share_in_region_or_national']:.2f} |")
    L += ["", "## Finding a region's candidates (dense side; BM25 mask for comparison)", "",
          "Recall@10 = share of the exact top-10 of the region + national chunks (brute force over the vectors) "
          "among its first 10; own-region recall = share of the exact top-10 of the region's own chunks (not "
          "national) anywhere among the n candidates it returns — what matters when national chunks crowd them.",
          "", "| chunks | design | p50 ms | p95 ms | recall@10 | own-region recall | min region + national survivors "
          "of the over-fetch |", "|---:|---|---:|---:|---:|---:|---:|"]
    for s, r in zip(sizes, R, strict=True):
        d = r["designs"]
        for name, v in d["latency_ms"].items():
            rec, own = d["recall_at_10"].get(name), d.get("own_region_recall", {}).get(name)
            L.append(f"| {s} | {name} | {v['p50']:.1f} | {v['p95']:.1f} | "
                     f"{'' if rec is None else f'{rec:.2f}'} | {'' if own is None else f'{own:.2f}'} "
                     f"| {d['pool_survivors_min'].get(name, '')} |")
        if "per_region_build_s" in r:
            L.append(f"| {s} | (d) build of the per-region collections | {r['per_region_build_s']:.0f} s | | | | |")
    L += ["", "Chosen design (advisor/retrieval/retriever.py, `Retriever.search`): the region stays a boost, but the asker's "
          "region and national documents are two extra candidate pools. BM25 takes each pool's top-n from the "
          "scores it computes anyway (c); the dense side searches each pool exactly over the index version's "
          "memory-mapped saved vectors (e). Chroma's `where` filter (a) is linear in the corpus; an over-fetch (b) "
          "is cheap but loses a small region's chunks to national and other regions' ones; per-region "
          "collections (d) need a second build and one query per region of the chain.", ""]
    L += ["", "Plots: " + ", ".join(f"[{f}]({f})" for f in files), ""]
    return "\n".join(L) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    p.add_argument("--queries", type=int, default=60)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--embed-sample", type=int, default=500)
    p.add_argument("--legacy-max", type=int, default=10000, help="largest size to time the legacy load at")
    p.add_argument("--per-region-max", type=int, default=100000, help="largest size to build design (d) at")
    p.add_argument("--root", type=Path, default=REPO / "bench" / ".scale", help="where synthetic indexes go")
    p.add_argument("--out", type=Path, default=RESULTS / "scale.md")
    p.add_argument("--designs-from", type=Path, help="only the region-design section, on this existing synthetic "
                   "index directory (e.g. bench/.scale/n100000); prints JSON")
    args = p.parse_args(argv)
    if args.root.resolve() == (REPO / "index").resolve():
        p.error("--root must not be the project's index/")
    command = shlex.join([".venv/bin/python", "bench/scale.py", *(sys.argv[1:] if argv is None else argv)])
    results: dict[str, Any] = {"date": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", "machine": machine(),
                               "seed": args.seed, "sizes": {}}
    real, vectors = real_data(Settings.from_env())
    known = real_sentence_vectors(Settings.from_env())
    results["real_chunks"] = len(real)
    results["regions"] = len(load_lexicon(Settings().lexicon_dir).regions) - 1
    items = [json.loads(line) for line in (REPO / "evals/sets/dev.jsonl").read_text("utf-8").splitlines() if line]
    rng = random.Random(args.seed)
    items = rng.sample(items, min(args.queries, len(items)))
    queries = [it["turns"][-1] for it in items]
    lex = load_lexicon(Settings().lexicon_dir)
    regs = sorted(r for r in lex.regions if r != "全国")
    profile_regions = [rng.choice(regs) for _ in queries]
    chains = [lex.chain(r) for r in profile_regions]
    results["n_queries"] = len(queries)
    if args.designs_from:
        from advisor.retrieval.retriever import Retriever

        settings = Settings.from_env()
        settings.index_dir = args.designs_from
        r = Retriever(settings)
        qvecs = np.stack([r.embedder.embed_query(q) for q in queries])
        d = region_designs(r, qvecs, chains, np.asarray(r.state.vectors), queries, None)
        print(json.dumps({"index": str(args.designs_from), "chunks": len(r.chunks), "loadavg": machine()["loadavg"],
                          "designs": d}, ensure_ascii=False, indent=1))
        return 0
    big, _ = synthesize(real, vectors, max(args.sizes), args.seed)
    results["embed"] = embed_throughput(big, min(args.embed_sample, len(big) - len(real)))
    print(f"embedding: {results['embed']}", file=sys.stderr, flush=True)
    del big
    args.root.mkdir(parents=True, exist_ok=True)
    for size in sorted(args.sizes):
        results["sizes"][str(size)] = run_size(size, real, vectors, args, queries, chains, profile_regions, known)
        json_path = args.out.with_suffix(".json")
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    results["loadavg_end"] = load_average()
    args.out.with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    files = plots(results, args.out.parent)
    args.out.write_text(markdown(results, command, files), "utf-8")
    print(args.out.read_text("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
