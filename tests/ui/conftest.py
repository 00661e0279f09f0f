import pytest

from ui import ask
from ui.app import setup_application


@pytest.fixture(autouse=True)
def _chinese_ui(qapp):
    setup_application()


@pytest.fixture
def page(qtbot, demo_db):
    """The unit ledger page on the 400-unit example county, 2025, shown."""
    from ui.units_page import UnitsPage

    widget = UnitsPage(demo_db, 2025)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


@pytest.fixture
def answers(monkeypatch):
    """Answers the program's message boxes; records what they said."""
    said = []

    class Answers:
        confirm = True
        messages = said

    def confirm(parent, title, text, yes="确定"):
        said.append(("confirm", title, text))
        return Answers.confirm

    monkeypatch.setattr(ask, "confirm", confirm)
    monkeypatch.setattr(ask, "error", lambda parent, title, text: said.append(("error", title, text)))
    monkeypatch.setattr(ask, "info", lambda parent, title, text: said.append(("info", title, text)))
    return Answers


def type_text(qtbot, widget, text: str) -> None:
    """Type as a clerk does: ASCII on the keyboard, Chinese committed by the input method.

    (QTest.keyClicks asserts on characters outside ASCII, so Chinese goes in the way an IME sends it.)
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if ch != "\0":
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QCoreApplication.sendEvent(widget, event)


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory):
    """QSettings (the recent files) in a folder of the test run, never the user's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def window_on(qtbot, db, year: int = 2025):
    """The main window on *db*, its working year set, shown at 1366 × 768."""
    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.set_year(year)
    window.resize(1366, 768)
    window.show()
    return window
