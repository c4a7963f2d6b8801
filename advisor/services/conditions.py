"""The kinds of eligibility rule condition, as one data table: each kind defined once.

A condition node of a rules file (corpus/rules/*.yaml) is a mapping with one key: `all` / `any` (groups of
nodes, handled by `eligibility`) or one of the kinds below. A `ConditionKind` says everything about its key:
the profile fact it reads, how its value is checked when a rules file is loaded, how it is decided against
a `Profile` (met / unmet / unknown), its words on checklists and for reviewers, its row in
corpus/rules/README.md, and how the rule drafter reads it from a document's words. Readers of the table:
`eligibility` (loading and screening), `rulereview` (reviewer words), `ruledraft` (drafting) and
tests/test_conditions.py (the README's table is `conditions_table()`).

A new kind is one entry in `CONDITION_KINDS` (and, if it reads a fact the profile does not hold yet, that
fact in advisor/profile.py), plus its test. Pure functions, no model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from advisor.profile import DISABILITY_LEVELS, FIELD_LABELS, Profile

MET, UNMET, UNKNOWN = "met", "unmet", "unknown"
PENDING_LEVEL = "失能(程度待评估)"
LEVEL_RANK = {level: i for i, level in enumerate(DISABILITY_LEVELS)}  # 能力完好 0 … 完全失能 4

# "高龄" has no age line in any seed document. Convention (not from the documents, editable here):
# 80+ is treated as 高龄 (with a note that the local rule decides), 70–79 needs local confirmation,
# under 70 is not 高龄.
GAOLING_MET_AGE = 80
GAOLING_UNMET_BELOW = 70

ECON_FLAGS = ("dibao", "dibao_edge", "poor", "tekun")
KNOWN_FLAGS = tuple(k for k in FIELD_LABELS if k not in ("region", "age", "disability"))
NODE_EXTRAS = ("label", "confirm", "note")  # what any node may carry besides its one key
GROUP_ROWS = (("`all: [节点, ...]`", "全部满足"), ("`any: [节点, ...]`", "任一满足"))  # `all`/`any`: README rows


@dataclass(frozen=True)
class Cond:
    """One parsed condition node: a group (`all`/`any` with children) or a kind of `CONDITION_KINDS`."""

    kind: str  # all / any / a key of CONDITION_KINDS
    value: Any = None
    children: tuple[Cond, ...] = ()
    label: str = ""
    confirm: str = ""
    note: str = ""


@dataclass(frozen=True)
class Verdict:
    """A condition decided against a profile: met / unmet / unknown, the facts still needed (Chinese), and
    the kind's own note (used only when the rule's node has none)."""

    result: str
    missing: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class DocumentWords:
    """How documents name a condition, for the rule drafter: a regular expression and the value it proposes.
    The drafter tries the words of every kind in `rank` order (longer names first, so 低保边缘 is not read as
    低保 and 重度失能 not as 失能); the first match of each wins."""

    rank: int
    pattern: str
    value: Any


@dataclass(frozen=True)
class ConditionKind:
    """One kind of rule condition, as rules files write it (`key: value`)."""

    key: str
    fact: str  # the Profile fact it reads (for readers of the table)
    validate: Callable[[Any], str]  # the problem with a value, "" when it is valid (load_rules adds where)
    check: Callable[[Cond, Profile], Verdict]  # decided against a profile
    words: Callable[[Any], str]  # its line on checklists, unless the node has a `label`
    review: Callable[[Any], str]  # its words for reviewers of drafts
    readme: tuple[tuple[str, str], ...]  # its rows in corpus/rules/README.md: (how it is written, in Markdown; meaning)
    drafted_from: tuple[DocumentWords, ...] = ()  # how the drafter proposes it (age bands: ruledraft.who_of)


def flag_label(name: str) -> str:
    """A profile flag's Chinese name (低保, 特困人员 …); the name itself for one the profile does not know."""
    return FIELD_LABELS.get(name, name)


# ---------------------------------------------------------------- validation of values


def _age(value: Any) -> str:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 130:
        return f"age_at_least needs an age, got {value!r}"
    return ""


def _true(key: str) -> Callable[[Any], str]:
    def validate(value: Any) -> str:
        return "" if value is True else f"'{key}' takes the value true"

    return validate


def _any_disability(value: Any) -> str:
    return "" if value == "失能" else "'disability' takes the value 失能 (any level); use disability_at_least"


