"""What the page shows, as pure functions (fast, no browser): masking of numbers a user types, an answer cut
into its 结论 and folds, copy/share text without markup, the whole conversation exported, conditions of the
family checklist in words, and what a browser keeps for a reload."""

from __future__ import annotations

from advisor.profile import Profile
from advisor.schema import Answer, Citation
from advisor.services.eligibility import (
    DEFAULT_AMOUNT,
    MET,
    NEED_INFO,
    POSSIBLE,
    UNKNOWN,
    UNMET,
    ConditionCheck,
    Outcome,
    Rule,
)
from advisor.webview import (
    Exchange,
    checklist_html,
    citation_line,
    condition_words,
    conversation_html,
    mask_personal,
    plain_text,
    split_answer,
    turn_html,
)


def cited() -> Answer:
    c = Citation(n=1, doc="003_x.txt", title="清远市推进基本养老服务体系建设实施方案", region="广东省清远市",
                 article="第(六)条第11项", date="2024-12-19", validity="现行有效", text="优先保障<b>低保</b>",
                 context="公办养老机构……优先保障<b>低保</b>……", kind="规范性文件", doc_number="清府办〔2024〕34号",
                 issuer="清远市人民政府办公室")
    text = ("结论:根据《清远市推进基本养老服务体系建设实施方案》第(六)条第11项,优先保障低保。[1]\n"
            "注意:以上是清远市的规定。\n依据:\n[1] 原文……\n下一步:向所在社区咨询。\n"
            "提示:以上内容摘自政策原文,具体以当地民政部门的认定为准。")
    return Answer(text=text, refused=False, citations=[c], kind="policy", query="优先入住", region="广东省清远市")


def test_numbers_a_user_types_are_masked():
    out = mask_personal("身份证440106194912310021,手机138 1234 5678,座机020-12345678,82岁,2024年")
    assert out == "身份证4401**********0021,手机138****5678,座机020-****5678,82岁,2024年"
    assert mask_personal("11010519491231002X") == "1101**********002X"


def test_answer_is_cut_into_lead_warnings_folds_and_tip():
    parts = split_answer(cited().text)
    assert parts.lead == ["结论:根据《清远市推进基本养老服务体系建设实施方案》第(六)条第11项,优先保障低保。[1]"]
    assert parts.warnings == ["注意:以上是清远市的规定。"]
    assert list(parts.folds) == ["依据(政策原文)", "下一步怎么办"] and parts.folds["下一步怎么办"] == ["向所在社区咨询。"]
    assert parts.tip and parts.tip[0].startswith("提示:")
    # an introduction ending with ":" keeps the list after its blank line in the lead
    parts = split_answer("根据您提供的情况,对照如下:\n\n一、可能符合:\n1. 高龄津贴\n\n二、面向所有老年人的服务:甲、乙")
    assert parts.lead == ["根据您提供的情况,对照如下:", "一、可能符合:", "1. 高龄津贴"]
    assert parts.folds == {"更多内容": ["二、面向所有老年人的服务:甲、乙"]}


def test_turn_is_escaped_and_its_plain_text_has_no_markup():
    ex = Exchange(mask_personal("<img src=x>身份证440106194912310021 ![x](http://127.0.0.1:9/x.png)"), cited())
    out = turn_html(1, ex)
    assert "<img" not in out and "&lt;img src=x&gt;" in out and "440106194912310021" not in out
    assert "<b>低保</b>" not in out and "data-act='copy'" in out and "data-act='share'" in out
    assert "003_x.txt" not in out and "003_x.txt" in turn_html(1, ex, staff=True)  # file name: staff only
    text = plain_text(ex)
    assert "[1] 《清远市推进基本养老服务体系建设实施方案》第(六)条第11项(" in text and "清府办〔2024〕34号" in text
    assert "发文机关:清远市人民政府办公室" in citation_line(ex.answer.citations[0])
    assert text.startswith("问:<img src=x>")  # plain text: what the user typed, as typed, never rendered
    assert "<div" not in text and "<br" not in text and "<mark" not in text
    pending = conversation_html([ex], pending=1)
    assert "turn pending" in pending and "data-act='copy'" not in pending


