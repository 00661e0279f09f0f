"""竞赛: the year's competitions with the year's coverage; the selected one's plan, units and skills contest."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import competitions
from app.indicators import BY_CODE, COVERAGE_CODES, Value, coverage

from . import ask
from .competition_contest import ContestTab
from .competition_plan import PlanTab
from .competition_units import UnitsTab
from .pdf_preview import Previewer
from .tasks import Task, run_task

LIST_HEADERS = ["竞赛名称", "类型", "状态", "参赛单位"]


class CoverageBox(QGroupBox):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.grid = QGridLayout(self)
        self.values: list[QLabel] = []
        for n, code in enumerate(COVERAGE_CODES):
            self.grid.addWidget(QLabel(BY_CODE[code].title), n, 0)
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(value, n, 1)
            self.values.append(value)

    def show_coverage(self, values: list[Value]) -> None:
        for label, value in zip(self.values, values, strict=True):
            label.setText(value.fraction())

    def texts(self) -> list[str]:
        return [v.text() for v in self.values]


class CompetitionsPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.year = year
        self.rows: list[dict[str, object]] = []
        self.previewer = Previewer(self, db)

        self.new_button = QPushButton("新建竞赛")
        self.copy_button = QPushButton("从上年复制…")
        self.copy_button.setToolTip("每年都办的竞赛：复制上年的方案，日期顺延一年，工种保留")
        self.delete_button = QPushButton("删除…")
        buttons = QHBoxLayout()
        for b in (self.new_button, self.copy_button, self.delete_button):
            buttons.addWidget(b)
        self.list = QTableWidget(0, len(LIST_HEADERS))
        self.list.setHorizontalHeaderLabels(LIST_HEADERS)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 92), (2, 48), (3, 60)):
            self.list.setColumnWidth(column, width)
        self.list.verticalHeader().hide()
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #757575;")
        self.year_box = CoverageBox("本年度覆盖面（全部竞赛）")
        # competitions whose end date has passed but still say 进行中: said, and one click to mark them 已结束
        self.overdue_label = QLabel()
        self.overdue_label.setWordWrap(True)
        self.overdue_label.setStyleSheet("color: #e65100;")
        self.end_button = QPushButton("标为已结束")
        self.end_button.setToolTip("把结束日期已过、仍是“进行中”的竞赛改为“已结束”（可在操作记录中撤销）")
        self.overdue_row = QWidget()
        row = QHBoxLayout(self.overdue_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.overdue_label, 1)
        row.addWidget(self.end_button)
        self.overdue_row.hide()
        left = QVBoxLayout()
        left.addLayout(buttons)
        left.addWidget(self.overdue_row)
        left.addWidget(self.list, 1)
        left.addWidget(self.empty_label)
        left.addWidget(self.year_box)
        left_widget = QWidget()
        left_widget.setLayout(left)

        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.plan_tab = PlanTab(db)
        self.units_tab = UnitsTab(db)
        self.contest_tab = ContestTab(db)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan_tab, "方案")
        self.tabs.addTab(self.units_tab, "参赛单位")
        self.tabs.addTab(self.contest_tab, "技能竞赛（工种和选手）")
        self.one_box = CoverageBox("这项竞赛的覆盖面")
        self.list_pdf_button = QPushButton("参赛名单 PDF…")
        self.list_xlsx_button = QPushButton("参赛名单 Excel…")
        outputs = QHBoxLayout()
        outputs.addWidget(self.one_box, 1)
        side = QVBoxLayout()
        side.addWidget(self.list_pdf_button)
        side.addWidget(self.list_xlsx_button)
        side.addStretch()
        outputs.addLayout(side)
        right = QVBoxLayout()
        right.addWidget(self.title_label)
        right.addWidget(self.tabs, 1)
        right.addLayout(outputs)
        right_widget = QWidget()
        right_widget.setLayout(right)

        splitter = self.splitter = QSplitter()
        splitter.addWidget(left_widget)
        splitter.addWidget(right_widget)
        splitter.setSizes([430, 750])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.end_button.clicked.connect(self.mark_overdue_ended)
        self.new_button.clicked.connect(self.new_competition)
        self.copy_button.clicked.connect(self.copy_last_year)
        self.delete_button.clicked.connect(self.delete_current)
        self.list.itemSelectionChanged.connect(self._selected)
        self.plan_tab.saved.connect(self._plan_saved)
        self.plan_tab.pdf_button.clicked.connect(self.print_plan)
        self.units_tab.changed.connect(self._participation_changed)
        self.contest_tab.changed.connect(self.refresh_list)
        self.list_pdf_button.clicked.connect(self.print_participants)
        self.list_xlsx_button.clicked.connect(self.export_participants)
        self._loaded = False
        self._typing_new = False  # 新建竞赛 pressed: its blank form is not replaced by the first competition

    def showEvent(self, event) -> None:
        if not self._loaded:  # the coverage query waits until the page is first looked at
            self.refresh_list()
        super().showEvent(event)

    # -- the list and the year ------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh_list()

    def current_id(self) -> int | None:
        rows = self.list.selectionModel().selectedRows()
        return self.rows[rows[0].row()]["id"] if rows else None

    def refresh_list(self, select: int | None = None) -> None:
        self._loaded = True
        keep = select if select is not None else self.current_id()
        self.rows = competitions.list_competitions(self.db, self.year)
        if keep is None and self.rows and not self._typing_new:  # a year with competitions opens on its first
            keep = self.rows[0]["id"]
        self.list.blockSignals(True)
        self.list.setRowCount(len(self.rows))
        self.overdue = competitions.overdue(self.rows)
        late = {row["id"] for row in self.overdue}
        for r, row in enumerate(self.rows):
            for c, value in enumerate((row["name"], row["kind"], row["status"], row["units"])):
                item = QTableWidgetItem(str(value))
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 2 and row["id"] in late:
                    item.setForeground(QColor("#e65100"))
                    item.setToolTip(f"结束日期 {row['ends_on']} 已过，还是“进行中”")
                self.list.setItem(r, c, item)
        if self.overdue:
            names = "、".join(f"「{row['name']}」" for row in self.overdue[:3])
            names += "等" if len(self.overdue) > 3 else ""
            self.overdue_label.setText(f"{len(self.overdue)} 项竞赛的结束日期已过，仍是“进行中”：{names}。")
        self.overdue_row.setVisible(bool(self.overdue))
        self.list.clearSelection()
        for r, row in enumerate(self.rows):
            if row["id"] == keep:
                self.list.selectRow(r)
        self.list.blockSignals(False)
        last = competitions.previous_year_competitions(self.db, self.year)
        self.copy_button.setEnabled(bool(last))
        self.empty_label.setText("" if self.rows else f"{self.year} 年还没有竞赛。点击“新建竞赛”，"
                                 + ("或“从上年复制…”沿用上年的方案。" if last else "填写竞赛方案。"))
        self.year_box.setTitle(f"{self.year} 年覆盖面（全部竞赛）")
        self.year_box.show_coverage(coverage(self.db, self.year))
        if self.current_id() != self.plan_tab.competition_id or self.plan_tab.year != self.year:
            self._selected()  # another competition, or another year: show it (a new one being typed stays)
        else:
            self._show_one()

    def mark_overdue_ended(self) -> None:
        names = "\n".join(f"{row['name']}（{row['ends_on']} 结束）" for row in self.overdue)
        if not ask.confirm(self, "标为已结束", f"把下面 {len(self.overdue)} 项竞赛改为“已结束”？\n{names}",
                           yes="标为已结束"):
            return
        competitions.mark_ended(self.db, [row["id"] for row in self.overdue])
        self.refresh_list()
        self.changed.emit()

    def _selected(self) -> None:
        competition_id = self.current_id()
        if competition_id is not None:
            self._typing_new = False
        self.delete_button.setEnabled(competition_id is not None)
        self.plan_tab.load(competition_id, self.year)
        self.units_tab.load(competition_id)
        self.contest_tab.load(competition_id)
        self._show_one()

    def _show_one(self) -> None:
        competition_id = self.current_id()
        name = next((r["name"] for r in self.rows if r["id"] == competition_id), None)
        self.title_label.setText(name or ("新建竞赛：填写方案后保存" if self.plan_tab.competition_id is None else ""))
        for w in (self.one_box, self.list_pdf_button, self.list_xlsx_button):
            w.setEnabled(competition_id is not None)
        if competition_id is not None:
            self.one_box.show_coverage(coverage(self.db, self.year, competition_id))

    def _plan_saved(self, competition_id: int) -> None:
        self._typing_new = False
        self.refresh_list(select=competition_id)
        self.changed.emit()

    def _participation_changed(self) -> None:
        self.contest_tab.reload_people()
        self.refresh_list()
        self._show_one()
        self.changed.emit()

    # -- actions -------------------------------------------------------------------------------
    def new_competition(self) -> None:
        self._typing_new = True  # the blank form stays until it is saved or another competition is chosen
        self.list.clearSelection()
        self.plan_tab.load(None, self.year)
        self.units_tab.load(None)
        self.contest_tab.load(None)
        self.tabs.setCurrentWidget(self.plan_tab)
        self._show_one()
        self.plan_tab.name_edit.setFocus()
        self.plan_tab.name_edit.selectAll()

    def copy_last_year(self) -> int | None:
        last = competitions.previous_year_competitions(self.db, self.year)
        if not last:
            return None
        choice = ask.choose(self, "从上年复制", f"选择要沿用到 {self.year} 年的 {self.year - 1} 年竞赛："
                            "方案照搬，起止日期和各阶段顺延一年，工种保留；参赛单位和选手需重新加入。",
                            [name for _, name in last][:8])
        if choice < 0:
            return None
        new_id = competitions.copy_competition(self.db, last[choice][0], self.year)
        self.refresh_list(select=new_id)
        self.tabs.setCurrentWidget(self.plan_tab)
        self.changed.emit()
        return new_id

    def delete_current(self) -> None:
        competition_id = self.current_id()
        if competition_id is None:
            return
        row = next(r for r in self.rows if r["id"] == competition_id)
        text = (f"删除竞赛「{row['name']}」？\n它的方案、{row['units']} 家参赛单位和技能竞赛的工种、选手"
                "将一并删除，不能恢复。")
        if ask.confirm(self, "删除竞赛", text, yes="删除"):
            competitions.delete_competition(self.db, competition_id)
            self.refresh_list()
            self.changed.emit()

    def print_plan(self) -> Task | None:
        competition_id = self.plan_tab.competition_id
        if competition_id is None:
            return None
        from app.pdf.competition import report_plan

        name = self.plan_tab.name_edit.text().strip()
        return self.previewer.start(f"{name}实施方案", f"{name}实施方案.pdf",
                                    lambda db, path, progress: report_plan(db, competition_id, path))

    def print_participants(self) -> Task | None:
        competition_id = self.current_id()
        if competition_id is None:
            return None
        from app.pdf.competition import report_participants

        name = self.plan_tab.name_edit.text().strip()
        return self.previewer.start(f"{name}参赛单位名单", f"{name}参赛单位名单.pdf",
                                    lambda db, path, progress: report_participants(db, competition_id, path, progress))

    def export_participants(self) -> Task | None:
        competition_id = self.current_id()
        if competition_id is None:
            return None
        name = self.plan_tab.name_edit.text().strip()
        path = ask.save_file(self, "导出参赛单位名单", f"{name}参赛单位名单.xlsx", "Excel 工作簿 (*.xlsx)")
        if not path:
            return None
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"
        from app.participation import participant_table
        from app.returns.writer import write_return

        def work(db, progress):
            table = participant_table(db, competition_id)
            write_return(path, [table], progress)
            return len(table.rows)

        return run_task(self, "正在导出…", self.db, work,
                        lambda count: ask.info(self, "导出完成", f"已导出 {count:,} 家参赛单位：\n{path}"),
                        lambda message: ask.error(self, "导出失败", message))
