"""称号目录: the catalog of honor titles, prefilled from DOMAIN.md and extended with the county's own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import honors
from app.codes import LEVELS, RECIPIENT_KINDS
from app.errors import LedgerError, ValidationError

from . import ask
from .fields import ERROR_STYLE, set_combo_data
from .screen_fit import fit_to_screen


class TitlesDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("称号目录")
        fit_to_screen(self, 620, 560)  # never beyond the screen (ui/screen_fit.py)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["称号", "授予对象", "常用级别", "已用"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("称号，如 沂蒙工匠")
        self.recipient_combo = QComboBox()
        for key, label in RECIPIENT_KINDS.items():
            self.recipient_combo.addItem(label, key)
        self.level_combo = QComboBox()
        for level in LEVELS:
            self.level_combo.addItem(level, level)
        set_combo_data(self.level_combo, "县")
        self.add_button = QPushButton("添加")
        self.change_button = QPushButton("修改所选")
        self.delete_button = QPushButton("删除所选")
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.recipient_combo)
        row.addWidget(self.level_combo)
        row.addWidget(self.add_button)
        row.addWidget(self.change_button)
        row.addWidget(self.delete_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("称号决定授予对象：单位、班组、工作室或个人。已用于荣誉记录的称号不能删除，也不能改变授予对象。"))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(lambda: self._save(None))
        self.change_button.clicked.connect(lambda: self._save(self.current_id()))
        self.delete_button.clicked.connect(self._delete)
        self.table.itemSelectionChanged.connect(self._selected)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.titles = honors.titles(self.db)
        self.table.setRowCount(len(self.titles))
        for r, t in enumerate(self.titles):
            for c, text in enumerate((t.name, t.recipient_name, t.level, str(t.used))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, t.id)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
            if t.id == select:
                self.table.selectRow(r)
        self._selected()

    def current_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _selected(self) -> None:
        title = next((t for t in self.titles if t.id == self.current_id()), None)
        self.change_button.setEnabled(title is not None)
        self.delete_button.setEnabled(title is not None and not title.used)
        if title is not None:
            self.name_edit.setText(title.name)
            set_combo_data(self.recipient_combo, title.recipient)
            set_combo_data(self.level_combo, title.level)

    def _save(self, title_id: int | None) -> None:
        try:
            saved = honors.save_title(self.db, self.name_edit.text(), self.recipient_combo.currentData(),
                                      self.level_combo.currentData(), title_id)
        except ValidationError as exc:
            self.message.setText(str(exc))
            return
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))
            return
        self.message.setText("")
        self.reload(saved)

    def _delete(self) -> None:
        title_id = self.current_id()
        if title_id is None:
            return
        try:
            honors.delete_title(self.db, title_id)
        except LedgerError as exc:
            ask.error(self, "没有删除", str(exc))
            return
        self.reload()
