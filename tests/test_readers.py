"""Tests for advisor.ingest.readers: real small files built on the fly, one per supported format and failure."""

from __future__ import annotations

import io
import random
import re
import time
import zipfile
from pathlib import Path

import pytest

from advisor.ingest import readers
from advisor.ingest.readers import MAX_BYTES, ReadError, decode_text, read_file, sniff_format

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "policies"
HAN = re.compile(r"[\u4e00-\u9fff]")

PDF_LINES = ["养老服务补贴申请条件", "第二条 年满80周岁的老年人可申请居家养老服务补贴"]


# ----------------------------------------------------------------------------------------------
# builders
# ----------------------------------------------------------------------------------------------


def make_pdf(pages: list[list[str]], **canvas_kwargs: object) -> bytes:
    """A real PDF with Chinese text, using reportlab's built-in CID font (no font file needed)."""
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, **canvas_kwargs)
    for lines in pages:
        c.setFont("STSong-Light", 14)
        for i, line in enumerate(lines):
            c.drawString(72, 750 - 24 * i, line)
        if not lines:
            c.rect(100, 100, 300, 300, fill=1)  # a "scanned" page: graphics, no text
        c.showPage()
    c.save()
    return buf.getvalue()


def make_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("居家养老服务补贴实施办法", level=1)
    d.add_paragraph("第一条 为保障老年人基本生活，制定本办法。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "对象"
    table.cell(0, 1).text = "补贴标准"
    table.cell(1, 0).text = "80周岁以上老人"
    table.cell(1, 1).text = "每月100元"
    d.add_paragraph("第二条 本办法自发布之日起施行。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def expect_error(path: Path, code: str, **kwargs: object) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_file(path, **kwargs)  # type: ignore[arg-type]
    err = info.value
    assert err.code == code, f"expected {code}, got {err.code}: {err.message_en}"
    assert HAN.search(err.message_zh), err.message_zh
    assert err.message_en
    return err


# ----------------------------------------------------------------------------------------------
# happy paths
# ----------------------------------------------------------------------------------------------


def test_pdf_with_chinese_text(tmp_path: Path) -> None:
    p = write(tmp_path, "policy.pdf", make_pdf([PDF_LINES, ["第二页 居家养老"]]))
    text, fmt = read_file(p)
    assert fmt == "pdf"
    for line in [*PDF_LINES, "第二页 居家养老"]:
        assert line in text
    assert text.index(PDF_LINES[0]) < text.index("第二页")


def test_txt_that_is_really_a_pdf(tmp_path: Path) -> None:
    data = make_pdf([PDF_LINES])
    assert sniff_format(data, "notes.txt") == "pdf"
    text, fmt = read_file(write(tmp_path, "notes.txt", data))
    assert fmt == "pdf"
    assert PDF_LINES[0] in text


def test_docx_paragraphs_and_table_in_order(tmp_path: Path) -> None:
    text, fmt = read_file(write(tmp_path, "办法.docx", make_docx()))
    assert fmt == "docx"
    lines = text.split("\n")
    assert "对象 | 补贴标准" in lines
    assert "80周岁以上老人 | 每月100元" in lines
    order = ["居家养老服务补贴实施办法", "第一条", "对象 | 补贴标准", "80周岁以上老人", "第二条"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)


def test_docx_with_wrong_extension_is_sniffed(tmp_path: Path) -> None:
    text, fmt = read_file(write(tmp_path, "办法.bin", make_docx()))
    assert fmt == "docx"
    assert "每月100元" in text


GBK_HTML = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>站点标题</title><style>p {{ color: red }}</style>
<script>var menu = "菜单脚本";</script></head>
<body>
<header><div class="logo">某某市民政局</div></header>
<nav><ul><li>首页</li><li>政务公开</li><li>办事服务</li></ul></nav>
<div class="article">
  <h1>关于提高高龄津贴标准的通知</h1>
  <p>各区县民政局：</p>
  <p>为进一步做好养老
     服务工作，   现将有关事项通知如下。</p>
  <p>第一行<br>第二行</p>
  <table><tr><th>年龄</th><th>标准</th></tr><tr><td>80-89岁</td><td>每月{amount}元</td></tr></table>
  <ul><li>条目一</li><li>条目二</li></ul>
</div>
<aside>相关链接</aside>
<form><input name="q"><button>搜索</button></form>
<noscript>请启用脚本</noscript>
<footer>版权所有 网站地图</footer>
</body></html>
"""


def test_html_gbk_meta_charset_boilerplate_dropped(tmp_path: Path) -> None:
    data = GBK_HTML.format(amount=100).encode("gbk")
    p = write(tmp_path, "notice.html", data)
    text, fmt = read_file(p)
    assert fmt == "html"
    lines = text.split("\n")
    assert "关于提高高龄津贴标准的通知" in lines
    assert "各区县民政局：" in lines
    # whitespace collapsed inside the line; a source line break between CJK chars is not a space
    assert "为进一步做好养老服务工作， 现将有关事项通知如下。" in lines
    assert "第一行" in lines and "第二行" in lines
    assert "年龄 | 标准" in lines
    assert "80-89岁 | 每月100元" in lines
    assert "条目一" in lines and "条目二" in lines
    for junk in (
        "菜单脚本",
        "color",
        "首页",
        "政务公开",
        "相关链接",
        "搜索",
        "请启用脚本",
        "版权所有",
        "某某市民政局",
    ):
        assert junk not in text, junk


def test_html_utf8_page_with_stale_gb2312_meta(tmp_path: Path) -> None:
    data = GBK_HTML.format(amount=200).encode("utf-8")
    text, fmt = read_file(write(tmp_path, "notice.htm", data))
    assert fmt == "html"
    assert "每月200元" in text


def test_html_header_inside_article_is_kept(tmp_path: Path) -> None:
    html = "<html><body><article><header><h1>养老机构管理办法</h1></header><p>正文内容</p></article></body></html>"
    text, _ = read_file(write(tmp_path, "a.html", html.encode()))
    assert text.split("\n") == ["养老机构管理办法", "正文内容"]


def test_markdown_is_text(tmp_path: Path) -> None:
    md = "# 养老服务\n\n- 条目一\n- 条目二\r\n"
    text, fmt = read_file(write(tmp_path, "readme.md", md.encode()))
    assert fmt == "text"
    assert text == "# 养老服务\n\n- 条目一\n- 条目二"


CN = "第三条 居家养老服务补贴对象为本市户籍老年人。\r\n第四条 补贴标准每人每月100元。\r\n"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("gbk.txt", CN.encode("gbk")),
        ("gb18030.txt", (CN + "𠀀").encode("gb18030")),  # a character outside GBK
        ("utf16.txt", CN.encode("utf-16")),  # with BOM
        ("utf16be.txt", b"\xfe\xff" + CN.encode("utf-16-be")),
        ("utf16le_nobom.txt", CN.encode("utf-16-le")),
        ("utf8bom.txt", b"\xef\xbb\xbf" + CN.encode("utf-8")),
        ("utf8.txt", CN.encode("utf-8")),
        ("cr_only.txt", CN.replace("\r\n", "\r").encode("utf-8")),
    ],
)
def test_text_encodings(tmp_path: Path, name: str, data: bytes) -> None:
    text, fmt = read_file(write(tmp_path, name, data))
    assert fmt == "text"
    assert text.startswith("第三条 居家养老服务补贴对象为本市户籍老年人。\n第四条")
    assert "\r" not in text and "\ufeff" not in text


def test_utf8_cut_mid_character_is_tolerated(tmp_path: Path) -> None:
    data = ("养老服务" * 300).encode("utf-8")[:-1]
    text, fmt = read_file(write(tmp_path, "cut.txt", data))
    assert fmt == "text"
    assert text.startswith("养老服务养老服务")


def test_kangxi_radicals_folded(tmp_path: Path) -> None:
    text, _ = read_file(write(tmp_path, "k.txt", "养⽼服务".encode()))  # U+2F7C KANGXI RADICAL OLD
    assert text == "养老服务"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("0*_*.txt")), ids=lambda p: p.name)
def test_seed_corpus_reads_as_text(path: Path) -> None:
    text, fmt = read_file(path)
    assert fmt == "text"
    assert "养老" in text


def test_seed_corpus_present() -> None:
    assert len(list(CORPUS.glob("*"))) >= 5


# ----------------------------------------------------------------------------------------------
# failures
# ----------------------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    err = expect_error(write(tmp_path, "empty.txt", b""), "empty")
    assert err.message_zh == "文件为空，已跳过"


def test_whitespace_only_file(tmp_path: Path) -> None:
    expect_error(write(tmp_path, "blank.txt", b" \r\n\t\n"), "empty")


def test_binary_garbage(tmp_path: Path) -> None:
    rng = random.Random(1234)
    data = bytes(rng.randrange(256) for _ in range(8192))
    assert b"\x00" in data
    assert sniff_format(data, "garbage.txt") == "binary"
    expect_error(write(tmp_path, "garbage.txt", data), "binary")


def test_binary_control_chars_without_nul(tmp_path: Path) -> None:
    rng = random.Random(99)
    data = bytes(rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 0x1B, 0x41, 0x42]) for _ in range(4096))
    expect_error(write(tmp_path, "ctrl.txt", data), "binary")


def test_undecodable_text_is_encoding_error(tmp_path: Path) -> None:
    data = ("Résumé café naïve, " * 50).encode("latin-1")
    expect_error(write(tmp_path, "latin1.txt", data), "encoding")
    with pytest.raises(ReadError) as info:
        decode_text(data)
    assert info.value.code == "encoding"


def test_oversized_file_rejected_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write(tmp_path, "big.txt", "养老".encode() * 1000)

    def no_read(*args: object, **kwargs: object) -> object:
        raise AssertionError("oversized file must not be opened")

    monkeypatch.setattr(Path, "open", no_read)
    monkeypatch.setattr(Path, "read_bytes", no_read)
    err = expect_error(p, "too_large", max_bytes=1000)
    assert "上限" in err.message_zh
    assert MAX_BYTES == 20 * 1024 * 1024


def test_truncated_pdf(tmp_path: Path) -> None:
    data = make_pdf([PDF_LINES])
    p = write(tmp_path, "cut.pdf", data[: len(data) * 2 // 3])
    expect_error(p, "corrupt_pdf")


def test_pdf_with_garbage_body(tmp_path: Path) -> None:
    expect_error(write(tmp_path, "bad.pdf", b"%PDF-1.4\n" + b"garbage " * 300 + b"\n%%EOF\n"), "corrupt_pdf")


def test_scanned_pdf_without_text(tmp_path: Path) -> None:
    err = expect_error(write(tmp_path, "scan.pdf", make_pdf([[], []])), "no_text")
    assert err.message_zh == "未能从PDF中提取文字(可能是扫描件)，已跳过"


def test_encrypted_pdf(tmp_path: Path) -> None:
    data = make_pdf([PDF_LINES], encrypt="secret")
    expect_error(write(tmp_path, "locked.pdf", data), "encrypted")


def test_pdf_page_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_PDF_PAGES", 2)
    data = make_pdf([PDF_LINES, PDF_LINES, PDF_LINES])
    expect_error(write(tmp_path, "long.pdf", data), "too_many_pages")


def test_pdf_time_limit_zero(tmp_path: Path) -> None:
    expect_error(write(tmp_path, "p.pdf", make_pdf([PDF_LINES])), "timeout", time_limit_s=0.0)


def test_pdf_stuck_parser_is_abandoned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PageObject

    def slow_extract(self: object, *args: object, **kwargs: object) -> str:
        time.sleep(3)
        return ""

    monkeypatch.setattr(PageObject, "extract_text", slow_extract)
    p = write(tmp_path, "slow.pdf", make_pdf([PDF_LINES]))
    start = time.monotonic()
    err = expect_error(p, "timeout", time_limit_s=0.3)
    assert time.monotonic() - start < 2
    assert "超" in err.message_zh


def test_zip_bomb_disguised_as_docx(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/media/padding.bin", b"\x00" * (8 * 1024 * 1024))
    data = buf.getvalue()
    assert len(data) < 100_000
    assert sniff_format(data, "bomb.docx") == "docx"
    expect_error(write(tmp_path, "bomb.docx", data), "zip_bomb")


def test_docx_absolute_uncompressed_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "ZIP_MAX_UNCOMPRESSED", 1000)
    expect_error(write(tmp_path, "ok.docx", make_docx()), "zip_bomb")


def test_truncated_docx(tmp_path: Path) -> None:
    data = make_docx()
    p = write(tmp_path, "cut.docx", data[: len(data) // 2])
    assert sniff_format(p.read_bytes(), p.name) == "docx"
    expect_error(p, "corrupt_docx")


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    src = zipfile.ZipFile(io.BytesIO(make_docx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/document.xml":
                body = body[: len(body) // 2]  # unterminated XML
            zf.writestr(info, body)
    expect_error(write(tmp_path, "broken.docx", buf.getvalue()), "corrupt_docx")


def test_zip_without_document_xml_is_not_docx(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    data = buf.getvalue()
    assert sniff_format(data, "sheet.docx") == "binary"
    err = expect_error(write(tmp_path, "sheet.docx", data), "unsupported")
    assert "Excel" in err.message_zh


def test_png_is_unsupported(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    expect_error(write(tmp_path, "photo.png", data), "unsupported")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    expect_error(tmp_path / "nope.txt", "io_error")
    expect_error(tmp_path, "io_error")


# ----------------------------------------------------------------------------------------------
# sniffing / decoding units
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (b"%PDF-1.7\n...", "", "pdf"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "x.txt", "html"),
        (b"  <html lang='zh'><body>x</body></html>", "", "html"),
        (b"<p>fragment</p>", "page.htm", "html"),
        (b"<p>fragment</p>", "notes.md", "text"),
        (b"# title\n\n<div>inline html in markdown</div>\n", "notes.md", "text"),
        ("纯文本".encode("gbk"), "a.txt", "text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc", "binary"),
        (b"\x00\x01\x02\x03" * 10, "", "binary"),
    ],
)
def test_sniff_format(data: bytes, name: str, fmt: str) -> None:
    assert sniff_format(data, name) == fmt


def test_decode_text_variants() -> None:
    s = "养老服务 ABC 123"
    assert decode_text(s.encode("utf-8")) == s
    assert decode_text(b"\xef\xbb\xbf" + s.encode("utf-8")) == s
    assert decode_text(s.encode("utf-16")) == s
    assert decode_text(s.encode("gbk")) == s
    with pytest.raises(ReadError) as info:
        decode_text(b"abc\x00\x01\x02\xff\xfe\x00\x00\x00")
    assert info.value.code == "binary"


def test_read_error_defaults_and_str() -> None:
    err = ReadError("empty")
    assert err.message_zh == "文件为空，已跳过"
    assert str(err).startswith("empty:")
    err2 = ReadError("no_text", "未能从PDF中提取文字(可能是扫描件)，已跳过", "no text")
    assert (err2.code, err2.message_en) == ("no_text", "no text")


def test_pdf_with_trailing_junk_after_eof_is_accepted(tmp_path: Path) -> None:
    data = make_pdf([PDF_LINES]) + b"<html>" + b"x" * 4000 + b"</html>\n"
    text, fmt = read_file(write(tmp_path, "junk.pdf", data))
    assert fmt == "pdf" and PDF_LINES[0] in text


def test_pdf_cut_after_an_early_eof_is_rejected(tmp_path: Path) -> None:
    data = make_pdf([PDF_LINES])
    cut = data.index(b"endobj") + len(b"endobj")
    # A linearized-style file: an early %%EOF followed by more objects, then cut off.
    fake = data[:cut] + b"\n%%EOF\n" + data[cut : len(data) * 3 // 4]
    expect_error(write(tmp_path, "lin.pdf", fake), "corrupt_pdf")


def test_text_starting_with_printable_magic_is_still_text(tmp_path: Path) -> None:
    text, fmt = read_file(write(tmp_path, "mz.txt", "MZ养老服务中心简介\n".encode()))
    assert (text, fmt) == ("MZ养老服务中心简介", "text")


def test_legacy_doc_is_unsupported(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    err = expect_error(write(tmp_path, "old.doc", data), "unsupported")
    assert ".docx" in err.message_zh


def test_docx_that_python_docx_rejects_falls_back_to_document_xml(tmp_path: Path) -> None:
    src = zipfile.ZipFile(io.BytesIO(make_docx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename != "[Content_Types].xml":  # python-docx cannot open the package
                zf.writestr(info, src.read(info.filename))
    text, fmt = read_file(write(tmp_path, "odd.docx", buf.getvalue()))
    assert fmt == "docx"
    assert "80周岁以上老人 | 每月100元" in text.split("\n")


def test_docx_tracked_insertions_kept_deletions_dropped(tmp_path: Path) -> None:
    src = zipfile.ZipFile(io.BytesIO(make_docx()))
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    extra = (
        f'<w:p xmlns:w="{w}"><w:r><w:t>补贴</w:t></w:r>'
        '<w:ins w:id="1" w:author="a"><w:r><w:t>每月发放</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>按年发放</w:delText></w:r></w:del></w:p>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/document.xml":
                body = body.replace(b"<w:sectPr", extra.encode() + b"<w:sectPr", 1)
            zf.writestr(info, body)
    text, _ = read_file(write(tmp_path, "tracked.docx", buf.getvalue()))
    assert "补贴每月发放" in text
    assert "按年发放" not in text


def test_reader_registry_dispatches_by_format_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every format sniff_format() can name, except 'binary', has a registered reader.
    assert set(readers.READERS) == {"pdf", "docx", "html", "text"}
    # A new format is one registry entry (and its detection): read_file() needs nothing else.
    monkeypatch.setattr(readers, "sniff_format", lambda data, name="": "fake")
    monkeypatch.setitem(readers.READERS, "fake", readers.FormatReader(lambda data, _deadline: "第一条\r\n内容"))
    p = tmp_path / "doc.fake"
    p.write_bytes(b"anything")
    assert read_file(p) == ("第一条\n内容", "fake")
    monkeypatch.setitem(readers.READERS, "fake", readers.FormatReader(lambda data, _deadline: 1 / 0, "corrupt_fake"))
    with pytest.raises(ReadError) as err:
        read_file(p)
    assert err.value.code == "corrupt_fake"
    monkeypatch.setitem(readers.READERS, "fake", readers.FormatReader(lambda data, _deadline: " \n "))
    with pytest.raises(ReadError) as err:
        read_file(p)
    assert err.value.code == "empty"
