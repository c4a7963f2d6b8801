"""Answers that answer the question's kind (issue 15, items 1–3): a 结论 only when it holds what was asked
(a figure for 多少, an office or a procedure for 找谁/怎么申请, materials for 要什么材料), otherwise one
sentence saying what the documents do not state; never a "not stated" next to a quote that states it;
follow-ups that move on. No test asserts a fixed answer text."""

from __future__ import annotations

import re

import pytest

from advisor.answer.compose import _NUMBER, _PROCEDURE
from advisor.ingest.patterns import MONEY as _MONEY

NOT_STATED = re.compile(r"没有写明|没有比上一条回答更具体")


def conclusion(text: str) -> str:
    return next((ln for ln in text.splitlines() if ln.startswith("结论")), "")


@pytest.mark.parametrize("question", [
    "清远高龄津贴怎么申请?", "新疆的家庭养老床位去哪里申请?", "清远特困老人入住公办养老机构找谁?",
])
def test_how_to_apply_names_an_office_or_says_it_is_not_stated(advisor_obj, question):
    ans = advisor_obj.conversation().ask(question)
    c = conclusion(ans.text)
    if c:
        assert _PROCEDURE.search(c), ans.text  # a 结论 that names no office, channel or procedure is not one
        assert not NOT_STATED.search(ans.text)
    else:
        assert NOT_STATED.search(ans.text) and "文件中相关的规定" in ans.text


@pytest.mark.parametrize("question", [
    "清远公办养老机构护理型床位占比要达到多少?", "新疆规划社区养老服务设施,人均用地标准是多少?",
    "清远高龄津贴每月发多少钱?", "甘肃福彩公益金用于养老的比例是多少?",
])
def test_how_much_answers_with_a_figure_and_never_contradicts_itself(advisor_obj, question):
    ans = advisor_obj.conversation().ask(question)
    c = conclusion(ans.text)
    if c:
        assert _NUMBER.search(c.split(",", 1)[-1]), ans.text  # a figure with its unit, not only the article label
    if "没有写明具体金额" in ans.text:  # an amount refusal is never followed by a quote holding an amount
        assert not _MONEY.search(ans.text.split("没有写明具体金额", 1)[1]), ans.text


def test_follow_ups_never_repeat_the_last_answer(advisor_obj):
    c = advisor_obj.conversation()
    texts = [c.ask(m).text for m in ("清远高龄津贴怎么申请?", "那养老院呢 公办的能进吗", "要什么材料", "去哪里申请 找谁")]
    assert len(set(texts)) == len(texts), texts


def test_a_follow_up_asking_something_else_changes_the_kind_of_answer(advisor_obj):
    c = advisor_obj.conversation()
    c.ask("清远高龄津贴怎么申请?")
    c.ask("要什么材料")
    third = c.ask("去哪里申请 找谁")
    assert "材料" not in third.text.splitlines()[0]  # the third turn asks where, not what to bring


def test_an_elder_where_the_corpus_has_no_document_gets_national_rules_said_plainly(advisor_obj):
    c = advisor_obj.conversation()
    c.ask("我妈在郑州,85岁")
    ans = c.ask("失能老人能申请家庭养老床位吗?")
    assert not ans.refused, ans.text
    assert "郑州" in ans.text.splitlines()[0] and "国家" in ans.text.splitlines()[0]
    assert ans.citations and all(cit.region in ("", "全国") for cit in ans.citations)


def test_a_question_about_a_place_without_documents_is_still_declined(advisor_obj):
    ans = advisor_obj.conversation().ask("深圳公办养老院怎么排队轮候入住?")
    assert ans.refused and "深圳" in ans.text


def test_what_is_provided_is_answered_by_what_is_provided(advisor_obj):
    ans = advisor_obj.conversation().ask("清远社区里的嵌入式居家养老服务站能提供哪些服务?")
    c = conclusion(ans.text)
    assert c and (c.count("、") >= 2 or "\n  " in ans.text), ans.text  # an enumeration or a list, not a plan target


def test_a_question_about_a_document_cites_first_what_it_asks_first(advisor_obj):
    ans = advisor_obj.conversation().ask("清远的实施方案什么时候施行?文号是什么?")
    assert ans.citations, ans.text
    assert re.search(r"施行|实施|执行", ans.citations[0].text), [c.text for c in ans.citations]


def test_a_checklist_for_a_place_without_its_own_rules_says_so_first(advisor_obj):
    ans = advisor_obj.conversation().ask("我妈在郑州,85岁,失能了,能享受什么服务?")
    assert ans.kind == "eligibility"
    first = ans.text.splitlines()[0]
    assert "郑州" in first and "国家" in first


