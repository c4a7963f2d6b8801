"""The web page (gradio): the conversation in the page's flow for families on a phone (结论 first, the rest
folded, copy and share as plain text, remembered across a reload on the same device), the 我能享受什么
checklist in words, nearby providers as cards, the documents, and a desk for community staff (the same
conversation with file names, the retrieved passages of any question, the whole conversation exported,
rule drafts to review, re-ingest behind a staff token).

The page only calls the chat core (`advisor.chat`), like the CLI does; each browser session holds its own
`Conversation` in a `gr.State`, so users never share profiles or histories. What the page shows is built by
`advisor.webview` (pure functions, everything escaped; ID and phone numbers a user types are masked before
they are shown, kept or exported). Nothing the user types is written to disk, except like/dislike feedback
when `ADVISOR_FEEDBACK_DIR` is set (and then with ID and phone numbers redacted)."""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import json
import logging
import os
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.answer import generate
from advisor.answer import templates as T
from advisor.answer.message import MAX_MESSAGE_CHARS
from advisor.chat import Advisor, Conversation, Turn
from advisor.personal import redact
from advisor.profile import DISABILITY_LEVELS, FIELD_LABELS, Profile, extract_profile
from advisor.schema import Answer
from advisor.services.eligibility import DEFAULT_AMOUNT, screen
from advisor.services.providers import DEMO_LABEL, KINDS, SERVICES, Match
from advisor.settings import Settings, env, is_set, override
from advisor.webview import (
    Exchange,
    checklist_html,
    checklist_page,
    conversation_html,
    esc,
    lines_html,
    mask_personal,
    render_hits,
    render_sources,
    transcript_html,
    transcript_markdown,
)

log = logging.getLogger(__name__)
PASTE_LIMIT = 2 * MAX_MESSAGE_CHARS  # the box takes a longer paste, so the advisor can say it read only the first part
KEEP_TURNS = 30  # exchanges a browser keeps for a reload (the oldest go first)
ADMIN_SETTING = "ADMIN_TOKEN"  # re-ingest from the page only with this token; off when it is not set

CSS = """
:root, .gradio-container { --body-text-color: #111; }
body, .gradio-container { font-size: 20px !important; color: #111; }
.gradio-container { max-width: 1280px !important; }
/* gradio's overflow:hidden would stop the question bar from sticking to the bottom; clip keeps the width */
.gradio-container { overflow: visible !important; overflow-x: clip !important; }
#tabs button[role=tab], #tabs .tab-container button { font-size: 16px !important; padding: 6px 5px !important;
  min-width: 0 !important; white-space: nowrap; }
#tabs .tab-container { flex-wrap: wrap; }
.notice { background:#fff4cc; border-left:6px solid #8a5a00; padding:8px 12px; color:#111; font-size:16px;
          line-height:1.5; border-radius:4px; }
#topbar { align-items:center; }
#topbar h1 { font-size:26px; margin:0; }
button.bigtext { font-size:18px; padding:6px 12px; border:2px solid #0b3d91; border-radius:8px; background:#fff;
                 color:#0b3d91; font-weight:700; }
/* the conversation flows with the page: no scroll box of its own */
.conv { overflow: visible; }
.conv .hello { font-size:20px; color:#333; }
.turn { margin: 10px 0 22px; scroll-margin-top: 8px; }
.turn .q { background:#e8f0ff; border-radius:10px; padding:8px 12px; margin-left:12%; }
.turn .q .who { font-size:15px; color:#335; }
.turn .q p { margin:2px 0; font-size:19px; overflow-wrap:anywhere; }
.turn .a { scroll-margin-top: 70px; background:#fff; border:1px solid #bbb; border-radius:10px;
           padding:10px 12px; margin-top:8px; }
.turn .a .lead p { font-size:22px; line-height:1.6; margin:4px 0; color:#000; overflow-wrap:anywhere; }
.turn .a .lead p.aside { font-size:16px; color:#444; }
.turn .a .warn { background:#fff4cc; border-left:5px solid #8a5a00; padding:4px 10px; margin:8px 0; }
.turn .a .warn p, .turn .a .tip p { margin:4px 0; }
.turn .a .tip { font-size:15px; color:#444; }
details.fold { border-top:1px solid #ccc; padding:6px 0; }
details.fold > summary { cursor:pointer; font-weight:700; color:#0b3d91; font-size:19px; padding:4px 0; }
details.fold p { font-size:18px; line-height:1.6; margin:4px 0; overflow-wrap:anywhere; }
details.src { border:1px solid #777; border-radius:6px; padding:6px 10px; margin:8px 0; background:#f7f7f7;
              color:#111; }
details.src summary { cursor:pointer; font-weight:700; color:#0b3d91; }
details.src .meta { font-size:16px; color:#333; margin:4px 0; }
mark { background:#ffd84d; color:#000; padding:0 2px; }
.tools { display:flex; flex-wrap:wrap; gap:8px; margin-top:10px; }
.tools button { white-space:nowrap; line-height:1.4; font-size:17px; padding:6px 12px; border:1px solid #6b8cc7; border-radius:8px; background:#f3f7ff;
                color:#0b3d91; }
.tools button.chosen { background:#0b3d91; color:#fff; }
#askbar { position: sticky; bottom: 0; z-index: 5; background: #fff; padding: 6px 0; border-top: 1px solid #ccc; }
html.bigtext .turn .a .lead p { font-size:26px !important; }
html.bigtext .turn .q p, html.bigtext details.fold p, html.bigtext details.src p, html.bigtext .tools button,
html.bigtext .checklist, html.bigtext .pcard, html.bigtext #ask-box textarea, html.bigtext details.fold > summary,
html.bigtext .turn .a .tip, html.bigtext .notice, html.bigtext .profile-line, html.bigtext .turn .a .warn p
{ font-size:24px !important; }
table.hits { border-collapse:collapse; width:100%; font-size:15px; }
table.hits td, table.hits th { border:1px solid #999; padding:4px 6px; vertical-align:top; color:#111; }
table.hits td.region { white-space:nowrap; }
table.hits td.score { min-width:90px; }
table.hits td:nth-child(4) { min-width:170px; }
table.hits .bar { height:10px; background:#0b3d91; border-radius:3px; margin:3px 0; }
table.hits tr.cited { background:#fff4cc; }
.followups button, .examples button { font-size:18px !important; }
.profile-line { font-size:18px; background:#eef4ff; border:1px solid #6b8cc7; padding:8px 12px; border-radius:6px;
                color:#111; }
.checklist .result { font-size:22px; font-weight:700; }
.checklist .card, .pcard { border:1px solid #999; border-radius:8px; padding:8px 12px; margin:10px 0; }
.checklist ul.conds { list-style:none; padding-left:4px; margin:6px 0; }
.checklist .warn { color:#8a3b00; }
.pcard .name { font-size:20px; font-weight:700; }
.pcard p { margin:3px 0; }
table.docs { border-collapse:collapse; width:100%; font-size:16px; }
table.docs td, table.docs th { border:1px solid #999; padding:4px 6px; vertical-align:top; }
@media (max-width: 640px) {
  table.docs tr:first-child { display:none; }
  table.docs, table.docs tr, table.docs td { display:block; width:auto; border:none; }
  table.docs tr { border:1px solid #999; border-radius:8px; margin:8px 0; padding:6px 8px; }
  table.docs td::before { content: attr(data-label) ":"; color:#555; }
  .turn .q { margin-left:6%; }
}
"""
NOTICE = T.PAGE_NOTICE
# first-load examples: eligibility, subsidies, services, providers
EXAMPLES = [
    "我妈82岁了,在清远,瘫痪在床,能享受什么服务?",
    "经济困难的失能老人有什么补贴?",
    "居家养老有哪些上门服务?",
    "国家对养老机构是怎么分类的?",
]
# facts a family may add with one tap (no place: a button naming one city is wrong for everyone elsewhere;
# the answer itself asks for the place when it matters)
FOLLOW_UPS = [
    ("disability", "老人已失能"),
    ("money", "家里是低保户"),
    ("subsidy", "有什么补贴?"),
]
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
NO_PROFILE = "(尚未提供老人信息)"
STREAM_STEPS = 4
UNKNOWN = "不清楚"
DISABILITY_CHOICES = [UNKNOWN, *DISABILITY_LEVELS, "失能(程度待评估)"]
FEEDBACK_SETTING = "FEEDBACK_DIR"

