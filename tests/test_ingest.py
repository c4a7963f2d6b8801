"""Ingestion of the real seed files: documents, noise, duplicates, metadata, chunk boundaries."""

from __future__ import annotations

import re

import pytest

from advisor.ingest.clean import HEADING, clean_text, normalize_for_match
from advisor.lexicon import load_lexicon, topic_hits

NOISE_MARKERS = ["谭理", "文物活化", "呼和浩特", "日喀则", "6.8级地震", "女性就业", "托育服务体系建设的意义", "包钢",
                 "邮箱登录", "扫一扫", "责任编辑", "职场文秘网", "第 1 页", "小编"]

POLICY_SAMPLES = {
    "000_1d2e2f58848231f4.txt": ["兜底保障型养老机构主要收住特困老年人和经济困难失能老年人等",
                                 "到2029年,养老服务网络基本建成", "建设“一老一小”服务综合体"],
    "002_353b7a8758948278.txt": ["统筹考虑南北疆区域差异", "(二十)夯实深化养老服务改革发展政治责任"],
    "003_e158a52334c50710.txt": ["依申请为有评估需求的65周岁及以上老年人提供能力综合评估",
                                 "本实施方案自2025年2月1日起施行,有效期5年", "护理型床位占比不低于70%"],
    "004_55577695724d3e24.txt": ["全省养老服务床位从23.55 万张增长到 25.55 万张", "加快兰州、天水、定西、武威、酒泉等地普惠养老试点项目建设",
                                 "全面推进城市一刻钟便民生活圈建设"],
}


def _docs(res):
    return {d.doc_id: d for d in res.documents}


def test_documents_split_with_titles_regions_dates(seed_ingest):
    docs = _docs(seed_ingest)
    expect = {
        "000_1d2e2f58848231f4.txt": ("中共中央国务院关于深化养老服务改革发展的意见", "全国", "national", "2024-12-30"),
        "002_353b7a8758948278.txt": ("关于积极应对人口老龄化全面深化养老服务改革发展的实施方案", "新疆维吾尔自治区", "province",
                                     "2025-09-16"),
        "003_e158a52334c50710.txt": ("清远市推进基本养老服务体系建设实施方案", "广东省清远市", "city", "2024-12-19"),
    }
    for doc_id, (title, region, level, date) in expect.items():
        d = docs[doc_id]
        assert (d.title, d.region, d.level, d.publish_date) == (title, region, level, date)
    qy = docs["003_e158a52334c50710.txt"]
    assert qy.doc_number == "清府办〔2024〕34号"
    assert qy.issuer == "清远市人民政府办公室"
    assert (qy.effective_date, qy.expiry_date) == ("2025-02-01", "2030-01-31")
    bundle = sorted((d for d in seed_ingest.documents if d.source.startswith("004")), key=lambda d: d.doc_id)
    got = [(d.title, d.region, d.level) for d in bundle]
    assert got == [
        ("甘肃省“十四五”促进养老托育服务健康发展实施方案", "甘肃省", "province"),
        ("“十四五”促进县域养老托育服务健康发展实施方案", "甘肃省", "county"),
        ("辽宁省“十四五”促进养老托育服务健康发展实施方案", "辽宁省", "province"),
        ("“十四五”城乡社区服务体系建设规划", "全国", "national"),
        ("“十四五”促进养老托育服务健康发展实施方案", "", "template"),  # its own title line, not the notice it cites
    ]
    assert bundle[2].doc_number == "辽政办发〔2022〕32号"


def test_partial_reprint_merged_into_complete_source(seed_ingest):
    docs = _docs(seed_ingest)
    assert not any(d.source == "001_9a631342afbf37e4.txt" for d in seed_ingest.documents)
    merge = [m for m in seed_ingest.merges if m["source"] == "001_9a631342afbf37e4.txt"]
    assert merge and merge[0]["into"] == ["000_1d2e2f58848231f4.txt"] and merge[0]["whole"]
    assert "001_9a631342afbf37e4.txt" in docs["000_1d2e2f58848231f4.txt"].also_in
    assert any("001_9a631342afbf37e4.txt" in c.also_in for c in seed_ingest.chunks)


