"""How a question is read before any clause is searched: where the answer is to come from ("按国家法律") is not
what it is about, a standard the question asks the figure of is no answer to it, a rate is an amount given by
rule, a place named with its city is one place, and a message that goes on with the last topic carries it."""

from __future__ import annotations

import pytest

from advisor.answer.compose import _STANDARD, refers_to_asked
from advisor.answer.query import analyze, search_text
from advisor.answer.understand import carries_on, rewrite
from advisor.lexicon import find_regions, load_lexicon


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def test_the_source_a_question_names_is_not_searched_for(lex):
    assert "法律" not in search_text("按国家法律老人是从多少岁开始算的？", lex)
    assert "法律" not in search_text("从法律上讲子女有赡养义务吗", lex)
    assert "赡养义务" in search_text("从法律上讲子女有赡养义务吗", lex)
    assert analyze("法律上多少岁算老年人？", lex).national  # a law is national: its documents rank first


def test_a_standard_used_as_a_cap_does_not_state_that_standard(lex):
    q = analyze("2026年上海的低保标准是每人每月多少钱？", lex)
    assert refers_to_asked("临时救助每人每月一般不超过本市最低生活保障标准。", q, lex)
    # the same rule answers a question on another benefit: it is how that one is set
    other = analyze("临时救助一个月最多给多少钱", lex)
    assert not refers_to_asked("临时救助每人每月一般不超过本市最低生活保障标准。", other, lex)
    # "按照自治区规定享受高龄津贴，具体标准…": the rule for the asked allowance, not a reference to it
    asked = analyze("高龄津贴一个月多少钱", lex)
    assert not refers_to_asked("年满80周岁的老年人，按照自治区规定享受高龄津贴，具体标准按照自治区有关规定执行。", asked, lex)


def test_a_rate_of_a_base_is_an_amount_given_by_rule():
    assert _STANDARD.search("按每人每月0.01%的费率按年度进行补助")
    assert _STANDARD.search("补助标准为当地最低生活保障标准的50%")
    assert not _STANDARD.search("护理型床位占比达到55%")


def test_a_place_named_with_its_city_is_one_place(lex):
    assert find_regions("我在哈市道里区", lex) == ["黑龙江省哈尔滨市道里区"]
    assert find_regions("我爸在呼市 低保户", lex) == ["内蒙古自治区呼和浩特市"]
    # two places named apart stay two, in the order named
    assert find_regions("户口在清远，人在广州", lex) == ["广东省清远市", "广东省广州市"]


def test_a_term_learnt_from_the_documents_does_not_swallow_a_place(lex):
    from advisor.index.lexical import add_terms, corpus_terms

    terms = corpus_terms(["芜湖市繁昌区家庭养老床位服务机构申报表。岳阳市老年助餐补贴按月结算。"], lex)
    assert "家庭养老床位" in terms and "老年助餐补贴" in terms
    assert not any("繁昌" in t or "阳市" in t for t in terms), terms
    add_terms(terms)  # jieba learns the terms: the place before them is still read
    assert find_regions("繁昌区家庭养老床位是什么时候申报的", lex) == ["安徽省芜湖市繁昌区"]


def test_a_message_that_goes_on_with_the_last_topic_carries_it(lex):
    assert carries_on("老人不想去敬老院，能在家里供养吗？", "特困供养都管些什么？", lex)
    assert "特困" in rewrite("老人不想去敬老院，能在家里供养吗？", "特困供养都管些什么？", lex)
    # a new subject, said to be one, or sharing only a word any two questions share
    assert not carries_on("对了，我们机构招了新员工，社保登记要在多少天内办？", "成都护理型养老机构有什么建设补助", lex)
    assert not carries_on("社区养老机构有没有运营补贴？", "养老机构消防要求是什么", lex)
    assert not carries_on("那北京的供养标准呢？", "特困供养都管些什么？", lex)  # a new place: handled as a follow-up


def test_a_title_joining_two_benefits_lets_each_tell_its_clauses():
    from advisor.answer.compose import _covered, _title_subjects

    title = "呼和浩特市经济困难老年人养老服务补贴和失能老年人护理补贴实施办法"
    assert len(_title_subjects(title)) == 2  # 呼 of 呼和浩特 is no subject
    assert _title_subjects("北京市居家养老服务条例") == []
    weights = {"养老服务补贴": 6.0, "补贴": 2.0, "户口": 5.0}
    # 养老服务补贴 names one of the two subjects: it tells 第四条 from the 护理补贴 clauses; 补贴 names both
    assert set(_covered("养老服务补贴标准为：每人每月六十元", weights, title)) == {"养老服务补贴"}


def test_counts_are_no_words_of_a_question():
    from advisor.answer.query import COUNT_WORD

    assert COUNT_WORD.fullmatch("一个") and COUNT_WORD.fullmatch("两次") and COUNT_WORD.fullmatch("一户")
    assert not COUNT_WORD.fullmatch("个人")


def test_a_follow_up_that_only_names_the_kind_of_answer_carries_the_topic(lex):
    last = "郧阳区今年有没有给老人家里做适老化改造的"
    assert "适老化改造" in rewrite("要准备啥材料", last, lex)
    assert "适老化改造" in rewrite("一户补多少钱", last, lex)
    # what the asking words leave behind ("要", "钱", "一户") is not carried to the next turn
    from advisor.answer.query import topic_of

    assert topic_of("要准备啥材料 一户补多少钱 郧阳区适老化改造") == "郧阳区适老化改造"


def test_a_notices_closing_lines_are_sentences_of_their_own():
    from advisor.ingest.chunking import chunk_sentences

    text = "区民政局养老服务股，联系电话：0719-7223516。\n附件：适老化改造申请表\n十堰市郧阳区民政局\n2025年3月18日"
    assert chunk_sentences(text) == ["区民政局养老服务股，联系电话：0719-7223516。", "附件：适老化改造申请表",
                                     "十堰市郧阳区民政局", "2025年3月18日"]
    assert chunk_sentences("第一条为了\n保障老年人。第二条规定") == ["第一条为了保障老年人。", "第二条规定"]


def test_southern_sounds_fold_together():
    from advisor.answer.spelling import SoundAlike, sound_key

    assert sound_key("高林") == sound_key("高龄") and sound_key("中疯") == sound_key("中风")
    speller = SoundAlike([("高龄津贴", 2.0), ("梅州", 1.5)])
    fixed, fixes = speller.correct("我妈83了 在梅洲 高林津贴每个月能领多少")
    assert "梅州" in fixed and "高龄津贴" in fixed and len(fixes) == 2


def test_a_fee_waived_for_a_legal_matter_is_a_benefit_question(lex):
    assert analyze("我爸想立遗嘱 遗嘱继承怎么弄", lex).legal
    assert not analyze("去公证处办遗嘱公证有没有优惠", lex).legal


def test_a_date_that_ends_something():
    from advisor.answer.compose import ends_something

    assert ends_something("申报时间：2025年4月1日至2025年5月31日，逾期不予受理。")
    assert ends_something("乡镇（街道）应当在15个工作日内完成初审。")
    assert not ends_something("截至8月14日，全市养老机构申报备案约700余家。")  # a count as of a day
    assert not ends_something("试点实施时间:2025年08月25日")


