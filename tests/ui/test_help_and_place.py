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
