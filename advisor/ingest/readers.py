"""Turn any file staff drop into ``corpus/`` into plain text, or fail with a clear reason.

Supported inputs: plain text / Markdown (UTF-8 with or without BOM, UTF-16/UTF-32 with BOM,
BOM-less UTF-16 with ASCII content, GBK/GB18030), HTML (meta charset honoured), PDF (pypdf) and
DOCX (python-docx).  Every problem with the *input* surfaces as :class:`ReadError`, which carries
a short English ``code`` for programs, a Simplified Chinese ``message_zh`` for staff and an
English ``message_en`` for logs.

The format is decided by content (magic bytes) first; the file extension is only a hint, so a
``.txt`` that really is a PDF is read as a PDF. :func:`sniff_format` names the format and
:data:`READERS`, the reader registry, maps each format name to the function that reads it.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import threading
import time
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape as html_unescape
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from advisor.answer.templates import FILE_KINDS, READ_ERROR_CASES, READ_ERRORS
from advisor.ingest.structure import TABLE_CELL

__all__ = [
    "MAX_BYTES",
    "MAX_PDF_PAGES",
    "READERS",
    "ZIP_MAX_MEMBERS",
    "ZIP_MAX_RATIO",
    "ZIP_MAX_UNCOMPRESSED",
    "FormatReader",
    "ReadError",
    "ReadErrorArgs",
    "decode_text",
    "read_file",
    "sniff_format",
]

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024  # default size limit, overridable by argument
MAX_PDF_PAGES = 500  # PDFs with more pages are rejected ('too_many_pages')
ZIP_MAX_RATIO = 50  # docx: total uncompressed size must be <= this many times the file size
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024  # docx: absolute cap on total uncompressed size
ZIP_MAX_MEMBERS = 10_000  # docx: more archive members than this is treated as a zip bomb

# Share of control / replacement characters above which decoded "text" is called binary.
_BINARY_SHARE = 0.05
# Lenient decoding accepts at most one bad byte sequence per this many characters.
_LENIENT_CHARS_PER_ERROR = 1000

_T = TypeVar("_T")


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------

# The English message of each code, for logs; the Chinese one, for staff, is READ_ERRORS[code] (templates.py).
_DEFAULT_MESSAGES_EN: dict[str, str] = {
    "empty": "file is empty",
    "too_large": "file exceeds the size limit",
    "binary": "content looks like binary data, not text",
    "encoding": "text encoding not recognised (tried UTF-8, UTF-16, GBK/GB18030)",
    "corrupt_pdf": "PDF is corrupt or truncated",
    "corrupt_docx": "DOCX is corrupt",
    "zip_bomb": "DOCX archive expands too much (possible zip bomb)",
    "timeout": "parsing took too long",
    "too_many_pages": "PDF has too many pages",
    "encrypted": "PDF is encrypted and cannot be opened without a password",
    "no_text": "no extractable text",
    "unsupported": "unsupported file format",
    "corrupt": "file content cannot be parsed",
    "io_error": "file cannot be read",
}


class ReadError(Exception):
    """A file that cannot be ingested.

    Attributes:
        code: short English slug, one of ``empty``, ``too_large``, ``binary``, ``encoding``,
            ``corrupt_pdf``, ``corrupt_docx``, ``zip_bomb``, ``timeout``, ``too_many_pages``,
            ``encrypted``, ``no_text``, ``unsupported``, ``corrupt``, ``io_error``.
        message_zh: clear Simplified Chinese explanation for staff, e.g. ``文件为空，已跳过``.
        message_en: English explanation for logs.

    ``message_zh`` / ``message_en`` default to a generic text for the code when omitted.
    """

    def __init__(self, code: str, message_zh: str | None = None, message_en: str | None = None) -> None:
        default_zh = READ_ERRORS.get(code, READ_ERRORS["other"])
        default_en = _DEFAULT_MESSAGES_EN.get(code, code)
        self.code = code
        self.message_zh = message_zh or default_zh
        self.message_en = message_en or default_en
        super().__init__(self.code, self.message_zh, self.message_en)

    def __str__(self) -> str:
        return f"{self.code}: {self.message_en}"


class ReadErrorArgs(NamedTuple):
    """The arguments of a :class:`ReadError` kept as data: ``ReadError(*args)``."""

    code: str
    message_zh: str
    message_en: str


# --------------------------------------------------------------------------------------------
# Format sniffing
# --------------------------------------------------------------------------------------------

_HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml", ".xht", ".mht", ".php", ".asp", ".aspx", ".jsp"}
_DOCX_EXTS = {".docx", ".docm", ".dotx", ".dotm"}

# Magic numbers of formats we recognise but do not ingest: prefix -> FILE_KINDS key (the Chinese name, in
# templates.py) / English name.
_OTHER_MAGIC: list[tuple[bytes, str, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2", "legacy OLE2 Office file"),
    (b"{\\rtf", "rtf", "RTF document"),
    (b"\x89PNG\r\n\x1a\n", "png", "PNG image"),
    (b"\xff\xd8\xff", "jpeg", "JPEG image"),
    (b"GIF87a", "gif", "GIF image"),
    (b"GIF89a", "gif", "GIF image"),
    (b"II*\x00", "tiff", "TIFF image"),
    (b"MM\x00*", "tiff", "TIFF image"),
    (b"\x1f\x8b", "gzip", "gzip archive"),
    (b"Rar!\x1a\x07", "rar", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "7z archive"),
    (b"\x7fELF", "elf", "ELF executable"),
    (b"MZ", "exe", "Windows executable"),
    (b"OggS", "ogg", "Ogg media"),
    (b"ID3", "mp3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "mp4", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "mp4", "MP4 video"),
    (b"RIFF", "riff", "RIFF media"),
    (b"%!PS", "postscript", "PostScript file"),
]


_PRINTABLE_MAGIC = {b"MZ", b"ID3", b"OggS", b"RIFF"}


def _ext(name: str) -> str:
    return Path(name).suffix.lower() if name else ""


def _is_pdf(data: bytes) -> bool:
    # The PDF header may legally be preceded by junk; readers look in the first 1024 bytes.
    return b"%PDF-" in data[:1024]


def _zip_names(data: bytes) -> list[str] | None:
    """Member names of a zip archive, or None when the central directory cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return zf.namelist()
    except Exception:  # BadZipFile, struct errors, huge counts, ... all mean "not readable"
        return None


