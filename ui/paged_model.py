"""A table model over SQL: the query filters and sorts and returns ids; rows are fetched a block at a time.

Subclasses say what to search (`_search`), how to fetch rows (`_fetch`) and how to show a value; the
model passes `qtmodeltester`. Used by the unit ledger and the people page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

BLOCK = 100
Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    numeric: bool = False
    centred: bool = False


class PagedModel(QAbstractTableModel):
    IdRole = Qt.ItemDataRole.UserRole + 1
    SortKeyRole = Qt.ItemDataRole.UserRole + 2
    searched = Signal(object)  # what _search returned, after every refresh

    columns: list[Column] = []
    default_sort = "name"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sort = self.default_sort
        self._descending = False
        self._ids: list[int] = []
        self._rows: dict[int, dict[str, object]] = {}
        self.result: object = None

    # -- for subclasses ----------------------------------------------------------------------
    def _search(self, sort: str, descending: bool) -> tuple[list[int], object]:
        raise NotImplementedError

    def _fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        raise NotImplementedError

    def display(self, key: str, value: object, row: dict[str, object]) -> str:
        if value is None:
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)

    def extra(self, role: int, column: Column, value: object, row: dict[str, object]) -> object:
        """Tooltips, colours: None unless a subclass has something to say."""
        return None

    # -- searching ---------------------------------------------------------------------------
    @property
    def sort_order(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def refresh(self) -> None:
        """Run the query again (after a filter, sort or data change)."""
        self.beginResetModel()
        self._ids, self.result = self._search(self._sort, self._descending)
        self._rows = {}
        self.endResetModel()
        self.searched.emit(self.result)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key, descending = self.columns[column].key, order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return  # a view calls this as it is set up: no query for an order the model already has
        self._sort, self._descending = key, descending
        self.refresh()

    # -- ids and rows ------------------------------------------------------------------------
    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, record_id: int) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> dict[str, object]:
        record_id = self._ids[row]
        data = self._rows.get(record_id)
        if data is None:
            start = row - row % BLOCK
            self._rows.update(self._fetch(self._ids[start:start + BLOCK]))
            data = self._rows.get(record_id, {})
        return data

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].numeric:
                return RIGHT
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = self.columns[index.column()]
        if role == self.IdRole:
            return self._ids[index.row()]
        row = self.row_data(index.row())
        value = row.get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(column.key, value, row)
        if role == self.SortKeyRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.numeric else CENTRE if column.centred else None
        found = self.extra(role, column, value, row)
        if found is None and role == Qt.ItemDataRole.ToolTipRole and not column.numeric:
            text = self.display(column.key, value, row)
            return text or None  # the whole text of a cell cut with “…”
        return found
