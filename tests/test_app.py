"""The web page: pure rendering helpers (fast), and the launched app driven by gradio_client on a free loopback
port over the real seed index (slow): a cited answer, a refusal, a multi-turn conversation whose profile carries
over, separate sessions for separate clients, escaping of what users type, documents tab and re-ingest."""

from __future__ import annotations

import json
import os
import re
import socket

import pytest

from advisor.app import NO_PROFILE, admin_allowed, follow_ups, profile_from_card, redact, report_html
from advisor.profile import Profile
from advisor.schema import Answer, Chunk, Citation, Hit
from advisor.webview import Exchange, render_hits, render_sources, transcript_html, transcript_markdown

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def evil_answer() -> Answer:
    """An answer whose document text carries markup (as a scraped page might)."""
    cit = Citation(
        n=1,
        doc="x<b>.txt",
        title="<script>alert(1)</script>办法",
        region="全国",
        article="第一条",
        date="2025-01-01",
        validity="未注明有效期",
        text="老年人<img src=x onerror=alert(1)>可以申请补贴。",
        context="第一条 老年人<img src=x onerror=alert(1)>可以申请补贴。其他内容。",
    )
    chunk = Chunk("c1", "x", "x<b>.txt", cit.context, title=cit.title, region="全国", article="第一条")
    return Answer(text="结论:可以申请。[1]", refused=False, citations=[cit], retrieved=[Hit(chunk, 0.5, {"bm25": 1})])


def test_sources_are_escaped_and_highlighted():
    out = render_sources(evil_answer())
    assert "<details class='src'>" in out
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "<mark>老年人&lt;img src=x onerror=alert(1)&gt;可以申请补贴。</mark>" in out
    hits = render_hits(evil_answer())
    assert "<script>" not in hits and "<img" not in hits and "★" in hits


def test_export_holds_every_exchange():
    ans, p = evil_answer(), Profile(region="广东省清远市", age=82)
    turns = [Exchange("<b>问</b>", ans), Exchange("第二个问题", ans), Exchange("第三个问题", Answer("没有找到。", True))]
    md = transcript_markdown(turns, p)
    assert "## 问题1" in md and "## 问题3" in md and "第二个问题" in md and "第三个问题" in md
    assert "### 引用来源" in md and "广东省清远市" in md and "民政" in md and "共3个问题" in md
    page = transcript_html(turns, p)
    assert page.startswith("<!doctype html>") and "<b>问</b>" not in page and "&lt;b&gt;问" in page
    assert "<img" not in page and "@page" in page and "第三个问题" in page


def test_report_in_words_and_admin_token(monkeypatch):
    report = {"documents": [{"source": "a.txt", "title": "甲办法"}], "chunks": 3,
              "duplicates_merged": [{"source": "b.txt", "into": ["a.txt"], "paragraphs": 10, "whole": True}],
              "warnings": [{"source": "a.txt", "reason_zh": "养老相关词汇较少"}]}
    out = report_html(report)
    assert "{'" not in out and "[" not in out and "《甲办法》" in out and "已合并" in out
    monkeypatch.delenv("ADVISOR_ADMIN_TOKEN", raising=False)
    assert not admin_allowed("") and not admin_allowed("x")  # no token set: re-ingest is off for everyone
    monkeypatch.setenv("ADVISOR_ADMIN_TOKEN", "s3cret")
    assert admin_allowed("s3cret") and not admin_allowed("S3cret") and not admin_allowed("")


def test_redact_ids_and_phones():
    text = "我妈身份证110105194912310021,电话13812345678,座机020-12345678,82岁"
    out = redact(text)
    assert "110105194912310021" not in out and "13812345678" not in out and "12345678" not in out
    assert "82岁" in out and "身份证号已删除" in out and "电话已删除" in out
    assert redact("11010519491231002X") == "[身份证号已删除]"


@pytest.mark.slow
def test_profile_card_and_follow_ups(advisor_obj):
    from advisor.app import Session

    p = profile_from_card(advisor_obj, "清远", 82, "重度失能", ["dibao", "alone", "bogus"])
    assert p.region == "广东省清远市" and p.age == 82 and p.disability == "重度失能"
    assert p.flags == {"dibao": True, "alone": True}
    assert profile_from_card(advisor_obj, "", "", "不清楚", None) == Profile()
    sess = Session(advisor_obj.conversation())
    q = "国家对养老机构是怎么分类的?"
    sess.exchanges.append(Exchange(q, sess.conv.ask(q)))
    assert follow_ups(sess)[:2] == ["老人已失能", "家里是低保户"]  # never a city's name, wherever the family is
    sess.conv.profile.disability = "重度失能"
    assert "老人已失能" not in follow_ups(sess)


