"""Importing innovation results (创新成果) and honor recommendations (推荐名单): new records, through the same
save as their forms. The preview saves every row inside a savepoint that is rolled back — so a row is refused
for exactly what the form would refuse it for (itemised ≤ the unit's totals, counting the file's earlier
rows; a title's recipient kind; an ID number's check digit; the same honor twice) — and the import saves
them again, for real, in one transaction.

A person named in a row (the 主创人 and 参与人 of a result, the person recommended) is found by ID number,
else by name in the unit when that is unambiguous, else registered with the row.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator

from sqlite_utils import Database

from .. import honors, innovations, persons
from ..errors import LedgerError, ValidationError
from ..normalize import clean_code, clean_text, parse_amount, parse_flag
from . import plan
from .mapping import Mapping, Target
from .plan import ImportOptions, ImportPlan, RowResult
from .reader import Sheet

UNIT = [Target("name", "单位名称", ("单位名称", "所在单位", "工作单位", "单位"), required=True),
        Target("credit_code", "统一社会信用代码", ("统一社会信用代码", "信用代码"))]
INNOVATION_TARGETS = [
    Target("title", "成果名称", ("成果名称", "项目名称", "成果"), required=True),
    Target("kind", "类别", ("成果类别", "类别", "类型")), *UNIT,
    Target("lead", "主创人", ("主创人", "第一完成人", "完成人")),
    Target("lead_id_number", "主创人身份证号", ("主创人身份证号", "身份证号")),
    Target("members", "参与人", ("参与人", "主要参与人", "其他完成人")),
    Target("implemented", "是否实施", ("是否实施", "已实施")),
    Target("benefit", "经济效益（万元）", ("经济效益", "创造经济效益")),
    Target("patent_number", "专利号", ("专利号",)), Target("patent_type", "专利类型", ("专利类型",)),
    Target("patent_status", "专利状态", ("专利状态",)), Target("award_level", "获奖级别", ("获奖级别",)),
    Target("award_grade", "获奖等次", ("获奖等次",)),
    Target("method_name", "命名操作法", ("命名操作法", "操作法名称")),
    Target("note", "备注", ("备注",)),
]
HONOR_TARGETS = [
    Target("title", "称号", ("推荐称号", "称号", "荣誉称号"), required=True), Target("level", "级别", ("级别",)),
    Target("recipient", "推荐对象", ("推荐对象", "姓名", "集体名称")), *UNIT,
    Target("id_number", "身份证号", ("身份证号", "身份证号码")), Target("sex", "性别", ("性别",)),
    Target("post", "岗位/工种", ("岗位/工种", "岗位", "工种", "职务")),
    Target("deeds", "主要事迹", ("主要事迹", "事迹")),
]
INNOVATION_NEEDS = "至少要有“成果名称”“单位名称”两列"
HONOR_NEEDS = "至少要有“称号”“推荐对象”“单位名称”三列"


@contextlib.contextmanager
def rolled_back(db: Database) -> Iterator[None]:
    """Everything inside is undone at the end: a dry run of the forms' own saves."""

    class _Undo(Exception):
        pass

    try:
        with db.atomic():
            yield
            raise _Undo
    except _Undo:
        pass


class _People:
    """Finds the person a row names, or registers one (inside the caller's transaction)."""

    def __init__(self, db: Database):
        self.db = db

    def find(self, name: str, unit_id: int, id_number: str, what: str, reasons: list[str],
             sex: str = "", post: str = "") -> int | None:
        db = self.db
        if id_number:
            row = db.execute("SELECT id, name FROM persons WHERE id_number = ?", [id_number]).fetchone()
            if row is not None:
                if name and row[1] != name:
                    reasons.append(f"{what}：身份证号 {id_number[:6]}…是职工「{row[1]}」的，与「{name}」不符")
                    return None
                return row[0]
        if not name:
            return None
        same = db.execute("SELECT id FROM persons WHERE name = ? AND unit_id = ?", [name, unit_id]).fetchall()
        if len(same) == 1 and not id_number:
            return same[0][0]
        if len(same) > 1 and not id_number:
            reasons.append(f"{what}：该单位有 {len(same)} 名职工叫「{name}」，请填写身份证号以区分")
            return None
        try:
            return persons.save_person(db, persons.PersonInput(name=name, id_number=id_number, unit_id=unit_id,
                                                               sex=sex, post=post))
        except ValidationError as exc:
            reasons.extend(f"{what}{e.label}：{e.message}" for e in exc.errors)
            return None


