"""The unit ledger (单位台账) as a table for what leaves the office: the .xlsx return and the PDF list."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from . import settings
from .codes import CATEGORY_NAMES
from .tables import ReturnColumn, ReturnTable
from .unit_search import NON_PUBLIC, UnitFilter, list_rows

LEDGER_COLUMNS = [
    ReturnColumn("序号", 7, "index"),
    ReturnColumn("单位名称", 30),
    ReturnColumn("统一社会信用代码", 22, "code"),
    ReturnColumn("所属区域", 12),
    ReturnColumn("行业", 22),
    ReturnColumn("单位类别", 18),
    ReturnColumn("规模以上", 7, total="count_yes", align="center"),
    ReturnColumn("已建会", 7, total="count_yes", align="center"),
    ReturnColumn("职工人数", 10, "int", total="sum"),
    ReturnColumn("女职工人数", 10, "int", total="sum"),
    ReturnColumn("会员人数", 10, "int", total="sum"),
    ReturnColumn("工会主席", 10),
    ReturnColumn("联系人", 10),
    ReturnColumn("联系电话", 15, "code"),
]


def ledger_table(db: Database, year: int, flt: UnitFilter = UnitFilter(), sort: str = "name",
                 descending: bool = False, today: date | None = None) -> ReturnTable:
    """The year's units as the user filtered and sorted them."""
    info = settings.union_info(db)
    rows = []
    for n, r in enumerate(list_rows(db, year, flt, sort, descending), 1):
        rows.append([
            n, r["name"], r["credit_code"], r["area"], r["industry"], r["category"],
            "是" if r["above_scale"] else "否", "是" if r["union_founded"] else "否",
            r["employees"], r["female_employees"], r["members"], r["chairman"] or None, r["contact"] or None,
            r["phone"] or None,
        ])
    return ReturnTable(
        number="表六", title=f"{info.county or ''}{year}年度单位台账", columns=LEDGER_COLUMNS, rows=rows,
        filler_unit=info.union_name, unit_of_measure="家、人", principal=info.principal,
        filler=info.filler, phone=info.phone, filled_on=today or date.today(), sheet_name=f"{year}年度单位台账",
    )


def summary_line(db: Database, year: int, flt: UnitFilter, total: int) -> str:
    """The count line under the ledger: the year's figures from app.indicators for the county or an area's roll;
    for any other filter, how many units match."""
    from . import indicators
    from .years import no_data_message

    if flt.archived == "active" and flt == UnitFilter(area_id=flt.area_id):
        if not total:
            return no_data_message(db, year) or "没有单位。"
        result = indicators.compute(db, year, codes=("units", "above_scale_units", "founded_units"))
        where = flt.area_id
        units, above, founded = (result.get(c, where).value for c in ("units", "above_scale_units", "founded_units"))
        line = f"共 {units:,} 家，规上 {above:,} 家，已建会 {founded:,} 家"
        unconfirmed = result.parts.get("unconfirmed", 0) if where is None else 0
        return line + (f"（{unconfirmed:,} 家职工人数待核实）" if unconfirmed else "")
    return f"共 {total:,} 家符合条件"


def describe_filter(db: Database, flt: UnitFilter) -> str:
    """The filters in words, for the line under a printed list's title; empty when nothing is filtered."""
    parts = []
    if flt.area_id is not None:
        row = db.execute("SELECT name FROM areas WHERE id = ?", [flt.area_id]).fetchone()
        parts.append(f"区域：{row[0] if row else flt.area_id}")
    if flt.category == NON_PUBLIC:
        parts.append("类别：非公企业")
    elif flt.category:
        parts.append(f"类别：{CATEGORY_NAMES.get(flt.category, flt.category)}")
    if flt.above_scale is not None:
        parts.append("规模以上" if flt.above_scale else "规模以下")
    if flt.union_founded is not None:
        parts.append("已建会" if flt.union_founded else "未建会")
    if flt.archived == "archived":
        parts.append("已归档单位")
    elif flt.archived == "all":
        parts.append("含已归档单位")
    if flt.text.strip():
        parts.append(f"搜索“{flt.text.strip()}”")
    return "；".join(parts)
