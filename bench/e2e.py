"""End-to-end benchmark (issue 9): answer latency, cold start and peak memory, the way users feel them.

One command, four measurements on the seed corpus (extractive answers, CPU):

1. Cold start WITHOUT an index: `advisor ask QUESTION --index <empty dir>` in a fresh process — it builds the
   index (parse, embed every chunk, Chroma, BM25) and then answers. Wall time to the first answer printed.
2. Cold start WITH that index: the same command again (`--repeat` times; median and max). Also the process's
   peak RSS (os.wait4 → ru_maxrss of that child).
3. Warm latency over the dev set: one process (Advisor + Conversation, model loaded), every item in a fresh
   conversation, all turns asked, the last turn timed — as `advisor eval` does. p50/p95 overall and by route.
4. The web app: `python app.py` on a free loopback port with that index; time until the page answers and
   until the first answer, a few questions through gradio_client's /ask, and the server's peak RSS
   (VmHWM from /proc/<pid>/status). The server is always stopped.

    .venv/bin/python bench/e2e.py                    # writes bench/results/e2e.md and e2e.json
    .venv/bin/python bench/e2e.py --items 20 --repeat 1 --out /tmp/e2e.md    # smoke test
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from load_test import free_port, last_text, machine_facts, pct, proc_status, start_server, stop_server, wait_until_up  # noqa: E402, I001

QUESTION = "清远公办养老机构的护理型床位占比要达到多少?"
WEB_QUESTIONS = [
    "国家对养老机构是怎么分类的?",
    "那新疆呢?",
    "我妈82岁,在清远,失能,低保,能享受什么?",
    "清城区附近哪里有养老院?",
    "家里想做适老化改造,装扶手,政府有补贴吗?",
]
_SCRIPT = Path(sys.executable).parent / "advisor"  # the console script, as users run it
ADVISOR = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "advisor.cli"]


def timed_cli(args: list[str], env: dict[str, str], timeout: float) -> dict[str, Any]:
    """Run the advisor CLI in a fresh process: seconds to the first byte of stdout (the answer is printed
    at once), to exit, and the child's peak RSS (ru_maxrss from wait4)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([*ADVISOR, *args], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    first = proc.stdout.read(1)
    t_first = time.perf_counter() - t0
    rest = proc.stdout.read()
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    t_exit = time.perf_counter() - t0
    if proc.returncode != 0 or time.perf_counter() - t0 > timeout:
        raise RuntimeError(f"advisor {args[0]} failed ({proc.returncode}): {err.decode()[-800:]}")
    return {"first_answer_s": t_first, "exit_s": t_exit, "peak_rss_mb": usage.ru_maxrss / 1024,
            "answer_head": (first + rest).decode("utf-8", "replace")[:60]}


def cold_starts(index_dir: Path, repeat: int) -> dict[str, Any]:
    """Cold start without an index (built first), then `repeat` times with it."""
    env = dict(os.environ)
    ask = ["ask", QUESTION, "--index", str(index_dir)]
    out: dict[str, Any] = {"without_index": timed_cli(ask, env, 1800)}
    report = json.loads((index_dir / "ingest-report.json").read_text("utf-8"))
    out["index_build"] = {k: report.get(k) for k in ("chunks", "seconds_parse", "seconds_embed", "seconds_chroma",
                                                      "seconds_lexical", "seconds_total")}
    runs = [timed_cli(ask, env, 600) for _ in range(repeat)]
    out["with_index_runs"] = runs
    out["with_index"] = {
        "first_answer_s_median": statistics.median(r["first_answer_s"] for r in runs),
        "first_answer_s_max": max(r["first_answer_s"] for r in runs),
        "peak_rss_mb_max": max(r["peak_rss_mb"] for r in runs),
    }
    return out


def ingest_throughput(index_dir: Path) -> dict[str, Any]:
    """The real `advisor ingest` on the seed corpus: cold (no embedding cache) and warm (cache present)."""
    env = dict(os.environ)
    out = {}
    for name, keep_cache in (("cold", False), ("warm cache", True)):
        d = Path(tempfile.mkdtemp(prefix="e2e-ingest-"))
        if keep_cache:
            for cache in index_dir.glob("embcache-*.npz"):
                (d / cache.name).write_bytes(cache.read_bytes())
        t0 = time.perf_counter()
        subprocess.run([*ADVISOR, "ingest", "--quiet", "--index", str(d)], cwd=REPO, env=env, check=True,
                       capture_output=True, timeout=1800)
        wall = time.perf_counter() - t0
        rep = json.loads((d / "ingest-report.json").read_text("utf-8"))
        shutil.rmtree(d, ignore_errors=True)
        out[name] = {"wall_s": wall, "chunks": rep["chunks"], "embedded": rep.get("embedded"),
                     "sentences_embedded": rep.get("sentences_embedded"),
                     "chunks_per_s_wall": rep["chunks"] / wall,
                     "chunks_per_s_build": rep["chunks"] / rep["seconds_total"]}
        out[name] |= {k: rep.get(k) for k in ("seconds_parse", "seconds_embed", "seconds_chroma", "seconds_lexical",
                                              "seconds_total")}
    return out


