"""Load test of the web page (issue 8): N concurrent conversations x T turns against the real app.

The app (`python app.py`) is started in a separate process on a free loopback port, with the real index and
model; once it answers, N threads each open their own gradio_client `Client` (so each has its own session and
its own `Conversation`) and ask a realistic sequence of Chinese questions through the `/ask` endpoint, passing
the returned history back like a browser does. There is no think time between turns (closed loop, worst case).

Everything is bounded: a global deadline (--timeout, covering start-up too), a per-request timeout
(--request-timeout), and a fixed number of requests. The server is always stopped at the end (also on errors
and Ctrl-C). Loopback only: the server binds 127.0.0.1 and the clients only talk to it.

An error is an exception, a timeout, an empty answer, or the app's own "系统暂时出错" reply.
Latency is client-side wall time from submit to the final (streamed) result. Peak RSS of the server process
is read from /proc/<pid>/status: VmHWM (lifetime peak, includes loading the model) and the highest VmRSS
sampled every 0.2 s while the load runs.

    .venv/bin/python bench/load_test.py                      # 50 conversations x 10 turns
    .venv/bin/python bench/load_test.py --conversations 5 --turns 3 --out /tmp/smoke.md
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import os
import platform
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "bench" / "results" / "load-test.md"
SERVER_ERROR_TEXT = "系统暂时出错"  # the page's reply when answering raised (advisor/app/conversation.py)

# Three scripted conversations (conversation i follows SCRIPTS[i % 3]); each mixes policy questions,
# short follow-ups that lean on the previous turn, an open eligibility question (rules engine), a provider
# question (directory) and one out-of-scope question the advisor must decline. (kind, message)
SCRIPTS: list[list[tuple[str, str]]] = [
    [
        ("policy", "国家对养老机构是怎么分类的?"),
        ("follow-up", "那新疆呢?"),
        ("eligibility", "我妈82岁,在清远,失能,低保,能享受什么?"),
        ("follow-up", "有什么补贴?"),
        ("provider", "清城区附近哪里有养老院?"),
        ("policy", "做老年人能力评估要本人去现场吗?"),
        ("refusal", "明天天气怎么样?"),
        ("policy", "家里想做适老化改造,装扶手,政府有补贴吗?"),
        ("follow-up", "辽宁呢?"),
        ("policy", "清远公办养老机构的护理型床位占比要达到多少?"),
    ],
    [
        ("policy", "中央意见说到2029年养老服务要达到什么目标?"),
        ("follow-up", "那新疆呢?"),
        ("policy", "居家养老有哪些上门服务?"),
        ("eligibility", "我妈82岁,在清远,失能,低保,能享受什么?"),
        ("follow-up", "她想住公办养老院,能优先吗?"),
        ("refusal", "帮我推荐一只能涨的股票。"),
        ("provider", "清城区附近哪里有养老院?"),
        ("policy", "在家照顾失能老人,去参加护理培训有补贴吗?"),
        ("follow-up", "甘肃呢?"),
        ("policy", "兜底保障型养老机构收住哪些老人?"),
    ],
    [
        ("policy", "经济困难的失能老人有什么补贴?"),
        ("follow-up", "那新疆呢?"),
        ("policy", "清远那个基本养老服务体系建设实施方案什么时候开始施行?"),
        ("follow-up", "有效期多久?"),
        ("eligibility", "我妈82岁,在清远,失能,低保,能享受什么?"),
        ("provider", "清城区附近哪里有养老院?"),
        ("policy", "社区养老服务设施每天至少开放多长时间?"),
        ("refusal", "明天天气怎么样?"),
        ("policy", "老人有点认知障碍,社区能提供照护吗?"),
        ("follow-up", "新疆呢?"),
    ],
]


@dataclass
class Result:
    """One request as the client saw it."""

    conv: int
    turn: int
    kind: str
    ok: bool
    latency_ms: float
    error: str = ""  # "", "exception: ...", "timeout", "empty", "server error reply"
    answer_chars: int = 0
    started: float = 0.0  # time.monotonic() when the request was sent


@dataclass
class Run:
    """Everything measured in one run."""

    results: list[Result] = field(default_factory=list)
    setup_errors: list[str] = field(default_factory=list)
    not_run: int = 0  # turns skipped because the global deadline had passed
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, r: Result) -> None:
        with self.lock:
            self.results.append(r)


# ---------------------------------------------------------------- server process


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process in kB (empty when it is gone)."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(rest.split()[0])
    except (OSError, ValueError, IndexError):
        pass
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process in s (nan when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def children(pid: int) -> list[int]:
    """Direct child processes (the app should have none; reported if it does)."""
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as f:
                kids += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return kids


class RssSampler(threading.Thread):
    """Samples the server's VmRSS every `every` seconds; `peak_kb` is the highest seen."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(name="rss-sampler", daemon=True)
        self.pid, self.every = pid, every
        self.peak_kb = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            rss = proc_status(self.pid).get("VmRSS", 0)
            self.peak_kb = max(self.peak_kb, rss)
            self.stop.wait(self.every)


