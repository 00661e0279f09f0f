"""`python main.py import units|people FILE …`: the preview printed, then all valid rows or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import settings
from ..codes import CATEGORY_NAMES
from ..db import open_database
from ..errors import LedgerError
from .kinds import KINDS
from .plan import ImportOptions


def run_import(args: argparse.Namespace, db_file: Path) -> int:
    """Returns the exit code: 0 written (or a clean dry run), 1 refused rows without --skip-invalid."""
    kind = KINDS[args.what]
    db = open_database(db_file)
    year = getattr(args, "year", None) or settings.working_year(db)
    options = ImportOptions(year)
    if getattr(args, "area", None):
        row = db.execute("SELECT id FROM areas WHERE name = ?", [args.area]).fetchone()
        if row is None:
            raise LedgerError(f"--area「{args.area}」不在区域列表中。")
        options.default_area_id = row[0]
    category = getattr(args, "category", None)
    if category and category not in CATEGORY_NAMES:
        raise LedgerError(f"--category「{category}」不是单位类别代码（如 170 私营企业）。")
    options.default_category = category
    options.competition_id = getattr(args, "competition", None)
    sheet, mapping = kind.open(args.file, args.sheet)
    where = f"，导入到 {year} 年度" if kind.key in ("units", "figures", "targets") else ""
    print(f"读取：{sheet.file_name}（工作表「{sheet.sheet_name}」{'，' + sheet.encoding if sheet.encoding else ''}），"
          f"表头在第 {mapping.header_row + 1} 行{where}")
    pairs = sorted(mapping.columns.items(), key=lambda kv: kv[1])
    print("列对应：" + "；".join(f"{kind.labels[key]} ← {mapping.headers[c]}" for key, c in pairs))
    unused = [h for c, h in enumerate(mapping.headers) if h and c not in mapping.columns.values()]
    if unused:
        print("未导入的列：" + "、".join(unused))
    plan = kind.plan(db, sheet, mapping, options)
    skipped = f"（跳过空行和合计、填表人等行 {plan.skipped} 行）" if plan.skipped else ""
    print(f"预览：{plan.summary()}{skipped}")
    if plan.refused:
        print("不能导入的行：")
        for r in plan.refused:
            print(f"  {r.message}")
        if args.refused:
            from .refused import write_refused

            write_refused(args.refused, plan)
            print(f"不能导入的行已另存（带“错误原因”列）：{args.refused}")
    if plan.refused and not args.skip_invalid:
        print(f"错误：有 {len(plan.refused)} 行不能导入，没有写入任何数据。改正后重试，"
              "或加 --skip-invalid 只导入正确的行。", file=sys.stderr)
        return 1
    if args.dry_run:
        print("试运行（--dry-run）：没有写入任何数据。")
        return 0
    written = kind.apply(db, plan)
    print(f"已导入：新增 {plan.count('new'):,}，更新 {plan.count('updated'):,}，共写入 {written:,} {kind.noun}。")
    return 0
