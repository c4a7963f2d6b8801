"""Pure checks of what an answer must hold for the kind of question (no model, no index): table rows read
with their header, fee questions, and the eval's checks for self-contradiction and repeated answers."""

from dataclasses import replace

from advisor.answer.compose import FEE, asked_benefit, is_charge, speaks_of, table_row_reading
from advisor.answer.query import Query
from advisor.evaluate import aggregate, contradicts, repeats
from advisor.ingest.chunking import table_context
from advisor.lexicon import load_lexicon
from advisor.schema import Chunk

PATH = "二、补贴标准 > （二）护理补贴标准 > 表:年龄段 | 轻度失能 | 中度失能 | 重度失能"


def test_a_table_row_means_what_its_header_and_heading_say():
    assert table_context(PATH) == "（二）护理补贴标准 年龄段 | 轻度失能 | 中度失能 | 重度失能"
    assert table_context("二、补贴标准 > （二）护理补贴标准") == ""  # no table row


def test_a_table_row_is_read_cell_by_cell_with_its_header():
    row = "80周岁以上 | 每人每月150元 | 每人每月300元 | 每人每月500元"
    read = table_row_reading(PATH, row)
    assert read.startswith("80周岁以上:")
    assert "重度失能 每人每月500元" in read and "轻度失能 每人每月150元" in read
    # cells that do not line up with the header are shown as they stand, never paired wrongly
    assert table_row_reading(PATH, "80周岁以上 | 每人每月150元") == "80周岁以上 | 每人每月150元"
    assert table_row_reading("二、补贴标准", row) == row


def _chunk(text: str, title: str = "某市养老服务补贴办法") -> Chunk:
    return Chunk(chunk_id="x::0", doc_id="x", source="x.txt", heading_path="", article="第五条", start=0,
                 end=len(text), text=text, title=title, region="某省某市")


def test_a_fee_question_is_not_answered_by_a_subsidy_amount():
    lex = load_lexicon()
    q = Query(text="养老院一个月大概收多少钱?", search="养老院一个月大概收多少钱?")
    assert asked_benefit(q) == FEE
    subsidy = _chunk("对新建护理型床位给予一次性建设补助每张床位1万元。")
    assert not speaks_of(FEE, subsidy, lex)
    assert speaks_of(FEE, _chunk("公办养老机构床位费、护理费实行政府指导价。"), lex)
    # a named benefit is still the benefit asked, not a fee
    q2 = Query(text="高龄津贴一个月多少钱?", search="高龄津贴一个月多少钱?")
    assert asked_benefit(q2) != FEE
    # the price of a meal is a fee too; what the government adds to it is not
    assert asked_benefit(Query(text="助餐点一顿饭原价多少钱?", search="助餐点一顿饭原价多少钱?")) == FEE
    assert asked_benefit(Query(text="吃一顿饭政府补几块钱?", search="吃一顿饭政府补几块钱?")) != FEE


def test_a_charge_named_after_a_benefit_is_the_sum_asked():
    """"申请居家养老服务补贴要交评估费吗？多少钱": the 评估费 asked, named next to the asking, not the 补贴 named
    before it; a contribution ("个人缴费标准是每人每年多少元") is a charge too; words for charging name no charge."""
    text = "申请居家养老服务补贴时要做能力评估，需要交评估费吗？多少钱？"
    assert asked_benefit(Query(text=text, search=text)) == "评估费"
    assert is_charge("评估费") and is_charge(FEE) and not is_charge("护理费") and not is_charge("高龄津贴")
    text = "评估费交了以后，居家养老服务补贴一个月多少钱？"  # the benefit named last is the sum asked
    assert asked_benefit(Query(text=text, search=text)).endswith("服务补贴")
    text = "长期护理保险个人缴费标准是每人每年多少元？"
    assert asked_benefit(Query(text=text, search=text)) == FEE
    assert asked_benefit(Query(text="这个要收费吗 多少钱", search="这个要收费吗 多少钱")) in ("", FEE)


