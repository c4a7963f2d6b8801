"""Sentence picking for the extractive answer (no model needed: chunks are built by hand)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from advisor.answer.compose import has_number, pick_sentences
from advisor.schema import Chunk, Hit

CLAUSE = (
    "10.推进培训疗养机构转型为养老服务设施。按照“应改尽改、能转则转”原则,积极做好培训疗养机构向养老服务机构转型发展。"
    "加大政策支持力度,按规定简化审批手续,着力解决资产划转、人员安置等方面存在的问题困难,确保转养老服务项目 2022 年底前基本投入运营。"
)
WEIGHTS = {"培训": 2.0, "疗养": 3.4, "转型": 3.2, "养老": 0.8, "时间": 3.6, "要求": 2.7}


def _hit(text: str) -> Hit:
    return Hit(Chunk(chunk_id="c1", doc_id="d", source="d.txt", text=text, title="某省实施方案"), 1.0)


def _article(article: str, text: str, title: str = "某市补贴办法") -> Chunk:
    """One article of one document (doc_id "d"), built by hand."""
    return Chunk(chunk_id=article, doc_id="d", source="d.txt", text=text, article=article, title=title)


def _holding(*chunks: Chunk):
    """A stand-in for the retriever where only its chunks are read (the document's other articles)."""
    from conftest import ChunksOnly

    return ChunksOnly(chunks)


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
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    lex = load_lexicon()
    assert analyze("配套养老服务设施有哪几个“同步”要求?", lex).wants != "number"
    assert analyze("每千名老年人配几个社工?", lex).wants == "number"
    assert analyze("培训疗养机构转型有什么时间要求?", lex).wants == "number"


def test_when_questions_are_read_from_the_latest_message():
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

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
    from advisor.answer.compose import _NEXT_STEP

    assert _NEXT_STEP.search("依申请为有评估需求的65周岁及以上老年人提供能力综合评估。")
    assert _NEXT_STEP.search("老年人或其家属可向所在乡镇(街道)提出申请。")
    assert _NEXT_STEP.search("完善公办养老机构入住评估轮候制度。")
    assert not _NEXT_STEP.search("村(社区)“两委”要把服务老年人作为重要职责,协助开展养老服务。")
    assert not _NEXT_STEP.search("民政、卫生健康等各单位依照职责分工开展老年人能力评估工作,评估结果全市范围互认。")
    assert not _NEXT_STEP.search("支持将自愿申请且符合条件的养老机构内设医疗机构纳入医保定点范围。")


def test_full_width_question_marks_still_mark_a_follow_up():
    from advisor.answer.query import looks_like_follow_up

    assert looks_like_follow_up("新疆同一年的目标呢？", 3)
    assert looks_like_follow_up("新疆同一年的目标呢?", 3)
    assert not looks_like_follow_up("新疆养老机构有哪些类型？", 3)


def test_quotes_drop_the_item_number_and_stay_verbatim():
    clause = "2.实施老年人能力评估规范国家标准,依申请为有评估需求的65周岁及以上老年人提供能力综合评估。"
    picked = pick_sentences([_hit(clause)], EVAL_WEIGHTS, 1)
    assert picked[0].span.startswith("实施老年人能力评估")
    assert picked[0].span in clause


PROCEDURE_ARTICLE = (
    "第十一条 申请最低生活保障，按照下列程序办理：\n"
    "（一）由共同生活的家庭成员向户籍所在地的乡镇人民政府、街道办事处提出书面申请。\n"
    "（二）乡镇人民政府、街道办事处对申请人的家庭收入状况进行调查核实，在申请人所在村、社区公示后报县级人民政府民政部门审批。"
)
OTHER_ARTICLE = "第三十条 申请医疗救助的，应当向乡镇人民政府、街道办事处提出，经审核、公示后，由县级人民政府医疗保障部门审批。"
LOW_INCOME_WEIGHTS = {"低保": 5.7, "申请": 2.7, "审批": 4.4, "公示": 4.2, "部门": 1.5, "最低生活保障": 2.7}


def test_a_list_item_means_what_its_introduction_says():
    from advisor.answer.compose import list_intro
    from advisor.ingest.chunking import chunk_sentences

    sents = chunk_sentences(PROCEDURE_ARTICLE)
    item = next(i for i, s in enumerate(sents) if "公示后" in s)
    assert list_intro(sents, item).endswith("按照下列程序办理：")
    assert list_intro(sents, 0) == ""  # not an item
    assert list_intro(chunk_sentences("各区民政局：（一）做好申报工作。"), 0) == ""  # an addressee introduces no list
    # "低保…由哪个部门审批?": the item of the 低保 procedure, not the like-worded 医疗救助 clause ranked above it
    hits = [_hit(OTHER_ARTICLE), Hit(Chunk(chunk_id="c2", doc_id="d", source="d.txt", text=PROCEDURE_ARTICLE,
                                            title="某办法"), 0.9)]
    assert "公示后报县级人民政府民政部门审批" in pick_sentences(hits, LOW_INCOME_WEIGHTS, 1)[0].span


def test_an_abbreviation_counts_in_its_full_form_but_no_more_than_that_form_weighs():
    from advisor.answer.compose import _covered

    known = {"老年人": 0.4, "低保": 3.0, "老人": 4.0}  # words the documents use; any other weighs 9.0

    def idf(w: str) -> float:
        return known.get(w, 9.0)

    got = _covered("对最低生活保障家庭中的老年人，提高救助水平。", {"低保": 5.0, "老人": 5.0, "救助": 2.0}, idf=idf)
    assert got == {"低保": 5.0, "老人": 0.4, "救助": 2.0}
    assert "老人" not in _covered("老龄工作人员", {"老人": 5.0})  # too far apart to be the word abbreviated
    # a cut of the question's words that the documents never use abbreviates nothing (不要 ≠ 不再要求)
    assert "不要" not in _covered("已核实的材料，不再要求申请人提供。", {"不要": 7.0}, idf=idf)


def test_the_sentence_holding_what_is_asked_joins_the_answer():
    from advisor.answer.compose import _PROCEDURE

    text = ("国家对家庭成员突发重大疾病等原因导致基本生活暂时出现严重困难的家庭给予临时救助。"
            "申请临时救助的，应当向乡镇人民政府、街道办事处提出。")
    weights = {"临时": 4.0, "救助": 2.0, "疾病": 3.0, "困难": 1.0}
    plain = pick_sentences([_hit(text)], weights, 3)
    assert not any(_PROCEDURE.search(p.span) for p in plain)  # its words are all covered by the first point
    asked = pick_sentences([_hit(text)], weights, 3, must_hold=_PROCEDURE)  # "…能申请什么?找谁申请?"
    assert asked[0].span == plain[0].span and _PROCEDURE.search(asked[-1].span)


@pytest.mark.parametrize("question,kind", [
    ("骗取低保被查出来,会怎么处罚?", "penalty"),
    ("养老机构不按合同提供服务,要承担什么责任?", "penalty"),
    ("什么样的老人可以享受特困人员供养?", "who"),
    ("浙江的社会养老服务补贴,哪些老人能拿?", "who"),
    ("成都长护险多少分算符合条件?", "number"),  # a figure is asked, though conditions are named
    ("子女不给赡养费,老人可以通过什么途径解决?", "procedure"),
    ("社区养老服务包括哪些内容?", "list"),
    ("子女不履行赡养义务会怎样?", "penalty"),
    ("老人没人照顾怎么办?", ""),  # not a penalty: nobody broke a rule
    ("清远民政局电话是多少?", "contact"),
    ("临沂的居家养老服务条例是啥时候开始实行的", "meta"),  # when it took effect: the document's dates
    ("我电话138****5678,经济困难的失能老人有什么补贴?", ""),  # the asker's own number, not a request for one
])
def test_the_kind_of_answer_asked_for(question, kind):
    from advisor.answer.query import wants_of

    assert wants_of(question) == kind


def test_a_penalty_question_is_answered_by_the_penalty():
    from advisor.answer.compose import ANSWERED_BY

    text = ("县级人民政府民政部门应当对获得最低生活保障家庭的收入状况定期核查。"
            "采取虚报、隐瞒等手段骗取社会救助资金的，由有关部门责令退回，可以处非法获取的救助款额1倍以上3倍以下的罚款。")
    weights = {"骗取": 4.5, "低保": 5.7, "救助": 1.9, "最低生活保障": 2.7, "处罚": 4.2}
    assert "罚款" in pick_sentences([_hit(text)], weights, 1, answers=ANSWERED_BY["penalty"])[0].span


def test_the_definition_of_the_term_asked_about_answers_who_it_covers():
    # "什么样的家庭能申请低保?": 最低生活保障家庭's definition, not that of 最低生活保障边缘家庭 (the question has no 边缘)
    text = ("第十一条 最低生活保障边缘家庭，是指未纳入最低生活保障范围，家庭成员人均可支配收入符合本市最低生活保障边缘家庭申请专项救助认定标准的家庭。\n"
            "第十条 最低生活保障家庭，是指在本市共同生活的家庭成员人均可支配收入低于本市最低生活保障标准的本市户籍家庭。")
    weights = {"家庭": 1.9, "申请": 2.7, "低保": 5.7, "最低生活保障": 2.7}
    assert "边缘" in pick_sentences([_hit(text)], weights, 1)[0].span  # it has more of the question's words
    assert "边缘" not in pick_sentences([_hit(text)], weights, 1, wants_term=True)[0].span


def test_who_or_what_a_term_covers():
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    lex = load_lexicon()
    assert analyze("什么样的家庭能申请低保?", lex).wants_term
    assert analyze("山东省养老服务条例里说的养老服务包括哪些服务?", lex).wants_term
    assert not analyze("赡养人要履行哪几方面的义务?", lex).wants_term  # a list of duties, not what 赡养人 covers


def test_a_sentence_of_a_titled_item_is_about_its_title():
    from advisor.answer.compose import item_title
    from advisor.ingest.chunking import chunk_sentences

    item = "（三）审批。公示无异议的，报区民政局。区民政局应当在10个工作日内作出决定。"
    sents = chunk_sentences(item)
    assert item_title(sents, 2) == "（三）审批。" and item_title(sents, 0) == ""
    assert item_title(chunk_sentences("（三）审批。报区民政局。（四）发放。"), 2) == ""  # the next item has its own
    assert item_title(chunk_sentences("（三）对申请人的家庭收入状况进行调查核实。结果予以公示。"), 1) == ""  # no title
    other = "其他事项由区民政局研究决定。"
    hits = [_hit(other), Hit(Chunk(chunk_id="c2", doc_id="d", source="d.txt", text=item, title="某办法"), 0.9)]
    picked = pick_sentences(hits, {"审批": 4.0, "决定": 1.0}, 1, wants_number=True)
    assert "10个工作日" in picked[0].span  # "审批要多久?": the 审批 item's deadline, not another 决定


def test_a_point_holding_only_the_kind_of_thing_asked_is_not_on_topic():
    from advisor.answer.compose import _MATERIALS, Scored, _on_topic

    weights = {"补贴": 2.6, "材料": 4.5}  # "补贴要交什么材料?"
    papers = "有关单位、个人应当如实提供相关证明材料。"
    assert not _on_topic(Scored(0, _hit(papers), papers, 1.0), weights, _MATERIALS)
    subsidy = "申请养老服务补贴的，应当提交申请表和身份证明材料。"
    assert _on_topic(Scored(0, _hit(subsidy), subsidy, 1.0), weights, _MATERIALS)


def test_a_question_made_of_the_title_words_still_credits_sentences():
    from advisor.answer.compose import _covered

    weights = {"居家": 2.5, "养老": 1.2, "服务": 1.1}
    title = "北京市居家养老服务条例"
    span = "居家养老服务主要包括以下内容"
    assert _covered(span, weights, title) == weights  # nothing but title words: they count
    assert _covered(span, weights | {"内容": 3.5}, title) == {"内容": 3.5}  # other words: those tell sentences apart


def test_how_often_is_answered_by_a_period_as_well_as_a_figure():
    from advisor.answer.compose import ANSWER_HOLDS

    holds = ANSWER_HOLDS["number"][1]
    assert holds.search("高龄津贴按季度发放,打入老年人本人社会保障卡。")  # "多久发一次?"
    assert holds.search("每人每月200元") and not holds.search("由社区工作人员上门认证。")


def test_a_group_word_inside_another_groups_word_does_not_answer_for_it():
    from advisor.answer.compose import _covered

    w = {"重度": 1.0, "失能": 2.0, "补贴": 1.0}
    assert "失能" in _covered("最低生活保障家庭中的失能老年人:每人每月400元", w)
    assert "失能" not in _covered("最低生活保障家庭中的半失能老年人:每人每月200元", w)  # another group
    assert "失能" in _covered("失能、半失能老年人每人每月150元", w)  # named itself too
    assert "失能" in _covered("半失能老年人每人每月200元", {"半失能": 1.0, "失能": 1.0})  # the question names it
    assert "低保" not in _covered("低保边缘家庭中的老年人每人每月150元", {"低保": 1.0})
    # …but its full form still does: 低保 in 最低生活保障对象, next to a 低保边缘 it does not mean
    assert "低保" in _covered("最低生活保障对象中的老年人每餐补贴6元;低保边缘家庭老年人每餐补贴4元", {"低保": 1.0})


def test_an_answer_of_a_policy_qa_stands_under_its_question():
    from advisor.answer.compose import asked_heading

    assert asked_heading("五、怎么申请助餐补贴？") == "五、怎么申请助餐补贴？"
    assert asked_heading("三、补贴标准 > （一）特困人员") == ""  # a heading that asks nothing
    assert asked_heading("") == ""


def test_the_list_of_papers_answers_a_materials_question_before_a_mention_of_one():
    from advisor.answer.compose import ANSWERED_BY, FULL_ANSWER

    row = Hit(Chunk(chunk_id="r", doc_id="d", source="d.pdf", title="某市老年助餐服务实施方案",
                    text="低保老年人 | 每人每餐补贴5元 | 凭低保证或认定材料"), 1.0)
    clause = Hit(Chunk(chunk_id="c", doc_id="d", source="d.pdf", title="某市老年助餐服务实施方案",
                       text="（一）个人申请。符合条件的老年人向社区居民委员会提出申请，并提供以下材料：\n1.居民身份证；\n2.户口簿。"), 0.9)
    weights = {"助餐": 3.0, "补贴": 2.5, "材料": 4.0, "低保": 3.0, "申请": 2.5}
    plain = pick_sentences([row, clause], weights, 1, answers=ANSWERED_BY["materials"])
    assert "凭低保证" in plain[0].span  # the row shares more of the question's words
    asked = pick_sentences([row, clause], weights, 1, answers=ANSWERED_BY["materials"],
                           strongest=FULL_ANSWER["materials"])
    assert "提供以下材料" in asked[0].span


def test_words_that_only_ask_weigh_less_than_the_topic(advisor_obj):
    from advisor.answer.compose import term_weights

    r = advisor_obj.retriever
    w = term_weights("高龄津贴要准备啥材料", r)
    assert w["准备"] < r.idf("准备")
    # the noun of the kind asked keeps its weight where the documents write it; where none does, the answer's form
    # answers it and it weighs nothing (时候 of 什么时候)
    assert w["材料"] == pytest.approx(r.idf("材料")) if "材料" in r.df else "材料" not in w
    assert "时候" not in term_weights("高龄津贴什么时候发", r) or "时候" in r.df
    # "准备" of the topic ("准备入住") is no asking word
    assert term_weights("准备入住养老院要带啥", r)["准备"] == pytest.approx(r.idf("准备"))
    whether = term_weights("养老机构有没有奖励", r)
    assert whether.get("有没有", 0.0) < whether["奖励"]
    # time seen from the asker, an age in Chinese numerals: neither is what is asked about
    pressed = term_weights("我奶奶今年过了一百岁 高龄津贴现在多少", r)
    assert not {"今年", "现在", "一百岁", "百岁"} & set(pressed) and "津贴" in pressed


def test_a_reference_to_an_article_is_no_figure():
    assert not has_number("对具有本条例第十二条第一项规定情形的刚性支出困难家庭，按月发放生活救助金")
    assert has_number("依照本条例第十二条，每人每月发放100元")


def test_the_figure_of_what_was_asked_answers_a_how_much_question():
    from advisor.answer.compose import pick_sentences

    named = _hit("成都市财政局会同市民政局制定《关于做好向中度以上失能老年人发放养老服务消费补贴项目试点工作的通知》，明确工作任务。")
    paid = _hit("补贴资金由中央、省、市、县四级财政共同分担（中央95%，地方5%），确保责任清晰。")
    weights = {"中度": 5.8, "养老服务消费补贴": 5.5, "消费": 4.0, "中央": 4.2, "失能": 2.7, "补贴": 2.6,
               "资金": 2.8, "以上": 2.1, "养老": 1.2, "服务": 1.1, "试点": 3.0}
    plain = pick_sentences([named, paid], weights, 1, wants_number=True)
    assert "95%" not in plain[0].span  # the sentence naming the subsidy shares more words
    asked = pick_sentences([named, paid], weights, 1, wants_number=True, subject="中央")  # "中央出多少?"
    assert "95%" in asked[0].span


def test_the_sum_for_the_elders_age_band_answers_how_much_when_the_best_sentence_has_none():
    who = _hit("本市户籍年满60周岁的老年人均可在全市老年助餐点就餐，重点保障特困、低保、低保边缘家庭老年人以及高龄、失能老年人。")
    item = _hit("1．年满60周岁的特困、低保、低保边缘家庭老年人，每餐补贴5元；")
    elsewhere = Hit(replace(item.chunk, chunk_id="c2", doc_id="other", source="other.txt"), 1.0)
    weights = {"吃饭": 6.3, "每天": 5.9, "老人": 5.0, "低保": 4.9, "老年助餐": 4.6, "助餐": 3.6, "最低": 2.7}
    # the sum of another document, saying little of what is asked, does not answer
    assert "5元" not in pick_sentences([who, elsewhere], weights, 1, wants_number=True, wants_money=True)[0].span
    picked = pick_sentences([who, elsewhere], weights, 1, wants_number=True, wants_money=True, age=68)  # "我奶奶68岁…"
    assert "每餐补贴5元" in picked[0].span
    # a sum of the best sentence's own document does, whatever the age
    assert "每餐补贴5元" in pick_sentences([who, item], weights, 1, wants_number=True, wants_money=True)[0].span


def test_the_askers_region_answers_first_only_with_a_clause_of_the_program_asked():
    own = Hit(Chunk(chunk_id="x", doc_id="x", source="x.txt", region="新疆维吾尔自治区",
                    text="做好长期护理保险与经济困难的高龄、失能老年人护理补贴等政策的衔接。"), 1.0)
    national = Hit(Chunk(chunk_id="n", doc_id="n", source="n.md", region="全国",
                         text="国家鼓励地方建立八十周岁以上低收入老年人高龄津贴制度。"), 0.9)
    weights = {"高龄": 3.6, "津贴": 4.3, "补贴": 2.6, "老人": 5.0}
    wanted = ["新疆维吾尔自治区"]
    assert "护理补贴" in pick_sentences([own, national], weights, 1, wanted_regions=wanted)[0].span
    picked = pick_sentences([own, national], weights, 1, wanted_regions=wanted, program="高龄津贴")
    assert "高龄津贴制度" in picked[0].span


def test_an_amount_said_missing_is_not_followed_by_a_clause_with_a_figure():
    from advisor.answer.compose import Scored, without_amounts

    rate = Scored(0, _hit("到2025年底，城市社区老年助餐服务覆盖率达到90%以上。"), "到2025年底，城市社区老年助餐服务覆盖率达到90%以上。", 9.0)
    meals = Scored(1, _hit("失能、独居老年人可以申请送餐上门服务。"), "失能、独居老年人可以申请送餐上门服务。", 6.0)
    assert without_amounts([rate, meals]) is meals
    assert without_amounts([rate]) is None  # then no clause is named at all


def test_a_clause_naming_another_article_is_about_that_articles_topic():
    grant = Chunk(chunk_id="c15", doc_id="d", source="d.txt", article="第十五条", title="某市居家养老服务条例",
                  text="第十五条对年满八十周岁的老年人，每人每月发放高龄津贴五十元。")
    apply = Chunk(chunk_id="c16", doc_id="d", source="d.txt", article="第十六条", title="某市居家养老服务条例",
                  text="第十六条需要申请享受本条例第十五条规定待遇的，由本人向村（居）民委员会提出申请，并提交居民身份证、户口簿。")
    other = Chunk(chunk_id="c20", doc_id="d", source="d.txt", article="第二十条", title="某市居家养老服务条例",
                  text="第二十条申请养老服务机构运营补贴的，由机构向县级民政部门提出申请，并提交营业执照。")
    hits = [Hit(other, 0.9), Hit(apply, 0.8)]  # "申请高龄津贴要提交啥": two clauses on applying
    weights = {"高龄津贴": 5.9, "津贴": 4.2, "高龄": 3.5, "申请": 2.7, "提交": 2.0}
    chunks = {c.article: c for c in (grant, apply, other)}

    def referred(chunk: Chunk, sentence: str) -> str:
        return chunks["第十五条"].text if "本条例第十五条" in sentence else ""

    without = pick_sentences(hits, weights, 1)[0]
    with_ref = pick_sentences(hits, weights, 1, referred=referred)[0]
    assert without.hit.chunk.article == "第二十条"  # its own words do not say which benefit it applies for
    assert with_ref.hit.chunk.article == "第十六条", with_ref


def test_asking_what_happens_to_who_breaks_a_rule_prefers_clauses_that_state_a_penalty():
    from advisor.answer.prefer import preference
    from advisor.settings import Settings

    s = Settings()
    fine = Chunk(chunk_id="p", doc_id="d", source="d.txt", text="采取虚报、隐瞒等手段骗取社会救助资金的，由有关部门责令退回，处以罚款。")
    duty = Chunk(chunk_id="q", doc_id="d", source="d.txt", text="民政部门应当对获得最低生活保障家庭的收入状况定期核查。")
    chapter = Chunk(chunk_id="r", doc_id="d", source="d.txt", text="构成犯罪的，依法追究刑事责任。",
                    heading_path="第十一章 法律责任 > 第七十条")
    assert preference(None, s) is None  # nothing asked beyond the words
    factor = preference(None, s, penalty=True)
    assert factor(fine) > factor(duty) == 1.0 and factor(chapter) > 1.0
    s.penalty_boost = 1.0
    assert preference(None, s, penalty=True) is None  # off


def test_the_titles_words_count_when_no_clause_holds_the_questions_other_words():
    # "高龄津贴每个月能领多少" of a 高龄津贴 guide: 补贴 (the lexicon's word for 津贴) stands only in a heading ("一、补贴
    # 标准"), so it tells no sentence apart and the title's words still pick the sentence with the sums
    guide = Chunk(chunk_id="g", doc_id="d", source="d.html", title="某县高龄津贴申领办事指南", heading_path="一、补贴标准",
                  text="具有本县户籍的80周岁以上老年人按月享受高龄津贴，标准为：80—89周岁的老年人，每人每月50元。")
    weights = {"高龄津贴": 4.9, "津贴": 3.7, "高龄": 3.3, "补贴": 2.5}
    picked = pick_sentences([Hit(guide, 1.0)], weights, 1, wants_number=True)
    assert picked and "50元" in picked[0].span


def test_a_span_is_labelled_with_the_paragraph_it_stands_in_when_two_open_alike():
    from advisor.answer.compose import span_article

    law = Chunk(chunk_id="l", doc_id="d", source="d.md", article="第十六条", title="社会保险法",
                text="第十六条 参加基本养老保险的个人，达到法定退休年龄时累计缴费满十五年的，按月领取基本养老金。\n"
                     "参加基本养老保险的个人，达到法定退休年龄时累计缴费不足十五年的，可以缴费至满十五年。")
    assert span_article(law, "参加基本养老保险的个人，达到法定退休年龄时累计缴费不足十五年的，可以缴费至满十五年。") == "第十六条第二款"
    assert span_article(law, "参加基本养老保险的个人，达到法定退休年龄时累计缴费满十五年的，按月领取基本养老金。") == "第十六条第一款"


def test_a_sentence_under_a_short_section_title_is_about_that_title():
    floor = Chunk(chunk_id="c1", doc_id="d", source="d.md", heading_path="二、补贴对象和标准 > （一）高龄津贴",
                  text="对具有本省户籍、年满80周岁的老年人发放高龄津贴。省定最低标准为：80至89周岁每人每月不低于50元。",
                  title="某省关于建立健全养老服务补贴制度的实施意见")
    picked = pick_sentences([Hit(floor, 1.0)], {"高龄津贴": 6.0, "津贴": 3.7, "高龄": 3.2}, 1, wants_number=True,
                            wants_money=True, benefit="高龄津贴", age=85)
    assert "每人每月不低于50元" in picked[0].span  # "85岁…高龄津贴一个月多少": the sum, though it does not say 高龄津贴


def test_the_papers_of_the_document_found_join_the_answer_though_they_do_not_name_the_program():
    from advisor.answer.compose import _MATERIALS

    notice = "某市民政局关于调整高龄津贴发放标准的通知"
    funds = Chunk(chunk_id="c1", doc_id="d", source="d.html", text="高龄津贴所需资金由市、区县两级财政按照3:7的比例分担。",
                  title=notice)
    apply = Chunk(chunk_id="c2", doc_id="d", source="d.html", title=notice,
                  text="符合条件的老年人持本人居民身份证、户口簿原件及社会保障卡，向户籍所在地村（居）民委员会提出申请。")
    weights = {"高龄津贴": 6.3, "津贴": 3.8, "高龄": 3.3, "申请": 2.6}  # "申请高龄津贴要带什么东西"
    other = Chunk(chunk_id="c3", doc_id="e", source="e.md", title="某县养老服务补贴办法",
                  text="申请养老服务补贴的，应当提交身份证明材料。")
    picked = pick_sentences([Hit(funds, 1.0), Hit(apply, 0.99)], weights, 2, answers=((_MATERIALS, 1.6),),
                            must_hold=_MATERIALS)
    assert "身份证" in picked[-1].span  # the notice on the 高龄津贴 asked of says what to bring
    picked = pick_sentences([Hit(funds, 1.0), Hit(other, 0.99)], weights, 2, answers=((_MATERIALS, 1.6),),
                            must_hold=_MATERIALS)
    assert not any("身份证明" in p.span for p in picked)  # another document's papers, far from the question: not


def test_a_follow_ups_own_word_picks_the_sentence_of_the_article_the_topic_found():
    from advisor.answer.compose import TermWeights

    article = Chunk(chunk_id="c1", doc_id="d", source="d.docx", title="某市养老服务条例",
                    text="对经评估为中度以上失能的最低生活保障家庭老年人，按照每人每月不低于四百元的标准发放养老服务补贴。"
                         "前款规定的补贴以服务券形式发放，用于购买居家养老服务，不得兑换现金。")
    weights = TermWeights({"养老服务补贴": 2.9, "最低生活保障": 2.7, "失能": 2.7, "中度": 2.6, "现金": 5.0, "发放": 6.8})
    weights.focus = weights.new = frozenset({"现金"})  # "那个补贴能不能换成现金" after a question on that 补贴
    assert "不得兑换现金" in pick_sentences([Hit(article, 1.0)], weights, 1)[0].span
    weights.new = frozenset({"失能"})  # the best sentence already says the new word asked: it stays
    assert "四百元" in pick_sentences([Hit(article, 1.0)], weights, 1)[0].span
    weights.focus = weights.new = frozenset()
    assert "四百元" in pick_sentences([Hit(article, 1.0)], weights, 1)[0].span  # no follow-up: the whole question


def test_a_figure_asked_with_a_second_ask_is_answered_by_the_clauses_figure_first():
    """"最多能补多少钱？要去哪里申请？": the sentence of the found clause that gives the sum answers first, even when the
    application sentence shares more of the question's words; the application is the next step."""
    from advisor.answer.compose import _NEXT_STEP
    from advisor.answer.query import analyze, asking_spans
    from advisor.lexicon import load_lexicon

    clause = ("第十四条县（市）人民政府应当对具有本州户籍、经济困难的失能、半失能老年人家庭实施适老化改造，每户补助标准不超过三千元。"
              "适老化改造的申请，由老年人或者其家属向户籍所在地乡（镇）人民政府、街道办事处提出。")
    weights = {"申请": 5.2, "情况": 5.5, "补贴": 5.1, "适老化改造": 3.1, "政府": 2.5}
    picked = pick_sentences([_hit(clause)], weights, 3, wants_number=True, wants_money=True)
    assert "三千元" in picked[0].span
    assert pick_sentences([_hit(clause)], weights, 3)[0].span.startswith("适老化改造的申请")  # no figure asked
    assert _NEXT_STEP.search("适老化改造的申请，由老年人或者其家属向户籍所在地乡（镇）人民政府、街道办事处提出。")
    q = "按楚雄州的规定政府最多能补多少钱？要去哪里申请？"
    asked = "".join(q[a:b] for a, b in asking_spans(q))
    assert "最多能" in asked  # a ceiling asked is the asking, not a word of the topic
    assert analyze(q, load_lexicon()).asks_amount


def test_a_date_asked_after_a_sum_is_the_dated_sentence_of_the_clause_on_the_same_topic():
    """"那什么时候报 找谁报" after "运营补贴一年多少": the sentence that dates applying, in the clause whose other
    sentence names the 运营补贴, answers — not a dated sentence of another clause sharing only 申请."""
    from advisor.answer.compose import _APPLYING_ASKED, DATE, Scored, dated_in_document

    sums = _article("第五条", "社区老年食堂年度考核合格的，每年给予运营补贴二万元。年度考核为优秀的，运营补贴上浮百分之二十。")
    when = _article("第七条", "建设补贴和运营补贴每年申报一次。运营主体应当于每年三月三十一日前向所在县（市、区）民政部门提出申请。")
    meals = _article("第八条", "补贴部分由运营主体先行垫付，于次月十日前向县（市、区）民政部门申请结算。")
    retriever = _holding(sums, when, meals)
    weights = {"申报": 8.8, "申请": 5.2, "优秀": 3.1, "运营补贴": 2.5, "运营": 1.4, "补贴": 1.3}
    first = Scored(0, Hit(sums, 1.0), sums.text.split("。")[0], 10.0)
    assert DATE.search("每年三月三十一日前") and not DATE.search("三个月内")
    assert _APPLYING_ASKED.search("那什么时候报 找谁报") and not _APPLYING_ASKED.search("什么时候报销")
    dated = dated_in_document(first, retriever, weights, applying=True, ending=False)
    assert dated is not None and dated.hit.chunk.article == "第七条" and "三月三十一日" in dated.span


def test_a_benefits_sum_in_a_table_of_the_document_on_that_benefit_answers_and_the_nearest_region_first():
    """"我妈83了 在张店 每个月能领多少高龄津贴": the row "80—89周岁 | 每人每月100元" of the 张店区 公告 on 高龄津贴 answers
    (its title says what the row's sum is of), not the province's clause that names 高龄津贴 without a sum; of two
    clauses of the asker's own jurisdiction close enough, the most local one."""
    from advisor.answer.compose import table_of
    from advisor.ingest.chunking import TABLE_MARK

    title = "张店区人民政府关于发放2025年度高龄津贴的公告"
    row = Chunk(chunk_id="r", doc_id="zd", source="zd.html", text="80—89周岁 | 每人每月100元 | —", title=title,
                region="山东省淄博市张店区", heading_path=f"二、发放标准 > {TABLE_MARK}年龄段 | 发放标准 | 备注")
    province = Chunk(chunk_id="p", doc_id="sd", source="sd.md", title="山东省养老服务条例", region="山东省",
                     text="县级以上人民政府应当推进落实八十周岁以上老年人高龄津贴制度，并逐步提高津贴水平。")
    assert title in table_of(row, "高龄津贴") and title not in table_of(row) and table_of(province, "高龄津贴") == ""
    weights = {"高龄津贴": 5.9, "津贴": 3.9, "高龄": 3.4, "能领": 2.1}
    picked = pick_sentences([Hit(province, 1.0), Hit(row, 0.9)], weights, 3, wants_number=True, wants_money=True,
                            age=83, benefit="高龄津贴", wanted_regions=["山东省淄博市张店区", "山东省淄博市", "山东省", "全国"])
    assert picked[0].hit.chunk is row


def test_a_notices_covering_words_are_never_an_answer():
    """"淇县民政局关于印发《…》的通知各乡镇…：现将…印发给你们，请认真贯彻执行。" answers no question, whatever words it
    shares with it; nor does "…有关事项通知如下：" — with nothing else, nothing is picked (the advisor says so)."""
    cover = Chunk(chunk_id="c", doc_id="d", source="d.docx", title="淇县老年人助浴服务试点实施方案",
                  text="淇县民政局关于印发《淇县老年人助浴服务试点实施方案》的通知各乡镇人民政府：现将《淇县老年人助浴服务试点"
                       "实施方案》印发给你们，请结合实际认真贯彻执行。")
    intro = Chunk(chunk_id="i", doc_id="e", source="e.pdf", title="某省关于提高低保标准的通知",
                  text="为统筹做好困难群众基本生活保障工作，现就提高2025年全省城乡低保标准有关事项通知如下：")
    weights = {"助浴": 5.0, "淇县": 3.0, "机构": 2.0, "低保": 2.0, "标准": 1.0}
    assert pick_sentences([Hit(cover, 1.0), Hit(intro, 0.9)], weights, 3) == []
    rule = Chunk(chunk_id="r", doc_id="d", source="d.docx", title=cover.title, text="助浴服务由县民政局统一组织实施。")
    assert pick_sentences([Hit(cover, 1.0), Hit(rule, 0.9)], weights, 3)[0].hit.chunk is rule


def test_a_share_asked_next_to_a_sum_is_found_in_the_same_document():
    """"政府每个月最多能补多少钱?我们家自己大概要出几成?": the sum's clause says no share; the document's sentence
    that does (and names the question's topic) is found; a share of something else is not."""
    from advisor.answer.compose import _SHARE, Scored, held_in_document, names_topic

    sums = _article("第九条", "中度失能老年人每张床位每月最高不超过500元。")
    share = _article("第十条", "其他老年人由政府按照运营补贴标准承担70%，个人承担30%。")
    other = _article("第二条", "到2026年，家庭养老床位覆盖率达到20%。")
    retriever = _holding(sums, share, other)
    weights = {"政府": 2.5, "补贴": 2.0, "费用": 1.5}
    first = Scored(0, Hit(sums, 1.0), sums.text, 5.0)
    found = held_in_document(first, retriever, weights, _SHARE, names_topic(weights))
    assert found is not None and found.hit.chunk is share


def test_a_bare_numbered_item_of_a_document_on_the_benefit_asked_is_a_sum_of_it():
    """"2. 90周岁至99周岁的，每人每月200元；" under "（二）发放标准" of a notice on 高龄津贴: its title says what the sum is of,
    as a table row's does; an item with words of its own, or asked of another benefit, gets no title."""
    from advisor.answer.compose import table_of

    title = "小店区民政局关于做好2025年度高龄津贴申领发放工作的通知"
    item = Chunk(chunk_id="i", doc_id="xd", source="xd.html", text="2. 90周岁至99周岁的，每人每月200元；", title=title,
                 heading_path="一、发放对象和标准 > （二）发放标准 > 2.")
    titled = replace(item, heading_path="一、发放对象和标准 > （二）发放标准")
    assert title in table_of(item, "高龄津贴") and table_of(item, "护理补贴") == "" and table_of(titled, "高龄津贴") == ""
    eligible = Chunk(chunk_id="e", doc_id="xd", source="xd.html", text="具有本区户籍、年满80周岁的老年人。", title=title,
                     heading_path="一、发放对象和标准 > （一）发放对象")
    weights = {"高龄津贴": 5.4, "高龄": 3.3, "津贴": 3.8, "多少钱": 2.1}
    picked = pick_sentences([Hit(eligible, 1.0), Hit(item, 0.9)], weights, 3, wants_number=True, wants_money=True,
                            age=92, benefit="高龄津贴")
    assert picked[0].hit.chunk is item


def test_an_age_band_that_says_who_may_apply_is_no_sum_for_that_age():
    """"我奶奶是低保户，82了…政府最多能补多少钱?": "…80周岁以上高龄…的老年人" holds her age but no sum; it gets no lead
    for her age over the clause that gives the sum."""
    who = Chunk(chunk_id="w", doc_id="th", source="th.docx", title="关于开展2025年度困难老年人家庭适老化改造工作的通知",
                text="最低生活保障家庭中的失能、半失能、80周岁以上高龄或者持有残疾证的老年人；",
                heading_path="一、改造对象 > （一）对象 > 2.")
    sums = Chunk(chunk_id="s", doc_id="th", source="th.docx", title=who.title,
                 text="（三）补助标准：每户改造补助上限为5000元，其中基础类项目费用不低于3000元。",
                 heading_path="二、改造内容和补助标准")
    weights = {"最低生活保障": 3.0, "补助": 2.0, "上限": 2.5, "改造": 1.5}
    picked = pick_sentences([Hit(who, 1.0), Hit(sums, 0.95)], weights, 3, wants_number=True, wants_money=True, age=82)
    assert picked[0].hit.chunk is sums


def test_another_citys_rule_never_answers_for_the_askers_own_place():
    """"合肥市80岁老人高龄津贴一个月多少钱?" where only 唐山's rules state a sum: 唐山's rule is foreign to an asker in
    合肥 (whose province and national rules apply); with no place known, or places compared, no rule is foreign."""
    from advisor.answer.compose import foreign_first

    hefei = ["安徽省合肥市", "安徽省", "全国"]
    assert foreign_first("河北省唐山市", hefei)
    assert not foreign_first("安徽省", hefei) and not foreign_first("全国", hefei) and not foreign_first("", hefei)
    assert not foreign_first("河北省唐山市", []) and not foreign_first("河北省唐山市", ["全国"])
    assert not foreign_first("河北省唐山市", hefei, compared=True)
    tangshan = Chunk(chunk_id="t", doc_id="ts", source="ts.md", region="河北省唐山市", title="唐山市高龄津贴发放实施细则",
                     text="80至89周岁老年人，每人每月50元。")
    law = Chunk(chunk_id="l", doc_id="law", source="law.md", region="全国", title="中华人民共和国老年人权益保障法",
                text="国家鼓励地方建立八十周岁以上低收入老年人高龄津贴制度。")
    hits = [Hit(tangshan, 1.0), Hit(law, 0.8)]
    own = [h for h in hits if not foreign_first(h.chunk.region, hefei)]
    picked = pick_sentences(own, {"高龄津贴": 5.0, "80": 1.0}, 3, wants_number=True, wanted_regions=hefei)
    assert [p.hit.chunk for p in picked] == [law]


def test_the_papers_of_the_clause_found_answer_what_to_bring():
    """"在鞍山办老年优待证要带啥": the clause on applying for the card finds it; its own sentence of papers ("申领时应当
    提交本人居民身份证、户口簿…"), which does not repeat the card's name, answers — not another clause's mention of an
    ID card ("凭…居民身份证免费乘坐")."""
    from advisor.answer.compose import ANSWER_HOLDS, ANSWERED_BY

    title = "鞍山市老年人优待办法"
    apply = Chunk(chunk_id="a", doc_id="as", source="as.txt", title=title, article="第四条",
                  text="年满60周岁的本市户籍老年人，可以向户籍所在地乡镇人民政府或者街道办事处申领《鞍山市老年人优待证》。"
                       "申领时应当提交本人居民身份证、户口簿和近期一寸免冠照片1张。")
    bus = Chunk(chunk_id="b", doc_id="as", source="as.txt", title=title, article="第五条",
                text="年满65周岁的本市户籍老年人，凭老年人优待证或者居民身份证免费乘坐市区公共汽车。")
    weights = {"优待证": 7.0, "申领": 3.0, "老年": 1.3}
    picked = pick_sentences([Hit(apply, 1.0), Hit(bus, 0.8)], weights, 3, must_hold=ANSWER_HOLDS["materials"][1],
                            answers=ANSWERED_BY["materials"])
    assert picked[0].span.startswith("申领时应当提交")



def test_the_sum_for_the_elders_age_in_the_document_found_answers_at_any_score():
    """"我妈83了 在竞秀区老年食堂吃饭 每顿饭能补多少钱": the 办法's definition of a 老年食堂 is found first; the row of its
    table for her age band ("年满80周岁不满90周岁的老年人 | 3", 元/餐) answers, however few of the question's words it has
    — not a row of another age, nor a sum of another document."""
    from advisor.ingest.chunking import TABLE_MARK

    title = "竞秀区老年助餐服务管理办法"
    header = f"第六条 > {TABLE_MARK}对象类别 | 补贴标准（元/餐）"
    define = Chunk(chunk_id="d", doc_id="jx", source="jx.docx", title=title, article="第二条",
                   text="本办法所称老年助餐点，是指为老年人提供集中就餐、送餐上门等服务的场所，包括社区老年食堂。")
    rows = [Chunk(chunk_id=f"r{i}", doc_id="jx", source="jx.docx", title=title, article="第六条", heading_path=header,
                  text=t) for i, t in enumerate(("年满70周岁不满80周岁的老年人 | 2", "年满80周岁不满90周岁的老年人 | 3"))]
    weights = {"老年食堂": 6.0, "助餐": 3.0, "社区": 1.0, "补贴": 1.0}
    hits = [Hit(define, 1.0), Hit(rows[0], 0.5), Hit(rows[1], 0.5)]
    picked = pick_sentences(hits, weights, 3, wants_number=True, wants_money=True, age=83)
    assert picked[0].hit.chunk is rows[1]
    # another document's row for her age, saying nothing of what is asked, is not put first
    other = replace(rows[1], chunk_id="o", doc_id="zz", title="某市养老服务补贴办法")
    picked = pick_sentences([Hit(define, 1.0), Hit(other, 0.5)], weights, 3, wants_number=True, wants_money=True, age=83)
    assert picked[0].hit.chunk is define


def test_a_document_saying_no_one_applies_answers_where_to_apply_and_what_to_bring():
    """"免申即享", "本人和家属无需再提交申请" answer "高龄补贴去哪申请 要带什么"; "跨入新年龄段的…无需重新申请" (said of who has
    it already) does not."""
    from advisor.answer.compose import ANSWER_HOLDS

    said = "老年人年满80周岁的，从次月起自动纳入发放范围，本人和家属无需再提交申请。"
    for kind in ("materials", "procedure"):
        assert ANSWER_HOLDS[kind][1].search(said)
        assert ANSWER_HOLDS[kind][1].search("我县高龄津贴全面实行‘免申即享’。")
    assert not ANSWER_HOLDS["materials"][1].search("已享受高龄津贴的老年人跨入新年龄段的，按照新标准发放，无需重新申请。")


def test_an_office_or_a_channel_answers_how_and_where_to_apply():
    """A 牵头部门 cell ("市交通运输局") and a channel ("通过…微信小程序实名注册") say where to go; a duty does not."""
    from advisor.answer.compose import ANSWER_HOLDS

    procedure = ANSWER_HOLDS["procedure"][1]
    assert procedure.search("凭老年人优待证（敬老卡）免费乘坐市区公交车。 | 关爱服务 | 市交通运输局")
    assert procedure.search("均可通过“婺源时间银行”微信小程序实名注册为志愿者")
    assert not procedure.search("鼓励60至69周岁的低龄健康老年人参与。")


def test_a_figure_of_the_same_clause_answers_first_and_the_other_ask_follows():
    """"评估费每人次多少？…评估费谁承担？": the clause's sentence with the fee (which says the question's heaviest word)
    answers first, though its sentence alone scores low, and the sentence answering the other ask follows it."""
    fee = _article("第(三)条第3项", "3. 失能评估费每人次300元。评估结论为重度失能的，评估费由长护险基金支付；评估结论未达到"
                   "重度失能的，评估费由申请人自付。")
    weights = {"评估费": 6.3, "评估": 3.0, "结论": 4.8, "重度": 4.2, "失能": 2.5, "达到": 3.4, "承担": 3.5}
    picked = pick_sentences([Hit(fee, 1.0)], weights, 3, wants_number=True)
    assert "300元" in picked[0].span
    assert len(picked) > 1 and "申请人自付" in picked[1].span


def test_a_short_numbered_item_is_quoted_whole_an_article_is_not():
    """"5. 评估结论有效期为2年。有效期满…申请重新评估。" answers "管几年 到期了咋办" as one 结论; an article's 款 are
    cited one by one."""
    from advisor.answer.compose import Scored, whole_item

    item = _article("第(三)条第5项", "5. 评估结论有效期为2年。有效期满仍需享受待遇的，应当在期满前30日内申请重新评估。")
    point = Scored(0, Hit(item, 1.0), "有效期满仍需享受待遇的，应当在期满前30日内申请重新评估。", 1.0)
    assert whole_item(point) == "评估结论有效期为2年。有效期满仍需享受待遇的，应当在期满前30日内申请重新评估。"
    article = _article("第十五条", "第十五条对年满八十周岁的老年人发放高龄津贴。高龄津贴按季度发放。")
    assert whole_item(Scored(0, Hit(article, 1.0), "高龄津贴按季度发放。", 1.0)) == ""


def test_a_notices_title_line_and_preamble_date_no_step_of_applying():
    """"啥时候去申请": the dated step of the document ("于2025年4月1日至5月31日…提出申请"), not its title line with its
    文号 or the preamble's "决定2025年在全区开展…"."""
    from advisor.answer.compose import Scored, dated_in_document

    title = "关于开展2025年特殊困难老年人家庭适老化改造工作的通知"
    head = Chunk(chunk_id="h", doc_id="d", source="d.txt", title=title, text=f"{title}郧民发〔2025〕12号")
    preamble = Chunk(chunk_id="p", doc_id="d", source="d.txt", title=title,
                     text="为改善居家生活环境，经研究，决定2025年在全区开展特殊困难老年人家庭适老化改造工作。")
    papers = _article("第三部分第(一)条第2项", "2.申请时提交申请表、老年人身份证和户口簿复印件。", title)
    step = _article("第三部分第(一)条第1项", "1.老年人或者其家属于2025年4月1日至5月31日向户籍所在地乡镇（街道）民政办提出申请；",
                    title)
    weights = {"申请": 5.2, "适老化改造": 3.5, "改造": 1.5, "适老化": 1.8}
    first = Scored(0, Hit(papers, 1.0), papers.text, 10.0)
    dated = dated_in_document(first, _holding(head, preamble, step, papers), weights, applying=True, ending=False)
    assert dated is not None and "4月1日" in dated.span


def test_a_line_for_questions_answers_which_phone_to_call_not_a_complaint_line():
    """"有啥不懂的打哪个电话问" of a guide whose "七、咨询电话" lists the office's number, a window's and a complaint line:
    the office's line (under the 咨询 section) answers, not "监督投诉电话"."""
    from advisor.answer.compose import PHONE, Scored, for_questions

    def item(n: int, text: str) -> Chunk:
        return Chunk(chunk_id=f"t{n}", doc_id="d", source="d.pdf", text=text, article=f"第七部分第{n}项",
                     heading_path=f"七、咨询电话 > {n}.", title="某县特困人员救助供养申请办事指南")

    office = item(1, "1. 某县民政局社会救助股：0593-3322157（工作日上午8:00—12:00）。")
    window = item(2, "2. 各乡镇人民政府（街道办事处）社会救助服务窗口电话详见各地公示栏。")
    complaint = item(3, "3. 监督投诉电话：0593-3325306；政务服务便民热线：12345。")
    assert for_questions(Scored(0, Hit(office, 1.0), office.text, 1.0))
    weights = {"社会救助": 4.0, "窗口": 3.0, "电话": 4.4}
    picked = pick_sentences([Hit(window, 1.0), Hit(complaint, 0.9), Hit(office, 0.5)], weights, 2,
                            must_hold=PHONE, answers=((PHONE, 2.0),), question="有啥不懂的打哪个电话问")
    assert any("3322157" in p.span for p in picked) and not any("投诉" in p.span for p in picked)


def test_what_a_meal_costs_the_elder_is_the_price_not_the_subsidy_the_canteen_gets():
    """"去那个长者食堂吃饭一顿要几块钱" asks what the elder pays ("80周岁以上老年人每餐5元"), not what the county gives the
    canteen ("80周岁以上老年人每餐补贴7元"); "一顿能补几块钱" still asks the subsidy."""
    from advisor.answer.compose import _ASKS_AID, _ASKS_FEE, FEE

    assert _ASKS_FEE.search("去那个长者食堂吃饭一顿要几块钱") and not _ASKS_AID.search("去那个长者食堂吃饭一顿要几块钱")
    assert _ASKS_AID.search("一顿能补几块钱")
    given = _article("", "县财政按实际就餐人次给予运营补贴：60至79周岁老年人每餐补贴4元，80周岁以上老年人每餐补贴7元。",
                     "某县长者食堂开门迎客")
    price = _article("", "本县户籍60至79周岁老年人每餐8元，80周岁以上老年人每餐5元。", "某县长者食堂开门迎客")
    weights = {"长者": 5.0, "食堂": 4.8, "每餐": 5.9, "补贴": 2.6}
    picked = pick_sentences([Hit(given, 1.0), Hit(price, 0.9)], weights, 1, wants_number=True, wants_money=True,
                            benefit=FEE)
    assert "每餐5元" in picked[0].span


def test_papers_of_another_subject_of_the_same_qa_page_are_not_the_papers_asked():
    """A 问答 on "高龄津贴和老年人意外伤害保险": for "高龄津贴…那要带啥东西", the papers of its 理赔 answer are of the other
    subject (the title names both, so it tells neither); those under "三、问：怎样申请高龄津贴？" are of this one."""
    from advisor.answer.compose import _MATERIALS, Scored, of_topic

    title = "某市高龄津贴和老年人意外伤害保险政策问答"
    claim = Chunk(chunk_id="q9", doc_id="d", source="d.txt", title=title, heading_path="九、问：发生意外后怎样理赔？",
                  text="答：理赔需提交以下材料：理赔申请书、被保险人身份证复印件；出险之日起180日内提出。")
    apply = Chunk(chunk_id="q3", doc_id="d", source="d.txt", title=title, heading_path="三、问：怎样申请高龄津贴？",
                  text="答：老年人本人持身份证、户口簿和社会保障卡，到乡镇便民服务中心提出申请。")
    weights = {"高龄津贴": 2.9, "高龄": 1.7, "津贴": 2.0, "80": 2.4, "申请": 1.4, "材料": 9.2}
    assert not of_topic(Scored(0, Hit(claim, 1.0), claim.text, 1.0), weights, _MATERIALS)
    assert of_topic(Scored(0, Hit(apply, 1.0), apply.text, 1.0), weights, _MATERIALS)


def test_a_sentence_that_refers_back_and_a_named_table_row():
    """"标准为：80周岁至89周岁的，每人每月100元；…" speaks of the 高龄津贴 of the sentence before it, and its band
    answers an elder of 85; the row the asker names ("我们是三星级养老院") answers before a clause that adds to it for
    another group; a price list's row that prices other services than the one asked gives no price of it."""
    from advisor.answer.compose import price_of_other, row_named

    clause = ("第十二条对具有本省户籍、年满80周岁的老年人发放高龄津贴。标准为：80周岁至89周岁的，每人每月100元；"
              "90周岁至99周岁的，每人每月300元。")
    picked = pick_sentences([Hit(_article("第十二条", clause, "某省老年人优待规定"), 1.0)],
                            {"高龄津贴": 6.3, "津贴": 4.3, "高龄": 3.7}, 2, wants_number=True, wants_money=True,
                            age=85, benefit="高龄津贴")
    assert "100元" in picked[0].span, [p.span for p in picked]

    row = replace(_article("第五条", "三星级 | 80 | 130 | 200"),
                  heading_path="第五条 > 表:机构星级 | 自理老年人 | 半失能老年人 | 失能老年人（单位：元/床·月）")
    assert row_named(row, "我们是三星级养老院，每床每月多少") and not row_named(row, "一星级的呢")
    prices = replace(_article("", "1 | 幸福里服务中心 | 助餐、助洁、陪同就医 | 助餐12元/餐；助洁40元/次 | 0355-7216688"),
                     heading_path="名单 > 表:序号 | 机构名称 | 服务项目 | 收费标准 | 联系电话")
    assert price_of_other(prices, {"陪同就医": 5.9, "幸福": 4.2})
    assert not price_of_other(prices, {"助洁": 5.0, "幸福": 4.2})
    daily = replace(prices, text="5 | 侯堡镇日间照料中心 | 日间照料、助餐 | 日间照料30元/天（含午餐） | 0355-7412036")
    assert not price_of_other(daily, {"日间照料": 5.0})


def test_a_line_the_clause_says_to_call_and_a_length_of_years_is_no_date():
    from advisor.answer.compose import DATE, line_named

    assert line_named("（二）承保机构24小时服务热线：0775-2682150。", "应当在48小时内拨打承保机构服务热线报案")
    assert not line_named("监督电话：0775-2833126。", "应当在48小时内拨打承保机构服务热线报案")
    assert not DATE.search("近2年内未发生重大安全责任事故") and DATE.search("年内完成改造")


def test_a_report_of_one_year_on_standards_raised_from_the_next_speaks_of_that_year():
    from advisor.answer.compose import other_year
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    q = analyze("通化市重度失能的低保老年人，2025年起养老服务补贴每月多少？", load_lexicon())
    said = replace(_article("", "重度失能的，由每人每月200元提高到每人每月300元。", "某市新闻发布会"),
                   kind="新闻报道", publish_date="2024-12-18")
    start = replace(said, chunk_id="s", text="自2025年1月1日起，提高全市高龄津贴和养老服务补贴标准。")
    assert other_year(q, [Hit(said, 1.0)], said, said.text) == "2024年"
    assert other_year(q, [Hit(said, 1.0), Hit(start, 0.9)], said, said.text) == ""


def test_a_standard_of_one_way_of_provision_and_an_age_of_one_listed_group():
    """"分散供养的特困人员…多少倍" is not answered by the standard of 集中供养; "80周岁以上" among the groups a sentence
    lists ("失能…老年人，80周岁以上高龄老年人，以及患有高血压…的老年人") leaves no 70-year-old with 高血压 out."""
    from advisor.answer.compose import age_one_of
    from advisor.answer.groups import contrasted

    clause = "集中供养特困人员的基本生活标准，按照不低于当地城乡居民最低生活保障标准的1.3倍确定。"
    assert contrasted("分散供养的特困人员，基本生活标准按低保标准的多少倍确定？", clause) == ("分散供养", "分散供养的特困人员")
    assert contrasted("集中供养的呢", clause) is None and contrasted("特困人员基本生活标准多少", clause) is None
    assert age_one_of("失能、半失能老年人，80周岁以上高龄老年人，以及患有高血压、糖尿病等慢性病的老年人优先签约。")
    assert not age_one_of("年满80周岁的老年人，每人每月发放高龄津贴100元。")
    assert not age_one_of("实施老年人能力评估规范国家标准,依申请为有评估需求的65周岁及以上老年人提供能力综合评估。")


def test_a_clause_for_ordinary_elders_is_not_for_an_elder_of_a_group():
    """"我们家是低保户…保费是自己出还是政府出": "普通老年人保费由个人承担" is not said of a 低保 elder."""
    clause = ("（一）保费标准。基本档每人每年保费20元，提升档每人每年保费50元。"
              "（二）普通老年人保费由个人承担，鼓励子女为父母投保、亲友为老年人投保。")
    weights = {"保费": 10.0, "承担": 3.0}
    hit = Hit(_article("第三部分", clause, "某市银龄安康工程实施方案"), 1.0)
    assert "普通老年人" in pick_sentences([hit], weights, 1)[0].span
    assert "普通老年人" not in pick_sentences([hit], weights, 1, group="低保家庭")[0].span


def test_the_elders_band_alone_is_quoted_from_a_sentence_of_several():
    from advisor.answer.compose import band_of

    sentence = "60—79周岁老年人每餐12元；80周岁以上老年人每餐8元；低保家庭老年人每餐5元。"
    assert band_of(sentence, 85) == "80周岁以上老年人每餐8元"
    assert band_of(sentence, 50) == ""  # no band holds the age: the sentence stays whole
    assert band_of("年满80周岁的老年人，每人每月100元。", 85) == ""  # one band: nothing to choose
    # a band of another group holds no elder of the group named: a 低保 elder of 85 is not in 低保边缘's 80+ row
    rows = "（二）最低生活保障家庭中的失能老年人，每人每月300元；（三）最低生活保障边缘家庭中80周岁以上的老年人，每人每月150元；"
    rows += "（五）100周岁以上的老年人，每人每月200元。"
    assert band_of(rows, 85) != "" and band_of(rows, 85, "低保家庭") == ""


def test_recovering_funds_and_a_ban_on_applying_are_sanctions():
    """"…会咋处理" of a home that lied to get subsidies: "追回补贴资金，3年内不得申报" is the sanction a penalty question
    is answered by (not only 罚款, 责令, 处罚)."""
    from advisor.answer.compose import FULL_ANSWER

    penalty = FULL_ANSWER["penalty"]
    assert penalty.search("以虚报入住人数骗取补贴资金的，由民政部门追回补贴资金")
    assert penalty.search("该机构3年内不得申报各类养老服务补贴") and penalty.search("涉嫌犯罪的，移送司法机关依法处理")
    assert not penalty.search("补贴资金按季度拨付到养老机构")


def test_papers_said_to_be_complete_name_no_paper():
    """"材料齐全的，…5个工作日内发放优待证" says when the card is issued; "提交本人居民身份证…" names the papers."""
    from advisor.answer.compose import _MATERIALS, FULL_ANSWER

    assert not _MATERIALS.search("材料齐全的，便民服务中心应当在5个工作日内发放优待证。")
    assert _MATERIALS.search("申领时应当提交本人居民身份证原件及复印件、户口簿和近期一寸免冠彩色照片2张。")
    assert _MATERIALS.search("申请人应当提交以下材料：") and FULL_ANSWER["materials"].search("申请人应当提交以下材料：")


def test_a_clause_ends_at_a_full_width_comma_as_at_an_ascii_one():
    """Documents keep "，" and "；" (questions are read NFKC, documents are not): "按照…标准" reaching over "，" would
    read "按照规定享受高龄津贴，具体标准和发放办法按照…有关规定执行" (which defers the sum) as a rule for the sum."""
    from advisor.answer.compose import _STANDARD

    defers = "80周岁以上老年人按照规定享受高龄津贴，具体标准和发放办法按照市民政部门有关规定执行。"
    assert not _STANDARD.search(defers) and not _STANDARD.search(defers.replace("，", ","))
    assert _STANDARD.search("护理补贴按照本市最低生活保障标准的50%发放")


def test_two_questions_one_after_the_other_are_both_answered_from_one_clause():
    """"最晚什么时候申请复核？多少个工作日内要作出决定？": the clause's first sentence shares the second question's words
    by chance ("向作出评定的民政部门"); its second sentence, which answers it, is a point too — and only with two
    questions asked."""
    clause = ("养老机构对评定结果有异议的，可以自收到评定结果之日起15个工作日内，向作出评定的民政部门书面申请复核。"
              "民政部门应当自收到复核申请之日起30个工作日内作出复核决定，并书面告知申请人。")
    weights = {"评定": 3.5, "结果": 3.8, "异议": 5.2, "复核": 5.9, "申请": 2.5, "民政部门": 2.7, "工作日内": 4.6,
               "作出": 4.4, "决定": 4.1}
    two = "对评定结果有异议，最晚什么时候可以申请复核？民政部门多少个工作日内要作出决定？"
    picked = pick_sentences([_hit(clause)], weights, 3, wants_number=True, question=two)
    assert "15个工作日" in picked[0].span and any("30个工作日" in p.span for p in picked[1:])
    one = "对评定结果有异议，最晚什么时候可以申请复核"
    assert all("30个工作日" not in p.span for p in pick_sentences([_hit(clause)], weights, 3, wants_number=True,
                                                                  question=one))


def test_a_year_between_a_plans_targets_is_not_stated():
    """"2028年…目标" of "（一）到2025年…不少于35张；（二）到2030年…；（三）到2035年…": the plan names the years it sets
    targets for, and 2028 is none of them; 2030, a year before the first or after the last, or a clause with one
    year only, gets nothing from this rule."""
    from advisor.answer.compose import years_around

    span = "（一）到2025年，每千名老年人拥有养老床位数不少于35张；（二）到2030年，不少于40张；（三）到2035年，不少于45张。"
    assert years_around(2028, span) == "2025年、2030年、2035年"
    assert years_around(2030, span) == "" and years_around(2040, span) == "" and years_around(2020, span) == ""
    assert years_around(2028, "到2025年，每千名老年人拥有养老床位数不少于35张。") == ""
