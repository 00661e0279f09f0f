"""What every import shares: the options, each row's result, the plan, and the walk over the rows.

A kind of import (units, people …) gives its targets (the fields and their header names), a function
that checks one row, and the keys that say two rows are the same record; the walk skips blank and
footer lines (合计, 填表人 …) and refuses a row that repeats an earlier one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import LedgerError
from ..normalize import clean_text
from .mapping import Mapping, Target, detect
from .reader import Sheet, read_sheet

FOOTER_WORDS = ("合计", "总计", "小计", "填表人", "填报人", "单位负责人", "负责人", "制表", "审核人", "联系电话")
STATUS_NAMES = {"new": "新增", "updated": "更新", "unchanged": "无变化", "refused": "不能导入"}


@dataclass
class ImportOptions:
    year: int
    default_area_id: int | None = None    # units: for rows without a 所属区域
    default_category: str | None = None   # units: for rows without a 单位类别
    competition_id: int | None = None     # participants: the competition they take part in


@dataclass
class RowResult:
    row: int                    # the row number as the spreadsheet shows it (1-based)
    status: str                 # new | updated | unchanged | refused
    name: str
    cells: list[object]
    reasons: list[str] = field(default_factory=list)
    record_id: int | None = None  # the existing record this row updates
    data: object = None           # what will be saved
    figures: object = None        # units: the year's figures

    @property
    def message(self) -> str:
        """第 12 行「某公司」：职工人数：「abc」不是整数；…"""
        who = f"「{self.name}」" if self.name else ""
        return f"第 {self.row} 行{who}：{'；'.join(self.reasons)}"


@dataclass
class ImportPlan:
    sheet: Sheet
    mapping: Mapping
    options: ImportOptions
    rows: list[RowResult]
    skipped: int = 0            # blank rows and footer lines (合计, 填表人 …) passed over

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def to_write(self) -> list[RowResult]:
        return [r for r in self.rows if r.status in ("new", "updated")]

    @property
    def refused(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == "refused"]

    def summary(self) -> str:
        return "，".join(f"{STATUS_NAMES[s]} {self.count(s):,} 行" for s in STATUS_NAMES)


CheckRow = Callable[[dict[str, object], int, str, list[object]], RowResult]
Keys = Callable[[RowResult], tuple[list[str], list[str]]]  # keys to look up, keys to remember


def plan_rows(sheet: Sheet, mapping: Mapping, options: ImportOptions, check: CheckRow, keys: Keys, same: str,
              progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """Check every row below the header with *check*; a row whose keys an earlier row has is refused."""
    plan = ImportPlan(sheet, mapping, options, [])
    seen: dict[str, int] = {}
    body = sheet.rows[mapping.header_row + 1:]
    code_column = next((k for k in ("credit_code", "id_number") if k in mapping.columns), None)
    for n, cells in enumerate(body):
        if progress and n % 500 == 0:
            progress(n, len(body))
        row_number = mapping.header_row + 2 + n
        values = {key: cells[c] if c < len(cells) else None for key, c in mapping.columns.items()}
        first = next((clean_text(v).replace(" ", "") for v in cells if clean_text(v)), "")
        if not first or (first.startswith(FOOTER_WORDS) and not clean_text(values.get(code_column))):
            plan.skipped += 1
            continue
        result = check(values, row_number, clean_text(values.get("name")), list(cells))
        if result.status != "refused":
            look, remember = keys(result)
            earlier = next((seen[k] for k in look if k in seen), None)
            if earlier is not None:
                result.status = "refused"
                result.reasons.append(f"与第 {earlier} 行是同一{same}，文件中重复")
            else:
                for k in remember:
                    seen.setdefault(k, row_number)
        plan.rows.append(result)
    if progress:
        progress(len(body), len(body))
    return plan


def value_parser(values: dict[str, object], labels: dict[str, str], reasons: list[str]):
    """parse(key, parser): the cell's value parsed, None when blank or absent; a bad value adds a reason."""

    def parse(key: str, parser: Callable[[object], object]) -> object:
        value = values.get(key)
        if key not in values or clean_text(value) == "":
            return None
        try:
            return parser(value)
        except ValueError as exc:
            reasons.append(f"{labels[key]}：{exc}")
            return None

    return parse


def unit_finder(db, year: int) -> Callable[[dict[str, object], str, list[str]], int | None]:
    """find(values, name, reasons): a row's unit by credit code, else by exact name, with its year's headcount
    in `find.units`; None (and a reason) when it is not in the ledger, ambiguous or archived."""
    from ..normalize import clean_code

    units: dict[int, tuple[str, str | None, int | None]] = {}
    by_code: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    for uid, name, code, archived, employees, on_roll in db.execute(
            "SELECT u.id, u.name, u.credit_code, u.archived_at, y.employees, v.unit_id IS NOT NULL FROM units u"
            " LEFT JOIN unit_years y ON y.unit_id = u.id AND y.year = ?1"
            " LEFT JOIN year_units v ON v.unit_id = u.id AND v.year = ?1", [year]):
        # a unit archived after the year ended is still on that year's roll (app/years.py)
        units[uid] = (name, archived if not on_roll else None, employees)
        if code:
            by_code[code] = uid
        by_name.setdefault(name, []).append(uid)

    def find(values: dict[str, object], name: str, reasons: list[str], what: str = "登记") -> int | None:
        code = clean_code(values.get("credit_code"))
        unit_id = by_code.get(code) if code else None
        if unit_id is None:
            same = by_name.get(name, [])
            if len(same) > 1:
                reasons.append(f"单位名称：台账中有 {len(same)} 家同名单位，请加一列统一社会信用代码以区分")
                return None
            unit_id = same[0] if same else None
        if unit_id is None:
            reasons.append(f"单位名称：「{code or name}」不在单位台账中（请先在单位台账中添加或导入）")
            return None
        if units[unit_id][1]:
            reasons.append(f"单位名称：「{units[unit_id][0]}」已归档，不能{what}")
            return None
        return unit_id

    find.units = units  # type: ignore[attr-defined]
    return find


def detect_mapping(sheet: Sheet, targets: list[Target], needs: str) -> Mapping:
    mapping = detect(sheet.rows, targets)
    if mapping is None or "name" not in mapping.columns:
        raise LedgerError(f"在「{sheet.file_name}」的工作表「{sheet.sheet_name}」前 30 行中没有找到表头"
                          f"（{needs}）。")
    return mapping


def open_for_import(path: str | os.PathLike[str], targets: list[Target], needs: str,
                    sheet_name: str | None = None) -> tuple[Sheet, Mapping]:
    """Read the file and find its header: in the sheet named, or else the first sheet that has one."""
    sheet = read_sheet(path, sheet_name)
    try:
        return sheet, detect_mapping(sheet, targets, needs)
    except LedgerError:
        if sheet_name is not None:
            raise
        for other in sheet.sheet_names:
            if other == sheet.sheet_name:
                continue
            candidate = read_sheet(path, other)
            mapping = detect(candidate.rows, targets)
            if mapping is not None and "name" in mapping.columns:
                return candidate, mapping
        raise
