"""Which PyPI main-text extractor fits the ingestion of Chinese government web pages?

Run (from the repository root, with any interpreter; extractors that cannot be imported are skipped
with a note):

    python bench/html_extractors.py [--out bench/results/html-extractors.md] [--dump DIR]

The three pages are the ``.html`` files of ``shared/corpus-real/`` (found beside the repository, or
given with ``--pages DIR``). They come with their real web chrome: navigation, breadcrumbs, share
bars, 相关链接, footers, counters.

Ground truth (made by hand, inline below, in ``PAGES``):

* ``container`` -- an XPath to the element that holds the article body, chosen by reading the page.
* ``clauses`` -- one short distinctive substring (the opening ~15 characters, whitespace removed) of
  EVERY body paragraph: for 04 every numbered clause 一、…/（一）… plus the notice's own lines; for 05
  and 06 every body paragraph. A clause counts as *kept* only if the WHOLE paragraph that holds the
  substring (taken from ``container``, whitespace removed) occurs in the extractor's output (whitespace
  removed), so a truncated paragraph counts as lost. It counts as *on its own line* if an output line
  starts with the substring (after leading markdown / table marks), i.e. paragraph boundaries survived.
* ``chrome`` -- strings that are on the page outside the article (nav items, breadcrumb, 分享, 打印,
  关闭, 相关链接, footer lines, 网站标识码, ICP, 无障碍, 设为首页, 加入收藏 …). Any of them in the output
  is a leak.
* ``meta`` -- the metadata rows the page shows (文号, 签发时间, 生效时间, 发布时间, 来源, 原文 …) as
  (label, value); a row *survives* if ``label + "：" + value`` (whitespace removed) is in the output.
* ``title`` -- the true article title (the page's <h1>; <title> is "site name + column + title" on 04,
  the bare site name on 05 and "title_column_site" on 06).

The script checks its own ground truth before measuring: every clause substring occurs exactly once
in the container, every chrome string occurs in the page's visible text but never in the container,
every metadata row is in the page's visible text.

A synthetic page (``SYNTHETIC``) tests what the real pages lack: text under elements hidden with
``display:none`` (and ``display: none``, ``hidden``, ``visibility:hidden``, ``aria-hidden``,
``class="hidden"``), a data table inside the article and <br>-separated paragraphs.

Speed: one warm-up call, then the median of 5 timed calls per page (text output only; the metadata
call of trafilatura is not timed). For readability the time includes turning the summary HTML into
lines (``html_to_lines`` below), for trafilatura's HTML output likewise.

justext ships no Chinese stoplist (``justext.get_stoplists()`` has 100 languages, none CJK), and it
counts stopwords per whitespace token, so for unsegmented Chinese any stoplist (English, or the union
of all lists as trafilatura uses) gives a stopword density of 0. Settings measured: the empty stoplist
with the API defaults; the empty stoplist with ``stopwords_low = stopwords_high = 0`` (what justext's
own command line calls "language-independent mode"); and the same with the paragraph length limits
scaled down about 3x for Chinese (70/200 characters → 25/70), since one Chinese character carries
roughly what 3 English ones do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MARK_BEGIN = "<!-- BEGIN MEASURED (written by bench/html_extractors.py) -->"
MARK_END = "<!-- END MEASURED -->"

# ----------------------------------------------------------------------------------------------
# Ground truth (by hand)
# ----------------------------------------------------------------------------------------------


@dataclass
class Page:
    file: str
    kind: str
    title: str
    container: str
    clauses: list[str]
    chrome: list[str]
    meta: list[tuple[str, str]]
    notes: str = ""


PAGES: list[Page] = [
    Page(
        file="04-chengdu-elderly-care-measures.html",
        kind="通知 with numbered clauses (cds.sczwfw.gov.cn)",
        title="成都市人民政府办公厅印发关于加快推进养老服务发展若干措施的通知",
        # The whole notice is ONE <td> of a layout table, its paragraphs separated by <br>.
        container='//div[@class="zoom"]',
        clauses=[
            "各区（市）县政府（管委会），市级有关部门",  # 主送
            "《关于加快推进养老服务发展若干措施》已经",
            "2022年5月19日",  # 落款 date
            "为深入贯彻习近平新时代中国特色社会主义",  # preamble of the 措施
            "一、优化居家社区养老服务体系",
            "（一）织密城市社区服务网络。",
            "（二）推动农村地区养老服务设施均衡布局",
            "（三）增强家庭照护能力。",
            "（四）推进居家和社区适老化改造。",
            "（五）优化居家社区服务指导。",
            "（六）完善老年人关爱服务体系。",
            "二、构建普惠优质机构养老服务体系",
            "（七）深化公办养老机构改革。",
            "（八）推动普惠型功能型床位建设。",
            "（九）深化养老院服务质量建设专项行动。",
            "三、拓展健康老龄生活服务体系",
            "（十）普及健康生活方式。",
            "（十一）深化医养有机结合。",
            "（十二）大力发展老年教育。",
            "（十三）支持鼓励老年人老有所为。",
            "（十四）支持老年人参与文化体育活动。",
            "四、完善养老服务多元化发展体系",
            "（十五）落实减税降费降低行业成本。",
            "（十六）支持养老服务机构连锁品牌运营。",
            "（十七）拓宽投融资渠道。",
            "（十八）推进“互联网+”养老行动。",
            "（十九）完善长期护理保险制度。",
            "（二十）深化养老服务区域合作和对外交流",
            "（二十一）促进老年人消费增长。",
            "五、健全养老服务综合保障体系",
            "（二十二）强化养老服务用地供给。",
            "（二十三）保障养老服务设施用房供给。",
            "（二十四）推进养老服务设施配套。",
            "（二十五）完善人才激励机制。",
            "（二十六）加大财政保障力度。",
            "（二十七）完善养老服务综合监管体系。",
            "（二十八）加强统计监测和信息公开。",
            "本通知自2022年6月20日起施行",
        ],
        chrome=[
            "col15393",  # inside <div id="hiddenLocation" style="display:none"> (column ids)
            "首页",  # breadcrumb 首页 > 政务公开 > 服务资讯 > 通知公告
            "政务公开",
            "服务资讯",
            "通知公告",
            "浏览次数",  # visit counter (its number is loaded by a script)
            "打印",
            "关闭",
        ],
        meta=[
            ("发布时间", "2022-05-23 15:56"),
            ("文号", "成办发〔2022〕28号"),
            ("签发单位", ""),  # shown with an empty value
            ("签发时间", "2022-05-19"),
            ("生效时间", "2022-05-19"),
        ],
        notes="Header and footer are injected by scripts, so the saved page has little chrome. The 落款 "
        "organ line (成都市人民政府办公厅) and the attachment title (关于加快推进养老服务发展若干措施) are body "
        "lines too but not counted: their text also occurs in the article title, so a substring test "
        "cannot tell them apart. The metadata rows (文号…生效时间) sit inside the article cell.",
    ),
    Page(
        file="05-long-term-care-policy-explainer.html",
        kind="政策解读 (ylbzj.sc.gov.cn)",
        title="《关于省本级基本医疗保险参保人员参加成都市长期护理保险制度试点的通知》政策解读",
        container='//div[contains(@class, "TRS_UEDITOR")]',
        clauses=[
            "一、出台背景",
            "2021年2月，省本级基本医疗保险参保",
            "二、主要内容",
            "《通知》包括基本原则、工作目标、保障范围",
            "（一）基本原则。坚持制度可持续",
            "（二）工作目标。按照成都市职工",
            "(三)参保范围。参加省本级职工",  # ASCII parentheses on the page
            "（四）筹资渠道及标准。",
            "1.单位缴费。以职工基本医疗保险",
            "2.个人缴费。40周岁（含）以下",
            "3.财政补助。财政厅对退休人员",
            "（五）待遇享受条件。",
            "1.参保人员申请长期护理保险待遇时",
            "2.参保人员因年老、疾病、伤残",
            "（六）失能认定申请及经办服务管理。",
            "三、调整的内容",
            "《通知》对川医保规〔2021〕2号",
            "四、生效日期和有效期",
            "《通知》生效日期和有效期与成府发",
        ],
        chrome=[
            "无障碍浏览",
            "搜索",
            "首页",
            "新闻动态",
            "工作动态",
            "市州动态",
            "通知公告",
            "党中央国务院信息",
            "省委省政府信息",
            "政府信息公开指南",
            "法定主动公开内容",
            "依申请公开",
            "统计信息",
            "基金收支",
            "办事指南",
            "常见问题",
            "常用下载",
            "药械招标采购",
            "四川政务服务网",
            "互动交流",
            "局长信箱",
            "咨询投诉",
            "意见征集",
            "党建之声",
            "政务公开",  # breadcrumb 首页 / 政务公开 / 政策解读
            "分享到",
            "网站声明",
            "联系我们",
            "网站地图",
            "版权所有",
            "太升南路155号",
            "办公时间",
            "主办单位",
            "运行维护单位",
            "政府网站标识码",
            "蜀ICP备",
            "川公安网备号",
        ],
        meta=[
            ("来源", ""),  # shown with an empty value
            ("时间", "2022-07-04"),
            ("原文", "川医保规〔2022〕12号"),  # link to the interpreted document, below the body
        ],
        notes="`<title>` is only the site name (四川省医疗保障局); meta PubDate says 2023-12-29, the page's "
        "regeneration time (meta 'others': 页面生成时间), while the visible date is 2022-07-04.",
    ),
    Page(
        file="06-chengdu-care-subsidy-pilot.html",
        kind="新闻报道 (czt.sc.gov.cn)",
        title="成都市财政局护航失能老年人养老服务消费补贴试点实施",
        container='//div[@id="NewsContent"]',
        clauses=[
            "为切实减轻中度以上失能老年人家庭负担",
            "减负担：中央扛大头，补贴有保障。",
            "补贴资金由中央、省、市、县（市、区）",
            "享服务：机构覆盖广，申领更便捷。",
            "保安全：全程电子盯，资金花在刀刃上。",
            "同时协同民政等部门建立联动机制",
        ],
        chrome=[
            "设为首页",
            "加入收藏",
            "无障碍",
            "搜索",
            "首页",
            "机关简介",
            "政务信息",
            "财政数据",
            "政府信息公开",
            "办事服务",
            "专题专栏",
            "当前位置",
            "市县动态",  # breadcrumb 首页 / 政务信息 / 市县动态
            "【字体",
            "打印文本",
            "相关附件",
            "扫一扫在手机打开当前页",
            "相关链接",
            "四川省人民政府",
            "中华人民共和国财政部",
            "攀枝花市财政局",
            "凉山州财政局",
            "四川财政电子票据",
            "四川银行股份有限公司",
            "领导机关",
            "市州财政部门",
            "网站地图",
            "联系我们",
            "主管单位",
            "网站维护单位",
            "网站标识码",
            "蜀ICP备",
            "川公网安备",
        ],
        meta=[
            ("", "2025年08月25日"),  # date line without a label
            ("信息来源", "成都市财政局"),
        ],
        notes="The line 四川省财政厅 above the date is the site name as publisher; not counted as a row "
        "because the same words are in the footer (主管单位：四川省财政厅).",
    ),
]

# Synthetic page: hidden text, a data table and <br>-separated paragraphs inside a normal article.
HIDDEN_MARKERS = {
    'style="display:none"': "隐藏甲样式无空格",
    'style="display: none;"': "隐藏乙样式有空格",
    "hidden attribute": "隐藏丙属性",
    'style="visibility:hidden"': "隐藏丁可见性",
    'aria-hidden="true"': "隐藏戊无障碍",
    'class="hidden" (CSS not seen)': "隐藏己类名",
}
TABLE_ROWS = [
    ["失能等级", "补贴标准（元/月）", "发放方式"],
    ["轻度失能", "300", "按月发放"],
    ["中度失能", "500", "按月发放"],
    ["重度失能", "800", "按季发放"],
]
BR_LINES = [
    "1.提出申请。老年人或其家属向户籍所在地村（社区）提出书面申请，并提交身份证明材料。",
    "2.审核认定。乡镇（街道）在收到申请后十五个工作日内完成审核，对符合条件的予以认定。",
    "3.发放补贴。区（县）民政部门按月将补贴资金直接发放至老年人本人社会保障卡账户。",
]
_SYN_PARAS = [
    "为进一步健全老年人社会福利制度，切实保障经济困难失能老年人基本养老服务需求，"
    "根据国家和省有关规定，结合本市实际，制定本办法。本办法适用于本市户籍的经济困难失能老年人。",
    "本办法所称经济困难失能老年人，是指具有本市户籍、年满六十周岁、经评估为失能等级，"
    "且属于最低生活保障家庭或者低保边缘家庭的老年人。失能等级按照国家老年人能力评估标准认定。",
    "补贴标准根据失能等级分档确定，并随经济社会发展水平适时调整。具体标准见下表。"
    "已享受其他同类补贴的，按照就高原则享受，不重复享受。",
    "申请和发放按照下列程序办理，各级民政部门应当简化流程，推行网上办理，减少老年人跑腿次数。",
    "各区（县）人民政府负责本辖区补贴工作的组织实施，所需资金由市、区两级财政按比例分担，"
    "纳入年度预算。审计部门依法对资金使用情况进行监督，对骗取补贴的依法追回并追究责任。",
]


def synthetic_br_only_html() -> str:
    """The whole body in one <div>, its paragraphs separated by single <br> (no <p> at all)."""
    nav = "".join(
        f'<li><a href="/c{i}.html">{n}</a></li>'
        for i, n in enumerate(["首页", "政务公开", "办事服务", "互动交流"])
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市经济困难失能老年人护理补贴办法_某市民政局</title>'
        f'</head><body><ul class="nav">{nav}</ul><div class="article"><h1>某市经济困难失能老年人护理补贴办法</h1>'
        '<div class="content">' + "<br>".join(_SYN_PARAS + BR_LINES) + "</div></div>"
        '<div class="footer"><p>主办单位：某市民政局 网站标识码1234567890</p></div></body></html>'
    )


def synthetic_html() -> str:
    p = [f"<p>{t}</p>" for t in _SYN_PARAS]
    m = list(HIDDEN_MARKERS.values())
    hidden = [
        f'<div style="display:none">{m[0]}：这段文字在浏览器中不可见，不应进入正文。</div>',
        f'<p style="display: none;">{m[1]}：这段文字在浏览器中不可见，不应进入正文。</p>',
        f"<p hidden>{m[2]}：这段文字在浏览器中不可见，不应进入正文。</p>",
        f'<p><span style="visibility:hidden">{m[3]}：这段文字在浏览器中不可见。</span></p>',
        f'<div aria-hidden="true">{m[4]}：这段文字对读屏软件隐藏。</div>',
        f'<div class="hidden">{m[5]}：这段文字由样式表隐藏。</div>',
    ]
    head = "".join(f"<th>{c}</th>" for c in TABLE_ROWS[0])
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in TABLE_ROWS[1:])
    table = f'<table border="1"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    brs = "<div>" + "<br>".join(BR_LINES) + "</div>"
    nav = "".join(
        f'<li><a href="/c{i}.html">{n}</a></li>'
        for i, n in enumerate(["首页", "政务公开", "办事服务", "互动交流"])
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市经济困难失能老年人护理补贴办法_某市民政局</title>'
        f'<style>.hidden{{display:none}}</style></head><body><ul class="nav">{nav}</ul>'
        '<div class="article"><h1>某市经济困难失能老年人护理补贴办法</h1>'
        + p[0]
        + hidden[0]
        + p[1]
        + hidden[1]
        + hidden[2]
        + p[2]
        + table
        + hidden[3]
        + p[3]
        + brs
        + hidden[4]
        + p[4]
        + hidden[5]
        + '</div><div class="footer"><p>主办单位：某市民政局 网站标识码1234567890</p></div></body></html>'
    )


# Title probes: how each extractor's title copes with the ways government sites put the site name in.
_PROBE_T = "关于加快推进养老服务发展若干措施"
_PROBE_SITE = "成都市人民政府"
TITLE_PROBES: list[tuple[str, str, str]] = [  # (case, <head> extra, <body> before the article)
    (f"<title>T_{_PROBE_SITE}</title>, no h1", f"<title>{_PROBE_T}_{_PROBE_SITE}</title>", ""),
    (
        f"<title>T_通知公告_{_PROBE_SITE}</title>, no h1",
        f"<title>{_PROBE_T}_通知公告_{_PROBE_SITE}</title>",
        "",
    ),
    (f"<title>{_PROBE_SITE}_T</title>, no h1", f"<title>{_PROBE_SITE}_{_PROBE_T}</title>", ""),
    (f"<title>T - {_PROBE_SITE}</title>, no h1", f"<title>{_PROBE_T} - {_PROBE_SITE}</title>", ""),
    (f"<title>T | {_PROBE_SITE}</title>, no h1", f"<title>{_PROBE_T} | {_PROBE_SITE}</title>", ""),
    (f"<title>{_PROBE_SITE}</title> + one <h1>T", f"<title>{_PROBE_SITE}</title>", "H1"),
    (
        f"<title>{_PROBE_SITE}</title> + logo <h1>{_PROBE_SITE}</h1> + <h1>T",
        f"<title>{_PROBE_SITE}</title>",
        "LOGO+H1",
    ),
    (
        f"og:title T + <title>{_PROBE_SITE}</title>",
        f'<meta property="og:title" content="{_PROBE_T}"><title>{_PROBE_SITE}</title>',
        "",
    ),
    (
        f"meta ArticleTitle T + <title>{_PROBE_SITE}</title>",
        f'<meta name="ArticleTitle" content="{_PROBE_T}"><title>{_PROBE_SITE}</title>',
        "",
    ),
]


def title_probe_html(head: str, before: str) -> str:
    logo = f'<div class="header"><h1 class="logo">{_PROBE_SITE}</h1></div>' if before == "LOGO+H1" else ""
    h1 = f"<h1>{_PROBE_T}</h1>" if before in ("H1", "LOGO+H1") else ""
    para = "为深入贯彻落实国家和省有关推进养老服务发展工作要求，加快建设居家社区机构相协调、医养康养相结合的养老服务体系，结合本市实际，制定本措施。"
    return (
        f'<html><head><meta charset="utf-8">{head}</head><body>{logo}<div class="article">{h1}'
        f"<p>{para * 3}</p></div></body></html>"
    )


# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_LEAD = re.compile(r"^[\s\-*#>|+]+")
BLOCK_TAGS = (
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table",
    "thead", "tbody", "section", "article", "header", "footer", "blockquote", "pre", "center", "form",
)  # fmt: skip


def squash(text: str) -> str:
    """Whitespace (incl. U+3000, &ensp;) and markdown emphasis removed: what clause matching compares."""
    return _WS.sub("", text).replace("*", "")


def line_starts(text: str) -> list[str]:
    return [squash(_LEAD.sub("", line)) for line in text.split("\n")]


def html_to_lines(fragment: str) -> str:
    """HTML (readability's summary, trafilatura's HTML output) → text: one line per block and per <br>,
    table cells joined by " | " on their row's line."""
    import lxml.html

    root = lxml.html.fromstring(fragment)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for (
        el
    ) in root.iter():  # source line breaks are not paragraph breaks (pretty-printed output, wrapped HTML)
        if not isinstance(el.tag, str):
            continue
        if el.text and el.tag != "pre":
            el.text = el.text.replace("\n", " ")
        if el.tail:
            el.tail = el.tail.replace("\n", " ")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*BLOCK_TAGS):
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    for el in root.iter("td", "th"):
        el.tail = " | " + (el.tail or "")
    lines = (
        re.sub(r"[ \t\r\f\v]+", " ", ln).strip().rstrip("|").strip() for ln in root.text_content().split("\n")
    )
    return "\n".join(ln for ln in lines if ln)


