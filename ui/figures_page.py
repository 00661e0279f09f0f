"""年度数据: one row a unit, one column a figure, edited in place like a spreadsheet.

Typing a number starts editing; Enter and the arrow keys move; a block copied from Excel or WPS pastes
into the cells from the current one (checked as typing is: a bad cell is marked red with its reason and
nothing of it is stored); Delete clears; Ctrl+Z / Ctrl+Y undo and redo. Every edit or paste is one
transaction.
"""

from __future__ import annotations

import csv
import io
import sqlite3

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import figures
from app.codes import ANNUAL_FIGURES, DECIMAL_FIGURES
from app.db import describe_sqlite_error
from app.errors import LedgerError
from app.figures import CellError, Change
from app.importing.kinds import KINDS

from . import ask
from .fields import fill_areas
from .import_dialog import ImportFlow

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


def shown(key: str, value: object) -> str:
    if value is None:
        return ""
    if key in DECIMAL_FIGURES:
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


class FiguresModel(QAbstractTableModel):
    """Units (ids from one query) by figures (a column each); rows fetched a block at a time."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    stored = Signal(int)            # cells written
    refused = Signal(list)          # CellErrors of the last edit or paste

    def __init__(self, db: Database, year: int, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.year = year
        self.area_id: int | None = None
        self.text = ""
        self.ids: list[int] = []
        self._rows: dict[int, dict[str, object]] = {}
        self.marks: dict[tuple[int, str], CellError] = {}
        self.history = History(self)

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self.ids = figures.unit_ids(self.db, self.year, self.area_id, self.text)
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

    def index_of(self, unit_id: int, key: str) -> QModelIndex:
        try:
            row = self.ids.index(unit_id)
        except ValueError:
            return QModelIndex()
        return self.index(row, len(FIXED) + KEYS.index(key))

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
        ok, refused = figures.check(self.db, self.year, changes)
        for c in changes:
            self.marks.pop((c.unit_id, c.key), None)
        for e in refused:
            self.marks[(e.unit_id, e.key)] = e
        if ok and (not refused or (accept_partial is not None and accept_partial(refused, ok))):
            before = figures.current_values(self.db, self.year, [(c.unit_id, c.key) for c in ok])
            try:
                self.store(ok)
            except LedgerError as exc:
                ask.error(None, "没有保存", str(exc))
                return refused
            self.history.add(before, ok)
        self._changed(changes)
        if refused:
            self.refused.emit(refused)
        return refused

    def store(self, changes: list[Change]) -> None:
        """Write values that were valid when they were entered (undo and redo)."""
        try:
            figures.write(self.db, self.year, changes)
        except (sqlite3.Error, LedgerError) as exc:
            message = describe_sqlite_error(exc) if isinstance(exc, sqlite3.Error) else str(exc)
            raise LedgerError(f"没有保存：{message}") from exc
        self._changed(changes)
        self.stored.emit(len(changes))

    def _changed(self, changes: list[Change]) -> None:
        """Drop the cached rows of the changed units and repaint their cells."""
        rows = []
        for unit_id in {c.unit_id for c in changes}:
            self._rows.pop(unit_id, None)
            try:
                rows.append(self.ids.index(unit_id))
            except ValueError:
                pass
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
            self.model.store(self.steps[self.position - 1][0])  # raises LedgerError and stays put on failure
            self.position -= 1
            self.changed.emit()

    def redo(self) -> None:
        if self.can_redo():
            self.model.store(self.steps[self.position][1])
            self.position += 1
            self.changed.emit()

    def clear(self) -> None:
        self.steps, self.position = [], 0
        self.changed.emit()


def parse_clipboard(text: str) -> list[list[str]]:
    """A block copied from Excel or WPS: rows by line, cells by tab, quoted cells kept whole."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t")] or [[""]]