def start_chroma(path: Path, port: int, deadline: float) -> subprocess.Popen:
    """A Chroma server (`chroma run` from the chromadb package) on 127.0.0.1:port, storing in `path`."""
    import chromadb

    exe = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    while time.monotonic() < deadline:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            return proc
        except Exception:
            if proc.poll() is not None:
                raise RuntimeError("chroma server exited") from None
            time.sleep(0.3)
    raise TimeoutError("chroma server did not start")


@dataclass
class Faults:
    """The faults injected during the load (--faults): an ingest, and the Chroma server stopped and started."""

    env: dict[str, str]
    path: Path
    port: int
    chroma: subprocess.Popen | None = None
    ingest_s: float = float("nan")
    ingest_rc: int | None = None
    down: tuple[float, float] = (float("nan"), float("nan"))  # monotonic: stopped, answering again
    log: list[str] = field(default_factory=list)

    def run(self, t_load: float, deadline: float, ingest_at: float, stop_at: float, down_for: float) -> None:
        """Ingest at t_load+ingest_at (waiting for it), stop Chroma at t_load+stop_at, restart it down_for later."""
        time.sleep(max(0.0, t_load + ingest_at - time.monotonic()))
        t = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "advisor.cli", "ingest", "--quiet"], cwd=REPO, env=self.env,
                              capture_output=True, text=True, timeout=max(10.0, deadline - t))
        self.ingest_s, self.ingest_rc = time.monotonic() - t, done.returncode
        self.log.append(f"ingest during the load: exit {done.returncode} after {self.ingest_s:.1f} s")
        time.sleep(max(0.0, t_load + stop_at - time.monotonic()))
        stopped = time.monotonic()
        if self.chroma is not None:
            os.killpg(self.chroma.pid, signal.SIGTERM)
            self.chroma.wait(timeout=30)
        time.sleep(down_for)
        self.chroma = start_chroma(self.path, self.port, deadline)
        self.down = (stopped, time.monotonic())
        self.log.append(f"Chroma server stopped at +{stopped - t_load:.1f} s, answering again at "
                        f"+{self.down[1] - t_load:.1f} s")