def test_small_talk_and_medicine_are_not_the_topic_of_a_follow_up(advisor_obj):
    c = advisor_obj.conversation()
    c.ask("清远高龄津贴怎么申请?")
    c.ask("谢谢")
    c.ask("我爸血压高 降压药一次吃几片")
    ans = c.ask("那要什么材料?")
    assert "高龄津贴" in c.turns[-1].query and "降压药" not in c.turns[-1].query, c.turns[-1].query
    assert ans.kind != "medical"


def test_an_emergency_without_a_policy_question_is_not_a_topic(advisor_obj):
    c = advisor_obj.conversation()
    c.ask("清远高龄津贴怎么申请?")
    alarm = c.ask("我妈在卫生间摔倒了起不来")
    assert "120" in alarm.text.splitlines()[0]
    c.ask("那要什么材料?")
    assert "摔倒" not in c.turns[-1].query and "高龄津贴" in c.turns[-1].query


def test_a_checklist_without_local_rules_quotes_the_local_documents_first(advisor_obj):
    from advisor.chat import Advisor

    national_only = Advisor(advisor_obj.settings, advisor_obj.retriever)
    national_only.rules = [r for r in advisor_obj.rules if r.region == "全国"]  # as if 辽宁's rules were not written
    ans = national_only.conversation().ask("我妈在辽宁,82岁,失能了,有什么补贴?")
    assert ans.kind == "eligibility"
    assert ans.citations and ans.citations[0].region == "辽宁省", [c.region for c in ans.citations]
    assert [c.n for c in ans.citations] == list(range(1, len(ans.citations) + 1))
    marks = {int(m) for m in re.findall(r"\[(\d+)\]", ans.text)}
    assert marks and marks <= {c.n for c in ans.citations}, ans.text  # every mark in the text has its source


def test_where_the_elder_is_registered_and_where_she_lives_are_both_places(advisor_obj):
    # 河南 has no document, 清远 has: the answer comes from 清远's and national rules, not a refusal for 河南
    ans = advisor_obj.conversation().ask("我妈户口在河南,现在跟我在清远常住,能享受清远的居家养老上门服务吗?")
    assert "没有河南" not in ans.text and not ans.refused, ans.text


def test_a_comparison_with_a_place_without_documents_says_that_place_has_none(advisor_obj):
    # 清远 has rules, 韶关 none: "跟清远一样吗" cannot be answered from 清远's alone
    ans = advisor_obj.conversation().ask("韶关的居家养老上门服务跟清远的一样吗?")
    assert ans.refused and "韶关" in ans.text.splitlines()[0], ans.text


@pytest.mark.parametrize("question", ["清远那个实施方案管到哪年?", "清远的实施方案有效期到什么时候?"])
def test_how_long_a_named_document_is_valid_is_answered_from_its_own_clause(advisor_obj, question):
    # few words of the documents ("管到哪年"): still a question about the document the place names
    ans = advisor_obj.conversation().ask(question)
    assert ans.kind == "document" and not ans.refused, ans.text
    assert ans.citations and "有效期" in ans.citations[0].text, [c.text for c in ans.citations]


def test_whether_a_document_was_revised_is_not_answered_by_its_own_dates(advisor_obj):
    # the plan records no amendment and no later version is indexed: the documents do not say, plainly
    ans = advisor_obj.conversation().ask("清远那个实施方案后来修订过吗?")
    assert ans.refused and "修订" in ans.text.splitlines()[0], ans.text


def test_an_amount_of_another_benefit_does_not_answer_how_much_a_benefit_is(advisor_obj):
    # the seeds give no 慰问金 at all: the answer says that plainly, naming it, and quotes no amount as a 结论
    ans = advisor_obj.conversation().ask("清远百岁老人的长寿慰问金每月给多少钱?")
    assert not conclusion(ans.text), ans.text
    assert "慰问金" in ans.text.splitlines()[0] and NOT_STATED.search(ans.text.splitlines()[0])


def test_a_clause_speaks_of_a_benefit_by_its_name_or_the_lexicons_word_for_it(advisor_obj):
    from advisor.answer.compose import speaks_of
    from advisor.schema import Chunk

    lex = advisor_obj.lex
    chunk = Chunk(chunk_id="c", doc_id="d", source="d.txt", title="某市办法", heading_path="三、补贴标准",
                  text="低保家庭老年人每人每月150元。")
    assert speaks_of("补贴", chunk, lex)  # in its heading
    assert speaks_of("补助", chunk, lex)  # the lexicon reads 补助 as 补贴
    assert not speaks_of("慰问金", chunk, lex)


