"""The groups of elders a clause enumerates, and whether the asker's is among them (no model needed)."""

from __future__ import annotations

from advisor.answer.groups import asked_group, groups_in, leaves_out

LIST = ("具有自治州户籍并居家养老的下列老年人，享受居家养老服务补贴：（一）特困人员中的分散供养老年人，每人每月二百元；"
        "（二）最低生活保障家庭中年满八十周岁的老年人，每人每月一百五十元；（三）计划生育特殊家庭中年满六十周岁的老年人，每人每月一百元。")


def test_groups_a_clause_names_keep_the_edge_of_dibao_apart():
    assert groups_in(LIST) == ["低保家庭", "特困人员", "计划生育特殊家庭"]
    assert groups_in("低保边缘家庭中年满70周岁的老年人每人每月150元") == ["低保边缘家庭"]  # not 低保 too


def test_the_askers_group_and_a_list_that_leaves_it_out():
    assert asked_group("我爸76 家里是低保边缘户 在湘西吉首 居家养老服务补贴一个月能领多少") == "低保边缘家庭"
    assert asked_group("榆次的 老人80多岁 不是低保 助餐补贴有没有 补多少") == ""  # the elder is not in it
    assert asked_group("低保和特困有什么区别") == ""  # two groups: no one group of the elder's
    assert leaves_out(LIST, "低保边缘家庭")
    assert not leaves_out(LIST, "低保家庭")
    # a clause naming one group only is no list of whom it is for
    assert not leaves_out("对特困人员中的老年人每人每月发放200元", "低保边缘家庭")


def test_the_profile_reads_the_groups_in_the_same_words():
    from pathlib import Path

    from advisor.lexicon import load_lexicon
    from advisor.profile import extract_profile

    lex = load_lexicon(Path(__file__).resolve().parent.parent / "corpus" / "lexicon")
    assert extract_profile("我妈是最低生活保障边缘家庭的", lex).flags == {"dibao_edge": True}
    assert extract_profile("我爸是分散供养的", lex).flags.get("tekun")


def test_a_facilitys_subsidy_is_not_answered_by_another_facilitys():
    """"新建一个养老院，每张床位给多少建设补贴" asks of 养老机构; a clause on 家庭养老照护床位 names another kind."""
    from advisor.answer.groups import asked_facilities, facilities_in

    assert asked_facilities("营口新建一个养老院，民政按每张床位给多少建设补贴？") == ["养老机构"]
    assert asked_facilities("家庭照护床位的建设补助多少") == ["家庭养老床位"]
    assert asked_facilities("我妈住养老院，护理补贴一个月多少") == []  # a subsidy of the elder, not of a facility
    assert asked_facilities("对社区日间照料中心、村居养老服务站有没有运营补贴？") == ["日间照料中心", "养老服务站"]
    # a 服务站 is not a 服务中心: "社区嵌入式养老服务中心运营满一年…给予运营补贴" names another kind
    assert facilities_in("社区嵌入式养老服务中心运营满一年的，给予运营补贴") == ["养老服务中心"]
    assert facilities_in("对设置家庭养老照护床位并连续提供服务满六个月的居家养老服务机构，按照每张床位三千元…") == ["家庭养老床位"]
    assert facilities_in("新建老年食堂经验收合格的，给予一次性建设补贴十万元") == ["老年助餐点"]


def test_a_star_grade_asked_is_one_the_table_names_or_not_stated():
    from advisor.answer.groups import asked_grade, grades_in

    assert asked_grade("永州农村幸福院要是评上四星级 一年补多少") == "四星级"
    assert grades_in("二星级 | 达到一星级条件，每周开放7天 | 每年2万元") == {"一星级", "二星级"}
    assert grades_in("评为3星的") == {"三星级"} and asked_grade("一星级和二星级差多少") == ""
    # levels with their sums ("三级10万元，四级20万元") or their conditions ("一级：床位数…"), not "二级以上医院"
    assert grades_in("给予一次性等级评定奖补：三级10万元，四级20万元，五级30万元。") == {"三级", "四级", "五级"}
    assert grades_in("一级：床位数不少于20张") == {"一级"} and grades_in("二级以上医院") == set()


def test_schooling_a_care_workers_subsidy_is_graded_by():
    """"中专能拿多少" of an 入职奖补 for 本科及以上 and 专科 graduates is not answered by either row."""
    from advisor.answer.groups import asked_ranks, ranks_in

    assert ranks_in("全日制普通高等院校本科及以上学历毕业生给予3万元，专科学历给予2万元", "学历") == {"本科", "研究生", "专科"}
    assert asked_ranks("我孙子中专毕业 在养老院当护理员 中专能拿多少") == [("学历", "中专", "中专学历")]
    assert asked_ranks("大专毕业的护理员入职奖补多少") == [("学历", "专科", "专科学历")]
    assert asked_ranks("本科和专科分别多少") == []  # two named: no one level asked
    assert "中专" not in ranks_in("专科学历", "学历") and ranks_in("职高毕业", "学历") == {"中专"}


def test_skill_levels_are_ranks_of_their_own():
    """A 岗位津贴 graded 初级 / 中级 / 高级 does not answer "技师"; 高级技师 is neither 高级 nor 技师."""
    from advisor.answer.groups import asked_ranks, ranks_in

    clause = "取得初级、中级、高级职业技能等级证书的，每月分别给予100元、200元、300元岗位津贴"
    assert ranks_in(clause, "职业技能等级") == {"初级", "中级", "高级"}
    assert asked_ranks("我是技师 岗位津贴一个月多少") == [("职业技能等级", "技师", "技师")]
    assert ranks_in("高级技师", "职业技能等级") == {"高级技师"}
    assert ranks_in("中级工及以上", "职业技能等级") == {"中级", "高级", "技师", "高级技师"}
    assert asked_ranks("研究生毕业 考了高级工 能拿多少") == [("学历", "研究生", "研究生学历"),
                                                   ("职业技能等级", "高级", "高级")]


def test_the_level_a_facility_is_rated_at_is_told_like_a_star_grade():
    from advisor.answer.groups import asked_grade, grades_in

    assert grades_in("对首次评定为三级、四级、五级养老机构的，分别给予5万元、10万元、20万元一次性奖励") == {"三级", "四级", "五级"}
    assert asked_grade("我们机构刚评上二级养老机构，对二级的有没有一次性奖励？能拿多少？") == "二级"
    assert grades_in("在本市二级以上公立医疗机构就医的，享受优先挂号") == set()
