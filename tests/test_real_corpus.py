"""The 13 real documents of the shipped corpus (from shared/corpus-real): each is one document with its own
title, region at the right level, kind, dates, its 条 counted and labelled on its chunks, and no web chrome.
The expectations are read off the documents themselves (their title lines, header lines and last article)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.ingest.structure import count_articles

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus-real"

# file → (title, region, level, kind, publish/version date, effective date, number of 条 or None)
EXPECTED = {
    "老年人权益保障法(2018-12-29).md": ("中华人民共和国老年人权益保障法", "全国", "national", "法律", "2018-12-29",
                                  "2013-07-01", 85),
    "社会救助暂行办法(2019-03-02).md": ("社会救助暂行办法", "全国", "national", "行政法规", "2014-02-21", "2014-05-01", 70),
    "残疾人保障法(2018-10-26).md": ("中华人民共和国残疾人保障法", "全国", "national", "法律", "2018-10-26", "2008-07-01", 68),
    "社会保险法(2018-12-29).md": ("中华人民共和国社会保险法", "全国", "national", "法律", "2018-12-29", "2011-07-01", 98),
    "北京市居家养老服务条例.md": ("北京市居家养老服务条例", "北京市", "province", "地方性法规", "2015-01-29", "2015-05-01", 22),
    "上海市老年人权益保障条例(2016-01-29).md": ("上海市老年人权益保障条例", "上海市", "province", "地方性法规", "2016-01-29",
                                         "2016-05-01", 64),
    "上海市社会救助条例(2018-11-22).md": ("上海市社会救助条例", "上海市", "province", "地方性法规", "2018-11-22", "2019-05-01", 56),
    "上海市社会救助条例(2024-12-31).md": ("上海市社会救助条例", "上海市", "province", "地方性法规", "2024-12-31", "2019-05-01", 56),
    "山东省养老服务条例(2020-03-26).md": ("山东省养老服务条例", "山东省", "province", "地方性法规", "2020-03-26", "2020-05-01", 75),
    "浙江省社会养老服务促进条例(2021-09-30).md": ("浙江省社会养老服务促进条例", "浙江省", "province", "地方性法规", "2021-09-29",
                                         "2015-03-01", 56),
    "04-chengdu-elderly-care-measures.html": ("关于加快推进养老服务发展若干措施", "四川省成都市", "city", "规范性文件", "2022-05-19",
                                              "2022-06-20", None),
    "05-long-term-care-policy-explainer.html": ("〈关于省本级基本医疗保险参保人员参加成都市长期护理保险制度试点的通知〉政策解读",
                                                "四川省成都市", "city", "政策解读", "2022-07-04", "2022-07-01", None),
    "06-chengdu-care-subsidy-pilot.html": ("成都市财政局护航失能老年人养老服务消费补贴试点实施", "四川省成都市", "city", "新闻报道",
                                           "2025-08-25", "", None),
}
# chrome of the three saved government pages (navigation, share bars, counters, footers)
CHROME = ("无障碍浏览", "设为首页", "加入收藏", "浏览次数", "分享到", "扫一扫", "网站标识码", "ICP备", "当前位置", "主办单位")
# a sentence of a known article, for each law: the chunk holding it carries that article's label
ARTICLES = {
    "老年人权益保障法(2018-12-29).md": ("第二条", "本法所称老年人是指六十周岁以上的公民"),
    "北京市居家养老服务条例.md": ("第三条", "为失能老年人提供家庭护理服务"),
    "山东省养老服务条例(2020-03-26).md": ("第一条", "为了积极应对人口老龄化"),
    "社会救助暂行办法(2019-03-02).md": ("第九条", "给予最低生活保障"),
}


@pytest.fixture(scope="module")
def real_ingest(tmp_path_factory):
    """The real documents parsed on their own (no embedding), exactly as collected."""
    from conftest import make_corpus

    from advisor.ingest.pipeline import ingest
    from advisor.settings import Settings

    if not SHARED.is_dir():
        pytest.skip("shared/corpus-real is not beside this checkout")
    s = Settings()
    s.corpus_dir = make_corpus(tmp_path_factory.mktemp("real"), [])
    for name in EXPECTED:
        (s.policies_dir / name).write_bytes((SHARED / name).read_bytes())
    return ingest(s)


def test_shipped_corpus_holds_the_real_documents_unchanged():
    for name in EXPECTED:
        shipped = REPO / "corpus" / "policies" / name
        assert shipped.is_file(), name
        if SHARED.is_dir():
            assert shipped.read_bytes() == (SHARED / name).read_bytes(), name


def test_every_real_document_is_one_document_with_its_metadata(real_ingest):
    assert not real_ingest.skipped
    docs = {d.source: d for d in real_ingest.documents}
    assert sorted(docs) == sorted(EXPECTED)  # no law is split into chapters, nothing is dropped
    assert len(real_ingest.documents) == len(EXPECTED)
    for name, (title, region, level, kind, date, effective, articles) in EXPECTED.items():
        d = docs[name]
        assert (d.title, d.region, d.level, d.kind) == (title, region, level, kind), name
        assert (d.publish_date, d.effective_date) == (date, effective), name
        if articles is not None:
            assert count_articles(d.text) == articles, name


def test_header_history_of_amended_laws(real_ingest):
    docs = {d.source: d for d in real_ingest.documents}
    law = docs["老年人权益保障法(2018-12-29).md"]
    assert (law.adopted_date, law.amended_date, law.issuer) == ("1996-08-29", "2018-12-29", "全国人民代表大会常务委员会")
    assert docs["北京市居家养老服务条例.md"].issuer == "北京市人民代表大会"
    assert docs["社会救助暂行办法(2019-03-02).md"].issuer == "国务院"
    assert docs["04-chengdu-elderly-care-measures.html"].doc_number == "成办发〔2022〕28号"


def test_later_version_supersedes_the_earlier_and_both_are_kept(real_ingest):
    docs = {d.source: d for d in real_ingest.documents}
    old, new = docs["上海市社会救助条例(2018-11-22).md"], docs["上海市社会救助条例(2024-12-31).md"]
    assert old.superseded_by.endswith("(2024-12-31)") and not new.superseded_by
    assert count_articles(old.text) == count_articles(new.text) == 56  # not merged away as a duplicate


def test_article_labels_and_heading_paths(real_ingest):
    for name, (label, sentence) in ARTICLES.items():
        holding = [c for c in real_ingest.chunks if c.source == name and sentence in c.text]
        assert holding and all(c.article.startswith(label) for c in holding), (name, [c.article for c in holding])
    law = [c for c in real_ingest.chunks if c.source.startswith("老年人权益保障法")]
    c14 = next(c for c in law if c.article == "第十四条")
    assert c14.heading_path == "第二章 家庭赡养与扶养 > 第十四条"
    labelled = [c for c in law if c.article]
    assert len(labelled) >= 85 and all(re.fullmatch(r"第[一二三四五六七八九十百零]+条(第.+款)?", c.article) for c in labelled)


def test_no_web_chrome_and_nothing_relevant_dropped(real_ingest):
    for c in real_ingest.chunks:
        for s in CHROME:
            assert s not in c.text, (s, c.chunk_id)
    assert not real_ingest.dropped  # every clause of every law is kept (penalty clauses included)
    texts = "\n".join(c.text for c in real_ingest.chunks)
    assert "泄露在工作中知悉的公民个人信息" in texts  # a penalty clause, not an injected instruction
    assert "（二十八）加强统计监测和信息公开" in texts  # the last clause of the 成都 page
    warned = {w["source"] for w in real_ingest.warnings}
    assert "残疾人保障法(2018-10-26).md" in warned  # kept whole, with a warning for staff


def test_list_clause_is_answered_with_its_items(real_ingest):
    from advisor.answer.compose import list_items

    law = [c for c in real_ingest.chunks if c.source == "北京市居家养老服务条例.md"]
    c3 = next(c for c in law if c.article == "第三条")
    intro, items = list_items(c3, "居家养老服务主要包括以下内容：（一）为老年人提供社区老年餐桌", law)
    assert intro.endswith("以下内容：") and len(items) == 8
    assert items[0].startswith("（一）") and items[-1].startswith("（八）")
    assert all(x in c3.text for x in items)  # verbatim
    from advisor.answer.compose import list_passage

    text, context = list_passage(c3, intro, items, law)  # what the citation holds: the intro through (八)
    assert text.startswith("居家养老服务主要包括以下内容") and text.endswith(items[-1]) and text in context


def test_every_law_labels_its_first_and_last_article(real_ingest):
    """Each of the ten laws and regulations: the chunk that starts with 第一条 is labelled 第一条, and the
    chunk that starts with its last article (the count in EXPECTED) carries that label."""
    from advisor.ingest.structure import cn_ordinal

    for name, (*_, articles) in EXPECTED.items():
        if articles is None:
            continue
        chunks = [c for c in real_ingest.chunks if c.source == name]
        for n in (1, articles):
            label = f"第{cn_ordinal(n)}条"
            holding = [c for c in chunks if c.text.startswith(label)]
            assert holding and all(c.article.startswith(label) for c in holding), (name, label)
            assert all(c.heading_path.endswith(c.article) for c in holding), (name, label)


def test_numbered_clauses_of_the_web_pages_are_labelled(real_ingest):
    page = [c for c in real_ingest.chunks if c.source == "04-chengdu-elderly-care-measures.html"]
    c8 = [c for c in page if c.text.startswith("（八）")]
    assert c8 and all(c.article.startswith("第(八)条") for c in c8)
    explainer = [c for c in real_ingest.chunks if c.source == "05-long-term-care-policy-explainer.html"]
    assert any(c.article.startswith("第(五)条") for c in explainer)
