"""Ingestion of the shapes official documents really arrive in: a LawRefBook markdown law, text copied
from a PDF (hard line breaks, page markers), a Word file, a text PDF, a GBK government web page with
its chrome, a government page carrying a 规范性文件 with a table, two versions of one regulation, and a
national law that says nothing about elder care.

Every document is written here (fictional but modelled on real local regulations) and turned into a
real file of its format in tmp_path; the whole pipeline (read → clean → split → metadata → chunks) runs
on it, no embedding model needed."""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import make_corpus

from advisor.ingest.clean import normalize_for_match
from advisor.ingest.pipeline import IngestResult, ingest
from advisor.ingest.structure import article_label, count_articles
from advisor.schema import Chunk, Document
from advisor.settings import Settings

# ----------------------------------------------------------------------------------------------
# the documents
# ----------------------------------------------------------------------------------------------


@dataclass
class Regulation:
    """A law or regulation: title, header lines (adoption, approval, amendment), chapters of articles.
    An article is a list of paragraphs (款, or items (一)… on lines of their own); its number is its
    position in the whole regulation; the first paragraph is written after "第N条"."""

    title: str
    header: list[str]
    chapters: list[tuple[str, str, list[list[str]]]]  # (第一章, 总则, articles)
    tables: dict[int, list[list[str]]] = field(default_factory=dict)  # article number → rows (header first)

    def articles(self) -> list[tuple[int, str, list[str]]]:
        """(number, chapter heading as a heading path writes it, paragraphs) of every article."""
        out = []
        n = 0
        for num, name, arts in self.chapters:
            for paragraphs in arts:
                n += 1
                out.append((n, f"{num} {name}", paragraphs))
        return out


def qingdao_articles(v: dict[str, str]) -> list[tuple[str, str, list[list[str]]]]:
    """The body of a city's (or a province's) 养老服务促进条例: 5 chapters, 12 articles; 第六条 has a list
    (一)…(五), 第八条 is long (three paragraphs, over 700 characters)."""
    return [
        ("第一章", "总则", [
            [f"为了促进养老服务发展，保障老年人合法权益，满足老年人多层次养老服务需求，根据《中华人民共和国老年人权益保障法》等法律、法规，结合{v['ben']}实际，制定本条例。"],
            [f"{v['ben']}行政区域内养老服务的提供、促进和监督管理，适用本条例。",
             "本条例所称养老服务，是指为老年人提供的生活照料、康复护理、精神慰藉、紧急援助、文化娱乐等服务。"],
            ["养老服务应当坚持政府主导、社会参与、市场运作、统筹发展的原则，构建以居家为基础、社区为依托、机构为补充、医养相结合的养老服务体系。"],
            [f"{v['gov']}应当将养老服务发展纳入国民经济和社会发展规划，建立与经济社会发展水平相适应的养老服务经费保障机制，所需经费列入本级财政预算。",
             f"{v['dept']}负责本行政区域内养老服务的统筹规划、指导协调和监督管理工作。发展改革、财政、自然资源和规划、住房城乡建设、卫生健康、医疗保障等部门按照各自职责，做好养老服务相关工作。"],
        ]),
        ("第二章", "居家社区养老服务", [
            ["新建住宅小区应当按照每百户不低于二十平方米的标准配套建设社区养老服务用房，并与住宅同步规划、同步建设、同步验收、同步交付使用。",
             f"已建成住宅小区没有养老服务设施或者现有设施未达到规划要求的，{v['base']}应当通过购置、置换、租赁等方式予以解决。"],
            ["街道办事处、镇人民政府应当依托社区养老服务设施，组织为居家老年人提供下列服务：",
             "（一）助餐、助浴、助洁、助行等生活照料服务；",
             "（二）康复护理、健康管理等医疗保健服务；",
             "（三）精神慰藉、心理疏导服务；",
             "（四）紧急呼叫、安全援助服务；",
             "（五）文化娱乐、体育健身服务。"],
            [f"{v['platform']}应当建立{v['whole']}统一的养老服务信息平台，汇集老年人基本信息、服务需求和养老服务机构等信息，为老年人提供便捷的服务查询、预约和评价服务。"],
        ]),
        ("第三章", "机构养老服务", [
            ["政府投资兴办的养老机构应当发挥兜底保障作用，优先保障特困老年人、经济困难的失能失智老年人、计划生育特殊家庭老年人以及为社会作出重要贡献的老年人的养老服务需求。"
             "政府投资兴办的养老机构在满足兜底保障对象入住需求的基础上，可以向社会开放床位，收费标准由价格主管部门会同民政部门按照服务成本核定，并向社会公布。"
             f"{v['base']}应当根据本行政区域兜底保障对象的数量和分布，合理确定政府投资兴办的养老机构的数量、规模和床位结构，护理型床位占比不得低于百分之六十。"
             "政府投资兴办的养老机构可以委托社会力量运营，运营方应当保持其公益属性，不得改变养老服务用途。",
             "鼓励社会力量通过独资、合资、合作、联营、参股等方式兴办养老机构。社会力量兴办的非营利性养老机构，按照规定享受建设补贴和运营补贴；建设补贴按照新增床位数量分期拨付，运营补贴根据实际收住老年人数量、老年人失能等级和服务质量评估结果确定。"
             f"对收住{v['ben']}户籍失能老年人的养老机构，{v['gov']}应当按照每人每月不低于{v['amount']}的标准给予护理补贴。"
             "养老机构用电、用水、用气、用热按照居民生活类价格执行，有线电视、宽带互联网等费用按照有关规定给予优惠。"
             "养老机构建设用地依法纳入国土空间规划和年度用地计划，非营利性养老机构可以依法使用划拨土地。",
             "养老机构应当与入住老年人或者其代理人签订服务协议，明确服务内容、收费标准、权利义务和违约责任等事项。"
             "养老机构应当按照国家和有关标准配备专业护理人员，建立健全安全管理、消防管理、食品安全、突发事件应急处置等制度，定期开展安全检查和应急演练。"
             "养老机构暂停或者终止服务的，应当提前九十日向所在地民政部门报告，并书面告知入住老年人及其代理人，妥善安置入住老年人。"
             "民政部门应当对养老机构的服务质量、安全管理和收费情况进行监督检查，并将检查结果向社会公开。"],
            ["养老机构应当按照规定为入住老年人提供生活照料、膳食、康复护理等服务，不得歧视、侮辱、虐待或者遗弃老年人。"],
        ]),
        ("第四章", "医养结合", [
            ["卫生健康部门应当支持医疗机构与养老机构建立签约合作机制，为入住老年人提供预约就诊、急诊急救、健康管理等服务。",
             "养老机构内设的医疗机构，符合条件的，按照规定纳入基本医疗保险定点范围。"],
            [f"{v['ben']}建立长期护理保险制度，为长期失能、失智的参保人员提供基本生活照料和与基本生活密切相关的医疗护理服务。"],
        ]),
        ("第五章", "附则", [
            [f"本条例自{v['effective']}起施行。"],
        ]),
    ]


QINGDAO = {"ben": "本市", "gov": "市、区（市）人民政府", "dept": "市、区（市）民政部门", "base": "区（市）人民政府",
           "platform": "市民政部门", "whole": "全市", "amount": "二百元", "effective": "2016年1月1日"}
QD_TITLE = "青岛市养老服务促进条例"
QD_ADOPTED = "2015年10月28日 青岛市第十五届人民代表大会常务委员会第三十次会议通过"
QD_APPROVED = "2015年12月10日 山东省第十二届人民代表大会常务委员会第十七次会议批准"
QD_AMENDED = ("2021年11月26日 山东省第十三届人民代表大会常务委员会第三十二次会议批准《青岛市人民代表大会常务委员会"
              "关于修改〈青岛市养老服务促进条例〉等十件地方性法规的决定》修正")


def qingdao(**changes: str) -> Regulation:
    return Regulation(QD_TITLE, [QD_ADOPTED, QD_APPROVED], qingdao_articles({**QINGDAO, **changes}))


