"""职工: the register of persons, searched by name, unit, phone or the ID number's last digits."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import person_search, persons, settings
from app.db import describe_sqlite_error
from app.errors import LedgerError
from app.importing.kinds import KINDS
from app.person_search import PersonFilter

from . import ask
from .fields import fill_areas
from .import_dialog import ImportFlow
from .paged_model import Column, PagedModel
from .person_dialog import PersonDialog
from .record_view import RecordView

COLUMNS = [
    Column("name", "姓名", 80),
    Column("sex", "性别", 44, centred=True),
    Column("id_number", "身份证号", 150),
    Column("birth_date", "出生日期", 90, centred=True),
    Column("unit", "单位", 230),
    Column("area", "区域", 96),
    Column("post", "岗位/工种", 110),
    Column("skill_level", "技能等级", 72),
    Column("phone", "联系电话", 110),
]


class PeopleModel(PagedModel):
    columns = COLUMNS

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = PersonFilter()
        self.result = 0  # the page runs the first search when it is first shown

    @property
    def filter(self) -> PersonFilter:
        return self._filter

    def set_filter(self, flt: PersonFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.refresh()

    def _search(self, sort: str, descending: bool) -> tuple[list[int], int]:
        ids = person_search.search(self._db, self._filter, sort, descending)
        return ids, len(ids)

    def _fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        return person_search.fetch_rows(self._db, ids)  # ID numbers masked

    def extra(self, role: int, column: Column, value: object, row: dict[str, object]) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "name" and row.get("is_head"):
            return f"{value}（企业负责人）"
        return None


class PeoplePage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.dialog: PersonDialog | None = None
        self.model = PeopleModel(db, self)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜索姓名、单位、电话，或身份证号的后几位（Ctrl+F）")
        self.search_edit.setClearButtonEnabled(True)
        self.area_filter = QComboBox()
        self.new_button = QPushButton("新增职工")
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton("编辑")
        self.delete_button = QPushButton("删除")
        self.delete_button.setToolTip("删除录错或重复的职工记录（Delete）")
        self.import_button = QPushButton("导入…")
        self.import_button.setToolTip("从 Excel（.xlsx .xls）或 CSV 导入职工名单：先核对列、预览，再写入")
        self.importer = ImportFlow(self, db, KINDS["people"], lambda: settings.working_year(db))
        self.importer.imported.connect(self._imported)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(QLabel("区域"))
        top.addWidget(self.area_filter)
        for b in (self.new_button, self.edit_button, self.delete_button, self.import_button):
            top.addWidget(b)
        self.reload_areas()

        self.view = RecordView(self.model)
        self.empty_label = self.view.empty_label
        self.count_label = QLabel()
        note = QLabel("身份证号只显示前 6 位和后 4 位；打开记录可查看完整号码。")
        note.setStyleSheet("color: #757575;")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch()
        bottom.addWidget(note)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.search_edit.textChanged.connect(self.apply_filter)
        self.area_filter.currentIndexChanged.connect(self.apply_filter)
        self.new_button.clicked.connect(lambda: self._open(None))
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.import_button.clicked.connect(lambda: self.importer.start())
        self.view.doubleClicked.connect(lambda _index: self.edit_current())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.searched.connect(self._show_count)
        self.model.modelReset.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self._open(None),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search_edit.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, self.edit_current, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view, self.delete_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self._update_buttons()
        self._loaded = False

    def showEvent(self, event) -> None:
        if not self._loaded:  # 100,000 people are not searched while the window starts on another page
            self._loaded = True
            self.model.refresh()
        super().showEvent(event)

    def reload_areas(self) -> None:
        fill_areas(self.area_filter, self.db)

    def apply_filter(self) -> None:
        self.model.set_filter(PersonFilter(text=self.search_edit.text(), area_id=self.area_filter.currentData()))

    def _show_count(self, total: int) -> None:
        self.count_label.setText(f"共 {total:,} 名职工")
        if total:
            self.view.show_empty("")
        elif self.model.filter == PersonFilter():
            self.view.show_empty("还没有职工记录。\n点击“新增职工”（Ctrl+N）逐个录入，或点击“导入…”导入名单。")
        else:
            self.view.show_empty("没有符合条件的职工。\n请换个搜索词，或把区域改为“全部区域”。")

    def current_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        selected = self.current_id() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def edit_current(self) -> None:
        person_id = self.current_id()
        if person_id is not None:
            self._open(person_id)

    def _open(self, person_id: int | None) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = PersonDialog(self.db, person_id, self)
        self.dialog.saved.connect(self._saved)
        self.dialog.open()

    def _saved(self, person_id: int) -> None:
        self.model.refresh()
        row = self.model.row_of(person_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        self.changed.emit()

    def _imported(self, written: int) -> None:
        self.model.refresh()
        self.changed.emit()

    def delete_current(self) -> None:
        person_id = self.current_id()
        if person_id is None:
            return
        row = self.model.row_data(self.model.row_of(person_id))
        if not ask.confirm(self, "删除职工", f"删除职工「{row['name']}」（{row['unit'] or '未填单位'}）？\n"
                           "删除后不能恢复。", yes="删除"):
            return
        try:
            persons.delete_person(self.db, person_id)
        except LedgerError as exc:
            ask.error(self, "没有删除", str(exc))
        except sqlite3.Error as exc:
            ask.error(self, "没有删除", describe_sqlite_error(exc))
            return
        self.model.refresh()
        self.changed.emit()
