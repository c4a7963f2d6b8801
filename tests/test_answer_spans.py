"""Sentence picking for the extractive answer (no model needed: chunks are built by hand)."""

from __future__ import annotations

import numpy as np

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


TWO_SENTENCES = "加强老年人能力评估,评估结果全国范围互认。开展老年人能力评估服务,评估结果作为享受补贴的依据。"
EVAL_WEIGHTS = {"能力": 2.0, "评估": 2.0, "结果": 3.0}


def test_closeness_in_meaning_decides_between_sentences_that_share_the_same_words():
    def closer_second(chunk: Chunk) -> np.ndarray:
        return np.array([0.86, 0.91], dtype=np.float32)

    def closer_first(chunk: Chunk) -> np.ndarray:
        return np.array([0.91, 0.86], dtype=np.float32)

    assert "补贴" in pick_sentences([_hit(TWO_SENTENCES)], EVAL_WEIGHTS, 1, cosines=closer_second)[0].span
    assert "全国" in pick_sentences([_hit(TWO_SENTENCES)], EVAL_WEIGHTS, 1, cosines=closer_first)[0].span


def test_closeness_in_meaning_does_not_pick_a_sentence_without_the_question_words():
    answer = "开展老年人能力评估服务,为有需求的老年人提供综合评估并出具评估报告。"
    text = "这一句与问题没有一个相同的词,但向量离问题很近。" + answer
    picked = pick_sentences([_hit(text)], EVAL_WEIGHTS, 1, cosines=lambda c: np.array([0.99, 0.80]))
    assert picked[0].span == answer


def test_vectors_not_matching_the_sentences_are_ignored_and_words_decide():
    # three cosines for two sentences (an index built from other text): words alone pick, as without vectors
    wrong = lambda c: np.array([0.99, 0.5, 0.5])  # noqa: E731
    with_wrong = pick_sentences([_hit(TWO_SENTENCES)], EVAL_WEIGHTS, 1, cosines=wrong)[0].span
    assert with_wrong == pick_sentences([_hit(TWO_SENTENCES)], EVAL_WEIGHTS, 1)[0].span


def test_a_next_step_is_something_the_family_does():
    from advisor.answer import _NEXT_STEP

    assert _NEXT_STEP.search("依申请为有评估需求的65周岁及以上老年人提供能力综合评估。")
    assert _NEXT_STEP.search("老年人或其家属可向所在乡镇(街道)提出申请。")
    assert _NEXT_STEP.search("完善公办养老机构入住评估轮候制度。")
    assert not _NEXT_STEP.search("村(社区)“两委”要把服务老年人作为重要职责,协助开展养老服务。")
    assert not _NEXT_STEP.search("民政、卫生健康等各单位依照职责分工开展老年人能力评估工作,评估结果全市范围互认。")
    assert not _NEXT_STEP.search("支持将自愿申请且符合条件的养老机构内设医疗机构纳入医保定点范围。")


def test_full_width_question_marks_still_mark_a_follow_up():
    from advisor.query import looks_like_follow_up

    assert looks_like_follow_up("新疆同一年的目标呢？", 3)
    assert looks_like_follow_up("新疆同一年的目标呢?", 3)
    assert not looks_like_follow_up("新疆养老机构有哪些类型？", 3)


def test_quotes_drop_the_item_number_and_stay_verbatim():
    clause = "2.实施老年人能力评估规范国家标准,依申请为有评估需求的65周岁及以上老年人提供能力综合评估。"
    picked = pick_sentences([_hit(clause)], EVAL_WEIGHTS, 1)
    assert picked[0].span.startswith("实施老年人能力评估")
    assert picked[0].span in clause