class FiguresView(QTableView):
    """Arrow keys and Enter move; typing edits; Ctrl+C / Ctrl+V / Delete on the selected block."""

    def __init__(self, model: FiguresModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(False)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setHighlightSections(True)
        header.setMinimumHeight(44)
        for n, (_, _, width) in enumerate(FIXED):
            self.setColumnWidth(n, width)
        for n in range(len(KEYS)):
            self.setColumnWidth(len(FIXED) + n, 86)
        self.empty_label = QLabel(self.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #757575; font-size: 12pt;")
        self.empty_label.hide()

    def figures_model(self) -> FiguresModel:
        return self.model()  # type: ignore[return-value]

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            self._move_down()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != QAbstractItemView.State.EditingState:
            self.clear_selection()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter in the editor: on to the next row
            self._move_down()

    def _move_down(self) -> None:
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(self.model().index(current.row() + 1, current.column()))

    def _selected_cells(self) -> list[QModelIndex]:
        return sorted(self.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column()))

    def copy_selection(self) -> str:
        cells = self._selected_cells()
        if not cells:
            return ""
        rows = sorted({i.row() for i in cells})
        columns = sorted({i.column() for i in cells})
        model = self.model()
        text = "\n".join("\t".join(str(model.data(model.index(r, c)) or "") for c in columns) for r in rows)
        QGuiApplication.clipboard().setText(text)
        return text

    def clear_selection(self) -> None:
        m = self.figures_model()
        changes = [Change(m.ids[i.row()], m.key_of(i.column()), None) for i in self._selected_cells()
                   if i.column() >= len(FIXED)]
        if changes:
            m.submit_changes(changes, "清空", self._partial)

    def paste(self, text: str | None = None) -> list[CellError] | None:
        """Paste a block from the clipboard at the current cell (one value fills every selected cell)."""
        block = parse_clipboard(QGuiApplication.clipboard().text() if text is None else text)
        m = self.figures_model()
        current = self.currentIndex()
        if not block or not current.isValid():
            return None
        targets: list[tuple[int, int, str]] = []
        if len(block) == 1 and len(block[0]) == 1 and len(self._selected_cells()) > 1:
            targets = [(i.row(), i.column(), block[0][0]) for i in self._selected_cells()]
        else:
            top, left = min((i.row(), i.column()) for i in self._selected_cells() or [current])
            targets = [(top + r, left + c, value) for r, row in enumerate(block) for c, value in enumerate(row)]
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
        names = {r: self.figures_model().row_data(self.figures_model().ids.index(r))["name"]
                 for r in {e.unit_id for e in refused[:8]}}
        lines = "\n".join(e.describe(str(names[e.unit_id])) for e in refused[:8])
        more = f"\n……共 {len(refused)} 个" if len(refused) > 8 else ""
        return ask.confirm(self, "有单元格不能接受",
                           f"{len(refused)} 个单元格不能接受（已标红，鼠标停在上面可看原因）：\n"
                           f"{lines}{more}\n\n只保存其余 {len(ok)} 个单元格吗？选“取消”则什么也不保存。",
                           yes=f"保存其余 {len(ok)} 个")


class FiguresPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.model = FiguresModel(db, year, self)
        self.view = FiguresView(self.model)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜索单位名称、信用代码、联系人或电话")
        self.search_edit.setClearButtonEnabled(True)
        self.area_filter = QComboBox()
        fill_areas(self.area_filter, db)
        self.undo_button = QPushButton("撤销")
        self.undo_button.setToolTip("撤销上一次修改或粘贴（Ctrl+Z）")
        self.redo_button = QPushButton("重做")
        self.redo_button.setToolTip("Ctrl+Y")
        self.clear_marks_button = QPushButton("清除红色标记")
        self.import_button = QPushButton("导入…")
        self.import_button.setToolTip("从 Excel（.xlsx .xls）或 CSV 导入各单位的年度数据：先核对列、预览，再写入")
        self.importer = ImportFlow(self, db, KINDS["figures"], lambda: self.model.year)
        self.importer.imported.connect(lambda _n: self.reload())
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(QLabel("区域"))
        top.addWidget(self.area_filter)
        for b in (self.undo_button, self.redo_button, self.clear_marks_button, self.import_button):
            top.addWidget(b)
        hint = QLabel("像表格一样填写：输入数字即修改，回车和方向键移动；可从 Excel/WPS 复制一块粘贴（Ctrl+V），"
                      "不合格的单元格标红、不保存；Delete 清空，Ctrl+Z 撤销。")
        hint.setStyleSheet("color: #757575;")
        hint.setWordWrap(True)
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.status_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals_label)
        layout.addWidget(self.status_label)

        self.search_edit.textChanged.connect(self._filter)
        self.area_filter.currentIndexChanged.connect(self._filter)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.clear_marks_button.clicked.connect(self.model.clear_marks)
        self.import_button.clicked.connect(lambda: self.importer.start())
        self.model.history.changed.connect(self._history_changed)
        self.model.stored.connect(self._stored)
        self.model.refused.connect(self._refused)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.redo, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Y"), self, self.redo, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._history_changed()
        self._loaded = False

    def showEvent(self, event) -> None:
        if not self._loaded:
            self._loaded = True
            self.reload()
        super().showEvent(event)

    @property
    def year(self) -> int:
        return self.model.year

    def set_year(self, year: int) -> None:
        self.model.year = year
        self.model.history.clear()  # an undo must not write into another year
        if self._loaded:
            self.reload()

    def reload_areas(self) -> None:
        fill_areas(self.area_filter, self.db)

    def _filter(self) -> None:
        self.model.area_id = self.area_filter.currentData()
        self.model.text = self.search_edit.text()
        self.reload()

    def reload(self) -> None:
        self._loaded = True
        self.model.reload()
        n = self.model.rowCount()
        filtered = bool(self.model.text.strip()) or self.model.area_id is not None
        self.view.empty_label.setGeometry(self.view.viewport().rect().adjusted(20, 20, -20, -20))
        self.view.empty_label.setText("" if n else ("没有符合条件的单位。" if filtered else
                                                     "单位台账中还没有单位。\n请先在“单位台账”中添加或导入单位。"))
        self.view.empty_label.setVisible(not n)
        self.update_totals()

    def update_totals(self) -> None:
        t = figures.totals(self.db, self.year, self.model.area_id)
        reported = self.db.execute(
            "SELECT count(*) FROM annual_figures f JOIN units u ON u.id = f.unit_id WHERE f.year = ? AND "
            "u.archived_at IS NULL" + (" AND u.area_id = ?" if self.model.area_id is not None else ""),
            [self.year] + ([self.model.area_id] if self.model.area_id is not None else [])).fetchone()[0]
        rate = f"{t['suggestions_adopted'] / t['suggestions_made']:.1%}" if t["suggestions_made"] else "—"
        where = self.area_filter.currentText() if self.model.area_id is not None else "全县"
        self.totals_label.setText(
            f"<b>{where}{self.year}年合计</b>（{reported:,} 家单位已填报）："
            f"合理化建议提出 {t['suggestions_made']:,} 件、实施 {t['suggestions_adopted']:,} 件（实施率 {rate}），"
            f"技术革新 {t['innovations']:,} 项，技术攻关 {t['tackles']:,} 项，发明创造 {t['inventions']:,} 项，"
            f"专利申请 {t['patent_applications']:,} 件，先进操作法 {t['methods']:,} 项，"
            f"经济效益 {t['benefit']:,.1f} 万元，参赛职工 {t['participant_times']:,} 人次。")

    def _history_changed(self) -> None:
        self.undo_button.setEnabled(self.model.history.can_undo())
        self.redo_button.setEnabled(self.model.history.can_redo())

    def undo(self) -> None:
        self._guarded(self.model.history.undo)

    def redo(self) -> None:
        self._guarded(self.model.history.redo)

    def _guarded(self, action) -> None:
        try:
            action()
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))

    def _stored(self, count: int) -> None:
        self.status_label.setText(f"已保存 {count:,} 个单元格。")
        self.update_totals()
        self.changed.emit()

    def _refused(self, refused: list[CellError]) -> None:
        first = refused[0]
        row = self.model.ids.index(first.unit_id) if first.unit_id in self.model.ids else -1
        name = self.model.row_data(row)["name"] if row >= 0 else ""
        self.status_label.setText(f"<span style='color:#c62828'>{len(refused)} 个单元格没有保存。"
                                  f"{first.describe(str(name))}</span>")
