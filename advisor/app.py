"""The web page (gradio): a chat for families with cited sources and an editable profile of the elder, a desk
mode for community staff (all retrieved passages, export/print), and a documents tab (what is indexed, the
last ingest report, re-ingest in the background).

The page only calls the chat core (`advisor.chat`), like the CLI does; each browser session holds its own
`Conversation` in a `gr.State`, so users never share profiles or histories. Everything that comes from a
document or a user is HTML-escaped before it is shown. Nothing the user types is written to disk, except
like/dislike feedback when `ADVISOR_FEEDBACK_DIR` is set (and then with ID and phone numbers redacted)."""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import logging
import os
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor import generate
from advisor.chat import Advisor, Conversation
from advisor.eligibility import checklist_markdown, screen
from advisor.message import MAX_MESSAGE_CHARS
from advisor.profile import DISABILITY_LEVELS, FIELD_LABELS, Profile, extract_profile
from advisor.providers import DEMO_LABEL, KINDS, SERVICES
from advisor.schema import Answer
from advisor.settings import Settings

log = logging.getLogger(__name__)
PASTE_LIMIT = 2 * MAX_MESSAGE_CHARS  # the box takes a longer paste, so the advisor can say it read only the first part

CSS = """
:root, .gradio-container { --body-text-color: #111; }
body, .gradio-container { font-size: 20px !important; color: #111; }
.gradio-container { max-width: 1280px !important; }
.message, .message p, .message-wrap .prose { font-size: 20px !important; line-height: 1.75 !important; color: #111; }
.notice { background:#fff4cc; border-left:6px solid #8a5a00; padding:10px 14px; color:#111; font-size:18px;
          line-height:1.6; border-radius:4px; }
details.src { border:1px solid #777; border-radius:6px; padding:6px 10px; margin:8px 0; background:#f7f7f7;
              color:#111; }
details.src summary { cursor:pointer; font-weight:700; color:#0b3d91; }
details.src .meta { font-size:16px; color:#333; margin:4px 0; }
details.src p { margin:6px 0; }
mark { background:#ffd84d; color:#000; padding:0 2px; }
.srchead { font-weight:700; margin-top:10px; }
.answer-text { white-space: normal; }
table.hits { border-collapse:collapse; width:100%; font-size:15px; }
table.hits td, table.hits th { border:1px solid #999; padding:4px 6px; vertical-align:top; color:#111; }
table.hits tr.cited { background:#fff4cc; }
.followups button, .examples button { font-size:18px !important; }
.profile-line { font-size:18px; background:#eef4ff; border:1px solid #6b8cc7; padding:8px 12px; border-radius:6px;
                color:#111; }
"""
NOTICE = (
    "本助手的回答均摘自下方列出的政策文件原文,不是正式答复;老人能否享受某项服务或补贴,"
    "最终以当地民政部门的认定为准。"
)
# first-load examples: eligibility, subsidies, services, providers
EXAMPLES = [
    "我妈82岁了,在清远,瘫痪在床,能享受什么服务?",
    "经济困难的失能老人有什么补贴?",
    "居家养老有哪些上门服务?",
    "国家对养老机构是怎么分类的?",
]
FOLLOW_UPS = [
    ("region", "我在清远"),
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
FEEDBACK_ENV = "ADVISOR_FEEDBACK_DIR"

_ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])[0-9]{2}[0-9]{3}[0-9Xx](?![0-9])")
_ANY_18 = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])0[1-9][0-9]{1,2}[- ]?[0-9]{7,8}(?![0-9])")


def redact(text: str) -> str:
    """Remove 身份证 numbers and phone numbers (mobile and landline) from free text."""
    text = _ID_NUMBER.sub("[身份证号已删除]", text or "")
    text = _ANY_18.sub("[身份证号已删除]", text)
    text = _MOBILE.sub("[电话已删除]", text)
    return _LANDLINE.sub("[电话已删除]", text)


def esc(s: Any) -> str:
    """HTML-escape anything (documents and users are never trusted as markup)."""
    return html.escape(str(s if s is not None else ""), quote=True)


# ---------------------------------------------------------------- rendering (pure functions, easy to test)


