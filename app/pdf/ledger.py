"""单位台账 as a PDF: the year's ledger with the filters and sort the user set, a summary and 合计."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from sqlite_utils import Database

from .. import settings
from ..ledger import describe_filter, ledger_table, summary_line
from ..unit_search import UnitFilter
from .document import PdfResult
from .list_report import write_table_pdf


def report_ledger(db: Database, year: int, path: str | os.PathLike[str], flt: UnitFilter = UnitFilter(),
                  sort: str = "name", descending: bool = False,
                  progress: Callable[[int, int], None] | None = None, on: date | None = None) -> PdfResult:
    t = ledger_table(db, year, flt, sort, descending, today=on)
    summary = summary_line(db, year, flt, len(t.rows)) + "。"
    chosen = describe_filter(db, flt)
    notes = [f"筛选条件：{chosen}" if chosen else "", summary]
    return write_table_pdf(path, t, notes, settings.union_info(db).union_name, progress, on)
