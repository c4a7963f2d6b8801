"""Reading a message before any search: emergencies, medication questions, small talk, long stories (issue 15,
items 4, 5 and 7). No test asserts a fixed answer text: they check what a person must see first."""

from __future__ import annotations

import pytest

from advisor.answer.message import (
    MAX_MESSAGE_CHARS,
    emergency_kind,
    question_of,
    read_message,
    small_talk_kind,
    story_topics,
)

STORY = ("我爸今年79岁,住在清远市清城区。" + "他去年中风以后半身不遂,一直躺在床上,我和弟弟都在外地打工,"
         "家里只有我妈照顾他,我妈自己也有高血压,晚上要起来好几次给他翻身。" * 25 +
         "我们家条件一般。请问像我爸这种情况,政府有没有上门照护的服务?")


@pytest.mark.parametrize("text,kind", [
    ("我爸血压190/110 头晕得站不住", "120"),
    ("我妈在卫生间摔倒了起不来", "120"),
    ("老人突然说不出话,嘴歪了", "120"),
    ("我爸昏迷了叫不醒", "120"),
    ("我妈说她不想活了", "mind"),
    ("老人走失了一整天", "110"),
    ("有没有防走失手环的补贴", ""),  # a policy question about a device, not a missing person
    ("我爸去年中风了,现在能申请护理补贴吗", ""),  # an illness in the past is not an emergency
    ("血压计能不能报销", ""),
    ("儿子经常打我妈", "110"),
    ("打我妈电话一直没人接,清远社区有探访关爱服务吗", ""),  # a phone call, not a blow
    ("我妈走失过一次,有没有防走失定位手环的补贴", ""),  # told as past
    ("我爸去年摔倒了起不来,住了一个月院,现在出院了,能申请护理补贴吗", ""),
    ("新闻上看到有老人被打,养老院管不管", ""),  # told as news
    ("我妈血压突然到180多了,头晕得站不住,还想吐,怎么办", "120"),  # a reading followed by 多
    ("血压计测了2019次了", ""),  # a count, not a reading
    ("我妈刚才在卫生间摔倒了,起不来,叫她也不太应,怎么办?", "120"),  # a sign over a comma
    ("我爸刚量的血压一百九,说头晕得厉害", "120"),  # a reading in Chinese numerals
    ("我爸去年摔倒了,起不来,住了一个月院", ""),  # over a comma, and told as past
    ("领导叫他也不应付", ""),
])
def test_emergency_signs(text, kind):
    assert emergency_kind(text) == kind


@pytest.mark.parametrize("text,kind", [
    ("你好", "greeting"), ("您好!", "greeting"), ("在吗?", "greeting"), ("谢谢!", "thanks"),
    ("好的,谢谢", "thanks"), ("你是谁", "identity"), ("再见", "bye"),
    ("你好,我想问高龄津贴怎么申请", ""), ("谢谢,那材料要什么?", ""),
])
def test_small_talk_is_the_whole_message(text, kind):
    assert small_talk_kind(text) == kind


def test_question_of_a_long_story_is_its_question_sentence():
    q = question_of(STORY)
    assert "上门照护" in q and len(q) < 40 and "翻身" not in q  # the question, not the story
    assert question_of("清远高龄津贴怎么申请?") == "清远高龄津贴怎么申请?"  # a short message is its own question


def test_a_short_question_keeps_the_sentence_before_it():
    story = "我妈85岁了,一个人住在乡下,我们都在外地。" * 15 + "想让她住进公办养老院。怎么办?"
    assert "公办养老院" in question_of(story)


def test_message_over_the_limit_is_cut_but_its_question_found():
    msg = read_message(STORY * 10)
    assert msg.cut and len(msg.story) == MAX_MESSAGE_CHARS
    assert "上门照护" in msg.question


def test_medication_question_is_flagged():
    assert read_message("我爸血压180/110 头晕 要不要吃硝苯地平 吃几片").medication
    assert not read_message("高血压的老人能申请家庭医生签约服务吗").medication
    assert read_message("我妈老年痴呆 晚上老不睡觉 能给她吃点安眠药吗").medication
    assert not read_message("可以用医保卡买药吗").medication and not read_message("老人吃药能报销吗").medication
    assert not read_message("降压药医保能报销吗").medication  # a policy question that names a medicine
    assert not read_message("我爸每天要打胰岛素,社区能上门帮忙吗").medication
    assert read_message("我爸的降压药今天早上忘吃了,晚上能不能补上?").medication  # a missed dose


def test_a_story_without_punctuation_is_answered_by_its_end():
    msg = read_message("我妈85岁在清远失能了" * 1500)
    assert len(msg.question) <= 300 and msg.cut


def test_a_fall_years_ago_in_a_long_story_is_not_an_emergency():
    story = "我爸前年在家摔倒了起不来,后来住院治好了。" + "现在他一个人住在清远,我们都在外地上班。" * 20 + "请问清远有没有上门探访的服务?"
    assert read_message(story).emergency == ""


def _first_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.strip())


def test_emergency_comes_first_and_medication_never_goes_to_policy(advisor_obj):
    c = advisor_obj.conversation()
    c.ask("我妈在上海,85岁")  # a region kept from an earlier turn must not turn this into a policy refusal
    ans = c.ask("我爸血压180/110 头晕 要不要吃硝苯地平 吃几片")
    assert "120" in _first_line(ans.text)
    assert "民政" not in ans.text and "资料库" not in ans.text
    assert not ans.citations