def test_a_table_introduced_by_its_article_keeps_that_sentence(tmp_path):
    from test_document_shapes import only_document, run

    text = ("# 某市高龄津贴细则\n\n第一条 为保障高龄老人生活，制定本细则。\n\n第二条 高龄津贴按照年龄段分档发放，标准见下表：\n\n"
            "| 对象 | 标准 |\n| --- | --- |\n| 年满80周岁至89周岁的老年人 | 每人每月100元 |\n| 年满90周岁以上的老年人 | 每人每月200元 |\n\n"
            "第三条 本细则自2024年1月1日起施行。\n")
    _doc, chunks = only_document(run(tmp_path, {"gaoling.md": text.encode("utf-8")}))
    rows = [c for c in chunks if c.text.startswith("年满")]
    assert len(rows) == 2 and all("高龄津贴按照年龄段分档发放" in c.heading_path for c in rows)


def test_a_share_is_answered_by_a_share_and_a_level_rule_is_a_rule():
    from advisor.answer.compose import _SHARE

    assert analyze("医疗救助能报百分之多少？", load_lexicon()).asks_share
    assert not _SHARE.search("六十周岁以上老年人参加医疗保险的，给予资助")
    assert _SHARE.search("按照百分之五十收取公证费") and _SHARE.search("报销比例为70%")
    assert _STANDARD.search("根据社会养老服务需求评估确定的类型和等级，给予相应社会养老服务补贴。")


def test_a_year_asked_for_that_the_documents_do_not_cover_is_told(lex):
    from advisor.answer.compose import other_year
    from advisor.schema import Chunk, Hit

    yearly = Chunk("c1", "d1", "n.md", "每户补助标准不超过3500元。", title="游仙区关于开展2025年度适老化改造工作的通知")
    rule = Chunk("c2", "d2", "r.docx", "九十周岁至九十九周岁每人每月200元。", title="扬州市高龄津贴发放实施细则",
                 doc_number="扬民发〔2024〕37号", publish_date="2024-05-10")
    plan = Chunk("c3", "d3", "p.md", "推进适老化改造。", title="某省养老服务体系建设规划(2021—2025年)")
    hits = [Hit(c, 1.0) for c in (yearly, rule, plan)]
    assert other_year(analyze("游仙区2024年的适老化改造每户补多少", lex), hits[:1], yearly) == "2025年"
    assert other_year(analyze("那2025年度的什么时候报", lex), hits[:1], yearly) == ""
    assert other_year(analyze("扬州2019年那个老的高龄津贴办法里90岁的多少钱", lex), hits[1:2], rule) == "2024年"
    # a standing rule asked for "2024年的" answers; a year of the story is no year asked for
    assert other_year(analyze("扬州2023年的高龄津贴90岁多少钱", lex), hits[1:2], rule) == ""
    assert other_year(analyze("我爸2019年就满80了 游仙区适老化改造补多少", lex), hits[:1], yearly) == ""
    assert other_year(analyze("2023年的适老化改造有什么要求", lex), hits[2:], plan) == ""  # inside 2021—2025
    # another document found is of the year asked: it may answer
    other = Chunk("c4", "d4", "o.md", "每户补助3000元。", title="游仙区关于开展2024年度适老化改造工作的通知")
    assert other_year(analyze("游仙区2024年的适老化改造每户补多少", lex), [hits[0], Hit(other, 0.9)], yearly) == ""
    # an explainer's sentence that opens with the year its count is of ("2024年全市计划完成1200户…") is of that year
    faq = Chunk("c5", "d5", "q.md", "答：2024年全市计划完成1200户困难老年人家庭适老化改造。", title="某市居家适老化改造常见问题解答",
                kind="政策解读")
    said = "2024年全市计划完成1200户困难老年人家庭适老化改造。"
    assert other_year(analyze("2025年适老化改造还有名额吗 全市多少户", lex), [Hit(faq, 1.0)], faq, said) == "2024年"
    assert other_year(analyze("2024年全市多少户", lex), [Hit(faq, 1.0)], faq, said) == ""


def test_an_office_named_with_its_place_is_read(lex):
    assert analyze("我家在阳朔县 阳朔县民政局电话多少", lex).office == ("阳朔县民政局", "阳朔县")
    assert analyze("五里牌街道办事处在哪", lex).office == ("五里牌街道办事处", "五里牌街道")
    assert analyze("我在阳朔县 找民政局问电话多少", lex).office == ("", "")  # the asker's place, no office of it
    # a level alone after the words asking names no place: the county's office of the documents answers
    assert analyze("罗田县临时救助的事，应该找县民政局哪个股室咨询？电话是多少？", lex).office == ("", "")
    assert analyze("我去海河镇政府问问电话多少", lex).office == ("海河镇政府", "海河镇")


def test_an_amount_left_to_a_later_text_is_not_read_as_another_ages_sum(lex):
    from advisor.answer.compose import set_later_for

    clause = ("（一）具有本市户籍的八十周岁以上老年人按照规定享受高龄津贴，具体标准另行公布；"
              "其中年满一百周岁以上老年人的高龄津贴标准为每人每月500元；（二）对九十周岁以上老年人走访慰问。")
    assert set_later_for(clause, 85) and not set_later_for(clause, 101) and not set_later_for(clause, None)
    assert not set_later_for("八十周岁以上老年人每人每月100元，具体发放办法另行制定。", 85)  # the sum is theirs
    assert analyze("我爷爷85 高龄津贴每个月多少", lex).asks_amount
    assert not analyze("高龄津贴能补多少个月", lex).asks_amount  # a count of months, not a sum


def test_a_deadline_asked_of_a_clause_without_one_is_found_in_its_document():
    from conftest import ChunksOnly

    from advisor.answer.compose import Scored, dated_in_document
    from advisor.schema import Chunk, Hit

    doc = [Chunk("a", "d", "n.md", "申请需提交以下材料：申请表；居民身份证、户口簿复印件。", title="适老化改造通知"),
           Chunk("b", "d", "n.md", "1.符合条件的老年人或者其家属于2025年4月1日至4月30日，向户籍所在地村（社区）提出申请，"
                 "逾期不予受理。", title="适老化改造通知"),
           Chunk("c", "d", "n.md", "各镇（街道）于2025年5月15日前完成适老化改造初审，公示5天。", title="适老化改造通知"),
           Chunk("x", "other", "o.md", "2025年6月30日前完成申请。", title="其他通知")]
    first = Scored(1, Hit(doc[0], 1.0), "申请需提交以下材料", 1.0)
    weights = {"适老化改造": 2.0, "申请": 1.0, "截止": 1.5}
    got = dated_in_document(first, ChunksOnly(doc), weights, applying=True)
    assert got is not None and got.hit.chunk.chunk_id == "b" and got.span.startswith("符合条件")  # applying, not 初审
    assert dated_in_document(first, ChunksOnly(doc[:1]), weights) is None
    # "最晚什么时候能改完": not the application deadline, the date of the work itself
    done = dated_in_document(first, ChunksOnly(doc), weights, applying=False)
    assert done is not None and done.hit.chunk.chunk_id == "c"


def test_time_words_no_document_holds_are_not_the_topic():
    from advisor.index.lexical import function_word

    assert function_word("前年") and function_word("以前") and function_word("一直")
    assert not function_word("补发") and not function_word("高龄津贴")


