"""The elder's profile, filled from what the user says: region, age, care needs, economic status, family."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from advisor.answer.groups import GROUPS
from advisor.answer.templates import NO_PROFILE
from advisor.ingest.numerals import cn_to_number
from advisor.lexicon import Lexicon, find_regions, place_matches

# GB/T 42195-2022 老年人能力评估 levels; colloquial descriptions map to a likely level that needs assessment
DISABILITY_LEVELS = ("能力完好", "轻度失能", "中度失能", "重度失能", "完全失能")
_DISABILITY_WORDS: list[tuple[str, str]] = [
    ("完全失能", "完全失能"),
    ("重度失能", "重度失能"),
    ("中度失能", "中度失能"),
    ("轻度失能", "轻度失能"),
    ("卧床不起", "重度失能"),
    ("瘫痪在床", "重度失能"),
    ("瘫在床上", "重度失能"),
    ("瘫痪", "重度失能"),
    ("瘫了", "重度失能"),
    ("半身不遂", "重度失能"),
    ("一直躺在床上", "重度失能"),
    ("躺床上了", "重度失能"),
    ("下不了床", "重度失能"),
    ("卧床", "重度失能"),
    ("不能自理", "中度失能"),
    ("生活不能自理", "中度失能"),
    ("半失能", "轻度失能"),
    ("失能", "失能(程度待评估)"),
    ("行动不便", "轻度失能"),
    ("出不了门", "轻度失能"),
    ("走不动", "轻度失能"),
    ("腿脚不便", "轻度失能"),
    ("能自理", "能力完好"),
    ("身体好", "能力完好"),
]
_FLAGS: dict[str, tuple[str, ...]] = {
    "dementia": ("失智", "痴呆", "认知障碍", "阿尔茨海默", "糊涂了"),
    **{flag: words for _name, flag, words in GROUPS},  # 低保, 低保边缘, 特困, 计划生育特殊家庭: as documents list them
    "poor": ("经济困难", "困难家庭", "生活困难", "支出型困难", "没钱"),
    "alone": ("独居", "一个人住", "独自居住", "空巢", "孤寡"),
    "veteran": ("退役军人", "优抚对象", "烈属", "军属", "当过兵", "退伍"),
    "disabled": ("残疾", "残疾证"),
    "rural": ("农村", "村里", "乡下", "留守"),
}
# illnesses a family names to describe the elder: facts about the elder, not topics (the profile does not
# grade them; an assessment does)
ILLNESS_WORDS = ("中风", "偏瘫", "脑梗", "脑溢血", "脑出血", "重病", "大病", "癌症", "骨折", "帕金森", "高血压", "糖尿病")
# every phrase read as a fact about the elder (a message made of these asks about the elder, not a topic)
PROFILE_PHRASES: frozenset[str] = frozenset(
    [w for w, _level in _DISABILITY_WORDS] + [w for words in _FLAGS.values() for w in words] + list(ILLNESS_WORDS)
)
FIELD_LABELS = {
    "region": "地区",
    "age": "年龄",
    "disability": "失能程度",
    "dementia": "失智/认知障碍",
    "dibao": "低保",
    "dibao_edge": "低保边缘",
    "tekun": "特困人员",
    "poor": "经济困难",
    "alone": "独居/空巢",
    "family_planning": "计划生育特殊家庭",
    "veteran": "退役军人/优抚对象",
    "disabled": "残疾",
    "rural": "农村",
}


@dataclass
class Profile:
    """What is known about the elder; None/"" means unknown."""

    region: str = ""
    age: int | None = None
    disability: str = ""
    flags: dict[str, bool] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain dict (for JSON, the web page and the CLI)."""
        return asdict(self)

    def describe(self) -> str:
        """One line in Chinese, e.g. 地区:广东省清远市;年龄:82;失能程度:重度失能;低保:是."""
        parts = []
        if self.region:
            parts.append(f"地区:{self.region}")
        if self.age is not None:
            parts.append(f"年龄:{self.age}岁")
        if self.disability:
            parts.append(f"失能程度:{self.disability}")
        for k, v in self.flags.items():
            if v:
                parts.append(FIELD_LABELS.get(k, k))
        return ";".join(parts) if parts else NO_PROFILE

    def update(self, other: Profile) -> None:
        """Take every field `other` knows."""
        if other.region:
            self.region = other.region
        if other.age is not None:
            self.age = other.age
        if other.disability and not (
            other.disability.startswith("失能(") and self.disability and self.disability not in ("能力完好",)
        ):
            self.disability = other.disability
        self.flags.update({k: v for k, v in other.flags.items() if v})


