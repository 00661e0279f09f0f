"""推荐名单: the year's honors in force as two returns, collectives and individuals, ID numbers masked
unless the user asks for full numbers for this one export."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from .. import honors, settings
from ..tables import ReturnColumn, ReturnTable
from ..validators import mask_id
from .writer import write_return

COLLECTIVE_COLUMNS = [
    ReturnColumn("序号", 6, "index"), ReturnColumn("称号", 26), ReturnColumn("级别", 6, "code"),
    ReturnColumn("推荐对象", 30, total="count"), ReturnColumn("类别", 8, "code"), ReturnColumn("所在单位", 32),
    ReturnColumn("所属区域", 14), ReturnColumn("状态", 8, "code"), ReturnColumn("主要事迹", 26),
]
INDIVIDUAL_COLUMNS = [
    ReturnColumn("序号", 6, "index"), ReturnColumn("称号", 20), ReturnColumn("级别", 6, "code"),
    ReturnColumn("姓名", 10, total="count"), ReturnColumn("性别", 6, "code"), ReturnColumn("身份证号", 21, "code"),
    ReturnColumn("出生日期", 12, "code"), ReturnColumn("工作单位", 24), ReturnColumn("岗位/工种", 12),
    ReturnColumn("技能等级", 10), ReturnColumn("政治面貌", 10), ReturnColumn("学历", 12),
    ReturnColumn("企业负责人", 8, "code"), ReturnColumn("状态", 8, "code"), ReturnColumn("主要事迹", 26),
]


def recommendation_tables(db: Database, year: int, full_id: bool = False, on: date | None = None
                          ) -> list[ReturnTable]:
    info = settings.union_info(db)
    rows = honors.list_rows(db, honors.HonorFilter(year=year))
    rows = [r for r in rows if not r["revoked_on"]]
    collective = [[n, r["title"], r["level"], r["recipient_name"], r["recipient_kind"], r["unit"], r["area"],
                   r["state"], r["deeds"]] for n, r in enumerate((r for r in rows if r["recipient"] != "person"), 1)]
    individual = [[n, r["title"], r["level"], r["recipient_name"], r["sex"],
                   r["id_number"] if full_id else mask_id(r["id_number"]), r["birth_date"], r["unit"], r["post"],
                   r["skill_level"], r["political"], r["education"], "是" if r["is_head"] else "否", r["state"],
                   r["deeds"]] for n, r in enumerate((r for r in rows if r["recipient"] == "person"), 1)]
    def name(states: set[str]) -> str:  # what the list is, by the states it holds
        if states and states <= {"命名"}:
            return "表彰名单"
        if states and states <= {"命名", "公示"}:
            return "公示名单"
        return "推荐名单"

    collective_name = name({r[7] for r in collective})
    individual_name = name({r[13] for r in individual})
    common = dict(filler_unit=info.union_name, principal=info.principal, filler=info.filler, phone=info.phone,
                  filled_on=on or date.today(), totals_label="合计")
    return [
        ReturnTable(number="表八", title=f"{year}年度先进集体{collective_name}", columns=COLLECTIVE_COLUMNS,
                    rows=collective, unit_of_measure="个", sheet_name="先进集体", **common),
        ReturnTable(number="表九", title=f"{year}年度先进个人{individual_name}", columns=INDIVIDUAL_COLUMNS,
                    rows=individual, unit_of_measure="人", sheet_name="先进个人", **common),
    ]


def export_recommendations(db: Database, year: int, path: str | os.PathLike[str], full_id: bool = False,
                           on: date | None = None) -> tuple[Path, int, int]:
    """Write both lists to one .xlsx (a sheet each); returns the path and the numbers of collectives and people."""
    tables = recommendation_tables(db, year, full_id, on)
    write_return(path, tables)
    if full_id:  # full ID numbers left the office: the 操作记录 says when, by whom, in which file
        from ..changes import note

        note(db, f"导出完整身份证号：{year} 年度推荐名单（先进个人 {len(tables[1].rows)} 名）{Path(path).name}")
    return Path(path), len(tables[0].rows), len(tables[1].rows)
