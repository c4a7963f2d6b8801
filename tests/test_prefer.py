"""The elder's age band ranks first: a 92-year-old's "多少钱" finds "90周岁至99周岁的…" before the 80–89 band
(advisor.answer.prefer)."""

from advisor.answer.prefer import preference
from advisor.schema import Chunk
from advisor.settings import Settings


def _chunk(text: str) -> Chunk:
    return Chunk(chunk_id=text[:6], doc_id="d", source="d.txt", text=text)


def test_the_elders_age_band_ranks_first_and_other_bands_last():
    s = Settings()
    assert (s.age_band_boost, s.age_band_penalty) == (1.5, 0.8)  # on by default since 2026-12-06 (bench/README.md)
    assert preference(92, Settings(age_band_boost=1.0, age_band_penalty=1.0)) is None  # 1.0 / 1.0: off
    factor = preference(92, s)
    assert factor(_chunk("2. 90周岁至99周岁的，每人每月200元；")) == s.age_band_boost
    assert factor(_chunk("1. 80周岁至89周岁的，每人每月100元；")) == s.age_band_penalty
    assert factor(_chunk("老年人本人到社区提出申请。")) == 1.0  # no age band: as it was
    assert factor(_chunk("对八十周岁以上的老年人发放高龄津贴。")) == s.age_band_boost
    assert factor(_chunk("六十周岁以上的老年人可以申请能力评估。")) == 1.0  # a band of every elder says nothing
    assert preference(64, s)(_chunk("六十五周岁以上老年人免费乘车。")) == s.age_band_penalty


def test_without_an_age_nothing_changes():
    assert preference(None, Settings()) is None


def test_a_question_of_when_a_document_takes_effect_prefers_the_clause_that_says_it():
    from advisor.answer.compose import asks_in_force, facts_asked

    assert asks_in_force("许昌那个老年食堂补贴办法 啥时候开始实行的 管几年")
    assert asks_in_force("这个条例从哪天起生效") and asks_in_force("这个办法有效期到哪年")
    assert not asks_in_force("这个实施方案的文号是多少")  # the 实施 of a kind's name asks no date
    assert not asks_in_force("老年人能力综合评估结果有效期多久？")  # the validity of what a clause sets
    s = Settings()
    factor = preference(None, s, facts=facts_asked("这个办法啥时候开始施行"))
    assert factor(_chunk("第十四条　本办法自2024年10月1日起施行，有效期五年。")) == s.facts_boost > 1.0
    assert factor(_chunk("本方案有效期至2026年3月31日。")) == s.facts_boost
    assert factor(_chunk("《通知》于2022年7月1日生效执行，有效期至2026年12月31日止。")) == s.facts_boost
    assert factor(_chunk("评估结果有效期为两年。")) == 1.0  # the validity of something else
    assert factor(_chunk("第三条　老年人本人到社区提出申请。")) == 1.0
    assert factor(_chunk("辽宁省民政厅辽宁省财政厅文件 辽民发〔2025〕12号")) == 1.0  # no 文号 asked
    numbered = preference(None, s, facts=facts_asked("那个通知文号是多少"))
    assert numbered(_chunk("辽宁省民政厅辽宁省财政厅文件 辽民发〔2025〕12号")) == s.facts_boost
    assert facts_asked("低保一个月多少钱") is None
    assert preference(None, Settings(facts_boost=1.0), facts=facts_asked("这个办法有效期到哪年")) is None  # off
