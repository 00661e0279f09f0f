"""The command line's returns: list and show them, export and print them behind the logic check, the check
itself, and the record of what was submitted."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from .cli import EXIT_FAILURE, EXIT_OK


def _year(args: argparse.Namespace, db) -> int:
    from . import settings

    return args.year or settings.working_year(db)


def cmd_returns(args: argparse.Namespace, db) -> int:
    from .returns import catalog, output

    if args.action == "list":
        for r in catalog.RETURNS:
            print(f"{r.number}\t{r.title}\t每行一个{r.rows}\t计量单位：{r.unit_of_measure}")
        for number, title, where in catalog.LISTS:
            print(f"{number}\t{title}\t{where}")
        return EXIT_OK
    table = output.as_json(catalog.build(db, args.number.strip(), _year(args, db)))
    if args.format == "json":
        sys.stdout.write(json.dumps(table, ensure_ascii=False) + "\n")
        return EXIT_OK
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(table["columns"])
    for row in table["rows"]:
        w.writerow(["" if v is None else v for v in row])
    sys.stdout.write(buf.getvalue())
    return EXIT_OK


def export_return(args: argparse.Namespace, db, out: Path) -> int:
    from .returns.output import export_returns

    year = _year(args, db)
    done = export_returns(db, [n.strip() for n in args.numbers], year, out, force=args.force, submit=args.submit)
    print(f"已导出 {year} 年度{'、'.join(done.numbers)}（{done.status_line}），写入 {out}")
    if done.submission_ids:
        print(f"已记入上报记录：编号 {'、'.join(str(i) for i in done.submission_ids)}")
    return EXIT_OK


def report_pdf(args: argparse.Namespace, db, out: Path):
    year = _year(args, db)
    if args.what == "check":
        from .pdf.check_report import report_check

        result = report_check(db, year, out)
        return result, f"已生成 {year} 年度逻辑检查报告 PDF：{result.pages} 页，写入 {out}"
    from .returns.output import report_return

    result = report_return(db, args.number.strip(), year, out, force=args.force)
    return result, f"已生成 {year} 年度{args.number.strip()} PDF：{result.pages} 页，写入 {out}"


def cmd_check(args: argparse.Namespace, db) -> int:
    """Exit 1 while an 错误 stands."""
    from . import checks

    report = checks.run(db, _year(args, db))
    if args.format == "json":
        sys.stdout.write(json.dumps([f.as_json() | {"note": report.note_of(f)} for f in report.findings],
                                    ensure_ascii=False, indent=1) + "\n")
    else:
        for f in report.findings:
            note = report.note_of(f)
            print(f"{f.severity}\t{f.code}\t{f.message}" + (f"\t说明：{note}" if note else ""))
        print(report.status_line(), file=sys.stderr)
    return EXIT_FAILURE if report.errors else EXIT_OK


def cmd_submissions(args: argparse.Namespace, db) -> int:
    from .returns import output

    if args.action == "list":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["编号", "表号", "年度", "上报时间", "填表人", "文件", "SHA-256", "逻辑检查"])
        for s in output.submissions(db):
            w.writerow([s["id"], s["number"], s["year"], s["submitted_at"], s["filler"], s["file_name"], s["sha256"],
                        s["status_line"]])
        sys.stdout.write(buf.getvalue())
        return EXIT_OK
    d = output.diff(db, args.id)
    s = d.submission
    print(f"{s['year']} 年度{s['number']}，{s['submitted_at']} 上报（{s['file_name']}）：", end="")
    if not d.changes:
        print("现在重新生成，每个格子都与上报时相同。")
        return EXIT_OK
    print(f"{len(d.changes)} 个格子与上报时不同：")
    for c in d.changes:
        row, col = c.key.split("|", 1)
        print(f"  {row}「{col}」：上报 {'' if c.sent is None else c.sent} → 现在 {'' if c.now is None else c.now}")
    if d.edited:
        print("上报后修改过的记录：" + "；".join(d.edited))
    return EXIT_OK
