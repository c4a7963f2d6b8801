"""The rows of a provider file as written, each with its line number: CSV (UTF-8 or GB18030, the delimiter
that makes the most sense of the header, an unclosed quote refused), the first sheet of an XLSX workbook, and
JSON (an array, an object holding one, or JSON Lines). A row that cannot be read is yielded as a `RowInvalid`
in its place."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from advisor.answer.templates import PROVIDER_IMPORT as M
from advisor.services.providers.schema import RowInvalid, map_header


def _decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), else GB18030; a file mixing both is refused
    with the lines that differ."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        not_utf8 = data[: e.start].count(b"\n") + 1
    utf8 = []
    for i, raw in enumerate(data.split(b"\n"), start=1):
        if any(b >= 0x80 for b in raw):
            try:
                raw.decode("utf-8")
                utf8.append(i)
            except UnicodeDecodeError:
                pass
    if utf8:
        raise RowInvalid(M["mixed_encoding"].format(line=not_utf8, utf8_line=utf8[0]),
                         f"mixed encodings: line {not_utf8} is not UTF-8 but line {utf8[0]} is")
    return data.decode("gb18030")


_DELIMITERS = (",", "\t", ";", "|", "\uff0c")


def _delimiter(first_line: str) -> str:
    """The delimiter whose split of the header line names the most schema fields."""
    best, score = ",", -1
    for d in _DELIMITERS:
        cells = next(csv.reader([first_line], delimiter=d), [])
        n = sum(1 for c in cells if map_header(c))
        if n > score:
            best, score = d, n
    return best


def _rows_csv(path: Path) -> Iterator[tuple[int, list[Any]]]:
    text = _decode(path.read_bytes())
    first = next((line for line in text.splitlines() if line.strip()), "")
    delim = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    start = 1
    for row in reader:
        end = reader.line_num
        # a quote left open swallows the lines after it into one cell: refused, never merged silently
        if any("\n" in c and (delim in c or len(c) > 200 or c.count("\n") > 1) for c in row):
            yield start, _OpenQuote(start, end)
        else:
            yield start, row
        start = end + 1


class _OpenQuote(RowInvalid):
    """Lines start–end were read as one row: a quote opened and not closed."""

    def __init__(self, start: int, end: int):
        super().__init__(M["open_quote"].format(start=start, end=end),
                         f"unclosed quote at line {start}: lines {start}-{end} read as one row")
        self.start, self.end = start, end


def _rows_xlsx(path: Path) -> Iterator[tuple[int, list[Any]]]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - depends on the environment
        raise RowInvalid(M["needs_openpyxl"], "reading XLSX needs openpyxl installed") from None
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
            yield i, list(row)
    finally:
        wb.close()


def _json_records(path: Path) -> Iterator[tuple[int, Any]]:
    """(line, object) for a JSON array, an object holding one ({"providers": [...]}), or JSON Lines."""
    text = path.read_text(encoding="utf-8-sig")
    dec = json.JSONDecoder()
    stripped = text.lstrip()
    if path.suffix.lower() in (".jsonl", ".ndjson") or (
        stripped.startswith("{") and "\n{" in stripped and not stripped.rstrip().endswith("]}")
    ):
        try:
            json.loads(text)
        except json.JSONDecodeError:
            for i, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        yield i, json.loads(line)
                    except json.JSONDecodeError as e:
                        yield i, RowInvalid(M["bad_json"].format(error=e.msg), f"invalid JSON: {e.msg}")
            return
    try:
        top = json.loads(text)
    except json.JSONDecodeError as e:
        yield e.lineno, RowInvalid(M["bad_json"].format(error=e.msg), f"invalid JSON: {e.msg}")
        return
    pos = None
    if isinstance(top, list):
        pos = text.index("[")
    elif isinstance(top, dict):
        for key in ("providers", "records", "data", "items", "机构"):
            if isinstance(top.get(key), list):
                m = re.search(r'"' + re.escape(key) + r'"\s*:\s*\[', text)
                pos = m.end() - 1 if m else None
                break
    if pos is None:
        yield 1, RowInvalid(M["json_top"], "JSON must be a list of providers or {\"providers\": [...]}")
        return
    i = pos + 1
    while True:
        while i < len(text) and text[i] in " \t\r\n,":
            i += 1
        if i >= len(text) or text[i] == "]":
            return
        obj, end = dec.raw_decode(text, i)
        yield text.count("\n", 0, i) + 1, obj
        i = end
