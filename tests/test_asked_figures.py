"""The figure a question asks for, over one notice written for this test (real model, real index): the row of a
table its introducing sentence explains, the ceiling asked for ("最多"), and a time or a length of time the notice
does not state, which is said plainly instead of quoting another figure (issue 15, item 1)."""

from __future__ import annotations

import re

import pytest

NOTICE = """# 某县老年助餐服务实施细则

某县民政局 2024年3月1日

## 一、补贴标准

（一）助餐点午餐基准餐标为每餐10元，按照下表给予补贴，补贴部分由县财政直接结算给助餐点：

| 补贴对象 | 每餐补贴（元） | 个人支付（元） |
| --- | --- | --- |
| 特困供养老年人 | 10 | 0 |
| 80周岁以上老年人 | 4 | 6 |
| 其他60周岁以上老年人 | 2 | 8 |

（二）利用现有场所改建社区老年食堂的，经验收合格的，给予一次性建设补助3万元。

## 二、运营补贴

（一）按照助餐点实际服务老年人就餐人次给予运营补贴，每人次1元。

（二）单个助餐点年度运营补贴最高不超过5万元。

## 三、申请

老年人本人或其家属持身份证、户口簿向户籍所在地村（居）民委员会提出申请，由县民政局统一制发助餐卡。

助餐点建设和运营补贴资金由县财政和乡镇按比例分担。
"""


@pytest.fixture(scope="module")
def conv_factory(tmp_path_factory, embedder):
    from conftest import advisor_on

    return advisor_on(tmp_path_factory.mktemp("figures"), {"某县老年助餐服务实施细则.md": NOTICE}, embedder).conversation


def _conclusion(text: str) -> str:
    return next((line for line in text.splitlines() if line.startswith("结论")), "")


def test_what_the_elder_pays_is_the_row_of_the_table_the_notice_introduces(conv_factory):
    ans = conv_factory().ask("俺娘82了 去社区老年食堂吃顿午饭 自己要掏几块钱")
    said = _conclusion(ans.text)
    assert "80周岁以上" in said and re.search(r"个人支付[^;；]*6", said), ans.text
    assert "3万元" not in said  # the canteen's building grant is not what a family pays


def test_a_ceiling_asked_is_answered_by_the_ceiling(conv_factory):
    ans = conv_factory().ask("单个助餐点一年运营补贴最多能补多少")
    assert "5万元" in _conclusion(ans.text), ans.text


@pytest.mark.parametrize("question", [
    "助餐卡申请交上去以后，县民政局多少个工作日内必须办好？",  # a length of time the notice never sets
    "老年人助餐补贴每年几月份去村委会申请？",  # a time of year it never names
])
def test_a_time_the_notice_does_not_state_is_said_to_be_missing(conv_factory, question):
    ans = conv_factory().ask(question)
    assert ans.refused and "没有写明" in ans.text, ans.text
    assert not _conclusion(ans.text)


@pytest.mark.parametrize("question,missing", [
    ("助餐卡办下来能用几年 要不要年年拿去审", "能用多久"),  # how long the card lasts: the notice never says
    ("老年食堂的补贴县里和乡镇各按什么比例分担？", "没有写明"),  # the word 比例 alone is no share
])
def test_a_term_or_a_share_the_notice_does_not_state_is_said_to_be_missing(conv_factory, question, missing):
    ans = conv_factory().ask(question)
    assert ans.refused and missing in ans.text.splitlines()[0], ans.text
    assert not _conclusion(ans.text)
