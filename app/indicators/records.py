"""The records behind the year's figures: the lists a return prints row by row (studios, trades, honors by
title and level) and the units behind a cell, on the same definitions as the indicators they count."""

from __future__ import annotations

from sqlite_utils import Database


def participation_records(db: Database, year: int, unit_ids: list[int]) -> dict[int, int]:
    """Each unit's 参赛职工人次 proved by its participation records in *year* (the floor of its typed total)."""
    out: dict[int, int] = {}
    for start in range(0, len(unit_ids), 500):
        chunk = unit_ids[start:start + 500]
        out.update(db.execute(
            "SELECT p.unit_id, sum(coalesce(p.participants, 0)) FROM participations p JOIN competitions c ON"
            f" c.id = p.competition_id WHERE c.year = ? AND p.unit_id IN ({', '.join('?' for _ in chunk)})"
            " GROUP BY p.unit_id", [year, *chunk]).fetchall())
    return out


def honor_counts(db: Database, year: int) -> list[tuple[str, str, str, int]]:
    """(title, recipient kind, level, number) of the honors in force conferred (命名) in *year*: 表三's cells,
    in catalog and level order."""
    from ..honors import LEVEL_RANK

    return [(r[0], r[1], r[2], r[3]) for r in db.execute(
        f"SELECT t.name, t.recipient, h.level, count(*) FROM honors h JOIN honor_titles t ON t.id = h.title_id"
        f" WHERE h.year = ? AND h.state = '命名' AND h.revoked_on IS NULL GROUP BY t.id, h.level"
        f" ORDER BY t.sort_order, {LEVEL_RANK}", [year])]


def areas_without_studio(db: Database, year: int) -> list[str]:
    """The year's areas where no unit of the year has a studio founded by the year's end (2014 乐山市计划:
    每个县、市、区至少一个)."""
    return [r[0] for r in db.execute(
        "SELECT a.name FROM areas a WHERE EXISTS (SELECT 1 FROM year_units y WHERE y.year = :y AND y.area_id = a.id)"
        " AND NOT EXISTS (SELECT 1 FROM studios s JOIN year_units y ON y.unit_id = s.unit_id AND y.year = :y"
        " WHERE y.area_id = a.id AND (s.founded_on IS NULL OR s.founded_on <= :end))"
        " ORDER BY a.sort_order, a.name", {"y": year, "end": f"{year}-12-31"})]


def units_by_kind(db: Database, year: int) -> dict[str, dict[int | None, int]]:
    """For each kind of competition held in *year*, the units of the year's roll taking part in one, by the
    year's area: 表一's 按竞赛类型分的参赛单位数 (a unit in two competitions of a kind counts once)."""
    out: dict[str, dict[int | None, int]] = {}
    for kind, area_id, n in db.execute(
            "SELECT c.kind, y.area_id, count(DISTINCT p.unit_id) FROM participations p JOIN competitions c ON"
            " c.id = p.competition_id JOIN year_units y ON y.unit_id = p.unit_id AND y.year = c.year"
            " WHERE c.year = ? GROUP BY c.kind, y.area_id", [year]):
        out.setdefault(kind, {})[area_id] = n
    held = [r[0] for r in db.execute("SELECT DISTINCT kind FROM competitions WHERE year = ?", [year])]
    for kind in held:
        out.setdefault(kind, {})
    return out


def kind_gap_units(db: Database, year: int, kind: str, area_id: int | None = None) -> list[dict[str, object]]:
    """The units of the year's roll (of one area) taking part in a competition of *kind*: the records behind
    a 表一 by-kind cell."""
    cur = db.execute(
        "SELECT DISTINCT u.id, u.name, a.name AS area, y.employees FROM participations p JOIN competitions c ON"
        " c.id = p.competition_id JOIN year_units y ON y.unit_id = p.unit_id AND y.year = c.year"
        " JOIN units u ON u.id = p.unit_id LEFT JOIN areas a ON a.id = y.area_id"
        " WHERE c.year = ? AND c.kind = ? AND (? IS NULL OR y.area_id = ?) ORDER BY a.sort_order, u.name_key",
        [year, kind, area_id, area_id])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def year_studios(db: Database, year: int) -> list[dict[str, object]]:
    """The studios counted in *year* (the 'studios' indicator): of the year's roll, founded by its end, with
    the year's area, the highest level named to them by then (示范级别) and their results up to the year."""
    from ..honors import LEVEL_RANK

    cur = db.execute(
        "SELECT s.id, s.name, s.kind, u.name AS unit, a.name AS area, p.name AS leader, s.members, s.founded_on,"
        " (SELECT count(*) FROM innovations i WHERE i.studio_id = s.id AND i.year <= :y) AS results,"
        f" (SELECT h.level || '级' || t.name FROM honors h JOIN honor_titles t ON t.id = h.title_id"
        f"  WHERE h.studio_id = s.id AND h.revoked_on IS NULL AND h.state = '命名' AND h.year <= :y"
        f"  ORDER BY {LEVEL_RANK}, h.year DESC LIMIT 1) AS level"
        " FROM studios s JOIN year_units y ON y.unit_id = s.unit_id AND y.year = :y JOIN units u ON u.id = s.unit_id"
        " LEFT JOIN areas a ON a.id = y.area_id LEFT JOIN persons p ON p.id = s.leader_id"
        " WHERE s.founded_on IS NULL OR s.founded_on <= :end ORDER BY a.sort_order, u.name_key, s.name, s.id",
        {"y": year, "end": f"{year}-12-31"})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def year_trades(db: Database, year: int) -> list[dict[str, object]]:
    """Every trade of the year's competitions (the 'trades' indicator counts their distinct names), with its
    contestants and its first three (name and unit): 表五's rows."""
    trades = db.execute(
        "SELECT t.id, c.name, t.name, (SELECT count(*) FROM contestants x WHERE x.trade_id = t.id) FROM trades t"
        " JOIN competitions c ON c.id = t.competition_id WHERE c.year = ? ORDER BY c.name, t.id", [year]).fetchall()
    out = []
    for trade_id, competition, name, count in trades:
        ranked = {r[0]: {"name": r[1], "unit": r[2]} for r in db.execute(
            "SELECT x.rank, p.name, u.name FROM contestants x JOIN persons p ON p.id = x.person_id JOIN units u"
            " ON u.id = x.unit_id WHERE x.trade_id = ? AND x.rank <= 3", [trade_id])}
        out.append({"competition": competition, "trade": name, "contestants": count,
                    "places": [ranked.get(n) for n in (1, 2, 3)]})
    return out
