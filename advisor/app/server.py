"""Serving the page: `launch` with the page's theme and CSS, and `main` (build the index when there is
none, then serve on 127.0.0.1:7860 unless ADVISOR_HOST / ADVISOR_PORT say otherwise)."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from advisor.app.assets import CSS
from advisor.app.ui import build_ui
from advisor.chat import Advisor
from advisor.settings import Settings, override

log = logging.getLogger(__package__)  # "advisor.app", the name the page's log lines always had


def launch(demo: Any, **kwargs: Any) -> Any:
    """Launch with the page's theme and CSS (gradio 6 takes both at launch)."""
    import gradio as gr

    kwargs.setdefault("css", CSS)
    # system fonts only: the default theme's web fonts would be fetched from the internet (air-gapped offices)
    fonts = ["PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "system-ui", "sans-serif"]
    theme = gr.themes.Default(
        text_size="lg", primary_hue="blue", neutral_hue="gray", font=fonts, font_mono=["monospace"]
    )
    kwargs.setdefault("theme", theme)
    kwargs.setdefault("footer_links", [])
    return demo.launch(**kwargs)


def main(port: int = 7860, host: str = "127.0.0.1") -> int:
    """Build the index if needed (once, with progress), then serve the page."""
    from advisor.startup import ensure_index

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # air-gapped offices: no phoning home
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from advisor.index.store import StoreUnavailable

    settings = Settings.from_env()
    try:
        ensure_index(settings, progress=True)
        advisor = Advisor(settings)
    except StoreUnavailable as e:
        log.error("cannot start: %s", e)
        print(StoreUnavailable.message_zh, file=sys.stderr)
        return 4
    demo = build_ui(advisor)
    port = int(override("PORT", str(port)))
    host = override("HOST", host)
    launch(demo, server_name=host, server_port=port)
    return 0
