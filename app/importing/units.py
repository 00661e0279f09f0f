"""Importing unit lists: each row checked and matched before anything is written, then one transaction.

A row matches an existing unit by credit code, else by exact name, and updates it (only the columns
the file has; the rest stay as they were) instead of adding a duplicate. A row that names the same
unit as an earlier row, or that cannot be read, is refused with its row number, column and reason.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from dataclasses import asdict, replace

from sqlite_utils import Database

from .. import units
from ..codes import CATEGORY_NAMES, INDUSTRY_NAMES
from ..errors import LedgerError, ValidationError
from ..normalize import clean_code, clean_text, halfwidth, parse_count, parse_date, parse_flag
from ..units import UnitInput, YearFigures
from . import plan
from .mapping import Mapping, Target
from .plan import ImportOptions, ImportPlan, RowResult
from .reader import Sheet

TARGETS = [
    Target("name", "单位名称", ("单位名称", "企业名称", "单位全称", "企业全称", "企业(单位)名称", "名称"),
           required=True),
    Target("credit_code", "统一社会信用代码", ("统一社会信用代码", "社会信用代码", "信用代码", "统一代码")),
    Target("area", "所属区域", ("所属区域", "所在区域", "区域", "所属乡镇", "乡镇街道", "乡镇(街道)", "镇街", "乡镇",
                            "街道", "所属园区")),
    Target("category", "单位类别", ("单位类别", "单位性质", "企业类型", "企业性质", "登记注册类型", "经济类型",
                                    "类别")),
    Target("industry", "行业", ("行业门类", "所属行业", "行业")),
    Target("tags", "重点产业", ("重点产业", "产业类别")),
    Target("address", "地址", ("单位地址", "注册地址", "地址", "所在地")),
    Target("contact", "联系人", ("联系人",)),
    Target("phone", "联系电话", ("联系电话", "电话", "手机", "联系方式")),
    Target("employees", "职工人数", ("职工人数", "职工总数", "职工数", "从业人员", "从业人数", "在岗职工")),
    Target("female_employees", "女职工人数", ("女职工人数", "女职工数", "女职工")),
    Target("members", "会员人数", ("会员人数", "会员数", "工会会员", "会员")),
    Target("above_scale", "规模以上", ("规模以上", "是否规上", "规上企业", "规上")),
    Target("union_founded", "已建会", ("是否建会", "已建会", "建会情况", "建立工会", "建会")),
    Target("founded_on", "建会日期", ("建会日期", "建会时间", "成立工会时间", "工会成立时间")),
    Target("union_type", "基层工会类型", ("基层工会类型", "建会形式", "组织形式", "建会方式")),
    Target("chairman", "工会主席", ("工会主席", "主席")),
    Target("high_risk", "高危行业", ("高危行业", "是否高危")),
    Target("note", "备注", ("备注",)),
]
LABELS = {t.key: t.label for t in TARGETS}
TEXT_FIELDS = ("address", "contact", "phone", "note")
COUNT_FIELDS = ("employees", "female_employees", "members")
FLAG_FIELDS = ("above_scale", "union_founded", "high_risk")
NEEDS = "至少要有“单位名称”一列和另一列可识别的列名，如“统一社会信用代码”“职工人数”"


def detect_mapping(sheet: Sheet) -> Mapping:
    return plan.detect_mapping(sheet, TARGETS, NEEDS)


class _Lookup:
    """Areas, categories, industries and existing units, loaded once for all rows."""

    def __init__(self, db: Database, year: int):
        self.areas = {name: area_id for area_id, name in db.execute("SELECT id, name FROM areas")}
        self.units = units.load_all(db, year)
        self.by_code = {u.data.credit_code: u.id for u in self.units.values() if u.data.credit_code}
        self.by_name: dict[str, list[int]] = {}
        for u in self.units.values():
            self.by_name.setdefault(u.data.name, []).append(u.id)
        self.category_by_name = {name: code for code, name in CATEGORY_NAMES.items()}
        self.industry_by_name = {name: code for code, name in INDUSTRY_NAMES.items()}

    def area(self, text: str) -> int:
        if text in self.areas:
            return self.areas[text]
        close = [i for name, i in self.areas.items() if name.startswith(text) or text.startswith(name)]
        if len(close) == 1:  # 青山 for 青山镇, 青山镇人民政府 for 青山镇
            return close[0]
        raise ValueError(f"「{text}」不在区域列表中（可在“设置”中添加）")

    def category(self, text: str) -> str:
        code = halfwidth(text).split(" ")[0]
        if code in CATEGORY_NAMES:
            return code
        if text in self.category_by_name:
            return self.category_by_name[text]
        raise ValueError(f"「{text}」不是单位类别（应为代码如 170 或名称如 私营企业）")

    def industry(self, text: str) -> str:
        letter = halfwidth(text).split(" ")[0].upper()
        if letter in INDUSTRY_NAMES:
            return letter
        if text in self.industry_by_name:
            return self.industry_by_name[text]
        raise ValueError(f"「{text}」不是国民经济行业门类（应为 A–T 或名称如 制造业）")


def plan_units(db: Database, sheet: Sheet, mapping: Mapping, options: ImportOptions,
               progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """Check and match every row; nothing is written."""
    lookup = _Lookup(db, options.year)

    def check(values: dict[str, object], row_number: int, name: str, cells: list[object]) -> RowResult:
        return _check_row(db, lookup, options, values, row_number, name, cells)

    def keys(r: RowResult) -> tuple[list[str], list[str]]:
        code = r.data.credit_code
        unit = [f"unit:{r.record_id}"] if r.record_id is not None else []
        look = ([f"code:{code}"] if code else []) + unit + ([] if code else [f"name:{r.name}"])
        return look, ([f"code:{code}"] if code else []) + unit + [f"name:{r.name}"]

    return plan.plan_rows(sheet, mapping, options, check, keys, "家单位", progress)


def _check_row(db: Database, lookup: _Lookup, options: ImportOptions, values: dict[str, object], row_number: int,
               name: str, cells: list[object]) -> RowResult:
    result = RowResult(row_number, "refused", name, cells)
    reasons = result.reasons
    parse = plan.value_parser(values, LABELS, reasons)

    code = parse("credit_code", clean_code)
    unit_id = None
    if code and code in lookup.by_code:
        unit_id = lookup.by_code[code]
    elif name and len(lookup.by_name.get(name, [])) == 1:
        unit_id = lookup.by_name[name][0]
    elif name and len(lookup.by_name.get(name, [])) > 1:
        reasons.append(f"单位名称：台账中有 {len(lookup.by_name[name])} 家同名单位，请填写统一社会信用代码以区分")
        return result
    existing = lookup.units.get(unit_id) if unit_id is not None else None
    if existing is not None and existing.archived_at:
        reasons.append("该单位在台账中已归档；如需导入，请先在“已归档单位”中恢复")
        return result
    data = replace(existing.data) if existing else UnitInput()
    figures = replace(existing.years.get(options.year) or YearFigures()) if existing else YearFigures()

    data.name = name or data.name
    if code:
        data.credit_code = code
    area = parse("area", lambda v: lookup.area(clean_text(v)))
    data.area_id = area if area is not None else (data.area_id if existing else options.default_area_id)
    category = parse("category", lambda v: lookup.category(clean_text(v)))
    data.category_code = category or (data.category_code if existing else options.default_category or "")
    if area is not None:  # the file says where the unit is in the import's year; other years keep their own
        figures.area_id = area
    if category:
        figures.category_code = category
    industry = parse("industry", lambda v: lookup.industry(clean_text(v)))
    data.industry_code = industry or data.industry_code
    tags = parse("tags", lambda v: [t for t in clean_text(v).replace("，", "、").replace(",", "、").split("、") if t])
    data.industry_tags = tags if tags is not None else data.industry_tags
    for key in TEXT_FIELDS:
        text = parse(key, lambda v, phone=key == "phone": halfwidth(clean_text(v)) if phone else clean_text(v))
        if text is not None:
            setattr(data, key, text)

    for key in COUNT_FIELDS:
        count = parse(key, parse_count)
        if count is not None:
            setattr(figures, key, count)
            figures.unconfirmed = False  # an imported headcount confirms a carried-over one (待核实)
    for key in FLAG_FIELDS:
        flag = parse(key, parse_flag)
        if flag is not None:
            setattr(figures, key, flag)
    founded_on = parse("founded_on", parse_date)
    if founded_on:
        figures.founded_on = founded_on
    union_type = parse("union_type", lambda v: clean_text(v).removesuffix("工会").removesuffix("建会"))
    if union_type:
        figures.union_type = union_type
    chairman = parse("chairman", clean_text)
    if chairman:
        figures.chairman = chairman
    stated = clean_text(values.get("union_founded")) != ""
    if not stated and not figures.union_founded and (
            (figures.members or 0) > 0 or figures.founded_on or figures.chairman):
        figures.union_founded = True  # members, a founding date or a chairman mean the union exists
    if reasons:
        return result

    errors = units.validate(db, data, {options.year: figures}, unit_id)
    if errors:
        reasons.extend(f"{e.label}：{e.message}" for e in errors)
        return result
    result.record_id, result.data, result.figures = unit_id, data, figures
    if existing is None:
        result.status = "new"
    elif _same(existing.data, data) and _same_year(options.year, existing.years.get(options.year), figures):
        result.status = "unchanged"
    else:
        result.status = "updated"
    return result


def _same(a: UnitInput, b: UnitInput) -> bool:
    return asdict(units.normalize_unit(a)) == asdict(units.normalize_unit(b))


def _same_year(year: int, old: YearFigures | None, new: YearFigures) -> bool:
    return (old is not None and units.validate_year(year, old)[0] == units.validate_year(year, new)[0]
            and (old.area_id, old.category_code, old.unconfirmed) == (new.area_id, new.category_code, new.unconfirmed))


def apply_units(db: Database, import_plan: ImportPlan, progress: Callable[[int, int], None] | None = None) -> int:
    """Write every new and updated row in one transaction; all or nothing. Returns how many were written."""
    from ..changes import batch, covered

    rows = import_plan.to_write
    n = 0
    with batch(db, f"导入单位名单「{import_plan.sheet.file_name}」"):
        # a run of new units: their year records are part of each one's 新增 (changes.covered, set once a run)
        for new, run in itertools.groupby(rows, key=lambda r: r.record_id is None):
            with covered(db, "unit_years") if new else contextlib.nullcontext():
                for r in run:
                    if progress and n % 200 == 0:
                        progress(n, len(rows))
                    n += 1
                    try:
                        units.save(db, r.data, {import_plan.options.year: r.figures}, r.record_id)
                    except ValidationError as exc:  # the database changed since the preview
                        raise LedgerError(f"第 {r.row} 行「{r.name}」没有导入（{exc}），整个导入已撤销，"
                                          "请重新预览。") from exc
    if progress:
        progress(len(rows), len(rows))
    return len(rows)