def highlight(context: str, span: str) -> str:
    """The clause with the cited span wrapped in <mark>, all escaped."""
    ctx, sp = esc(context or span), esc(span)
    if sp and sp in ctx:
        return ctx.replace(sp, f"<mark>{sp}</mark>", 1)
    return f"<mark>{sp}</mark>" + (f"<br>{ctx}" if context and context != span else "")


def render_sources(ans: Answer) -> str:
    """Citations as collapsible blocks: title, article, region, date/validity, span highlighted in its clause."""
    if not ans.citations:
        return ""
    out = ["<div class='sources'><div class='srchead'>引用来源</div>"]
    for c in ans.citations:
        out.append(
            f"<details class='src'><summary>[{c.n}] 《{esc(c.title)}》 {esc(c.article)}</summary>"
            f"<div class='meta'>{esc(c.kind or '文件')} | 地区:{esc(c.region)} | 日期:{esc(c.date or '未标明')} | "
            # the 文号 is how a family or an office finds the document; the file name means nothing to them
            + (f"文号:{esc(c.doc_number)} | " if c.doc_number else "")
            + f"{esc(c.validity)}</div><p>{highlight(c.context, c.text)}</p></details>"
        )
    out.append("</div>")
    return "".join(out)


def answer_html(text: str) -> str:
    """Answer text (plain, from the documents) as safe HTML with line breaks."""
    return "<div class='answer-text'>" + esc(text).replace("\n", "<br>") + "</div>"


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


def user_html(message: str) -> str:
    """What the user typed, shown as text (escaped: markup typed by a user is never rendered)."""
    return esc(message)


def stream_pieces(text: str, step: int = 18) -> list[str]:
    """Growing prefixes of `text` (for the streaming effect), ending with the whole text."""
    cuts = list(range(step, len(text), step))
    return [text[:i] for i in cuts] + [text]


def render_drafts(rules_dir: Path) -> str:
    """Staff view of the rule drafts waiting for review (marked 待审核), each beside the clause it was read
    from; they are never used in answers until accepted with `advisor rules review`."""
    import yaml

    from advisor.rulereview import DRAFTS, describe

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

    from advisor.rulereview import draft_ids

    rules_dir = advisor.settings.corpus_dir / "rules"
    return render_drafts(rules_dir), gr.Dropdown(choices=draft_ids(rules_dir), value=None)


def decide_draft(advisor: Advisor, rule_id: str | None, accept: bool, reviewer: str) -> tuple[str, str, Any]:
    """Accept or reject one draft from the staff desk; accepted rules are checked against the documents and
    used from the next answer on."""
    from advisor.eligibility import documents_of, load_rules_lenient
    from advisor.rulereview import decide

    rules_dir = advisor.settings.corpus_dir / "rules"
    done = decide(rules_dir, rule_id, accept, reviewer or "") if rule_id else "请先选择一条草稿。"
    if accept and rule_id:
        advisor.rules = load_rules_lenient(rules_dir, documents_of(advisor.retriever.chunks))
    return (esc(done), *drafts_panel(advisor))


def render_hits(ans: Answer | None) -> str:
    """Staff view: every retrieved passage with its fused score, region, document and clause."""
    if ans is None:
        return "<p>(提问后这里列出检索到的全部条款及分数)</p>"
    if not ans.retrieved:
        return "<p>(没有检索到条款)</p>"
    cited = {(c.doc, c.article) for c in ans.citations}
    rows = [
        "<table class='hits'><tr><th>#</th><th>分数</th><th>地区</th><th>文件 / 条款</th><th>内容</th></tr>"
    ]
    for i, h in enumerate(ans.retrieved, 1):
        c = h.chunk
        is_cited = (c.source, c.article) in cited
        text = c.text if len(c.text) <= 160 else c.text[:160] + "…"
        ranks = ", ".join(f"{k}:{v}" for k, v in sorted(h.ranks.items()))
        rows.append(
            f"<tr class='{'cited' if is_cited else ''}'><td>{i}{' ★' if is_cited else ''}</td>"
            f"<td>{h.score:.4f}<br><small>{esc(ranks)}</small></td><td>{esc(c.region)}</td>"
            f"<td>《{esc(c.title)}》<br>{esc(c.article)}<br><small>{esc(c.heading_path)}</small></td>"
            f"<td>{esc(text)}</td></tr>"
        )
    rows.append("</table>")
    head = (
        f"<p>检索问句:{esc(ans.query)} | 适用地区:{esc(ans.region or '未限定')} | 类型:{esc(ans.kind)}"
        f" | 用时 {ans.latency_ms:.0f} ms | ★ = 回答引用</p>"
    )
    return head + "".join(rows)


