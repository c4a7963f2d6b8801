"""A news report asked "补多少钱" in a family's words: the story may match a resident's words best, but the sum the
report gives is what answers (real model, real index, one report written for this test; issue 15, item 1)."""

from __future__ import annotations

import re

import pytest

REPORT = """# 我县出台老年人居家适老化改造补贴政策

来源：某县融媒体中心　发布时间：2024-05-10

近日，县民政局出台居家适老化改造补贴政策。家住城关镇的李大爷今年78岁，老伴腿脚不便。他说，家里厕所是蹲坑，老伴上厕所很不方便，这次想申请改成坐便并装上扶手。

县民政局负责人介绍，低保和低保边缘家庭中的失能老年人家庭，每户补贴最高5000元；其他失能老年人家庭按实际改造费用的50%给予补助，每户最高不超过3000元。

改造以卫生间和卧室为重点，包括安装扶手、铺设防滑地面、配置淋浴椅等。符合条件的老年人可向所在村（社区）提出申请。
"""


@pytest.fixture(scope="module")
def conversation(tmp_path_factory, embedder):
    from conftest import advisor_on

    name = "我县出台老年人居家适老化改造补贴政策.md"
    return advisor_on(tmp_path_factory.mktemp("report"), {name: REPORT}, embedder).conversation


def test_how_much_is_answered_by_the_reports_sum_not_a_residents_words(conversation):
    ans = conversation().ask("家里老头子瘫在床上好几年了 俺家是低保户 想在厕所装个扶手 弄个防滑的 政府能给补多少钱")
    conclusion = next((line for line in ans.text.splitlines() if line.startswith("结论")), "")
    assert not ans.refused and re.search(r"\d+元", conclusion), ans.text
