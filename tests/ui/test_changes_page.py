"""操作记录 through the window: a unit edited in its form shows on the page and in the form's 修改记录 tab;
a deleted honor is brought back from its entry."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import changes, honors
from tests.ui.conftest import type_text, window_on
from ui.main_window import MainWindow


def test_an_edit_shows_on_the_page_and_in_the_form_and_a_deletion_comes_back(qtbot, demo_db, answers):
    changes.install(demo_db.conn)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_year(2025)
    window.show()
    window.show_page("单位台账")
    page = window.units_page
    page.view.selectRow(0)
    unit_id = page.current_id()
    page.edit_current()
    dialog = page.dialog
    dialog.phone_edit.clear()
    type_text(qtbot, dialog.phone_edit, "0539-8888888")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    window.show_page("操作记录")
    log = window.changes_page
    assert log.table.rowCount() >= 1 and "0539-8888888" in log.table.item(0, 5).text()
    name = demo_db.execute("SELECT name FROM units WHERE id = ?", [unit_id]).fetchone()[0]
    assert log.table.item(0, 4).text() == f"单位（{name}）"
    page.edit_unit(unit_id)
    again = page.dialog
    tabs = [again.tabs.tabText(i) for i in range(again.tabs.count())]
    assert any(t.startswith("修改记录（") for t in tabs)
    assert "0539-8888888" in again.history_list.item(0, 5).text()
    # in the unit's own form: the table alone, the number and batch in the tooltip, room for what changed
    assert again.history_list.item(0, 4).text() == "单位" and again.history_list.isColumnHidden(6)
    again.reject()

    honor_id = demo_db.execute("SELECT id FROM honors WHERE state <> '命名' LIMIT 1").fetchone()[0]
    honors.delete(demo_db, honor_id)
    log.refresh()
    assert log.table.item(0, 3).text() == "删除"
    log.table.selectRow(0)
    qtbot.mouseClick(log.undo_button, Qt.MouseButton.LeftButton)
    assert honors.get(demo_db, honor_id) is not None and log.status.text().startswith("已恢复删除的荣誉")


def test_a_pastes_entries_join_the_history_index_while_the_window_is_idle(qtbot, demo_db):
    """The 年度数据 paste writes its entries outside the history index; the window brings them in by itself once the
    clerk pauses, and the pasted unit's history shows the paste before and after."""
    changes.install(demo_db.conn)
    window = window_on(qtbot, demo_db)
    window.show_page("年度数据")
    grid = window.figures_page.view
    model = grid.model()
    grid.setCurrentIndex(model.index(0, 4))
    assert grid.paste("7\n8\n9\n") == []
    first = model.ids[0]
    waiting = "SELECT count(*) FROM changes WHERE pending = 1"
    assert demo_db.execute(waiting).fetchone()[0] == 3
    assert changes.entries(demo_db, record=("annual_figures", first))[0].batch.startswith("年度数据粘贴 3 个")
    qtbot.waitUntil(lambda: demo_db.execute(waiting).fetchone()[0] == 0, timeout=5000)
    entry = changes.entries(demo_db, record=("annual_figures", first))[0]
    assert entry.batch.startswith("年度数据粘贴 3 个") and entry.new[model.key_of(4)] == 7
