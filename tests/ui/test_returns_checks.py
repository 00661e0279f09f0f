"""报表 and 逻辑检查 through the window: a return previewed, the units behind a cell, the check's 说明 that lets
the year pass, an export behind the check, a submission and its comparison."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import checks, indicators
from app.returns import output
from tests.ui.conftest import window_on
from ui import ask

YEAR = 2025


def test_a_return_previewed_and_the_units_behind_a_cell(qtbot, demo_db, answers):
    window = window_on(qtbot, demo_db)
    window.show_page("报表")
    page = window.returns_page
    assert page.table.item(0, 0).text() == indicators.compute(demo_db, YEAR).areas[0].name
    last = page.table.rowCount() - 1
    c = indicators.compute(demo_db, YEAR).county
    assert page.table.item(last, 0).text() == "合计" and page.table.item(last, 1).text() == f"{c['units'].value:,}"
    # 规上企业参赛数 of the first area, double-clicked: the above-scale units of that area in a competition
    column = 1 + [col.header for col in page.built.columns].index("规上企业参赛数")
    dialog = page.show_behind(0, column)
    first = indicators.compute(demo_db, YEAR).areas[0]
    assert dialog.table.rowCount() == first.values["above_scale_coverage"].numerator
    page.list.setCurrentRow(2)
    assert page.title.text().startswith("表三")


def test_the_check_page_explains_a_hint_and_the_year_passes(qtbot, demo_db, answers, monkeypatch):
    window = window_on(qtbot, demo_db)
    window.show_page("逻辑检查")
    page = window.checks_page
    report = checks.run(demo_db, YEAR)
    assert page.table.rowCount() == len(report.findings) > 0 and not report.errors
    monkeypatch.setattr(ask, "text", lambda *a, **k: "已与单位核实")
    for row in range(page.table.rowCount()):
        page.table.selectRow(row)
        qtbot.mouseClick(page.note_button, Qt.MouseButton.LeftButton)
    assert checks.run(demo_db, YEAR).passed
    assert "逻辑正确" in page.status.text() and page.table.item(0, 3).text() == "已与单位核实"
    # a double click on a unit's finding opens its form
    unit_row = next(n for n, f in enumerate(checks.run(demo_db, YEAR).findings) if f.record.startswith("unit:"))
    page.table.cellDoubleClicked.emit(unit_row, 2)
    QApplication.processEvents()
    dialog = window.units_page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_export_behind_the_check_a_submission_and_its_comparison(qtbot, demo_db, answers, monkeypatch, tmp_path):
    window = window_on(qtbot, demo_db)
    window.show_page("报表")
    page = window.returns_page
    out = tmp_path / "上报表.xlsx"
    monkeypatch.setattr(ask, "save_file", lambda *a: str(out))
    answers.confirm = False  # not passed: the clerk declines to force it
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert not out.exists() and answers.messages[-1][1] == "未通过逻辑检查"
    answers.confirm = True
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() and page.sent.rowCount() == 5, timeout=15000)
    book = load_workbook(out)
    assert len(book.sheetnames) == 5 and book.worksheets[0]["A3"].value.startswith("未通过逻辑检查")
    assert page.sent.item(0, 5).text() == "上报表.xlsx"
    page.tabs.setCurrentIndex(1)
    page.sent.selectRow(0)
    dialog = page.compare()
    assert "每个格子都与上报时相同" in dialog.windowTitle()
    assert all(not output.diff(demo_db, s["id"]).changes for s in output.submissions(demo_db))