# a place where the asker (not the elder) spends the day: "在南昌上班", "在深圳打工"
_AWAY = re.compile(r"(?:^|[，,。\s])(?:我|我们|我和[^，,。]{1,4}|俺|俺们)(?:也|都|现在|平时|一直|常年)?在([^，,。\s]{2,10}?)"
                   r"(?:上班|工作|打工|上学|读书|念书|出差)")  # not "我爸在南昌工作": the elder
# not an age band the asker quotes ("听说70岁以上就有", "80到89岁的"): a rule, not the elder's age
_AGE = re.compile(r"([0-9]{2,3}|[一二三四五六七八九十两百零]{2,5}|(?<![一二三四五六七八九十两])百(?=岁))\s*(?:周岁|岁|了|多岁|高龄)"
                  r"(?!\s*(?:（含）)?\s*(?:及|或)?(?:以上|以下|以内|至|到|-|－|~))")
# "我爸79 清远的", "老母亲八十五,…", "我妈刚满62": an elder named, then a bare number that can only be an age
# the words a family calls its elder by: they say who, not what about
ELDER_WORDS = ("我爸", "我妈", "爸爸", "妈妈", "父亲", "母亲", "老母亲", "老父亲", "老爸", "老妈", "奶奶", "爷爷", "外婆",
               "外公", "姥姥", "姥爷", "婆婆", "公公", "岳父", "岳母", "老伴", "老爷子", "老太太", "俺爹", "俺娘", "俺妈",
               "俺爸", "我奶奶", "我爷爷", "我外婆", "我外公", "我婆婆", "我公公")
_ELDER_THEN_AGE = re.compile(f"(?:{'|'.join(sorted(ELDER_WORDS, key=len, reverse=True))})"
                             r"(?:今年|已经|刚满|刚刚满|刚|满|都)?\s*([0-9]{2,3}|[一二三四五六七八九十百零]{2,5})(?![0-9年月日号元块万%])")


AGES = range(50, 121)  # a number read as an elder's age (years and counts fall outside)


def age_phrases(text: str) -> list[str]:
    """The words in which `text` states an age in Chinese numerals ("一百岁", "八十五了"): they say how old, which the
    age bands of an answer weigh, not what is asked about."""
    return [m.group(0) for m in _AGE.finditer(text)
            if not m.group(1).isdigit() and cn_to_number(m.group(1)) in AGES]


def extract_age(text: str) -> int | None:
    """Age stated in plain words: 82岁, 八十二了, 82周岁, 我爸79 (50–120 only, so years and counts are not
    ages)."""
    for m in (*_AGE.finditer(text), *_ELDER_THEN_AGE.finditer(text)):
        n = cn_to_number(m.group(1))
        if n in AGES and (m.re is _AGE or n < 110):  # a bare 110/120 is a phone number
            return n
    return None


def extract_profile(text: str, lex: Lexicon) -> Profile:
    """A profile of what this one message says."""
    p = Profile()
    regions = find_regions(text, lex)
    # "我在南昌上班，老家在鹰潭": where the asker works or studies is not where the elder lives, when both are named
    elsewhere = {r for r in regions for m in re.finditer(_AWAY, text) if r in find_regions(m.group(1), lex)}
    # "从新乡一所大学毕业了…想回老家漯河": a place someone came from is not where the elder is, when both are named
    elsewhere |= {r for start, _alias, r in place_matches(text, lex) if text[start - 1 : start] == "从"
                  and any(r.startswith(x) or x.startswith(r) for x in regions)}
    regions = [r for r in regions if r not in elsewhere] or regions
    if regions:
        p.region = regions[0]
    p.age = extract_age(text)
    for word, level in _DISABILITY_WORDS:
        if word in text and not re.search(f"(不|没有|没)[是]?{word}", text):
            p.disability = level
            break
    for flag, words in _FLAGS.items():
        if any(w in text for w in words):
            p.flags[flag] = True
    if p.flags.get("dibao_edge"):
        p.flags.pop("dibao", None)
    return p
