"""What a question names, read against the documents: the program it asks about ("高龄津贴", "家庭照护床位") and
whether the asker's own documents speak of it at all, and the word a figure is asked of ("中央" of 中央出多少)."""

from __future__ import annotations

import functools
import itertools
import re

import jieba
from jieba import posseg

from advisor.answer.query import GENERIC_TERMS, HEDGE_WORDS, Query, set_aside
from advisor.lexicon import find_regions
from advisor.retrieval.retriever import Retriever, tokenize
from advisor.schema import Chunk

_HAN = re.compile(r"[\u4e00-\u9fff]+")


# the question word of a figure ("多少", "几块"), and the verbs of giving between it and what the figure is of
_FIGURE_ASKED = re.compile(r"多少|几(?=[块元毛个天次年岁月号成%])")
_GIVING = re.compile(r"[能可以要会出给补发领拿交占是有得需还再到达最多共一]+$")


def figure_subject(question: str, retriever: Retriever) -> str:
    """The word a figure is asked of: the last word before "多少" or "几…", past the verbs of giving, as the documents
    write it ("中央出多少" → 中央, "一顿能补几块钱" → 每餐 for 一顿); "" when the documents hold no such word."""
    m = _FIGURE_ASKED.search(question)
    if m is None:
        return ""
    before = _GIVING.sub("", question[: m.start()])
    said = next((key for key in sorted(retriever.lex.synonyms, key=len, reverse=True) if before.endswith(key)), "")
    if said:
        return next((w for w in retriever.lex.synonyms[said] if w in retriever.df), "")
    words = [t for t in tokenize(before[-8:]) if len(t) >= 2 and t in retriever.df and t not in GENERIC_TERMS]
    return words[-1] if words and before.endswith(words[-1]) else ""


TOPIC_MIN = 4  # a word this long that the documents hold names a program ("家庭照护床位", "老年助餐"), not a notion
_NO_QUALIFIER = ("t", "m", "r", "d", "p", "c", "u", "q", "f", "s")  # jieba tags of times, counts, pronouns, adverbs,
# places (省里, 村里)…
# who gives it, not which it is ("听说省里有奖励", "政府补贴", "单位给的补助")
_GIVERS = frozenset({"县里", "镇里", "国家", "政府", "单位", "上级", "上面", "官方"})
# verbs of getting or giving, which say what is done with a benefit, not which one it is ("享受补助", "领取补贴")
_GIVING_VERBS = frozenset({"享受", "领取", "申领", "发放", "申请", "给予", "获得", "补发", "增加", "提高", "发给"})
# the kinds of things a program gives, which end its name (高龄津贴, 家庭照护床位, 适老化改造, 长期护理保险, 老年助餐)
_PROGRAM_HEAD = re.compile(r"(?:津贴|补贴|补助|慰问金|救助金|保险|床位|助餐|改造|服务券|消费券|优待证|供养|照护单元)$")
PROGRAM_GAP = 6  # characters a document may write between those of a program's name (无障碍设施改造, 失能老年人服务补贴)
ALLOWANCE_GAP = 2  # …and between a sum's qualifier and its kind (高龄老人津贴, 助餐服务补贴)


# the heads of a sum paid out, which families and documents use for one another (高龄补贴 for 高龄津贴)
_ALLOWANCE = re.compile(r"(?:津贴|补贴|补助)$")


@functools.lru_cache(maxsize=1024)
def program_written(name: str) -> re.Pattern[str]:
    """How documents may write a program's name: its characters in order, a few others between them within one
    part of a clause ("无障碍改造" as 无障碍设施改造, but not 高龄补贴 in "高龄津贴和护理补贴"), a sum paid out under
    any of its heads ("高龄补贴" as 高龄津贴)."""
    gap = f"[^,，。;；、和与及或]{{0,{PROGRAM_GAP}}}"
    head = _ALLOWANCE.search(name)
    stem = name[: head.start()] if head else name
    # the kind of a sum follows its qualifier closely (高龄[老人]津贴), or another sum stands between (高龄老人护理补贴)
    return re.compile(gap.join(map(re.escape, stem)) + (f"[^,，。;；、和与及或]{{0,{ALLOWANCE_GAP}}}"
                                                       + _ALLOWANCE.pattern.rstrip("$") if head else ""))


def program_text(chunk: Chunk) -> str:
    """What a clause speaks of: its text, the headings it stands under and its document's title."""
    return chunk.text + chunk.heading_path + chunk.title


def named_with_head(text: str, head: re.Pattern[str], min_word: int = TOPIC_MIN) -> list[str]:
    """The names of things of a kind in `text`, in order of their last mention: one word ending in the kind's `head`
    ("家庭照护床位"), or a word that qualifies the head written apart ("丧葬" + "补助"), not a time or a count ("年底" +
    "家庭养老床位", "每张" + "床位"; "享受" + "补助"), nor a hedge ("听说" + 有 + "奖励"), nor who gives it ("省里有奖励")."""
    plain = [w for w in jieba.lcut(text) if w.strip()]
    # "助浴有补贴没有": the thing named, then 有, then the kind, is a name too ("失能的补贴" is a group's, not a name)
    pairs = [*itertools.pairwise(plain), *((a, b) for a, mid, b in zip(plain, plain[1:], plain[2:], strict=False)
                                          if mid == "有")]
    names = {t for t in tokenize(text) if len(t) >= min_word and head.search(t)} | \
        {a + b for a, b in pairs if len(a) >= 2 and head.fullmatch(b)
         and _HAN.fullmatch(a) and posseg.dt.word_tag_tab.get(a, "")[:1] not in _NO_QUALIFIER
         and a not in _GIVING_VERBS and a not in HEDGE_WORDS and a not in _GIVERS}
    return sorted(names, key=lambda name: (text.rfind(name) + len(name), len(name)))


def program_asked(query: Query, retriever: Retriever) -> str:
    """The most specific name of a program in the latest message that the documents write ("家庭照护床位", or
    "高龄津贴" from its two words), or "": the one fewest clauses hold (the longer of two held as often)."""
    asked = set_aside(query.latest or query.text)  # not what the asker already has ("除了基础运营补贴…")
    names = named_with_head(asked, _PROGRAM_HEAD)
    held = {}
    for name in names:
        if name in GENERIC_TERMS or find_regions(name, retriever.lex):
            continue
        if n := sum(bool(program_written(name).search(c.text)) for c in retriever.chunks):
            held[name] = n
    return min(held, key=lambda name: (held[name], -len(name)), default="")


def topic_elsewhere(topic: str, query: Query, wanted: list[str], retriever: Retriever) -> list[str]:
    """The other regions whose documents alone speak of the program `topic` (program_asked) when none of the asker's
    jurisdiction does (its region, the regions above it, national documents): "上海有没有家庭照护床位?" with only
    山东省's documents naming 家庭照护床位. [] when there is no jurisdiction (or several places are compared), no
    program, or the jurisdiction holds it."""
    places = [r for r in wanted if r != "全国"]
    if not topic or not places or len(query.regions) > 1:
        return []
    jurisdiction = {*places, "全国"}
    pattern = program_written(topic)
    holders = {c.region for c in retriever.chunks if pattern.search(c.text) or pattern.search(c.title)}
    if not holders or holders & jurisdiction:
        return []
    return sorted(r for r in holders if r)
