"""Provider lists written by helpers who never saw the code (issue 18): is every row imported and placed in the
province, city and county an answer key says? Each set is bench/provider-sets/<set>/ (lists/, truth.csv with
file,row_number,expected_province,expected_city,expected_district,junk — row_number counts data rows after the
header, title lines not counted). Sets 3 and 4 were held out when first run (their first numbers are in
bench/README.md); they are dev sets now.

    .venv/bin/python bench/provider_placement.py bench/provider-sets/set3 bench/provider-sets/set4 [-v]
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from advisor.services.providers import import_file  # noqa: E402


def _raw_rows(path: Path) -> list[list[str]]:
    if path.suffix == ".xlsx":
        import openpyxl

        ws = openpyxl.load_workbook(path, read_only=True).active
        return [["" if c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return list(csv.reader(text.splitlines()))


def _header_line(rows: list[list[str]]) -> int:
    """1-based line of the header: the first row with three cells or more (a title line has one)."""
    return next((i + 1 for i, r in enumerate(rows) if sum(1 for c in r if c.strip()) >= 3), 1)


def _same(got: tuple[str, str, str], want: tuple[str, str, str]) -> bool:
    """Equal places, a municipality's districts and a county-level city under its province (济源市) written either
    way (city "" or the province's own name; the city as the district)."""
    def norm(p: tuple[str, str, str]) -> tuple[str, str, str]:
        province, city, district = p
        return province, "" if city == province else city, district

    g, w = norm(got), norm(want)
    return g == w or (not w[2] and w[1] and g == (w[0], "", w[1]))


def score(folder: Path, verbose: bool = False) -> Counter:
    """Counts for one set: rows, imported, exact, blank (county left empty), wrong, junk and junk flagged."""
    truth = list(csv.DictReader((folder / "truth.csv").open(encoding="utf-8-sig")))
    records, lines = {}, {}
    for f in sorted({t["file"] for t in truth}):
        path = folder / "lists" / f
        records[f] = {r.line: r for r in import_file(path).records}
        lines[f] = _header_line(_raw_rows(path))
    n: Counter = Counter()
    for t in truth:
        rec = records[t["file"]].get(lines[t["file"]] + int(t["row_number"]))
        if t["junk"] == "1":
            n["junk"] += 1
            n["junk flagged"] += bool(rec and rec.not_provider)
            continue
        n["rows"] += 1
        if rec is None:
            n["not imported"] += 1
            continue
        n["imported"] += 1
        got = (rec.province, rec.city, rec.district)
        want = (t["expected_province"], t["expected_city"], t["expected_district"])
        if _same(got, want):
            n["exact"] += 1
        else:
            n["blank" if not rec.district else "wrong"] += 1
            if verbose:
                print(f"  {'BLANK' if not rec.district else 'WRONG'} {t['file']}:{t['row_number']} "
                      f"{rec.name} | {rec.address} → {''.join(got)} (key {''.join(want)})")
    return n


def main() -> int:
    verbose = "-v" in sys.argv
    for arg in (a for a in sys.argv[1:] if a != "-v"):
        n = score(Path(arg), verbose)
        print(f"{arg}: {n['rows']} rows, imported {n['imported'] / n['rows']:.1%}, placed exactly "
              f"{n['exact'] / n['rows']:.1%} ({n['blank']} left at city level, {n['wrong']} wrong); "
              f"junk rows flagged {n['junk flagged']}/{n['junk']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
