"""Add or edit one unit: details on one tab, each year's figures on another, validated as you type."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import areas as area_service
from app import changes as change_log
from app import honors, years
from app import units as unit_service
from app.codes import INDUSTRIES, KEY_INDUSTRIES, UNION_TYPES, UNIT_CATEGORIES
from app.db import describe_sqlite_error
from app.errors import FieldError, LedgerError, ValidationError
from app.units import UnitInput, YearFigures

from . import ask
from .changes_page import history_table
from .fields import FormFields, save_cancel, set_combo_data
from .honor_list import honor_list
from .screen_fit import FitsScreen, FormScroll


class UnitDialog(FitsScreen, QDialog):
    """The unit form. Emits saved(unit_id) after a successful save."""

    saved = Signal(int)

    def __init__(self, db: Database, year: int, unit_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.unit_id = unit_id
        self.setMinimumWidth(620)
        unit = unit_service.get(db, unit_id) if unit_id is not None else None
        self.loaded = unit  # what the form started from: a save is refused if the unit changed since
        self.setWindowTitle(f"编辑单位 — {unit.data.name}" if unit else "新增单位")
        self._years: dict[int, YearFigures] = dict(unit.years) if unit else {}
        self._dirty_years: set[int] = set() if unit else {year}
        self._loading = False
        self._year = year  # the area and category shown on 基本信息 are this year's (each year keeps its own)

        self.tabs = QTabWidget()
        # the two forms scroll on a short screen (a laptop at 125 %); 保存 and 取消 stay in view
        self.tabs.addTab(FormScroll(self._build_details()), "基本信息")
        self.tabs.addTab(FormScroll(self._build_year_tab(year)), "年度情况")
        if unit_id is not None:  # its own honors, its teams', studios' and people's
            rows = honors.of_unit(db, unit_id)
            self.honors_list = honor_list(rows, "这家单位（含其班组、工作室和职工）还没有荣誉记录。", people=True)
            self.tabs.addTab(self.honors_list, f"荣誉（{len(rows)}）")
            history = [e for table in ("units", "unit_years", "annual_figures")
                       for e in change_log.entries(db, record=(table, unit_id), limit=200)]
            history.sort(key=lambda e: e.id, reverse=True)
            self.history_list = history_table(history, in_form=True)
            self.tabs.addTab(self.history_list, f"修改记录（{len(history)}）")
        self.message, self.buttons, self.save_button = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        if unit:
            self._load_details(unit.data)
        self._load_year(year)
        own = self._years.get(year)
        if own is not None:
            set_combo_data(self.area_combo, own.area_id if own.area_id is not None else unit.data.area_id)
            set_combo_data(self.category_combo, own.category_code or unit.data.category_code)
        for combo, what in ((self.area_combo, "所属区域"), (self.category_combo, "单位类别")):
            combo.setToolTip(f"{year} 年度的{what}；各年度分别保存，改这里不影响往年")
        self._connect_changes()
        self.validate()
        self.name_edit.setFocus()

    # -- building ----------------------------------------------------------------------------
    def _build_details(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.detail_fields = FormFields(form)
        f = self.detail_fields
        self.name_edit = f.add("name", "单位名称", QLineEdit(), required=True)
        self.name_edit.setPlaceholderText("与营业执照或登记证书一致")
        self.credit_edit = f.add("credit_code", "统一社会信用代码", QLineEdit())
        self.credit_edit.setPlaceholderText("18 位，没有可不填")
        self.area_combo = f.add("area_id", "所属区域", QComboBox(), required=True)
        self.area_combo.addItem("请选择…", None)
        for area in area_service.list_areas(self.db):
            self.area_combo.addItem(f"{area.name}（{area.kind}）", area.id)
        self.category_combo = f.add("category_code", "单位类别", QComboBox(), required=True)
        self.category_combo.addItem("请选择…", "")
        for code, name, _ in UNIT_CATEGORIES:
            self.category_combo.addItem(f"{code} {name}", code)
        self.industry_combo = f.add("industry_code", "行业（GB/T 4754）", QComboBox())
        self.industry_combo.addItem("（未填）", "")
        for code, name in INDUSTRIES:
            self.industry_combo.addItem(f"{code} {name}", code)
        tags = QWidget()
        grid = QGridLayout(tags)
        grid.setContentsMargins(0, 0, 0, 0)
        self.tag_boxes: dict[str, QCheckBox] = {}
        for n, tag in enumerate(KEY_INDUSTRIES):
            box = QCheckBox(tag)
            self.tag_boxes[tag] = box
            grid.addWidget(box, n // 3, n % 3)
        f.add("industry_tags", "重点产业", tags)
        self.address_edit = f.add("address", "地址", QLineEdit())
        self.contact_edit = f.add("contact", "联系人", QLineEdit())
        self.phone_edit = f.add("phone", "联系电话", QLineEdit())
        self.note_edit = f.add("note", "备注", QLineEdit())
        return page

    def _build_year_tab(self, year: int) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度"))
        self.year_combo = QComboBox()
        for y in sorted(set(years.year_choices(self.db, year)) | set(self._years), reverse=True):
            self.year_combo.addItem(f"{y} 年", y)
        top.addWidget(self.year_combo)
        self.year_note = QLabel()
        self.year_note.setStyleSheet("color: #6d4c41;")
        top.addWidget(self.year_note, 1)
        outer.addLayout(top)
        form = QFormLayout()
        self.year_fields = FormFields(form)
        f = self.year_fields
        self.employees_edit = f.add("employees", "职工人数", QLineEdit())
        self.female_edit = f.add("female_employees", "女职工人数", QLineEdit())
        self.members_edit = f.add("members", "会员人数", QLineEdit())
        self.above_scale_check = f.add("above_scale", "规模以上", QCheckBox("是规模以上企业"))
        self.founded_check = f.add("union_founded", "已建会", QCheckBox("已建立工会"))
        self.founded_on_edit = f.add("founded_on", "建会日期", QLineEdit())
        self.founded_on_edit.setPlaceholderText("如 2018-05-01 或 2018年5月1日")
        self.union_type_combo = f.add("union_type", "基层工会类型", QComboBox())
        self.union_type_combo.addItem("（未填）", "")
        for t in UNION_TYPES:
            self.union_type_combo.addItem(t, t)
        self.chairman_edit = f.add("chairman", "工会主席", QLineEdit())
        self.high_risk_check = f.add("high_risk", "高危行业", QCheckBox("属于高危行业（需开展应急演练）"))
        for edit in (self.employees_edit, self.female_edit, self.members_edit):
            edit.setPlaceholderText("整数，可不填")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMaximumWidth(140)
        outer.addLayout(form)
        outer.addWidget(QLabel("历年情况"))
        self.history = QTableWidget(0, 7)
        self.history.setHorizontalHeaderLabels(["年度", "职工", "女职工", "会员", "规上", "建会", "工会主席"])
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setMaximumHeight(150)
        self.history.verticalHeader().setDefaultSectionSize(24)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        outer.addWidget(self.history)
        set_combo_data(self.year_combo, year)
        self._shown_year = year
        self._fill_history()
        return page

    def _connect_changes(self) -> None:
        for edit in (self.name_edit, self.credit_edit, self.address_edit, self.contact_edit,
                     self.phone_edit, self.note_edit):
            edit.textChanged.connect(self.validate)
        for combo in (self.area_combo, self.category_combo, self.industry_combo):
            combo.currentIndexChanged.connect(self.validate)
        for box in self.tag_boxes.values():
            box.toggled.connect(self.validate)
        for edit in (self.employees_edit, self.female_edit, self.members_edit, self.founded_on_edit,
                     self.chairman_edit):
            edit.textChanged.connect(self._year_edited)
        for box in (self.above_scale_check, self.founded_check, self.high_risk_check):
            box.toggled.connect(self._year_edited)
        self.union_type_combo.currentIndexChanged.connect(self._year_edited)
        self.year_combo.currentIndexChanged.connect(self._switch_year)

    # -- moving data in and out --------------------------------------------------------------
    def _load_details(self, data: UnitInput) -> None:
        self.name_edit.setText(data.name)
        self.credit_edit.setText(data.credit_code)
        set_combo_data(self.area_combo, data.area_id)
        set_combo_data(self.category_combo, data.category_code)
        set_combo_data(self.industry_combo, data.industry_code)
        for tag, box in self.tag_boxes.items():
            box.setChecked(tag in data.industry_tags)
        self.address_edit.setText(data.address)
        self.contact_edit.setText(data.contact)
        self.phone_edit.setText(data.phone)
        self.note_edit.setText(data.note)

    def details(self) -> UnitInput:
        return UnitInput(
            name=self.name_edit.text(), credit_code=self.credit_edit.text(),
            area_id=self.area_combo.currentData(), industry_code=self.industry_combo.currentData(),
            industry_tags=[t for t, box in self.tag_boxes.items() if box.isChecked()],
            category_code=self.category_combo.currentData(), address=self.address_edit.text(),
            contact=self.contact_edit.text(), phone=self.phone_edit.text(), note=self.note_edit.text(),
        )

    def _load_year(self, year: int) -> None:
        figures = self._years.get(year)
        earlier = [y for y in self._years if y < year]
        note = ""
        if figures is None and earlier:
            figures = YearFigures(**vars(self._years[max(earlier)]))
            self._years[year] = figures
            self._dirty_years.add(year)
            note = f"{year} 年尚未填写，已按 {max(earlier)} 年预填，保存时一并写入，请核对。"
        elif figures is None:
            figures = YearFigures()
        elif figures.unconfirmed:  # carried over when the year was opened: saving the form confirms them
            figures = YearFigures(**{**vars(figures), "unconfirmed": False})
            self._years[year] = figures
            self._dirty_years.add(year)
            note = f"{year} 年的人数是开始新年度时从上年带入的（待核实），请核对，保存即确认。"
        self.year_note.setText(note)
        self._loading = True
        self.employees_edit.setText("" if figures.employees is None else str(figures.employees))
        self.female_edit.setText("" if figures.female_employees is None else str(figures.female_employees))
        self.members_edit.setText("" if figures.members is None else str(figures.members))
        self.above_scale_check.setChecked(figures.above_scale)
        self.founded_check.setChecked(figures.union_founded)
        self.founded_on_edit.setText(figures.founded_on or "")
        set_combo_data(self.union_type_combo, figures.union_type)
        self.chairman_edit.setText(figures.chairman)
        self.high_risk_check.setChecked(figures.high_risk)
        self._loading = False
        self._shown_year = year
        self._update_enabled()

    def _current_figures(self) -> YearFigures:
        return YearFigures(
            employees=self.employees_edit.text(), female_employees=self.female_edit.text(),
            members=self.members_edit.text(), above_scale=self.above_scale_check.isChecked(),
            union_founded=self.founded_check.isChecked(), founded_on=self.founded_on_edit.text(),
            union_type=self.union_type_combo.currentData(), chairman=self.chairman_edit.text(),
            high_risk=self.high_risk_check.isChecked(),
            area_id=self._years.get(self._shown_year, YearFigures()).area_id,
            category_code=self._years.get(self._shown_year, YearFigures()).category_code,
        )

    def _year_edited(self) -> None:
        if self._loading:
            return
        self._years[self._shown_year] = self._current_figures()
        self._dirty_years.add(self._shown_year)
        self._update_enabled()
        self.validate()

    def _switch_year(self) -> None:
        year = self.year_combo.currentData()
        if year is not None and year != self._shown_year:
            self._load_year(year)
            self.validate()

    def _update_enabled(self) -> None:
        founded = self.founded_check.isChecked()
        self.founded_on_edit.setEnabled(founded)
        self.union_type_combo.setEnabled(founded)

    def _fill_history(self) -> None:
        years = sorted(self._years, reverse=True)
        self.history.setRowCount(len(years))
        for r, y in enumerate(years):
            f = self._years[y]
            cells = [y, f.employees, f.female_employees, f.members,
                     "是" if f.above_scale else "否", "是" if f.union_founded else "否", f.chairman]
            for c, value in enumerate(cells):
                self.history.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))

    # -- validation and saving ---------------------------------------------------------------
    def _edited_years(self) -> dict[int, YearFigures]:
        if self._shown_year in self._dirty_years:
            self._years[self._shown_year] = self._current_figures()
        own = self._years.get(self._year, YearFigures())
        area, category = self.area_combo.currentData(), self.category_combo.currentData() or ""
        if (own.area_id, own.category_code) != (area, category):  # moved, or recoded, in the working year only
            self._years[self._year] = YearFigures(**{**vars(own), "area_id": area, "category_code": category})
            self._dirty_years.add(self._year)
        return {y: self._years.get(y, YearFigures()) for y in self._dirty_years}

    def validate(self) -> list[FieldError]:
        errors = unit_service.validate(self.db, self.details(), self._edited_years(), self.unit_id)
        self.detail_fields.show([e for e in errors if e.year is None])
        self.year_fields.show([e for e in errors if e.year == self._shown_year])
        n_details = sum(1 for e in errors if e.year is None)
        n_years = len(errors) - n_details
        self.tabs.setTabText(0, f"基本信息（{n_details} 处有误）" if n_details else "基本信息")
        self.tabs.setTabText(1, f"年度情况（{n_years} 处有误）" if n_years else "年度情况")
        others = [str(e) for e in errors if e.year not in (None, self._shown_year)]
        if errors:
            text = f"还有 {len(errors)} 处需要修改，改好后才能保存。"
            if others:
                text += " " + "；".join(others)
            self.message.setText(text)
        else:
            self.message.setText("")
        self.save_button.setEnabled(not errors)
        return errors

    def save(self) -> None:
        if self.validate():
            return
        try:
            self.unit_id = unit_service.save(self.db, self.details(), self._edited_years(), self.unit_id,
                                             expected=self.loaded)
        except ValidationError as exc:
            ask.error(self, "不能保存", str(exc))
            return
        except LedgerError as exc:
            ask.error(self, "不能保存", str(exc))
            return
        except sqlite3.Error as exc:
            ask.error(self, "不能保存", describe_sqlite_error(exc))
            return
        self.saved.emit(self.unit_id)
        self.accept()
