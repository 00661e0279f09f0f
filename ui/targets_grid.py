"""The 目标 grid: one row an indicator, a column for the county and one for each area of the year, typed,
pasted, cleared and undone like 年度数据; each edit or block checked (app.targets) and stored in one transaction."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from app import indicators, targets
from app.db import describe_sqlite_error
from app.errors import LedgerError
from app.indicators import BY_CODE
from app.targets import TARGETABLE, TargetChange

from . import ask
from .figures_grid import History
from .sheet import SheetView

Index = QModelIndex | QPersistentModelIndex
FIXED = [("title", "指标", 210), ("unit", "单位", 44), ("direction", "方向", 44)]
BAD = QBrush(QColor("#f8c9c6"))
NOT_HERE = QBrush(QColor("#eeeeee"))   # a county-only indicator's area cells
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


def _text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class TargetsModel(QAbstractTableModel):
    stored = Signal(int, str)
    refused = Signal(list)          # (TargetChange, reason) of the last edit or paste

    def __init__(self, db: Database, year: int, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.year = year
        self.areas: list[tuple[int | None, str]] = [(None, "全县")]
        self.values: dict[tuple[str, int | None], float] = {}
        self.marks: dict[tuple[str, int | None], str] = {}
        self.history = History(self)

    def reload(self) -> None:
        self.beginResetModel()
        year_areas = indicators.compute(self.db, self.year, codes=["units"]).areas
        self.areas = [(None, "全县")] + [(a.area_id, a.name) for a in year_areas if a.area_id is not None]
        self.values = {k: t.value for k, t in targets.targets_of(self.db, self.year).items()}
        self.marks = {}
        self.endResetModel()

    def cell(self, index: Index) -> tuple[str, int | None] | None:
        """(code, area) of an editable cell; None for the fixed columns and a county-only indicator's areas."""
        if not index.isValid() or index.column() < len(FIXED):
            return None
        code = TARGETABLE[index.row()]
        area = self.areas[index.column() - len(FIXED)][0]
        if area is not None and not BY_CODE[code].per_area:
            return None
        return code, area

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(TARGETABLE)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIXED) + len(self.areas)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return FIXED[section][1] if section < len(FIXED) else self.areas[section - len(FIXED)][1]
        return section + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.cell(index) else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        ind = BY_CODE[TARGETABLE[index.row()]]
        if index.column() < len(FIXED):
            if role == Qt.ItemDataRole.DisplayRole:
                return [ind.title, ind.unit, ind.direction][index.column()]
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
                return CENTRE
            if role == Qt.ItemDataRole.ToolTipRole and ind.note:
                return ind.note
            return None
        key = self.cell(index)
        if key is None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return NOT_HERE
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{ind.title}只有全县的目标"
            return None
        if role == Qt.ItemDataRole.DisplayRole:  # 120,000 to read; 120000 to edit
            value = self.values.get(key)
            return "" if value is None else f"{value:,g}"
        if role == Qt.ItemDataRole.EditRole:
            return _text(self.values.get(key))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if key in self.marks:
            if role == Qt.ItemDataRole.BackgroundRole:
                return BAD
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"没有保存：{self.marks[key]}"
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        key = self.cell(index)
        if role != Qt.ItemDataRole.EditRole or key is None:
            return False
        if key not in self.marks and _text(self.values.get(key)) == str(value).strip():
            return True
        return not self.submit_changes([TargetChange(key[0], key[1], value)], "修改")

    def submit_changes(self, changes: list[TargetChange], what: str, accept_partial=None) -> list:
        """Check; store the good ones as one undoable step (all, or with the clerk's yes to a part)."""
        ok, refused = targets.check(self.db, self.year, changes)
        for c in changes:
            self.marks.pop((c.code, c.area_id), None)
        for c, reason in refused:
            self.marks[(c.code, c.area_id)] = reason
        if ok and (not refused or (accept_partial is not None and accept_partial(refused, ok))):
            before = targets.current_values(self.db, self.year, [(c.code, c.area_id) for c in ok])
            try:
                self.store(ok)
            except LedgerError as exc:
                ask.error(None, "没有保存", str(exc))
                return refused
            self.history.add(before, ok)
        self._repaint()
        if refused:
            self.refused.emit(refused)
        return refused

    def store(self, changes: list[TargetChange], how: str = "保存") -> None:
        try:
            targets.write(self.db, self.year, changes)
        except sqlite3.Error as exc:
            raise LedgerError(f"没有保存：{describe_sqlite_error(exc)}") from exc
        for c in changes:
            if c.value is None:
                self.values.pop((c.code, c.area_id), None)
            else:
                self.values[(c.code, c.area_id)] = float(c.value)
        self._repaint()
        self.stored.emit(len(changes), how)

    def _repaint(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))


class TargetsView(SheetView):
    def __init__(self, model: TargetsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        for n, (_, _, width) in enumerate(FIXED):
            self.setColumnWidth(n, width)

    def targets_model(self) -> TargetsModel:
        return self.model()  # type: ignore[return-value]

    def clear_selection(self) -> None:
        m = self.targets_model()
        changes = [TargetChange(*key, None) for i in self._selected_cells() if (key := m.cell(i))]
        if changes:
            m.submit_changes(changes, "清空", self._partial)

    def paste(self, text: str | None = None) -> list | None:
        cells = self.pasted_cells(text)
        if cells is None:
            return None
        m = self.targets_model()
        changes, skipped = [], 0
        for r, c, value in cells:
            key = m.cell(m.index(r, c)) if r < m.rowCount() and c < m.columnCount() else None
            if key is None:
                skipped += 1
            else:
                changes.append(TargetChange(key[0], key[1], value))
        refused = m.submit_changes(changes, "粘贴", self._partial) if changes else []
        if skipped:
            ask.info(self, "粘贴", f"{skipped} 个单元格落在指标名称、超出表格或只有全县目标的格子里，没有粘贴。")
        return refused

    def _partial(self, refused: list, ok: list) -> bool:
        lines = "\n".join(f"「{BY_CODE[c.code].title}」{c.value}：{reason}" for c, reason in refused[:8])
        return ask.confirm(self, "有单元格不能接受", f"{len(refused)} 个单元格不能接受（已标红）：\n{lines}\n\n"
                           f"只保存其余 {len(ok)} 个单元格吗？选“取消”则什么也不保存。", yes=f"保存其余 {len(ok)} 个")
