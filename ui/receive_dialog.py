"""接收交回的模板: what the files will change (old → new per cell) and what they refuse (row, column, reason),
before anything is written; the refused rows can be saved as 错误原因 files to send back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.templates.receive import Received, shown

from . import ask
from .backup_box import choose_folder
from .screen_fit import fit_to_screen


class ReceiveDialog(QDialog):
    """What the files will change, and what they refuse, before anything is written."""

    def __init__(self, results: list[tuple[Path, Received | str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("接收交回的模板")
        fit_to_screen(self, 1100, 640)  # never beyond the screen (ui/screen_fit.py)
        self.results = results
        good = [g for _, g in results if isinstance(g, Received)]
        lines = []
        for path, got in results:
            if isinstance(got, Received):
                how = "" if got.rec.by == "模板信息" else "（没有模板信息，按表头识别）"
                lines.append(f"<b>{path.name}</b>：{got.summary()}{how}"
                             + (f"　<span style='color:#e65100'>{got.earlier}</span>" if got.earlier else ""))
            else:
                lines.append(f"<b>{path.name}</b>：<span style='color:#c62828'>{got}</span>")
        head = QLabel("<br>".join(lines))
        head.setWordWrap(True)
        head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes = QTableWidget(0, 6)
        self.changes.setHorizontalHeaderLabels(["文件", "行", "单位 / 记录", "项目", "原值", "新值"])
        self.refused = QTableWidget(0, 3)
        self.refused.setHorizontalHeaderLabels(["文件", "行", "不能导入的原因"])
        for table in (self.changes, self.refused):
            table.verticalHeader().hide()
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        rows = [(g.rec.path.name, c) for g in good for c in g.changes]
        self.changes.setRowCount(len(rows))
        for r, (name, c) in enumerate(rows):
            for col, v in enumerate([name, str(c.row), c.name, c.field, shown(c.old), shown(c.new)]):
                self.changes.setItem(r, col, QTableWidgetItem(v))
        wrong = [(g.rec.path.name, m) for g in good for m in g.refused]
        wrong += [(g.rec.path.name, f"模板中有、文件中没有的单位（未作改动）：{'、'.join(g.missing)}") for g in good
                  if g.missing]
        self.refused.setRowCount(len(wrong))
        for r, (name, message) in enumerate(wrong):
            row = message.split(" 行", 1)[0].removeprefix("第 ") if message.startswith("第 ") else ""
            for col, v in enumerate([name, row, message]):
                item = QTableWidgetItem(v)
                item.setForeground(QColor("#c62828"))
                self.refused.setItem(r, col, item)
        for table in (self.changes, self.refused):
            table.resizeColumnsToContents()
            for c in range(table.columnCount() - 1):
                table.setColumnWidth(c, min(table.columnWidth(c), 320))
            table.horizontalHeader().setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        tabs = QTabWidget()
        tabs.addTab(self.changes, f"将要改动（{len(rows):,} 处）")
        tabs.addTab(self.refused, f"不能导入（{sum(len(g.refused) for g in good):,} 处）")
        if wrong and not rows:
            tabs.setCurrentIndex(1)
        self.skip_invalid = QCheckBox("有错误的文件：只导入正确的行（错误的行另存“错误原因”发回）")
        self.skip_invalid.setChecked(True)
        self.refused_button = QPushButton("另存错误原因…")
        self.refused_button.setEnabled(any(g.plan is not None and g.plan.refused for g in good))
        self.refused_button.clicked.connect(self.save_refused)
        buttons = QDialogButtonBox()
        self.take_button = buttons.addButton("接收", QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_button.setEnabled(any(g.writable or g.plan is not None for g in good))
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(tabs, 1)
        row = QHBoxLayout()
        row.addWidget(self.skip_invalid, 1)
        row.addWidget(self.refused_button)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def save_refused(self) -> None:
        from app.importing.refused import write_refused

        folder = choose_folder(self, "错误原因文件保存到")
        if not folder:
            return
        written = []
        for _, got in self.results:
            if isinstance(got, Received) and got.plan is not None and got.plan.refused:
                target = Path(folder) / f"{got.rec.path.stem}-错误原因.xlsx"
                write_refused(target, got.plan)
                written.append(target.name)
        ask.info(self, "已另存", f"已写入 {len(written)} 个文件（带“错误原因”列，可发回修改）：\n" + "\n".join(written))
