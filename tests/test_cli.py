"""The `advisor` command end to end on the seed index (real Chroma, built with the fake embedder: these test
the command's plumbing; what retrieval finds with the real model is tested on `seed_index` elsewhere)."""

from __future__ import annotations

import json

import pytest

from advisor.cli import main

pytestmark = pytest.mark.slow


def _env(monkeypatch, settings):
    monkeypatch.setenv("ADVISOR_CORPUS", str(settings.corpus_dir))
    monkeypatch.setenv("ADVISOR_INDEX", str(settings.index_dir))
    monkeypatch.setenv("ADVISOR_EMBEDDER", settings.embedder)  # the one that built the index


def test_ask_prints_answer_citations_and_profile(fake_seed_index, monkeypatch, capsys):
    _env(monkeypatch, fake_seed_index)
    assert main(["ask", "我妈82岁,在清远,公办养老院能优先入住吗?"]) == 0
    out = capsys.readouterr().out
    assert "引用来源" in out and "[1]" in out and "清远" in out
    assert "年龄:82岁" in out


def test_stats_lists_documents(fake_seed_index, monkeypatch, capsys):
    _env(monkeypatch, fake_seed_index)
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "清府办〔2024〕34号" in out and "排除" in out and "合并重复" in out


def test_eval_writes_contract_records_and_report(fake_seed_index, monkeypatch, capsys, tmp_path):
    _env(monkeypatch, fake_seed_index)
    items = [
        {"id": "a", "turns": ["清远的实施方案什么时候开始施行?"], "answerable": True, "category": "date_validity",
         "evidence": [{"doc": "003_e158a52334c50710.txt", "quote": "本实施方案自2025年2月1日起施行,有效期5年"}],
         "answer_points": [["2025年2月1日"]], "must_not": ["10年"], "persona": "staff", "region": "清远",
         "extra_field_from_someone_else": 1},
        {"id": "b", "turns": ["国家对养老机构怎么分类?", "那新疆呢?"], "answerable": True, "category": "multi_turn",
         "evidence": [{"doc": "002_353b7a8758948278.txt", "quote": "优化形成兜底保障型、普惠支持型、完全市场型"}],
         "answer_points": [["兜底保障型"]], "must_not": [], "persona": "family", "region": None},
        {"id": "c", "turns": ["今天股市怎么样?"], "answerable": False, "category": "out_of_scope", "evidence": [],
         "answer_points": [], "must_not": [], "persona": "family", "region": None},
    ]
    set_path = tmp_path / "set.jsonl"
    set_path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in items), encoding="utf-8")
    out_path, report = tmp_path / "out.jsonl", tmp_path / "report"
    assert main(["eval", str(set_path), "--out", str(out_path), "--report", str(report), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "hit@5" in printed and "refusal" in printed
    rows = [json.loads(x) for x in out_path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    for r in rows:
        assert {"id", "answer", "refused", "citations", "retrieved", "latency_ms"} <= set(r)
        assert r["refused"] or len(r["retrieved"]) >= 10
    assert rows[2]["refused"] and not rows[0]["refused"]
    assert "2025年2月1日" in rows[0]["answer"]
    assert (report / "report.html").exists() and list(report.glob("*.png"))


def test_chat_repl_keeps_history_and_profile(fake_seed_index, monkeypatch, capsys):
    _env(monkeypatch, fake_seed_index)
    lines = iter(["我妈85岁,住在清远", "公办养老院优先保障哪些老人入住?", "/资料 低保", "/新对话", "/资料", "/退出"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert "地区:广东省清远市;年龄:85岁" in out  # profile shown after the answers
    assert "老人信息:地区:广东省清远市;年龄:85岁;低保" in out  # /资料 低保 added to the profile
    assert "已开始新对话" in out
    assert out.rstrip().endswith("(尚未提供老人信息)")  # the new conversation starts with an empty profile


def test_ask_and_eval_on_the_real_model(seed_index, monkeypatch, capsys, tmp_path):
    """The same commands on an index built with the real embedder (the fake stands in above only for speed)."""
    _env(monkeypatch, seed_index)
    assert main(["ask", "我妈82岁,在清远,公办养老院能优先入住吗?"]) == 0
    out = capsys.readouterr().out
    assert "引用来源" in out and "[1]" in out and "清远" in out
    item = {"id": "r1", "turns": ["清远的实施方案什么时候开始施行?"], "answerable": True, "category": "date_validity",
            "evidence": [{"doc": "003_e158a52334c50710.txt", "quote": "本实施方案自2025年2月1日起施行,有效期5年"}],
            "answer_points": [["2025年2月1日"]], "must_not": [], "persona": "staff", "region": "清远"}
    qs = tmp_path / "q.jsonl"
    qs.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(qs), "--out", str(tmp_path / "out.jsonl")]) == 0
    [record] = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "r1" and record["citations"] and not record["refused"] and "2025年2月1日" in record["answer"]
