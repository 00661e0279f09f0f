"""One answer for every figure: the pages, the command line and the printed ledger show what app.indicators
computes, and 年度数据's 已填报 and messages follow what was really stored."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import indicators
from app.db import db_path
from app.figures import Change
from tests.app.test_cli import run
from tests.readers import POPPLER, pdf_text
from ui.main_window import MainWindow

YEAR = 2025


def test_every_page_and_command_shows_the_same_figures(qtbot, demo_db, tmp_path, answers):
    r = indicators.compute(demo_db, YEAR)
    c = r.county
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_year(YEAR)
    window.show()
    for title in ("单位台账", "竞赛", "年度数据", "工作室", "安全生产"):
        window.show_page(title)
        QApplication.processEvents()

    ledger = window.units_page.count_label.text()
    assert f"共 {c['units'].value:,} 家，规上 {c['above_scale_units'].value:,} 家，" \
           f"已建会 {c['founded_units'].value:,} 家" in ledger
    assert window.competitions_page.year_box.texts() == [v.fraction() for v in indicators.coverage(demo_db, YEAR)]
    totals = window.figures_page.totals_label.text()
    for code in ("participant_times", "suggestions_made", "adoption_rate", "benefit", "safety_training_times",
                 "emergency_drills", "energy_monitors", "drill_times", "skill_contest_times"):
        assert f"{c[code].title} {c[code].shown()}" in totals, code
    assert f"（{c['reported_units'].value:,} 家单位已填报）" in totals
    safety = window.safety_page.check_label.text()
    assert f"已建会单位 {c['training_share'].denominator:,} 家，开展安全培训 {c['training_share'].numerator:,} 家" \
           f"（{c['training_share'].shown()}）" in safety
    assert f"全县共 {c['studios'].value} 个工作室" in window.studios_page.summary_label.text()

    db = str(db_path(demo_db))
    listed = json.loads(run("indicators", "--db", db, "--year", str(YEAR), "--format", "json").stdout)
    county = {row["code"]: row for row in listed if row["area"] is None}
    assert {k: county[k]["numerator"] for k in c} == {k: v.numerator for k, v in c.items()}
    first = r.areas[0]
    area_rows = {row["code"]: row for row in listed if row["area"] == first.name}
    assert area_rows["unit_coverage"]["denominator"] == first.values["unit_coverage"].denominator
    comps = json.loads(run("competitions", "list", "--db", db, "--year", str(YEAR), "--format", "json").stdout)
    assert comps["coverage"]["employees"] == [c["employee_rate"].numerator, c["employee_rate"].denominator]
    assert comps["coverage"]["participant_times"] == c["participant_times"].value
    if POPPLER:
        out = tmp_path / "台账.pdf"
        assert run("report", "ledger", "--db", db, "--year", str(YEAR), "--out", str(out)).returncode == 0
        assert f"规上 {c['above_scale_units'].value:,} 家" in pdf_text(out).replace("\n", "")


def test_typing_then_undoing_leaves_no_report_and_says_so(qtbot, demo_db):
    from ui.figures_page import FiguresPage

    page = FiguresPage(demo_db, YEAR)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    reported = indicators.compute(demo_db, YEAR).county["reported_units"].value
    row = next(r for r in range(page.model.rowCount())
               if all(page.model.row_data(r).get(k) is None for k in ("innovations", "participant_times")))
    unit_id = page.model.ids[row]
    page.model.submit_changes([Change(unit_id, "innovations", "3")], "修改")
    assert page.status_label.text() == "已保存 1 个单元格。"
    assert indicators.compute(demo_db, YEAR).county["reported_units"].value == reported + 1
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.status_label.text() == "已撤销 1 个单元格的修改。"
    assert indicators.compute(demo_db, YEAR).county["reported_units"].value == reported
    qtbot.waitUntil(lambda: f"（{reported:,} 家单位已填报）" in page.totals_label.text())  # once typing pauses


def test_a_typed_total_below_the_records_is_marked_with_the_shortfall(qtbot, demo_db):
    from ui.figures_grid import FIXED, KEYS, SHORT
    from ui.figures_page import FiguresPage

    short = indicators.gap_units(demo_db, YEAR, "participant_times")
    assert len(short) == 2  # the demo's two planted shortfalls (README, 示例数据)
    page = FiguresPage(demo_db, YEAR)
    qtbot.addWidget(page)
    page.reload()
    unit = short[0]
    index = page.model.index(page.model.row_of(unit["id"]), len(FIXED) + KEYS.index("participant_times"))
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole) == SHORT
    tip = page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    more = unit["times"] - unit["typed_times"]
    assert f"参赛记录合计 {unit['times']:,} 人次，比填报的 {unit['typed_times']:,} 多 {more:,}" in tip


def test_importing_what_figures_list_wrote_changes_nothing(demo_db, tmp_path):
    db = str(db_path(demo_db))
    out = tmp_path / "年度数据.csv"
    assert run("figures", "list", "--db", db, "--year", str(YEAR), "--out", str(out)).returncode == 0
    done = run("import", "figures", str(out), "--db", db, "--year", str(YEAR), "--skip-invalid")
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    assert "新增 0 行，更新 0 行" in said and "不能导入 0 行" in said  # a unit closed later is on 2025's roll
    assert "新增 0，更新 0，共写入 0 家" in said