def _level(value: Any) -> str:
    if value not in DISABILITY_LEVELS or value == "能力完好":
        return f"disability_at_least must be one of {DISABILITY_LEVELS[1:]}, got {value!r}"
    return ""


def _flag(value: Any) -> str:
    return "" if value in KNOWN_FLAGS else f"unknown flag {value!r}; known: {list(KNOWN_FLAGS)}"


def _fact(value: Any) -> str:
    return "" if isinstance(value, str) and value.strip() else "'info' needs the fact to ask about"


# ---------------------------------------------------------------- decisions against a profile


def _check_age(c: Cond, p: Profile) -> Verdict:
    if p.age is None:
        return Verdict(UNKNOWN, (FIELD_LABELS["age"],))
    return Verdict(MET if p.age >= c.value else UNMET)


def _check_gaoling(c: Cond, p: Profile) -> Verdict:
    if p.age is None:
        return Verdict(UNKNOWN, (FIELD_LABELS["age"],))
    if p.age >= GAOLING_MET_AGE:
        return Verdict(MET, note=f"文件未写明“高龄”的年龄线,{GAOLING_MET_AGE}周岁及以上按高龄参考,以当地认定为准")
    if p.age < GAOLING_UNMET_BELOW:
        return Verdict(UNMET)
    return Verdict(UNKNOWN, ("是否属于当地认定的高龄老年人",), "文件未写明“高龄”的年龄线,由当地认定")


def _check_disability(c: Cond, p: Profile) -> Verdict:
    level = p.disability
    if not level:
        return Verdict(UNKNOWN, (FIELD_LABELS["disability"],))
    if level == "能力完好":
        return Verdict(UNMET)
    pending = level == PENDING_LEVEL or level not in LEVEL_RANK
    return Verdict(MET, note="失能程度待老年人能力评估确定" if pending else "")


def _check_level(c: Cond, p: Profile) -> Verdict:
    level = p.disability
    if not level:
        return Verdict(UNKNOWN, (FIELD_LABELS["disability"],))
    if level not in LEVEL_RANK:
        return Verdict(UNKNOWN, ("老年人能力评估结论(失能等级)",), "已知失能,但具体等级要由老年人能力评估确定")
    return Verdict(MET if LEVEL_RANK[level] >= LEVEL_RANK[c.value] else UNMET)


def _check_flag(c: Cond, p: Profile) -> Verdict:
    v = p.flags.get(c.value)
    if v is None:
        return Verdict(UNKNOWN, (f"是否{flag_label(c.value)}",))
    if v and c.confirm:  # the profile says yes, the document's group is narrower (孤寡 for 独居): to confirm
        return Verdict(UNKNOWN, (c.confirm,), c.confirm)
    return Verdict(MET if v else UNMET)


def _check_econ(c: Cond, p: Profile) -> Verdict:
    vals = [p.flags.get(f) for f in ECON_FLAGS]
    if any(vals):
        return Verdict(MET)
    if all(v is False for v in vals):
        return Verdict(UNMET)
    return Verdict(UNKNOWN, ("家庭经济状况(是否低保、低保边缘、特困或支出型困难)",))


def _check_info(c: Cond, p: Profile) -> Verdict:
    return Verdict(UNKNOWN, (str(c.value),))


# ---------------------------------------------------------------- the table

_FLAG_LIST = "、".join(f"{k} {FIELD_LABELS[k]}" for k in KNOWN_FLAGS)

