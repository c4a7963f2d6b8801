"""The groups of elders documents enumerate when they grant something (低保, 低保边缘, 特困, 计划生育特殊家庭), the
degrees of disability and the kinds of facility a subsidy is for, as data defined once, and whether a clause names
the asker's."""

from __future__ import annotations

import re

# each group, with the words documents and families write it in, and the elder's profile flag it sets
# (advisor.profile reads these words too); a narrower group's words come first, so that 低保 inside 低保边缘 is not
# read as 低保
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("低保边缘家庭", "dibao_edge", ("低保边缘", "最低生活保障边缘")),
    ("低保家庭", "dibao", ("低保", "最低生活保障")),
    ("特困人员", "tekun", ("特困", "五保", "分散供养", "集中供养")),
    ("计划生育特殊家庭", "family_planning", ("计划生育特殊家庭", "失独", "独生子女伤残", "独生子女死亡")),
)
MIN_LISTED = 2  # a clause naming this many groups enumerates whom it is for


_WRITTEN = tuple((name, re.compile("|".join(map(re.escape, words)))) for name, _flag, words in GROUPS)


def groups_in(text: str) -> list[str]:
    """The groups `text` names, each once, in GROUPS order (低保 counted only outside 低保边缘)."""
    out: list[str] = []
    rest = text
    for name, pattern in _WRITTEN:
        if pattern.search(rest):
            out.append(name)
            rest = pattern.sub(" ", rest)
    return out


NOT_OF_GROUP = re.compile(r"(?:不是|不属于|不算|并非|没有|没吃|没评上|非)(?:" + "|".join(
    re.escape(w) for _name, _flag, words in GROUPS for w in words) + ")")  # "不是低保": no group of the elder's


def asked_group(text: str) -> str:
    """The one group a question says the elder belongs to ("家里是低保边缘户"), or "" (none, several, or one
    the question says the elder is not: "不是低保")."""
    named = groups_in(NOT_OF_GROUP.sub(" ", text))
    return named[0] if len(named) == 1 else ""


def group_of(flags: dict[str, bool]) -> str:
    """The group an elder's profile flags say the elder belongs to (the first in GROUPS order), or ""."""
    return next((name for name, flag, _words in GROUPS if flags.get(flag)), "")


def group_words(group: str) -> tuple[str, ...]:
    """The words documents write a group in ("低保", "最低生活保障" for 低保家庭)."""
    return next((words for name, _flag, words in GROUPS if name == group), ())


# the elders a clause sets apart from every group ("普通老年人保费由个人承担", "其他老年人…"): not an elder of a group
ORDINARY = re.compile(r"(?:普通|其他|一般|其余)老年人")


def leaves_out(clause: str, group: str) -> bool:
    """Whether `clause` enumerates the groups it grants to (MIN_LISTED or more) and `group` is not among them."""
    named = groups_in(clause)
    return len(named) >= MIN_LISTED and group not in named


# ways one group is provided for, each excluding the other: a standard set for one does not answer the other
# ("分散供养的…多少倍" is not answered by "集中供养特困人员的基本生活标准，按照…1.3倍确定")
# (each with the words that name who is provided for so: "分散供养的特困人员")
CONTRASTS: tuple[tuple[tuple[str, ...], str], ...] = ((("集中供养", "分散供养"), "的特困人员"),)


def contrasted(question: str, clause: str) -> tuple[str, str] | None:
    """The way the question names and who is provided for so, when `clause` names only another way of their
    contrast (("分散供养", "分散供养的特困人员") for a clause on 集中供养), else None."""
    for ways, who in CONTRASTS:
        asked = [w for w in ways if w in question]
        said = [w for w in ways if w in clause]
        if len(asked) == 1 and said and asked[0] not in said:
            return asked[0], asked[0] + who
    return None


# the degrees of disability an assessment gives, mildest first; "中度以上" covers the ones after it
DEGREES: tuple[str, ...] = ("轻度失能", "中度失能", "重度失能", "完全失能")
_DEGREE = re.compile(r"(轻度|中度|重度|完全)(?:失能)?(?:(以上|及以上))?")


def degrees_in(text: str) -> set[str]:
    """The degrees of disability `text` speaks of ("中度以上失能" → 中度, 重度, 完全失能)."""
    out: set[str] = set()
    for m in _DEGREE.finditer(text):
        at = next(i for i, d in enumerate(DEGREES) if d.startswith(m.group(1)))
        out.update(DEGREES[at:] if m.group(2) else DEGREES[at : at + 1])
    return out


def asked_degree(text: str) -> str:
    """The one degree of disability a question says the elder was assessed at ("评的是中度失能"), or ""."""
    named = degrees_in(text)
    return next(iter(named)) if len(named) == 1 else ""


# the star grades a facility is rated at ("三星级", "4星"): a sum for one grade does not answer another
_GRADE = re.compile(r"([一二三四五六七八九十1-9])\s*星(?:级)?")


# …and the levels a facility is rated at ("三级、四级、五级养老机构", "二级养老机构", "三级10万元，四级20万元", "一级：床位数
# 不少于20张"), not "二级以上医院"
_LEVEL = re.compile(r"(?<![\d一二三四五六七八九十第])([一二三四五1-5])\s*级(?=\s*(?:养老机构|机构|、|和|或|及|至|到|[:：]|\d))")
# …and a level a facility is rated at, said so ("评上二级的话", "评定为三级")
_RATED_LEVEL = re.compile(r"(?:评上|评为|评定为|评了|评到|升到|晋升为?)\s*([一二三四五1-5])\s*级(?!以上|及以上)")


