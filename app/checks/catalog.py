"""The logic checks (逻辑检查) run before a year's returns leave the office, after the national union statistics
software's habit: each declared once — a code, a Chinese sentence, a severity, and what finds the offending
records. 错误 blocks a return (unless forced, and then it says so); 提示 lets it go once the clerk writes a 说明.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

ERROR, HINT = "错误", "提示"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str           # the sentence with the record named
    record: str            # what it points at: "unit:12", "honor:5", "studio:3", "hazard:7", "return:表一"
    record_id: int | None = None

    def as_json(self) -> dict[str, object]:
        return {"code": self.code, "severity": self.severity, "message": self.message, "record": self.record}


@dataclass(frozen=True)
class Check:
    code: str
    title: str             # what it checks, for the list of checks
    severity: str
    find: Callable[[Database, int], list[Finding]]


def _rows(db: Database, sql: str, params: list) -> list[tuple]:
    return db.execute(sql, params).fetchall()


def _parts_add_up(db: Database, year: int) -> list[Finding]:
    """In every return whose rows are areas, the rows add up to the 合计 (a rate's 合计 is its own ratio)."""
    from ..returns import catalog

    out = []
    for number in ("表一", "表二"):
        built = catalog.build(db, number, year)
        for c, col in enumerate(built.columns):
            if col.kind == "rate":
                continue
            total = built.totals[c]
            summed = sum(cells[c] or 0 for _, cells in built.rows)
            if total is not None and abs(summed - total) > 1e-6:
                out.append(Finding("C01", ERROR, f"{number}「{col.key}」各区域之和 {summed:,} 不等于合计 {total:,}"
                                   "（有单位没有所属区域）", f"return:{number}"))
    return out


def _rates_in_range(db: Database, year: int) -> list[Finding]:
    from ..returns import catalog

    out = []
    for number in ("表一", "表二"):
        built = catalog.build(db, number, year)
        for label, cells in [*built.rows, ("合计", built.totals)]:
            for col, value in zip(built.columns, cells, strict=True):
                if col.kind == "rate" and value is not None and not 0 <= value <= 100:
                    out.append(Finding("C02", ERROR, f"{number}「{label}」的「{col.key}」为 {value}，不在 0–100 之间",
                                       f"return:{number}"))
    return out


def _adopted_over_made(db: Database, year: int) -> list[Finding]:
    return [Finding("C03", ERROR, f"「{name}」合理化建议实施 {a} 件多于提出 {m or 0} 件", f"unit:{uid}", uid)
            for uid, name, a, m in _rows(db, "SELECT u.id, u.name, f.suggestions_adopted, f.suggestions_made FROM"
                                         " annual_figures f JOIN units u ON u.id = f.unit_id WHERE f.year = ? AND"
                                         " f.suggestions_adopted > coalesce(f.suggestions_made, 0)", [year])]


def _itemised_over_reported(db: Database, year: int) -> list[Finding]:
    from ..codes import INNOVATION_KINDS
    from ..figures import LABELS

    out = []
    for kind, figure in INNOVATION_KINDS.items():
        if not figure:
            continue
        for uid, name, n, reported in _rows(
                db, f"SELECT u.id, u.name, count(*), f.{figure} FROM innovations i JOIN units u ON u.id = i.unit_id"
                    f" LEFT JOIN annual_figures f ON f.unit_id = i.unit_id AND f.year = i.year WHERE i.year = ?"
                    f" AND i.kind = ? GROUP BY u.id HAVING count(*) > coalesce(f.{figure}, 0)", [year, kind]):
            out.append(Finding("C04", ERROR, f"「{name}」逐项登记的{kind}成果 {n} 项，多于填报的{LABELS[figure]}"
                                             f" {reported or 0}", f"unit:{uid}", uid))
    return out


def _typed_below_records(db: Database, year: int) -> list[Finding]:
    from ..indicators import gap_units

    return [Finding("C05", HINT, f"「{u['name']}」填报的参赛职工人次 {u['typed_times']:,} 少于参赛记录 {u['times']:,}"
                                 "（统计时按参赛记录计）", f"unit:{u['id']}", u["id"])
            for u in gap_units(db, year, "participant_times")]


def _no_headcount(db: Database, year: int) -> list[Finding]:
    from ..indicators.compute import UNIT_FACTS

    return [Finding("C06", HINT, f"参赛单位「{name}」没有填 {year} 年的职工人数（按参赛职工人数计入）",
                    f"unit:{uid}", uid)
            for uid, name in _rows(db, UNIT_FACTS.format(only="") + "SELECT facts.unit_id, u.name FROM facts JOIN"
                                   " units u ON u.id = facts.unit_id WHERE taking_part AND employees IS NULL",
                                   {"year": year})]


def _no_area_or_category(db: Database, year: int) -> list[Finding]:
    return [Finding("C07", ERROR, f"「{name}」{year} 年度没有{'所属区域' if area is None else '单位类别'}",
                    f"unit:{uid}", uid)
            for uid, name, area, cat in _rows(db, "SELECT y.unit_id, u.name, y.area_id, y.category_code FROM"
                                              " year_units y JOIN units u ON u.id = y.unit_id WHERE y.year = ? AND"
                                              " (y.area_id IS NULL OR y.category_code IS NULL)", [year])]


def _participation_off_roll(db: Database, year: int) -> list[Finding]:
    return [Finding("C08", ERROR, f"「{name}」参加了「{comp}」，但不在 {year} 年度台账中（已归档或没有本年度记录）",
                    f"unit:{uid}", uid)
            for uid, name, comp in _rows(
                db, "SELECT u.id, u.name, c.name FROM participations p JOIN competitions c ON c.id = p.competition_id"
                    " JOIN units u ON u.id = p.unit_id WHERE c.year = ? AND NOT EXISTS (SELECT 1 FROM year_units y"
                    " WHERE y.unit_id = p.unit_id AND y.year = c.year) ORDER BY u.name_key", [year])]


def _honor_without_doc(db: Database, year: int) -> list[Finding]:
    return [Finding("C09", ERROR, f"已命名的「{title}」（{who}）没有{'文号' if not doc else '授予日期'}",
                    f"honor:{hid}", hid)
            for hid, title, who, doc, on in _rows(
                db, "SELECT h.id, t.name, coalesce(p.name, s.name, nullif(h.team_name, ''), u.name), h.doc_number,"
                    " h.conferred_on FROM honors h JOIN honor_titles t ON t.id = h.title_id JOIN units u ON"
                    " u.id = h.unit_id LEFT JOIN persons p ON p.id = h.person_id LEFT JOIN studios s ON"
                    " s.id = h.studio_id WHERE h.year = ? AND h.state = '命名' AND h.revoked_on IS NULL AND"
                    " (trim(h.doc_number) = '' OR h.conferred_on IS NULL)", [year])]


def _studio_of_archived(db: Database, year: int) -> list[Finding]:
    return [Finding("C10", HINT, f"工作室「{name}」所在的「{unit}」已归档", f"studio:{sid}", sid)
            for sid, name, unit in _rows(db, "SELECT s.id, s.name, u.name FROM studios s JOIN units u ON"
                                         " u.id = s.unit_id WHERE u.archived_at IS NOT NULL ORDER BY s.name", [])]


def _hazard_overdue(db: Database, year: int) -> list[Finding]:
    from ..indicators import as_of

    day = as_of(year).isoformat()
    return [Finding("C11", HINT, f"「{unit}」的隐患「{text}」整改时限 {deadline} 已过，仍未销号", f"hazard:{hid}", hid)
            for hid, unit, text, deadline in _rows(
                db, "SELECT h.id, u.name, h.description, h.deadline FROM hazards h JOIN units u ON u.id = h.unit_id"
                    " WHERE h.found_on <= :d AND h.deadline < :d AND (h.closed_on IS NULL OR h.closed_on > :d)"
                    " ORDER BY h.deadline", {"d": day})]


CHANGE_THRESHOLD = 0.30   # a unit's headcount moving more than this from last year asks for a 说明
CHANGE_MIN = 20           # … when either year has at least this many employees


def _headcount_moved(db: Database, year: int) -> list[Finding]:
    return [Finding("C12", HINT, f"「{name}」职工人数从 {year - 1} 年的 {before:,} 人变为 {now:,} 人"
                                 f"（{(now - before) / before:+.0%}）", f"unit:{uid}", uid)
            for uid, name, now, before in _rows(
                db, "SELECT y.unit_id, u.name, y.employees, p.employees FROM year_units y JOIN units u ON"
                    " u.id = y.unit_id JOIN unit_years p ON p.unit_id = y.unit_id AND p.year = y.year - 1"
                    " WHERE y.year = ? AND y.employees IS NOT NULL AND p.employees > 0 AND"
                    " max(y.employees, p.employees) >= ? AND abs(y.employees - p.employees) > ? * p.employees"
                    " ORDER BY u.name_key", [year, CHANGE_MIN, CHANGE_THRESHOLD])]


CHECKS: list[Check] = [
    Check("C01", "各表各区域之和等于合计", ERROR, _parts_add_up),
    Check("C02", "各比率在 0–100% 之间", ERROR, _rates_in_range),
    Check("C03", "合理化建议实施件数不多于提出件数", ERROR, _adopted_over_made),
    Check("C04", "逐项登记的成果不多于填报的合计数", ERROR, _itemised_over_reported),
    Check("C05", "填报的参赛职工人次不少于参赛记录", HINT, _typed_below_records),
    Check("C06", "参赛单位填有当年职工人数", HINT, _no_headcount),
    Check("C07", "当年度单位都有所属区域和单位类别", ERROR, _no_area_or_category),
    Check("C08", "参赛单位都在当年度台账中", ERROR, _participation_off_roll),
    Check("C09", "已命名的荣誉都有文号和授予日期", ERROR, _honor_without_doc),
    Check("C10", "工作室所在单位没有归档", HINT, _studio_of_archived),
    Check("C11", "没有过了整改时限仍未销号的隐患", HINT, _hazard_overdue),
    Check("C12", f"单位职工人数与上年相比变动不超过 {CHANGE_THRESHOLD:.0%}", HINT, _headcount_moved),
]
