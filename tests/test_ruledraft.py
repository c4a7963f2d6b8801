"""Rule drafts from clauses and their review (issue 16): who, what, how much and whom to ask are read from
the clause (age bands in both numeral styles, the listed groups), quotes are verbatim, nothing is invented;
`load_rules` refuses a quote that is not in its document or an article label the document does not have;
drafts are never used in family answers until reviewed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from advisor.schema import Chunk
from advisor.services.eligibility import DEFAULT_AMOUNT, RuleError, documents_of, load_rules
from advisor.services.ruledraft import draft_file, draft_rules, who_of

CLAUSES = {
    "第八条": "第八条 县级以上人民政府应当推进落实具有本省户籍的八十周岁以上老年人高龄津贴制度。",
    "第九条": "第九条 对经济困难的失能老年人，按照每人每月200元的标准给予护理补贴。老年人或者其家属可以向户籍所在地乡镇人民政府、街道办事处提出申请。",
    "第十条": "第十条 下列老年人申请入住政府投资兴办的养老机构的，应当优先安排：\n（一）特困人员；\n（二）最低生活保障边缘家庭中的失能老年人；\n（三）计划生育特殊家庭的老年人。",
    "第十一条": "第十一条 年满65周岁的老年人，可以免费接受老年人能力综合评估。",
    "第十二条": "第十二条 养老机构应当建立健全安全管理制度。",  # grants nothing
}


def chunks() -> list[Chunk]:
    out, start = [], 0
    for label, text in CLAUSES.items():
        out.append(Chunk(chunk_id=label, doc_id="d1", source="某省养老服务条例.md", text=text, article=label,
                         title="某省养老服务条例", region="某省", start=start))
        start += len(text) + 1
    return out


def test_who_in_both_numeral_styles_and_the_listed_groups():
    assert who_of("具有本省户籍的八十周岁以上老年人")[0] == [{"info": "户籍是否在当地"}, {"age_at_least": 80}]
    assert who_of("年满65周岁的老年人")[0] == [{"age_at_least": 65}]
    conds, _ = who_of("最低生活保障边缘家庭中的失能老年人")
    assert {"flag": "dibao_edge"} in conds and {"flag": "dibao"} not in conds and {"disability": "失能"} in conds
    assert who_of("六十至七十九周岁的低保老年人")[0][-1] == {"age_at_least": 60, "note": "文件写明的年龄段是60至79周岁"}


def test_drafts_read_who_what_how_much_and_whom_to_ask():
    drafts = {d.article: d for d in draft_rules(chunks(), "t")}
    assert "第十二条" not in drafts  # a clause that grants nothing gives no rule
    d8 = drafts["第八条"]
    assert d8.name == "高龄津贴" and d8.conditions == {"all": [{"info": "户籍是否在当地"}, {"age_at_least": 80}]}
    d9 = drafts["第九条"]
    assert d9.name == "护理补贴" and d9.amount == "按照每人每月200元的标准给予护理补贴"
    assert d9.conditions == {"all": [{"econ": True}, {"disability": "失能"}]}
    assert "申请" in d9.apply_to and "乡镇人民政府" in d9.apply_to
    assert drafts["第十一条"].conditions == {"age_at_least": 65} and drafts["第十一条"].name == "老年人能力评估"
    items = [d for d in draft_rules(chunks(), "t") if d.article == "第十条"]
    assert len(items) == 3 and all(d.name == "养老机构优先入住" for d in items)  # each item, with its list's intro
    assert all(d.quotes[0].endswith("应当优先安排：") for d in items)
    text = "\n".join(CLAUSES.values())
    for d in draft_rules(chunks(), "t"):  # nothing invented: every quote is the document's own words
        assert all(q in text for q in d.quotes)
        assert d.amount == DEFAULT_AMOUNT or any(d.amount in q for q in d.quotes)
        assert not d.apply_to or any(d.apply_to in q for q in d.quotes)
        assert 0 < d.confidence <= 1


def write_drafts(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    (rules / "drafts").mkdir(parents=True)
    from advisor.services.ruledraft import to_yaml

    (rules / "drafts" / "d1.yaml").write_text(to_yaml(draft_file(chunks(), dt.date(2026, 12, 2))), encoding="utf-8")
    return rules


def test_drafts_are_not_used_until_reviewed(tmp_path: Path):
    rules = write_drafts(tmp_path)
    assert load_rules(rules, documents_of(chunks())) == []  # drafts/ is not read for answers
    shutil_copy = (rules / "drafts" / "d1.yaml").read_text(encoding="utf-8")
    (rules / "d1.yaml").write_text(shutil_copy, encoding="utf-8")  # a drafts file put among the rules
    assert load_rules(rules, documents_of(chunks())) == []  # status: draft is still left out
    assert len(load_rules(rules, documents_of(chunks()), drafts=True)) >= 5  # the staff view sees them


def test_review_accepts_rejects_and_skips(tmp_path: Path):
    from advisor.services.rulereview import review

    rules = write_drafts(tmp_path)
    n = len(yaml.safe_load((rules / "drafts" / "d1.yaml").read_text(encoding="utf-8"))["rules"])
    answers = iter(["a", "r"] + ["s"] * n)
    said: list[str] = []
    assert review(rules, reviewer="张三", ask=lambda _p: next(answers), say=said.append,
                  today=dt.date(2026, 12, 2)) == 0
    assert any("原文" in s for s in said)  # the clause is shown beside the draft
    accepted = load_rules(rules, documents_of(chunks()))
    assert len(accepted) == 1 and accepted[0].status == "reviewed"
    data = yaml.safe_load((rules / "d1.yaml").read_text(encoding="utf-8"))
    assert data["rules"][0]["reviewer"] == "张三" and data["rules"][0]["reviewed"] == "2026-12-02"
    left = yaml.safe_load((rules / "drafts" / "d1.yaml").read_text(encoding="utf-8"))["rules"]
    assert len(left) == n - 2  # one accepted, one rejected, the rest skipped
    assert review(rules, reviewer=None, ask=lambda _p: "a", say=said.append) == 2  # accepting needs a name


@pytest.mark.parametrize("change,message", [
    (("quotes", ["县级以上人民政府应当发放高龄津贴"]), "not verbatim"),
    (("article", "第九十九条"), "is not a label"),
])
def test_load_rules_refuses_a_quote_or_article_not_in_the_document(tmp_path: Path, change, message):
    rules = write_drafts(tmp_path)
    data = yaml.safe_load((rules / "drafts" / "d1.yaml").read_text(encoding="utf-8"))
    rule = {**data["rules"][0], "status": "reviewed", change[0]: change[1]}
    (rules / "x.yaml").write_text(yaml.safe_dump({**data, "rules": [rule]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rules(rules, documents_of(chunks()))
    assert message in str(exc.value) and "x.yaml:" in str(exc.value)  # the file and the line


def test_a_reviewed_rule_shows_its_level_and_the_amount_the_document_states(tmp_path: Path):
    from advisor.profile import Profile
    from advisor.services.eligibility import answer_eligibility, screen
    from advisor.services.rulereview import review

    rules_dir = write_drafts(tmp_path)
    drafts = yaml.safe_load((rules_dir / "drafts" / "d1.yaml").read_text(encoding="utf-8"))["rules"]
    answers = iter("a" if d["name"] == "护理补贴" else "r" for d in drafts)
    review(rules_dir, reviewer="张三", ask=lambda _p: next(answers), say=lambda _s: None)
    rules = load_rules(rules_dir, documents_of(chunks()))
    profile = Profile(region="某省", age=82, disability="重度失能", flags={"poor": True})
    ans = answer_eligibility(profile, screen(profile, rules), brief=True)
    assert "【某省】" in ans.text and "每人每月200元" in ans.text, ans.text
    assert "都没有规定具体金额" not in ans.text  # the document states one


def test_staff_view_lists_drafts_beside_their_clauses_marked_for_review(tmp_path: Path):
    from advisor.app import render_drafts

    rules_dir = write_drafts(tmp_path)
    page = render_drafts(rules_dir)
    assert page.count("待审核") >= 5 and "八十周岁以上老年人高龄津贴制度" in page and "80周岁以上" in page
    path = rules_dir / "drafts" / "d1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["rules"][0]["quotes"] = ["<script>alert(1)</script>"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "<script>" not in render_drafts(rules_dir)  # a document's text is never markup


def test_where_the_family_says_the_elder_lives_only_the_huji_is_left_to_confirm():
    from advisor.profile import Profile
    from advisor.services.eligibility import POSSIBLE, Rule, _parse_cond, screen

    rule = Rule(id="x", name="高龄津贴", region="山东省", doc="d.md", title="山东省养老服务条例", article="第五十五条",
                benefit="八十周岁以上老年人高龄津贴", quotes=["具有本省户籍的八十周岁以上老年人高龄津贴制度"],
                conditions=_parse_cond({"all": [{"age_at_least": 80}, {"info": "是否具有山东省户籍"}]}, "t"))
    [o] = screen(Profile(region="山东省济南市", age=82), [rule])
    assert o.status == POSSIBLE and any("户籍" in n for n in o.notes)
    from advisor.services.eligibility import answer_eligibility

    brief = answer_eligibility(Profile(region="山东省济南市", age=82), [o], brief=True).text
    assert "户籍" in brief.split("高龄津贴", 1)[1].split("\n二、", 1)[0]  # the family is told what to confirm
    [o] = screen(Profile(region="山东省济南市", age=75), [rule])
    assert o.status != POSSIBLE  # the age is not met, whatever the 户籍


def test_a_refused_rules_file_leaves_the_others(tmp_path: Path):
    from advisor.services.eligibility import load_rules_lenient

    rules = write_drafts(tmp_path)
    data = yaml.safe_load((rules / "drafts" / "d1.yaml").read_text(encoding="utf-8"))
    good = {**data["rules"][0], "status": "reviewed", "id": "good-1"}
    bad = {**data["rules"][1], "status": "reviewed", "id": "bad-1", "quotes": ["文件里没有这句话"]}
    (rules / "a.yaml").write_text(yaml.safe_dump({**data, "rules": [good]}, allow_unicode=True), encoding="utf-8")
    (rules / "b.yaml").write_text(yaml.safe_dump({**data, "rules": [bad]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleError):
        load_rules(rules, documents_of(chunks()))  # strict: the whole set is refused
    assert [r.id for r in load_rules_lenient(rules, documents_of(chunks()))] == ["good-1"]


def test_conditions_a_clause_joins_with_dun():
    from advisor.services.ruledraft import _condition
    from advisor.services.rulereview import describe

    text = "具有本省户籍、经评估为中度以上失能的老年人"
    assert _condition(who_of(text)[0], text) == {"all": [{"disability_at_least": "中度失能"}, {"info": "户籍是否在当地"}]}
    text = "特困人员、最低生活保障家庭中的老年人"
    assert _condition(who_of(text)[0], text) == {"any": [{"flag": "tekun"}, {"flag": "dibao"}]}
    assert describe({"note": "只有说明"}) == "只有说明"  # a node without a condition does not break the view


def test_staff_desk_decisions_accept_and_reject_one_draft(tmp_path: Path):
    from advisor.services.rulereview import decide, draft_ids

    rules = write_drafts(tmp_path)
    ids = [rid for _label, rid in draft_ids(rules)]
    assert len(ids) >= 5
    assert "审核人" in decide(rules, ids[0], True, "  ")  # accepting needs a name; nothing changes
    assert len(draft_ids(rules)) == len(ids)
    assert "接受" in decide(rules, ids[0], True, "李四", dt.date(2026, 12, 2))
    assert "拒绝" in decide(rules, ids[1], False, "")
    assert [r for _l, r in draft_ids(rules)] == ids[2:]
    [accepted] = load_rules(rules, documents_of(chunks()))
    assert accepted.id == ids[0] and accepted.status == "reviewed"


def test_staff_edit_a_draft_before_accepting_it_and_a_bad_edit_changes_nothing(tmp_path: Path):
    from advisor.services.rulereview import decide, draft_ids, editable_yaml, find_draft

    rules = write_drafts(tmp_path)
    docs = documents_of(chunks())
    rid = next(r for _l, r in draft_ids(rules) if find_draft(rules, r)["article"] == "第九条")
    fields = yaml.safe_load(editable_yaml(find_draft(rules, rid)))
    assert {"name", "conditions", "quotes"} <= fields.keys() and "id" not in fields  # the id is not staff's to change

    # a quote the document does not hold, a field that is not editable, broken YAML: refused, draft kept
    for bad in ({**fields, "quotes": ["按照每人每月300元的标准给予护理补贴"]}, {**fields, "status": "reviewed"}):
        said = decide(rules, rid, True, "王五", edited=yaml.safe_dump(bad, allow_unicode=True), documents=docs)
        assert "没有通过检查" in said and find_draft(rules, rid) is not None
    assert "YAML" in decide(rules, rid, True, "王五", edited="name: [", documents=docs)
    assert load_rules(rules, docs) == []

    fields["name"] = "经济困难失能老年人护理补贴"
    fields["conditions"] = {"all": [{"econ": True}, {"disability": "失能"}]}
    said = decide(rules, rid, True, "王五", dt.date(2026, 12, 6), edited=yaml.safe_dump(fields, allow_unicode=True),
                  documents=docs)
    assert "接受" in said and find_draft(rules, rid) is None
    [rule] = load_rules(rules, docs)
    assert rule.name == "经济困难失能老年人护理补贴" and rule.status == "reviewed" and rule.id == rid


def test_command_line_review_edits_in_the_editor(tmp_path: Path):
    from advisor.services.rulereview import review

    rules = write_drafts(tmp_path)
    n = len(yaml.safe_load((rules / "drafts" / "d1.yaml").read_text(encoding="utf-8"))["rules"])
    answers = iter(["e", "e"] + ["s"] * n)
    edits = iter([lambda t: t.replace("name:", "name: 改过的", 1), lambda t: t + "\nstatus: reviewed\n"])
    said: list[str] = []
    review(rules, reviewer="张三", ask=lambda _p: next(answers), say=said.append, edit=lambda t: next(edits)(t),
           documents=documents_of(chunks()))
    [accepted] = load_rules(rules, documents_of(chunks()))
    assert accepted.name.startswith("改过的")  # the first edit was kept
    assert any("没有通过检查" in s for s in said)  # the second was refused and its draft stays
    left = yaml.safe_load((rules / "drafts" / "d1.yaml").read_text(encoding="utf-8"))["rules"]
    assert len(left) == n - 1


def test_an_accept_that_would_break_the_reviewed_file_is_refused(tmp_path: Path):
    from advisor.services.rulereview import decide, draft_ids, editable_yaml, find_draft

    rules = write_drafts(tmp_path)
    docs = documents_of(chunks())
    first, other = draft_ids(rules)[0][1], draft_ids(rules)[1][1]
    copy = (rules / "drafts" / "d1.yaml").read_text(encoding="utf-8")
    assert "接受" in decide(rules, first, True, "王五", documents=docs)
    # the same draft again (the drafter run twice): refused, the reviewed file still loads
    (rules / "drafts" / "d1.yaml").write_text(copy, encoding="utf-8")
    said = decide(rules, first, True, "王五", documents=docs)
    assert "已经在已审核的规则里" in said and len(load_rules(rules, docs)) == 1
    assert find_draft(rules, first) is not None  # and the draft is kept
    # an edit whose document is not indexed cannot be checked: refused
    fields = yaml.safe_load(editable_yaml(find_draft(rules, other)))
    fields["name"] = "改名"
    assert "索引里没有这份文件" in decide(rules, other, True, "王五", edited=yaml.safe_dump(fields, allow_unicode=True))
    # a staff note is kept, the drafter's note for the reviewer is not
    fields["note"] = "经电话向街道核实"
    assert "接受" in decide(rules, other, True, "王五", edited=yaml.safe_dump(fields, allow_unicode=True),
                           documents=docs)
    notes = {r.id: r.note for r in load_rules(rules, docs)}
    assert notes[other] == "经电话向街道核实" and not notes[first].startswith("草稿依据")


def test_labels_are_checked_segment_by_segment():
    from advisor.services.eligibility import label_of

    labels = {"第三条第一款", "第三条第二款", "第二部分第(一)条第1项", "第十条"}
    for good in ("第三条", "第三条第二款", "第十条第二款", "第(一)条第1项", "第二部分第(一)条第1项"):
        assert label_of(good, labels), good
    for bad in ("第", "第九", "第一百条第九条", "第四条", "第1项"):
        assert not label_of(bad, labels), bad


def test_an_editor_that_fails_keeps_the_draft(tmp_path: Path):
    from advisor.services.rulereview import EditorFailed, review

    rules = write_drafts(tmp_path)
    n = len(yaml.safe_load((rules / "drafts" / "d1.yaml").read_text(encoding="utf-8"))["rules"])
    answers = iter(["e", "e"] + ["s"] * n)

    def broken(_text: str) -> str:
        raise EditorFailed("编辑器以错误退出(代码 1),草稿保持原样。")

    edits = iter([broken, lambda t: t])  # then one saved without a change
    said: list[str] = []
    review(rules, reviewer="张三", ask=lambda _p: next(answers), say=said.append, edit=lambda t: next(edits)(t),
           documents=documents_of(chunks()))
    assert any("编辑器以错误退出" in s for s in said) and any("没有修改" in s for s in said)
    assert load_rules(rules, documents_of(chunks())) == []
    assert len(yaml.safe_load((rules / "drafts" / "d1.yaml").read_text(encoding="utf-8"))["rules"]) == n


def test_items_read_under_their_own_list_not_under_the_notices_preamble():
    texts = [
        ("", "", "为做好经济困难老年人高龄津贴发放工作，现将有关事项通知如下："),
        ("一、补贴对象", "第一部分", "具有本区户籍、年满60周岁的老年人，按照下列标准享受居家养老服务补贴："),
        ("一、补贴对象 > 1.", "第一部分第1项", "1.失能老年人，每人每月400元；"),
        ("二、免费体检 > 1.", "第二部分第1项", "1.重度失能老年人；"),
    ]
    chunks = [Chunk(chunk_id=str(i), doc_id="n", source="n.html", text=t, heading_path=h, article=a, start=i * 100)
              for i, (h, a, t) in enumerate(texts)]
    drafts = {d.article: d for d in draft_rules(chunks, "t")}
    item = drafts["第一部分第1项"]
    assert item.name == "养老服务补贴" and "每人每月400元" in item.amount
    assert {"info": "户籍是否在当地"} in item.conditions["all"] and {"age_at_least": 60} in item.conditions["all"]
    assert "econ" not in str(item.conditions)  # the preamble's 经济困难 is not this list's condition
    assert "第二部分第1项" not in drafts  # an item under no granting list grants nothing by itself


def _doc(texts: list[tuple[str, str, str]]) -> list[Chunk]:
    return [Chunk(chunk_id=str(i), doc_id="n", source="n.html", text=t, heading_path=h, article=a, start=i * 100)
            for i, (h, a, t) in enumerate(texts)]


def test_amounts_after_an_items_head_are_each_a_rule_under_the_head_and_its_list():
    drafts = draft_rules(_doc([
        ("一、补贴对象", "第一部分", "具有本区户籍的60周岁以上老年人，符合下列条件之一的，按照相应标准享受居家养老服务补贴："),
        ("一、补贴对象 > （一）", "第一部分第(一)条",
         "（一）城乡特困人员中的老年人。经评估为失能的，每人每月400元；半失能的，每人每月300元。"),
    ]), "t")
    assert [d.amount for d in drafts] == ["每人每月400元", "每人每月300元"]  # no rule for the list's intro or the head
    first, second = drafts
    assert first.name == second.name == "养老服务补贴"
    assert first.benefit.startswith("经评估为失能") and second.benefit.startswith("半失能")
    assert {"disability": "失能"} in first.conditions["all"] and {"disability": "失能"} in second.conditions["all"]
    assert all({"age_at_least": 60} in d.conditions["all"] and "tekun" in str(d.conditions) for d in drafts)


def test_an_item_saying_what_reads_whom_from_its_list():
    drafts = draft_rules(_doc([
        ("三、关爱服务", "第三部分", "对享受居家养老服务补贴的失能老年人："),
        ("三、关爱服务 > 1.", "第三部分第1项", "1.由所在镇街养老服务中心每月提供不少于2次免费上门助洁服务；"),
    ]), "t")
    assert [(d.article, d.name) for d in drafts] == [("第三部分第1项", "居家上门服务")]
    assert {"disability": "失能"} == drafts[0].conditions or {"disability": "失能"} in drafts[0].conditions["all"]


def test_age_bands_after_the_clause_granting_them():
    drafts = draft_rules(_doc([("", "第五条", "第五条 对具有本省户籍、年满80周岁的老年人按月发放高龄津贴。"
                                              "80—89周岁每人每月不低于50元；90周岁以上每人每月不低于100元。")]), "t")
    bands = [d for d in drafts if "不低于" in d.amount]
    assert [d.name for d in bands] == ["高龄津贴", "高龄津贴"]
    assert {"age_at_least": 90} in bands[1].conditions["all"]


@pytest.mark.parametrize("clause, name, condition", [
    ("百岁老人每年重阳节发放一次性慰问金1000元。", "敬老金", {"age_at_least": 100}),
    ("80周岁以上老年人在公立医疗机构就诊的，免收普通门诊诊查费，并优先安排就诊。", "就医优先与上门医疗", {"age_at_least": 80}),
    ("民政部门为90周岁以上老年人统一购买意外伤害保险。", "老年人意外伤害保险", {"age_at_least": 90}),
    ("街道对独居老年人每周至少探访一次。", "探访关爱", None),
    ("经济困难老年人的评估费用由县级人民政府承担。", "老年人能力评估", {"econ": True}),
])
def test_grants_written_without_the_usual_verbs(clause, name, condition):
    drafts = draft_rules(_doc([("", "第九条", "第九条 " + clause)]), "t")
    assert [d.name for d in drafts] == [name]
    assert condition is None or drafts[0].conditions == condition or condition in drafts[0].conditions.get("all", [])