def grades_in(text: str) -> set[str]:
    """The star grades `text` names, as "X星级" with a Chinese numeral ("3星" → 三星级), and the levels ("三级")."""
    digits = dict(zip("123456789", "一二三四五六七八九", strict=True))
    return {digits.get(m.group(1), m.group(1)) + "星级" for m in _GRADE.finditer(text)} | \
        {digits.get(m.group(1), m.group(1)) + "级" for pattern in (_LEVEL, _RATED_LEVEL) for m in pattern.finditer(text)}


def asked_grade(text: str) -> str:
    """The one star grade a question asks of ("要是评上四星级 一年补多少"), or ""."""
    named = grades_in(text)
    return next(iter(named)) if len(named) == 1 else ""


# the kinds of facility a 建设/运营 subsidy is for, with the words documents and families write them in
FACILITIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("家庭养老床位", ("家庭养老床位", "家庭照护床位", "家庭养老照护床位", "家庭床位")),
    ("养老机构", ("养老院", "养老机构", "敬老院", "福利院", "老人院", "护理院", "养护院")),
    ("老年助餐点", ("老年食堂", "助餐点", "长者饭堂", "老年餐桌", "社区食堂")),
    ("日间照料中心", ("日间照料",)),
    ("养老服务站", ("养老服务站", "养老服务驿站", "养老驿站")),
    ("养老服务中心", ("养老服务中心",)),
)
_FACILITY = tuple((name, re.compile("|".join(map(re.escape, words)))) for name, words in FACILITIES)
# a subsidy for a facility ("建设补贴", "运营补助", "每张床位给多少"), not for the elder who uses it
FOR_FACILITY = re.compile(r"(?:建设|运营|新建|改建|床位)[^。？?]{0,12}(?:补贴|补助|奖补|资助)|(?:每张|按)床位")


def facilities_in(text: str) -> list[str]:
    """The kinds of facility `text` names, each once, in FACILITIES order."""
    return [name for name, pattern in _FACILITY if pattern.search(text)]


def asked_facilities(text: str) -> list[str]:
    """The kinds of facility a question asks a 建设/运营 subsidy of ("新建一个养老院…建设补贴"; "日间照料中心、村居养老
    服务站有没有运营补贴" names two), or []."""
    return facilities_in(text) if FOR_FACILITY.search(text) else []


# the ranks a care worker's subsidy (入职奖补, 岗位津贴) is graded by, each family lowest first, each rank with the
# words documents and families write it in; "专科及以上" covers the ranks after it. A sum for one rank does not answer
# another ("研究生…入职奖励是多少" of a clause graded 本科 / 专科 / 中职)
RANKS: tuple[tuple[str, str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    # (family, what a rank is called after its name, ranks)
    ("学历", "学历", (
        ("中专", ("中专", "中职", "中等职业", "技工学校", "技校", "职高")),
        ("专科", ("专科", "大专", "高职")),
        ("本科", ("本科",)),
        ("研究生", ("研究生", "硕士", "博士")),
    )),
    # 职业技能等级 of a 养老护理员 (国家职业技能标准: 初级工, 中级工, 高级工, 技师, 高级技师)
    ("职业技能等级", "", (
        ("初级", ("初级",)),
        ("中级", ("中级",)),
        ("高级", ("高级(?!技师)",)),
        ("技师", ("(?<!高级)技师",)),
        ("高级技师", ("高级技师",)),
    )),
)
_REGEX_WORD = re.compile(r"[()?<!]")  # a rank's word written as a pattern ("高级(?!技师)"), not a plain word
_RANK_PATTERNS = tuple(
    tuple(re.compile(f"(?:{'|'.join(w if _REGEX_WORD.search(w) else re.escape(w) for w in words)})"
                     r"(?:学历|工|证书?)?(及以上|以上)?") for _name, words in ranks)
    for _family, _suffix, ranks in RANKS)


def ranks_in(text: str, family: str) -> set[str]:
    """The ranks of `family` (学历, 职业技能等级) `text` names ("本科及以上学历" → 本科, 研究生)."""
    at_family = next(i for i, (name, _s, _r) in enumerate(RANKS) if name == family)
    ranks = RANKS[at_family][2]
    out: set[str] = set()
    for at, pattern in enumerate(_RANK_PATTERNS[at_family]):
        for m in pattern.finditer(text):
            out.update(name for name, _w in (ranks[at:] if m.group(1) else ranks[at : at + 1]))
    return out


def asked_ranks(text: str) -> list[tuple[str, str, str]]:
    """Each family of which a question names one rank, as (family, rank, the rank as said: "研究生学历"):
    "我孙子中专毕业…中专能拿多少" → [("学历", "中专", "中专学历")]; "本科和专科分别多少" names two, so none."""
    out: list[tuple[str, str, str]] = []
    for family, suffix, _ranks in RANKS:
        named = ranks_in(text, family)
        if len(named) == 1:
            rank = next(iter(named))
            out.append((family, rank, rank + suffix))
    return out
