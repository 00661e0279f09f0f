"""The 年度数据 grid: a table model over units × figures that checks and stores each edit or pasted block in one
transaction, its undo history, and the view that moves, copies, pastes and clears like a spreadsheet."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget
from sqlite_utils import Database

from app import changes as change_log
from app import figures
from app.codes import ANNUAL_FIGURES, DECIMAL_FIGURES
from app.db import describe_sqlite_error
from app.errors import LedgerError
from app.figures import CellError, Change

from . import ask
from .sheet import FrozenColumns, SheetView

Index = QModelIndex | QPersistentModelIndex
BLOCK = 200
FIXED = [("name", "单位名称", 230), ("area", "区域", 90)]
KEYS = [k for k, _, _ in ANNUAL_FIGURES]
HEADERS = {  # two short lines a column, so that fourteen columns fit
    "participant_times": "参赛职工\n人次", "suggestions_made": "合理化建议\n提出（件）",
    "suggestions_adopted": "合理化建议\n实施（件）", "innovations": "技术革新\n（项）", "tackles": "技术攻关\n（项）",
    "inventions": "发明创造\n（项）", "patent_applications": "专利申请\n（件）", "methods": "先进操作法\n（项）",
    "benefit": "经济效益\n（万元）", "skill_contest_times": "技能竞赛\n参赛人次", "drill_times": "岗位练兵\n人次",
    "safety_training_times": "安全培训\n人次", "emergency_drills": "应急演练\n（次）",
    "energy_monitors": "节能减排\n监督员（人）",
}
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
BAD = QBrush(QColor("#f8c9c6"))
SHORT = QBrush(QColor("#ffe8b0"))   # a typed 参赛职工人次 below the unit's participation records


def shown(key: str, value: object) -> str:
    if value is None:
        return ""
    if key in DECIMAL_FIGURES:
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


class FiguresModel(QAbstractTableModel):
    """Units (ids from one query) by figures (a column each); rows fetched a block at a time."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    stored = Signal(int, str)       # cells written, and how: 保存 / 撤销 / 重做
    refused = Signal(list)          # CellErrors of the last edit or paste

    def __init__(self, db: Database, year: int, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.year = year
        self.area_id: int | None = None
        self.text = ""
        self.ids: list[int] = []
        self._row_of: dict[int, int] = {}  # unit id -> row: a pasted block finds its rows without a search
        self._rows: dict[int, dict[str, object]] = {}
        self.marks: dict[tuple[int, str], CellError] = {}
        self.history = History(self)

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self.ids = figures.unit_ids(self.db, self.year, self.area_id, self.text)
        self._row_of = {unit_id: row for row, unit_id in enumerate(self.ids)}
        self._rows = {}
        self.marks = {}
        self.endResetModel()

    def row_data(self, row: int) -> dict[str, object]:
        unit_id = self.ids[row]
        data = self._rows.get(unit_id)
        if data is None:
            start = row - row % BLOCK
            self._rows.update(figures.fetch(self.db, self.year, self.ids[start:start + BLOCK]))
            data = self._rows.get(unit_id, {})
        return data

    @staticmethod
    def key_of(column: int) -> str:
        return FIXED[column][0] if column < len(FIXED) else KEYS[column - len(FIXED)]

    def row_of(self, unit_id: int) -> int:
        """The unit's row, -1 when it is not in the grid."""
        return self._row_of.get(unit_id, -1)

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIXED) + len(KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.columnCount():
            if role == Qt.ItemDataRole.DisplayRole:
                if section < len(FIXED):
                    return FIXED[section][1]
                return HEADERS[KEYS[section - len(FIXED)]]
            if role == Qt.ItemDataRole.ToolTipRole and section >= len(FIXED):
                return f"{ANNUAL_FIGURES[section - len(FIXED)][1]}：单位上报的年度合计数"
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() >= len(FIXED) else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        key = self.key_of(index.column())
        unit_id = self.ids[index.row()]
        if role == self.IdRole:
            return unit_id
        mark = self.marks.get((unit_id, key))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if mark is not None and role == Qt.ItemDataRole.DisplayRole:
                return str(mark.raw if mark.raw is not None else "")
            value = self.row_data(index.row()).get(key)
            return shown(key, value) if index.column() >= len(FIXED) else value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= len(FIXED):
            return RIGHT
        if mark is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return BAD
            if role == Qt.ItemDataRole.ToolTipRole:
                stored = shown(key, self.row_data(index.row()).get(key)) or "空"
                return f"没有保存：{mark.reason}（现存的值：{stored}）"
        if key == "participant_times" and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            return self._shortfall(self.row_data(index.row()), role)
        return None

    @staticmethod
    def _shortfall(row: dict[str, object], role: int):
        """参赛职工人次 beside the unit's participation records: the typed total counts, never below them."""
        typed, recorded = row.get("participant_times"), row.get("recorded_times") or 0
        if not recorded:
            return None
        if typed is not None and typed < recorded:
            if role == Qt.ItemDataRole.BackgroundRole:
                return SHORT
            return (f"参赛记录合计 {recorded:,} 人次，比填报的 {typed:,} 多 {recorded - typed:,} 人次；"
                    f"统计时按 {recorded:,} 人次计。请核对后改正。")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"参赛记录合计 {recorded:,} 人次" + ("（未填报，统计时按参赛记录计）" if typed is None else "")
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() < len(FIXED):
            return False
        unit_id = self.ids[index.row()]
        key = self.key_of(index.column())
        if self.marks.get((unit_id, key)) is None and shown(key, self.row_data(index.row()).get(key)) == str(value):
            return True  # nothing changed
        return not self.submit_changes([Change(unit_id, key, value)], "修改")

    # -- changes -----------------------------------------------------------------------------
    def submit_changes(self, changes: list[Change], what: str, accept_partial=None) -> list[CellError]:
        """Check *changes*; store the good ones as one undoable step (when there are no refusals, or when
        *accept_partial(refused, good)* says yes). The refused cells are marked. Returns the refusals."""
        try:
            ok, refused = figures.check(self.db, self.year, changes)
        except sqlite3.Error as exc:  # the file locked by another program, the disk gone …
            ask.error(None, "没有保存", describe_sqlite_error(exc))
            return []
        for c in changes:
            self.marks.pop((c.unit_id, c.key), None)
        for e in refused:
            self.marks[(e.unit_id, e.key)] = e
        if ok and (not refused or (accept_partial is not None and accept_partial(refused, ok))):
            before = figures.current_values(self.db, self.year, [(c.unit_id, c.key) for c in ok])
            try:
                if len(ok) > 1:  # a pasted or cleared block is one entry of the 操作记录, with its row count
                    with change_log.batch(self.db, f"年度数据{what} {len(ok)} 个单元格"):
                        self.store(ok)
                else:
                    self.store(ok)
            except LedgerError as exc:
                ask.error(None, "没有保存", str(exc))
                return refused
            self.history.add(before, ok)
        self._changed(changes)
        if refused:
            self.refused.emit(refused)
        return refused

    def store(self, changes: list[Change], how: str = "保存") -> None:
        """Write values that were valid when they were entered (undo and redo)."""
        try:
            figures.write(self.db, self.year, changes)
        except (sqlite3.Error, LedgerError) as exc:
            message = describe_sqlite_error(exc) if isinstance(exc, sqlite3.Error) else str(exc)
            raise LedgerError(f"没有保存：{message}") from exc
        self._changed(changes)
        self.stored.emit(len(changes), how)

    def _changed(self, changes: list[Change]) -> None:
        """Drop the cached rows of the changed units and repaint their cells."""
        rows = []
        for unit_id in {c.unit_id for c in changes}:
            self._rows.pop(unit_id, None)
            if self.row_of(unit_id) >= 0:
                rows.append(self.row_of(unit_id))
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), self.columnCount() - 1))

    def clear_marks(self) -> None:
        self.marks = {}
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, self.columnCount() - 1))


