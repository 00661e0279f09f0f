"""Choosing a unit or a person by typing part of the name: the list narrows as you type, from SQL."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import lookups
from app.validators import mask_id

LIMIT = 30


class _Picker(QLineEdit):
    """A line edit whose completer offers matches from a query; `value` is the id of the chosen one."""

    chosen = Signal(object)

    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._ids: dict[str, int] = {}
        self._names: dict[int, str] = {}
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        completer.activated.connect(self._activated)
        self.textEdited.connect(self._search)

    def _matches(self, text: str) -> list[tuple[int, str]]:
        raise NotImplementedError

    def label_of(self, record_id: int) -> str:
        raise NotImplementedError

    def _search(self, text: str) -> None:
        text = text.strip()
        matches = self._matches(text) if text else []
        self._ids = {label: record_id for record_id, label in matches}
        self._model.setStringList([label for _, label in matches])
        if matches:
            self.completer().complete()
        self.chosen.emit(self.value)

    def _activated(self, label: str) -> None:
        if label in self._ids:
            self._names[self._ids[label]] = label
        self.setText(label)
        self.chosen.emit(self.value)

    @property
    def value(self) -> int | None:
        text = self.text().strip()
        if text in self._ids:
            return self._ids[text]
        return next((i for i, label in self._names.items() if label == text), None)

    def set_value(self, record_id: int | None) -> None:
        if record_id is None:
            self.clear()
        else:
            label = self.label_of(record_id)
            self._names[record_id] = label
            self.setText(label)
        self.chosen.emit(self.value)


class UnitPicker(_Picker):
    def __init__(self, db: Database, parent: QWidget | None = None):
        self.db = db
        super().__init__("输入单位名称中的几个字，从列表中选", parent)

    def _matches(self, text: str) -> list[tuple[int, str]]:
        return [(uid, lookups.unit_label(name, area)) for uid, name, area in lookups.find_units(self.db, text, LIMIT)]

    def label_of(self, record_id: int) -> str:
        row = lookups.unit_name_area(self.db, record_id)
        return lookups.unit_label(*row) if row else ""


class PersonPicker(_Picker):
    """People whose name starts with what was typed (the name index answers), with their unit and masked ID."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        self.db = db
        self.unit_id: int | None = None  # when set, people of this unit come first
        super().__init__("输入姓名，从列表中选", parent)

    def _matches(self, text: str) -> list[tuple[int, str]]:
        rows = lookups.find_persons(self.db, text, self.unit_id, LIMIT)
        return [(pid, self._label(name, unit, number)) for pid, name, unit, number in rows]

    @staticmethod
    def _label(name: str, unit: str | None, number: str | None) -> str:
        parts = [name, unit or "未填单位"] + ([mask_id(number)] if number else [])
        return " · ".join(parts)

    def label_of(self, record_id: int) -> str:
        row = lookups.person_line(self.db, record_id)
        return self._label(*row) if row else ""


class PersonListPicker(QWidget):
    """Several people (参与人): a picker above the list of those chosen."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.picker = PersonPicker(db)
        self.picker.setPlaceholderText("输入姓名，从列表中选，加入参与人")
        self.list = QListWidget()
        self.list.setMaximumHeight(70)
        self.remove_button = QPushButton("移除")
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.picker.completer().activated.connect(self._add)
        self.remove_button.clicked.connect(self._remove)

    def _add(self, _label: str) -> None:
        person_id = self.picker.value
        if person_id is not None and person_id not in self.value:
            item = QListWidgetItem(self.picker.label_of(person_id))
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            self.list.addItem(item)
            self.changed.emit()
        self.picker.clear()

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    @property
    def value(self) -> list[int]:
        return [self.list.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.list.count())]

    def set_value(self, ids: list[int]) -> None:
        self.list.clear()
        for person_id in ids:
            item = QListWidgetItem(self.picker.label_of(person_id))
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            self.list.addItem(item)
