"""Add or edit one person (职工), checked as you type; the full ID number is shown only here."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import honors, persons
from app.codes import EDUCATION, POLITICAL, SEXES, SKILL_LEVELS
from app.db import describe_sqlite_error
from app.errors import FieldError, LedgerError, ValidationError
from app.lookups import unit_choices
from app.normalize import clean_code
from app.persons import PersonInput
from app.records import record_token, unchanged_since
from app.validators import id_birth_date, id_number_problem, id_sex

from . import ask
from .fields import FormFields, save_cancel, set_combo_data
from .honor_list import honor_list
from .screen_fit import FitsScreen, FormScroll

HINT_STYLE = "color: #2e7d32; font-size: 9pt;"


class PersonDialog(FitsScreen, QDialog):
    saved = Signal(int)

    def __init__(self, db: Database, person_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.person_id = person_id
        current = persons.get_person(db, person_id) if person_id is not None else None
        self.token = record_token(db, "persons", person_id)  # to refuse a save over a change made elsewhere
        self.setWindowTitle(f"编辑职工 — {current.name}" if current else "新增职工")
        self.setMinimumWidth(520)
        self.units = unit_choices(db, current.unit_id if current else None)
        self.unit_names = {v: k for k, v in self.units.items()}

        form = QFormLayout()
        self.fields = FormFields(form)
        f = self.fields
        self.name_edit = f.add("name", "姓名", QLineEdit(), required=True)
        self.id_edit = f.add("id_number", "身份证号", QLineEdit())
        self.id_edit.setPlaceholderText("18 位；没有可不填")
        self.id_hint = QLabel()
        self.id_hint.setStyleSheet(HINT_STYLE)
        form.addRow("", self.id_hint)
        self.sex_combo = f.add("sex", "性别", _combo(SEXES))
        self.birth_edit = f.add("birth_date", "出生日期", QLineEdit())
        self.birth_edit.setPlaceholderText("如 1985-03-05；填了身份证号可不填")
        self.unit_edit = f.add("unit_id", "单位", QLineEdit())
        self.unit_edit.setPlaceholderText("输入单位名称中的几个字，从列表中选")
        completer = QCompleter(list(self.units), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.unit_edit.setCompleter(completer)
        self.post_edit = f.add("post", "岗位/工种", QLineEdit())
        self.skill_combo = f.add("skill_level", "职业技能等级", _combo(SKILL_LEVELS))
        self.political_combo = f.add("political", "政治面貌", _combo(POLITICAL))
        self.education_combo = f.add("education", "学历", _combo(EDUCATION))
        self.head_check = f.add("is_head", "企业负责人", QCheckBox("是（企业负责人不享受创新能手等物质奖励）"))
        self.phone_edit = f.add("phone", "联系电话", QLineEdit())
        self.note_edit = f.add("note", "备注", QLineEdit())
        if person_id is not None:
            rows = honors.of_person(db, person_id)
            self.honors_list = honor_list(rows, "还没有荣誉记录。")
            self.honors_list.setMaximumHeight(90)
            form.addRow(f"荣誉（{len(rows)}）", self.honors_list)
            from app import changes

            from .changes_page import history_table

            history = changes.entries(db, record=("persons", person_id), limit=200)
            self.history_list = history_table(history, in_form=True)
            self.history_list.setMaximumHeight(100)
            form.addRow(f"修改记录（{len(history)}）", self.history_list)

        self.message, buttons, self.save_button = save_cancel(self)
        layout = QVBoxLayout(self)
        body = QWidget()  # the fields scroll on a short screen (a laptop at 125 %); 保存 and 取消 stay in view
        body.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(FormScroll(body), 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        if current:
            self._load(current)
        for edit in (self.name_edit, self.id_edit, self.birth_edit, self.unit_edit, self.post_edit,
                     self.phone_edit, self.note_edit):
            edit.textChanged.connect(self.validate)
        for combo in (self.sex_combo, self.skill_combo, self.political_combo, self.education_combo):
            combo.currentIndexChanged.connect(self.validate)
        self.validate()
        self.name_edit.setFocus()

    def _load(self, p: PersonInput) -> None:
        self.name_edit.setText(p.name)
        self.id_edit.setText(p.id_number)
        set_combo_data(self.sex_combo, p.sex)
        self.birth_edit.setText(p.birth_date or "")
        self.unit_edit.setText(self.unit_names.get(p.unit_id, ""))
        self.post_edit.setText(p.post)
        set_combo_data(self.skill_combo, p.skill_level)
        set_combo_data(self.political_combo, p.political)
        set_combo_data(self.education_combo, p.education)
        self.head_check.setChecked(p.is_head)
        self.phone_edit.setText(p.phone)
        self.note_edit.setText(p.note)

    def person(self) -> PersonInput:
        return PersonInput(
            name=self.name_edit.text(), sex=self.sex_combo.currentData(), id_number=self.id_edit.text(),
            birth_date=self.birth_edit.text().strip() or None, unit_id=self.units.get(self.unit_edit.text().strip()),
            post=self.post_edit.text(), skill_level=self.skill_combo.currentData(),
            political=self.political_combo.currentData(), education=self.education_combo.currentData(),
            is_head=self.head_check.isChecked(), phone=self.phone_edit.text(), note=self.note_edit.text(),
        )

    def validate(self) -> list:
        p = self.person()
        errors = persons.validate_person(self.db, p, self.person_id)
        if self.unit_edit.text().strip() and p.unit_id is None:
            errors.append(FieldError("unit_id", "单位", "请从列表中选择台账里的单位"))
        self.fields.show(errors)
        number = clean_code(self.id_edit.text())
        if number and id_number_problem(number) is None:
            self.id_hint.setText(f"出生日期 {id_birth_date(number)}，{id_sex(number)}（由身份证号得出）")
        else:
            self.id_hint.setText("")
        self.save_button.setEnabled(not errors)
        self.message.setText(f"还有 {len(errors)} 处需要改正" if errors else "")
        return errors

    def save(self) -> None:
        if self.validate():
            return
        p = self.person()
        merge_into = None
        if self.person_id is None:
            for other_id, line in persons.likely_duplicates(self.db, p):
                choice = ask.choose(self, "可能是同一个人", f"台账中已有同名、同单位的职工：\n{line}\n\n"
                                    "是同一个人吗？合并后保留已有记录，空着的项目用这次填写的内容补上。",
                                    ["合并到已有记录", "仍然新增"])
                if choice < 0:
                    return
                if choice == 0:
                    merge_into = other_id
                    break
        try:
            if merge_into is not None:  # one write: the existing record, its blanks filled from the form
                person_id = persons.save_person(
                    self.db, persons.combine(persons.get_person(self.db, merge_into), p), merge_into)
            else:
                with unchanged_since(self.db, "persons", self.person_id, self.token):
                    person_id = persons.save_person(self.db, p, self.person_id)
        except ValidationError as exc:
            self.fields.show(exc.errors)
            return
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))
            return
        except sqlite3.Error as exc:
            ask.error(self, "没有保存", describe_sqlite_error(exc))
            return
        self.person_id = person_id
        self.saved.emit(person_id)
        self.accept()


def _combo(values: list[str]) -> QComboBox:
    combo = QComboBox()
    combo.addItem("（未填）", "")
    for v in values:
        combo.addItem(v, v)
    return combo
