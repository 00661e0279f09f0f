"""Normalising text typed by people or read from their spreadsheets (DOMAIN.md §5)."""

from __future__ import annotations

import re

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space
_SPACES = re.compile(r"\s+")


def halfwidth(text: str) -> str:
    """Full-width letters, digits and punctuation (１２３ＡＢ) to their ASCII forms."""
    return text.translate(_FULLWIDTH)


def clean_text(value: object) -> str:
    """One line of text: stray spaces, tabs and line breaks folded to single spaces, ends trimmed."""
    if value is None:
        return ""
    return _SPACES.sub(" ", str(value)).strip()


def clean_code(value: object) -> str:
    """A code (credit code, ID number): half-width, upper case, with every space removed."""
    return _SPACES.sub("", halfwidth(clean_text(value))).upper()


def parse_count(value: object) -> int | None:
    """A headcount or count: None when blank; a non-negative int; ValueError with a Chinese reason."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("应填数字")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError("应为整数")
        number = int(value)
    else:
        text = halfwidth(clean_text(value)).replace(",", "")
        if text == "":
            return None
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
            raise ValueError(f"「{clean_text(value)}」不是整数")
        number = int(float(text)) if "." in text else int(text)
    if number < 0:
        raise ValueError("不能为负数")
    if number > 10_000_000:
        raise ValueError("数值过大")
    return number


_DATE_PATTERNS = [
    re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
]


def parse_date(value: object) -> str | None:
    """A date as ISO text ('2024-03-05') from '2024.3.5', '2024年3月5日', '20240305' and the like.

    None when blank; ValueError with a Chinese reason when it is not a real date.
    """
    from datetime import date, datetime, timedelta

    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):  # an Excel serial number: days since 1899-12-30
        if not 1 <= value < 2958466:
            raise ValueError(f"「{value}」不是日期")
        return (date(1899, 12, 30) + timedelta(days=int(value))).isoformat()
    text = halfwidth(clean_text(value)).replace(" ", "")
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                raise ValueError(f"「{text}」不是有效日期") from None
    raise ValueError(f"「{text}」不是日期（应写成 2024-03-05 或 2024年3月5日）")


_YES = {"是", "√", "✓", "✔", "有", "y", "yes", "true", "1", "已", "已建", "已建会", "规上", "规模以上", "对"}
_NO = {"否", "×", "✗", "无", "没有", "n", "no", "false", "0", "未", "未建", "未建会", "规下", "规模以下", "不是"}


def parse_flag(value: object) -> bool | None:
    """是/否, √, 有/无, Y/N, 1/0 and the like: None when blank; ValueError with a Chinese reason otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = halfwidth(clean_text(value)).replace(" ", "").lower()
    if text == "":
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"「{clean_text(value)}」应填 是 或 否")


def parse_amount(value: object) -> float | None:
    """A sum of money or other non-negative decimal (万元, 元): None when blank; ValueError with a Chinese reason."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("应填数字")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = halfwidth(clean_text(value)).replace(",", "").replace(" ", "")
        if text == "":
            return None
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise ValueError(f"「{clean_text(value)}」不是数字")
        number = float(text)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("不是数字")
    if number < 0:
        raise ValueError("不能为负数")
    if number > 1e12:
        raise ValueError("数值过大")
    return round(number, 4)
