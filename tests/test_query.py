"""What a question asks, read from its words (issue 15, item 1)."""

from __future__ import annotations

import re

import pytest


def test_a_count_of_years_in_a_story_asks_no_figure():
    from advisor.answer.query import _WANTS_NUMBER

    assert not _WANTS_NUMBER.search("跟儿子在萍乡住了十几年了 能领吗")
    assert not _WANTS_NUMBER.search("瘫在床上十几天了")
    assert _WANTS_NUMBER.search("要住几年才能领")
    assert _WANTS_NUMBER.search("从哪个月开始发")


def test_a_message_leaning_on_the_last_answer_is_a_follow_up():
    from pathlib import Path

    from advisor.answer.query import looks_like_follow_up
    from advisor.answer.understand import rewrite
    from advisor.lexicon import load_lexicon

    # "也能…吗": the same as just answered, for someone else
    assert looks_like_follow_up("我是外地户口 来鞍山带孙子的 今年68了 也能免费坐吗", 5)
    assert not looks_like_follow_up("我是外地户口 来鞍山带孙子的 今年68了 能免费坐公交吗", 5)
    # "这家" points back at the institution just named: no topic of its own
    lex = load_lexicon(Path(__file__).resolve().parent.parent / "corpus" / "lexicon")
    first = "我在椒江的养老院做护理员 有中级证 每月补贴多少"
    assert rewrite("我在这家干了6年了 能多拿点吗", first, lex).endswith(first)


def test_bao_alone_is_applying_but_not_inside_other_words():
    """"那什么时候报 找谁报": 报 alone is applying (searched as 申请, 申报); 报名, 报销 keep their own words."""
    from advisor.answer.query import APPLY_SAID

    assert APPLY_SAID.search("那什么时候报 找谁报") and APPLY_SAID.search("材料去哪报？")
    assert not APPLY_SAID.search("那今年啥时候报名 截止到哪天") and not APPLY_SAID.search("住院费用去哪报销")


def test_which_medicine_asked_in_passing_is_a_medication_question():
    """"晚上老不睡觉来回闹，吃点啥药好" asks for medicine (a doctor's answer), not for a policy."""
    from advisor.answer.query import MEDICATION

    assert MEDICATION.search("我妈82了有老年痴呆，晚上老不睡觉来回闹，吃点啥药好")
    assert not MEDICATION.search("医保能报销哪些药品费用")


def test_a_call_told_of_is_no_request_for_a_phone_number():
    """"有人打电话说给我爸发养老补贴，让报银行卡密码…民政会这样吗" tells of a call; "电话多少" asks for a number."""
    from advisor.answer.query import wants_of

    assert wants_of("有人打电话说给我爸发养老补贴，让报银行卡密码和验证码，民政会这样吗") != "contact"
    assert wants_of("民政局电话多少") == "contact" and wants_of("有问题打哪个电话") == "contact"


def test_hours_and_years_asked_are_a_length_of_time():
    """"每天最多能存几个小时", "评估结论管几年": a length of time answers (4小时, 2年), not a count of people (20名)."""
    from advisor.answer.query import _WANTS_PERIOD

    assert _WANTS_PERIOD.search("每天最多能存几个小时")
    assert _WANTS_PERIOD.search("要存多少个钟头才行")
    assert _WANTS_PERIOD.search("失能评估结论管几年")
    assert not _WANTS_PERIOD.search("哪几年发的文件")


def test_legal_aid_is_a_service_not_a_question_about_national_law():
    """"申请法律援助…区法律援助中心电话多少" asks about a local service; "法律上…" asks what the national law says."""
    from pathlib import Path

    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    lex = load_lexicon(Path(__file__).resolve().parent.parent / "corpus" / "lexicon")
    assert not analyze("老人追索赡养费申请法律援助，需不需要审查经济困难状况？区法律援助中心电话多少？", lex).national
    assert analyze("法律上子女必须赡养父母吗", lex).national
    # a province's 实施意见 is not the national 意见
    assert not analyze("按省里的实施意见，一次性建设补贴每张床位能拿多少？", lex).national
    assert analyze("国家的意见里对护理型床位有什么要求", lex).national


def test_a_document_is_named_by_its_subject():
    """"申报认知障碍照护专区建设补助…" names the 申报指南 on that 建设补助 (its place, year and kind left out); a short
    subject many documents share ("居家养老服务") names none."""
    from advisor.lexicon import load_lexicon
    from advisor.retrieval.named import documents_named, short_title, title_subject

    lex = load_lexicon()
    title = "樊城区2026年认知障碍照护专区建设补助申报指南"
    assert title_subject(short_title(title, lex)) == "认知障碍照护专区建设补助"
    assert title_subject("养老机构运营补贴发放实施细则") == "养老机构运营补贴"
    titles = [title, "北京市居家养老服务条例"]
    shorts = {t: short_title(t, lex) for t in titles}
    assert documents_named("申报认知障碍照护专区建设补助，材料要准备几份？", titles, {}, shorts) == {title}
    assert documents_named("居家养老服务有哪些？", titles, {}, shorts) == frozenset()


