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
