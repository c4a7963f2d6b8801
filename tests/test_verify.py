"""The verifier of generated answers (advisor.answer.verify) on hand-made good and bad answers: no language model,
the real e5 model for the semantic check, passages copied verbatim from the seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.answer.verify import (
    Verifier,
    VerifySettings,
    cited_numbers,
    load_benefit_names,
    number_facts,
    split_generated,
    unsupported_benefits,
    unsupported_numbers,
)
from advisor.lexicon import load_lexicon
from advisor.schema import Citation

REPO = Path(__file__).resolve().parent.parent
POLICIES = REPO / "corpus" / "policies"

NATIONAL = (
    "主要目标是:到2029年,养老服务网络基本建成,服务能力和水平显著增强,扩容提质增效取得明显进展,"
    "基本养老服务供给不断优化;到2035年,养老服务网络更加健全,服务供给与需求更加协调适配,"
    "全体老年人享有基本养老服务,适合我国国情的养老服务体系成熟定型。"
)
XINJIANG = (
    "完善养老机构优惠扶持政策,聚焦失能失智老年人照护刚需,支持护理型床位和认知障碍照护床位建设,"
    "推动养老机构提升设施水平、优化床位供给结构,2029年底前全区养老机构护理型床位比例达70%。"
)
QINGYUAN = (
    "28.优化整合老年人高龄津贴和经济困难的高龄、失能等老年人补贴,合理确定经济困难的高龄、失能老年人护理补贴"
    "覆盖范围和补贴标准。强化对特困老年人兜底保障服务,符合相关条件的特困人员,可同时享受城乡居民基本养老保险、"
    "基本医疗保险等社会保险和高龄津贴等社会福利待遇。"
)


def _cite(n: int, source: str, text: str, title: str, region: str, article: str = "") -> Citation:
    assert text.replace(" ", "") in (POLICIES / source).read_text(encoding="utf-8").replace(" ", "").replace("\n", "")
    return Citation(n=n, doc=source, title=title, region=region, article=article, date="", validity="有效",
                    text=text, context=text)


@pytest.fixture(scope="module")
def citations() -> list[Citation]:
    return [
        _cite(1, "000_1d2e2f58848231f4.txt", NATIONAL, "中共中央国务院关于深化养老服务改革发展的意见", "全国",
              "第一部分"),
        _cite(2, "002_353b7a8758948278.txt", XINJIANG,
              "关于积极应对人口老龄化全面深化养老服务改革发展的实施方案", "新疆维吾尔自治区", "第(七)条"),
        _cite(3, "003_e158a52334c50710.txt", QINGYUAN, "清远市推进基本养老服务体系建设实施方案",
              "广东省清远市", "第28项"),
    ]


@pytest.fixture(scope="module")
def verifier(embedder) -> Verifier:
    names = load_benefit_names(REPO / "corpus" / "rules")
    return Verifier(load_lexicon(), names, VerifySettings(), embedder=embedder)


pytestmark = pytest.mark.slow


def test_sentences_and_markers_are_read_in_every_common_form():
    sents = split_generated("到2029年基本建成。[1]到2035年更加健全[1]。\n- 可以领高龄津贴【3】;还有补贴[1,3]")
    assert sents == ["到2029年基本建成。[1]", "到2035年更加健全[1]。", "可以领高龄津贴【3】;", "还有补贴[1,3]"]
    assert [cited_numbers(s) for s in sents] == [[1], [1], [3], [1, 3]]


def test_numbers_are_read_with_their_units_in_arabic_and_chinese():
    facts = {(f.value, f.unit) for f in number_facts("年满八十周岁,补贴百分之五十,二〇二五年起,每月300元,第(六)条")}
    assert facts == {("80", "岁"), ("50", "%"), ("2025", "年"), ("300", "元"), ("6", "条")}
    assert number_facts("进一步完善一刻钟便民生活圈,推动一老一小") == []
    assert unsupported_numbers("年满80周岁", "年满八十周岁的老年人") == []
    assert unsupported_numbers("每月发放80元", "年满80周岁的老年人") == ["80元"]  # same number, other unit


def test_benefit_names_come_from_the_rules_and_must_be_in_the_passage():
    names = load_benefit_names(REPO / "corpus" / "rules")
    assert "高龄津贴" in names and "家庭养老床位" in names
    assert unsupported_benefits("可以申请高龄津贴", QINGYUAN, names) == []
    assert unsupported_benefits("还可以申请家庭养老床位", XINJIANG, names) == ["家庭养老床位"]
    assert unsupported_benefits("政府会给予补贴", NATIONAL, names) == ["补贴"]


def test_a_faithful_answer_is_kept_whole(verifier, citations):
    gen = ("按照国家的意见,到2029年,养老服务网络会基本建成,服务能力也会明显增强。[1]"
           "到二〇三五年,全体老年人都能享有基本养老服务。[1]")
    v = verifier.check(gen, citations)
    assert v.counts == {"kept": 2, "replaced": 0, "removed": 0}, v.record()
    assert not v.fallback and v.cited == [1]
    assert all(s.cosine is not None and s.cosine >= verifier.settings.min_cosine for s in v.sentences)


def test_an_invented_amount_is_replaced_by_the_cited_sentence(verifier, citations):
    gen = ("符合条件的特困人员,可以同时享受基本养老保险和高龄津贴等待遇。[3]"
           "高龄津贴每人每月发放300元。[3]")
    v = verifier.check(gen, citations)
    first, second = v.sentences
    assert first.status == "kept"
    assert second.status == "replaced" and "300元" in second.reason
    assert QINGYUAN[:20] in second.output and second.output.endswith("[3]")
    assert "300" not in v.text


def test_another_regions_percentage_is_not_accepted(verifier, citations):
    # Qingyuan's plan says 60% (by 2025) for public homes; the cited Xinjiang clause says 70%
    v = verifier.check("新疆要求2029年底前养老机构护理型床位比例达到60%。[2]", citations)
    assert v.sentences[0].status == "replaced" and "60%" in v.sentences[0].reason
    assert "60%" not in v.text and "70%" in v.text


def test_a_wrong_year_is_not_accepted(verifier, citations):
    v = verifier.check("到2030年,养老服务网络基本建成。[1]到2035年,全体老年人享有基本养老服务。[1]", citations)
    assert [s.status for s in v.sentences] == ["replaced", "kept"]
    assert "2030" in v.sentences[0].reason and "2030" not in v.text


def test_a_region_the_passage_is_not_about_is_not_accepted(verifier, citations):
    v = verifier.check("清远市要求2029年底前养老机构护理型床位比例达70%。[2]", citations)
    assert v.sentences[0].status == "replaced" and "清远" in v.sentences[0].reason


def test_sentences_without_a_real_citation_are_removed(verifier, citations):
    gen = ("到2029年,养老服务网络基本建成。[1]"
           "您母亲一定能拿到补贴。"
           "到2035年,全体老年人享有基本养老服务。[7]")
    v = verifier.check(gen, citations)
    assert [s.status for s in v.sentences] == ["kept", "removed", "removed"]
    assert v.sentences[1].reason == "没有标注出处" and v.sentences[2].reason == "引用了不存在的出处编号"
    assert "一定能" not in v.text and "[7]" not in v.text
    assert v.fallback  # two of three sentences unsupported: more than half


def test_an_off_topic_sentence_fails_the_semantic_check(verifier, citations):
    v = verifier.check("到2029年,养老服务网络基本建成。[1]子女要多陪伴老人,常回家看看。[1]", citations)
    kept, off = v.sentences
    assert kept.status == "kept"
    assert off.status == "replaced" and off.cosine < verifier.settings.min_cosine
    # replaced by the extractive sentence of the passage it cites
    assert NATIONAL[:15] in off.output


def test_the_profiles_age_is_not_accepted_as_a_fact_of_the_passage(verifier, citations):
    gen = "年满82岁的特困人员,可以同时享受基本养老保险和高龄津贴等待遇。[3]"  # reads as if the rule said 82
    v = verifier.check(gen, citations, profile_text="地区:广东省清远市;年龄:82岁", profile_regions=["广东省清远市"])
    assert v.sentences[0].status == "replaced" and "82岁" in v.sentences[0].reason
    ok = verifier.check("清远的特困人员可以同时享受基本养老保险和高龄津贴等待遇。[3]", citations,
                        profile_regions=["广东省清远市"])
    assert ok.sentences[0].status == "kept", ok.record()
