"""单位台账 as a new user met it: the 18-character credit code whole, a cut cell's whole text on hover, and a
search that shows its first matches instead of staying scrolled where the last list was."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import type_text


def test_the_credit_code_fits_and_cut_cells_say_their_whole_text(page):
    model, view = page.model, page.view
    code_col = [c.key for c in model.columns].index("credit_code")
    metrics = view.fontMetrics()
    codes = [model.data(model.index(r, code_col)) for r in range(min(model.rowCount(), 50))]
    widest = max(metrics.horizontalAdvance(c) for c in codes if c)
    assert widest + 12 <= view.columnWidth(code_col), (widest, view.columnWidth(code_col))
    for key in ("category", "industry", "area"):
        col = [c.key for c in model.columns].index(key)
        index = model.index(0, col)
        shown = model.data(index)
        assert shown and shown in (model.data(index, Qt.ItemDataRole.ToolTipRole) or ""), key


def test_a_search_shows_its_first_matches(qtbot, page):
    page.view.verticalScrollBar().setValue(page.view.verticalScrollBar().maximum())
    assert page.view.verticalScrollBar().value() > 0
    page.search_edit.blockSignals(True)
    type_text(qtbot, page.search_edit, "有限公司")
    page.search_edit.blockSignals(False)
    page.apply_filter()  # what the search box's pause does
    assert page.view.verticalScrollBar().value() == 0
    assert page.view.rowAt(0) == 0
