"""工作概况 and 目标 through the window: the page it opens on, the lagging area, the units behind a gap; targets
typed, pasted, undone and split; the summary printed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from app import indicators, targets
from app.indicators import shown
from app.targets import TARGETABLE
from tests.readers import POPPLER, pdf_text
from tests.ui.conftest import window_on
from ui.overview_page import AREA_CODES

YEAR = 2025


def test_the_window_opens_on_the_overview_with_targets_last_year_and_the_gaps(qtbot, demo_db, answers):
    window = window_on(qtbot, demo_db)
    page = window.overview_page
    assert window.stack.currentWidget() is page
    c = indicators.compute(demo_db, YEAR).county
    before = indicators.compute(demo_db, YEAR - 1).county
    goals = targets.progress(demo_db, YEAR)
    row = TARGETABLE.index("above_scale_coverage")
    assert page.table.item(row, 1).text() == shown(c["above_scale_coverage"].value, "%")
    assert page.table.item(row, 2).text() == "≥90.0%"
    qtbot.waitUntil(lambda: page.table.item(row, 4).text() == shown(before["above_scale_coverage"].value, "%"))
    met = goals[("above_scale_coverage", None)].met
    assert page.table.item(row, 3).text() == ("完成" if met else "未完成")
    assert page.table.cellWidget(row, 3).text().startswith("完成" if met else "×")
    # the lagging areas are marked, in red and with a sign
    col = 1 + AREA_CODES.index("unit_coverage")
    for r, area in enumerate(a for a in indicators.compute(demo_db, YEAR).areas if a.area_id is not None):
        missed = goals[("unit_coverage", area.area_id)].met is False
        assert page.areas.item(r, col).text().startswith("× ") == missed
    # a double click opens the records behind the gap: the above-scale units in no competition
    page.table.cellDoubleClicked.emit(row, 1)
    dialog = page.gap_dialog
    v = c["above_scale_coverage"]
    assert dialog.table.rowCount() == v.denominator - v.numerator
    assert "没有参赛的规上企业" in dialog.windowTitle()
    # and for one area, from its cell
    page.areas.cellDoubleClicked.emit(0, col)
    first = next(a for a in indicators.compute(demo_db, YEAR).areas if a.area_id is not None)
    u = first.values["unit_coverage"]
    assert page.gap_dialog.table.rowCount() == u.denominator - u.numerator


def test_an_empty_county_says_what_to_do_first(qtbot, db):
    window = window_on(qtbot, db)
    page = window.overview_page
    assert page.empty_label.isVisible() and not page.body.isVisible()
    assert "在左侧“设置”中添加本县的乡镇、街道和园区" in page.empty_label.text()


def test_targets_typed_pasted_undone_and_split_through_the_window(qtbot, demo_db, answers):
    window = window_on(qtbot, demo_db)
    window.show_page("目标")
    page = window.targets_page
    view, model = page.view, page.model
    row = TARGETABLE.index("innovations")
    view.setCurrentIndex(model.index(row, 3))  # 全县
    view.setFocus()
    qtbot.keyClicks(view, "6")  # the first key opens the cell's editor, the rest go into it
    qtbot.keyClicks(view.focusWidget(), "00")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert targets.targets_of(demo_db, YEAR)[("innovations", None)].value == 600
    assert model.data(model.index(row, 3)) == "600"

    # a block pasted from Excel: two indicators' county targets, one of them refused
    first = TARGETABLE.index("tackles")
    view.setCurrentIndex(model.index(first, 3))
    refused = view.paste("150\nabc\n")
    assert len(refused) == 1 and "不是数字" in refused[0][1]
    assert answers.messages[-1][0] == "confirm"  # save the other one?
    assert targets.targets_of(demo_db, YEAR)[("tackles", None)].value == 150
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert ("tackles", None) not in targets.targets_of(demo_db, YEAR)
    assert page.status_label.text() == "已撤销 1 个目标的修改。"

    # split the 600 over the areas, then give the first area 100: the others re-balance and it adds up
    view.setCurrentIndex(model.index(row, 3))
    qtbot.mouseClick(page.split_button, Qt.MouseButton.LeftButton)
    dialog = page.split_dialog  # a child of the window: closed with it
    assert sum(p.value for p in dialog.parts) == 600
    dialog.table.item(0, 2).setText("100")
    assert dialog.parts[0].value == 100 and sum(p.value for p in dialog.parts) == 600
    dialog.save()
    stored = targets.targets_of(demo_db, YEAR)
    assert stored[("innovations", dialog.parts[0].area_id)].value == 100
    assert sum(t.value for (code, area), t in stored.items() if code == "innovations" and area) == 600


def test_the_summary_is_printed_from_the_overview(qtbot, demo_db, answers):
    window = window_on(qtbot, demo_db)
    page = window.overview_page
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.previewer.preview is not None and page.previewer.preview.isVisible(), timeout=20000)
    preview = page.previewer.preview
    if POPPLER:
        text = pdf_text(preview.pdf).replace("\n", "").replace(" ", "")
        c = indicators.compute(demo_db, YEAR).county
        assert "2025年度劳动竞赛工作情况汇总" in text and shown(c["participant_times"].value, "人次") in text
    preview.close_button.click()
