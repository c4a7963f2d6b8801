"""Eligibility screening (advisor/services/eligibility.py + corpus/rules/*.yaml).

Every expected status below is derived by hand from the documents; the comment above each case quotes
the clause that decides it. Speed is measured in bench/, not asserted here: test_speed_is_printed only
prints the average time of screen() over all rules.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from advisor.lexicon import load_lexicon
from advisor.profile import Profile, extract_profile
from advisor.services.eligibility import (
    COLLOQUIAL_LEVELS,
    NEED_INFO,
    NOT_MET,
    POSSIBLE,
    RULES_DIR,
    RuleError,
    answer_eligibility,
    checklist_markdown,
    is_eligibility_question,
    load_rules,
    screen,
)

REPO = Path(__file__).resolve().parent.parent
POLICIES = REPO / "corpus" / "policies"
P, N, X = POSSIBLE, NEED_INFO, NOT_MET
TODAY = dt.date(2026, 1, 1)  # 清远 方案 in force (2025-02-01 … 2030-01-31)

QY = "广东省清远市"
XJ = "新疆维吾尔自治区"
GS = "甘肃省"
LN = "辽宁省"
# every economic flag explicitly "no": makes 经济困难 conditions 不符合 instead of 需补充信息
NOT_POOR = {"dibao": False, "dibao_edge": False, "poor": False, "tekun": False}
NOTHING_ELSE = {"alone": False, "disabled": False, "family_planning": False, "veteran": False, "rural": False}


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def statuses(rules, profile: Profile, today: dt.date = TODAY) -> dict[str, str]:
    return {o.rule.id: o.status for o in screen(profile, rules, today=today)}


# ------------------------------------------------------------------ the rules files


def test_every_rule_validates_and_ids_are_unique(rules) -> None:
    assert len(rules) >= 40
    assert len({r.id for r in rules}) == len(rules)
    by_file: dict[str, int] = {}
    places = load_lexicon().regions
    for r in rules:
        by_file[r.source_file] = by_file.get(r.source_file, 0) + 1
        assert r.region == "全国" or r.region in places, r.id
        assert r.title and r.article and r.benefit and r.quotes and r.status == "reviewed", r.id
        # an amount is the document's own words, or the fixed "not stated"
        assert r.amount == "文件未规定具体金额/标准,由当地确定" or not re.search(r"\d", r.amount) \
            or any(_squash(r.amount) in _squash(q) for q in r.quotes), r.id
    assert {"000.yaml", "002.yaml", "003.yaml", "004-gansu.yaml", "004-liaoning.yaml"} <= set(by_file)
    print("rules per file:", by_file)


def test_every_quote_is_verbatim_in_its_document(rules, seed_ingest) -> None:
    # the shipped corpus as ingested (web pages without their markup), as `load_rules` checks it at start
    from advisor.services.eligibility import documents_of

    docs = documents_of(seed_ingest.chunks)
    problems = []
    for r in rules:
        assert not r.doc.startswith("001_"), f"{r.id}: 001 is a partial reprint of 000, never cite it"
        text = _squash(docs[r.doc][0])
        for q in r.quotes:
            if _squash(q) not in text:
                problems.append(f"{r.source_file}: {r.id}: {q[:40]!r}")
    assert not problems, "\n".join(problems)
    assert len(load_rules(RULES_DIR, docs)) == len(rules)  # and every article label is one of its document's


def test_validity_quotes_are_verbatim(seed_ingest) -> None:
    import yaml

    from advisor.services.eligibility import documents_of

    docs = documents_of(seed_ingest.chunks)
    checked = 0
    for path in sorted(RULES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("validity_quote"):
            assert _squash(data["validity_quote"]) in _squash(docs[data["doc"]][0]), path.name
            checked += 1
    assert checked >= 5


def _write(tmp_path: Path, body: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / "bad.yaml").write_text(body, encoding="utf-8")
    return d


_HEAD = "doc: 003_e158a52334c50710.txt\ntitle: T\nregion: 广东省清远市\nrules:\n"


@pytest.mark.parametrize(
    ("rule_yaml", "message"),
    [
        ("  - {id: r1, name: n, article: a, benefit: b, quotes: [x], conditions: {flag: rich}}\n", "unknown flag"),
        ("  - {id: r1, name: n, article: a, benefit: b, quotes: []}\n", "quotes"),
        ("  - {id: r1, name: n, article: a, benefit: b, quotes: [x], amount: 每月发放200元}\n", "amount"),
        ("  - {id: r1, name: n, article: a, benefit: b, quotes: [x], conditions: {age_at_least: 65, flag: dibao}}\n",
         "exactly one"),
        ("  - {id: r1, name: n, article: a, benefit: b, quotes: [x], conditions: {disability_at_least: 很重}}\n",
         "disability_at_least"),
        ("  - {id: r1, name: n, article: a, benefit: b, quotes: [x]}\n"
         "  - {id: r1, name: n, article: a, benefit: b, quotes: [x]}\n", "already used"),
        ("  - {id: r1, name: n, benefit: b, quotes: [x]}\n", "article"),
    ],
)
def test_validation_errors_name_file_and_rule(tmp_path, rule_yaml, message) -> None:
    d = _write(tmp_path, _HEAD + rule_yaml)
    with pytest.raises(RuleError) as exc:
        load_rules(d)
    assert "bad.yaml" in str(exc.value) and "r1" in str(exc.value) and message in str(exc.value)


# ------------------------------------------------------------------ validity of the documents


def test_rules_of_a_document_not_yet_in_force_are_flagged(rules) -> None:
    # 003: "本实施方案自2025年2月1日起施行,有效期5年"
    outs = [o for o in screen(Profile(region=QY, age=70), rules, today=dt.date(2025, 1, 15)) if o.rule.doc.startswith("003")]
    assert outs and all(o.validity_flag and o.validity.startswith("尚未施行") for o in outs)
    national = [o for o in screen(Profile(region=QY, age=70), rules, today=dt.date(2025, 1, 15)) if o.rule.region == "全国"]
    assert national and not any(o.validity_flag for o in national)


def test_rules_of_an_expired_document_are_flagged_but_still_listed(rules) -> None:
    outs = [o for o in screen(Profile(region=QY, age=70), rules, today=dt.date(2030, 3, 1)) if o.rule.doc.startswith("003")]
    assert len(outs) == 16
    assert all(o.validity_flag and o.validity.startswith("已失效(有效期至2030-01-31)") for o in outs)
    ok = [o for o in screen(Profile(region=QY, age=70), rules, today=TODAY) if o.rule.doc.startswith("003")]
    assert not any(o.validity_flag for o in ok) and ok[0].validity.startswith("现行有效")


def test_fourteenth_five_year_plans_are_flagged_after_2025(rules) -> None:
    # 甘肃/辽宁 “十四五” 方案: targets "到 2025 年"; no stated validity. After the plan period: flagged.
    late = screen(Profile(region=GS, age=70), rules, today=dt.date(2026, 6, 1))
    assert all(o.validity_flag and "规划期已结束" in o.validity for o in late if o.rule.region == GS)
    early = screen(Profile(region=LN, age=70), rules, today=dt.date(2024, 6, 1))
    assert not any(o.validity_flag for o in early if o.rule.region == LN)


# ------------------------------------------------------------------ the colloquial → GB/T 42195-2022 mapping


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("我妈卧床不起", "重度失能"),
        ("我爸瘫痪在床好几年了", "重度失能"),
        ("老人生活不能自理", "中度失能"),
        ("我奶奶半失能", "轻度失能"),
        ("我妈失能了", "失能(程度待评估)"),
        ("我爸身体好,能自理", "能力完好"),
    ],
)
def test_colloquial_levels(text, level) -> None:
    assert extract_profile(text, load_lexicon()).disability == level
    word = next(w for w in sorted(COLLOQUIAL_LEVELS, key=len, reverse=True) if w in text)
    assert COLLOQUIAL_LEVELS[word] == level


def test_bedridden_counts_as_disabled_and_needs_assessment_for_exact_levels(tmp_path, rules) -> None:
    # "卧床不起" → 重度失能 (likely level): any-失能 conditions are met
    p = extract_profile("我妈82岁,清远的,卧床不起,是低保户", load_lexicon())
    assert p.disability == "重度失能" and p.region == QY and p.flags.get("dibao")
    s = statuses(rules, p)
    assert s["qy-zhaohu-peixun"] == P and s["nat-jiating-chuangwei"] == P
    # "失能(程度待评估)" counts as 失能, but an exact-level condition needs the 老年人能力评估
    d = _write(
        tmp_path,
        _HEAD + "  - {id: r1, name: n, article: a, benefit: b, quotes: [x], "
        "conditions: {disability_at_least: 中度失能}}\n"
        "  - {id: r2, name: n, article: a, benefit: b, quotes: [x], conditions: {disability: 失能}}\n",
    )
    synthetic = load_rules(d)
    outs = {o.rule.id: o for o in screen(Profile(region=QY, disability="失能(程度待评估)"), synthetic, today=TODAY)}
    assert outs["r1"].status == N and "老年人能力评估" in "".join(outs["r1"].missing + outs["r1"].notes)
    assert outs["r2"].status == P
    heavy = {o.rule.id: o.status for o in screen(Profile(region=QY, disability="重度失能"), synthetic, today=TODAY)}
    light = {o.rule.id: o.status for o in screen(Profile(region=QY, disability="轻度失能"), synthetic, today=TODAY)}
    assert heavy == {"r1": P, "r2": P} and light == {"r1": X, "r2": P}


# ------------------------------------------------------------------ profile cases, hand-derived

CASES: list[tuple[str, Profile, dict[str, str]]] = [
    # 1. 清远 第(六)条第11项 "优先保障城乡低保…家庭中的失能…老年人" and 第(一)条第1项 "低保…家庭中失能、高龄";
    #    第(二)条第2项 "65周岁及以上"; 第(四)条第8项 失能老年人家庭成员照护培训; national 第(六)条 "经济困难失能老年人".
    (
        "qy-82-bedridden-dibao",
        Profile(QY, 82, "重度失能", {"dibao": True}),
        {
            "qy-gongban-youxian": P,
            "qy-qingdan-youxian": P,
            "qy-jizhong-gongyang": N,  # 特困? not said
            "qy-nengli-pinggu": P,
            "qy-pinggu-shangmen": P,
            "qy-huli-butie": P,
            "qy-shangmen-zhongdian": P,
            "qy-zhaohu-peixun": P,
            "nat-doudi-jigou": P,
            "nat-huli-butie": P,
        },
    ),
    # 2. 特困 vs 低保 priority: "在满足特困人员集中供养需求基础上,优先保障城乡低保…" — a 特困 elder is the first
    #    category (集中供养), not the second (低保 etc.); 第28项 "符合相关条件的特困人员,可同时享受…高龄津贴等".
    (
        "qy-78-tekun-able",
        Profile(QY, 78, "能力完好", {**NOT_POOR, "tekun": True, **NOTHING_ELSE}),
        {
            "qy-jizhong-gongyang": P,
            "qy-gongban-youxian": X,
            "qy-tekun-tongshi": P,
            "qy-qingdan-youxian": P,  # "优先保障特困老年人"
            "qy-shineng-tekun-zhaohu": X,  # "以失能特困人员专业照护为主" — 能力完好
            "nat-doudi-jigou": P,  # "主要收住特困老年人"
        },
    ),
    # 3. 清远 第(二)条第2项 "65周岁及以上": 64 is below the assessment threshold
    (
        "qy-64-dibao-moderate",
        Profile(QY, 64, "中度失能", {"dibao": True}),
        {"qy-nengli-pinggu": X, "qy-pinggu-shangmen": X, "qy-gongban-youxian": P, "qy-zhaohu-peixun": P},
    ),
    # 4. exactly 65 → "65周岁及以上" met
    ("qy-65", Profile(QY, 65), {"qy-nengli-pinggu": P, "qy-gaoling-jintie": X}),
    # 5. age unknown → the 65周岁 threshold cannot be checked
    ("qy-age-unknown", Profile(QY, None, "能力完好"), {"qy-nengli-pinggu": N, "qy-zhaohu-peixun": X}),
    # 6. 70岁 低保, able, not alone/disabled: "失能、孤寡、残疾、高龄" — only 高龄 is open (no age line in the text)
    (
        "qy-70-dibao-able",
        Profile(QY, 70, "能力完好", {"dibao": True, **NOTHING_ELSE}),
        {"qy-gongban-youxian": N, "qy-huli-butie": N, "qy-gaoling-jintie": N},
    ),
    # 7. 68岁 低保, able, nothing else: not 失能/孤寡/残疾/高龄, not 计生特殊家庭/退役军人 → 不符合
    (
        "qy-68-dibao-able",
        Profile(QY, 68, "能力完好", {"dibao": True, "tekun": False, **NOTHING_ELSE}),
        {"qy-gongban-youxian": X, "qy-qingdan-youxian": X, "qy-huli-butie": X, "nat-doudi-jigou": X},
    ),
    # 8. "退役军人和其他优抚对象中的老年人" — no 经济困难 needed
    ("qy-75-veteran", Profile(QY, 75, "", {"veteran": True}), {"qy-gongban-youxian": P}),
    # 9. 第7项 "…以及计划生育特殊家庭、农村留守老年人" and 第11项 "…及计划生育特殊家庭老年人": family_planning alone is enough
    (
        "qy-72-family-planning",
        Profile(QY, 72, "", {"family_planning": True}),
        {"qy-shangmen-zhongdian": P, "qy-gongban-youxian": P},
    ),
    # 10. 80岁 低保 独居 able: 高龄 (80+) carries both 清远 priorities; national "孤寡老年人探访关爱" needs 孤寡 confirmed
    (
        "qy-80-dibao-alone",
        Profile(QY, 80, "能力完好", {"dibao": True, "alone": True}),
        {"qy-gongban-youxian": P, "qy-qingdan-youxian": P, "nat-tanfang-guagua": N, "qy-gaoling-jintie": P},
    ),
    # 11. 73岁 低保 独居: 第7项 lists "独居" (上门服务 met) but 第11项 says "孤寡" (needs confirming)
    (
        "qy-73-dibao-alone",
        Profile(QY, 73, "能力完好", {"dibao": True, "alone": True, "disabled": False}),
        {"qy-shangmen-zhongdian": P, "qy-gongban-youxian": N},
    ),
    # 12. 81岁, all economic flags "no": 高龄津贴 has no economic condition; 护理补贴 needs "经济困难"
    (
        "qy-81-not-poor",
        Profile(QY, 81, "能力完好", {**NOT_POOR}),
        {"qy-gaoling-jintie": P, "qy-huli-butie": X, "qy-changqi-zhaohu": X, "nat-doudi-jigou": X},
    ),
    # 13. 低保边缘 85 重度: "低保边缘…家庭中的失能…高龄老年人"
    (
        "qy-85-edge",
        Profile(QY, 85, "重度失能", {"dibao_edge": True}),
        {"qy-gongban-youxian": P, "qy-huli-butie": P, "qy-changqi-zhaohu": P},
    ),
    # 14. 支出型困难 67 失能: "支出型困难家庭中的失能…老年人"
    ("qy-67-poor-disabled", Profile(QY, 67, "失能(程度待评估)", {"poor": True}), {"qy-gongban-youxian": P, "qy-qingdan-youxian": P}),
    # 15. 农村 70: "农村留守老年人" — 留守 must be confirmed
    ("qy-70-rural", Profile(QY, 70, "", {"rural": True}), {"qy-shangmen-zhongdian": N, "nat-nongcun-tanfang": N}),
    # 16. "特殊困难老年人" is not defined in 003 → always needs local recognition
    ("qy-special-hardship", Profile(QY, 90, "完全失能", {"tekun": True}), {"qy-shilaohua": N, "qy-tanfang": N, "qy-shineng-tekun-zhaohu": P}),
    # 17. 能力完好 90: 失能-only benefits do not apply; 失能 OR 认知障碍 left open
    (
        "qy-90-able",
        Profile(QY, 90, "能力完好"),
        {"nat-jiating-chuangwei": X, "qy-zhaohu-peixun": X, "nat-jigou-shineng": N, "qy-pinggu-shangmen": P},
    ),
    # 18. 新疆 第(七)条 "经济困难失能失智老年人" vs national 第(六)条 "经济困难失能老年人": 失智 counts only in 新疆
    (
        "xj-80-dibao-dementia",
        Profile(XJ, 80, "", {"dibao": True, "dementia": True}),
        {"xj-doudi-jigou": P, "nat-doudi-jigou": N, "xj-renzhi-zhaohu": P, "xj-jigou-shineng": P},
    ),
    # 19. 新疆 第(五)条 "加强独居、留守、高龄、失能、残疾等特殊困难老年人探访关爱服务": 独居 is listed
    ("xj-66-alone", Profile(XJ, 66, "", {"alone": True}), {"xj-tanfang": P, "nat-tanfang-guagua": N}),
    # 20. 新疆 "兜底保障型养老机构主要收住特困老年人"
    ("xj-tekun", Profile(XJ, 75, "", {"tekun": True}), {"xj-doudi-jigou": P, "xj-youxian-baozhang": P}),
    # 21. 兜底保障型 vs 普惠支持型: not poor, able → 兜底 不符合, 普惠 "面向全体老年人开放" 可能符合
    (
        "xj-70-able-not-poor",
        Profile(XJ, 70, "能力完好", {**NOT_POOR, "dementia": False}),
        {
            "xj-doudi-jigou": X,
            "xj-puhui-jigou": P,
            "nat-doudi-jigou": X,
            "nat-puhui-jigou": P,
            "xj-huli-butie": X,
            "xj-youxian-baozhang": X,
            "xj-zhaohu-peixun": X,
            "xj-renzhi-zhaohu": X,
        },
    ),
    # 22. 新疆 第(四)条 "对符合条件的失能老年人家庭成员按规定给予职业培训补贴"; 第(六)条 失能老年人照护单元
    ("xj-disabled", Profile(XJ, 77, "重度失能"), {"xj-zhaohu-peixun": P, "xj-jigou-shineng": P, "xj-huli-butie": N}),
    # 23. a city of 新疆 inherits the 自治区 rules (lexicon parent chain)
    ("xj-urumqi", Profile("新疆维吾尔自治区乌鲁木齐市", 82, "", {"dibao": True}), {"xj-youxian-baozhang": P, "xj-huli-butie": P}),
    # 24. 甘肃 第9项 "为经济困难的失能失智、高龄、计划生育特殊家庭老年人提供托养服务"
    ("gs-82-dibao", Profile(GS, 82, "能力完好", {"dibao": True}), {"gs-gongban-tuoyang": P}),
    # 25. 甘肃: "经济困难的" also qualifies 计划生育特殊家庭 — not poor → 不符合 (contrast case 9 in 清远)
    (
        "gs-70-family-planning-not-poor",
        Profile(GS, 70, "能力完好", {**NOT_POOR, "family_planning": True}),
        {"gs-gongban-tuoyang": X},
    ),
    # 26. 甘肃 "县级行政区域失能特困老年人服务能力全覆盖"; 第7项 "失能失智老年人家庭成员照护培训"
    (
        "gs-tekun-disabled",
        Profile(GS, 76, "中度失能", {"tekun": True}),
        {"gs-shineng-tekun": P, "gs-zhaohu-peixun": P, "nat-doudi-jigou": P, "gs-gongban-tuoyang": P},
    ),
    # 27. 辽宁 "失能失智老年人家庭照护者“喘息服务”"; 机构补贴 needs "经济困难"
    ("ln-dementia", Profile(LN, 79, "", {"dementia": True}), {"ln-chuanxi-fuwu": P, "ln-jigou-jieshou": N}),
    # 28. 辽宁 "对符合条件的困难老年人家庭实施适老化改造"
    (
        "ln-72-dibao-able",
        Profile(LN, 72, "能力完好", {"dibao": True}),
        {"ln-shilaohua": P, "ln-jigou-jieshou": N, "ln-chuanxi-fuwu": N},
    ),
    # 29. 辽宁 "以失能、半失能老人照护为主的照护型特困服务机构": 半失能 (轻度) counts
    ("ln-tekun-light", Profile(LN, 70, "轻度失能", {"tekun": True}), {"ln-tekun-zhaohu": P, "ln-chuanxi-fuwu": P}),
    # 30. 辽宁 not poor, able: 困难家庭适老化改造 不符合, 家庭养老床位 (no condition stated) 可能符合
    (
        "ln-not-poor",
        Profile(LN, 66, "能力完好", {**NOT_POOR, "dementia": False}),
        {"ln-shilaohua": X, "ln-jiating-chuangwei": P, "ln-chuanxi-fuwu": X, "ln-tekun-zhaohu": X},
    ),
    # 31. no region: national rules only
    ("national-82-dibao", Profile("", 82, "重度失能", {"dibao": True}), {"nat-doudi-jigou": P, "nat-huli-butie": P, "nat-jiating-chuangwei": P}),
    # 32. national 第(八)条 "农村留守、高龄、失能、残疾等老年人探访关爱" — 农村 + 失能
    ("national-rural-disabled", Profile("", 70, "中度失能", {"rural": True}), {"nat-nongcun-tanfang": P}),
    # 33. national: not rural → the 农村 clause does not apply
    ("national-urban", Profile("", 85, "重度失能", {"rural": False}), {"nat-nongcun-tanfang": X, "nat-jigou-shineng": P}),
    # 34. 62岁 低保 able, not 特困: 第1项 "优先保障特困老年人及低保…家庭中失能、高龄、无人照顾" → 不符合
    (
        "qy-62-dibao-able-not-tekun",
        Profile(QY, 62, "能力完好", {"dibao": True, "tekun": False, **NOTHING_ELSE}),
        {"qy-qingdan-youxian": X, "qy-nengli-pinggu": X},
    ),
]


@pytest.mark.parametrize(("case", "profile", "expected"), CASES, ids=[c[0] for c in CASES])
def test_profile_cases(rules, case, profile, expected) -> None:
    got = statuses(rules, profile)
    wrong = {rid: (want, got.get(rid)) for rid, want in expected.items() if got.get(rid) != want}
    assert not wrong, f"{case}: (expected, got) {wrong}"


def test_case_coverage() -> None:
    regions = {c[1].region or "全国" for c in CASES}
    assert len(CASES) >= 30
    assert {"全国", QY, XJ, GS, LN} <= regions | {"全国"}
    assert {s for c in CASES for s in c[2].values()} == {P, N, X}


def test_region_scope(rules) -> None:
    xj = screen(Profile(XJ, 80), rules, today=TODAY)
    assert {o.rule.region for o in xj} == {"全国", XJ}
    none = screen(Profile("", 80), rules, today=TODAY)
    assert {o.rule.region for o in none} == {"全国"} and all(o.region_missing for o in none)
    henan = screen(Profile("河南省", 80), rules, today=TODAY)  # a region with no local rules
    assert {o.rule.region for o in henan} == {"全国"} and not any(o.region_missing for o in henan)
    qy = screen(Profile(QY, 80), rules, today=TODAY)
    assert qy[0].rule.region == QY  # local rules first


def test_need_info_names_the_missing_fields_in_chinese(rules) -> None:
    outs = {o.rule.id: o for o in screen(Profile(QY, None, "", {}), rules, today=TODAY)}
    assert "年龄" in outs["qy-nengli-pinggu"].missing
    assert "失能程度" in outs["qy-zhaohu-peixun"].missing
    assert any("经济状况" in m for m in outs["qy-huli-butie"].missing)
    assert outs["qy-shilaohua"].missing == ["是否属于当地认定的特殊困难老年人"]
    for o in outs.values():
        assert all(re.search(r"[\u4e00-\u9fff]", m) for m in o.missing)


# ------------------------------------------------------------------ answers and checklist

_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:元|万元|块)|[¥￥]\s*\d|元\s*/\s*[月年人]")


@pytest.mark.parametrize(("case", "profile", "expected"), CASES, ids=[c[0] for c in CASES])
def test_no_amount_in_any_output(rules, case, profile, expected) -> None:
    outs = screen(profile, rules, today=TODAY)
    ans = answer_eligibility(profile, outs)
    sheet = checklist_markdown(profile, outs)
    for text in (ans.text, sheet, *(c.text for c in ans.citations)):
        assert not _AMOUNT.search(text), _AMOUNT.search(text)
    assert "由当地确定" in ans.text


def test_answer_lists_matches_first_then_asks_and_ends_with_the_notice(rules) -> None:
    p = Profile(QY, 82, "重度失能", {"dibao": True})
    ans = answer_eligibility(p, screen(p, rules, today=TODAY))
    assert ans.kind == "eligibility" and ans.refused is False and ans.region == QY
    t = ans.text
    assert t.index("可能符合") < t.index("还需要补充信息")
    assert "公办养老机构优先入住" in t and "优先保障" in t and "家庭养老床位" in t
    assert t.rstrip().endswith("以当地民政部门(及相关部门)的审核认定为准。")
    assert "民政部门" in t.splitlines()[-1]
    # every [n] in the text is a citation with a verbatim quote
    ns = {int(n) for n in re.findall(r"\[(\d+)\]", t)}
    assert ns == {c.n for c in ans.citations}
    for c in ans.citations:
        assert c.title and c.article and c.validity and c.region
        assert _squash(c.text) in _squash((POLICIES / c.doc).read_text(encoding="utf-8"))
        assert not c.doc.startswith("001_")


def test_answer_without_region_asks_for_it(rules) -> None:
    p = Profile("", 82, "重度失能", {"dibao": True})
    ans = answer_eligibility(p, screen(p, rules, today=TODAY))
    assert "哪个地区" in ans.text and "全国性文件" in ans.text
    assert {c.region for c in ans.citations} == {"全国"}


def test_answer_flags_a_document_out_of_force(rules) -> None:
    p = Profile(QY, 82, "重度失能", {"dibao": True})
    ans = answer_eligibility(p, screen(p, rules, today=dt.date(2025, 1, 10)))
    assert "尚未施行" in ans.text


def test_checklist_is_printable_markdown(rules) -> None:
    p = Profile(QY, 73, "能力完好", {"dibao": True, "alone": True})
    md = checklist_markdown(p, screen(p, rules, today=TODAY))
    assert md.startswith("# 养老服务资格初筛清单")
    assert "- [ ] **公办养老机构优先入住**" in md
    assert "## 可能符合" in md and "## 需补充信息" in md
    assert "原文:“优先保障城乡低保" in md and "文件效力:现行有效" in md
    assert "民政部门" in md.splitlines()[-1]


# ------------------------------------------------------------------ routing


@pytest.mark.parametrize(
    "text",
    [
        "我妈82岁,清远的,失能,低保户,能享受什么?",
        "我爸这种情况有什么待遇?",
        "我妈符合什么条件?",
        "我奶奶85岁瘫痪在床,住在新疆,有什么补贴吗",
        "我爸是低保户,70岁,可以申请什么服务?",
        "家里老人失能了,能领什么补贴",
    ],
)
def test_eligibility_questions(text) -> None:
    assert is_eligibility_question(text)


def test_open_question_without_a_person_routes_only_with_context() -> None:
    assert not is_eligibility_question("能申请哪些补贴")  # a policy look-up on its own
    assert is_eligibility_question("能申请哪些补贴", context="老人")  # the conversation knows the elder
    assert not is_eligibility_question("我妈78岁,是清远的特困人员,能住公办养老院吗?")  # yes/no: the clause answers
    assert not is_eligibility_question("外商投资国内养老服务产业享受什么待遇?")


@pytest.mark.parametrize(
    "text",
    [
        "兜底保障型养老机构收住哪些人",
        "清远的公办养老机构优先保障哪些老年人入住?",
        "家庭养老床位是什么",
        "老年人能力评估结果在哪里互认?",
        "辽宁的家庭养老床位政策是什么",
        "清远方案什么时候施行?",
        "",
    ],
)
def test_policy_questions_are_not_eligibility(text) -> None:
    assert not is_eligibility_question(text)


# ------------------------------------------------------------------ speed (printed, not asserted)


def test_speed_is_printed(rules) -> None:
    p = Profile(QY, 82, "重度失能", {"dibao": True})
    t0 = time.perf_counter()
    for _ in range(100):
        screen(p, rules, today=TODAY)
    ms = (time.perf_counter() - t0) * 1000 / 100
    print(f"screen() over {len(rules)} rules: {ms:.3f} ms average (100 runs)")


# ------------------------------------------------------------------ the eval subset


def test_eval_subset_routes_to_the_engine_and_points_come_from_evidence(rules) -> None:
    import json

    path = REPO / "evals" / "sets" / "eligibility.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert 15 <= len(items) <= 60
    lex = load_lexicon()
    coverage = []
    for item in items:
        question = item["turns"][-1]
        evidence = _squash("".join(e["quote"] for e in item["evidence"]))
        for point in item["answer_points"]:
            assert any(_squash(alt) in evidence for alt in point), (item["id"], point)
        p = extract_profile(question, lex)
        text = _squash(answer_eligibility(p, screen(p, rules, today=TODAY)).text)
        assert not any(_squash(m) in text for m in item["must_not"]), item["id"]
        coverage.append(sum(any(_squash(a) in text for a in pt) for pt in item["answer_points"]) / len(item["answer_points"]))
    print(f"engine answer-point coverage on eligibility.jsonl: {sum(coverage) / len(coverage):.3f} ({len(items)} items)")


def test_outcomes_serialise_for_the_web_page(rules) -> None:
    import json

    p = Profile(QY, 82, "重度失能", {"dibao": True})
    rows = [o.as_dict() for o in screen(p, rules, today=TODAY)]
    assert json.loads(json.dumps(rows, ensure_ascii=False))[0]["status"] in (P, N, X)
    assert {"rule_id", "status", "missing", "checks", "quotes", "validity", "next_step"} <= set(rows[0])


def test_a_province_does_not_get_its_cities_rules(rules) -> None:
    # 清远 rules bind 清远 only; a profile that only says 广东 gets national rules
    assert {o.rule.region for o in screen(Profile("广东省", 80), rules, today=TODAY)} == {"全国"}
