"""Writing a return (上报表) as .xlsx with the conventions of DOMAIN.md §4.

表号 at top right, a merged title, 填报单位（盖章）/ 填报日期 / 计量单位, one or two header rows, data, a 合计
row, and a footer with 单位负责人、填表人、联系电话; landscape, fitted to one page wide, header rows
repeated on every printed page, panes frozen below the header. The paper is A4 unless the table would print
below 8 pt on it, then A3 (`paper_for`); a name too long for its column wraps in a taller row. Numbers are
stored as numbers (the 合计 row too: values, not formulas, so programs that read cached values see them), codes
as text.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from copy import copy
from math import ceil
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..files import write_atomically
from ..tables import NUMERIC_KINDS, ReturnColumn, ReturnTable, column_totals, default_align

FONT = "宋体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
# Printing: what one unit of Excel column width takes on paper (measured: LibreOffice prints this writer's 10 pt
# 宋体 sheets at 7.3 pt a unit), and the printable width of a landscape sheet within the margins below.
POINTS_PER_WIDTH = 7.3
PRINTABLE = {"A4": 842 - 2 * 0.4 * 72, "A3": 1191 - 2 * 0.4 * 72}
SMALLEST_PRINT = 8.0   # pt: the least a printed return may shrink its 10 pt text to
ROW_LINE = 13.5        # pt: the height of one line of 10 pt text in a row
NUMBER_FORMATS = {"index": "0", "int": "#,##0", "decimal": "#,##0.00", "percent": "0.0%", "rate": "0.0", "code": "@",
                  "text": "@", "date": "yyyy-mm-dd"}


def write_return(path: str | os.PathLike[str], tables: list[ReturnTable],
                 progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the tables, one sheet each, to *path* atomically (a temporary file renamed into place)."""
    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    total_rows = sum(len(t.rows) for t in tables) or 1
    done = 0
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.sheet_name or table.title))

        def step(n: int, base: int = done) -> None:
            if progress:
                progress(base + n, total_rows)

        _write_table(sheet, table, step)
        done += len(table.rows)
    write_atomically(path, book.save)
    return path


def paper_for(columns: list[ReturnColumn]) -> str:
    """A4, or A3 when the sheet fitted to one page wide would print its 10 pt text below 8 pt on A4."""
    need = sum(c.width for c in columns) * POINTS_PER_WIDTH
    return "A4" if 10 * min(1.0, PRINTABLE["A4"] / need) >= SMALLEST_PRINT else "A3"


def text_width(text: str) -> float:
    """Units of column width a 10 pt 宋体 text takes (measured as LibreOffice prints it: a Chinese character
    about 1.4, a letter or digit about 0.75)."""
    return sum(1.4 if ord(ch) > 0x2E7F else 0.75 for ch in text)


def _sheet_title(text: str) -> str:
    for ch in "[]:*?/\\":
        text = text.replace(ch, "")
    return text[:31] or "Sheet"


