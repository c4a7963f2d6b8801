"""The table of condition kinds (advisor/services/conditions.py): every kind decided met / unmet / unknown
against a profile, every kind refusing a value it cannot take, the drafter's order of document words, and
the README's table of condition keys generated from the table. A new kind adds its rows to CASES and BAD."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.profile import Profile
from advisor.services.conditions import (
    CONDITION_KINDS,
    MET,
    UNKNOWN,
    UNMET,
    conditions_table,
    document_words,
)
from advisor.services.eligibility import Rule, RuleError, _parse_cond, screen
from advisor.services.rulereview import describe

ROOT = Path(__file__).resolve().parent.parent
NOT_POOR = {"dibao": False, "dibao_edge": False, "poor": False, "tekun": False}

# (condition node, profile, result, facts still needed): each kind met, unmet and unknown where it can be
CASES = [
    ({"age_at_least": 65}, Profile(age=65), MET, []),
    ({"age_at_least": 65}, Profile(age=64), UNMET, []),
    ({"age_at_least": 65}, Profile(), UNKNOWN, ["年龄"]),
    ({"gaoling": True}, Profile(age=80), MET, []),
    ({"gaoling": True}, Profile(age=69), UNMET, []),
    ({"gaoling": True}, Profile(age=75), UNKNOWN, ["是否属于当地认定的高龄老年人"]),
    ({"gaoling": True}, Profile(), UNKNOWN, ["年龄"]),
    ({"disability": "失能"}, Profile(disability="轻度失能"), MET, []),
    ({"disability": "失能"}, Profile(disability="失能(程度待评估)"), MET, []),
    ({"disability": "失能"}, Profile(disability="能力完好"), UNMET, []),
    ({"disability": "失能"}, Profile(), UNKNOWN, ["失能程度"]),
    ({"disability_at_least": "中度失能"}, Profile(disability="重度失能"), MET, []),
    ({"disability_at_least": "中度失能"}, Profile(disability="轻度失能"), UNMET, []),
    ({"disability_at_least": "中度失能"}, Profile(disability="失能(程度待评估)"), UNKNOWN, ["老年人能力评估结论(失能等级)"]),
    ({"disability_at_least": "中度失能"}, Profile(), UNKNOWN, ["失能程度"]),
    ({"flag": "dibao"}, Profile(flags={"dibao": True}), MET, []),
    ({"flag": "dibao"}, Profile(flags={"dibao": False}), UNMET, []),
    ({"flag": "dibao"}, Profile(), UNKNOWN, ["是否低保"]),
    ({"flag": "alone", "confirm": "是否孤寡"}, Profile(flags={"alone": True}), UNKNOWN, ["是否孤寡"]),
    ({"econ": True}, Profile(flags={"dibao_edge": True}), MET, []),
    ({"econ": True}, Profile(flags=NOT_POOR), UNMET, []),
    ({"econ": True}, Profile(flags={"dibao": False}), UNKNOWN, ["家庭经济状况(是否低保、低保边缘、特困或支出型困难)"]),
    ({"info": "是否具有本市户籍"}, Profile(age=90), UNKNOWN, ["是否具有本市户籍"]),
]
# (condition node, a word of the error): values a kind refuses when a rules file is loaded
BAD = [
    ({"age_at_least": 0}, "age_at_least"),
    ({"age_at_least": True}, "age_at_least"),
    ({"gaoling": 80}, "gaoling"),
    ({"disability": "重度失能"}, "disability_at_least"),
    ({"disability_at_least": "能力完好"}, "disability_at_least"),
    ({"flag": "rich"}, "unknown flag"),
    ({"econ": False}, "econ"),
    ({"info": " "}, "info"),
]


def _rule(node: dict) -> Rule:
    return Rule(id="r", name="n", region="全国", doc="d.md", title="t", article="第一条", benefit="b", quotes=["q"],
                conditions=_parse_cond(node, "t.yaml: rule r"))


@pytest.mark.parametrize(("node", "profile", "result", "missing"), CASES)
def test_each_kind_is_decided_against_the_profile(node, profile, result, missing):
    [o] = screen(profile, [_rule(node)])
    assert o.checks[0].result == result
    assert o.missing == missing  # only a rule still needing information lists the facts to ask
    assert o.checks[0].text  # each kind has its words on the checklist


def test_every_kind_has_its_cases():
    seen = {(next(k for k in node if k in CONDITION_KINDS), result) for node, _p, result, _m in CASES}
    for key in CONDITION_KINDS:
        results = {MET, UNMET, UNKNOWN} if key != "info" else {UNKNOWN}  # info is a fact the profile never holds
        assert {(key, r) for r in results} <= seen, key
    assert {next(iter(node)) for node, _word in BAD} == set(CONDITION_KINDS)


@pytest.mark.parametrize(("node", "word"), BAD)
def test_a_kind_refuses_a_value_it_cannot_take(node, word):
    with pytest.raises(RuleError) as exc:
        _parse_cond(node, "t.yaml: rule r")
    assert str(exc.value).startswith("t.yaml: rule r: ") and word in str(exc.value)


def test_a_label_or_note_of_the_rule_comes_before_the_kinds_own():
    [o] = screen(Profile(age=85), [_rule({"gaoling": True, "label": "高龄老人", "note": "当地认定"})])
    assert (o.checks[0].text, o.checks[0].note) == ("高龄老人", "当地认定")
    [o] = screen(Profile(age=85), [_rule({"gaoling": True})])
    assert (o.checks[0].text, o.checks[0].note.startswith("文件未写明“高龄”")) == ("高龄", True)


def test_reviewers_read_every_kind_in_words():
    for node, *_rest in CASES:
        key = next(iter(node))
        assert describe(node) and describe(node) != f"{key}: {node[key]}", node  # never the raw `key: value`
    assert describe({"hukou": "本市"}) == "hukou: 本市"  # a key the table does not know is shown as written


def test_the_drafter_tries_longer_names_first():
    ranks = [w.rank for k in CONDITION_KINDS.values() for w in k.drafted_from]
    assert len(set(ranks)) == len(ranks)
    order = [node for _pattern, node in document_words()]
    assert order.index({"flag": "dibao_edge"}) < order.index({"flag": "dibao"})
    assert order.index({"disability_at_least": "重度失能"}) < order.index({"disability": "失能"})
    for pattern, _node in document_words():
        re.compile(pattern)


def test_the_readme_table_is_the_kinds():
    readme = (ROOT / "corpus" / "rules" / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- conditions:start -->\n(.*?)\n<!-- conditions:end -->", readme, re.S)
    assert m, "corpus/rules/README.md has no table of condition keys"
    assert m.group(1) == conditions_table()
    for key in CONDITION_KINDS:
        assert f"`{key}:" in m.group(1), key