# the conversation's own script (gr.HTML js_on_load): the view goes to the start of a new answer; 复制 and
# 分享 give the exchange's plain text (the Web Share API where the browser has it, else the clipboard);
# 有用/没用 are sent to the server as a "like" event
CONV_JS = """
let seen = 0;
function goToNewAnswer() {
  const turns = element.querySelectorAll('.turn');
  if (!turns.length) { seen = 0; return; }
  const last = turns[turns.length - 1];
  const n = Number(last.dataset.turn);
  if (n > seen) {
    seen = n;
    if (element.offsetParent === null) return;  // a tab not shown
    // the question with the answer's start when the question is short, else the answer's start
    const q = last.querySelector('.q');
    const target = q && q.offsetHeight < window.innerHeight * 0.3 ? last : (last.querySelector('.a') || last);
    target.scrollIntoView({block: 'start'});
  }
}
watch('value', goToNewAnswer);
goToNewAnswer();
async function copyText(text) {
  try { await navigator.clipboard.writeText(text); return true; } catch (e) {
    const ta = document.createElement('textarea'); ta.value = text; document.body.appendChild(ta); ta.select();
    const ok = document.execCommand('copy'); ta.remove(); return ok; }
}
function say(button, words) { const old = button.textContent; button.textContent = words;
  setTimeout(() => { button.textContent = old; }, 1600); }
element.addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-act]'); if (!b) return;
  const turn = b.closest('.turn'); if (!turn) return;
  const text = turn.dataset.plain || '';
  if (b.dataset.act === 'copy') { if (await copyText(text)) say(b, '@COPIED@'); }
  else if (b.dataset.act === 'share') {
    if (navigator.share) { try { await navigator.share({title: '@TITLE@', text: text}); } catch (err) {} }
    else if (await copyText(text)) { say(b, '@COPIED_CHAT@'); }
  } else if (b.dataset.act === 'like') {
    turn.querySelectorAll('button[data-act=like]').forEach(x => x.classList.remove('chosen'));
    b.classList.add('chosen');
    trigger('like', {turn: Number(turn.dataset.turn), liked: b.dataset.v === '1'});
  }
});
""".replace("@COPIED@", T.COPIED).replace("@COPIED_CHAT@", T.COPIED_FOR_CHAT).replace("@TITLE@", T.RECORD_TITLE)

# the 大字 switch: remembered in the browser, applied at load
BIGTEXT_HTML = f"<button type='button' class='bigtext' aria-pressed='false'>{T.BIGTEXT}</button>"
BIGTEXT_JS = """
const KEY = 'advisor-bigtext';
const btn = element.querySelector('button.bigtext');
function apply() { const on = localStorage.getItem(KEY) === '1';
  document.documentElement.classList.toggle('bigtext', on); btn.setAttribute('aria-pressed', on ? 'true' : 'false'); }
btn.addEventListener('click', () => { localStorage.setItem(KEY, localStorage.getItem(KEY) === '1' ? '0' : '1'); apply(); });
apply();
"""

def answer_html(text: str) -> str:
    """Answer text (plain, from the documents) as safe HTML with line breaks (the API's chat history)."""
    return f"<div class='answer-text'>{lines_html(text)}</div>"


def generation_note(ans: Answer) -> str:
    """For the generative mode: how the plain-words answer was checked, or why the quotes are shown instead."""
    g = ans.generation
    if not g:
        return ""
    if g.get("status") == "ok":
        msg = (f"通俗解释(试验):由语言模型根据下方原文改写,已逐句与原文核对——保留 {g.get('kept', 0)} 句,"
               f"换回原文 {g.get('replaced', 0)} 句,删除 {g.get('removed', 0)} 句。")
    else:
        why = {"fallback": "没有通过与原文的逐句核对", "timeout": "生成超时", "error": "生成出错",
               "unavailable": "暂不可用"}.get(g.get("status", ""), "暂不可用")
        msg = f"通俗解释{why},以上为原文摘录。"
    return f"<div class='notice generation-note'>{esc(msg)}</div>"


