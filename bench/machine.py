"""Machine facts written next to every benchmark result: CPU, cores, load, Python and library versions."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import sys
from pathlib import Path

from advisor.evaluate import find_cjk_font

PACKAGES = ("torch", "onnxruntime", "sentence-transformers", "chromadb", "bm25s", "rank-bm25", "jieba")


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (platform.processor() elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cores() -> int:
    """CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def load_average() -> str:
    """The 1/5/15-minute load averages, as `uptime` prints them."""
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def versions() -> dict[str, str]:
    """Installed versions of the packages that matter for the numbers."""
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def machine_lines(load_before: str) -> list[str]:
    """Markdown bullet lines describing the machine and the run."""
    vers = ", ".join(f"{k} {v}" for k, v in versions().items())
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        mem = f", {kb / 2**20:.0f} GB RAM"
    except (OSError, IndexError, ValueError):
        pass
    return [
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- command: `{' '.join([Path(sys.executable).name, *sys.argv])}`",
        f"- CPU: {cpu_model()}, {cores()} cores usable{mem}; OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}",
        f"- load average (1/5/15 min) before: {load_before}; after: {load_average()}",
        f"- versions: {vers}",
    ]


def plot_font() -> list[str]:
    """Font families for matplotlib: a CJK-capable one first when installed (see advisor.evaluate)."""
    font = find_cjk_font()
    return [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