def visible_text(root) -> str:
    """All text of <body> (scripts/styles/comments excluded; display:none NOT excluded)."""
    import copy

    import lxml.html

    body = copy.deepcopy(root.find("body"))
    for bad in body.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return html_to_lines(lxml.html.tostring(body, encoding="unicode"))


def container_paragraphs(root, xpath: str) -> list[str]:
    import copy

    import lxml.html

    el = copy.deepcopy(root.xpath(xpath)[0])
    return [
        squash(ln)
        for ln in html_to_lines(lxml.html.tostring(el, encoding="unicode")).split("\n")
        if squash(ln)
    ]


# ----------------------------------------------------------------------------------------------
# Extractors: name → (version package, factory returning {"text": fn(html) -> str, "title": fn(html) -> str|None})
# ----------------------------------------------------------------------------------------------


@dataclass
class Extractor:
    name: str
    package: str
    call: str  # the exact call, for the report
    text: Callable[[str], str]
    title: Callable[[str], str | None] | None = None
    meta: Callable[[str], dict] | None = None
    notes: list[str] = field(default_factory=list)


def build_extractors() -> tuple[list[Extractor], list[str]]:
    out: list[Extractor] = []
    skipped: list[str] = []
    try:
        import trafilatura

        def t_title(html: str) -> str | None:
            return trafilatura.bare_extraction(html, with_metadata=True).title

        def t_meta(html: str) -> dict:
            d = trafilatura.bare_extraction(html, with_metadata=True)
            return {"date": d.date, "sitename": d.sitename, "author": d.author}

        def tr(**kw):
            fmt = kw.get("output_format", "txt")
            if fmt in ("html", "xml"):
                return lambda html: html_to_lines(trafilatura.extract(html, **kw) or "<p></p>")
            return lambda html: trafilatura.extract(html, **kw) or ""

        for name, kw in [
            ("trafilatura default (txt)", {}),
            ("trafilatura favor_recall", {"favor_recall": True}),
            ("trafilatura favor_precision", {"favor_precision": True}),
            ("trafilatura include_tables=False", {"include_tables": False}),
            ("trafilatura fast=True", {"fast": True}),
            ("trafilatura markdown", {"output_format": "markdown"}),
            ("trafilatura html → lines", {"output_format": "html"}),
            ("trafilatura html favor_recall → lines", {"output_format": "html", "favor_recall": True}),
            ("trafilatura html favor_precision → lines", {"output_format": "html", "favor_precision": True}),
        ]:
            args = ", ".join(f"{k}={v!r}" for k, v in kw.items())
            call = f"trafilatura.extract(html{', ' + args if args else ''})"
            if kw.get("output_format") == "html":
                call += " → html_to_lines"
            out.append(Extractor(name, "trafilatura", call, tr(**kw), t_title, t_meta))
    except ImportError as err:
        skipped.append(f"trafilatura: not importable ({err})")
    try:
        from readability import Document

        def r_text(html: str) -> str:
            return html_to_lines(Document(html).summary())

        out.append(
            Extractor(
                "readability summary → lines",
                "readability-lxml",
                "readability.Document(html).summary() → html_to_lines",
                r_text,
                lambda html: Document(html).short_title(),
                lambda html: {"title()": Document(html).title()},
            )
        )
    except ImportError as err:
        skipped.append(f"readability-lxml: not importable ({err})")
    try:
        import justext

        def jt(**kw):
            def run(html: str) -> str:
                paras = justext.justext(html.encode("utf-8"), frozenset(), **kw)
                return "\n".join(p.text for p in paras if not p.is_boilerplate)

            return run

        for name, kw in [
            ("justext empty stoplist, API defaults", {}),
            ("justext language-independent (stopwords 0/0)", {"stopwords_low": 0, "stopwords_high": 0}),
            (
                "justext lang-indep., lengths 25/70",
                {"stopwords_low": 0, "stopwords_high": 0, "length_low": 25, "length_high": 70},
            ),
        ]:
            args = ", ".join(f"{k}={v!r}" for k, v in kw.items())
            call = f"justext.justext(html_bytes, frozenset(){', ' + args if args else ''}) → non-boilerplate paragraphs"
            out.append(Extractor(name, "justext", call, jt(**kw)))
    except ImportError as err:
        skipped.append(f"justext: not importable ({err})")
    return out, skipped


