"""Templates down and back up, on the hand-built county (tests/app/county.py): every figure expected below is
written from that county's story, and every file is filled with openpyxl as a township clerk would — with
the mistakes clerks make: text in a number cell, a unit deleted, a row added, a file renamed, the hidden
sheet removed."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.errors import LedgerError
from app.templates.make import make_templates
from app.templates.receive import accept, check_file, files_in
from app.templates.status import collection_status
from app.validators import id_check_char
from tests.app import county

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def hand(db):
    ids = county.build_named(db)
    return db, ids


def _header(ws) -> tuple[int, dict[str, int]]:
    for r in range(1, 15):
        values = [str(c.value or "").rstrip("*") for c in ws[r]]
        if "单位名称" in values or "成果名称" in values or "称号" in values:
            return r, {v: i + 1 for i, v in enumerate(values) if v}
    raise AssertionError("no header")


def _row_of(ws, header_row: int, cols: dict[str, int], name: str) -> int:
    for r in range(header_row + 1, ws.max_row + 1):
        if ws.cell(r, cols["单位名称"]).value == name:
            return r
    raise AssertionError(name)


def _fill(path: Path, by_unit: dict[str, dict[str, object]] | None = None, rows: list[dict[str, object]] = (),
          delete: list[str] = (), drop_info: bool = False, save_as: Path | None = None) -> Path:
    """Type into a template: per listed unit, into the first blank rows, delete units' rows, drop 模板信息."""
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    header_row, cols = _header(ws)
    for name, values in (by_unit or {}).items():
        r = _row_of(ws, header_row, cols, name)
        for key, value in values.items():
            ws.cell(r, cols[key], value)
    r = header_row + 1
    for values in rows:
        while any(ws.cell(r, c).value not in (None, "") for c in cols.values()):
            r += 1
        for key, value in values.items():
            ws.cell(r, cols[key], value)
    for name in delete:
        ws.delete_rows(_row_of(ws, header_row, cols, name))
    if drop_info:
        del book["模板信息"]
    target = save_as or path
    book.save(target)
    if save_as:
        path.unlink()
    return target


def _person_id(seed: str) -> str:
    first = f"37132819850{seed}0512{seed}3"[:17]
    return first + id_check_char(first)