def summary_markdown(question: str, ans: Answer, profile: Profile, when: dt.datetime | None = None) -> str:
    """One-page summary for the desk: question, answer, citations, profile, date (Markdown)."""
    when = when or dt.datetime.now()
    lines = [
        "# 养老政策咨询记录",
        "",
        f"- 日期:{when:%Y-%m-%d %H:%M}",
        f"- 老人信息:{profile.describe()}",
        "",
        "## 问题",
        "",
        question,
        "",
        "## 答复",
        "",
        ans.text,
        "",
        "## 引用来源",
        "",
    ]
    if not ans.citations:
        lines.append("(无)")
    for c in ans.citations:
        lines += [
            f"{c.n}. 《{c.title}》{c.article}({c.kind + ';' if c.kind else ''}地区:{c.region};"
            + (f"文号:{c.doc_number};" if c.doc_number else "")
            + f"日期:{c.date or '未标明'};{c.validity};文件:{c.doc})",
            f"   > {c.text}",
        ]
    lines += ["", f"> {NOTICE}", ""]
    return "\n".join(lines)


def summary_html(question: str, ans: Answer, profile: Profile, when: dt.datetime | None = None) -> str:
    """The same summary as a printable, self-contained HTML page (A4, one page)."""
    when = when or dt.datetime.now()
    cites = "".join(
        f"<li><b>《{esc(c.title)}》{esc(c.article)}</b> — {esc(c.kind + ';' if c.kind else '')}"
        f"地区:{esc(c.region)};日期:{esc(c.date or '未标明')};"
        f"{esc(c.validity)};文件:{esc(c.doc)}<blockquote>{highlight(c.context, c.text)}</blockquote></li>"
        for c in ans.citations
    )
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>养老政策咨询记录</title>"
        "<style>@page{size:A4;margin:14mm}body{font-family:sans-serif;font-size:13pt;line-height:1.55;color:#000}"
        "h1{font-size:18pt;margin:0 0 6px}h2{font-size:14pt;margin:12px 0 4px;border-bottom:1px solid #444}"
        "blockquote{margin:4px 0 8px 12px;font-size:11pt;color:#222}mark{background:#ffe27a}"
        ".notice{border:1px solid #444;padding:6px;font-size:11pt;margin-top:12px}</style></head><body>"
        f"<h1>养老政策咨询记录</h1><div>日期:{when:%Y-%m-%d %H:%M}</div>"
        f"<div>老人信息:{esc(profile.describe())}</div>"
        f"<h2>问题</h2><p>{esc(question)}</p>"
        f"<h2>答复</h2><p>{esc(ans.text).replace(chr(10), '<br>')}</p>"
        f"<h2>引用来源</h2><ol>{cites or '<li>(无)</li>'}</ol>"
        f"<div class='notice'>{esc(NOTICE)}</div></body></html>"
    )


def data_link(content: str, mime: str, filename: str, label: str) -> str:
    """A download link whose file lives in the link itself (nothing is written on the server)."""
    b64 = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return f"<a class='dl' download='{esc(filename)}' href='data:{mime};charset=utf-8;base64,{b64}'>{esc(label)}</a>"


# ---------------------------------------------------------------- documents tab


def load_report(settings: Settings) -> dict[str, Any]:
    """The last ingest report: the current version's, else index/ingest-report.json, else {}."""
    from advisor.index import REPORT, current_version

    for p in (current_version(settings.index_dir), settings.index_dir):
        if p is not None and (p / REPORT).exists():
            try:
                return json.loads((p / REPORT).read_text("utf-8"))
            except (OSError, ValueError):
                log.warning("unreadable ingest report in %s", p)
    return {}


def documents_table(report: dict[str, Any]) -> list[list[Any]]:
    """Rows for the documents tab: title, kind, region, date, validity, number of 条, chunks, source file."""
    from advisor.metadata import validity

    rows = []
    for d in report.get("documents", []):
        also = d.get("also_in") or []
        src = d.get("source", "") + (f"(重复:{', '.join(also)})" if also else "")
        rows.append(
            [
                d.get("title", ""),
                d.get("kind", "") or "未识别",
                d.get("region", "") or "未识别",
                d.get("publish_date", "") or "未标明",
                validity(d),
                d.get("articles", 0) or "",
                d.get("chunks", 0),
                src,
            ]
        )
    return rows


