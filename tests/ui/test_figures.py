"""年度数据 through the window: typing, Enter, a block pasted from Excel with a bad cell, undo and redo."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from app import figures
from tests.ui.conftest import type_text
from ui.figures_grid import FIXED, KEYS
from ui.figures_page import FiguresPage
from ui.sheet import parse_clipboard

YEAR = 2025


@pytest.fixture
def grid(qtbot, demo_db):
    demo_db.execute("DELETE FROM innovation_members")
    demo_db.execute("DELETE FROM innovations")
    demo_db.execute("DELETE FROM annual_figures")
    widget = FiguresPage(demo_db, YEAR)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    return widget


def commit(qtbot, view) -> None:
    """Enter in the cell editor: the delegate commits on the next turn of the event loop."""
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def column(key: str) -> int:
    return len(FIXED) + KEYS.index(key)


def stored(db, unit_id: int, key: str):
    return figures.fetch(db, YEAR, [unit_id])[unit_id][key]


def test_the_grid_passes_the_model_tester(qtmodeltester, grid):
    qtmodeltester.check(grid.model, force_py=True)


def test_typing_a_number_saves_it_and_enter_moves_down(qtbot, grid, demo_db):
    view, model = grid.view, grid.model
    view.setCurrentIndex(model.index(0, column("innovations")))
    view.setFocus()
    qtbot.keyClicks(view, "7")
    commit(qtbot, view)
    assert stored(demo_db, model.ids[0], "innovations") == 7
    assert view.currentIndex().row() == 1  # Enter moved to the next unit
    qtbot.keyClicks(view, "x")
    commit(qtbot, view)
    assert stored(demo_db, model.ids[1], "innovations") is None
    mark = model.marks[(model.ids[1], "innovations")]
    assert "不是整数" in mark.reason and "没有保存" in grid.status_label.text()
    assert model.data(model.index(1, column("innovations")), Qt.ItemDataRole.BackgroundRole) is not None


def test_a_block_pasted_from_excel_fills_the_cells_bad_ones_marked_and_undo_takes_it_back(qtbot, grid, demo_db,
                                                                                         answers):
    view, model = grid.view, grid.model
    start = column("suggestions_made")
    view.setCurrentIndex(model.index(2, start))
    block = "10\t4\t2\r\n8\t9\t1\r\n５\tabc\t3\r\n"  # Excel's CRLF, a full-width digit, 实施 > 提出 and text
    QGuiApplication.clipboard().setText(block)
    answers.confirm = True  # 只保存其余的
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    ids = model.ids[2:5]
    assert [stored(demo_db, u, "suggestions_made") for u in ids] == [10, 8, 5]
    assert [stored(demo_db, u, "innovations") for u in ids] == [2, 1, 3]
    assert stored(demo_db, ids[1], "suggestions_adopted") is None  # 9 > 8: refused
    refused = {(model.ids.index(u), k): e.reason for (u, k), e in model.marks.items()}
    assert "实施 9 件多于提出 8 件" in refused[(3, "suggestions_adopted")]
    assert "不是整数" in refused[(4, "suggestions_adopted")]
    assert "2 个单元格不能接受" in answers.messages[-1][2] and "保存其余" in answers.messages[-1][2]
    assert model.data(model.index(4, start + 1)) == "abc"  # the refused text stays in sight, marked

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [stored(demo_db, u, "innovations") for u in ids] == [None, None, None]
    assert stored(demo_db, ids[0], "suggestions_made") is None
    qtbot.mouseClick(grid.redo_button, Qt.MouseButton.LeftButton)
    assert [stored(demo_db, u, "innovations") for u in ids] == [2, 1, 3]


def test_declining_a_partial_paste_writes_nothing(qtbot, grid, demo_db, answers):
    view, model = grid.view, grid.model
    view.setCurrentIndex(model.index(0, column("tackles")))
    answers.confirm = False
    view.paste("1\t2\nabc\t4")
    assert all(stored(demo_db, u, k) is None for u in model.ids[:2] for k in ("tackles", "inventions"))
    assert len(model.marks) == 1 and not grid.undo_button.isEnabled()


def test_delete_clears_the_selection_and_one_value_fills_a_selected_block(qtbot, grid, demo_db):
    view, model = grid.view, grid.model
    top_left, bottom_right = model.index(0, column("methods")), model.index(2, column("methods"))
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    view.setCurrentIndex(top_left)
    view.selectionModel().select(QItemSelection(top_left, bottom_right), QItemSelectionModel.SelectionFlag.Select)
    view.paste("4")
    assert [stored(demo_db, u, "methods") for u in model.ids[:3]] == [4, 4, 4]
    assert view.copy_selection() == "4\n4\n4"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [stored(demo_db, u, "methods") for u in model.ids[:3]] == [None, None, None]


def test_the_area_filter_and_the_totals(qtbot, grid, demo_db):
    grid.area_filter.setCurrentIndex(1)
    area_id = grid.area_filter.currentData()
    assert grid.model.rowCount() == demo_db.execute(
        "SELECT count(*) FROM units WHERE area_id = ? AND archived_at IS NULL", [area_id]).fetchone()[0]
    grid.view.setCurrentIndex(grid.model.index(0, column("benefit")))
    grid.view.paste("12.5")
    qtbot.waitUntil(lambda: "经济效益 12.5 万元" in grid.totals_label.text())  # once typing pauses


def test_pasting_onto_the_name_column_is_told_not_dropped(qtbot, grid, answers):
    grid.view.setCurrentIndex(grid.model.index(0, 1))
    grid.view.paste("东城街道\t3")
    assert "落在“单位名称”“区域”列" in answers.messages[-1][2]


def test_clipboard_blocks_keep_quoted_cells_whole():
    assert parse_clipboard('1\t"a\nb"\r\n2\t3\r\n') == [["1", "a\nb"], ["2", "3"]]
    assert parse_clipboard("") == []


def test_typing_chinese_into_a_number_cell_is_refused(qtbot, grid, demo_db):
    view, model = grid.view, grid.model
    view.setCurrentIndex(model.index(0, column("energy_monitors")))
    view.edit(view.currentIndex())
    type_text(qtbot, view.focusWidget(), "三")
    commit(qtbot, view)
    assert stored(demo_db, model.ids[0], "energy_monitors") is None
    assert (model.ids[0], "energy_monitors") in model.marks


def test_figures_import_from_the_page_asks_the_year_and_fills_the_grid(qtbot, grid, demo_db, tmp_path,
                                                                      monkeypatch, answers):
    from tests.app.test_import import make_xlsx
    from ui import ask

    name = grid.model.row_data(0)["name"]
    path = make_xlsx(tmp_path / "年度数据.xlsx", [[name, "１２", 4, 2]],
                     header=["单位名称", "合理化建议提出件数", "合理化建议实施件数", "技术革新（项）"])
    monkeypatch.setattr(ask, "open_file", lambda *a: str(path))
    qtbot.mouseClick(grid.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: grid.importer.dialog is not None, timeout=10000)
    dialog = grid.importer.dialog
    qtbot.addWidget(dialog)
    assert dialog.year_combo.isVisibleTo(dialog) and dialog.year_combo.currentData() == YEAR
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=10000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    unit_id = grid.model.ids[0]
    qtbot.waitUntil(lambda: stored(demo_db, unit_id, "innovations") == 2, timeout=10000)
    assert (stored(demo_db, unit_id, "suggestions_made"), stored(demo_db, unit_id, "suggestions_adopted")) == (12, 4)
    assert grid.model.data(grid.model.index(0, column("suggestions_made"))) == "12"


@given(st.text(max_size=60))
def test_any_clipboard_text_becomes_rows_of_cells(text):
    rows = parse_clipboard(text)
    assert all(isinstance(cell, str) for row in rows for cell in row)


def test_a_locked_database_is_told_in_chinese_and_nothing_changes(qtbot, grid, demo_db, answers, monkeypatch):
    import sqlite3

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(figures, "check", locked)
    grid.view.setCurrentIndex(grid.model.index(0, column("tackles")))
    assert grid.view.paste("5") == []
    assert answers.messages[-1][0] == "error" and "占用" in answers.messages[-1][2]
    assert stored(demo_db, grid.model.ids[0], "tackles") is None and not grid.undo_button.isEnabled()


def test_the_name_and_area_stay_while_the_figures_scroll_sideways(qtbot, grid):
    """冻结窗格: 单位名称 and 区域 in a second view over the grid's left edge, scrolled up and down with it."""
    view, model = grid.view, grid.model
    grid.resize(900, 600)
    qtbot.wait(20)
    frozen = view.frozen
    assert frozen.isVisible() and frozen.model() is model and frozen.selectionModel() is view.selectionModel()
    assert frozen.width() == view.columnWidth(0) + view.columnWidth(1)
    assert [frozen.isColumnHidden(c) for c in range(4)] == [False, False, True, True]
    bar = view.horizontalScrollBar()
    bar.setValue(bar.maximum())
    view.verticalScrollBar().setValue(30)
    assert bar.value() > 0 and frozen.verticalScrollBar().value() == 30  # the rows stay side by side
    assert frozen.rowAt(0) == view.rowAt(0)
    last = len(FIXED) + len(KEYS) - 1
    view.setCurrentIndex(model.index(view.rowAt(0), last))
    view.scrollTo(model.index(view.rowAt(0), len(FIXED)))  # back to the first figure: out from under the names
    assert view.visualRect(model.index(view.rowAt(0), len(FIXED))).left() >= frozen.width()