def test_annual_figures_round_trip(hand, tmp_path):
    db, ids = hand
    made = make_templates(db, 2025, "年度数据", tmp_path, deadline=date(2025, 10, 20))
    assert sorted(m.path.name for m in made) == ["2025年度年度数据填报表-城关街道.xlsx",
                                                  "2025年度年度数据填报表-青山镇.xlsx",
                                                  "2025年度年度数据填报表-高新园区.xlsx"]
    assert {m.area: m.rows for m in made} == {"青山镇": 4, "城关街道": 4, "高新园区": 3}
    qs = tmp_path / "2025年度年度数据填报表-青山镇.xlsx"
    book = openpyxl.load_workbook(qs)
    ws = book["年度数据填报表"]
    header_row, cols = _header(ws)
    # the county's own values are there, the name locked, the figures open, the checks declared
    jia = _row_of(ws, header_row, cols, "甲公司")
    assert ws.cell(jia, cols["合理化建议提出"]).value == 10 and ws.cell(jia, cols["合理化建议实施"]).value == 4
    assert ws.cell(jia, cols["单位名称"]).protection.locked and not ws.cell(jia, cols["技术革新"]).protection.locked
    assert ws.protection.sheet and book["模板信息"].sheet_state == "hidden"
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"whole", "decimal"} <= kinds
    assert any("整数" in (dv.error or "") for dv in ws.data_validations.dataValidation)
    assert "2025年10月20日" in ws["A2"].value

    _fill(qs, {"甲公司": {"技术革新": 7, "经济效益（万元）": 12.5}, "乙公司": {"合理化建议提出": "五件"}},
          rows=[{"单位名称": "不存在的公司", "技术革新": 3}], delete=["丙公司"],
          save_as=tmp_path / "青山镇交回.xlsx")  # renamed: still recognised by 模板信息
    _fill(tmp_path / "2025年度年度数据填报表-城关街道.xlsx", {"戊公司": {"技术攻关": 2}}, drop_info=True)
    results = {p.name: check_file(db, p, 2025) for p in files_in(tmp_path)}
    qs_back = results["青山镇交回.xlsx"]
    assert qs_back.rec.area == "青山镇" and qs_back.rec.by == "模板信息"
    back = openpyxl.load_workbook(tmp_path / "青山镇交回.xlsx").worksheets[0]
    rows = {back.cell(r, 1).value: r for r in range(header_row + 1, back.max_row + 1)}
    # listed by pinyin (丙 丁 甲 乙), 丙 deleted, the stranger below the list: the refusals name their own rows
    assert [(r.row, r.status) for r in qs_back.plan.refused] == [(rows["乙公司"], "refused"),
                                                                 (rows["不存在的公司"], "refused")]
    assert rows["乙公司"] == header_row + 3 and rows["不存在的公司"] == header_row + 4
    messages = qs_back.refused
    assert "「乙公司」" in messages[0] and "合理化建议提出" in messages[0] and "五件" in messages[0]
    assert "不存在的公司" in messages[1] and "不在单位台账中" in messages[1]
    assert qs_back.missing == ["丙公司"]
    assert {(c.name, c.field, c.old, c.new) for c in qs_back.changes} == {
        ("甲公司", "技术革新", None, 7), ("甲公司", "经济效益", None, 12.5)}
    cg = results["2025年度年度数据填报表-城关街道.xlsx"]
    assert cg.rec.by == "表头" and cg.rec.area == "城关街道" and cg.rec.word == "年度数据"
    with pytest.raises(LedgerError, match="2 处错误"):
        accept(db, qs_back)
    assert db.execute("SELECT innovations FROM annual_figures WHERE unit_id = ? AND year = 2025",
                      [ids["甲"]]).fetchone()[0] is None  # nothing half-written
    assert accept(db, qs_back, skip_invalid=True, now=datetime(2025, 10, 19, 9)) == 1
    assert accept(db, cg, now=datetime(2025, 10, 25, 9)) == 1
    row = db.execute("SELECT innovations, benefit, suggestions_made FROM annual_figures WHERE unit_id = ?"
                     " AND year = 2025", [ids["甲"]]).fetchone()
    assert tuple(row) == (7, 12.5, 10)
    assert db.execute("SELECT tackles FROM annual_figures WHERE unit_id = ? AND year = 2025",
                      [ids["戊"]]).fetchone()[0] == 2
    assert db.execute("SELECT suggestions_made FROM annual_figures WHERE unit_id = ? AND year = 2025",
                      [ids["乙"]]).fetchone() is None

    status = {(s.area, s.word): s for s in collection_status(db, 2025, today=date(2025, 10, 30))}
    assert (status[("青山镇", "年度数据")].state, status[("青山镇", "年度数据")].late) == ("有错误", False)
    assert (status[("城关街道", "年度数据")].state, status[("城关街道", "年度数据")].late) == ("已接收", True)
    assert (status[("高新园区", "年度数据")].state, status[("高新园区", "年度数据")].late) == ("未接收", True)
    assert status[("青山镇", "年度数据")].received_at == "2025-10-19 09:00"

    again = check_file(db, tmp_path / "青山镇交回.xlsx", 2025)
    assert "已接收过「青山镇」的年度数据" in again.earlier
    with pytest.raises(LedgerError, match="替换"):
        accept(db, again, skip_invalid=True)
    accept(db, again, skip_invalid=True, replace=True)
    with pytest.raises(LedgerError, match="2025 年度的年度数据，不是 2026 年度"):
        check_file(db, tmp_path / "青山镇交回.xlsx", 2026)


def test_unit_list_round_trip_adds_the_new_units_to_the_area(hand, tmp_path):
    db, ids = hand
    made = make_templates(db, 2025, "单位名单", tmp_path, area_ids=[ids["高新园区"]])
    path = made[0].path
    ws = openpyxl.load_workbook(path).worksheets[0]
    header_row, cols = _header(ws)
    ren = _row_of(ws, header_row, cols, "壬公司")
    assert ws.cell(ren, cols["职工人数"]).value == 80 and ws.cell(ren, cols["规模以上"]).value == "是"
    assert ws.cell(ren, cols["单位类别"]).value == "170 私营企业"
    _fill(path, {"壬公司": {"职工人数": 90, "联系电话": "0539-1234567"}},
          rows=[{"单位名称": "寅公司", "单位类别": "170 私营企业", "职工人数": 45, "已建会": "是"},
                {"单位名称": "卯公司", "职工人数": "四十"}])
    got = check_file(db, path, 2025)
    assert got.plan.count("new") == 1 and got.plan.count("updated") == 1 and len(got.refused) == 1
    assert "「卯公司」" in got.refused[0] and "职工人数" in got.refused[0]
    assert ("壬公司", "职工人数", 80, 90) in {(c.name, c.field, c.old, c.new) for c in got.changes}
    accept(db, got, skip_invalid=True)
    new = db.execute("SELECT y.area_id, y.employees, y.union_founded FROM units u JOIN unit_years y ON y.unit_id = u.id"
                     " AND y.year = 2025 WHERE u.name = '寅公司'").fetchone()
    assert tuple(new) == (ids["高新园区"], 45, 1)
    assert db.execute("SELECT employees FROM unit_years WHERE unit_id = ? AND year = 2025",
                      [ids["壬"]]).fetchone()[0] == 90


