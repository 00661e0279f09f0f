"""目标: the year's targets for the county and each area, typed like 年度数据; copied from last year; a county
count split over the areas by their employees (seen and changed before it is saved)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import targets
from app.errors import LedgerError
from app.importing.kinds import KINDS
from app.indicators import BY_CODE
from app.targets import TARGETABLE, SplitPart

from . import ask
from .import_dialog import ImportFlow
from .screen_fit import fit_to_screen
from .targets_grid import TargetsModel, TargetsView


class SplitDialog(QDialog):
    """The proposed split of one county target: change a part and the others re-balance, still adding up."""

    def __init__(self, db: Database, year: int, code: str, parts: list[SplitPart], parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.year, self.code, self.parts = db, year, code, parts
        self.total = sum(p.value for p in parts)
        ind = BY_CODE[code]
        self.setWindowTitle(f"分解目标：{ind.title}")
        fit_to_screen(self, 520, 520)  # never beyond the screen (ui/screen_fit.py)
        note = QLabel(f"{year} 年度全县目标 {self.total:,} {ind.unit}，按各区域 {year} 年的职工人数分解（最大余数法，"
                      "各区域之和正好等于全县）。改动一个区域，其余区域按职工人数重新分配。")
        note.setWordWrap(True)
        self.table = QTableWidget(len(parts), 3)
        self.table.setHorizontalHeaderLabels(["区域", "职工人数", f"目标（{ind.unit}）"])
        self.table.verticalHeader().hide()
        self.table.setColumnWidth(0, 200)
        self.sum_label = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存分解")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (note, self.table, self.sum_label, buttons):
            layout.addWidget(w)
        self._fill()
        self.table.itemChanged.connect(self._edited)

    def _fill(self) -> None:
        self.table.blockSignals(True)
        for r, p in enumerate(self.parts):
            for c, text in enumerate([p.name, f"{p.employees:,}", str(p.value)]):
                item = QTableWidgetItem(text)
                if c < 2:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        self.sum_label.setText(f"各区域合计 {sum(p.value for p in self.parts):,}，全县目标 {self.total:,}。")

    def set_part(self, row: int, value: int) -> None:
        self.parts = targets.rebalance(self.parts, self.parts[row].area_id, value, self.total)
        self._fill()

    def _edited(self, item: QTableWidgetItem) -> None:
        try:
            self.set_part(item.row(), int(item.text().strip().replace(",", "")))
        except ValueError:
            ask.error(self, "分解目标", f"「{item.text()}」不是整数。")
            self._fill()
        except LedgerError as exc:
            ask.error(self, "分解目标", str(exc))
            self._fill()

    def save(self) -> None:
        try:
            targets.save_split(self.db, self.year, self.code, self.parts)
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))
            return
        self.accept()


class TargetsPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.model = TargetsModel(db, year, self)
        self.view = TargetsView(self.model)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.undo_button = QPushButton("撤销")
        self.undo_button.setToolTip("撤销上一次修改或粘贴（Ctrl+Z）")
        self.redo_button = QPushButton("重做")
        self.redo_button.setToolTip("Ctrl+Y")
        self.copy_button = QPushButton("从上年复制")
        self.copy_button.setToolTip("把上一年度的全部目标复制到本年度（本年度还没有目标时）")
        self.import_button = QPushButton("导入…")
        self.import_button.setToolTip("从 Excel / CSV 导入目标：每行一个目标（指标、区域、目标值），先预览，再写入")
        self.importer = ImportFlow(self, db, KINDS["targets"], lambda: self.model.year)
        self.importer.imported.connect(lambda _n: (self.reload(), self.changed.emit()))
        self.split_button = QPushButton("分解到区域…")
        self.split_button.setToolTip("把所选指标的全县目标按各区域职工人数分解（比率不分解）")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for b in (self.undo_button, self.redo_button, self.copy_button, self.split_button, self.import_button):
            top.addWidget(b)
        hint = QLabel("像表格一样填写：输入数字即修改，比率填百分数（如 80）；可从 Excel/WPS 复制一块粘贴（Ctrl+V），"
                      "Delete 清空，Ctrl+Z 撤销。灰色格子的指标只有全县目标；区域没有填比率目标时按全县目标考核。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #757575;")
        self.status_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        self.undo_button.clicked.connect(lambda: self._guarded(self.model.history.undo))
        self.redo_button.clicked.connect(lambda: self._guarded(self.model.history.redo))
        self.copy_button.clicked.connect(self.copy_last_year)
        self.split_button.clicked.connect(self.split_current)
        self.import_button.clicked.connect(lambda: self.importer.start())
        self.model.stored.connect(self._stored)
        self.model.refused.connect(lambda r: self.status_label.setText(
            f"<span style='color:#c62828'>{len(r)} 个单元格没有保存：{r[0][1]}</span>"))
        self.model.history.changed.connect(self._history_changed)
        for keys, action in ((QKeySequence.StandardKey.Undo, self.model.history.undo),
                             (QKeySequence.StandardKey.Redo, self.model.history.redo)):
            QShortcut(keys, self, lambda a=action: self._guarded(a),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._loaded = False
        self.set_year(year)

    def showEvent(self, event) -> None:
        if not self._loaded:
            self.reload()
        super().showEvent(event)

    def set_year(self, year: int) -> None:
        self.model.year = year
        self.model.history.clear()  # an undo must not write into another year
        self.title.setText(f"{year} 年度目标")
        if self._loaded or self.isVisible():
            self.reload()

    def reload(self) -> None:
        self._loaded = True
        self.model.reload()
        self._history_changed()

    def _history_changed(self) -> None:
        self.undo_button.setEnabled(self.model.history.can_undo())
        self.redo_button.setEnabled(self.model.history.can_redo())

    def _guarded(self, action) -> None:
        try:
            action()
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))

    def _stored(self, count: int, how: str) -> None:
        what = "个目标。" if how == "保存" else "个目标的修改。"
        self.status_label.setText(f"已{how} {count:,} {what}")
        self.changed.emit()

    def copy_last_year(self) -> None:
        year = self.model.year
        try:
            n = targets.copy_targets(self.db, year - 1, year)
        except LedgerError as exc:
            ask.error(self, "从上年复制", str(exc))
            return
        self.reload()
        self.status_label.setText(f"已把 {year - 1} 年度的 {n} 个目标复制到 {year} 年度。")
        self.changed.emit()

    def split_current(self) -> SplitDialog | None:
        index = self.view.currentIndex()
        if not index.isValid():
            ask.info(self, "分解到区域", "请先在表格中选中要分解的指标。")
            return None
        code = TARGETABLE[index.row()]
        try:
            parts = targets.propose_split(self.db, self.model.year, code)
        except LedgerError as exc:
            ask.error(self, "分解到区域", str(exc))
            return None
        dialog = SplitDialog(self.db, self.model.year, code, parts, self)
        dialog.accepted.connect(self._split_saved)
        dialog.open()
        self.split_dialog = dialog
        return dialog

    def _split_saved(self) -> None:
        self.reload()
        self.status_label.setText("已保存分解到各区域的目标。")
        self.changed.emit()