def test_emergency_with_a_policy_question_answers_both(advisor_obj):
    ans = advisor_obj.conversation().ask("我妈一个人在家摔倒了起不来,我在外地,清远有没有居家养老上门服务?")
    lines = [ln for ln in ans.text.splitlines() if ln.strip()]
    assert "120" in lines[0]
    if not ans.refused:  # the policy part, when there is one, comes after the call to action
        assert ans.citations and any("结论" in ln for ln in lines[1:])


@pytest.mark.parametrize("text", ["你好", "谢谢", "你是谁"])
def test_small_talk_gets_a_friendly_reply(advisor_obj, text):
    ans = advisor_obj.conversation().ask(text)
    assert ans.kind == "small_talk" and not ans.citations
    assert "没有找到" not in ans.text and "抱歉" not in ans.text
    assert "例如" in ans.text  # says what the advisor can do


def test_long_story_answers_its_question_and_reads_the_profile(advisor_obj):
    c = advisor_obj.conversation()
    ans = c.ask(STORY)
    assert "上门照护" in ans.text.splitlines()[0]  # the user is told which question was answered
    assert c.profile.age == 79 and c.profile.disability and "清远" in c.profile.region
    assert any("上门" in cit.text for cit in ans.citations) or ans.refused


def test_very_long_story_says_it_was_shortened(advisor_obj):
    ans = advisor_obj.conversation().ask(STORY * 10)
    first = ans.text.splitlines()[0]
    assert str(MAX_MESSAGE_CHARS) in first and "上门照护" in first


@pytest.mark.parametrize("text", ["谢谢你,说得很清楚", "很有帮助,谢谢", "讲得挺明白"])
def test_thanks_in_other_words_is_small_talk(text):
    assert small_talk_kind(text) == "thanks"


def test_all_the_questions_after_i_want_to_ask_are_asked():
    story = "我爷爷91岁了,老家在农村,整天躺在炕上。" * 12 + "听说有给八九十岁老人发的高龄津贴,没人跟我们说过。" \
        "我想问一下:他出不了门,能不能上门来办?办下来以后一个月能领多少钱?"
    q = question_of(story)
    assert q.startswith("他出不了门") and q.endswith("能领多少钱?")  # both questions, without the asking words
    assert story_topics(story, q) == ["高龄津贴"]  # what the story says the question is about
    assert story_topics("我妈82岁,要申请护理补贴。" * 20 + "请问多久能批下来?", "多久能批下来?") == ["护理补贴"]
    # a service the story names is the topic too; "这次没认证上" names none
    told = "村里说区里在搞家庭养老床位,我想给我妈报一个。" * 6 + "说今年要做生存认证了,这次没认证上钱就停了。"
    assert story_topics(told + "截止到哪天?", "截止到哪天?") == ["生存认证", "家庭养老床位"]


def test_a_dose_question_is_medication_whatever_the_medicine_is_called():
    assert read_message("我爸中风出院了 医生开了阿司匹林 我想换成氯吡格雷 哪个好 一天吃多少").medication
    assert read_message("医生开的那个 能不能换成别的 哪个好").medication
    assert not read_message("助餐点一天吃两顿 都能补吗").medication  # meals, not a dose
    assert not read_message("老人在食堂一天吃几顿能补贴").medication


def test_a_story_after_an_opening_ask_is_not_the_question():
    """"我是…的，想问个事情。" opens a long story: its questions are where the story starts asking, not the whole
    story after "想问"."""
    story = ("我是遵义播州区的，想问个事情。我婆婆今年七十六岁，前年中风以后就瘫在床上了，" + "吃饭翻身都要人帮忙，" * 12
             + "家里去年评上了低保。那像她这种低保家庭、重度失能的，每个月能有多少补贴？是直接打到卡上吗？")
    q = question_of(story)
    assert len(q) < 60 and q.endswith("是直接打到卡上吗？")  # not the whole story told after "想问个事情"
    # "我想问一下：…？…？" still keeps every question after the ask
    asks = "我爸今年八十五了，" * 25 + "我想问一下：高龄津贴一个月多少钱？去哪里申请？"
    assert question_of(asks) == "高龄津贴一个月多少钱？去哪里申请？"


@pytest.mark.parametrize("text,asks", [
    ("俺妈刚在厕所摔了 躺地上起不来 说胯骨那疼得厉害 俺一个人扶不动 咋办啊", False),
    ("我爸刚在卫生间摔倒了 叫他没反应 怎么办", False),
    ("我妈摔倒了起不来,能申请上门护理吗", True),
    ("要是我叔还动手打奶奶，会怎么处理？", True),  # the law's answer to abuse is policy too
    ("我爸血压180 头晕 住院能报销多少", True),
])
def test_whether_an_emergency_message_also_asks_about_policy(text, asks):
    assert read_message(text).asks_policy is asks


def test_an_emergency_that_asks_nothing_of_policy_gets_only_the_number_to_call(advisor_obj):
    """"摔了 起不来 咋办" asks what to do now: the answer is the call to 120, not a clause that happens to share
    a word (厕所, 扶) with the message."""
    ans = advisor_obj.conversation().ask("俺妈刚在厕所摔了 躺地上起不来 说胯骨那疼得厉害 俺一个人扶不动 咋办啊")
    assert "120" in _first_line(ans.text)
    assert ans.refused and not ans.citations and "结论" not in ans.text
