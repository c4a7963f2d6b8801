"""The page: the gradio Blocks with the title bar (大字 switch), the notice and the five tabs, each tab's
components made by its module's `build()`, then the events wired by each module's `wire()` (the
conversation's events span 咨询, 工作台 and the API, so they are wired once both tabs exist)."""

from __future__ import annotations

from typing import Any

from advisor.answer import templates as T
from advisor.app import chat_tab, conversation, documents_tab, eligibility_tab, providers_tab, staff_tab
from advisor.app.assets import BIGTEXT_HTML, BIGTEXT_JS
from advisor.chat import Advisor
from advisor.webview import esc

NOTICE = T.PAGE_NOTICE


def build_ui(advisor: Advisor) -> Any:
    """The gradio Blocks of the page (queue configured; launch with `launch(demo, ...)`)."""
    import gradio as gr

    with gr.Blocks(title=T.APP_TITLE) as demo:
        sess = gr.State(None)  # this browser's Session
        kept = gr.BrowserState(None, storage_key="advisor-conversation")  # what a reload brings back
        with gr.Row(elem_id="topbar", equal_height=True):
            gr.HTML(f"<h1>{T.APP_TITLE}</h1>", scale=4)
            gr.HTML(BIGTEXT_HTML, js_on_load=BIGTEXT_JS, elem_id="bigtext", scale=1, min_width=80)
        gr.HTML(f"<div class='notice' id='notice'>{esc(NOTICE)}</div>")
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab(T.TABS["family"], id="family"):
                chat = chat_tab.build()
            with gr.Tab(T.TABS["eligibility"], id="eligibility"):
                eligibility = eligibility_tab.build()
            with gr.Tab(T.TABS["providers"], id="providers"):
                providers = providers_tab.build()
            with gr.Tab(T.TABS["docs"], id="docs"):
                docs = documents_tab.build(advisor)
            with gr.Tab(T.TABS["desk"], id="desk"):
                desk = staff_tab.build()
        # the events, once every component exists; the conversation's first, so that at load the kept
        # conversation is asked for before the documents and the drafts
        conversation.wire(advisor, demo, sess, kept, chat, desk)
        eligibility_tab.wire(advisor, eligibility)
        providers_tab.wire(advisor, providers)
        documents_tab.wire(advisor, demo, docs)
        staff_tab.wire(advisor, demo, sess, desk)
    demo.queue(default_concurrency_limit=4, max_size=64)
    demo.ingest_job = docs.job  # for tests and operators
    return demo
