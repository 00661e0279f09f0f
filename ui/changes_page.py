"""操作记录: who changed which record and when, field by field; imports and pastes as one entry each with their
row count; filtered by date, table and person; a deleted record brought back, a change undone."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import changes
from app.errors import LedgerError
from app.normalize import parse_date

from . import ask

HEADERS = ["编号", "时间", "操作人", "操作", "记录", "内容", "属于"]


def history_table(entries: list[changes.Entry], in_form: bool = False) -> QTableWidget:
    """A record's (or the filter's) changes, newest first; each row's tooltip says it whole. *in_form*: the 修改记录
    tab of a record's own form, narrow: the record is the form's (only its table is said), the entry's number and
    batch are in the tooltip."""
    table = QTableWidget(len(entries), len(HEADERS))
    table.setHorizontalHeaderLabels(HEADERS)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
    for r, e in enumerate(entries):
        values = [str(e.id), e.at, e.who, e.action, e.table_name if in_form else e.record, e.summary(), e.batch]
        lines = [f"第 {e.id} 条　{e.record}" + (f"，属于：{e.batch}" if e.batch else ""),
                 *(f"{k}：{'' if a is None else a} → {'' if b is None else b}" for k, a, b in e.fields(filled=True))]
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip("\n".join(lines))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column, most in ((4, 260), (6, 220)):  # a long unit or file name gives way to what changed (tooltip: whole)
        table.setColumnWidth(column, min(table.columnWidth(column), most))
    table.setColumnWidth(5, 420)
    table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
    if in_form:
        table.hideColumn(0)
        table.hideColumn(6)
    return table


class ChangesPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.entries: list[changes.Entry] = []
        self.since_edit = QLineEdit()
        self.since_edit.setPlaceholderText("从哪天起，如 2026-11-01")
        self.table_combo = QComboBox()
        self.table_combo.addItem("全部", None)
        for table, (name, _) in changes.AUDITED.items():
            self.table_combo.addItem(name, table)
        self.who_edit = QLineEdit()
        self.who_edit.setPlaceholderText("操作人")
        self.undo_button = QPushButton("恢复 / 撤销所选…")
        self.undo_button.setToolTip("删除的记录恢复回来；修改或新增的改回原样（之后没有再改过时）")
        head = QHBoxLayout()
        for w in (QLabel("起始日期"), self.since_edit, QLabel("表"), self.table_combo, QLabel("操作人"), self.who_edit):
            head.addWidget(w)
        head.addStretch()
        head.addWidget(self.undo_button)
        self.batches = QLabel()
        self.batches.setWordWrap(True)
        self.batches.setStyleSheet("color: #616161;")
        self.table = history_table([])
        self.status = QLabel()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(head)
        self.layout_.addWidget(self.batches)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.status)
        for edit in (self.since_edit, self.who_edit):
            edit.editingFinished.connect(self.refresh)
        self.table_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.undo_button.clicked.connect(self.undo_selected)

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        since = None
        if self.since_edit.text().strip():
            try:
                since = parse_date(self.since_edit.text())
            except ValueError as exc:
                self.status.setText(f"<span style='color:#c62828'>起始日期：{exc}</span>")
                return
        self.entries = changes.entries(self.db, table=self.table_combo.currentData(), since=since,
                                       who=self.who_edit.text().strip() or None)
        new = history_table(self.entries)
        self.layout_.replaceWidget(self.table, new)
        self.table.hide()  # at once: deleteLater waits for the event loop, and until then it would lie over the page
        self.table.deleteLater()
        self.table = new
        recent = changes.batches(self.db, 6)
        self.batches.setText("最近的成批操作：" + "；".join(f"{b['at']} {b['who']} {b['what']}（{b['rows']} 条）"
                                                   for b in recent) if recent else "还没有成批的操作（导入、粘贴）。")
        self.status.setText(f"共 {len(self.entries):,} 条（最多显示 2,000 条，可按日期、表、操作人筛选）。"
                            if self.entries else "没有符合条件的操作记录。")

    def undo_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.entries):
            ask.info(self, "恢复 / 撤销", "请先选中一条操作记录。")
            return
        e = self.entries[row]
        verb = "恢复这条删除的" if e.action == "删除" else "撤销这次" + e.action
        text = f"{verb}{e.record}？\n{e.summary()}"
        if not ask.confirm(self, "恢复 / 撤销", text, yes="确定"):
            return
        try:
            done = changes.undo(self.db, e.id)
        except LedgerError as exc:
            ask.error(self, "不能恢复", str(exc))
            return
        self.refresh()
        self.status.setText(done + "。")
        self.table.setFocus()
