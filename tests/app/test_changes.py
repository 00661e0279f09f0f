"""操作记录: an edit, an import and a deletion recorded with who, when and the fields; a deleted record brought
back; an undo refused when the record changed since; the example county unrecorded; the commands."""

from __future__ import annotations

import json

import pytest

from app import changes, honors, units
from app.errors import LedgerError
from app.figures import Change
from app.honors import HonorInput
from app.units import UnitInput, YearFigures
from tests.app import county


@pytest.fixture
def hand(db):
    ids = county.build_named(db)
    changes.install(db.conn)  # who: the 填表人 just set
    return db, ids


def test_an_edit_is_recorded_with_who_when_and_the_fields(hand):
    db, ids = hand
    jia = units.get(db, ids["甲"])
    units.save(db, UnitInput(**{**vars(jia.data), "phone": "0539-7654321"}), {}, ids["甲"])
    e = changes.entries(db, table="units")[0]
    assert (e.who, e.action, e.record_id) == ("李四", "修改", ids["甲"])
    assert ("phone", "", "0539-7654321") in e.fields() and all(k != "updated_at" for k, _, _ in e.fields())
    assert e.at[:4] >= "2026"


def test_a_paste_or_an_import_is_one_batch_with_its_row_count(hand):
    from app import figures

    db, ids = hand
    with changes.batch(db, "年度数据粘贴 3 个单元格"):
        figures.write(db, 2025, [Change(ids["乙"], "innovations", 3), Change(ids["丙"], "innovations", 1),
                                 Change(ids["乙"], "tackles", 2)])
    b = changes.batches(db, 1)[0]
    assert b["what"] == "年度数据粘贴 3 个单元格" and b["rows"] == 2 and b["who"] == "李四"  # two units' rows
    assert {e.batch for e in changes.entries(db, table="annual_figures")[:2]} == {"年度数据粘贴 3 个单元格"}


def test_a_deleted_record_is_brought_back_and_an_undo_refused_after_a_later_change(hand):
    db, ids = hand
    title = {t.name: t.id for t in honors.titles(db)}
    honor_id = honors.save(db, HonorInput(title_id=title["劳动竞赛先进集体"], unit_id=ids["乙"], team_name="一车间",
                                          level="县", year=2025))
    honors.delete(db, honor_id)
    deleted = next(e for e in changes.entries(db, table="honors") if e.action == "删除")
    assert changes.undo(db, deleted.id).startswith("已恢复删除的荣誉")
    assert honors.get(db, honor_id).team_name == "一车间"
    with pytest.raises(LedgerError):
        changes.undo(db, deleted.id)  # it is there already
    jia = units.get(db, ids["甲"])
    units.save(db, UnitInput(**{**vars(jia.data), "phone": "1"}), {}, ids["甲"])
    first = changes.entries(db, table="units")[0]
    units.save(db, UnitInput(**{**vars(jia.data), "phone": "2"}), {}, ids["甲"])
    with pytest.raises(LedgerError) as caught:
        changes.undo(db, first.id)
    assert "之后又改过" in str(caught.value)
    latest = changes.entries(db, table="units")[0]
    assert changes.undo(db, latest.id).startswith("已把单位")
    assert units.get(db, ids["甲"]).data.phone == "1"


def test_the_example_county_is_not_recorded_and_a_year_opening_is_one_entry(demo_db):
    from app import years

    assert demo_db.execute("SELECT count(*) FROM changes").fetchone()[0] == 0
    opened = years.open_year(demo_db, 2026)
    b = changes.batches(demo_db, 1)[0]
    assert b["what"] == "开始 2026 年度" and b["rows"] == opened.units


def test_the_commands(hand):
    from app.db import db_path
    from tests.app.test_cli import run

    db, ids = hand
    yi = units.get(db, ids["乙"])
    units.save(db, yi.data, {2026: YearFigures(**{**vars(yi.years[2026]), "employees": 55})}, ids["乙"])
    path = str(db_path(db))
    listed = json.loads(run("changes", "list", "--db", path, "--table", "unit_years", "--format", "json").stdout)
    assert listed[0]["action"] == "修改" and ["employees", 50, 55] in listed[0]["fields"]
    done = run("changes", "undo", str(listed[0]["id"]), "--db", path)
    assert done.returncode == 0 and "改回" in done.stdout
    assert units.get(db, ids["乙"]).years[2026].employees == 50


