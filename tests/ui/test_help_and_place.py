"""使用说明 on F1 at the page on screen, a section for every page; the window comes back where it was left."""

from __future__ import annotations

from tests.ui.conftest import window_on
from ui.help_window import HELP, topics


def test_every_page_has_its_section_in_the_help_and_its_pictures_exist(qtbot, demo_db):
    window = window_on(qtbot, demo_db)
    html = HELP.read_text(encoding="utf-8")
    assert {title for title, _ in window.pages} <= set(topics(html))
    import re

    for picture in re.findall(r'<img src="([^"]+)"', html):
        assert (HELP.parent / picture).exists(), picture


def test_f1_opens_the_help_at_the_section_of_the_page_on_screen(qtbot, demo_db, tmp_path):
    from ui.app import WindowHost

    host = WindowHost(demo_db)  # as the program starts it: with its menus
    host.open()
    window = host.window
    qtbot.addWidget(window)
    window.show_page("收集汇总")
    assert window.help_action.shortcut().toString() == "F1"
    window.help_action.trigger()  # what F1 does (offscreen windows get no key focus for shortcuts)
    help_window = window.help_window
    qtbot.waitUntil(help_window.isVisible, timeout=3000)
    assert help_window.current == "收集汇总" and help_window.list.currentItem().text() == "收集汇总"
    assert help_window.browser.verticalScrollBar().value() > 0  # scrolled down to the section
    window.show_page("工作概况")
    window.help_action.trigger()
    assert help_window.current == "工作概况"
    help_window.resize(1000, 700)
    help_window.grab().save(str(tmp_path / "help.png"))


def test_the_window_comes_back_with_its_size_place_and_page(qtbot, demo_db):
    from ui.app import WindowHost

    host = WindowHost(demo_db)
    host.open()
    qtbot.addWidget(host.window)
    host.window.resize(1300, 700)
    host.window.move(40, 30)
    host.window.show_page("目标")
    left = (host.window.width(), host.window.height())
    host.window.close()
    again = WindowHost(demo_db)
    again.open()
    qtbot.addWidget(again.window)
    assert again.window.nav.currentItem().text() == "目标"
    # the offscreen screen is 800 × 600: Qt fits a restored width to it (never below the window's minimum)
    assert again.window.height() == left[1] == 700


def test_the_edit_menu_acts_on_the_page_on_screen(qtbot, demo_db):
    from PySide6.QtCore import Qt

    from app import figures
    from ui.app import WindowHost
    from ui.figures_grid import FIXED, KEYS

    host = WindowHost(demo_db)
    host.open()
    window = host.window
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
    assert [a.text() for a in window.edit_actions.values()] == ["撤销\tCtrl+Z", "重做\tCtrl+Y", "复制\tCtrl+C",
                                                                  "粘贴\tCtrl+V", "查找\tCtrl+F"]
    window.show_page("工作概况")
    window.refresh_edit_menu()
    assert not window.edit_actions["find"].isEnabled() and not window.edit_actions["undo"].isEnabled()
    window.show_page("单位台账")
    window.refresh_edit_menu()
    assert window.edit_actions["find"].isEnabled()
    window.show_page("年度数据")
    page = window.figures_page
    page.reload()
    model = page.model
    unit_id = model.ids[0]
    index = model.index(0, len(FIXED) + KEYS.index("innovations"))
    before = figures.fetch(demo_db, 2025, [unit_id])[unit_id]["innovations"]
    model.setData(index, "41", Qt.ItemDataRole.EditRole)
    assert figures.fetch(demo_db, 2025, [unit_id])[unit_id]["innovations"] == 41
    window.refresh_edit_menu()
    assert window.edit_actions["undo"].isEnabled() and not window.edit_actions["redo"].isEnabled()
    window.edit_actions["undo"].trigger()
    assert figures.fetch(demo_db, 2025, [unit_id])[unit_id]["innovations"] == before
    window.refresh_edit_menu()
    assert window.edit_actions["redo"].isEnabled()