def test_a_checklist_for_a_city_without_documents_names_the_levels_it_answers_from(advisor_obj):
    ans = advisor_obj.conversation().ask("我妈在乌鲁木齐,85岁,失能了,能享受什么?")
    assert ans.kind == "eligibility"
    first = ans.text.splitlines()[0]
    assert "乌鲁木齐" in first and "新疆" in first and "国家" in first, first
    asks = next(ln for ln in ans.text.splitlines() if ln.startswith("请告诉我"))
    assert asks.count(";") < 4, asks  # a few facts at a time, not a form


def test_a_checklists_sources_name_the_kind_of_document(advisor_obj):
    ans = advisor_obj.conversation().ask("我妈82岁,在清远,瘫痪在床,是低保户,能享受什么?")
    assert ans.kind == "eligibility" and ans.citations
    assert all(c.kind for c in ans.citations), [(c.doc, c.kind) for c in ans.citations]  # 规范性文件, 法律…


def test_a_follow_up_the_same_clause_answers_points_at_its_part_not_the_whole_answer_again(advisor_obj):
    c = advisor_obj.conversation()
    first = c.ask("辽宁的养老托育方案里,到2025年全省养老服务床位目标是多少?")
    second = c.ask("其中护理型床位要占多少?")
    assert "".join(second.text.split()) != "".join(first.text.split())
    line = conclusion(second.text)
    assert "护理型" in line and "%" in line, second.text  # the part that answers the follow-up, with its figure
    assert second.citations and second.citations[0].text in first.citations[0].text  # verbatim, same clause


def test_a_follow_up_on_another_age_points_at_the_band_that_holds_it(advisor_obj):
    """"那过两年她满90了呢" after a table row giving every band: the 90—99 band's sum, not the row's "80周岁以上" cell
    (which holds 90 too, but says only who may have it)."""
    from advisor.answer.render import to_answer
    from advisor.chat import _same_clause
    from advisor.schema import AnswerDraft, Citation

    row = ("1 | 高龄津贴 | 80周岁以上老年人 | 80—89周岁每人每月50元；90—99周岁每人每月100元；100周岁以上每人每月500元"
           " | 市民政局")
    cited = Citation(n=1, doc="d.pdf", title="某市基本养老服务清单", region="某省某市", article="高龄津贴", date="",
                     validity="", text=row)
    ans = to_answer(AnswerDraft(kind="policy", conclusion=f"结论:{row}[1]"))
    ans.citations = [cited]
    again = _same_clause(ans, "那过两年她满90了呢 能多给点不", advisor_obj.retriever)
    assert "100元" in conclusion(again.text) and "50元" not in conclusion(again.text), again.text


def test_a_follow_up_refused_like_the_turn_before_says_it_is_not_stated_either():
    from advisor.answer.render import to_answer
    from advisor.chat import _same_clause
    from advisor.schema import AnswerDraft

    refused = to_answer(AnswerDraft(kind="refusal", refusal="no_amount",
                                    conclusion="收录的政策文件没有写明具体金额或发放标准,通常由当地制定。",
                                    advice="建议向当地民政部门咨询。"))
    again = _same_clause(refused, "要是超了那个数呢?", retriever=None)  # a refusal needs no retriever
    assert again.text.splitlines()[0].startswith("关于“要是超了那个数呢?”") and again.refused
    assert again.text.splitlines()[1:] == ["建议向当地民政部门咨询。"]


def test_a_repeated_question_on_another_route_is_left_as_it_is():
    from advisor.chat import _same_clause
    from advisor.schema import Answer

    listing = Answer(text="请告诉我老人住在哪个市、哪个区,我再帮您找附近的机构。", refused=True, kind="providers")
    assert _same_clause(listing, "附近有什么养老院?", retriever=None).text == listing.text
    other = Answer(text="抱歉,资料库中没有重庆市的养老政策文件,无法告诉您当地的具体规定。", refused=True, kind="refusal")
    assert _same_clause(other, "重庆呢?", retriever=None).text == other.text  # its own reason stays