def test_what_a_family_pays_and_a_ceiling_are_asked_as_such():
    """"评估费交多少" asks a sum of money; "补几多" (广东) asks how much; "有冇" asks whether; "一年最多补多少" asks a
    ceiling, which "最高不超过5万元" states."""
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    lex = load_lexicon()
    fee = analyze("宝鸡长护险做失能评估要不要交评估费 交多少", lex)
    assert fee.asks_amount and fee.asks_money
    assert not analyze("免费体检多久做一次", lex).asks_money
    cantonese = analyze("家庭养老床位建床有冇补贴 补几多", lex)
    assert cantonese.wants == "number" and cantonese.asks_amount
    assert analyze("单个助餐点一年最多补多少", lex).asks_ceiling
    assert not analyze("助餐点一年补多少", lex).asks_ceiling


def test_a_voucher_that_lapses_is_no_question_about_a_documents_validity():
    """"没用完是不是就作废了" asks about a voucher or a card's balance; "这个办法作废了没有" about the document."""
    from advisor.answer.query import wants_of

    assert wants_of("居家养老补贴的卡 里头的钱用不完 年底会不会作废") != "meta"
    assert wants_of("养老服务券这个月没用完是不是就作废了") != "meta"
    assert wants_of("这个办法作废了没有") == "meta" and wants_of("老文件废止了吗") == "meta"


def test_places_set_side_by_side_are_a_comparison():
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    lex = load_lexicon()
    assert analyze("黄石港区的标准跟下陆区一样吗?", lex).compares
    assert analyze("清远和广州的高龄津贴有什么区别", lex).compares
    assert not analyze("户口在河南,现在在杭州常住,能领高龄津贴吗", lex).compares


@pytest.mark.parametrize("question,thing", [
    ("优待证办下来能用几年 要不要年年拿去审", "待证"),
    ("灵璧的老年人优待证有效期几年", "待证"),
    ("这个评估结果管多久？评估要交钱不？", "结论"),  # an assessment's 结果 is its 结论 in the documents
])
def test_how_long_a_card_or_a_result_lasts_is_no_question_about_a_document(question, thing):
    from advisor.answer.query import analyze, lasting_thing
    from advisor.lexicon import load_lexicon

    q = analyze(question, load_lexicon())
    assert q.asks_lasting and q.wants != "meta"
    assert re.search(lasting_thing(question), thing)


def test_a_documents_validity_is_still_a_question_about_the_document():
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    q = analyze("六安高龄津贴这个办法啥时候开始执行的 管几年啊", load_lexicon())
    assert q.wants == "meta" and not q.asks_lasting


def test_how_much_in_wu_dialect_asks_a_sum_of_money():
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    q = analyze("伲外婆78岁 住茶山 到长者饭堂吃中饭几钿一顿啊", load_lexicon())  # 几钿: 多少钱
    assert q.wants == "number" and q.asks_amount and q.asks_money


def test_when_cover_starts_is_no_question_about_the_documents_own_dates():
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    lex = load_lexicon()
    cover = analyze("施甸县老年人意外伤害保险的保险期间从何时起至何时止？集中投保期结束后参保的，从何时起生效？", lex)
    assert cover.wants != "meta"
    assert analyze("这个意外伤害保险实施方案从何时起生效？", lex).wants == "meta"  # the document named


def test_the_kind_of_answer_is_that_of_the_first_question_of_several():
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    lex = load_lexicon()
    # "雁塔区家庭养老床位找哪个部门申请？申请了多久会来家里看": the office first, then the time
    assert analyze("雁塔区家庭养老床位找哪个部门申请？申请了多久会来家里看", lex).wants == "procedure"
    assert analyze("申请了多久会来家里看？", lex).wants == "number"


def test_a_beginning_asked_and_a_sum_asked_as_families_say_it():
    from advisor.answer.query import analyze as _analyze
    from advisor.lexicon import load_lexicon

    lex = load_lexicon()
    q = _analyze("啥时候开始按新标准发", lex)
    assert q.asks_start and q.asks_date
    assert not _analyze("补贴什么时候发", lex).asks_start
    assert _analyze("高龄津贴一个月给几个钱", lex).asks_amount
