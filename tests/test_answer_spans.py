"""Sentence picking for the extractive answer (no model needed: chunks are built by hand)."""

from __future__ import annotations

from advisor.answer import has_number, pick_sentences
from advisor.schema import Chunk, Hit

CLAUSE = (
    "10.推进培训疗养机构转型为养老服务设施。按照“应改尽改、能转则转”原则,积极做好培训疗养机构向养老服务机构转型发展。"
    "加大政策支持力度,按规定简化审批手续,着力解决资产划转、人员安置等方面存在的问题困难,确保转养老服务项目 2022 年底前基本投入运营。"
)
WEIGHTS = {"培训": 2.0, "疗养": 3.4, "转型": 3.2, "养老": 0.8, "时间": 3.6, "要求": 2.7}


def _hit(text: str) -> Hit:
    return Hit(Chunk(chunk_id="c1", doc_id="d", source="d.txt", text=text, title="某省实施方案"), 1.0)


def test_item_number_is_not_a_figure():
    assert not has_number("10.推进培训疗养机构转型为养老服务设施。")
    assert has_number("到2025年,参保率达到95%。")
    assert has_number("确保 2022 年底前基本投入运营。")


def test_date_question_cites_the_dated_sentence_of_the_same_clause():
    picked = pick_sentences([_hit(CLAUSE)], WEIGHTS, 3, wants_number=True, wants_date=True)
    assert "2022 年底前" in picked[0].span
    assert any("应改尽改" in p.span for p in picked[1:])  # the best-matching sentence stays as support


def test_without_a_date_question_the_best_matching_sentence_answers():
    picked = pick_sentences([_hit(CLAUSE)], WEIGHTS, 3)
    assert "应改尽改" in picked[0].span


def test_no_dated_sentence_sharing_a_term_means_no_date_is_added():
    clause = "按照“应改尽改、能转则转”原则,做好培训疗养机构转型发展。到2025年,参保率达到95%。"
    picked = pick_sentences([_hit(clause)], WEIGHTS, 3, wants_date=True)
    assert all("2025" not in p.span for p in picked)


def test_which_ones_asks_for_a_list_not_a_number():
    from advisor.lexicon import load_lexicon
    from advisor.query import analyze

    lex = load_lexicon()
    assert analyze("配套养老服务设施有哪几个“同步”要求?", lex).wants != "number"
    assert analyze("每千名老年人配几个社工?", lex).wants == "number"
    assert analyze("培训疗养机构转型有什么时间要求?", lex).wants == "number"


def test_when_questions_are_read_from_the_latest_message():
    from advisor.lexicon import load_lexicon
    from advisor.query import analyze

    lex = load_lexicon()
    assert analyze("培训疗养机构转型有什么时间要求?", lex).asks_date
    assert not analyze("培训疗养机构转型有什么要求?", lex).asks_date
    assert analyze("培训疗养机构转型 那什么时候完成?", lex, focus="那什么时候完成?").asks_date
