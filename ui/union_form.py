"""The union's own details, used by the first-run dialog and the settings page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from app import settings
from app.settings import UNION_INFO_LABELS, UnionInfo

from .fields import FormFields

PLACEHOLDERS = {"union_name": "如 某某县总工会", "county": "如 某某县", "phone": "如 0539-1234567"}
REQUIRED = ("union_name", "county")


class UnionInfoForm(QWidget):
    """Edits a UnionInfo; `validity_changed(bool)` follows the required fields as they are typed."""

    validity_changed = Signal(bool)

    def __init__(self, info: UnionInfo, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.fields = FormFields(form)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in UNION_INFO_LABELS.items():
            edit = QLineEdit(getattr(info, key))
            edit.setPlaceholderText(PLACEHOLDERS.get(key, ""))
            edit.setObjectName(key)
            self.edits[key] = self.fields.add(key, label, edit, required=key in REQUIRED)
            edit.textChanged.connect(self.validate)

    def info(self) -> UnionInfo:
        return UnionInfo(**{key: edit.text() for key, edit in self.edits.items()})

    def validate(self) -> bool:
        errors = settings.validate_union_info(self.info())
        self.fields.show(errors)
        self.validity_changed.emit(not errors)
        return not errors
