"""Chinese numerals, defined once: 八十 → 80, 一百零二 → 102, 二〇二五 → 2025, 一万二千 → 12000."""

from __future__ import annotations

CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "零〇一二两三四五六七八九十百千万"


def cn_to_number(s: str) -> int | None:
    """Chinese (or Arabic) numerals to an int; None when `s` is not a number."""
    if s.isdigit():
        return int(s)
    if not s or any(ch not in CN_NUM for ch in s):
        return None
    if all(ch in CN_DIGIT for ch in s):  # digit by digit: 二〇二五
        return int("".join(str(CN_DIGIT[ch]) for ch in s))
    total, section, digit = 0, 0, 0
    for ch in s:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch]
        elif ch in CN_UNIT:
            section += (digit or 1) * CN_UNIT[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10000
            section, digit = 0, 0
    return total + section + digit
