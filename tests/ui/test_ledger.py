"""The ledger driven as a clerk drives it: type, click, press keys; then check the database."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from app import areas, settings, unit_search, units, years
from app.unit_search import UnitFilter
from tests.ui.conftest import type_text
from ui.main_window import MainWindow
from ui.units_page import UnitsPage

CODE = "91350100M000100Y43"


def choose(combo, text):
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_add_a_unit_through_the_form_then_find_edit_archive_restore(qtbot, page, demo_db, answers):
    before = page.model.rowCount()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.save_button.isEnabled()
    type_text(qtbot, dialog.name_edit, "示例县蓝天精工机械有限公司")
    type_text(qtbot, dialog.credit_edit, CODE.lower())
    choose(dialog.area_combo, "青山镇")
    choose(dialog.category_combo, "170")
    choose(dialog.industry_combo, "C ")
    dialog.tag_boxes["先进装备制造"].setChecked(True)
    dialog.tabs.setCurrentIndex(1)
    type_text(qtbot, dialog.employees_edit, "230")
    type_text(qtbot, dialog.female_edit, "80")
    qtbot.keyClick(dialog.founded_check, Qt.Key.Key_Space)
    type_text(qtbot, dialog.members_edit, "200")
    type_text(qtbot, dialog.chairman_edit, "周建华")
    assert dialog.save_button.isEnabled(), [str(e) for e in dialog.validate()]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None or not page.dialog.isVisible()

    row = demo_db.execute("SELECT id, credit_code, area_id FROM units WHERE name = ?",
                          ["示例县蓝天精工机械有限公司"]).fetchone()
    assert row is not None and row[1] == CODE
    unit = units.get(demo_db, row[0])
    assert unit.years[2025].employees == 230 and unit.years[2025].members == 200
    assert unit.years[2025].union_founded and unit.data.industry_tags == ["先进装备制造"]
    assert page.model.rowCount() == before + 1
    assert page.current_id() == row[0]  # the new unit is selected

    # find it by typing part of its name
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()
    type_text(qtbot, page.search_edit, "蓝天精工")
    assert page.model.rowCount() == 1 and page.model.id_at(0) == row[0]
    assert page.count_label.text().endswith("共 1 家符合条件")

    # open it with Enter and change the headcount
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog.unit_id == row[0] and dialog.name_edit.text() == "示例县蓝天精工机械有限公司"
    dialog.tabs.setCurrentIndex(1)
    dialog.employees_edit.clear()
    type_text(qtbot, dialog.employees_edit, "260")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert units.get(demo_db, row[0]).years[2025].employees == 260
    assert page.model.data(page.model.index(0, 7)) == "260"

    # Delete archives, after asking
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert answers.messages[-1][0] == "confirm" and "蓝天精工" in answers.messages[-1][2]
    assert units.get(demo_db, row[0]).archived_at is not None
    # archived today (2026): it stays on the roll of 2025, a past year, greyed as archived
    assert page.model.rowCount() == 1 and page.model.row_data(0)["archived_at"]

    # restore from the archived view
    choose(page.archived_filter, "已归档")
    assert page.model.rowCount() == 1 and page.restore_button.isVisible()
    page.view.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert units.get(demo_db, row[0]).archived_at is None


def test_declining_the_archive_question_keeps_the_unit(qtbot, page, demo_db, answers):
    answers.confirm = False
    unit_id = page.model.id_at(0)
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert units.get(demo_db, unit_id).archived_at is None


def test_form_shows_field_errors_and_refuses_to_save(qtbot, page, demo_db):
    existing = demo_db.execute(
        "SELECT name, credit_code FROM units WHERE credit_code IS NOT NULL LIMIT 1").fetchone()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog.detail_fields.error_text("name") == "必填"
    type_text(qtbot, dialog.credit_edit, CODE[:17] + "0")
    assert "校验位错误" in dialog.detail_fields.error_text("credit_code")
    dialog.credit_edit.clear()
    type_text(qtbot, dialog.credit_edit, existing[1])
    assert existing[0] in dialog.detail_fields.error_text("credit_code")
    dialog.tabs.setCurrentIndex(1)
    type_text(qtbot, dialog.employees_edit, "-5")
    assert dialog.year_fields.error_text("employees") == "不能为负数"
    dialog.employees_edit.clear()
    type_text(qtbot, dialog.employees_edit, "10")
    type_text(qtbot, dialog.female_edit, "12")
    assert "不能多于职工人数" in dialog.year_fields.error_text("female_employees")
    assert not dialog.save_button.isEnabled()
    assert "处有误" in dialog.tabs.tabText(0) and "处有误" in dialog.tabs.tabText(1)
    count = demo_db.execute("SELECT count(*) FROM units").fetchone()[0]
    dialog.save()
    assert demo_db.execute("SELECT count(*) FROM units").fetchone()[0] == count
    dialog.reject()


def test_filters_and_count_line_follow_sql(qtbot, page, demo_db):
    area = areas.list_areas(demo_db)[10]
    choose(page.area_filter, area.name)
    choose(page.scale_filter, "规模以上")
    expected = unit_search.search(demo_db, 2025, UnitFilter(area_id=area.id, above_scale=True))
    assert page.model.rowCount() == expected.total
    assert page.count_label.text() == f"2025 年度　共 {expected.total:,} 家符合条件"
    choose(page.scale_filter, "规上规下")
    rows = unit_search.list_rows(demo_db, 2025, UnitFilter(area_id=area.id))  # the area's roll, counted by hand
    above, founded = sum(1 for r in rows if r["above_scale"]), sum(1 for r in rows if r["union_founded"])
    assert page.count_label.text() == f"2025 年度　共 {len(rows):,} 家，规上 {above:,} 家，已建会 {founded:,} 家"
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == unit_search.search(demo_db, 2025).total


def test_clicking_a_header_sorts(qtbot, page, demo_db):
    header = page.view.horizontalHeader()
    x = header.sectionViewportPosition(7) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = [page.model.id_at(r) for r in range(5)]
    ascending = unit_search.search(demo_db, 2025, sort="employees").ids[:5]
    descending = unit_search.search(demo_db, 2025, sort="employees", descending=True).ids[:5]
    assert first in (ascending, descending)


def test_empty_states(qtbot, db):
    widget = UnitsPage(db, 2025)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.empty_label.isVisible() and "请先在左侧“设置”中添加" in widget.empty_label.text()
    areas.add_area(db, "青山镇", "乡镇")
    widget.model.refresh()
    assert "还没有在册单位" in widget.empty_label.text() and "设置" not in widget.empty_label.text()
    type_text(qtbot, widget.search_edit, "不存在")
    assert "没有符合条件" in widget.empty_label.text()


def test_year_selector_drives_the_ledger(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    assert "示例县总工会" in window.windowTitle()
    assert "台账.db" in window.db_label.text() or ".db" in window.db_label.text()
    window.set_year(2023)
    assert window.units_page.model.year == 2023
    assert settings.working_year(demo_db) == 2023
    # pages not in view count nothing at the start: the ledger's count line and the 报表 page wait to be shown
    assert window.units_page.count_label.text() == "" and window.returns_page.built is None
    window.show_page("单位台账")
    assert window.units_page.count_label.text().startswith("2023 年度")
    window.show_page("报表")
    assert window.returns_page.built is not None and window.returns_page.built.number == "表一"
    unit_id = window.units_page.model.id_at(0)
    shown = window.units_page.model.data(window.units_page.model.index(0, 7))
    stored = demo_db.execute("SELECT employees FROM unit_years WHERE unit_id = ? AND year = 2023",
                             [unit_id]).fetchone()[0]
    assert shown == f"{stored:,}"


def test_a_new_year_carries_headcounts_to_confirm(qtbot, page, demo_db):
    page.set_year(2026)
    assert page.model.rowCount() == 0 and "2026 年度没有单位数据" in page.count_label.text()
    years.open_year(demo_db, 2026)
    page.set_year(2026)
    assert page.model.rowCount() == years.unit_count(demo_db, 2025) == 395  # 400 less the 5 closed in 2025
    assert "待核实" in page.count_label.text()
    page.view.selectRow(0)
    page.edit_current()
    dialog = page.dialog
    unit_id = dialog.unit_id
    last = units.get(demo_db, unit_id).years[2025]
    assert "待核实" in dialog.year_note.text()
    assert dialog.employees_edit.text() == str(last.employees)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = units.get(demo_db, unit_id).years[2026]
    assert stored.employees == last.employees and not stored.unconfirmed  # saving the form confirmed them


def test_archiving_many_at_once_asks_once_and_names_the_count(qtbot, page, demo_db, answers):
    page.view.setFocus()
    page.view.selectAll()
    total = page.model.rowCount()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert sum(1 for m in answers.messages if m[0] == "confirm") == 1
    assert f"等 {total} 家单位" in answers.messages[-1][2]
    assert demo_db.execute("SELECT count(*) FROM units WHERE archived_at IS NULL").fetchone()[0] == 0
    # archived today (2026): 2025 is a past year and keeps them on its roll, greyed as archived
    assert page.model.rowCount() == total
    assert all(page.model.row_data(r).get("archived_at") for r in range(total))


def test_export_writes_what_the_view_shows_off_the_gui_thread(qtbot, page, demo_db, answers, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    target = tmp_path / "导出" / "青山 台账"
    target.parent.mkdir()
    monkeypatch.setattr("ui.ask.save_file", lambda *a: str(target))
    type_text(qtbot, page.search_edit, "有限公司")
    choose(page.scale_filter, "规模以上")
    page.view.sortByColumn(7, Qt.SortOrder.DescendingOrder)
    shown = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    task = page.outputs.export_excel()
    assert task is not None
    qtbot.waitUntil(lambda: any(m[0] == "info" for m in answers.messages), timeout=10000)
    saved = target.with_name("青山 台账.xlsx")
    assert page.outputs.last_export.path == saved and page.outputs.last_export.units == len(shown)
    ws = load_workbook(saved).active
    assert [ws.cell(r, 2).value for r in range(5, 5 + len(shown))] == shown
    assert str(saved) in answers.messages[-1][2]


def test_export_failure_is_told_not_raised(qtbot, page, answers, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.ask.save_file", lambda *a: str(tmp_path / "没有这个文件夹" / "a.xlsx"))
    page.outputs.export_excel()
    qtbot.waitUntil(lambda: any(m[0] == "error" for m in answers.messages), timeout=10000)
    assert answers.messages[-1][1] == "导出失败" and "文件夹不存在" in answers.messages[-1][2]


def test_the_form_fields_stay_put_while_errors_come_and_go(qtbot, page):
    """Each field's error line holds its place: typing a wrong credit code and then a right one moves no box."""
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    dialog.show()
    qtbot.waitExposed(dialog)

    def places():
        return [dialog.phone_edit.mapTo(dialog, QPoint(0, 0)).y(), dialog.credit_edit.mapTo(dialog, QPoint(0, 0)).y()]

    before = places()
    type_text(qtbot, dialog.name_edit, "寅公司")   # 必填 goes
    assert dialog.detail_fields.error_text("name") == "" and places() == before
    type_text(qtbot, dialog.credit_edit, CODE[:17] + "0")  # 校验位错误 comes
    qtbot.wait(10)
    assert "校验位错误" in dialog.detail_fields.error_text("credit_code") and places() == before
    dialog.credit_edit.clear()                       # and goes
    qtbot.wait(10)
    assert dialog.detail_fields.error_text("credit_code") == "" and places() == before
    dialog.reject()
