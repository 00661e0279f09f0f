"""The refused rows as an .xlsx to send back to whoever filled the list: their cells and 错误原因."""

from __future__ import annotations

import os
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..files import write_atomically
from ..validators import mask_id
from .plan import ImportPlan
from .reader import cell_text

ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9A-Za-z](?![0-9A-Za-z])")  # a wrong check character too


def masked(text: str) -> str:
    """Every 18-character ID number in *text* shown as its first 6 and last 4 (the exports' rule)."""
    return ID_NUMBER.sub(lambda m: mask_id(m.group(0)), text)


def write_refused(path: str | os.PathLike[str], plan: ImportPlan, full_id: bool = False) -> Path:
    """The refused rows with their 错误原因; ID numbers masked in cells and reasons unless *full_id*."""
    show = (lambda text: text) if full_id else masked
    book = Workbook()
    ws = book.active
    ws.title = "不能导入的行"
    headers = ["原行号", *plan.mapping.headers, "错误原因"]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    width = len(plan.mapping.headers)
    id_column = plan.mapping.columns.get("id_number")  # the 身份证号 column, whatever it holds
    for r in plan.refused:
        cells = [show(cell_text(v)) for v in r.cells[:width]] + [""] * (width - len(r.cells))
        if id_column is not None and id_column < len(cells) and not full_id:
            cells[id_column] = mask_id(cell_text(r.cells[id_column]).strip())
        ws.append([r.row, *cells, show("；".join(r.reasons))])
    reason = ws.cell(1, len(headers))
    reason.fill = PatternFill("solid", fgColor="FFD7D7")
    for n, header in enumerate(headers, 1):
        letter = ws.cell(1, n).column_letter
        ws.column_dimensions[letter].width = 60 if header == "错误原因" else max(8, min(30, len(header) * 2 + 4))
    for row in ws.iter_rows(min_row=2, min_col=len(headers), max_col=len(headers)):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
        row[0].font = Font(color="C00000")
    ws.freeze_panes = "B2"
    write_atomically(path, book.save)
    return Path(path)