def test_a_new_record_shows_what_it_was_created_with_even_after_later_changes(hand):
    """A new record's entry keeps only its key, nothing when its key is the record's id (cheap on a 20,000-row
    import); its values come from the record itself, or from the 'before' of the next change once it has been
    edited — never the later values."""
    db, ids = hand
    new_id = units.save(db, UnitInput(name="寅公司", area_id=ids["青山镇"], category_code="170"),
                        {2025: YearFigures(employees=40)})
    stored = db.execute("SELECT new FROM changes WHERE tbl = 'units' AND action = '新增' ORDER BY id DESC LIMIT 1"
                        ).fetchone()[0]
    assert stored is None
    created = changes.entries(db, record=("units", new_id))[-1]
    assert created.action == "新增" and ("name", None, "寅公司") in created.fields()
    # its year record, made with it, has no entry of its own: the unit's entry shows it
    assert not [e for e in changes.entries(db, table="unit_years") if e.record_id == new_id]
    assert ("2025年度职工人数", None, 40) in created.fields()
    units.save(db, UnitInput(name="寅公司", area_id=ids["青山镇"], category_code="170"),
               {2025: YearFigures(employees=45)}, new_id)
    assert ("2025年度职工人数", None, 40) in changes.entries(db, record=("units", new_id))[-1].fields()
    year = changes.entries(db, table="unit_years")[0]
    assert (year.record_id, year.old["employees"], year.new["employees"]) == (new_id, 40, 45)
    units.save(db, UnitInput(name="寅公司", area_id=ids["青山镇"], category_code="170"),
               {2026: YearFigures(employees=50)}, new_id)  # a year added later has its own 新增
    assert changes.entries(db, table="unit_years")[0].action == "新增"
    assert not [f for f in changes.entries(db, record=("units", new_id))[-1].fields() if f[0].startswith("2026")]
    u = units.get(db, new_id)
    units.save(db, UnitInput(**{**vars(u.data), "name": "寅有限公司"}), {}, new_id)
    created = [e for e in changes.entries(db, record=("units", new_id)) if e.action == "新增"][0]
    assert created.new["name"] == "寅公司"  # what it was created with, not what it is now
    with pytest.raises(LedgerError, match="又改过"):
        changes.undo(db, created.id)
    latest = changes.entries(db, record=("units", new_id))[0]
    assert changes.undo(db, latest.id).startswith("已把单位")
    created = [e for e in changes.entries(db, record=("units", new_id)) if e.action == "新增"][0]
    assert created.new["name"] == "寅公司"
    assert changes.undo(db, created.id) == f"已撤销新增的单位（编号 {new_id}）"  # back as created: it may go
    assert db.execute("SELECT count(*) FROM units WHERE id = ?", [new_id]).fetchone()[0] == 0


def test_an_update_that_moves_only_the_times_is_not_recorded(hand):
    db, ids = hand
    before = db.execute("SELECT count(*) FROM changes").fetchone()[0]
    db.execute("UPDATE units SET updated_at = '2030-01-01 00:00:00' WHERE id = ?", [ids["甲"]])
    assert db.execute("SELECT count(*) FROM changes").fetchone()[0] == before


def test_an_imports_new_units_carry_their_year_records_and_an_old_units_new_year_has_its_own_entry(hand, tmp_path):
    from app.importing.units import apply_units
    from tests.app.test_import import make_xlsx, plan

    db, ids = hand
    path = make_xlsx(tmp_path / "名单.xlsx", [["寅公司", "高新园区", "170", 12], ["丑公司", "高新园区", "170", 30]],
                     header=["企业名称", "所属乡镇", "企业类型", "职工人数"])
    apply_units(db, plan(db, path, year=2025))
    made = db.execute("SELECT id FROM units WHERE name = '寅公司'").fetchone()[0]
    batch = changes.entries(db)[:2]
    assert {(e.table, e.action, e.record_id) for e in batch} == {("units", "新增", made),
                                                                 ("unit_years", "新增", ids["丑"])}
    assert changes.batches(db, 1)[0]["rows"] == 2
    assert ("2025年度职工人数", None, 12) in next(e for e in batch if e.table == "units").fields()
    year = next(e for e in batch if e.table == "unit_years")
    assert (year.new["year"], year.new["employees"]) == (2025, 30)


