"""Importing a unit list through the window: choose, check the columns, preview, save refusals, import."""

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app import areas
from tests.app.test_import import HEADER, make_xlsx
from ui import ask


def test_import_through_the_dialog(qtbot, page, demo_db, answers, tmp_path, monkeypatch):
    area = areas.list_areas(demo_db)[0]
    path = make_xlsx(tmp_path / "青山 名单.xlsx", [
        [1, "窗口导入甲公司", None, area.name, "私营企业", 20, 5, 10, "是", "2023-01-01", "13800000000"],
        [2, "窗口导入乙公司", None, None, "私营企业", 30, None, None, "否", None, None],
        [3, "窗口导入丙公司", None, area.name, "私营企业", "很多", None, None, "否", None, None],
    ])
    monkeypatch.setattr(ask, "open_file", lambda *a: str(path))
    before = page.model.rowCount()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.outputs.importer.dialog is not None and page.outputs.importer.dialog.isVisible(),
                    timeout=10000)
    dialog = page.outputs.importer.dialog
    qtbot.addWidget(dialog)
    assert dialog.column_combos["name"].currentData() == HEADER.index("企业名称")
    assert dialog.column_combos["employees"].currentData() == HEADER.index("职工人数（人）")
    assert dialog.sample.item(0, 1).text() == "窗口导入甲公司"

    # the clerk says rows without an area belong to this area, and does not want the phone column
    dialog.area_default.setCurrentIndex(dialog.area_default.findData(area.id))
    dialog.column_combos["phone"].setCurrentIndex(0)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=10000)
    assert "新增 2 行" in dialog.summary_label.text() and "不能导入 1 行" in dialog.summary_label.text()
    assert dialog.rows_model.rowCount() == 1  # the preview opens on the refused rows
    assert "职工人数：「很多」不是整数" in dialog.rows_model.data(dialog.rows_model.index(0, 3))
    assert dialog.import_button.text() == "导入 2 家单位"

    refused = tmp_path / "退回"
    monkeypatch.setattr(ask, "save_file", lambda *a: str(refused))
    qtbot.mouseClick(dialog.save_refused_button, Qt.MouseButton.LeftButton)
    ws = load_workbook(refused.with_suffix(".xlsx")).active
    assert ws.cell(2, 3).value == "窗口导入丙公司" and "很多" in ws.cell(2, ws.max_column).value

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    rows = demo_db.execute("SELECT u.name, u.area_id, u.phone FROM units u WHERE u.name LIKE '窗口导入%' "
                           "ORDER BY u.name").fetchall()
    assert rows == [("窗口导入乙公司", area.id, ""), ("窗口导入甲公司", area.id, "")]
    assert page.model.rowCount() == before + 2
    assert answers.messages[-1][1] == "导入完成"


def test_a_file_that_cannot_be_read_is_told(qtbot, page, answers, tmp_path, monkeypatch):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a spreadsheet at all")
    monkeypatch.setattr(ask, "open_file", lambda *a: str(bad))
    page.outputs.importer.start()
    qtbot.waitUntil(lambda: any(m[0] == "error" for m in answers.messages), timeout=10000)
    assert answers.messages[-1][1] == "无法导入" and "无法读取" in answers.messages[-1][2]


def test_a_workbook_whose_list_is_on_another_sheet(qtbot, page, demo_db, answers, tmp_path, monkeypatch):
    area = areas.list_areas(demo_db)[0]
    path = make_xlsx(tmp_path / "两个工作表.xlsx", [
        [1, "第二张表的公司", None, area.name, "私营企业", 9, None, None, "否", None, None]])
    book = load_workbook(path)
    notes = book.create_sheet("填表说明", 0)
    notes.append(["请各乡镇于 3 月 31 日前报送"])
    book.create_sheet("空白表")
    book.save(path)
    monkeypatch.setattr(ask, "open_file", lambda *a: str(path))
    page.outputs.importer.start()
    qtbot.waitUntil(lambda: page.outputs.importer.dialog is not None and page.outputs.importer.dialog.isVisible(),
                    timeout=10000)
    dialog = page.outputs.importer.dialog
    qtbot.addWidget(dialog)
    assert dialog.sheet.sheet_name == "Sheet"  # the sheet with a header, not the notes in front of it
    assert dialog.sample.item(0, 1).text() == "第二张表的公司"

    dialog.sheet_combo.setCurrentText("填表说明")  # the clerk looks at another sheet: it has no header
    qtbot.waitUntil(lambda: any(m[0] == "error" for m in answers.messages), timeout=10000)
    assert "没有找到表头" in answers.messages[-1][2]