def test_a_year_after_a_documents_validity_and_an_office_centre_are_read(lex):
    from advisor.answer.compose import ends_something, other_year
    from advisor.schema import Chunk, Hit

    pilot = Chunk("p", "d", "p.html", "退休人员缴费比例为0.01%。", title="长期护理保险试点政策解读", expiry_date="2026-12-31")
    asked = analyze("那2027年以后还按这个比例扣吗", lex)
    assert asked.asked_year == 2027 and "2026-12-31" in other_year(asked, [Hit(pilot, 1.0)], pilot)
    assert other_year(analyze("2026年的还按这个比例扣吗", lex), [Hit(pilot, 1.0)], pilot) == ""
    centre = analyze("上海徐汇区的社区事务受理服务中心在哪条路上", lex)
    assert centre.wants == "contact" and centre.office[0].endswith("服务中心")
    assert ends_something("应当在终止服务六十日前，向民政部门提交安置方案。")  # a time limit written in words


def test_a_common_word_off_the_title_does_not_silence_the_titles_words():
    from advisor.answer.compose import _covered

    title = "南阳市高龄津贴发放办法"
    weights = {"高龄津贴": 5.9, "津贴": 3.6, "高龄": 3.2, "补贴": 2.4}  # 补贴: added for 津贴, common everywhere
    assert "高龄津贴" in _covered("高龄津贴按照下列标准发放：每人每月100元", weights, title)
    # a rarer word off the title tells the sentences apart: the title's words then identify the document only
    assert "高龄津贴" not in _covered("高龄津贴按照下列标准发放", {**weights, "失能": 5.0}, title)


def test_where_the_elder_is_registered_is_no_topic_and_payment_questions_ask_a_day(lex):
    assert "户口" not in search_text("我妈83了 户口在赤峰 高龄津贴每个月能领多少", lex)
    assert "户籍" in search_text("户口在河南,现在在杭州常住 能领高龄津贴吗", lex)  # two places: 户籍 decides
    assert "户籍" in search_text("户口不在本地能领吗", lex)
    assert "户口" not in search_text("我爷爷75岁 赤峰户口 高龄津贴一年能给多少", lex)  # the place's 户口, after it
    assert "户口簿" in search_text("赤峰的高龄津贴要带户口簿吗", lex)
    paid = analyze("赤峰的高龄补贴每个月几号到账 打到哪个卡上", lex)
    assert paid.asks_date and paid.wants != "procedure"  # "打到哪" asks where the money goes, not where to apply
    assert analyze("交到哪去办啊", lex).wants == "procedure"


def test_a_document_named_by_its_number_is_found():
    from advisor.retrieval.named import documents_numbered

    numbered = [("衡民发〔2024〕21号", "衡阳市经济困难老年人养老服务补贴实施办法"), ("成办发〔2022〕28号", "关于加快推进养老服务发展若干措施")]
    assert documents_numbered("衡民发〔2024〕21号这个文件什么时候开始执行", numbered) == {"衡阳市经济困难老年人养老服务补贴实施办法"}
    assert documents_numbered("衡民发[2024] 21号有效期几年", numbered) == {"衡阳市经济困难老年人养老服务补贴实施办法"}
    assert not documents_numbered("衡民发〔2024〕2号", numbered) and not documents_numbered("高龄津贴多少钱", numbered)


def test_a_version_of_a_year_is_an_old_version_asked_for(lex):
    asked = analyze("锦州2016年那版老年人优待办法里 高龄津贴标准是多少", lex)
    assert asked.asked_year == 2016 and asked.asks_old


def test_a_guess_of_jiebas_hmm_is_mended_against_the_documents_words():
    from advisor.index.lexical import mended_tokens

    known = {"现金", "发现", "直接", "老人", "发放"}
    got = mended_tokens("能不能直接发现金给老人", known)
    assert "现金" in got and "金给" not in got  # 发现|金给: the documents' 现金 is what is asked
    # a guess no known word overlaps stays (it may name what no document has)
    assert "金给" in mended_tokens("能不能直接发现金给老人", {"发现", "直接"})
    # dictionary words are never replaced
    assert mended_tokens("高龄津贴怎么领", {"津贴"}) == mended_tokens("高龄津贴怎么领", set())


def test_a_target_year_is_a_year_asked(lex):
    assert analyze("三明医养结合 到2030年 护理型床位占比目标是多少", lex).asked_year == 2030
    assert analyze("我妈2019年就满80了 高龄津贴多少", lex).asked_year is None  # a year of the story


def test_a_province_and_its_city_written_as_one_word_are_places(lex):
    # jieba keeps "吉林长春", "云南昆明" as one word: the province and the city are still read
    assert find_regions("吉林长春有没有老年助餐补贴", lex) == ["吉林省长春市"]
    assert find_regions("云南昆明助餐一顿补多少", lex) == ["云南省昆明市"]
    assert find_regions("医保定点医院", lex) == []  # two characters that only look like a place stay none
    # 和县 (a county of 安徽) inside "审核和县区民政局": the generic 县区, no place; written alone it is the county
    assert find_regions("乡镇审核和县区民政局审批各有几个工作日", lex) == []
    assert find_regions("我在和县 高龄津贴怎么领", lex) == ["安徽省马鞍山市和县"]


def test_a_sections_short_title_says_what_its_sentences_are_about():
    from advisor.answer.compose import section_title

    assert section_title("二、补贴对象和标准 > （一）高龄津贴") == "（一）高龄津贴"
    assert section_title("第二章 家庭赡养与扶养 > 第十四条") == ""  # an article label names no topic
    assert section_title("问题7") == "" and section_title("五、怎么申请助餐补贴？") == ""  # a 问答's own credit
    assert section_title("二、发放标准 > 表:年龄段 | 原标准 | 新标准") == ""  # a table row has its header
    assert section_title("一、总体要求 > （一）坚持以人民为中心的发展思想全面推进养老服务体系建设") == ""  # too long


def test_an_allowance_is_one_program_under_any_of_its_heads():
    from advisor.answer.programs import program_written as _written

    assert _written("高龄补贴").search("高龄津贴自老年人年满80周岁的次月起计发")
    assert _written("护理补贴").search("经济困难失能老年人护理补助")
    # two things joined by 和 are not one name written apart; another sum between qualifier and kind is another sum
    assert _written("医疗护理补贴").search("医疗机构护理补贴") and not _written("医疗护理补贴").search("医疗和护理补贴")
    assert not _written("高龄补贴").search("高龄老人护理补贴")
    assert _written("无障碍改造").search("无障碍设施改造")


def test_an_age_in_chinese_numerals_is_the_elders_age_not_a_topic():
    from advisor.profile import age_phrases, extract_age

    assert extract_age("日照 我奶奶今年过了一百岁 高龄补贴现在一个月多少") == 100
    assert extract_age("老母亲一百零二岁了") == 102 and extract_age("我爸八十二了") == 82
    assert age_phrases("我奶奶今年过了一百岁") == ["一百岁"]
    assert age_phrases("我爸85岁") == []  # a figure stays: "80" of 80周岁 may be what is asked
    assert age_phrases("我都交了两百了") == []  # a sum, not an age


