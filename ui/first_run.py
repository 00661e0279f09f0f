"""The first-run dialog: name the union, and optionally load an example county to try things on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from app import lookups, settings
from app.db import db_path
from app.demo import build_demo
from app.errors import LedgerError

from . import ask
from .union_form import UnionInfoForm

DEMO_UNITS = 2000


class FirstRunDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("欢迎使用工会竞赛台账")
        self.setMinimumWidth(520)
        intro = QLabel(
            "<b>请先填写本工会的信息。</b><br>"
            "这些信息会印在报表和上报表的落款与表尾，以后可在“设置”中修改。"
        )
        intro.setWordWrap(True)
        self.form = UnionInfoForm(settings.union_info(db))
        self.demo_check = QCheckBox(f"载入示例数据（一个虚构的县：12 个区域、{DEMO_UNITS:,} 家单位），先熟悉程序")
        empty = not lookups.has_units(db)
        self.demo_check.setEnabled(empty)
        where = QLabel(f"数据文件：{db_path(db)}")
        where.setStyleSheet("color: #616161;")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("开始使用", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("退出", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.form)
        layout.addWidget(self.demo_check)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.form.validity_changed.connect(self.ok_button.setEnabled)
        self.form.validate()

    def accept(self) -> None:
        if not self.form.validate():
            return
        try:
            settings.save_union_info(self.db, self.form.info())
            if self.demo_check.isChecked():
                QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    build_demo(self.db, units=DEMO_UNITS)
                finally:
                    QGuiApplication.restoreOverrideCursor()
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))
            return
        super().accept()
