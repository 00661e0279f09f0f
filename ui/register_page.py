"""A register page: search, filters, the paged table, 新增 / 编辑 / 删除, and a form for one record.

Innovation results, honors, studios, hazards and training records are each one subclass saying how to search,
fetch, open, and delete; the table model is the ledger's paged id model.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
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

from app.db import describe_sqlite_error
from app.errors import LedgerError

from . import ask
from .fields import fill_areas
from .paged_model import Column, PagedModel
from .record_form import RecordDialog
from .record_view import RecordView
from .search_bar import SearchBar

WARN = QBrush(QColor("#fde2e1"))
MUTED = QBrush(QColor("#9e9e9e"))


class RegisterModel(PagedModel):
    def __init__(self, columns: list[Column], default_sort: str, search: Callable[[str, bool], list[int]],
                 fetch: Callable[[list[int]], dict[int, dict[str, object]]],
                 style: Callable[[int, Column, dict[str, object]], object] | None = None, parent=None) -> None:
        self.columns = columns
        self.default_sort = default_sort
        super().__init__(parent)
        self._search_ids, self._fetch_rows, self._style = search, fetch, style
        self.result = 0

    def _search(self, sort: str, descending: bool) -> tuple[list[int], int]:
        ids = self._search_ids(sort, descending)
        return ids, len(ids)

    def _fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        return self._fetch_rows(ids)

    def display(self, key: str, value: object, row: dict[str, object]) -> str:
        if isinstance(value, float):
            return f"{value:,.2f}".rstrip("0").rstrip(".")
        return super().display(key, value, row)

    def extra(self, role: int, column: Column, value: object, row: dict[str, object]) -> object:
        return self._style(role, column, row) if self._style else None


class RegisterPage(QWidget):
    """Subclasses set `noun`, `columns`, `default_sort`, and implement the hooks below."""

    changed = Signal()
    noun = "记录"
    unit_word = "条"
    columns: list[Column] = []
    default_sort = "name"
    default_descending = False
    placeholder = "搜索"
    empty_hint = ""

    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.year = year
        self.dialog: RecordDialog | None = None
        self.model = RegisterModel(self.columns, self.default_sort, self._search_ids, self.fetch, self.style, self)
        self.model._descending = self.default_descending

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.placeholder + "（Ctrl+F）")
        self.search_edit.setClearButtonEnabled(True)
        # never narrower than its hint: the filters beside it give way first
        hint = self.search_edit.fontMetrics().horizontalAdvance(self.search_edit.placeholderText())
        self.search_edit.setMinimumWidth(max(200, hint + 20))
        self.area_filter = QComboBox()
        fill_areas(self.area_filter, db)
        self._choosers: list[QComboBox] = []
        self.new_button = QPushButton(f"新增{self.noun}")
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton("编辑")
        self.delete_button = QPushButton("删除")
        self.bar = SearchBar(self.search_edit)  # the filters go to a second line when the page is narrow
        for widget in self.filters():
            self.bar.filters.addWidget(widget)
        self.bar.filters.addWidget(QLabel("区域"))
        self.bar.filters.addWidget(self.area_filter)
        self.top = self.bar.buttons  # the record buttons; a page adds its own after them
        for b in (self.new_button, self.edit_button, self.delete_button):
            self.top.addWidget(b)
        self.actions = QHBoxLayout()  # the page's own buttons: reports, exports
        self.view = RecordView(self.model)
        self.view.remember(type(self).__name__)  # the clerk's column widths come back next time
        self.count_label = QLabel()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch()
        bottom.addLayout(self.actions)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.bar)
        self.layout_.addWidget(self.summary_label)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addLayout(bottom)

        self.search_edit.textChanged.connect(self.refresh)
        self.area_filter.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(lambda: self.open_record(None))
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.view.doubleClicked.connect(lambda _index: self.edit_current())
        self.view.selectionModel().selectionChanged.connect(self.update_buttons)
        self.model.searched.connect(self._show_count)
        self.model.modelReset.connect(self.update_buttons)
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self.open_record(None),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search_edit.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, self.edit_current, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view, self.delete_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self._loaded = False
        self.update_buttons()

    # -- hooks -------------------------------------------------------------------------------
    def filters(self) -> list[QWidget]:
        """Extra filter widgets beside the search box, made with `choice_filter`."""
        return []

    def choice_filter(self, choices: list[tuple[str, object]]) -> QComboBox:
        """A chooser of (label, value) that searches again when changed; its first choice means 'any'."""
        combo = QComboBox()
        for label, value in choices:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(self.refresh)
        self._choosers.append(combo)
        return combo

    def search(self, sort: str, descending: bool) -> list[int]:
        raise NotImplementedError

    def fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        raise NotImplementedError

    def style(self, role: int, column: Column, row: dict[str, object]) -> object:
        return None

    def dialog_for(self, record_id: int | None) -> RecordDialog:
        raise NotImplementedError

    def delete_record(self, record_id: int) -> None:
        raise NotImplementedError

    def describe(self, row: dict[str, object]) -> str:
        return str(row.get("name") or row.get("title") or "")

    def summarize(self) -> str:
        """A line above the table (checks, targets); empty for none."""
        return ""

    # -- behaviour ---------------------------------------------------------------------------
    @property
    def area_id(self) -> int | None:
        return self.area_filter.currentData()

    @property
    def text(self) -> str:
        return self.search_edit.text()

    def _search_ids(self, sort: str, descending: bool) -> list[int]:
        return self.search(sort, descending)

    def showEvent(self, event) -> None:
        if not self._loaded:  # searched when first shown, not while the window starts
            self._loaded = True
            self.refresh()
        super().showEvent(event)

    def set_year(self, year: int) -> None:
        self.year = year
        if self._loaded:
            self.refresh()

    def reload_areas(self) -> None:
        fill_areas(self.area_filter, self.db)

    def refresh_if_loaded(self) -> None:
        """After a change on another page: only a list already shown is searched again."""
        if self._loaded:
            self.refresh()

    def refresh(self) -> None:
        self._loaded = True
        self.model.refresh()
        summary = self.summarize()
        self.summary_label.setText(summary)
        self.summary_label.setVisible(bool(summary))

    def _show_count(self, total: int) -> None:
        self.count_label.setText(f"共 {total:,} {self.unit_word}{self.noun}")
        filtered = bool(self.text.strip()) or self.area_id is not None or self.is_filtered()
        if total:
            self.view.show_empty("")
        elif filtered:
            self.view.show_empty(f"没有符合条件的{self.noun}。\n请换个搜索词，或放宽筛选条件。")
        else:
            self.view.show_empty(f"{self.year} 年还没有{self.noun}。\n点击“新增{self.noun}”（Ctrl+N）录入。"
                                 + (f"\n{self.empty_hint}" if self.empty_hint else ""))

    def is_filtered(self) -> bool:
        return any(c.currentIndex() > 0 for c in self._choosers)

    def current_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def current_row(self) -> dict[str, object] | None:
        record_id = self.current_id()
        return None if record_id is None else self.model.row_data(self.model.row_of(record_id))

    def update_buttons(self) -> None:
        selected = self.current_id() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def edit_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            self.open_record(record_id)

    def open_record(self, record_id: int | None) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        try:
            self.dialog = self.dialog_for(record_id)
        except LedgerError as exc:
            ask.error(self, "无法打开", str(exc))
            self.refresh()
            return
        self.dialog.saved.connect(self.saved)
        self.dialog.open()

    def saved(self, record_id: int) -> None:
        self.refresh()
        row = self.model.row_of(record_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        self.changed.emit()

    def delete_current(self) -> None:
        record_id = self.current_id()
        row = self.current_row()
        if record_id is None or row is None:
            return
        if not ask.confirm(self, f"删除{self.noun}", f"删除{self.noun}「{self.describe(row)}」？\n删除后不能恢复。",
                           yes="删除"):
            return
        try:
            self.delete_record(record_id)
        except LedgerError as exc:
            ask.error(self, "没有删除", str(exc))
            return
        except sqlite3.Error as exc:
            ask.error(self, "没有删除", describe_sqlite_error(exc))
            return
        self.refresh()
        self.changed.emit()