def test_a_change_still_to_come_is_not_stated_unless_a_clause_sets_how_it_changes(lex):
    from advisor.answer.compose import _ADJUSTS

    assert analyze("日照的高龄津贴 2026年还会再涨吗 能涨到多少", lex).asks_future
    assert analyze("以后会不会提高", lex).asks_future
    assert not analyze("高龄津贴涨了多少", lex).asks_future and not analyze("什么时候调整的", lex).asks_future
    # what a rule does to one case is no change to come
    assert not analyze("养老院会不会涨价", lex).asks_future and not analyze("申请了会不会降低待遇", lex).asks_future
    assert _ADJUSTS.search("建立基本养老金正常调整机制") and not _ADJUSTS.search("每人每月100元")
    assert _ADJUSTS.search("自2026年1月1日起提高到每人每月150元")  # a change already decided


def test_an_amount_of_a_named_benefit_is_an_amount_asked(lex):
    q = analyze("黄冈敬老园里住的特困老人 每个月护理补贴多少", lex)
    assert q.asks_amount and q.asks_money
    assert not analyze("护理补贴多少天能批下来", lex).asks_amount  # a count of days is no sum


def test_where_the_asker_works_is_not_where_the_elder_lives(lex):
    from advisor.profile import extract_profile

    story = "我和我爱人在南昌上班，老家在鹰潭月湖区，我爸今年八十二岁了"
    assert extract_profile(story, lex).region.endswith("鹰潭市月湖区")
    assert extract_profile("我在南昌上班 想问问南昌的高龄津贴", lex).region.endswith("南昌市")  # the only place
    assert extract_profile("我爸在南昌工作，老家在鹰潭月湖区", lex).region.endswith("南昌市")  # the elder works there


def test_a_figure_stated_for_a_year_is_of_that_year(lex):
    from advisor.answer.compose import other_year
    from advisor.schema import Chunk, Hit

    qa = Chunk("c1", "d1", "g.pdf", "问题7：特困人员每个月能领多少钱？答：2025年，砚山县特困人员基本生活标准为每人每月1040元。",
               title="砚山县特困人员供养服务办事指南")
    span = qa.text
    assert other_year(analyze("砚山县特困人员2024年的基本生活标准是多少？", lex), [Hit(qa, 1.0)], qa, span) == "2025年"
    assert other_year(analyze("砚山县特困人员2025年的基本生活标准是多少？", lex), [Hit(qa, 1.0)], qa, span) == ""
    rule = Chunk("c2", "d2", "r.md", "自2025年1月1日起，每人每月100元。", title="某市办法")
    asked = analyze("某市2024年的标准每月多少", lex)
    assert asked.asked_year == 2024
    assert other_year(asked, [Hit(rule, 1.0)], rule, rule.text) == ""  # a date it starts on: no year of a figure


def test_a_heading_that_gives_the_dates_answers_when_for_its_clauses():
    from advisor.answer.compose import _ENDS, dated_heading

    path = "四、实施步骤 > （一）申报阶段（2024年5月6日至6月30日） > 1."
    assert dated_heading(path) == "（一）申报阶段（2024年5月6日至6月30日）"
    assert dated_heading("二、2025年度补贴标准 > （一）对象") == ""  # a year alone names a program
    assert _ENDS.search("（一）申报阶段（2024年5月6日至6月30日）")  # a range ends on its last day


def test_degrees_of_disability_asked_and_covered():
    from advisor.answer.groups import asked_degree, degrees_in

    assert degrees_in("经评估为中度以上失能的老年人") == {"中度失能", "重度失能", "完全失能"}
    assert degrees_in("重度失能一级 | 养老机构护理 | 每人每天50元") == {"重度失能"}
    assert asked_degree("泰州 我妈评的是中度失能 住养老院的话 长护险一天给多少") == "中度失能"
    assert asked_degree("失能老人护理补贴多少") == ""


def test_an_old_year_asked_and_a_hundred_year_old(lex):
    from advisor.answer.compose import _BENEFIT_WORD
    from advisor.answer.programs import named_with_head
    from advisor.profile import extract_age

    q = analyze("六盘水2022年那会儿失能老人护理补贴是啥标准", lex)
    assert q.asked_year == 2022 and q.asks_old and q.asks_amount
    assert extract_age("景德镇百岁老人的高龄津贴是多少") == 100 and extract_age("两百了") is None
    assert named_with_head("伊犁这边老人上门助浴有补贴没有", _BENEFIT_WORD, 3) == ["助浴补贴"]
    # what the asker heard is no name of a benefit: "听说有奖励" asks of the 奖励 the documents give
    assert named_with_head("连着干满两年了 听说有奖励 能给多少钱", _BENEFIT_WORD, 3) == []
    assert named_with_head("好像有补贴 每月多少", _BENEFIT_WORD, 3) == []


def test_any_year_a_question_asks_of_is_read_but_not_the_years_of_its_story(lex):
    assert analyze("遂宁2024年一整年一共发了多少高龄津贴", lex).asked_year == 2024
    assert analyze("株洲家庭养老床位的补贴2027年还有没有", lex).asked_year == 2027
    for story in ("从2022年开始她就一直跟着我妈住 能申请吗", "我家2022年已经弄过一次 今年还能申请吗",
                  "我爷爷1923年出生 高龄津贴多少", "我家2021年秋天做过适老化改造 还能再申请吗",
                  "2018年11月22日通过的条例现在还有效吗"):
        assert analyze(story, lex).asked_year is None, story
    assert analyze("鄂尔多斯高龄津贴2025年涨了多少", lex).asks_changed
    assert not analyze("鄂尔多斯高龄津贴90岁的每月多少", lex).asks_changed


def test_a_report_is_of_the_year_it_is_dated_and_a_target_of_its_year(lex):
    from advisor.answer.compose import other_year
    from advisor.schema import Chunk, Hit

    news = Chunk("n1", "d1", "n.html", "今年一季度全市共为12.8万余名80周岁以上老年人发放高龄津贴2236.8万元。",
                 title="某市发放一季度高龄津贴", kind="新闻报道", publish_date="2025-04-10")
    asked = analyze("某市2024年一整年一共发了多少高龄津贴", lex)
    assert other_year(asked, [Hit(news, 1.0)], news, news.text) == "2025年"
    full_year = "2024年全年共发放高龄津贴9000万元。"
    assert other_year(asked, [Hit(news, 1.0)], news, full_year) == ""  # the year asked is the one it reports
    rule = Chunk("r1", "d2", "r.md", "80至89周岁每人每月100元。", title="某市养老服务条例", publish_date="2024-03-01")
    assert other_year(analyze("某市高龄津贴2025年涨了多少", lex), [Hit(rule, 1.0)], rule, rule.text) == "2024年"
    assert other_year(analyze("某市高龄津贴2025年90岁的每月多少", lex), [Hit(rule, 1.0)], rule, rule.text) == ""
    target = Chunk("t1", "d3", "t.md", "到2022年，市本级福彩公益金不低于55%用于发展养老服务。", title="某市若干措施")
    assert other_year(analyze("福彩公益金用于养老的比例2024年要求是多少", lex), [Hit(target, 1.0)], target,
                      target.text) == "2022年"
    # a claim checked ("对吗?") is answered by the clause that corrects it
    assert other_year(analyze("目标是到2030年养老服务网络基本建成，对吗？", lex),
                      [Hit(target, 1.0)], target, "主要目标是:到2029年,养老服务网络基本建成") == ""


