"""Age bands as documents write them (Arabic and Chinese numerals, open and closed ends), and the answer
picking the band that holds the elder's age."""

from __future__ import annotations

import pytest

from advisor.answer.agebands import OLDEST, age_bands, holds_age


@pytest.mark.parametrize("text,bands", [
    ("（二）90至99周岁的老年人，每人每月200元。", [(90, 99)]),
    ("八十至八十九周岁不低于50元；九十至九十九周岁不低于100元；一百周岁以上不低于300元",
     [(80, 89), (90, 99), (100, OLDEST)]),
    ("具有本省户籍的八十周岁以上老年人", [(80, OLDEST)]),
    ("依申请为有评估需求的65周岁及以上老年人", [(65, OLDEST)]),
    ("年满六十周岁", [(60, OLDEST)]),
    ("80周岁（含）以上", [(80, OLDEST)]),
    ("未满16周岁的未成年人", [(0, 15)]),
    ("年满80周岁不满90周岁的老年人", [(80, 89)]),  # a lower and an upper bound are one band
    ("80周岁以上90周岁以下", [(80, 90)]),
    ("80周岁（含）至89周岁", [(80, 89)]),
    ("到2025年底,每人每月50元,一次性补助3000元", []),  # years and sums are not ages
])
def test_age_bands(text, bands):
    assert age_bands(text) == bands


def test_holds_age():
    assert holds_age("90至99周岁的老年人", 92) is True
    assert holds_age("80至89周岁的老年人", 92) is False
    assert holds_age("高龄津贴按月发放", 92) is None


def test_the_band_holding_the_elders_age_answers():
    from advisor.answer.compose import pick_sentences
    from advisor.schema import Chunk, Hit

    rows = ["（一）80至89周岁的老年人，每人每月100元。", "（二）90至99周岁的老年人，每人每月200元。"]
    hits = [Hit(Chunk(chunk_id=f"c{i}", doc_id="d", source="d.html", text=t, title="某市高龄津贴通知"), 1.0)
            for i, t in enumerate(rows)]
    weights = {"高龄津贴": 4.0, "老年人": 0.5, "每月": 1.0}
    assert "80至89" in pick_sentences(hits, weights, 1)[0].span  # without an age: the first row
    assert "90至99" in pick_sentences(hits, weights, 1, age=92)[0].span


def test_an_elder_younger_than_every_band_of_the_benefit_is_told_who_may_have_it():
    """"我爸72 一个月能领多少" of a 高龄津贴 given from 80: the sentence naming the youngest age for it answers; an
    elder of 85 (a band holds him), or a benefit no band is written next to, gets nothing from this rule."""
    from conftest import ChunksOnly

    from advisor.answer.compose import Scored, too_young
    from advisor.profile import extract_age
    from advisor.schema import Chunk, Hit

    def chunk(n: str, text: str, heading: str = "") -> Chunk:
        return Chunk(chunk_id=n, doc_id="d", source="d.md", text=text, article=n, heading_path=heading, title="某市解读")

    who = chunk("二、", "具有本市户籍、年满80周岁的老年人，都可以申请领取高龄津贴。")
    sums = chunk("三、", "80至89周岁每人每月100元；90至99周岁每人每月200元。", heading="三、高龄津贴标准")
    other = chunk("九、", "60周岁以上老年人可以享受免费体检。")
    retriever = ChunksOnly([who, sums, other])
    first = Scored(0, Hit(sums, 1.0), sums.text, 5.0)
    found = too_young(first, retriever, 72, "高龄津贴")
    assert found is not None and found[1] == 80 and found[0].hit.chunk is who  # the rule of who, over the sums
    assert too_young(first, retriever, 85, "高龄津贴") is None
    assert too_young(first, retriever, 72, "护理补贴") is None  # no band written next to it
    assert extract_age("听说70岁以上就有高龄津贴了 我爸72 一个月能领多少") == 72  # a band quoted is no age


def test_a_sum_asked_for_an_elder_younger_than_every_band_of_the_clause_is_no_answer():
    """"我妈65了…一顿补多少钱" of "七十周岁以上…每餐三元；八十周岁以上的…五元": the youngest age of the clause's
    bands; an elder of 72 (a band holds her), or a clause without bands, gets nothing from this rule."""
    from advisor.answer.compose import Scored, youngest_above
    from advisor.schema import Chunk, Hit

    text = "本市户籍七十周岁以上老年人在社区老年食堂就餐的，给予每餐三元的就餐补贴；八十周岁以上的，给予每餐五元的就餐补贴。"
    chunk = Chunk(chunk_id="c", doc_id="d", source="d.pdf", text=text, article="第十四条", title="某市条例")
    point = Scored(0, Hit(chunk, 1.0), text, 5.0)
    assert youngest_above([point], 65) == 70
    assert youngest_above([point], 72) == 0
    plain = Scored(0, Hit(chunk, 1.0), "老年人在社区老年食堂就餐的，给予每餐三元的就餐补贴。", 5.0)
    assert youngest_above([plain], 65) == 0
