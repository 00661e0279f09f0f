"""The unit ledger's table model: SQL filters and sorts, the model holds ids and loads rows lazily."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from sqlite_utils import Database

from app import unit_search
from app.unit_search import SearchResult, UnitFilter

from .paged_model import Column, PagedModel

COLUMNS = [
    Column("name", "名称", 230),
    Column("credit_code", "信用代码", 176),  # 18 characters whole
    Column("area", "区域", 96),
    Column("industry", "行业", 104),
    Column("category", "类别", 104),
    Column("above_scale", "规上", 44, centred=True),
    Column("union_founded", "建会", 44, centred=True),
    Column("employees", "职工数", 64, numeric=True),
    Column("members", "会员数", 64, numeric=True),
    Column("chairman", "工会主席", 72),
    Column("phone", "电话", 100),
]
COLUMN_KEYS = [c.key for c in COLUMNS]
ARCHIVED_BRUSH = QBrush(QColor("#9e9e9e"))
UNCONFIRMED_BRUSH = QBrush(QColor("#b26a00"))   # 待核实 headcounts, in amber with a tooltip saying so
UNCONFIRMED_KEYS = ("employees", "female_employees", "members")


class UnitsModel(PagedModel):
    """Rows are units of the working year's roll (or the archived ones); `result` is the last SearchResult."""

    columns = COLUMNS

    def __init__(self, db: Database, year: int, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._year = year
        self._filter = UnitFilter()
        self.result = SearchResult([])
        self.refresh()

    @property
    def year(self) -> int:
        return self._year

    @property
    def filter(self) -> UnitFilter:
        return self._filter

    def set_year(self, year: int) -> None:
        self._year = year
        self.refresh()

    def set_filter(self, flt: UnitFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.refresh()

    def _search(self, sort: str, descending: bool) -> tuple[list[int], SearchResult]:
        result = unit_search.search(self._db, self._year, self._filter, sort, descending)
        return result.ids, result

    def _fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        return unit_search.fetch_rows(self._db, self._year, ids)

    def display(self, key: str, value: object, row: dict[str, object]) -> str:
        if key in ("above_scale", "union_founded"):
            return "" if value is None else ("是" if value else "否")
        return super().display(key, value, row)

    def extra(self, role: int, column: Column, value: object, row: dict[str, object]) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and row.get("archived_at"):
            return ARCHIVED_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and row.get("unconfirmed") and column.key in UNCONFIRMED_KEYS:
            return UNCONFIRMED_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key in UNCONFIRMED_KEYS and row.get("unconfirmed"):
                return "从上年带入的人数，待核实：打开单位核对后保存，或导入本年名单"
            if column.key == "name" and row.get("archived_at"):
                return f"{value}（{str(row['archived_at'])[:10]} 归档）"
            if column.key == "industry" and row.get("industry_tags"):
                return f"{value}；重点产业：{row['industry_tags']}"
            if column.key == "name" and row.get("address"):
                return f"{value}\n{row['address']}"
        return None
