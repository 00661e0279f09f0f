import pytest

from app import areas, settings, units
from app.errors import ValidationError
from app.units import UnitInput


def test_add_rename_move_delete(db):
    a = areas.add_area(db, " 青山镇 ", "乡镇")
    b = areas.add_area(db, "经济开发区", "园区")
    assert [x.name for x in areas.list_areas(db)] == ["青山镇", "经济开发区"]
    areas.move_area(db, b, -1)
    assert [x.name for x in areas.list_areas(db)] == ["经济开发区", "青山镇"]
    areas.update_area(db, a, "青山街道", "街道")
    assert areas.list_areas(db)[1].kind == "街道"
    areas.delete_area(db, a)
    assert [x.name for x in areas.list_areas(db)] == ["经济开发区"]


def test_duplicate_and_bad_kind_refused(db):
    areas.add_area(db, "青山镇", "乡镇")
    with pytest.raises(ValidationError, match="已有名为「青山镇」"):
        areas.add_area(db, "青山镇", "街道")
    with pytest.raises(ValidationError, match="区域类型"):
        areas.add_area(db, "新区", "开发区")


def test_area_in_use_cannot_be_deleted(db):
    a = areas.add_area(db, "青山镇", "乡镇")
    units.save(db, UnitInput(name="甲公司", area_id=a, category_code="170"))
    with pytest.raises(ValidationError, match="还有 1 家单位"):
        areas.delete_area(db, a)
    assert len(areas.list_areas(db)) == 1


def test_union_info_roundtrip_and_required(db):
    assert not settings.is_configured(db)
    with pytest.raises(ValidationError, match="工会名称"):
        settings.save_union_info(db, settings.UnionInfo(county="某县"))
    settings.save_union_info(db, settings.UnionInfo(union_name=" 某某县总工会 ", county="某某县", filler="李四"))
    info = settings.union_info(db)
    assert (info.union_name, info.filler) == ("某某县总工会", "李四")
    assert settings.is_configured(db)


def test_year_choices_are_the_years_with_data_and_the_next(db):
    from app import areas, units, years

    assert years.year_choices(db, 2026) == [2026]  # an empty ledger offers the working year
    area = areas.add_area(db, "青山镇", "乡镇")
    data = units.UnitInput(name="甲公司", area_id=area, category_code="170")
    units.save(db, data, {2024: units.YearFigures(), 2025: units.YearFigures()})
    assert years.year_choices(db, 2025) == [2026, 2025, 2024]
    assert years.no_data_message(db, 2020).startswith("2020 年度没有单位数据")
    assert "开始新年度" in years.no_data_message(db, 2026)
