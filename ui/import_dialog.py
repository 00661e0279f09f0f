"""导入名单 (units, people): which column is which (the user can correct it), a preview of every row, then one write.

Reading the file, checking the rows and writing them each run off the GUI thread with progress and
取消; nothing is written until the user presses 导入 on the preview, and then all valid rows or none.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import areas as area_service
from app import years
from app.codes import UNIT_CATEGORIES
from app.importing.kinds import ImportKind
from app.importing.mapping import Mapping
from app.importing.plan import STATUS_NAMES, ImportOptions, ImportPlan
from app.importing.reader import Sheet, cell_text

from . import ask
from .fields import set_combo_data
from .screen_fit import fit_to_screen
from .tasks import Task, run_task

SAMPLE_ROWS = 6
STATUS_COLOURS = {"refused": "#fde2e1", "new": "#e3f4e1", "updated": "#e4eefb", "unchanged": None}


# the kinds whose rows go into a year the dialog asks for, and how it asks
YEAR_KINDS = {"units": "人数等数据记入", "figures": "年度数据记入", "targets": "目标记入"}

class PlanModel(QAbstractTableModel):
    """The preview's rows: 行号, 结果, 单位名称, 说明; filtered by status."""

    HEADERS = ["行号", "结果", "单位名称", "说明"]

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list = []

    def show(self, plan: ImportPlan, status: str | None) -> None:
        self.beginResetModel()
        self.rows = [r for r in plan.rows if status is None or r.status == status]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [str(r.row), STATUS_NAMES[r.status], r.name, "；".join(r.reasons)][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and r.reasons:
            return "\n".join(r.reasons)
        if role == Qt.ItemDataRole.BackgroundRole and STATUS_COLOURS[r.status]:
            return QBrush(QColor(STATUS_COLOURS[r.status]))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ImportDialog(QDialog):
    """`imported` carries how many units were written."""

    imported = Signal(int)
    sheet_requested = Signal(str)  # the user chose another sheet of the same workbook

    def __init__(self, db: Database, kind: ImportKind, sheet: Sheet, mapping: Mapping, year: int,
                 parent: QWidget | None = None, extra: dict | None = None):
        super().__init__(parent)
        self.db = db
        self.kind = kind
        self.extra = extra or {}  # more ImportOptions, e.g. the competition a participation list is for
        self.sheet = sheet
        self.mapping = mapping
        self.plan: ImportPlan | None = None
        self.task: Task | None = None
        self.setWindowTitle(f"导入{kind.title} — {sheet.file_name}")
        fit_to_screen(self, 1000, 680)  # never beyond the screen (ui/screen_fit.py)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._mapping_page(year))
        self.stack.addWidget(self._preview_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    # -- step 1: which column is which --------------------------------------------------------
    def _mapping_page(self, year: int) -> QWidget:
        page = QWidget()
        where = f"工作表「{self.sheet.sheet_name}」" + (f"，{self.sheet.encoding} 编码" if self.sheet.encoding else "")
        intro = QLabel(f"文件：{self.sheet.file_name}（{where}），表头在第 {self.mapping.header_row + 1} 行。"
                       "程序已按列名自动对应，请核对；不需要的列选“（不导入）”。")
        intro.setWordWrap(True)
        self.sheet_combo = QComboBox()
        self.sheet_combo.addItems(self.sheet.sheet_names)
        self.sheet_combo.setCurrentText(self.sheet.sheet_name)
        self.sheet_combo.currentTextChanged.connect(self.sheet_requested)
        sheets = QHBoxLayout()
        sheets.addWidget(QLabel("工作表"))
        sheets.addWidget(self.sheet_combo)
        sheets.addStretch()
        self.column_combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        for n, target in enumerate(self.kind.targets):
            combo = QComboBox()
            combo.addItem("（不导入）", None)
            for c, header in enumerate(self.mapping.headers):
                combo.addItem(f"第 {_letters(c)} 列：{header or '（无列名）'}", c)
            set_combo_data(combo, self.mapping.column_of(target.key))
            self.column_combos[target.key] = combo
            label = QLabel(target.label + ("（必需）" if target.required else ""))
            grid.addWidget(label, n // 3, (n % 3) * 2)
            grid.addWidget(combo, n // 3, (n % 3) * 2 + 1)
        fields = QGroupBox("列的对应")
        fields.setLayout(grid)

        self.year_combo = QComboBox()
        for y in years.year_choices(self.db, year):
            self.year_combo.addItem(f"{y} 年", y)
        set_combo_data(self.year_combo, year)
        self.area_default = QComboBox()
        self.area_default.addItem("（不指定：没有区域的行不能导入）", None)
        for area in area_service.list_areas(self.db):
            self.area_default.addItem(area.name, area.id)
        self.category_default = QComboBox()
        self.category_default.addItem("（不指定：没有类别的新单位不能导入）", None)
        for code, name, _ in UNIT_CATEGORIES:
            self.category_default.addItem(f"{code} {name}", code)
        options = QGridLayout()
        # the year is asked for units and figures, the defaults for units only
        if self.kind.key in YEAR_KINDS:
            options.addWidget(QLabel(YEAR_KINDS[self.kind.key]), 0, 0)
            options.addWidget(self.year_combo, 0, 1)
        else:
            self.year_combo.hide()
        if self.kind.key == "units":
            options.addWidget(QLabel("没有“所属区域”的行记入"), 0, 2)
            options.addWidget(self.area_default, 0, 3)
            options.addWidget(QLabel("没有“单位类别”的新单位记为"), 1, 2)
            options.addWidget(self.category_default, 1, 3)
        else:
            self.area_default.hide()
            self.category_default.hide()
        options.setColumnStretch(4, 1)

        sample = QTableWidget()
        body = self.sheet.rows[self.mapping.header_row + 1:self.mapping.header_row + 1 + SAMPLE_ROWS]
        sample.setColumnCount(len(self.mapping.headers))
        sample.setRowCount(len(body))
        sample.setHorizontalHeaderLabels([f"{_letters(c)} {h}" for c, h in enumerate(self.mapping.headers)])
        sample.setVerticalHeaderLabels([str(self.mapping.header_row + 2 + n) for n in range(len(body))])
        for r, row in enumerate(body):
            for c in range(len(self.mapping.headers)):
                sample.setItem(r, c, QTableWidgetItem(cell_text(row[c]) if c < len(row) else ""))
        sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        sample.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.sample = sample

        self.preview_button = QPushButton("预览导入")
        self.preview_button.setDefault(True)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        self.preview_button.clicked.connect(self.make_preview)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(cancel)

        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        if len(self.sheet.sheet_names) > 1:
            layout.addLayout(sheets)
        layout.addWidget(fields)
        if self.kind.key in YEAR_KINDS:
            layout.addLayout(options)
        layout.addWidget(QLabel(f"文件的前 {len(body)} 行数据："))
        layout.addWidget(sample, 1)
        layout.addLayout(buttons)
        return page

    def chosen_mapping(self) -> Mapping:
        columns = {key: combo.currentData() for key, combo in self.column_combos.items()
                   if combo.currentData() is not None}
        return Mapping(self.mapping.header_row, self.mapping.headers, columns)

    def options(self) -> ImportOptions:
        return ImportOptions(self.year_combo.currentData(), self.area_default.currentData(),
                             self.category_default.currentData(), **self.extra)

    def make_preview(self) -> Task | None:
        mapping = self.chosen_mapping()
        if "name" not in mapping.columns:
            label = self.kind.labels["name"]
            ask.error(self, "不能预览", f"请为“{label}”选择一列：没有{label}就无法导入。")
            return None
        used = list(mapping.columns.values())
        if len(used) != len(set(used)):
            twice = {c for c in used if used.count(c) > 1}
            names = "、".join(self.mapping.headers[c] or _letters(c) for c in sorted(twice))
            ask.error(self, "不能预览", f"同一列（{names}）被对应到了两个项目，请改正。")
            return None
        sheet, options, kind = self.sheet, self.options(), self.kind

        def done(plan: ImportPlan) -> None:
            self.plan = plan
            self._show_plan()
            self.stack.setCurrentIndex(1)

        self.task = run_task(self, "正在检查每一行…", self.db,
                             lambda db, progress: kind.plan(db, sheet, mapping, options, progress), done,
                             lambda message: ask.error(self, "无法预览", message))
        return self.task

    # -- step 2: the preview -----------------------------------------------------------------
    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("font-size: 11pt;")
        self.status_filter = QComboBox()
        for text, status in (("全部行", None), ("不能导入", "refused"), ("新增", "new"), ("更新", "updated"),
                             ("无变化", "unchanged")):
            self.status_filter.addItem(text, status)
        self.status_filter.currentIndexChanged.connect(self._filter_rows)
        self.rows_model = PlanModel(self)
        self.rows_view = QTableView()
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setWordWrap(False)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.verticalHeader().hide()
        self.rows_view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((60, 80, 280)):
            self.rows_view.setColumnWidth(column, width)

        self.save_refused_button = QPushButton("保存不能导入的行…")
        self.save_refused_button.setToolTip("另存为 .xlsx，带“错误原因”列，可发回填报单位改正")
        back = QPushButton("返回修改对应")
        back.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        self.save_refused_button.clicked.connect(self.save_refused)
        self.import_button.clicked.connect(self.run_import)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_refused_button)
        buttons.addStretch()
        for b in (back, self.import_button, cancel):
            buttons.addWidget(b)

        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(QLabel("显示"))
        top.addWidget(self.status_filter)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.rows_view, 1)
        layout.addLayout(buttons)
        return page

    def _show_plan(self) -> None:
        plan = self.plan
        skipped = f"；跳过空行和合计、填表人等 {plan.skipped} 行" if plan.skipped else ""
        text = f"共检查 {len(plan.rows):,} 行：{plan.summary()}{skipped}。"
        if plan.refused:
            text += "\n不能导入的行不会写入；可以先导入其余的行，再把不能导入的行另存后发回改正。"
        self.summary_label.setText(text)
        count = len(plan.to_write)
        self.import_button.setText(f"导入 {count:,} {self.kind.noun}" if count else "没有需要导入的行")
        self.import_button.setEnabled(count > 0)
        self.save_refused_button.setEnabled(bool(plan.refused))
        set_combo_data(self.status_filter, "refused" if plan.refused else None)
        self._filter_rows()

    def _filter_rows(self) -> None:
        if self.plan is not None:
            self.rows_model.show(self.plan, self.status_filter.currentData())

    def save_refused(self) -> None:
        stem = self.sheet.file_name.rsplit(".", 1)[0]
        path = ask.save_file(self, "保存不能导入的行", f"{stem}-不能导入的行.xlsx", "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        from app.errors import LedgerError, describe_os_error
        from app.importing.refused import write_refused

        try:
            write_refused(path, self.plan)
        except OSError as exc:
            ask.error(self, "没有保存", describe_os_error(exc))
            return
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))
            return
        ask.info(self, "已保存", f"不能导入的 {len(self.plan.refused):,} 行已保存：\n{path}")

    def run_import(self) -> Task | None:
        plan = self.plan
        if plan is None or not plan.to_write:
            return None

        def done(written: int) -> None:
            self.imported.emit(written)
            ask.info(self, "导入完成", f"已导入 {written:,} {self.kind.noun}（新增 {plan.count('new'):,}，"
                                      f"更新 {plan.count('updated'):,}）。")
            self.accept()

        self.task = run_task(self, "正在导入…", self.db, lambda db, progress: self.kind.apply(db, plan, progress),
                             done, lambda message: ask.error(self, "导入没有完成，数据未改变", message))
        return self.task


class ImportFlow(QObject):
    """导入…: choose a file, read it off the GUI thread, then the dialog. `dialog` is the open one."""

    imported = Signal(int)

    def __init__(self, owner: QWidget, db: Database, kind: ImportKind, year: Callable[[], int],
                 extra: Callable[[], dict] = dict):
        super().__init__(owner)
        self.owner = owner
        self.db = db
        self.kind = kind
        self.year = year
        self.extra = extra
        self.dialog: ImportDialog | None = None

    def start(self, path: str = "", sheet_name: str | None = None) -> Task | None:
        owner, kind = self.owner, self.kind
        path = path or ask.open_file(owner, f"导入{kind.title}",
                                     "表格文件 (*.xlsx *.xls *.xlsm *.ods *.csv);;所有文件 (*)")
        if not path:
            return None

        def done(result) -> None:
            sheet, mapping = result
            if self.dialog is not None:
                self.dialog.close()
            self.dialog = ImportDialog(self.db, kind, sheet, mapping, self.year(), owner, self.extra())
            self.dialog.imported.connect(self.imported)
            self.dialog.sheet_requested.connect(lambda name: self.start(path, name))
            self.dialog.open()

        return run_task(owner, "正在读取文件…", self.db, lambda db, progress: kind.open(path, sheet_name), done,
                        lambda message: ask.error(owner, "无法导入", message))


def _letters(column: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column names a spreadsheet shows."""
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name
