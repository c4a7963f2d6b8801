"""Unit tests of the evaluation harness: pure metric functions on hand-made records, no model."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import ClassVar

import pytest

from advisor.evaluate import (
    RECORD_KEYS,
    SetFormatError,
    aggregate,
    compare_table,
    find_cjk_font,
    format_metrics,
    load_set,
    normalize,
    overlaps,
    percentile,
    quote_found,
    run_set,
    score_item,
    write_report,
)
from advisor.evaluate.plots import _ascii_labels
from advisor.schema import Answer, Chunk, Citation, Hit

# A 43-character evidence quote; tests cut it into pieces to control overlaps exactly.
QUOTE = "对经济困难的高龄失能老年人按月发放护理补贴每人每月二百元由县级民政部门负责审核发放工作"
assert len(QUOTE) == 43


def item(id_: str = "q1", **kw) -> dict:
    base = {"id": id_, "turns": ["问题"], "category": "subsidy", "persona": "family", "region": None,
            "answerable": True, "evidence": [{"doc": "001.txt", "quote": QUOTE}], "answer_points": [],
            "must_not": [], "note": ""}
    base.update(kw)
    return base


def result(id_: str = "q1", texts: list[str] | None = None, **kw) -> dict:
    base = {"id": id_, "answer": "", "refused": False, "citations": [],
            "retrieved": [{"doc": "x.txt", "text": t, "score": 1.0} for t in (texts or [])],
            "latency_ms": 100.0}
    base.update(kw)
    return base


# ------------------------------------------------------------------ matching


def test_normalize_deletes_all_whitespace() -> None:
    assert normalize(" 养老 \n服务\t补贴\u3000标准 ") == "养老服务补贴标准"
    assert normalize(None) == ""


def test_quote_whole_substring_with_whitespace_differences() -> None:
    spaced = "前文。" + " ".join(QUOTE[:10]) + "\n" + QUOTE[10:] + "。后文"
    assert quote_found(QUOTE, spaced)


def test_quote_split_across_two_chunks_counts_via_20_char_run() -> None:
    first, second = "前一条款内容" + QUOTE[:22], QUOTE[22:] + "后一条款内容"
    assert len(QUOTE[:22]) == 22 and len(QUOTE[22:]) == 21
    assert quote_found(QUOTE, first) and quote_found(QUOTE, second)
    sc = score_item(item(), result(texts=["无关内容甲乙丙", first, second]))
    assert sc["hit@1"] is False and sc["hit@3"] is True and sc["first_hit_rank"] == 2


def test_quote_19_char_overlap_does_not_count() -> None:
    assert not quote_found(QUOTE, "无关开头" + QUOTE[:19] + "无关结尾")
    assert quote_found(QUOTE, "无关开头" + QUOTE[:20] + "无关结尾")
    sc = score_item(item(), result(texts=["无关开头" + QUOTE[-19:]]))
    assert sc["hit@10"] is False and sc["rr@10"] == 0.0 and sc["evidence_recall"] == 0.0


def test_short_quote_must_be_whole_substring() -> None:
    assert quote_found("每月二百元", "每人 每月二百 元")
    assert not quote_found("每月二百元整", "每人每月二百元")
    assert not quote_found("", "任何文本")


def test_mrr_first_hit_at_rank_3_and_recall_at_k() -> None:
    other = "居家养老服务中心运营补助资金按照服务人次给予奖励具体标准另行制定并公布实施细则"
    texts = ["无关一", "无关二", QUOTE, "无关四", "无关五", other]
    it = item(evidence=[{"doc": "a", "quote": QUOTE}, {"doc": "b", "quote": other}])
    sc = score_item(it, result(texts=texts), k=5)
    assert sc["rr@10"] == pytest.approx(1 / 3)
    assert (sc["hit@1"], sc["hit@3"], sc["hit@5"], sc["hit@10"]) == (False, True, True, True)
    assert sc["evidence_recall"] == pytest.approx(0.5)  # second quote only at rank 6
    assert score_item(it, result(texts=texts), k=10)["evidence_recall"] == pytest.approx(1.0)
    m = aggregate([it, item("q2")], [result(texts=texts), result("q2", texts=[QUOTE])])
    assert m["mrr@10"] == pytest.approx((1 / 3 + 1) / 2)
    assert m["hit@5"] == 1.0 and m["evidence_recall@5"] == pytest.approx(0.75)


def test_items_without_evidence_or_unanswerable_skip_retrieval_metrics() -> None:
    items = [item("a", evidence=[]), item("b", answerable=False), item("c")]
    results = [result("a"), result("b", refused=True), result("c", texts=["无关"])]
    m = aggregate(items, results)
    assert m["n_retrieval"] == 1 and m["hit@5"] == 0.0 and m["mrr@10"] == 0.0
    assert score_item(items[0], results[0])["hit@5"] is None
    m_none = aggregate([item("a", evidence=[])], [result("a")])
    assert m_none["hit@5"] is None and m_none["mrr@10"] is None


def test_answer_point_coverage_with_alternatives() -> None:
    it = item(answer_points=[["二百元", "200元"], ["民政部门", "民政局"], ["80周岁"]], evidence=[])
    sc = score_item(it, result(answer="每人每月 200 元，由县级民 政局审核。"))
    assert sc["coverage"] == pytest.approx(2 / 3)
    assert sc["points_missing"] == [["80周岁"]]
    assert any("80周岁" in r for r in sc["reasons"]) and sc["failed"]
    # Mean over items that have answer points only.
    m = aggregate([it, item("n", answer_points=[], evidence=[])],
                  [result(answer="每人每月 200 元，由县级民 政局审核。"), result("n")])
    assert m["answer_point_coverage"] == pytest.approx(2 / 3) and m["n_with_points"] == 1


def test_refusal_accuracy() -> None:
    items = [item("a", answerable=True), item("b", answerable=False, evidence=[]),
             item("c", answerable=False, evidence=[]), item("d", answerable=True)]
    results = [result("a", refused=False, texts=[QUOTE]), result("b", refused=True),
               result("c", refused=False), result("d", refused=True, texts=[QUOTE])]
    m = aggregate(items, results)
    assert m["refusal_accuracy"] == pytest.approx(0.5)
    assert [score_item(i, r)["refusal_correct"] for i, r in zip(items, results, strict=True)] == [
        True, True, False, False]


def test_must_not_is_whitespace_insensitive() -> None:
    it = item(must_not=["无需审核", "全额报销"], evidence=[])
    sc = score_item(it, result(answer="该补贴无 需\n审核，直接发放。"))
    assert sc["must_not_violated"] == ["无需审核"]
    m = aggregate([it, item("ok", must_not=["无需审核"], evidence=[])],
                  [result(answer="该补贴无 需\n审核"), result("ok", answer="需要审核")])
    assert m["must_not_violations"] == 1


def test_citation_precision_over_answerable_items() -> None:
    good = {"doc": "001.txt", "title": "t", "region": "", "text": "……" + QUOTE[5:30] + "……"}
    bad = {"doc": "002.txt", "title": "t", "region": "", "text": "完全无关的另一条款内容说明"}
    near = {"doc": "003.txt", "title": "t", "region": "", "text": "开头" + QUOTE[:19] + "结尾"}
    items = [item("a"), item("b"), item("u", answerable=False)]
    results = [result("a", texts=[QUOTE], citations=[good, bad]),
               result("b", texts=[QUOTE], citations=[near]),
               result("u", refused=True, citations=[bad, bad])]  # unanswerable: not counted
    sc = score_item(items[0], results[0])
    assert (sc["n_cited"], sc["n_cited_overlapping"]) == (2, 1)
    m = aggregate(items, results)
    assert m["n_citations"] == 3 and m["citation_precision"] == pytest.approx(1 / 3)
    # the 结论's citation alone: a's first is right, b's only one is wrong
    assert sc["first_citation_correct"] is True
    assert m["first_citation_precision"] == pytest.approx(1 / 2)
    # A short citation entirely inside the quote overlaps; a short unrelated one does not.
    assert overlaps(QUOTE, "每人每月二百元") and not overlaps(QUOTE, "每人每月三百元")


def test_latency_percentiles_linear_interpolation() -> None:
    assert percentile([100, 200, 300, 400], 50) == pytest.approx(250)
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert percentile([], 50) is None
    items = [item(f"q{i}", evidence=[]) for i in range(5)]
    results = [result(f"q{i}", latency_ms=float(v)) for i, v in enumerate([10, 20, 30, 40, 1000])]
    results[4]["error"] = "RuntimeError: boom"  # errored items are left out of latency
    m = aggregate(items, results)
    assert m["latency_p50_ms"] == pytest.approx(25) and m["latency_p95_ms"] == pytest.approx(38.5)
    assert m["errors"] == 1


def test_breakdowns_by_category_and_region() -> None:
    items = [item("a", category="subsidy", region="广东省清远市"), item("b", category="eligibility"),
             item("c", category="subsidy", region="")]
    results = [result("a", texts=[QUOTE]), result("b", texts=[]), result("c", texts=[QUOTE])]
    m = aggregate(items, results)
    assert set(m["by_category"]) == {"subsidy", "eligibility"}
    assert m["by_category"]["subsidy"]["hit@5"] == 1.0 and m["by_category"]["eligibility"]["hit@5"] == 0.0
    assert set(m["by_region"]) == {"广东省清远市", "未指定"}
    assert m["by_region"]["未指定"]["n"] == 2
    table = format_metrics(m)
    assert "hit@5" in table and "广东省清远市" in table and "subsidy" in table


def test_aggregate_matches_results_by_id_and_reports_missing() -> None:
    items = [item("a"), item("b")]
    m = aggregate(items, [result("b", texts=[]), result("a", texts=[QUOTE])])
    assert m["hit@5"] == 0.5
    with pytest.raises(ValueError, match="no result record"):
        aggregate(items, [result("a")])


def test_compare_table_markdown() -> None:
    m1 = aggregate([item()], [result(texts=[QUOTE])])
    m2 = aggregate([item()], [result(texts=[])])
    table = compare_table({"hybrid": m1, "bm25 | only": m2})
    lines = table.splitlines()
    assert len(lines) == 4 and lines[0].startswith("| configuration")
    for col in ("hit@5", "mrr@10", "p50", "p95"):
        assert col in lines[0]
    assert lines[2].startswith("| hybrid | 1.000 | 1.000 |") and "bm25 \\| only" in lines[3]


# ------------------------------------------------------------------ loading


def test_load_set_defaults_and_ignores_unknown_fields(tmp_path: Path) -> None:
    p = tmp_path / "set.jsonl"
    rows = [
        {"id": "a", "turns": ["我母亲80岁，能领高龄津贴吗？"], "answerable": True, "extra": {"x": 1},
         "evidence": [{"doc": "001.txt", "quote": QUOTE, "page": 3}], "answer_points": [["是", "可以"]]},
        {"id": "b", "turns": ["你好"], "answerable": False, "category": "out_of_scope", "region": "广东省"},
    ]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    items = load_set(p)
    assert [i["id"] for i in items] == ["a", "b"]
    assert "extra" not in items[0] and items[0]["evidence"] == [{"doc": "001.txt", "quote": QUOTE}]
    assert items[0]["region"] is None and items[0]["must_not"] == [] and items[0]["category"] == ""
    assert items[1]["evidence"] == [] and items[1]["answer_points"] == [] and items[1]["region"] == "广东省"


def test_load_set_reports_malformed_line_number(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "a", "turns": ["问"], "answerable": True})
    p.write_text(good + "\n\n" + '{"id": "b", "turns": ["问"],' + "\n", encoding="utf-8")
    with pytest.raises(SetFormatError, match=r"bad\.jsonl:3: invalid JSON"):
        load_set(p)
    p.write_text(good + "\n" + json.dumps({"id": "c", "turns": [], "answerable": True}) + "\n")
    with pytest.raises(SetFormatError, match=r":2: .*turns"):
        load_set(p)
    p.write_text(good + "\n" + good + "\n")
    with pytest.raises(SetFormatError, match=r":2: duplicate id 'a' \(first on line 1\)"):
        load_set(p)
    p.write_text(json.dumps({"id": "d", "turns": ["问"]}) + "\n")
    with pytest.raises(SetFormatError, match=r":1: .*answerable"):
        load_set(p)


# ------------------------------------------------------------------ running


class ScriptedAskerForHarnessTest:
    """A scripted conversation: records what it was asked, sleeps per turn, may raise."""

    instances: ClassVar[list[ScriptedAskerForHarnessTest]] = []

    def __init__(self) -> None:
        self.asked: list[str] = []
        ScriptedAskerForHarnessTest.instances.append(self)

    def ask(self, message: str) -> Answer:
        self.asked.append(message)
        if "BOOM" in message:
            raise RuntimeError("scripted failure")
        time.sleep(0.2 if message.startswith("slow") else 0.01)
        chunk = Chunk(chunk_id="c1", doc_id="001.txt", source="001.txt", text=QUOTE, article="第三条")
        cit = Citation(n=1, doc="001.txt", title="办法", region="全国", article="第三条", date="",
                       validity="", text=QUOTE)
        return Answer(text=f"回答#{len(self.asked)}:{message}", refused=False, citations=[cit],
                      retrieved=[Hit(chunk=chunk, score=0.5)] * 12, latency_ms=999999.0)


def test_run_set_fresh_conversation_turns_latency_and_errors() -> None:
    ScriptedAskerForHarnessTest.instances = []
    items = [item("multi", turns=["slow first", "slow second", "last"]),
             item("broken", turns=["BOOM"]),
             item("single", turns=["only"])]
    results = run_set(items, ScriptedAskerForHarnessTest, progress=False)

    convs = ScriptedAskerForHarnessTest.instances
    assert len(convs) == 3 and len({id(c) for c in convs}) == 3
    assert convs[0].asked == ["slow first", "slow second", "last"] and convs[2].asked == ["only"]
    assert [r["id"] for r in results] == ["multi", "broken", "single"]

    ok = results[0]
    assert tuple(ok)[:6] == RECORD_KEYS == ("id", "answer", "refused", "citations", "retrieved", "latency_ms")
    assert tuple(ok)[6:] == ("previous_answer",)  # a follow-up also records the answer before it
    assert ok["previous_answer"] == "回答#2:slow second"
    assert ok["answer"] == "回答#3:last"  # the last turn's answer, from the same conversation
    assert ok["latency_ms"] < 150  # the two slow earlier turns (0.2 s each) are not counted
    assert ok["latency_ms"] != 999999.0  # timed by the harness, not taken from the Answer
    assert set(ok["citations"][0]) >= {"doc", "title", "region", "text"}
    assert len(ok["retrieved"]) == 12 and set(ok["retrieved"][0]) == {"doc", "text", "score"}
    assert ok["retrieved"][0] == {"doc": "001.txt", "text": QUOTE, "score": 0.5}
    json.dumps(results, ensure_ascii=False)  # records are plain JSON

    bad = results[1]
    assert bad["answer"] == "" and bad["citations"] == [] and bad["retrieved"] == []
    assert bad["error"].startswith("RuntimeError") and set(bad) == {*RECORD_KEYS, "error"}
    assert results[2]["answer"] == "回答#1:only" and "error" not in results[2]
    assert aggregate(items, results)["errors"] == 1


class PlacedAskerForHarnessTest(ScriptedAskerForHarnessTest):
    """A scripted conversation that can be told where the asker is."""

    def __init__(self) -> None:
        super().__init__()
        self.places: list[str] = []

    def locate(self, place: str) -> None:
        self.places.append(place)


def test_run_set_tells_the_conversation_where_the_asker_is() -> None:
    """An item's region is where its conversation starts (as a staff desk knows its place), before the first turn;
    an item without one leaves the conversation's place unknown, and an asker that cannot be told is asked all
    the same."""
    ScriptedAskerForHarnessTest.instances = []
    run_set([item("a", region="修水县渣津镇"), item("b", region=None)], PlacedAskerForHarnessTest, progress=False)
    placed, unplaced = ScriptedAskerForHarnessTest.instances
    assert placed.places == ["修水县渣津镇"] and unplaced.places == []
    results = run_set([item("c", region="茂名市")], ScriptedAskerForHarnessTest, progress=False)
    assert results[0]["answer"].startswith("回答#1") and "error" not in results[0]


def test_run_set_survives_failing_conversation_factory() -> None:
    def factory() -> ScriptedAskerForHarnessTest:
        raise OSError("index missing")

    results = run_set([item("a")], factory, progress=False)
    assert results[0]["error"] == "OSError: index missing"


# ------------------------------------------------------------------ report


def test_write_report_files_and_html_escaping(tmp_path: Path) -> None:
    items = [item("ok", region="广东省清远市", answer_points=[["二百元"]]),
             item("x<1>", category="false_premise", turns=["<b>问</b> & 答"], answer_points=[["缺失要点"]]),
             item("u", answerable=False, evidence=[], category="out_of_scope")]
    results = [result("ok", texts=[QUOTE], answer="每月二百元"),
               result("x<1>", texts=["<i>无关</i>"], answer="<script>alert('x')</script> 回答"),
               result("u", answer="超出范围", refused=False)]
    metrics = aggregate(items, results)
    other = aggregate(items, [results[0], results[1], result("u", refused=True)])
    compare = {"hybrid": metrics, "dense": other}
    md_path = write_report(tmp_path / "rep", items, results, metrics, compare=compare)

    out = tmp_path / "rep"
    assert md_path == out / "report.md"
    files = ("report.md", "report.html", "by_category.png", "by_region.png", "latency.png", "compare.png")
    for name in files:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert (out / "latency.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;问&lt;/b&gt; &amp; 答" in page and "<i>无关</i>" not in page
    assert 'src="by_category.png"' in page and "x&lt;1&gt;" in page
    md = md_path.read_text(encoding="utf-8")
    assert "<script>" not in md and "未通过条目 / Failures (2)" in md
    assert "缺失要点" in md and "应拒答未拒答" in md and "![" in md
    assert "### ok" not in md  # passing items are not listed


def test_cjk_font_search_skips_placeholder_fonts_and_labels_fall_back_to_ascii() -> None:
    # matplotlib ships "Last Resort High-Efficiency", which maps every code point to a box glyph.
    font = find_cjk_font()
    assert font is None or "last resort" not in font.lower()
    labels, legend = _ascii_labels(["subsidy", "广东省清远市", "未指定"], "R", cjk=False)
    assert labels == ["subsidy", "R2", "R3"] and legend == {"R2": "广东省清远市", "R3": "未指定"}
    assert _ascii_labels(["广东省"], "R", cjk=True) == (["广东省"], {})


def test_outline_labels_match_the_advisors_forms():
    from advisor.evaluate.metrics import _article_forms

    assert "第(八)条" in _article_forms("（八）")
    assert "第一部分" in _article_forms("一、")
    assert _article_forms("第十四条第二款") == ["第十四条第二款"]
    # a path written as the document numbers it: the advisor's label with and without its part
    assert {"第二部分第(一)条第3项", "第(一)条第3项"} <= set(_article_forms("二、（一）3."))
    assert "第(二)条第4项" in _article_forms("（二）4.")
    assert "第三部分第(2)项" in _article_forms("三、（2）")  # an item numbered in brackets
    from advisor.evaluate.metrics import _names_bare_item

    assert _names_bare_item("第7项", "7.问") and not _names_bare_item("第(一)条第7项", "7.问")  # a Q&A's question 7
    assert _article_forms("3.") == ["3."]  # a bare item number names no clause by itself
    # a part named with its heading, as a section of a notice is written ("六、注意事项"): that part
    assert "第六部分" in _article_forms("六、注意事项")
    assert "第六部分" not in _article_forms("六、（二）")  # …a path, not a heading: its clause is named too


def test_a_bare_item_number_is_named_only_as_an_item_of_no_clause():
    from advisor.evaluate.metrics import _names_bare_item

    # a Q&A page's "3." is the advisor's 第3项 when nothing stands above it
    assert _names_bare_item("政策问答》(江苏省淮安市,政策解读)第3项,答:", "3.")
    assert _names_bare_item("…|第12项", "12.")
    # item 3 of a clause or part, or item 13, is another label
    assert not _names_bare_item("第(一)条第3项", "3.")
    assert not _names_bare_item("第二部分第3项", "3.")
    assert not _names_bare_item("第13项", "3.")
    assert not _names_bare_item("第3项", "第三条")


def test_report_templates_ship_as_package_data() -> None:
    import tomllib

    root = Path(__file__).resolve().parent.parent
    package_data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = package_data["package-data"]["advisor.evaluate"]
    templates = sorted(p.name for p in (root / "advisor" / "evaluate" / "templates").iterdir())
    assert templates == ["macros.html.j2", "macros.md.j2", "report.html.j2", "report.md.j2"]
    assert all(any(Path("templates", name).match(pat) for pat in patterns) for name in templates)


def test_article_accuracy_of_cited_answers_leaves_refusals_out_and_counts_unlabelled_evidence() -> None:
    ev = [{"doc": "001.txt", "quote": QUOTE, "article": "第十四条"}]
    right = score_item(item(evidence=ev), result(citations=[{"article": "第十四条", "text": QUOTE}]))
    wrong = score_item(item(evidence=ev), result(citations=[{"article": "第九条", "text": "别的条文"}]))
    refused = score_item(item(evidence=ev), result(refused=True))
    assert (right["cited_article_correct"], wrong["cited_article_correct"]) == (True, False)
    assert refused["article_correct"] is False and refused["cited_article_correct"] is None
    # a 题注 (no label in the evidence) cited for "什么时候施行" is the right place, though no 第X条 is named
    dated = [{"doc": "001.txt", "quote": QUOTE}, {"doc": "001.txt", "quote": "其他条文" * 6, "article": "第三十二条"}]
    sc = score_item(item(evidence=dated), result(citations=[{"article": "题注", "text": QUOTE}]))
    assert sc["article_correct"] is False and sc["cited_article_correct"] is True


def test_records_give_table_rows_as_the_document_reads_so_a_quote_of_the_row_is_found() -> None:
    """A table row is a chunk of cells joined by the readers' mark; the record any grader reads holds the
    row as a reader extracts it (cells apart by whitespace), so a quote copied from the table is found."""
    from advisor.evaluate import answer_record
    from advisor.ingest.structure import TABLE_CELL

    row = TABLE_CELL.join(["80周岁及以上老年人", "每人每餐补贴3元", "按身份证出生日期计算"])
    chunk = Chunk(chunk_id="r1", doc_id="a.pdf", source="a.pdf", text=row, article="第四部分第(一)条")
    cit = Citation(n=1, doc="a.pdf", title="方案", region="某市", article="第四部分第(一)条", date="",
                   validity="", text=row)
    record = answer_record("t", Answer(text="结论:…", refused=False, citations=[cit],
                                       retrieved=[Hit(chunk=chunk, score=1.0)]), 1.0)
    quote = "80周岁及以上老年人 每人每餐补贴3元"  # as pdfplumber gives the row
    t = item("t", evidence=[{"doc": "a.pdf", "quote": quote}])
    assert TABLE_CELL.strip() not in record["retrieved"][0]["text"] + record["citations"][0]["text"]
    scored = score_item(t, record)
    assert scored["hit@5"] is True and scored["n_cited_overlapping"] == scored["n_cited"] == 1


def test_a_markdown_tables_row_is_recorded_as_the_file_writes_it():
    """A row of a .md file's pipe table is quoted by evaluators as the file writes it ("二档 | 20—29人 | 12000"); a row of
    a Word or PDF table, as an extractor reads it (cells apart by a space)."""
    from advisor.evaluate.runner import _hit_dict

    row = "二档 | 20—29人 | 12000"
    assert _hit_dict({"doc": "banfa.md", "text": row})["text"] == row
    assert _hit_dict({"doc": "xize.docx", "text": row})["text"] == "二档 20—29人 12000"


def test_a_table_row_quoted_with_its_outer_bars_is_found_in_the_row_a_chunk_carries() -> None:
    from advisor.evaluate.metrics import quote_found

    assert quote_found("| 护理费 | 失能 | 1500 |", "护理费 | 失能 | 1500")
    assert not quote_found("| 护理费 | 失能 | 1500 |", "护理费 | 半失能 | 800")
