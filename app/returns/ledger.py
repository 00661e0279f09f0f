"""单位台账 as a return: the ledger of one year, with the filters the user set."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from .. import settings
from ..unit_search import UnitFilter, list_rows
from .writer import ReturnColumn, ReturnTable, write_return

LEDGER_COLUMNS = [
    ReturnColumn("序号", 7, "index"),
    ReturnColumn("单位名称", 38),
    ReturnColumn("统一社会信用代码", 22, "code"),
    ReturnColumn("所属区域", 12),
    ReturnColumn("行业", 26),
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


@dataclass(frozen=True)
class ExportResult:
    path: Path
    units: int


def ledger_table(db: Database, year: int, flt: UnitFilter = UnitFilter(), sort: str = "name",
                 descending: bool = False, today: date | None = None) -> ReturnTable:
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
        number="台账表", title=f"{info.county or ''}{year}年度单位台账", columns=LEDGER_COLUMNS, rows=rows,
        filler_unit=info.union_name, unit_of_measure="家、人", principal=info.principal,
        filler=info.filler, phone=info.phone, filled_on=today or date.today(), sheet_name=f"{year}年度单位台账",
    )


def export_ledger(db: Database, year: int, path: str | os.PathLike[str], flt: UnitFilter = UnitFilter(),
                  sort: str = "name", descending: bool = False,
                  progress: Callable[[int, int], None] | None = None) -> ExportResult:
    """Write the year's ledger (as filtered and sorted) to an .xlsx return."""
    table = ledger_table(db, year, flt, sort, descending)
    write_return(path, [table], progress)
    return ExportResult(Path(path), len(table.rows))
