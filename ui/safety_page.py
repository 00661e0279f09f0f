"""安全生产 (安康杯 / 查保促): hazard files, with overdue ones standing out, and training sessions and drills,
under the year's check: founded units without a training, 高危 units without a drill."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget
from sqlite_utils import Database

from app import safety
from app.codes import HAZARD_STATES, SAFETY_EVENT_KINDS
from app.safety import EventInput, HazardInput

from .paged_model import Column
from .record_form import Field, RecordDialog
from .register_page import WARN, RegisterPage

HAZARD_FIELDS = [
    Field("unit_id", "单位", "unit", required=True),
    Field("found_on", "发现日期", "date", required=True),
    Field("description", "隐患描述", "multiline", required=True),
    Field("reporter", "报告职工"),
    Field("measures", "整改措施", "multiline"),
    Field("deadline", "整改时限", "date"),
    Field("fixer", "整改单位"),
    Field("responsible", "整改责任人"),
    Field("state", "状态", "choice", tuple(HAZARD_STATES), required=True),
    Field("closed_on", "销号日期", "date", placeholder="销号时填写，不早于发现日期"),
]
EVENT_FIELDS = [
    Field("unit_id", "单位", "unit", required=True),
    Field("kind", "类型", "choice", tuple(SAFETY_EVENT_KINDS), required=True),
    Field("held_on", "日期", "date"),
    Field("title", "内容", placeholder="如 安全生产知识培训、消防应急演练"),
    Field("participants", "参加人次", "number"),
]


class HazardsPage(RegisterPage):
    noun = "隐患"
    unit_word = "条"
    default_sort = "found_on"
    default_descending = True
    placeholder = "搜索单位、隐患描述、报告职工或责任人"
    empty_hint = "这里列出当年发现的隐患，以及往年还在整改中的隐患。"
    columns = [
        Column("unit", "单位", 210), Column("found_on", "发现日期", 90, centred=True),
        Column("description", "隐患描述", 230), Column("measures", "整改措施", 160),
        Column("deadline", "整改时限", 90, centred=True), Column("responsible", "整改责任人", 80),
        Column("state", "状态", 70, centred=True), Column("closed_on", "销号日期", 90, centred=True),
    ]

    def filters(self) -> list[QWidget]:
        self.state_filter = self.choice_filter([("全部状态", ""), ("整改中", "整改中"), ("已逾期", "逾期"),
                                                ("已销号", "已销号")])
        return [self.state_filter]

    def search(self, sort: str, descending: bool) -> list[int]:
        return safety.search_hazards(self.db, self.year, self.text, self.state_filter.currentData(), self.area_id,
                                     sort, descending)

    def fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        rows = safety.fetch_hazards(self.db, ids)
        for r in rows.values():
            if r["overdue"]:
                r["state"] = "已逾期"
        return rows

    def style(self, role: int, column: Column, row: dict[str, object]) -> object:
        if row.get("overdue"):
            if role == Qt.ItemDataRole.BackgroundRole:
                return WARN
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"整改时限 {row['deadline']} 已过，仍未销号"
        return None

    def describe(self, row: dict[str, object]) -> str:
        return f"{row['unit']}：{row['description']}"

    def dialog_for(self, record_id: int | None) -> RecordDialog:
        current = safety.get_hazard(self.db, record_id) if record_id is not None else HazardInput()
        title = "编辑隐患档案" if record_id is not None else "新增隐患档案"
        return RecordDialog(self.db, title, HAZARD_FIELDS, asdict(current),
                            lambda v: safety.save_hazard(self.db, HazardInput(**v), record_id), self,
                            record=("hazards", record_id))

    def delete_record(self, record_id: int) -> None:
        safety.delete_hazard(self.db, record_id)


class EventsPage(RegisterPage):
    noun = "培训和演练"
    unit_word = "次"
    default_sort = "held_on"
    default_descending = True
    placeholder = "搜索单位或内容"
    columns = [
        Column("unit", "单位", 230), Column("area", "区域", 96), Column("kind", "类型", 80, centred=True),
        Column("held_on", "日期", 90, centred=True), Column("title", "内容", 240),
        Column("participants", "参加人次", 70, numeric=True),
    ]

    def filters(self) -> list[QWidget]:
        self.kind_filter = self.choice_filter([("培训和演练", ""), *((k, k) for k in SAFETY_EVENT_KINDS)])
        return [self.kind_filter]

    def search(self, sort: str, descending: bool) -> list[int]:
        return safety.search_events(self.db, self.year, self.text, self.kind_filter.currentData(), self.area_id,
                                    sort, descending)

    def fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        return safety.fetch_events(self.db, ids)

    def describe(self, row: dict[str, object]) -> str:
        return f"{row['unit']} {row['held_on'] or ''} {row['kind']}"

    def dialog_for(self, record_id: int | None) -> RecordDialog:
        current = safety.get_event(self.db, record_id) if record_id is not None else EventInput(year=self.year)
        year = current.year
        title = "编辑安全活动" if record_id is not None else f"新增{year}年安全培训或应急演练"
        return RecordDialog(self.db, title, EVENT_FIELDS, asdict(current),
                            lambda v: safety.save_event(self.db, EventInput(year=year, **v), record_id), self,
                            record=("safety_events", record_id))

    def delete_record(self, record_id: int) -> None:
        safety.delete_event(self.db, record_id)


class SafetyPage(QWidget):
    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.year = year
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.check_label.setTextFormat(Qt.TextFormat.RichText)
        self.hazards = HazardsPage(db, year)
        self.events = EventsPage(db, year)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.hazards, "隐患档案")
        self.tabs.addTab(self.events, "安全培训和应急演练")
        layout = QVBoxLayout(self)
        layout.addWidget(self.check_label)
        layout.addWidget(self.tabs, 1)
        for page in (self.hazards, self.events):
            page.changed.connect(self.update_check)
        self._loaded = False

    def showEvent(self, event) -> None:
        if not self._loaded:
            self._loaded = True
            self.update_check()
        super().showEvent(event)

    def set_year(self, year: int) -> None:
        self.year = year
        self.hazards.set_year(year)
        self.events.set_year(year)
        if self._loaded:
            self.update_check()

    def reload_areas(self) -> None:
        self.hazards.reload_areas()
        self.events.reload_areas()

    def update_check(self) -> None:
        c = safety.safety_check(self.db, self.year, names=8)

        def part(value, what: str, missing: list[str], verb: str) -> str:
            done, total = value.numerator, value.denominator
            line = f"{what} {total:,} 家，{verb} {done:,} 家（{value.shown()}）"
            if done < total:
                more = "等" if total - done > len(missing) else ""
                line += (f"；<span style='color:#c62828'>未{verb} {total - done:,} 家：{'、'.join(missing)}{more}"
                         "</span>")
            return line

        overdue = (f"<span style='color:#c62828'>逾期未销号的隐患 {c.overdue.value} 条</span>" if c.overdue.value
                   else "没有逾期未销号的隐患")
        trained = part(c.trained, "已建会单位", c.untrained, "开展安全培训")
        self.check_label.setText(f"<b>{self.year} 年检查</b>：{trained}"
                                 f"<br>{part(c.drilled, '高危行业单位', c.undrilled, '开展应急演练')}"
                                 f"<br>{overdue}")
