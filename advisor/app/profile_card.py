"""The elder's details as a form (the 咨询 tab's card, the 我能享受什么 form): its fields, and the Profile they
give."""

from __future__ import annotations

from typing import Any

from advisor.answer import templates as T
from advisor.chat import Advisor
from advisor.profile import DISABILITY_LEVELS, FIELD_LABELS, Profile, extract_profile

L = T.PROFILE_CARD  # the form's labels
UNKNOWN = L["unknown"]
DISABILITY_CHOICES = [UNKNOWN, *DISABILITY_LEVELS, L["disabled_unrated"]]
FLAG_KEYS = [
    "dibao",
    "dibao_edge",
    "tekun",
    "poor",
    "alone",
    "dementia",
    "disabled",
    "family_planning",
    "veteran",
    "rural",
]


def profile_fields() -> tuple[Any, Any, Any, Any]:
    """The form's fields, created where the page is being built: 地区, 年龄, 失能程度, 家庭和经济情况."""
    import gradio as gr

    region = gr.Textbox(label=L["region"], placeholder=L["region_hint"])
    age = gr.Number(label=L["age"], precision=0, minimum=0, maximum=130)
    disability = gr.Dropdown(DISABILITY_CHOICES, value=UNKNOWN, label=L["disability"])
    flags = gr.CheckboxGroup([(FIELD_LABELS[k], k) for k in FLAG_KEYS], label=L["flags"])
    return region, age, disability, flags


def profile_from_card(
    advisor: Advisor, region: str, age: Any, disability: str, flags: list[str] | None
) -> Profile:
    """A Profile from the card's fields (a typed place name is normalised, e.g. 清远 → 广东省清远市)."""
    region = (region or "").strip()
    if region:
        region = extract_profile(region, advisor.lex).region or region
    try:
        age_i = int(age) if age not in (None, "") else None
    except (TypeError, ValueError):
        age_i = None
    if age_i is not None and not 0 < age_i < 130:
        age_i = None
    dis = "" if disability in (None, "", UNKNOWN) else disability
    return Profile(region=region, age=age_i, disability=dis, flags={k: True for k in flags or [] if k in FIELD_LABELS})


