"""Who takes part: units in a competition (one by one or in bulk), and a skills contest's trades and contestants.

Archived units cannot join. A unit's 参赛职工人数 cannot exceed its employees that year. A contestant
must come from a unit in the competition, and no rank is given twice in one trade; the winner of each
trade (rank 1) is recommended as 技术能手.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from . import settings
from .codes import AWARDS
from .db import dict_rows
from .errors import FieldError, LedgerError, ValidationError
from .normalize import clean_text, parse_count
from .tables import ReturnColumn, ReturnTable

PARTICIPATION_LABELS = {"participants": "参赛职工人数", "score": "成绩", "rank": "名次", "award": "奖项"}
PARTICIPANT_COLUMNS = [
    ReturnColumn("序号", 7, "index"), ReturnColumn("单位名称", 38), ReturnColumn("所属区域", 12),
    ReturnColumn("统一社会信用代码", 22, "code"), ReturnColumn("职工人数", 10, "int", total="sum"),
    ReturnColumn("参赛职工人数", 12, "int", total="sum"), ReturnColumn("成绩", 8, "decimal"),
    ReturnColumn("名次", 7, "int", align="center"), ReturnColumn("奖项", 12),
]
BULK_CHOICES = {
    "area": "某个区域的全部单位",
    "above_scale": "全县规模以上企业",
    "founded_non_public": "全县已建会非公企业",
}


@dataclass(frozen=True)
class AddResult:
    added: int
    already: int                 # were in the competition before
    refused: list[str]           # archived units, named


def competition_year(db: Database, competition_id: int | None) -> int | None:
    """The year of a competition; None when there is none (or it is gone)."""
    if competition_id is None:
        return None
    row = db.execute("SELECT year FROM competitions WHERE id = ?", [competition_id]).fetchone()
    return row[0] if row else None


def contestant_choices(db: Database, competition_id: int | None) -> list[tuple[int, str, str]]:
    """(id, name, unit) of the persons of the units taking part: who can be a contestant."""
    if competition_id is None:
        return []
    return db.execute("SELECT p.id, p.name, u.name FROM persons p JOIN participations pa ON pa.unit_id = p.unit_id"
                      " JOIN units u ON u.id = p.unit_id WHERE pa.competition_id = ? ORDER BY p.name_key",
                      [competition_id]).fetchall()


def _competition_year(db: Database, competition_id: int) -> int:
    row = db.execute("SELECT year FROM competitions WHERE id = ?", [competition_id]).fetchone()
    if row is None:
        raise LedgerError(f"竞赛（编号 {competition_id}）已不存在。")
    return row[0]


def bulk_unit_ids(db: Database, competition_id: int, choice: str, area_id: int | None = None) -> list[int]:
    """The active units a bulk choice means, for the competition's year."""
    year = _competition_year(db, competition_id)
    base = ("SELECT y.unit_id FROM year_units y JOIN units u ON u.id = y.unit_id WHERE y.year = ?"
            " AND u.archived_at IS NULL")
    if choice == "area":
        return [r[0] for r in db.execute(base + " AND y.area_id = ?", [year, area_id])]
    if choice == "above_scale":
        return [r[0] for r in db.execute(base + " AND y.above_scale = 1", [year])]
    if choice == "founded_non_public":
        return [r[0] for r in db.execute(base + " AND y.union_founded = 1 AND y.non_public = 1", [year])]
    raise ValueError(choice)


