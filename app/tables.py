"""Tables that leave the office: the columns and rows of a return or a printed list.

The same table goes to an .xlsx return (``app.returns.writer``) and to a PDF (``app.pdf.table``), so
it is described here, with neither openpyxl nor reportlab loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

NUMERIC_KINDS = ("int", "decimal", "percent", "rate")  # rate: a percentage as a number, 57.5


@dataclass(frozen=True)
class ReturnColumn:
    title: str
    width: float = 12
    kind: str = "text"        # text | code | index (序号) | int | decimal | percent | rate | date
    total: str = ""           # "" none, "sum" add up, "count_yes" count the 是 in a 是/否 column, "count" non-empty
    group: str = ""           # a first header row spanning adjacent columns of the same group
    align: str = ""           # left | center | right; by default numbers right, codes centred, text left


@dataclass
class ReturnTable:
    """One sheet of a return."""

    number: str                       # 表号, e.g. 表一
    title: str
    columns: list[ReturnColumn]
    rows: Sequence[Sequence[object]]
    filler_unit: str                  # 填报单位
    unit_of_measure: str              # 计量单位, e.g. 家、人
    principal: str = ""               # 单位负责人
    filler: str = ""                  # 填表人
    phone: str = ""                   # 联系电话
    filled_on: date = field(default_factory=date.today)
    sheet_name: str = ""
    totals_label: str = "合计"
    totals: Sequence[object] | None = None   # the 合计 row when the return computes it (a rate: summed parts)
    status_line: str = ""                     # under the title: 逻辑正确（…） or 未通过逻辑检查
    notes: Sequence[str] = ()                 # lines under the table

    @property
    def has_totals(self) -> bool:
        return self.totals is not None or any(col.total for col in self.columns)


def default_align(col: ReturnColumn) -> str:
    """Numbers right, codes, dates and 序号 centred, text left, unless the column says otherwise."""
    return col.align or ("right" if col.kind in NUMERIC_KINDS else
                         "center" if col.kind in ("code", "date", "index") else "left")


def column_totals(table: ReturnTable) -> list[float | int | None]:
    """The 合计 row: the return's own, or sums and counts of 是 where the column asks for one, None elsewhere."""
    if table.totals is not None:
        return [None, *list(table.totals)[1:]]
    sums: list[float | int | None] = [0 if col.total else None for col in table.columns]
    totalled = [(c, col.total) for c, col in enumerate(table.columns) if col.total]
    for values in table.rows:
        for c, how in totalled:
            value = values[c]
            if how == "sum" and isinstance(value, int | float) and not isinstance(value, bool):
                sums[c] += value
            elif how == "count" and value not in (None, ""):
                sums[c] += 1
            elif how == "count_yes" and value in ("是", True, 1):
                sums[c] += 1
    return sums