# ----------------------------------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------------------------------


@dataclass
class PageTruth:
    page: Page
    html: str
    paragraphs: dict[str, str]  # clause needle → whole paragraph (squashed)


def load_truth(pages_dir: Path) -> list[PageTruth]:
    import lxml.html

    truths = []
    problems = []
    for page in PAGES:
        html = (pages_dir / page.file).read_text(encoding="utf-8")
        root = lxml.html.fromstring(html)
        paras = container_paragraphs(root, page.container)
        joined = "".join(paras)
        page_text = squash(visible_text(root))
        found: dict[str, str] = {}
        for needle in page.clauses:
            n = squash(needle)
            hits = [p for p in paras if n in p]
            if len(hits) != 1 or joined.count(n) != 1:
                problems.append(f"{page.file}: clause {needle!r} found {len(hits)}× in the container")
            elif not hits[0].startswith(n):
                problems.append(f"{page.file}: clause {needle!r} does not open its paragraph")
            else:
                found[needle] = hits[0]
        for c in page.chrome:
            if squash(c) in joined:
                problems.append(f"{page.file}: chrome {c!r} occurs inside the article container")
            if squash(c) not in page_text:
                problems.append(f"{page.file}: chrome {c!r} not on the page")
        for label, value in page.meta:
            if squash(f"{label}：{value}" if label else value) not in page_text:
                problems.append(f"{page.file}: metadata row {label}：{value} not on the page")
        truths.append(PageTruth(page, html, found))
    if problems:
        raise SystemExit("ground truth does not match the pages:\n  " + "\n  ".join(problems))
    return truths