def add_units(db: Database, competition_id: int, unit_ids: list[int]) -> AddResult:
    """Add units to a competition in one transaction; archived units and units not on the roll of the
    competition's year are refused, ones already in are kept."""
    year = _competition_year(db, competition_id)
    present = {r[0] for r in db.execute("SELECT unit_id FROM participations WHERE competition_id = ?",
                                        [competition_id])}
    refused: dict[int, str] = {}
    wanted = list(dict.fromkeys(unit_ids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for unit_id, name, archived in db.execute(
                "SELECT u.id, u.name, u.archived_at IS NOT NULL FROM units u WHERE u.id IN"
                f" ({', '.join('?' for _ in chunk)}) AND (u.archived_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM"
                " year_units y WHERE y.unit_id = u.id AND y.year = ?))", [*chunk, year]):
            refused[unit_id] = (f"「{name}」已归档，不能参赛" if archived
                                else f"「{name}」不在 {year} 年度台账中，不能参赛")
    new = [u for u in wanted if u not in present and u not in refused]
    with db.atomic():
        db.conn.executemany("INSERT INTO participations (competition_id, unit_id) VALUES (?, ?)",
                            [(competition_id, u) for u in new])
    return AddResult(len(new), sum(1 for u in wanted if u in present), [refused[u] for u in wanted if u in refused])


def removal_effects(db: Database, competition_id: int, unit_ids: list[int]) -> list[str]:
    """The contestants that would go with these units: what to tell the user before removing them."""
    marks = ", ".join("?" for _ in unit_ids)
    return [f"{name}（{trade}）" for name, trade in db.execute(
        f"SELECT p.name, t.name FROM contestants c JOIN trades t ON t.id = c.trade_id JOIN persons p ON p.id ="
        f" c.person_id WHERE t.competition_id = ? AND c.unit_id IN ({marks}) ORDER BY t.name, c.rank",
        [competition_id, *unit_ids])]


def remove_units(db: Database, competition_id: int, unit_ids: list[int]) -> int:
    """Take units out of a competition, with their contestants, in one transaction."""
    marks = ", ".join("?" for _ in unit_ids)
    with db.atomic():
        db.execute(f"DELETE FROM contestants WHERE unit_id IN ({marks}) AND trade_id IN "
                   "(SELECT id FROM trades WHERE competition_id = ?)", [*unit_ids, competition_id])
        cur = db.execute(f"DELETE FROM participations WHERE competition_id = ? AND unit_id IN ({marks})",
                         [competition_id, *unit_ids])
    return cur.rowcount


def _number(value: object, key: str, errors: list[FieldError]) -> float | None:
    text = clean_text(value)
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        errors.append(FieldError(key, PARTICIPATION_LABELS.get(key, key), f"「{text}」不是数字"))
        return None


def _rank(value: object, key: str, errors: list[FieldError]) -> int | None:
    try:
        rank = parse_count(value)
    except ValueError as exc:
        errors.append(FieldError(key, "名次", str(exc)))
        return None
    if rank == 0:
        errors.append(FieldError(key, "名次", "应从 1 开始"))
        return None
    return rank


def set_result(db: Database, competition_id: int, unit_id: int, participants: object = None, score: object = None,
               rank: object = None, award: object = "") -> None:
    """A unit's 参赛职工人数, 成绩, 名次 and 奖项 in a competition."""
    year = _competition_year(db, competition_id)
    errors: list[FieldError] = []
    try:
        count = parse_count(participants)
    except ValueError as exc:
        errors.append(FieldError("participants", "参赛职工人数", str(exc)))
        count = None
    row = db.execute("SELECT u.name, y.employees FROM units u LEFT JOIN unit_years y ON y.unit_id = u.id "
                     "AND y.year = ? WHERE u.id = ?", [year, unit_id]).fetchone()
    if row is None:
        raise LedgerError(f"单位（编号 {unit_id}）已不存在。")
    if count is not None and row[1] is not None and count > row[1]:
        errors.append(FieldError("participants", "参赛职工人数",
                                 f"{count} 人多于该单位 {year} 年的职工人数 {row[1]} 人"))
    award_text = clean_text(award)
    if award_text and award_text not in AWARDS:
        errors.append(FieldError("award", "奖项", f"「{award_text}」应为 {'、'.join(AWARDS)} 之一"))
    values = (count, _number(score, "score", errors), _rank(rank, "rank", errors), award_text)
    if errors:
        raise ValidationError(f"参赛单位「{row[0]}」", errors)
    with db.atomic():
        cur = db.execute("UPDATE participations SET participants = ?, score = ?, rank = ?, award = ? "
                         "WHERE competition_id = ? AND unit_id = ?", [*values, competition_id, unit_id])
        if cur.rowcount == 0:
            raise LedgerError(f"「{row[0]}」不在这项竞赛中。")


def participants(db: Database, competition_id: int) -> list[dict[str, object]]:
    """The competition's units with their area, employees that year and results; `in_year` is false for a unit
    not on the roll of the competition's year (archived before the year ended): it does not count in coverage."""
    cur = db.execute(
        "SELECT p.unit_id, u.name, a.name AS area, y.employees, y.above_scale, p.participants, p.score, p.rank,"
        " p.award, u.credit_code, v.unit_id IS NOT NULL AS in_year, u.archived_at"
        " FROM participations p JOIN competitions c ON c.id = p.competition_id"
        " JOIN units u ON u.id = p.unit_id LEFT JOIN unit_years y ON y.unit_id = u.id AND y.year = c.year"
        " LEFT JOIN year_units v ON v.unit_id = u.id AND v.year = c.year"
        " LEFT JOIN areas a ON a.id = coalesce(y.area_id, u.area_id)"
        " WHERE p.competition_id = ? ORDER BY p.rank IS NULL, p.rank, a.sort_order, u.name_key", [competition_id])
    return dict_rows(cur)


def summary(db: Database, competition_id: int) -> str:
    """The line under a competition's unit list: what it lists, and what of it counts in the year's coverage
    (app.indicators), so that the list and the coverage box beside it never disagree unexplained."""
    from .indicators import coverage

    year = _competition_year(db, competition_id)
    listed, times = db.execute("SELECT count(*), coalesce(sum(participants), 0) FROM participations WHERE"
                               " competition_id = ?", [competition_id]).fetchone()
    values = {v.code: v for v in coverage(db, year, competition_id)}
    counted, counted_times = values["unit_coverage"].numerator, values["participant_times"].value
    line = f"共 {listed:,} 家参赛单位，参赛职工 {times:,} 人次"
    if listed != counted:
        line += (f"；其中 {listed - counted:,} 家不在 {year} 年度台账（已归档），不计入覆盖面："
                 f"计入 {counted:,} 家、{counted_times:,} 人次")
    return line


def participant_table(db: Database, competition_id: int, on: date | None = None) -> ReturnTable:
    """The competition's participating units as a return: for the .xlsx and the printed list."""
    name = db.execute("SELECT name FROM competitions WHERE id = ?", [competition_id]).fetchone()
    if name is None:
        raise LedgerError(f"竞赛（编号 {competition_id}）已不存在。")
    info = settings.union_info(db)
    rows = [[n, r["name"], r["area"], r["credit_code"], r["employees"], r["participants"], r["score"], r["rank"],
             r["award"] or None] for n, r in enumerate(participants(db, competition_id), 1)]
    return ReturnTable(number="表七", title=f"{name[0]}参赛单位名单", columns=PARTICIPANT_COLUMNS, rows=rows,
                       filler_unit=info.union_name, unit_of_measure="家、人", principal=info.principal,
                       filler=info.filler, phone=info.phone, filled_on=on or date.today(), sheet_name="参赛单位")


# -- skills contests: trades and contestants ----------------------------------------------------
def add_trade(db: Database, competition_id: int, name: str) -> int:
    name = clean_text(name)
    _competition_year(db, competition_id)
    if not name:
        raise ValidationError("工种", [FieldError("name", "工种", "必填")])
    if db.execute("SELECT 1 FROM trades WHERE competition_id = ? AND name = ?", [competition_id, name]).fetchone():
        raise ValidationError("工种", [FieldError("name", "工种", f"「{name}」已在这项竞赛中")])
    with db.atomic():
        return db.execute("INSERT INTO trades (competition_id, name) VALUES (?, ?)", [competition_id, name]).lastrowid


def remove_trade(db: Database, trade_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM contestants WHERE trade_id = ?", [trade_id])
        db.execute("DELETE FROM trades WHERE id = ?", [trade_id])


def trades(db: Database, competition_id: int) -> list[tuple[int, str, int]]:
    """(id, name, contestants) of a competition's trades."""
    return db.execute("SELECT t.id, t.name, (SELECT count(*) FROM contestants c WHERE c.trade_id = t.id) "
                      "FROM trades t WHERE t.competition_id = ? ORDER BY t.id", [competition_id]).fetchall()


def save_contestant(db: Database, trade_id: int, person_id: int, score: object = None, rank: object = None,
                    contestant_id: int | None = None) -> int:
    """Add or change a contestant of a trade; refused when their unit is not in the competition or the rank
    is taken."""
    trade = db.execute("SELECT competition_id, name FROM trades WHERE id = ?", [trade_id]).fetchone()
    if trade is None:
        raise LedgerError(f"工种（编号 {trade_id}）已不存在。")
    person = db.execute("SELECT p.name, p.unit_id, u.name FROM persons p LEFT JOIN units u ON u.id = p.unit_id "
                        "WHERE p.id = ?", [person_id]).fetchone()
    if person is None:
        raise LedgerError(f"职工（编号 {person_id}）已不存在。")
    errors: list[FieldError] = []
    if person[1] is None:
        errors.append(FieldError("person", "选手", f"「{person[0]}」没有填写单位，请先在职工信息中填写"))
    elif not db.execute("SELECT 1 FROM participations WHERE competition_id = ? AND unit_id = ?",
                        [trade[0], person[1]]).fetchone():
        errors.append(FieldError("person", "选手", f"「{person[0]}」所在的「{person[2]}」没有参加这项竞赛，"
                                                  "请先把该单位加入参赛单位"))
    twice = db.execute("SELECT 1 FROM contestants WHERE trade_id = ? AND person_id = ? AND id IS NOT ?",
                       [trade_id, person_id, contestant_id]).fetchone()
    if twice:
        errors.append(FieldError("person", "选手", f"「{person[0]}」已是「{trade[1]}」的选手"))
    value = _number(score, "score", errors)
    place = _rank(rank, "rank", errors)
    if place is not None:
        taken = db.execute("SELECT p.name FROM contestants c JOIN persons p ON p.id = c.person_id "
                           "WHERE c.trade_id = ? AND c.rank = ? AND c.id IS NOT ?",
                           [trade_id, place, contestant_id]).fetchone()
        if taken:
            errors.append(FieldError("rank", "名次", f"「{trade[1]}」的第 {place} 名已是「{taken[0]}」"))
    if errors:
        raise ValidationError(f"选手「{person[0]}」", errors)
    with db.atomic():
        if contestant_id is None:
            return db.execute("INSERT INTO contestants (trade_id, person_id, unit_id, score, rank) "
                              "VALUES (?, ?, ?, ?, ?)", [trade_id, person_id, person[1], value, place]).lastrowid
        db.execute("UPDATE contestants SET person_id = ?, unit_id = ?, score = ?, rank = ? WHERE id = ?",
                   [person_id, person[1], value, place, contestant_id])
    return contestant_id


def remove_contestant(db: Database, contestant_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM contestants WHERE id = ?", [contestant_id])


def contestants(db: Database, trade_id: int) -> list[dict[str, object]]:
    """A trade's contestants, ranked first; `recommended` marks the winner (推荐技术能手)."""
    cur = db.execute(
        "SELECT c.id, c.person_id, p.name, p.id_number, u.name AS unit, c.score, c.rank, c.rank = 1 AS recommended"
        " FROM contestants c JOIN persons p ON p.id = c.person_id JOIN units u ON u.id = c.unit_id"
        " WHERE c.trade_id = ? ORDER BY c.rank IS NULL, c.rank, c.score DESC, p.name_key", [trade_id])
    return dict_rows(cur)
