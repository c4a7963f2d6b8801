"""The web page (gradio): a chat for families with cited sources and the elder's profile. The page calls
the same chat core as the CLI; each browser session has its own conversation."""

from __future__ import annotations

import html
import logging
import os
import sys
from typing import Any

from advisor.chat import Advisor, Conversation
from advisor.schema import Answer
from advisor.settings import Settings

log = logging.getLogger(__name__)

CSS = """
body, .gradio-container { font-size: 19px !important; }
.message { font-size: 19px !important; line-height: 1.7 !important; }
.notice { background:#fff7e0; border-left:4px solid #c98a00; padding:8px 12px; color:#222; }
details.src { border:1px solid #bbb; border-radius:6px; padding:6px 10px; margin:6px 0; background:#fafafa; }
details.src summary { cursor:pointer; font-weight:600; }
mark { background:#ffe27a; }
"""
NOTICE = "本助手的回答均摘自下方列出的政策文件原文;老人能否享受某项服务或补贴,最终以当地民政部门的认定为准。"
EXAMPLES = [
    "我妈82岁了,在清远,瘫痪在床,能享受什么服务?",
    "国家对养老机构是怎么分类的?",
    "清远的方案什么时候开始施行?有效期多久?",
    "新疆对农村养老有什么规定?",
]


def render_sources(ans: Answer) -> str:
    """Citations as collapsible blocks: title, article, region, date/validity, span highlighted."""
    if not ans.citations:
        return ""
    out = ["<div><b>引用来源</b>"]
    for c in ans.citations:
        ctx = html.escape(c.context or c.text)
        span = html.escape(c.text)
        ctx = ctx.replace(span, f"<mark>{span}</mark>", 1) if span in ctx else f"<mark>{span}</mark>"
        out.append(
            f"<details class='src'><summary>[{c.n}] 《{html.escape(c.title)}》 {html.escape(c.article)}</summary>"
            f"<div>地区:{html.escape(c.region)} | 日期:{html.escape(c.date or '未标明')} | "
            f"{html.escape(c.validity)}<br>文件:{html.escape(c.doc)}</div><p>{ctx}</p></details>"
        )
    out.append("</div>")
    return "".join(out)


def build_ui(advisor: Advisor) -> Any:
    """The gradio Blocks of the page."""
    import gradio as gr

    def respond(message: str, history: list[dict], conv: Conversation | None):
        conv = conv or advisor.conversation()
        try:
            ans = conv.ask(message)
            text = html.escape(ans.text).replace("\n", "<br>")
            reply = text + render_sources(ans)
        except Exception:
            log.exception("answer failed")
            reply = "抱歉,系统暂时出错了,请稍后再试。"
        history = [
            *history,
            {"role": "user", "content": html.escape(message or "")},
            {"role": "assistant", "content": reply},
        ]
        return "", history, conv, conv.profile.describe()

    def reset():
        return [], None, "(尚未提供老人信息)"

    with gr.Blocks(title="养老顾问") as demo:
        gr.Markdown("# 养老顾问\n根据国家和地方养老服务政策原文回答您的问题,并注明出处。")
        gr.HTML(f"<div class='notice'>{NOTICE}</div>")
        conv = gr.State(None)
        chat = gr.Chatbot(label="对话", height=520, sanitize_html=True)
        with gr.Row():
            box = gr.Textbox(
                placeholder="请输入您的问题,例如:我妈82岁,在清远,失能了,能享受什么?",
                show_label=False,
                scale=5,
                lines=1,
            )
            send = gr.Button("发送", variant="primary", scale=1)
        profile = gr.Textbox(
            label="老人信息(根据对话自动填写,可直接说明来更新)", value="(尚未提供老人信息)", interactive=False
        )
        gr.Examples(EXAMPLES, inputs=box, label="可以这样问")
        new = gr.Button("开始新对话")
        box.submit(respond, [box, chat, conv], [box, chat, conv, profile], api_name="ask")
        send.click(respond, [box, chat, conv], [box, chat, conv, profile], api_name=False)
        new.click(reset, None, [chat, conv, profile], api_name=False)
    return demo


def main(port: int = 7860, host: str = "127.0.0.1") -> int:
    """Build the index if needed, then serve the page."""
    from advisor.cli import ensure_index

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # air-gapped offices: no phoning home
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    ensure_index(settings, progress=True)
    advisor = Advisor(settings)
    demo = build_ui(advisor)
    demo.queue(default_concurrency_limit=4, max_size=64)
    import gradio as gr

    demo.launch(server_name=host, server_port=port, css=CSS, theme=gr.themes.Default(text_size="lg"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
