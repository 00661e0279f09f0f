"""表一–表五 on the hand-built county (tests/app/county.py), every cell written by hand; the logic checks, each
planted and found; the gate and the status line; what was submitted and what differs since."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app import checks, indicators, units
from app.errors import LedgerError
from app.figures import Change
from app.returns import catalog, output
from app.units import YearFigures
from tests.app import county
from tests.readers import POPPLER, pdf_fonts, pdf_text

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def hand(db):
    return db, county.build_named(db)


def table(db, number, year=2025):
    built = catalog.build(db, number, year)
    return {label: cells for label, cells in built.rows} | {"合计": built.totals}, built


def test_table_one_by_hand(hand):
    db, _ = hand
    t, built = table(db, "表一")
    assert built.headers[-2:] == ["按竞赛类型分的参赛单位数/劳动竞赛", "按竞赛类型分的参赛单位数/技能竞赛"]
    # 单位数 规上 参赛 覆盖面 规上参赛 规上覆盖面 已建会非公 其参赛 其覆盖面 职工 参赛职工 参与率 人次 | 劳动 技能
    assert t["青山镇"] == [4, 1, 1, 25.0, 1, 100.0, 1, 1, 100.0, 200, 60, 30.0, 90, 1, 1]
    assert t["城关街道"] == [4, 1, 2, 50.0, 1, 100.0, 2, 2, 100.0, 310, 180, 58.1, 180, 2, 0]
    assert t["高新园区"] == [3, 1, 2, 66.7, 1, 100.0, 2, 2, 100.0, 120, 60, 50.0, 60, 1, 1]
    assert t["合计"] == [11, 3, 5, 45.5, 3, 100.0, 5, 5, 100.0, 630, 300, 47.6, 330, 4, 2]
    for c, col in enumerate(built.columns):  # counts add up; a rate's 合计 is the ratio of the sums
        if col.kind != "rate":
            assert sum(cells[c] for _, cells in built.rows) == built.totals[c]


def test_table_two_three_four_five_by_hand(hand):
    db, _ = hand
    t, _ = table(db, "表二")
    assert t["青山镇"] == [10, 4, 40.0, 0, 0, 0, 0, 0, 0]
    assert t["城关街道"] == [6, 3, 50.0, 0, 0, 0, 0, 0, 0]
    assert t["高新园区"] == [0, 0, None, 0, 0, 0, 0, 0, 0]
    assert t["合计"] == [16, 7, 43.8, 0, 0, 0, 0, 0, 0]
    t, built = table(db, "表三")  # 全国 省 市 县 企业 合计; 甲's revoked 五一劳动奖状 does not count
    assert t["工人先锋号"] == [0, 0, 1, 0, 0, 1] and t["五一劳动奖状"] == [0, 0, 0, 0, 0, 0]
    assert t["先进集体小计"] == [0, 0, 1, 0, 0, 1] and t["先进个人小计"] == [0] * 6
    assert t["合计"] == [0, 0, 1, 0, 0, 1]
    labels = [label for label, _ in built.rows]
    assert labels.index("先进集体小计") < labels.index("劳动模范") < labels.index("先进个人小计") == len(labels) - 1
    t, built = table(db, "表四")
    assert t["壬公司职工创新工作室"] == ["职工创新工作室", "壬公司", "高新园区", "", None, "2024-05-01", "", 0]
    assert built.notes == ["共 1 个工作室；没有创新工作室的区域 2 个：青山镇、城关街道"]
    t, built = table(db, "表五")
    assert [cells[:2] for _, cells in built.rows] == [["焊工", 0], ["电工", 0]]
    assert all(label == "2025年技能竞赛" for label, _ in built.rows)


def test_the_demo_county_returns_equal_the_indicator_module(demo_db):
    for number in ("表一", "表二"):
        built = catalog.build(demo_db, number, 2025)
        result = indicators.compute(demo_db, 2025)
        for (label, cells), area in zip(built.rows, [a for a in result.areas if a.area_id], strict=True):
            assert label == area.name
            for col, value in zip(built.columns, cells, strict=True):
                if col.indicator and col.part == "value" and col.kind != "rate":
                    assert value == area.values[col.indicator].value


def test_json_is_unique_headed_with_the_total_last(hand):
    db, _ = hand
    data = output.as_json(catalog.build(db, "表二", 2025))
    assert data["表号"] == "表二" and data["year"] == 2025 and data["columns"][:4] == [
        "区域", "合理化建议/提出", "合理化建议/实施", "合理化建议/实施率(%)"]
    assert len(set(data["columns"])) == len(data["columns"]) and data["rows"][-1][0] == "合计"


# -- the checks ------------------------------------------------------------------------------------

def codes(db, year):
    return {f.code for f in checks.run(db, year).findings}


def test_the_hand_county_finds_only_the_shortfall_and_passes_once_it_is_explained(hand):
    db, ids = hand
    report = checks.run(db, 2025)
    assert [(f.code, f.record) for f in report.findings] == [("C05", f"unit:{ids['戊']}")]
    assert not report.passed and "提示 1 项未写说明" in report.status_line()
    checks.explain(db, 2025, report.findings[0], "戊公司另办了本单位的岗位练兵赛，人次已核实", "李四")
    assert checks.run(db, 2025, datetime(2026, 12, 1, 9, 30)).status_line() == "逻辑正确（2026-12-01 09:30 检查）"


def test_each_check_finds_what_is_planted(hand):
    db, ids = hand
    db.execute("UPDATE unit_years SET area_id = NULL WHERE unit_id = ? AND year = 2025", [ids["乙"]])
    assert {"C01", "C07"} <= codes(db, 2025)  # 表一's areas no longer add up to the county
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute("UPDATE annual_figures SET suggestions_adopted = 20 WHERE unit_id = ? AND year = 2025", [ids["甲"]])
    db.execute("PRAGMA ignore_check_constraints = OFF")
    assert {"C02", "C03"} <= codes(db, 2025)  # 实施 20 > 提出 10: a rate above 100 %
    db.execute("INSERT INTO innovations (year, kind, title, unit_id) VALUES (2025, '技术革新', '甲', ?)", [ids["甲"]])
    assert "C04" in codes(db, 2025)  # an itemised result and no reported 技术革新
    assert "C05" in codes(db, 2025)
    assert "C06" in codes(db, 2026)  # 子 takes part in 2026 without a headcount
    cid = db.execute("SELECT id FROM competitions WHERE year = 2026").fetchone()[0]
    db.execute("INSERT INTO participations (competition_id, unit_id) VALUES (?, ?)", [cid, ids["己"]])
    assert "C08" in codes(db, 2026)  # 己 closed in March 2026
    db.execute("UPDATE honors SET doc_number = '' WHERE year = 2025 AND revoked_on IS NULL")
    assert "C09" in codes(db, 2025)
    units.archive(db, [ids["壬"]], on=date(2026, 6, 1))
    assert "C10" in codes(db, 2026)
    db.execute("INSERT INTO hazards (unit_id, found_on, description, deadline) VALUES (?, '2025-03-01', '漏电',"
               " '2025-03-15')", [ids["戊"]])
    assert "C11" in codes(db, 2025)
    yi = units.get(db, ids["乙"])
    units.save(db, yi.data, {2026: YearFigures(**{**vars(yi.years[2026]), "employees": 100})}, ids["乙"])
    assert "C12" in codes(db, 2026)  # 50 → 100: +100 %


def test_an_error_stops_the_export_unless_forced_and_then_it_says_so(hand, tmp_path):
    db, ids = hand
    db.execute("UPDATE honors SET doc_number = '' WHERE year = 2025 AND revoked_on IS NULL")
    out = tmp_path / "表.xlsx"
    with pytest.raises(LedgerError) as caught:
        output.export_returns(db, ["表一"], 2025, out)
    assert "1 项错误" in str(caught.value) and not out.exists()
    done = output.export_returns(db, ["表一", "表三"], 2025, out, force=True)
    book = load_workbook(out)
    assert book.sheetnames == ["表一 劳动竞赛开展情况统计表", "表三 先进集体和个人选树情况统计表"]
    ws = book["表一 劳动竞赛开展情况统计表"]
    assert ws["A3"].value.startswith("未通过逻辑检查（错误 1 项") and done.status_line == ws["A3"].value
    with pytest.raises(LedgerError):
        checks.explain(db, 2025, next(f for f in checks.run(db, 2025).findings if f.code == "C09"), "无所谓")


def test_xlsx_and_pdf_carry_the_same_cells_read_back_by_two_readers(hand, tmp_path):
    db, ids = hand
    report = checks.run(db, 2025)
    checks.explain(db, 2025, report.findings[0], "已核实")
    out = tmp_path / "上报表.xlsx"
    output.export_returns(db, ["表一", "表二", "表三", "表四", "表五"], 2025, out)
    ws = load_workbook(out)["表一 劳动竞赛开展情况统计表"]
    assert ws["A3"].value.startswith("逻辑正确（") and ws.cell(1, ws.max_column).value == "表一"
    header = [c.value for c in ws[5]]  # 表号 / title / status / 填报单位, then two header rows
    assert header[:4] == ["区域", "单位数", "规上企业数", "参赛单位数"]
    assert ws.cell(5, 15).value == "按竞赛类型分的参赛单位数" and ws.cell(6, 15).value == "劳动竞赛"
    rows = {r[0]: list(r[1:16]) for r in ws.iter_rows(min_row=7, max_row=10, values_only=True)}
    assert rows["城关街道"] == [4, 1, 2, 50.0, 1, 100.0, 2, 2, 100.0, 310, 180, 58.1, 180, 2, 0]
    assert rows["合计"][-3:] == [330, 4, 2] and isinstance(rows["合计"][0], int)
    if SOFFICE:
        subprocess.run([SOFFICE, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,"
                        "true,false,false,false,1", "--outdir", str(tmp_path), str(out)], check=True,
                       capture_output=True, timeout=120)
        text = (tmp_path / "上报表-表一 劳动竞赛开展情况统计表.csv").read_text(encoding="utf-8")
        assert "城关街道,4,1,2,50,1,100,2,2,100,310,180,58.1,180,2,0" in text.replace(".0,", ",")
    pdf = tmp_path / "表一.pdf"
    output.report_return(db, "表一", 2025, pdf)
    if POPPLER:
        words = pdf_text(pdf)
        assert "2025年度劳动竞赛开展情况统计表" in words and "逻辑正确" in words and "58.1" in words
        assert all(f["emb"] == "yes" for f in pdf_fonts(pdf))


def test_a_submitted_year_regenerates_identically_until_that_year_changes(hand, tmp_path):
    from app import figures

    db, ids = hand
    out = tmp_path / "报.xlsx"
    done = output.export_returns(db, ["表一", "表二"], 2025, out, force=True, submit=True)
    sent = output.submissions(db)
    assert [s["number"] for s in sent] == ["表二", "表一"] and len(sent[0]["sha256"]) == 64
    import hashlib

    assert sent[0]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    # this year's edits: a new unit, a closing, a move — 2025's return is what was sent
    units.archive(db, [ids["甲"]], on=date(2026, 5, 1))
    figures.apply(db, 2026, [Change(ids["乙"], "innovations", 9)])
    for sid in done.submission_ids:
        assert output.diff(db, sid).changes == []
    # a correction to 2025 itself shows, cell by cell
    figures.apply(db, 2025, [Change(ids["乙"], "suggestions_made", 4)])
    d = output.diff(db, next(s["id"] for s in sent if s["number"] == "表二"))
    changed = {c.key: (c.sent, c.now) for c in d.changes}
    assert changed["青山镇|合理化建议/提出"] == (10, 14) and changed["合计|合理化建议/提出"] == (16, 20)
    assert changed["青山镇|合理化建议/实施率(%)"] == (40.0, 28.6)
    assert any("乙公司" in e for e in d.edited)


def test_the_commands(hand, tmp_path):
    from app.db import db_path
    from tests.app.test_cli import run

    db, ids = hand
    path = str(db_path(db))
    shown = json.loads(run("returns", "show", "表一", "--db", path, "--year", "2025", "--format", "json").stdout)
    assert shown["rows"][-1][:4] == ["合计", 11, 3, 5]
    done = run("check", "--db", path, "--year", "2025", "--format", "json")
    assert done.returncode == 0 and [f["code"] for f in json.loads(done.stdout)] == ["C05"]
    out = tmp_path / "r.xlsx"
    refused = run("export", "return", "表一", "--db", path, "--year", "2025", "--out", str(out))
    assert refused.returncode == 1 and "逻辑检查没有通过" in refused.stderr and not out.exists()
    done = run("export", "return", "表一", "--db", path, "--year", "2025", "--out", str(out), "--force", "--submit")
    assert done.returncode == 0 and "已记入上报记录" in done.stdout
    listed = run("submissions", "list", "--db", path).stdout
    assert "表一,2025" in listed
    same = run("submissions", "diff", "1", "--db", path)
    assert "每个格子都与上报时相同" in same.stdout
    db.execute("UPDATE honors SET doc_number = '' WHERE year = 2025 AND revoked_on IS NULL")
    assert run("check", "--db", path, "--year", "2025").returncode == 1
    pdf = tmp_path / "检查.pdf"
    assert run("report", "check", "--db", path, "--year", "2025", "--out", str(pdf)).returncode == 0
    if POPPLER:
        assert "C09" in pdf_text(pdf) and "未通过逻辑检查" in pdf_text(pdf)
