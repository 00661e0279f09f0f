"""How the declared indicators are computed: one query of the year's unit facts summed by area, and the
county figures (studios, trades, honors, hazards). The county is the sum of its areas' parts.

The reconciliations (DOMAIN.md §3, README「数字怎么算」):
- 参赛职工人次 of a unit is its typed total, never less than the sum of its participation records; where
  the typed total is lower the shortfall is counted and named.
- A unit's participating employees are its largest 参赛职工人数 in one competition; a participating unit
  without that year's 职工人数 counts its participants as its employees (never dropped) and is named.
- 安全培训人次 and 应急演练次数 are the typed figures, never less than the logged events; a unit held a
  training (a drill) when it logged one or typed a figure above zero.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from ..codes import FIGURE_KEYS
from .catalog import BY_CODE, INDICATORS, Indicator

SKILLS_KIND = "技能竞赛"

# One row a unit of the year: what every indicator is summed from. {only} narrows the participations to one
# competition (the coverage of one competition).
UNIT_FACTS = f"""
WITH part AS (
    SELECT p.unit_id, max(coalesce(p.participants, 0)) AS most, sum(coalesce(p.participants, 0)) AS times,
           max(c.kind = '{SKILLS_KIND}') AS skills
    FROM participations p JOIN competitions c ON c.id = p.competition_id
    WHERE c.year = :year{{only}} GROUP BY p.unit_id),
ev AS (
    SELECT unit_id, sum(kind = '安全培训') AS trainings,
           sum(CASE WHEN kind = '安全培训' THEN coalesce(participants, 0) ELSE 0 END) AS training_times,
           sum(kind = '应急演练') AS drills
    FROM safety_events WHERE year = :year GROUP BY unit_id),
facts AS (
    SELECT b.unit_id, b.area_id, b.above_scale AS above, b.union_founded AS founded,
           (b.union_founded AND b.non_public) AS fnp, b.enterprise, b.high_risk, b.employees, b.unconfirmed,
           part.unit_id IS NOT NULL AS taking_part, coalesce(part.most, 0) AS most,
           coalesce(part.times, 0) AS times, f.unit_id IS NOT NULL AS reported,
           {", ".join(f"f.{k} AS typed_{k}" for k in FIGURE_KEYS)},
           coalesce(ev.training_times, 0) AS logged_training_times, coalesce(ev.drills, 0) AS logged_drills,
           (coalesce(part.skills, 0) OR coalesce(f.skill_contest_times, 0) > 0) AS holds_skills,
           (coalesce(ev.trainings, 0) > 0 OR coalesce(f.safety_training_times, 0) > 0) AS trained,
           (coalesce(ev.drills, 0) > 0 OR coalesce(f.emergency_drills, 0) > 0) AS drilled
    FROM year_units b
    LEFT JOIN part ON part.unit_id = b.unit_id
    LEFT JOIN annual_figures f ON f.unit_id = b.unit_id AND f.year = :year
    LEFT JOIN ev ON ev.unit_id = b.unit_id
    WHERE b.year = :year)
