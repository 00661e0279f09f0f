from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app import areas, settings
from tests.ui.conftest import type_text
from ui import app as ui_app
from ui.first_run import FirstRunDialog
from ui.settings_page import SettingsPage


def test_first_run_names_the_union_and_loads_the_example(qtbot, db, monkeypatch):
    monkeypatch.setattr("ui.first_run.DEMO_UNITS", 120)
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    type_text(qtbot, dialog.form.edits["union_name"], "青山县总工会")
    assert not dialog.ok_button.isEnabled()
    type_text(qtbot, dialog.form.edits["county"], "青山县")
    type_text(qtbot, dialog.form.edits["filler"], "王芳")
    assert dialog.ok_button.isEnabled()
    dialog.demo_check.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    info = settings.union_info(db)
    assert (info.union_name, info.county, info.filler) == ("青山县总工会", "青山县", "王芳")
    assert db.execute("SELECT count(*) FROM units").fetchone()[0] == 120
    assert len(areas.list_areas(db)) == 12


def test_first_run_without_example_leaves_ledger_empty(qtbot, db):
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.form.edits["union_name"], "青山县总工会")
    type_text(qtbot, dialog.form.edits["county"], "青山县")
    dialog.accept()
    assert settings.is_configured(db)
    assert db.execute("SELECT count(*) FROM units").fetchone()[0] == 0


def test_settings_page_edits_info_and_areas(qtbot, demo_db, answers):
    page = SettingsPage(demo_db)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.info_changed):
        page.form.edits["filler"].clear()
        type_text(qtbot, page.form.edits["filler"], "赵敏")
        qtbot.mouseClick(page.save_info_button, Qt.MouseButton.LeftButton)
    assert settings.union_info(demo_db).filler == "赵敏"

    page.form.edits["union_name"].clear()
    assert not page.save_info_button.isEnabled()
    assert page.form.fields.error_text("union_name") == "必填"

    before = len(areas.list_areas(demo_db))
    page.area_table.clearSelection()
    page.area_name.clear()
    type_text(qtbot, page.area_name, "创业园区")
    page.area_kind.setCurrentText("园区")
    with qtbot.waitSignal(page.areas_changed):
        qtbot.mouseClick(page.add_area_button, Qt.MouseButton.LeftButton)
    assert [a.name for a in areas.list_areas(demo_db)][-1] == "创业园区"
    assert page.area_table.rowCount() == before + 1

    qtbot.mouseClick(page.add_area_button, Qt.MouseButton.LeftButton)  # the same name again
    assert "已有名为「创业园区」" in page.area_error.text()

    page.area_table.selectRow(0)  # an area with units
    qtbot.mouseClick(page.delete_area_button, Qt.MouseButton.LeftButton)
    assert "不能删除" in page.area_error.text()
    assert len(areas.list_areas(demo_db)) == before + 1


def test_start_on_a_bad_file_says_why_and_exits_1(tmp_path: Path, answers):
    bad = tmp_path / "名单.db"
    bad.write_text("不是数据库", encoding="utf-8")
    assert ui_app.run_window(bad) == 1
    kind, title, text = answers.messages[-1]
    assert kind == "error" and "不是台账数据库" in text
    assert bad.read_text(encoding="utf-8") == "不是数据库"


def test_window_finds_a_chinese_font():
    assert ui_app.chinese_font_families(), "install fonts-wqy-microhei (see .ci/run)"



def test_without_a_chinese_font_the_window_still_opens_and_says_so_without_waiting(demo_db, monkeypatch, qapp):
    """What happens on a PC whose fonts Qt does not find (seen under wine before the fonts were registered):
    never a box that stops the start — the window opens, its status bar and a box that does not wait say what
    to install, and a smoke test's timer still ends the program."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from app.db import db_path

    asked = []
    monkeypatch.setattr(ui_app, "chinese_font_families", lambda: asked.append(1) or [])
    monkeypatch.setenv("UNION_LEDGER_QUIT_AFTER_MS", "800")
    file = db_path(demo_db)
    demo_db.close()
    assert ui_app.run_window(file) == 0
    boxes = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and "没有找到中文字体" in w.text()]
    assert boxes and boxes[-1].windowModality() == Qt.WindowModality.NonModal
    windows = [w for w in qapp.topLevelWidgets() if w.objectName() == "" and hasattr(w, "pages")]
    assert windows and "没有找到中文字体" in windows[-1].statusBar().currentMessage()
    for w in boxes + windows:
        w.close()


def test_the_fonts_the_window_asks_for_put_windows_faces_first():
    # Windows: 微软雅黑 (Microsoft YaHei UI) before anything a Linux package gives; 宋体 as the last Windows resort
    assert ui_app.UI_FONTS[:3] == ["Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑"]
    assert ui_app.UI_FONTS.index("SimSun") < ui_app.UI_FONTS.index("AR PL UMing CN")