def test_participation_round_trip_reads_only_the_rows_filled(hand, tmp_path):
    db, ids = hand
    cid = db.execute("SELECT id FROM competitions WHERE name = '2025年劳动竞赛'").fetchone()[0]
    made = make_templates(db, 2025, "参赛", tmp_path, area_ids=[ids["青山镇"]], competition_ids=[cid])
    assert made[0].path.name == "2025年度参赛单位填报表-青山镇-2025年劳动竞赛.xlsx"
    _fill(made[0].path, {"乙公司": {"参赛职工人数": 30, "奖项": "二等奖"}, "丁公司": {"名次": "第一"}})
    got = check_file(db, made[0].path, 2025)
    assert got.plan.count("new") == 1 and len(got.refused) == 1 and "名次" in got.refused[0]
    assert got.plan.count("unchanged") == 1  # 甲 60, as the county listed it
    accept(db, got, skip_invalid=True)
    rows = dict(db.execute("SELECT unit_id, participants FROM participations WHERE competition_id = ?", [cid]))
    assert rows[ids["乙"]] == 30 and rows[ids["甲"]] == 60 and ids["丙"] not in rows and ids["丁"] not in rows


def test_innovations_and_recommendations_go_through_their_forms_rules(hand, tmp_path):
    db, ids = hand
    inv = make_templates(db, 2025, "创新成果", tmp_path, area_ids=[ids["青山镇"]])[0].path
    lead = _person_id("1")
    _fill(inv, rows=[
        {"成果名称": "节水改造建议", "类别": "合理化建议", "单位名称": "甲公司", "主创人": "王测试",
         "主创人身份证号": lead, "是否实施": "是", "经济效益（万元）": 3.5},
        {"成果名称": "焊缝攻关", "类别": "技术攻关", "单位名称": "乙公司", "主创人": "李测试"},  # 乙 reported none
        {"成果名称": "怪成果", "类别": "不存在类别", "单位名称": "甲公司"},
    ])
    got = check_file(db, inv, 2025)
    assert got.plan.count("new") == 1 and [r.row for r in got.plan.refused] == [r.row + 1 for r in got.plan.rows[:1]] \
        + [got.plan.rows[0].row + 2]
    assert "技术攻关" in got.refused[0] and "不能多于年度合计数" in got.refused[0]
    assert "类别" in got.refused[1]
    assert db.execute("SELECT count(*) FROM persons WHERE name = '王测试'").fetchone()[0] == 0  # the preview left none
    accept(db, got, skip_invalid=True)
    row = db.execute("SELECT i.kind, i.implemented, i.benefit, p.name, p.id_number FROM innovations i"
                     " JOIN persons p ON p.id = i.lead_id WHERE i.title = '节水改造建议'").fetchone()
    assert tuple(row) == ("合理化建议", 1, 3.5, "王测试", lead)

    rec = make_templates(db, 2025, "推荐名单", tmp_path, area_ids=[ids["城关街道"]])[0].path
    bad = _person_id("2")[:17] + ("0" if _person_id("2")[17] != "0" else "1")
    _fill(rec, rows=[
        {"称号": "技术能手", "级别": "县", "推荐对象": "赵推荐", "单位名称": "戊公司", "身份证号": _person_id("3"),
         "主要事迹": "技术比武第一名"},
        {"称号": "技术能手", "级别": "县", "推荐对象": "钱推荐", "单位名称": "戊公司", "身份证号": bad},
        {"称号": "五一劳动奖状", "级别": "市", "推荐对象": "戊公司", "单位名称": "戊公司"},
        {"称号": "工人先锋号", "级别": "市", "推荐对象": "装配班组", "单位名称": "戊公司"},  # already 命名 in 2025
        {"称号": "五一劳动奖状", "级别": "市", "推荐对象": "别的公司", "单位名称": "庚公司"},
    ])
    got = check_file(db, rec, 2025)
    assert got.plan.count("new") == 2 and len(got.refused) == 3
    assert "钱推荐" in got.refused[0] and "身份证号" in got.refused[0]
    assert "同一年同一级别不能重复授予" in got.refused[1]
    assert "推荐对象应是单位名称「庚公司」" in got.refused[2]
    accept(db, got, skip_invalid=True)
    names = {r[0]: r[1] for r in db.execute(
        "SELECT coalesce(p.name, u.name), h.state FROM honors h JOIN units u ON u.id = h.unit_id"
        " LEFT JOIN persons p ON p.id = h.person_id WHERE h.state = '推荐'")}
    assert names == {"赵推荐": "推荐", "戊公司": "推荐"}
    again = check_file(db, rec, 2025)  # the same file received twice: the same records, not new ones
    assert again.plan.count("unchanged") == 2 and again.plan.count("new") == 0 and len(again.refused) == 3
    accept(db, again, skip_invalid=True, replace=True)
    assert db.execute("SELECT count(*) FROM honors WHERE state = '推荐'").fetchone()[0] == 2