CONDITION_KINDS: dict[str, ConditionKind] = {
    k.key: k
    for k in (
        ConditionKind(
            key="age_at_least",
            fact="age",
            validate=_age,
            check=_check_age,
            words=lambda v: f"年龄在{v}周岁及以上",
            review=lambda v: f"{v}周岁以上",
            readme=(("`age_at_least: 65`", "年龄 ≥ 65 周岁"),),
        ),
        ConditionKind(
            key="gaoling",
            fact="age",
            validate=_true("gaoling"),
            check=_check_gaoling,
            words=lambda v: "高龄",
            review=lambda v: "高龄",
            readme=(("`gaoling: true`",
                     f"“高龄”。文件都没写年龄线:{GAOLING_MET_AGE} 周岁及以上按“可能属于”处理,"
                     f"{GAOLING_UNMET_BELOW}–{GAOLING_MET_AGE - 1} 需当地认定,{GAOLING_UNMET_BELOW} 以下不属于"
                     "(约定,见 advisor/services/conditions.py)"),),
        ),
        ConditionKind(
            key="disability",
            fact="disability",
            validate=_any_disability,
            check=_check_disability,
            words=lambda v: "失能(任何程度,以老年人能力评估为准)",
            review=lambda v: "失能(任何程度)",
            readme=(("`disability: 失能`", "任何程度的失能(轻度失能及以上,含“失能(程度待评估)”);“能力完好”为不满足"),),
            drafted_from=(DocumentWords(80, r"半失能|失能", "失能"),),
        ),
        ConditionKind(
            key="disability_at_least",
            fact="disability",
            validate=_level,
            check=_check_level,
            words=lambda v: f"失能程度达到{v}及以上(GB/T 42195-2022)",
            review=lambda v: f"{v}及以上",
            readme=(("`disability_at_least: 中度失能`",
                     "达到某一 GB/T 42195-2022 等级;“失能(程度待评估)”为需补充信息(以老年人能力评估为准)"),),
            drafted_from=(
                DocumentWords(50, r"完全失能", "完全失能"),
                DocumentWords(60, r"重度(?:以上)?失能", "重度失能"),
                DocumentWords(70, r"中度(?:以上)?失能", "中度失能"),
            ),
        ),
        ConditionKind(
            key="flag",
            fact="flags[<name>]",
            validate=_flag,
            check=_check_flag,
            words=flag_label,
            review=lambda v: flag_label(str(v)),
            readme=(
                ("`flag: dibao`", f"画像标记为是({_FLAG_LIST})"),
                ("`flag: alone` + `confirm: 说明`", "标记为是时仍需核实(例如文件写“孤寡”,而画像只知道“独居”)"),
            ),
            drafted_from=(
                DocumentWords(10, r"特困(?:人员|老年人|供养)?|五保", "tekun"),
                DocumentWords(20, r"(?:最低生活保障|低保)边缘", "dibao_edge"),
                DocumentWords(30, r"最低生活保障|低保", "dibao"),
                DocumentWords(90, r"失智|认知障碍", "dementia"),
                DocumentWords(100, r"独居|空巢|留守|孤寡", "alone"),
                DocumentWords(110, r"计划生育特殊家庭|失独", "family_planning"),
                DocumentWords(120, r"重度残疾|残疾", "disabled"),
                DocumentWords(130, r"优抚对象|退役军人|烈属", "veteran"),
                DocumentWords(140, r"农村", "rural"),
            ),
        ),
        ConditionKind(
            key="econ",
            fact="flags: " + ", ".join(ECON_FLAGS),
            validate=_true("econ"),
            check=_check_econ,
            words=lambda v: "经济困难(低保、低保边缘、支出型困难或特困,以当地认定为准)",
            review=lambda v: "经济困难",
            readme=(("`econ: true`", "经济困难:低保、低保边缘、支出型困难(poor)或特困任一为是;四项都明确为否才算不满足"),),
            drafted_from=(DocumentWords(40, r"经济困难|低收入|支出型困难|生活困难", True),),
        ),
        ConditionKind(
            key="info",
            fact="",  # a fact the profile does not hold: always to confirm
            validate=_fact,
            check=_check_info,
            words=str,
            review=lambda v: f"需核实:{v}",
            readme=(("`info: 说明`", "画像里没有的事实(如“是否属于当地认定的特殊困难老年人”),永远是“需补充信息”"),),
            drafted_from=(DocumentWords(150, r"(?:本[省市区县]|当地)?户籍", "户籍是否在当地"),),
        ),
    )
}


def document_words() -> tuple[tuple[str, dict[str, Any]], ...]:
    """Every kind's document words in the drafter's order: (pattern, the condition node it proposes)."""
    words = sorted(((k, w) for k in CONDITION_KINDS.values() for w in k.drafted_from), key=lambda kw: kw[1].rank)
    return tuple((w.pattern, {k.key: w.value}) for k, w in words)


def conditions_table() -> str:
    """The Markdown table of condition keys in corpus/rules/README.md (checked against it by a test)."""
    rows = ["| 节点 | 含义 |", "|---|---|"]
    rows += [f"| {written} | {meaning} |" for written, meaning in GROUP_ROWS]
    rows += [f"| {written} | {meaning} |" for k in CONDITION_KINDS.values() for written, meaning in k.readme]
    return "\n".join(rows)
