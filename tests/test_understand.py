"""One understanding step (issue 15, item 0): a message and its conversation become one typed value, and every
route reads it."""

from __future__ import annotations

import pytest

from advisor.answer.understand import ROUTES, Understanding
from advisor.profile import Profile


def understood(advisor_obj, message: str, profile: Profile | None = None, last_query: str = "") -> Understanding:
    from advisor.answer.understand import understand

    return understand(message, advisor_obj.lex, advisor_obj.spelling, profile or Profile(), last_query)


@pytest.mark.parametrize("message,route", [
    ("你好", "small_talk"),
    ("我爸血压高 降压药一次吃几片", "medical"),
    ("清远附近有什么养老院", "providers"),
    ("我妈82岁,在清远,失能了,能享受什么服务?", "eligibility"),
    ("清远护理型床位占比要达到多少?", "policy"),
    # an open question that names a topic of the documents is answered from them, not by the checklist
    ("在辽宁,困难老人家里做适老化改造有什么政策?", "policy"),
    ("我爸在辽宁,是特困人员,半失能,中风了,能享受什么?", "eligibility"),  # facts about the elder, no topic
])
def test_each_message_has_one_route(advisor_obj, message, route):
    u = understood(advisor_obj, message)
    assert u.route == route and u.route in ROUTES


def test_a_follow_up_carries_the_topic_and_asks_its_own_thing(advisor_obj):
    u = understood(advisor_obj, "要什么材料?", last_query="清远高龄津贴怎么申请?")
    assert "高龄津贴" in u.query and "怎么申请" not in u.query
    assert u.focus == "要什么材料?" and u.asked.wants == "materials"


def test_facts_and_typos_are_read_from_the_same_message(advisor_obj):
    u = understood(advisor_obj, "我爸79 清远的 中疯了 半身不遂 有补帖吗")
    assert [(c.typed, c.meant) for c in u.corrections] == [("中疯", "中风"), ("补帖", "补贴")]
    assert u.facts.age == 79 and "清远" in u.facts.region and u.facts.disability
    assert u.profile.region == u.facts.region  # what the routing saw includes this message's facts


def test_the_conversation_profile_is_not_changed_by_understanding_alone(advisor_obj):
    profile = Profile(region="广东省清远市")
    understood(advisor_obj, "我妈85岁了", profile)
    assert profile.age is None


def test_profile_misreadings_that_are_not_facts(advisor_obj):
    from advisor.profile import extract_profile

    assert extract_profile("老人家120来了吗", advisor_obj.lex).age is None  # a phone number, not an age
    assert extract_profile("我妈晚上躺在床上睡不着", advisor_obj.lex).disability == ""


def test_a_follow_up_of_one_colloquial_word_carries_the_topic(advisor_obj):
    # "批下来" is cut as 批下, 下来, 批下来: one word, and no topic of its own
    u = understood(advisor_obj, "交到哪去办啊,多久能批下来", last_query="柳州的老年助餐补贴我爷爷能申请吗")
    assert "老年助餐" in u.query


def test_the_time_a_figure_is_asked_per_is_no_topic_of_its_own(advisor_obj):
    # "一天多少钱 管饭不" after a question on a day-care place: 一天 says per what, not about what
    u = understood(advisor_obj, "一天多少钱 管饭不", last_query="侯堡镇有没有白天能把老人送过去照看的地方")
    assert "照看" in u.query


def test_the_word_joining_a_follow_up_is_no_part_of_what_it_asks(advisor_obj):
    u = understood(advisor_obj, "那要准备啥材料", last_query="清远高龄津贴怎么申请?")
    assert u.focus == "要准备啥材料" and u.query.startswith("要准备啥材料")
    kept = understood(advisor_obj, "那个养老院收费吗", last_query="清远有哪些公办养老院?")
    assert "那个" in kept.query


def test_a_county_with_a_document_is_named_without_its_suffix_and_only_then():
    from advisor.lexicon import find_regions, load_lexicon, with_document_places

    lex = load_lexicon()
    assert find_regions("广丰今年满80的老人", lex) == []  # no document for it: a short county name is no place
    local = with_document_places(lex, ["江西省上饶市广丰区", "山东省滨州市惠民县"])
    assert find_regions("广丰今年满80的老人", local) == ["江西省上饶市广丰区"]
    assert find_regions("惠民政策有哪些", local) == []  # 惠民 is a word of its own
    assert find_regions("广丰区", local) == find_regions("广丰区", lex) == ["江西省上饶市广丰区"]


def test_where_and_when_an_office_works_are_asked_in_the_documents_words():
    from advisor.answer.query import analyze
    from advisor.lexicon import load_lexicon

    q = analyze("护理员岗位补贴在哪个部门办 地址在哪 几点上班", load_lexicon())
    assert "办理地点" in q.search and "办公时间" in q.search  # as a notice's 办理地点和时间 section writes them


def test_a_follow_up_with_the_elders_age_and_a_time_is_still_a_follow_up():
    """"我爷爷今年91了，他一个月能拿多少？" names no topic of its own (an age, 今年, a count): it carries the earlier
    one (高龄津贴)."""
    from advisor.answer.understand import rewrite
    from advisor.lexicon import load_lexicon

    out = rewrite("我爷爷今年91了,他一个月能拿多少?", "张店区的高龄津贴是按月发还是按季度发?", load_lexicon())
    assert "高龄津贴" in out and "91" in out


def test_a_follow_up_telling_how_the_elder_is_and_asking_what_to_do_carries_the_topic():
    """"我家老爷子70了 瘫在床上下不了地 去不了卫生院咋整" after a question on a free check-up: who the elder is, how
    he is and "咋整" name no topic; the check-up is still what is asked about."""
    from advisor.answer.understand import rewrite
    from advisor.lexicon import load_lexicon

    out = rewrite("我家老爷子70了 瘫在床上下不了地 去不了卫生院咋整", "盘溪镇这个老人免费体检 哪些人能参加",
                  load_lexicon())
    assert "免费体检" in out and "哪些人" not in out  # the topic, not the earlier ask
    # only words of the elder's body's state are set aside: "村里" (where the elder lives) still names a topic
    assert rewrite("村里有什么养老设施能帮上忙？", "我爸在新疆农村，78岁，一个人住。",
                   load_lexicon()) == "村里有什么养老设施能帮上忙？"


def test_a_follow_up_in_words_no_document_uses_carries_the_topic():
    """"交上去以后多长时间能批下来" after "他能吃特困不": its pieces (交上去, 批下来) are words neither the documents
    nor the lexicon know, so they name no matter of their own; a message with a word of the documents still
    asks its own thing."""
    from advisor.answer.understand import rewrite
    from advisor.lexicon import load_lexicon

    lex = load_lexicon()
    vocabulary = {"特困", "特困人员", "供养", "诉讼费", "收费", "社区"}
    last = "俺们村有个老光棍 七十多了 他能吃特困不"
    assert "特困" in rewrite("交上去以后多长时间能批下来", last, lex, vocabulary)
    # "社区" is a word any two matters share: "几天之内去社区讲一声" still asks on about the last topic
    assert "补贴" in rewrite("屋里人要几天之内去社区讲一声", "他住进养老院了 居家养老补贴还能领不", lex, vocabulary)
    # without the documents' vocabulary, the unknown pieces count as words of a topic of its own
    assert rewrite("交上去以后多长时间能批下来", last, lex) == "交上去以后多长时间能批下来"
    # a word of the documents is a matter of its own
    assert rewrite("可我交不起诉讼费怎么办?", "能找谁来调解", lex, vocabulary) == "可我交不起诉讼费怎么办?"
