"""Importing annual figures (年度数据): one row a unit, matched by credit code or exact name, every figure
checked as the grid checks a pasted cell (whole numbers, 实施 ≤ 提出, not below the itemised results)."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from .. import figures
from ..codes import ANNUAL_FIGURES, FIGURE_KEYS
from ..figures import Change
from ..normalize import clean_text
from . import plan
from .mapping import Mapping, Target
from .plan import ImportOptions, ImportPlan, RowResult
from .reader import Sheet

# Header names seen on county returns, best first; the grid's own titles are among them.
_NAMES = {
    "participant_times": ("参赛职工人次", "参与职工人次", "参赛人次"),
    "suggestions_made": ("合理化建议提出", "合理化建议提出件数", "提出件数", "合理化建议"),
    "suggestions_adopted": ("合理化建议实施", "合理化建议实施件数", "实施件数", "已实施"),
    "innovations": ("技术革新", "技术革新项数"), "tackles": ("技术攻关", "技术攻关项数"),
    "inventions": ("发明创造", "发明创造项数"), "patent_applications": ("专利申请", "专利申请数", "专利"),
    "methods": ("先进操作法", "先进操作法数"), "benefit": ("经济效益", "创造经济效益"),
    "skill_contest_times": ("技能竞赛参赛人次", "技能竞赛人次"), "drill_times": ("岗位练兵人次", "岗位练兵"),
    "safety_training_times": ("安全培训人次", "安全培训"), "emergency_drills": ("应急演练次数", "应急演练"),
    "energy_monitors": ("节能减排义务监督员", "节能减排义务监督员人数", "义务监督员"),
}
TARGETS = [
    Target("name", "单位名称", ("单位名称", "企业名称", "单位"), required=True),
    Target("credit_code", "统一社会信用代码", ("统一社会信用代码", "社会信用代码", "信用代码")),
    *(Target(key, title, _NAMES[key]) for key, title, _ in ANNUAL_FIGURES),
]
NEEDS = "至少要有“单位名称”一列和一列年度数据，如“技术革新”“合理化建议提出”"


def plan_figures(db: Database, sheet: Sheet, mapping: Mapping, options: ImportOptions,
                 progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """Check every row against the ledger and the year's itemised results; nothing is written."""
    year = options.year
    find = plan.unit_finder(db, year)
    keys = [k for k in FIGURE_KEYS if k in mapping.columns]

    def check(values: dict[str, object], row_number: int, name: str, cells: list[object]) -> RowResult:
        result = RowResult(row_number, "refused", name, cells)
        unit_id = find(values, name, result.reasons)
        if unit_id is None:
            return result
        # a blank cell leaves the stored figure as it was: only what the file states is checked and written
        changes = [Change(unit_id, k, values.get(k)) for k in keys if clean_text(values.get(k))]
        ok, refused = figures.check(db, year, changes)
        result.reasons += [f"{figures.LABELS[e.key]}：{e.reason}" for e in refused]
        if result.reasons:
            return result
        result.data, result.record_id = ok, unit_id
        old = db.execute(f"SELECT {', '.join(FIGURE_KEYS)} FROM annual_figures WHERE unit_id = ? AND year = ?",
                         [unit_id, year]).fetchone()  # one read: whether the unit has reported, and what
        stored = dict(zip(FIGURE_KEYS, old, strict=True)) if old else {}
        same = all(stored.get(c.key) == c.value for c in ok)  # no figure stated is the same as none changed
        result.status = "unchanged" if same else ("new" if old is None else "updated")
        return result

    def row_keys(r: RowResult) -> tuple[list[str], list[str]]:
        return [f"unit:{r.record_id}"], [f"unit:{r.record_id}"]

    return plan.plan_rows(sheet, mapping, options, check, row_keys, "家单位", progress)


def apply_figures(db: Database, import_plan: ImportPlan, progress: Callable[[int, int], None] | None = None) -> int:
    """Write every row's figures in one transaction."""
    rows = import_plan.to_write
    changes = [c for r in rows for c in r.data]
    if progress:
        progress(0, len(rows))
    from ..changes import batch

    with batch(db, f"导入年度数据「{import_plan.sheet.file_name}」"):
        figures.write(db, import_plan.options.year, changes)
    if progress:
        progress(len(rows), len(rows))
    return len(rows)
