"""The 文件 tab: the documents in the index as a table (cards on a phone), the last ingest report in plain
words, and re-ingest in the background behind the staff token (ADVISOR_ADMIN_TOKEN; off when it is not set)."""

from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
import threading
from dataclasses import dataclass
from typing import Any

from advisor.answer import templates as T
from advisor.chat import Advisor
from advisor.settings import Settings, env, is_set
from advisor.webview import esc

log = logging.getLogger(__package__)  # "advisor.app", the name the page's log lines always had
ADMIN_SETTING = "ADMIN_TOKEN"  # re-ingest from the page only with this token; off when it is not set


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


D, R, S = T.DOCS_TAB, T.INGEST_REPORT, T.INGEST_STATUS  # the tab's labels, the report's, re-ingest's
DOC_HEADERS = list(D["headers"])


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
            d.get("region", "") or D["unrecognised"],
            d.get("kind", "") or D["unrecognised"],
            d.get("publish_date", "") or d.get("amended_date", "") or d.get("adopted_date", "") or D["undated"],
            validity(d),
            D["articles"].format(n=articles) if articles else D["passages"].format(n=d.get("chunks", 0)),
        ])
    return rows


def documents_html(rows: list[list[Any]]) -> str:
    """The documents as a table (cards on a phone), escaped."""
    if not rows:
        return f"<p>{D['not_indexed']}</p>"
    head = "".join(f"<th>{h}</th>" for h in DOC_HEADERS)
    body = "".join("<tr>" + "".join(f"<td data-label='{h}'>{esc(v)}</td>" for h, v in zip(DOC_HEADERS, r, strict=True)) + "</tr>"
                   for r in rows)
    return f"<table class='docs'><tr>{head}</tr>{body}</table>"


def report_html(report: dict[str, Any]) -> str:
    """The last ingest report in plain words (escaped)."""
    if not report:
        return f"<p>{D['not_indexed']}</p>"
    titles = {d.get("source", ""): d.get("title", "") for d in report.get("documents", [])}

    def name(source: str) -> str:
        return R["title"].format(title=titles[source]) if titles.get(source) else source

    parts = [
        "<p>" + R["built"].format(built_at=esc(report.get("built_at", "?")), found=esc(report.get("files_found", 0)),
                                  ingested=esc(report.get("files_ingested", 0)),
                                  documents=len(report.get("documents", [])), chunks=esc(report.get("chunks", 0)),
                                  seconds=esc(report.get("seconds_total", "?"))) + "</p>"
    ]
    skipped = report.get("skipped", [])
    if skipped:
        parts.append(f"<p>{R['skipped']}</p><ul>")
        parts += [f"<li>{esc(s.get('source', s.get('path', '')))}:{esc(s.get('reason_zh') or s.get('reason', ''))}</li>"
                  for s in skipped]
        parts.append("</ul>")
    dropped = report.get("dropped", [])
    if dropped:
        parts.append(f"<p>{R['dropped']}</p><ul>")
        parts += [f"<li>{esc(name(d.get('source', '')))}:{esc(d.get('title', ''))} — {esc(d.get('reason_zh', ''))}</li>"
                  for d in dropped]
        parts.append("</ul>")
    merged = report.get("duplicates_merged") or []
    if isinstance(merged, list) and merged:
        parts.append(f"<p>{R['merged']}</p><ul>")
        for m in merged:
            into = R["merged_sep"].join(name(x) for x in m.get("into", []))
            what = R["merged_whole"] if m.get("whole") else R["merged_paragraphs"].format(n=m.get("paragraphs", 0))
            item = R["merged_item"].format(source=esc(m.get("source", "")), what=what, into=esc(into))
            parts.append(f"<li>{item}</li>")
        parts.append("</ul>")
    warnings = report.get("warnings") or []
    if warnings:
        parts.append(f"<p>{R['warnings']}</p><ul>")
        parts += [f"<li>{esc(name(w.get('source', '')))}:{esc(w.get('reason_zh') or w.get('reason', ''))}</li>"
                  for w in warnings]
        parts.append("</ul>")
    chrome = report.get("chrome_lines_removed")
    if isinstance(chrome, dict) and any(chrome.values()):
        total = sum(v for v in chrome.values() if isinstance(v, int))
        parts.append(f"<p>{R['chrome'].format(total=total)}</p>")
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
            self.status = S["started"].format(time=dt.datetime.now())
            self.thread = threading.Thread(target=self._run, name="reingest", daemon=True)
            self.thread.start()
            return True

    def _run(self) -> None:
        from advisor.index.store import build

        try:
            stats, _ = build(self.advisor.settings, progress=False)
            self.advisor.retriever.maybe_reload()
            self.status = S["done"].format(chunks=stats.chunks, embedded=stats.embedded, reused=stats.reused,
                                           seconds=stats.seconds_total)
        except Exception as e:
            log.exception("re-ingest failed")
            self.status = S["failed"].format(error=e)



@dataclass
class DocumentsTab:
    """The tab's components and its re-ingest job."""

    table: Any
    report: Any
    refresh: Any
    token: Any
    reingest: Any
    status: Any
    timer: Any
    job: IngestJob


def build(advisor: Advisor) -> DocumentsTab:
    """The tab's components, inside its gr.Tab (the re-ingest controls shown only when a staff token is set)."""
    import gradio as gr

    docs_table = gr.HTML("", elem_id="documents")
    with gr.Accordion(D["report_fold"], open=False):
        docs_report = gr.HTML("")
        docs_refresh = gr.Button(D["refresh"], size="md")
    with gr.Group(visible=is_set(ADMIN_SETTING)):  # re-ingest: staff only, off without a token
        admin_token = gr.Textbox(label=D["token"], type="password", max_length=200)
        reingest_btn = gr.Button(D["reingest"], variant="secondary")
    ingest_status = gr.Markdown("")
    timer = gr.Timer(2.0, active=False)
    return DocumentsTab(table=docs_table, report=docs_report, refresh=docs_refresh, token=admin_token,
                        reingest=reingest_btn, status=ingest_status, timer=timer, job=IngestJob(advisor))


def wire(advisor: Advisor, demo: Any, tab: DocumentsTab) -> None:
    """The tab's events: the table and report at load and on 刷新, re-ingest with the staff token, and a timer
    that follows the build until it is done."""
    import gradio as gr

    job = tab.job

    def docs_view():
        report = load_report(advisor.settings)
        return documents_html(documents_table(report)), report_html(report)

    def reingest(token: str):
        if not admin_allowed(token):
            return D["wrong_token"], gr.Timer(active=False)
        started = job.start()
        return (job.status if started else D["busy"]), gr.Timer(active=True)

    def poll():
        table, rep = docs_view()
        return job.status, table, rep, gr.Timer(active=job.running)

    demo.load(docs_view, None, [tab.table, tab.report], api_name=False)
    tab.refresh.click(docs_view, None, [tab.table, tab.report], api_name=False)
    tab.reingest.click(reingest, tab.token, [tab.status, tab.timer], api_name=False, concurrency_limit=1)
    tab.timer.tick(poll, None, [tab.status, tab.table, tab.report, tab.timer], api_name=False)
