"""Rules of Chinese documents that the real-document shapes rely on, each checked on a small document of
its own kind: a ministry's rule (部门规章) in markdown with bold article labels, a city plan typed with hard
line breaks, a tab-separated table and a closing signature, a city regulation approved by its province,
and the question router's split between legal questions a law answers and legal opinions it never gives."""

from __future__ import annotations

from pathlib import Path

from test_document_shapes import only_document, run

from advisor.answer.query import analyze
from advisor.ingest.clean import join_broken_lines, wrap_width
from advisor.ingest.structure import count_articles
from advisor.lexicon import find_regions, load_lexicon

RULE = """# 养老服务评估管理办法

> 2021年3月5日民政部令第70号公布　自2021年5月1日起施行

## 第一章　总则

**第一条**　为了规范养老服务评估工作，保障老年人合法权益，根据《中华人民共和国老年人权益保障法》，制定本办法。

**第二条**　本办法所称养老服务评估，是指对老年人能力和服务需求进行的综合评估。

**第三条**　县级以上人民政府民政部门负责本行政区域内养老服务评估的监督管理。

## 第二章　评估实施

**第四条**　老年人或者其代理人可以向居住地的评估机构提出评估申请。

**第五条**　评估机构应当在受理申请之日起十五个工作日内完成评估，并出具评估报告。

## 第三章　附则

**第六条**　本办法自2021年5月1日起施行。
"""


def test_ministry_rule_in_markdown_is_national_with_its_decree(tmp_path: Path) -> None:
    res = run(tmp_path, {"pinggu.md": RULE.encode("utf-8")})
    doc, chunks = only_document(res)
    assert (doc.title, doc.region, doc.level, doc.kind) == ("养老服务评估管理办法", "全国", "national", "规章")
    assert (doc.issuer, doc.doc_number) == ("民政部", "民政部令第70号")
    assert (doc.publish_date, doc.effective_date) == ("2021-03-05", "2021-05-01")
    assert count_articles(doc.text) == 6
    assert "**" not in doc.text and ">" not in doc.text  # markdown marks are not part of the text
    c4 = next(c for c in chunks if c.article == "第四条")
    assert c4.heading_path == "第二章 评估实施 > 第四条"


PLAN = [
    "宜昌市人民政府办公厅关于印发宜昌市居家养老服务实施方案的通知",
    "宜府办发〔2024〕7号",
    "各区人民政府，市人民政府各部门：",
    "　　经市人民政府同意，现将《宜昌市居家养老服务实施方案》印发给",
    "你们，请认真组织实施。",
    "宜昌市居家养老服务实施方案",
    "一、主要目标",
    "　　到2026年，全市街道综合养老服务中心覆盖率达到百分之百，社区",
    "养老服务设施覆盖率达到百分之九十以上，居家养老上门服务惠及经济",
    "困难的失能、高龄、独居老年人，服务质量和群众满意度明显提升。",
    "二、重点任务",
    "（一）发展助餐服务。各区应当依托社区食堂和养老服务中心为老年人",
    "提供助餐服务，对八十周岁以上的低保老年人给予每餐三元的助餐补贴",
    "，所需资金由区级财政承担，市级财政按照规定给予适当补助。",
    "（二）推进上门服务。街道综合养老服务中心应当为经评估失能的居家",
    "老年人提供助浴、助洁、康复护理等上门服务，每月不少于四次，服务",
    "情况纳入养老服务信息平台统一管理，接受老年人和家属的监督评价。",
    "　　本方案自印发之日起施行，有效期五年。",
    "附件",
    "序号\t服务项目\t服务对象\t补贴标准",
    "1\t助餐服务\t八十周岁以上低保老年人\t每餐三元",
    "2\t上门服务\t经评估失能的居家老年人\t每月四次",
    "宜昌市人民政府办公厅　　2024年3月8日",
]


def test_hard_wrapped_plan_with_tab_table_and_closing_signature(tmp_path: Path) -> None:
    res = run(tmp_path, {"yichang-plan.txt": "\n".join(PLAN).encode("utf-8")})
    doc, chunks = only_document(res)
    assert (doc.title, doc.region, doc.kind, doc.doc_number) == (
        "宜昌市居家养老服务实施方案", "湖北省宜昌市", "规范性文件", "宜府办发〔2024〕7号")
    assert (doc.publish_date, doc.effective_date, doc.expiry_date) == ("2024-03-08", "2024-03-08", "2029-03-07")
    # the wrap is undone, also after a line that ends a sentence part with "，" at the line start
    assert any("给予每餐三元的助餐补贴，所需资金由区级财政承担" in c.text for c in chunks)
    rows = [c for c in chunks if c.text.startswith(("1 | ", "2 | "))]
    assert [c.text for c in rows] == ["1 | 助餐服务 | 八十周岁以上低保老年人 | 每餐三元",
                                      "2 | 上门服务 | 经评估失能的居家老年人 | 每月四次"]
    assert all(c.heading_path == "附件 > 表:序号 | 服务项目 | 服务对象 | 补贴标准" for c in rows)
    assert not any("2024年3月8日" in c.text and " | " in c.text for c in chunks)  # the signature is no table row


def test_wrap_width_is_found_only_in_hard_wrapped_text() -> None:
    wrapped = ["第八条政府投资兴办的养老机构应当发挥兜底保障作用，优先", "保障特困老年人的养老服务需求。"] * 10
    assert wrap_width(wrapped)[0] == len(wrapped[0])
    assert join_broken_lines(wrapped)[0] == "第八条政府投资兴办的养老机构应当发挥兜底保障作用，优先保障特困老年人的养老服务需求。"
    paragraphs = [f"第{n}条" + "这是一段长短不一的条文内容。" * (n % 4 + 1) for n in range(1, 13)]
    assert not any(wrap_width(paragraphs))  # one line per paragraph, of many lengths: nothing to undo


def test_a_page_wrapped_at_a_width_joins_lines_whose_digits_take_half_a_column() -> None:
    """A .txt copied from a page wrapped at 28 full-width columns, each paragraph indented two columns (reading
    drops the indent): "…对年满6" is 27.5 columns and 28 characters, "…美术馆、图" 26 of both after the indent; both
    were cut by the wrap, which a count of characters alone does not see."""
    from advisor.ingest.clean import columns

    assert columns("对年满6") == 3.5 and columns("50%收取") == 3.5
    paragraphs = ["　　第五条　交通出行方面，年满65周岁的老年人凭老年人优待证或者居民身份证免费乘坐本市城市公交车、"
                  "BRT快速公交；年满60周岁不满65周岁的老年人乘坐本市城市公交车享受半价优惠。",
                  "　　第六条　文化旅游方面，老年人享受下列优待：",
                  "　　（一）政府投资主办的公园、博物馆、纪念馆、美术馆、图书馆、文化馆免费向老年人开放；",
                  "　　（二）本市政府投资主办或者控股的A级旅游景区，对年满65周岁的老年人免收门票，对年满60周岁不满65"
                  "周岁的老年人按照门票价格的50%收取；",
                  "　　第七条　医疗保健方面，医疗机构应当为老年人就医提供优先挂号、就诊、取药、缴费、检查等便利服务，"
                  "对年满80周岁的老年人免收普通门诊挂号费，每年为65周岁以上老年人免费提供1次健康体检。"] * 2
    lines = []
    for text in paragraphs:  # wrapped at 28 columns, as a page is
        line = ""
        for ch in text:
            if columns(line + ch) > 28:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    read = [x.replace("　", " ").strip() for x in lines]
    joined = join_broken_lines(read)
    assert "（一）政府投资主办的公园、博物馆、纪念馆、美术馆、图书馆、文化馆免费向老年人开放；" in joined
    assert any(x.startswith("（二）") and x.endswith("按照门票价格的50%收取；") for x in joined)
    assert len(joined) == len(paragraphs)


def test_a_wrapped_line_ending_on_a_short_bracket_goes_on() -> None:
    lines = ["第九条选择分散供养的特困人员，由县级人民政府民政部门委托村（居）",
             "民委员会或者其他社会组织为其提供日常看护、生活照料等服务。"] * 10
    assert join_broken_lines(lines)[0].startswith("第九条选择分散供养的特困人员，由县级人民政府民政部门委托村（居）民委员会")
    headings = ["（一）发放对象", "具有本区户籍、年满80周岁的老年人，按月领取高龄津贴补助资金。"] * 10
    assert join_broken_lines(headings)[0] == "（一）发放对象"  # a heading's bracket still ends its line


