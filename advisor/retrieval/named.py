"""Which indexed documents a question names: by the name people use for it, by a word only its title has
together with its kind, or by its kind alone."""

from __future__ import annotations

import re
from collections.abc import Iterable

from advisor.answer.query import DOC_KINDS_NAMED
from advisor.index.lexical import tokenize
from advisor.lexicon import Lexicon

_NATIONAL_PREFIX = re.compile(r"^中华人民共和国")
MIN_TITLE_NAME = 4  # a shorter name ("办法") is a kind of document, not a name
SUBJECT_MIN = 8  # a title's subject this long names its document ("认知障碍照护专区建设补助"); a shorter one ("居家养老服务")
# is a topic many documents share
_YEAR = re.compile(r"^\d{4}年度?")
_KIND_END = re.compile(r"(?:申报|办事|申领|服务|操作)?(?:指南|细则|方案|办法|规定|条例|通知|意见|公告|公示|清单|规则|决定|计划|规程)"
                       r"(?:[（(][^（()）]{1,8}[)）])?$")
_MANNER_END = re.compile(r"(?:实施|管理|发放|暂行|试行|工作|使用)+$")


def short_title(title: str, lex: Lexicon) -> str:
    """The name people use for a document: its title without 中华人民共和国 and without the place it
    starts with (老年人权益保障法, 居家养老服务条例)."""
    t = _NATIONAL_PREFIX.sub("", title)
    for alias, _region in lex.alias_index:  # longest first
        if alias != "全国" and t.startswith(alias):
            return _YEAR.sub("", t[len(alias):])  # (and the year after the place: "樊城区2026年…申报指南")
    return t


def title_subject(name: str) -> str:
    """What a document's name says it is about, without its kind and manner ("认知障碍照护专区建设补助" of
    "认知障碍照护专区建设补助申报指南", "养老机构运营补贴" of "养老机构运营补贴发放实施细则")."""
    return _MANNER_END.sub("", _KIND_END.sub("", name))


_BRACKETS = str.maketrans({"[": "〔", "［": "〔", "(": "〔", "（": "〔", "]": "〕", "］": "〕", ")": "〕", "）": "〕"})


def _plain_number(text: str) -> str:
    """A 文号 written one way: no spaces, its year in 〔〕 (衡民发[2024]21号 and 衡民发〔2024〕21号 are one)."""
    return re.sub(r"\s+", "", text).translate(_BRACKETS)


def documents_numbered(question: str, numbered: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Titles of the documents whose 文号 the question writes ("衡民发〔2024〕21号这个文件…"); `numbered`: each
    document's (文号, title)."""
    if "号" not in question:
        return frozenset()
    asked = _plain_number(question)
    return frozenset(title for number, title in numbered if number and _plain_number(number) in asked)


def documents_named(question: str, titles: Iterable[str], title_words: dict[str, frozenset[str]],
                    short_titles: dict[str, str], kinds: Iterable[str] = ()) -> frozenset[str]:
    """Titles of the documents a question names: by the name people use for it (老年人权益保障法 in
    "按照老年人权益保障法…") or its subject ("申报认知障碍照护专区建设补助…"); by a word only its title has together with its kind (县域 and 方案 in
    "县域养老托育方案里…"); or, failing those, by its kind ("意见里…", "这份方案…": every document of that kind)."""
    whole = frozenset(t for t in titles if len(t) >= MIN_TITLE_NAME and t in question)
    if whole:  # the full title, place and all: exactly that document (not one whose title it contains)
        return frozenset(t for t in whole if not any(t != u and t in u for u in whole))
    words = set(tokenize(question))
    out = set()
    for t in titles:
        name = short_titles.get(t, t)
        kind = next((k for k in DOC_KINDS_NAMED if t.endswith(k)), "")
        if (len(name) >= MIN_TITLE_NAME and name in question) \
                or (len(subject := title_subject(name)) >= SUBJECT_MIN and subject in question) or (kind and any(
                re.search(re.escape(w) + ".{0,8}" + kind, question) for w in words & title_words.get(t, frozenset()))):
            out.add(t)
    kinds = tuple(kinds)
    if kinds and not out:  # "方案里…", "这份条例…": the documents of that kind
        out.update(t for t in titles if t.endswith(kinds))
    return frozenset(out)