def test_a_citys_short_name_that_is_also_a_word_names_the_city_where_a_place_is_said(lex):
    from advisor.lexicon import in_full

    for said, place in (("开封的高龄津贴90岁的每个月发多少", "河南省开封市"), ("我爸在遵义 88岁了 高龄津贴多少", "贵州省遵义市"),
                        ("遵义高龄津贴多少", "贵州省遵义市"), ("大同这边有没有老年助餐", "山西省大同市")):
        assert find_regions(in_full(said, lex), lex) == [place], said
    for word in ("药品开封后要尽快用完", "学习遵义会议精神", "中山路上有养老院吗", "长寿的老人多"):
        assert in_full(word, lex) == word
    assert find_regions(in_full("海南的老人坐公交免费吗", lex), lex) == ["海南省"]  # the province, not 海南州


def test_dialect_sums_typed_deadlines_and_a_medicine_handed_in_food_are_read(lex):
    from advisor.answer.query import MEDICATION

    for sums in ("护理补贴一个月有好多钱", "养老服务消费补贴一个月能有多少"):
        q = analyze(sums, lex)
        assert q.asks_amount and q.asks_money, sums
    assert not analyze("好多老人都领了吗", lex).asks_amount  # 好多 alone is "many"
    assert analyze("邢台适老化改造 申请截至到啥时候 过了还能报不", lex).asks_end  # 截止 typed as 截至
    assert not analyze("截至2024年底共有多少人", lex).asks_end  # "as of", no deadline asked
    assert MEDICATION.search("中风以后吃饭老是呛 能不能把降压药碾碎了拌在饭里给他吃")
    assert not MEDICATION.search("把药品目录里的药纳入医保报销吗")


def test_what_the_asker_sets_aside_is_not_the_benefit_asked(lex):
    from advisor.answer.compose import asked_benefit
    from advisor.answer.query import set_aside

    extra = analyze("收了几个重度失能的老人，除了基础运营补贴每个人每月还能多拿多少？", lex)
    assert asked_benefit(extra) == "" and "基础运营补贴" not in set_aside(extra.latest)
    assert asked_benefit(analyze("除了高龄津贴以外，还有没有护理补贴 多少钱", lex)) == "护理补贴"


def test_a_sum_a_family_quotes_is_found_in_yuan_and_in_a_table_cell():
    from advisor.answer.compose import states_amount
    from advisor.ingest.chunking import TABLE_MARK
    from advisor.schema import Chunk

    clause = Chunk("c", "d", "d.md", "特困老年人每餐补贴12元。")
    assert states_amount(clause, "12块") and not states_amount(clause, "2块")
    row = Chunk("r", "d", "d.docx", "年满70周岁不满80周岁的老年人 | 2",
                heading_path=f"第六条 > {TABLE_MARK}对象类别 | 补贴标准（元/餐）")
    assert states_amount(row, "2块") and not states_amount(row, "3块")
    assert not states_amount(Chunk("n", "d", "d.md", "年满70周岁 | 2", heading_path=f"{TABLE_MARK}对象 | 次数"), "2块")


def test_a_sum_of_another_program_named_in_its_sentence_does_not_answer_the_one_asked(lex):
    """"床位运营补贴每张床每月多少钱?" of a clause that names the 运营补贴 without a sum and gives a 建设补助's sum."""
    from advisor.answer.compose import Scored, sum_of_another
    from advisor.schema import Chunk, Hit

    clause = Chunk("c", "d", "d.html", "其他社会化养老机构新增床位，按每张床位1万元给予建设补助。"
                   "完善社会化养老机构床位运营补贴制度，鼓励养老机构收住失能、半失能老年人。")
    quoted = Scored(0, Hit(clause, 1.0), "其他社会化养老机构新增床位，按每张床位1万元给予建设补助。", 1.0)
    assert sum_of_another("运营补贴", quoted, lex) == "建设补助"
    assert sum_of_another("建设补助", quoted, lex) == ""
    # the clause gives the asked program's sum too: the quote is a choice of sentence, not a missing sum
    both = Chunk("b", "d", "d.html", clause.text + "运营补贴按每张床位每月200元发放。")
    assert sum_of_another("运营补贴", Scored(0, Hit(both, 1.0), quoted.span, 1.0), lex) == ""
    # a sum under a heading or title that names the program asked is that program's
    titled = Chunk("t", "d", "d.html", "按每张床位每月200元给予补助。", title="某市养老机构运营补贴办法")
    assert sum_of_another("运营补贴", Scored(0, Hit(titled, 1.0), titled.text, 1.0), lex) == ""


def test_an_age_asked_is_told_from_a_sum_or_a_count_of_years(lex):
    assert analyze("社保法里说的法定退休年龄，男的女的分别是多少岁？", lex).asks_age
    assert analyze("高龄津贴多大年纪才能领", lex).asks_age and analyze("优待证几岁能办", lex).asks_age
    assert not analyze("我妈八十多岁了 高龄津贴一个月多少钱", lex).asks_age
    assert not analyze("缴费满多少年才能领养老金", lex).asks_age


def test_a_few_days_asked_for_and_a_paper_that_ran_out_are_no_figure_asked(lex):
    """"有没有地方能帮我接手几天让我缓口气" asks for respite, not how many days; "身份证到期了要换" tells a story."""
    assert analyze("实在熬不住 有没有地方能帮我接手几天让我缓口气", lex).wants != "number"
    assert analyze("能不能把老人临时送出去托几天，让我喘口气？", lex).wants != "number"
    assert not analyze("身份证到期了要换，是不是一定要本人去派出所？", lex).asks_end
    assert analyze("审核要几天，怎么申请", lex).asks_period and analyze("喘息服务一年能住几天", lex).asks_period
    assert analyze("那一年能歇几天", lex).asks_period
    assert analyze("优待证什么时候到期", lex).asks_end


def test_a_group_the_elder_is_not_in_is_not_searched_in_the_documents_words(lex):
    """"家里不是低保" must not pull the 低保 clauses (每餐补贴5元) ahead of the elder's own age band."""
    q = analyze("俺家老头子78了 去社区助餐点吃饭 一顿能补几块钱 家里不是低保", lex)
    assert "最低生活保障" not in q.search and "不是低保" in q.search  # said, but not put in the documents' words
    assert "最低生活保障" in analyze("我妈是低保户 一顿能补几块钱", lex).search


def test_meals_and_hours_are_counts_and_lengths_of_time(lex):
    from advisor.answer.compose import _NUMBER, _PERIOD, _TIMES

    assert analyze("早饭晚饭也能补吗 一天补几顿", lex).asks_count
    assert _TIMES.search("就餐补贴每人每天限补一餐（午餐）") and not _TIMES.search("每餐补贴5元")
    assert _NUMBER.search("每人每天限补一餐") and _PERIOD.search("每次服务时间不少于1小时")


def test_every_benefit_a_question_names_is_asked(lex):
    from advisor.answer.compose import benefits_asked

    q = analyze("新建助餐点验收合格后一次性建设补贴是多少？每年运营补贴最高多少？", lex)
    assert set(benefits_asked(q)) >= {"建设补贴", "运营补贴"}


