"""Importing a competition's participation list: units by credit code or exact name, with their results."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from .. import participation
from ..codes import AWARDS
from ..errors import LedgerError, ValidationError
from ..normalize import clean_text, parse_count
from . import plan
from .mapping import Mapping, Target
from .plan import ImportOptions, ImportPlan, RowResult
from .reader import Sheet

TARGETS = [
    Target("name", "单位名称", ("参赛单位名称", "参赛单位", "单位名称", "企业名称", "单位"), required=True),
    Target("credit_code", "统一社会信用代码", ("统一社会信用代码", "社会信用代码", "信用代码")),
    Target("participants", "参赛职工人数", ("参赛职工人数", "参赛职工人次", "参赛人数", "参赛人次")),
    Target("score", "成绩", ("成绩", "得分", "总分")),
    Target("rank", "名次", ("名次", "排名")),
    Target("award", "奖项", ("奖项", "获奖等次", "获奖情况")),
]
LABELS = {t.key: t.label for t in TARGETS}
NEEDS = "至少要有“单位名称”一列和另一列可识别的列名，如“参赛职工人数”“名次”"


def plan_participants(db: Database, sheet: Sheet, mapping: Mapping, options: ImportOptions,
                      progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """Check every row against the ledger and the competition; nothing is written."""
    competition = db.execute("SELECT year FROM competitions WHERE id = ?", [options.competition_id]).fetchone()
    if competition is None:
        raise LedgerError("请先选择要导入参赛名单的竞赛。")
    year = competition[0]
    find = plan.unit_finder(db, year)
    present = {r[0]: r[1:] for r in db.execute(
        "SELECT unit_id, participants, score, rank, award FROM participations WHERE competition_id = ?",
        [options.competition_id])}

    def check(values: dict[str, object], row_number: int, name: str, cells: list[object]) -> RowResult:
        result = RowResult(row_number, "refused", name, cells)
        parse = plan.value_parser(values, LABELS, result.reasons)
        unit_id = find(values, name, result.reasons, "参赛")
        if unit_id is None:
            return result
        employees = find.units[unit_id][2]
        count = parse("participants", parse_count)
        if count is not None and employees is not None and count > employees:
            result.reasons.append(f"参赛职工人数：{count} 人多于该单位 {year} 年的职工人数 {employees} 人")
        score = parse("score", lambda v: float(clean_text(v)))
        rank = parse("rank", parse_count)
        award = parse("award", lambda v: clean_text(v) if clean_text(v) in AWARDS else _bad(
            f"「{clean_text(v)}」应为 {'、'.join(AWARDS)} 之一"))
        if result.reasons:
            return result
        old = present.get(unit_id)
        new = (count if count is not None else (old[0] if old else None),
               score if score is not None else (old[1] if old else None),
               rank if rank is not None else (old[2] if old else None),
               award if award is not None else (old[3] if old else ""))
        result.record_id, result.data = unit_id, new
        result.status = "new" if old is None else ("unchanged" if tuple(old) == new else "updated")
        return result

    def keys(r: RowResult) -> tuple[list[str], list[str]]:
        return [f"unit:{r.record_id}"], [f"unit:{r.record_id}"]

    return plan.plan_rows(sheet, mapping, options, check, keys, "家单位", progress)


def _bad(message: str):
    raise ValueError(message)


def apply_participants(db: Database, import_plan: ImportPlan,
                       progress: Callable[[int, int], None] | None = None) -> int:
    """Add the new units and write every row's results, in one transaction."""
    competition_id = import_plan.options.competition_id
    rows = import_plan.to_write
    from ..changes import batch

    with batch(db, f"导入参赛名单「{import_plan.sheet.file_name}」"):
        participation.add_units(db, competition_id, [r.record_id for r in rows if r.status == "new"])
        for n, r in enumerate(rows):
            if progress and n % 200 == 0:
                progress(n, len(rows))
            try:
                participation.set_result(db, competition_id, r.record_id, *r.data)
            except ValidationError as exc:
                raise LedgerError(f"第 {r.row} 行「{r.name}」没有导入（{exc}），整个导入已撤销，请重新预览。") from exc
    if progress:
        progress(len(rows), len(rows))
    return len(rows)
