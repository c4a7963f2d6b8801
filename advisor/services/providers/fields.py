"""One cell of a provider file read as its field's type: text, numbers, yes/no, star ratings, dates, enumerated
values, services, phone numbers, coordinates and bed counts. A value that cannot be read raises `RowInvalid`
with the reason in Chinese and English; nothing is guessed or repaired."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Sequence
from typing import Any

from advisor.answer.templates import PROVIDER_FIELD_NAMES as F
from advisor.answer.templates import PROVIDER_IMPORT as M
from advisor.services.providers import vocab
from advisor.services.providers.schema import _SERVICE_SYNONYMS, RowInvalid


def _is_blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _float(v: Any, what_zh: str, what_en: str) -> float | None:
    if _is_blank(v):
        return None
    if isinstance(v, bool):
        raise RowInvalid(M["not_number"].format(what=what_zh, value=v), f"{what_en} is not a number: {v!r}")
    if isinstance(v, int | float):
        x = float(v)
    else:
        try:
            x = float(str(v).strip())
        except ValueError:
            raise RowInvalid(M["not_number"].format(what=what_zh, value=v),
                             f"{what_en} is not a number: {v!r}") from None
    if not math.isfinite(x):
        raise RowInvalid(M["not_finite"].format(what=what_zh, value=v), f"{what_en} is not finite: {v!r}")
    return x


def _int(v: Any, what_zh: str, what_en: str) -> int | None:
    if _is_blank(v):
        return None
    if isinstance(v, bool):
        raise RowInvalid(M["not_integer"].format(what=what_zh, value=v), f"{what_en} is not an integer: {v!r}")
    if isinstance(v, int):
        n = v
    elif isinstance(v, float) and v.is_integer():
        n = int(v)
    else:
        m = re.fullmatch(r"\s*(\d+)\s*(张)?\s*", str(v))
        if not m:
            raise RowInvalid(M["not_integer"].format(what=what_zh, value=v),
                             f"{what_en} is not an integer: {v!r}")
        n = int(m.group(1))
    if n < 0:
        raise RowInvalid(M["negative"].format(what=what_zh, value=v), f"{what_en} is negative: {v!r}")
    return n


_TRUE = {"是", "true", "yes", "y", "1", "接收", "收住", "可", "可以", "有", "√", "✓", "t"}
_FALSE = {"否", "false", "no", "n", "0", "不接收", "不收住", "不可", "不可以", "无", "×", "✗", "f"}


def _bool(v: Any, what_zh: str, what_en: str) -> bool | None:
    if _is_blank(v):
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float) and v in (0, 1):
        return bool(v)
    s = str(v).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise RowInvalid(M["not_yes_no"].format(what=what_zh, value=v), f"{what_en} is not yes/no: {v!r}")


_CN_STARS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "零": 0, "无": 0}


def _stars(v: Any) -> int | None:
    if _is_blank(v):
        return None
    s = _text(v)
    if s in {"无", "未评定", "未评级"}:
        return 0
    m = re.fullmatch(r"([0-5])\s*(星级?)?", s) or re.fullmatch(r"([一二三四五零])星级?", s)
    if m:
        g = m.group(1)
        return int(g) if g.isdigit() else _CN_STARS[g]
    if re.fullmatch(r"★{1,5}", s):
        return len(s)
    raise RowInvalid(M["stars"].format(value=v), f"star rating not understood (expected 0–5): {v!r}")


def _date(v: Any) -> str:
    if _is_blank(v):
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    s = _text(v)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            pass
    raise RowInvalid(M["date"].format(value=v), f"date not understood: {v!r}")


def _enum(v: Any, allowed: Sequence[str], synonyms: dict[str, str], what_zh: str, what_en: str) -> str:
    s = _text(v)
    if not s:
        return ""
    s = synonyms.get(s, s)
    if s not in allowed:
        raise RowInvalid(
            M["not_one_of"].format(what=what_zh, allowed="/".join(allowed), value=s),
            f"{what_en} must be one of {'/'.join(allowed)}: {s!r}",
        )
    return s


def _services(v: Any) -> list[str]:
    if _is_blank(v):
        return []
    items = v if isinstance(v, list) else re.split(r"[,，、;；/|\s]+", str(v))
    out: list[str] = []
    for it in items:
        s = _SERVICE_SYNONYMS.get(str(it).strip(), str(it).strip())
        if s and s not in out:
            out.append(s)
    return out


_PHONE = re.compile(r"[0-9+\-() ()转—]{5,40}")


def _phone(v: Any) -> str:
    s = _text(v)
    if s and not _PHONE.fullmatch(s):
        raise RowInvalid(M["phone"].format(value=v), f"phone number not understood: {v!r}")
    return s


def _coords(lat_v: Any, lon_v: Any) -> tuple[float | None, float | None]:
    lat = _float(lat_v, F["lat"], "latitude")
    lon = _float(lon_v, F["lon"], "longitude")
    if (lat is None) != (lon is None):
        raise RowInvalid(M["one_coordinate"], "only one of latitude/longitude is given")
    if lat is None or lon is None:
        return None, None
    swapped = 3 <= lon <= 54 and 73 <= lat <= 136
    hint_zh = M["swapped"] if swapped else ""
    hint_en = " (latitude and longitude may be swapped)" if swapped else ""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise RowInvalid(
            M["out_of_range"].format(lat=lat, lon=lon, hint=hint_zh),
            f"coordinates out of range: lat {lat}, lon {lon}{hint_en}",
        )
    if not (3 <= lat <= 54 and 73 <= lon <= 136):
        raise RowInvalid(
            M["outside_china"].format(lat=lat, lon=lon, hint=hint_zh),
            f"coordinates are outside China: lat {lat}, lon {lon}{hint_en}",
        )
    return lat, lon


def _stable_id(file: str, name: str, address: str) -> str:
    return "p_" + hashlib.sha1(f"{file}|{name}|{address}".encode()).hexdigest()[:12]


def _beds(v: Any, what_zh: str, what_en: str) -> int | None:
    """A bed count as lists write it ("300张", "约300"); a value with no number in it is an error."""
    if _is_blank(v):
        return None
    if (isinstance(v, int | float) and not isinstance(v, bool) and v < 0) or re.match(r"\s*[-−]\s*\d", str(v)):
        raise RowInvalid(M["negative"].format(what=what_zh, value=v), f"{what_en} is negative: {v!r}")
    n = vocab.beds(v)
    if n is None:
        raise RowInvalid(M["not_integer"].format(what=what_zh, value=v), f"{what_en} is not an integer: {v!r}")
    return n