def test_a_count_the_asker_states_finds_its_band(lex):
    """"床位打算放15张，验收合格能给多少?" of a table with 床位10张至19张 and 床位20张以上: the first band holds 15."""
    from advisor.answer.agebands import count_bands, holds_count

    q = analyze("床位打算放15张，验收合格能给多少？", lex)
    assert q.count == (15, "张") and q.asks_amount
    assert holds_count("建设补助 | 床位10张至19张 | 3万元/院", q.count)
    assert holds_count("床位20张以上的，每院补助5万元", q.count) is False
    assert holds_count("每院补助5万元", q.count) is None
    assert count_bands("不足10张的不予补助", "张") == [(0, 9)]
    assert analyze("我爸82了 一个人住 补贴多少", lex).count is None


def test_a_sum_the_asker_states_finds_the_band_of_amounts_that_holds_it(lex):
    """"拟定临时救助3000元，是乡镇自己批还是报县民政局审批?" of three bands of amounts: the middle one holds 3000."""
    from advisor.answer.agebands import holds_count

    q = analyze("乡镇给困难老人拟定临时救助3000元，这个额度是乡镇自己批，还是要报县民政局审批？", lex)
    assert q.count == (3000, "元")
    assert holds_count("救助金额在1000元（含）以下的，由乡镇人民政府审批", q.count) is False
    assert holds_count("救助金额在1000元以上、5000元（含）以下的，由乡镇人民政府审核后报县民政局审批", q.count)
    assert holds_count("救助金额在5000元以上的，由县民政局审核后报分管副县长审批", q.count) is False
    ill = analyze("同时患高血压和冠心病两种慢性病的参保人，年度支付限额是多少？", lex)
    assert ill.count == (2, "种") and holds_count("（二）同时患两种及以上慢性病的，每人每年4500元。", ill.count)
    assert analyze("给一户困难老人拟定临时救助3000元", lex).count == (3000, "元")  # "一户" is no count


def test_how_often_is_a_count_of_visits_and_an_acceptance_is_no_charge(lex):
    from advisor.answer.compose import _ASKS_FEE

    often = analyze("社区会不会上门去看看他 多久来一回", lex)
    assert often.asks_count and not often.asks_period
    assert analyze("多久能拿到", lex).asks_period
    assert not _ASKS_FEE.search("验收合格能给多少") and _ASKS_FEE.search("养老院一个月收多少钱")


def test_a_charge_asked_is_told_from_income_admission_and_acceptance():
    from advisor.answer.compose import _ASKS_FEE, _STANDARD

    assert _ASKS_FEE.search("送餐上门 要另外收配送费不 一次多少钱") and _ASKS_FEE.search("养老院一个月收多少钱")
    for said in ("家庭人均收入多少才能申请低保", "收住失能老人能补多少", "验收合格能给多少"):
        assert not _ASKS_FEE.search(said), said
    # a building's standard is no rule for a sum of money; a standard of money is
    assert not _STANDARD.search("新建住宅小区应当按照每百户不少于20平方米的标准配套建设居家养老服务用房")
    assert _STANDARD.search("每人每月一般不超过本市最低生活保障标准") and _STANDARD.search("按照每人每月200元的标准给予补贴")


def test_an_age_said_right_after_the_elder_is_read():
    from advisor.profile import extract_age

    assert extract_age("我妈刚满62 在株洲坐公交有没有啥优惠") == 62 and extract_age("我爸满80了") == 80
    assert extract_age("我妈今年62") == 62 and extract_age("我妈住了3年") is None


def test_a_sanction_answers_only_a_question_about_one():
    """"对弄虚作假…追回已发放资金，3年内取消…申报资格" holds a "3年内", which dates no step of applying."""
    from advisor.answer.compose import _SANCTION, _SANCTION_ASKED

    assert _SANCTION.search("对弄虚作假、虚报冒领的，追回已发放资金，3年内取消该养老服务机构申报资格")
    assert not _SANCTION.search("岗位津贴按季度申报，养老服务机构于每季度首月10日前申报上一季度津贴")
    assert _SANCTION_ASKED.search("按常德的办法能罚开发商多少钱") and not _SANCTION_ASKED.search("机构每次最晚什么时候报")


def test_the_money_of_a_service_is_searched_as_its_fee(lex):
    assert "评估费" in analyze("万一评下来等级不够,评估的钱是不是得我们自己掏?", lex).search
    assert "多少费" not in analyze("这个要多少钱", lex).search and "自己费" not in analyze("自己的钱", lex).search


def test_who_may_not_is_told_from_can_or_cannot():
    from advisor.answer.compose import _EXCLUSION, _EXCLUSION_ASKED

    assert not _EXCLUSION_ASKED.search("像我爸这种情况，能不能申请家庭养老床位？要满足哪些条件？")
    assert _EXCLUSION_ASKED.search("哪些老人不能申请家庭养老床位")
    assert _EXCLUSION.search("已入住养老机构或者已享受长期护理保险居家护理待遇的老年人，不重复建设家庭养老床位。")


def test_a_documents_consultation_line_is_no_other_offices_phone():
    from advisor.answer.compose import of_office

    line = "对政策有疑问的，可拨打12345政务服务便民热线咨询。"
    assert of_office(line, "有问题打哪个电话问") and of_office(line, "还能补回来吗 找哪个电话问")
    assert not of_office(line, "遂宁民政局养老服务科的办公电话是多少")
    assert not of_office("咨询单位：梅州市民政局养老服务科，电话0753-1234567", "我在兴宁市 兴宁民政局管长者饭堂补贴的电话是多少")
    assert of_office("咨询单位：梅州市民政局养老服务科，电话0753-1234567", "梅州民政局电话多少")


def test_a_sum_under_a_heading_that_names_what_it_is_of(lex):
    """"（二）上门照护服务 > 2.服务补贴标准：重度失能老年人每人每月800元" gives the 上门服务补贴 asked."""
    from advisor.answer.compose import headed_by, speaks_of
    from advisor.schema import Chunk

    item = Chunk("c", "d", "a.html", "2.服务补贴标准：重度失能老年人每人每月800元，中度失能老年人每人每月500元。",
                 heading_path="三、建设内容和补贴标准 > （二）上门照护服务 > 2.")
    assert headed_by("上门服务补贴", item) and speaks_of("上门服务补贴", item, lex)
    assert not headed_by("助餐服务补贴", item)