def test_a_follow_up_answered_with_an_earlier_turns_clause_is_a_repeat_unless_the_clause_holds_its_new_words():
    from advisor.chat import Turn, _repeats
    from advisor.lexicon import load_lexicon
    from advisor.schema import Answer, Citation

    lex = load_lexicon()

    def said(text: str) -> Answer:
        return Answer(text=text, refused=False, citations=[Citation(1, "d.html", "某措施", "四川省成都市", "第(八)条", "", "", text)])

    beds = "到2025年，养老机构护理型床位占比超过60%。"
    first = Turn("成都到2025年养老机构护理型床位占比要达到多少?", "", said(beds))
    # "养老机构" is in the clause, but the follow-up's own words (连锁, 奖励) are not
    assert _repeats(said(beds), first, "那做连锁经营的养老机构有没有奖励?", lex)
    total = "到2025年，全省养老服务床位达到35万张，其中护理型床位占比达到55%。"
    asked = Turn("到2025年全省养老服务床位目标是多少?", "", said(total))
    assert not _repeats(said(total), asked, "其中护理型床位要占多少?", lex)  # the same clause answers this too
    vouchers = "中度、重度失能老年人，每人每月6张，计300元；"
    whether = Turn("我爸评了重度失能 这个消费券他能领不", "", said(vouchers))
    assert not _repeats(said(vouchers), whether, "一个月几张 合多少钱", lex)  # "一个" counts; it names no new topic
    closing = "养老机构暂停、终止养老服务的，应当在暂停或者终止服务六十日前，向备案的民政部门提交老年人安置方案。"
    shut = Turn("养老院能说关门就关门吗 里面住的老人咋办", "", said(closing))
    # how long ahead: the clause's time limit answers it; a message asking something more is still a repeat
    assert not _repeats(said(closing), shut, "那山东对这个有啥具体要求 要提前多久", lex)
    assert _repeats(said(closing), shut, "要提前多久？提前了以后补贴怎么算？", lex)


class _WordsOnly:
    """A stand-in for the retriever (fake, for speed) that knows no word: only the kind of answer asked can point."""

    def __init__(self):
        from advisor.lexicon import load_lexicon

        self.lex, self.df = load_lexicon(), {}
        self.chunks: list = []

    def idf(self, term: str) -> float:
        return 1.0


class _Clauses:
    """A stand-in for the retriever (fake, for speed): the clauses it holds and the word lists."""

    def __init__(self, *clauses: tuple[str, str]):
        from advisor.lexicon import load_lexicon
        from advisor.schema import Chunk

        self.chunks = [Chunk(chunk_id=str(i), doc_id=str(i), source=f"{i}.md", text=text, region=region)
                       for i, (region, text) in enumerate(clauses)]
        self.lex = load_lexicon()


def test_a_program_only_other_places_have_is_said_to_be_absent_here_and_found_there():
    from advisor.answer.programs import program_asked, topic_elsewhere
    from advisor.answer.query import Query

    docs = _Clauses(("山东省", "鼓励支持设立家庭照护床位，由专业养老服务组织提供上门照护服务。"),
                    ("上海市", "本市建立统一的老年综合津贴制度。"),
                    ("全国", "国家鼓励地方建立八十周岁以上低收入老年人高龄津贴制度。"))
    beds = Query(text="上海有没有家庭照护床位这个政策?", search="", regions=["上海市"])
    program = program_asked(beds, docs)
    assert program.endswith("照护床位")  # the whole term once jieba learnt it from the documents
    assert topic_elsewhere(program, beds, ["上海市"], docs) == ["山东省"]
    assert topic_elsewhere(program, beds, ["山东省"], docs) == []  # where it is written, it is answered
    # a national clause applies everywhere: "高龄津贴" is no absence in 上海 (its two words make the program's name)
    allowance = Query(text="上海有没有高龄津贴?", search="", regions=["上海市"])
    assert program_asked(allowance, docs) == "高龄津贴"
    assert topic_elsewhere("高龄津贴", allowance, ["上海市"], docs) == []


def test_a_follow_up_the_same_clause_answers_by_its_kind_points_at_it_without_a_shared_word():
    from advisor.answer.render import to_answer
    from advisor.chat import _same_clause
    from advisor.schema import AnswerDraft, Citation

    text = "申领优待证，由本人或者其亲属持老年人居民身份证、户口簿和近期一寸免冠彩色照片两张，到乡镇人民政府办理。"
    ans = to_answer(AnswerDraft(kind="policy", conclusion="结论:" + text))
    ans.citations = [Citation(1, "d.txt", "某市老年人优待办法", "河北省某市", "第四条", "", "", text, context=text)]
    again = _same_clause(ans, "要带啥东西", retriever=_WordsOnly())
    assert not again.refused and "身份证" in again.text  # the papers are in it: said from that clause
