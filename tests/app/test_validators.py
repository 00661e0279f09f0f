from hypothesis import given
from hypothesis import strategies as st

from app.validators import CREDIT_CHARSET, CREDIT_WEIGHTS, credit_check_char, credit_code_problem

# The example code widely quoted in explanations of GB 32100
PUBLISHED_VALID = ["91350100M000100Y43"]


def reference_check(first17: str) -> str:
    """The rule as DOMAIN.md §5 states it, written out independently of the code under test."""
    total = 0
    for ch, weight in zip(first17, CREDIT_WEIGHTS, strict=True):
        total += CREDIT_CHARSET.find(ch) * weight
    value = 31 - total % 31
    return "0" if value == 31 else CREDIT_CHARSET[value]


def test_published_codes_are_valid():
    for code in PUBLISHED_VALID:
        assert credit_code_problem(code) is None, code


def test_wrong_check_character_names_the_right_one():
    code = PUBLISHED_VALID[0]
    wrong = code[:17] + ("4" if code[17] != "4" else "5")
    problem = credit_code_problem(wrong)
    assert "校验位" in problem and f"「{code[17]}」" in problem


def test_length_and_forbidden_letters_are_explained():
    assert "18 位" in credit_code_problem("9135010")
    assert "「I」" in credit_code_problem("91350100M0001I0Y43")


body = st.text(alphabet=CREDIT_CHARSET, min_size=17, max_size=17)


@given(body)
def test_check_character_matches_the_published_rule(first17):
    assert credit_check_char(first17) == reference_check(first17)
    assert credit_code_problem(first17 + reference_check(first17)) is None


@given(body, st.integers(0, 17), st.sampled_from(CREDIT_CHARSET))
def test_any_single_substitution_is_caught(first17, position, replacement):
    code = first17 + credit_check_char(first17)
    changed = code[:position] + replacement + code[position + 1:]
    if changed != code:
        assert credit_code_problem(changed) is not None


@given(st.text(max_size=30))
def test_any_text_gets_an_answer_not_an_exception(text):
    result = credit_code_problem(text)
    assert result is None or isinstance(result, str)