def report_html(report: dict[str, Any]) -> str:
    """The last ingest report in plain words (escaped)."""
    if not report:
        return "<p>尚未建立索引。</p>"
    parts = [
        f"<p>索引版本:{esc(report.get('version', '?'))},建立于 {esc(report.get('built_at', '?'))};"
        f"文件 {esc(report.get('files_found', 0))} 个,成功读取 {esc(report.get('files_ingested', 0))} 个;"
        f"文档 {len(report.get('documents', []))} 篇,条款片段 {esc(report.get('chunks', 0))} 个"
        f"(新计算向量 {esc(report.get('embedded', 0))},复用 {esc(report.get('reused', 0))});"
        f"用时 {esc(report.get('seconds_total', '?'))} 秒。</p>"
    ]
    skipped = report.get("skipped", [])
    if skipped:
        parts.append("<p><b>未能读取的文件:</b></p><ul>")
        for s in skipped:
            reason = s.get("reason_zh") or s.get("reason", "")
            parts.append(f"<li>{esc(s.get('source', s.get('path', '')))}:{esc(reason)}</li>")
        parts.append("</ul>")
    dropped = report.get("dropped", [])
    if dropped:
        parts.append("<p><b>已剔除的无关内容:</b></p><ul>")
        for d in dropped:
            parts.append(
                f"<li>{esc(d.get('source', ''))}:{esc(d.get('title', ''))} — {esc(d.get('reason_zh', ''))}</li>"
            )
        parts.append("</ul>")
    merged = report.get("duplicates_merged")
    if merged:
        parts.append(f"<p>合并的重复转载:{esc(merged)}</p>")
    return "".join(parts)


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
        from advisor.index import build

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


@dataclass
class Session:
    """One browser session: its conversation, the chat as shown, and the last exchange."""

    conv: Conversation
    history: list[dict[str, Any]] = field(default_factory=list)
    last_question: str = ""
    last_answer: Answer | None = None
    turns: dict[int, tuple[str, Answer]] = field(default_factory=dict)  # assistant message index -> exchange


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
        if key == "region" and p.region:
            continue
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
    """The 我能享受什么 form: the rules engine over the card's profile → (Markdown checklist, print link)."""
    profile = profile_from_card(advisor, region, age, disability, flags)
    md = checklist_markdown(profile, screen(profile, advisor.rules))
    html_page = f"<html><head><meta charset='utf-8'><title>养老服务对照清单</title></head><body><pre style='white-space:pre-wrap;font-size:16px'>{esc(md)}</pre></body></html>"
    link = data_link(html_page, "text/html", "养老服务对照清单.html", "下载可打印的清单(HTML)")
    return md, link


PROVIDER_HEADERS = ["机构名称", "类型", "分类", "距离(公里)", "地址", "电话", "服务", "收住失能", "说明"]


def provider_table(advisor: Advisor, place: str, kinds: list[str] | None, services: list[str] | None,
                   disabled_only: bool, radius: Any) -> tuple[list[list[Any]], Any, str]:
    """The provider tab: (table rows, an offline scatter map, a note). Demo records are labelled."""
    from matplotlib.figure import Figure

    place = (place or "").strip()
    if not place:
        return [], None, "请先填写地区或地点,例如:清城区、英德、乌鲁木齐。"
    try:
        radius_km = float(radius) if radius not in (None, "", 0) else None
        matches = advisor.directory.search(region=None, near=place, kinds=kinds or None, services=services or None,
                                           accepts_disabled=True if disabled_only else None,
                                           radius_km=radius_km, limit=30)
    except ValueError:
        return [], None, f"没有找到“{esc(place)}”这个地点;目前目录覆盖清远各区县、乌鲁木齐、兰州、沈阳。"
    rows = []
    for m in matches:
        p = m.provider
        rows.append([p.name + (f"【{DEMO_LABEL}】" if p.demo else ""), p.kind, p.institution_class,
                     round(m.distance_km, 1) if m.distance_km is not None else "", p.address, p.phone,
                     "、".join(p.services), "是" if p.accepts_disabled else "否" if p.accepts_disabled is False else "",
                     ";".join(m.reasons)])
    fig = Figure(figsize=(6, 4.5), dpi=100)
    ax = fig.add_subplot()
    pts = [(m.provider.lon, m.provider.lat, i + 1) for i, m in enumerate(matches) if m.provider.lat is not None]
    if pts:
        ax.scatter([x for x, _, _ in pts], [y for _, y, _ in pts], c="#c0392b")
        for x, y, n in pts:
            ax.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, 4))
        ax.set_xlabel("longitude")
        ax.set_ylabel("latitude")
        ax.set_title("providers (numbers = rows of the table; no map tiles)")
    note = f"找到 {len(rows)} 家。" + (f"标有【{DEMO_LABEL}】的是演示用虚构机构,请勿拨打或前往;真实名单请向当地民政部门核实。"
                                  if any(m.provider.demo for m in matches) else "")
    return rows, fig, note