def start_server(port: int, log_path: Path, extra_env: dict[str, str] | None = None) -> subprocess.Popen:
    """`python app.py` on 127.0.0.1:port in its own process group, output to log_path."""
    env = dict(os.environ) | (extra_env or {})
    env.update(
        ADVISOR_HOST="127.0.0.1",
        ADVISOR_PORT=str(port),
        GRADIO_ANALYTICS_ENABLED="False",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    with open(log_path, "wb") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_up(url: str, proc: subprocess.Popen, deadline: float) -> None:
    """Poll the page's /config until it answers 200; raise if the process dies or the deadline passes."""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before answering")
        try:
            with urllib.request.urlopen(url + "config", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError("server did not answer before the global deadline")


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group (ours: started with start_new_session), SIGKILL after 10 s."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


# ---------------------------------------------------------------- clients


def last_text(history: list) -> str:
    """Text of the last message in a chat history returned by gradio_client (as in tests/test_app.py)."""
    if not history:
        return ""
    content = history[-1].get("content", "") if isinstance(history[-1], dict) else history[-1]
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content or "")


def conversation(
    i: int,
    url: str,
    turns: int,
    request_timeout: float,
    deadline: float,
    barrier: threading.Barrier,
    run: Run,
) -> None:
    """One user: its own Client (own session), `turns` questions, history carried from turn to turn."""
    from gradio_client import Client

    script = SCRIPTS[i % len(SCRIPTS)]
    client = None
    try:
        client = Client(
            url,
            verbose=False,
            max_workers=2,
            download_files=False,
            analytics_enabled=False,
            httpx_kwargs={"timeout": request_timeout},
        )
    except Exception as e:
        with run.lock:
            run.setup_errors.append(f"conversation {i}: {type(e).__name__}: {e}")
    try:
        barrier.wait(timeout=max(1.0, deadline - time.monotonic()))
    except threading.BrokenBarrierError:
        pass
    if client is None:
        with run.lock:
            run.not_run += turns
        return
    history: list = []
    try:
        for t in range(turns):
            kind, message = script[t % len(script)]
            left = deadline - time.monotonic()
            if left <= 0:
                with run.lock:
                    run.not_run += turns - t
                return
            t0 = time.perf_counter()
            sent = time.monotonic()
            job = client.submit(message, history, api_name="/ask")
            try:
                _, new_history, _ = job.result(timeout=min(request_timeout, left))
            except cf.TimeoutError:
                job.cancel()
                run.add(Result(i, t, kind, False, (time.perf_counter() - t0) * 1000, "timeout", started=sent))
                continue
            except Exception as e:
                err = f"exception: {type(e).__name__}: {str(e)[:160]}"
                run.add(Result(i, t, kind, False, (time.perf_counter() - t0) * 1000, err, started=sent))
                continue
            ms = (time.perf_counter() - t0) * 1000
            text = last_text(new_history)
            if not text.strip():
                run.add(Result(i, t, kind, False, ms, "empty", started=sent))
            elif SERVER_ERROR_TEXT in text:
                run.add(Result(i, t, kind, False, ms, "server error reply", len(text), started=sent))
            else:
                run.add(Result(i, t, kind, True, ms, "", len(text), started=sent))
            history = new_history
    finally:
        try:
            client.close()
        except Exception:
            pass


def warm_up(url: str, timeout: float) -> float:
    """One question from one extra session before the load (the app loads its model on the first question);
    returns its latency in s. Raises if it fails."""
    from gradio_client import Client

    client = Client(url, verbose=False, max_workers=1, download_files=False, analytics_enabled=False)
    try:
        t0 = time.perf_counter()
        _, history, _ = client.submit("国家对养老机构是怎么分类的?", [], api_name="/ask").result(timeout=timeout)
        if not last_text(history).strip():
            raise RuntimeError("warm-up answer is empty")
        return time.perf_counter() - t0
    finally:
        client.close()


# ---------------------------------------------------------------- report


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); nan for no values."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(1, min(len(s), round(q / 100 * len(s) + 0.5 - 1e-9)))
    return s[k - 1]


