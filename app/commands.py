"""What each sub-command of the command line does; `cli` parses the words and calls these."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from .cli import EXIT_OK


def _cmd_init(args: argparse.Namespace, db_file: Path) -> int:
    from . import settings
    from .db import open_database

    db = open_database(db_file)
    if args.union or args.county:
        info = settings.union_info(db)
        info.union_name = args.union or info.union_name
        info.county = args.county or info.county
        settings.save_union_info(db, info)
    print(f"数据库已就绪：{db_file}")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, db_file: Path) -> int:
    from .db import open_database
    from .demo import build_demo

    db = open_database(db_file)
    count = build_demo(db, units=args.units, seed=args.seed, base_year=args.year, people=args.people)
    people = db.execute("SELECT count(*) FROM persons").fetchone()[0]
    print(f"已生成示例数据：{count} 家单位，{people} 名职工，写入 {db_file}")
    return EXIT_OK


EXPORT_COLUMNS = [
    ("name", "单位名称"), ("credit_code", "统一社会信用代码"), ("area", "所属区域"),
    ("industry_code", "行业门类"), ("industry", "行业"), ("industry_tags", "重点产业"),
    ("category_code", "单位类别代码"), ("category", "单位类别"), ("above_scale", "规模以上"),
    ("union_founded", "已建会"), ("founded_on", "建会日期"), ("union_type", "基层工会类型"),
    ("employees", "职工人数"), ("female_employees", "女职工人数"), ("members", "会员人数"),
    ("chairman", "工会主席"), ("high_risk", "高危行业"), ("contact", "联系人"), ("phone", "联系电话"),
    ("address", "地址"), ("archived_at", "归档时间"),
]


def _cmd_units(args: argparse.Namespace, db_file: Path) -> int:
    if args.action != "list":
        from .year_commands import cmd_units_change

        return cmd_units_change(args, db_file)
    from .db import open_database
    from .unit_search import UnitFilter, list_rows

    db = open_database(db_file)
    year = _roll_year(args, db)
    rows = list_rows(db, year, UnitFilter(archived=args.archived))
    _write_rows(args, rows, EXPORT_COLUMNS, {"year": year}, "units", "家单位")
    return EXIT_OK


PEOPLE_COLUMNS = [
    ("name", "姓名"), ("sex", "性别"), ("id_number", "身份证号"), ("birth_date", "出生日期"), ("unit", "单位"),
    ("area", "所属区域"), ("post", "岗位/工种"), ("skill_level", "职业技能等级"), ("political", "政治面貌"),
    ("education", "学历"), ("is_head", "企业负责人"), ("phone", "联系电话"),
]


def _cmd_people(args: argparse.Namespace, db_file: Path) -> int:
    from .db import open_database
    from .person_search import list_rows

    db = open_database(db_file)
    rows = list_rows(db, full_id=args.full_id)
    if args.full_id:
        from .changes import note

        note(db, f"导出完整身份证号：职工名单 {args.out or '（屏幕）'}")
    _write_rows(args, rows, PEOPLE_COLUMNS, {"id_numbers": "full" if args.full_id else "masked"}, "people", "名职工")
    return EXIT_OK


COMPETITION_COLUMNS = [
    ("name", "竞赛名称"), ("kind", "类型"), ("level", "级别"), ("organizer", "主办单位"), ("starts_on", "开始日期"),
    ("ends_on", "结束日期"), ("status", "状态"), ("budget", "经费（万元）"), ("units", "参赛单位数"),
    ("participants", "参赛职工人次"), ("trades", "工种数"),
]


def _cmd_competitions(args: argparse.Namespace, db_file: Path) -> int:
    from . import settings
    from .competitions import list_competitions
    from .db import open_database
    from .indicators import coverage

    db = open_database(db_file)
    year = args.year or settings.working_year(db)
    rows = list_competitions(db, year)
    c = {v.code: v for v in coverage(db, year)}
    meta = {"year": year, "coverage": {
        key: [c[code].numerator, c[code].denominator] for key, code in (
            ("units", "unit_coverage"), ("above_scale", "above_scale_coverage"),
            ("founded_non_public", "non_public_coverage"), ("employees", "employee_rate"))}
        | {"participant_times": c["participant_times"].value}}
    _write_rows(args, rows, COMPETITION_COLUMNS, meta, "competitions", "项竞赛")
    return EXIT_OK


def _year(args: argparse.Namespace, db) -> int:
    from . import settings

    return args.year or settings.working_year(db)


def _roll_year(args: argparse.Namespace, db) -> int:
    """The year of a command that lists the year's units: refused, with what years there are, when it has none
    (the archived units may still be listed: they are not the year's roll)."""
    from .errors import LedgerError
    from .years import no_data_message

    year = _year(args, db)
    empty = no_data_message(db, year) if getattr(args, "archived", "active") != "archived" else ""
    if empty:
        raise LedgerError(empty)
    return year


FIGURE_COLUMNS = [("name", "单位名称"), ("area", "所属区域")]


def _cmd_figures(args: argparse.Namespace, db_file: Path) -> int:
    from .codes import ANNUAL_FIGURES
    from .db import open_database
    from .figures import list_rows

    db = open_database(db_file)
    year = _roll_year(args, db)
    columns = FIGURE_COLUMNS + [(k, f"{title}（{measure}）") for k, title, measure in ANNUAL_FIGURES]
    _write_rows(args, list_rows(db, year), columns, {"year": year}, "units", "家单位")
    return EXIT_OK


INNOVATION_COLUMNS = [
    ("kind", "类别"), ("title", "成果名称"), ("unit", "单位"), ("area", "所属区域"), ("lead", "主创人"),
    ("members", "参与人"), ("implemented", "是否实施"), ("benefit", "经济效益（万元）"), ("patent_number", "专利号"),
    ("patent_type", "专利类型"), ("patent_status", "专利状态"), ("award", "获奖"), ("method_name", "命名操作法"),
    ("studio", "创新工作室"),
]


def _cmd_innovations(args: argparse.Namespace, db_file: Path) -> int:
    from .db import open_database
    from .innovations import list_rows

    db = open_database(db_file)
    year = _year(args, db)
    _write_rows(args, list_rows(db, year, kind=args.kind or ""), INNOVATION_COLUMNS, {"year": year},
                "innovations", "项创新成果")
    return EXIT_OK


HONOR_COLUMNS = [
    ("title", "称号"), ("level", "级别"), ("recipient_kind", "授予对象"), ("recipient_name", "名称或姓名"),
    ("unit", "单位"), ("area", "所属区域"), ("conferred_by", "授予单位"), ("doc_number", "文号"),
    ("conferred_on", "授予日期"), ("reward", "物质奖励（元）"), ("shown_state", "状态"),
    ("revoke_reason", "撤销原因"),
]


def _cmd_honors(args: argparse.Namespace, db_file: Path) -> int:
    from .db import open_database
    from .honors import HonorFilter, list_rows

    db = open_database(db_file)
    year = _year(args, db)
    rows = list_rows(db, HonorFilter(year=year, state=args.state or ""))
    _write_rows(args, rows, HONOR_COLUMNS, {"year": year}, "honors", "项荣誉")
    return EXIT_OK


def _write_rows(args: argparse.Namespace, rows: list[dict], columns: list[tuple[str, str]], meta: dict,
                key: str, noun: str) -> None:
    """Rows as CSV (Chinese headers) or JSON (one record a line), to --out or the screen."""
    if args.format == "json":
        keys = ["id"] + [k for k, _ in columns]
        # one record a line: readable, and each line goes through json's fast C encoder
        body = ",\n".join(json.dumps({k: r[k] for k in keys}, ensure_ascii=False) for r in rows)
        body = f"\n{body}\n" if rows else ""
        head = "".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}, " for k, v in meta.items())
        text = f'{{{head}"count": {len(rows)}, "{key}": [{body}]}}\n'
    else:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["编号"] + [label for _, label in columns])  # the id that report … --id takes
        for r in rows:
            writer.writerow([r["id"]] + [_csv_value(k, r[k]) for k, _ in columns])
        text = buf.getvalue()
    if args.out:
        from .files import write_text_atomically

        write_text_atomically(args.out, text, "utf-8-sig" if args.format == "csv" else "utf-8")
        print(f"已写入 {len(rows)} {noun}：{args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _csv_value(key: str, value: object) -> object:
    if key in ("above_scale", "union_founded", "high_risk", "is_head"):
        return "是" if value else "否"
    return "" if value is None else value


def _cmd_export(args: argparse.Namespace, db_file: Path) -> int:
    from .db import open_database
    from .errors import LedgerError, describe_os_error
    from .returns.ledger import export_ledger
    from .unit_search import UnitFilter

    if args.what == "templates":
        from .collection_commands import export_templates

        return export_templates(args, open_database(db_file))
    out = _output(args.out, ".xlsx")
    db = open_database(db_file)
    try:
        if args.what == "return":
            from .return_commands import export_return

            return export_return(args, db, out)
        if args.what == "recommendations":
            from .returns.recommendations import export_recommendations

            year = _year(args, db)
            _, collectives, people = export_recommendations(db, year, out, args.full_id)
            ids = "完整身份证号" if args.full_id else "身份证号已隐去中间 8 位"
            print(f"已导出 {year} 年度推荐名单：先进集体 {collectives} 个，先进个人 {people} 名（{ids}），写入 {out}")
            return EXIT_OK
        if args.what == "participants":
            from .participation import participant_table
            from .returns.writer import write_return

            table = participant_table(db, args.id)
            write_return(out, [table])
            print(f"已导出参赛单位名单：{len(table.rows)} 家单位，写入 {out}")
            return EXIT_OK
        year = _roll_year(args, db)
        result = export_ledger(db, year, out, UnitFilter(archived=args.archived))
    except OSError as exc:
        raise LedgerError(describe_os_error(exc)) from exc
    print(f"已导出 {year} 年度单位台账：{result.units} 家单位，写入 {out}")
    return EXIT_OK


def _output(path: str, suffix: str) -> Path:
    from .errors import LedgerError

    out = Path(path)
    if out.suffix.lower() != suffix:
        raise LedgerError(f"输出文件应以 {suffix} 结尾：{out}")
    return out


def _cmd_report(args: argparse.Namespace, db_file: Path) -> int:
    from .db import open_database
    from .errors import LedgerError, describe_os_error
    from .unit_search import UnitFilter

    out = _output(args.out, ".pdf")
    db = open_database(db_file)
    try:
        if args.what in ("competition-plan", "participants"):
            from .pdf.competition import report_participants, report_plan

            make = report_plan if args.what == "competition-plan" else report_participants
            result = make(db, args.id, out)
            done = f"已生成 PDF：{result.pages} 页，写入 {out}"
        elif args.what == "roster":
            from .pdf.roster import KINDS, report_roster

            year = _year(args, db)
            result = report_roster(db, year, out, args.state)
            done = f"已生成 {year} 年度{KINDS[args.state]} PDF：{result.rows} 项荣誉，{result.pages} 页，写入 {out}"
        elif args.what in ("return", "check"):
            from .return_commands import report_pdf

            result, done = report_pdf(args, db, out)
        elif args.what == "summary":
            from .pdf.summary import report_summary

            year = _roll_year(args, db)
            result = report_summary(db, year, out)
            done = f"已生成 {year} 年度劳动竞赛工作情况汇总 PDF：{result.pages} 页，写入 {out}"
        elif args.what == "ledger":
            from .pdf.ledger import report_ledger

            year = _roll_year(args, db)
            result = report_ledger(db, year, out, UnitFilter(archived=args.archived))
            done = f"已生成 {year} 年度单位台账 PDF：{result.rows} 家单位，{result.pages} 页，写入 {out}"
        else:
            from .pdf.unit_profile import report_unit

            result = report_unit(db, args.id, out)
            done = f"已生成单位档案 PDF：{result.pages} 页，写入 {out}"
    except OSError as exc:
        raise LedgerError(describe_os_error(exc)) from exc
    if result.warning:
        print(f"注意：{result.warning}", file=sys.stderr)
    print(done)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, db_file: Path) -> int:
    if args.what == "returned":
        from .collection_commands import import_returned
        from .db import open_database

        return import_returned(args, open_database(db_file))
    from .importing.command import run_import

    return run_import(args, db_file)


