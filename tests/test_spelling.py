"""Typos by sound (issue 15, item 4): read as the documents' words, real words left alone."""

from __future__ import annotations

import pytest

from advisor.answer.spelling import SoundAlike

VOCAB = [("补贴", 1.0), ("照顾", 1.0), ("养老院", 2.0), ("中风", 2.0), ("低保边缘", 2.0), ("本地", 1.0), ("必要", 1.0),
         ("瘫了", 2.0), ("适老", 1.0)]


@pytest.fixture(scope="module")
def speller():
    return SoundAlike([*VOCAB, ("上海", 1.5)], known=["清远", "清远市"])


@pytest.mark.parametrize("typed,meant", [
    ("低保边源 有补帖吗", "低保边缘 有补贴吗"),
    ("我爸中疯了 家里没人照故", "我爸中风了 家里没人照顾"),
    ("俺娘住的阳老院说要关门了", "俺娘住的养老院说要关门了"),
])
def test_sound_alike_typos_are_read_as_the_documents_words(speller, typed, meant):
    fixed, fixes = speller.correct(typed)
    assert fixed == meant and fixes


def test_of_words_sounding_alike_the_one_a_slip_away_is_meant():
    """优代证 is 优待证 (one character off), though 有待 is heavier and sounds like 优待: 有待 is two characters off 优代."""
    speller = SoundAlike([("有待", 5.0), ("优待", 1.0), ("优待证", 2.0)])
    assert speller.correct("办老年优代证要带啥")[0] == "办老年优待证要带啥"
    assert speller.meant("优代") == "优待" and speller.meant("游戏") == ""


@pytest.mark.parametrize("text", [
    "家里没人管",  # 没人 is a word, not a typo of anything
    "硝苯地平能不能和阿司匹林一起吃",  # 苯地 sounds like 本地 but is inside a word
    "清远市的补贴",
    "我们跟社区谈了很久",  # 谈了 sounds like 瘫了, but 了 marks a word boundary
    "我妈住的是老小区",  # 是老 sounds like 适老
    "屁股上还长过褥疮",  # 上还 sounds like 上海, but 还 ("still") marks a word boundary
])
def test_real_words_are_left_alone(speller, text):
    assert speller.correct(text) == (text, [])


def test_questions_in_standard_chinese_are_not_changed(advisor_obj):
    """Every question of the seed-written dev set is well spelt: the real vocabulary corrects none of them
    (我是 is not 我市, 比要 in 占比要 is not 必要, 是政府 is not 市政府)."""
    import json
    from pathlib import Path

    sets = Path(__file__).resolve().parent.parent / "evals" / "sets"
    lines = [ln for name in ("dev.jsonl", "real.jsonl") for ln in (sets / name).read_text("utf-8").splitlines()]
    changed = [(t, fixes) for line in lines for t in json.loads(line)["turns"]
               if (fixes := advisor_obj.spelling.correct(t)[1])]
    assert changed == []


def test_the_advisor_reads_typos_and_says_so(advisor_obj):
    ans = advisor_obj.conversation().ask("清远低保边源的老人有补帖吗")
    assert "补贴" in ans.text.splitlines()[0] and "补帖" in ans.text.splitlines()[0]  # tells how it read them
    assert not ans.refused


def test_a_unit_after_a_number_is_never_read_as_a_word_by_sound():
    """"1943年生" stays: 年 belongs to the number before it, whatever word of the vocabulary sounds like "年生"."""
    from advisor.answer.spelling import SoundAlike

    speller = SoundAlike([("年审", 2.0), ("补贴", 2.0)])
    assert speller.correct("我爸1943年生 今年82了")[0] == "我爸1943年生 今年82了"
    assert speller.correct("有补帖吗")[0] == "有补贴吗"
