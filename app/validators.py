"""Check characters of national codes."""

from __future__ import annotations

# GB 32100-2015 统一社会信用代码: 31 characters, no I, O, Z, S, V
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714-1997 组织机构代码 (positions 9–17 of a credit code)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def credit_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a credit code."""
    total = sum(CREDIT_CHARSET.index(ch) * w for ch, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why a (normalised) credit code is wrong, in Chinese, or None when it is valid."""
    if len(code) != 18:
        return f"应为 18 位，现为 {len(code)} 位"
    bad = sorted({ch for ch in code if ch not in CREDIT_CHARSET})
    if bad:
        return f"含有不允许的字符「{''.join(bad)}」（只能用数字和除 I、O、Z、S、V 以外的大写字母）"
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        return f"校验位错误：按 GB 32100 最后一位应为「{expected}」，请核对是否抄错"
    return None


def org_code_check_char(first8: str) -> str:
    """The GB 11714 check character of an 8-character organisation code body."""
    values = [int(ch) if ch.isdigit() else ord(ch) - 55 for ch in first8]
    c = 11 - sum(v * w for v, w in zip(values, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


# GB 11643-1999 公民身份号码: 17 digits and a check character
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(ch) * w for ch, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def id_birth_date(number: str) -> str | None:
    """The birth date inside an 18-character ID number as ISO text, or None when it is not a real date."""
    from datetime import date

    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    return born.isoformat() if date(1900, 1, 1) <= born <= date.today() else None


def id_sex(number: str) -> str:
    """男 when the 17th digit is odd, 女 when it is even."""
    return "男" if int(number[16]) % 2 else "女"


def id_number_problem(number: str) -> str | None:
    """Why a (normalised) ID number is wrong, in Chinese, or None when it is valid."""
    if len(number) != 18:
        return f"应为 18 位，现为 {len(number)} 位"
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return "前 17 位应为数字，最后一位为数字或 X"
    if id_birth_date(number) is None:
        return f"其中的出生日期「{number[6:14]}」不是有效日期"
    expected = id_check_char(number[:17])
    if number[17] != expected:
        return f"校验位错误：按 GB 11643 最后一位应为「{expected}」，请核对是否抄错"
    return None


def mask_id(number: str | None) -> str:
    """An ID number as shown outside the form: the first 6 and last 4 characters (370102********1234)."""
    if not number:
        return ""
    return number[:6] + "*" * (len(number) - 10) + number[-4:] if len(number) > 10 else number
