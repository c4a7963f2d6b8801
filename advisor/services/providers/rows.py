"""One row of a provider file (schema field → raw value) as a `Provider`: each value read (fields), the kind
taken from the name when no column gives it, rows that are not elder-care providers flagged, coordinates
brought to WGS-84, and the record placed in its province, city and district (`place_row`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from advisor.answer.templates import PROVIDER_FIELD_NAMES as F
from advisor.answer.templates import PROVIDER_IMPORT as M
from advisor.places import short_city
from advisor.services.providers import vocab
from advisor.services.providers.fields import (
    _beds,
    _bool,
    _coords,
    _date,
    _enum,
    _phone,
    _services,
    _stable_id,
    _stars,
    _text,
)
from advisor.services.providers.phones import landline_area
from advisor.services.providers.places import Gazetteer, Place, national_gazetteer, to_wgs84
from advisor.services.providers.schema import (
    _CLASS_SYNONYMS,
    _KIND_SYNONYMS,
    INSTITUTION_CLASSES,
    Provider,
    RowInvalid,
)
from advisor.services.providers.sidecar import FileMeta


def row_to_provider(raw: dict[str, Any], file: str, line: int, demo_default: bool = False,
                    meta: FileMeta | None = None, coord_system: str = "") -> Provider:
    """One mapped row (schema field → raw value) as a Provider; raises RowInvalid with the reason. The row is
    placed (province, city, district) from its columns, address and name; coordinates in another system are
    brought to WGS-84; a row without coordinates is placed at its district's centroid (approx)."""
    meta = meta or FileMeta()
    name = _text(raw.get("name"))
    if not name:
        raise RowInvalid(M["missing_name"], "missing name")
    if "\n" in name or len(name) > 100:
        raise RowInvalid(M["name_too_long"].format(n=len(name)), "name too long or spans lines (unclosed quote?)")
    lat, lon = _coords(raw.get("lat"), raw.get("lon"))
    if lat is not None and lon is not None:
        lat, lon = to_wgs84(lat, lon, coord_system or meta.coord_system or "WGS-84")
    beds_total = _beds(raw.get("beds_total"), F["beds_total"], "beds_total")
    beds_nursing = _beds(raw.get("beds_nursing"), F["beds_nursing"], "beds_nursing")
    if beds_total is not None and beds_nursing is not None and beds_nursing > beds_total:
        raise RowInvalid(
            M["nursing_beds"].format(nursing=beds_nursing, total=beds_total),
            f"nursing beds ({beds_nursing}) exceed total beds ({beds_total})",
        )
    kind = _text(raw.get("kind"))
    services = _services(raw.get("services"))
    set_aside = vocab.not_provider(name, kind, services)  # by what the row says, before a kind is inferred
    kind = _KIND_SYNONYMS.get(kind, kind) or ("" if set_aside else vocab.kind_from_name(name))
    demo = _bool(raw.get("demo"), F["demo"], "demo flag")
    owned = _text(raw.get("ownership"))
    ownership = vocab.ownership(owned)  # one vocabulary of 性质 (advisor/services/providers/vocab.py)
    price_text = _text(raw.get("price_range"))
    low, high = vocab.price(price_text)
    p = Provider(
        id=_text(raw.get("id")) or _stable_id(Path(file).name, name, _text(raw.get("address"))),
        name=name,
        kind=kind,
        institution_class=_enum(raw.get("institution_class"), INSTITUTION_CLASSES, _CLASS_SYNONYMS,
                                F["institution_class"], "institution_class"),
        ownership=ownership,
        province=_text(raw.get("province")),
        city=_text(raw.get("city")),
        district=_text(raw.get("district")),
        street=_text(raw.get("street")),
        address=_text(raw.get("address")),
        phone=_phone(raw.get("phone")),
        lat=lat,
        lon=lon,
        beds_total=beds_total,
        beds_nursing=beds_nursing,
        services=services,
        accepts_disabled=_bool(raw.get("accepts_disabled"), F["accepts_disabled"], "accepts_disabled"),
        accepts_dementia=_bool(raw.get("accepts_dementia"), F["accepts_dementia"], "accepts_dementia"),
        star_rating=_stars(raw.get("star_rating")),
        price_range=price_text,
        last_verified=_date(raw.get("last_verified")) or meta.date,
        source=_text(raw.get("source")) or meta.source or Path(file).name,
        demo=demo_default if demo is None else demo,
        ownership_raw=owned if owned and owned != ownership else "",
        not_provider=set_aside,
        price_low=low,
        price_high=high,
        file=Path(file).name,
        line=line,
    )
    place_row(p, meta.city)
    return p


def place_row(p: Provider, file_city: str = "", gazetteer: Gazetteer | None = None) -> None:
    """Province, city and district of a record in the national table's names (北京 → 北京市; 朝阳区 inside
    北京市, not 朝阳市), from its province/city columns or its file's city, and its district, street,
    address and name; a record without coordinates takes its place's centroid, marked approximate."""
    gaz = gazetteer or national_gazetteer()
    hint = " ".join(x for x in (p.province, file_city, p.city) if x)  # read from the last: the narrowest first
    point = (p.lat, p.lon) if p.lat is not None and p.lon is not None else None
    text = " ".join(x for x in (p.district, p.street, p.address, p.name) if x)
    how: list[str] = []
    place = gaz.locate(hint, text, point, how)
    if not hint and (phone_area := landline_area(p.phone)):
        place, how = _by_landline(gaz, phone_area, place, how, text, point)
    p.district_by_point = "point" in how
    p.placed_by = next((h for h in how if h != "point"), "")
    if place is None:
        return
    if place.district or not p.district:
        p.province, p.city, p.district = place.province, place.city, place.district
    else:  # a district the table does not know: its province and city at least in their full names
        p.province, p.city = place.province, place.city
    if p.lat is None and p.lon is None:
        p.lat, p.lon, p.approx = place.lat, place.lon, True


def _by_landline(gaz: Gazetteer, phone_area: str, place: Place | None, how: list[str], text: str,
                 point: tuple[float, float] | None) -> tuple[Place | None, list[str]]:
    """A row with no province or city column placed inside the city its landline's area code names, unless
    the row's own text names another city (or province) in full: "城关区江苏路20号" with 0891-… is 拉萨市城关区,
    not 兰州市城关区; "滨湖新区" with 0551-… is not 无锡市滨湖区."""
    areas = [a for a in gaz.find(phone_area) if not a.district]
    if not areas:
        return place, how
    if place is not None and any(place.name.startswith(a.name) for a in areas):
        return place, how  # already inside the landline's city
    if place is not None and any(n in text for n in (place.city, short_city(place.city), place.province)
                                 if n and len(n) >= 2):
        return place, how  # the row names its city: the number is another office's
    within = areas[0] if len(areas) == 1 else gaz.resolve(areas[0].province)
    if within is None:
        return place, how
    how2: list[str] = []
    found = gaz.locate(within.name, text, point, how2)
    return (found, [*how2, "landline"]) if found is not None else (place, how)
