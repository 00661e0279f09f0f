"""备份 and 恢复 through the window: a backup to a chosen folder, a restore that reopens the window on the
restored file, and the automatic backup made off the GUI thread after the window opens."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import backups
from app.db import db_path
from ui import app as ui_app
from ui import backup_box


def test_backup_to_a_folder_then_restore_and_the_window_reopens(qtbot, demo_db, answers, monkeypatch, tmp_path):
    path = db_path(demo_db)
    host = ui_app.WindowHost(demo_db)
    host.open()
    qtbot.addWidget(host.window)
    host.window.show_page("设置")
    box = host.window.settings_page.backup_box
    monkeypatch.setattr(backup_box, "choose_folder", lambda *a: str(tmp_path / "U盘"))
    (tmp_path / "U盘").mkdir()
    qtbot.mouseClick(box.backup_button, Qt.MouseButton.LeftButton)
    made = next((tmp_path / "U盘").glob("*.db"))
    assert "已备份到" in box.status.text() and "手动" in made.name

    demo_db.execute("DELETE FROM contestants")
    monkeypatch.setattr(ui_app.ask, "open_file", lambda *a: str(made))
    qtbot.mouseClick(box.restore_button, Qt.MouseButton.LeftButton)
    assert "400 家单位" in answers.messages[-2][2]  # what the backup holds, asked first
    assert answers.messages[-1][1] == "已恢复"
    new = host.window
    qtbot.addWidget(new)
    assert new.db is not demo_db and new.db.execute("SELECT count(*) FROM contestants").fetchone()[0] > 0
    assert any(b.why == "恢复前" for b in backups.list_backups(path))
    new.close()
    new.db.close()


def test_the_automatic_backup_runs_after_the_window_opens(qtbot, demo_db):
    host = ui_app.WindowHost(demo_db)
    host.open()
    qtbot.addWidget(host.window)
    ui_app.start_auto_backup(host.window)
    qtbot.waitUntil(lambda: "已自动备份" in host.window.statusBar().currentMessage(), timeout=15000)
    assert backups.list_backups(db_path(demo_db))


def test_a_second_window_is_read_only_and_says_who_holds_the_file(qtbot, demo_db, answers):
    from app.db import READ_ONLY, set_read_only
    from app.lock import Holder

    set_read_only(demo_db)
    try:
        host = ui_app.WindowHost(demo_db, Holder("张三", "PC-01", "2026-12-01 09:30"))
        host.open()
        qtbot.addWidget(host.window)
        label = host.window.read_only_label
        assert label.isVisible() and "张三（电脑 PC-01）2026-12-01 09:30 起" in label.text()
        assert host.window.windowTitle().endswith("（只读）") and not host.window.open_year_button.isEnabled()
        host.window.show_page("年度数据")
        grid = host.window.figures_page
        from app.figures import Change

        grid.model.submit_changes([Change(grid.model.ids[0], "innovations", "5")], "修改")
        assert any("本窗口是只读的" in m[2] for m in answers.messages)  # told, not lost silently
    finally:
        READ_ONLY.clear()
        demo_db.execute("PRAGMA query_only = OFF")


def test_the_file_menu_opens_another_data_file_and_remembers_it(qtbot, demo_db, db, answers):
    from app import settings
    from ui.menus import AboutDialog, recent_files

    settings.save_union_info(db, settings.UnionInfo(union_name="另一个县总工会", county="另一个县"))
    other = db_path(db)
    db.close()
    host = ui_app.WindowHost(demo_db)
    host.open()
    qtbot.addWidget(host.window)
    first = db_path(demo_db)
    menus = [a.text() for a in host.window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
    assert host.switch_to(other)
    qtbot.addWidget(host.window)
    assert "另一个县总工会" in host.window.windowTitle() and db_path(host.window.db) == other
    assert recent_files()[:2] == [str(other), str(first)]
    about = AboutDialog(host.window)
    qtbot.addWidget(about)
    assert str(other) in about.text and "Qt " in about.text and "PySide6" in about.text
    host.window.close()
    host.window.db.close()