def jiangsu() -> Regulation:
    """A province's regulation (the same body, written for a province)."""
    words = {"ben": "本省", "gov": "县级以上人民政府", "dept": "县级以上人民政府民政部门", "base": "县（市、区）人民政府",
             "platform": "省民政部门", "whole": "全省", "amount": "二百元", "effective": "2020年3月1日"}
    return Regulation("江苏省居家养老服务条例", ["2019年11月29日 江苏省第十三届人民代表大会常务委员会第十二次会议通过"],
                      qingdao_articles(words))


def shaoxing() -> Regulation:
    """A city's regulation whose 第七条 carries a table of subsidies."""
    words = {"ben": "本市", "gov": "市、区、县（市）人民政府", "dept": "市、区、县（市）民政部门",
             "base": "区、县（市）人民政府", "platform": "市民政部门", "whole": "全市", "amount": "三百元",
             "effective": "2019年7月1日"}
    chapters = qingdao_articles(words)
    chapters[1][2][2].append("对经济困难的高龄、失能老年人，按照下列标准给予居家养老服务补贴：")
    return Regulation("绍兴市居家养老服务条例",
                      ["2019年4月25日绍兴市第八届人民代表大会常务委员会第十九次会议通过",
                       "2019年5月30日浙江省第十三届人民代表大会常务委员会第十二次会议批准"],
                      chapters,
                      {7: [["补贴对象", "补贴标准", "发放方式"],
                           ["低保家庭中的失能老年人", "每人每月400元", "按月发放服务券"],
                           ["低保边缘家庭中的失能老年人", "每人每月300元", "按月发放服务券"],
                           ["八十周岁以上的低保家庭老年人", "每人每月200元", "按月发放至本人社会保障卡"]]})


def archives_law() -> Regulation:
    """A national law with no elder-care vocabulary at all."""
    return Regulation("中华人民共和国档案信息化促进法", ["2023年10月24日 第十四届全国人民代表大会常务委员会第六次会议通过"], [
        ("第一章", "总则", [
            ["为了推进档案信息化建设，提高档案管理和利用水平，保障档案数据安全，根据宪法，制定本法。"],
            ["在中华人民共和国境内从事档案数字化、电子档案管理、档案数据共享利用及其监督管理活动，适用本法。"],
            ["国家档案主管部门主管全国的档案信息化工作。县级以上地方档案主管部门主管本行政区域内的档案信息化工作。",
             "机关、团体、企业事业单位和其他组织应当确定档案信息化工作的责任部门和人员。"],
        ]),
        ("第二章", "电子档案管理", [
            ["电子档案应当来源可靠、程序规范、要素合规。电子档案与传统载体档案具有同等效力，可以以电子形式作为凭证使用。"],
            ["档案馆应当建设电子档案长期保存系统，采取备份、迁移、加密等措施，确保电子档案真实、完整、可用和安全。"],
            ["档案数据的共享利用应当遵守下列规定：",
             "（一）依法公开的档案数据，应当通过统一平台提供查询利用；",
             "（二）涉及国家秘密的档案数据，按照保密法律法规的规定管理；",
             "（三）涉及个人信息的档案数据，应当依法处理，不得泄露或者篡改。"],
        ]),
        ("第三章", "法律责任", [
            ["档案主管部门、档案馆的工作人员在档案信息化工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分。"],
            ["违反本法规定，擅自销毁、篡改、伪造电子档案的，由县级以上档案主管部门责令限期改正，对直接负责的主管人员和其他直接责任人员依法给予处分；构成犯罪的，依法追究刑事责任。"],
        ]),
        ("第四章", "附则", [
            ["军队档案信息化工作的具体管理办法，由中央军事委员会依照本法制定。"],
            ["本法自2024年3月1日起施行。"],
        ]),
    ])


# ----------------------------------------------------------------------------------------------
# chrome every test checks for: no chunk may carry any of it
# ----------------------------------------------------------------------------------------------

CHROME = ["首页", "政务公开", "政务服务", "互动交流", "当前位置", "分享到", "微信", "微博", "QQ空间", "打印本页", "关闭窗口",
          "相关阅读", "主办单位", "承办单位", "网站标识码", "ICP备", "公网安备", "版权所有", "网站地图", "浏览次数",
          "无障碍", "长者模式", "_青岛市人民政府", "INFO END", "<!--", "##"]
PAGE_MARK = re.compile(r"—\s*\d+\s*—|第\s*\d+\s*页|共\s*\d+\s*页")
RELATED = ["青岛市人民政府关于加快发展养老服务业的实施意见", "青岛市老年人优待办法", "关于开展2023年敬老月活动的通知"]


# ----------------------------------------------------------------------------------------------
# checks
# ----------------------------------------------------------------------------------------------


def run(tmp_path: Path, files: dict[str, bytes]) -> IngestResult:
    s = Settings()
    s.corpus_dir = make_corpus(tmp_path / "c", [])
    for name, data in files.items():
        (s.policies_dir / name).write_bytes(data)
    res = ingest(s)
    assert not res.skipped, [(x.source, x.code, x.reason_en) for x in res.skipped]
    return res


def only_document(res: IngestResult) -> tuple[Document, list[Chunk]]:
    """The one document of a one-file corpus (a law is never split by chapter) and its chunks."""
    assert [d.title for d in res.documents] and len(res.documents) == 1, [d.title for d in res.documents]
    doc = res.documents[0]
    return doc, [c for c in res.chunks if c.doc_id == doc.doc_id]


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences (and list intros / items), as verifiable spans."""
    return [s for s in re.split(r"(?<=[。；：])", paragraph) if len(s) >= 6]


def check_no_chrome(chunks: list[Chunk], extra: tuple[str, ...] = ()) -> None:
    for c in chunks:
        for junk in (*CHROME, *RELATED, *extra):
            assert junk not in c.text, (junk, c.article, c.text[:80])
        assert not PAGE_MARK.search(c.text), (PAGE_MARK.search(c.text).group(0), c.text[:80])  # type: ignore[union-attr]


def check_articles(reg: Regulation, doc: Document, chunks: list[Chunk], long_article: int | None = 8) -> None:
    """Every article is there once, every sentence of it sits in a chunk labelled with that article,
    whose heading path is "第N章 章名 > 第X条…"; a long article is cut between its 款 (第X条第N款)."""
    arts = reg.articles()
    assert count_articles(doc.text) == len(arts)
    labels = {c.article for c in chunks}
    for n, chapter, paragraphs in arts:
        label = article_label(n)
        mine = [c for c in chunks if c.article == label or c.article.startswith(label + "第")]
        assert mine, (label, sorted(labels))
        for c in mine:
            assert c.heading_path == f"{chapter} > {c.article}" or (
                n in reg.tables and c.heading_path.startswith(f"{chapter} > ")), (c.heading_path, c.article)
        for p in paragraphs:
            for s in sentences(p):
                assert any(normalize_for_match(s) in normalize_for_match(c.text) for c in mine), (label, s)
        if n == long_article:
            assert len(mine) >= 2, [c.article for c in mine]
            assert all(re.fullmatch(rf"{label}第[一二三]款(?:至第[一二三]款)?", c.article) for c in mine), \
                [c.article for c in mine]
            second = next(c for c in mine if normalize_for_match(sentences(paragraphs[1])[-1]) in
                          normalize_for_match(c.text))
            assert "第二款" in second.article, second.article
        elif n not in reg.tables:
            assert len(mine) == 1, [c.text[:30] for c in mine]  # a short article is one chunk
            assert mine[0].article == label
    # no chunk runs across two articles
    for c in chunks:
        starts = [x for x in c.text.split("\n") if re.match(r"^第[一二三四五六七八九十]+条", x)]
        assert len(starts) <= 1, (c.article, c.text[:60])


def check_law_meta(doc: Document, title: str, region: str, level: str, kind: str, adopted: str, effective: str,
                   amended: str = "") -> None:
    assert doc.title == title
    assert (doc.region, doc.level) == (region, level)
    assert doc.kind == kind
    assert (doc.adopted_date, doc.amended_date, doc.effective_date) == (adopted, amended, effective)


# ----------------------------------------------------------------------------------------------
# writers: one per shape
# ----------------------------------------------------------------------------------------------


def to_markdown(reg: Regulation) -> str:
    """LawRefBook/Laws style: # title, header lines, <!-- INFO END -->, ## chapter headings."""
    out = [f"# {reg.title}", ""]
    for line in reg.header:
        out += [line, ""]
    out += ["<!-- INFO END -->", ""]
    for n, (num, name, _), paragraphs in _with_chapter_starts(reg):
        if num:
            out += [f"## {num} {name}", ""]
        out += [f"{article_label(n)} {paragraphs[0]}", ""]
        for p in paragraphs[1:]:
            out += [p, ""]
    return "\n".join(out)