def warm_latency(index_dir: Path, n_items: int) -> dict[str, Any]:
    """Last-turn latency over the dev set in one warm process, and this process's peak RSS."""
    from advisor import evaluate as ev
    from advisor.chat import Advisor
    from advisor.settings import Settings

    settings = Settings.from_env()
    settings.index_dir = index_dir
    items = ev.load_set(REPO / "evals" / "sets" / "dev.jsonl")[:n_items]
    advisor = Advisor(settings)
    advisor.conversation().ask(QUESTION)  # load the model: warm
    results = ev.run_set(items, advisor.conversation, progress=False)
    lat = [r["latency_ms"] for r in results]
    by: dict[str, list[float]] = {}
    for it, r in zip(items, results, strict=True):
        kind = "refused" if r["refused"] else "answered"
        by.setdefault(f"{kind}, {'multi-turn' if len(it['turns']) > 1 else 'one turn'}", []).append(r["latency_ms"])
    hwm = proc_status(os.getpid()).get("VmHWM", 0) / 1024
    return {"n": len(lat), "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95), "max_ms": max(lat),
            "errors": sum("error" in r for r in results), "peak_rss_mb": hwm,
            "by_kind": {k: {"n": len(v), "p50_ms": pct(v, 50), "p95_ms": pct(v, 95)} for k, v in sorted(by.items())}}


def web_app(index_dir: Path, timeout: float) -> dict[str, Any]:
    """`python app.py` with the index: start-up, first answer, a few answers, the server's peak RSS."""
    from gradio_client import Client

    os.environ["ADVISOR_INDEX"] = str(index_dir)  # start_server passes os.environ on
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    fd, log = tempfile.mkstemp(prefix="e2e-app-", suffix=".log")
    os.close(fd)
    t0 = time.monotonic()
    proc = start_server(port, Path(log))
    try:
        wait_until_up(url, proc, t0 + timeout)
        up_s = time.monotonic() - t0
        idle = proc_status(proc.pid).get("VmRSS", 0) / 1024
        client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
        history: list = []
        lat = []
        for q in WEB_QUESTIONS:
            t = time.perf_counter()
            _, history, _ = client.submit(q, history, api_name="/ask").result(timeout=timeout)
            lat.append((time.perf_counter() - t) * 1000)
            if not last_text(history).strip():
                raise RuntimeError(f"empty answer to {q}")
        first_answer_s = up_s + lat[0] / 1000
        client.close()
        st = proc_status(proc.pid)
    finally:
        stop_server(proc)
        os.environ.pop("ADVISOR_INDEX", None)
    return {"startup_s": up_s, "first_answer_s": first_answer_s, "idle_rss_mb": idle, "latency_ms": lat,
            "later_p50_ms": pct(lat[1:], 50), "peak_rss_mb": st.get("VmHWM", 0) / 1024,
            "rss_end_mb": st.get("VmRSS", 0) / 1024, "log": log}


