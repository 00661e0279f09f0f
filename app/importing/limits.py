"""What a file from outside may declare before it is read: a county's list is never larger than this, and a
file that says otherwise (a cell at ALL1048576 in a 10 KB .xlsx, a zip that unpacks to gigabytes, a cell
repeated sixteen thousand times in an .ods) is refused with the limit named, before any reader allocates it."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import iterparse

from ..errors import LedgerError

MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELLS = 5_000_000          # rows × columns of the used area
MAX_CELL_CHARS = 32_767        # Excel's own limit for a cell
MAX_UNZIPPED = 512 * 1024 * 1024

_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,4})([0-9]{1,8})"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,8})"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="[A-Z]{0,4}[0-9]{0,8}:?([A-Z]{1,4})([0-9]{1,8})"')
_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>")


def column_number(letters: bytes | str) -> int:
    n = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        n = n * 26 + ord(ch) - 64
    return n


def _refuse(name: str, sheet: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        where = sheet if sheet.startswith("第 ") else f"工作表「{sheet}」"
        raise LedgerError(
            f"文件「{name}」的{where}用到了 {rows:,} 行 × {columns:,} 列，超出了程序能读的范围"
            f"（最多 {MAX_ROWS:,} 行、{MAX_COLUMNS} 列、共 {MAX_CELLS:,} 个单元格）。这不像是一份名单："
            "可能有格子被填到了很远的地方。请在 Excel 中删掉多余的行列（或只复制有数据的区域到新文件）后再导入。")


def check_size(name: str, sheet: str, rows: int, columns: int) -> None:
    """Refused in words when a sheet's used area is beyond what a county's list can be."""
    _refuse(name, sheet, rows, columns)


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        raise _damaged(path) from None
    unzipped = sum(i.file_size for i in book.infolist())
    if unzipped > MAX_UNZIPPED:
        book.close()
        raise LedgerError(f"文件「{path.name}」解压后有 {unzipped / 2**20:,.0f} MB，超出了程序能读的范围"
                          f"（{MAX_UNZIPPED // 2**20} MB），不像是一份名单。")
    return book


def _damaged(path: Path) -> LedgerError:
    return LedgerError(f"文件「{path.name}」无法读取，可能已损坏，或不是真正的 Excel 文件（只是改了扩展名）。"
                       "请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。")


def check_xlsx(path: Path) -> None:
    """Every worksheet's used area and every shared string, from the XML itself, before calamine reads it."""
    try:
        _check_xlsx(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
        raise _damaged(path) from None


def _check_xlsx(path: Path) -> None:
    with _open_zip(path) as book:
        for info in book.infolist():
            name = info.filename
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                rows = columns = 0
                stem = Path(name).stem
                label = f"第 {stem[5:]} 个工作表" if stem.startswith("sheet") and stem[5:].isdigit() else stem
                for chunk_rows, chunk_columns in _scan(book, info):
                    rows, columns = max(rows, chunk_rows), max(columns, chunk_columns)
                    _refuse(path.name, label, rows, columns)
            elif name == "xl/sharedStrings.xml":
                with book.open(info) as f:
                    for m in _TEXT.finditer(f.read()):
                        if len(m.group(1)) > MAX_CELL_CHARS * 4:  # bytes: up to four a character in UTF-8
                            raise LedgerError(f"文件「{path.name}」中有超过 {MAX_CELL_CHARS:,} 个字的单元格，"
                                              "超出了 Excel 自己的上限，不像是一份名单。")


def _scan(book: zipfile.ZipFile, info: zipfile.ZipInfo):
    """(rows, columns) reached so far, chunk by chunk of the sheet's XML (a chunk's tail kept for refs split)."""
    tail = b""
    with book.open(info) as f:
        while True:
            block = f.read(1 << 20)
            if not block:
                break
            data = tail + block
            rows = columns = 0
            for m in _DIMENSION.finditer(data):
                columns, rows = max(columns, column_number(m.group(1))), max(rows, int(m.group(2)))
            for m in _CELL_REF.finditer(data):
                columns, rows = max(columns, column_number(m.group(1))), max(rows, int(m.group(2)))
            for m in _ROW_REF.finditer(data):
                rows = max(rows, int(m.group(1)))
            yield rows, columns
            tail = data[-256:]


TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def check_ods(path: Path) -> None:
    """The used area of every table in content.xml, repeats counted, before calamine expands them."""
    try:
        _check_ods(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
        raise _damaged(path) from None


def _check_ods(path: Path) -> None:
    with _open_zip(path) as book:
        try:
            content = book.open("content.xml")
        except KeyError:
            raise LedgerError(f"文件「{path.name}」不是完整的 .ods 文件（没有 content.xml）。") from None
        with content:
            sheet, row, used_rows, used_columns = "", 0, 0, 0
            try:
                for event, el in iterparse(content, events=("start", "end")):
                    if event == "start" and el.tag == f"{TABLE}table":
                        sheet, row, used_rows, used_columns = el.get(f"{TABLE}name", ""), 0, 0, 0
                    elif event == "end" and el.tag == f"{TABLE}table-row":
                        repeat = int(el.get(f"{TABLE}number-rows-repeated", "1") or 1)
                        column, last = 0, 0
                        for cell in el:
                            span = int(cell.get(f"{TABLE}number-columns-repeated", "1") or 1)
                            column += span
                            if cell.get(f"{OFFICE}value-type") or len(cell):
                                last = column
                        if last:
                            used_rows, used_columns = row + repeat, max(used_columns, last)
                            _refuse(path.name, sheet, used_rows, used_columns)
                        row += repeat
                        el.clear()
            except (SyntaxError, ValueError):
                raise LedgerError(f"文件「{path.name}」的内容无法解析（可能已损坏）。请在 WPS 或 LibreOffice 中"
                                  "打开后另存为 .xlsx 再导入。") from None


def check_rows(name: str, sheet: str, rows: list[list[object]]) -> None:
    """After reading (CSV, .xls): the same limits on what was read."""
    _refuse(name, sheet, len(rows), max((len(r) for r in rows), default=0))
    for r, row in enumerate(rows, 1):
        for value in row:
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise LedgerError(f"文件「{name}」第 {r} 行有超过 {MAX_CELL_CHARS:,} 个字的单元格，"
                                  "超出了 Excel 自己的上限，不像是一份名单。")
