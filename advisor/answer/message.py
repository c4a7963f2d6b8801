"""Read a user's message once, before any policy is searched: is it an emergency, a medication question or
small talk, and in a long family story, which sentence is the question."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.answer.query import MEDICATION

MAX_MESSAGE_CHARS = 10_000  # a family story up to this long is read whole (the profile comes from all of it)
LONG_MESSAGE_CHARS = 200  # a longer message is a story: its question sentence is what gets answered
SHORT_QUESTION_CHARS = 12  # "能不能少收点钱?" alone says little: the sentence before it is kept with it
MAX_QUESTION_CHARS = 300  # a "question" longer than this (a story without punctuation) is cut to its end

# signs that someone needs help now, by the number to call; read before anything else
EMERGENCY_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mind", re.compile(r"想不开|不想活|活着没意思|轻生|自杀|寻死")),
    ("110", re.compile(r"(?<!防)走失(?!过)|找不到人了|被(?:打|骗|虐待|关起来)|挨打|动手打|家暴"
                       r"|(?:打|虐待)(?:老人|我妈|我爸|老母亲|老父亲)(?!.{0,3}电话)|有人(?:闯|抢)")),
    ("120", re.compile(
        r"血压.{0,8}(?<!\d)(?:1[89]\d|2\d\d)(?!\d)|血压.{0,8}(?:一百[八九]|[两二]百)|血压(?:很高|特别高|太高|飙)"
        r"|头晕.{0,6}(?:站不住|站不稳|起不来)|(?:叫|喊)[^,，。]{0,4}(?:不(?:太)?(?:应|答应)(?![付该当用])|没(?:有)?反应)|胸(?:口)?(?:痛|疼|闷得)|喘不(?:上|过)气|呼吸困难"
        r"|昏迷|叫不醒|不省人事|晕倒|晕过去|(?:摔|跌)(?:倒|了).{0,6}(?:起不来|爬不起来|动不了)"
        r"|突然.{0,6}(?:说不出话|嘴歪|半边身子?(?:不能动|没知觉|麻))|抽搐|大出血|吐血|噎住|中毒|心脏骤停")),
)
# a sign told as past ("去年摔倒了起不来", "走失过一次") or as news is not an emergency now
_PAST = re.compile(r"去年|前年|上个月|上次|以前|之前|曾经|那次|那时|当时|过一次|后来|出院|好了|新闻|听说|看到")
_CLAUSE = re.compile(r"[^,，。;；!！?？\n]+")
# small talk, most telling kind first: a message made only of these (and fillers) is small talk
_SMALL_TALK: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("identity", re.compile(r"你是谁|你是什么|你能做什么|你会什么|你能干什么|怎么用|(?:是)?机器人|(?:是)?真人|人工客服|你叫什么")),
    ("thanks", re.compile(r"谢谢|多谢|感谢|谢啦|谢了|辛苦了|明白了|知道了|好的|收到|懂了|太好了|^(?:嗯+|好|行|ok|okay)$"
                          r"|(?:说|讲|解释)得?(?:很|挺|非常)?(?:清楚|明白|好|详细)|(?:很|挺|非常)?(?:有用|有帮助)")),
    ("bye", re.compile(r"再见|拜拜|bye")),
    ("greeting", re.compile(r"你好|您好|嗨|哈喽|hi|hello|在吗|在不在|有人吗|早上好|晚上好|下午好")),
)
_FILLER = re.compile(r"[\W_]|[你您啊呀哈呢吗嘛了的哦噢嗯还是我们哈]")
_SENTENCE_END = re.compile(r"(?<=[。！？!?;；\n])")
# "我想问一下：…？…？": where a story turns to its questions; all of them are asked, not only the last
_ASKING_TURN = re.compile(r"(?:我|我们)?(?:想|就想|还想)(?:问|咨询|请教)(?:一下|问|下)?[:：,，]?|请问[:：,，]?")
# what a story is about, in the documents' words (高龄津贴, 居家养老服务补贴, 法律援助): carried into the query
# when the question itself says only "能领多少钱" or "去哪申请"
_STORY_TOPIC = re.compile(r"津贴|补贴|补助|援助|救助|保险|优待证|床位|改造|认证|助餐")  # a benefit or a service
# a message that asks about policy besides the help needed now ("摔倒了起不来…能申请上门护理吗"): a benefit, a
# service, an office, money or the law ("还动手打奶奶，会怎么处理"); "胯骨疼得厉害 扶不动 咋办" asks only what to do now
_ASKS_POLICY = re.compile(_STORY_TOPIC.pattern + r"|养老院|养老机构|敬老院|政策|规定|报销|医保|民政|低保|特困|政府|待遇"
                          r"|申请|办理|上门|护理|[钱费]|处理|处罚|罚|法律|违法|犯法|权益|起诉|责任")
# a benefit's name reaches left up to four characters, not over a grammatical character or a verb (…发的|高龄津贴)
_NOT_IN_NAME = re.compile(r"[的了是在有我你他她它这那也就都和与及或给发跟说可请领享受办要能会把被对向为从到去还做搞报没不]")
_QUESTION = re.compile(r"[?？]|吗|呢|怎么|如何|多少|哪|什么|能不能|可不可以|可以吗|是否|有没有|要不要|该不该|咋|啥|谁")


@dataclass(frozen=True)
class Message:
    """One user message as read: what to answer, what to learn the elder's situation from, and flags."""

    question: str  # what is answered: the whole message, or the question sentence of a long story
    story: str  # the message as read (up to MAX_MESSAGE_CHARS): the profile is read from all of it
    length: int  # characters the user sent
    emergency: str = ""  # "120" / "110" / "mind" (someone may be in danger or ill now) / ""
    medication: bool = False  # which medicine or how much of it: only a doctor answers that
    small_talk: str = ""  # greeting / thanks / identity / bye: the whole message is that

    @property
    def asks_policy(self) -> bool:
        """Whether the question names a benefit, a service, an office or money (an emergency's policy part
        follows only then)."""
        return bool(_ASKS_POLICY.search(self.question))

    @property
    def cut(self) -> bool:
        """Whether the message was longer than the advisor reads."""
        return self.length > MAX_MESSAGE_CHARS

    @property
    def focused(self) -> bool:
        """Whether the question answered is one sentence of a longer message."""
        return self.question != self.story