def timed(fn: Callable[[str], str], html: str, runs: int = 5) -> tuple[str, float]:
    out = fn(html)  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn(html)
        times.append((time.perf_counter() - t0) * 1000)
    return out, statistics.median(times)


def measure_page(ex: Extractor, t: PageTruth) -> dict:
    try:
        text, ms = timed(ex.text, t.html)
    except Exception as err:
        return {"error": f"{type(err).__name__}: {err}"}
    flat = squash(text)
    starts = line_starts(text)
    kept = [n for n, para in t.paragraphs.items() if para in flat]
    needle_only = [n for n, para in t.paragraphs.items() if para not in flat and squash(n) in flat]
    own_line = [n for n in t.paragraphs if any(s.startswith(squash(n)) for s in starts)]
    leaked = [c for c in t.page.chrome if squash(c) in flat]
    rows = [f"{lab}：{val}" if lab else val for lab, val in t.page.meta]
    rows_kept = [r for r in rows if squash(r) in flat]
    title = ex.title(t.html) if ex.title else None
    extra = ex.meta(t.html) if ex.meta else {}
    return {
        "text": text,
        "ms": ms,
        "kept": len(kept),
        "needle_only": needle_only,
        "own_line": len(own_line),
        "total": len(t.paragraphs),
        "leaked": leaked,
        "rows": len(rows_kept),
        "rows_total": len(rows),
        "rows_lost": [r for r in rows if r not in rows_kept],
        "title": title,
        "title_ok": None if title is None and not ex.title else (squash(title or "") == squash(t.page.title)),
        "title_in_text": squash(t.page.title) in flat,
        "extra": extra,
    }


