import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.normalize import clean_code, clean_text, halfwidth, parse_count, parse_date


def test_fullwidth_and_stray_spaces():
    assert halfwidth("１２３ＡＢｃ") == "123ABc"
    assert clean_text("  示例\n有限\t 公司　") == "示例 有限 公司"
    assert clean_code(" ９１３５ 0100m000100y43\n") == "91350100M000100Y43"


@pytest.mark.parametrize("value,expected", [
    ("１２", 12), (" 1,200 ", 1200), ("35.0", 35), (7, 7), (8.0, 8), ("", None), (None, None),
])
def test_counts(value, expected):
    assert parse_count(value) == expected


@pytest.mark.parametrize("value,reason", [
    ("-3", "负数"), (-1, "负数"), ("abc", "不是整数"), (2.5, "整数"), (True, "数字"),
])
def test_bad_counts_say_why(value, reason):
    with pytest.raises(ValueError, match=reason):
        parse_count(value)


@pytest.mark.parametrize("value", [
    "2024.3.5", "2024年3月5日", "2024-03-05", "2024/3/5", "20240305", "２０２４．３．５",
])
def test_dates(value):
    assert parse_date(value) == "2024-03-05"


def test_impossible_date():
    with pytest.raises(ValueError, match="不是有效日期"):
        parse_date("2024-02-30")


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=True), st.none()))
def test_parse_count_answers_or_explains(value):
    try:
        result = parse_count(value)
    except ValueError as exc:
        assert str(exc)
    else:
        assert result is None or result >= 0


@given(st.text())
def test_parse_date_answers_or_explains(value):
    try:
        result = parse_date(value)
    except ValueError as exc:
        assert str(exc)
    else:
        assert result is None or len(result) == 10
