"""Starting the window: the Qt application, Chinese fonts and translations, the database, first run."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
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
    app._collector = MainThreadCollector(app)
    return app


def run_window(db_file: Path) -> int:
    """Open the window on *db_file*; returns the exit code."""
    app = setup_application()
    if not chinese_font_families():
        log.warning("no Chinese font found")
        ask.error(None, APP_NAME, NO_FONT_MESSAGE)
    try:
        db = open_database(db_file)
    except DatabaseOpenError as exc:
        ask.error(None, "无法打开数据库", str(exc))
        return 1
    from .first_run import FirstRunDialog
    from .main_window import MainWindow

    if not settings.is_configured(db):
        if FirstRunDialog(db).exec() != QDialog.DialogCode.Accepted:
            return 0
    window = MainWindow(db)
    window.show()
    quit_after = os.environ.get("UNION_LEDGER_QUIT_AFTER_MS")  # for smoke tests of a built bundle
    if quit_after:
        QTimer.singleShot(int(quit_after), app.quit)
    return app.exec()