def _with_chapter_starts(reg: Regulation) -> list[tuple[int, tuple[str, str, list[list[str]]], list[str]]]:
    """(article number, its chapter when the article opens it else ("", "", []), paragraphs)."""
    out = []
    n = 0
    for chapter in reg.chapters:
        for i, paragraphs in enumerate(chapter[2]):
            n += 1
            out.append((n, chapter if i == 0 else ("", "", []), paragraphs))
    return out


def to_plain_text(reg: Regulation) -> str:
    """A law as the national database's text download gives it: one paragraph a line, no markup."""
    lines = [reg.title, *reg.header]
    for n, (num, name, _), paragraphs in _with_chapter_starts(reg):
        if num:
            lines.append(f"{num} {name}")
        lines += [f"{article_label(n)} {paragraphs[0]}", *paragraphs[1:]]
    return "\n".join(lines)


def printed_lines(reg: Regulation, width: int = 30) -> list[str]:
    """The regulation as a PDF prints it: centred title, the header in brackets, chapter headings with
    full-width spaces, paragraphs indented two characters and wrapped every `width` characters."""
    lines = ["          " + reg.title, ""]
    lines += wrap("（" + "　".join(x.replace(" ", "") for x in reg.header) + "）", width)
    for n, (num, name, _), paragraphs in _with_chapter_starts(reg):
        if num:
            lines += ["", f"          {num}　{'　'.join(name) if len(name) <= 2 else name}", ""]
        lines += wrap(f"　　{article_label(n)}　{paragraphs[0]}", width)
        for p in paragraphs[1:]:
            lines += wrap(f"　　{p}", width)
    return lines


def wrap(paragraph: str, width: int) -> list[str]:
    """Hard line breaks every `width` characters, as a typesetter breaks them: no line starts with a
    closing mark (，。、》…), and no line inside a paragraph ends with 。；： (that would be
    indistinguishable from a paragraph's end): such a line is broken a character or two earlier."""
    out = []
    rest = paragraph
    while len(rest) > width:
        cut = width
        while cut > width - 5 and (rest[cut - 1] in "。；：" or rest[cut] in NO_LINE_START):
            cut -= 1
        out.append(rest[:cut])
        rest = rest[cut:]
    out.append(rest)
    return out


NO_LINE_START = "，。、；：？！》〉）”’"


def to_copied_text(reg: Regulation, lines_per_page: int = 22) -> str:
    """Text copied out of a PDF: hard line breaks and a 第 n 页 共 m 页 footer after every page
    (falling wherever the page ends, often inside a sentence)."""
    lines = printed_lines(reg)
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    out = []
    for k, page in enumerate(pages, 1):
        out += [*page, "", f"                第 {k} 页 共 {len(pages)} 页", ""]
    return "\n".join(out)


