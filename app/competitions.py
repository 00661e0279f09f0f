"""Competitions (竞赛): the plan every competition must state, its phases, copying last year's.

A competition stays in 筹备 until its plan is complete: 2019 circular item 8 asks every plan for its
name, 内容和目标, 要求和标准, 方式和载体, 参赛范围和人员, 起止时间 and 考评和奖励办法. Phases (动员部署 /
推进实施 / 总结提高) lie inside the competition's dates. Participating units and skills contests are in
`participation`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from .codes import COMPETITION_KINDS, COMPETITION_STATUSES, LEVELS, PHASES
from .db import dict_rows
from .errors import FieldError, LedgerError, ValidationError
from .normalize import clean_text, halfwidth, parse_date

PLAN_FIELDS = {
    "content": "竞赛内容和目标", "requirements": "竞赛要求和标准", "method": "竞赛方式和载体",
    "scope": "参赛范围和人员", "evaluation": "竞赛考评和奖励办法",
}
LABELS = {
    "year": "年度", "name": "竞赛名称", "kind": "类型", "level": "级别", "organizer": "主办单位",
    "co_organizers": "联合主办单位", "leading_body": "领导机构", "starts_on": "开始日期", "ends_on": "结束日期",
    "budget": "经费（万元）", "status": "状态", **PLAN_FIELDS,
    **{f"phase:{p}": p for p in PHASES},
}
COLUMNS = ["year", "name", "kind", "level", "organizer", "co_organizers", "leading_body", "starts_on", "ends_on",
           "budget", "status", *PLAN_FIELDS]


@dataclass
class CompetitionInput:
    year: int = 0
    name: str = ""
    kind: str = "劳动竞赛"
    level: str = "县"
    organizer: str = ""
    co_organizers: str = ""      # several departments, separated by 、
    leading_body: str = ""       # 领导机构, e.g. 劳动竞赛协调小组 and its members
    starts_on: str | None = None
    ends_on: str | None = None
    budget: float | str | None = None
    status: str = "筹备"
    content: str = ""
    requirements: str = ""
    method: str = ""
    scope: str = ""
    evaluation: str = ""
    phases: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


def _date(value: object, key: str, errors: list[FieldError]) -> str | None:
    try:
        return parse_date(value) if value not in (None, "") else None
    except ValueError as exc:
        errors.append(FieldError(key, LABELS[key], str(exc)))
        return None


def check(c: CompetitionInput) -> tuple[dict[str, object], dict[str, tuple[str | None, str | None]], list[FieldError]]:
    """The row to store, the phases to store, and every problem found."""
    errors: list[FieldError] = []

    def err(key: str, message: str) -> None:
        errors.append(FieldError(key, LABELS[key], message))

    row: dict[str, object] = {"year": c.year}
    for key in ("name", "organizer", "leading_body", *PLAN_FIELDS):
        row[key] = str(getattr(c, key) or "").strip() if key in PLAN_FIELDS else clean_text(getattr(c, key))
    row["co_organizers"] = "、".join(p for p in re.split(r"[、，,;；\s]+", clean_text(c.co_organizers)) if p)
    if not 1949 <= int(c.year or 0) <= 2100:
        err("year", "应为 1949 到 2100 之间的年份")
    if not row["name"]:
        err("name", "必填")
    for key, allowed in (("kind", COMPETITION_KINDS), ("level", LEVELS), ("status", COMPETITION_STATUSES)):
        value = clean_text(getattr(c, key))
        row[key] = value
        if value not in allowed:
            err(key, f"「{value}」应为 {'、'.join(allowed)} 之一")
    row["starts_on"] = _date(c.starts_on, "starts_on", errors)
    row["ends_on"] = _date(c.ends_on, "ends_on", errors)
    if row["starts_on"] and row["ends_on"] and row["ends_on"] < row["starts_on"]:
        err("ends_on", f"结束日期 {row['ends_on']} 早于开始日期 {row['starts_on']}")
    row["budget"] = None
    if c.budget not in (None, ""):
        try:
            row["budget"] = float(halfwidth(clean_text(c.budget)).replace(",", ""))
            if row["budget"] < 0:
                err("budget", "不能为负数")
        except ValueError:
            err("budget", f"「{clean_text(c.budget)}」不是数字（单位：万元）")
    phases: dict[str, tuple[str | None, str | None]] = {}
    for phase in PHASES:
        start, end = c.phases.get(phase, (None, None))
        key = f"phase:{phase}"
        start, end = _date(start, key, errors), _date(end, key, errors)
        if start and end and end < start:
            err(key, f"结束 {end} 早于开始 {start}")
        for day in (d for d in (start, end) if d):
            if (row["starts_on"] and day < row["starts_on"]) or (row["ends_on"] and day > row["ends_on"]):
                err(key, f"{day} 不在竞赛起止时间（{row['starts_on'] or '…'} 至 {row['ends_on'] or '…'}）之内")
                break
        if start or end:
            phases[phase] = (start, end)
    if row["status"] != "筹备":
        missing = [LABELS[k] for k in ("name", *PLAN_FIELDS) if not row[k]]
        if not row["starts_on"] or not row["ends_on"]:
            missing.append("竞赛起止时间")
        if missing:
            err("status", f"方案还缺：{'、'.join(missing)}；填齐之前只能是“筹备”")
    return row, phases, errors


def missing_plan(c: CompetitionInput) -> list[str]:
    """What the plan still lacks before the competition may leave 筹备 (empty when complete)."""
    row, _, _ = check(c)
    missing = [LABELS[k] for k in ("name", *PLAN_FIELDS) if not row[k]]
    return missing + ([] if row["starts_on"] and row["ends_on"] else ["竞赛起止时间"])


def validate_competition(c: CompetitionInput) -> list[FieldError]:
    return check(c)[2]


def save_competition(db: Database, c: CompetitionInput, competition_id: int | None = None,
                     copied_from: int | None = None) -> int:
    """Insert or update a competition and its phases in one transaction."""
    row, phases, errors = check(c)
    if errors:
        raise ValidationError(f"竞赛「{row['name']}」" if row["name"] else "竞赛", errors)
    now = datetime.now().isoformat(sep=" ", timespec="seconds")
    with db.atomic():
        if competition_id is None:
            row["copied_from"] = copied_from
            cur = db.execute(f"INSERT INTO competitions ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                             list(row.values()))
            competition_id = cur.lastrowid
        else:
            cur = db.execute(f"UPDATE competitions SET {', '.join(f'{k} = ?' for k in row)}, updated_at = ? "
                             "WHERE id = ?", [*row.values(), now, competition_id])
            if cur.rowcount == 0:
                raise LedgerError(f"竞赛（编号 {competition_id}）已不存在。")
            db.execute("DELETE FROM competition_phases WHERE competition_id = ?", [competition_id])
        db.conn.executemany("INSERT INTO competition_phases (competition_id, phase, starts_on, ends_on) "
                            "VALUES (?, ?, ?, ?)", [(competition_id, p, s, e) for p, (s, e) in phases.items()])
    return competition_id


def get_competition(db: Database, competition_id: int) -> CompetitionInput:
    row = db.execute(f"SELECT {', '.join(COLUMNS)} FROM competitions WHERE id = ?", [competition_id]).fetchone()
    if row is None:
        raise LedgerError(f"竞赛（编号 {competition_id}）已不存在。")
    values = dict(zip(COLUMNS, row, strict=True))
    values["phases"] = {p: (s, e) for p, s, e in db.execute(
        "SELECT phase, starts_on, ends_on FROM competition_phases WHERE competition_id = ?", [competition_id])}
    return CompetitionInput(**values)


def delete_competition(db: Database, competition_id: int) -> None:
    """Remove a competition with its phases, participants, trades and contestants."""
    with db.atomic():
        trades = [r[0] for r in db.execute("SELECT id FROM trades WHERE competition_id = ?", [competition_id])]
        db.conn.executemany("DELETE FROM contestants WHERE trade_id = ?", [(t,) for t in trades])
        db.execute("DELETE FROM competitions WHERE id = ?", [competition_id])


def _shift(day: str | None, years: int) -> str | None:
    if not day:
        return None
    d = date.fromisoformat(day)
    try:
        return d.replace(year=d.year + years).isoformat()
    except ValueError:  # 29 February in a year without one
        return d.replace(year=d.year + years, day=28).isoformat()


def copy_competition(db: Database, competition_id: int, to_year: int) -> int:
    """Next year's competition from this one: the plan kept, dates shifted, trades kept, status 筹备.

    Participating units and contestants are not copied: they take part anew each year.
    """
    source = get_competition(db, competition_id)
    years = to_year - source.year
    copy = CompetitionInput(**{**asdict(source), "year": to_year, "status": "筹备"})
    copy.name = source.name.replace(f"{source.year}年", f"{to_year}年").replace(str(source.year), str(to_year))
    copy.starts_on, copy.ends_on = _shift(source.starts_on, years), _shift(source.ends_on, years)
    copy.phases = {p: (_shift(s, years), _shift(e, years)) for p, (s, e) in source.phases.items()}
    with db.atomic():
        new_id = save_competition(db, copy, copied_from=competition_id)
        db.execute("INSERT INTO trades (competition_id, name) SELECT ?, name FROM trades WHERE competition_id = ?",
                   [new_id, competition_id])
    return new_id


def list_competitions(db: Database, year: int) -> list[dict[str, object]]:
    """The year's competitions with how many units and contestants take part."""
    cur = db.execute(
        "SELECT c.id, c.name, c.kind, c.level, c.organizer, c.starts_on, c.ends_on, c.status, c.budget,"
        " (SELECT count(*) FROM participations p WHERE p.competition_id = c.id) AS units,"
        " (SELECT coalesce(sum(participants), 0) FROM participations p WHERE p.competition_id = c.id) AS participants,"
        " (SELECT count(*) FROM trades t WHERE t.competition_id = c.id) AS trades"
        " FROM competitions c WHERE c.year = ? ORDER BY c.starts_on IS NULL, c.starts_on, name_key(c.name)", [year])
    return dict_rows(cur)