def test_returns_filled_by_an_area_are_checked_and_kept(hand, tmp_path):
    db, ids = hand
    made = {m.area: m.path for m in make_templates(db, 2025, "表一", tmp_path)}
    book = openpyxl.load_workbook(made["青山镇"])
    ws = book["表一"]
    assert ws.cell(1, ws.max_column).value == "表一" or any(c.value == "表一" for c in ws[1])
    assert ws["A6"].value == "青山镇" and ws["E6"].value.startswith("=IF(")  # 覆盖面: a formula, not typed
    assert ws["E6"].protection.locked and not ws["B6"].protection.locked
    assert "填报日期：　　年　　月　　日" in [c.value for c in ws[3]]  # left for the area to date

    def fill(path: Path, values: dict[str, int]) -> None:
        book = openpyxl.load_workbook(path)
        ws = book["表一"]
        top = next(r for r in range(1, 10) if ws.cell(r, 1).value == "区域")
        heads = {ws.cell(top, c).value: c for c in range(1, ws.max_column + 1)}
        for key, value in values.items():
            ws.cell(top + 2, heads[key], value)
        book.save(path)

    fill(made["青山镇"], {"单位数": 10, "规上企业数": 4, "参赛单位数": 5, "规上企业参赛数": 3, "已建会非公企业数": 6,
                       "已建会非公企业参赛数": 4, "职工人数": 500, "参赛职工人数": 200, "参赛职工人次": 300})
    fill(made["城关街道"], {"单位数": 10, "参赛单位数": 12})
    ok = check_file(db, made["青山镇"], 2025)
    assert ok.problems == [] and ok.rec.area == "青山镇"
    accept(db, ok)
    bad = check_file(db, made["城关街道"], 2025)
    assert any("「参赛单位数」12 多于「单位数」10" in p for p in bad.problems)
    with pytest.raises(LedgerError, match="逻辑检查"):
        accept(db, bad, skip_invalid=True)
    empty = check_file(db, made["高新园区"], 2025)
    assert any("没有填写任何数字" in p for p in empty.problems)
    kept = db.execute("SELECT cells FROM template_receipts WHERE kind = '表一'").fetchone()[0]
    assert '"青山镇"' in kept and "300" in kept


def test_a_file_that_is_no_template_is_refused_in_words(hand, tmp_path):
    db, _ = hand
    other = tmp_path / "随便.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "爱好"])
    book.save(other)
    with pytest.raises(LedgerError, match="不是本程序的填报模板"):
        check_file(db, other, 2025)


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed")
def test_libreoffice_opens_a_template_and_keeps_its_checks(hand, tmp_path):
    db, ids = hand
    path = make_templates(db, 2025, "单位名单", tmp_path, area_ids=[ids["青山镇"]])[0].path
    out = tmp_path / "lo"
    subprocess.run([SOFFICE, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)], check=True,
                   capture_output=True, timeout=120)
    again = openpyxl.load_workbook(out / path.name)
    ws = again.worksheets[0]
    assert again["模板信息"].sheet_state == "hidden" and ws.protection.sheet
    assert {"list", "whole"} <= {dv.type for dv in ws.data_validations.dataValidation}
    got = check_file(db, out / path.name, 2025)  # the file as LibreOffice saved it reads back unchanged
    assert got.plan.count("unchanged") == 4 and not got.refused