"""

# The sums an indicator may name, as SQL over `facts`.
SUMS: dict[str, str] = {
    "units": "count(*)",
    "units_in": "sum(taking_part)",
    "above": "sum(above)",
    "above_in": "sum(above AND taking_part)",
    "fnp": "sum(fnp)",
    "fnp_in": "sum(fnp AND taking_part)",
    "employees_base": "sum(max(coalesce(employees, 0), most))",
    "employees_in": "sum(most)",
    "no_headcount": "sum(taking_part AND employees IS NULL)",
    "times": "sum(times)",
    "unconfirmed": "sum(unconfirmed)",
    "participant_times": "sum(max(coalesce(typed_participant_times, 0), times))",
    "short_units": "sum(coalesce(typed_participant_times < times, 0))",
    "shortfall": "sum(CASE WHEN typed_participant_times < times THEN times - typed_participant_times ELSE 0 END)",
    "fnp_employees": "sum(CASE WHEN fnp THEN max(coalesce(employees, 0), most) ELSE 0 END)",
    "fnp_employees_in": "sum(CASE WHEN fnp THEN most ELSE 0 END)",
    "enterprises": "sum(enterprise)",
    "skills_enterprises": "sum(enterprise AND holds_skills)",
    "drill_enterprises": "sum(enterprise AND coalesce(typed_drill_times, 0) > 0)",
    "reported": "sum(reported)",
    **{f"sum_{k}": f"coalesce(sum(typed_{k}), 0)" for k in FIGURE_KEYS},
    "training_times": "sum(max(coalesce(typed_safety_training_times, 0), logged_training_times))",
    "drill_count": "sum(max(coalesce(typed_emergency_drills, 0), logged_drills))",
    "founded": "sum(founded)",
    "trained": "sum(founded AND trained)",
    "high_risk": "sum(high_risk)",
    "drilled": "sum(high_risk AND drilled)",
}
COVERAGE_CODES = ("unit_coverage", "above_scale_coverage", "non_public_coverage", "employee_rate",
                  "participant_times")


@dataclass(frozen=True)
class Value:
    """One indicator for the county (area None) or one area."""

    code: str
    title: str
    unit: str
    area: str | None
    area_id: int | None
    numerator: int | float
    denominator: int | float | None
    value: float | int | None       # a rate in % (None when its denominator is 0), else the count

    def shown(self) -> str:
        """57.5%, 1,150 家, 3,212.5 万元; — for a rate of nothing."""
        if self.value is None:
            return "—"
        if self.unit == "%":
            return f"{self.value:.1f}%"
        if isinstance(self.value, float):
            return f"{self.value:,.1f} {self.unit}"
        return f"{self.value:,} {self.unit}"

    def fraction(self) -> str:
        """1,150 / 2,000 = 57.5% for a rate; the value otherwise."""
        if self.denominator is None:
            return self.shown()
        return f"{_number(self.numerator)} / {_number(self.denominator)} = {self.shown()}"

    def as_json(self) -> dict[str, object]:
        return {"code": self.code, "title": self.title, "area": self.area, "numerator": self.numerator,
                "denominator": self.denominator,
                "value": round(self.value, 4) if isinstance(self.value, float) else self.value, "unit": self.unit}


def _number(n: int | float) -> str:
    return f"{n:,.1f}" if isinstance(n, float) and not float(n).is_integer() else f"{int(n):,}"


@dataclass(frozen=True)
class AreaRow:
    area_id: int | None
    name: str
    kind: str
    values: dict[str, Value]


@dataclass(frozen=True)
class YearIndicators:
    year: int
    county: dict[str, Value]
    areas: list[AreaRow]
    parts: dict[str, int | float]                 # the county's sums, for notes
    notes: list[str] = field(default_factory=list)

    def get(self, code: str, area_id: int | None = None) -> Value:
        if area_id is None:
            return self.county[code]
        for row in self.areas:
            if row.area_id == area_id:
                return row.values[code]
        raise KeyError(area_id)

    def rows(self, area: str | None = None) -> list[Value]:
        """Every value of the county and each area (or of the one area named), county first."""
        out = [] if area else list(self.county.values())
        for row in self.areas:
            if area is None or row.name == area:
                out.extend(row.values.values())
        return out


def _value(ind: Indicator, parts: dict[str, int | float], area: str | None, area_id: int | None) -> Value:
    num = parts.get(ind.numerator, 0) or 0
    if ind.denominator is None:
        return Value(ind.code, ind.title, ind.unit, area, area_id, num, None, num)
    den = parts.get(ind.denominator, 0) or 0
    return Value(ind.code, ind.title, ind.unit, area, area_id, num, den, 100 * num / den if den else None)


NOTE_SUMS = ("no_headcount", "short_units", "shortfall", "unconfirmed")
COUNTY_KEYS = frozenset({"studios", "honors", "honors_collective", "honors_individual", "overdue",
                         "areas_without_studio", "trades", "patents", "patents_invention", "patents_granted"})


def _needed(codes: Iterable[str] | None) -> tuple[list[Indicator], list[str]]:
    """The indicators asked for (all by default) and the sums they are made of: a page that shows five
    figures asks for five, and the query sums only what they need."""
    chosen = INDICATORS if codes is None else [BY_CODE[c] for c in codes]
    parts = {p for i in chosen for p in (i.numerator, i.denominator) if p in SUMS}
    return chosen, [n for n in SUMS if n in parts or n in NOTE_SUMS]


def _sums(db: Database, year: int, competition_id: int | None = None,
          names: list[str] | None = None) -> dict[int | None, dict[str, int | float]]:
    only = " AND c.id = :competition" if competition_id is not None else ""
    names = names or list(SUMS)
    sql = (UNIT_FACTS.format(only=only) + "SELECT area_id, " + ", ".join(SUMS[n] for n in names)
           + " FROM facts GROUP BY area_id")
    out = {}
    for row in db.execute(sql, {"year": year, "competition": competition_id}):
        out[row[0]] = {n: (v if isinstance(v, float) else int(v or 0)) for n, v in zip(names, row[1:], strict=True)}
    return out


def as_of(year: int, today: date | None = None) -> date:
    """The day a year's standing figures (overdue hazards) are taken: its last day, or today while it runs."""
    today = today or date.today()
    return min(today, date(year, 12, 31))