APPROVED = """广陵市养老服务条例

（2020年10月28日广陵市第十五届人民代表大会常务委员会第四十次会议通过　2020年11月27日江苏省第十三届人民代表大会常务委员会第十九次会议批准）

第一章　总则

第一条　为了发展养老服务事业，根据有关法律、法规，结合本市实际，制定本条例。

第二条　本市行政区域内的养老服务及其监督管理，适用本条例。

第三条　市、区人民政府应当将养老服务纳入国民经济和社会发展规划。

第二章　附则

第四条　本条例自2021年3月1日起施行。
"""


def test_city_regulation_approved_by_its_province_is_made_by_the_city(tmp_path: Path) -> None:
    res = run(tmp_path, {"guangling.txt": APPROVED.replace("广陵市", "扬州市").encode("utf-8")})
    doc, _ = only_document(res)
    assert (doc.region, doc.level, doc.kind) == ("江苏省扬州市", "city", "地方性法规")
    assert doc.issuer == "扬州市人民代表大会常务委员会"  # not the province that approved it
    assert (doc.adopted_date, doc.effective_date) == ("2020-10-28", "2021-03-01")


def test_legal_questions_go_to_the_laws_and_legal_opinions_are_declined() -> None:
    lex = load_lexicon()
    asks_law = analyze("我哥签了放弃继承权的协议，就可以不赡养父母了吗？", lex)
    assert asks_law.legal and not asks_law.medical_legal  # 老年人权益保障法 answers this
    opinion = analyze("老人自己写的遗嘱，要怎样才算有效？", lex)
    assert opinion.medical_legal  # an opinion on one case: declined, whatever the laws say
    assert analyze("老人吃什么药能降血压？", lex).medical_legal
    assert analyze("医生诊断是什么病，要不要手术？", lex).medical_legal
    # a paper to bring or a cost named after a doctor's work is no medical question
    assert not analyze("伪造诊断证明骗取门诊慢特病待遇怎么处罚？", lex).medical_legal
    assert not analyze("手术费自付部分能申请临时救助吗", lex).medical_legal


def test_place_names_are_words_of_their_own() -> None:
    lex = load_lexicon()
    assert find_regions("广州市养老服务条例", lex) == ["广东省广州市"]  # the full name, suffix and all
    assert find_regions("我在保定，老人能领高龄津贴吗", lex) == ["河北省保定市"]
    assert find_regions("养老机构内设医疗机构怎样纳入医保定点？", lex) == []  # 保定 inside 医保定点


def test_figures_written_in_chinese_numerals_count_as_figures() -> None:
    from advisor.answer.compose import has_number
    from advisor.ingest.patterns import MONEY as _MONEY

    for span in ("应当提前六十日向民政部门报告", "配比一般不低于一比三", "每百户不低于二十平方米"):
        assert has_number(span), span
    assert _MONEY.search("新增床位补贴标准为每张床位一万元")
    assert not has_number("加强养老服务人才队伍建设")


def test_header_note_run_together_or_with_genju_lines() -> None:
    from advisor.ingest.metadata import history

    note = ("（1996年8月29日第八届全国人民代表大会常务委员会第二十一次会议通过　根据2009年8月27日第十一届全国人民代表"
            "大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正　2012年12月28日第十一届全国人民代表大会常务委员会"
            "第三十次会议修订　根据2018年12月29日第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国劳动法〉"
            "等七部法律的决定》第三次修正）")
    for header in (note, note.strip("（）").replace("　", "\n")):
        h = history(f"中华人民共和国老年人权益保障法\n{header}\n第一章 总则\n第一条 为了保障老年人合法权益，制定本法。")
        assert (h["adopted_date"], h["amended_date"]) == ("1996-08-29", "2018-12-29")


def test_titles_and_numbers_of_the_document_not_the_ones_it_cites() -> None:
    from advisor.ingest.metadata import extract_doc_number, extract_title

    assert extract_title("南宁市人民政府办公室关于印发《南宁市养老服务体系建设实施方案》的通知\n南府办〔2024〕3号") == \
        "南宁市养老服务体系建设实施方案"
    assert extract_title("关于推进基本养老服务体系建设的实施意见\n为贯彻落实《国务院办公厅印发〈关于推进养老服务的意见〉"
                         "的通知》精神，提出如下意见。") == "关于推进基本养老服务体系建设的实施意见"
    assert extract_doc_number("柳州市养老机构运营补贴办法\n第一条 根据《养老机构管理办法》（民政部令第66号），制定本办法。") == ""
    # an explainer named after the plan it explains, behind a short prefix: the whole name, never cut inside 《》
    assert extract_title("一图读懂｜《海口市老年助餐服务实施方案（2024—2026年）》政策解读\n正文") == \
        "一图读懂｜〈海口市老年助餐服务实施方案（2024—2026年）〉政策解读"


def test_large_article_numbers_and_autonomous_prefectures() -> None:
    from advisor.ingest.numerals import cn_to_number
    from advisor.ingest.structure import cn_ordinal

    assert all(cn_to_number(cn_ordinal(n)) == n for n in range(1, 1300))
    assert cn_ordinal(1043) == "一千零四十三"
    lex = load_lexicon()
    assert find_regions("我在黔东南州", lex) == ["贵州省黔东南苗族侗族自治州"]
    # a county named with its prefecture is one place: the county
    assert find_regions("我在黔东南州凯里市", lex) == ["贵州省黔东南苗族侗族自治州凯里市"]
    assert find_regions("推进医养合作市场化", lex) == []  # 合作市 is a city, not here


def test_page_rows_are_not_taken_from_sentences() -> None:
    from advisor.ingest.readers import _page_rows

    assert _page_rows("受理时间：2024年3月1日至3月31日。\n资金来源：市级财政专项资金。") == []
    assert _page_rows("发布时间：2024-02-01来源：市民政局浏览次数：12") == ["发布时间:2024-02-01", "来源:市民政局"]


def test_a_page_break_inside_a_list_does_not_start_a_document(tmp_path: Path) -> None:
    from advisor.ingest.clean import SEPARATOR
    from advisor.ingest.segment import split_parts

    lines = ["扬州市养老服务条例", "第一章总则", "第一条为了发展养老服务事业，制定本条例。",
             "第二条本市行政区域内的养老服务，适用本条例。", "第三条养老服务应当坚持下列原则：", "（一）政府主导；",
             "（二）社会参与；", SEPARATOR, "（三）统筹发展；", "（四）保障基本。", "第四条本条例自2021年3月1日起施行。"]
    parts = split_parts("yangzhou.txt", lines)
    assert len(parts) == 1 and "（四）保障基本。" in parts[0].lines  # a running header fell inside 第三条
    law = APPROVED.replace("广陵市", "扬州市").replace(
        "第三条　市、区人民政府应当将养老服务纳入国民经济和社会发展规划。",
        "第三条　市、区人民政府应当将养老服务纳入国民经济和社会发展规划。\n附件所列标准根据经济社会发展情况适时调整。")
    _doc, chunks = only_document(run(tmp_path, {"yangzhou.txt": law.encode("utf-8")}))
    c3 = [c for c in chunks if c.article.startswith("第三条")]
    assert any("附件所列标准" in c.text for c in c3)  # a sentence starting 附件 is no appendix heading


