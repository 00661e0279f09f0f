"""Safety campaign records (安康杯 / 查保促): hazard files per unit, and training sessions and emergency drills.

A hazard is 整改中 until it is closed (已销号) on a date no earlier than it was found; one open past its
deadline is overdue. The checks find founded units without a training in the year (每年至少 1 次) and
高危 units without a drill.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from .codes import HAZARD_STATES, SAFETY_EVENT_KINDS
from .errors import ValidationError
from .indicators.compute import Value
from .records import Checker, delete_row, in_chunks, read_row, search_terms, write_row

HAZARD_LABELS = {
    "unit_id": "单位", "found_on": "发现日期", "description": "隐患描述", "reporter": "报告职工",
    "measures": "整改措施", "deadline": "整改时限", "fixer": "整改单位", "responsible": "整改责任人",
    "state": "状态", "closed_on": "销号日期",
}
HAZARD_COLUMNS = list(HAZARD_LABELS)
EVENT_LABELS = {"unit_id": "单位", "year": "年度", "kind": "类型", "held_on": "日期", "title": "内容",
                "participants": "参加人次"}
EVENT_COLUMNS = list(EVENT_LABELS)


@dataclass
class HazardInput:
    unit_id: int | None = None
    found_on: str | None = None
    description: str = ""
    reporter: str = ""
    measures: str = ""
    deadline: str | None = None
    fixer: str = ""
    responsible: str = ""
    state: str = "整改中"
    closed_on: str | None = None


def save_hazard(db: Database, h: HazardInput, hazard_id: int | None = None, today: date | None = None) -> int:
    keep = None
    if hazard_id is not None:
        old = db.execute("SELECT unit_id FROM hazards WHERE id = ?", [hazard_id]).fetchone()
        keep = old[0] if old else None
    c = Checker(HAZARD_LABELS)
    c.unit(db, "unit_id", h.unit_id, keep=keep)
    row: dict[str, object] = {"unit_id": h.unit_id, "found_on": c.date("found_on", h.found_on, required=True)}
    row["description"] = c.text("description", h.description, required=True, multiline=True)
    for key in ("reporter", "fixer", "responsible"):
        row[key] = c.text(key, getattr(h, key))
    row["measures"] = c.text("measures", h.measures, multiline=True)
    row["deadline"] = c.date("deadline", h.deadline)
    row["state"] = c.choice("state", h.state, HAZARD_STATES)
    row["closed_on"] = c.date("closed_on", h.closed_on)
    found, today = row["found_on"], (today or date.today()).isoformat()
    if found and found > today:
        c.err("found_on", f"{found} 还没有到")
    if found and row["deadline"] and row["deadline"] < found:
        c.err("deadline", f"整改时限 {row['deadline']} 早于发现日期 {found}")
    if row["state"] == "已销号":
        if not row["closed_on"] and not c.has_error("closed_on"):
            c.err("closed_on", "销号要填写销号日期")
        elif row["closed_on"] and found and row["closed_on"] < found:
            c.err("closed_on", f"销号日期 {row['closed_on']} 早于发现日期 {found}")
        elif row["closed_on"] and row["closed_on"] > today:
            c.err("closed_on", f"{row['closed_on']} 还没有到")
        if not row["measures"]:
            c.err("measures", "销号前要写明整改措施")
    elif row["closed_on"]:
        c.err("closed_on", "整改中的隐患不填销号日期（销号时把状态改为“已销号”）")
    if c.errors:
        raise ValidationError("隐患档案", c.errors)
    with db.atomic():
        return write_row(db, "hazards", row, hazard_id, "隐患档案")


def get_hazard(db: Database, hazard_id: int) -> HazardInput:
    return HazardInput(**read_row(db, "hazards", HAZARD_COLUMNS, hazard_id, "隐患档案"))


def delete_hazard(db: Database, hazard_id: int) -> None:
    delete_row(db, "hazards", hazard_id)


_HAZARD_FROM = " FROM hazards h JOIN units u ON u.id = h.unit_id LEFT JOIN areas a ON a.id = u.area_id"
HAZARD_SORTS = {"unit": "u.name_key", "found_on": "h.found_on", "description": "h.description",
                "deadline": "h.deadline",
                "state": "h.state", "closed_on": "h.closed_on", "responsible": "h.responsible", "area": "a.sort_order"}


def search_hazards(db: Database, year: int | None = None, text: str = "", state: str = "",
                   area_id: int | None = None, sort: str = "found_on", descending: bool = True,
                   today: date | None = None) -> list[int]:
    """Hazards found in *year* (and any still open from before), newest first; state 逾期 = open past deadline."""
    where, params = ["1"], []
    if year is not None:
        where.append("(substr(h.found_on, 1, 4) = ? OR h.state = '整改中')")
        params.append(str(year))
    for term in search_terms(text):
        where.append("(u.name LIKE ? ESCAPE '\\' OR h.description LIKE ? ESCAPE '\\' OR h.responsible LIKE ? "
                     "ESCAPE '\\' OR h.reporter LIKE ? ESCAPE '\\')")
        params += [term] * 4
    if state == "逾期":
        where.append("h.state = '整改中' AND h.deadline < ?")
        params.append((today or date.today()).isoformat())
    elif state:
        where.append("h.state = ?")
        params.append(state)
    if area_id is not None:
        where.append("u.area_id = ?")
        params.append(area_id)
    d = " DESC" if descending else ""
    return [r[0] for r in db.execute(f"SELECT h.id{_HAZARD_FROM} WHERE {' AND '.join(where)} ORDER BY "
                                      f"{HAZARD_SORTS.get(sort, 'h.found_on')}{d}, h.id{d}", params)]


HAZARD_ROW_SQL = ("SELECT h.id, h.unit_id, u.name AS unit, a.name AS area, h.found_on, h.description, h.reporter,"
                  " h.measures, h.deadline, h.fixer, h.responsible, h.state, h.closed_on"
                  + _HAZARD_FROM + " WHERE h.id IN ({ids})")


def fetch_hazards(db: Database, ids: list[int], today: date | None = None) -> dict[int, dict[str, object]]:
    day = (today or date.today()).isoformat()
    rows = {r["id"]: r for r in in_chunks(db, HAZARD_ROW_SQL, ids)}
    for r in rows.values():
        r["overdue"] = r["state"] == "整改中" and bool(r["deadline"]) and r["deadline"] < day
    return rows


def overdue_count(db: Database, today: date | None = None) -> int:
    return db.execute("SELECT count(*) FROM hazards WHERE state = '整改中' AND deadline < ?",
                      [(today or date.today()).isoformat()]).fetchone()[0]


# -- training sessions and drills -----------------------------------------------------------------

@dataclass
class EventInput:
    unit_id: int | None = None
    year: int = 0
    kind: str = "安全培训"
    held_on: str | None = None
    title: str = ""
    participants: int | str | None = None


def save_event(db: Database, e: EventInput, event_id: int | None = None) -> int:
    c = Checker(EVENT_LABELS)
    c.unit(db, "unit_id", e.unit_id)
    row: dict[str, object] = {"unit_id": e.unit_id, "year": c.year("year", e.year)}
    row["kind"] = c.choice("kind", e.kind, SAFETY_EVENT_KINDS)
    row["held_on"] = c.date("held_on", e.held_on)
    if row["held_on"] and str(row["held_on"])[:4] != str(row["year"]):
        c.err("held_on", f"{row['held_on']} 不在 {row['year']} 年内")
    row["title"] = c.text("title", e.title)
    row["participants"] = c.count("participants", e.participants)
    if c.errors:
        raise ValidationError(row["kind"] or "安全活动", c.errors)
    with db.atomic():
        return write_row(db, "safety_events", row, event_id, "安全活动")


def get_event(db: Database, event_id: int) -> EventInput:
    return EventInput(**read_row(db, "safety_events", EVENT_COLUMNS, event_id, "安全活动"))


def delete_event(db: Database, event_id: int) -> None:
    delete_row(db, "safety_events", event_id)


_EVENT_FROM = " FROM safety_events e JOIN units u ON u.id = e.unit_id LEFT JOIN areas a ON a.id = u.area_id"
EVENT_SORTS = {"unit": "u.name_key", "kind": "e.kind", "held_on": "e.held_on", "title": "e.title",
               "participants": "e.participants", "area": "a.sort_order"}


def search_events(db: Database, year: int, text: str = "", kind: str = "", area_id: int | None = None,
                  sort: str = "held_on", descending: bool = True) -> list[int]:
    where, params = ["e.year = ?"], [year]
    for term in search_terms(text):
        where.append("(u.name LIKE ? ESCAPE '\\' OR e.title LIKE ? ESCAPE '\\')")
        params += [term] * 2
    if kind:
        where.append("e.kind = ?")
        params.append(kind)
    if area_id is not None:
        where.append("u.area_id = ?")
        params.append(area_id)
    d = " DESC" if descending else ""
    return [r[0] for r in db.execute(f"SELECT e.id{_EVENT_FROM} WHERE {' AND '.join(where)} ORDER BY "
                                      f"{EVENT_SORTS.get(sort, 'e.held_on')}{d}, e.id{d}", params)]


EVENT_ROW_SQL = ("SELECT e.id, e.unit_id, u.name AS unit, a.name AS area, e.year, e.kind, e.held_on, e.title,"
                 " e.participants" + _EVENT_FROM + " WHERE e.id IN ({ids})")


def fetch_events(db: Database, ids: list[int]) -> dict[int, dict[str, object]]:
    return {r["id"]: r for r in in_chunks(db, EVENT_ROW_SQL, ids)}


@dataclass(frozen=True)
class SafetyCheck:
    """The year's safety indicators (app.indicators) and the units that make their gaps."""

    trained: Value                  # founded units that held a training ÷ founded units
    drilled: Value                  # 高危 units that held a drill ÷ 高危 units
    untrained: list[str]            # names of founded units without training (first *names*)
    undrilled: list[str]            # names of 高危 units without a drill (first *names*)
    overdue: Value                  # hazards open past their deadline


def safety_check(db: Database, year: int, today: date | None = None, names: int = 50) -> SafetyCheck:
    """Founded units without a training and 高危 units without a drill in *year*, and overdue hazards; a unit
    counts as trained (drilled) when it logged one or typed a figure above zero in 年度数据."""
    from . import indicators

    result = indicators.compute(db, year, today, codes=("training_share", "drill_share", "overdue_hazards"))

    def missing(code: str) -> list[str]:
        return [str(r["name"]) for r in indicators.gap_units(db, year, code, limit=names)]

    return SafetyCheck(result.get("training_share"), result.get("drill_share"), missing("training_share"),
                       missing("drill_share"), result.get("overdue_hazards"))
