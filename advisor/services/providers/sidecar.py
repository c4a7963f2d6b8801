"""The sidecar `<file>.meta.yaml` staff can write beside a provider file to fix its import: which column is
which field, the city every row is in, the coordinate system, whether it is demo data, its source and date."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from advisor.answer.templates import PROVIDER_IMPORT as M
from advisor.services.providers.fields import _date
from advisor.services.providers.places import COORD_SYSTEMS
from advisor.services.providers.schema import SCHEMA_FIELDS, RowInvalid


@dataclass
class FileMeta:
    """What a sidecar `<file>.meta.yaml` says of a provider file (staff can write one to fix an import)."""

    columns: dict[str, str] = field(default_factory=dict)  # header as written → schema field
    city: str = ""  # where every row is, for a file with no city column (上海, 北京市朝阳区)
    coord_system: str = ""  # WGS-84 / GCJ-02 / BD-09
    demo: bool | None = None
    source: str = ""  # where the list came from
    date: str = ""  # when it was collected (ISO), shown with its records


META_KEYS = {f.name for f in fields(FileMeta)}


def meta_path(path: Path) -> Path | None:
    """The sidecar of a provider file: `name.csv.meta.yaml`, or `name.meta.yaml`."""
    for cand in (path.with_name(path.name + ".meta.yaml"), path.with_suffix(".meta.yaml")):
        if cand.exists():
            return cand
    return None


def read_meta(path: Path) -> FileMeta:
    """The sidecar of `path` (an empty FileMeta when there is none); RowInvalid when it cannot be used."""
    import yaml

    side = meta_path(path)
    if side is None:
        return FileMeta()
    try:
        data = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise RowInvalid(M["meta_unreadable"].format(file=side.name, error=e),
                         f"{side.name} unreadable: {e}") from None
    if not isinstance(data, dict) or set(data) - META_KEYS:
        bad = sorted(set(data) - META_KEYS) if isinstance(data, dict) else data
        raise RowInvalid(M["meta_unknown_keys"].format(file=side.name, bad=bad, keys="、".join(sorted(META_KEYS))),
                         f"{side.name} has unknown keys: {bad}")
    columns = {str(k): str(v) for k, v in (data.get("columns") or {}).items()}
    wrong = [v for v in columns.values() if v not in SCHEMA_FIELDS]
    if wrong:
        raise RowInvalid(M["meta_bad_columns"].format(file=side.name, wrong=wrong),
                         f"{side.name}: unknown fields {wrong}")
    system = str(data.get("coord_system") or "").upper().replace("WGS84", "WGS-84").replace("GCJ02", "GCJ-02")
    system = system.replace("BD09", "BD-09")
    if system and system not in COORD_SYSTEMS:
        raise RowInvalid(M["meta_bad_coord_system"].format(file=side.name, systems="/".join(COORD_SYSTEMS)),
                         f"{side.name}: bad coord_system")
    demo = data.get("demo")
    return FileMeta(columns, str(data.get("city") or ""), system, None if demo is None else bool(demo),
                    str(data.get("source") or ""), _date(data.get("date")) if data.get("date") else "")
