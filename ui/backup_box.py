"""数据文件和备份 (on the 设置 page): where the data lives, its backups, 备份… to a folder or a USB stick, and
恢复… from a backup — checked first; the window then reopens on the restored file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import backups
from app.db import db_path
from app.errors import LedgerError

from . import ask


def choose_folder(parent: QWidget | None, title: str) -> str:
    """A folder the user chose (a USB stick …), or "" if they cancelled. Tests replace it."""
    return QFileDialog.getExistingDirectory(parent, title)


class BackupBox(QGroupBox):
    restore_requested = Signal(object)   # the backup file to restore, already checked and confirmed

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__("数据文件和备份", parent)
        self.db = db
        self.file = db_path(db)
        where = QLabel(f"数据文件：{self.file}\n自动备份：{backups.folder_of(self.file)}"
                       f"（打开程序时，文件有改动就备份一次；保留最近 {backups.KEEP_DAYS} 天、{backups.KEEP_WEEKS} 周、"
                       f"{backups.KEEP_MONTHS} 个月各一份）")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setStyleSheet("color: #616161;")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["备份时间", "类型", "大小"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(150)
        self.backup_button = QPushButton("备份到…")
        self.backup_button.setToolTip("把数据文件备份到您选的文件夹（如 U 盘），备份后检查完整")
        self.restore_button = QPushButton("从备份恢复…")
        self.restore_button.setToolTip("用一份备份替换现在的数据（现在的文件先另存为“恢复前”备份）")
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.backup_button.clicked.connect(lambda: self.backup())
        self.restore_button.clicked.connect(lambda: self.restore())
        self.table.cellDoubleClicked.connect(lambda r, _c: self.restore(self._found[r].path))
        self.refresh()

    def refresh(self) -> None:
        self._found = backups.list_backups(self.file)
        self.table.setRowCount(len(self._found))
        for r, b in enumerate(self._found):
            for c, text in enumerate([f"{b.made:%Y-%m-%d %H:%M:%S}", b.why or "自动", f"{b.size / 2**20:.1f} MB"]):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def backup(self) -> Path | None:
        folder = choose_folder(self, "备份到哪个文件夹")
        if not folder:
            return None
        try:
            made = backups.backup_to(self.file, Path(folder), why="手动")
        except LedgerError as exc:
            ask.error(self, "没有备份", str(exc))
            return None
        self.status.setText(f"已备份到 {made}（已检查完整）。")
        self.refresh()
        return made

    def restore(self, source: Path | None = None) -> None:
        if source is None:
            chosen = ask.open_file(self, "选择要恢复的备份", "台账备份 (*.db)")
            if not chosen:
                return
            source = Path(chosen)
        try:
            contents = backups.inspect(source)
        except LedgerError as exc:
            ask.error(self, "不能恢复", str(exc))
            return
        text = (f"备份「{source.name}」里有：{contents.describe()}。\n\n用它替换现在的数据吗？"
                "现在的数据文件会先另存为一份“恢复前”备份，恢复后程序重新打开数据文件。")
        if ask.confirm(self, "从备份恢复", text, yes="恢复"):
            self.restore_requested.emit(source)