class History(QObject):
    """Undo and redo of the grid's edits and pastes: each step holds the cells' values before and after."""

    changed = Signal()

    def __init__(self, model: FiguresModel):
        super().__init__(model)
        self.model = model
        self.steps: list[tuple[list[Change], list[Change]]] = []
        self.position = 0  # steps before it are done

    def add(self, before: list[Change], after: list[Change]) -> None:
        del self.steps[self.position:]
        self.steps.append((before, after))
        self.position += 1
        self.changed.emit()

    def can_undo(self) -> bool:
        return self.position > 0

    def can_redo(self) -> bool:
        return self.position < len(self.steps)

    def undo(self) -> None:
        if self.can_undo():
            self.model.store(self.steps[self.position - 1][0], "撤销")  # raises LedgerError and stays put on failure
            self.position -= 1
            self.changed.emit()

    def redo(self) -> None:
        if self.can_redo():
            self.model.store(self.steps[self.position][1], "重做")
            self.position += 1
            self.changed.emit()

    def clear(self) -> None:
        self.steps, self.position = [], 0
        self.changed.emit()


class FiguresView(SheetView):
    """The 年度数据 grid: a pasted or cleared block becomes figures of units (the name and area columns stay)."""

    def __init__(self, model: FiguresModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.horizontalHeader().setMinimumHeight(44)
        for n, (_, _, width) in enumerate(FIXED):
            self.setColumnWidth(n, width)
        for n in range(len(KEYS)):
            self.setColumnWidth(len(FIXED) + n, 86)
        self.empty_label = QLabel(self.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #757575; font-size: 12pt;")
        self.empty_label.hide()
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen = FrozenColumns(self, len(FIXED))  # 单位名称 and 区域 stay while the figures scroll

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        """A figure the cursor moves to is never left under the frozen columns."""
        super().scrollTo(index, hint)
        if index.isValid() and index.column() >= len(FIXED):
            hidden = self.frozen.width() - self.visualRect(index).left()
            if hidden > 0:
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() - hidden)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.frozen.place()

    def updateGeometries(self) -> None:  # noqa: N802 - Qt's name
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self.frozen.place()

    def figures_model(self) -> FiguresModel:
        return self.model()  # type: ignore[return-value]

    def clear_selection(self) -> None:
        m = self.figures_model()
        changes = [Change(m.ids[i.row()], m.key_of(i.column()), None) for i in self._selected_cells()
                   if i.column() >= len(FIXED)]
        if changes:
            m.submit_changes(changes, "清空", self._partial)

    def paste(self, text: str | None = None) -> list[CellError] | None:
        """Paste a block from the clipboard at the current cell (one value fills every selected cell)."""
        targets = self.pasted_cells(text)
        m = self.figures_model()
        if targets is None:
            return None
        outside = [t for t in targets if t[0] >= m.rowCount() or t[1] >= m.columnCount()]
        fixed = [t for t in targets if t[1] < len(FIXED) and t not in outside]
        changes = [Change(m.ids[r], m.key_of(c), value) for r, c, value in targets
                   if r < m.rowCount() and len(FIXED) <= c < m.columnCount()]
        notes = []
        if fixed:
            notes.append(f"{len(fixed)} 个单元格落在“单位名称”“区域”列，没有粘贴（这两列不能在这里修改）")
        if outside:
            notes.append(f"{len(outside)} 个单元格超出了表格，没有粘贴")
        refused = m.submit_changes(changes, "粘贴", self._partial) if changes else []
        if notes:
            ask.info(self, "粘贴", "；".join(notes) + "。")
        return refused

    def _partial(self, refused: list[CellError], ok: list[Change]) -> bool:
        model = self.figures_model()
        names = {u: model.row_data(model.row_of(u))["name"] for u in {e.unit_id for e in refused[:8]}}
        lines = "\n".join(e.describe(str(names[e.unit_id])) for e in refused[:8])
        more = f"\n……共 {len(refused)} 个" if len(refused) > 8 else ""
        return ask.confirm(self, "有单元格不能接受",
                           f"{len(refused)} 个单元格不能接受（已标红，鼠标停在上面可看原因）：\n"
                           f"{lines}{more}\n\n只保存其余 {len(ok)} 个单元格吗？选“取消”则什么也不保存。",
                           yes=f"保存其余 {len(ok)} 个")
