"""逻辑检查: every check of the working year with what it found; a 说明 written for each 提示; a double click
opens the record a finding points at; the 逻辑检查报告 printed. Returns leave marked 逻辑正确 only from here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import checks, settings
from app.checks import ERROR, Finding
from app.errors import LedgerError

from . import ask
from .pdf_preview import Previewer

RED, AMBER = QBrush(QColor("#c62828")), QBrush(QColor("#8d6e00"))
PAGES = {"honor": "荣誉", "studio": "工作室", "hazard": "安全生产", "return": "报表"}


class ChecksPage(QWidget):
    go_to = Signal(str)
    open_unit = Signal(int)

    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.year = year
        self.report: checks.CheckReport | None = None
        self.previewer = Previewer(self, db)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.run_button = QPushButton("重新检查")
        self.note_button = QPushButton("写说明…")
        self.note_button.setToolTip("为所选的提示写一句说明（如“该单位本年扩建，人数增加属实”）；错误须改正数据")
        self.print_button = QPushButton("打印检查报告…")
        head = QHBoxLayout()
        head.addWidget(self.status, 1)
        for b in (self.run_button, self.note_button, self.print_button):
            head.addWidget(b)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["类别", "代码", "问题", "说明"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 52)
        self.table.setColumnWidth(1, 52)
        self.table.setColumnWidth(3, 300)
        self.table.setToolTip("双击一行，打开它指出的记录")
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #2e7d32; font-size: 12pt;")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel("错误：数据自相矛盾，必须改正，否则报表只能强制导出并注明“未通过逻辑检查”。"
                      "提示：数字不寻常，核实后写一句说明即可放行，说明会印在检查报告上。全部通过时报表标明“逻辑正确”。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #757575;")
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.run_button.clicked.connect(self.refresh)
        self.note_button.clicked.connect(self.write_note)
        self.print_button.clicked.connect(self.print_report)
        self.table.cellDoubleClicked.connect(lambda r, _c: self.open_record(r))
        self.table.itemSelectionChanged.connect(self._selected)

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def set_year(self, year: int) -> None:
        self.year = year
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.report = r = checks.run(self.db, self.year)
        color = "#2e7d32" if r.passed else "#c62828"
        self.status.setText(f"<b>{self.year} 年度逻辑检查</b>：共 {len(checks.CHECKS)} 项检查，"
                            f"错误 {len(r.errors)} 处，提示 {len(r.findings) - len(r.errors)} 处"
                            f"（{len(r.unexplained)} 处未写说明）。"
                            f"<span style='color:{color}'>{r.status_line()}</span>")
        self.table.setRowCount(len(r.findings))
        for n, f in enumerate(r.findings):
            note = r.note_of(f) or ("须改正数据" if f.severity == ERROR else "（未写说明）")
            for c, text in enumerate([f.severity, f.code, f.message, note]):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setForeground(RED if f.severity == ERROR else AMBER)
                item.setToolTip(f.message)
                self.table.setItem(n, c, item)
        self.empty_label.setText("" if r.findings else "没有发现问题：各表逻辑正确。")
        self.empty_label.setVisible(not r.findings)
        self._selected()

    def current(self) -> Finding | None:
        row = self.table.currentRow()
        return self.report.findings[row] if self.report and 0 <= row < len(self.report.findings) else None

    def _selected(self) -> None:
        f = self.current()
        self.note_button.setEnabled(f is not None and f.severity != ERROR)

    def write_note(self) -> None:
        f = self.current()
        if f is None:
            return
        text = ask.text(self, "写说明", f"{f.message}\n\n说明（为什么这个数是对的）：", self.report.note_of(f))
        if text is None:
            return
        try:
            checks.explain(self.db, self.year, f, text, settings.union_info(self.db).filler)
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))
            return
        row = self.table.currentRow()
        self.refresh()
        self.table.selectRow(row)

    def open_record(self, row: int) -> None:
        f = self.report.findings[row] if self.report and row < len(self.report.findings) else None
        if f is None:
            return
        kind = f.record.split(":", 1)[0]
        if kind == "unit" and f.record_id is not None:
            self.open_unit.emit(f.record_id)
        elif kind in PAGES:
            self.go_to.emit(PAGES[kind])

    def print_report(self):
        from app.pdf.check_report import report_check  # reportlab: loaded when first needed, not at the start

        year = self.year
        return self.previewer.start(f"{year}年度逻辑检查报告", f"{year}年度逻辑检查报告.pdf",
                                    lambda db, path, progress: report_check(db, year, path))
