"""职工, 创新成果, 荣誉 at 1280 × 760: every column and the search hint in sight, no sideways scrolling."""

from __future__ import annotations

import pytest

from tests.ui.conftest import window_on


@pytest.mark.parametrize("title", ["职工", "创新成果", "荣誉", "工作室", "安全生产"])
def test_the_register_fits_a_1280_window(qtbot, demo_db, title):
    window = window_on(qtbot, demo_db)
    window.resize(1280, 760)
    window.show_page(title)
    qtbot.wait(50)
    page = window.stack.currentWidget()
    page = getattr(page, "hazards", None) or page  # 安全生产: its 隐患档案 tab
    view = page.view
    widths = sum(view.columnWidth(c) for c in range(view.model().columnCount()))
    assert widths <= view.viewport().width(), (title, widths, view.viewport().width())
    edit = page.search_edit
    assert edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 16 <= edit.width(), title


def test_no_page_makes_the_window_wider_than_1280(qtbot, demo_db):
    window = window_on(qtbot, demo_db)
    for title, _ in window.pages:
        window.show_page(title)
        qtbot.wait(20)
        assert window.minimumSizeHint().width() <= 1280, (title, window.minimumSizeHint().width())


def test_a_list_remembers_the_column_widths_the_clerk_gave_it(qtbot, demo_db):
    from ui.innovations_page import InnovationsPage
    from ui.units_page import UnitsPage

    for make in (lambda: InnovationsPage(demo_db, 2025), lambda: UnitsPage(demo_db, 2025)):
        first = make()
        qtbot.addWidget(first)
        default = first.view.columnWidth(1)
        first.view.horizontalHeader().resizeSection(1, default + 57)
        again = make()
        qtbot.addWidget(again)
        assert again.view.columnWidth(1) == default + 57
        assert again.view.columnWidth(2) == first.view.columnWidth(2)


LAPTOP_125 = (1093, 574)   # 1366 × 768 at 125 % display scaling, less the title bar and taskbar, in Qt's pixels


def test_every_page_fits_a_laptop_at_125_percent(qtbot, demo_db):
    """No page, in any of its tabs, asks for a window wider or taller than the laptop's screen at 125 %."""
    window = window_on(qtbot, demo_db)
    for title, page in window.pages:
        window.show_page(title)
        tabs = [page.tabs] if hasattr(page, "tabs") else []
        for n in range(tabs[0].count() if tabs else 1):
            if tabs:
                tabs[0].setCurrentIndex(n)
            qtbot.wait(20)
            need = window.minimumSizeHint()
            assert need.width() <= LAPTOP_125[0] and need.height() <= LAPTOP_125[1], (title, n, need)


def test_a_form_taller_than_the_screen_scrolls_and_keeps_its_buttons_in_view(qtbot, demo_db):
    """The test screen is 800 × 800: the innovation form (about 890 pixels of fields) opens within it, its
    fields scrolling and 保存 on screen; the other forms fit a laptop at 125 %."""
    window = window_on(qtbot, demo_db)
    free = window.screen().availableGeometry()
    for title in ("创新成果", "荣誉", "职工", "单位台账"):
        window.show_page(title)
        page = window.stack.currentWidget()
        page.view.selectRow(0)
        page.edit_current()
        dialog = page.dialog
        qtbot.waitExposed(dialog)
        assert dialog.height() <= free.height() - 40 and dialog.width() <= free.width(), (title, dialog.size())
        assert dialog.minimumSizeHint().height() <= LAPTOP_125[1], (title, dialog.minimumSizeHint())
        button = dialog.save_button
        bottom = button.mapTo(dialog, button.rect().bottomLeft()).y()
        assert button.isVisible() and bottom <= dialog.height(), (title, bottom, dialog.height())
        dialog.reject()


def test_on_a_laptop_at_125_percent_the_contestant_box_keeps_its_width(qtbot, demo_db):
    window = window_on(qtbot, demo_db)
    window.resize(*LAPTOP_125)
    contest = demo_db.execute("SELECT id FROM competitions WHERE year = 2025 AND kind = '技能竞赛'").fetchone()[0]
    window.show_page("竞赛")
    page = window.competitions_page
    page.refresh_list(select=contest)
    page.tabs.setCurrentWidget(page.contest_tab)
    qtbot.wait(50)
    edit = page.contest_tab.person_edit
    assert edit.isVisible() and edit.width() >= 300, edit.width()
