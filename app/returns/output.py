"""A built return leaving the office: as the table the .xlsx writer and the PDF layer print, gated by the logic
check (a return that has not passed needs an explicit force, and says so under its title), and recorded when
it is submitted (上报记录: the file's SHA-256 and every cell), so a later change can be answered for."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from .. import checks, settings
from ..errors import LedgerError
from ..tables import ReturnColumn, ReturnTable
from .catalog import BY_NUMBER, Built, build


def to_table(db: Database, built: Built, status_line: str = "", on: date | None = None) -> ReturnTable:
    info = settings.union_info(db)
    first = BY_NUMBER[built.number].first_column
    widest = max([len(label) for label, _ in built.rows] + [4])
    columns = [ReturnColumn(first, min(36, max(12, widest * 2 + 2)))] + [
        ReturnColumn(c.header, c.width, c.kind if c.kind != "int" else "int", group=c.group,
                     align="center" if c.kind == "date" else "") for c in built.columns]
    rows = [[label, *cells] for label, cells in built.rows]
    totals = ["合计", *built.totals] if built.totals is not None else None
    return ReturnTable(number=built.number, title=built.title, columns=columns, rows=rows,
                       filler_unit=info.union_name, unit_of_measure=built.unit_of_measure, principal=info.principal,
                       filler=info.filler, phone=info.phone, filled_on=on or date.today(),
                       sheet_name=f"{built.number} {BY_NUMBER[built.number].title}"[:31], totals=totals,
                       status_line=status_line, notes=list(built.notes))


def as_json(built: Built) -> dict[str, object]:
    """{"表号", "title", "year", "columns": [header…], "rows": [[label, cell…]…]} with 合计 last; a two-row header
    joined as 上/下, so every header is unique."""
    first = BY_NUMBER[built.number].first_column
    rows = [[label, *cells] for label, cells in built.rows]
    if built.totals is not None:
        rows.append(["合计", *built.totals])
    return {"表号": built.number, "title": built.title, "year": built.year, "columns": [first, *built.headers],
            "rows": rows}


def gate(report: checks.CheckReport, force: bool) -> str:
    """The status line a return carries; refused (LedgerError) when the check has not passed and not forced."""
    if not report.passed and not force:
        parts = []
        if report.errors:
            parts.append(f"{len(report.errors)} 项错误（须改正）")
        if report.unexplained:
            parts.append(f"{len(report.unexplained)} 项提示还没有写说明")
        raise LedgerError(f"{report.year} 年度的逻辑检查没有通过：{'，'.join(parts)}。请在“逻辑检查”页处理后再导出；"
                          "确需先导出，请确认强制导出（命令行加 --force），报表标题下会注明“未通过逻辑检查”。")
    return report.status_line()


@dataclass(frozen=True)
class Exported:
    path: Path
    numbers: list[str]
    status_line: str
    submission_ids: list[int]


def export_returns(db: Database, numbers: list[str], year: int, path: str | os.PathLike[str], force: bool = False,
                   submit: bool = False, on: date | None = None, now: datetime | None = None) -> Exported:
    """The returns, a sheet each, into one .xlsx written whole; with *submit*, recorded in 上报记录."""
    from .writer import write_return

    report = checks.run(db, year, now)
    status = gate(report, force)
    built = [build(db, n, year) for n in dict.fromkeys(numbers)]
    out = write_return(path, [to_table(db, b, status, on) for b in built])
    ids = record_submission(db, built, out, status, now) if submit else []
    return Exported(out, [b.number for b in built], status, ids)


def report_return(db: Database, number: str, year: int, path: str | os.PathLike[str], force: bool = False,
                  on: date | None = None):
    """One return as a PDF, with the same gate and status line as the .xlsx."""
    from ..pdf.list_report import write_table_pdf

    status = gate(checks.run(db, year), force)
    built = build(db, number, year)
    info = settings.union_info(db)
    return write_table_pdf(path, to_table(db, built, status, on), [f"计量单位：{built.unit_of_measure}"],
                           info.union_name, on=on)


# -- 上报记录 -------------------------------------------------------------------------------------

def record_submission(db: Database, built: list[Built], path: Path, status: str,
                      now: datetime | None = None) -> list[int]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    when = (now or datetime.now()).replace(microsecond=0).isoformat(sep=" ")
    filler = settings.union_info(db).filler
    with db.atomic():
        return [db.execute(
            "INSERT INTO submissions (number, year, submitted_at, filler, file_name, sha256, status_line, cells)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [b.number, b.year, when, filler, path.name, digest, status,
             json.dumps(b.cell_map(), ensure_ascii=False, sort_keys=True)]).lastrowid for b in built]


def submissions(db: Database) -> list[dict[str, object]]:
    cur = db.execute("SELECT id, number, year, submitted_at, filler, file_name, sha256, status_line FROM submissions"
                     " ORDER BY submitted_at DESC, id DESC")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


@dataclass(frozen=True)
class CellChange:
    key: str             # 'row label|column'
    sent: object
    now: object


@dataclass(frozen=True)
class Diff:
    submission: dict[str, object]
    changes: list[CellChange]
    edited: list[str]        # records of the year changed since it was sent: where a change may come from


def diff(db: Database, submission_id: int) -> Diff:
    """The return regenerated now against what was sent, cell by cell."""
    row = db.execute("SELECT id, number, year, submitted_at, filler, file_name, sha256, status_line, cells FROM"
                     " submissions WHERE id = ?", [submission_id]).fetchone()
    if row is None:
        raise LedgerError(f"没有编号为 {submission_id} 的上报记录（submissions list 列出全部）。")
    sent = json.loads(row[8])
    now = build(db, row[1], row[2]).cell_map()
    changes = [CellChange(k, sent.get(k), now.get(k)) for k in sorted(set(sent) | set(now), key=_order(sent, now))
               if sent.get(k) != now.get(k)]
    edited = [f"「{name}」{what}（{at}）" for name, what, at in db.execute(
        "SELECT u.name, '年度数据', f.updated_at FROM annual_figures f JOIN units u ON u.id = f.unit_id"
        " WHERE f.year = ?1 AND f.updated_at >= ?2 UNION ALL"
        " SELECT u.name, '单位信息', u.updated_at FROM units u JOIN unit_years y ON y.unit_id = u.id AND y.year = ?1"
        " WHERE u.updated_at >= ?2 ORDER BY 3 LIMIT 50", [row[2], row[3]])]
    keys = ["id", "number", "year", "submitted_at", "filler", "file_name", "sha256", "status_line"]
    return Diff(dict(zip(keys, row[:8], strict=True)), changes, edited)


def _order(sent: dict, now: dict):
    order = {k: n for n, k in enumerate([*sent, *now])}
    return lambda k: order[k]
