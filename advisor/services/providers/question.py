"""Reading a provider question: whether a message asks where a provider is rather than about a policy
(`is_provider_question`), the kinds and services it wants, the monthly budget it names, and the county-like
names in it (to say which of them is not a known place)."""

from __future__ import annotations

import re

from advisor.services.providers.schema import RESIDENTIAL_KINDS

_STRONG_CUE = re.compile(r"附近|周边|周围|离我|离家|最近的|哪里有|哪儿有|哪有|哪里能|哪儿能|哪里可以住|去哪住|住哪|住在哪")
# "哪些/有什么" alone also open policy questions ("优先保障哪些老年人入住?"), so only with a facility word
_CUE = re.compile(r"在哪|哪家|哪几家|推荐|介绍几家|电话|地址|怎么联系|名单|目录"
                  r"|(有|有没有)(哪些|什么)(养老院|敬老院|日间照料中心|助餐点|老年食堂|养老服务站|护理院)")
_FACILITY = re.compile(
    r"养老院|敬老院|福利院|养老机构|护理院|照料中心|日间照料|日托|助餐点|饭堂|食堂|助餐|服务站|养老驿站|"
    r"服务中心|上门服务|护理机构|医养结合机构|老年公寓|床位|能住|入住|住的地方"
)
# a program, and asking about it; where to apply for something (在哪里办, 带什么去) or which government office
# to call is a policy question too, not a search for a provider
_POLICY_WORDS = re.compile(r"政策|补贴|津贴|补助|标准是|条件|规定|办理|申请|文件|报销|资格|待遇|怎么算|流程"
                           r"|家庭养老床位|家庭照护床位|咨询|有问题|疑问|投诉"
                           r"|(?:在|去|到)?哪(?:里|儿)?办|带什么|材料|证件|民政|政府|部门|街道办|电话问|问谁|办公"
                           # a document named ("实施方案里留的联系电话", "这个办法有效期到哪天"): its text is asked about
                           r"|方案|办法|意见|通知|条例|细则|解读|有效期|施行"
                           r"|公示|报名|名额"  # "拟服务老年人名单公示期几天": a list of elders, not of providers
                           # when a service named in a notice starts, who runs it ("长者饭堂哪天起正式运营？运营方是谁？")
                           r"|哪天|何时|什么时候|啥时候|运营方|由谁运营")


def is_provider_question(text: str) -> bool:
    """True for "where is a provider" questions (附近有什么养老院? 哪里有助餐点?), False for policy questions."""
    t = re.sub(r"\s+", "", text)
    if _STRONG_CUE.search(t):
        return bool(_FACILITY.search(t) or re.search(r"能住|住哪|可以住", t))
    if _CUE.search(t) and _FACILITY.search(t):
        return not _POLICY_WORDS.search(t)
    return False


def _wanted(text: str) -> tuple[list[str] | None, list[str]]:
    kinds: list[str] = []
    services: list[str] = []
    if re.search(r"养老院|敬老院|福利院|养老机构|护理院|老年公寓|能住|住哪|可以住|入住|去哪住|住的地方|床位", text):
        kinds += RESIDENTIAL_KINDS
    if re.search(r"日间照料|日托|照料中心", text):
        kinds.append("日间照料中心")
    if re.search(r"服务站|养老驿站", text):
        kinds.append("社区养老服务站")
    if re.search(r"上门|居家服务|居家养老服务", text):
        kinds.append("居家上门服务机构")
    if re.search(r"助餐|饭堂|食堂|吃饭|送餐", text):
        services.append("助餐")
    if re.search(r"助浴|洗澡", text):
        services.append("助浴")
    return (list(dict.fromkeys(kinds)) or None), services


_MAX_PRICE = re.compile(r"(\d{3,6})\s*(?:元)?\s*(?:以内|以下|之内|左右|内)|(?:不超过|不到|低于|最多)\s*(\d{3,6})")


_AREA = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:新区|开发区|高新区|区|县|旗)(?=[^\u4e00-\u9fff]|附近|周边|有|的|哪|能|里|内|$)")


def _max_price(text: str) -> int | None:
    """The monthly budget a question names ("3000以内", "不超过4000元"), or None."""
    m = _MAX_PRICE.search(text)
    return int(m.group(1) or m.group(2)) if m else None