def api_answer_html(ans: Answer) -> str:
    """One answer for the API's chat history: text, the generation note, and its sources."""
    sources = render_sources(ans)
    head = f"<div class='srchead'>{T.SOURCES.rstrip(':')}</div>" if sources else ""
    return answer_html(ans.text) + generation_note(ans) + head + sources


def stream_pieces(text: str, step: int = 18) -> list[str]:
    """Growing prefixes of `text` (for the streaming effect), ending with the whole text."""
    cuts = list(range(step, len(text), step))
    return [text[:i] for i in cuts] + [text]


def render_drafts(rules_dir: Path) -> str:
    """Staff view of the rule drafts waiting for review (marked 待审核), each beside the clause it was read
    from; they are never used in answers until accepted with `advisor rules review`."""
    import yaml

    from advisor.services.rulereview import DRAFTS, describe

    rows = []
    for path in sorted((rules_dir / DRAFTS).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for r in data.get("rules") or []:
            proposal = (f"<b>{esc(r.get('name'))}</b> <span class='badge'>待审核</span><br>"
                        f"对象:{esc(describe(r.get('conditions')))}<br>金额:{esc(r.get('amount'))}<br>"
                        f"受理:{esc(r.get('apply_to') or '原文未写明')}<br>可信度:{esc(r.get('confidence'))}")
            clause = f"{esc(data.get('title'))} {esc(r.get('article'))}<br>" + "<br>".join(
                f"“{esc(q)}”" for q in r.get("quotes") or [])
            rows.append(f"<tr><td>{proposal}</td><td>{clause}</td></tr>")
    if not rows:
        return "<p>没有待审核的规则草稿。生成草稿:advisor rules draft 文件名</p>"
    return ("<p>以下草稿未经审核,不会用于对家属的答复。审核:advisor rules review --reviewer 姓名</p>"
            "<table class='drafts'><tr><th>草稿</th><th>原文条款</th></tr>" + "".join(rows) + "</table>")


def drafts_panel(advisor: Advisor) -> tuple[str, Any]:
    """The drafts view and the chooser of drafts to decide on."""
    import gradio as gr

    from advisor.services.rulereview import draft_ids

    rules_dir = advisor.settings.corpus_dir / "rules"
    return render_drafts(rules_dir), gr.Dropdown(choices=draft_ids(rules_dir), value=None)


def decide_draft(advisor: Advisor, rule_id: str | None, accept: bool, reviewer: str) -> tuple[str, str, Any]:
    """Accept or reject one draft from the staff desk; accepted rules are checked against the documents and
    used from the next answer on."""
    from advisor.services.eligibility import documents_of, load_rules_lenient
    from advisor.services.rulereview import decide

    rules_dir = advisor.settings.corpus_dir / "rules"
    done = decide(rules_dir, rule_id, accept, reviewer or "") if rule_id else "请先选择一条草稿。"
    if accept and rule_id:
        advisor.rules = load_rules_lenient(rules_dir, documents_of(advisor.retriever.chunks))
    return (esc(done), *drafts_panel(advisor))



def data_link(content: str, mime: str, filename: str, label: str) -> str:
    """A download link whose file lives in the link itself (nothing is written on the server)."""
    b64 = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return f"<a class='dl' download='{esc(filename)}' href='data:{mime};charset=utf-8;base64,{b64}'>{esc(label)}</a>"


# ---------------------------------------------------------------- documents tab


def load_report(settings: Settings) -> dict[str, Any]:
    """The last ingest report: the current version's, else index/ingest-report.json, else {}."""
    from advisor.index.store import REPORT, current_version

    for p in (current_version(settings.index_dir), settings.index_dir):
        if p is not None and (p / REPORT).exists():
            try:
                return json.loads((p / REPORT).read_text("utf-8"))
            except (OSError, ValueError):
                log.warning("unreadable ingest report in %s", p)
    return {}


DOC_HEADERS = ["标题", "文号", "地区", "类型", "日期", "有效状态", "条数"]


def documents_table(report: dict[str, Any]) -> list[list[Any]]:
    """Rows for the documents tab: title, 文号, region, kind, date, validity, number of 条 (or of passages
    for a document not written in articles)."""
    from advisor.ingest.metadata import validity

    rows = []
    for d in report.get("documents", []):
        articles = d.get("articles", 0)
        rows.append([
            d.get("title", ""),
            d.get("doc_number", "") or "—",
            d.get("region", "") or "未识别",
            d.get("kind", "") or "未识别",
            d.get("publish_date", "") or d.get("amended_date", "") or d.get("adopted_date", "") or "未标明",
            validity(d),
            f"{articles}条" if articles else f"{d.get('chunks', 0)}段",
        ])
    return rows


def documents_html(rows: list[list[Any]]) -> str:
    """The documents as a table (cards on a phone), escaped."""
    if not rows:
        return "<p>尚未建立索引。</p>"
    head = "".join(f"<th>{h}</th>" for h in DOC_HEADERS)
    body = "".join("<tr>" + "".join(f"<td data-label='{h}'>{esc(v)}</td>" for h, v in zip(DOC_HEADERS, r, strict=True)) + "</tr>"
                   for r in rows)
    return f"<table class='docs'><tr>{head}</tr>{body}</table>"


def report_html(report: dict[str, Any]) -> str:
    """The last ingest report in plain words (escaped)."""
    if not report:
        return "<p>尚未建立索引。</p>"
    titles = {d.get("source", ""): d.get("title", "") for d in report.get("documents", [])}

    def name(source: str) -> str:
        return f"《{titles[source]}》" if titles.get(source) else source

    parts = [
        f"<p>索引建立于 {esc(report.get('built_at', '?'))}:找到文件 {esc(report.get('files_found', 0))} 个,"
        f"成功读取 {esc(report.get('files_ingested', 0))} 个;收录文件 {len(report.get('documents', []))} 篇,"
        f"共 {esc(report.get('chunks', 0))} 段条文;用时 {esc(report.get('seconds_total', '?'))} 秒。</p>"
    ]
    skipped = report.get("skipped", [])
    if skipped:
        parts.append("<p><b>未能读取的文件:</b></p><ul>")
        parts += [f"<li>{esc(s.get('source', s.get('path', '')))}:{esc(s.get('reason_zh') or s.get('reason', ''))}</li>"
                  for s in skipped]
        parts.append("</ul>")
    dropped = report.get("dropped", [])
    if dropped:
        parts.append("<p><b>已剔除的无关内容</b>(网页上附带的其他新闻等):</p><ul>")
        parts += [f"<li>{esc(name(d.get('source', '')))}:{esc(d.get('title', ''))} — {esc(d.get('reason_zh', ''))}</li>"
                  for d in dropped]
        parts.append("</ul>")
    merged = report.get("duplicates_merged") or []
    if isinstance(merged, list) and merged:
        parts.append("<p><b>重复转载:</b></p><ul>")
        for m in merged:
            into = "、".join(name(x) for x in m.get("into", []))
            what = "全文" if m.get("whole") else f"{m.get('paragraphs', 0)} 段"
            parts.append(f"<li>{esc(m.get('source', ''))} 的{what}与 {esc(into)} 相同,已合并,不重复收录。</li>")
        parts.append("</ul>")
    warnings = report.get("warnings") or []
    if warnings:
        parts.append("<p><b>请留意:</b></p><ul>")
        parts += [f"<li>{esc(name(w.get('source', '')))}:{esc(w.get('reason_zh') or w.get('reason', ''))}</li>"
                  for w in warnings]
        parts.append("</ul>")
    chrome = report.get("chrome_lines_removed")
    if isinstance(chrome, dict) and any(chrome.values()):
        total = sum(v for v in chrome.values() if isinstance(v, int))
        parts.append(f"<p>从网页中去掉了 {total} 行导航、版权等网页附带文字。</p>")
    return "".join(parts)


def admin_allowed(token: str | None) -> bool:
    """Whether `token` is the staff token (ADVISOR_ADMIN_TOKEN); always False when none is set."""
    expected = env(ADMIN_SETTING)
    return bool(expected) and hmac.compare_digest((token or "").encode(), expected.encode())


class IngestJob:
    """Re-ingest in a background thread (one at a time); chats keep using the old version until the new
    one is complete, then the retriever reloads."""

    def __init__(self, advisor: Advisor):
        self.advisor = advisor
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.status = ""

    @property
    def running(self) -> bool:
        """Whether a build is under way."""
        return self.thread is not None and self.thread.is_alive()

    def start(self) -> bool:
        """Start a build unless one is running; False if one already is."""
        with self.lock:
            if self.running:
                return False
            self.status = f"正在重新导入({dt.datetime.now():%H:%M:%S} 开始)……咨询不受影响。"
            self.thread = threading.Thread(target=self._run, name="reingest", daemon=True)
            self.thread.start()
            return True

    def _run(self) -> None:
        from advisor.index.store import build

        try:
            stats, _ = build(self.advisor.settings, progress=False)
            self.advisor.retriever.maybe_reload()
            self.status = (
                f"重新导入完成:{stats.chunks} 个条款片段(新计算 {stats.embedded},复用 {stats.reused}),"
                f"用时 {stats.seconds_total} 秒。"
            )
        except Exception as e:
            log.exception("re-ingest failed")
            self.status = f"重新导入失败:{e}"


# ---------------------------------------------------------------- the page



# ---------------------------------------------------------------- one browser session


@dataclass
class Session:
    """One browser session: its conversation and the exchanges as shown."""

    conv: Conversation
    exchanges: list[Exchange] = field(default_factory=list)

    @property
    def last_question(self) -> str:
        """The latest question (masked), "" before the first."""
        return self.exchanges[-1].question if self.exchanges else ""

    @property
    def last_answer(self) -> Answer | None:
        """The latest answer, None before the first."""
        return self.exchanges[-1].answer if self.exchanges else None

    def kept(self) -> dict[str, Any]:
        """What the browser keeps for a reload: the latest exchanges and the profile."""
        return {"exchanges": [e.to_dict() for e in self.exchanges[-KEEP_TURNS:]],
                "profile": self.conv.profile.as_dict()}

    def restore(self, data: dict[str, Any] | None) -> None:
        """Take back what `kept` stored (the conversation goes on from its last topic); bad data is ignored."""
        if not isinstance(data, dict):
            return
        try:
            self.exchanges = [Exchange.from_dict(e) for e in data.get("exchanges") or [] if isinstance(e, dict)]
            p = data.get("profile") or {}
            self.conv.profile = Profile(region=str(p.get("region") or ""), age=p.get("age"),
                                        disability=str(p.get("disability") or ""),
                                        flags={k: bool(v) for k, v in (p.get("flags") or {}).items() if k in FIELD_LABELS})
            self.conv.turns = [Turn(e.question, e.answer.query, e.answer) for e in self.exchanges]
        except (TypeError, ValueError):
            log.warning("a kept conversation could not be read; starting afresh")
            self.exchanges, self.conv.turns = [], []


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




def follow_ups(sess: Session) -> list[str]:
    """Suggested next messages that fill gaps in the profile (none after an empty message)."""
    ans, p = sess.last_answer, sess.conv.profile
    if ans is None or ans.kind == "empty":
        return []
    out = []
    for key, text in FOLLOW_UPS:
        if key == "disability" and p.disability:
            continue
        if key == "money" and any(p.flags.get(k) for k in ("dibao", "dibao_edge", "tekun", "poor")):
            continue
        if key == "subsidy" and ("补贴" in sess.last_question or ans.refused):
            continue
        if text != sess.last_question:
            out.append(text)
    return out[:3]


def eligibility_checklist(advisor: Advisor, region: str, age: Any, disability: str,
                          flags: list[str] | None) -> tuple[str, str]:
    """The 我能享受什么 form: the rules engine over the card's profile → (the checklist in words, a link to
    the same checklist as a page to print)."""
    profile = profile_from_card(advisor, region, age, disability, flags)
    body = checklist_html(profile, screen(profile, advisor.rules), DEFAULT_AMOUNT)
    link = data_link(checklist_page(body), "text/html", f"{T.CHECK_TITLE}.html", T.CHECK_DOWNLOAD)
    return body, link


def provider_search(advisor: Advisor, place: str, kinds: list[str] | None, services: list[str] | None,
                    disabled_only: bool, radius: Any) -> tuple[list[Match], str]:
    """The provider tab's search: (matches nearest first, a note). Demo records are labelled."""
    place = (place or "").strip()
    if not place:
        return [], "请先填写地区或地点,例如:清城区、英德、乌鲁木齐。"
    try:
        radius_km = float(radius) if radius not in (None, "", 0) else None
        matches = advisor.directory.search(region=None, near=place, kinds=kinds or None, services=services or None,
                                           accepts_disabled=True if disabled_only else None,
                                           radius_km=radius_km, limit=30 if radius_km else 10)
    except ValueError:
        return [], f"没有找到“{place}”这个地点;目前目录收录的是{advisor.directory.coverage()}的名单。"
    note = f"找到 {len(matches)} 家,近的在前。" + (
        f"标有【{DEMO_LABEL}】的是演示用虚构机构,请勿拨打或前往;真实名单请向当地民政部门核实。"
        if any(m.provider.demo for m in matches) else "")
    return matches, note


def provider_cards(matches: list[Match]) -> str:
    """Providers as cards a phone can read: name, kind, distance, phone (tap to call), address, services."""
    cards = []
    for i, m in enumerate(matches, 1):
        p = m.provider
        facts = [x for x in (p.kind, p.institution_class) if x]
        if m.distance_km is not None:
            facts.append(f"约 {m.distance_km:.1f} 公里")
        if p.accepts_disabled:
            facts.append("收住失能老人")
        phone = (f"<p>电话:<a href='tel:{esc(re.sub(r'[^0-9+]', '', p.phone))}'>{esc(p.phone)}</a></p>"
                 if p.phone and not p.demo else (f"<p>电话:{esc(p.phone)}</p>" if p.phone else ""))
        cards.append(
            f"<div class='pcard'><div class='name'>{i}. {esc(p.name)}"
            + (f" <span class='warn'>【{esc(DEMO_LABEL)}】</span>" if p.demo else "") + "</div>"
            f"<p>{esc(' · '.join(facts))}</p>" + phone
            + (f"<p>地址:{esc(p.address)}</p>" if p.address else "")
            + (f"<p>服务:{esc('、'.join(p.services))}</p>" if p.services else "")
            + (f"<p><small>{esc(';'.join(m.reasons))}</small></p>" if m.reasons else "") + "</div>")
    return "".join(cards)


def provider_map(matches: list[Match]) -> Any:
    """An offline scatter of the providers, numbered as the cards, labelled in Chinese (no map tiles)."""
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    pts = [(m.provider.lon, m.provider.lat, i + 1) for i, m in enumerate(matches) if m.provider.lat is not None]
    if not pts:
        return None
    cjk = [f.name for f in font_manager.fontManager.ttflist if "CJK SC" in f.name or f.name in ("Microsoft YaHei",)]
    fig = Figure(figsize=(6, 4.5), dpi=100)
    ax = fig.add_subplot()
    ax.scatter([x for x, _, _ in pts], [y for _, y, _ in pts], c="#c0392b")
    for x, y, n in pts:
        ax.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, 4))
    font = {"fontfamily": cjk[0]} if cjk else {}
    ax.set_xlabel("经度" if cjk else "lon", **font)
    ax.set_ylabel("纬度" if cjk else "lat", **font)
    ax.set_title("机构位置示意(编号同上方列表,离线绘制,无底图)" if cjk else "", **font)
    return fig