def test_the_command_line_sends_collects_and_reports(tmp_path):
    from tests.app.test_cli import run

    db = tmp_path / "台账.db"
    assert run("demo", "--db", str(db), "--units", "80", "--seed", "4", "--year", "2025").returncode == 0
    out = tmp_path / "模板"
    made = run("export", "templates", "--kind", "年度数据", "--year", "2025", "--deadline", "2025-10-20", "--out",
               str(out), "--db", str(db))
    assert made.returncode == 0, made.stderr
    files = sorted(out.glob("*.xlsx"))
    assert len(files) == 12 and "已生成 2025 年度年度数据模板 12 份" in made.stdout
    _fill(files[0], rows=[{"单位名称": "不存在的公司", "技术革新": 3}])
    dry = run("import", "returned", str(out), "--year", "2025", "--dry-run", "--db", str(db))
    assert dry.returncode == 0 and "不存在的公司" in dry.stdout and "试运行" in dry.stdout
    refused = run("import", "returned", str(files[0]), "--year", "2025", "--db", str(db), "--refused",
                  str(tmp_path / "退回"))
    assert refused.returncode == 1 and "没有写入" in refused.stdout
    back = openpyxl.load_workbook(next((tmp_path / "退回").glob("*-错误原因.xlsx"))).active
    assert "不在单位台账中" in str([c.value for c in back[back.max_row]])
    taken = run("import", "returned", str(files[1]), "--year", "2025", "--db", str(db))
    assert taken.returncode == 0 and "已接收" in taken.stdout
    status = run("collection", "status", "--year", "2025", "--format", "json", "--db", str(db))
    rows = json.loads(status.stdout)
    assert len(rows) == 12 and [r["state"] for r in rows].count("已接收") == 1
    assert all(r["deadline"] == "2025-10-20" for r in rows)


def _fill_return(path: Path, number: str, values: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    ws = book[number]
    top = next(r for r in range(1, 10) if ws.cell(r, 1).value == "区域")
    two = ws.cell(top + 1, 1).value is None and any(ws.cell(top + 1, c).value for c in range(2, ws.max_column + 1))
    keys, group = {}, ""
    for c in range(2, ws.max_column + 1):
        group = ws.cell(top, c).value or group
        lower = ws.cell(top + 1, c).value if two else None
        keys[f"{group}/{lower}" if lower else ws.cell(top, c).value] = c
    for key, value in values.items():
        ws.cell(top + (2 if two else 1), keys[key], value)
    book.save(path)


def test_table_two_template_refuses_more_adopted_than_made(hand, tmp_path):
    db, ids = hand
    made = {m.area: m.path for m in make_templates(db, 2025, "表二", tmp_path)}
    _fill_return(made["青山镇"], "表二", {"合理化建议/提出": 12, "合理化建议/实施": 5, "技术革新": 3,
                                         "经济效益（万元）": 8.25})
    _fill_return(made["城关街道"], "表二", {"合理化建议/提出": 4, "合理化建议/实施": 6})
    ok = check_file(db, made["青山镇"], 2025)
    assert ok.problems == []
    cells = dict(zip(ok.source.columns, ok.source.rows[0][1], strict=True))
    assert (cells["合理化建议/提出"], cells["合理化建议/实施"], cells["经济效益（万元）"]) == (12, 5, 8.25)
    bad = check_file(db, made["城关街道"], 2025)
    assert any("「合理化建议/实施」6 多于「合理化建议/提出」4" in p for p in bad.problems)


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed")
def test_a_return_template_saved_by_libreoffice_reads_back_with_its_formulas_computed(hand, tmp_path):
    db, ids = hand
    path = make_templates(db, 2025, "表一", tmp_path, area_ids=[ids["高新园区"]])[0].path
    _fill_return(path, "表一", {"单位数": 8, "规上企业数": 2, "参赛单位数": 2, "规上企业参赛数": 1, "职工人数": 400,
                               "参赛职工人数": 100})
    out = tmp_path / "lo"
    subprocess.run([SOFFICE, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)], check=True,
                   capture_output=True, timeout=120)
    got = check_file(db, out / path.name, 2025)
    assert got.problems == [] and got.rec.area == "高新园区"
    cells = dict(zip(got.source.columns, got.source.rows[0][1], strict=True))
    assert cells["覆盖面(%)"] == 25.0 and cells["职工参与率(%)"] == 25.0  # LibreOffice computed the formulas
    totals = dict(zip(got.source.columns, got.source.totals, strict=True))
    assert totals["单位数"] == 8 and totals["参赛职工人数"] == 100
