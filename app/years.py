"""A unit's year: which units belong to a reporting year, with which area, category and per-year facts.

DOMAIN.md §1: a reporting year is a fixed period. The rule, written once as the SQL view `year_units`
(schema v5, app/migrations.py) and read by every list, count, rate, report and export of a year:

    a unit belongs to year Y when it has Y's record (unit_years) and was not archived before Y ended.

Why: Y's record holds what the unit was in Y — its area, category, headcount, 规上, 建会, 高危 — so a
unit added in 2026 has no 2025 record and stays out of 2025; a unit closed (archived) in 2026 keeps its
2025 record and stays in 2025, and leaves 2026's year-end roll (期末在册). Moving a unit or changing its
headcount this year writes this year's record only. A year without records has no units ("2020 年度没有
单位数据"); a new year's records are made by opening it (开始新年度), copied from the year before.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from .errors import LedgerError

# Per-year facts copied into a new year; headcounts are carried as a starting point marked 待核实.
CARRIED = ("area_id", "category_code", "above_scale", "union_founded", "founded_on", "union_type", "chairman",
           "high_risk", "employees", "female_employees", "members")


def member_ids(db: Database, year: int) -> list[int]:
    """The ids of the units of *year*."""
    return [r[0] for r in db.execute("SELECT unit_id FROM year_units WHERE year = ? ORDER BY unit_id", [year])]


def unit_count(db: Database, year: int) -> int:
    return db.execute("SELECT count(*) FROM year_units WHERE year = ?", [year]).fetchone()[0]


def is_member(db: Database, unit_id: int, year: int) -> bool:
    return db.execute("SELECT 1 FROM year_units WHERE unit_id = ? AND year = ?", [unit_id, year]).fetchone() is not None


def years_with_data(db: Database) -> list[int]:
    """Every year some unit has a record for, newest first."""
    return [r[0] for r in db.execute("SELECT DISTINCT year FROM unit_years ORDER BY year DESC")]


def year_choices(db: Database, working: int | None = None) -> list[int]:
    """What the year chooser offers: the years with data and the one after the newest (to open it), newest
    first; the working year too, so that the chooser can always show it. An empty ledger offers *working*."""
    years = set(years_with_data(db))
    if years:
        years.add(max(years) + 1)
    if working is not None:
        years.add(working)
    return sorted(years, reverse=True)


def no_data_message(db: Database, year: int) -> str:
    """'2020 年度没有单位数据…' when *year* has no units, else ''."""
    if unit_count(db, year):
        return ""
    years = years_with_data(db)
    if not years:
        return f"{year} 年度没有单位数据：台账中还没有单位，请先添加或导入单位。"
    if year == max(years) + 1:
        return f"{year} 年度没有单位数据：请先“开始新年度”，把 {max(years)} 年度的单位带入 {year} 年度。"
    return f"{year} 年度没有单位数据（有数据的年度：{'、'.join(str(y) for y in sorted(years))}）。"


@dataclass(frozen=True)
class OpenedYear:
    year: int
    source: int
    units: int              # records made
    unconfirmed: int        # of which with headcounts carried over (待核实)


def open_year(db: Database, year: int) -> OpenedYear:
    """开始新年度: copy every unit of the year before into *year* with its per-year facts, headcounts marked
    待核实, in one transaction. Refused when *year* already has records or the year before has none."""
    if not 1949 <= year <= 2100:
        raise LedgerError(f"{year} 不是有效年度。")
    present = db.execute("SELECT count(*) FROM unit_years WHERE year = ?", [year]).fetchone()[0]
    if present:
        raise LedgerError(f"{year} 年度已有 {present:,} 家单位的记录，不能再开始；如需补充单位，请在单位台账中添加。")
    source = year - 1
    if not unit_count(db, source):
        raise LedgerError(f"{source} 年度没有单位数据，无法开始 {year} 年度。")
    cols = ", ".join(CARRIED)
    from .changes import batch

    with batch(db, f"开始 {year} 年度"):
        cur = db.execute(
            f"INSERT INTO unit_years (unit_id, year, {cols}, unconfirmed) SELECT y.unit_id, ?,"
            f" {', '.join(f'y.{c}' for c in CARRIED)},"
            " (y.employees IS NOT NULL OR y.female_employees IS NOT NULL OR y.members IS NOT NULL)"
            " FROM year_units v JOIN unit_years y ON y.unit_id = v.unit_id AND y.year = v.year"
            " JOIN units u ON u.id = y.unit_id WHERE v.year = ? AND u.archived_at IS NULL",
            [year, source])
        made = cur.rowcount
        unconfirmed = db.execute("SELECT count(*) FROM unit_years WHERE year = ? AND unconfirmed = 1",
                                 [year]).fetchone()[0]
    return OpenedYear(year, source, made, unconfirmed)