def test_a_promulgating_announcement_and_the_regulation_it_publishes_are_one_document() -> None:
    from advisor.ingest.clean import SEPARATOR
    from advisor.ingest.segment import split_parts

    notice = ["开元市人民代表大会常务委员会公告", "（第十二号）",
              "《开元市居家养老服务条例》已由开元市第十六届人民代表大会常务委员会第八次会议于2023年10月26日通过，"
              "省人民代表大会常务委员会于2024年3月29日批准，现予公布，自2024年7月1日起施行。",
              "开元市人民代表大会常务委员会", "2024年4月8日", SEPARATOR]
    body = ["第一章总则", "第一条为了规范居家养老服务，制定本条例。", "第二条本市行政区域内的居家养老服务，适用本条例。",
            "第三条本条例自2024年7月1日起施行。"]
    note = "（2023年10月26日开元市第十六届人民代表大会常务委员会第八次会议通过 2024年3月29日省人民代表大会常务委员会批准）"
    # the regulation's title lost to a running header: its 题注, or its first chapter, follows the 公告
    for after in ([note, *body], body, ["开元市居家养老服务条例", note, *body]):
        parts = split_parts("kaiyuan.pdf", notice + after)
        assert len(parts) == 1 and parts[0].lines[0].endswith("公告"), [p.lines[:2] for p in parts]
    # "已于…经…通过" in the 公告, and a 题注 whose first line the wrap cut before its 通过/批准
    later = [notice[0], notice[1], notice[2].replace("已由", "已于2023年10月26日经"), *notice[3:]]
    parts = split_parts("kaiyuan2.pdf", [*later, note[:40], note[40:], *body])
    assert len(parts) == 1, [p.lines[:2] for p in parts]
    # a bare 公告 (its number only) under a running header that repeats the regulation's title, the title itself lost
    bare = ["开元市居家养老服务条例", "开元市第十六届人民代表大会常务委员会公告（第十二号）", SEPARATOR]
    parts = split_parts("kaiyuan3.pdf", [*bare, note[:40], note[40:], *body])
    assert len(parts) == 1, [p.lines[:2] for p in parts]
    # an announcement of something else is not glued to the document after it
    other = ["开元市人民政府公告", "（第3号）", "《开元市城市绿化办法》已经市政府常务会议通过，现予公布。", SEPARATOR]
    assert len(split_parts("two.pdf", [*other, "开元市居家养老服务条例", note, *body])) == 2


def test_a_notice_printing_a_document_and_that_document_are_one_when_its_title_is_lost_or_follows_the_signature() -> None:
    from advisor.ingest.clean import SEPARATOR
    from advisor.ingest.segment import split_parts

    notice = ["开元市特困老年人护理补贴实施细则", "开元市民政局关于印发《开元市特困老年人护理补贴实施细则》的通知",
              "开民发〔2024〕15号", "各县（市、区）民政局：现将《开元市特困老年人护理补贴实施细则》印发给你们，请认真贯彻执行。",
              "开元市民政局", SEPARATOR]
    body = ["第一章总则", "第一条为规范特困老年人护理补贴管理，制定本细则。", "第二条本细则自2024年5月1日起施行。"]
    # a running header took the 细则's title: it opens with its first chapter
    parts = split_parts("kaiyuan.pdf", notice + body)
    assert len(parts) == 1, [p.lines[:2] for p in parts]
    # the notice's 落款 date and "（此件公开发布）" open the part that holds the 细则's own title
    signed = [*notice[1:-2], SEPARATOR, "2024年4月2日", "（此件公开发布）", "开元市特困老年人护理补贴实施细则", *body]
    assert len(split_parts("kaiyuan.docx", signed)) == 1
    # a notice printing another document is not glued to the one after it
    other = [*notice[1:-2], SEPARATOR, "开元市养老服务条例", "第一章总则", "第一条为了发展养老服务，制定本条例。"]
    assert len(split_parts("two.pdf", other)) == 2


def test_a_table_on_a_page_of_its_own_stays_in_its_document() -> None:
    from advisor.ingest.clean import SEPARATOR
    from advisor.ingest.segment import split_parts

    lines = ["开元市老年助餐服务实施方案", "一、服务对象", "（一）具有本市户籍、年满60周岁的老年人均可就餐。",
             "二、就餐补贴标准", "（一）重点保障对象按照下表标准享受就餐补贴，每人每日限补贴1餐。", SEPARATOR,
             "表1 开元市老年助餐就餐补贴标准", "对象 | 标准 | 备注", "特困供养老年人 | 每人每餐补贴8元 | 集中供养的除外",
             "（二）运营补贴。每月服务满600人次的，给予运营补贴2000元。", "三、申请程序", "（一）向社区提出申请。"]
    parts = split_parts("kaiyuan.pdf", lines)
    assert len(parts) == 1 and "表1 开元市老年助餐就餐补贴标准" in parts[0].lines, [p.lines[:1] for p in parts]


def test_an_item_before_an_age_is_not_joined_to_the_line_above(tmp_path: Path) -> None:
    from advisor.ingest.clean import clean_text
    from advisor.lexicon import load_lexicon

    prose = "为贯彻落实积极应对人口老龄化国家战略解决老年人特别是高龄独居失能老年人吃饭难问题结合我市实际制定本方案各县区要认真组织实施确保各项措施落到实处切实增强老年人获得感"
    wrapped = [prose[i : i + 30] for i in range(0, 120, 30)]  # a PDF's text, wrapped at one width
    items = ["（二）重点保障对象包括：", "1.特困供养老年人；", "2.最低生活保障家庭、低保边缘家庭中的老年人；",
             "3.80周岁及以上老年人；", "4.计划生育特殊家庭老年人。"]
    lines = clean_text("\n".join(wrapped + items + wrapped), load_lexicon(), 40, rejoin=True).lines
    assert "3.80周岁及以上老年人；" in lines, lines


