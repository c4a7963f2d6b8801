"""Where a landline is: its area code names a city (0551 → 安徽省合肥市), from the geocoding data of Google's
libphonenumber (`phonenumbers`, Apache-2.0, updated with every numbering-plan change). A provider row that
names a district but no city ("城关区江苏路20号", 0891-…) is placed by it; mobile and 400/800 numbers name no
place and are ignored.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[/,，、;；]|或")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x)\s*\d+\s*$", re.IGNORECASE)
_NO_PLACE = ("1", "400", "800")  # mobiles, national service numbers


def landline_area(phone: str) -> str:
    """The place a row's first landline belongs to, as libphonenumber writes it in Chinese ("吉林省长春市",
    "海南省海口市、三亚市"); "" when the row has no landline with an area code."""
    import phonenumbers
    from phonenumbers import geocoder

    for part in _SEPARATORS.split(phone or ""):
        part = _EXTENSION.sub("", part).strip()
        if len(re.sub(r"\D", "", part)) < 9 or not part.lstrip("(（ ").startswith("0"):
            continue  # a local number without its area code, or not a landline
        try:
            number = phonenumbers.parse(part, "CN")
        except phonenumbers.NumberParseException:
            continue
        if str(number.national_number).startswith(_NO_PLACE):
            continue
        where = geocoder.description_for_valid_number(number, "zh")
        if where and where != "中国":
            return where
    return ""
