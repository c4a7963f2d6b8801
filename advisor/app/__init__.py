"""The web page (gradio): the conversation in the page's flow for families on a phone (结论 first, the rest
folded, copy and share as plain text, remembered across a reload on the same device), the 我能享受什么
checklist in words, nearby providers as cards, the documents, and a desk for community staff (the same
conversation with file names, the retrieved passages of any question, the whole conversation exported,
rule drafts to review, re-ingest behind a staff token).

The page only calls the chat core (`advisor.chat`), like the CLI does; each browser session holds its own
`Conversation` in a `gr.State`, so users never share profiles or histories. What the page shows is built by
`advisor.webview` (pure functions, everything escaped; ID and phone numbers a user types are masked before
they are shown, kept or exported). Nothing the user types is written to disk, except like/dislike feedback
when `ADVISOR_FEEDBACK_DIR` is set (and then with ID and phone numbers redacted).

One module per job; start reading at `ui.build_ui`:

- `ui`: the Blocks: title bar, notice, the five tabs, then every module's events
- `chat_tab` (咨询), `eligibility_tab` (我能享受什么), `providers_tab` (附近机构),
  `documents_tab` (文件, with re-ingest), `staff_tab` (工作台, with the rule drafts): each `build()`
  makes its tab's components, each `wire()` connects the events that stay inside the tab
- `conversation`: the events shared by 咨询, 工作台 and the API (/ask): answer, redraw, keep, restore, clear
- `session`: one browser's Session (what a reload keeps) and the follow-ups; `profile_card`: the elder's
  details as a form; `fragments`: small HTML pieces; `assets`: the CSS and scripts
- `server`: `launch` and `main` (`python app.py`, `python -m advisor.app`, `advisor serve`)

The names below are re-exported so that `from advisor.app import ...` keeps working."""

from __future__ import annotations

from advisor.app.assets import BIGTEXT_HTML, BIGTEXT_JS, CONV_JS, CSS
from advisor.app.chat_tab import EXAMPLES
from advisor.app.conversation import FEEDBACK_SETTING, STREAM_STEPS
from advisor.app.documents_tab import (
    ADMIN_SETTING,
    DOC_HEADERS,
    IngestJob,
    admin_allowed,
    documents_html,
    documents_table,
    load_report,
    report_html,
)
from advisor.app.eligibility_tab import eligibility_checklist
from advisor.app.fragments import answer_html, api_answer_html, data_link, generation_note, stream_pieces
from advisor.app.profile_card import DISABILITY_CHOICES, FLAG_KEYS, UNKNOWN, profile_from_card
from advisor.app.providers_tab import provider_cards, provider_map, provider_search
from advisor.app.server import launch, main
from advisor.app.session import FOLLOW_UPS, KEEP_TURNS, NO_PROFILE, PASTE_LIMIT, Session, follow_ups
from advisor.app.staff_tab import decide_draft, drafts_panel, render_drafts
from advisor.app.ui import NOTICE, build_ui
from advisor.personal import redact

__all__ = [
    "ADMIN_SETTING",
    "BIGTEXT_HTML",
    "BIGTEXT_JS",
    "CONV_JS",
    "CSS",
    "DISABILITY_CHOICES",
    "DOC_HEADERS",
    "EXAMPLES",
    "FEEDBACK_SETTING",
    "FLAG_KEYS",
    "FOLLOW_UPS",
    "KEEP_TURNS",
    "NOTICE",
    "NO_PROFILE",
    "PASTE_LIMIT",
    "STREAM_STEPS",
    "UNKNOWN",
    "IngestJob",
    "Session",
    "admin_allowed",
    "answer_html",
    "api_answer_html",
    "build_ui",
    "data_link",
    "decide_draft",
    "documents_html",
    "documents_table",
    "drafts_panel",
    "eligibility_checklist",
    "follow_ups",
    "generation_note",
    "launch",
    "load_report",
    "main",
    "profile_from_card",
    "provider_cards",
    "provider_map",
    "provider_search",
    "redact",
    "render_drafts",
    "report_html",
    "stream_pieces",
]
