"""Units: validation, saving per year, archiving, and the ledger's search."""

from datetime import date

import pytest

from app import areas, units
from app.errors import ValidationError
from app.ledger import summary_line
from app.unit_search import NON_PUBLIC, UnitFilter, fetch_rows, list_rows, search
from app.units import UnitInput, YearFigures
from app.validators import credit_check_char

CODE = "91350100M000100Y43"


@pytest.fixture
def area(db):
    return areas.add_area(db, "青山镇", "乡镇")


def make(area, **kw):
    values = dict(name="青山精密机械有限公司", credit_code=CODE, area_id=area, category_code="170",
                  industry_code="C", contact="王强", phone="0539-1234567")
    values.update(kw)
    return UnitInput(**values)


def fields_of(exc):
    return {e.field for e in exc.value.errors}


def test_save_and_read_back(db, area):
    uid = units.save(db, make(area, industry_tags=["先进装备制造"]), {
        2024: YearFigures(employees="120", female_employees=40, members=100, above_scale=True,
                          union_founded=True, founded_on="2019年5月1日", union_type="独立", chairman="李明"),
    })
    unit = units.get(db, uid)
    assert unit.data.name == "青山精密机械有限公司" and unit.data.industry_tags == ["先进装备制造"]
    y = unit.years[2024]
    assert (y.employees, y.female_employees, y.members) == (120, 40, 100)
    assert y.above_scale and y.founded_on == "2019-05-01"


def test_input_is_normalised(db, area):
    uid = units.save(db, make(area, name="  青山 精密\n机械有限公司 ", credit_code="９１３５０１００m000100y43"))
    unit = units.get(db, uid)
    assert unit.data.name == "青山 精密 机械有限公司" and unit.data.credit_code == CODE


@pytest.mark.parametrize("changes,field,words", [
    ({"name": "  "}, "name", "必填"),
    ({"credit_code": CODE[:17] + "0"}, "credit_code", "校验位"),
    ({"area_id": None}, "area_id", "必选"),
    ({"category_code": ""}, "category_code", "必选"),
    ({"category_code": "999"}, "category_code", "不是单位类别"),
])
def test_refused_details(db, area, changes, field, words):
    with pytest.raises(ValidationError) as exc:
        units.save(db, make(area, **changes))
    assert field in fields_of(exc) and words in str(exc.value)
    assert db.execute("SELECT count(*) FROM units").fetchone()[0] == 0


def test_duplicate_credit_code_names_the_holder(db, area):
    units.save(db, make(area))
    with pytest.raises(ValidationError) as exc:
        units.save(db, make(area, name="另一家公司"))
    assert "青山精密机械有限公司" in str(exc.value) and "单位「另一家公司」" in str(exc.value)


@pytest.mark.parametrize("figures,field,words", [
    (YearFigures(employees="-1"), "employees", "负数"),
    (YearFigures(employees="一百"), "employees", "不是整数"),
    (YearFigures(employees=10, female_employees=11), "female_employees", "不能多于职工人数"),
    (YearFigures(employees=10, members=12, union_founded=True), "members", "不能多于职工人数"),
    (YearFigures(employees=10, union_founded=True, founded_on="2024-02-30"), "founded_on", "不是有效日期"),
])
def test_refused_figures_name_year_and_field(db, area, figures, field, words):
    with pytest.raises(ValidationError) as exc:
        units.save(db, make(area), {2024: figures})
    assert field in fields_of(exc) and words in str(exc.value) and "2024 年" in str(exc.value)
    assert db.execute("SELECT count(*) FROM units").fetchone()[0] == 0


def test_years_are_kept_apart(db, area):
    uid = units.save(db, make(area), {2024: YearFigures(employees=50), 2025: YearFigures(employees=60)})
    units.save(db, make(area), {2025: YearFigures(employees=75)}, unit_id=uid)
    years = units.get(db, uid).years
    assert years[2024].employees == 50 and years[2025].employees == 75


def test_archive_and_restore(db, area):
    uid = units.save(db, make(area), {2024: YearFigures(employees=4), 2025: YearFigures(employees=5)})
    assert units.archive(db, [uid], on=date(2025, 6, 30)) == 1
    assert search(db, 2025).ids == []  # closed in 2025: off 2025's year-end roll
    assert search(db, 2024).ids == [uid]  # and still on 2024's
    assert search(db, 2025, UnitFilter(archived="archived")).ids == [uid]
    assert units.get(db, uid).years[2025].employees == 5  # history is kept
    assert units.restore(db, [uid]) == 1
    assert search(db, 2025).ids == [uid]


def test_search_text_and_summary(demo_db):
    all_rows = list_rows(demo_db, 2025)
    target = all_rows[123]
    fragment = str(target["name"])[2:6]
    result = search(demo_db, 2025, UnitFilter(text=fragment))
    assert target["id"] in result.ids
    rows = fetch_rows(demo_db, 2025, result.ids)
    assert all(fragment in r["name"] or fragment in (r["credit_code"] or "") or fragment in r["contact"]
               or fragment in r["phone"] for r in rows.values())
    assert summary_line(demo_db, 2025, UnitFilter(text=fragment), result.total) == f"共 {len(result.ids):,} 家符合条件"
    code_tail = str(next(r for r in all_rows if r["credit_code"])["credit_code"])[-6:].lower()
    assert search(demo_db, 2025, UnitFilter(text=code_tail)).total >= 1  # codes found in lower case


def test_filters_combine(demo_db):
    area_id = areas.list_areas(demo_db)[0].id
    flt = UnitFilter(area_id=area_id, category=NON_PUBLIC, above_scale=True, union_founded=False)
    rows = list_rows(demo_db, 2025, flt)
    expected = [r for r in list_rows(demo_db, 2025) if r["area_id"] == area_id
                and r["category_code"] in {"170", "190", "200", "300", "600", "700"}
                and r["above_scale"] == 1 and not r["union_founded"]]
    assert [r["id"] for r in rows] == [r["id"] for r in expected]


def test_like_wildcards_are_literal(db, area):
    units.save(db, make(area, name="百分之百%公司", credit_code=""), {2025: YearFigures()})
    units.save(db, make(area, name="普通公司", credit_code=""), {2025: YearFigures()})
    assert search(db, 2025, UnitFilter(text="%")).total == 1
    assert search(db, 2025, UnitFilter(text="_")).total == 0


def test_sort_by_employees_puts_blanks_last(demo_db):
    ids = search(demo_db, 2025, sort="employees", descending=True).ids
    rows = fetch_rows(demo_db, 2025, ids)
    values = [rows[i]["employees"] for i in ids]
    numbers = [v for v in values if v is not None]
    assert numbers == sorted(numbers, reverse=True)
    assert values[:len(numbers)] == numbers


def test_check_character_of_typed_code_is_named(db, area):
    first17 = "91371329MA2PK2PH6"
    with pytest.raises(ValidationError) as exc:
        units.save(db, make(area, credit_code=first17 + "0" if credit_check_char(first17) != "0" else first17 + "1"))
    assert f"「{credit_check_char(first17)}」" in str(exc.value)
