"""年度数据: one row a unit, one column a figure, edited in place like a spreadsheet.

Typing a number starts editing; Enter and the arrow keys move; a block copied from Excel or WPS pastes
into the cells from the current one (checked as typing is: a bad cell is marked red with its reason and
nothing of it is stored); Delete clears; Ctrl+Z / Ctrl+Y undo and redo. Every edit or paste is one
transaction. The grid itself is in `figures_grid`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from app import indicators
from app.errors import LedgerError
from app.figures import CellError
from app.importing.kinds import KINDS
from app.indicators import BY_CODE

from . import ask
from .fields import fill_areas
from .figures_grid import FiguresModel, FiguresView
from .import_dialog import ImportFlow

# The totals line, every figure of the grid, in its order: from app.indicators, as every return reads them.
TOTALS = ["reported_units", "adoption_rate", "participant_times", "suggestions_made", "suggestions_adopted",
          "innovations", "tackles", "inventions", "patent_applications", "methods", "benefit", "skill_contest_times",
          "drill_times", "safety_training_times", "emergency_drills", "energy_monitors"]


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
        self._totals_timer = QTimer(self, singleShot=True, interval=300)
        self._totals_timer.timeout.connect(self._totals_due)
        self.totals_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)  # a long refusal wraps instead of widening the window
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
        self._totals_stale = False

    def showEvent(self, event) -> None:
        if not self._loaded:
            self._loaded = True
            self.reload()
        elif self._totals_stale:
            self._totals_stale = False
            self.update_totals()
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

    def reload_if_loaded(self) -> None:
        """After a change elsewhere (units, results): only a grid already shown is read again."""
        if self._loaded:
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

    def _totals_due(self) -> None:
        self._totals_stale = not self.isVisible()  # a page left meanwhile reads them when shown again
        if not self._totals_stale:
            self.update_totals()

    def update_totals(self) -> None:
        result = indicators.compute(self.db, self.year, codes=TOTALS)
        area = self.model.area_id
        v = {code: result.get(code, area).shown() for code in TOTALS if area is None or BY_CODE[code].per_area}
        where = self.area_filter.currentText() if area is not None else "全县"
        figures_line = "，".join(f"{BY_CODE[c].title} {v[c]}" for c in TOTALS[2:] if c in v)
        notes = "".join(f"<br><span style='color:#8d6e00'>{n}</span>" for n in result.notes) if area is None else ""
        self.totals_label.setText(
            f"<b>{where}{self.year}年合计</b>（{result.get('reported_units', area).value:,} 家单位已填报）："
            f"合理化建议实施率 {v['adoption_rate']}，"
            f"{figures_line}。{notes}")

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

    def _stored(self, count: int, how: str = "保存") -> None:
        what = "个单元格。" if how == "保存" else "个单元格的修改。"
        self.status_label.setText(f"已{how} {count:,} {what}")
        self._totals_timer.start()  # the totals follow once typing pauses, not after every cell
        self.changed.emit()

    def _refused(self, refused: list[CellError]) -> None:
        first = refused[0]
        row = self.model.row_of(first.unit_id)
        name = self.model.row_data(row)["name"] if row >= 0 else ""
        self.status_label.setText(f"<span style='color:#c62828'>{len(refused)} 个单元格没有保存。"
                                  f"{first.describe(str(name))}</span>")