def _county_figures(db: Database, year: int, today: date | None) -> dict[int | None, dict[str, int]]:
    """Studios, honors and overdue hazards by the year's area of their unit."""
    out: dict[int | None, dict[str, int]] = {}

    def add(key: str, rows) -> None:
        for area_id, n in rows:
            out.setdefault(area_id, {})[key] = n

    end = f"{year}-12-31"
    add("studios", db.execute(
        "SELECT y.area_id, count(*) FROM studios s JOIN year_units y ON y.unit_id = s.unit_id AND y.year = ?"
        " WHERE s.founded_on IS NULL OR s.founded_on <= ? GROUP BY y.area_id", [year, end]))
    honors = db.execute(
        "SELECT coalesce(y.area_id, u.area_id), count(*), sum(h.recipient <> 'person'), sum(h.recipient = 'person')"
        " FROM honors h JOIN units u ON u.id = h.unit_id LEFT JOIN unit_years y ON y.unit_id = h.unit_id"
        " AND y.year = h.year WHERE h.year = ? AND h.state = '命名' AND h.revoked_on IS NULL GROUP BY 1",
        [year]).fetchall()
    add("honors", [(r[0], r[1]) for r in honors])
    add("honors_collective", [(r[0], r[2]) for r in honors])
    add("honors_individual", [(r[0], r[3]) for r in honors])
    patents = db.execute(
        "SELECT coalesce(y.area_id, u.area_id), count(*), sum(i.patent_type = '发明'), sum(i.patent_status = '授权')"
        " FROM innovations i JOIN units u ON u.id = i.unit_id LEFT JOIN unit_years y ON y.unit_id = i.unit_id"
        " AND y.year = i.year WHERE i.year = ? AND i.kind = '专利' GROUP BY 1", [year]).fetchall()
    add("patents", [(r[0], r[1]) for r in patents])
    add("patents_invention", [(r[0], r[2]) for r in patents])
    add("patents_granted", [(r[0], r[3]) for r in patents])
    day = as_of(year, today).isoformat()
    add("overdue", db.execute(
        "SELECT coalesce(y.area_id, u.area_id), count(*) FROM hazards h JOIN units u ON u.id = h.unit_id"
        " LEFT JOIN unit_years y ON y.unit_id = h.unit_id AND y.year = :y"
        " WHERE h.found_on <= :d AND h.deadline < :d AND (h.closed_on IS NULL OR h.closed_on > :d) GROUP BY 1",
        {"y": year, "d": day}))
    return out


# Results by database, remembered while nothing in the file changed: a page shown again, or two pages asking
# for the same year, do not count again. A write through this connection moves total_changes; a commit by
# another connection (a worker thread, another program) moves PRAGMA data_version.
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_CACHED = 16


def compute(db: Database, year: int, today: date | None = None,
            codes: Iterable[str] | None = None) -> YearIndicators:
    """Every indicator of *year* (or the *codes* asked for), for the county and for each of the year's areas."""
    codes = tuple(codes) if codes is not None else None
    key = (year, today or date.today(), codes, db.conn.total_changes,
           db.execute("PRAGMA data_version").fetchone()[0])
    cache = _CACHE.setdefault(db, {})
    if key not in cache:
        if len(cache) >= _CACHED:
            cache.clear()
        cache[key] = _compute(db, year, today, codes)
    return cache[key]


def forget(db: Database) -> None:
    """Drop what `compute` remembers of *db* (benchmarks measure the computation itself)."""
    _CACHE.pop(db, None)


