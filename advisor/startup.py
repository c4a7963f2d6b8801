"""First run: the model folder and the index, built when missing (with progress), for the app and the CLI."""

from __future__ import annotations

import sys

from advisor.settings import Settings


def ensure_index(settings: Settings, progress: bool = True) -> None:
    """Build the model folder and the index when missing (first run)."""
    from advisor.index.store import build, needs_build
    from advisor.retrieval.embed import prepare_embedder

    prepare_embedder(settings.embedder, progress=progress)
    why = needs_build(settings)
    if why:
        print({"missing": "首次运行:正在建立索引……(building the index)",
               # built by another embedding model: its vectors must not meet this one's queries
               "embedder": "现有索引由另一个向量模型建立,正在重建……(rebuilding the index for the current embedder)",
               "sentences": "现有索引是旧版本建立的,正在重建……(rebuilding an index without sentence vectors)",
               }[why], file=sys.stderr)
        stats, _ = build(settings, progress=progress)
        print(f"索引已建立:{stats.chunks} 个条款片段,用时 {stats.seconds_total} 秒", file=sys.stderr)
