"""First run: the model folder and the index, built when missing (with progress), for the app and the CLI."""

from __future__ import annotations

import sys

from advisor.answer.templates import STARTUP
from advisor.settings import Settings


def ensure_index(settings: Settings, progress: bool = True) -> None:
    """Build the model folder and the index when missing (first run)."""
    from advisor.index.store import build, needs_build
    from advisor.retrieval.embed import prepare_embedder

    prepare_embedder(settings.embedder, progress=progress)
    why = needs_build(settings)
    if why:
        print(STARTUP[why], file=sys.stderr)  # missing, or built by another embedder or an older version
        stats, _ = build(settings, progress=progress)
        print(STARTUP["built"].format(chunks=stats.chunks, seconds=stats.seconds_total), file=sys.stderr)