def to_docx(reg: Regulation) -> bytes:
    """A Word file: title paragraph (Title style), header paragraphs, chapter headings in Heading 2,
    one paragraph per 款 or item, tables as real Word tables with a header row."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.add_paragraph(reg.title, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in reg.header:
        d.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for n, (num, name, _), paragraphs in _with_chapter_starts(reg):
        if num:
            d.add_heading(f"{num}　{name}", level=2).alignment = WD_ALIGN_PARAGRAPH.CENTER
        d.add_paragraph(f"{article_label(n)}　{paragraphs[0]}")
        for p in paragraphs[1:]:
            d.add_paragraph(p)
        if rows := reg.tables.get(n):
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for k, cell in enumerate(row):
                    table.cell(r, k).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@functools.cache
def _cjk_font_file() -> str | None:
    """A CJK font on this machine that fpdf2 writes as a text layer a reader can extract (fpdf2 gives no
    extractable text with some OpenType/CFF collections, e.g. Noto Sans CJK .ttc), or None."""
    files: list[str] = []
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
        files = [x.strip().rstrip(":") for x in out.splitlines() if x.strip()]
    for root in ("/usr/share/fonts", "/usr/local/share/fonts"):
        files += [str(p) for p in Path(root).rglob("*") if re.search(r"(?i)cjk|wqy|noto.*(sc|cn)", p.name)]
    files = [f for f in dict.fromkeys(files) if f.lower().endswith((".ttf", ".ttc", ".otf")) and Path(f).exists()]
    files.sort(key=lambda f: (not re.search(r"(?i)wqy|\.ttf$", f), "Bold" in f, f))
    return next((f for f in files if _fpdf_text_layer(f)), None)


def _fpdf_text_layer(font: str) -> bool:
    """Whether a PDF fpdf2 writes with `font` has text pypdf can read back."""
    try:
        from fpdf import FPDF
        from pypdf import PdfReader

        pdf = FPDF()
        pdf.add_font("cjk", fname=font, collection_font_number=0)
        pdf.add_page()
        pdf.set_font("cjk", size=14)
        pdf.cell(0, 10, "养老服务条例")
        return "养老" in PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].extract_text()
    except Exception:  # any failure means: not this font
        return False


def _fpdf_pages(font: str, pages: list[list[str]], size: int, line_height: float, footer: str,
                header: str = "") -> bytes:
    """A text PDF (fpdf2, the CJK font `font`): each page's lines, an optional running header at the top and
    `footer` ("— {k} —", "第 {k} 页 共 {n} 页") at the bottom."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=font, collection_font_number=0)
    for k, page in enumerate(pages, 1):
        pdf.add_page()
        if header:
            pdf.set_font("cjk", size=9)
            pdf.set_xy(20, 10)
            pdf.cell(0, 6, header)
        pdf.set_font("cjk", size=size)
        pdf.set_xy(20, 25)
        for line in page:
            pdf.cell(0, line_height, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_xy(20, 280)
        pdf.cell(170, 8, footer.format(k=k, n=len(pages)), align="C")
    return bytes(pdf.output())


def to_pdf(reg: Regulation, lines_per_page: int = 24, header: str = "") -> bytes:
    """A text PDF (an embedded CJK font, so a real text layer): wrapped lines, "— n —" page numbers, and
    `header` at the top of every page (a regulation's title is often its running header)."""
    font = _cjk_font_file()
    lines = printed_lines(reg)
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    if font:
        return _fpdf_pages(font, pages, size=14, line_height=9.5, footer="— {k} —", header=header)
    pytest.importorskip("reportlab", reason="no CJK font file on this machine and no reportlab CID font")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for k, page in enumerate(pages, 1):
        if header:
            c.setFont("STSong-Light", 9)
            c.drawString(60, 810, header)
        c.setFont("STSong-Light", 14)
        for i, line in enumerate(page):
            c.drawString(60, 770 - 27 * i, line)
        c.drawCentredString(297, 40, f"— {k} —")
        c.showPage()
    c.save()
    return buf.getvalue()


# government page chrome (an old CMS page: divs, not <nav>/<footer>)
PAGE_TOP = """<div class="top-bar"><span>无障碍</span> | <span>长者模式</span> | <a href="/">English</a></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="青岛市人民政府"></div>
<div class="search"><input type="text" name="q" value="请输入关键字"><a class="btn" href="#">搜索</a></div></div>
<div class="menu"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjqd/">走进青岛</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a>
 &gt; <a href="/zwgk/zcwj/{column}/">{column_name}</a></div>"""

PAGE_BOTTOM = """<div class="share">分享到：<a href="#" class="wx">微信</a><a href="#" class="wb">微博</a><a href="#" class="qq">QQ空间</a></div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><div class="related-title">相关阅读</div><ul>
<li><a href="/zwgk/1.html">青岛市人民政府关于加快发展养老服务业的实施意见</a><span>2014-06-18</span></li>
<li><a href="/zwgk/2.html">青岛市老年人优待办法</a><span>2016-03-02</span></li>
<li><a href="/zwgk/3.html">关于开展2023年敬老月活动的通知</a><span>2023-09-26</span></li></ul></div>
<div class="footer"><p>主办单位：青岛市人民政府办公厅　承办单位：青岛市大数据发展管理局</p>
<p>网站标识码：3702000038　鲁ICP备05001951号　鲁公网安备37020202000123号</p>
<p>版权所有：青岛市人民政府　<a href="/wzdt/">网站地图</a>　<a href="/lxwm/">联系我们</a></p></div>
<script type="text/javascript">var _hmt = _hmt || []; document.write("统计代码");</script>
</body></html>"""


def page_head(title: str, charset: str) -> str:
    return (f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            f"<title>{title}_青岛市人民政府</title>\n"
            '<meta name="keywords" content="养老,政策文件"><link rel="stylesheet" href="/css/style.css">\n'
            '<script type="text/javascript" src="/js/jquery.min.js"></script></head>\n<body>\n')


def meta_table(rows: list[tuple[str, str]]) -> str:
    """The 信息公开 table above an article: two key/value pairs a row."""
    cells = [f"<td class='key'>{k}：</td><td>{v}</td>" for k, v in rows]
    trs = ["<tr>" + "".join(cells[i : i + 2]) + "</tr>" for i in range(0, len(cells), 2)]
    return "<div class='xxgk'><table class='xxgk-table'>" + "".join(trs) + "</table></div>\n"


def to_gov_page(reg: Regulation) -> str:
    """A government site's page carrying a regulation: chrome around it, centred bold chapter headings,
    bold article numbers, the header in brackets in one paragraph."""
    body = [f'<div class="article"><h1 class="article-title">{reg.title}</h1>',
            '<div class="article-info"><span>发布时间：2015-12-22 09:30</span><span>来源：青岛市人大常委会</span>'
            '<span>浏览次数：3218</span></div>',
            '<div class="article-content" id="zoom">',
            '<p style="text-align:center">（' + "　".join(x.replace(" ", "") for x in reg.header) + "）</p>"]
    for n, (num, name, _), paragraphs in _with_chapter_starts(reg):
        if num:
            body.append(f'<p style="text-align:center"><strong>{num}　{name}</strong></p>')
        body.append(f'<p style="text-indent:2em"><strong>{article_label(n)}</strong>　{paragraphs[0]}</p>')
        body += [f'<p style="text-indent:2em">{p}</p>' for p in paragraphs[1:]]
    body.append("</div>")
    top = PAGE_TOP.format(column="dfxfg", column_name="地方性法规")
    rows = [("索引号", "11370200004153219C/2015-00271"), ("主题分类", "民政、扶贫、救灾"),
            ("发布机构", "青岛市人民代表大会常务委员会"), ("有效性", "有效")]
    return page_head(reg.title, "gb2312") + top + meta_table(rows) + "\n".join(body) + PAGE_BOTTOM


# a 规范性文件 numbered 一、/（一） with a 文号 row, published on the same site, with its 清单 as a table
OPINION_TITLE = "关于推进基本养老服务体系建设的实施意见"
OPINION_ROWS = [["服务项目", "服务对象", "服务内容"],
                ["老年人能力综合评估", "本市户籍60周岁及以上有评估需求的老年人", "依申请免费提供老年人能力综合评估服务，评估结果全市互认"],
                ["高龄津贴", "本市户籍80周岁及以上老年人", "80至89周岁每人每月100元，90至99周岁每人每月200元，100周岁及以上每人每月500元"],
                ["特困人员供养", "特困老年人", "提供基本生活、照料护理、疾病治疗等集中或者分散供养服务"],
                ["居家适老化改造", "经济困难的失能、残疾老年人家庭", "给予每户不超过3000元的居家适老化改造补贴"]]
OPINION = [
    "各区、市人民政府，青岛西海岸新区管委，市政府各部门，市直各单位：",
    "为贯彻落实《中共中央办公厅 国务院办公厅印发〈关于推进基本养老服务体系建设的意见〉的通知》精神，加快推进我市基本养老服务体系建设，经市政府同意，现提出如下实施意见。",
    "一、总体要求",
    "（一）指导思想。坚持以人民为中心的发展思想，以满足老年人基本养老服务需求为目标，推动基本养老服务由特殊群体向全体老年人逐步拓展，让老年人共享改革发展成果。",
    "（二）主要目标。到2025年，基本养老服务清单制度全面建立，基本养老服务对象、内容、标准更加清晰，覆盖全体老年人的基本养老服务体系基本建成。",
    "二、重点任务",
    "（三）落实基本养老服务清单。市民政局会同有关部门制定青岛市基本养老服务清单，明确服务对象、服务内容、服务标准和支出责任，并根据经济社会发展水平实行动态调整。",
    "（四）建立老年人能力综合评估制度。统一全市老年人能力综合评估标准，评估结果作为领取补贴、接受基本养老服务的依据，实现跨部门互认。",
    "（五）完善居家社区养老服务网络。每个街道至少建有一处具备全日托养、日间照料、上门服务等功能的综合养老服务中心，社区养老服务设施覆盖率达到百分之百。",
    "三、保障措施",
    "（六）强化组织领导。各区、市人民政府要将基本养老服务体系建设纳入重要议事日程，建立健全工作推进机制，明确责任分工，确保各项任务落到实处。",
    "（七）加强资金保障。各级财政要按照基本养老服务清单确定的支出责任足额安排资金，福利彩票公益金用于支持发展养老服务的比例不低于百分之五十五。",
    "本意见自2023年4月15日起施行，有效期至2028年4月14日。",
    "附件：青岛市基本养老服务清单",
]


def to_opinion_page() -> str:
    top = PAGE_TOP.format(column="szfbgtwj", column_name="市政府办公厅文件")
    rows = [("索引号", "11370200004153219C/2023-00058"), ("主题分类", "民政、扶贫、救灾"),
            ("发布机构", "青岛市人民政府办公厅"), ("成文日期", "2023年3月15日"),
            ("文号", "青政办发〔2023〕5号"), ("有效性", "有效")]
    body = [f'<div class="article"><div class="article-title">{OPINION_TITLE}</div>', '<div class="article-content" id="zoom">']
    for p in OPINION[:-1]:
        style = ' style="text-indent:2em"' if not p.startswith("各区") else ""
        body.append(f"<p{style}>{p}</p>")
    body += ['<p style="text-align:right">青岛市人民政府办公厅</p>', '<p style="text-align:right">2023年3月15日</p>',
             f"<p>{OPINION[-1]}</p>", '<table border="1" cellspacing="0" class="list-table"><tbody>']
    body.append("<tr>" + "".join(f"<th>{x}</th>" for x in OPINION_ROWS[0]) + "</tr>")
    body += ["<tr>" + "".join(f"<td>{x}</td>" for x in row) + "</tr>" for row in OPINION_ROWS[1:]]
    body += ["</tbody></table>", "</div>"]
    return page_head(OPINION_TITLE, "utf-8") + top + meta_table(rows) + "\n".join(body) + PAGE_BOTTOM


def meta_lines(rows: list[tuple[str, str]]) -> str:
    """The 信息公开 block written as one "label：value" line each (a list, not a table)."""
    return "<ul class='xxgk'>" + "".join(f"<li>{k}：{v}</li>" for k, v in rows) + "</ul>\n"


# ----------------------------------------------------------------------------------------------
# the shapes
# ----------------------------------------------------------------------------------------------


def test_lawrefbook_markdown_regulation(tmp_path: Path) -> None:
    reg = qingdao()
    res = run(tmp_path, {"青岛市养老服务促进条例(2015-12-10).md": to_markdown(reg).encode("utf-8")})
    doc, chunks = only_document(res)
    check_law_meta(doc, QD_TITLE, "山东省青岛市", "city", "地方性法规", "2015-10-28", "2016-01-01")
    check_articles(reg, doc, chunks)
    assert any(c.article == "第三条" and "坚持政府主导、社会参与、市场运作、统筹发展的原则" in c.text for c in chunks)
    assert any(c.heading_path == "第二章 居家社区养老服务 > 第六条" and "（五）文化娱乐、体育健身服务。" in c.text
               for c in chunks)
    check_no_chrome(chunks)
    assert not res.warnings and not res.dropped


def test_text_copied_from_pdf_with_hard_breaks_and_page_footers(tmp_path: Path) -> None:
    reg = jiangsu()
    raw = to_copied_text(reg)
    assert raw.count("页 共") >= 3 and max(len(x) for x in raw.split("\n")) <= 32
    res = run(tmp_path, {"江苏省居家养老服务条例.txt": raw.encode("utf-8")})
    doc, chunks = only_document(res)
    check_law_meta(doc, "江苏省居家养老服务条例", "江苏省", "province", "地方性法规", "2019-11-29", "2020-03-01")
    check_articles(reg, doc, chunks)
    # a line break inside a sentence is not kept in the text
    c = next(c for c in chunks if c.article == "第三条")
    assert "构建以居家为基础、社区为依托、机构为补充、医养相结合的养老服务体系。" in c.text
    assert "\n" not in c.text
    check_no_chrome(chunks)


def check_table_rows(chunks: list, header: list[str], rows: list[list[str]], key: int) -> list:
    """Each data row is its own chunk (found by its cell `key`), its cells joined, under its table's header;
    returns those chunks in row order."""
    found = []
    for row in rows:
        hits = [c for c in chunks if row[key] in c.text]
        assert len(hits) == 1, (row[0], [c.text for c in hits])
        c = hits[0]
        assert c.text == " | ".join(row)  # each data row is its own chunk
        assert "表:" + " | ".join(header) in c.heading_path, c.heading_path
        found.append(c)
    return found


def test_word_document_with_heading_styles_and_table(tmp_path: Path) -> None:
    reg = shaoxing()
    res = run(tmp_path, {"绍兴市居家养老服务条例.docx": to_docx(reg)})
    doc, chunks = only_document(res)
    check_law_meta(doc, "绍兴市居家养老服务条例", "浙江省绍兴市", "city", "地方性法规", "2019-04-25", "2019-07-01")
    check_articles(reg, doc, chunks)
    header, *rows = reg.tables[7]
    for c in check_table_rows(chunks, header, rows, key=0):
        assert c.heading_path.startswith("第二章 居家社区养老服务 > ")
        assert c.article == "第七条"
    check_no_chrome(chunks)


def test_text_pdf_with_wrapped_lines_and_page_numbers(tmp_path: Path) -> None:
    reg = qingdao()
    res = run(tmp_path, {"qingdao-yanglao.pdf": to_pdf(reg)})
    doc, chunks = only_document(res)
    check_law_meta(doc, QD_TITLE, "山东省青岛市", "city", "地方性法规", "2015-10-28", "2016-01-01")
    check_articles(reg, doc, chunks)
    check_no_chrome(chunks)


def test_text_pdf_whose_running_header_is_its_title(tmp_path: Path) -> None:
    reg = qingdao()
    res = run(tmp_path, {"qingdao-yanglao.pdf": to_pdf(reg, header=reg.title)})
    doc, chunks = only_document(res)  # the title repeated on every page is the title, once, and no chunk's text
    check_law_meta(doc, QD_TITLE, "山东省青岛市", "city", "地方性法规", "2015-10-28", "2016-01-01")
    check_articles(reg, doc, chunks)
    assert not any(c.text.startswith(QD_TITLE) for c in chunks if c.article)


def test_gbk_government_page_with_chrome(tmp_path: Path) -> None:
    reg = qingdao()
    data = to_gov_page(reg).encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really GBK bytes
    res = run(tmp_path, {"qingdao-tiaoli.html": data})
    doc, chunks = only_document(res)
    check_law_meta(doc, QD_TITLE, "山东省青岛市", "city", "地方性法规", "2015-10-28", "2016-01-01")
    assert "_" not in doc.title and "人民政府" not in doc.title
    check_articles(reg, doc, chunks)
    check_no_chrome(chunks, ("统计代码", "请输入关键字", "走进青岛", "联系我们"))
    assert "锟斤拷" not in doc.text and "\ufffd" not in doc.text
    assert "本市行政区域内养老服务的提供、促进和监督管理，适用本条例。" in doc.text


def test_an_information_block_of_label_lines_is_metadata_not_text(tmp_path: Path) -> None:
    rows = [("索引号", "11370200004153219C/2023-00058"), ("发布机构", "青岛市人民政府办公厅"),
            ("文号", "青政办发〔2023〕5号"), ("发布日期", "2023-03-15"), ("主题分类", "民政、扶贫、救灾"),
            ("有效性", "有效"), ("来源", "青岛市人民政府办公厅")]
    page = to_opinion_page().replace("<div class='xxgk'>", meta_lines(rows) + "<div class='xxgk'>", 1)
    res = run(tmp_path, {"qingdao-jbylfw.html": page.encode("utf-8")})
    doc, chunks = only_document(res)
    assert (doc.doc_number, doc.publish_date) == ("青政办发〔2023〕5号", "2023-03-15")
    for label, value in rows:
        if label not in ("文号", "发布日期"):  # those stay, to be quoted when asked for
            assert not any(f"{label}:" in c.text or f"{label}：" in c.text for c in chunks), (label, value)
    assert "11370200004153219C" not in doc.text


def test_government_page_normative_document_with_number_row_and_table(tmp_path: Path) -> None:
    res = run(tmp_path, {"qingdao-jbylfw.html": to_opinion_page().encode("utf-8")})
    doc, chunks = only_document(res)
    assert doc.title == OPINION_TITLE
    assert (doc.region, doc.level, doc.kind) == ("山东省青岛市", "city", "规范性文件")
    assert (doc.doc_number, doc.issuer) == ("青政办发〔2023〕5号", "青岛市人民政府办公厅")
    assert (doc.publish_date, doc.effective_date, doc.expiry_date) == ("2023-03-15", "2023-04-15", "2028-04-14")
    assert count_articles(doc.text) == 0
    for marker, heading, sentence in [
        ("（一）", "一、总体要求", "以满足老年人基本养老服务需求为目标"),
        ("（三）", "二、重点任务", "明确服务对象、服务内容、服务标准和支出责任"),
        ("（七）", "三、保障措施", "福利彩票公益金用于支持发展养老服务的比例不低于百分之五十五"),
    ]:
        c = next((c for c in chunks if sentence in c.text), None)
        assert c is not None, sentence
        assert c.article == f"第({marker[1:-1]})条", (sentence, c.article)
        path = normalize_for_match(c.heading_path)
        assert path.startswith(normalize_for_match(f"{heading} > {marker}")), c.heading_path
    header, *rows = OPINION_ROWS
    check_table_rows(chunks, header, rows, key=2)
    check_no_chrome(chunks, ("统计代码", "请输入关键字", "走进青岛", "联系我们"))


def test_two_versions_of_one_regulation(tmp_path: Path) -> None:
    old = qingdao()
    new = qingdao(amount="三百元")
    new.header = [QD_ADOPTED, QD_APPROVED, QD_AMENDED]
    res = run(tmp_path, {"青岛市养老服务促进条例(2015-12-10).md": to_markdown(old).encode("utf-8"),
                         "青岛市养老服务促进条例(2021-11-26).md": to_markdown(new).encode("utf-8")})
    assert not res.merges, res.merges  # two versions are not duplicates of each other
    docs = {d.source: d for d in res.documents}
    assert sorted(docs) == ["青岛市养老服务促进条例(2015-12-10).md", "青岛市养老服务促进条例(2021-11-26).md"]
    d_old, d_new = docs["青岛市养老服务促进条例(2015-12-10).md"], docs["青岛市养老服务促进条例(2021-11-26).md"]
    check_law_meta(d_old, QD_TITLE, "山东省青岛市", "city", "地方性法规", "2015-10-28", "2016-01-01")
    check_law_meta(d_new, QD_TITLE, "山东省青岛市", "city", "地方性法规", "2015-10-28", "2016-01-01",
                   amended="2021-11-26")
    assert QD_TITLE in d_old.superseded_by and "2021-11-26" in d_old.superseded_by, d_old.superseded_by
    assert d_new.superseded_by == ""
    for d, reg in ((d_old, old), (d_new, new)):
        chunks = [c for c in res.chunks if c.doc_id == d.doc_id]
        check_articles(reg, d, chunks)
        check_no_chrome(chunks)
        assert all(c.superseded_by == d.superseded_by for c in chunks)
    assert any("每人每月不低于三百元" in c.text for c in res.chunks if c.doc_id == d_new.doc_id)
    assert any("每人每月不低于二百元" in c.text for c in res.chunks if c.doc_id == d_old.doc_id)


def test_national_law_without_elder_care_words_is_kept_whole_with_warning(tmp_path: Path) -> None:
    reg = archives_law()
    text = to_plain_text(reg)
    assert not any(t in text for t in ("养老", "老年", "老人", "高龄", "失能", "照护", "特困"))
    res = run(tmp_path, {"档案信息化促进法.txt": text.encode("utf-8")})
    assert not res.dropped, [(x.title, x.reason) for x in res.dropped]
    doc, chunks = only_document(res)
    check_law_meta(doc, "中华人民共和国档案信息化促进法", "全国", "national", "法律", "2023-10-24", "2024-03-01")
    check_articles(reg, doc, chunks, long_article=None)
    assert [w["source"] for w in res.warnings] == ["档案信息化促进法.txt"]
    assert re.search(r"[\u4e00-\u9fff]", res.warnings[0]["reason_zh"])
    check_no_chrome(chunks)


def test_regulation_published_under_its_gonggao(tmp_path: Path) -> None:
    # a city's regulation as its 人大常委会 publishes it: the 公告 (its number, the 《…》已经…通过…批准,现予公布
    # sentence, signature and date) comes first, hard-wrapped like the rest; the title is the regulation's
    reg = qingdao()
    notice = ["青岛市人民代表大会常务委员会公告", "（第二十号）",
              f"　　《{QD_TITLE}》已经2015年10月28日青岛市第十五届人民代表大会常务委员会第三十次会议通过，2015年12月10日"
              "山东省第十二届人民代表大会常务委员会第十七次会议批准，现予公布，自2016年1月1日起施行。",
              "青岛市人民代表大会常务委员会", "2015年12月22日", ""]
    raw = "\n".join(x for line in notice for x in wrap(line, 30)) + "\n" + to_copied_text(reg)
    res = run(tmp_path, {"qingdao-gonggao.txt": raw.encode("utf-8")})
    doc, chunks = only_document(res)
    check_law_meta(doc, QD_TITLE, "山东省青岛市", "city", "地方性法规", "2015-10-28", "2016-01-01")
    check_articles(reg, doc, chunks)


def test_notice_title_wrapped_inside_its_title_marks(tmp_path: Path) -> None:
    # a PDF's text layer breaks the 印发 title before its closing 》: "…（试行）" / "》的通知"
    title = "青岛市家庭养老床位建设运营实施细则（试行）"
    lines = ["青岛市民政局", "青岛市财政局", f"关于印发《{title}", "》的通知", "青民发〔2024〕12号",
             "各区、市民政局、财政局：", f"现将《{title}》印发给你们，请结合实际认真贯彻执行。", "青岛市民政局", "青岛市财政局",
             "2024年6月5日", title, "第一章　总则",
             "第一条　为规范家庭养老床位建设和运营，根据有关规定，结合本市实际，制定本细则。",
             "第二条　本细则所称家庭养老床位，是指依托养老服务机构，将专业照护服务延伸到老年人家庭的床位。",
             "第二章　服务对象",
             "第三条　具有本市户籍、经评估为中度以上失能的老年人，可以申请家庭养老床位服务。",
             "第四条　本细则自2024年7月1日起施行，有效期至2026年6月30日。"]
    res = run(tmp_path, {"qingdao-chuangwei.txt": "\n".join(lines).encode("utf-8")})
    doc, chunks = only_document(res)
    assert doc.title == title
    assert (doc.region, doc.level, doc.doc_number) == ("山东省青岛市", "city", "青民发〔2024〕12号")
    assert any(c.article == "第三条" and "中度以上失能" in c.text for c in chunks)


def test_explainer_page_titled_by_the_document_it_explains(tmp_path: Path) -> None:
    explained = "青岛市高龄津贴发放管理办法"
    body = [f'<div class="article"><h1 class="detail-title">《{explained}》政策解读</h1>',
            '<div class="article-info"><span>发布时间：2024-06-20</span><span>来源：养老服务处</span>'
            "<span>浏览次数：3862</span></div>", '<div class="article-content">',
            "<p>一、为什么要出台《办法》？</p>",
            "<p>为进一步做好高龄老年人津贴发放工作，保障高龄老年人基本权益，市民政局制定了《办法》。</p>",
            "<p>二、哪些老年人可以领取高龄津贴？</p>",
            "<p>具有本市户籍、年满80周岁的老年人，可以按规定领取高龄津贴。</p>",
            "<p>三、高龄津贴的标准是多少？</p>",
            "<p>80至89周岁的老年人每人每月100元，90至99周岁的老年人每人每月200元。</p>",
            "<p>四、怎么申请高龄津贴？</p>",
            "<p>符合条件的老年人或者其代理人持户口簿、身份证向户籍所在地社区（村）提出申请，由街道办事处（镇人民政府）审核，"
            "区民政局审批。年满80周岁的次月起计发。</p>",
            "<p>五、享受对象死亡或者户籍迁出的怎么办？</p>",
            "<p>享受对象死亡或者户籍迁出本市的，其家属应当在30日内告知社区（村），自次月起停止发放。</p></div></div>"]
    top = PAGE_TOP.format(column="zcjd", column_name="政策解读")
    page = page_head(f"《{explained}》政策解读", "gbk") + top + "\n".join(body) + PAGE_BOTTOM
    res = run(tmp_path, {"qingdao-jiedu.html": page.encode("gbk")})
    doc, chunks = only_document(res)
    assert doc.title == f"〈{explained}〉政策解读" and doc.kind == "政策解读"
    assert doc.region == "山东省青岛市"
    assert any("90至99周岁的老年人每人每月200元" in c.text for c in chunks)
    check_no_chrome(chunks)


def test_short_list_items_ending_in_semicolons_are_kept(tmp_path: Path) -> None:
    # "1.《…申请表》；" is an item with content, not a heading: every item is in a chunk, and an answer
    # quoting "申请人应当提供以下材料：" can list them all
    items = ["1.《青岛市经济困难老年人养老服务补贴申请表》；", "2.申请人居民身份证、户口簿原件及复印件；",
             "3.最低生活保障证或者低保边缘家庭认定证明；", "4.委托他人代办的，提供委托书及代理人居民身份证。"]
    lines = ["青岛市民政局关于印发青岛市经济困难老年人养老服务补贴实施办法的通知", "青民发〔2024〕9号",
             "一、补贴对象", "（一）具有本市户籍、年满六十周岁的低保家庭老年人。", "（二）具有本市户籍的低保边缘家庭老年人。",
             "二、申请材料", "申请人应当提供以下材料：", *items, "三、补贴标准",
             "（一）低保家庭老年人每人每月150元，低保边缘家庭老年人每人每月100元。"]
    res = run(tmp_path, {"qingdao-butie.txt": "\n".join(lines).encode("utf-8")})
    _doc, chunks = only_document(res)
    for item in items:
        assert any(item in c.text for c in chunks), item
    from advisor.answer.compose import list_items

    intro_chunk = next(c for c in chunks if "提供以下材料" in c.text)
    intro, listed = list_items(intro_chunk, "申请人应当提供以下材料：", chunks)
    assert intro == "申请人应当提供以下材料：" and listed == items


def lines_pdf(pages: list[list[str]], header: str) -> bytes:
    """A text PDF of the given lines, a running header at the top of every page and "第 n 页" at the bottom."""
    font = _cjk_font_file()
    if not font:
        pytest.skip("no CJK font file on this machine")
    return _fpdf_pages(font, pages, size=12, line_height=8, footer="第 {k} 页 共 {n} 页", header=header)


def test_a_question_and_answer_explainer_over_pages_is_one_document(tmp_path: Path) -> None:
    # a page may begin with a new sentence or in the middle of a word: neither starts a document
    pages = [
        ["《淮安市居家养老服务补贴办法》政策解读", "发布日期：2025-06-01　来源：淮安市民政局",
         "近日，淮安市民政局印发了《淮安市居家养老服务补贴办法》，现就有关问题解读如下。",
         "一、哪些老年人可以享受居家养老服务补贴？",
         "具有本市户籍、年满七十周岁、经评估为失能的低保和低保边缘家庭老年人可以享受。",
         "二、补贴标准是多少？", "重度失能的每人每月三百元，中度失能的每人每月二百元。"],
        ["补贴资金按月发放到老年人的社会保障卡，由区民政局统一拨付。", "三、怎么申请？",
         "老年人或者其家属向户籍所在地街道办事处提出申请，街道办事处应当在十个工作日内完成审核，并将符合条件的申请报区民政局审批，区民政局在五个工作日内作出决定。",
         "四、有疑问可以咨询哪里？", "可以咨询淮安市民政局养老服务处，也可以拨打12345热线，或者向社区居委会和街道办事处的工作人员咨"],
        ["询。", "五、办法什么时候开始实施？", "《办法》自2025年7月1日起施行，有效期五年。"],
    ]
    res = run(tmp_path, {"huaian-jiedu.pdf": lines_pdf(pages, "淮安市民政局　政策解读　淮安市人民政府网")})
    doc, chunks = only_document(res)
    assert doc.kind == "政策解读" and "淮安市居家养老服务补贴办法" in doc.title, (doc.title, doc.kind)
    assert doc.region == "江苏省淮安市"
    assert "补贴资金按月发放到老年人的社会保障卡" in doc.text  # the second page's first sentence stays in it
    assert "发布日期" not in doc.title
    assert "工作人员咨询。" in doc.text  # a word a page break cut is whole again
    check_no_chrome(chunks, ("淮安市人民政府网", "第 2 页"))


def test_a_picture_explainer_whose_part_numbers_stand_apart_is_read_by_its_parts(tmp_path: Path) -> None:
    """A 一图读懂 page prints each part's number in a block of its own ("一" over "高龄津贴") and its facts as short
    fragments: each part is a section "一、…" holding its facts, and no fragment heads a section of its own."""
    body = """<div class="blk"><div class="n">一</div><div class="h">高龄津贴</div>
      <div class="sub">发给谁？</div><ul><li><span>具有本县户籍</span></li><li><span>年满80周岁</span><span>的老年人</span></li></ul>
      <div class="sub">发多少？</div>
      <div><span>80—89周岁</span><span>每人每月50元</span></div><div><span>90周岁以上</span><span>每人每月100元</span></div></div>
    <div class="blk"><div class="n">二</div><div class="h">护理补贴</div>
      <ul><li><span>具有本县户籍、年满60周岁</span></li><li><span>经老年人能力评估为失能</span></li></ul>
      <div><span>重度失能</span><span>每人每月200元</span></div></div>
    <div class="blk"><div class="n">三</div><div class="h">申请流程</div>
      <p>本人或家属向户籍所在镇（街道）便民服务中心提出申请，镇（街道）初审后在村（居）务公开栏公示5天。</p></div>"""
    page = (f"<html><head><meta charset='utf-8'><title>一图读懂｜某县高龄津贴和护理补贴政策</title></head><body>"
            f"<div class='art-title'>一图读懂｜某县高龄津贴和护理补贴政策</div>{body}</body></html>")
    res = run(tmp_path, {"tujie.html": page.encode("utf-8")})
    _doc, chunks = only_document(res)
    sums = next(c for c in chunks if "每人每月50元" in c.text)
    assert sums.heading_path.startswith("一、高龄津贴"), sums.heading_path
    care = next(c for c in chunks if "每人每月200元" in c.text)
    assert care.heading_path.startswith("二、护理补贴"), care.heading_path
    assert not any(c.heading_path.startswith(("具有本县户籍", "经老年人能力评估")) for c in chunks)


def test_a_citizens_message_and_the_reply_under_it_are_sections_of_their_own(tmp_path: Path) -> None:
    """A 12345 留言回复 page: the citizen's 留言内容 (with what they wrongly believe) and the office's 回复内容 are
    sections; the asker's words are never what an answer quotes."""
    from advisor.answer.compose import pick_sentences
    from advisor.ingest.structure import in_asker_words
    from advisor.schema import Hit

    page = """<html><head><meta charset="utf-8"><title>母亲快80岁了，高龄津贴怎么领？</title></head><body>
    <h1>母亲快80岁了，高龄津贴怎么领？</h1>
    <div>留言内容</div>
    <p>我母亲今年79岁。听村里人说，本市80岁以上的老人每个月有300元高龄津贴，户口迁回来要满三年才能申请。请问高龄津贴每月多少钱？</p>
    <div>回复内容</div>
    <p>王女士：您好！经核实，现答复如下：</p>
    <p>一、关于高龄津贴。具有本市户籍、年满80周岁的老年人均可申领高龄津贴，80至89周岁每人每月50元。</p>
    <p>二、关于户籍迁入时间。我市高龄津贴以具有本市户籍为条件，未设置户籍迁入年限要求。</p>
    </body></html>"""
    res = run(tmp_path, {"liuyan.html": page.encode("utf-8")})
    doc, chunks = only_document(res)
    assert doc.kind == "政策解读"  # an office's reply explains the rules: no news report
    asked = next(c for c in chunks if "300元" in c.text)
    assert in_asker_words(asked.heading_path)
    assert not any(in_asker_words(c.heading_path) for c in chunks if "每月50元" in c.text or "迁入年限" in c.text)
    weights = {"高龄津贴": 3.0, "每月": 1.0, "多少": 0.5}
    picked = pick_sentences([Hit(c, 1.0) for c in chunks], weights, 2, wants_number=True, wants_money=True)
    assert picked and all("300元" not in p.span for p in picked), [p.span for p in picked]


def test_a_regulation_laid_out_as_a_table_of_articles_is_read_by_its_articles(tmp_path: Path) -> None:
    """One <tr> per article, "<td>第七条</td><td>…</td>": each article is a clause labelled 第X条 whose text starts with
    its label, not a table row with a cell mark."""
    texts = ["为规范农村互助幸福院运营管理，制定本办法。", "本办法适用于本州行政区域内的农村互助幸福院。",
             "运营补助按照上一年度实际经常性服务老年人数分档核定：服务15人至29人的，每院每年补助2万元；服务30人至49人的，每院每年补助3万元。",
             "本办法自2024年5月1日起施行，有效期3年。"]
    rows = "".join(f"<tr><td>第{n}条</td><td>{t}</td></tr>" for n, t in zip("一二三四", texts, strict=True))
    page = (f"<html><head><meta charset='utf-8'><title>某州农村互助幸福院运营补助办法</title></head><body>"
            f"<h1>某州农村互助幸福院运营补助办法</h1><table>{rows}</table></body></html>")
    res = run(tmp_path, {"banfa.html": page.encode("utf-8")})
    _doc, chunks = only_document(res)
    third = next(c for c in chunks if "分档核定" in c.text)
    assert third.article == "第三条" and third.text.startswith("第三条运营补助") and "|" not in third.text, third.text


def test_a_question_and_answer_table_keeps_each_answer_in_its_row(tmp_path: Path) -> None:
    """A 政策问答 laid out as a table (问题 | 解答) whose answers hold line breaks and numbered lists: each answer stays
    in its question's row, so the sums under "2.…标准是多少？" are read with that question."""
    rows = [("1.哪些老年人可以领取高龄长寿补贴？", "具有本市户籍、年满80周岁的老年人，均可申请。"),
            ("2.高龄长寿补贴的标准是多少？", "按年龄分档、按月发放：<br>80周岁至89周岁，每人每月100元；<br>"
             "90周岁至99周岁，每人每月200元；<br>100周岁及以上，每人每月1000元。"),
            ("3.申请需要提交哪些材料？", "<ol><li>老年人居民身份证和户口簿；</li><li>本人名下的银行卡或社会保障卡。</li></ol>")]
    table = "".join(f"<tr><td>{q}</td><td>{a}</td></tr>" for q, a in rows)
    page = (f"<html><head><meta charset='utf-8'><title>某市老年人福利政策问答</title></head><body><h1>某市老年人福利政策问答</h1>"
            f"<p>现将群众咨询较多的问题解答如下。</p><table><tr><th>问题</th><th>解答</th></tr>{table}</table></body></html>")
    res = run(tmp_path, {"wenda.html": page.encode("utf-8")})
    _doc, chunks = only_document(res)
    sums = next(c for c in chunks if "每人每月1000元" in c.text)
    assert "高龄长寿补贴的标准是多少" in sums.text and "80周岁至89周岁" in sums.text, sums.text
    papers = next(c for c in chunks if "银行卡" in c.text)
    assert "申请需要提交哪些材料" in papers.text and "户口簿" in papers.text


def test_a_notice_pasted_as_wrapped_text_into_a_pre_block_is_read_by_its_parts(tmp_path: Path) -> None:
    """A page whose notice is one <pre> block, hard-wrapped at 40 characters with full-width indents: its lines are
    joined as a text file's and its 一、（一） parts found, not one run of text."""
    paragraphs = [
        "为切实保障困难老年人安全温暖过冬，根据省民政厅、省财政厅有关要求，结合我市实际，现就做好困难老年人冬季取暖补贴发放工作通知如下：",
        "一、补贴对象", "（一）60周岁以上分散供养的城乡特困人员，以及经县（区）民政部门认定的其他困难老年人；",
        "（二）60周岁以上城乡最低生活保障对象，以及70周岁以上低保边缘家庭中的老年人。", "二、补贴标准",
        "（一）分散供养特困老年人每人800元，由县（区）民政部门审核确认后一次性发放到位。",
        "（二）低保老年人每人600元。同一老年人同时符合两类以上补贴条件的，按就高原则享受一项，不得重复发放。",
        "三、发放时间", "县（区）财政局于2025年11月30日前将补贴资金直接发放至补贴对象社会保障卡账户，不得发放现金，不得代扣任何费用。",
        "四、工作要求", "各县（区）要将冬季取暖补贴发放作为民生实事抓紧抓实，主要负责同志亲自过问，确保补贴资金及时足额发放到位。",
        "对弄虚作假、虚报冒领的，由县（区）民政局追回补贴资金，并依法依规追究有关人员责任；发放情况于12月10日前报市民政局。"]
    width = 38  # wrapped as a typist's text is, every paragraph indented two full-width spaces
    lines = ["关于做好困难老年人冬季取暖补贴发放工作的通知", "", "各县（区）民政局、财政局："]
    for para in paragraphs:
        body = "　　" + para
        lines += [body[k:k + width] for k in range(0, len(body), width)]
    text = "\n".join(lines)
    page = (f"<html><head><meta charset='utf-8'><title>关于做好困难老年人冬季取暖补贴发放工作的通知</title></head><body>"
            f"<h1>关于做好困难老年人冬季取暖补贴发放工作的通知</h1><pre>{text}</pre></body></html>")
    res = run(tmp_path, {"qunuan.html": page.encode("utf-8")})
    _doc, chunks = only_document(res)
    rule = next(c for c in chunks if "就高原则" in c.text)  # a line the wrap broke is whole again
    assert rule.article.startswith("第二部分"), (rule.article, rule.text)
    assert any(c.article == "第二部分第(一)条" and "800元" in c.text for c in chunks), [(c.article, c.text[:20]) for c in chunks]


def test_a_rule_numbered_as_a_standard_is_cited_by_its_decimal_numbers(tmp_path: Path) -> None:
    """"1 总则 / 1.1 … / 2.1.1 …" (a standard, or a 细则 written like one): each numbered clause is a chunk labelled as
    written ("4.4"), under its parts' titles; "3.70周岁以上…" (item 3 of an age) is no such number."""
    text = "\n\n".join([
        "某省养老机构等级评定实施细则", "1 总则", "1.1 为规范全省养老机构等级评定工作，制定本细则。",
        "1.2 养老机构等级由低到高分为一级、二级、三级、四级、五级。", "2 评定程序", "2.1 申报",
        "2.1.1 养老机构等级评定每年集中组织一次，申报时间为每年4月1日至4月30日。",
        "2.1.2 县级民政部门应当自收到申报材料之日起15个工作日内完成初审。",
        "3 奖补政策", "3.1 对首次评定为三级及以上的养老机构，给予一次性奖补：三级10万元，四级20万元，五级30万元。",
        "3.2 以欺骗手段取得等级被撤销的，3年内不得再次申报等级评定。"])
    res = run(tmp_path, {"xize.txt": text.encode("utf-8")})
    _doc, chunks = only_document(res)
    prize = next(c for c in chunks if "五级30万元" in c.text)
    assert prize.article == "3.1" and "3 奖补政策" in prize.heading_path, (prize.article, prize.heading_path)
    assert next(c for c in chunks if "4月30日" in c.text).article == "2.1.1"
    from advisor.ingest.structure import decimal_number

    assert decimal_number("3.70周岁以上的老年人每月100元") == "" and decimal_number("2.1.3 建筑符合消防安全要求") == "2.1.3"


def test_a_wechat_article_copied_as_text_loses_its_calls_to_follow_and_share(tmp_path: Path) -> None:
    """A 公众号 article pasted into a .txt: "点击上方蓝字关注我们", "长按识别二维码", "转发 点赞 在看", the photo credit, the
    editor's line and lines of emoji are chrome; the explainer's parts and the office's phone stay."""
    text = "\n".join([
        "某县民政", "点击上方蓝字关注我们", "", "📢 好消息！2024年某县居家养老上门服务开始申请啦", "",
        "某县民政  2024-03-26 08:30  发表于山西", "", "▲图片来源：某县民政局", "",
        "为让更多老年人在家门口享受到专业照护，今年我县继续实施居家养老上门服务项目。", "", "一、服务对象", "",
        "具有本县户籍、年满60周岁的分散供养特困人员和低保家庭中的失能老年人。", "", "二、补贴标准", "",
        "重度失能老年人，每人每月补贴300元，每月上门服务时长不少于10小时。", "", "三、怎么申请", "",
        "到户籍所在地乡镇便民服务中心填写申请表。咨询电话：县民政局养老服务股0353-6022318。", "",
        "👇👇👇", "长按识别二维码", "关注“某县民政”", "了解更多惠民政策", "", "来源：某县民政",
        "编辑：李晓芸  审核：张建军", "", "转发 点赞 在看", "分享给身边需要的老人吧❤️"])
    res = run(tmp_path, {"wechat.txt": text.encode("utf-8")})
    _doc, chunks = only_document(res)
    check_no_chrome(chunks, ("点击上方蓝字", "长按识别二维码", "转发 点赞 在看", "图片来源", "审核：张建军", "👇", "分享给身边"))
    assert any("0353-6022318" in c.text for c in chunks) and any("每人每月补贴300元" in c.text for c in chunks)