def measure_synthetic(ex: Extractor) -> dict:
    html = synthetic_html()
    try:
        text = ex.text(html)
    except Exception as err:
        return {"error": f"{type(err).__name__}: {err}"}
    flat = squash(text)
    lines = [squash(ln) for ln in text.split("\n")]
    hidden_kept = [k for k, m in HIDDEN_MARKERS.items() if m in flat]
    cells = [c for r in TABLE_ROWS for c in r]
    cells_kept = sum(1 for c in cells if squash(c) in flat)

    def row_on_line(row: list[str]) -> bool:
        pat = re.compile(".*".join(re.escape(squash(c)) for c in row))
        return any(pat.search(ln) for ln in lines)

    rows_ok = sum(1 for r in TABLE_ROWS if row_on_line(r))
    starts = line_starts(text)
    br_kept = sum(1 for b in BR_LINES if squash(b) in flat)
    br_own = sum(1 for b in BR_LINES if any(s.startswith(squash(b)) for s in starts))
    paras_kept = sum(1 for p in _SYN_PARAS if squash(p) in flat)
    try:
        text2 = ex.text(synthetic_br_only_html())
    except Exception as err:
        text2 = f"error: {err}"
    all2 = _SYN_PARAS + BR_LINES
    starts2 = line_starts(text2)
    kept2 = sum(1 for b in all2 if squash(b) in squash(text2))
    own2 = sum(1 for b in all2 if any(s.startswith(squash(b)) for s in starts2))
    return {
        "hidden_kept": hidden_kept,
        "cells": f"{cells_kept}/{len(cells)}",
        "rows": f"{rows_ok}/{len(TABLE_ROWS)}",
        "br_kept": f"{br_kept}/{len(BR_LINES)}",
        "br_own": f"{br_own}/{len(BR_LINES)}",
        "br_only": f"{kept2}/{len(all2)} kept, {own2}/{len(all2)} own line",
        "paras": f"{paras_kept}/{len(_SYN_PARAS)}",
        "text": text,
        "text_br_only": text2,
    }


