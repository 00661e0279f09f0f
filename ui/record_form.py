"""One form for every register's record (创新成果, 荣誉, 工作室, 隐患, 培训演练), built from a list of fields.

The page gives the fields and a save function taking the values as a dict; the form shows each field's
error under it, and stays open when the save function raises `Cancelled` (the user said no to a question).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import studios
from app.db import describe_sqlite_error
from app.errors import LedgerError, ValidationError
from app.records import record_token, unchanged_since

from . import ask
from .fields import FormFields, save_cancel, set_combo_data
from .pickers import PersonListPicker, PersonPicker, UnitPicker
from .screen_fit import FitsScreen, FormScroll


class Cancelled(Exception):
    """The user declined a question while saving: the form stays open, nothing was written."""


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"    # text | multiline | choice | date | number | flag | unit | person | persons | studio
    choices: tuple = ()   # for choice: values, or (label, value) pairs
    required: bool = False
    placeholder: str = ""


class RecordDialog(FitsScreen, QDialog):
    saved = Signal(int)

    def __init__(self, db: Database, title: str, fields: list[Field], values: dict[str, object],
                 save: Callable[[dict[str, object]], int], parent: QWidget | None = None, note: str = "",
                 record: tuple[str, int | None] | None = None):
        super().__init__(parent)
        self.db = db
        # the record being edited (table, id): its stored state, to refuse a save over a change made elsewhere
        self.record = record if record and record[1] is not None else None
        self.token = record_token(db, *self.record) if self.record else None
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self._save = save
        self.specs = {f.key: f for f in fields}
        form = QFormLayout()
        self.fields = FormFields(form)
        self.widgets: dict[str, QWidget] = {}
        for f in fields:
            self.widgets[f.key] = self.fields.add(f.key, f.label, self._widget(f), required=f.required)
        unit = self.widgets.get("unit_id")
        if isinstance(unit, UnitPicker):
            unit.chosen.connect(self._unit_chosen)
        self.message, buttons, self.save_button = save_cancel(self)
        outer = QVBoxLayout(self)
        body = QWidget()   # the note, the fields and the history scroll on a short screen; the buttons do not
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(FormScroll(body), 1)
        if note:
            self.note = QLabel(note)
            self.note.setWordWrap(True)
            self.note.setStyleSheet("color: #616161;")
            layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addStretch(1)  # extra height below the fields, not inside them
        if self.record:  # its 操作记录: who changed what, when
            from app import changes

            from .changes_page import history_table

            history = changes.entries(db, record=self.record, limit=200)
            self.history_label = QLabel(f"修改记录（{len(history)}）" if history
                                        else "修改记录：还没有（开始记录之前的修改不在其中）")
            self.history_label.setStyleSheet("color: #616161;")
            layout.addWidget(self.history_label)
            if history:
                self.history_list = history_table(history, in_form=True)
                self.history_list.setMaximumHeight(120)
                layout.addWidget(self.history_list)
        outer.addWidget(self.message)
        outer.addWidget(buttons)
        self.set_values(values)

    def _widget(self, f: Field) -> QWidget:
        if f.kind == "multiline":
            w = QPlainTextEdit()
            w.setMaximumHeight(80)
            w.setPlaceholderText(f.placeholder)
            return w
        if f.kind in ("choice", "studio"):
            w = QComboBox()
            if f.kind == "studio":
                w.addItem("（无）", None)
            for choice in f.choices:
                label, value = choice if isinstance(choice, tuple) else (choice or "（未填）", choice)
                w.addItem(label, value)
            return w
        if f.kind == "flag":
            return QCheckBox(f.placeholder or "是")
        if f.kind == "unit":
            return UnitPicker(self.db)
        if f.kind == "person":
            return PersonPicker(self.db)
        if f.kind == "persons":
            return PersonListPicker(self.db)
        w = QLineEdit()
        hints = {"date": "如 2025-03-05 或 2025年3月5日", "number": "数字"}
        w.setPlaceholderText(f.placeholder or hints.get(f.kind, ""))
        return w

    def _unit_chosen(self, unit_id: int | None) -> None:
        """A unit's studios in the studio chooser; its people first in the person pickers."""
        for key, w in self.widgets.items():
            if isinstance(w, PersonPicker):
                w.unit_id = unit_id
            elif isinstance(w, PersonListPicker):
                w.picker.unit_id = unit_id
            elif self.specs[key].kind == "studio":
                current = w.currentData()
                w.clear()
                w.addItem("（无）", None)
                for studio_id, name in studios.choices(self.db, unit_id):
                    w.addItem(name, studio_id)
                set_combo_data(w, current)

    # -- values ------------------------------------------------------------------------------
    def set_values(self, values: dict[str, object]) -> None:
        if "unit_id" in values and isinstance(self.widgets.get("unit_id"), UnitPicker):
            self.widgets["unit_id"].set_value(values["unit_id"])  # first: it fills the studio chooser
        for key, value in values.items():
            w = self.widgets.get(key)
            if w is None or key == "unit_id" and isinstance(w, UnitPicker):
                continue
            if isinstance(w, QPlainTextEdit):
                w.setPlainText(str(value or ""))
            elif isinstance(w, QComboBox):
                set_combo_data(w, value)
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, UnitPicker | PersonPicker | PersonListPicker):
                w.set_value(value)
            else:
                w.setText("" if value is None else f"{value:g}" if isinstance(value, float) else str(value))

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, w in self.widgets.items():
            if isinstance(w, QPlainTextEdit):
                out[key] = w.toPlainText()
            elif isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
            elif isinstance(w, UnitPicker | PersonPicker | PersonListPicker):
                out[key] = w.value
            else:
                out[key] = w.text().strip() or None
        return out

    def widget(self, key: str) -> QWidget:
        return self.widgets[key]

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> None:
        try:
            if self.record:
                with unchanged_since(self.db, *self.record, self.token):
                    record_id = self._save(self.values())
            else:
                record_id = self._save(self.values())
        except Cancelled:
            return
        except ValidationError as exc:
            self.fields.show(exc.errors)
            shown = [e for e in exc.errors if e.field in self.widgets]
            others = [str(e) for e in exc.errors if e.field not in self.widgets]
            self.message.setText("；".join(others) if others else f"还有 {len(shown)} 处需要改正")
            return
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))
            return
        except sqlite3.Error as exc:
            ask.error(self, "没有保存", describe_sqlite_error(exc))
            return
        self.saved.emit(record_id)
        self.accept()