def test_a_guides_section_of_the_kind_asked_answers_with_its_items(lex):
    """"要带啥东西去" of a 办事指南: the items of its "申请材料" section, not a step that mentions 提交材料."""
    from conftest import ChunksOnly

    from advisor.answer.compose import _MATERIALS, Scored, section_of_kind
    from advisor.schema import Chunk, Hit

    def item(n: int, section: str, text: str, start: int) -> Chunk:
        return Chunk(f"c{start}", "d", "g.md", text, heading_path=f"{section} > {n}.", start=start)

    chunks = [item(1, "申请材料", "1. 申请人居民身份证原件；", 10), item(2, "申请材料", "2. 近期免冠二寸照片1张；", 20),
              item(1, "办理流程", "1. 申请：申请人到民政窗口提交材料。", 30)]

    def docs() -> ChunksOnly:  # the one thing section_of_kind asks of a retriever: a document's clauses, as they are now
        return ChunksOnly(chunks)

    step = Scored(0, Hit(chunks[2], 1.0), chunks[2].text, 1.0)
    assert [c.text for c in section_of_kind(step, docs(), _MATERIALS)] == [chunks[0].text, chunks[1].text]
    # an item found inside the section: all its items, each a clause of its own (a guide numbered "三、申请材料" too)
    inside = Scored(0, Hit(chunks[0], 1.0), chunks[0].text, 1.0)
    assert [c.text for c in section_of_kind(inside, docs(), _MATERIALS)] == [chunks[0].text, chunks[1].text]
    for c, n in zip(chunks, ("三、申请材料", "三、申请材料", "四、办理流程"), strict=True):
        c.heading_path = f"{n} > {c.heading_path.split(' > ')[1]}"
    assert [c.text for c in section_of_kind(step, docs(), _MATERIALS)] == [chunks[0].text, chunks[1].text]
    # …but a section that is one clause, found itself, is quoted as its clause (its lines listed by list_items)
    one = Chunk("c5", "d", "g.md", "申请材料\n1. 身份证；\n2. 照片。", heading_path="申请材料", start=5)
    chunks[:] = [one, chunks[2]]
    assert section_of_kind(Scored(0, Hit(one, 1.0), one.text, 1.0), docs(), _MATERIALS) == []


def test_a_total_paid_out_is_no_rate(lex):
    """"发放资金592.32万元" (a county's total for a quarter) does not answer "高龄津贴是什么标准 / 一个月有多少"."""
    from advisor.answer.compose import paid_in_total

    assert paid_in_total("其中，高龄津贴发放对象17221人，发放资金592.32万元。")
    assert not paid_in_total("按照现行标准，80—89周岁老年人每人每月100元，90—99周岁老年人每人每月200元。")
    # a total said beside a rate per person is no total alone (the rate answers "一个月有多少")
    assert not paid_in_total("全年共发放资金592.32万元，其中80至89周岁每人每月100元。")
    assert not paid_in_total("新建的村（社区）助餐点，经验收合格后给予一次性建设补贴3万元。")
    follow = analyze("我阿公91岁了 一个月有多少 尤溪的高龄津贴现在", lex, focus="我阿公91岁了 一个月有多少")
    assert follow.asks_amount and follow.asks_money  # the sum of the topic the follow-up goes on with


def test_a_total_asked_is_answered_by_the_total():
    from advisor.answer.compose import paid_in_total

    paid = "2025年第一季度全市高龄津贴和经济困难老年人养老服务补贴共计发放资金8762万元。"
    assert paid_in_total(paid, "高龄津贴一个月多少") and not paid_in_total(paid, "一季度一共发了多少钱、惠及多少老人？")


def test_an_issue_date_asked_is_told_from_a_document_named_as_issued():
    from advisor.answer.compose import _META_ASKED

    assert _META_ASKED["日期"].search("实施方案的文号是什么？哪天印发的？")
    assert not _META_ASKED["日期"].search("晋市政办发〔2023〕41号印发的老年助餐实施方案，有效期截止到哪天？")


def test_when_a_document_was_sent_out_is_its_issue_date_not_a_payment_day():
    from advisor.answer.compose import _META_ASKED
    from advisor.answer.query import wants_of

    asked = "那个老年助餐服务管理办法是市政府啥时候发的"
    assert wants_of(asked) == "meta" and _META_ASKED["日期"].search(asked)
    assert _META_ASKED["日期"].search("这个通知哪天下发的")
    for payment in ("高龄补贴啥时候发的", "钱什么时候发"):
        assert wants_of(payment) != "meta" and not _META_ASKED["日期"].search(payment)


def test_what_more_is_asked_on_top_of_the_last_answer_is_a_follow_up(lex):
    from advisor.answer.understand import rewrite

    assert "助餐" in rewrite("我妈是低保户 还要另外带什么", "海河镇助餐报名要带什么东西", lex)


def test_who_gives_a_benefit_does_not_name_it():
    """"听说省里有奖励 能给多少钱": 省里 says who gives it, not which 奖励 it is (the clause on 入职奖励 answers); "丧葬补助"
    is named."""
    from advisor.answer.compose import _BENEFIT_WORD
    from advisor.answer.programs import named_with_head

    assert not any("省里" in n for n in named_with_head("合同签了两年 听说省里有奖励 能给多少钱", _BENEFIT_WORD, 3))
    assert not any("政府" in n for n in named_with_head("政府有补贴吗 一个月多少", _BENEFIT_WORD, 3))
    assert "丧葬补助" in named_with_head("老人去世了 有没有丧葬补助 多少钱", _BENEFIT_WORD, 3)


def test_the_hours_a_service_comes_are_asked_and_told_by_clock_times_or_weekdays(lex):
    """"上门护理星期天来不来 一般几点到几点" is answered by "每周一至周六8:00—17:30", not by "预约后48小时内上门"."""
    from advisor.answer.compose import HOURS_SAID

    assert analyze("上门护理星期天来不来 一般几点到几点", lex).asks_hours
    assert analyze("日间照料中心的开放时间是怎样的", lex).asks_hours
    assert not analyze("护理补贴多久能批下来", lex).asks_hours
    assert HOURS_SAID.search("上门服务时间为每周一至周六8:00—17:30") and HOURS_SAID.search("上午8时至12时开放")
    assert not HOURS_SAID.search("机构一般应当在预约后48小时内上门") and not HOURS_SAID.search("2026年6月30日前")


def test_the_latest_day_asked_is_a_deadline_and_a_limit_in_minutes_ends_a_wait(lex):
    from advisor.answer.compose import ends_something

    assert analyze("认证最迟要几号前弄完", lex).asks_end
    assert "截止" in analyze("认证最迟要几号前弄完", lex).search  # documents write the last day as 截止(时间)
    assert ends_something("服务机构接到紧急呼叫后，应当在30分钟内响应处置")
    assert not ends_something("每次上门服务时间不少于1小时")


def test_a_message_going_on_from_what_the_last_one_told_is_a_follow_up():
    """"回来咋申请报销 要带啥" after "…出院时候没法直接结算" goes on from that story; a question of its own does not."""
    from advisor.answer.query import looks_like_follow_up

    assert looks_like_follow_up("回来咋申请报销 要带啥 有没有时间限制", 3)
    assert looks_like_follow_up("然后要等多久", 2)
    assert not looks_like_follow_up("高龄津贴怎么申请 要带啥材料", 3)


def test_the_sum_of_a_reward_is_asked_like_a_subsidys(lex):
    """"一次性入职奖励是多少" asks a sum of money (checked against the ranks it is graded by), as "补贴是多少" does;
    "有没有奖励" asks whether."""
    q = analyze("研究生学历的毕业生到养老机构做一线护理，一次性入职奖励是多少？", lex)
    assert q.asks_amount and q.asks_money
    assert not analyze("做护理员有没有奖励", lex).asks_amount


