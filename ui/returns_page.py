"""报表: the catalog of returns for the working year — each previewed as the table it is, the records behind any
cell on a double click, exported (several into one workbook) or printed behind the logic check, submitted and
recorded; 上报记录 lists what was sent and shows what differs now."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import checks
from app.errors import LedgerError
from app.indicators import shown
from app.returns import catalog, output

from . import ask
from .overview_page import GapDialog
from .pdf_preview import Previewer
from .tasks import run_task

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def cell_text(col: catalog.Col, value: object) -> str:
    if value is None:
        return ""
    if col.kind == "rate":
        return f"{value:.1f}"
    if col.kind == "decimal":
        return f"{value:,.2f}"
    if col.kind == "int" and isinstance(value, int | float):
        return f"{value:,.0f}"
    return str(value)


class ReturnsPage(QWidget):
    go_to = Signal(str)

    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.year = year
        self.built: catalog.Built | None = None
        self.report: checks.CheckReport | None = None
        self.previewer = Previewer(self, db)
        self.dialog: QWidget | None = None

        self.list = QListWidget()
        self.list.setMaximumWidth(260)
        for r in catalog.RETURNS:
            item = QListWidgetItem(f"{r.number}  {r.title}")
            item.setData(Qt.ItemDataRole.UserRole, r.number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.check_button = QPushButton("逻辑检查…")
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.setToolTip("把左边勾选的各表导出到一个 .xlsx，一表一页")
        self.submit_button = QPushButton("正式上报…")
        self.submit_button.setToolTip("导出勾选的各表，并记入上报记录（文件的 SHA-256 和每个格子的数），以后可以比较")
        self.print_button = QPushButton("打印本表…")
        head = QHBoxLayout()
        head.addWidget(self.status, 1)
        for b in (self.check_button, self.print_button, self.export_button, self.submit_button):
            head.addWidget(b)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setToolTip("双击一个数，列出它所计的单位")
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notes = QLabel()
        preview = QWidget()
        pv = QVBoxLayout(preview)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(self.title)
        pv.addWidget(self.table, 1)
        pv.addWidget(self.notes)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(preview)
        split.setSizes([240, 980])
        returns_tab = QWidget()
        rl = QVBoxLayout(returns_tab)
        rl.addLayout(head)
        rl.addWidget(split, 1)

        self.sent = QTableWidget(0, 7)
        self.sent.setHorizontalHeaderLabels(["编号", "表号", "年度", "上报时间", "填表人", "文件", "逻辑检查"])
        self.sent.verticalHeader().hide()
        self.sent.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.sent.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.sent.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.compare_button = QPushButton("与现在比较…")
        self.compare_button.setToolTip("现在重新生成这张表，逐格对比上报时的数")
        sent_tab = QWidget()
        sl = QVBoxLayout(sent_tab)
        sl.addWidget(QLabel("每次“正式上报”都记在这里：表、年度、时间、填表人、文件和它的 SHA-256、每个格子的数。"))
        sl.addWidget(self.sent, 1)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.compare_button)
        sl.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.addTab(returns_tab, "报表")
        self.tabs.addTab(sent_tab, "上报记录")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.list.currentRowChanged.connect(lambda _r: self.show_return())
        self.table.cellDoubleClicked.connect(self.show_behind)
        self.check_button.clicked.connect(lambda: self.go_to.emit("逻辑检查"))
        self.export_button.clicked.connect(lambda: self.export(submit=False))
        self.submit_button.clicked.connect(lambda: self.export(submit=True))
        self.print_button.clicked.connect(self.print_current)
        self.compare_button.clicked.connect(self.compare)
        self.list.setCurrentRow(0)

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def set_year(self, year: int) -> None:
        self.year = year
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.report = checks.run(self.db, self.year)
        ok = self.report.passed
        color = "#2e7d32" if ok else "#c62828"
        self.status.setText(f"<b>{self.year} 年度</b>　<span style='color:{color}'>{self.report.status_line()}</span>"
                            + ("" if ok else "　导出前请先处理逻辑检查的问题（或确认强制导出）。"))
        self.show_return()
        self.fill_sent()

    def current_number(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else catalog.RETURNS[0].number

    def checked_numbers(self) -> list[str]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def show_return(self) -> None:
        if not self.isVisible():  # built when the page is shown (showEvent), not at the window's start
            return
        self.built = b = catalog.build(self.db, self.current_number(), self.year)
        first = catalog.BY_NUMBER[b.number].first_column
        self.title.setText(f"{b.number}　{b.title}（计量单位：{b.unit_of_measure}）")
        rows = [*b.rows] + ([("合计", b.totals)] if b.totals is not None else [])
        self.table.clear()
        self.table.setColumnCount(1 + len(b.columns))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([first, *(c.key.replace("/", "\n") for c in b.columns)])
        bold = QFont(self.font())
        bold.setBold(True)
        for r, (label, cells) in enumerate(rows):
            item = QTableWidgetItem(label)
            self.table.setItem(r, 0, item)
            for c, (col, value) in enumerate(zip(b.columns, cells, strict=True), 1):
                cell = QTableWidgetItem(cell_text(col, value))
                if col.kind in ("int", "decimal", "rate"):
                    cell.setTextAlignment(RIGHT)
                self.table.setItem(r, c, cell)
            if label == "合计" or label.endswith("小计"):
                for c in range(self.table.columnCount()):
                    self.table.item(r, c).setFont(bold)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setMinimumHeight(44)
        self.notes.setText("；".join(b.notes))

    def show_behind(self, row: int, column: int) -> GapDialog | None:
        if self.built is None or column == 0:
            return None
        title, units = catalog.behind_units(self.db, self.built, row, column - 1)
        if not title:
            ask.info(self, "这个格子", "这张表的这一格直接来自登记的记录（名录、名单），不是按单位统计的数。")
            return None
        rows = [[str(u["name"]), str(u.get("area") or ""), shown(u.get("employees"), "人")] for u in units]
        self.dialog = GapDialog(f"{self.year} 年度{title}", ["单位", "区域", "职工人数"], rows, self)
        self.dialog.open()
        return self.dialog

    def _forced(self) -> bool | None:
        """True to export although the check has not passed (asked), False when it passed, None to stop."""
        if self.report is None or self.report.passed:
            return False
        text = (f"{self.year} 年度的逻辑检查没有通过：{self.report.status_line()}。\n\n"
                "一般应先在“逻辑检查”页改正错误、为提示写说明，再导出。确需现在导出，报表标题下会注明“未通过逻辑检查”。")
        return True if ask.confirm(self, "未通过逻辑检查", text, yes="仍然导出") else None

    def export(self, submit: bool) -> None:
        numbers = self.checked_numbers()
        if not numbers:
            ask.info(self, "导出", "请先在左边勾选要导出的表。")
            return
        force = self._forced()
        if force is None:
            return
        name = f"{self.year}年度{'、'.join(numbers)}.xlsx" if len(numbers) < 3 else f"{self.year}年度上报表.xlsx"
        path = ask.save_file(self, "导出上报表", name, "Excel 文件 (*.xlsx)")
        if not path:
            return
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"
        year = self.year

        def done(result: output.Exported) -> None:
            self.fill_sent()
            recorded = f"，并记入上报记录（编号 {'、'.join(map(str, result.submission_ids))}）" if submit else ""
            ask.info(self, "已导出", f"已导出 {'、'.join(result.numbers)}（{result.status_line}）{recorded}：\n{path}")

        self._task = run_task(self, "正在导出…", self.db,
                              lambda db, progress: output.export_returns(db, numbers, year, path, force=force,
                                                                         submit=submit),
                              done, lambda message: ask.error(self, "没有导出", message))

    def print_current(self):
        force = self._forced()
        if force is None:
            return None
        number, year = self.current_number(), self.year
        return self.previewer.start(f"{year}年度{number}", f"{year}年度{number}.pdf",
                                    lambda db, path, progress: output.report_return(db, number, year, path, force))

    # -- 上报记录 ---------------------------------------------------------------------------------

    def fill_sent(self) -> None:
        rows = output.submissions(self.db)
        self.sent.setRowCount(len(rows))
        for r, s in enumerate(rows):
            values = [s["id"], s["number"], s["year"], s["submitted_at"], s["filler"], s["file_name"], s["status_line"]]
            for c, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                item.setToolTip(f"SHA-256：{s['sha256']}")
                self.sent.setItem(r, c, item)
        self.compare_button.setEnabled(bool(rows))

    def compare(self) -> GapDialog | None:
        row = self.sent.currentRow()
        if row < 0:
            ask.info(self, "与现在比较", "请先选中一条上报记录。")
            return None
        try:
            d = output.diff(self.db, int(self.sent.item(row, 0).text()))
        except LedgerError as exc:
            ask.error(self, "与现在比较", str(exc))
            return None
        s = d.submission
        if not d.changes:
            title = f"{s['year']} 年度{s['number']}（{s['submitted_at']} 上报）：现在重新生成，每个格子都与上报时相同"
        else:
            title = f"{s['year']} 年度{s['number']}（{s['submitted_at']} 上报）：{len(d.changes)} 个格子与上报时不同"
        rows = [[*c.key.split("|", 1), "" if c.sent is None else str(c.sent), "" if c.now is None else str(c.now)]
                for c in d.changes]
        rows += [[f"上报后修改过：{e}", "", "", ""] for e in d.edited]
        self.dialog = GapDialog(title, ["行", "列", "上报时", "现在"], rows, self)
        self.dialog.open()
        return self.dialog