def machine_facts() -> dict[str, str]:
    """nproc, memory, CPU model, OS, Python and gradio versions."""
    facts = {"nproc": str(os.cpu_count())}
    try:
        facts["nproc"] = subprocess.run(["nproc"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                facts["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                facts["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    facts["os"] = platform.platform()
    facts["python"] = platform.python_version()
    try:
        import gradio_client

        facts["gradio_client"] = gradio_client.__version__
        from importlib.metadata import version

        facts["gradio"] = version("gradio")
    except Exception:
        pass
    return facts


def report(
    args: argparse.Namespace,
    run: Run,
    wall_s: float,
    startup_s: float,
    rss: dict[str, float],
    cpu: dict[str, float],
    server_log: dict[str, object],
    command: str,
    faults: Faults | None = None,
) -> str:
    """The Markdown report."""
    res = run.results
    lat = [r.latency_ms for r in res]
    ok_lat = [r.latency_ms for r in res if r.ok]
    errors = [r for r in res if not r.ok]
    n_err = len(errors) + len(run.setup_errors)
    facts = machine_facts()
    lines = [
        "# Load test of the web page",
        "",
        f"- Date: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Command: `{command}`",
        f"- Machine: nproc = {facts.get('nproc')}, memory {facts.get('memory', '?')}, "
        f"CPU {facts.get('cpu', '?')}; {facts.get('os')}",
        f"- Software: Python {facts.get('python')}, gradio {facts.get('gradio', '?')}, "
        f"gradio_client {facts.get('gradio_client', '?')}",
        f"- Load: {args.conversations} concurrent conversations × {args.turns} turns, each its own gradio_client "
        "session on 127.0.0.1, no think time; global timeout "
        f"{args.timeout:.0f} s, per-request timeout {args.request_timeout:.0f} s",
        "- Server: `python app.py` in a separate process (real index and e5-small model, CPU); queue "
        "`default_concurrency_limit=4, max_size=64` as set in advisor/app/ui.py",
        "",
        "| metric | value |",
        "|---|---:|",
        f"| requests planned | {args.conversations * args.turns} |",
        f"| requests sent | {len(res)} |",
        f"| errors (exception, timeout, empty or error reply) | {n_err} |",
        f"| not run (global deadline passed) | {run.not_run} |",
        f"| wall time of the load phase | {wall_s:.1f} s |",
        f"| throughput (completed OK / wall time) | {len(ok_lat) / wall_s if wall_s else 0:.2f} req/s |",
        f"| latency p50 | {pct(lat, 50):.0f} ms |",
        f"| latency p95 | {pct(lat, 95):.0f} ms |",
        f"| latency p99 | {pct(lat, 99):.0f} ms |",
        f"| latency max | {max(lat, default=float('nan')):.0f} ms |",
        f"| server start-up until it answers | {startup_s:.1f} s |",
        f"| server RSS once it answers (model not loaded yet) | {rss['idle_mb']:.0f} MB |",
        "| warm-up: first question, one session, before the load | "
        + (f"{rss['warm_s']:.1f} s, RSS after it {rss['warm_mb']:.0f} MB |" if args.warmup else "skipped (--no-warmup) |"),
        f"| server peak RSS sampled during load | {rss['sampled_mb']:.0f} MB |",
        f"| server peak RSS over its life (VmHWM) | {rss['hwm_mb']:.0f} MB |",
        f"| CPU during the load: server / load-test client | {cpu['server']:.0f} s / {cpu['client']:.0f} s "
        f"(of {wall_s * (os.cpu_count() or 1):.0f} core-s available) |",
        f"| server log lines with ERROR / Traceback | {server_log['errors']} |",
        "",
        "Latency is client-side (submit → final streamed result) over all requests sent, including failed ones.",
        "",
        "## Latency by kind of question",
        "",
        "| kind | requests | errors | p50 ms | p95 ms | mean answer chars |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    by_kind: dict[str, list[Result]] = defaultdict(list)
    for r in res:
        by_kind[r.kind].append(r)
    for kind in ("policy", "follow-up", "eligibility", "provider", "refusal"):
        rs = by_kind.get(kind, [])
        if not rs:
            continue
        ls = [r.latency_ms for r in rs]
        chars = [r.answer_chars for r in rs if r.ok]
        mean_chars = sum(chars) / len(chars) if chars else 0
        lines.append(
            f"| {kind} | {len(rs)} | {sum(not r.ok for r in rs)} | {pct(ls, 50):.0f} | {pct(ls, 95):.0f} "
            f"| {mean_chars:.0f} |"
        )
    if faults is not None:
        a, b = faults.down
        during = [r for r in res if r.started and r.started <= b and r.started + r.latency_ms / 1000 >= a]
        ls = [r.latency_ms for r in during]
        lines += ["", "## Faults during the load (--faults)", "",
                  "The app ran on a Chroma server (ADVISOR_CHROMA_HOST); the index was built into it before the load.",
                  "", *[f"- {x}" for x in faults.log], "",
                  f"- answers in flight while the Chroma server was down or restarting: {len(during)}, "
                  f"errors {sum(not r.ok for r in during)}, p50 {pct(ls, 50):.0f} ms, p95 {pct(ls, 95):.0f} ms"]
    if n_err:
        lines += ["", "## Errors", ""]
        for msg in run.setup_errors[:20]:
            lines.append(f"- setup: {msg}")
        for err, n in Counter(r.error for r in errors).most_common(20):
            lines.append(f"- {n} × {err}")
    if server_log["samples"]:
        lines += ["", "## Server log (first error lines)", "", "```"]
        lines += [str(s) for s in server_log["samples"]]  # type: ignore[union-attr]
        lines += ["```"]
    return "\n".join(lines) + "\n"


def scan_log(path: Path) -> dict[str, object]:
    """Count ERROR / Traceback lines in the server's output; keep the first few."""
    hits: list[str] = []
    try:
        for line in path.read_text("utf-8", errors="replace").splitlines():
            if "Traceback" in line or line.startswith("ERROR") or " ERROR " in line:
                hits.append(line[:200])
    except OSError:
        pass
    return {"errors": len(hits), "samples": hits[:10]}


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--conversations", type=int, default=50, help="concurrent conversations (default 50)")
    p.add_argument("--turns", type=int, default=10, help="turns per conversation (default 10)")
    p.add_argument("--timeout", type=float, default=600, help="global timeout in s, start-up included (600)")
    p.add_argument("--request-timeout", type=float, default=120, help="timeout of one request in s (120)")
    p.add_argument("--no-warmup", dest="warmup", action="store_false",
                   help="skip the single warm-up question (the model then loads under load)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"Markdown report (default {DEFAULT_OUT})")
    p.add_argument("--faults", action="store_true",
                   help="run on a Chroma server (index built into it first); during the load run an ingest and\n"
                        "stop the Chroma server, then start it again (issue 19)")
    p.add_argument("--ingest-at", type=float, default=5, help="with --faults: s after the load starts (5)")
    p.add_argument("--stop-at", type=float, default=15, help="with --faults: s after the load starts (15)")
    p.add_argument("--down-for", type=float, default=8, help="with --faults: s the server stays stopped (8)")
    args = p.parse_args(argv)
    if args.conversations < 1 or args.turns < 1 or args.timeout <= 0 or args.request_timeout <= 0:
        p.error("--conversations, --turns, --timeout and --request-timeout must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join([".venv/bin/python", "bench/load_test.py", *(sys.argv[1:] if argv is None else argv)])
    t_start = time.monotonic()
    deadline = t_start + args.timeout
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    fd, name = tempfile.mkstemp(prefix="advisor-load-", suffix=".log")
    os.close(fd)
    log_path = Path(name)
    faults = None
    extra_env: dict[str, str] = {}
    if args.faults:
        work = Path(tempfile.mkdtemp(prefix="advisor-faults-"))
        cport = free_port()
        extra_env = {"ADVISOR_CHROMA_HOST": "127.0.0.1", "ADVISOR_CHROMA_PORT": str(cport),
                     "ADVISOR_INDEX": str(work / "index"), "HF_HUB_OFFLINE": "1"}
        faults = Faults(dict(os.environ) | extra_env, work / "chroma", cport)
        faults.chroma = start_chroma(faults.path, cport, deadline)
        print(f"Chroma server on 127.0.0.1:{cport}; building the index into it", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "advisor.cli", "ingest", "--quiet"], cwd=REPO, env=faults.env,
                       check=True, capture_output=True, timeout=max(10.0, deadline - time.monotonic()))
    print(f"starting the server on {url} (log: {log_path})", file=sys.stderr)
    proc = start_server(port, log_path, extra_env)
    sampler = RssSampler(proc.pid)
    run = Run()
    try:
        wait_until_up(url, proc, deadline)
        startup_s = time.monotonic() - t_start
        idle_kb = proc_status(proc.pid).get("VmRSS", 0)
        kids = children(proc.pid)
        if kids:
            print(f"note: the server has child processes {kids}; only pid {proc.pid} is measured", file=sys.stderr)
        print(f"server up after {startup_s:.1f} s, RSS {idle_kb / 1024:.0f} MB; "
              f"{args.conversations} conversations × {args.turns} turns", file=sys.stderr)
        warm_s = float("nan")
        if args.warmup:
            warm_s = warm_up(url, min(args.request_timeout, max(1.0, deadline - time.monotonic())))
            print(f"warm-up question answered in {warm_s:.1f} s", file=sys.stderr)
        warm_kb = proc_status(proc.pid).get("VmRSS", 0)
        sampler.start()
        barrier = threading.Barrier(args.conversations + 1)
        pool = cf.ThreadPoolExecutor(max_workers=args.conversations, thread_name_prefix="conv")
        futures = [
            pool.submit(conversation, i, url, args.turns, args.request_timeout, deadline, barrier, run)
            for i in range(args.conversations)
        ]
        try:
            barrier.wait(timeout=max(1.0, deadline - time.monotonic()))
        except threading.BrokenBarrierError:
            print("warning: not every client connected before the barrier timed out", file=sys.stderr)
        t_load = time.monotonic()
        fault_thread = None
        if faults is not None:
            fault_thread = threading.Thread(target=faults.run, name="faults", daemon=True,
                                            args=(t_load, deadline, args.ingest_at, args.stop_at, args.down_for))
            fault_thread.start()
        cpu0, own0 = cpu_seconds(proc.pid), os.times()
        total = args.conversations * args.turns
        last_print = 0.0
        while True:
            finished = all(f.done() for f in futures)
            now = time.monotonic()
            if finished or now - last_print >= 10:
                with run.lock:
                    n, bad = len(run.results), sum(not r.ok for r in run.results)
                print(f"  {n}/{total} requests, {bad} errors, {now - t_load:.0f} s", file=sys.stderr)
                last_print = now
            if finished or now > deadline + args.request_timeout + 30:
                break
            time.sleep(0.5)
        wall_s = time.monotonic() - t_load
        own1 = os.times()
        cpu = {"server": cpu_seconds(proc.pid) - cpu0, "client": own1.user + own1.system - own0.user - own0.system}
        pool.shutdown(wait=False, cancel_futures=True)
        for f in futures:
            if f.done() and f.exception() is not None:
                run.setup_errors.append(f"conversation thread: {f.exception()!r}")
        sampler.stop.set()
        st = proc_status(proc.pid)
        sampler.peak_kb = max(sampler.peak_kb, st.get("VmRSS", 0))
        rss = {"idle_mb": idle_kb / 1024, "warm_mb": warm_kb / 1024, "warm_s": warm_s, "sampled_mb": sampler.peak_kb / 1024, "hwm_mb": st.get("VmHWM", 0) / 1024}
        if fault_thread is not None:
            fault_thread.join(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        sampler.stop.set()
        stop_server(proc)
        if faults is not None and faults.chroma is not None and faults.chroma.poll() is None:
            os.killpg(faults.chroma.pid, signal.SIGTERM)
    md = report(args, run, wall_s, startup_s, rss, cpu, scan_log(log_path), command, faults)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(md, encoding="utf-8")
    print(md)
    print(f"written to {args.out}; server log kept at {log_path}", file=sys.stderr)
    n_err = sum(not r.ok for r in run.results) + len(run.setup_errors)
    return 1 if n_err or run.not_run else 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # a request stuck past its timeout may leave a non-daemon client thread behind: do not wait for it
    os._exit(code)
