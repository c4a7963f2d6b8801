"""Importing a provider file (`import_file`): its rows read (readers), a title line above the header
skipped, the header mapped to fields (or by the file's sidecar), each row made a record (rows) or reported
with its line number and reason, a list of one city placed in that city, and the import report's notes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from advisor.answer.templates import PROVIDER_IMPORT as M
from advisor.services.providers.fields import _is_blank, _text
from advisor.services.providers.places import coord_system_of
from advisor.services.providers.readers import _json_records, _rows_csv, _rows_xlsx
from advisor.services.providers.rows import place_row, row_to_provider
from advisor.services.providers.schema import ImportResult, Provider, RowError, RowInvalid, map_header
from advisor.services.providers.sidecar import read_meta

TITLE_ROWS_MAX = 3  # lines above the header that a title may take (a spreadsheet's caption, a date line)
FILE_CITY_MIN_ROWS = 5  # a file this long whose rows are mostly in one city is taken as a list of that city
FILE_CITY_SHARE = 0.8


def import_file(path: str | Path, demo_default: bool = False) -> ImportResult:
    """Read a provider file (.csv, .xlsx, .json/.jsonl) with its sidecar `<file>.meta.yaml` if any; bad rows
    are reported with line numbers and skipped; what was assumed or set aside is said in `notes`."""
    path = Path(path)
    fname = path.name
    records: list[Provider] = []
    errors: list[RowError] = []
    unmapped: list[str] = []
    notes: list[str] = []
    seen_ids: dict[str, int] = {}
    try:
        meta = read_meta(path)
    except RowInvalid as e:
        return ImportResult([], [RowError(fname, 0, e.zh, e.en)], [], [])
    demo_default = demo_default if meta.demo is None else meta.demo
    system = meta.coord_system

    def add(line: int, raw: dict[str, Any]) -> None:
        try:
            p = row_to_provider(raw, fname, line, demo_default, meta, system)
        except RowInvalid as e:
            errors.append(RowError(fname, line, e.zh, e.en))
            return
        if p.id in seen_ids:
            errors.append(
                RowError(fname, line, M["duplicate_id"].format(id=p.id, line=seen_ids[p.id]),
                         f"id {p.id} duplicates line {seen_ids[p.id]}")
            )
            return
        seen_ids[p.id] = line
        records.append(p)

    def field_of(h: Any) -> str | None:
        return meta.columns.get(_text(h)) or map_header(h)

    suffix = path.suffix.lower()
    header: list[str | None] | None = None
    above: list[tuple[int, list[Any]]] = []  # rows before the header (a title line)
    try:
        if suffix in (".csv", ".xlsx", ".xlsm"):
            rows = _rows_csv(path) if suffix == ".csv" else _rows_xlsx(path)
            for line, row in rows:
                if isinstance(row, RowInvalid):
                    errors.append(RowError(fname, line, row.zh, row.en))
                    continue
                if all(_is_blank(c) for c in row):
                    continue
                if header is None:
                    mapped = [field_of(h) for h in row]
                    if "name" not in mapped and len(above) < TITLE_ROWS_MAX:
                        above.append((line, row))  # a title above the header, as spreadsheets exported often have
                        continue
                    if "name" not in mapped and above:
                        line, row, mapped = above[0][0], above[0][1], [field_of(h) for h in above[0][1]]
                    header = mapped
                    unmapped = [_text(h) for h, m in zip(row, header, strict=True) if m is None and not _is_blank(h)]
                    if above and "name" in header:
                        notes.append(M["title_rows"].format(file=fname, lines="、".join(str(n) for n, _ in above),
                                                            line=line))
                    if not any(header):
                        errors.append(RowError(
                            fname, line, M["no_header"],
                            "the first line is not a header: no column name recognised (add a header line)"))
                        return ImportResult([], errors, unmapped, notes)
                    if "name" not in header:
                        errors.append(
                            RowError(fname, line, M["no_name_column"], "no name column (e.g. 机构名称) in the header")
                        )
                        return ImportResult([], errors, unmapped, notes)
                    coord_heads = " ".join(_text(h) for h, m in zip(row, header, strict=True) if m in ("lat", "lon"))
                    system = system or coord_system_of(coord_heads)
                    continue
                if len(row) > len(header) and any(not _is_blank(c) for c in row[len(header) :]):
                    errors.append(
                        RowError(fname, line, M["too_many_cells"].format(cells=len(row), columns=len(header)),
                                 f"more cells ({len(row)}) than header columns ({len(header)})")
                    )
                    continue
                raw = {f: v for f, v in zip(header, row, strict=False) if f is not None}
                add(line, raw)
        elif suffix in (".json", ".jsonl", ".ndjson"):
            for line, obj in _json_records(path):
                if isinstance(obj, RowInvalid):
                    errors.append(RowError(fname, line, obj.zh, obj.en))
                    continue
                if not isinstance(obj, dict):
                    errors.append(RowError(fname, line, M["not_object"], "record is not a JSON object"))
                    continue
                raw = {}
                for k, v in obj.items():
                    f = field_of(k)
                    if f is None:
                        if k not in unmapped:
                            unmapped.append(k)
                    else:
                        raw[f] = v
                add(line, raw)
        else:
            errors.append(RowError(fname, 0, M["unsupported_type"].format(suffix=suffix),
                                   f"unsupported file type: {suffix}"))
    except RowInvalid as e:
        errors.append(RowError(fname, 0, e.zh, e.en))
    except (OSError, ValueError, KeyError, json.JSONDecodeError) as e:
        errors.append(RowError(fname, 0, M["unreadable"].format(error=e), f"cannot read file: {e}"))
    if header is None and above:  # a file of a few lines, none of them a header
        errors.append(RowError(fname, above[0][0], M["no_header_found"],
                               "no header with a name column in the first lines"))
    if not meta.city:
        _place_by_file_city(records)
    notes += _import_notes(fname, records, unmapped, system)
    return ImportResult(records, errors, unmapped, notes)


def _place_by_file_city(records: list[Provider]) -> None:
    """A list of one city is the context of its own rows: rows left without a province or city (a district
    name several cities share, 朝阳区, 西湖区) are placed again inside the city most of the file's rows are in."""
    cities = Counter((r.province, r.city) for r in records if r.province and not r.not_provider)
    if not cities or len(records) < FILE_CITY_MIN_ROWS:
        return
    (province, city), n = cities.most_common(1)[0]
    if n < FILE_CITY_SHARE * sum(cities.values()):
        return
    for r in records:
        if not r.province:
            if r.approx:  # its position was a guess from no place at all: let the file's city place it
                r.lat = r.lon = None
                r.approx = False
            place_row(r, province + city)