def test_exchange_survives_a_browser_round_trip():
    ex = Exchange("有什么补贴?", cited())
    back = Exchange.from_dict(ex.to_dict())
    assert back.question == ex.question and back.answer.text == ex.answer.text
    assert back.answer.citations == ex.answer.citations and back.answer.query == "优先入住"
    odd = Exchange.from_dict({"q": "电话13812345678", "a": {"text": "x", "citations": [{"n": 1, "unknown": 2}]}})
    assert odd.question == "电话138****5678" and odd.answer.citations == []


def _rule(name: str, region: str = "广东省清远市", amount: str = DEFAULT_AMOUNT) -> Rule:
    return Rule(id=name, name=name, region=region, doc="d.txt", title="方案", article="第一条", benefit="内容",
                quotes=["原文"], amount=amount)


def test_conditions_in_words_a_choice_met_is_met():
    checks = [
        ConditionCheck("以下全部满足", MET, 0, group="all"),
        ConditionCheck("以下任一满足", MET, 1, group="any"),
        ConditionCheck("低保", UNKNOWN, 2),
        ConditionCheck("低保边缘", MET, 2),
        ConditionCheck("以下任一满足", UNKNOWN, 1, group="any"),
        ConditionCheck("失能", UNKNOWN, 2),
        ConditionCheck("残疾", UNMET, 2),
        ConditionCheck("高龄", UNKNOWN, 2),
    ]
    words = condition_words(Outcome(_rule("优先入住"), NEED_INFO, checks=checks))
    assert words == ["✓ 需要:低保边缘", "? 需要:失能或高龄"]  # 低保 is not asked once 低保边缘 is ticked


def test_checklist_lists_general_items_apart_once_and_says_the_amount_note_once():
    outs = [
        Outcome(_rule("公办养老机构优先入住"), POSSIBLE, checks=[ConditionCheck("低保边缘", MET, 0)]),
        Outcome(_rule("公办养老机构优先入住", region="全国"), POSSIBLE, checks=[ConditionCheck("低保边缘", MET, 0)]),
        Outcome(_rule("高龄津贴", amount="每人每月100元"), POSSIBLE, checks=[ConditionCheck("年龄在80周岁及以上", MET, 0)]),
        Outcome(_rule("能力评估"), POSSIBLE, checks=[ConditionCheck("低保", MET, 0)]),
        Outcome(_rule("老年人优待"), POSSIBLE, general=True),
        Outcome(_rule("护理补贴"), NEED_INFO, checks=[ConditionCheck("失能", UNKNOWN, 0)], missing=["失能程度"]),
    ]
    out = checklist_html(Profile(region="广东省清远市", age=82), outs, DEFAULT_AMOUNT)
    assert out.count("公办养老机构优先入住") == 1  # no item twice
    assert "可能符合(3项)" in out and "面向所有老年人(1项)" in out and "老年人优待" in out
    assert out.count("文件未规定具体金额") == 1 and "标准:每人每月100元" in out
    assert "请补充:失能程度" in out and "✓ 需要:低保边缘" in out


def test_numbers_in_every_form_people_type_them():
    from advisor.personal import mask, redact

    for typed in ("440106194912310021", "4401 0619 4912 3100 21", "440106-19491231-0021", "４４０１０６１９４９１２３１００２１"):
        assert mask(f"身份证{typed}。") == "身份证4401**********0021。", typed
        assert redact(f"身份证{typed}。") == "身份证[身份证号已删除]。", typed
    assert mask("老身份证440106491231002") == "老身份证4401*******1002"  # 15 digits
    assert mask("座机(020)12345678,手机+86 138-1234-5678") == "座机020-****5678,手机138****5678"
    assert redact("座机(020)12345678,82岁,2024年") == "座机[电话已删除],82岁,2024年"