def test_a_measured_quantity_asked_is_answered_by_a_figure_in_its_unit(lex):
    """"要培训多少个课时" asks 课时 (a clause paying 15元 a day does not answer it); "多少平米" is 平方米."""
    from advisor.answer.compose import measured_in

    assert analyze("亲情护理要培训多少个课时才算合格", lex).asks_measure == "课时"
    assert analyze("社区养老服务用房要多少平米", lex).asks_measure == "平方米"
    assert analyze("能领几台呼叫器", lex).wants == "number"
    assert not analyze("护理补贴一个月多少钱", lex).asks_measure
    assert measured_in("课时").search("培训时间不少于四十学时") and measured_in("平方米").search("每百户不低于20㎡")
    assert not measured_in("课时").search("居家亲情护理按照每人每日15元的标准给予定额补助")


def test_a_piece_jieba_glues_to_a_modal_verb_is_no_term():
    """"消费券能拿去药店…": jieba's HMM guesses "券能", which no document can hold; weighed as an unknown topic it made
    the question look unanswered. A word of the dictionary ("可能", "药店") stays a term."""
    from advisor.index.lexical import stray_guess

    assert stray_guess("券能") and stray_guess("那要") and stray_guess("还能")
    assert not stray_guess("可能") and not stray_guess("药店") and not stray_guess("降压药")
    assert not stray_guess("能涨")  # "退休金能涨多少": 涨 is what is asked
    from advisor.answer.compose import _glued_to_elder

    assert _glued_to_elder("爹发", "给俺爹发的那个电子服务券今年没花完")  # 俺爹 | 发的
    assert not _glued_to_elder("花完", "给俺爹发的那个电子服务券今年没花完")


def test_an_address_asked_is_answered_by_a_street_and_number_and_a_fee_or_a_callback_asks_no_phone(lex):
    """"鲁史镇那个在哪条街" is answered by "鲁史镇楼梯街15号"; "以后电话费谁出" asks who pays, "多久会有人回电话" how soon."""
    from advisor.answer.compose import ADDRESS, holds_of

    q = analyze("鲁史镇那个在哪条街 几点开饭", lex)
    assert q.wants == "contact" and q.asks_address
    assert holds_of(q)[1].search("鲁史镇古镇社区助餐点 | 鲁史镇楼梯街15号 | 午餐12:00—13:00")
    assert not holds_of(analyze("有没有电话能问", lex))[1].search("鲁史镇楼梯街15号")  # a phone asked: a phone
    assert ADDRESS.search("滇红路186号") and not ADDRESS.search("每人每月150元")
    assert analyze("家里装那个一键呼叫要不要交钱 以后电话费谁出", lex).wants != "contact"
    assert analyze("按了那个红色按钮 多久会有人回电话", lex).wants != "contact"


def test_a_document_named_by_its_number_asked_whether_it_still_holds_is_a_question_about_it(lex):
    assert analyze("那2021年亳民〔2021〕38号那个文件还管用吗", lex).wants == "meta"
    assert analyze("原来那个办法还算数不", lex).wants == "meta"


def test_a_time_before_an_end_answers_how_long_before_it(lex):
    """"到期前多久要重新申请" is answered by "有效期满前3个月，…应当重新申请"."""
    from advisor.answer.compose import _TIME_LIMIT

    assert analyze("到期前多久要重新申请", lex).asks_end
    assert _TIME_LIMIT.search("有效期满前3个月，养老机构应当重新申请等级评定")
    assert not _TIME_LIMIT.search("养老机构等级评定每年组织一次")


def test_a_level_a_facility_is_rated_at_is_read_as_said_in_a_question():
    from advisor.answer.groups import asked_grade, grades_in

    assert asked_grade("养老机构评上二级的话，能拿到多少奖补资金？") == "二级"
    assert grades_in("对首次评定为三级的养老机构给予奖补") == {"三级"}
    assert asked_grade("二级以上医院") == ""


def test_where_someone_came_from_is_not_where_the_elder_is(lex):
    from advisor.profile import extract_profile

    story = "俺家孙女从新乡一所大学毕业了，想回老家漯河，照看我和她爷爷。入职奖励能拿多少？"
    assert extract_profile(story, lex).region.startswith("河南省漯河市")
    assert extract_profile("我从上海过来", lex).region == "上海市"  # the only place named stays


def test_a_town_a_question_names_is_read_without_the_county_before_it(lex):
    from advisor.answer.compose import asked_town

    assert asked_town("凤庆雪山镇有没有老年助餐点 在哪儿", lex) == "雪山镇"
    assert asked_town("户口在城关镇", lex) == "城关镇"
    assert asked_town("各乡镇都有吗", lex) == "" and asked_town("城乡居民医保怎么交", lex) == ""
    assert asked_town("老家乡下的老人", lex) == "" and asked_town("所在街道办理", lex) == ""


def test_a_bare_yes_or_no_of_a_question_and_answer_page_is_read_with_what_follows():
    from advisor.answer.compose import _BARE_REPLY, qa_question
    from advisor.schema import Chunk

    assert _BARE_REPLY.search("答：可以。") and _BARE_REPLY.search("答：不能。")
    assert not _BARE_REPLY.search("答：可以向街道申请。")
    chunk = Chunk(chunk_id="1", doc_id="d", source="d.md", text="问：到哪里申请？ 答：向街道社会事务服务中心提出申请。")
    assert qa_question(chunk) == "到哪里申请？"


def test_a_list_states_its_own_validity():
    from advisor.answer.compose import _META_SPANS

    assert _META_SPANS["own_validity"].search("本清单自2024年7月1日起执行，有效期至2026年12月31日。")


def test_a_row_of_a_guides_fields_reads_as_the_field_then_what_it_says():
    from advisor.answer.compose import table_row_reading

    assert table_row_reading("", "发放方式 | 按季度发放，每季度首月15日前发放到位") == "发放方式:按季度发放，每季度首月15日前发放到位"
    assert table_row_reading("", "一二三四五六七八九十 | 某某") == "一二三四五六七八九十 | 某某"  # no field: as it stands
    assert table_row_reading("", "第五条 对…给予补贴。") == "第五条 对…给予补贴。"


def test_a_program_named_with_where_it_is_given_is_spoken_of_by_what_it_is(lex):
    """"去社区助餐点吃午饭 一顿能补几块钱" names 社区助餐; a press conference on 老年助餐 speaks of it."""
    from advisor.answer.compose import speaks_of
    from advisor.schema import Chunk

    chunk = Chunk(chunk_id="1", doc_id="d", source="d.docx", text="二是实行分档补贴。80周岁以上的每餐补贴4元。",
                  title="“老年助餐服务提质扩面”新闻发布会实录")
    assert speaks_of("社区助餐", chunk, lex)
    assert not speaks_of("社区助浴", chunk, lex)


def test_a_benefit_the_elder_gets_already_is_the_story_not_what_is_asked(lex):
    """"我爷爷一直领着承德的高龄津贴 上个月走了 家里能领丧葬补助不 能给多少" asks the 丧葬补助: the 高龄津贴's sums do not
    answer it."""
    from advisor.answer.compose import asked_benefit, benefits_asked

    q = analyze("我爷爷一直领着承德的高龄津贴 上个月走了 家里能领丧葬补助不 能给多少", lex)
    assert asked_benefit(q) == "丧葬补助" and benefits_asked(q) == ["丧葬补助"]
    both = analyze("建设补贴是多少？每年运营补贴最高多少？", lex)
    assert benefits_asked(both) == ["建设补贴", "运营补贴"]  # two asked: both
