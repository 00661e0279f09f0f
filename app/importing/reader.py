"""Spreadsheet files as rows of cells: .xlsx, .xlsm, legacy .xls, .ods (python-calamine) and .csv.

CSV comes as clerks save it: UTF-8 (with or without BOM) or GBK/GB18030 from Chinese Excel, with
commas, tabs or semicolons. Whatever the file, the caller gets lists of cell values (str, int,
float, bool, date/datetime or None) or a LedgerError saying in Chinese why the file cannot be read.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..errors import LedgerError, describe_os_error
from . import limits

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
SUPPORTED = (*SPREADSHEETS, ".csv")
MAX_BYTES = 200 * 1024 * 1024


@dataclass
class Sheet:
    """The cells of one sheet, row by row; file and sheet names for messages."""

    file_name: str
    sheet_name: str
    rows: list[list[object]]
    sheet_names: list[str]
    encoding: str = ""  # for CSV: the encoding it was read with


def read_sheet(path: str | os.PathLike[str], sheet: str | None = None) -> Sheet:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LedgerError(f"不支持的文件类型「{path.suffix or '无扩展名'}」：请选择 .xlsx、.xls、.ods 或 .csv 文件。")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LedgerError(describe_os_error(exc)) from exc
    if size == 0:
        raise LedgerError(f"文件「{path.name}」是空的。")
    if size > MAX_BYTES:
        raise LedgerError(f"文件「{path.name}」超过 200 MB，不像是单位名单，请检查是否选错了文件。")
    if suffix == ".csv":
        return _read_csv(path)
    return _read_spreadsheet(path, sheet)


PASSWORD = "文件「{}」设置了密码（打开密码或加密），请在 Excel / WPS 中取消密码后另存，再导入。"


def _read_spreadsheet(path: Path, sheet: str | None) -> Sheet:
    import python_calamine as calamine

    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):  # what the file declares, before any reader allocates it
        limits.check_xlsx(path)
    elif suffix == ".ods":
        limits.check_ods(path)
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise LedgerError(PASSWORD.format(path.name)) from None
    except OSError as exc:
        raise LedgerError(describe_os_error(exc)) from exc
    except Exception as exc:  # calamine's own errors: not a spreadsheet, damaged zip or XML
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise LedgerError(PASSWORD.format(path.name)) from None
        if suffix in (".xlsx", ".xlsm"):  # a file calamine does not follow (a macro sheet …): openpyxl may
            return _read_with_openpyxl(path, sheet, exc)
        raise LedgerError(f"文件「{path.name}」无法读取，可能已损坏，或不是真正的 Excel 文件"
                          f"（{type(exc).__name__}）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。") from None
    try:
        visible = [m.name for m in book.sheets_metadata
                   if m.typ == calamine.SheetTypeEnum.WorkSheet and m.visible == calamine.SheetVisibleEnum.Visible]
        names = visible or list(book.sheet_names)
        if sheet is not None and sheet not in book.sheet_names:
            raise LedgerError(f"文件「{path.name}」中没有名为「{sheet}」的工作表；有：{'、'.join(names)}。")
        if sheet is None:  # the first visible sheet that has anything in it
            sheet = next((n for n in names if book.get_sheet_by_name(n).height > 0), names[0] if names else None)
        if sheet is None:
            raise LedgerError(f"文件「{path.name}」中没有工作表。")
        found = book.get_sheet_by_name(sheet)
        # the sheet's size as the reader holds it, before a Python object is made of each cell: what a legacy
        # .xls (which declares no size ahead) can hold is bounded here (.xlsx and .ods were prescanned above)
        limits.check_size(path.name, sheet, found.height, found.width)
        raw = found.to_python(skip_empty_area=False)
    except LedgerError:
        raise
    except Exception as exc:
        raise LedgerError(f"文件「{path.name}」的工作表无法读取（{type(exc).__name__}: {exc}）。") from None
    finally:
        book.close()
    rows = [[_cell(v) for v in row] for row in raw]
    limits.check_rows(path.name, sheet, rows)
    return Sheet(path.name, sheet, rows, names)


def _read_with_openpyxl(path: Path, sheet: str | None, first: Exception) -> Sheet:
    """The second reader for .xlsx/.xlsm (its size already checked): a workbook calamine cannot follow."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise LedgerError(f"文件「{path.name}」无法读取，可能已损坏，或不是真正的 Excel 文件"
                          f"（{type(first).__name__}）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。") from None
    try:
        names = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"] or book.sheetnames
        if sheet is not None and sheet not in book.sheetnames:
            raise LedgerError(f"文件「{path.name}」中没有名为「{sheet}」的工作表；有：{'、'.join(names)}。")
        ws = book[sheet or names[0]]
        rows = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    finally:
        book.close()
    limits.check_rows(path.name, ws.title, rows)
    return Sheet(path.name, ws.title, rows, names)


def _cell(value: object) -> object:
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)  # Excel keeps every number as a float: 230.0 is 230, 13800000000.0 a phone number
    if isinstance(value, (time, timedelta)):
        return str(value)
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    return value


def _read_csv(path: Path) -> Sheet:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LedgerError(describe_os_error(exc)) from exc
    for encoding in ("utf-8-sig", "gb18030"):  # GB18030 is a superset of GBK and GB2312
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly any byte string
        raise LedgerError(f"文件「{path.name}」的编码无法识别，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 再导入。")
    if "\0" in text:
        raise LedgerError(f"文件「{path.name}」不是文本格式的 CSV（可能是改了扩展名的 Excel 文件）。")
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # a Mac's CR-only lines too
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [[cell if cell.strip() else None for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:  # a field over the csv module's limit, a stray quote …
        big = "larger than field limit" in str(exc)
        raise LedgerError(f"文件「{path.name}」" + (f"有超过 {limits.MAX_CELL_CHARS:,} 个字的单元格，不像是一份名单。"
                                                   if big else "的 CSV 格式有误（引号不成对等），请在 Excel 中打开后"
                                                   "另存为 .xlsx 再导入。")) from None
    limits.check_rows(path.name, path.stem, rows)
    return Sheet(path.name, path.stem, rows, [path.stem], "UTF-8" if encoding == "utf-8-sig" else "GBK/GB18030")


def cell_text(value: object) -> str:
    """A cell as the user sees it, for messages and the refused-rows file."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
