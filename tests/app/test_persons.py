"""Persons: ID numbers checked and cross-checked, duplicates refused or offered for merge, masked outside."""

import pytest

from app import persons
from app.errors import LedgerError, ValidationError
from app.person_search import PersonFilter, list_rows, search
from app.persons import PersonInput, likely_duplicates, merge_persons, save_person, validate_person
from app.validators import id_check_char

GOOD = "11010519491231002X"  # the example of GB 11643-1999 itself: born 1949-12-31, a woman


def unit_of(db):
    return db.execute("SELECT id FROM units WHERE archived_at IS NULL LIMIT 1").fetchone()[0]


def messages(errors):
    return {e.field: e.message for e in errors}


def test_a_valid_id_gives_birth_date_and_sex(demo_db):
    person_id = save_person(demo_db, PersonInput(name=" 王 芳 ", id_number=GOOD.lower(), unit_id=unit_of(demo_db)))
    stored = persons.get_person(demo_db, person_id)
    assert (stored.name, stored.id_number, stored.birth_date, stored.sex) == ("王芳", GOOD, "1949-12-31", "女")


@pytest.mark.parametrize("number, words", [
    ("110105194912310021", "校验位错误"),      # the right check character is X
    ("110105199902300025", "不是有效日期"),    # 30 February
    ("11010519491231002", "应为 18 位"),
    ("11010519491231002Y", "最后一位为数字或 X"),
])
def test_bad_id_numbers_are_refused_with_the_reason(demo_db, number, words):
    errors = messages(validate_person(demo_db, PersonInput(name="李四", id_number=number)))
    assert words in errors["id_number"]


def test_typed_sex_and_birth_date_must_agree_with_the_id(demo_db):
    errors = messages(validate_person(demo_db, PersonInput(name="张三", id_number=GOOD, sex="男",
                                                           birth_date="1950-01-01")))
    assert "女" in errors["sex"] and "1949-12-31" in errors["birth_date"]


def test_the_same_id_twice_is_refused_naming_the_other(demo_db):
    first = save_person(demo_db, PersonInput(name="王芳", id_number=GOOD))
    with pytest.raises(ValidationError) as caught:
        save_person(demo_db, PersonInput(name="王小芳", id_number=GOOD))
    assert f"「王芳」（编号 {first}）" in str(caught.value.errors[0])
    assert demo_db.execute("SELECT count(*) FROM persons WHERE id_number = ?", [GOOD]).fetchone()[0] == 1


def test_same_name_and_unit_is_offered_for_merge_and_merges(demo_db):
    unit = unit_of(demo_db)
    a = save_person(demo_db, PersonInput(name="赵强", unit_id=unit, post="焊工"))
    b = save_person(demo_db, PersonInput(name="赵强", unit_id=unit, id_number=GOOD,
                                         phone="13800000000"))
    offered = likely_duplicates(demo_db, PersonInput(name="赵强", unit_id=unit), a)
    assert [pid for pid, _ in offered] == [b]
    merge_persons(demo_db, a, b)
    kept = persons.get_person(demo_db, a)
    assert (kept.post, kept.id_number, kept.phone) == ("焊工", GOOD, "13800000000")
    assert demo_db.execute("SELECT count(*) FROM persons WHERE id = ?", [b]).fetchone()[0] == 0


def test_merging_moves_honors_and_results_and_a_named_person_is_not_deleted(demo_db):
    from app import honors, innovations

    unit = unit_of(demo_db)
    a = save_person(demo_db, PersonInput(name="孙丽", unit_id=unit))
    b = save_person(demo_db, PersonInput(name="孙丽", unit_id=unit, post="电工"))
    title = demo_db.execute("SELECT id FROM honor_titles WHERE name = '技术能手'").fetchone()[0]
    honor = honors.save(demo_db, honors.HonorInput(title_id=title, person_id=b, level="县", year=2025))
    result = innovations.save(demo_db, innovations.InnovationInput(year=2025, kind="技术协作", title="协作",
                                                                   unit_id=unit, lead_id=b, member_ids=[a]))
    with pytest.raises(LedgerError, match="1 条荣誉"):
        persons.delete_person(demo_db, b)
    merge_persons(demo_db, a, b)
    assert honors.get(demo_db, honor).person_id == a
    moved = innovations.get(demo_db, result)
    assert moved.lead_id == a and moved.member_ids == []  # the 主创人 is not listed again as 参与人


def test_different_id_numbers_are_never_merged(demo_db):
    a = save_person(demo_db, PersonInput(name="甲", id_number=GOOD))
    body = "11010519800101001"
    b = save_person(demo_db, PersonInput(name="甲", id_number=body + id_check_char(body)))
    with pytest.raises(LedgerError, match="不是同一个人"):
        merge_persons(demo_db, a, b)


def test_lists_mask_id_numbers_unless_asked_and_search_finds_the_last_digits(demo_db):
    save_person(demo_db, PersonInput(name="钱七", id_number=GOOD, unit_id=unit_of(demo_db)))
    only = PersonFilter(text="钱七")
    assert [r["id_number"] for r in list_rows(demo_db, only)] == ["110105********002X"]
    assert [r["id_number"] for r in list_rows(demo_db, only, full_id=True)] == [GOOD]
    assert len(search(demo_db, PersonFilter(text="002x"))) == 1  # the last digits, in lower case
    assert search(demo_db, PersonFilter(text="194912")) == []     # the middle of the number is not searched