def version(pkg: str) -> str:
    if not pkg:
        return "(repo)"
    try:
        return importlib_metadata.version(pkg)
    except importlib_metadata.PackageNotFoundError:
        return "?"


def short(page: Page) -> str:
    return page.file[:2]


def render(
    extractors: list[Extractor], skipped: list[str], truths: list[PageTruth], res: dict, syn: dict
) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    pkgs = [
        "trafilatura",
        "readability-lxml",
        "justext",
        "lxml",
        "lxml_html_clean",
        "beautifulsoup4",
        "htmldate",
    ]
    vers = ", ".join(f"{p} {version(p)}" for p in pkgs if version(p) != "?")
    L: list[str] = []
    L.append(MARK_BEGIN)
    L.append("")
    L.append(
        f"Command: `{Path(sys.executable).as_posix()} bench/html_extractors.py --out bench/results/html-extractors.md`"
    )
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    L.append(
        f"Measured {now}; Python {platform.python_version()}; {vers}; {os.cpu_count()} CPUs, load average after the run {load}."
    )
    if skipped:
        L.append("")
        L.append("Skipped: " + "; ".join(skipped) + ".")
    L.append("")
    L.append("### Totals over the three pages")
    L.append("")
    tot_clauses = sum(len(t.paragraphs) for t in truths)
    tot_chrome = sum(len(t.page.chrome) for t in truths)
    tot_rows = sum(len(t.page.meta) for t in truths)
    L.append(
        f"| extractor | clauses kept (of {tot_clauses}) | on own line | chrome leaked (of {tot_chrome}) "
        f"| title right (of 3) | metadata rows (of {tot_rows}) | ms/page (04 / 05 / 06) |"
    )
    L.append("|---|---:|---:|---:|---:|---:|---|")
    for ex in extractors:
        rs = [res[(ex.name, short(t.page))] for t in truths]
        if any("error" in r for r in rs):
            L.append(f"| {ex.name} | error: {'; '.join(r.get('error', '') for r in rs)} |||||")
            continue
        title = "n/a" if ex.title is None else str(sum(1 for r in rs if r["title_ok"]))
        L.append(
            f"| {ex.name} | {sum(r['kept'] for r in rs)} | {sum(r['own_line'] for r in rs)} "
            f"| {sum(len(r['leaked']) for r in rs)} | {title} | {sum(r['rows'] for r in rs)} "
            f"| {' / '.join(format(r['ms'], '.1f') for r in rs)} |"
        )
    L.append("")
    L.append("### Per page")
    L.append("")
    L.append(
        "| extractor | page | kept | own line | chrome leaked | reported title | title ok | title in text | metadata rows | rows lost | extra metadata | ms |"
    )
    L.append("|---|---|---:|---:|---|---|---|---|---:|---|---|---:|")
    for ex in extractors:
        for t in truths:
            r = res[(ex.name, short(t.page))]
            if "error" in r:
                L.append(f"| {ex.name} | {short(t.page)} | error: {r['error']} ||||||||||")
                continue
            leaked = f"{len(r['leaked'])}: " + "、".join(r["leaked"]) if r["leaked"] else "0"
            kept = f"{r['kept']}/{r['total']}"
            if r["needle_only"]:
                kept += f" (+{len(r['needle_only'])} cut)"
            tok = "n/a" if r["title_ok"] is None else ("✔" if r["title_ok"] else "✘")
            extra = "; ".join(f"{k}={v}" for k, v in r["extra"].items() if k != "title()") or ""
            if "title()" in r["extra"]:
                extra = f"title()={r['extra']['title()']}"
            L.append(
                f"| {ex.name} | {short(t.page)} | {kept} | {r['own_line']}/{r['total']} | {leaked} "
                f"| {r['title'] or ''} | {tok} | {'yes' if r['title_in_text'] else 'no'} "
                f"| {r['rows']}/{r['rows_total']} | {'、'.join(r['rows_lost'])} | {extra} | {r['ms']:.1f} |"
            )
    L.append("")
    L.append("### Synthetic page: hidden text, a data table, `<br>`-separated paragraphs")
    L.append("")
    L.append(
        "Hidden variants tried: "
        + "; ".join(f"`{k}`" for k in HIDDEN_MARKERS)
        + f". Table: {len(TABLE_ROWS)} rows × {len(TABLE_ROWS[0])} cells (header in `<thead>`/`<th>`). "
        f"`<br>` block: {len(BR_LINES)} items separated by single `<br>` in a bare `<div>`, between the `<p>` paragraphs "
        f"(mixed markup, common in CMS output). Second page ('br-only'): the whole body ({len(_SYN_PARAS) + len(BR_LINES)} "
        "paragraphs) as one `<div>` with `<br>` between paragraphs and no `<p>`."
    )
    L.append("")
    L.append(
        "| extractor | `<p>` paras kept | hidden text kept | table cells | table rows on one line "
        "| `<br>` items kept | `<br>` items on own line | br-only page |"
    )
    L.append("|---|---:|---|---:|---:|---:|---:|---|")
    for ex in extractors:
        s = syn[ex.name]
        if "error" in s:
            L.append(f"| {ex.name} | error: {s['error']} |||||")
            continue
        hid = "none" if not s["hidden_kept"] else "、".join(f"`{h}`" for h in s["hidden_kept"])
        L.append(
            f"| {ex.name} | {s['paras']} | {hid} | {s['cells']} | {s['rows']} | {s['br_kept']} | {s['br_own']} | {s['br_only']} |"
        )
    L.append("")
    L.append("### Title probes (tiny synthetic pages; T = the article title)")
    L.append("")
    probers = []
    seen = set()
    for ex in extractors:
        if ex.title is not None and ex.package not in seen:
            seen.add(ex.package)
            label = (
                "trafilatura bare_extraction(...).title"
                if ex.package == "trafilatura"
                else "readability short_title()"
            )
            probers.append((label, ex.title))
            if ex.package == "readability-lxml":
                from readability import Document

                probers.append(("readability title()", lambda html: Document(html).title()))
    if probers:
        L.append("| case | " + " | ".join(p[0] for p in probers) + " |")
        L.append("|---|" + "---|" * len(probers))
        for case, head, before in TITLE_PROBES:
            html = title_probe_html(head, before)
            cells = []
            for _, fn in probers:
                got = fn(html) or ""
                mark = "✔" if squash(got) == squash(_PROBE_T) else "✘"
                cells.append(f"{mark} {got.replace('|', chr(92) + '|')}")
            L.append(f"| `{case.replace('|', chr(92) + '|')}` | " + " | ".join(cells) + " |")
        L.append("")
    L.append("### Exact calls")
    L.append("")
    for ex in extractors:
        L.append(f"- {ex.name}: `{ex.call}`")
    L.append("")
    L.append("### Ground-truth notes")
    L.append("")
    for t in truths:
        L.append(
            f"- {t.page.file} ({t.page.kind}): {len(t.paragraphs)} clauses, {len(t.page.chrome)} chrome strings, "
            f"{len(t.page.meta)} metadata rows; title 「{t.page.title}」. {t.page.notes}"
        )
    L.append("")
    L.append(MARK_END)
    return "\n".join(L)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_pages = next(
        (
            p
            for p in (
                REPO.parent / "shared" / "corpus-real",
                REPO / "shared" / "corpus-real",
                Path("/work/shared/corpus-real"),
            )
            if p.is_dir()
        ),
        REPO.parent / "shared" / "corpus-real",
    )
    ap.add_argument("--pages", type=Path, default=default_pages)
    ap.add_argument(
        "--out", type=Path, help="markdown file; only the part between the MEASURED markers is replaced"
    )
    ap.add_argument("--dump", type=Path, help="write every extractor's text per page to this folder")
    a = ap.parse_args()

    truths = load_truth(a.pages)
    extractors, skipped = build_extractors()
    for s in skipped:
        print("note:", s, file=sys.stderr)
    res: dict = {}
    syn: dict = {}
    for ex in extractors:
        for t in truths:
            res[(ex.name, short(t.page))] = measure_page(ex, t)
        syn[ex.name] = measure_synthetic(ex)
        print(f"measured {ex.name}", file=sys.stderr)
    if a.dump:
        a.dump.mkdir(parents=True, exist_ok=True)
        (a.dump / "synthetic.html").write_text(synthetic_html(), encoding="utf-8")
        (a.dump / "synthetic-br-only.html").write_text(synthetic_br_only_html(), encoding="utf-8")
        for ex in extractors:
            slug = re.sub(r"[^A-Za-z0-9]+", "-", ex.name).strip("-")
            for t in truths:
                (a.dump / f"{short(t.page)}-{slug}.txt").write_text(
                    res[(ex.name, short(t.page))].get("text", ""), encoding="utf-8"
                )
            (a.dump / f"syn-{slug}.txt").write_text(syn[ex.name].get("text", ""), encoding="utf-8")
            (a.dump / f"syn-br-only-{slug}.txt").write_text(
                syn[ex.name].get("text_br_only", ""), encoding="utf-8"
            )
    md = render(extractors, skipped, truths, res, syn)
    if a.out:
        if a.out.exists() and MARK_BEGIN in (old := a.out.read_text(encoding="utf-8")) and MARK_END in old:
            head, rest = old.split(MARK_BEGIN, 1)
            tail = rest.split(MARK_END, 1)[1]
            a.out.write_text(head + md + tail, encoding="utf-8")
        else:
            a.out.parent.mkdir(parents=True, exist_ok=True)
            a.out.write_text("# HTML main-text extractors\n\n" + md + "\n", encoding="utf-8")
        print(f"wrote {a.out}", file=sys.stderr)
    else:
        print(md)


if __name__ == "__main__":
    main()