def build_ui(advisor: Advisor) -> Any:
    """The gradio Blocks of the page (queue configured; launch with `launch(demo, ...)`)."""
    import gradio as gr

    job = IngestJob(advisor)
    gen_ok = generate.available()  # the generative mode is offered only when it can run

    def session(sess: Session | None) -> Session:
        return sess if sess is not None else Session(advisor.conversation())

    def respond(message: str, history: list[dict] | None, sess: Session | None):
        """Answer one message; yields the growing answer (streaming), then the answer with its sources."""
        sess = session(sess)
        message = (message or "").strip()
        history = list(history or [])
        streamed = False
        try:
            advisor.retriever.maybe_reload()  # a re-ingest (here or by `advisor ingest`) is picked up
            if sess.conv.generative:  # the model's verified sentences appear as it writes them
                streamed = True
                history += [{"role": "user", "content": user_html(message)},
                            {"role": "assistant", "content": answer_html("正在查找政策原文并整理成通俗的话……")}]
                yield "", history, sess, sess.conv.profile.describe()
                for item in generate.run_streaming(lambda cb: sess.conv.ask(message, on_text=cb)):
                    if isinstance(item, Answer):
                        ans = item
                    else:
                        history[-1] = {"role": "assistant", "content": answer_html(item)}
                        yield "", history, sess, sess.conv.profile.describe()
            else:
                ans = sess.conv.ask(message)
        except Exception:
            log.exception("answer failed")  # the message itself is not logged
            ans = Answer(text="抱歉,系统暂时出错了,请稍后再试。", refused=True, kind="error")
        if not streamed:
            history.append({"role": "user", "content": user_html(message)})
            history.append({"role": "assistant", "content": ""})
        sess.last_question, sess.last_answer = message, ans
        sess.turns[len(history) - 1] = (message, ans)
        # the answer is complete already: stream it in a few steps (no artificial delay, which would hold one
        # of the queue's worker slots; measured in bench/results/load-test.md)
        pieces = stream_pieces(ans.text, step=max(18, len(ans.text) // STREAM_STEPS + 1))
        for piece in pieces[:-1] if not streamed else []:  # generated text was streamed as it was written
            history[-1] = {"role": "assistant", "content": answer_html(piece)}
            yield "", history, sess, sess.conv.profile.describe()
        history[-1] = {"role": "assistant", "content": answer_html(ans.text) + generation_note(ans) + render_sources(ans)}
        sess.history = history
        yield "", history, sess, sess.conv.profile.describe()

    def refresh(sess: Session | None):
        """Everything that follows an answer: both chats, profile card, follow-ups, the desk panel."""
        sess = session(sess)
        p = sess.conv.profile
        sugg = follow_ups(sess)
        buttons = [gr.Button(value=sugg[i], visible=True) if i < len(sugg) else gr.Button(visible=False) for i in range(3)]
        return (
            sess.history,
            sess.history,
            p.describe(),
            p.region,
            p.age,
            p.disability or UNKNOWN,
            [k for k in FLAG_KEYS if p.flags.get(k)],
            *buttons,
            render_hits(sess.last_answer),
        )

    def save_profile(region, age, disability, flags, sess: Session | None):
        sess = session(sess)
        new = profile_from_card(advisor, region, age, disability, flags)
        sess.conv.profile.region = new.region
        sess.conv.profile.age = new.age
        sess.conv.profile.disability = new.disability
        sess.conv.profile.flags = dict(new.flags)
        d = sess.conv.profile.describe()
        gr.Info("老人信息已更新,接下来的回答会按新信息查找。")
        return sess, d, d, new.region

    def set_mode(mode: str, sess: Session | None) -> Session:
        sess = session(sess)
        sess.conv.answer_mode = mode if mode in generate.MODES else ""
        return sess

    def reset():
        return None, [], [], NO_PROFILE, NO_PROFILE, "", None, UNKNOWN, [], *[gr.Button(visible=False)] * 3, render_hits(None), ""

    def on_like(sess: Session | None, data: gr.LikeData):
        """Like/dislike: stored (redacted) only when ADVISOR_FEEDBACK_DIR is set; otherwise nothing is kept."""
        folder = os.environ.get(FEEDBACK_ENV, "").strip()
        if not folder or sess is None:
            return
        idx = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        question, ans = sess.turns.get(int(idx), ("", None))
        if ans is None:
            return
        rec = {
            "time": dt.datetime.now().isoformat(timespec="seconds"),
            "liked": data.liked,
            "question": redact(question),
            "answer": ans.text,
            "kind": ans.kind,
            "refused": ans.refused,
            "citations": [{"doc": c.doc, "article": c.article} for c in ans.citations],
        }
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "feedback.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    on_like.__annotations__["data"] = gr.LikeData  # gradio injects the event data by this type

    def export(sess: Session | None):
        sess = session(sess)
        if sess.last_answer is None:
            return "<p>请先提问,再导出。</p>", ""
        now = dt.datetime.now()
        md = summary_markdown(sess.last_question, sess.last_answer, sess.conv.profile, now)
        page = summary_html(sess.last_question, sess.last_answer, sess.conv.profile, now)
        stamp = f"{now:%Y%m%d-%H%M}"
        links = (
            "<p>"
            + data_link(md, "text/markdown", f"养老咨询记录-{stamp}.md", "下载 Markdown")
            + " | "
            + data_link(page, "text/html", f"养老咨询记录-{stamp}.html", "下载可打印 HTML(打开后按 Ctrl+P 打印)")
            + "</p>"
        )
        return links, md

    def docs_view():
        report = load_report(advisor.settings)
        return documents_table(report), report_html(report)

    def reingest():
        started = job.start()
        msg = job.status if started else "已有一次导入正在进行,请稍候。"
        return msg, gr.Timer(active=True)

    def poll():
        table, rep = docs_view()
        return job.status, table, rep, gr.Timer(active=job.running)

    with gr.Blocks(title="养老顾问") as demo:
        sess = gr.State(None)
        gr.Markdown("# 养老顾问\n根据国家和地方养老服务政策原文回答您的问题,每条结论都注明出处。")
        gr.HTML(f"<div class='notice' id='notice'>{NOTICE}</div>")
        with gr.Tabs():
            with gr.Tab("家属咨询", id="family"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=340):
                        chat = gr.Chatbot(
                            label="对话",
                            height=560,
                            sanitize_html=True,
                            elem_id="chat",
                            placeholder="<b>您好!</b>请直接用大白话提问,例如老人在哪里、多大年纪、身体情况。",
                        )
                        with gr.Row():
                            box = gr.Textbox(
                                placeholder="请输入您的问题,例如:我妈82岁,在清远,失能了,能享受什么?",
                                show_label=False,
                                scale=5,
                                lines=1,
                                max_length=PASTE_LIMIT,
                                elem_id="ask-box",
                                min_width=220,
                            )
                            send = gr.Button("发送", variant="primary", scale=1, min_width=80, elem_id="send")
                        with gr.Row(elem_classes="followups"):
                            fu = [gr.Button(visible=False, size="md", elem_classes="followup") for _ in range(3)]
                        gr.Markdown("**可以这样问**(点一下就提问)")
                        with gr.Row(elem_classes="examples"):
                            ex_buttons = [gr.Button(q, size="md", elem_classes="example") for q in EXAMPLES]
                        new = gr.Button("开始新对话", size="md")
                        answer_mode = gr.Radio(  # offered only when the generative extra and its model are here
                            [("原文摘录", "extractive"), ("通俗解释(试验)", "generative")],
                            value=generate.default_mode(), label="回答方式", visible=gen_ok, elem_id="answer-mode",
                            info="通俗解释由本地语言模型根据政策原文改写,每句都与原文核对;核对不通过时显示原文摘录。",
                        )
                    with gr.Column(scale=2, min_width=300):
                        with gr.Group(elem_id="profile-card"):
                            gr.Markdown("### 老人信息\n根据对话自动填写;您也可以直接修改,再点“保存”。")
                            profile_line = gr.Markdown(NO_PROFILE, elem_classes="profile-line", elem_id="profile-line")
                            p_region = gr.Textbox(label="地区", placeholder="例如:清远")
                            p_age = gr.Number(label="年龄", precision=0, minimum=0, maximum=130)
                            p_dis = gr.Dropdown(DISABILITY_CHOICES, value=UNKNOWN, label="失能程度")
                            p_flags = gr.CheckboxGroup(
                                [(FIELD_LABELS[k], k) for k in FLAG_KEYS], label="家庭和经济情况"
                            )
                            p_save = gr.Button("保存老人信息", variant="primary", elem_id="save-profile")
            with gr.Tab("工作人员台", id="desk"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=340):
                        chat_desk = gr.Chatbot(label="对话(与家属咨询同一会话)", height=480, sanitize_html=True)
                        with gr.Row():
                            box_desk = gr.Textbox(placeholder="输入问题", show_label=False, scale=5, lines=1, max_length=PASTE_LIMIT)
                            send_desk = gr.Button("发送", variant="primary", scale=1, min_width=80)
                        desk_profile = gr.Markdown(NO_PROFILE, elem_classes="profile-line")
                        export_btn = gr.Button("导出/打印", variant="secondary", elem_id="export")
                        export_links = gr.HTML("")
                        export_md = gr.Code("", language="markdown", label="摘要(Markdown)", interactive=False)
                    with gr.Column(scale=4, min_width=340):
                        gr.Markdown("### 检索到的全部条款(分数、地区)")
                        hits = gr.HTML(render_hits(None), elem_id="desk-hits")
                with gr.Accordion("资格规则草稿(待审核)", open=False):
                    drafts_view = gr.HTML("", elem_id="rule-drafts")
                    with gr.Row():
                        draft_pick = gr.Dropdown([], label="选择草稿", scale=3)
                        draft_reviewer = gr.Textbox(label="审核人姓名", scale=1, max_length=40)
                        draft_accept = gr.Button("接受", variant="primary", scale=1, min_width=80)
                        draft_reject = gr.Button("拒绝", variant="secondary", scale=1, min_width=80)
                    draft_status = gr.Markdown("")
            with gr.Tab("我能享受什么", id="eligibility"):
                gr.Markdown("### 我能享受什么\n填写老人情况,按收录的政策文件逐条对照;结果可打印。不知道的可以不填。")
                with gr.Row(equal_height=False):
                    with gr.Column(scale=2, min_width=300):
                        e_region = gr.Textbox(label="地区", placeholder="例如:清远")
                        e_age = gr.Number(label="年龄", precision=0, minimum=0, maximum=130)
                        e_dis = gr.Dropdown(DISABILITY_CHOICES, value=UNKNOWN, label="失能程度")
                        e_flags = gr.CheckboxGroup([(FIELD_LABELS[k], k) for k in FLAG_KEYS], label="家庭和经济情况")
                        e_run = gr.Button("对照政策", variant="primary", elem_id="eligibility-run")
                    with gr.Column(scale=3, min_width=340):
                        e_link = gr.HTML("")
                        e_out = gr.Markdown("", elem_id="eligibility-result")
            with gr.Tab("附近机构", id="providers"):
                gr.Markdown(f"### 附近的养老服务机构\n目前的目录是演示数据({DEMO_LABEL});导入真实名单见 corpus/providers/README.md。")
                with gr.Row():
                    v_place = gr.Textbox(label="地区或地点", placeholder="例如:清城区", scale=2)
                    v_radius = gr.Number(label="距离(公里,可不填)", minimum=0, scale=1)
                    v_disabled = gr.Checkbox(label="只看收住失能老人的", scale=1)
                with gr.Row():
                    v_kinds = gr.CheckboxGroup(list(KINDS), label="机构类型")
                    v_services = gr.CheckboxGroup(list(SERVICES), label="服务")
                v_run = gr.Button("查找", variant="primary", elem_id="providers-run")
                v_note = gr.Markdown("")
                v_table = gr.Dataframe(headers=PROVIDER_HEADERS, interactive=False, wrap=True, label="机构(点表头排序)")
                v_map = gr.Plot(label="位置示意(离线绘制)")
            with gr.Tab("已收录文件", id="docs"):
                docs_table = gr.Dataframe(
                    headers=["标题", "类型", "地区", "发布日期", "有效性", "条数", "条款片段", "来源文件"],
                    interactive=False,
                    wrap=True,
                    label="已收录的政策文件",
                )
                gr.Markdown("### 最近一次导入报告")
                docs_report = gr.HTML("")
                with gr.Row():
                    reingest_btn = gr.Button("重新导入文件(后台进行,不影响咨询)", variant="secondary")
                    docs_refresh = gr.Button("刷新")
                ingest_status = gr.Markdown("")
                timer = gr.Timer(2.0, active=False)

        after = [chat, chat_desk, profile_line, p_region, p_age, p_dis, p_flags, *fu, hits]
        # the API event (gradio_client: /ask with message + history; the State is kept per client session)
        ev = box.submit(respond, [box, chat, sess], [box, chat, sess, profile_line], api_name="ask")
        ev.then(refresh, sess, after, api_name=False).then(lambda s: session(s).conv.profile.describe(), sess, desk_profile, api_name=False)
        for trigger in (send.click,):
            trigger(respond, [box, chat, sess], [box, chat, sess, profile_line], api_name=False).then(
                refresh, sess, after, api_name=False
            ).then(lambda s: session(s).conv.profile.describe(), sess, desk_profile, api_name=False)
        for b in [*fu, *ex_buttons]:
            b.click(respond, [b, chat, sess], [box, chat, sess, profile_line], api_name=False).then(
                refresh, sess, after, api_name=False
            ).then(lambda s: session(s).conv.profile.describe(), sess, desk_profile, api_name=False)
        for trigger in (box_desk.submit, send_desk.click):
            trigger(respond, [box_desk, chat_desk, sess], [box_desk, chat_desk, sess, desk_profile], api_name=False).then(
                refresh, sess, after, api_name=False
            )
        p_save.click(
            save_profile, [p_region, p_age, p_dis, p_flags, sess], [sess, profile_line, desk_profile, p_region], api_name=False
        )
        new.click(
            reset,
            None,
            [sess, chat, chat_desk, profile_line, desk_profile, p_region, p_age, p_dis, p_flags, *fu, hits, export_links],
            api_name=False,
        ).then(set_mode, [answer_mode, sess], [sess], api_name=False)
        answer_mode.change(set_mode, [answer_mode, sess], [sess], api_name=False)
        e_run.click(lambda *a: eligibility_checklist(advisor, *a), [e_region, e_age, e_dis, e_flags],
                    [e_out, e_link], api_name="eligibility")
        v_run.click(lambda *a: provider_table(advisor, *a), [v_place, v_kinds, v_services, v_disabled, v_radius],
                    [v_table, v_map, v_note], api_name="providers")
        chat.like(on_like, sess, None, api_name=False)
        chat_desk.like(on_like, sess, None, api_name=False)
        export_btn.click(export, sess, [export_links, export_md], api_name=False)
        demo.load(docs_view, None, [docs_table, docs_report], api_name=False)
        demo.load(lambda: drafts_panel(advisor), None, [drafts_view, draft_pick], api_name=False)
        for button, accept in ((draft_accept, True), (draft_reject, False)):
            button.click(lambda rid, who, a=accept: decide_draft(advisor, rid, a, who), [draft_pick, draft_reviewer],
                         [draft_status, drafts_view, draft_pick], api_name=False, concurrency_limit=1)
        docs_refresh.click(docs_view, None, [docs_table, docs_report], api_name=False)
        reingest_btn.click(reingest, None, [ingest_status, timer], api_name=False, concurrency_limit=1)
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
    from advisor.cli import ensure_index

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # air-gapped offices: no phoning home
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    ensure_index(settings, progress=True)
    advisor = Advisor(settings)
    demo = build_ui(advisor)
    port = int(os.environ.get("ADVISOR_PORT", port))
    host = os.environ.get("ADVISOR_HOST", host)
    launch(demo, server_name=host, server_port=port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
