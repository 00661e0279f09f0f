"""单位台账: the ledger of units for the working year, with search, filters, sorting and a count line."""

from __future__ import annotations

import sqlite3
from datetime import date

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

from app import areas as area_service
from app import units as unit_service
from app.codes import UNIT_CATEGORIES
from app.db import describe_sqlite_error
from app.ledger import summary_line
from app.unit_search import NON_PUBLIC, SearchResult, UnitFilter

from . import ask
from .fields import fill_areas
from .ledger_outputs import LedgerOutputs
from .record_view import RecordView
from .tasks import Task
from .unit_dialog import UnitDialog
from .units_model import UnitsModel


class UnitsPage(QWidget):
    """The unit ledger page. `dialog` is the unit form while one is open (tests reach it there)."""

    changed = Signal()  # units were added, edited, archived or restored

    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self._summaries: dict[tuple, str] = {}  # count lines by (year, filter, total), until a unit changes
        self.dialog: UnitDialog | None = None
        self.model = UnitsModel(db, year, self)
        self.outputs = LedgerOutputs(self)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜索名称、信用代码、联系人、电话（Ctrl+F）")
        self.search_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton("新增单位")
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton("编辑")
        self.edit_button.setToolTip("Enter")
        self.archive_button = QPushButton("归档")
        self.archive_button.setToolTip("单位关闭或迁出时归档；历史数据和往年报表仍保留（Delete）")
        self.restore_button = QPushButton("恢复")
        self.import_button = QPushButton("导入…")
        self.import_button.setToolTip("从 Excel（.xlsx .xls）或 CSV 导入单位名单：先核对列、预览，再写入")
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.setToolTip("把当前筛选和排序下的单位台账导出为上报格式的 .xlsx")
        self.print_button = QPushButton("打印本表…")
        self.print_button.setToolTip("把当前筛选和排序下的单位台账生成 PDF，预览后打印或另存（Ctrl+P）")
        self.profile_button = QPushButton("单位档案…")
        self.profile_button.setToolTip("选中单位的基本情况和历年数据，生成 PDF 预览、打印")
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        for b in (self.new_button, self.edit_button, self.archive_button, self.restore_button, self.import_button,
                  self.export_button, self.print_button, self.profile_button):
            top.addWidget(b)

        self.area_filter = QComboBox()
        self.category_filter = QComboBox()
        self.category_filter.addItem("全部类别", None)
        self.category_filter.addItem("非公企业（全部）", NON_PUBLIC)
        for code, name, _ in UNIT_CATEGORIES:
            self.category_filter.addItem(f"{code} {name}", code)
        self.scale_filter = _choice_combo([("规上规下", None), ("规模以上", True), ("规模以下", False)])
        self.founded_filter = _choice_combo([("建会不限", None), ("已建会", True), ("未建会", False)])
        self.archived_filter = _choice_combo([("在册单位", "active"), ("已归档单位", "archived"), ("全部单位", "all")])
        self.clear_button = QPushButton("清除筛选")
        filters = QHBoxLayout()
        for label, combo in (("区域", self.area_filter), ("类别", self.category_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
        for combo in (self.scale_filter, self.founded_filter, self.archived_filter):
            filters.addWidget(combo)
        filters.addWidget(self.clear_button)
        filters.addStretch()
        self.reload_areas()

        self.view = RecordView(self.model, multiple=True)
        self.view.remember("UnitsPage")  # the clerk's column widths come back next time
        self.empty_label = self.view.empty_label

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        self.search_edit.textChanged.connect(self.apply_filter)
        for combo in (self.area_filter, self.category_filter, self.scale_filter, self.founded_filter,
                      self.archived_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.clear_button.clicked.connect(self.clear_filters)
        self.new_button.clicked.connect(self.new_unit)
        self.edit_button.clicked.connect(self.edit_current)
        self.archive_button.clicked.connect(self.archive_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.import_button.clicked.connect(lambda: self.outputs.importer.start())
        self.export_button.clicked.connect(self.outputs.export_excel)
        self.print_button.clicked.connect(self.outputs.print_list)
        self.profile_button.clicked.connect(self.print_profile)
        self.view.doubleClicked.connect(lambda _index: self.edit_current())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.searched.connect(self._show_result)
        self.model.modelReset.connect(self._update_buttons)

        QShortcut(QKeySequence.StandardKey.New, self, self.new_unit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, self.edit_current,
                      context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view, self.archive_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.Print, self, self.outputs.print_list,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._unshown: SearchResult | None = None
        self._show_result(self.model.result)
        self._update_buttons()

    # -- filters -----------------------------------------------------------------------------
    def reload_areas(self) -> None:
        fill_areas(self.area_filter, self.db)

    def current_filter(self) -> UnitFilter:
        return UnitFilter(
            text=self.search_edit.text(), area_id=self.area_filter.currentData(),
            category=self.category_filter.currentData(), above_scale=self.scale_filter.currentData(),
            union_founded=self.founded_filter.currentData(), archived=self.archived_filter.currentData(),
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self.view.scrollToTop()  # a new search shows its first matches, not where the last list was scrolled

    def clear_filters(self) -> None:
        for combo in (self.area_filter, self.category_filter, self.scale_filter, self.founded_filter,
                      self.archived_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.apply_filter()

    def set_year(self, year: int) -> None:
        self.model.set_year(year)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._unshown is not None:
            self._show_result(self._unshown)
        super().showEvent(event)

    def _show_result(self, result: SearchResult) -> None:
        if not self.isVisible():  # counted when the page is shown, not at the window's start
            self._unshown = result
            return
        self._unshown = None
        year = self.model.year
        key = (year, self.current_filter(), result.total)  # a sort or a repeated search does not count again
        if key not in self._summaries:
            self._summaries[key] = summary_line(self.db, year, self.current_filter(), result.total)
        self.count_label.setText(f"{year} 年度　{self._summaries[key]}")
        if result.total:
            self.view.show_empty("")
        elif self.current_filter() == UnitFilter() and not area_service.list_areas(self.db):
            self.view.show_empty("台账里还没有单位。\n请先在左侧“设置”中添加本县的乡镇、街道和园区，"
                                 "再点击“新增单位”（Ctrl+N）逐个录入。")
        elif self.current_filter() == UnitFilter():
            archived = unit_service.archived_count(self.db)
            more = f"\n另有 {archived:,} 家已归档单位，可在“已归档单位”中查看和恢复。" if archived else ""
            self.view.show_empty(f"台账里还没有在册单位。{more}\n点击“新增单位”（Ctrl+N）逐个录入。")
        else:
            self.view.show_empty("没有符合条件的单位。\n请换个搜索词，或点击“清除筛选”。")

    # -- selection and actions ---------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def selected_ids(self) -> list[int]:
        return [self.model.id_at(r) for r in self.selected_rows()]

    def _selected(self, archived: bool) -> list[tuple[int, str]]:
        """(id, name) of the selected units that are archived, or that are not."""
        out = []
        for row in self.selected_rows():
            data = self.model.row_data(row)
            if bool(data.get("archived_at")) == archived:
                out.append((self.model.id_at(row), str(data.get("name", ""))))
        return out

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        if index.isValid() and self.view.selectionModel().isRowSelected(index.row()):
            return self.model.id_at(index.row())
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_unit(self, unit_id: int) -> None:
        row = self.model.row_of(unit_id)
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.selectRow(row)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        archived_view = self.archived_filter.currentData() != "active"
        self.edit_button.setEnabled(len(ids) == 1)
        self.profile_button.setEnabled(len(ids) == 1)
        self.archive_button.setEnabled(bool(ids))
        self.restore_button.setEnabled(bool(ids) and archived_view)
        self.restore_button.setVisible(archived_view)

    def new_unit(self) -> None:
        self._open_dialog(None)

    def edit_unit(self, unit_id: int) -> None:
        """Open a unit's form (a logic-check finding pointing at it)."""
        self._open_dialog(unit_id)

    def edit_current(self) -> None:
        unit_id = self.current_id()
        if unit_id is not None:
            self._open_dialog(unit_id)

    def _open_dialog(self, unit_id: int | None) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = UnitDialog(self.db, self.model.year, unit_id, self)
        self.dialog.saved.connect(self._after_save)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def units_changed(self) -> None:
        """After this page added, edited, archived, restored or imported units: count and list them again."""
        self._summaries.clear()
        self.model.refresh()
        self.changed.emit()

    def _after_save(self, unit_id: int) -> None:
        self.units_changed()
        self.select_unit(unit_id)

    def archive_selected(self) -> None:
        chosen = self._selected(archived=False)
        if not chosen:
            return
        ids = [unit_id for unit_id, _ in chosen]
        names = [name for _, name in chosen[:3]]
        more = f" 等 {len(ids)} 家单位" if len(ids) > 3 else ""
        this_year = date.today().year
        text = (f"归档「{'」「'.join(names)}」{more}？\n\n今天归档，单位不再列入 {this_year} 年度及以后的台账和统计；"
                f"{this_year - 1} 年度及以前的数据和报表照旧保留，可在“已归档单位”中恢复。")
        if not ask.confirm(self, "归档单位", text, yes="归档"):
            return
        self._change(unit_service.archive, ids)

    def restore_selected(self) -> None:
        ids = [unit_id for unit_id, _ in self._selected(archived=True)]
        if ids:
            self._change(unit_service.restore, ids)

    def print_profile(self) -> Task | None:
        unit_id = self.current_id()
        if unit_id is None:
            return None
        return self.outputs.print_profile(unit_id, str(self.model.row_data(self.model.row_of(unit_id))["name"]))

    def _change(self, action, ids: list[int]) -> None:
        try:
            action(self.db, ids)
        except sqlite3.Error as exc:
            ask.error(self, "没有保存", describe_sqlite_error(exc))
            return
        self.units_changed()


def _choice_combo(items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    return combo