def _other_binary_kind(data: bytes) -> tuple[str, str] | None:
    """(Chinese, English) name of a known non-ingestible format, from magic bytes."""
    for magic, kind, en in _OTHER_MAGIC:
        if data.startswith(magic):
            # Short printable magics ("MZ", "ID3", "RIFF", "OggS") could start a real text file;
            # the binary formats they introduce always have NUL bytes in their header.
            if magic in _PRINTABLE_MAGIC and b"\x00" not in data[:64]:
                continue
            return FILE_KINDS[kind], en
    if data.startswith(b"BM") and len(data) > 26 and data[6:10] == b"\x00\x00\x00\x00":
        return FILE_KINDS["bmp"], "BMP image"
    return None


def _zip_kind(names: list[str]) -> tuple[str, str]:
    """Describe a zip that is not a docx."""
    name_set = set(names)
    if "xl/workbook.xml" in name_set:
        return FILE_KINDS["xlsx"], "XLSX workbook"
    if "ppt/presentation.xml" in name_set:
        return FILE_KINDS["pptx"], "PPTX presentation"
    if "mimetype" in name_set and any(n == "content.xml" for n in names):
        return FILE_KINDS["odf"], "OpenDocument file"
    return FILE_KINDS["zip"], "zip archive"


_LEADING_JUNK_RE = re.compile(r"^(?:\s+|<!--.*?-->|<\?xml[^>]*\?>)*", re.S)
_HTML_START_RE = re.compile(r"<!doctype\s+html|<html[\s>]", re.I)
_HTML_TAG_RE = re.compile(r"<(?:html|head|body|meta|title|div|p|table|span|a|h[1-6]|br|ul|li)[\s>/]", re.I)
_HTML_STRUCTURE_RE = re.compile(r"<(?:head|body)[\s>]", re.I)


def _head_as_text(data: bytes, size: int = 4096) -> str:
    """First bytes as a str good enough to look for ASCII markup (BOM-aware, never fails)."""
    head = data[:size]
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(enc, errors="ignore")
    return head.decode("latin-1")


def _looks_like_html(data: bytes, name: str) -> bool:
    head = _head_as_text(data)
    body = head[_LEADING_JUNK_RE.match(head).end() :]  # type: ignore[union-attr]
    if _HTML_START_RE.match(body):
        return True
    if _ext(name) in _HTML_EXTS and _HTML_TAG_RE.search(head):
        return True
    # Markup without an extension hint: only a document that starts with a tag and has <head>/<body>.
    return body.startswith("<") and bool(_HTML_STRUCTURE_RE.search(head))


def sniff_format(data: bytes, name: str = "") -> str:
    """Classify file content as ``'pdf' | 'docx' | 'html' | 'text' | 'binary'``.

    Content (magic bytes) decides first; the extension of ``name`` is only a hint (it tips an
    unreadable zip towards ``docx`` and markup fragments towards ``html``). ``'binary'`` means
    "not ingestible": garbage, undecodable text, or a known but unsupported format (images,
    legacy .doc, xlsx, zip archives, RTF, ...).
    """
    if not data:
        return "text"
    if _is_pdf(data):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        names = _zip_names(data)
        if names is not None:
            return "docx" if "word/document.xml" in names else "binary"
        # Unreadable zip (e.g. truncated): still a docx if it says so.
        if b"word/document.xml" in data or _ext(name) in _DOCX_EXTS:
            return "docx"
        return "binary"
    if _other_binary_kind(data) is not None:
        return "binary"
    if _looks_like_html(data, name):
        return "html"
    try:
        decode_text(data)
    except ReadError:
        return "binary"
    return "text"


# --------------------------------------------------------------------------------------------
# Text decoding
# --------------------------------------------------------------------------------------------

_BOMS: list[tuple[bytes, str]] = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]

# C0/C1 controls except tab, newline, vertical tab, form feed, carriage return; plus U+FFFD.
_BAD_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _bad_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_BAD_CHARS_RE.findall(text)) / len(text)


def _raw_control_share(data: bytes) -> float:
    sample = data[:65536]
    bad = sum(1 for b in sample if (b < 0x20 and b not in (9, 10, 11, 12, 13)) or b == 0x7F)
    return bad / max(1, len(sample))


def _binary_error() -> ReadError:
    return ReadError("binary")


def _encoding_error() -> ReadError:
    return ReadError("encoding")


def _checked(text: str) -> str:
    if "\x00" in text or _bad_share(text) > _BINARY_SHARE:
        raise _binary_error()
    return text


def _decode_lenient(
    data: bytes, encoding: str, chars_per_error: int = _LENIENT_CHARS_PER_ERROR
) -> str | None:
    """Decode allowing a few bad byte sequences (e.g. a file cut in the middle of a character)."""
    text = data.decode(encoding, errors="replace")
    errors = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if errors <= max(1, len(text) // chars_per_error):
        return text
    return None


_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\t\r\n]")


