"""The unit ledger's table model: SQL filters and sorts, the model holds ids and loads rows lazily."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from sqlite_utils import Database

from app import unit_search
from app.unit_search import SearchResult, UnitFilter

BLOCK = 100
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    numeric: bool = False


COLUMNS = [
    Column("name", "名称", 230),
    Column("credit_code", "信用代码", 150),
    Column("area", "区域", 96),
    Column("industry", "行业", 104),
    Column("category", "类别", 104),
    Column("above_scale", "规上", 44),
    Column("union_founded", "建会", 44),
    Column("employees", "职工数", 64, numeric=True),
    Column("members", "会员数", 64, numeric=True),
    Column("chairman", "工会主席", 72),
    Column("phone", "电话", 100),
]
COLUMN_KEYS = [c.key for c in COLUMNS]
ARCHIVED_BRUSH = QBrush(QColor("#9e9e9e"))


class UnitsModel(QAbstractTableModel):
    """Rows are units of the working year; data() fetches them from SQLite a block at a time."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortKeyRole = Qt.ItemDataRole.UserRole + 2
    searched = Signal(object)  # SearchResult after every refresh

    def __init__(self, db: Database, year: int, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._year = year
        self._filter = UnitFilter()
        self._sort = "name"
        self._descending = False
        self._ids: list[int] = []
        self._rows: dict[int, dict[str, object]] = {}
        self.result = SearchResult([], 0, 0)
        self.refresh()

    # -- what to show ------------------------------------------------------------------------
    @property
    def year(self) -> int:
        return self._year

    @property
    def filter(self) -> UnitFilter:
        return self._filter

    @property
    def sort_order(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def set_year(self, year: int) -> None:
        self._year = year
        self.refresh()

    def set_filter(self, flt: UnitFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.refresh()

    def refresh(self) -> None:
        """Run the query again (after a filter, sort, year or data change)."""
        self.beginResetModel()
        self.result = unit_search.search(self._db, self._year, self._filter, self._sort, self._descending)
        self._ids = self.result.ids
        self._rows = {}
        self.endResetModel()
        self.searched.emit(self.result)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = COLUMNS[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # -- ids ---------------------------------------------------------------------------------
    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, unit_id: int) -> int:
        try:
            return self._ids.index(unit_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> dict[str, object]:
        unit_id = self._ids[row]
        data = self._rows.get(unit_id)
        if data is None:
            start = row - row % BLOCK
            block = self._ids[start:start + BLOCK]
            self._rows.update(unit_search.fetch_rows(self._db, self._year, block))
            data = self._rows.get(unit_id, {})
        return data

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section].numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = COLUMNS[index.column()]
        if role == self.IdRole:
            return self._ids[index.row()]
        row = self.row_data(index.row())
        value = row.get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(column.key, value)
        if role == self.SortKeyRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column.key in ("above_scale", "union_founded"):
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and row.get("archived_at"):
            return ARCHIVED_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "name" and row.get("archived_at"):
                return f"{value}（{str(row['archived_at'])[:10]} 归档）"
            if column.key == "industry" and row.get("industry_tags"):
                return f"{value}；重点产业：{row['industry_tags']}"
            if column.key == "name" and row.get("address"):
                return f"{value}\n{row['address']}"
        return None


def _display(key: str, value: object) -> str:
    if key in ("above_scale", "union_founded"):
        return "" if value is None else ("是" if value else "否")
    if value is None:
        return ""
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