def test_a_refusal_that_quotes_what_it_says_is_missing_contradicts_itself():
    said = "收录的政策文件没有写明具体金额或发放标准,通常由当地制定。"
    assert contradicts(f"{said}\n文件中相关的规定是:每人每月200元。(见《某办法》(某省)第五条)")
    assert contradicts(f"{said}\n文件中相关的规定是:人均用地不少于0.1平方米。(见《某方案》)")  # a standard as a figure
    assert not contradicts(f"{said}\n文件中相关的规定是:年满60周岁的老年人。(见《某办法（2024—2026年）》第(十七)条第43项)")
    missing = "收录的政策文件没有写明需要准备的材料。"
    assert contradicts(f"{missing}\n文件中相关的规定是:申请人应当提交身份证、户口簿。(见《某办法》)")
    # the refusal's own standard lines ("建议向当地民政部门咨询") are not quotes
    office = "收录的政策文件没有写明具体的申请办法或受理部门。"
    assert not contradicts(f"{office}\n文件中相关的规定是:资金由市级财政安排。\n建议向当地民政部门或乡镇(街道)咨询。")
    # the count of times is missing: a period in the quote ("持续6个月以上") is no count; "每月上门2次" is one
    times = "收录的政策文件没有写明具体的次数。"
    assert not contradicts(f"{times}\n文件中相关的规定是:失能状态持续6个月以上的,可以按规定享受待遇。(见《某问答》)")
    assert contradicts(f"{times}\n文件中相关的规定是:护理员每月上门2次。(见《某问答》)")
    # a correction quoting the amount the user claimed is no quote of the documents
    assert not contradicts("需要更正:收录的政策文件中没有“3000元”这样的规定,文件里也没有写明具体发放金额。")


def test_a_follow_up_answered_with_the_previous_answer_is_counted():
    first = "结论:根据《某办法》第五条,每人每月200元。[1]\n提示:以上内容摘自政策原文。"
    assert repeats(first, first.replace("\n", "\n "))
    assert not repeats(first.replace("200元", "300元"), first)
    assert not repeats(first, None)
    items = [{"id": "a", "turns": ["q1", "q2"], "answerable": True, "evidence": [], "answer_points": [],
              "must_not": []}]
    results = [{"id": "a", "answer": first, "refused": False, "citations": [], "retrieved": [],
                "latency_ms": 1.0, "previous_answer": first}]
    m = aggregate(items, results)
    assert m["repeated_answers"] == 1 and m["n_follow_ups"] == 1 and m["contradictions"] == 0


def test_function_words_are_told_by_their_part_of_speech():
    from advisor.index.lexical import function_word

    assert all(function_word(w) for w in ("一直", "而且", "咱们"))  # adverb, conjunction, pronoun
    assert not any(function_word(w) for w in ("补贴", "开发商", "罚款", "慰问金", "我妈"))  # what is asked about
    assert function_word("几类") and function_word("一个")  # numerals that ask or count
    assert not function_word("百岁") and not function_word("一级")  # numerals that name what is asked


def test_a_group_of_siblings_is_no_question_of_how_many():
    from advisor.answer.query import wants_of

    assert wants_of("那我们兄妹几个能不能签个协议,把赡养的事分一分?") != "number"
    assert wants_of("一年能领几个月的补贴?") == "number"


def test_a_figure_under_a_header_in_yuan_is_a_sum_of_money():
    from advisor.answer.compose import holds_money

    path = "第二章 > 第五条 > 表:对象类别 | 能力评估等级 | 补贴标准（元/人·月）"
    row = "分散供养特困人员 | 重度失能 | 500"
    assert holds_money(replace(_chunk(row), heading_path=path), row)
    assert not holds_money(_chunk("年满60周岁的老年人"), "年满60周岁的老年人")
    assert holds_money(_chunk("每人每月200元"), "每人每月200元")


def test_an_attached_form_is_told_from_an_attached_list():
    from advisor.ingest.structure import in_form

    assert in_form("附件：九龙坡区居家养老服务补贴申请审批表 > 表:姓名 | 性别")
    assert in_form("附件2：授权委托书")
    assert not in_form("附件：清远市基本养老服务清单 > 表:服务项目 | 服务对象")  # a list of services is content