def _walk(db: Database, sheet: Sheet, mapping: Mapping, options: ImportOptions, labels: dict[str, str],
          save_row: Callable[[dict, RowResult, Callable, _People], None], same: str, label: str,
          progress: Callable[[int, int], None] | None) -> ImportPlan:
    find = plan.unit_finder(db, options.year)
    people = _People(db)

    def check(values: dict[str, object], row_number: int, name: str, cells: list[object]) -> RowResult:
        result = RowResult(row_number, "refused", clean_text(values.get(label)) or name, cells)
        parse = plan.value_parser(values, labels, result.reasons)
        unit_id = find(values, name, result.reasons)
        if unit_id is None:
            return result
        values = dict(values, unit_id=unit_id)
        try:
            with db.atomic():  # a refused row leaves nothing behind in the dry run either
                save_row(values, result, parse, people)
                if result.reasons:
                    raise _Refused
        except _Refused:
            result.status = "refused"
        except ValidationError as exc:
            result.status = "refused"
            result.reasons.extend(f"{e.label}：{e.message}" for e in exc.errors)
        except LedgerError as exc:  # TotalsExceeded and the like: the form's own words
            result.status = "refused"
            result.reasons.append(str(exc))
        return result

    def keys(r: RowResult) -> tuple[list[str], list[str]]:
        return [r.data[0]], [r.data[0]]

    with rolled_back(db):
        return plan.plan_rows(sheet, mapping, options, check, keys, same, progress)


class _Refused(Exception):
    pass


def _names(text: object) -> list[str]:
    return [n for n in re.split(r"[、,，;；\s]+", clean_text(text)) if n]


# -- innovation results ---------------------------------------------------------------------------------

def _save_innovation(db: Database, year: int, values: dict, result: RowResult, parse, people: _People) -> None:
    unit_id = values["unit_id"]
    lead_number = parse("lead_id_number", clean_code) or ""
    lead = clean_text(values.get("lead"))
    lead_id = people.find(lead, unit_id, lead_number, "主创人", result.reasons) if lead or lead_number else None
    member_ids = [p for n in _names(values.get("members"))
                  if (p := people.find(n, unit_id, "", "参与人", result.reasons)) is not None]
    r = innovations.InnovationInput(
        year=year, kind=clean_text(values.get("kind")) or "技术革新", title=clean_text(values.get("title")),
        unit_id=unit_id, lead_id=lead_id, member_ids=member_ids,
        implemented=bool(parse("implemented", parse_flag)), benefit=parse("benefit", parse_amount),
        patent_number=clean_text(values.get("patent_number")), patent_type=clean_text(values.get("patent_type")),
        patent_status=clean_text(values.get("patent_status")), award_level=clean_text(values.get("award_level")),
        award_grade=clean_text(values.get("award_grade")), method_name=clean_text(values.get("method_name")),
        note=clean_text(values.get("note")))
    if result.reasons:
        return
    old = db.execute("SELECT id FROM innovations WHERE year = ? AND unit_id = ? AND title = ?",
                     [year, unit_id, r.title]).fetchone()
    before = innovations.get(db, old[0]) if old else None
    innovations.save(db, r, old[0] if old else None)
    result.record_id = old[0] if old else None
    result.status = "new" if old is None else ("unchanged" if _same_innovation(before, r) else "updated")
    result.data = (f"innovation:{unit_id}:{r.title}", r)


def _same_innovation(a, b) -> bool:
    if a is None:
        return False
    from dataclasses import asdict

    skip = ("benefit", "member_ids", "lead_id")
    plain = [{k: v for k, v in asdict(x).items() if k not in skip} for x in (a, b)]
    same = plain[0] == plain[1]
    return same and (a.benefit or 0) == (b.benefit or 0) and a.lead_id == b.lead_id and \
        sorted(a.member_ids) == sorted(b.member_ids)


