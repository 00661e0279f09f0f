"""A competition's 技能竞赛 tab: trades (工种), and each trade's contestants with score and rank."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import indicators, participation, targets
from app.errors import LedgerError, ValidationError
from app.validators import mask_id

from . import ask

HEADERS = ["名次", "姓名", "身份证号", "单位", "成绩", "推荐技术能手"]


class ContestTab(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.competition_id: int | None = None
        self.people: dict[str, int] = {}

        self.trade_list = QListWidget()
        self.trade_list.setMaximumWidth(220)
        self.trade_edit = QLineEdit()
        self.trade_edit.setPlaceholderText("新工种，如 焊工")
        self.add_trade_button = QPushButton("添加工种")
        self.remove_trade_button = QPushButton("删除工种…")
        left = QVBoxLayout()
        left.addWidget(QLabel("工种"))
        left.addWidget(self.trade_list, 1)
        left.addWidget(self.trade_edit)
        row = QHBoxLayout()
        row.addWidget(self.add_trade_button)
        row.addWidget(self.remove_trade_button)
        left.addLayout(row)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()  # the 名次 column says the order
        for column, width in enumerate((44, 80, 140, 0, 56, 96)):
            if width:
                self.table.setColumnWidth(column, width)
        self.person_edit = QLineEdit()
        self.person_edit.setPlaceholderText("参赛单位的职工：输入姓名或单位中的几个字，从列表中选")
        self.score_edit, self.rank_edit = QLineEdit(), QLineEdit()
        self.score_edit.setMaximumWidth(80)
        self.rank_edit.setMaximumWidth(60)
        self.add_button = QPushButton("添加选手")
        self.remove_button = QPushButton("移除选手")
        # the person on a line of its own: beside the score, rank and buttons a narrow window (a laptop at 125 %)
        # squeezed the box to nothing
        entry = QHBoxLayout()
        for label, w in (("成绩", self.score_edit), ("名次", self.rank_edit)):
            entry.addWidget(QLabel(label))
            entry.addWidget(w)
        entry.addStretch(1)
        entry.addWidget(self.add_button)
        entry.addWidget(self.remove_button)
        self.trades_label = QLabel()
        self.trades_label.setWordWrap(True)  # never widens the page beyond a laptop at 125 %
        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.person_edit)
        right.addLayout(entry)
        right.addWidget(self.trades_label)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left)
        layout.addLayout(right, 1)

        self.trade_list.currentRowChanged.connect(lambda _row: self.show_contestants())
        self.add_trade_button.clicked.connect(self.add_trade)
        self.trade_edit.returnPressed.connect(self.add_trade)
        self.remove_trade_button.clicked.connect(self.remove_trade)
        self.add_button.clicked.connect(self.add_contestant)
        self.remove_button.clicked.connect(self.remove_contestant)

    def load(self, competition_id: int | None) -> None:
        self.competition_id = competition_id
        self.setEnabled(competition_id is not None)
        self.reload_people()
        self.refresh()

    def reload_people(self) -> None:
        """Persons of the units taking part: the contestants one can choose."""
        rows = participation.contestant_choices(self.db, self.competition_id)
        self.people = {f"{name}（{unit}，编号 {pid}）": pid for pid, name, unit in rows}
        completer = QCompleter(list(self.people), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.person_edit.setCompleter(completer)

    def refresh(self, select: int | None = None) -> None:
        current = select if select is not None else self.trade_id()
        self.trade_list.blockSignals(True)
        self.trade_list.clear()
        trades = participation.trades(self.db, self.competition_id) if self.competition_id else []
        for trade_id, name, count in trades:
            item = QListWidgetItem(f"{name}（{count} 人）")
            item.setData(Qt.ItemDataRole.UserRole, trade_id)
            self.trade_list.addItem(item)
            if trade_id == current:
                self.trade_list.setCurrentItem(item)
        if self.trade_list.currentRow() < 0 and trades:
            self.trade_list.setCurrentRow(0)
        self.trade_list.blockSignals(False)
        self.show_contestants()

    def trade_id(self) -> int | None:
        item = self.trade_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_contestants(self) -> None:
        trade_id = self.trade_id()
        self.rows = participation.contestants(self.db, trade_id) if trade_id else []
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values = [row["rank"], row["name"], mask_id(row["id_number"]), row["unit"],
                      None if row["score"] is None else f"{row['score']:g}", "★ 推荐" if row["recommended"] else ""]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        for w in (self.person_edit, self.add_button, self.remove_button, self.remove_trade_button):
            w.setEnabled(trade_id is not None)
        year = participation.competition_year(self.db, self.competition_id)
        if year:
            count = indicators.compute(self.db, year, codes=["trades"]).get("trades").value
            goal = targets.goal_text(self.db, year, "trades")
            self.trades_label.setText(f"{year} 年各项技能竞赛共 {count} 个工种（{goal}）。"
                                      "每个工种的第一名推荐为技术能手。")

    def add_trade(self) -> None:
        try:
            trade_id = participation.add_trade(self.db, self.competition_id, self.trade_edit.text())
        except ValidationError as exc:
            ask.error(self, "没有添加", str(exc.errors[0]))
            return
        self.trade_edit.clear()
        self.refresh(select=trade_id)
        self.changed.emit()

    def remove_trade(self) -> None:
        trade_id = self.trade_id()
        if trade_id is None:
            return
        name = self.trade_list.currentItem().text()
        if ask.confirm(self, "删除工种", f"删除工种「{name}」及其全部选手？", yes="删除"):
            participation.remove_trade(self.db, trade_id)
            self.refresh()
            self.changed.emit()

    def add_contestant(self) -> None:
        person_id = self.people.get(self.person_edit.text().strip())
        if person_id is None:
            ask.error(self, "没有添加", "请从下拉列表中选择参赛单位的职工。\n"
                                      "选手所在单位须先加入“参赛单位”；职工可在“职工”页中录入或导入。")
            return
        try:
            participation.save_contestant(self.db, self.trade_id(), person_id, self.score_edit.text(),
                                          self.rank_edit.text())
        except ValidationError as exc:
            ask.error(self, "没有添加", "\n".join(str(e) for e in exc.errors))
            return
        except LedgerError as exc:
            ask.error(self, "没有添加", str(exc))
            return
        for edit in (self.person_edit, self.score_edit, self.rank_edit):
            edit.clear()
        self.refresh()
        self.changed.emit()

    def remove_contestant(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            participation.remove_contestant(self.db, self.rows[rows[0].row()]["id"])
            self.refresh()
            self.changed.emit()
