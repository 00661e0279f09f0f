"""Importing targets (目标): one row a target — 指标 (its title or code), 区域 (blank or 全县 for the county)
and 目标值 — each checked as a typed cell of the 目标 grid is; written in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from .. import targets
from ..indicators import BY_CODE
from ..normalize import clean_text
from ..targets import TARGETABLE, TargetChange
from . import plan
from .mapping import Mapping, Target
from .plan import ImportOptions, ImportPlan, RowResult
from .reader import Sheet

TARGETS = [
    Target("name", "指标", ("指标", "指标名称", "考核指标", "项目"), required=True),
    Target("area", "区域", ("区域", "所属区域", "乡镇街道园区", "乡镇（街道、园区）")),
    Target("value", "目标值", ("目标值", "目标", "任务数", "数值"), required=True),
]
NEEDS = "要有“指标”和“目标值”两列（“区域”一列可选，空着或写“全县”即全县目标）"
COUNTY = ("", "全县", "合计", "县")


def plan_targets(db: Database, sheet: Sheet, mapping: Mapping, options: ImportOptions,
                 progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    year = options.year
    codes = {BY_CODE[c].title: c for c in TARGETABLE} | {c: c for c in TARGETABLE}
    areas = dict(db.execute("SELECT name, id FROM areas").fetchall())
    stored = targets.targets_of(db, year)

    def check(values: dict[str, object], row_number: int, name: str, cells: list[object]) -> RowResult:
        result = RowResult(row_number, "refused", name, cells)
        title = clean_text(values.get("name")).removesuffix("（%）").removesuffix("(%)")
        code = codes.get(title)
        if code is None:
            examples = "、".join(BY_CODE[c].title for c in TARGETABLE[:4])
            result.reasons.append(f"指标：「{title}」不是可以设目标的指标（如 {examples}……）")
        area_name = clean_text(values.get("area"))
        area_id = None if area_name in COUNTY else areas.get(area_name)
        if area_name not in COUNTY and area_id is None:
            result.reasons.append(f"区域：「{area_name}」不在区域列表中")
        if result.reasons:
            return result
        ok, refused = targets.check(db, year, [TargetChange(code, area_id, values.get("value"))])
        if refused:
            result.reasons.append(f"目标值：{refused[0][1]}")
            return result
        change = ok[0]
        if change.value is None:
            result.reasons.append("目标值：空着（要清除一个目标，请在“目标”页中删除）")
            return result
        old = stored.get((code, area_id))
        result.data = change
        result.status = "new" if old is None else ("unchanged" if old.value == change.value else "updated")
        return result

    def row_keys(r: RowResult) -> tuple[list[str], list[str]]:
        key = f"{r.data.code}:{r.data.area_id}"
        return [key], [key]

    return plan.plan_rows(sheet, mapping, options, check, row_keys, "个目标", progress)


def apply_targets(db: Database, import_plan: ImportPlan, progress: Callable[[int, int], None] | None = None) -> int:
    """Write every new and changed target in one transaction."""
    from ..changes import batch

    rows = import_plan.to_write
    with batch(db, f"导入目标「{import_plan.sheet.file_name}」"):
        targets.write(db, import_plan.options.year, [r.data for r in rows])
    if progress:
        progress(len(rows), len(rows))
    return len(rows)
