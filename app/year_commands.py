"""The command line's year commands: indicators of a year, the county's areas, archiving units, opening a year."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

from .cli import EXIT_OK


def _open(db_file: Path):
    from .db import open_database

    return open_database(db_file)


def _emit(args: argparse.Namespace, text: str, done: str) -> None:
    if getattr(args, "out", None):
        from .files import write_text_atomically

        write_text_atomically(args.out, text, "utf-8-sig" if args.format == "csv" else "utf-8")
        print(done, file=sys.stderr)
    else:
        sys.stdout.write(text)


def cmd_indicators(args: argparse.Namespace, db_file: Path) -> int:
    """indicators --year Y [--area 名称] [--format csv|json]: the county's and each area's values."""
    from . import indicators, settings, targets
    from .errors import LedgerError
    from .years import no_data_message

    db = _open(db_file)
    year = args.year or settings.working_year(db)
    empty = no_data_message(db, year)
    if empty:
        raise LedgerError(empty)
    result = indicators.compute(db, year)
    if args.area and args.area not in {a.name for a in result.areas}:
        names = "、".join(a.name for a in result.areas)
        raise LedgerError(f"{year} 年度没有名为「{args.area}」的区域（有：{names}）。")
    rows = result.rows(args.area)
    goals = targets.progress(db, year, result)

    def goal(v) -> tuple[float | None, bool | None]:
        p = goals.get((v.code, v.area_id))
        return (p.target, p.met) if p else (None, None)

    if args.format == "json":
        text = "[\n" + ",\n".join(json.dumps(v.as_json() | dict(zip(("target", "met"), goal(v), strict=True)),
                                              ensure_ascii=False) for v in rows) + "\n]\n"
    else:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["代码", "指标", "区域", "分子", "分母", "值", "单位", "目标", "完成"])
        for v in rows:
            value = round(v.value, 2) if isinstance(v.value, float) else v.value
            target, met = goal(v)
            w.writerow([v.code, v.title, v.area or "全县", v.numerator, "" if v.denominator is None else v.denominator,
                        "" if value is None else value, v.unit, "" if target is None else f"{target:g}",
                        "" if met is None else ("是" if met else "否")])
        text = buf.getvalue()
    for note in result.notes if not args.area else []:
        print(f"注意：{note}", file=sys.stderr)
    _emit(args, text, f"已写入 {year} 年度指标 {len(rows)} 行：{args.out}")
    return EXIT_OK


def cmd_areas(args: argparse.Namespace, db_file: Path) -> int:
    from . import areas

    db = _open(db_file)
    if args.action == "add":
        area_id = areas.add_area(db, args.name, args.kind)
        print(f"已添加区域「{args.name.strip()}」（{args.kind}，编号 {area_id}）")
        return EXIT_OK
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["编号", "名称", "类型", "单位数"])
    for a in areas.list_areas(db):
        w.writerow([a.id, a.name, a.kind, a.unit_count])
    sys.stdout.write(buf.getvalue())
    return EXIT_OK


def cmd_units_change(args: argparse.Namespace, db_file: Path) -> int:
    """units archive --id N... [--date D] / units restore --id N..."""
    from . import units
    from .errors import LedgerError
    from .normalize import parse_date

    db = _open(db_file)
    ids = list(dict.fromkeys(args.id))
    known = {r[0]: r[1] for r in db.execute(
        f"SELECT id, archived_at FROM units WHERE id IN ({', '.join('?' for _ in ids)})", ids)}
    missing = [str(i) for i in ids if i not in known]
    if missing:
        raise LedgerError(f"没有编号为 {'、'.join(missing)} 的单位。")
    if args.action == "archive":
        try:
            on = date.fromisoformat(parse_date(args.date)) if args.date else date.today()
        except ValueError as exc:
            raise LedgerError(f"--date「{args.date}」：{exc}") from exc
        done = units.archive(db, ids, on)
        print(f"已归档 {done} 家单位（{on.isoformat()} 起，不再列入 {on.year} 年度及以后的台账）"
              + (f"；{len(ids) - done} 家原已归档" if done < len(ids) else ""))
    else:
        done = units.restore(db, ids)
        print(f"已恢复 {done} 家单位" + (f"；{len(ids) - done} 家原本在册" if done < len(ids) else ""))
    return EXIT_OK


def cmd_year(args: argparse.Namespace, db_file: Path) -> int:
    from .years import open_year

    opened = open_year(_open(db_file), args.year)
    print(f"已开始 {opened.year} 年度：从 {opened.source} 年度带入 {opened.units:,} 家单位，"
          f"其中 {opened.unconfirmed:,} 家的职工人数待核实（核对后保存或导入本年名单即确认）。")
    return EXIT_OK


def _area_id(db, name: str | None) -> int | None:
    from . import areas
    from .errors import LedgerError

    if not name:
        return None
    found = {a.name: a.id for a in areas.list_areas(db)}
    if name.strip() not in found:
        raise LedgerError(f"没有名为「{name}」的区域（有：{'、'.join(found)}）。")
    return found[name.strip()]


def cmd_targets(args: argparse.Namespace, db_file: Path) -> int:
    """targets list / set / split / copy."""
    from . import settings, targets
    from .indicators import BY_CODE

    db = _open(db_file)
    if args.action == "copy":
        n = targets.copy_targets(db, args.source, args.target)
        print(f"已把 {args.source} 年度的 {n} 个目标复制到 {args.target} 年度")
        return EXIT_OK
    if args.action == "set":
        area = _area_id(db, args.area)
        targets.set_target(db, args.year, args.code, args.value, area)
        shown = args.value.strip() or "（已清除）"
        print(f"{args.year} 年度{args.area or '全县'}「{BY_CODE[args.code].title}」的目标：{shown}")
        return EXIT_OK
    if args.action == "split":
        parts = targets.propose_split(db, args.year, args.code)
        for p in parts:
            print(f"{p.name}\t职工 {p.employees:,} 人\t{p.value:,}")
        if args.dry_run:
            print(f"（预览：共 {sum(p.value for p in parts):,}，没有保存）", file=sys.stderr)
        else:
            targets.save_split(db, args.year, args.code, parts)
            print(f"已把「{BY_CODE[args.code].title}」的全县目标分解到 {len(parts)} 个区域", file=sys.stderr)
        return EXIT_OK
    year = args.year or settings.working_year(db)
    names = {a_id: name for a_id, name in db.execute("SELECT id, name FROM areas")}
    goals = targets.progress(db, year)
    rows = [{"code": t.code, "title": BY_CODE[t.code].title, "area": names.get(t.area_id) if t.area_id else None,
             "target": t.value, "direction": t.direction, "unit": BY_CODE[t.code].unit,
             "actual": goals[(t.code, t.area_id)].actual, "met": goals[(t.code, t.area_id)].met}
            for t in targets.list_targets(db, year)]
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return EXIT_OK
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["代码", "指标", "区域", "方向", "目标", "实际", "单位", "完成"])
    for r in rows:
        actual = "" if r["actual"] is None else round(r["actual"], 2)
        w.writerow([r["code"], r["title"], r["area"] or "全县", r["direction"], f"{r['target']:g}", actual, r["unit"],
                    "" if r["met"] is None else ("是" if r["met"] else "否")])
    sys.stdout.write(buf.getvalue())
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, db_file: Path) -> int:
    from . import backups
    from .errors import LedgerError

    if not db_file.exists():
        raise LedgerError(f"数据文件不存在：{db_file}")
    _open(db_file).close()  # checked and upgraded like any open
    made = backups.backup_to(db_file, Path(args.out), why="手动")
    print(f"已备份到 {made}（{made.stat().st_size / 2**20:.1f} MB，已检查完整）")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace, db_file: Path) -> int:
    from . import backups

    found = backups.list_backups(db_file)
    if not found:
        print(f"还没有备份（{backups.folder_of(db_file)}）")
    for b in found:
        print(f"{b.made:%Y-%m-%d %H:%M:%S}\t{b.why or '自动'}\t{b.size / 2**20:.1f} MB\t{b.path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, db_file: Path) -> int:
    from . import backups
    from .errors import LedgerError

    source = Path(args.file)
    contents = backups.inspect(source)
    print(f"备份「{source.name}」：{contents.describe()}")
    if not args.yes:
        if not sys.stdin.isatty():
            raise LedgerError("恢复会替换现在的数据文件：确认请加 --yes。")
        if input(f"用它替换 {db_file}（现在的文件先另存为一份备份）？输入 是 确认：").strip() not in ("是", "y", "yes"):
            print("没有恢复。")
            return EXIT_OK
    done = backups.restore(db_file, source)
    _open(db_file).close()  # an older backup is upgraded now, with its own backup first
    print(f"已恢复：{done.contents.describe()}。恢复前的文件已备份为 {done.kept}")
    return EXIT_OK


def cmd_changes(args: argparse.Namespace, db_file: Path) -> int:
    from . import changes

    db = _open(db_file)
    if args.action == "undo":
        print(changes.undo(db, args.id))
        return EXIT_OK
    found = changes.entries(db, table=args.table, since=args.since)
    if args.format == "json":
        sys.stdout.write(json.dumps([{"id": e.id, "at": e.at, "who": e.who, "table": e.table, "record": e.record_id,
                                      "action": e.action, "batch": e.batch,
                                      "fields": [[k, a, b] for k, a, b in e.fields()]} for e in found],
                                    ensure_ascii=False, indent=1) + "\n")
        return EXIT_OK
    for e in found:
        print(f"{e.id}\t{e.at}\t{e.who}\t{e.action}{e.record}\t{e.summary()}"
              + (f"\t[{e.batch}]" if e.batch else ""))
    return EXIT_OK
