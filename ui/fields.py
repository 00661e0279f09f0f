"""Form rows with a required mark and an error line beneath, shared by every form.

The error line always holds its place (one line, empty when the field is right): a form checks as the clerk
types, and fields that moved up and down as messages came and went put the next click on the wrong box. A
message longer than a line makes its line taller, and the line keeps that height while the form is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import FieldError

ERROR_STYLE = "color: #c62828; font-size: 9pt;"
ERROR_COLOUR = "color: #c62828;"


class FormFields:
    """Keeps each field's error label so a validation result can be shown in one call."""

    def __init__(self, form: QFormLayout) -> None:
        self.form = form
        self.errors: dict[str, QLabel] = {}

    def add(self, key: str, label: str, widget: QWidget, required: bool = False) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_COLOUR)
        font = error.font()
        font.setPointSizeF(9)
        error.setFont(font)
        error.setWordWrap(True)
        error.setText("必填")  # one line's height, measured as the label lays out its text
        error.setMinimumHeight(error.heightForWidth(400))
        error.setText("")
        layout.addWidget(error)
        self.errors[key] = error
        text = f"{label}<span style='color:#c62828'> *</span>" if required else label
        caption = QLabel(text)
        caption.setTextFormat(Qt.TextFormat.RichText)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        return widget

    def show(self, errors: list[FieldError]) -> None:
        by_key: dict[str, list[str]] = {}
        for e in errors:
            by_key.setdefault(e.field, []).append(e.message)
        shown: dict[int, tuple[QLabel, list[str]]] = {}  # several keys may share one label (a date range)
        for key, label in self.errors.items():
            shown.setdefault(id(label), (label, []))[1].extend(by_key.get(key, []))
        for label, messages in shown.values():
            label.setText("；".join(messages))
            if messages and label.width() > 0:  # grown for a long message: never shrinks back while open
                label.setMinimumHeight(max(label.minimumHeight(), label.heightForWidth(label.width())))

    def error_text(self, key: str) -> str:
        return self.errors[key].text()


def save_cancel(dialog) -> tuple[QLabel, QDialogButtonBox, QPushButton]:
    """A form's red message line and its 保存 / 取消 buttons, wired to dialog.save and dialog.reject."""
    message = QLabel()
    message.setStyleSheet(ERROR_STYLE)
    message.setWordWrap(True)
    buttons = QDialogButtonBox()
    save = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    return message, buttons, save


def set_combo_data(combo: QComboBox, value: object) -> None:
    """Select the item whose data is *value* (the first item when none is)."""
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def fill_areas(combo: QComboBox, db, all_label: str | None = "全部区域") -> None:
    """The county's areas in *combo* (after an 'all' item when *all_label* is given), keeping the selection."""
    from app import areas

    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if all_label:
        combo.addItem(all_label, None)
    for area in areas.list_areas(db):
        combo.addItem(area.name, area.id)
    set_combo_data(combo, current)
    combo.blockSignals(False)
