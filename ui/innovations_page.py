"""创新成果: the register of itemised results; saving one above the unit's reported total offers to raise it."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtWidgets import QWidget

from app import innovations
from app.codes import INNOVATION_AWARDS, INNOVATION_KINDS, LEVELS, PATENT_STATUSES, PATENT_TYPES
from app.innovations import InnovationInput, TotalsExceeded

from . import ask
from .paged_model import Column
from .record_form import Cancelled, Field, RecordDialog
from .register_page import RegisterPage

FIELDS = [
    Field("kind", "类别", "choice", tuple(INNOVATION_KINDS), required=True),
    Field("title", "成果名称", required=True),
    Field("unit_id", "单位", "unit", required=True),
    Field("lead_id", "主创人", "person"),
    Field("member_ids", "参与人", "persons"),
    Field("implemented", "是否实施", "flag", placeholder="已实施"),
    Field("benefit", "经济效益（万元）", "number"),
    Field("patent_number", "专利号", placeholder="如 ZL201510123456.7；专利类成果必填类型和状态"),
    Field("patent_type", "专利类型", "choice", ("", *PATENT_TYPES)),
    Field("patent_status", "专利状态", "choice", ("", *PATENT_STATUSES)),
    Field("award_level", "获奖级别", "choice", ("", *LEVELS)),
    Field("award_grade", "获奖等次", "choice", ("", *INNOVATION_AWARDS)),
    Field("method_name", "命名操作法", placeholder="以职工命名的操作法，如“张三工作法”"),
    Field("studio_id", "创新工作室", "studio"),
    Field("note", "备注", "multiline"),
]


class InnovationsPage(RegisterPage):
    noun = "创新成果"
    unit_word = "项"
    default_sort = "title"
    placeholder = "搜索成果名称、单位、主创人、专利号或操作法"
    empty_hint = "单位只报合计数的，请在“年度数据”中填写。"
    # widths that fit a 1280 × 760 window (the nav beside them) without scrolling sideways
    columns = [
        Column("kind", "类别", 80), Column("title", "成果名称", 200), Column("unit", "单位", 186),
        Column("lead", "主创人", 64), Column("members", "参与人", 96), Column("implemented", "实施", 40, centred=True),
        Column("benefit", "效益（万元）", 84, numeric=True), Column("patent", "专利", 150),
        Column("award", "获奖", 80), Column("method_name", "命名操作法", 90),
    ]

    def filters(self) -> list[QWidget]:
        self.kind_filter = self.choice_filter([("全部类别", ""), *((k, k) for k in INNOVATION_KINDS)])
        return [self.kind_filter]

    def search(self, sort: str, descending: bool) -> list[int]:
        return innovations.search(self.db, self.year, self.text, self.kind_filter.currentData(), self.area_id,
                                  "patent" if sort == "patent" else sort, descending)

    def fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        rows = innovations.fetch_rows(self.db, ids)
        for r in rows.values():
            r["patent"] = " ".join(str(v) for v in (r["patent_number"], r["patent_type"], r["patent_status"]) if v)
        return rows

    def dialog_for(self, record_id: int | None) -> RecordDialog:
        current = innovations.get(self.db, record_id) if record_id is not None else InnovationInput(year=self.year)
        values = asdict(current)
        title = f"编辑创新成果 — {current.title}" if record_id is not None else f"新增{self.year}年创新成果"
        dialog = RecordDialog(self.db, title, FIELDS, values, lambda v: self._save(dialog, v, record_id), self,
                              record=("innovations", record_id))
        return dialog

    def _save(self, dialog: RecordDialog, values: dict[str, object], record_id: int | None) -> int:
        year = innovations.get(self.db, record_id).year if record_id is not None else self.year
        item = InnovationInput(year=year, **values)
        try:
            return innovations.save(self.db, item, record_id)
        except TotalsExceeded as exc:
            if not ask.confirm(dialog, "超过年度合计数", f"{exc}\n\n要把该单位的年度合计数提高到登记的项数吗？",
                               yes="提高合计数并保存"):
                raise Cancelled from exc
            return innovations.save(self.db, item, record_id, raise_totals=True)

    def delete_record(self, record_id: int) -> None:
        innovations.delete(self.db, record_id)