def test_a_batchs_entries_wait_outside_the_history_index_and_are_found_before_and_after_they_settle(hand, db_file):
    """A paste's entries are written without the history index (1,000 of them landing all over it cost as much as
    the rest of the record); a record's history finds them while they wait, an undo works on them, and `settle`
    brings them in without ever waiting for another writer."""
    import sqlite3

    from app import figures

    db, ids = hand
    figures.write(db, 2025, [Change(ids["乙"], "innovations", 1)])  # one cell: indexed at once
    with changes.batch(db, "年度数据粘贴 2 个单元格") as batch_id:
        figures.write(db, 2025, [Change(ids["乙"], "innovations", 3), Change(ids["丙"], "innovations", 2)])
    assert [r[0] for r in db.execute("SELECT pending FROM changes WHERE batch = ?", [batch_id])] == [1, 1]
    assert db.execute("SELECT count(*) FROM changes WHERE batch IS NULL AND pending IS NOT NULL").fetchone()[0] == 0

    def history() -> list[tuple[str, object, object]]:
        return [(e.batch, (e.old or {}).get("innovations"), e.new["innovations"])
                for e in changes.entries(db, record=("annual_figures", ids["乙"]))[:2]]

    assert history() == [("年度数据粘贴 2 个单元格", 1, 3), ("", None, 1)]
    other = sqlite3.connect(db_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing: settling leaves them for later, at once
    import time

    t0 = time.monotonic()
    assert changes.settle(db) is True
    assert time.monotonic() - t0 < 4  # the file's busy wait is 5 s: it did not wait for it
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    other.execute("ROLLBACK")
    other.close()
    db.execute("PRAGMA query_only = ON")
    assert changes.settle(db) is False  # a read-only window writes nothing
    db.execute("PRAGMA query_only = OFF")
    assert db.execute("SELECT count(*) FROM changes WHERE pending = 1").fetchone()[0] == 2
    assert changes.settle(db, most=1) is True  # one at a time: one left
    assert changes.settle(db) is False
    assert db.execute("SELECT count(*) FROM changes WHERE pending IS NOT NULL").fetchone()[0] == 0
    assert history() == [("年度数据粘贴 2 个单元格", 1, 3), ("", None, 1)]
    plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN SELECT id FROM changes WHERE tbl = 'units' AND"
                                               " record_id = 1 AND pending IS NULL"))
    assert "changes_record" in plan
    paste = changes.entries(db, record=("annual_figures", ids["丙"]))[0]
    assert paste.action == "新增"  # 丙 had no figures of 2025
    # said as the clerk knows it: the unit by its name, what the new row holds and nothing empty
    assert (paste.record, paste.summary()) == ("年度数据（丙公司）", "年度：2025；技术革新：2")
    assert changes.undo(db, paste.id).startswith("已撤销新增的年度数据")
    assert figures.fetch(db, 2025, [ids["丙"]])[ids["丙"]]["innovations"] is None


def test_a_deleted_record_is_named_by_the_name_its_row_had(hand):
    from app.competitions import CompetitionInput, delete_competition, save_competition
    from tests.app.county import PLAN

    db, _ids = hand
    cid = save_competition(db, CompetitionInput(year=2026, name="2026年安全知识竞赛", kind="劳动竞赛", **PLAN,
                                                starts_on="2026-03-01", ends_on="2026-11-30"))
    delete_competition(db, cid)
    gone = next(e for e in changes.entries(db, table="competitions") if e.action == "删除")
    assert gone.record == "竞赛（2026年安全知识竞赛）"
    created = next(e for e in changes.entries(db, table="competitions") if e.action == "新增")
    assert created.record == "竞赛（2026年安全知识竞赛）"  # its row as it was, from the deletion's entry
