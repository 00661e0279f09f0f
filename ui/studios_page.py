"""创新工作室: the register, each studio's 示范级别 and results, and the areas that still have none."""

from __future__ import annotations

from dataclasses import asdict

from app import areas as area_service
from app import indicators, studios, targets
from app.codes import STUDIO_KINDS
from app.studios import StudioInput

from .paged_model import Column
from .record_form import Field, RecordDialog
from .register_page import RegisterPage

FIELDS = [
    Field("name", "工作室名称", required=True, placeholder="如 张三劳模创新工作室"),
    Field("kind", "类型", "choice", tuple(STUDIO_KINDS), required=True),
    Field("unit_id", "单位", "unit", required=True),
    Field("leader_id", "领办人", "person"),
    Field("members", "成员人数", "number"),
    Field("founded_on", "成立日期", "date"),
    Field("note", "备注", "multiline"),
]


class StudiosPage(RegisterPage):
    noun = "工作室"
    unit_word = "个"
    default_sort = "name"
    placeholder = "搜索工作室、单位或领办人"
    columns = [
        Column("name", "工作室名称", 230), Column("kind", "类型", 130), Column("unit", "单位", 220),
        Column("area", "区域", 96), Column("leader", "领办人", 70), Column("members", "成员", 50, numeric=True),
        Column("founded_on", "成立日期", 90, centred=True), Column("demo_level", "示范级别", 190),
        Column("results", "成果数", 60, numeric=True),
    ]

    def search(self, sort: str, descending: bool) -> list[int]:
        return studios.search(self.db, self.text, self.area_id, sort, descending)

    def fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        return studios.fetch_rows(self.db, ids)

    def _show_count(self, total: int) -> None:
        super()._show_count(total)
        if not total and not self.text.strip() and self.area_id is None:
            self.view.show_empty("还没有登记创新工作室。\n点击“新增工作室”（Ctrl+N）录入。")

    def summarize(self) -> str:
        total = indicators.compute(self.db, self.year, codes=["studios"]).get("studios").value
        missing = indicators.areas_without_studio(self.db, self.year)
        goal = targets.goal_text(self.db, self.year, "studios")
        line = f"{self.year} 年度全县共 {total} 个工作室（{goal}；2014 年乐山市计划要求每个区域至少 1 个）。"
        if not area_service.list_areas(self.db):
            return line + "还没有区域：请先在“设置”中添加本县的乡镇、街道和园区。"
        if missing:
            names = "、".join(missing)
            return line + f"<span style='color:#c62828'>还没有工作室的区域（{len(missing)} 个）：{names}</span>"
        return line + "<span style='color:#2e7d32'>每个区域都有工作室。</span>"

    def dialog_for(self, record_id: int | None) -> RecordDialog:
        current = studios.get(self.db, record_id) if record_id is not None else StudioInput()
        title = f"编辑工作室 — {current.name}" if record_id is not None else "新增创新工作室"
        return RecordDialog(self.db, title, FIELDS, asdict(current),
                            lambda v: studios.save(self.db, StudioInput(**v), record_id), self,
                            record=("studios", record_id))

    def delete_record(self, record_id: int) -> None:
        studios.delete(self.db, record_id)