def _plausible_share(text: str) -> float:
    """Share of characters a Chinese document is made of (CJK, ASCII, CJK and full-width punctuation)."""
    return len(_PLAUSIBLE.findall(text)) / max(1, len(text))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: LE or BE, whichever decodes to text made of the characters a Chinese document
    uses (ASCII-only text shows NUL bytes at only odd or only even offsets; Chinese text has NUL bytes on
    both sides, as in 一 = U+4E00)."""
    if len(data) < 4 or len(data) % 2:
        return None
    best, share = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if (p := _plausible_share(text)) > share:
            best, share = text, p
    return best if share >= 0.9 else None


def decode_text(data: bytes) -> str:
    """Decode bytes that should be text.

    Tries, in order: a BOM (UTF-8, UTF-16, UTF-32), BOM-less UTF-16 (recognised by its NUL
    pattern), strict UTF-8, strict GB18030 (a superset of GBK/GB2312), then UTF-8 / GB18030
    tolerating at most one bad sequence per 1000 characters (a file cut mid-character).

    Raises:
        ReadError: ``'encoding'`` when the bytes are not text in any of these encodings;
            ``'binary'`` when they contain NUL bytes or decode to mostly control characters.
    """
    if not data:
        return ""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return _checked(body.decode(encoding))
            except UnicodeDecodeError:
                text = _decode_lenient(body, encoding)
                if text is None:
                    raise _encoding_error() from None
                return _checked(text)
    if b"\x00" in data:
        text = _bomless_utf16(data)
        if text is None:
            raise _binary_error()
        return _checked(text)
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    candidates = [t for enc in ("utf-8", "gb18030") if (t := _decode_lenient(data, enc)) is not None]
    if candidates:
        return _checked(min(candidates, key=lambda t: t.count("\ufffd")))
    if _raw_control_share(data) > _BINARY_SHARE:
        raise _binary_error()
    raise _encoding_error()


# --------------------------------------------------------------------------------------------
# Output normalisation
# --------------------------------------------------------------------------------------------


def _build_cjk_compat_table() -> dict[int, str]:
    """Kangxi radicals / CJK radicals / compatibility ideographs -> unified ideographs.

    Chinese PDFs often extract e.g. '⽼' (U+2F7C KANGXI RADICAL OLD) instead of '老', which breaks
    search for '养老'. Only these blocks are folded; full NFKC would also rewrite punctuation.
    """
    table: dict[int, str] = {}
    for lo, hi in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF)):
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch and len(folded) == 1:
                table[cp] = folded
    return table


_CJK_COMPAT = _build_cjk_compat_table()
_LINE_BREAKS_RE = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_STRIP_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff\u200b]")
_TRAILING_WS_RE = re.compile(r"[ \t\u3000\xa0]+$", re.M)
_MANY_BLANKS_RE = re.compile(r"\n{3,}")


def _normalise(text: str) -> str:
    """\\n newlines, no control chars, folded CJK radicals, no trailing spaces, <=1 blank line."""
    text = _LINE_BREAKS_RE.sub("\n", text)
    text = _STRIP_CHARS_RE.sub("", text)
    text = text.translate(_CJK_COMPAT)
    text = _TRAILING_WS_RE.sub("", text)
    text = _MANY_BLANKS_RE.sub("\n\n", text)
    return text.strip("\n")


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_HTML_DROP = {
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "head", "template",
    "svg", "iframe", "object", "embed", "canvas", "select", "button", "input", "textarea", "map",
}  # fmt: skip
_HTML_BLOCK = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main", "blockquote",
    "pre", "figure", "figcaption", "hr", "address", "center", "title", "fieldset", "details",
    "summary", "body", "html",
}  # fmt: skip
_HTML_CELL = {"td", "th"}
_CELL_MARK = "\x1f"  # internal separator between table cells, replaced by " | "
_CHARSET_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_BREAK_RE = re.compile(rf"(?<=[{_CJK}])[ \t\r\n]*\n[ \t\r\n]*(?=[{_CJK}])")
_WS_RE = re.compile(r"[\s\u3000\xa0]+")
_GB_ALIASES = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "csgb2312", "chinese", "euc-cn", "gb18030"}


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _XML_ENCODING_RE.search(head) or _CHARSET_RE.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", errors="ignore").strip().lower()
    if label in _GB_ALIASES:
        return "gb18030"
    return label or None


def _decode_html(data: bytes) -> str:
    """Decode HTML bytes: BOM, else valid UTF-8, else the declared charset, else decode_text.

    Valid UTF-8 wins over a declared charset because Chinese sites often keep a stale
    ``charset=gb2312`` on pages that are actually UTF-8; GBK text is practically never valid UTF-8.
    """
    for bom, _enc in _BOMS:
        if data.startswith(bom):
            return decode_text(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_text(data)
    except ReadError:
        if declared:
            # Pages in a declared charset often carry a few stray bytes; browsers show U+FFFD.
            try:
                text = _decode_lenient(data, declared, chars_per_error=100)
            except LookupError:
                text = None
            if text is not None:
                return text
        raise


def _squash(text: str) -> str:
    text = _CJK_BREAK_RE.sub("", text)  # a source line break between two CJK chars is not a space
    return _WS_RE.sub(" ", text)


# what a browser does not show: inline or <style> rules that hide an element or push it off screen
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*0*\.?0+(?:px|pt|em|rem|%)?\s*(?:;|!|$)"
    r"|opacity\s*:\s*0*\.?0+\s*(?:;|!|$)|(?:left|top|right|text-indent|margin-left|margin-top)\s*:\s*-\d{3,}"
    r"|clip\s*:\s*rect\(\s*0|clip-path\s*:\s*inset\(\s*50%|(?:max-)?height\s*:\s*0(?:px)?\s*(?:;|!|$)",
    re.IGNORECASE,
)
_SIMPLE_SELECTOR = re.compile(r"^\s*(?:[a-zA-Z][\w-]*)?(?:[.#][\w-]+)+\s*$")


# what marks an element as the switch of the one after it (a 常见问题 page's question, clicked to show its answer)
_TOGGLE_ATTRS = ("onclick", "aria-expanded", "aria-controls", "data-toggle", "data-bs-toggle")
_TOGGLE_CLASS = re.compile(r"faq|question|accordion|collaps|toggle|expand|fold", re.IGNORECASE)


def opened_by_a_click(tag: Any) -> bool:
    """Whether a hidden element is the answer a click on the element before it shows (an accordion: "<h4
    class=faq-q onclick=toggle(this)>…？</h4><div style=display:none>…</div>"): the reader sees it, it is kept."""
    before = tag.find_previous_sibling(True)
    return before is not None and _HIDDEN_STYLE.search(str(before.get("style") or "")) is None \
        and (any(before.has_attr(a) for a in _TOGGLE_ATTRS)
             or any(_TOGGLE_CLASS.search(c) for c in before.get("class") or []))


def drop_hidden(soup: Any) -> int:
    """Remove from a parsed page what a browser would not show — `hidden`, `aria-hidden`, <template>,
    <noscript>, inline styles that hide or move text off screen, and elements whose class or id a <style>
    rule hides — so that hidden text is never indexed or quoted; not the answer a click on the question before it
    shows (`opened_by_a_click`), which is shown instead. Returns how many elements were removed or shown."""
    hidden: set[str] = set()
    for style in soup.find_all("style"):
        for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", style.get_text()):
            if _HIDDEN_STYLE.search(m.group(2)):
                hidden |= {sel.strip() for sel in m.group(1).split(",") if _SIMPLE_SELECTOR.match(sel)}
    classes = {x[1:] for sel in hidden for x in re.findall(r"\.[\w-]+", sel)}
    ids = {x[1:] for sel in hidden for x in re.findall(r"#[\w-]+", sel)}
    doomed, shown = [], 0
    for tag in soup.find_all(True):
        if tag.name in ("template", "noscript") or str(tag.get("aria-hidden") or "").lower() == "true":
            doomed.append(tag)
        elif tag.has_attr("hidden") or _HIDDEN_STYLE.search(str(tag.get("style") or "")) \
                or any(c in classes for c in (tag.get("class") or [])) or (tag.get("id") or "") in ids:
            if not opened_by_a_click(tag):
                doomed.append(tag)
                continue
            # (shown as the click shows it, so that no later reader of the page drops it)
            del tag["hidden"]
            tag["style"] = _HIDDEN_STYLE.sub("", str(tag.get("style") or ""))
            tag["class"] = [c for c in tag.get("class") or [] if c not in classes]
            shown += 1
    for tag in doomed:
        if not getattr(tag, "decomposed", False):
            tag.decompose()
    return len(doomed) + shown


PRE_TEXT_MIN = 200  # a <pre> block this long is a document pasted as text, not a snippet of code


def _visible_markup(markup: str) -> str:
    """The page without what a browser would not show (see `drop_hidden`), and with a document pasted into a <pre>
    block as one paragraph a line (the extractor would run its lines together)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    changed = drop_hidden(soup)
    for pre in soup.find_all("pre"):
        text = pre.get_text()
        if len(text.strip()) >= PRE_TEXT_MIN:
            block = soup.new_tag("div")
            for line in text.split("\n"):
                if line.strip():
                    para = soup.new_tag("p")
                    para.string = line.rstrip()
                    block.append(para)
            pre.replace_with(block)
            changed = True
    return str(soup) if changed else markup


CELL_TEXT_MAX = 400  # a data table's cell holds at most this much text; a longer one lays out a page


def _data_cell(cell: Any) -> bool:
    """Whether a table cell is a cell of data (an answer with its numbered list, a row's 备注), whose line breaks
    and paragraphs stay in its row, not a cell that lays out a page (an article, a nested table)."""
    return cell.find("table") is None and len(cell.get_text(strip=True)) <= CELL_TEXT_MAX


def _html_to_text(data: bytes) -> str:
    from bs4 import BeautifulSoup
    from bs4.element import CData, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    markup = _decode_html(data)
    if _bad_share(markup) > _BINARY_SHARE:
        raise _binary_error()
    soup = BeautifulSoup(markup, "lxml")
    drop_hidden(soup)
    skip_strings = (Comment, Declaration, Doctype, ProcessingInstruction)
    parts: list[str] = []
    # Iterative walk (deeply nested markup must not hit the recursion limit).
    # Stack items: (node, in_article, in_pre, in_cell) or a str to emit after a tag's children.
    stack: list[Any] = [(soup, False, False, False)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        node, in_article, in_pre, in_cell = item
        if isinstance(node, NavigableString):
            if isinstance(node, skip_strings) and not isinstance(node, CData):
                continue
            parts.append(str(node) if in_pre else _squash(str(node)))
            continue
        if not isinstance(node, Tag):
            continue
        name = (node.name or "").lower()
        if name in _HTML_DROP:
            # A <header>/<footer> inside <article>/<main> belongs to the content (title, date): keep.
            if not (in_article and name in ("header", "footer")):
                continue
        if (node.get("role") or "") == "navigation" or node.has_attr("hidden"):
            continue
        if name == "br":
            parts.append(" " if in_cell else "\n")  # (a line break inside a table's cell: the cell goes on)
            continue
        closing = ""
        if (name in _HTML_BLOCK or name in ("header", "footer")) and not in_cell:
            parts.append("\n")
            closing = "\n"
        elif name in _HTML_BLOCK and in_cell:
            parts.append(" ")
            closing = " "
        elif name in _HTML_CELL:
            parts.append(_CELL_MARK)
            closing = _CELL_MARK
        stack.append(closing)
        child_article = in_article or name in ("article", "main")
        child_pre = in_pre or name in ("pre", "textarea")
        child_cell = in_cell or (name in _HTML_CELL and _data_cell(node))
        stack.extend((child, child_article, child_pre, child_cell) for child in reversed(list(node.children)))
    lines = []
    for raw_line in "".join(parts).split("\n"):
        if _CELL_MARK in raw_line:
            cells = [c.strip() for c in raw_line.split(_CELL_MARK)]
            line = TABLE_CELL.join(c for c in cells if c)
        else:
            line = raw_line.strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


# Metadata rows that government pages print around an article ("文 号：成办发〔2022〕28号签发单位：…"),
# read from the whole page and written one a line above the article body, empty ones dropped.
PAGE_ROW_KEYS = ("索引号", "主题分类", "发布机构", "发文机关", "签发单位", "发文单位", "文号", "发文字号", "成文日期",
                 "签发时间", "签发日期", "发文日期", "发布时间", "发布日期", "生效时间", "生效日期", "施行日期",
                 "有效性", "信息来源", "来源", "时间")
_SPACED_KEY = {k: r"\s*".join(map(re.escape, k)) for k in PAGE_ROW_KEYS}
GENERIC_ROW_KEYS = ("来源", "时间")  # also words of a sentence (资金来源：, 受理时间：): a row only after a break
_ROW_RE = re.compile(r"(" + "|".join(
    (r"(?:^|(?<=[\s|｜\d:：]))" if k in GENERIC_ROW_KEYS else "") + _SPACED_KEY[k]
    for k in sorted(PAGE_ROW_KEYS, key=len, reverse=True)) + r"|浏览次数|访问量|点击数)\s*[:：]")
_SITE_SUFFIX = re.compile(r"\s*[_|｜\-—–]+\s*[^_|｜\-—–]{2,30}(?:网|政府|门户|网站|厅|局|委员会)\s*$")
_LEAD_DATE = re.compile(r"^\s*\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?")
_ARTICLE_TITLE = re.compile(r"<meta\s+name=[\"']ArticleTitle[\"']\s+content=[\"']([^\"']{4,200})[\"']", re.I)
MIN_ARTICLE_CHARS = 200  # a shorter extraction means the extractor missed the article: read the page


def _page_rows(text: str) -> list[str]:
    """'key:value' rows found in a page's text; keys and values without whitespace, in page order."""
    rows: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        # a table of the page's metadata: "文号 | 日民发〔2024〕58号 | 发布日期 | 2024年12月10日", keys and values in turn
        cells = [re.sub(r"\s+", "", c).rstrip(":：") for c in line.split(TABLE_CELL)] if TABLE_CELL in line else []
        pairs = list(zip(cells[::2], cells[1::2], strict=False))
        # (not "时间 | 2024年 | 来源 | 省级财政", a row of the article's own table; no key is another's value)
        if pairs and all(key in PAGE_ROW_KEYS and key not in GENERIC_ROW_KEYS and value not in PAGE_ROW_KEYS
                         for key, value in pairs):
            rows.extend(f"{key}:{value}" for key, value in pairs
                        if value and not any(r.startswith(key + ":") for r in rows))
            continue
        marks = list(_ROW_RE.finditer(line))
        if not marks or (marks[0].start() > 2 and len(line) > 80):
            continue
        # "2025年08月25日 信息来源:…", on one line or two: the page's date stands before its source
        lead = _LEAD_DATE.match(line) if marks[0].start() > 2 else None
        if lead is None and i and _LEAD_DATE.fullmatch(lines[i - 1].strip()):
            lead = _LEAD_DATE.match(lines[i - 1].strip())
        if lead and not rows:
            rows.append("时间:" + re.sub(r"\s+", "", lead.group(0)))
        for k, m in enumerate(marks):
            value = line[m.end() : marks[k + 1].start() if k + 1 < len(marks) else len(line)]
            key, value = re.sub(r"\s+", "", m.group(1)), re.sub(r"\s+", "", value).strip("|")
            if value and key in PAGE_ROW_KEYS and not any(r.startswith(key + ":") for r in rows):
                rows.append(f"{key}:{value}")
    return rows


def _page_title(title: str) -> str:
    """A page title without the site's name ("…措施_成都市人民政府" → "…措施")."""
    t = (title or "").strip()
    while (m := _SITE_SUFFIX.search(t)) and m.start() >= 6:
        t = t[: m.start()].strip()
    return t


def in_page_order(lines: list[str], page: str) -> list[str]:
    """The extractor's lines in the order the page prints them: a table nested in a page laid out in tables comes out
    of trafilatura after the page's footer, though it stands in its clause ("具体标准如下：" over it). Lines the page
    text does not hold stay after the line before them."""
    groups: list[tuple[int, list[str]]] = []
    cursor = 0  # where the last line was found: a line the page prints twice (the issuer, atop and in the 落款) is
    # the occurrence after it; only a line the page prints before it alone comes out of order
    for line in lines:
        text = line.strip()
        at = page.find(text, cursor) if text else -1
        if at >= 0:
            cursor = at + len(text)
        elif text:
            at = page.find(text)
        if at < 0 and groups:
            groups[-1][1].append(line)
        else:
            groups.append((at, [line]))
    if all(a[0] <= b[0] for a, b in itertools.pairwise(groups)):
        return lines
    return [line for _at, group in sorted(groups, key=lambda g: g[0]) for line in group]


def _html_article(data: bytes) -> str:
    """A web page's article: its title, the page's metadata rows, then the body without the site's
    chrome (navigation, breadcrumbs, share bars, related links, footers), extracted by trafilatura. A
    page where trafilatura finds no article is read whole."""
    import trafilatura

    markup = _decode_html(data)
    if _bad_share(markup) > _BINARY_SHARE:
        raise _binary_error()
    markup = _visible_markup(markup)  # hidden text is not given to the extractor either
    page = _html_to_text(markup.encode("utf-8"))
    try:
        body_html = trafilatura.extract(markup, output_format="html", favor_recall=True, include_tables=True,
                                        include_comments=False, include_images=False, include_links=False,
                                        deduplicate=False)
        meta = trafilatura.extract_metadata(markup)
    except Exception as exc:  # the extractor's own failure: the page is still read, whole
        log.info("trafilatura failed (%s); reading the whole page", exc)
        body_html, meta = None, None
    body = _html_to_text(body_html.encode("utf-8")) if body_html else ""
    declared = _ARTICLE_TITLE.search(markup)  # government CMS pages name their article in a meta tag
    title = _page_title(html_unescape(declared.group(1)) if declared else
                        meta.title if meta is not None and meta.title else "")
    if len(body) < MIN_ARTICLE_CHARS:  # read whole, still under the page's own title (not its top bar)
        first = page.split("\n", 1)[0].strip()
        return "\n".join(([title] if title and re.sub(r"\s+", "", first) != re.sub(r"\s+", "", title) else []) + [page])
    lines = in_page_order([x for x in body.split("\n") if not _ROW_RE.match(x.strip())], page)
    seen: set[str] = set()
    kept: list[str] = []
    for line in lines:  # a page that prints its article twice (a mobile copy) gives it once
        if len(line) >= 20 and line in seen:
            continue
        seen.add(line)
        kept.append(line)
    if title and kept and re.sub(r"\s+", "", kept[0]) == re.sub(r"\s+", "", title):
        kept = kept[1:]
    head = ([title] if title else []) + _page_rows(page)
    return "\n".join(head + kept)


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------


_PDF_BODY_RE = re.compile(rb"\bendobj\b|\d+\s+\d+\s+obj\b|\bstartxref\b")


class _Deadline(Exception):
    """Internal: the cooperative time limit was hit inside the worker."""


def _pdf_to_text(data: bytes, deadline: float) -> str:
    from pypdf import PdfReader

    # A complete PDF ends with %%EOF. pypdf can "recover" some truncated downloads (e.g. a
    # linearized file cut after its first-page section) and silently return part of the text,
    # so reject a file whose last %%EOF is missing or followed by more PDF objects. Trailing
    # junk after the final %%EOF (seen on some web downloads) is tolerated.
    last_eof = data.rfind(b"%%EOF")
    if last_eof < 0 or _PDF_BODY_RE.search(data, last_eof):
        raise ReadError(
            "corrupt_pdf",
            READ_ERROR_CASES["pdf_truncated"],
            "PDF is truncated: no %%EOF marker after the last object",
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:
                raise ReadError("encrypted", message_en=f"PDF is encrypted: {exc}") from exc
            if not ok:
                raise ReadError("encrypted")
        n_pages = len(reader.pages)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(
            "corrupt_pdf", message_en=f"PDF cannot be parsed: {type(exc).__name__}: {exc}"
        ) from exc
    if n_pages == 0:
        raise ReadError("corrupt_pdf", READ_ERROR_CASES["pdf_no_pages"], "PDF has no pages")
    if n_pages > MAX_PDF_PAGES:
        raise ReadError(
            "too_many_pages",
            READ_ERROR_CASES["pdf_too_many_pages"].format(pages=n_pages, limit=MAX_PDF_PAGES),
            f"PDF has {n_pages} pages, limit is {MAX_PDF_PAGES}",
        )
    pages: list[str] = []
    failed = 0
    for i in range(n_pages):
        if time.monotonic() >= deadline:
            raise _Deadline()
        try:
            pages.append(reader.pages[i].extract_text() or "")
        except Exception as exc:  # one broken page should not lose the whole document
            failed += 1
            log.warning("PDF page %d could not be read: %s: %s", i + 1, type(exc).__name__, exc)
            pages.append("")
    if failed == n_pages:
        raise ReadError("corrupt_pdf", message_en="no page of the PDF could be parsed")
    for i, page_text in _pdf_table_pages(data, deadline):  # pages with ruled tables: rows kept as rows
        pages[i] = page_text
    text = "\n".join(pages)
    meaningful = sum(1 for ch in text if ch.isalnum())
    if meaningful < 5 * n_pages:
        raise ReadError(
            "no_text",
            READ_ERROR_CASES["pdf_no_text"],
            f"no extractable text in PDF ({meaningful} letters/digits on {n_pages} pages; scanned?)",
        )
    return text


def _pdf_table_pages(data: bytes, deadline: float) -> list[tuple[int, str]]:
    """(page index, text) for the pages of a PDF that hold ruled tables, found by pdfplumber: the text
    outside the tables line by line, and each table row in its place as cells joined by " | " (a plain
    text layer runs a row's cells together with the next row's). Empty when pdfplumber cannot read it."""
    try:
        import pdfplumber

        out: list[tuple[int, str]] = []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i, page in enumerate(pdf.pages):
                if time.monotonic() >= deadline:
                    raise _Deadline()
                tables = page.find_tables()
                if not tables:
                    continue
                boxes = [t.bbox for t in tables]

                def outside(obj: dict[str, Any], boxes: list[tuple[float, ...]] = boxes) -> bool:
                    return not any(obj.get("x0", 0) >= x0 - 1 and obj.get("x1", 0) <= x1 + 1
                                   and obj.get("top", 0) >= top - 1 and obj.get("bottom", 0) <= bottom + 1
                                   for x0, top, x1, bottom in boxes)

                placed = [(line["top"], line["text"]) for line in page.filter(outside).extract_text_lines()]
                for table in tables:
                    for k, row in enumerate(table.extract()):
                        cells = [re.sub(r"\s+", "", c or "") for c in row]
                        if any(cells):
                            placed.append((table.bbox[1] + k * 0.01, TABLE_CELL.join(c for c in cells if c)))
                out.append((i, "\n".join(text for _, text in sorted(placed, key=lambda p: p[0]))))
        return out
    except _Deadline:
        raise
    except Exception as exc:  # the plain text layer is still there: the tables are only read less well
        log.info("PDF tables not read (%s: %s); the text layer is used as it is", type(exc).__name__, exc)
        return []


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def _check_zip(data: bytes) -> None:
    """Reject archives that would expand too much, before any member is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except Exception as exc:
        raise ReadError(
            "corrupt_docx",
            READ_ERROR_CASES["docx_unreadable"],
            f"DOCX zip cannot be opened: {type(exc).__name__}: {exc}",
        ) from exc
    if len(infos) > ZIP_MAX_MEMBERS:
        raise ReadError("zip_bomb", message_en=f"DOCX archive has {len(infos)} members")
    total = sum(i.file_size for i in infos)
    if total > ZIP_MAX_UNCOMPRESSED or total > ZIP_MAX_RATIO * len(data):
        raise ReadError(
            "zip_bomb",
            message_en=(
                f"DOCX expands to {total} bytes from {len(data)} "
                f"(limits: {ZIP_MAX_RATIO}x, {ZIP_MAX_UNCOMPRESSED} bytes)"
            ),
        )
    if "word/document.xml" not in names:
        raise ReadError(
            "unsupported", READ_ERROR_CASES["not_docx"], "zip archive without word/document.xml"
        )


def _local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _docx_paragraph(p: Any) -> str:
    """Visible text of a w:p: runs anywhere inside (hyperlinks, insertions, fields, text boxes)."""
    parts: list[str] = []
    stack = [p]
    while stack:
        el = stack.pop()
        name = _local(el)
        if name in ("Fallback", "del", "moveFrom", "pPr", "rPr", "instrText", "delText"):
            continue  # mc:Fallback duplicates mc:Choice; deletions are not current text
        parent = el.getparent()
        in_run = parent is not None and _local(parent) == "r"
        if name == "t" and el.text:
            parts.append(el.text)
        elif in_run and name == "tab":
            parts.append("\t")
        elif in_run and name in ("br", "cr"):
            parts.append("\n")
        elif in_run and name == "noBreakHyphen":
            parts.append("-")
        stack.extend(reversed(list(el)))
    return "".join(parts)


def _docx_blocks(container: Any, out: list[str]) -> None:
    """Append lines for the paragraphs and table rows of a body / cell, in document order."""
    for child in container:
        name = _local(child)
        if name == "p":
            out.append(_docx_paragraph(child))
        elif name == "tbl":
            for row in child.iter():
                if _local(row) != "tr" or _nearest_table(row) is not child:
                    continue
                cells = []
                for cell in row.iter():
                    if _local(cell) != "tc" or cell.getparent() is None:
                        continue
                    if _nearest_row(cell) is not row:
                        continue
                    lines: list[str] = []
                    _docx_blocks(cell, lines)
                    text = " ".join(" ".join(line.split()) for line in lines if line.strip())
                    if text:
                        cells.append(text)
                if cells:
                    out.append(TABLE_CELL.join(cells))
        elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"):
            _docx_blocks(child, out)


def _nearest_table(el: Any) -> Any:
    el = el.getparent()
    while el is not None and _local(el) != "tbl":
        el = el.getparent()
    return el


def _nearest_row(el: Any) -> Any:
    el = el.getparent()
    while el is not None and _local(el) != "tr":
        el = el.getparent()
    return el


def _docx_body(data: bytes) -> Any:
    """The w:body element: via python-docx, falling back to parsing word/document.xml directly."""
    try:
        import docx

        return docx.Document(io.BytesIO(data)).element.body
    except Exception as first:
        log.info("python-docx could not open the document (%s); parsing document.xml directly", first)
        try:
            from lxml import etree

            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                xml = zf.read("word/document.xml")
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(xml, parser)
            body = next((el for el in root if _local(el) == "body"), None)
            if body is None:
                raise ValueError("word/document.xml has no w:body") from None
            return body
        except Exception as exc:
            raise ReadError(
                "corrupt_docx",
                message_en=f"DOCX cannot be parsed: {type(first).__name__}: {first}; fallback: {exc}",
            ) from exc


def _docx_to_text(data: bytes) -> str:
    _check_zip(data)
    body = _docx_body(data)
    lines: list[str] = []
    try:
        _docx_blocks(body, lines)
    except Exception as exc:
        raise ReadError("corrupt_docx", message_en=f"DOCX body cannot be walked: {exc}") from exc
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError("no_text", READ_ERROR_CASES["docx_no_text"], "no text in DOCX")
    return text


# --------------------------------------------------------------------------------------------
# Reader registry and dispatch
# --------------------------------------------------------------------------------------------


def _unsupported_or_binary(data: bytes, name: str) -> ReadError:
    """The most helpful error for content sniffed as 'binary'."""
    kind = _other_binary_kind(data)
    if kind is None and data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        names = _zip_names(data)
        kind = _zip_kind(names) if names is not None else (FILE_KINDS["bad_zip"], "unreadable zip archive")
    if kind is not None:
        zh, en = kind
        return ReadError("unsupported", READ_ERROR_CASES["unsupported_kind"].format(kind=zh),
                         f"unsupported format: {en}")
    try:
        decode_text(data)
    except ReadError as exc:
        return exc
    return _binary_error()


_NO_TEXT = ReadErrorArgs("empty", READ_ERROR_CASES["no_text"], "file has no text content")


@dataclass(frozen=True)
class FormatReader:
    """How one document format is read, as registered in :data:`READERS`.

    Attributes:
        read: ``(file bytes, deadline) -> text`` -- lines in reading order, not yet normalised;
            ``deadline`` is a ``time.monotonic()`` value a long reader checks between units of work
            (raising ``_Deadline``). Problems with the input raise :class:`ReadError`.
        corrupt_code: the :class:`ReadError` code when its parser fails unexpectedly.
        no_text: the error when the text read has nothing but whitespace.
    """

    read: Callable[[bytes, float], str]
    corrupt_code: str = "corrupt"
    no_text: ReadErrorArgs = _NO_TEXT


# The reader registry: every format sniff_format() can return, except 'binary', and how it is read.
# A new format is one entry here, its reader function and its detection in sniff_format().
READERS: dict[str, FormatReader] = {
    "pdf": FormatReader(lambda data, deadline: _pdf_to_text(data, deadline), corrupt_code="corrupt_pdf"),
    "docx": FormatReader(lambda data, _deadline: _docx_to_text(data), corrupt_code="corrupt_docx"),
    "html": FormatReader(
        lambda data, _deadline: _html_article(data),
        no_text=ReadErrorArgs("no_text", READ_ERROR_CASES["html_no_text"], "no body text in HTML"),
    ),
    "text": FormatReader(lambda data, _deadline: decode_text(data)),
}


def _extract(data: bytes, name: str, fmt: str, deadline: float) -> str:
    """Read ``data`` with the registered reader of ``fmt`` and normalise the text."""
    reader = READERS.get(fmt)
    if reader is None:  # 'binary': not ingestible
        raise _unsupported_or_binary(data, name)
    return _normalise(reader.read(data, deadline))


def _extract_safely(data: bytes, name: str, deadline: float) -> tuple[str, str]:
    """_extract, with any unexpected library failure wrapped in a ReadError."""
    fmt = sniff_format(data, name)
    try:
        return _extract(data, name, fmt, deadline), fmt
    except (ReadError, _Deadline):
        raise
    except Exception as exc:  # RecursionError, MemoryError, parser bugs, ...
        code = READERS[fmt].corrupt_code if fmt in READERS else "corrupt"
        raise ReadError(code, message_en=f"unexpected parser failure: {type(exc).__name__}: {exc}") from exc


def _run_with_time_limit(fn: Callable[[float], _T], time_limit_s: float) -> _T:
    """Run ``fn(deadline)`` in a daemon thread; raise ReadError('timeout') if it overruns.

    ``fn`` checks the deadline between units of work (PDF pages) so it stops on its own soon
    after; a call stuck inside a library is abandoned (Python threads cannot be killed).
    """
    deadline = time.monotonic() + time_limit_s
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = fn(deadline)
        except BaseException as exc:
            result["error"] = exc

    worker = threading.Thread(target=target, name="advisor-reader", daemon=True)
    worker.start()
    worker.join(max(0.0, time_limit_s))
    timed_out = ReadError(
        "timeout",
        READ_ERROR_CASES["timeout"].format(seconds=time_limit_s),
        f"parsing exceeded the time limit of {time_limit_s:g} s",
    )
    if worker.is_alive():
        raise timed_out
    error = result.get("error")
    if isinstance(error, _Deadline):
        raise timed_out
    if error is not None:
        raise error
    return result["value"]


def read_file(path: Path, max_bytes: int = MAX_BYTES, time_limit_s: float = 30.0) -> tuple[str, str]:
    """Read a corpus file and return ``(text, format)``.

    ``format`` is ``'pdf'``, ``'docx'``, ``'html'`` or ``'text'``, a key of :data:`READERS`
    (decided by content, not by the extension). The text uses ``\\n`` newlines, has no control
    characters and has CJK radical look-alikes folded to ordinary characters.

    The size is checked with ``stat`` before the file is read, and parsing runs under a wall
    clock limit of ``time_limit_s`` seconds (PDFs are also capped at ``MAX_PDF_PAGES`` pages).

    Raises:
        ReadError: for anything wrong with the input -- empty, oversized, binary garbage,
            undecodable text, corrupt / encrypted / scanned PDF, corrupt DOCX, zip bomb,
            timeout, unsupported format, or an unreadable path. No other exception escapes
            for bad input.
    """
    path = Path(path)
    try:
        st = path.stat()
        if not path.is_file():
            raise ReadError("io_error", READ_ERROR_CASES["not_a_file"].format(name=path.name),
                            f"not a regular file: {path}")
        size = st.st_size
        if size > max_bytes:
            raise _too_large(size, max_bytes)
        if size == 0:
            raise ReadError("empty")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except ReadError:
        raise
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            reason = READ_ERROR_CASES["missing"]
        elif isinstance(exc, PermissionError):
            reason = READ_ERROR_CASES["no_permission"]
        else:
            reason = READ_ERROR_CASES["os_error"]
        raise ReadError(
            "io_error",
            READ_ERROR_CASES["unreadable"].format(name=path.name, reason=reason),
            f"cannot read {path}: {exc}",
        ) from exc
    if len(data) > max_bytes:  # the file grew after stat()
        raise _too_large(len(data), max_bytes)
    if not data.strip():
        raise ReadError("empty", READ_ERROR_CASES["whitespace"], "file contains only whitespace")
    text, fmt = _run_with_time_limit(
        lambda deadline: _extract_safely(data, path.name, deadline), time_limit_s
    )
    if not text.strip():
        raise ReadError(*READERS[fmt].no_text)
    return text, fmt


def _too_large(size: int, max_bytes: int) -> ReadError:
    return ReadError(
        "too_large",
        READ_ERROR_CASES["too_large"].format(size=_human(size), limit=_human(max_bytes)),
        f"file is {size} bytes, limit is {max_bytes}",
    )


def _human(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f}MB"
    if n >= 1024:
        return f"{n / 1024:.1f}KB"
    return READ_ERROR_CASES["bytes"].format(n=n)
