"""Starting the window: the Qt application, Chinese fonts and translations, the database, first run."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog

from app import APP_NAME, settings
from app.db import open_database
from app.errors import DatabaseOpenError

from . import ask
from .collector import MainThreadCollector

log = logging.getLogger(__name__)

# Preferred faces for the window, best first: Windows, then Linux packages.
UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑", "WenQuanYi Micro Hei",
            "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "SimSun", "AR PL UMing CN"]
NO_FONT_MESSAGE = (
    "没有找到中文字体，界面中的汉字可能显示为方框。\n"
    "No Chinese font was found: Chinese text may show as boxes.\n"
    "Windows：请确认 C:\\Windows\\Fonts 中有 微软雅黑 或 宋体；"
    "Linux：sudo apt-get install fonts-wqy-microhei fonts-arphic-uming"
)


def chinese_font_families() -> list[str]:
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def setup_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with a Chinese UI font and Qt's own Chinese words (buttons, dialogs)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    if app.property("unionLedgerReady"):
        return app
    app.setProperty("unionLedgerReady", True)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("UnionLedger")
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    families = chinese_font_families()
    for name in UI_FONTS:
        if name in families:
            font = QFont(name)
            font.setPointSize(10)
            app.setFont(font)
            break
    icon = Path(__file__).resolve().parent.parent / "resources" / "icon.png"
    if icon.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    app._collector = MainThreadCollector(app)
    from .none_guard import NoneReserve

    app._none_reserve = NoneReserve(app)  # PySide6 6.12.0 loses references to None and True (ui/none_guard.py)
    return app


def run_window(db_file: Path) -> int:
    """Open the window on *db_file*; returns the exit code."""
    app = setup_application()
    quit_after = os.environ.get("UNION_LEDGER_QUIT_AFTER_MS")  # for smoke tests of a built bundle or installer
    if quit_after:  # set first: it also ends a dialog that would otherwise wait for a click offscreen
        # exit(), not quit(): quit() asks the windows first, which under wine never returns (tools/installer.py)
        QTimer.singleShot(int(quit_after), lambda: app.exit(0))
    no_font = not chinese_font_families()
    if no_font:
        log.warning("no Chinese font found")
    try:
        db = open_database(db_file)
    except DatabaseOpenError as exc:
        ask.error(None, "无法打开数据库", str(exc))
        return 1
    from .first_run import FirstRunDialog

    if not settings.is_configured(db):
        if FirstRunDialog(db).exec() != QDialog.DialogCode.Accepted:
            return 0
    from app.db import set_read_only
    from app.lock import FileLock

    lock = FileLock(db_file)  # held while the window lives; the system lets go when the program ends
    holder = lock.acquire()
    if holder is not None:
        set_read_only(db)
    host = WindowHost(db, holder, lock)
    host.open()
    if no_font:  # said beside the open window, never as a box that stops the start
        warn_no_font(host.window)
    shots = os.environ.get("UNION_LEDGER_SCREENSHOTS")  # smoke tests: each page to PNG, then quit
    if shots:
        QTimer.singleShot(500, lambda: save_screens(host.window, Path(shots), app))
    return app.exec()


def warn_no_font(window) -> None:
    """The window opens anyway; the status bar and a box that does not wait say what to install."""
    from PySide6.QtWidgets import QMessageBox

    window.statusBar().showMessage("没有找到中文字体：界面中的汉字可能显示为方框（见“帮助”）。")
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, NO_FONT_MESSAGE, parent=window)
    box.setWindowModality(Qt.WindowModality.NonModal)  # neither the start nor the window waits for it
    box.show()
    window._font_box = box


def font_report() -> dict[str, object]:
    """Which Chinese families Qt found, and the one the window uses."""
    return {"chinese_families": chinese_font_families(), "asked": UI_FONTS,
            "window_font": QApplication.instance().font().family()}


def save_screens(window, folder: Path, app) -> list[Path]:
    """Every page of the window to PNG (and the fonts Qt found, as fonts.json), then quit: for checking a
    build on a machine without a screen (tools/installer.py under wine, tools/build_bundle.sh)."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n, (title, _) in enumerate(window.pages):
        window.show_page(title)
        app.processEvents()
        path = folder / f"{n + 1:02d}-{title}.png"
        window.grab().save(str(path))
        out.append(path)
    (folder / "fonts.json").write_text(json.dumps(font_report(), ensure_ascii=False), encoding="utf-8")
    app.exit(0)
    return out