def test_no_noise_in_any_chunk_and_every_chunk_on_topic(seed_ingest):
    lex = load_lexicon()
    for c in seed_ingest.chunks:
        for marker in NOISE_MARKERS:
            assert marker not in c.text, (marker, c.chunk_id)
    warned = {w["source"] for w in seed_ingest.warnings}
    for d in seed_ingest.documents:  # about elder care by its vocabulary, or a law kept whole with a warning
        if topic_hits(d.text, lex) * 1000 / len(d.text) < lex.topic_min_density:
            assert d.source in warned and d.kind in ("法律", "行政法规", "地方性法规"), d.doc_id
    dropped = {(x.source, x.title[:6]) for x in seed_ingest.dropped}
    assert ("000_1d2e2f58848231f4.txt", "(新华社北京") in dropped  # the Chongqing pages after the 意见
    assert ("004_55577695724d3e24.txt", "托育服务体系") in dropped  # the childcare essay
    assert any(s == "001_9a631342afbf37e4.txt" and "人大" in t for s, t in dropped)
    assert all(x.reason and re.search(r"[\u4e00-\u9fff]", x.reason_zh) for x in seed_ingest.dropped)


def test_known_policy_sentences_present(seed_ingest):
    chunks_norm = "\n".join(normalize_for_match(c.text) for c in seed_ingest.chunks)
    for source, sentences in POLICY_SAMPLES.items():
        in_source = [c for c in seed_ingest.chunks if c.source == source]
        assert in_source, source
        for s in sentences:
            assert normalize_for_match(s) in chunks_norm, s


def test_chunks_do_not_start_or_end_mid_sentence(seed_ingest):
    docs = _docs(seed_ingest)
    limit = 360
    for c in seed_ingest.chunks:
        text = docs[c.doc_id].text
        assert text[c.start:c.end] == c.text
        inline_heading = text[c.start - 1] == " " and HEADING.match(c.text)  # "三、保障措施 (一)…"
        starts_clean = c.start == 0 or text[c.start - 1] in "\n。;!?;!?" or inline_heading
        ends_clean = c.end == len(text) or text[c.end] == "\n" or c.text[-1] in "。;!?;!?"
        if not (starts_clean and ends_clean):
            # only a single sentence longer than the limit may be cut inside
            longest = max(len(s) for s in re.split(r"(?<=[。;!?;!?])", text[max(0, c.start - limit):c.end + limit]))
            assert longest > limit, (c.chunk_id, c.text[:30], c.text[-30:])


def test_chunks_carry_heading_path_and_article(seed_ingest):
    c = next(c for c in seed_ingest.chunks if "优先保障城乡低保" in c.text)
    assert c.heading_path.startswith("二、重点任务 > (六)提升公办养老机构保障能力")
    assert c.article == "第二部分第(六)条第11项"  # its (一) start again under 二、: the part is named
    assert c.region == "广东省清远市" and c.effective_date == "2025-02-01"


def test_broken_lines_rejoined_and_chrome_removed():
    lex = load_lexicon()
    raw = ("邮箱登录\n\n扫一扫在手机端打开当前页\n加强与教育、卫生健康、文化等公共服务设施的综合利用,建设“一老一小”服务综\n\n"
           "合体。发挥设施站点作用。\n"
           "(一)落实基本养老服务清单制度\n1.根据清单制定并发布实施清远市基本养老服务清单,明确服务项目、服务对象、\n服务内容。\n"
           "责任编辑 : 陈伟伟\n")
    out = clean_text(raw, lex)
    assert out.lines == ["加强与教育、卫生健康、文化等公共服务设施的综合利用,建设“一老一小”服务综合体。发挥设施站点作用。", "(一)落实基本养老服务清单制度",
                         "1.根据清单制定并发布实施清远市基本养老服务清单,明确服务项目、服务对象、服务内容。"]
    assert "邮箱登录" in out.removed and "责任编辑 : 陈伟伟" in out.removed