def small_talk_kind(text: str) -> str:
    """The kind of small talk `text` is entirely made of (a greeting followed by a question is not)."""
    t = text.strip().lower()
    kinds = [kind for kind, pattern in _SMALL_TALK if pattern.search(t)]
    if not kinds:
        return ""
    rest = t
    for _kind, pattern in _SMALL_TALK:
        rest = pattern.sub("", rest)
    return kinds[0] if not _FILLER.sub("", rest) else ""


def emergency_kind(text: str) -> str:
    """The first kind of emergency whose signs `text` shows now, most urgent first; "" when none. A sign in a
    clause that tells it as past or as news does not count."""
    clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(text)]
    for kind, pattern in EMERGENCY_SIGNS:
        for m in pattern.finditer(text):  # a sign may run over a comma: "摔倒了,起不来"
            told = "".join(text[a:b] for a, b in clauses if a < m.end() and b > m.start())  # its clauses
            if not _PAST.search(told):
                return kind
    return ""


def question_of(story: str) -> str:
    """The question a long message asks: what follows its last "我想问/请问" when that holds a question (all the
    questions after it), else its last sentence with a question mark or a question word (with the sentence
    before it when the question alone is short), else its last sentence."""
    if len(story) <= LONG_MESSAGE_CHARS:
        return story
    turns = list(_ASKING_TURN.finditer(story))
    if turns:
        after = story[turns[-1].end():]
        if colon := re.match(r"[^:：?？。!！\n]{0,8}[:：]", after):  # "我就想问清楚一句：…"
            after = after[colon.end():]
        # "想问个事情。我婆婆今年七十六岁…？": a story told after the asking turn is no list of questions; its last
        # question is found as in any story
        told = [s for s in _SENTENCE_END.split(after) if s.strip()]
        opens_story = bool(told) and not _QUESTION.search(told[0])
        if _QUESTION.search(after) and len(after) <= MAX_QUESTION_CHARS and not opens_story:
            return after.strip()
    sentences = [s.strip() for s in _SENTENCE_END.split(story) if s.strip()]
    asking = [i for i, s in enumerate(sentences) if _QUESTION.search(s)]
    i = asking[-1] if asking else len(sentences) - 1
    question = sentences[i]
    if len(re.sub(r"\W", "", question)) < SHORT_QUESTION_CHARS and i > 0:
        question = sentences[i - 1] + question
    return question[-MAX_QUESTION_CHARS:]


def story_topics(story: str, question: str) -> list[str]:
    """The benefits and services a long story names that its question does not ("…听说有高龄津贴…我想问：一个月
    能领多少钱?" → [高龄津贴]), at most three, last named first."""
    out: list[str] = []
    told = story[: len(story) - len(question)]
    for m in reversed(list(_STORY_TOPIC.finditer(told))):
        start = m.start()
        while start > max(0, m.start() - 4) and "\u4e00" <= told[start - 1] <= "\u9fff" \
                and not _NOT_IN_NAME.match(told[start - 1]):
            start -= 1
        word = told[start : m.end()]
        if m.start() - start >= 2 and word not in question and not any(word in o or o in word for o in out):
            out.append(word)
    return out[:3]


def read_message(raw: str) -> Message:
    """Read one message (already stripped and NFKC-normalised by the caller)."""
    story = raw[:MAX_MESSAGE_CHARS]
    question = question_of(raw) if len(raw) > LONG_MESSAGE_CHARS else raw
    # what is happening now: a short message, or the question of a story with the sentences just before it
    # (a story's background may tell of a fall years ago)
    now = raw if len(raw) <= LONG_MESSAGE_CHARS else story[-LONG_MESSAGE_CHARS:] + question
    return Message(
        question=question,
        story=story,
        length=len(raw),
        emergency=emergency_kind(now),
        medication=bool(MEDICATION.search(question)),
        small_talk=small_talk_kind(raw),
    )