def test_asking_whom_to_call_about_a_program_is_a_policy_question():
    from advisor.services.providers import is_provider_question

    assert not is_provider_question("南宁家庭养老床位有问题打哪个电话问")
    assert is_provider_question("清城区的养老院电话是多少")
    # a document named: the phone it gives is asked of its text, not of a provider list
    assert not is_provider_question("云梦县老年助餐服务实施方案的有效期截至何时？方案里留的联系电话是多少？")
    assert not is_provider_question("海河镇助餐服务拟服务老年人名单公示期几天？助餐点哪天正式开餐？")


def test_a_contrast_word_that_does_not_hold_the_term_hides_none_of_it():
    """"低保家庭" is no substring of "低保边缘家庭": a clause naming both is read without error, and the term stands."""
    from advisor.answer.compose import _means

    assert _means("低保家庭", "城乡低保家庭或低保边缘家庭中的老年人", "")
    assert not _means("失能", "半失能老年人每月100元", "")


def test_a_table_row_states_a_figure_in_the_unit_its_column_is_named_in():
    """"多少张床位" of a 名录 row "… | 300 | …" under "床位数（张）": the row states it; a row without that column does not."""
    from advisor.answer.compose import Scored, in_unit, measured_in
    from advisor.schema import Hit

    def row(heading: str, text: str) -> Scored:
        c = Chunk(chunk_id="r", doc_id="d", source="d.html", heading_path=heading, article="第11项", text=text, title="某区名录")
        return Scored(0, Hit(c, 1.0), text, 1.0)

    listed = row("表:序号 | 机构名称 | 床位数（张） | 联系电话", "11 | 泰和园康养中心 | 300 | 029-33728801")
    assert in_unit(listed, measured_in("张"), "张")
    unnamed = row("表:序号 | 机构名称 | 性质 | 联系电话", "11 | 泰和园康养中心 | 民办 | 029-33728801")
    assert not in_unit(unnamed, measured_in("张"), "张")


def test_the_row_with_the_most_of_a_column_among_the_rows_of_the_kind_asked():
    """"床位数最多的民办养老机构是哪一家": of a 名单's rows, the 民办 one with the most beds, whichever row was found
    first; "最少" the fewest; a question naming no column of the table, or no table row found, changes nothing."""
    from conftest import ChunksOnly

    from advisor.answer.compose import Scored, superlative_row
    from advisor.schema import Hit

    head = "表:序号 | 机构名称 | 性质 | 床位数（张） | 联系电话"
    rows = ["1 | 东城敬老院 | 公办 | 260 | 0737-1", "2 | 康乐园养老公寓 | 民办 | 150 | 0737-2",
            "3 | 资江康养中心 | 民办 | 200 | 0737-3", "4 | 夕阳红公寓 | 民办 | 66 | 0737-4"]
    chunks = [Chunk(chunk_id=f"r{i}", doc_id="d", source="d.docx", heading_path=head, article=f"第{i + 1}项", text=t,
                    title="某县养老服务机构名单") for i, t in enumerate(rows)]
    retriever = ChunksOnly(chunks)
    first = Scored(0, Hit(chunks[1], 1.0), chunks[1].text, 1.0)
    most = superlative_row(first, "全县名单里床位数最多的民办养老机构是哪一家？", retriever)
    assert most is not None and "资江康养中心" in most.span  # not the 公办 one with 260
    fewest = superlative_row(first, "民办的里头床位最少的是哪家", retriever)
    assert fewest is not None and "夕阳红公寓" in fewest.span
    assert superlative_row(first, "哪家服务最好", retriever) is None
    plain = Chunk(chunk_id="p", doc_id="e", source="e.txt", text="床位数最多可达300张。", title="某办法")
    assert superlative_row(Scored(0, Hit(plain, 1.0), plain.text, 1.0), "床位数最多是多少", ChunksOnly([plain])) is None