def _write_table(ws: Worksheet, t: ReturnTable, step: Callable[[int], None]) -> None:
    ncol = len(t.columns)
    last = get_column_letter(ncol)
    for n, col in enumerate(t.columns, 1):
        ws.column_dimensions[get_column_letter(n)].width = col.width

    ws.cell(1, ncol, t.number).alignment = Alignment(horizontal="right")
    ws.cell(1, ncol).font = Font(name=FONT, size=11)
    ws.merge_cells(f"A2:{last}2")
    title = ws.cell(2, 1, t.title)
    title.font = Font(name="黑体", size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[2].height = 30

    third = max(1, ncol // 3)
    info_row = 3
    if t.status_line:  # under the title: 逻辑正确（…） or 未通过逻辑检查
        ws.merge_cells(f"A3:{last}3")
        status = ws.cell(3, 1, t.status_line)
        status.font = Font(name=FONT, size=10, bold=True, color="C62828" if "未通过" in t.status_line else "2E7D32")
        status.alignment = Alignment(horizontal="center")
        info_row = 4
    info = [(1, f"填报单位（盖章）：{t.filler_unit}", "left"),
            (third + 1, f"填报日期：{t.filled_on.year}年{t.filled_on.month}月{t.filled_on.day}日", "center"),
            (2 * third + 1, f"计量单位：{t.unit_of_measure}", "right")]
    for i, (start, text, align) in enumerate(info):
        end = info[i + 1][0] - 1 if i + 1 < len(info) else ncol
        if end > start:
            ws.merge_cells(start_row=info_row, start_column=start, end_row=info_row, end_column=end)
        cell = ws.cell(info_row, start, text)
        cell.font = Font(name=FONT, size=10)
        cell.alignment = Alignment(horizontal=align, vertical="center")

    header_top = info_row + 1
    two_rows = any(c.group for c in t.columns)
    first_data = header_top + (2 if two_rows else 1)
    _write_headers(ws, t.columns, header_top, two_rows)

    # Body text does not wrap: Excel and LibreOffice do not grow rows written without a height, so
    # wrapped text would overlap the next row; widths are set for the longest usual value instead.
    # Style one prototype cell per column, then copy its style array to every cell of that column:
    # assigning Font/Alignment objects cell by cell costs openpyxl a hash of each object (20× slower).
    body_font = Font(name=FONT, size=10)
    prototypes = []
    for c, col in enumerate(t.columns, 1):
        cell = ws.cell(first_data, c)
        cell.font = body_font
        cell.border = BORDER
        cell.number_format = NUMBER_FORMATS.get(col.kind, "General")
        align = default_align(col)
        cell.alignment = Alignment(horizontal=align, vertical="center")
        prototypes.append(copy(cell._style))
    # a left-aligned text too long for its column wraps, and its row grows to show every line
    wrapping = {}
    for c, col in enumerate(t.columns):
        if default_align(col) == "left" and col.kind == "text":
            cell = ws.cell(first_data, c + 1)
            cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            wrapping[c] = (copy(cell._style), max(2, int(col.width) - 1))
            cell._style = copy(prototypes[c])
    ws._current_row = first_data - 1  # append() continues below the header
    cells = ws._cells  # (row, column) -> cell, filled by append(); read here to style without lookups
    for r, values in enumerate(t.rows):
        row = first_data + r
        if len(values) != ncol:
            raise ValueError(f"row {r + 1} has {len(values)} values for {ncol} columns")
        ws.append([_cell_value(col, value) for col, value in zip(t.columns, values, strict=True)])
        lines = 1
        for c in range(ncol):
            cell = cells.get((row, c + 1))
            if cell is None:
                cell = ws.cell(row, c + 1)
            cell._style = copy(prototypes[c])
            if c in wrapping and isinstance(values[c], str):
                style, room = wrapping[c]
                need = ceil(text_width(values[c]) / room)
                if need > 1:
                    cell._style = copy(style)
                    lines = max(lines, need)
        if lines > 1:
            ws.row_dimensions[row].height = ROW_LINE * lines
        if r % 500 == 0:
            step(r)
    step(len(t.rows))

    total_row = first_data + len(t.rows)
    sums = column_totals(t)
    bold = Font(name=FONT, size=10, bold=True)
    for c, col in enumerate(t.columns, 1):
        given = t.totals is not None and c > 1
        value = sums[c - 1] if col.total or given else None
        cell = ws.cell(total_row, c, _cell_value(col, value) if given else value)
        cell.font = bold
        cell.border = BORDER
        if col.total or given:
            cell.number_format = NUMBER_FORMATS.get(col.kind, "General") if given else \
                NUMBER_FORMATS["decimal" if col.kind == "decimal" else "int"]
            cell.alignment = Alignment(horizontal="right" if col.kind in NUMERIC_KINDS else "center")
    label_cell = ws.cell(total_row, 1, t.totals_label)  # the first column holds names, never a total
    label_cell.alignment = Alignment(horizontal="center")
    if len(t.columns) > 1 and not t.columns[1].total and t.totals is None:
        ws.merge_cells(start_row=total_row, start_column=1, end_row=total_row, end_column=2)
    for n, note in enumerate(t.notes, 1):
        ws.merge_cells(start_row=total_row + n, start_column=1, end_row=total_row + n, end_column=ncol)
        ws.cell(total_row + n, 1, note).font = Font(name=FONT, size=10)

    footer_row = total_row + 2 + len(t.notes)
    footer = [f"单位负责人：{t.principal}", f"填表人：{t.filler}", f"联系电话：{t.phone}"]
    for i, text in enumerate(footer):
        start = 1 + i * third
        end = (i + 1) * third if i < 2 else ncol
        if end > start:
            ws.merge_cells(start_row=footer_row, start_column=start, end_row=footer_row, end_column=end)
        cell = ws.cell(footer_row, start, text)
        cell.font = Font(name=FONT, size=10)

    ws.freeze_panes = ws.cell(first_data, 1)
    ws.print_title_rows = f"{header_top}:{first_data - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4 if paper_for(t.columns) == "A4" else ws.PAPERSIZE_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9


def _write_headers(ws: Worksheet, columns: list[ReturnColumn], top: int, two_rows: bool) -> None:
    font = Font(name=FONT, size=10, bold=True)
    align = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def style(cell) -> None:
        cell.font, cell.alignment, cell.border, cell.fill = font, align, BORDER, HEADER_FILL

    c = 1
    while c <= len(columns):
        col = columns[c - 1]
        if two_rows and col.group:
            end = c
            while end < len(columns) and columns[end].group == col.group:
                end += 1
            ws.merge_cells(start_row=top, start_column=c, end_row=top, end_column=end)
            ws.cell(top, c, col.group)
            for k in range(c, end + 1):
                ws.cell(top + 1, k, columns[k - 1].title)
                style(ws.cell(top, k))
                style(ws.cell(top + 1, k))
            c = end + 1
            continue
        ws.cell(top, c, col.title)
        style(ws.cell(top, c))
        if two_rows:
            ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
            style(ws.cell(top + 1, c))
        c += 1
    ws.row_dimensions[top].height = 30


def _cell_value(col: ReturnColumn, value: object) -> object:
    if value is None:
        return None
    if col.kind in ("code", "text"):
        return str(value)
    return value