# ---------------------------------------------------------------- the page


def build_ui(advisor: Advisor) -> Any:
    """The gradio Blocks of the page (queue configured; launch with `launch(demo, ...)`)."""
    import gradio as gr

    job = IngestJob(advisor)
    gen_ok = generate.available()  # the generative mode is offered only when it can run

    def session(sess: Session | None) -> Session:
        return sess if sess is not None else Session(advisor.conversation())

    def exchange(sess: Session, message: str) -> Iterator[bool]:
        """Answer one message in the session: its exchange is added at once and holds the answer as it grows
        (streaming), then the whole answer; yields, each time, whether the answer is complete. The message is
        masked first: ID and phone numbers are never shown, kept or answered from."""
        message = mask_personal((message or "").strip())

        def show(ans: Answer) -> None:
            sess.exchanges[-1] = Exchange(message, ans)

        sess.exchanges.append(Exchange(message, Answer(text=T.PENDING, refused=False)))
        streamed = False
        try:
            advisor.retriever.maybe_reload()  # a re-ingest (here or by `advisor ingest`) is picked up
            if sess.conv.generative:  # the model's verified sentences appear as it writes them
                streamed = True
                yield False
                for item in generate.run_streaming(lambda cb: sess.conv.ask(message, on_text=cb)):
                    if isinstance(item, Answer):
                        ans = item
                    else:
                        show(Answer(text=item, refused=False))
                        yield False
            else:
                ans = sess.conv.ask(message)
        except Exception:
            log.exception("answer failed")  # the message itself is not logged
            ans = Answer(text="抱歉,系统暂时出错了,请稍后再试。", refused=True, kind="error")
        # the answer is complete already: stream it in a few steps (no artificial delay, which would hold one
        # of the queue's worker slots; measured in bench/results/load-test.md)
        pieces = stream_pieces(ans.text, step=max(18, len(ans.text) // STREAM_STEPS + 1))
        for piece in pieces[:-1] if not streamed else []:
            show(Answer(text=piece, refused=False))
            yield False
        show(ans)
        yield True

    def views(sess: Session, pending: bool = False) -> tuple[str, str]:
        """The conversation for families and for the desk (file names in the sources)."""
        last = len(sess.exchanges) if pending else None
        notes = {i: generation_note(e.answer) for i, e in enumerate(sess.exchanges, 1) if e.answer.generation}
        return (conversation_html(sess.exchanges, pending=last, notes=notes),
                conversation_html(sess.exchanges, staff=True, pending=last, notes=notes))

    def respond(message: str, sess: Session | None):
        """The page: the conversation re-drawn as the answer grows, then whole (the box emptied at once)."""
        sess = session(sess)
        if not (message or "").strip():
            yield "", *views(sess), sess, sess.conv.profile.describe()
            return
        for done in exchange(sess, message):
            yield "", *views(sess, pending=not done), sess, sess.conv.profile.describe()

    def respond_api(message: str, history: list[dict] | None, sess: Session | None):
        """The API (/ask: message and chat history in, box, history and profile out), as before the page
        drew its own conversation; the history is a chat of escaped HTML."""
        sess = session(sess)
        history = list(history or [])
        question = esc(mask_personal((message or "").strip()))
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": ""}]
        for done in exchange(sess, message):
            ans = sess.last_answer
            history[-1] = {"role": "assistant", "content": api_answer_html(ans) if done else answer_html(ans.text)}
            yield "", history, sess, sess.conv.profile.describe()

    def turn_choices(sess: Session) -> Any:
        choices = [(T.TURN_CHOICE.format(n=i, q=e.question[:30]), i) for i, e in enumerate(sess.exchanges, 1)]
        return gr.Dropdown(choices=choices, value=len(choices) or None)

    def hits_of(sess: Session | None, n: Any) -> str:
        sess = session(sess)
        try:
            ans = sess.exchanges[int(n) - 1].answer
        except (TypeError, ValueError, IndexError):
            ans = sess.last_answer
        if ans is not None and not ans.retrieved and ans.citations:
            return f"<p>{T.RESTORED_NO_HITS}</p>"
        return render_hits(ans)

    def refresh(sess: Session | None):
        """Everything that follows an answer: profile card, follow-ups, the desk's turn chooser and passages,
        and what the browser keeps."""
        sess = session(sess)
        p = sess.conv.profile
        sugg = follow_ups(sess)
        buttons = [gr.Button(value=sugg[i], visible=True) if i < len(sugg) else gr.Button(visible=False) for i in range(3)]
        return (
            p.describe(),
            p.describe(),
            p.region,
            p.age,
            p.disability or UNKNOWN,
            [k for k in FLAG_KEYS if p.flags.get(k)],
            *buttons,
            turn_choices(sess),
            render_hits(sess.last_answer),
            sess.kept(),
        )

    def restore(kept: dict | None, sess: Session | None):
        """At load: the conversation this browser kept, drawn again."""
        sess = session(sess)
        if not sess.exchanges:
            sess.restore(kept)
        return (sess, *views(sess))

    def restored(sess: Session | None):
        """After load: the card and the desk filled from a restored conversation; untouched otherwise (what a
        user typed while the page was loading is not overwritten)."""
        sess = session(sess)
        if not sess.exchanges and sess.conv.profile.describe() == NO_PROFILE:
            return tuple(gr.skip() for _ in after)  # `after`: the outputs this step fills (defined below)
        return refresh(sess)

    def save_profile(region, age, disability, flags, sess: Session | None):
        sess = session(sess)
        new = profile_from_card(advisor, region, age, disability, flags)
        sess.conv.profile.region = new.region
        sess.conv.profile.age = new.age
        sess.conv.profile.disability = new.disability
        sess.conv.profile.flags = dict(new.flags)
        d = sess.conv.profile.describe()
        gr.Info("老人信息已更新,接下来的回答会按新信息查找。")
        return sess, d, d, new.region, sess.kept()

    def set_mode(mode: str, sess: Session | None) -> Session:
        sess = session(sess)
        sess.conv.answer_mode = mode if mode in generate.MODES else ""
        return sess

    def reset():
        """清除记录: a new session, nothing kept in the browser."""
        empty = conversation_html([])
        return (None, {"exchanges": []}, empty, empty, NO_PROFILE, NO_PROFILE, "", None, UNKNOWN, [],
                *[gr.Button(visible=False)] * 3, gr.Dropdown(choices=[], value=None), render_hits(None), "", "")

    def on_like(sess: Session | None, data: gr.EventData):
        """有用/没用: stored (redacted) only when ADVISOR_FEEDBACK_DIR is set; otherwise nothing is kept."""
        folder = env(FEEDBACK_SETTING).strip()
        if not folder or sess is None:
            return
        info = getattr(data, "_data", None) or {}
        try:
            ex = sess.exchanges[int(info.get("turn", 0)) - 1]
        except (TypeError, ValueError, IndexError):
            return
        rec = {
            "time": dt.datetime.now().isoformat(timespec="seconds"),
            "liked": bool(info.get("liked")),
            "question": redact(ex.question),
            "answer": redact(ex.answer.text),  # an answer may repeat a number the user typed
            "kind": ex.answer.kind,
            "refused": ex.answer.refused,
            "citations": [{"doc": c.doc, "article": c.article} for c in ex.answer.citations],
        }
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "feedback.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    on_like.__annotations__["data"] = gr.EventData  # gradio injects the event data by this type

    def export(sess: Session | None):
        """The whole conversation: Markdown and a printable page, every question with its answer."""
        sess = session(sess)
        if not sess.exchanges:
            return f"<p>{T.EXPORT_FIRST}</p>", ""
        now = dt.datetime.now()
        md = transcript_markdown(sess.exchanges, sess.conv.profile, now)
        page = transcript_html(sess.exchanges, sess.conv.profile, now)
        stamp = f"{now:%Y%m%d-%H%M}"
        links = ("<p>" + data_link(md, "text/markdown", f"养老咨询记录-{stamp}.md", "下载 Markdown") + " | "
                 + data_link(page, "text/html", f"养老咨询记录-{stamp}.html", "下载可打印 HTML(打开后按 Ctrl+P 打印)")
                 + "</p>")
        return links, md

    def docs_view():
        report = load_report(advisor.settings)
        return documents_html(documents_table(report)), report_html(report)

    def reingest(token: str):
        if not admin_allowed(token):
            return "工作人员口令不对,未重新导入。", gr.Timer(active=False)
        started = job.start()
        return (job.status if started else "已有一次导入正在进行,请稍候。"), gr.Timer(active=True)

    def poll():
        table, rep = docs_view()
        return job.status, table, rep, gr.Timer(active=job.running)

    def checklist(*args):
        body, link = eligibility_checklist(advisor, *args)
        return body, link, gr.Accordion(open=False)

    def providers(*args):
        matches, note = provider_search(advisor, *args)
        return provider_cards(matches), provider_map(matches), note

    with gr.Blocks(title="养老顾问") as demo:
        sess = gr.State(None)
        kept = gr.BrowserState(None, storage_key="advisor-conversation")
        with gr.Row(elem_id="topbar", equal_height=True):
            gr.HTML("<h1>养老顾问</h1>", scale=4)
            gr.HTML(BIGTEXT_HTML, js_on_load=BIGTEXT_JS, elem_id="bigtext", scale=1, min_width=80)
        gr.HTML(f"<div class='notice' id='notice'>{esc(NOTICE)}</div>")
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("咨询", id="family"):
                conv = gr.HTML(conversation_html([]), elem_id="chat", js_on_load=CONV_JS)
                with gr.Row(elem_id="askbar", equal_height=True):
                    box = gr.Textbox(placeholder="在这里输入问题",
                                     show_label=False, scale=5, lines=1, max_length=PASTE_LIMIT, elem_id="ask-box",
                                     min_width=200)
                    send = gr.Button("发送", variant="primary", scale=1, min_width=70, elem_id="send")
                with gr.Row(elem_classes="followups"):
                    fu = [gr.Button(visible=False, size="md", elem_classes="followup") for _ in range(3)]
                profile_line = gr.Markdown(NO_PROFILE, elem_classes="profile-line", elem_id="profile-line")
                with gr.Accordion("老人信息(可修改)", open=False, elem_id="profile-card"):
                    gr.Markdown("根据对话自动填写;您也可以直接修改,再点“保存”。")
                    p_region = gr.Textbox(label="地区", placeholder="例如:清远")
                    p_age = gr.Number(label="年龄", precision=0, minimum=0, maximum=130)
                    p_dis = gr.Dropdown(DISABILITY_CHOICES, value=UNKNOWN, label="失能程度")
                    p_flags = gr.CheckboxGroup([(FIELD_LABELS[k], k) for k in FLAG_KEYS], label="家庭和经济情况")
                    p_save = gr.Button("保存老人信息", variant="primary", elem_id="save-profile")
                gr.Markdown("**可以这样问**(点一下就提问)")
                with gr.Row(elem_classes="examples"):
                    ex_buttons = [gr.Button(q, size="md", elem_classes="example") for q in EXAMPLES]
                new = gr.Button("清除记录,开始新对话", size="md", elem_id="new-conversation", variant="stop")
                with gr.Row(visible=False, elem_id="confirm-clear") as confirm_row:
                    gr.Markdown("确定清除这次对话的全部记录吗?清除后无法恢复。")
                    clear_yes = gr.Button("确定清除", variant="stop", size="md", elem_id="clear-yes")
                    clear_no = gr.Button("取消", size="md")
                answer_mode = gr.Radio(  # offered only when the generative extra and its model are here
                    [("原文摘录", "extractive"), ("通俗解释(试验)", "generative")],
                    value=generate.default_mode(), label="回答方式", visible=gen_ok, elem_id="answer-mode",
                    info="通俗解释由本地语言模型根据政策原文改写,每句都与原文核对;核对不通过时显示原文摘录。",
                )
            with gr.Tab("我能享受什么", id="eligibility"):
                e_link = gr.HTML("")
                e_out = gr.HTML("<p>填写老人情况,按收录的政策文件逐条对照;不知道的可以不填。</p>",
                                elem_id="eligibility-result")
                with gr.Accordion("填写老人情况", open=True, elem_id="eligibility-form") as e_form:
                    e_region = gr.Textbox(label="地区", placeholder="例如:清远")
                    e_age = gr.Number(label="年龄", precision=0, minimum=0, maximum=130)
                    e_dis = gr.Dropdown(DISABILITY_CHOICES, value=UNKNOWN, label="失能程度")
                    e_flags = gr.CheckboxGroup([(FIELD_LABELS[k], k) for k in FLAG_KEYS], label="家庭和经济情况")
                    e_run = gr.Button("对照政策", variant="primary", elem_id="eligibility-run")
            with gr.Tab("附近机构", id="providers"):
                gr.Markdown(f"输入老人所在的区县或地点,列出附近的养老机构;标有【{DEMO_LABEL}】的是演示数据,不是真实机构。")
                v_place = gr.Textbox(label="地区或地点", placeholder="例如:清城区")
                with gr.Row():
                    v_radius = gr.Number(label="多少公里以内(可不填)", value=None, minimum=0, min_width=120)
                    v_disabled = gr.Checkbox(label="只看收住失能老人的", min_width=120)
                with gr.Accordion("更多条件", open=False):
                    v_kinds = gr.CheckboxGroup(list(KINDS), label="机构类型")
                    v_services = gr.CheckboxGroup(list(SERVICES), label="服务")
                v_run = gr.Button("查找", variant="primary", elem_id="providers-run")
                v_note = gr.Markdown("")
                v_cards = gr.HTML("", elem_id="provider-cards")
                with gr.Accordion("位置示意图(编号同上方列表)", open=False):
                    v_map = gr.Plot(show_label=False)
            with gr.Tab("文件", id="docs"):
                docs_table = gr.HTML("", elem_id="documents")
                with gr.Accordion("最近一次导入的报告(工作人员用)", open=False):
                    docs_report = gr.HTML("")
                    docs_refresh = gr.Button("刷新", size="md")
                with gr.Group(visible=is_set(ADMIN_SETTING)):  # re-ingest: staff only, off without a token
                    admin_token = gr.Textbox(label="工作人员口令", type="password", max_length=200)
                    reingest_btn = gr.Button("重新导入文件(后台进行,不影响咨询)", variant="secondary")
                ingest_status = gr.Markdown("")
                timer = gr.Timer(2.0, active=False)
            with gr.Tab("工作台", id="desk"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=340):
                        conv_desk = gr.HTML(conversation_html([]), elem_id="chat-desk", js_on_load=CONV_JS)
                        with gr.Row():
                            box_desk = gr.Textbox(placeholder="输入问题", show_label=False, scale=5, lines=1,
                                                  max_length=PASTE_LIMIT, elem_id="desk-box")
                            send_desk = gr.Button("发送", variant="primary", scale=1, min_width=80)
                        desk_profile = gr.Markdown(NO_PROFILE, elem_classes="profile-line")
                        export_btn = gr.Button("导出/打印(整个对话)", variant="secondary", elem_id="export")
                        new_desk = gr.Button("清除记录,接待下一位", size="md", variant="stop", elem_id="new-desk")
                        with gr.Row(visible=False) as confirm_desk:
                            gr.Markdown("确定清除这次对话的全部记录吗?(请先导出需要留存的记录)")
                            clear_yes_desk = gr.Button("确定清除", variant="stop", size="md")
                            clear_no_desk = gr.Button("取消", size="md")
                        export_links = gr.HTML("")
                        export_md = gr.Code("", language="markdown", label="咨询记录(Markdown)", interactive=False)
                    with gr.Column(scale=4, min_width=340):
                        turn_pick = gr.Dropdown([], label="查看哪一问检索到的条款", elem_id="turn-pick")
                        hits = gr.HTML(render_hits(None), elem_id="desk-hits")
                with gr.Accordion("资格规则草稿(待审核)", open=False):
                    drafts_view = gr.HTML("", elem_id="rule-drafts")
                    with gr.Row():
                        draft_pick = gr.Dropdown([], label="选择草稿", scale=3)
                        draft_reviewer = gr.Textbox(label="审核人姓名", scale=1, max_length=40)
                        draft_accept = gr.Button("接受", variant="primary", scale=1, min_width=80)
                        draft_reject = gr.Button("拒绝", variant="secondary", scale=1, min_width=80)
                    draft_status = gr.Markdown("")
        # the API (/ask), unchanged for clients: message and chat history in; its components are not shown
        with gr.Group(visible=False):
            api_box = gr.Textbox()
            api_chat = gr.Chatbot()
            api_profile = gr.Markdown()
            api_send = gr.Button()

        shown = [box, conv, conv_desk, sess, profile_line]
        after = [profile_line, desk_profile, p_region, p_age, p_dis, p_flags, *fu, turn_pick, hits, kept]
        for trigger, source in ((box.submit, box), (send.click, box), (box_desk.submit, box_desk),
                                (send_desk.click, box_desk), *[(b.click, b) for b in [*fu, *ex_buttons]]):
            outs = shown if source is not box_desk else [box_desk, conv, conv_desk, sess, desk_profile]
            trigger(respond, [source, sess], outs, api_name=False, show_progress="hidden").then(
                refresh, sess, after, api_name=False)
        api_send.click(respond_api, [api_box, api_chat, sess], [api_box, api_chat, sess, api_profile], api_name="ask")
        demo.load(restore, [kept, sess], [sess, conv, conv_desk], api_name=False).then(
            restored, sess, after, api_name=False)
        p_save.click(save_profile, [p_region, p_age, p_dis, p_flags, sess],
                     [sess, profile_line, desk_profile, p_region, kept], api_name=False)
        cleared = [sess, kept, conv, conv_desk, profile_line, desk_profile, p_region, p_age, p_dis, p_flags, *fu,
                   turn_pick, hits, export_links, export_md]
        for ask_btn, row, yes, no in ((new, confirm_row, clear_yes, clear_no),
                                      (new_desk, confirm_desk, clear_yes_desk, clear_no_desk)):
            ask_btn.click(lambda: gr.Row(visible=True), None, row, api_name=False)  # one slip must not lose it all
            no.click(lambda: gr.Row(visible=False), None, row, api_name=False)
            yes.click(reset, None, cleared, api_name=False).then(
                lambda: (gr.Row(visible=False), gr.Row(visible=False)), None, [confirm_row, confirm_desk],
                api_name=False).then(set_mode, [answer_mode, sess], [sess], api_name=False)
        answer_mode.change(set_mode, [answer_mode, sess], [sess], api_name=False)
        e_run.click(checklist, [e_region, e_age, e_dis, e_flags], [e_out, e_link, e_form], api_name="eligibility").then(
            None, None, None, js="() => document.getElementById('eligibility-result').scrollIntoView({block: 'start'})")
        v_run.click(providers, [v_place, v_kinds, v_services, v_disabled, v_radius], [v_cards, v_map, v_note],
                    api_name="providers")
        conv.like(on_like, sess, None, api_name=False)
        conv_desk.like(on_like, sess, None, api_name=False)
        turn_pick.change(hits_of, [sess, turn_pick], hits, api_name=False)
        export_btn.click(export, sess, [export_links, export_md], api_name=False)
        demo.load(docs_view, None, [docs_table, docs_report], api_name=False)
        demo.load(lambda: drafts_panel(advisor), None, [drafts_view, draft_pick], api_name=False)
        for button, accept in ((draft_accept, True), (draft_reject, False)):
            button.click(lambda rid, who, a=accept: decide_draft(advisor, rid, a, who), [draft_pick, draft_reviewer],
                         [draft_status, drafts_view, draft_pick], api_name=False, concurrency_limit=1)
        docs_refresh.click(docs_view, None, [docs_table, docs_report], api_name=False)
        reingest_btn.click(reingest, admin_token, [ingest_status, timer], api_name=False, concurrency_limit=1)
        timer.tick(poll, None, [ingest_status, docs_table, docs_report, timer], api_name=False)
    demo.queue(default_concurrency_limit=4, max_size=64)
    demo.ingest_job = job  # for tests and operators
    return demo


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


if __name__ == "__main__":
    sys.exit(main())