def _compute(db: Database, year: int, today: date | None, codes: tuple[str, ...] | None) -> YearIndicators:
    chosen, names = _needed(codes)
    sums = _sums(db, year, names=names)
    wants_county = any(i.numerator in COUNTY_KEYS for i in chosen)
    extra = _county_figures(db, year, today) if wants_county else {}
    area_rows = db.execute("SELECT id, name, kind FROM areas ORDER BY sort_order, id").fetchall()
    keys = set(sums)
    county: dict[str, int | float] = {}
    per_area: dict[int | None, dict[str, int | float]] = {}
    for area_id in keys:
        parts = {**sums.get(area_id, {}), **extra.get(area_id, {})}
        per_area[area_id] = parts
        for k, v in parts.items():
            county[k] = county.get(k, 0) + v
    # records of units outside the year (honors, hazards of a unit not on the year's roll) count for the county
    for area_id, parts in extra.items():
        if area_id not in keys:
            for k, v in parts.items():
                county[k] = county.get(k, 0) + v
    with_studio = {a for a, p in per_area.items() if p.get("studios")}
    if wants_county:
        county["areas_without_studio"] = sum(1 for a in per_area if a is not None and a not in with_studio)
        county["trades"] = db.execute(
            "SELECT count(DISTINCT t.name) FROM trades t JOIN competitions c ON c.id = t.competition_id"
            " WHERE c.year = ?", [year]).fetchone()[0]
    values = {i.code: _value(i, county, None, None) for i in chosen}
    areas = []
    names = {a[0]: (a[1], a[2]) for a in area_rows}
    order = [a[0] for a in area_rows if a[0] in per_area] + ([None] if None in per_area else [])
    for area_id in order:
        name, kind = names.get(area_id, ("（未填区域）", ""))
        parts = per_area[area_id]
        areas.append(AreaRow(area_id, name, kind, {i.code: _value(i, parts, name, area_id) for i in chosen
                                                   if i.per_area}))
    return YearIndicators(year, values, areas, county, _notes(county))


def _notes(parts: dict[str, int | float]) -> list[str]:
    notes = []
    if parts.get("no_headcount"):
        notes.append(f"{parts['no_headcount']:,} 家参赛单位未填职工人数（按其参赛职工人数计入职工人数）")
    if parts.get("short_units"):
        notes.append(f"{parts['short_units']:,} 家单位填报的参赛职工人次少于其参赛记录，"
                     f"共少 {parts['shortfall']:,} 人次（按参赛记录计）")
    if parts.get("unconfirmed"):
        notes.append(f"{parts['unconfirmed']:,} 家单位的职工人数是从上年带入的，待核实")
    return notes


def coverage(db: Database, year: int, competition_id: int | None = None) -> list[Value]:
    """The county's coverage indicators of the year, over all its competitions or one of them."""
    sums = _sums(db, year, competition_id, _needed(COVERAGE_CODES)[1] + ["times"])
    county: dict[str, int | float] = {}
    for parts in sums.values():
        for k, v in parts.items():
            county[k] = county.get(k, 0) + v
    if competition_id is not None:  # one competition's records; the typed totals cover every competition
        county["participant_times"] = county.get("times", 0)
    return [_value(BY_CODE[c], county, None, None) for c in COVERAGE_CODES]


def gap_units(db: Database, year: int, code: str, area_id: int | None = None,
              limit: int | None = None) -> list[dict[str, object]]:
    """The units that make an indicator's gap (the above-scale units in no competition, …), by name."""
    ind = BY_CODE[code]
    return _units_where(db, year, ind.gap, area_id, limit) if ind.gap else []


def record_units(db: Database, year: int, code: str, area_id: int | None = None,
                 which: str = "numerator") -> list[dict[str, object]]:
    """The units behind a figure: those its numerator counts (``which="numerator"``) or its denominator does."""
    ind = BY_CODE[code]
    condition = ind.counted if which == "numerator" else ind.base
    return _units_where(db, year, condition, area_id) if condition else []


def _units_where(db: Database, year: int, condition: str, area_id: int | None,
                 limit: int | None = None) -> list[dict[str, object]]:
    where = f"({condition})" + (" AND facts.area_id = :area" if area_id is not None else "")
    sql = (UNIT_FACTS.format(only="") + "SELECT facts.unit_id AS id, u.name, a.name AS area, facts.employees,"
           " facts.times, facts.typed_participant_times AS typed_times FROM facts JOIN units u ON u.id = facts.unit_id"
           f" LEFT JOIN areas a ON a.id = facts.area_id WHERE {where} ORDER BY a.sort_order, u.name, u.id"
           + (f" LIMIT {int(limit)}" if limit else ""))
    cur = db.execute(sql, {"year": year, "area": area_id})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]