def _ruled_table_pdf(intro: list[str], rows: list[list[str]]) -> bytes:
    """A text PDF: a few lines, then a table with ruled cell borders — by fpdf2 with a CJK font file whose
    text layer reads back, else by reportlab with its built-in CID font (lines drawn as the rules)."""
    import io

    import pytest
    from test_document_shapes import _cjk_font_file

    widths = (15, 40, 60, 55)  # mm
    font = _cjk_font_file()
    if font:
        from fpdf import FPDF

        pdf = FPDF(format="A4")
        pdf.add_font("cjk", fname=font, collection_font_number=0)
        pdf.add_page()
        pdf.set_font("cjk", size=12)
        pdf.set_xy(20, 25)
        for line in intro:
            pdf.cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
        with pdf.table(col_widths=widths, first_row_as_headings=False) as table:
            for r in rows:
                row = table.row()
                for cell in r:
                    row.cell(cell)
        return bytes(pdf.output())
    pytest.importorskip("reportlab", reason="no CJK font for fpdf2 and no reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("STSong-Light", 12)
    y = A4[1] - 25 * mm
    for line in intro:
        c.drawString(20 * mm, y, line)
        y -= 9 * mm
    xs = [20 * mm]
    for w in widths:
        xs.append(xs[-1] + w * mm)
    height = 9 * mm
    top = y
    for k, r in enumerate(rows):
        for j, cell in enumerate(r):
            c.drawString(xs[j] + 2 * mm, top - (k + 1) * height + 3 * mm, cell)
    for k in range(len(rows) + 1):
        c.line(xs[0], top - k * height, xs[-1], top - k * height)
    for x in xs:
        c.line(x, top, x, top - len(rows) * height)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_text_pdf_with_a_ruled_table_keeps_its_rows(tmp_path: Path) -> None:
    intro = ["宜昌市基本养老服务清单", "一、清单说明",
             "本清单所列服务项目由市民政局会同有关部门组织实施，根据经济社会发展水平动态调整。"]
    rows = [["序号", "服务项目", "服务对象", "服务标准"], ["1", "高龄津贴", "80周岁以上老年人", "每人每月100元"],
            ["2", "能力评估", "有需求的老年人", "免费评估"]]
    pdf_bytes = _ruled_table_pdf(intro, rows)
    _doc, chunks = only_document(run(tmp_path, {"yichang-list.pdf": pdf_bytes}))
    got = [c for c in chunks if c.text.startswith(("1 | ", "2 | "))]
    assert [c.text for c in got] == [" | ".join(r) for r in rows[1:]]
    assert all("表:序号 | 服务项目 | 服务对象 | 服务标准" in c.heading_path for c in got)


def test_outline_labels_name_the_part_where_the_clause_numbers_start_again():
    from advisor.ingest.chunking import chunk_document
    from advisor.schema import Document

    notice = ("一、补贴对象\n（一）特困人员中的老年人：\n1.失能老年人，每人每月400元；\n2.半失能老年人，每人每月300元；\n"
              "3.80周岁以上生活能够自理的老年人，每人每月100元。\n二、申请程序\n（一）本人向社区居民委员会提出申请，填写申请表。\n"
              "（二）街道办事处应当在10个工作日内审核完毕。")
    labels = [c.article for c in chunk_document(Document("n", "n.txt", notice, title="通知"))]
    # (一) starts again under 二、: each label says which part it is in
    assert "第一部分第(一)条第1项" in labels and "第二部分第(一)条" in labels, labels
    # "3.80周岁以上…" right after item 2 is item 3, not the figure 3.80
    assert "第一部分第(一)条第3项" in labels, labels
    # a list that opens on an age band, "1.60至79周岁…", starts at item 1 (no decimal 1.60 reads so)
    bands = ("三、补贴标准\n1.60至79周岁老年人，每餐补贴2元。\n2.80周岁以上老年人，每餐补贴4元。\n"
             "四、其他\n1.5万元以下存款的家庭可以申请。")
    chunks = chunk_document(Document("b", "b.txt", bands, title="解读"))
    assert [c.article for c in chunks if "每餐补贴" in c.text] == ["第三部分第1项", "第三部分第2项"], \
        [(c.article, c.text) for c in chunks]
    assert not any(c.article.endswith("第1项") and "存款" in c.text for c in chunks)

    opinion = ("一、总体要求\n（一）指导思想。坚持以人民为中心，完善养老服务体系。\n二、重点任务\n"
               "（二）发展居家养老服务。为老年人提供上门服务，每人每月补贴3.80元。\n（三）加强医养结合。")
    labels = [c.article for c in chunk_document(Document("o", "o.txt", opinion, title="意见"))]
    assert "第(二)条" in labels and not any("部分第" in x for x in labels), labels  # (一)(二)(三) run on


def test_items_numbered_in_brackets_or_steps_under_a_part_are_cited_as_items():
    """A guide numbering its items （1）（2） right under 一、 (no 1. in it) cites the item a family asks about, as
    "第四部分第(3)项", not the whole part, and a procedure's steps as "第三部分第二步"; a document with 1. items keeps
    （1） as a line of its item."""
    from advisor.ingest.chunking import chunk_document
    from advisor.schema import Document

    guide = ("三、签约服务\n（1）签约对象。本市常住的65周岁及以上老年人可以自愿签约，签约周期为1年。\n"
             "（2）基础服务包（免费）。包括以下内容：\n①每年1次健康体检；\n②每年不少于4次随访。\n"
             "四、家庭病床\n（1）建床条件。本市基本医疗保险参保人员，因疾病需要连续治疗的，可以申请建立家庭病床。\n"
             "（2）建床程序。由患者或者家属向社区卫生服务中心提出申请，医生在3个工作日内上门评估。\n"
             "（3）费用报销。城乡居民基本医疗保险参保人员报销比例为70%，不设起付线。")
    chunks = chunk_document(Document("g", "g.docx", guide, title="服务指南"))
    assert [c.article for c in chunks if "报销比例" in c.text] == ["第四部分第(3)项"], [(c.article, c.text) for c in chunks]
    assert [c.article for c in chunks if "健康体检" in c.text] == ["第三部分第(2)项"], [(c.article, c.text) for c in chunks]
    steps = ("三、怎么申请？\n第一步：提出申请\n老年人入住后3个月内向所在地乡镇人民政府提出申请。\n第二步：能力评估\n"
             "县区民政局委托第三方评估机构在15个工作日内完成评估。")
    chunks = chunk_document(Document("s", "s.md", steps, title="一图读懂"))
    assert [c.article for c in chunks if "15个工作日" in c.text] == ["第三部分第二步"], [(c.article, c.text) for c in chunks]
    plan = "一、补贴标准\n1.失能老年人每人每月400元，包括：\n（1）护理服务；\n（2）助餐服务。\n2.半失能老年人每人每月300元。"
    labels = [c.article for c in chunk_document(Document("p", "p.txt", plan, title="方案")) if "助餐服务" in c.text]
    assert labels == ["第一部分第1项"], labels


def test_public_hotlines_are_phone_numbers() -> None:
    from advisor.ingest.patterns import PHONE

    for text in ("拨打12348公共法律服务热线咨询", "养老服务热线12349", "市民热线12345", "咨询电话：0898-68723560"):
        assert PHONE.search(text), text
    assert not PHONE.search("共有123456名老年人") and not PHONE.search("2023年12月")


def test_a_province_notice_addressed_to_its_counties_is_a_province_document() -> None:
    from advisor.ingest.metadata import extract_region
    from advisor.lexicon import load_lexicon

    lex = load_lexicon()
    text = "各市、县、自治县人民政府，省政府直属各单位：\n《某省老年人优待办法》已经省政府同意，现印发给你们。"
    assert extract_region("海南省老年人优待办法", "海南省人民政府办公厅", "", text, lex) == ("海南省", "province")
    county = "为加强本县养老服务，县人民政府决定……"
    assert extract_region("屯昌县养老服务实施方案", "", "", county, lex)[1] == "county"


def test_a_pdf_notice_printing_a_measure_with_a_running_header(tmp_path: Path) -> None:
    from test_readers import make_pdf

    head = "乌海市人民政府行政规范性文件"
    number = "乌政办发〔2024〕3号"
    pages = [
        [head, number, "乌海市人民政府办公室关于印发《乌海市老年人助餐补贴", "实施办法》", "的通知", number,
         "各区人民政府，市直各部门：", "现将《乌海市老年人助餐补贴实施办法》印发给你们，请认真贯彻执行。",
         "乌海市人民政府办公室", "2024年5月6日", "— 1 —"],
        # the text layer of a later page sets the header's two parts on one line
        [f"{head}  {number}", "乌海市老年人助餐补贴实施办法", "第一条 为保障老年人就餐需求，结合本市实际，制定本办法。",
         "第二条 年满七十周岁的老年人在社区助餐点就餐，每餐补贴三元。", "— 2 —"],
        [f"{head}  {number}", "第三条 本办法自2024年6月1日起施行。", "— 3 —"],
    ]
    res = run(tmp_path, {"wuhai-zhucan.pdf": make_pdf(pages)})
    doc, chunks = only_document(res)  # the notice and the measure it prints are one document
    assert (doc.title, doc.doc_number) == ("乌海市老年人助餐补贴实施办法", number)
    assert [c.article for c in chunks if c.article] == ["第一条", "第二条", "第三条"]
    assert not any(head in c.text for c in chunks)


TABLE_IN_ARTICLE = """# 乌海市失能老年人护理补贴办法

第一条 为保障失能老年人基本生活，制定本办法。

第二条 护理补贴按失能等级发放，标准见表1。

表1 护理补贴标准

| 失能等级 | 补贴标准（元/人·月） |
| --- | --- |
| 重度失能 | 500 |
| 中度失能 | 300 |

表1中的补贴以现金形式按月发放。

第三条 本办法自2024年1月1日起施行。
"""


def test_a_table_inside_an_article_keeps_its_caption_and_the_article_goes_on(tmp_path: Path) -> None:
    _doc, chunks = only_document(run(tmp_path, {"wuhai-huli.md": TABLE_IN_ARTICLE.encode("utf-8")}))
    rows = [c for c in chunks if c.text.startswith(("重度失能", "中度失能"))]
    assert len(rows) == 2 and all(c.article == "第二条" and "表1 护理补贴标准" in c.heading_path for c in rows)
    after = next(c for c in chunks if c.text.startswith("表1中的补贴"))
    assert after.article == "第二条"


def test_a_number_the_wrap_cut_and_a_closing_signature() -> None:
    body = ["（一）各乡镇（街道）要认真做好摸底、申报和组织实施工作，确保政策落实到位，"] * 9
    lines = [*body, "区民政局养老服务股，联系人：陈明，联系电话：0719-72235", "16。",
             "附件：郧阳区特殊困难老年人家庭适老化改造申请表", "十堰市郧阳区民政局 十堰市郧阳区财政局", "2025年3月18日"]
    out = join_broken_lines(lines)
    assert "联系电话：0719-7223516。" in out[-4]  # no space inside the number
    assert out[-3:] == ["附件：郧阳区特殊困难老年人家庭适老化改造申请表", "十堰市郧阳区民政局 十堰市郧阳区财政局", "2025年3月18日"]


def test_a_policy_qa_numbered_by_its_questions_keeps_each_answer_with_its_question():
    from advisor.ingest.chunking import chunk_document
    from advisor.schema import Document

    page = ("现就有关问题解答如下。\n问题1：什么是家庭养老床位？\n答：家庭养老床位是指把专业照护服务延伸到老年人家中。\n"
            "问题2：哪些老年人可以申请？\n答：年满60周岁、经评估为中度以上失能的居家老年人可以申请。\n"
            "问3：怎样申请？\n答：向户籍所在地镇（街道）社会事务办公室提出申请。")
    chunks = chunk_document(Document("q", "q.html", page, title="政策问答"))
    by_label = {c.article: c.text for c in chunks if c.article}
    # each answer is cited by the question the page numbers it with, never under the question before it
    assert set(by_label) == {"问题1", "问题2", "问3"}, [(c.article, c.text) for c in chunks]
    assert by_label["问题2"].startswith("问题2：") and "中度以上失能" in by_label["问题2"]
    assert "问题2" not in by_label["问题1"] and "户籍所在地" in by_label["问3"]
    # a line that merely starts with 问题 is no question of the page
    plain = chunk_document(Document("p", "p.txt", "一、总体要求\n问题导向：坚持问题导向，补齐短板。", title="意见"))
    assert not any(c.article.startswith("问题") for c in plain)


def test_a_policy_qa_without_numbers_keeps_each_short_answer_with_its_own_question():
    """"问：…？" lines over "答：…" paragraphs, neither numbered: a short question is never merged into the answer
    above it, and its answer joins it even when long."""
    from advisor.ingest.chunking import chunk_document
    from advisor.schema import Document

    answers = ["答：参保人因年老、疾病等原因失能状态持续6个月以上的，可以按规定享受长期护理保险待遇。",
               "答：可以向市医疗保险服务中心提出失能评估申请，自受理之日起30个工作日内作出评估结论。" * 4,
               "答：需要提供申请表和身份证件。"]
    questions = ["问：哪些人可以享受待遇？", "问：失能评估到哪里申请？多长时间能出结果？", "要带什么材料？"]
    page = "\n".join(["为帮助参保群众了解政策，解答如下：", *(x for pair in zip(questions, answers, strict=True) for x in pair)])
    chunks = [c.text for c in chunk_document(Document("q", "q.html", page, title="长期护理保险政策问答"))]
    for question, answer in zip(questions, answers, strict=True):
        holding = next(c for c in chunks if answer[:30] in c)
        assert holding.startswith(question), chunks
        assert all(not c.rstrip().endswith(question) for c in chunks), chunks


def test_articles_a_clause_names_of_its_own_document():
    from advisor.ingest.structure import articles_referred

    assert articles_referred("需要申请享受本条例第十四条、第十五条规定待遇的，提交居民身份证") == [14, 15]
    assert articles_referred("违反本法第三十条至第三十二条规定的") == [30, 31, 32]
    assert articles_referred("依照本办法第8条规定办理") == [8]
    # another document's article, or an article named without 本…, is not this document's
    assert articles_referred("依照《社会救助暂行办法》第十条规定") == []
    assert articles_referred("第十条规定的老年人") == []


def test_a_document_taking_effect_formally_has_its_dates():
    from advisor.ingest.metadata import extract_dates

    got = extract_dates("某市办法\n第十六条 本办法自2022年10月1日起正式施行，有效期至2027年9月30日。")
    assert (got["effective_date"], got["expiry_date"]) == ("2022-10-01", "2027-09-30")


def test_a_short_county_name_jieba_takes_for_a_persons_name_is_the_place():
    from pathlib import Path

    from advisor.lexicon import find_regions, load_lexicon, with_document_places

    lex = load_lexicon(Path(__file__).resolve().parent.parent / "corpus" / "lexicon")
    county = next(r for r in lex.regions if r.endswith("西充县"))
    places = with_document_places(lex, [county])
    assert find_regions("西充 高龄津贴什么时候到账", places) == [county]
    # a frequent word jieba also tags as a name (惠民 of 惠民政策) stays a word
    huimin = next(r for r in lex.regions if r.endswith("惠民县"))
    assert find_regions("惠民政策有哪些", with_document_places(lex, [huimin])) == []


def test_a_short_clause_with_a_figure_is_no_heading():
    from advisor.ingest.chunking import chunk_document
    from advisor.ingest.clean import is_heading_only
    from advisor.schema import Document

    assert not is_heading_only("（一）重度失能老年人，每人每月300元。")
    assert is_heading_only("（一）健全政策体系。") and is_heading_only("（二）到2025年的目标。")
    notice = ("二、补贴标准\n（一）重度失能老年人，每人每月300元。\n（二）中度失能老年人，每人每月200元。\n"
              "（三）经评估为轻度失能或者能力完好的老年人，不纳入护理补贴范围。\n三、申报材料\n1.申请审批表一式三份；")
    chunks = chunk_document(Document("n", "n.md", notice, title="通知"))
    # each sum stays a clause of its own, under its label, never lost as a heading
    assert any("每人每月300元" in c.text and c.article.endswith("第(一)条") for c in chunks), \
        [(c.article, c.text) for c in chunks]
    assert any("每人每月200元" in c.text for c in chunks)


def test_a_policy_qa_pdf_with_a_running_header_stays_one_document_to_its_last_question(tmp_path: Path) -> None:
    from test_readers import make_pdf

    head = "某县民政局 特困人员供养服务办事指南（问答版）"
    pages = [
        [head, "某县特困人员供养服务办事指南", "（问答版）", "某县民政局 2025年3月",
         "问题1：哪些人可以申请？", "答：具有本县户籍，无劳动能力、无生活来源的老年人可以申请特困人员救助供养。",
         "问题2：到哪里申请？", "答：向户籍所在地乡（镇）人民政府提出书面申请。", "第 1 页 共 3 页"],
        [head, "问题3：特困人员每个月能领多少钱？", "答：2025年，本县特困人员基本生活标准为每人每月1040元。",
         "问题4：特困人员还能领低保吗？", "答：不能。特困人员救助供养与最低生活保障不得重复享受。", "第 2 页 共 3 页"],
        [head, "问题5：到哪里咨询？电话是多少？", "答：县民政局社会救助股，咨询电话：0876-3125610。", "第 3 页 共 3 页"],
    ]
    doc, chunks = only_document(run(tmp_path, {"guide.pdf": make_pdf(pages)}))
    assert "特困人员供养服务办事指南" in doc.title  # its own title (a header repeating it on every page, once)
    # the pages after a running header go on numbering the questions: no page becomes a document, none is dropped
    assert [c.article for c in chunks if c.article] == ["问题1", "问题2", "问题3", "问题4", "问题5"]
    assert any("0876-3125610" in c.text for c in chunks)


def test_a_line_after_a_comma_at_the_wrap_width_goes_on_though_it_starts_like_a_heading() -> None:
    body = ["答：符合下列情形之一的，应当认定为无劳动能力：（一）60周岁以上的老年人；（", "二）未满16周岁的未成年人；（三）残疾等级为一、二、三级的智力、精神残疾人，",
            "一、二级的肢体残疾人，一级的视力残疾人；（四）省级人民政府规定的其他情形。"] * 4
    out = join_broken_lines(body)
    assert not any(x.startswith("一、二级") for x in out), out
    headings = ["一、总体要求", "（一）指导思想", "坚持以人民为中心，推进养老服务体系建设，", "二、主要任务"]
    assert "二、主要任务" in join_broken_lines(headings)  # a paragraph's line, not at the wrap width: a heading follows


def test_a_paragraphs_indent_counts_toward_the_wrap_width_and_a_centred_title_does_not() -> None:
    """A text wrapped at 30 whose paragraphs open with "　　": "　　一、将第十条修改为：“…建立高龄津" is cut by the wrap (28
    characters and the indent), not a heading; a title centred with more blanks stands alone."""
    from advisor.ingest.clean import clean_text
    from advisor.lexicon import load_lexicon

    body = [line for n, article in zip("一二三", ("十", "十一", "十二"), strict=True) for line in (
        f"　　{n}、将第{article}条修改为：“市、县（区）人民政府应当建立高龄津", f"贴制度。具有本市户籍、年满八十{n}周岁的老年人，按月领取高龄津贴，",
        f"标准为：八十周岁至八十九周岁的，每人每月{n}百元；九十周岁至九", f"十九周岁的，每人每月{n}百元；一百周岁以上的，每人每月{n}千元。”")]
    raw = "\n".join(["　　　　　　　某市人民政府关于调整高龄津贴的决定", *body])
    lines = clean_text(raw, load_lexicon(), rejoin=True).lines
    assert any(x.startswith("一、将第十条修改为") and "高龄津贴制度" in x for x in lines), lines
    assert "某市人民政府关于调整高龄津贴的决定" in lines, lines


def test_a_pages_metadata_table_of_keys_and_values_is_read() -> None:
    from advisor.ingest.readers import _page_rows

    page = ("索引号 | 11371100MB28519X7Q/2024-00317 | 主题分类 | 民政\n发布机构 | 某市民政局 | 成文日期 | 2024年12月6日\n"
            "文号 | 某民发〔2024〕58号 | 发布日期 | 2024年12月10日\n标题 | 某市民政局关于调整高龄津贴发放标准的通知\n"
            "年龄段 | 原标准 | 新标准\n80—89周岁 | 每人每月60元 | 每人每月100元")
    rows = _page_rows(page)
    assert "文号:某民发〔2024〕58号" in rows and "发布机构:某市民政局" in rows and "成文日期:2024年12月6日" in rows
    assert not any("年龄段" in r or "80—89周岁" in r for r in rows)  # a table of the article is no metadata
    # a blank cell the reader dropped shifts no key onto another's place; 时间/来源 rows of an article's table are its own
    assert _page_rows("文号 | 发布日期 | 2024年12月10日\n时间 | 2024年 | 来源 | 省级财政") == []


def test_a_short_county_name_the_dictionary_counts_rarely_is_the_place():
    from advisor.lexicon import find_regions, load_lexicon, with_document_places

    lex = load_lexicon(Path(__file__).resolve().parent.parent / "corpus" / "lexicon")
    county = next(r for r in lex.regions if r.endswith("砚山县"))
    assert find_regions("我爸在砚山已经认定成特困了", with_document_places(lex, [county])) == [county]
    yuehu = next(r for r in lex.regions if r.endswith("月湖区"))  # 月湖, a common noun: only with its suffix
    assert find_regions("公园里的月湖很美", with_document_places(lex, [yuehu])) == []


def test_a_markdown_heading_is_a_line_of_its_own_and_a_titles_edition_keeps_its_kind() -> None:
    from advisor.ingest.clean import DOC_TYPE_END

    lines = ["《某市高龄津贴发放管理办法》政策解读", "近日，某市民政局、某市财政局联合印发了《某市高龄津贴发放管理办法》。"] * 6
    assert join_broken_lines(lines, whole={lines[0]})[0] == lines[0]
    assert DOC_TYPE_END.search("某州基本养老服务清单（2024年版）") and DOC_TYPE_END.search("某市办法（试行）")
    assert not DOC_TYPE_END.search("某报道（记者张三）")


def test_a_table_row_under_no_heading_is_cited_by_its_number() -> None:
    from advisor.answer.compose import _part_label
    from advisor.schema import Chunk

    row = Chunk("c", "d", "q.docx", "5 | 特困人员 | 照料护理 | 每人每月100元 | 州民政局",
                heading_path="表:序号 | 服务对象 | 服务项目 | 服务内容和标准 | 牵头部门")
    assert _part_label(row) == "第5项"
    assert _part_label(Chunk("c", "d", "n.md", "某某。", heading_path="三、申请程序 > （一）申请")) == "三、申请程序"
    # a table captioned with the document's own title (a PDF 清单 whose table follows its title line): the row's number,
    # not the title again after 《title》 in the citation
    titled = Chunk("c", "d", "k.pdf", "1 | 高龄津贴 | 80周岁以上老年人 | 80—89周岁每人每月50元 | 市民政局",
                   heading_path="某市基本养老服务清单（2024年版） > 表:序号 | 服务项目 | 服务对象 | 服务内容及标准 | 牵头部门",
                   title="某市基本养老服务清单（2024年版）")
    assert _part_label(titled) == "第1项"
    # …and a table under a caption of its own (a county's 名单): the caption, then the row's number
    listed = Chunk("c", "d", "m.docx", "10 | 某县中心敬老院 | 青石铺镇 | 公办 | 120",
                   heading_path="某县养老服务机构名单 > 表:序号 | 机构名称 | 地址 | 性质 | 床位数", title="关于公布名单的通知")
    assert _part_label(listed) == "某县养老服务机构名单第10项"


def test_a_notices_signature_cut_off_by_a_page_break_stays_with_the_notice_and_the_rules_it_prints() -> None:
    """"…关于印发《X》的通知" / page break / "2025年5月20日" / page break / "第一条…": one document titled by the
    notice, not a second one titled by the date (the running header, X's title, took X's own title line)."""
    from advisor.ingest.clean import SEPARATOR
    from advisor.ingest.segment import split_parts

    notice = ["开元市民政局文件", "开民规〔2025〕3号", "开元市民政局关于印发《开元市家庭养老照护床位建设实施细则》的通知",
              "各县（区）民政局：现将《开元市家庭养老照护床位建设实施细则》印发给你们，请认真贯彻执行。", SEPARATOR]
    body = ["第一条为推进居家社区机构养老服务融合发展，制定本细则。", "第二条本细则所称家庭养老照护床位，是指依托养老机构的床位。"]
    for signature in (["2025年5月20日"], ["开元市民政局", "2025年5月20日"]):
        parts = split_parts("kaiyuan.pdf", [*notice, *signature, SEPARATOR, *body])
        assert len(parts) == 1 and parts[0].lines[-1] == body[-1], [p.lines[:2] for p in parts]


def test_a_notices_letterhead_and_its_attached_table_are_parts_of_the_notice() -> None:
    """"…民政厅…财政厅文件" (the 红头) above a notice and "附件 / …标准表 / rows" after a page break: one document; the
    table of standards per city is never a document of its own, dropped for its few elder-care words."""
    from advisor.ingest.clean import SEPARATOR
    from advisor.ingest.segment import split_parts

    head = ["开元省民政厅开元省财政厅文件", SEPARATOR]
    notice = ["开元省民政厅开元省财政厅关于提高2025年城乡低保标准的通知", "各市民政局、财政局：现就提高低保标准有关事项通知如下：",
              "一、全省城市低保平均标准提高到每人每月809元。", "附件：2025年全省城乡低保标准表", "2025年6月10日", SEPARATOR]
    table = ["附件", "2025年全省城乡低保标准表", "市州 | 城市低保标准（元/人·月） | 农村低保标准（元/人·年）",
             "沈阳市 | 900 | 8400", "丹东市 | 800 | 6720"]
    parts = split_parts("kaiyuan.pdf", [*head, *notice, *table])
    assert len(parts) == 1 and parts[0].lines[0] == head[0] and parts[0].lines[-1] == table[-1], \
        [p.lines[:2] for p in parts]
    assert "2025年6月10日" in parts[0].lines and "附件" in parts[0].lines  # the 落款 and the heading stay lines


def test_the_doc_number_under_the_letterhead_stays_though_the_running_header_repeats_it() -> None:
    from advisor.ingest.clean import clean_text

    header = "开元省民政厅 开元省财政厅\n开民发〔2025〕12号\n— {n} —\n"
    page1 = "开元省民政厅 开元省财政厅文件\n开民发〔2025〕12号\n开元省民政厅 开元省财政厅关于提高2025年城乡低保标准的通知\n" \
            "各市民政局：现就有关事项通知如下：\n一、全省城市低保平均标准提高到每人每月809元。\n"
    rest = "二、新标准自2025年7月1日起执行。\n三、各地要按时发放到位。\n"
    raw = header.format(n=1) + page1 + header.format(n=2) + rest + header.format(n=3) + "四、本通知由省民政厅负责解释。\n"
    lines = clean_text(raw, load_lexicon()).lines
    assert lines[:2] == ["开元省民政厅开元省财政厅文件", "开民发〔2025〕12号"]
    assert lines.count("开民发〔2025〕12号") == 1  # the running header's copies are gone


def test_an_attached_table_is_an_attachment_not_part_of_the_last_article() -> None:
    """"第十七条 本细则自…起施行。" / "附表：…服务项目及补贴标准" / rows: the rows stand under the 附表, not under 第十七条."""
    from advisor.ingest.structure import APPENDIX

    assert APPENDIX.match("附表：家庭养老照护床位服务项目及补贴标准") and APPENDIX.match("附件2：2025年低保标准表")
    assert not APPENDIX.match("附表所列标准按月结算，每月最高不超过800元。")
    assert analyze("淇县助浴补贴，每个老人一个月最多能补几次？一年呢", load_lexicon()).asks_count


def test_questions_and_answers_of_an_office_are_an_explainer_not_a_news_report() -> None:
    """"邢台市居家适老化改造常见问题解答" (问/答 pairs of a 老龄办) explains a rule; it binds no one and is no report."""
    from advisor.ingest.metadata import document_kind
    from advisor.lexicon import load_lexicon

    lex = load_lexicon()
    for title in ("邢台市居家适老化改造常见问题解答", "高龄津贴政策问与答", "《某市高龄津贴发放管理办法》政策解读"):
        assert document_kind(title, "一、问：哪些老人可以申请？答：…", "", "", lex) == "政策解读", title
    assert document_kind("某县发放高龄津贴 惠及万余名老人", "本报讯…", "", "", lex) == "新闻报道"


GUIDE = """# 某区老年人优待证办理办事指南

> 事项类型：公共服务　　实施主体：某市某区民政局　　更新日期：2024年9月10日

## 办理依据

1. 《中华人民共和国老年人权益保障法》；
2. 《某市人民政府关于进一步做好老年人优待工作的通知》（某政发〔2022〕11号）。

## 申请材料

1. 申请人居民身份证原件（现场查验后退回）；
2. 近期免冠二寸白底彩色照片1张；
3. 遗失补办的，另需提供申请人本人签字的遗失情况说明。

## 办理时限

- 法定办结时限：20个工作日
- 承诺办结时限：5个工作日（自受理之日起计算）

## 收费标准

不收费。
"""


def test_a_guide_in_markdown_is_one_document_whose_sections_label_its_items(tmp_path: Path) -> None:
    """"## 申请材料" over items 1., 2., … is a section of the 办事指南, not a document of its own (its items were
    split off as documents, then dropped as off-topic); each item is labelled with its section ("申请材料第2项")."""
    res = run(tmp_path, {"guide.md": GUIDE.encode("utf-8")})
    doc, chunks = only_document(res)
    assert doc.title == "某区老年人优待证办理办事指南" and not res.dropped
    photo = next(c for c in chunks if "照片" in c.text)
    assert (photo.article, photo.heading_path) == ("申请材料第2项", "申请材料 > 2.")
    assert next(c for c in chunks if "不收费" in c.text).article == "收费标准"
    # a markdown file bundling a document and a news article still parts at the headline
    from advisor.ingest.clean import SEPARATOR, clean_text

    bundle = "## 某市关于做好高龄津贴发放工作的通知\n\n一、各区要按时发放。\n\n## 市十六届人大四次会议胜利闭幕 代表议案7件确定\n\n会议听取了报告。\n"
    assert SEPARATOR in clean_text(bundle, load_lexicon()).lines


def test_the_issuer_of_a_document_a_notice_cites_is_not_its_issuer() -> None:
    from advisor.ingest.metadata import extract_issuer

    cited = "芜民〔2025〕17号\n关于做好养老护理员入职奖补和岗位津贴发放工作的通知\n各县市区民政局：\n根据《安徽省人民政府办公厅关于推进养老服务体系建设的实施意见》等文件精神，"
    assert extract_issuer(cited) == ""
    assert extract_issuer("清远市人民政府办公室关于印发清远市…方案的通知") == "清远市人民政府办公室"


def test_a_city_regulation_records_the_day_its_province_approved_it() -> None:
    from advisor.ingest.metadata import history

    head = ("株洲市养老服务条例\n（2023年10月26日株洲市第十六届人民代表大会常务委员会第十五次会议通过 "
            "2023年11月29日湖南省第十四届人民代表大会常务委员会第七次会议批准）\n目录\n第一章 总则\n第一条 为了规范养老服务工作，制定本条例。")
    dates = history(head)
    assert (dates["adopted_date"], dates["approved_date"]) == ("2023-10-26", "2023-11-29")
    assert history("某省养老服务条例\n（2020年3月26日某省第十三届人民代表大会常务委员会第十八次会议通过）\n第一条 …")["approved_date"] == ""


def test_a_countys_short_name_is_read_where_a_place_is_said():
    """Families name a county without 县/区 ("我奶奶在于都", "婺源的"): read as the county where a place is said, not
    where the same characters are a word ("新建住宅小区"), a village ("兴海村") or the start of a longer place (巴彦淖尔)."""
    from advisor.lexicon import in_full

    lex = load_lexicon()

    def regions(text: str) -> list[str]:
        return find_regions(in_full(text, lex), lex)

    assert regions("我奶奶在于都 低保户 瘫床上了") == ["江西省赣州市于都县"]
    assert regions("婺源的 我今年66了 能不能去时间银行") == ["江西省上饶市婺源县"]
    assert regions("我住在新建 80了") == ["江西省南昌市新建区"]  # a common word, after 住在
    assert regions("新建住宅小区配套养老服务设施有哪几个要求") == []
    assert regions("新建的养老院有补贴吗") == []
    assert regions("我是兴海村的村干部") == []
    assert regions("我们老家是巴彦淖尔临河的") == ["内蒙古自治区巴彦淖尔市临河区"]
    assert regions("在东城区") == ["北京市东城区"]  # the full name stays as written


def test_a_paragraph_after_a_list_belongs_to_its_section_and_a_named_table_to_itself():
    """"1. 助餐服务；… 7. 家庭养老床位服务。" then "消费券不得用于…" is a sentence of the section, as a law's later 款 is
    of its 条 — unless the next item of the list follows (then it went on with the last item); a table under a name
    of its own ("…定点机构名单及服务价格") is that table, not part of the clause before it, and the unit the line
    above a table gives ("（单位：元/床·月）") goes with its header."""
    from advisor.ingest.chunking import chunk_document
    from advisor.schema import Document

    scope = ("四、使用范围\n消费券可用于购买以下养老服务：\n1. 助餐服务；\n2. 助浴、助洁服务；\n3. 家庭养老床位服务。\n"
             "消费券不得用于购买药品、保健品。\n五、使用规则\n1. 消费券仅限本人使用。")
    chunks = chunk_document(Document("s", "s.md", scope, title="细则"))
    rule = next(c for c in chunks if "不得用于" in c.text)
    assert rule.article == "第四部分" and "家庭养老床位" not in rule.text, [(c.article, c.text) for c in chunks]
    going_on = ("（二）扩大服务供给\n1.发展社区养老。支持社区建设。\n2.丰富普惠服务。实施专项行动。\n"
                "加快试点项目建设。\n3.提升金融服务。鼓励各级政府出资。")
    chunks = chunk_document(Document("g", "g.txt", going_on, title="意见"))
    assert next(c for c in chunks if "加快试点" in c.text).article.endswith("第2项")

    notice = ("三、公示期为2026年1月8日至1月14日。\n异议受理电话：0355-7225316。\n某县居家养老服务定点机构名单及服务价格\n"
              "序号 | 机构名称 | 收费标准\n1 | 幸福里服务中心 | 助餐12元/餐\n2 | 康乐苑 | 助浴60元/次")
    rows = [c for c in chunk_document(Document("t", "t.html", notice, title="公示")) if "服务中心" in c.text or "康乐苑" in c.text]
    assert rows and all(c.heading_path.startswith("某县居家养老服务定点机构名单及服务价格 > 表:") and not c.article
                        for c in rows), [(c.article, c.heading_path) for c in rows]
    rule = ("第一条 为规范运营补贴，制定本细则。\n第二条 本细则适用于本市养老机构。\n第三条 补贴遵循公开原则。\n"
            "第五条 运营补贴按月核定。补贴标准如下表（单位：元/床·月）：\n机构星级 | 自理老年人 | 失能老年人\n"
            "一星级 | 40 | 120\n三星级 | 80 | 200\n第六条 评估结果有效期一年。")
    row = next(c for c in chunk_document(Document("r", "r.docx", rule, title="细则")) if "三星级" in c.text)
    assert row.article == "第五条" and "单位：元/床·月" in row.heading_path, row.heading_path


def test_a_title_wrapped_inside_brackets_and_an_issuer_line_with_its_date():
    """A hard-wrapped title cut inside its brackets ("…（老年人意" / "外伤害保险）实施方案的通知") is one line; the issuer
    over its date ("襄阳市樊城区民政局 2026年2月10日") ends its line — the preamble does not run into it."""
    lines = ["玉林市人民政府办公室关于印发玉林市“银龄安康工程”（老年人意", "外伤害保险）实施方案的通知",
             "各县（市、区）人民政府："]
    assert join_broken_lines(lines)[0].endswith("（老年人意外伤害保险）实施方案的通知")
    lines = ["某区2026年专区建设补助申报指南", "襄阳市樊城区民政局 2026年2月10日", "为贯彻落实有关部署要求，增加照护床位供给，区民政局决定给予补助。"]
    assert join_broken_lines(lines)[1] == "襄阳市樊城区民政局 2026年2月10日"


def test_a_county_short_name_the_documents_town_goes_by_is_that_town():
    """"去东城那个养老中心" where the documents write 东城街道 (a street office of 龙岩) and no document is for 北京市东城区:
    the town the documents speak of, not the county; with a document for 东城区, the county."""
    from advisor.lexicon import in_full, with_document_places

    lex = load_lexicon()
    assert find_regions(in_full("去东城那个养老中心吃饭", lex), lex) == ["北京市东城区"]
    local = with_document_places(lex, ["福建省龙岩市新罗区"], {"东城", "侯堡"})
    assert find_regions(in_full("去东城那个养老中心吃饭", local), local) == []
    own = with_document_places(lex, ["北京市东城区"], {"东城"})
    assert find_regions(in_full("去东城那个养老中心吃饭", own), own) == ["北京市东城区"]


def test_a_guides_two_column_table_of_fields_has_no_header_row() -> None:
    """A 办事指南 printed as a table of fields ("事项名称 | … / 申请材料 | … / 办理时限 | …"): every row is a field, the
    first one too — it heads no column, so it is not put over the others; a two-column table with a header over its
    columns ("服务对象 | 补贴标准") keeps it."""
    from advisor.ingest.chunking import _outline_groups
    from advisor.schema import Document

    def groups(rows: list[str]) -> list[tuple[str, str]]:
        text = "某县居家养老服务补贴申领办事指南\n一、办理要素\n" + "\n".join(rows)
        doc = Document(doc_id="d", source="g.docx", title="某县居家养老服务补贴申领办事指南", text=text)
        return [(path, "".join(p.text for p in paras)) for paras, path, _label in _outline_groups(doc, 800, 40)
                if "|" in "".join(p.text for p in paras)]

    guide = groups(["事项名称 | 居家养老服务补贴申领", "申请材料 | 1.申请表；2.身份证复印件",
                    "办理时限 | 承诺办结时限：15个工作日", "咨询电话 | 0738-3512608"])
    assert len(guide) == 4 and all("表:" not in path for path, _text in guide)
    header = groups(["服务对象 | 补贴标准", "特困人员 | 每人每月200元", "低保对象 | 每人每月100元"])
    assert len(header) == 2 and all("表:服务对象 | 补贴标准" in path for path, _text in header)


def test_a_guides_fields_outside_a_numbered_clause_are_cited_by_their_names(tmp_path) -> None:
    """A Word 办事指南 that is only a title, the line of who compiled it and its table of fields: each row is cited by
    the field it is ("发放方式"), and "…民政局…编制" is no caption the rows stand under."""
    import docx

    from advisor.ingest.pipeline import ingest
    from advisor.settings import Settings

    d = docx.Document()
    d.add_paragraph("某县高龄津贴申领办事指南")
    d.add_paragraph("某县民政局某县行政审批局编制")
    table = d.add_table(rows=0, cols=2)
    for key, value in (("事项名称", "高龄津贴申领"), ("补贴标准", "80—89周岁，每人每月60元"),
                       ("发放方式", "按季度发放，每季度首月15日前发放到位"), ("咨询电话", "0000-8821636")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    path = tmp_path / "某县高龄津贴申领办事指南.docx"
    d.save(str(path))
    rows = [c for c in ingest(Settings(), sources=[path]).chunks if "|" in c.text]
    assert [c.article for c in rows] == ["事项名称", "补贴标准", "发放方式", "咨询电话"]
    assert not any("编制" in c.heading_path for c in rows)


def test_a_bare_question_line_goes_with_the_answer_under_it() -> None:
    """A 常见问题 page or a press conference prints a question line ("失能评估要交钱吗？", "记者：…需要重新申请吗？") over
    its answer with no "答：": the question opens the answer's chunk, it is not glued to the answer before it."""
    from advisor.ingest.chunking import _outline_groups
    from advisor.schema import Document

    text = "\n".join(["某市长期护理保险常见问题解答", "市医疗保障局整理了群众咨询较多的问题，解答如下：",
                      "失能评估要交钱吗？", "评估费用每人每次300元。评估结论为重度失能的，评估费用由长期护理保险基金支付。",
                      "住院期间还能享受长护险待遇吗？", "不能。参保人住院期间暂停享受长期护理保险待遇，出院后可申请恢复。"])
    doc = Document(doc_id="d", source="faq.html", title="某市长期护理保险常见问题解答", text=text)
    groups = ["".join(p.text for p in paras) for paras, _path, _label in _outline_groups(doc, 800, 40)]
    assert any(g.startswith("失能评估要交钱吗？评估费用每人每次300元") for g in groups), groups
    assert any(g.startswith("住院期间还能享受长护险待遇吗？不能。") for g in groups), groups
    assert not any(g.endswith("要交钱吗？") or g.endswith("待遇吗？") for g in groups), groups


def test_lines_the_extractor_moved_go_back_where_the_page_prints_them() -> None:
    """trafilatura gives a table nested in a page laid out in tables after the page's footer; it goes back under
    the clause that introduces it. A line the page prints twice (the issuer, atop and in the 落款) stays in place."""
    from advisor.ingest.readers import in_page_order

    page = "\n".join(["杭州市民政局", "三、照料护理标准", "具体标准如下：", "全自理 | 94", "全护理 | 940", "四、资金发放",
                      "按月发放。", "杭州市民政局", "2024年8月20日", "主办单位：某县政务信息中心"])
    moved = ["三、照料护理标准", "具体标准如下：", "四、资金发放", "按月发放。", "杭州市民政局", "2024年8月20日",
             "全自理 | 94", "全护理 | 940"]
    assert in_page_order(moved, page) == ["三、照料护理标准", "具体标准如下：", "全自理 | 94", "全护理 | 940", "四、资金发放",
                                          "按月发放。", "杭州市民政局", "2024年8月20日"]
    assert in_page_order(moved[:6], page) == moved[:6]  # in order already: as it is


def test_a_notices_last_numbered_parts_without_elder_care_words_are_its_text_not_the_footer() -> None:
    """"五、执行时间 … 七、联系方式" and the 落款 after them say no elder-care word, yet they are the notice's text: only
    what follows its date is the page's footer."""
    from advisor.ingest.segment import _body_goes_on

    lines = ["一、调整对象", "全县特困人员。", "四、资金发放", "按月发放到特困人员本人账户。", "五、执行时间", "新标准自2024年7月1日起执行。",
             "七、联系方式", "联系电话：0352-6621835。", "2024年8月20日", "主办单位：某县政务信息中心", "晋ICP备05006318号"]
    assert _body_goes_on(lines, 4) == 9  # up to and with the date
    assert _body_goes_on(["某市新闻", "特困人员救助。", "相关阅读", "网站地图"], 2) == 2  # no numbered parts: as it was


def test_a_transcript_or_a_faq_is_titled_by_its_own_name_not_the_issuer_over_it() -> None:
    from advisor.ingest.metadata import extract_title

    text = "梅河口市人民政府新闻办公室\n“老年助餐服务提质扩面”新闻发布会实录\n发布时间：2024年12月18日\n主持人：各位记者朋友，大家上午好！"
    assert extract_title(text) == "“老年助餐服务提质扩面”新闻发布会实录"
    assert extract_title("茂名市医疗保障局\n长期护理保险常见问题解答\n发布日期：2025-04-15") == "长期护理保险常见问题解答"