def overdue(rows: list[dict[str, object]], today: date | None = None) -> list[dict[str, object]]:
    """Of listed competitions, those still 进行中 whose end date has passed."""
    day = (today or date.today()).isoformat()
    return [r for r in rows if r["status"] == "进行中" and r["ends_on"] and r["ends_on"] < day]


def mark_ended(db: Database, competition_ids: list[int]) -> int:
    """Set these competitions to 已结束, in one transaction (one entry of the 操作记录). Returns how many."""
    from .changes import batch

    with batch(db, f"{len(competition_ids)} 项竞赛标为已结束"):
        done = sum(db.execute("UPDATE competitions SET status = '已结束', updated_at = datetime('now', 'localtime')"
                              " WHERE id = ? AND status = '进行中'", [cid]).rowcount
                   for cid in competition_ids)
    return done


def previous_year_competitions(db: Database, year: int) -> list[tuple[int, str]]:
    """Last year's competitions (id, name) not yet copied into *year*: the candidates for 从上年复制."""
    return [(r[0], r[1]) for r in db.execute(
        "SELECT id, name FROM competitions c WHERE year = ? AND NOT EXISTS "
        "(SELECT 1 FROM competitions n WHERE n.copied_from = c.id AND n.year = ?) ORDER BY name", [year - 1, year])]