def markdown(res: dict[str, Any], command: str) -> str:
    """The report."""
    f = res["machine"]
    c, w, a, g = res["cold"], res["warm"], res["web"], res["ingest"]
    ok = lambda b: "✔" if b else "✘"  # noqa: E731
    L = [
        "# End to end: latency, cold start, memory (seed corpus, extractive answers)",
        "",
        f"- Date: {res['date']}; load average at start {res['loadavg_start']}, at end {res['loadavg_end']}",
        f"- Command: `{command}`",
        f"- Machine: {f.get('cpu')}, nproc {f.get('nproc')}, {f.get('memory')}; {f.get('os')}; Python "
        f"{f.get('python')}, gradio {f.get('gradio', '?')}",
        "- Generative answers: not measured (no local generator configured in this run).",
        "",
        "| measurement | value | target |",
        "|---|---:|---|",
        f"| warm answer latency p50 / p95 (dev set, {w['n']} items, last turn) | {w['p50_ms']:.0f} / "
        f"{w['p95_ms']:.0f} ms | p95 ≤ 300 ms {ok(w['p95_ms'] <= 300)} |",
        f"| cold start, existing index: `advisor ask` → first answer printed (median of "
        f"{len(c['with_index_runs'])}, max) | {c['with_index']['first_answer_s_median']:.1f} s "
        f"({c['with_index']['first_answer_s_max']:.1f} s) | ≤ 10 s {ok(c['with_index']['first_answer_s_max'] <= 10)} |",
        f"| cold start, no index: build ({c['index_build']['chunks']} chunks, embed "
        f"{c['index_build']['seconds_embed']} s) then answer | {c['without_index']['first_answer_s']:.1f} s | — |",
        f"| web app: `python app.py` start → page answers | {a['startup_s']:.1f} s | — |",
        f"| web app: start → first answer (model loads on it) | {a['first_answer_s']:.1f} s | ≤ 10 s "
        f"{ok(a['first_answer_s'] <= 10)} |",
        f"| web app: later answers via gradio_client, p50 (client side, {len(a['latency_ms']) - 1}) | "
        f"{a['later_p50_ms']:.0f} ms | — |",
        f"| peak RSS: web app server (VmHWM) | {a['peak_rss_mb']:.0f} MB | ≤ 1.5 GB {ok(a['peak_rss_mb'] <= 1536)} |",
        f"| peak RSS: `advisor ask` with index (ru_maxrss) | {c['with_index']['peak_rss_mb_max']:.0f} MB | ≤ 1.5 GB "
        f"{ok(c['with_index']['peak_rss_mb_max'] <= 1536)} |",
        f"| peak RSS: `advisor ask` building the index first | {c['without_index']['peak_rss_mb']:.0f} MB | — |",
        f"| peak RSS: the warm benchmark process (VmHWM) | {w['peak_rss_mb']:.0f} MB | — |",
        "",
        "Warm latency by route (last turn):",
        "",
        "| route | n | p50 ms | p95 ms |",
        "|---|---:|---:|---:|",
    ]
    L += [f"| {k} | {v['n']} | {v['p50_ms']:.0f} | {v['p95_ms']:.0f} |" for k, v in w["by_kind"].items()]
    L += ["", "## Ingest throughput (real `advisor ingest`, seed corpus, model load included in wall time)", "",
          "| run | chunks | embedded: chunks + sentences | parse s | embed s | Chroma s | jieba+BM25 s | build total s | wall s "
          "| chunks/s (build) | chunks/s (wall) |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in g.items():
        L.append(f"| {name} | {r['chunks']} | {r['embedded']} + {r.get('sentences_embedded')} | {r['seconds_parse']} | {r['seconds_embed']} "
                 f"| {r['seconds_chroma']} | {r['seconds_lexical']} | {r['seconds_total']} | {r['wall_s']:.1f} "
                 f"| {r['chunks_per_s_build']:.1f} | {r['chunks_per_s_wall']:.1f} |")
    L += ["", "How it scales with corpus size (index-build part, synthetic vectors): see [scale.md](scale.md).", ""]
    return "\n".join(L) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--items", type=int, default=1000, help="dev-set items for the warm latency (default all)")
    p.add_argument("--repeat", type=int, default=3, help="cold starts with an index (default 3)")
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--skip-web", action="store_true")
    p.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "e2e.md")
    args = p.parse_args(argv)
    command = shlex.join([".venv/bin/python", "bench/e2e.py", *(sys.argv[1:] if argv is None else argv)])
    loadavg = lambda: " ".join(Path("/proc/loadavg").read_text().split()[:3])  # noqa: E731
    res: dict[str, Any] = {"date": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", "loadavg_start": loadavg(),
                           "machine": machine_facts()}
    index_dir = Path(tempfile.mkdtemp(prefix="e2e-index-"))
    # subprocess measurements first, while this process is still small (a child's ru_maxrss starts from it)
    res["cold"] = cold_starts(index_dir, args.repeat)
    print(f"cold: {res['cold']['with_index']}", file=sys.stderr, flush=True)
    res["ingest"] = ingest_throughput(index_dir)
    print(f"ingest: {res['ingest']}", file=sys.stderr, flush=True)
    res["web"] = {} if args.skip_web else web_app(index_dir, args.timeout)
    print(f"web: {res['web']}", file=sys.stderr, flush=True)
    res["warm"] = warm_latency(index_dir, args.items)
    res["loadavg_end"] = loadavg()
    shutil.rmtree(index_dir, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(res, ensure_ascii=False, indent=1), "utf-8")
    if args.skip_web:
        res["web"] = {"startup_s": float("nan"), "first_answer_s": float("nan"), "latency_ms": [float("nan")] * 2,
                      "later_p50_ms": float("nan"), "peak_rss_mb": float("nan")}
    args.out.write_text(markdown(res, command), "utf-8")
    print(args.out.read_text("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
