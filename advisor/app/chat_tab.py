"""The 咨询 tab, for families (often on a phone): the conversation in the page's flow, the question bar, the
follow-ups and examples to tap, the elder's details as a card, clearing the record, and the answer mode when
the generative extra can run. Its events are the conversation's (`advisor.app.conversation`), which the
工作台 tab shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.answer import generate
from advisor.answer import templates as T
from advisor.app.assets import CONV_JS
from advisor.app.profile_card import profile_fields
from advisor.app.session import NO_PROFILE, PASTE_LIMIT
from advisor.webview import conversation_html

EXAMPLES = list(T.EXAMPLES)  # first-load examples: eligibility, subsidies, services, providers
C = T.CHAT  # the tab's labels


@dataclass
class ChatTab:
    """The tab's components (the conversation's events use them)."""

    conv: Any
    box: Any
    send: Any
    follow_ups: list[Any]
    profile_line: Any
    region: Any
    age: Any
    disability: Any
    flags: Any
    save: Any
    examples: list[Any]
    new: Any
    confirm_row: Any
    clear_yes: Any
    clear_no: Any
    answer_mode: Any


def build() -> ChatTab:
    """The tab's components, inside its gr.Tab."""
    import gradio as gr

    gen_ok = generate.available()  # the generative mode is offered only when it can run
    conv = gr.HTML(conversation_html([]), elem_id="chat", js_on_load=CONV_JS)
    with gr.Row(elem_id="askbar", equal_height=True):
        box = gr.Textbox(placeholder=C["placeholder"],
                         show_label=False, scale=5, lines=1, max_length=PASTE_LIMIT, elem_id="ask-box",
                         min_width=200)
        send = gr.Button(T.BUTTONS["send"], variant="primary", scale=1, min_width=70, elem_id="send")
    with gr.Row(elem_classes="followups"):
        fu = [gr.Button(visible=False, size="md", elem_classes="followup") for _ in range(3)]
    profile_line = gr.Markdown(NO_PROFILE, elem_classes="profile-line", elem_id="profile-line")
    with gr.Accordion(C["profile_card"], open=False, elem_id="profile-card"):
        gr.Markdown(C["profile_help"])
        p_region, p_age, p_dis, p_flags = profile_fields()
        p_save = gr.Button(C["save_profile"], variant="primary", elem_id="save-profile")
    gr.Markdown(C["examples_head"])
    with gr.Row(elem_classes="examples"):
        ex_buttons = [gr.Button(q, size="md", elem_classes="example") for q in EXAMPLES]
    new = gr.Button(C["new"], size="md", elem_id="new-conversation", variant="stop")
    with gr.Row(visible=False, elem_id="confirm-clear") as confirm_row:
        gr.Markdown(C["confirm_clear"])
        clear_yes = gr.Button(T.BUTTONS["clear_yes"], variant="stop", size="md", elem_id="clear-yes")
        clear_no = gr.Button(T.BUTTONS["clear_no"], size="md")
    answer_mode = gr.Radio(  # offered only when the generative extra and its model are here
        [(C["mode_extractive"], "extractive"), (C["mode_generative"], "generative")],
        value=generate.default_mode(), label=C["mode"], visible=gen_ok, elem_id="answer-mode",
        info=C["mode_info"],
    )
    return ChatTab(conv=conv, box=box, send=send, follow_ups=fu, profile_line=profile_line, region=p_region,
                   age=p_age, disability=p_dis, flags=p_flags, save=p_save, examples=ex_buttons, new=new,
                   confirm_row=confirm_row, clear_yes=clear_yes, clear_no=clear_no, answer_mode=answer_mode)
