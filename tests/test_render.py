"""Answers are data rendered last (advisor.answer.render): the parts of an AnswerDraft in reading order, a
refusal's reason before what the documents cover, citation marks moved when a clause is put first."""

from advisor.answer import templates as T
from advisor.answer.render import draft_of, lines_of, redraw, renumber, to_answer
from advisor.schema import Answer, AnswerDraft, Point, Section


def test_parts_in_reading_order():
    d = AnswerDraft(preface=["(按…理解)"], lead=["说明:没有本地文件。"], conclusion="根据《甲》第一条,每人每月100元[1]",
                    items=["(一)特困人员;"], caveats=["另有一版"], sections=[Section("一、可能符合:", ["1. 补贴[2]"])],
                    points=[Point("《甲》第二条", "向社区申请", 3)], notes=["只适用于当地"], next_steps=["到街道办理[4]"],
                    closing=[T.NOTICE], appendix=["注意:只按关键词查找"])
    assert lines_of(d) == [
        "(按…理解)", "说明:没有本地文件。", "结论:根据《甲》第一条,每人每月100元[1]", "  (一)特困人员;", "注意:另有一版",
        "", "一、可能符合:", "1. 补贴[2]", "依据:", "· 《甲》第二条:向社区申请[3]", "注意:只适用于当地",
        "下一步:到街道办理[4]", T.NOTICE, "注意:只按关键词查找"]


def test_a_refusal_says_why_then_what_is_covered_and_whom_to_ask():
    ans = to_answer(AnswerDraft(kind="refusal", refusal="not_found", conclusion=T.REFUSALS["not_found"],
                                covered="国家层面的养老服务政策", advice=T.REFUSAL_ADVICE))
    assert ans.refused and ans.text.split("\n") == [T.REFUSALS["not_found"], "目前资料库收录的是国家层面的养老服务政策文件。",
                                                     T.REFUSAL_ADVICE]


def test_renumber_and_redraw():
    ans = to_answer(AnswerDraft(kind="eligibility", sections=[Section("", ["1. 补贴[1]", "2. 服务[2]"])]))
    renumber(draft_of(ans), 1)
    draft_of(ans).preface.append("当地文件:…[1]")
    assert redraw(ans).text.split("\n") == ["当地文件:…[1]", "", "1. 补贴[2]", "2. 服务[3]"]
    plain = Answer(text="抱歉,出错了。", refused=True, kind="error")  # made from text alone: its text is its opening
    assert draft_of(plain).lead == ["抱歉,出错了。"] and redraw(plain).text == "抱歉,出错了。"