def test_sidecar_overrides_metadata(tmp_path):
    from conftest import make_corpus

    from advisor.ingest.pipeline import ingest
    from advisor.settings import Settings

    s = Settings()
    s.corpus_dir = make_corpus(tmp_path / "c", ["003_e158a52334c50710.txt"])
    (s.policies_dir / "003_e158a52334c50710.txt.meta.yaml").write_text(
        "issuer: 清远市人民政府\nexpiry_date: '2029-12-31'\n", encoding="utf-8")
    d = ingest(s).documents[0]
    assert d.issuer == "清远市人民政府" and d.expiry_date == "2029-12-31"
    assert d.doc_number == "清府办〔2024〕34号"  # the rest stays extracted


@pytest.mark.parametrize("name,content,code", [
    ("empty.txt", b"", "empty"),
    ("garbage.bin", bytes(range(256)) * 40, "binary"),
    ("fake.pdf", b"%PDF-1.4\n1 0 obj garbage", "corrupt_pdf"),
])
def test_bad_files_skipped_and_reported_rest_ingested(tmp_path, name, content, code):
    from conftest import make_corpus

    from advisor.ingest.pipeline import ingest
    from advisor.settings import Settings

    s = Settings()
    s.corpus_dir = make_corpus(tmp_path / "c", ["003_e158a52334c50710.txt"])
    (s.policies_dir / name).write_bytes(content)
    res = ingest(s)
    assert [x.source for x in res.skipped] == [name]
    assert res.skipped[0].code == code
    assert re.search(r"[\u4e00-\u9fff]", res.skipped[0].reason_zh)
    assert [d.source for d in res.documents] == ["003_e158a52334c50710.txt"]


def test_gbk_file_ingested(tmp_path):
    from conftest import POLICIES, make_corpus

    from advisor.ingest.pipeline import ingest
    from advisor.settings import Settings

    s = Settings()
    s.corpus_dir = make_corpus(tmp_path / "c", [])
    text = (POLICIES / "003_e158a52334c50710.txt").read_text(encoding="utf-8")
    (s.policies_dir / "qy_gbk.txt").write_bytes(text.encode("gb18030"))
    res = ingest(s)
    assert not res.skipped
    assert res.documents[0].title == "清远市推进基本养老服务体系建设实施方案"


def test_docx_and_html_policies_ingested_with_the_same_result(tmp_path):
    """Real DOCX and HTML files (made here) go through the same pipeline as the seed text."""
    import docx
    from conftest import POLICIES, make_corpus

    from advisor.ingest.pipeline import ingest
    from advisor.settings import Settings

    s = Settings()
    s.corpus_dir = make_corpus(tmp_path / "c", [])
    text = (POLICIES / "003_e158a52334c50710.txt").read_text(encoding="utf-8")
    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    d.save(s.policies_dir / "qingyuan.docx")
    body = "".join(f"<p>{x}</p>" for x in (POLICIES / "002_353b7a8758948278.txt").read_text("utf-8").splitlines() if x)
    (s.policies_dir / "xinjiang.html").write_text(
        "<html><head><meta charset='utf-8'><script>var x=1;</script></head><body><nav>首页 | 政策法规 | 邮箱登录</nav>"
        f"{body}<footer>版权所有</footer></body></html>", encoding="utf-8")
    res = ingest(s)
    assert not res.skipped
    got = {d.source: (d.title, d.region) for d in res.documents}
    assert got["qingyuan.docx"] == ("清远市推进基本养老服务体系建设实施方案", "广东省清远市")
    assert got["xinjiang.html"] == ("关于积极应对人口老龄化全面深化养老服务改革发展的实施方案", "新疆维吾尔自治区")
    assert not any("var x" in c.text or "版权所有" in c.text or "邮箱登录" in c.text for c in res.chunks)


