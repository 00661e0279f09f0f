"""A competition's 方案 tab: every field the plan must state, its phases on a timeline, checked as you type."""

from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import competitions
from app.codes import COMPETITION_KINDS, COMPETITION_STATUSES, LEVELS, PHASES
from app.competitions import PLAN_FIELDS, CompetitionInput
from app.db import describe_sqlite_error
from app.errors import LedgerError, ValidationError
from app.records import record_token, unchanged_since

from . import ask
from .fields import ERROR_STYLE, FormFields, set_combo_data

PHASE_COLOURS = ["#90caf9", "#a5d6a7", "#ffcc80"]


class Timeline(QWidget):
    """The competition's span with its three phases drawn in proportion, dates under them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumHeight(54)
        self.span: tuple[date, date] | None = None
        self.phases: list[tuple[str, date, date]] = []

    def show_plan(self, starts: str | None, ends: str | None, phases: dict[str, tuple[str | None, str | None]]):
        try:
            self.span = (date.fromisoformat(starts), date.fromisoformat(ends)) if starts and ends else None
            self.phases = [(p, date.fromisoformat(s), date.fromisoformat(e)) for p in PHASES
                           for s, e in [phases.get(p, (None, None))] if s and e]
        except ValueError:
            self.span, self.phases = None, []
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width() - 2
        if self.span is None or self.span[1] <= self.span[0]:
            painter.setPen(QColor("#757575"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "填写起止日期和各阶段日期后，这里显示时间安排")
            return
        first, last = self.span
        days = (last - first).days or 1

        def x(day: date) -> float:
            return 1 + width * max(0, min(days, (day - first).days)) / days

        painter.setPen(QPen(QColor("#9e9e9e")))
        painter.drawRect(QRectF(1, 6, width, 22))
        for phase, start, end in self.phases:
            rect = QRectF(x(start), 6, max(2.0, x(end) - x(start)), 22)
            painter.fillRect(rect, QColor(PHASE_COLOURS[PHASES.index(phase)]))
            painter.setPen(QColor("#212121"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, phase)
        painter.setPen(QColor("#616161"))
        painter.drawText(QRectF(1, 30, width, 20), Qt.AlignmentFlag.AlignLeft, f"{first:%Y-%m-%d}")
        painter.drawText(QRectF(1, 30, width, 20), Qt.AlignmentFlag.AlignRight, f"{last:%Y-%m-%d}")


class PlanTab(QWidget):
    saved = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.competition_id: int | None = None
        self.year = 0
        self._loading = False

        form = QFormLayout()
        self.fields = FormFields(form)
        f = self.fields
        self.name_edit = f.add("name", "竞赛名称", QLineEdit(), required=True)
        self.kind_combo = f.add("kind", "类型", _combo(COMPETITION_KINDS))
        self.level_combo = f.add("level", "级别", _combo(LEVELS))
        self.status_combo = f.add("status", "状态", _combo(COMPETITION_STATUSES))
        self.organizer_edit = f.add("organizer", "主办单位", QLineEdit())
        self.co_edit = f.add("co_organizers", "联合主办单位", QLineEdit())
        self.co_edit.setPlaceholderText("多个单位用“、”分开，如 县科技局、县人社局")
        self.leading_edit = f.add("leading_body", "领导机构", QLineEdit())
        self.leading_edit.setPlaceholderText("如 县劳动竞赛协调小组（组长、成员单位）")
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        self.starts_edit, self.ends_edit = QLineEdit(), QLineEdit()
        row.addWidget(self.starts_edit)
        row.addWidget(QLabel("至"))
        row.addWidget(self.ends_edit)
        f.add("starts_on", "竞赛起止时间", dates, required=True)
        self.fields.errors["ends_on"] = self.fields.errors["starts_on"]
        self.budget_edit = f.add("budget", "经费（万元）", QLineEdit())
        self.plan_edits: dict[str, QPlainTextEdit] = {}
        for key, label in PLAN_FIELDS.items():
            edit = QPlainTextEdit()
            edit.setFixedHeight(62)
            self.plan_edits[key] = f.add(key, label, edit, required=True)
        phases = QWidget()
        grid = QGridLayout(phases)
        grid.setContentsMargins(0, 0, 0, 0)
        self.phase_edits: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        for n, phase in enumerate(PHASES):
            start, end = QLineEdit(), QLineEdit()
            grid.addWidget(QLabel(phase), n, 0)
            grid.addWidget(start, n, 1)
            grid.addWidget(QLabel("至"), n, 2)
            grid.addWidget(end, n, 3)
            self.phase_edits[phase] = (start, end)
        f.add("phases", "阶段", phases)
        for phase in PHASES:
            self.fields.errors[f"phase:{phase}"] = self.fields.errors["phases"]
        self.timeline = Timeline()
        form.addRow("时间安排", self.timeline)

        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.save_button = QPushButton("保存方案")
        self.pdf_button = QPushButton("方案 PDF…")
        self.pdf_button.setToolTip("按公文格式生成竞赛方案 PDF，预览后打印或另存")
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.missing_label)
        layout.addLayout(buttons)

        for edit in (self.name_edit, self.organizer_edit, self.co_edit, self.leading_edit, self.starts_edit,
                     self.ends_edit, self.budget_edit, *[e for pair in self.phase_edits.values() for e in pair]):
            edit.textChanged.connect(self.validate)
        for edit in self.plan_edits.values():
            edit.textChanged.connect(self.validate)
        for combo in (self.kind_combo, self.level_combo, self.status_combo):
            combo.currentIndexChanged.connect(self.validate)
        self.save_button.clicked.connect(self.save)

    def load(self, competition_id: int | None, year: int) -> None:
        """Show a competition (None: a new one for *year*)."""
        self.competition_id, self.year = competition_id, year
        self.starts_edit.setPlaceholderText(f"{year}-03-01")  # the example in the competition's own year
        self.ends_edit.setPlaceholderText(f"{year}-11-30")
        self.token = record_token(self.db, "competitions", competition_id)  # a later change elsewhere refuses a save
        c = competitions.get_competition(self.db, competition_id) if competition_id else CompetitionInput(
            year=year, name=f"{year}年")
        self._loading = True
        self.name_edit.setText(c.name)
        set_combo_data(self.kind_combo, c.kind)
        set_combo_data(self.level_combo, c.level)
        set_combo_data(self.status_combo, c.status)
        self.organizer_edit.setText(c.organizer)
        self.co_edit.setText(c.co_organizers)
        self.leading_edit.setText(c.leading_body)
        self.starts_edit.setText(c.starts_on or "")
        self.ends_edit.setText(c.ends_on or "")
        self.budget_edit.setText("" if c.budget is None else f"{c.budget:g}")
        for key, edit in self.plan_edits.items():
            edit.setPlainText(getattr(c, key))
        for phase, (start, end) in self.phase_edits.items():
            s, e = c.phases.get(phase, (None, None))
            start.setText(s or "")
            end.setText(e or "")
        self._loading = False
        self.pdf_button.setEnabled(competition_id is not None)
        self.validate()

    def competition(self) -> CompetitionInput:
        return CompetitionInput(
            year=self.year, name=self.name_edit.text(), kind=self.kind_combo.currentData(),
            level=self.level_combo.currentData(), status=self.status_combo.currentData(),
            organizer=self.organizer_edit.text(), co_organizers=self.co_edit.text(),
            leading_body=self.leading_edit.text(), starts_on=self.starts_edit.text().strip() or None,
            ends_on=self.ends_edit.text().strip() or None, budget=self.budget_edit.text().strip() or None,
            **{key: edit.toPlainText() for key, edit in self.plan_edits.items()},
            phases={p: (s.text().strip() or None, e.text().strip() or None) for p, (s, e) in self.phase_edits.items()},
        )

    def validate(self) -> list:
        if self._loading:
            return []
        c = self.competition()
        errors = competitions.validate_competition(c)
        self.fields.show(errors)
        missing = competitions.missing_plan(c)
        if missing:
            self.missing_label.setText(f"方案还缺：{'、'.join(missing)}。填齐之前，竞赛只能处于“筹备”状态。")
            self.missing_label.setStyleSheet("color: #8d6e00;")
        else:
            self.missing_label.setText("方案的各项内容已填齐。")
            self.missing_label.setStyleSheet("color: #2e7d32;")
        self.timeline.show_plan(c.starts_on, c.ends_on, c.phases)
        self.save_button.setEnabled(not errors)
        self.message.setText(f"还有 {len(errors)} 处需要改正" if errors else "")
        return errors

    def save(self) -> int | None:
        if self.validate():
            return None
        try:
            with unchanged_since(self.db, "competitions", self.competition_id, self.token):
                self.competition_id = competitions.save_competition(self.db, self.competition(), self.competition_id)
            self.token = record_token(self.db, "competitions", self.competition_id)
        except ValidationError as exc:
            self.fields.show(exc.errors)
            return None
        except (LedgerError, sqlite3.Error) as exc:
            ask.error(self, "没有保存", str(exc) if isinstance(exc, LedgerError) else describe_sqlite_error(exc))
            return None
        self.pdf_button.setEnabled(True)
        self.saved.emit(self.competition_id)
        return self.competition_id


def _combo(values: list[str]) -> QComboBox:
    combo = QComboBox()
    for v in values:
        combo.addItem(v, v)
    return combo
