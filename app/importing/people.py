"""Importing person lists: matched by ID number, else by name within the same unit; checked like the form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace

from sqlite_utils import Database

from .. import persons
from ..codes import EDUCATION, POLITICAL, SKILL_LEVELS
from ..errors import LedgerError, ValidationError
from ..normalize import clean_code, clean_text, halfwidth, parse_date, parse_flag
from ..persons import PersonInput
from . import plan
from .mapping import Mapping, Target
from .plan import ImportOptions, ImportPlan, RowResult
from .reader import Sheet

TARGETS = [
    Target("name", "姓名", ("姓名", "职工姓名", "名字"), required=True),
    Target("sex", "性别", ("性别",)),
    Target("id_number", "身份证号", ("公民身份号码", "身份证号码", "身份证号", "身份证", "证件号码")),
    Target("birth_date", "出生日期", ("出生日期", "出生年月", "生日")),
    Target("unit", "单位", ("工作单位", "所在单位", "单位名称", "企业名称", "单位")),
    Target("credit_code", "单位信用代码", ("统一社会信用代码", "信用代码")),
    Target("post", "岗位/工种", ("岗位/工种", "工种", "岗位", "职务")),
    Target("skill_level", "职业技能等级", ("职业技能等级", "技能等级", "技术等级")),
    Target("political", "政治面貌", ("政治面貌",)),
    Target("education", "学历", ("学历", "文化程度")),
    Target("is_head", "企业负责人", ("是否企业负责人", "企业负责人")),
    Target("phone", "联系电话", ("联系电话", "手机号码", "手机", "电话")),
    Target("note", "备注", ("备注",)),
]
LABELS = {t.key: t.label for t in TARGETS}
NEEDS = "至少要有“姓名”一列和另一列可识别的列名，如“身份证号”“工作单位”"
SEX = {"男": "男", "男性": "男", "女": "女", "女性": "女"}


class _Lookup:
    def __init__(self, db: Database):
        self.people = persons.load_all(db)
        self.by_id_number = {p.id_number: pid for pid, p in self.people.items() if p.id_number}
        self.by_name_unit: dict[tuple[str, int | None], list[int]] = {}
        for pid, p in self.people.items():
            self.by_name_unit.setdefault((p.name, p.unit_id), []).append(pid)
        self.units_by_code: dict[str, tuple[int, bool]] = {}
        self.units_by_name: dict[str, list[tuple[int, bool]]] = {}
        for uid, name, code, archived in db.execute("SELECT id, name, credit_code, archived_at FROM units"):
            if code:
                self.units_by_code[code] = (uid, bool(archived))
            self.units_by_name.setdefault(name, []).append((uid, bool(archived)))

    def unit(self, name: str, code: str) -> int:
        found = self.units_by_code.get(code) if code else None
        if found is None and name:
            matches = self.units_by_name.get(name, [])
            if len(matches) > 1:
                raise ValueError(f"台账中有 {len(matches)} 家名为「{name}」的单位，请加一列统一社会信用代码以区分")
            found = matches[0] if matches else None
        if found is None:
            raise ValueError(f"「{code or name}」不在单位台账中（请先在单位台账中添加或导入该单位）")
        if found[1]:
            raise ValueError(f"「{code or name}」在单位台账中已归档")
        return found[0]


def plan_people(db: Database, sheet: Sheet, mapping: Mapping, options: ImportOptions,
                progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """Check and match every row; nothing is written."""
    lookup = _Lookup(db)

    def check(values: dict[str, object], row_number: int, name: str, cells: list[object]) -> RowResult:
        return _check_row(db, lookup, values, row_number, name, cells)

    def keys(r: RowResult) -> tuple[list[str], list[str]]:
        number = r.data.id_number
        own = [f"person:{r.record_id}"] if r.record_id is not None else []
        by_name = f"name:{r.data.name}|{r.data.unit_id}"
        look = ([f"id:{number}"] if number else [by_name]) + own
        return look, ([f"id:{number}"] if number else []) + own + [by_name]

    return plan.plan_rows(sheet, mapping, options, check, keys, "个人", progress)


def _check_row(db: Database, lookup: _Lookup, values: dict[str, object], row_number: int, name: str,
               cells: list[object]) -> RowResult:
    result = RowResult(row_number, "refused", name, cells)
    parse = plan.value_parser(values, LABELS, result.reasons)

    def choice(allowed: list[str]) -> Callable[[object], str]:
        def check(value: object) -> str:
            text = clean_text(value)
            if text not in allowed:
                raise ValueError(f"「{text}」应为 {'、'.join(allowed)} 之一")
            return text
        return check

    number = parse("id_number", clean_code) or ""
    unit_name = clean_text(values.get("unit"))
    unit_code = clean_code(values.get("credit_code"))
    unit_id = None
    if unit_name or unit_code:
        unit_id = parse("unit" if unit_name else "credit_code", lambda _v: lookup.unit(unit_name, unit_code))
    record_id = lookup.by_id_number.get(number) if number else None
    if record_id is None and name:
        same = lookup.by_name_unit.get((name.replace(" ", ""), unit_id), [])
        same = [pid for pid in same if not lookup.people[pid].id_number or not number]
        if len(same) > 1:
            result.reasons.append(f"姓名：该单位已有 {len(same)} 名叫「{name}」的职工，请加一列身份证号以区分")
            return result
        record_id = same[0] if same else None
    existing = lookup.people.get(record_id) if record_id is not None else None
    data = replace(existing) if existing else PersonInput()
    data.name = name or data.name
    if number:
        data.id_number = number
    if unit_id is not None:
        data.unit_id = unit_id
    sex = parse("sex", lambda v: SEX.get(clean_text(v)) or _bad(f"「{clean_text(v)}」应为 男 或 女"))
    data.sex = sex or data.sex
    birth = parse("birth_date", parse_date)
    data.birth_date = birth or data.birth_date
    for key, allowed in (("skill_level", SKILL_LEVELS), ("political", POLITICAL), ("education", EDUCATION)):
        value = parse(key, choice(allowed))
        if value:
            setattr(data, key, value)
    for key in ("post", "note"):
        text = parse(key, clean_text)
        if text:
            setattr(data, key, text)
    phone = parse("phone", lambda v: halfwidth(clean_text(v)))
    data.phone = phone or data.phone
    head = parse("is_head", parse_flag)
    data.is_head = data.is_head if head is None else head
    if result.reasons:
        return result
    errors = persons.validate_person(db, data, record_id)
    if errors:
        result.reasons.extend(f"{e.label}：{e.message}" for e in errors)
        return result
    data = persons.normalize_person(data)
    result.record_id, result.data = record_id, data
    if existing is None:
        result.status = "new"
    elif asdict(persons.normalize_person(existing)) == asdict(data):
        result.status = "unchanged"
    else:
        result.status = "updated"
    return result


def _bad(message: str):
    raise ValueError(message)


def apply_people(db: Database, import_plan: ImportPlan, progress: Callable[[int, int], None] | None = None) -> int:
    """Write every new and updated row in one transaction; all or nothing."""
    rows = import_plan.to_write
    from ..changes import batch

    with batch(db, f"导入职工名单「{import_plan.sheet.file_name}」"):
        for n, r in enumerate(rows):
            if progress and n % 500 == 0:
                progress(n, len(rows))
            try:
                persons.save_person(db, r.data, r.record_id)
            except ValidationError as exc:
                raise LedgerError(f"第 {r.row} 行「{r.name}」没有导入（{exc}），整个导入已撤销，请重新预览。") from exc
    if progress:
        progress(len(rows), len(rows))
    return len(rows)
