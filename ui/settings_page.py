"""设置: the union's details and the list of areas (乡镇 / 街道 / 园区)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import areas as area_service
from app import settings
from app.codes import AREA_KINDS
from app.errors import LedgerError

from . import ask
from .backup_box import BackupBox
from .fields import ERROR_STYLE
from .union_form import UnionInfoForm


class SettingsPage(QWidget):
    info_changed = Signal()
    areas_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db

        info_box = QGroupBox("本工会信息（印在报表落款和上报表表尾）")
        self.form = UnionInfoForm(settings.union_info(db))
        self.save_info_button = QPushButton("保存工会信息")
        self.info_status = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.save_info_button)
        row.addWidget(self.info_status, 1)
        box_layout = QVBoxLayout(info_box)
        box_layout.addWidget(self.form)
        box_layout.addLayout(row)

        area_box = QGroupBox("区域（乡镇 / 街道 / 园区）")
        self.area_table = QTableWidget(0, 3)
        self.area_table.setHorizontalHeaderLabels(["名称", "类型", "单位数"])
        self.area_table.verticalHeader().hide()
        self.area_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.area_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.area_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.area_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.area_name = QLineEdit()
        self.area_name.setPlaceholderText("区域名称，如 青山镇")
        self.area_kind = QComboBox()
        self.area_kind.addItems(AREA_KINDS)
        self.add_area_button = QPushButton("添加")
        self.update_area_button = QPushButton("修改所选")
        self.delete_area_button = QPushButton("删除所选")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.area_error = QLabel()
        self.area_error.setStyleSheet(ERROR_STYLE)
        self.area_error.setWordWrap(True)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.area_name, 1)
        edit_row.addWidget(self.area_kind)
        edit_row.addWidget(self.add_area_button)
        edit_row.addWidget(self.update_area_button)
        order_row = QHBoxLayout()
        order_row.addWidget(self.delete_area_button)
        order_row.addStretch()
        order_row.addWidget(self.up_button)
        order_row.addWidget(self.down_button)
        area_layout = QVBoxLayout(area_box)
        area_layout.addWidget(self.area_table)
        area_layout.addLayout(edit_row)
        area_layout.addLayout(order_row)
        area_layout.addWidget(self.area_error)

        self.backup_box = BackupBox(db)

        layout = QHBoxLayout(self)
        # the union's form and the backups scroll when the window is short (a laptop at 125 % scaling)
        left_box = QWidget()
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(info_box)
        left.addWidget(self.backup_box)
        left.addStretch()
        self.left_scroll = QScrollArea()
        self.left_scroll.setWidgetResizable(True)
        self.left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.left_scroll.setWidget(left_box)
        self.left_scroll.setMinimumWidth(left_box.minimumSizeHint().width() + 20)
        layout.addWidget(self.left_scroll, 1)
        layout.addWidget(area_box, 1)

        self.form.validity_changed.connect(self.save_info_button.setEnabled)
        self.save_info_button.clicked.connect(self.save_info)
        self.add_area_button.clicked.connect(self.add_area)
        self.update_area_button.clicked.connect(self.update_area)
        self.delete_area_button.clicked.connect(self.delete_area)
        self.up_button.clicked.connect(lambda: self.move_area(-1))
        self.down_button.clicked.connect(lambda: self.move_area(1))
        self.area_table.itemSelectionChanged.connect(self._area_selected)
        self.reload_areas()

    def save_info(self) -> None:
        try:
            settings.save_union_info(self.db, self.form.info())
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))
            return
        self.info_status.setText("已保存。")
        self.info_changed.emit()

    # -- areas -------------------------------------------------------------------------------
    def reload_areas(self, select_id: int | None = None) -> None:
        self._areas = area_service.list_areas(self.db)
        self.area_table.setRowCount(len(self._areas))
        for r, area in enumerate(self._areas):
            count = QTableWidgetItem(f"{area.unit_count:,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for c, item in enumerate((QTableWidgetItem(area.name), QTableWidgetItem(area.kind), count)):
                self.area_table.setItem(r, c, item)
            if area.id == select_id:
                self.area_table.selectRow(r)
        self._area_selected()

    def selected_area(self):
        rows = self.area_table.selectionModel().selectedRows()
        return self._areas[rows[0].row()] if rows else None

    def _area_selected(self) -> None:
        area = self.selected_area()
        for b in (self.update_area_button, self.delete_area_button, self.up_button, self.down_button):
            b.setEnabled(area is not None)
        if area is not None:
            self.area_name.setText(area.name)
            self.area_kind.setCurrentText(area.kind)

    def _area_action(self, action) -> None:
        try:
            area_id = action()
        except LedgerError as exc:
            self.area_error.setText(str(exc))
            return
        self.area_error.clear()
        self.reload_areas(area_id)
        self.areas_changed.emit()

    def add_area(self) -> None:
        self._area_action(lambda: area_service.add_area(self.db, self.area_name.text(), self.area_kind.currentText()))

    def update_area(self) -> None:
        area = self.selected_area()
        if area is None:
            return

        def update() -> int:
            area_service.update_area(self.db, area.id, self.area_name.text(), self.area_kind.currentText())
            return area.id
        self._area_action(update)

    def delete_area(self) -> None:
        area = self.selected_area()
        if area is None or not ask.confirm(self, "删除区域", f"删除区域「{area.name}」？", yes="删除"):
            return

        def delete() -> None:
            area_service.delete_area(self.db, area.id)
        self._area_action(delete)

    def move_area(self, step: int) -> None:
        area = self.selected_area()
        if area is None:
            return

        def move() -> int:
            area_service.move_area(self.db, area.id, step)
            return area.id
        self._area_action(move)