COMMANDS = {"init": _cmd_init, "demo": _cmd_demo, "units": _cmd_units, "people": _cmd_people,
             "competitions": _cmd_competitions, "figures": _cmd_figures, "innovations": _cmd_innovations,
             "honors": _cmd_honors, "export": _cmd_export,
             "report": _cmd_report, "import": _cmd_import}


def _year_command(name: str):
    def run(args: argparse.Namespace, db_file: Path) -> int:
        from . import year_commands

        return getattr(year_commands, name)(args, db_file)
    return run


COMMANDS |= {"indicators": _year_command("cmd_indicators"), "areas": _year_command("cmd_areas"),
             "year": _year_command("cmd_year"), "targets": _year_command("cmd_targets"),
             "backup": _year_command("cmd_backup"), "backups": _year_command("cmd_backups"),
             "restore": _year_command("cmd_restore"), "changes": _year_command("cmd_changes")}


def _return_command(name: str):
    def run(args: argparse.Namespace, db_file: Path) -> int:
        from . import return_commands
        from .db import open_database

        return getattr(return_commands, name)(args, open_database(db_file))
    return run


COMMANDS |= {"returns": _return_command("cmd_returns"), "check": _return_command("cmd_check"),
             "submissions": _return_command("cmd_submissions")}


def _collection_command(name: str):
    def run(args: argparse.Namespace, db_file: Path) -> int:
        from . import collection_commands
        from .db import open_database

        return getattr(collection_commands, name)(args, open_database(db_file))
    return run


COMMANDS |= {"collection": _collection_command("cmd_collection"),
             "consolidate": _collection_command("cmd_consolidate")}