def plan_innovations(db: Database, sheet: Sheet, mapping: Mapping, options: ImportOptions,
                     progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    labels = {t.key: t.label for t in INNOVATION_TARGETS}
    return _walk(db, sheet, mapping, options, labels,
                 lambda v, r, parse, people: _save_innovation(db, options.year, v, r, parse, people),
                 "项成果", "title", progress)


def apply_innovations(db: Database, import_plan: ImportPlan, progress: Callable[[int, int], None] | None = None
                      ) -> int:
    year = import_plan.options.year
    return _apply(db, import_plan, "导入创新成果", INNOVATION_TARGETS,
                  lambda v, r, parse, people: _save_innovation(db, year, v, r, parse, people), progress)


# -- honor recommendations --------------------------------------------------------------------------------

def _save_honor(db: Database, year: int, values: dict, result: RowResult, parse, people: _People) -> None:
    unit_id = values["unit_id"]
    title_name = clean_text(values.get("title"))
    title = db.execute("SELECT id, recipient, level FROM honor_titles WHERE name = ?", [title_name]).fetchone()
    if title is None:
        result.reasons.append(f"称号：「{title_name}」不在称号目录中（可在“荣誉”页的称号目录中添加）")
        return
    who = clean_text(values.get("recipient"))
    unit_name = db.execute("SELECT name FROM units WHERE id = ?", [unit_id]).fetchone()[0]
    h = honors.HonorInput(title_id=title[0], level=clean_text(values.get("level")) or title[2], year=year,
                          unit_id=unit_id, deeds=clean_text(values.get("deeds")), state="推荐")
    if title[1] == "person":
        number = parse("id_number", clean_code) or ""
        if not number:
            result.reasons.append(f"身份证号：推荐个人（{title_name}）必须填写身份证号")
            return
        if not who:
            result.reasons.append("推荐对象：请填写被推荐人的姓名")
            return
        h.person_id = people.find(who, unit_id, number, "推荐对象", result.reasons, clean_text(values.get("sex")),
                                  clean_text(values.get("post")))
    elif title[1] == "team":
        h.team_name = who
    elif title[1] == "studio":
        row = db.execute("SELECT id FROM studios WHERE unit_id = ? AND name = ?", [unit_id, who]).fetchone()
        if row is None:
            result.reasons.append(f"推荐对象：「{who}」不是「{unit_name}」登记的工作室（请先在“工作室”页登记）")
            return
        h.studio_id = row[0]
    elif who and who != unit_name:
        result.reasons.append(f"推荐对象：「{title_name}」授予单位，推荐对象应是单位名称「{unit_name}」，不是「{who}」")
        return
    if result.reasons:
        return
    if clean_text(values.get("id_number")) and title[1] != "person":
        result.reasons.append(f"身份证号：「{title_name}」授予集体，不填身份证号")
        return
    twin = db.execute(
        "SELECT id, deeds FROM honors WHERE title_id = ? AND level = ? AND year = ? AND unit_id IS ? AND team_name = ?"
        " AND studio_id IS ? AND person_id IS ? AND revoked_on IS NULL AND state = '推荐'",
        [h.title_id, h.level, year, unit_id, h.team_name, h.studio_id, h.person_id]).fetchone()
    # the same recommendation read again (a file received twice): the record it made, not a second one
    honors.save(db, h, twin[0] if twin else None, accept_warnings=True)
    result.record_id = twin[0] if twin else None
    result.status = "new" if twin is None else ("unchanged" if (twin[1] or "") == h.deeds else "updated")
    result.data = (f"honor:{title[0]}:{h.level}:{unit_id}:{who}", h)


def plan_honors(db: Database, sheet: Sheet, mapping: Mapping, options: ImportOptions,
                progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    labels = {t.key: t.label for t in HONOR_TARGETS}
    return _walk(db, sheet, mapping, options, labels,
                 lambda v, r, parse, people: _save_honor(db, options.year, v, r, parse, people), "项推荐", "recipient",
                 progress)


def apply_honors(db: Database, import_plan: ImportPlan, progress: Callable[[int, int], None] | None = None) -> int:
    year = import_plan.options.year
    return _apply(db, import_plan, "导入推荐名单", HONOR_TARGETS,
                  lambda v, r, parse, people: _save_honor(db, year, v, r, parse, people), progress)


def _apply(db: Database, import_plan: ImportPlan, what: str, targets: list[Target], save_row: Callable,
           progress: Callable[[int, int], None] | None) -> int:
    """Save every row the preview passed, again and for real (the people it names found or registered anew),
    in one transaction: a row that no longer passes undoes the whole import."""
    from ..changes import batch

    labels = {t.key: t.label for t in targets}
    find = plan.unit_finder(db, import_plan.options.year)
    people = _People(db)
    rows = import_plan.to_write
    with batch(db, f"{what}「{import_plan.sheet.file_name}」"):
        for n, r in enumerate(rows):
            if progress and n % 50 == 0:
                progress(n, len(rows))
            cells = r.cells
            values = {key: cells[c] if c < len(cells) else None for key, c in import_plan.mapping.columns.items()}
            again = RowResult(r.row, "refused", r.name, cells)
            unit_id = find(values, clean_text(values.get("name")), again.reasons)
            try:
                if unit_id is not None:
                    save_row(dict(values, unit_id=unit_id), again, plan.value_parser(values, labels, again.reasons),
                             people)
            except LedgerError as exc:
                again.reasons.append(str(exc))
            if again.reasons or again.status == "refused":
                raise LedgerError(f"第 {r.row} 行「{r.name}」没有导入（{'；'.join(again.reasons)}），整个导入已撤销，"
                                  "请重新预览。")
    if progress:
        progress(len(rows), len(rows))
    return len(rows)
