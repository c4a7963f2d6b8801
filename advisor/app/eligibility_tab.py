"""The 我能享受什么 tab: the elder's details in a form, the rules engine over them, the checklist in words and
the same checklist as a page to print (API: /eligibility)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.answer import templates as T
from advisor.app.fragments import data_link
from advisor.app.profile_card import profile_fields, profile_from_card
from advisor.chat import Advisor
from advisor.services.eligibility import DEFAULT_AMOUNT, screen
from advisor.webview import checklist_html, checklist_page


def eligibility_checklist(advisor: Advisor, region: str, age: Any, disability: str,
                          flags: list[str] | None) -> tuple[str, str]:
    """The 我能享受什么 form: the rules engine over the card's profile → (the checklist in words, a link to
    the same checklist as a page to print)."""
    profile = profile_from_card(advisor, region, age, disability, flags)
    body = checklist_html(profile, screen(profile, advisor.rules), DEFAULT_AMOUNT)
    link = data_link(checklist_page(body), "text/html", f"{T.CHECK_TITLE}.html", T.CHECK_DOWNLOAD)
    return body, link


@dataclass
class EligibilityTab:
    """The tab's components."""

    region: Any
    age: Any
    disability: Any
    flags: Any
    run: Any
    result: Any
    link: Any
    form: Any


def build() -> EligibilityTab:
    """The tab's components, inside its gr.Tab."""
    import gradio as gr

    e_link = gr.HTML("")
    e_out = gr.HTML(f"<p>{T.ELIGIBILITY['intro']}</p>",
                    elem_id="eligibility-result")
    with gr.Accordion(T.ELIGIBILITY["form"], open=True, elem_id="eligibility-form") as e_form:
        e_region, e_age, e_dis, e_flags = profile_fields()
        e_run = gr.Button(T.ELIGIBILITY["run"], variant="primary", elem_id="eligibility-run")
    return EligibilityTab(region=e_region, age=e_age, disability=e_dis, flags=e_flags, run=e_run, result=e_out,
                          link=e_link, form=e_form)


def wire(advisor: Advisor, tab: EligibilityTab) -> None:
    """The tab's event: 对照政策 runs the checklist, folds the form and brings the result into view."""
    import gradio as gr

    def checklist(*args):
        body, link = eligibility_checklist(advisor, *args)
        return body, link, gr.Accordion(open=False)

    tab.run.click(checklist, [tab.region, tab.age, tab.disability, tab.flags], [tab.result, tab.link, tab.form],
                  api_name="eligibility").then(
        None, None, None, js="() => document.getElementById('eligibility-result').scrollIntoView({block: 'start'})")