class WindowHost:
    """Holds the main window: reopens it on a restored file, and makes the automatic backup after the first
    paint on a worker thread (app.backups), telling the status bar when it is done."""

    def __init__(self, db, holder=None, lock=None) -> None:
        self.db = db
        self.holder = holder      # who holds the file when this window is read-only
        self.lock = lock
        self.window = None

    def open(self) -> None:
        from app.db import db_path

        from .main_window import MainWindow
        from .menus import build_menus, remember

        self.window = MainWindow(self.db)
        self.window.restore_place()  # the last window's size, place and page (the first start: 1280 × 760)
        self.window.restore_requested.connect(self.restore)
        build_menus(self.window, self.switch_to, self.switch_to)
        remember(db_path(self.db))
        if self.holder is not None:
            self.window.show_read_only(self.holder.describe())
        self.window.show()
        if self.holder is None:  # the holder's window backs the file up
            QTimer.singleShot(1500, self.window, lambda: start_auto_backup(self.window))

    def switch_to(self, path: Path) -> bool:
        """Open the window on another data file (a new one is made and named first); the old one stays open
        when the new one cannot be opened."""
        from app.db import READ_ONLY, db_path, set_read_only
        from app.lock import FileLock

        from .first_run import FirstRunDialog

        path = Path(path)
        if path.resolve() == db_path(self.db).resolve():
            return False
        try:
            db = open_database(path)
        except DatabaseOpenError as exc:
            ask.error(self.window, "无法打开数据库", str(exc))
            return False
        if not settings.is_configured(db) and FirstRunDialog(db, self.window).exec() != QDialog.DialogCode.Accepted:
            db.close()
            return False
        old = self.window
        old.hide()
        self.db.close()
        if self.lock is not None:
            self.lock.release()
        READ_ONLY.clear()
        self.lock = FileLock(path)
        self.holder = self.lock.acquire()
        if self.holder is not None:
            set_read_only(db)
        self.db = db
        old.close()
        old.deleteLater()
        self.open()
        return True

    def restore(self, source) -> None:
        from app import backups
        from app.db import db_path
        from app.errors import LedgerError

        path = db_path(self.db)
        old = self.window
        old.hide()  # its pages' pending work sees it hidden and stops
        self.db.close()
        try:
            done = backups.restore(path, source)
        except LedgerError as exc:
            ask.error(None, "没有恢复", str(exc))
            done = None
        try:
            self.db = open_database(path)
        except DatabaseOpenError as exc:
            ask.error(None, "无法打开数据库", str(exc))
            old.close()
            return
        old.close()
        old.deleteLater()
        self.open()
        if done is not None:
            ask.info(self.window, "已恢复", f"已从「{done.source.name}」恢复：{done.contents.describe()}。\n"
                                          f"恢复前的数据已备份为：{done.kept}")


def start_auto_backup(window) -> None:
    """The backup of a changed file, off the GUI thread; its result on the status bar."""
    import threading

    from PySide6.QtCore import QObject, Signal

    from app import backups
    from app.db import db_path

    class Report(QObject):
        said = Signal(str)

    if not window.isVisible():  # closed, or hidden while its file is restored
        return
    report = Report(window)
    report.said.connect(lambda text: window.statusBar().showMessage(text, 15000))
    path = db_path(window.db)

    def work() -> None:
        try:
            made = backups.auto_backup(path)
            text = f"已自动备份：{made.name}" if made is not None else ""
        except Exception as exc:  # a full disk, a read-only folder: told, never fatal
            text = f"自动备份没有完成：{exc}"
        if text:
            try:
                report.said.emit(text)
            except RuntimeError:  # the window was closed meanwhile
                pass

    threading.Thread(target=work, name="auto-backup", daemon=True).start()
