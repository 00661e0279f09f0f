"""A competition's 参赛单位 tab: add units one by one or in bulk, record results, remove (asking first)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
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

from app import participation
from app.codes import AWARDS
from app.db import describe_sqlite_error
from app.errors import LedgerError, ValidationError
from app.importing.kinds import KINDS
from app.lookups import unit_choices
from app.participation import BULK_CHOICES

from . import ask
from .fields import fill_areas
from .import_dialog import ImportFlow

OFF_ROLL = QBrush(QColor("#9e9e9e"))
HEADERS = ["单位名称", "区域", "职工人数", "参赛职工人数", "成绩", "名次", "奖项"]


class UnitsTab(QWidget):
    """`changed` after any change, so coverage can follow."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.competition_id: int | None = None
        self.rows: list[dict[str, object]] = []

        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText("输入单位名称中的几个字，从列表中选，再点“加入”")
        self.add_button = QPushButton("加入")
        self.bulk_combo = QComboBox()
        for key, text in BULK_CHOICES.items():
            self.bulk_combo.addItem(text, key)
        self.area_combo = QComboBox()
        self.bulk_button = QPushButton("批量加入…")
        self.import_button = QPushButton("导入名单…")
        self.import_button.setToolTip("从 Excel 或 CSV 导入参赛单位及其参赛人数、成绩、名次、奖项")
        self.importer = ImportFlow(self, db, KINDS["participants"], self._year,
                                   lambda: {"competition_id": self.competition_id})
        self.importer.imported.connect(lambda _n: (self.refresh(), self.changed.emit()))
        one = QHBoxLayout()
        one.addWidget(QLabel("逐个加入"))
        one.addWidget(self.unit_edit, 1)
        one.addWidget(self.add_button)
        bulk = QHBoxLayout()
        bulk.addWidget(QLabel("批量加入"))
        bulk.addWidget(self.bulk_combo)
        bulk.addWidget(self.area_combo)
        bulk.addWidget(self.bulk_button)
        bulk.addStretch()
        bulk.addWidget(self.import_button)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((0, 88, 64, 84, 56, 44, 80)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.count_label = QLabel()

        self.participants_edit, self.score_edit, self.rank_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.award_combo = QComboBox()
        self.award_combo.addItem("（无）", "")
        for award in AWARDS:
            self.award_combo.addItem(award, award)
        self.result_button = QPushButton("保存成绩")
        self.remove_button = QPushButton("移出竞赛…")
        edit = QHBoxLayout()
        for label, w in (("参赛职工人数", self.participants_edit), ("成绩", self.score_edit), ("名次", self.rank_edit),
                         ("奖项", self.award_combo)):
            edit.addWidget(QLabel(label))
            edit.addWidget(w)
        edit.addWidget(self.result_button)
        edit.addStretch()
        edit.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(one)
        layout.addLayout(bulk)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(edit)

        self.add_button.clicked.connect(self.add_one)
        self.unit_edit.returnPressed.connect(self.add_one)
        self.bulk_button.clicked.connect(self.add_bulk)
        self.import_button.clicked.connect(lambda: self.importer.start())
        self.bulk_combo.currentIndexChanged.connect(lambda: self.area_combo.setVisible(
            self.bulk_combo.currentData() == "area"))
        self.table.itemSelectionChanged.connect(self._selected)
        self.result_button.clicked.connect(self.save_result)
        self.remove_button.clicked.connect(self.remove_selected)

    def _year(self) -> int:
        return participation.competition_year(self.db, self.competition_id) or 0

    def load(self, competition_id: int | None) -> None:
        self.competition_id = competition_id
        self.units = unit_choices(self.db)
        completer = QCompleter(list(self.units), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.unit_edit.setCompleter(completer)
        fill_areas(self.area_combo, self.db, all_label=None)
        self.setEnabled(competition_id is not None)
        self.refresh()

    def refresh(self) -> None:
        self.rows = participation.participants(self.db, self.competition_id) if self.competition_id else []
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values = [row["name"], row["area"], row["employees"], row["participants"], row["score"], row["rank"],
                      row["award"]]
            for c, value in enumerate(values):
                text = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
                item = QTableWidgetItem(text)
                if c in (2, 3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not row["in_year"]:
                    item.setForeground(OFF_ROLL)
                    item.setToolTip("该单位已归档，不在本年度台账中，不计入覆盖面")
                self.table.setItem(r, c, item)
        self.count_label.setText(participation.summary(self.db, self.competition_id) if self.competition_id else "")
        self._selected()

    def selected_unit_ids(self) -> list[int]:
        return [self.rows[i.row()]["unit_id"] for i in self.table.selectionModel().selectedRows()]

    def _selected(self) -> None:
        ids = self.selected_unit_ids()
        self.result_button.setEnabled(len(ids) == 1)
        self.remove_button.setEnabled(bool(ids))
        if len(ids) == 1:
            row = next(r for r in self.rows if r["unit_id"] == ids[0])
            self.participants_edit.setText("" if row["participants"] is None else str(row["participants"]))
            self.score_edit.setText("" if row["score"] is None else f"{row['score']:g}")
            self.rank_edit.setText("" if row["rank"] is None else str(row["rank"]))
            index = self.award_combo.findData(row["award"] or "")
            self.award_combo.setCurrentIndex(max(0, index))

    def _added(self, result: participation.AddResult) -> None:
        self.refresh()
        self.changed.emit()
        text = f"加入 {result.added:,} 家单位"
        if result.already:
            text += f"，{result.already:,} 家原已在竞赛中"
        if result.refused:
            ask.error(self, "部分单位没有加入", text + "。\n" + "\n".join(result.refused[:20]))

    def add_one(self) -> None:
        unit_id = self.units.get(self.unit_edit.text().strip())
        if unit_id is None:
            ask.error(self, "没有加入", "请从下拉列表中选择台账里的单位（输入名称中的几个字即可出现列表）。")
            return
        self._added(participation.add_units(self.db, self.competition_id, [unit_id]))
        self.unit_edit.clear()

    def add_bulk(self) -> None:
        choice = self.bulk_combo.currentData()
        ids = participation.bulk_unit_ids(self.db, self.competition_id, choice, self.area_combo.currentData())
        what = self.area_combo.currentText() + "的全部单位" if choice == "area" else BULK_CHOICES[choice]
        if not ids:
            ask.info(self, "批量加入", f"没有符合条件的在册单位（{what}）。")
            return
        question = f"把{what}共 {len(ids):,} 家加入这项竞赛？\n已在竞赛中的单位不会重复加入。"
        if not ask.confirm(self, "批量加入", question, yes="加入"):
            return
        self._added(participation.add_units(self.db, self.competition_id, ids))

    def save_result(self) -> None:
        ids = self.selected_unit_ids()
        if len(ids) != 1:
            return
        try:
            participation.set_result(self.db, self.competition_id, ids[0], self.participants_edit.text(),
                                     self.score_edit.text(), self.rank_edit.text(), self.award_combo.currentData())
        except ValidationError as exc:
            ask.error(self, "没有保存", "\n".join(str(e) for e in exc.errors))
            return
        except (LedgerError, sqlite3.Error) as exc:
            ask.error(self, "没有保存", str(exc) if isinstance(exc, LedgerError) else describe_sqlite_error(exc))
            return
        row = self.table.currentRow()
        self.refresh()
        self.table.selectRow(row)
        self.changed.emit()

    def remove_selected(self) -> None:
        ids = self.selected_unit_ids()
        if not ids:
            return
        names = [r["name"] for r in self.rows if r["unit_id"] in ids]
        goes = participation.removal_effects(self.db, self.competition_id, ids)
        more = f"等 {len(ids)} 家单位" if len(ids) > 3 else ""
        text = f"把「{'」「'.join(names[:3])}」{more}移出这项竞赛？"
        if goes:
            text += f"\n\n这些单位的 {len(goes)} 名技能竞赛选手也会一并移除：\n" + "、".join(goes[:10])
            text += " 等" if len(goes) > 10 else ""
        if not ask.confirm(self, "移出竞赛", text, yes="移出"):
            return
        participation.remove_units(self.db, self.competition_id, ids)
        self.refresh()
        self.changed.emit()