def _import_notes(fname: str, records: list[Provider], unmapped: list[str], system: str) -> list[str]:
    """The import report's words for what was assumed or set aside."""
    notes = []
    if unmapped:
        notes.append(M["unmapped"].format(file=fname, columns="、".join(unmapped)))
    given = [r for r in records if not r.approx and r.lat is not None]
    if given and not system:
        notes.append(M["no_coord_system"].format(file=fname))
    elif given and system != "WGS-84":
        notes.append(M["converted"].format(file=fname, system=system))
    approx = sum(1 for r in records if r.approx)
    if approx:
        notes.append(M["approx"].format(file=fname, n=approx))
    guessed = sum(1 for r in records if r.district_by_point)
    if guessed:
        notes.append(M["district_by_point"].format(file=fname, n=guessed))
    for how in ("township", "landline"):
        if n := sum(1 for r in records if r.placed_by == how):
            notes.append(M[f"placed_by_{how}"].format(file=fname, n=n))
    unplaced = [r for r in records if not r.district]
    if unplaced:
        lines = "、".join(str(r.line) for r in unplaced[:10]) + (M["and_more"] if len(unplaced) > 10 else "")
        notes.append(M["unplaced"].format(file=fname, n=len(unplaced), lines=lines))
    set_aside = [r for r in records if r.not_provider]
    if set_aside:
        kinds = "、".join(dict.fromkeys(r.not_provider for r in set_aside))
        notes.append(M["set_aside"].format(file=fname, n=len(set_aside), kinds=kinds))
    return notes
