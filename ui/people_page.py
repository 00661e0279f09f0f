"""职工: the register of persons, searched by name, unit, phone or the ID number's last digits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from sqlite_utils import Database

from app import person_search, persons, settings
from app.importing.kinds import KINDS
from app.person_search import PersonFilter

from .import_dialog import ImportFlow
from .paged_model import Column
from .person_dialog import PersonDialog
from .register_page import RegisterPage

COLUMNS = [
    Column("name", "姓名", 80),
    Column("sex", "性别", 44, centred=True),
    Column("id_number", "身份证号", 150),
    Column("birth_date", "出生日期", 90, centred=True),
    Column("unit", "单位", 230),
    Column("area", "区域", 96),
    Column("post", "岗位/工种", 110),
    Column("skill_level", "技能等级", 72),
    Column("phone", "联系电话", 110),
]


class PeoplePage(RegisterPage):
    noun = "职工"
    unit_word = "名"
    columns = COLUMNS
    default_sort = "name"
    placeholder = "搜索姓名、单位、电话，或身份证号的后几位"

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, 0, parent)  # people are not kept by year
        self.delete_button.setToolTip("删除录错或重复的职工记录（Delete）")
        self.import_button = QPushButton("导入…")
        self.import_button.setToolTip("从 Excel（.xlsx .xls）或 CSV 导入职工名单：先核对列、预览，再写入")
        self.top.addWidget(self.import_button)
        self.importer = ImportFlow(self, db, KINDS["people"], lambda: settings.working_year(db))
        self.importer.imported.connect(lambda _written: self.saved(-1))
        self.import_button.clicked.connect(lambda: self.importer.start())
        note = QLabel("身份证号只显示前 6 位和后 4 位；打开记录可查看完整号码。")
        note.setStyleSheet("color: #757575;")
        self.actions.addWidget(note)

    @property
    def filter(self) -> PersonFilter:
        return PersonFilter(text=self.text, area_id=self.area_id)

    def search(self, sort: str, descending: bool) -> list[int]:
        return person_search.search(self.db, self.filter, sort, descending)

    def fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        return person_search.fetch_rows(self.db, ids)  # ID numbers masked

    def style(self, role: int, column: Column, row: dict[str, object]) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "name" and row.get("is_head"):
            return f"{row['name']}（企业负责人）"
        return None

    def _show_count(self, total: int) -> None:
        super()._show_count(total)
        if not total and self.filter == PersonFilter():
            self.view.show_empty("还没有职工记录。\n点击“新增职工”（Ctrl+N）逐个录入，或点击“导入…”导入名单。")

    def describe(self, row: dict[str, object]) -> str:
        return f"{row['name']}（{row['unit'] or '未填单位'}）"

    def dialog_for(self, record_id: int | None) -> PersonDialog:
        return PersonDialog(self.db, record_id, self)

    def delete_record(self, record_id: int) -> None:
        persons.delete_person(self.db, record_id)
