"""单位台账 as an .xlsx return: the ledger of one year, with the filters the user set."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from ..ledger import ledger_table
from ..unit_search import UnitFilter
from .writer import write_return


@dataclass(frozen=True)
class ExportResult:
    path: Path
    units: int


def export_ledger(db: Database, year: int, path: str | os.PathLike[str], flt: UnitFilter = UnitFilter(),
                  sort: str = "name", descending: bool = False,
                  progress: Callable[[int, int], None] | None = None) -> ExportResult:
    """Write the year's ledger (as filtered and sorted) to an .xlsx return."""
    table = ledger_table(db, year, flt, sort, descending)
    write_return(path, [table], progress)
    return ExportResult(Path(path), len(table.rows))