def test_a_notices_head_is_no_clause_of_it():
    from advisor.ingest.chunking import HEADER, chunk_document, is_head
    from advisor.schema import Document

    text = ("关于开展2025年度高龄津贴资格认证工作的通知\n发布时间：2025-02-20 09:12　来源：某区民政局　浏览次数：1276\n"
            "某民字〔2025〕9号\n各乡镇人民政府、街道办事处：\n为确保高龄津贴精准发放，现将有关事项通知如下：\n"
            "一、认证对象\n（一）户籍在我区、正在享受高龄津贴的80周岁以上老年人。\n"
            "（二）联系电话：0793-2623517，地址：某区政府大楼3楼312室。\n")
    chunks = chunk_document(Document(doc_id="d", source="d.md", text=text, title="关于开展2025年度高龄津贴资格认证工作的通知"))
    head = [c for c in chunks if is_head(c)]
    assert len(head) == 1 and head[0].heading_path == HEADER and "浏览次数" in head[0].text
    assert all("浏览次数" not in c.text for c in chunks if not is_head(c))
    assert any(c.text.startswith("各乡镇") for c in chunks if not is_head(c))  # the body starts its own chunk


def test_a_table_goes_on_over_a_page_break():
    from advisor.ingest.chunking import chunk_document
    from advisor.schema import Document

    text = ("三、补贴标准\n（一）就餐补贴。按照所附标准给予补贴。\n对象 | 标准 | 备注\n特困人员 | 每人每餐补贴8元 | 分散供养\n"
            "某市老年助餐服务实施方案某民发〔2024〕37号\n低保家庭老年人 | 每人每餐补贴5元 | 含低保边缘家庭\n"
            "对象 | 标准 | 备注\n80周岁以上老年人 | 每人每餐补贴3元 | 以身份证为准\n（二）建设补贴。新建老年食堂给予补贴5万元。\n")
    chunks = chunk_document(Document(doc_id="d", source="d.pdf", text=text, title="某市老年助餐服务实施方案"))
    rows = [c for c in chunks if "补贴" in c.text and " | " in c.text]
    assert [c.text.split(" | ")[0] for c in rows] == ["特困人员", "低保家庭老年人", "80周岁以上老年人"]
    assert all(c.heading_path.endswith("表:对象 | 标准 | 备注") for c in rows)  # the header of page one, for all
    assert not any("民发" in c.text for c in chunks if " | " in c.text)


def test_a_table_a_merged_category_row_interrupts_keeps_its_header():
    from advisor.ingest.chunking import chunk_document
    from advisor.schema import Document

    text = ("附件\n某市基本养老服务清单\n序号 | 服务项目 | 服务对象 | 服务标准\n一、物质帮助类\n"
            "1 | 高龄津贴 | 年满80周岁的老年人 | 90—99周岁每人每月200元\n2 | 护理补贴 | 失能老年人 | 每人每月100元\n"
            "二、照护服务类\n3 | 能力评估 | 有需求的老年人 | 每人每年免费评估1次\n")
    chunks = chunk_document(Document(doc_id="d", source="d.docx", text=text, title="关于印发某市基本养老服务清单的通知"))
    rows = {c.text.split(" | ")[1]: c for c in chunks if c.text[:1].isdigit()}
    assert set(rows) == {"高龄津贴", "护理补贴", "能力评估"}  # the first row under a category is a row, not a header
    assert all(c.heading_path.endswith("表:序号 | 服务项目 | 服务对象 | 服务标准") for c in rows.values())


def test_a_closing_quote_ends_the_sentence_it_closes():
    """"…实行‘免申即享’。”县民政局…": the closing quote is the end of the quoted sentence, not the start of the next."""
    from advisor.ingest.chunking import split_sentences

    assert split_sentences("“今年起，我县实行‘免申即享’。”县民政局介绍，无需申请。") == [
        "“今年起，我县实行‘免申即享’。”", "县民政局介绍，无需申请。"]


def test_a_table_row_is_one_sentence_though_a_cell_ends_in_a_full_stop():
    """A row of a 基本养老服务清单 whose 服务内容 cell ends in "。" is read whole: its 牵头部门 cell stays with it."""
    from advisor.ingest.chunking import chunk_sentences

    row = "10 | 65周岁及以上老年人 | 免费乘坐城市公交 | 凭老年人优待证（敬老卡）免费乘坐市区公交车。 | 关爱服务 | 市交通运输局"
    assert chunk_sentences(row) == [row]
    assert chunk_sentences("第一句。第二句。") == ["第一句。", "第二句。"]
