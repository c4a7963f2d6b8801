"""One understanding step: a user's message, with the conversation so far, becomes one typed value that says
what to answer and how (issue 15, item 0). Every route (small talk, medical, providers, eligibility, policy)
reads this value; no later stage parses the message again.

    read (message.py) → sound-alike typos (spelling.py) → places written in full (lexicon.in_full)
    → the elder's facts (profile.py)
    → follow-up rewrite (with the last turn's topic) → route → what is asked (query.analyze)
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from advisor.answer.message import Message, read_message, story_topics
from advisor.answer.query import (
    CONNECTIVE,
    COUNT_WORD,
    NOW_WORDS,
    PER_TIME,
    Query,
    analyze,
    asks_own,
    looks_like_follow_up,
    topic_of,
)
from advisor.answer.spelling import Correction, SoundAlike
from advisor.lexicon import Lexicon, find_regions, in_full
from advisor.profile import ELDER_WORDS, PROFILE_PHRASES, Profile, extract_profile
from advisor.retrieval.retriever import tokenize
from advisor.services.eligibility import is_eligibility_question
from advisor.services.providers import is_provider_question

# words that say who or where, not what about: a message made of these is a follow-up
GENERIC_WORDS = frozenset({"养老", "老人", "老年人", "服务", "政策", "规定", "国家", "我妈", "我爸", "妈妈", "爸爸",
                           "老伴", "奶奶", "爷爷", "我家", "俺家", "我们家"})
# "…去不了卫生院咋整": asking what to do names no topic of its own
_COPING = frozenset({"咋整", "咋办", "怎么办", "怎么整", "咋弄", "怎么弄"})
# words of an open "what can she get?" question that name no topic of their own: the benefit asked for in
# general, the elder's home and body (a message with a topic besides these is answered from the documents)
BENEFIT_WORDS = frozenset({"享受", "申请", "待遇", "补贴", "补助", "津贴", "福利", "照顾", "优惠", "服务", "帮助", "政策",
                           "条件", "符合", "领取", "能领", "得到", "能住", "养老院", "养老机构", "家里", "人家", "老人家",
                           "老年", "身体", "一个", "人住", "情况", "现在", "能够", "可以"})
# the span a time is asked within ("几天之内去社区讲一声"): part of the asking, no topic
_WITHIN = frozenset({"之内", "以内", "之后", "以后", "之前", "以前"})
# a word pointing back at what was said ("我在这家干了6年了", "那种的呢"): no topic of its own
_POINTS_BACK = re.compile(r"[这那该此][家个种项位条笔份些样类]")
# a message that says it changes the subject ("对了，…", "另外问一下…") carries no earlier topic
_NEW_TOPIC = re.compile(r"^(?:对了|另外|换个|再问个|还有个问题|还有一个问题|顺便问)")
# words two questions on different matters share (机构, 人员): sharing them is no sign of one topic
_SHARED_BY_ANY = frozenset({"机构", "人员", "部门", "家庭", "社区", "问题", "老年", "单位", "我们", "工作"})
ROUTES = ("small_talk", "medical", "providers", "eligibility", "policy")


@dataclass(frozen=True)
class Understanding:
    """A message understood in its conversation: everything the routes need, computed once."""

    message: Message  # as read: the question, the whole story, emergency / medication / small-talk flags
    corrections: tuple[Correction, ...]  # typos read as the documents' words (the reply says so)
    facts: Profile  # what this message says about the elder
    profile: Profile  # the conversation's profile with these facts: what the routing saw
    query: str  # the self-contained question (a follow-up carries the last turn's topic)
    focus: str  # the latest message when `query` carries earlier turns, else ""
    route: str  # one of ROUTES
    asked: Query = field(default_factory=lambda: Query(text="", search=""))  # what is asked (policy route)


def content_terms(text: str) -> list[str]:
    """Words of a message that carry a topic (not function words, not who/where)."""
    return [t for t in tokenize(text) if len(t) >= 2 and t not in GENERIC_WORDS]


def topic_words(text: str, lex: Lexicon) -> list[str]:
    """The content terms of `text` that are not place names: what a message is about."""
    return [t for t in content_terms(text) if not find_regions(t, lex)]


def asked_topic(text: str, lex: Lexicon, vocabulary: Collection[str]) -> list[str]:
    """The topic words of an open question besides the elder's facts and the benefit asked in general: words
    of the documents' vocabulary ("适老化改造", "临时") that say what the question is about."""
    words = topic_words(text, lex)
    facts = [w for w in words if any(p in w or w in p for p in PROFILE_PHRASES)]
    return [t for t in words if not t.isdigit() and t not in BENEFIT_WORDS and t in vocabulary
            and not any(t in f for f in facts)]  # 人员 of 特困人员 is part of a fact


_CONDITIONS = frozenset({"失能", "半失能", "行动不便", "卧床"})  # what the lexicon reads a body's state as


def _elder_or_condition(word: str, message: str, lex: Lexicon) -> bool:
    """Whether `word` names the elder ("老爷子") or is part of how the message says the elder is ("床上" of 瘫在床上,
    "不了" of 下不了地: words the lexicon reads as 失能 or 行动不便)."""
    return any(word in w for w in ELDER_WORDS) or any(
        word in said and said in message for said, meant in lex.synonyms.items() if _CONDITIONS & set(meant))


