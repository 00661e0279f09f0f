"""Any table as a printed list (打印本表): title, what was chosen, the table with 合计, the 落款."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from reportlab.lib.pagesizes import A4

from ..tables import ReturnColumn, ReturnTable, column_totals
from .document import LEFT, RIGHT, Document, PdfResult, closing, paragraph, save_pdf, styles
from .fonts import fonts as resolve_fonts
from .table import natural_width, table


def display(col: ReturnColumn, value: object) -> str:
    """A cell as printed: counts with thousands separators (3,933, as the lines above the table write them),
    amounts with two decimals, percentages with one, nothing for None."""
    if value is None or value == "":
        return ""
    if col.kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if col.kind == "decimal" and isinstance(value, int | float):
        return f"{value:,.2f}"
    if col.kind == "percent" and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if col.kind == "rate" and isinstance(value, int | float):
        return f"{value:.1f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_table_pdf(path: str | os.PathLike[str], t: ReturnTable, notes: list[str], union_name: str,
                    progress: Callable[[int, int], None] | None = None, on: date | None = None) -> PdfResult:
    """The table as a PDF list: landscape when it is too wide to stand upright."""
    fonts = resolve_fonts()
    st = styles(fonts)
    cells = [[display(col, v) for col, v in zip(t.columns, row, strict=True)] for row in t.rows]
    bold = set()
    if cells and t.has_totals:
        sums = column_totals(t)
        total = [display(col, s) if col.total or t.totals is not None else ""
                 for col, s in zip(t.columns, sums, strict=True)]
        total[0] = t.totals_label
        cells.append(total)
        bold.add(len(cells) - 1)
    wide = natural_width(t.columns, cells, fonts.body, fonts.heading1) > A4[0] - LEFT - RIGHT

    def build(filename: str) -> int:
        doc = Document(filename, fonts, t.title, union_name, wide=wide)
        story = [paragraph(t.title, st.title)]
        if t.status_line:
            story.append(paragraph(t.status_line, st.subtitle))
        story += [paragraph(n, st.note) for n in notes if n]
        signature = closing(fonts, union_name, on or date.today())
        if t.rows:
            tail = [paragraph(n, st.note) for n in t.notes] + signature
            story.append(table(t.columns, cells, fonts.body, fonts.heading1, bold, progress, tail=tail))
        else:
            story += [paragraph("（没有符合条件的记录）", st.subtitle), *signature]
        doc.build(story)
        return doc.page

    saved, pages = save_pdf(path, build)
    if progress:
        progress(len(t.rows), len(t.rows))
    return PdfResult(saved, pages, len(t.rows), fonts.embedded, fonts.warning)
