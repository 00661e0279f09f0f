"""The command line of templates: make them (export templates), read them back (import returned), see who has
sent theirs (collection status), and add returns up (consolidate)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

from .cli import EXIT_FAILURE, EXIT_OK
from .errors import LedgerError, describe_os_error


def _year(args: argparse.Namespace, db) -> int:
    from . import settings

    return args.year or settings.working_year(db)


def _deadline(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise LedgerError(f"--deadline「{text}」不是日期：请写成 YYYY-MM-DD，如 2026-10-20。") from None


def export_templates(args: argparse.Namespace, db) -> int:
    from .templates.make import make_templates

    year = _year(args, db)
    areas = None
    if args.area:
        row = db.execute("SELECT id FROM areas WHERE name = ?", [args.area]).fetchone()
        if row is None:
            raise LedgerError(f"--area「{args.area}」不在区域列表中。")
        areas = [row[0]]
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        made = make_templates(db, year, args.kind, out, areas, _deadline(args.deadline),
                              [args.competition] if args.competition else None)
    except OSError as exc:
        raise LedgerError(describe_os_error(exc)) from exc
    for m in made:
        print(f"{m.area}\t{m.rows}\t{m.path.name}")
    print(f"已生成 {year} 年度{args.kind}模板 {len(made)} 份，写入 {out}")
    return EXIT_OK


def import_returned(args: argparse.Namespace, db) -> int:
    """Each file on its own: a refused file does not stop the others. Exit 1 when any file was not taken."""
    from .templates.receive import accept, check_file, files_in, shown

    year = _year(args, db)
    files = files_in(args.file)
    if not files:
        raise LedgerError(f"文件夹「{args.file}」中没有 .xlsx / .xls / .ods / .csv 文件。")
    failed = 0
    for path in files:
        try:
            got = check_file(db, path, year)
        except LedgerError as exc:
            print(f"× {path.name}：{exc}")
            failed += 1
            continue
        how = "" if got.rec.by == "模板信息" else "（没有模板信息，按表头识别）"
        print(f"{path.name}：{got.summary()}{how}")
        for c in got.changes[:200]:
            print(f"  第 {c.row} 行「{c.name}」{c.field}：{shown(c.old)} → {shown(c.new)}")
        if len(got.changes) > 200:
            print(f"  ……共 {len(got.changes)} 处改动")
        for m in got.refused:
            print(f"  不能导入：{m}")
        if got.missing:
            print(f"  模板中有、文件中没有的单位（未作改动）：{'、'.join(got.missing[:20])}"
                  + (f" 等 {len(got.missing)} 家" if len(got.missing) > 20 else ""))
        if args.refused and got.plan is not None and got.plan.refused:
            from .importing.refused import write_refused

            folder = Path(args.refused)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{path.stem}-错误原因.xlsx"
            write_refused(target, got.plan)
            print(f"  不能导入的行已另存（带“错误原因”列，可发回修改）：{target}")
        if args.dry_run:
            continue
        try:
            written = accept(db, got, skip_invalid=args.skip_invalid, replace=args.replace)
        except LedgerError as exc:
            print(f"  没有写入：{exc}")
            failed += 1
            continue
        print(f"  已接收：写入 {written} 行。")
    if args.dry_run:
        print("试运行（--dry-run）：没有写入任何数据。")
    return EXIT_FAILURE if failed else EXIT_OK


def cmd_collection(args: argparse.Namespace, db) -> int:
    from .templates.status import collection_status, counts

    year = _year(args, db)
    rows = collection_status(db, year)
    if args.format == "json":
        sys.stdout.write(json.dumps([r.as_json() for r in rows], ensure_ascii=False) + "\n")
        return EXIT_OK
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["区域", "模板", "竞赛", "发出日期", "接收时间", "文件", "状态", "错误行数", "截止日期", "逾期"])
    for r in rows:
        w.writerow([r.area, r.word, r.competition, r.sent_on, r.received_at, r.file_name, r.state, r.refused or "",
                    r.deadline, "逾期" if r.late else ""])
    sys.stdout.write(buf.getvalue())
    print(f"{year} 年度：{counts(rows)}" if rows else f"{year} 年度还没有发出或收到模板。", file=sys.stderr)
    return EXIT_OK


def cmd_consolidate(args: argparse.Namespace, db) -> int:
    from . import settings
    from .returns.consolidate import consolidate, write_consolidated

    c = consolidate(args.files, args.number)
    info = settings.union_info(db)
    write_consolidated(c, args.out, info.union_name, info.principal, info.filler, info.phone)
    names = "、".join(s.name for s in c.sources)
    print(f"已汇总 {c.year} 年度{c.number} {len(c.sources)} 份：{names}，写入 {args.out}")
    return EXIT_OK