def carries_on(message: str, last_query: str, lex: Lexicon) -> bool:
    """Whether a message that reads as a question of its own goes on with the last turn's topic: it names no
    place, repeats a word of that topic that is not a general benefit word, and leaves out another of its
    words ("老人不想去敬老院，能在家里供养吗?" after "特困供养都管些什么?" is about 特困供养)."""
    if find_regions(message, lex) or _NEW_TOPIC.match(message):
        return False
    before = set(topic_words(topic_of(last_query), lex)) - BENEFIT_WORDS - _SHARED_BY_ANY
    now = set(topic_words(message, lex))
    shared = {w for w in before & now if not w.isdigit()}
    return bool(shared) and bool(before - now - shared) and not any(w in message for w in before - shared)


def rewrite(message: str, last_query: str, lex: Lexicon, vocabulary: Collection[str] = ()) -> str:
    """Make a follow-up self-contained: "那新疆呢?" after a question on 养老机构分类 becomes that question about
    新疆; "要什么材料?" after "…怎么申请?" carries the topic, not the earlier ask. `vocabulary`: the documents' and
    the lexicon's words; a piece of the message neither knows ("交上去", "批下来", "屋里人") names no topic."""
    if not last_query:
        return message
    # the words that only say what kind of answer is wanted ("要准备啥材料", "一户补多少钱") name no topic of their own
    # nor the elder's age, a time seen from the asker or a count ("我爷爷今年91了，他一个月能拿多少")
    # nor who the elder is and how they are ("我家老爷子70了 瘫在床上下不了地 去不了卫生院咋整": 卫生院 alone is
    # its own word)
    own_topic = [t for t in topic_words(topic_of(message), lex) if t not in BENEFIT_WORDS and not COUNT_WORD.match(t)
                 and not PER_TIME.fullmatch(t) and t not in _COPING and not _elder_or_condition(t, message, lex)
                 and not _POINTS_BACK.fullmatch(t) and not t.isdigit() and t not in NOW_WORDS
                 and t not in _WITHIN]
    # one word cut several ways ("批下来": 批下, 下来, 批下来) is one word
    own_topic = [t for t in own_topic if not any(t != u and t in u for u in own_topic)]
    # none of them a word of the documents or the lexicon that names a matter of its own: the message asks on
    # about the last topic ("交上去以后多长时间能批下来", "屋里人要几天之内去社区讲一声")
    unnamed = bool(vocabulary) and not any(t in vocabulary and t not in _SHARED_BY_ANY for t in own_topic)
    if not looks_like_follow_up(message, len(own_topic)) and not unnamed \
            and not carries_on(message, last_query, lex):
        return message
    prev = topic_of(last_query) if asks_own(message) else last_query
    if find_regions(message, lex):  # a new place replaces the old one
        for r in [*find_regions(last_query, lex), "全国"]:
            for alias in sorted((r, *lex.regions[r].aliases), key=len, reverse=True):
                prev = prev.replace(alias, "")
    return f"{re.sub(r'[?？。]+$', '', CONNECTIVE.sub('', message))} {prev}".strip()


def route_of(msg: Message, query: str, focus: str, profile: Profile, eligibility: bool, providers: bool,
             topic: Sequence[str] = ()) -> str:
    """Where the message goes: small talk and medicine before anything else; "附近有什么养老院?" to the
    provider directory; open "what can she get?" questions to the rules engine, unless they name a topic
    (`topic`: "适老化改造有什么政策", "能申请什么临时帮助"), which the documents answer; the rest to the documents."""
    if msg.small_talk:
        return "small_talk"
    if msg.medication:
        return "medical"
    if providers and is_provider_question(focus or query):
        return "providers"
    known = profile.region or profile.age or profile.disability or any(profile.flags.values())
    context = query + (" 老人" if known else "")  # the conversation already knows the elder
    if eligibility and not topic and is_eligibility_question(focus or query, context):
        return "eligibility"
    return "policy"


def understand(raw: str, lex: Lexicon, speller: SoundAlike, profile: Profile, last_query: str = "",
               eligibility: bool = True, providers: bool = True) -> Understanding:
    """Understand one user message (stripped, NFKC) in its conversation: `profile` as known so far, the last
    turn's self-contained query; `eligibility`/`providers`: whether those routes are open."""
    text, fixes = speller.correct(raw)
    msg = read_message(in_full(text, lex))  # "开封的…": the city, written in full
    facts = extract_profile(msg.story, lex)
    merged = replace(profile, flags=dict(profile.flags))
    merged.update(facts)
    query = msg.question if msg.small_talk or msg.medication else rewrite(msg.question, last_query, lex, speller.known)
    if msg.question != msg.story and not (msg.small_talk or msg.medication):
        # a story's question ("一个月能领多少钱?") asks about what the story named before it (高龄津贴)
        query = " ".join([query, *story_topics(msg.story, msg.question)])
    focus = CONNECTIVE.sub("", msg.question) if query != msg.question else ""
    topic = asked_topic(focus or query, lex, speller.known)
    route = route_of(msg, query, focus, merged, eligibility, providers, topic)
    asked = analyze(query, lex, focus)
    return Understanding(msg, tuple(fixes), facts, merged, query, focus, route, asked)
