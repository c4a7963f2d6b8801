"""A county's list of institutions brought as a document (real model, real index): a family asking which homes of a
town take a bedridden elder, where the provider directory does not know the town, is answered from the list, not
asked for its city; a question naming no row still is."""

from __future__ import annotations

import pytest

LIST = """# 某县民政局关于公布全县养老服务机构名单的通知

某县民政局 2025年11月5日

现将全县已备案的养老服务机构名单予以公布。

某县养老服务机构名单

| 序号 | 机构名称 | 地址（乡镇/街道） | 性质 | 床位数（张） | 是否收住失能老人 | 联系电话 |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | 某县社会福利中心 | 城关镇 | 公办 | 260 | 是 | 0000-8221001 |
| 2 | 某县青石铺镇中心敬老院 | 青石铺镇 | 公办 | 80 | 是 | 0000-8601059 |
| 3 | 某县青石铺镇康宁老年公寓 | 青石铺镇 | 民办 | 60 | 否 | 0000-8606888 |

备注：本名单实行动态调整，县民政局每半年更新一次。
"""


@pytest.fixture(scope="module")
def conv_factory(tmp_path_factory, embedder):
    from conftest import advisor_on

    return advisor_on(tmp_path_factory.mktemp("list"), {"某县养老服务机构名单.md": LIST}, embedder).conversation


def test_a_town_the_list_names_is_answered_from_the_list(conv_factory):
    ans = conv_factory().ask("俺家老娘瘫在床上了 青石铺那边哪家养老院收这种的")
    said = next((line for line in ans.text.splitlines() if line.startswith("结论")), "")
    assert not ans.refused and "青石铺镇" in said and "敬老院" in said, ans.text


def test_a_providers_question_naming_no_row_still_asks_where(conv_factory):
    ans = conv_factory().ask("我家附近有啥养老院")
    assert ans.refused and "哪个市" in ans.text, ans.text
