"""The menu bar a Windows clerk expects: 文件 (新建 / 打开数据文件, 最近打开的文件, 备份 / 恢复, 退出) and 帮助
(使用说明 on F1; 关于: what to read out on the phone when asking for help). Recent files are kept per user
(QSettings)."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QSettings, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMainWindow, QPushButton, QVBoxLayout

from app import APP_NAME, __version__
from app.db import db_path

from . import ask

RECENT_KEY, RECENT_MAX = "recent_files", 8


def recent_files() -> list[str]:
    value = QSettings("UnionLedger", APP_NAME).value(RECENT_KEY, [])
    items = [value] if isinstance(value, str) else list(value or [])
    return [p for p in items if p]


def remember(path: Path) -> None:
    items = [str(path)] + [p for p in recent_files() if p != str(path)]
    QSettings("UnionLedger", APP_NAME).setValue(RECENT_KEY, items[:RECENT_MAX])


class AboutDialog(QDialog):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        from app.pdf.fonts import fonts

        self.setWindowTitle(f"关于{APP_NAME}")
        path = db_path(window.db)
        found = fonts()
        faces = "、".join(sorted({Path(f.split("#")[0]).name for f in found.files.values()})) or "（没有找到）"
        self.text = (f"{APP_NAME} {__version__}\n\n数据文件：{path}\n"
                     f"PDF 嵌入的字体：{faces}" + ("" if found.embedded else "（未嵌入，见说明）") +
                     f"\nPython {platform.python_version()}，Qt {qVersion()}，PySide6 {PYSIDE_VERSION}，"
                     f"{platform.system()} {platform.release()}")
        label = QLabel(self.text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder = QPushButton("打开数据文件所在的文件夹")
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(folder)
        layout.addWidget(buttons)


def build_menus(window: QMainWindow, open_file, new_file) -> None:
    """The menu bar of *window*; *open_file(path)* and *new_file(path)* switch the window to another file."""
    bar = window.menuBar()
    menu = bar.addMenu("文件(&F)")

    def action(text: str, slot, shortcut=None) -> QAction:
        act = QAction(text, window)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    def choose_new() -> None:
        path = ask.save_file(window, "新建数据文件", "新台账.db", "台账数据文件 (*.db)")
        if path:
            new_file(Path(path if path.lower().endswith(".db") else path + ".db"))

    def choose_open() -> None:
        path = ask.open_file(window, "打开数据文件", "台账数据文件 (*.db)")
        if path:
            open_file(Path(path))

    window.new_file_action = action("新建数据文件…", choose_new)
    window.open_file_action = action("打开数据文件…", choose_open, QKeySequence.StandardKey.Open)
    recent = menu.addMenu("最近打开的文件")

    def fill_recent() -> None:
        recent.clear()
        here = str(db_path(window.db))
        items = [p for p in recent_files() if p != here]
        for p in items:
            recent.addAction(p, lambda p=p: open_file(Path(p)))
        if not items:
            recent.addAction("（没有）").setEnabled(False)

    recent.aboutToShow.connect(fill_recent)
    window.fill_recent = fill_recent
    menu.addSeparator()
    box = window.settings_page.backup_box
    action("备份到…", lambda: box.backup())
    action("从备份恢复…", lambda: box.restore())
    menu.addSeparator()
    action("退出", window.close, QKeySequence.StandardKey.Quit)
    build_edit_menu(window, bar.addMenu("编辑(&E)"))
    help_menu = bar.addMenu("帮助(&H)")
    guide = QAction("使用说明", window)
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1: at the section of the page on screen
    guide.triggered.connect(lambda: show_help(window))
    help_menu.addAction(guide)
    window.help_action = guide
    about = QAction("关于…", window)
    about.triggered.connect(lambda: AboutDialog(window).open())
    help_menu.addAction(about)



def show_help(window: QMainWindow):
    """The help window (one a main window), at the section of the current page."""
    from .help_window import HelpWindow

    if getattr(window, "help_window", None) is None:
        window.help_window = HelpWindow(window)
    page = window.pages[window.nav.currentRow()][0] if window.nav.currentRow() >= 0 else ""
    window.help_window.show_topic(page)
    return window.help_window


# 编辑: what the page on screen supports. The keys stay with the pages and fields (a second shortcut for the same
# keys would make Qt refuse both), so the menu shows them after a tab and sends them to the focused field.
EDIT = [("撤销", "Ctrl+Z", "undo"), ("重做", "Ctrl+Y", "redo"), (None, None, None), ("复制", "Ctrl+C", "copy"),
        ("粘贴", "Ctrl+V", "paste"), (None, None, None), ("查找", "Ctrl+F", "find")]


def edit_target(window: QMainWindow, what: str):
    """What the 编辑 entry *what* acts on now: a callable, or None when the page on screen has nothing to do."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

    page = window.stack.currentWidget()
    if what == "find":
        search = getattr(page, "search_edit", None)
        return (lambda: (search.setFocus(), search.selectAll())) if search is not None else None
    if what in ("undo", "redo") and callable(getattr(page, what, None)):
        history = getattr(getattr(page, "model", None), "history", None)
        able = getattr(history, f"can_{what}", None)
        return getattr(page, what) if able is None or able() else None
    focus = QApplication.focusWidget()
    if focus is None or not page.isAncestorOf(focus) and focus is not page:
        return None
    keys = {"undo": Qt.Key.Key_Z, "redo": Qt.Key.Key_Y, "copy": Qt.Key.Key_C, "paste": Qt.Key.Key_V}
    if isinstance(focus, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView)):
        def send() -> None:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(focus, QKeyEvent(kind, keys[what], Qt.KeyboardModifier.ControlModifier))
        return send
    return None


def build_edit_menu(window: QMainWindow, menu) -> None:
    actions = {}
    for text, keys, what in EDIT:
        if text is None:
            menu.addSeparator()
            continue
        act = QAction(f"{text}\t{keys}", window)
        act.triggered.connect(lambda _=False, what=what: (edit_target(window, what) or (lambda: None))())
        menu.addAction(act)
        actions[what] = act

    def refresh() -> None:
        for what, act in actions.items():
            act.setEnabled(edit_target(window, what) is not None)

    menu.aboutToShow.connect(refresh)
    window.edit_actions = actions
    window.refresh_edit_menu = refresh