# ---------------------------------------------------------------- the launched app


@pytest.fixture(scope="module")
def app_url(advisor_obj):
    from advisor.app import build_ui, launch

    demo = build_ui(advisor_obj)
    port = free_port()
    launch(demo, server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/", demo
    demo.close()


def client(url: str):
    from gradio_client import Client

    return Client(url, verbose=False)


def last_text(history: list) -> str:
    """Text of the last message in a chat history returned by gradio_client."""
    content = history[-1]["content"]
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


@pytest.mark.slow
def test_api_is_named_ask(app_url):
    api = client(app_url[0]).view_api(print_info=False, return_format="dict")
    assert "/ask" in api["named_endpoints"]


@pytest.mark.slow
def test_ask_gives_cited_answer(app_url):
    box, history, profile = client(app_url[0]).predict(
        "我妈82岁了,在清远,瘫痪在床,能享受什么服务?", [], api_name="/ask"
    )
    assert box == ""
    text = last_text(history)
    assert "引用来源" in text and "<details class='src'>" in text and "<mark>" in text
    assert "清远市推进基本养老服务体系建设实施方案" in text and "[1]" in text
    assert "广东省清远市" in profile and "82" in profile and "重度失能" in profile


@pytest.mark.slow
def test_refusal(app_url):
    _, history, profile = client(app_url[0]).predict("明天天气怎么样?", [], api_name="/ask")
    text = last_text(history)
    assert "没有找到" in text and "引用来源" not in text and "民政" in text
    assert profile == NO_PROFILE


@pytest.mark.slow
def test_multi_turn_profile_carries_over(app_url):
    c = client(app_url[0])
    _, history, profile = c.predict("我妈82岁了,在清远,瘫痪在床", [], api_name="/ask")
    assert "广东省清远市" in profile
    _, history, profile = c.predict("有什么补贴?", history, api_name="/ask")
    assert "广东省清远市" in profile and "82岁" in profile  # carried over from the first turn
    text = last_text(history)
    assert "补贴" in text and "引用来源" in text and "地区:广东省清远市" in text
    assert len(history) == 4


@pytest.mark.slow
def test_clients_do_not_share_profiles(app_url):
    a, b = client(app_url[0]), client(app_url[0])
    _, _, pa = a.predict("我在清远,老人独居,是低保户", [], api_name="/ask")
    _, _, pb = b.predict("有什么补贴?", [], api_name="/ask")
    assert "广东省清远市" in pa and "低保" in pa
    assert pb == NO_PROFILE or ("清远" not in pb and "低保" not in pb)
    _, _, pa2 = a.predict("有什么补贴?", [], api_name="/ask")
    assert "广东省清远市" in pa2  # a's own session still holds a's profile


@pytest.mark.slow
def test_user_markup_is_escaped(app_url):
    _, history, _ = client(app_url[0]).predict(
        "<script>alert(1)</script><img src=x onerror=alert(2)>养老补贴", [], api_name="/ask"
    )
    user = history[-2]["content"]
    user = "".join(p.get("text", "") for p in user) if isinstance(user, list) else user
    assert "<script>" not in user and "<img" not in user and "&lt;script&gt;" in user


@pytest.mark.slow
def test_documents_tab_and_reingest(app_url, advisor_obj):
    from advisor.app import documents_table, load_report

    report = load_report(advisor_obj.settings)
    rows = documents_table(report)
    assert len(rows) >= 4 and any("清远" in r[0] for r in rows)
    # title, 文号, region, kind, date, validity, 条数
    assert any(r[5].startswith("现行有效") for r in rows) and all(re.fullmatch(r"\d+[条段]", r[6]) for r in rows)
    assert any("清府办" in r[1] for r in rows)
    from advisor.ingest.metadata import KINDS

    assert all(r[3] in KINDS for r in rows)  # the kind of each document is shown
    job = app_url[1].ingest_job
    before = advisor_obj.retriever.version
    assert job.start()
    c = client(app_url[0])  # chats keep working while the build runs
    _, history, _ = c.predict("国家对养老机构是怎么分类的?", [], api_name="/ask")
    assert "引用来源" in last_text(history)
    job.thread.join(timeout=300)
    assert "完成" in job.status, job.status
    assert advisor_obj.retriever.version != before
    _, history, _ = c.predict("国家对养老机构是怎么分类的?", [], api_name="/ask")
    assert "引用来源" in last_text(history)


@pytest.mark.slow
def test_feedback_only_when_enabled(app_url, tmp_path, monkeypatch):
    """Nothing is written without ADVISOR_FEEDBACK_DIR; with it, ID and phone numbers are redacted."""
    from advisor.app import Session, build_ui  # noqa: F401  (the handler is exercised through the page)

    demo = app_url[1]
    like_fn = next(
        fn.fn for fn in demo.fns.values() if getattr(fn.fn, "__name__", "") == "on_like"
    )
    import gradio as gr

    sess = Session(None)  # type: ignore[arg-type]
    answer = evil_answer()
    answer.text += "\n(您说的电话13812345678已记下)"  # an answer that repeats a number the user typed
    sess.exchanges.append(Exchange("身份证110105194912310021 电话13812345678 有什么补贴?", answer))
    data = gr.EventData(None, {"turn": 1, "liked": True})
    monkeypatch.delenv("ADVISOR_FEEDBACK_DIR", raising=False)
    like_fn(sess, data)
    assert not any(tmp_path.iterdir())
    monkeypatch.setenv("ADVISOR_FEEDBACK_DIR", str(tmp_path / "fb"))
    like_fn(sess, data)
    rec = json.loads((tmp_path / "fb" / "feedback.jsonl").read_text("utf-8").strip())
    assert rec["liked"] is True and "110105194912310021" not in rec["question"]
    assert "13812345678" not in rec["question"] and "有什么补贴" in rec["question"]
    assert "13812345678" not in rec["answer"] and "电话已删除" in rec["answer"]  # the answer is stored redacted too


@pytest.mark.slow
def test_eligibility_form_and_provider_tab(advisor_obj):
    """The 我能享受什么 form runs the rules engine; the provider tab searches the directory (demo labelled)."""
    from advisor.app import eligibility_checklist, provider_cards, provider_map, provider_search

    body, link = eligibility_checklist(advisor_obj, "清远", 82, "重度失能", ["dibao"])
    assert "公办养老机构优先入住" in body and "可能符合" in body and "data:text/html" in link
    assert not re.search(r"\d+(\.\d+)?\s*元", body)
    matches, note = provider_search(advisor_obj, "清城区", [], [], True, 20)
    assert matches and all(m.provider.demo for m in matches) and "虚构" in note
    assert all(m.provider.accepts_disabled for m in matches)  # only providers that take 失能 elders
    dists = [round(m.distance_km, 1) for m in matches]  # nearest first; within 100 m, the better fit first
    assert dists == sorted(dists) and all(d <= 20 for d in dists)
    cards = provider_cards(matches)
    assert cards.count("class='pcard'") == len(matches) and "示例数据" in cards and "公里" in cards
    assert "tel:" not in cards  # a demo phone number is not offered as a link to call
    assert provider_map(matches) is not None
    matches, note = provider_search(advisor_obj, "火星", [], [], False, None)
    assert matches == [] and "没有找到" in note


def test_sources_name_the_documents_number_not_its_file():
    from dataclasses import replace

    ans = evil_answer()
    ans.citations = [replace(ans.citations[0], doc="003_e158a52334c50710.txt", doc_number="清府办〔2024〕34号")]
    out = render_sources(ans)
    assert "清府办〔2024〕34号" in out and "003_e158a52334c50710" not in out  # what a family can look up
    assert "清府办〔2024〕34号" in transcript_markdown([Exchange("问", ans)], Profile())  # and in the record
    assert "003_e158a52334c50710" in render_sources(ans, staff=True)  # the file name: staff only


@pytest.mark.slow
def test_generative_stream_grows_then_settles(app_url, advisor_obj, monkeypatch):
    """The page's path for the generative mode, with a fake stream standing in for the model (named so): the
    conversation shows the placeholder, then the growing text, then the final answer with its tools."""
    from advisor.answer import generate
    from advisor.app import Session

    respond = next(fn.fn for fn in app_url[1].fns.values() if getattr(fn.fn, "__name__", "") == "respond")
    final = Answer(text="结论:可以申请。[1]", refused=False, citations=evil_answer().citations)

    def fake_stream(_ask):  # stands in for generate.run_streaming: two pieces of text, then the answer
        yield "结论:"
        yield "结论:可以"
        yield final

    monkeypatch.setattr(generate, "run_streaming", fake_stream)
    sess = Session(advisor_obj.conversation())
    sess.conv.answer_mode = "generative"
    frames = [out[1] for out in respond("能申请吗?", sess)]
    assert "正在查找" in frames[0] and "turn pending" in frames[0]
    assert any("结论:可以" in f and "turn pending" in f for f in frames[1:-1])
    assert "可以申请" in frames[-1] and "turn pending" not in frames[-1] and "data-act='copy'" in frames[-1]
    assert len(sess.exchanges) == 1 and sess.exchanges[0].answer is final
