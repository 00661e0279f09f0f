"""Making the templates: one .xlsx per area (and competition), written whole, into a folder.

Each workbook has the form the area fills (title, who it is for and by when, a few lines of 填表说明, the
header, the area's units already listed with their name and credit code locked, the columns to fill
unlocked, drop-down lists and number checks as Excel data validation with a Chinese message), a hidden
代码表 holding the longer drop-down lists, and a hidden 模板信息 naming the template, its version, year and
recipient: what recognises the file when it comes back.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlite_utils import Database

from .. import settings
from ..codes import COMPETITION_KINDS
from ..errors import LedgerError
from ..files import write_atomically
from .kinds import CHOICES, INFO_SHEET, KINDS, LISTS_SHEET, VERSION, Column, TemplateKind
from .status import get_deadline, set_deadline

FONT = "宋体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FIXED_FILL = PatternFill("solid", fgColor="E7E6E6")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
FORMATS = {"int": "0", "rank": "0", "decimal": "0.00", "text": "@", "choice": "@", "date": "yyyy-mm-dd"}


@dataclass(frozen=True)
class Made:
    path: Path
    area: str
    rows: int                     # the units listed (or blank rows offered)
    competition: str = ""


def file_name(kind: TemplateKind, year: int, area: str, competition: str = "") -> str:
    """2026年度年度数据填报表-青山镇.xlsx; a competition's name joins the 参赛 template's."""
    name = f"{year}年度{kind.title}-{area}" + (f"-{competition}" if competition else "") + ".xlsx"
    return re.sub(r'[\\/:*?"<>|\r\n\t]', "_", name)


def make_templates(db: Database, year: int, word: str, folder: str | os.PathLike[str],
                   area_ids: list[int] | None = None,
                   deadline: date | None = None, competition_ids: list[int] | None = None,
                   now: datetime | None = None, progress: Callable[[int, int], None] | None = None) -> list[Made]:
    """The templates of *word* for *year*, one per area (all areas unless *area_ids*), into *folder*."""
    if word not in KINDS:
        raise LedgerError(f"没有「{word}」模板：可用的是 {'、'.join(KINDS)}。")
    kind = KINDS[word]
    folder = Path(folder)
    if not folder.is_dir():
        raise LedgerError(f"保存模板的文件夹不存在：{folder}")
    areas = db.execute("SELECT id, name FROM areas ORDER BY sort_order, id").fetchall()
    if area_ids is not None:
        areas = [a for a in areas if a[0] in area_ids]
    if not areas:
        raise LedgerError("还没有区域：请先在“设置”中添加乡镇、街道、园区，再按区域生成模板。")
    competitions: list[tuple[int | None, str]] = [(None, "")]
    if kind.reads_as == "participants":
        competitions = db.execute("SELECT id, name FROM competitions WHERE year = ? ORDER BY starts_on, id",
                                  [year]).fetchall()
        if competition_ids is not None:
            competitions = [c for c in competitions if c[0] in competition_ids]
        if not competitions:
            raise LedgerError(f"{year} 年度没有竞赛：请先在“竞赛”页登记竞赛，再生成参赛单位填报表。")
    if deadline is not None:
        set_deadline(db, word, year, deadline)
    deadline = deadline or get_deadline(db, word, year)
    union = settings.union_info(db).union_name
    made_at = (now or datetime.now()).replace(microsecond=0)
    titles = [n for (n,) in db.execute("SELECT name FROM honor_titles ORDER BY sort_order, id")]
    out: list[Made] = []
    jobs = [(a, c) for a in areas for c in competitions]
    for n, ((area_id, area), (competition_id, competition)) in enumerate(jobs):
        if progress:
            progress(n, len(jobs))
        units = _units(db, kind, year, area_id, competition_id)
        info = {"模板": kind.word, "版本": VERSION, "年度": year, "区域": area, "区域编号": area_id,
                "竞赛": competition, "竞赛编号": competition_id or "",
                "截止日期": deadline.isoformat() if deadline else "",
                "发出单位": union, "生成时间": made_at.isoformat(sep=" ")}
        path = folder / file_name(kind, year, area, competition)
        lists = dict(CHOICES, title=titles, unit=[u[0] for u in units])
        if kind.reads_as == "return":
            book = _return_book(kind, year, area, union, deadline, info)
            rows = 1
        else:
            book = _list_book(kind, year, area, union, deadline, competition, units, lists, info)
            rows = len(units) if kind.listed else kind.blank_rows
        write_atomically(path, book.save)
        out.append(Made(path, area, rows, competition))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO template_sends (kind, year, area_id, competition_id, file_name, made_at) VALUES (?,?,?,?,?,?)",
            [(word, year, a[0], c[0], m.path.name, made_at.isoformat(sep=" ")) for (a, c), m in zip(jobs, out,
                                                                                                     strict=True)])
    if progress:
        progress(len(jobs), len(jobs))
    return out


# -- the rows the county fills in ------------------------------------------------------------------

def _units(db: Database, kind: TemplateKind, year: int, area_id: int, competition_id: int | None) -> list[tuple]:
    """The area's units on the year's roll, by name, with the values the template shows for each column."""
    base = ("SELECT u.name, u.credit_code{} FROM year_units y JOIN units u ON u.id = y.unit_id{}"
            " WHERE y.year = ?1 AND y.area_id = ?2 ORDER BY u.name_key, u.id")
    if kind.reads_as == "units":
        sql = base.format(
            ", (SELECT code || ' ' || name FROM unit_categories WHERE code = y.category_code), u.industry_code,"
            " u.address, u.contact, u.phone, y.employees, y.female_employees, y.members,"
            " CASE y.above_scale WHEN 1 THEN '是' ELSE '否' END, CASE y.union_founded WHEN 1 THEN '是' ELSE '否' END,"
            " y.founded_on, y.union_type, y.chairman, CASE y.high_risk WHEN 1 THEN '是' ELSE '否' END", "")
        from ..codes import INDUSTRY_NAMES

        rows = db.execute(sql, [year, area_id]).fetchall()
        return [(*r[:3], f"{r[3]} {INDUSTRY_NAMES[r[3]]}" if r[3] in INDUSTRY_NAMES else None, *r[4:]) for r in rows]
    if kind.reads_as == "figures":
        keys = [c.key for c in kind.columns[2:]]
        return db.execute(base.format("".join(f", f.{k}" for k in keys),
                                      " LEFT JOIN annual_figures f ON f.unit_id = u.id AND f.year = ?1"),
                          [year, area_id]).fetchall()
    if kind.reads_as == "participants":
        return db.execute(base.format(", p.participants, p.score, p.rank, nullif(p.award, '')",
                                      " LEFT JOIN participations p ON p.unit_id = u.id AND p.competition_id = ?3"),
                          [year, area_id, competition_id]).fetchall()
    return db.execute(base.format("", ""), [year, area_id]).fetchall()  # the drop-down list of the area's units


# -- a list template --------------------------------------------------------------------------------

def _list_book(kind: TemplateKind, year: int, area: str, union: str, deadline: date | None, competition: str,
               units: list[tuple], lists: dict[str, list[str]], info: dict[str, object]) -> Workbook:
    book = Workbook()
    ws = book.active
    ws.title = kind.title[:31]
    cols = kind.columns
    ncol = len(cols)
    last = get_column_letter(ncol)
    ws.merge_cells(f"A1:{last}1")
    title = f"{year}年度「{competition}」{kind.title}（{area}）" if competition else f"{year}年度{kind.title}（{area}）"
    ws["A1"] = title
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.merge_cells(f"A2:{last}2")
    ws["A2"] = (f"填报单位：{area}工会　　发出单位：{union}　　报送截止日期："
                f"{f'{deadline.year}年{deadline.month}月{deadline.day}日' if deadline else '按通知要求'}")
    ws["A2"].font = Font(name=FONT, size=11, bold=True)
    notes = ["填表说明：灰色格子由县总工会填写，不能修改；白色格子请填写。不要增删列、不要修改表头和本表的名称。",
             *(f"{n}. {text}" for n, text in enumerate(kind.notes, 1)),
             "填好后请保存为 .xlsx 文件（不要改成 .xls 或 .csv），按时发回；文件名可以修改，表内“模板信息”请保留。"]
    for r, text in enumerate(notes, 3):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
        ws.cell(r, 1, text).font = Font(name=FONT, size=10, color="7F3F00" if r == 3 else "000000")
    header = 3 + len(notes) + 1
    for c, col in enumerate(cols, 1):
        cell = ws.cell(header, c, col.header + ("*" if col.required and not col.fixed else ""))
        cell.font = Font(name=FONT, size=10, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = col.width
    ws.row_dimensions[header].height = 30
    first = header + 1
    listed = len(units) if kind.listed else 0
    end = first + listed + kind.blank_rows - 1

    body = Font(name=FONT, size=10)
    styles = {}
    for c, col in enumerate(cols, 1):
        for locked in (True, False):  # a prototype per column and lock, its style array copied to every cell
            cell = ws.cell(first, c)
            cell.font, cell.border = body, BORDER
            cell.number_format = FORMATS.get(col.kind, "General")
            cell.alignment = Alignment(horizontal="right" if col.kind in ("int", "decimal", "rank") else "left",
                                       vertical="center")
            cell.protection = Protection(locked=locked)
            cell.fill = FIXED_FILL if locked else PatternFill()
            styles[(c, locked)] = copy(cell._style)
    ws._current_row = first - 1
    cells = ws._cells
    for r in range(first, end + 1):
        values = units[r - first] if r - first < listed else ()
        if values:
            ws.append([v for v in values])
        for c, col in enumerate(cols, 1):
            cell = cells.get((r, c)) or ws.cell(r, c)
            cell._style = copy(styles[(c, col.fixed and r - first < listed)])
    _validations(ws, cols, first, end, lists, book)
    ws.freeze_panes = ws.cell(first, 3 if kind.listed else 2)
    ws.print_title_rows = f"{header}:{header}"
    _page(ws)
    ws.protection.sheet = True  # locked cells stay as the county wrote them; no password, nothing hidden
    ws.protection.formatColumns = ws.protection.formatRows = False
    _info_sheet(book, info)
    return book


def _validations(ws: Worksheet, cols: tuple[Column, ...], first: int, end: int, lists: dict[str, list[str]],
                 book: Workbook) -> None:
    codes = None
    for c, col in enumerate(cols, 1):
        letter = get_column_letter(c)
        area = f"{letter}{first}:{letter}{end}"
        dv = None
        if col.kind == "choice":
            values = lists[col.choices]
            if not values:
                continue
            inline = ",".join(values)
            if len(inline) <= 200 and "," not in "".join(values):
                dv = DataValidation(type="list", formula1=f'"{inline}"')
            else:  # long lists live in the hidden 代码表, one column each
                if codes is None:
                    codes = book.create_sheet(LISTS_SHEET)
                    codes.sheet_state = "hidden"
                k = codes.max_column + 1 if codes.max_row > 1 or codes["A1"].value is not None else 1
                for r, v in enumerate(values, 1):
                    codes.cell(r, k, v)
                ref = get_column_letter(k)
                dv = DataValidation(type="list", formula1=f"'{LISTS_SHEET}'!${ref}$1:${ref}${len(values)}")
            dv.error = f"请从下拉列表中选择{col.header}。"
        elif col.kind in ("int", "rank"):
            low = 1 if col.kind == "rank" else 0
            dv = DataValidation(type="whole", operator="between", formula1=str(low), formula2="100000000")
            dv.error = f"{col.header}应填不小于 {low} 的整数。"
        elif col.kind == "decimal":
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100000000")
            dv.error = f"{col.header}应填不小于 0 的数（可有两位小数）。"
        elif col.key in ("id_number", "lead_id_number") or (col.key == "credit_code" and not col.fixed):
            dv = DataValidation(type="textLength", operator="equal", formula1="18")
            dv.error = f"{col.header}应为 18 位。"
        elif col.kind == "date":
            dv = DataValidation(type="date", operator="between", formula1="DATE(1949,1,1)",
                                formula2="DATE(2100,12,31)")
            dv.error = f"{col.header}应填日期，如 2024-03-05。"
        if dv is None:
            continue
        dv.allow_blank = True
        dv.showErrorMessage = True
        dv.errorTitle = "输入有误"
        dv.add(area)
        ws.add_data_validation(dv)


def _info_sheet(book: Workbook, info: dict[str, object]) -> None:
    ws = book.create_sheet(INFO_SHEET)
    for r, (key, value) in enumerate(info.items(), 1):
        ws.cell(r, 1, key)
        ws.cell(r, 2, value)
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 40
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _page(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


# -- a return template (表一, 表二): the return's own layout, one row for the area ---------------------

def return_columns(word: str) -> list:
    """The columns of 表一 (every kind of competition under its band) or 表二, as the return declares them."""
    from ..returns import catalog

    if word == "表一":
        return [*catalog.TABLE_ONE, *(catalog.Col(k, group=catalog.BY_KIND, kind_of_competition=k)
                                      for k in COMPETITION_KINDS)]
    return list(catalog.TABLE_TWO)


def _return_book(kind: TemplateKind, year: int, area: str, union: str, deadline: date | None,
                 info: dict[str, object]) -> Workbook:
    from ..returns.writer import _write_table
    from ..tables import ReturnColumn, ReturnTable

    cols = return_columns(kind.word)
    table = ReturnTable(
        number=kind.word, title=f"{year}年度{kind.title}", filler_unit=f"{area}工会", unit_of_measure=(
            "家、人、人次" if kind.word == "表一" else "件、项、万元"),
        columns=[ReturnColumn("区域", 14)] + [ReturnColumn(c.header, c.width, c.kind, group=c.group) for c in cols],
        rows=[[area] + [None] * len(cols)], totals=[None] * (len(cols) + 1), sheet_name=kind.word,
        notes=[f"填表说明：{n}" for n in kind.notes] + [
            "报送截止日期：" + (f"{deadline.year}年{deadline.month}月{deadline.day}日" if deadline else "按通知要求")
            + f"；发出单位：{union}。"])
    book = Workbook()
    ws = book.active
    ws.title = kind.word
    _write_table(ws, table, lambda n: None)
    data = next(r for r in range(1, 12) if ws.cell(r, 1).value == area)
    total = data + 1
    ratio = {c.header: c.ratio for c in cols if c.ratio}
    where = {c.key: get_column_letter(n) for n, c in enumerate(cols, 2)}
    for n, col in enumerate(cols, 2):
        letter = get_column_letter(n)
        cell = ws.cell(data, n)
        if col.header in ratio:
            top, bottom = (where[k] for k in ratio[col.header])
            cell.value = f'=IF(N({bottom}{data})=0,"",ROUND({top}{data}/{bottom}{data}*100,1))'
        else:
            cell.protection = Protection(locked=False)
            dv = DataValidation(type="decimal" if col.kind == "decimal" else "whole", operator="between",
                                formula1="0", formula2="100000000", allow_blank=True, showErrorMessage=True,
                                errorTitle="输入有误", error=f"{col.header}应填不小于 0 的"
                                                              f"{'数' if col.kind == 'decimal' else '整数'}。")
            dv.add(f"{letter}{data}")
            ws.add_data_validation(dv)
        ws.cell(total, n).value = f"={letter}{data}"  # one area: its 合计 is its row
    for r in range(total + 1, ws.max_row + 1):  # 单位负责人、填表人、联系电话 are the area's to fill
        for c in range(1, ws.max_column + 1):
            if str(ws.cell(r, c).value or "").startswith(("单位负责人", "填表人", "联系电话")):
                ws.cell(r, c).protection = Protection(locked=False)
    for c in range(1, ws.max_column + 1):  # 填报单位、填报日期 on the info line are the area's to fill
        ws.cell(3, c).protection = Protection(locked=False)
        if str(ws.cell(3, c).value or "").startswith("填报日期"):
            ws.cell(3, c).value = "填报日期：　　年　　月　　日"  # the area's date, not the day the county made it
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False
    _info_sheet(book, info)
    return book
