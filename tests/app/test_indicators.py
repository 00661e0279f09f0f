"""The year holds still: the hand-built county's figures for 2025 and 2026, written by hand (tests/app/county.py),
for the county and each area; past years unchanged by this year's edits; opening a new year."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import indicators, participation, units, years
from app.db import open_database
from app.errors import LedgerError, ValidationError
from app.ledger import summary_line
from app.unit_search import UnitFilter, list_rows
from app.units import UnitInput, YearFigures
from tests.app import county
from tests.conftest import ROOT


@pytest.fixture
def hand(db):
    return db, county.build(db)


def fractions(result, area_id=None):
    return {code: (v.numerator, v.denominator) if v.denominator is not None else v.value
            for code, v in (result.county if area_id is None else
                            next(a for a in result.areas if a.area_id == area_id).values).items()}


def test_2025_for_the_county_and_each_area(hand):
    db, ids = hand
    r = indicators.compute(db, 2025, today=date(2026, 12, 1))
    c = fractions(r)
    assert c["units"] == 11 and c["unit_coverage"] == (5, 11)  # 己 (closed 2026) is in; 丑 (new 2026) is not
    assert c["above_scale_coverage"] == (3, 3) and c["founded_units"] == 8
    assert c["non_public_coverage"] == (5, 5)
    assert c["employee_rate"] == (300, 630)  # 甲 60 (its larger competition), 戊 150, 己 30, 壬 50, 癸 10
    assert c["participant_times"] == 330  # 甲 typed 90 ≥ records 80; 戊 typed 100 < records 150 → 150
    assert c["non_public_employee_rate"] == (300, 445)
    assert c["skills_enterprise_share"] == (2, 9)  # 甲 and 癸 in the skills contest; 丁 (事业) and 庚 (机关) not firms
    assert c["adoption_rate"] == (7, 16) and c["suggestions_made"] == 16
    assert c["honors_named"] == 1 and c["honors_collective"] == 1  # 甲's revoked 奖状 does not count
    assert c["studios"] == 1 and c["areas_without_studio"] == 2 and c["trades"] == 2
    assert c["drill_share"] == (1, 1) and c["training_share"] == (0, 8)
    assert r.county["unit_coverage"].shown() == "45.5%"
    assert r.notes == ["1 家单位填报的参赛职工人次少于其参赛记录，共少 50 人次（按参赛记录计）"]
    assert [a.name for a in r.areas] == ["青山镇", "城关街道", "高新园区"]
    by_area = {a.name: fractions(r, a.area_id) for a in r.areas}
    assert by_area["青山镇"]["unit_coverage"] == (1, 4) and by_area["青山镇"]["employee_rate"] == (60, 200)
    assert by_area["城关街道"]["unit_coverage"] == (2, 4) and by_area["城关街道"]["employee_rate"] == (180, 310)
    assert by_area["城关街道"]["participant_times"] == 180 and by_area["城关街道"]["honors_named"] == 1
    assert by_area["高新园区"]["unit_coverage"] == (2, 3) and by_area["高新园区"]["studios"] == 1
    assert [r["name"] for r in indicators.gap_units(db, 2025, "unit_coverage", ids["青山镇"])] == \
        ["丁公司", "丙公司", "乙公司"]
    assert [r["name"] for r in indicators.gap_units(db, 2025, "participant_times")] == ["戊公司"]


def test_2026_after_a_closing_a_move_a_new_unit_and_a_blank_headcount(hand):
    db, ids = hand
    r = indicators.compute(db, 2026, today=date(2026, 12, 1))
    c = fractions(r)
    assert c["units"] == 11 and c["unit_coverage"] == (5, 11)  # 己 gone, 丑 in
    assert c["above_scale_coverage"] == (2, 3)
    # 子 takes part with 12 and has no headcount: counted in both, and named
    assert c["employee_rate"] == (227, 632) and c["participant_times"] == 227
    assert "1 家参赛单位未填职工人数（按其参赛职工人数计入职工人数）" in r.notes
    by_area = {a.name: fractions(r, a.area_id) for a in r.areas}
    assert by_area["城关街道"]["units"] == 2 and by_area["城关街道"]["unit_coverage"] == (1, 2)
    assert by_area["高新园区"]["units"] == 5 and by_area["高新园区"]["unit_coverage"] == (3, 5)  # 辛 moved in
    roll_2025 = {r["name"]: r["area"] for r in list_rows(db, 2025)}
    roll_2026 = {r["name"]: r["area"] for r in list_rows(db, 2026)}
    assert "己公司" in roll_2025 and "己公司" not in roll_2026 and "丑公司" not in roll_2025
    assert roll_2025["辛公司"] == "城关街道" and roll_2026["辛公司"] == "高新园区"
    assert summary_line(db, 2026, UnitFilter(), 11) == "共 11 家，规上 3 家，已建会 8 家"


def test_a_headcount_below_the_recorded_participants_is_refused(hand):
    db, ids = hand
    jia = units.get(db, ids["甲"])
    lowered = YearFigures(**{**vars(jia.years[2026]), "employees": 60})
    with pytest.raises(ValidationError) as caught:
        units.save(db, jia.data, {2026: lowered}, ids["甲"])
    assert "60 人少于该单位参加「2026年劳动竞赛」的 70 人" in str(caught.value)


def test_participation_by_a_unit_off_the_years_roll_is_refused(hand):
    db, ids = hand
    cid = db.execute("SELECT id FROM competitions WHERE year = 2026").fetchone()[0]
    result = participation.add_units(db, cid, [ids["己"]])
    assert result.added == 0 and "已归档" in result.refused[0]


def test_opening_a_new_year_carries_the_roll_and_marks_headcounts(hand):
    db, ids = hand
    before = json.dumps([v.as_json() for v in indicators.compute(db, 2026).rows()])
    opened = years.open_year(db, 2027)
    assert (opened.source, opened.units, opened.unconfirmed) == (2026, 11, 10)  # 子 has no headcount to confirm
    xin = units.get(db, ids["辛"]).years[2027]
    assert xin.area_id == ids["高新园区"] and xin.unconfirmed and xin.employees == 10
    with pytest.raises(LedgerError) as caught:
        years.open_year(db, 2027)
    assert "已有 11 家单位的记录" in str(caught.value)
    assert json.dumps([v.as_json() for v in indicators.compute(db, 2026).rows()]) == before
    assert years.year_choices(db, 2026) == [2028, 2027, 2026, 2025]
    with pytest.raises(LedgerError):
        years.open_year(db, 2030)  # 2029 has no data


def test_a_row_left_empty_is_no_report(hand):
    from app import figures
    from app.figures import Change

    db, ids = hand
    before = indicators.compute(db, 2025).county["reported_units"].value
    figures.apply(db, 2025, [Change(ids["乙"], "innovations", 3)])
    figures.apply(db, 2025, [Change(ids["乙"], "innovations", None)])  # typed, then undone
    assert indicators.compute(db, 2025).county["reported_units"].value == before == 2


# -- any current-year edit leaves the past as it was --------------------------------------------------

_TEMPLATE: dict[str, Path] = {}


def _template() -> Path:
    if "path" not in _TEMPLATE:
        path = Path(tempfile.mkdtemp()) / "county.db"
        db = open_database(path)
        _TEMPLATE["ids"] = county.build(db)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"]


def _past(db) -> str:
    """Everything 2025 reports: every indicator for the county and each area, its ledger and its figures."""
    from app import figures
    from app.ledger import ledger_table

    return json.dumps([[v.as_json() for v in indicators.compute(db, 2025, today=date(2026, 12, 1)).rows()],
                       ledger_table(db, 2025, today=date(2026, 12, 1)).rows, figures.list_rows(db, 2025)],
                      ensure_ascii=False, default=str)


EDITS = st.lists(st.tuples(st.sampled_from(["add", "headcount", "blank", "move", "archive", "restore", "join",
                                            "leave", "recode"]),
                           st.sampled_from(list(county.UNITS)), st.integers(0, 300)), max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=EDITS)
def test_no_sequence_of_this_years_edits_moves_last_years_figures(edits):
    folder = Path(tempfile.mkdtemp())
    shutil.copyfile(_template(), folder / "c.db")
    db = open_database(folder / "c.db")
    ids = _TEMPLATE["ids"]
    before = _past(db)
    competition = db.execute("SELECT id FROM competitions WHERE year = 2026").fetchone()[0]
    for n, (edit, name, number) in enumerate(edits):
        uid = ids[name]
        unit = units.get(db, uid)
        mine = unit.years.get(2026, YearFigures())
        try:
            if edit == "add":
                units.save(db, UnitInput(name=f"新单位{n}", area_id=ids["青山镇"], category_code="170"),
                           {2026: YearFigures(employees=number, above_scale=number % 2 == 0)})
            elif edit in ("headcount", "blank"):
                units.save(db, unit.data, {2026: YearFigures(**{**vars(mine), "employees":
                                                                None if edit == "blank" else number})}, uid)
            elif edit == "move":
                area = ids[["青山镇", "城关街道", "高新园区"][number % 3]]
                units.save(db, UnitInput(**{**vars(unit.data), "area_id": area}),
                           {2026: YearFigures(**{**vars(mine), "area_id": area})}, uid)
            elif edit == "recode":
                units.save(db, unit.data, {2026: YearFigures(**{**vars(mine), "category_code": "110",
                                                                "above_scale": not mine.above_scale})}, uid)
            elif edit == "archive":
                units.archive(db, [uid], on=date(2026, 1 + number % 12, 1))
            elif edit == "restore":
                units.restore(db, [uid])
            elif edit == "join":
                participation.add_units(db, competition, [uid])
                participation.set_result(db, competition, uid, participants=number % 50)
            else:
                participation.remove_units(db, competition, [uid])
        except (ValidationError, LedgerError, sqlite3.IntegrityError):
            pass  # a refused edit is an edit too: it must not move the past either
    assert _past(db) == before
    db.close()


# -- an old file keeps its current-year figures -------------------------------------------------------

def test_a_schema_4_file_upgrades_with_its_current_year_figures_unchanged(tmp_path):
    path = tmp_path / "old.db"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "ledger-v4.db", path)
    raw = sqlite3.connect(path)
    year = int(raw.execute("SELECT value FROM settings WHERE key = 'working_year'").fetchone()[0])
    # what schema 4 showed for its working year: every unit not archived, with that year's facts if any
    old_units, old_above, old_employees = raw.execute(
        "SELECT count(*), coalesce(sum(y.above_scale), 0), coalesce(sum(y.employees), 0) FROM units u"
        " LEFT JOIN unit_years y ON y.unit_id = u.id AND y.year = ? WHERE u.archived_at IS NULL", [year]).fetchone()
    raw.close()
    db = open_database(path)
    c = indicators.compute(db, year).county
    assert old_units > 0
    assert (c["units"].value, c["above_scale_units"].value, c["employees"].value) == \
        (old_units, old_above, old_employees)
