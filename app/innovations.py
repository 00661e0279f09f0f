"""Innovation results (创新成果): the itemised register, and its bond to the units' annual totals.

A unit's itemised results of a kind never exceed the total it reported for that year (DOMAIN.md §2); when a
new result would, saving stops with `TotalsExceeded`, and the caller may save again raising the totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlite_utils import Database

from . import figures
from .codes import INNOVATION_AWARDS, INNOVATION_KINDS, LEVELS, PATENT_STATUSES, PATENT_TYPES
from .errors import LedgerError, ValidationError
from .normalize import clean_code
from .records import Checker, delete_row, in_chunks, read_row, search_terms, write_row

LABELS = {
    "year": "年度", "kind": "类别", "title": "成果名称", "unit_id": "单位", "lead_id": "主创人",
    "member_ids": "参与人", "implemented": "是否实施", "benefit": "经济效益（万元）", "patent_number": "专利号",
    "patent_type": "专利类型", "patent_status": "专利状态", "award_level": "获奖级别", "award_grade": "获奖等次",
    "method_name": "命名操作法", "studio_id": "创新工作室", "note": "备注",
}
COLUMNS = ["year", "kind", "title", "unit_id", "lead_id", "implemented", "benefit", "patent_number", "patent_type",
           "patent_status", "award_level", "award_grade", "method_name", "studio_id", "note"]
PATENT_NUMBER = re.compile(r"(ZL|CN)?\d{8,13}(\.[\dX])?")


@dataclass
class InnovationInput:
    year: int = 0
    kind: str = "技术革新"
    title: str = ""
    unit_id: int | None = None
    lead_id: int | None = None
    member_ids: list[int] = field(default_factory=list)
    implemented: bool = False
    benefit: float | str | None = None
    patent_number: str = ""
    patent_type: str = ""
    patent_status: str = ""
    award_level: str = ""
    award_grade: str = ""
    method_name: str = ""
    studio_id: int | None = None
    note: str = ""


class TotalsExceeded(LedgerError):
    """Saving would put a unit's itemised results above its reported totals."""

    def __init__(self, unit_name: str, year: int, shortfalls: list[tuple[str, int, int]]) -> None:
        self.shortfalls = shortfalls  # (figure key, reported, needed)
        parts = [f"「{figures.LABELS[k]}」报了 {reported} 项，登记这一项后为 {needed} 项"
                 for k, reported, needed in shortfalls]
        super().__init__(f"「{unit_name}」{year} 年的年度数据中，" + "；".join(parts)
                         + "。逐项登记的成果不能多于年度合计数。")


def check(db: Database, r: InnovationInput, keep_unit: int | None = None) -> tuple[dict[str, object], str, Checker]:
    """The row to store, the unit's name, and the checker holding every problem found."""
    c = Checker(LABELS)
    row: dict[str, object] = {"year": c.year("year", r.year)}
    row["kind"] = c.choice("kind", r.kind, INNOVATION_KINDS)
    row["title"] = c.text("title", r.title, required=True)
    unit_name = c.unit(db, "unit_id", r.unit_id, keep=keep_unit)
    row["unit_id"] = r.unit_id
    lead = c.person(db, "lead_id", r.lead_id)
    row["lead_id"] = r.lead_id
    if lead is not None and r.lead_id in r.member_ids:
        c.err("member_ids", f"「{lead[0]}」已是主创人，不必再列为参与人")
    for person_id in r.member_ids:
        c.person(db, "member_ids", person_id)
    row["implemented"] = int(bool(r.implemented))
    row["benefit"] = c.amount("benefit", r.benefit)
    number = clean_code(r.patent_number)
    row["patent_number"] = number
    if number and not PATENT_NUMBER.fullmatch(number):
        c.err("patent_number", f"「{number}」不像专利号（如 ZL201510123456.7 或 201520123456.X）")
    row["patent_type"] = c.choice("patent_type", r.patent_type, PATENT_TYPES, required=row["kind"] == "专利")
    row["patent_status"] = c.choice("patent_status", r.patent_status, PATENT_STATUSES,
                                    required=row["kind"] == "专利" or bool(number))
    if row["patent_status"] == "授权" and not number:
        c.err("patent_number", "已授权的专利请填写专利号")
    row["award_level"] = c.choice("award_level", r.award_level, LEVELS, required=False)
    row["award_grade"] = c.choice("award_grade", r.award_grade, INNOVATION_AWARDS, required=False)
    if bool(row["award_level"]) != bool(row["award_grade"]):
        c.err("award_grade" if row["award_level"] else "award_level", "获奖级别和等次要一起填写")
    row["method_name"] = c.text("method_name", r.method_name)
    if row["method_name"] and not row["method_name"].endswith("法"):
        c.err("method_name", f"「{row['method_name']}」应是以职工命名的操作法，如“张三工作法”")
    row["studio_id"] = r.studio_id
    if r.studio_id is not None:
        studio = db.execute("SELECT unit_id, name FROM studios WHERE id = ?", [r.studio_id]).fetchone()
        if studio is None:
            c.err("studio_id", "所选工作室已不存在")
        elif r.unit_id is not None and studio[0] != r.unit_id:
            c.err("studio_id", f"「{studio[1]}」不属于「{unit_name}」")
    row["note"] = c.text("note", r.note, multiline=True)
    return row, unit_name, c


def shortfalls(db: Database, row: dict[str, object], innovation_id: int | None) -> list[tuple[str, int, int]]:
    """The totals this result would exceed: (figure key, reported, itemised count with it)."""
    key = INNOVATION_KINDS.get(str(row["kind"]), "")
    if not key:
        return []
    out = []
    counted = [(key, "")] + ([("suggestions_adopted", " AND implemented = 1")]
                             if key == "suggestions_made" and row["implemented"] else [])
    for figure, extra in counted:
        n = db.execute(f"SELECT count(*) FROM innovations WHERE unit_id = ? AND year = ? AND kind = ?{extra}"
                       " AND id IS NOT ?", [row["unit_id"], row["year"], row["kind"], innovation_id]).fetchone()[0]
        reported = db.execute(f"SELECT {figure} FROM annual_figures WHERE unit_id = ? AND year = ?",
                              [row["unit_id"], row["year"]]).fetchone()
        reported = (reported[0] if reported else None) or 0
        if n + 1 > reported:
            out.append((figure, reported, n + 1))
    return out


def save(db: Database, r: InnovationInput, innovation_id: int | None = None, raise_totals: bool = False) -> int:
    """Insert or update a result with its members in one transaction.

    Raises ValidationError for bad fields, TotalsExceeded when the unit's totals are too low (unless
    *raise_totals*, which raises them to fit in the same transaction).
    """
    keep = None
    if innovation_id is not None:
        old = db.execute("SELECT unit_id FROM innovations WHERE id = ?", [innovation_id]).fetchone()
        keep = old[0] if old else None
    row, unit_name, c = check(db, r, keep)
    if c.errors:
        raise ValidationError(f"创新成果「{row['title']}」" if row["title"] else "创新成果", c.errors)
    short = shortfalls(db, row, innovation_id)
    if short and not raise_totals:
        raise TotalsExceeded(unit_name, int(row["year"]), short)
    with db.atomic():
        for key, _, needed in short:  # 提出 before 实施, so 实施 ≤ 提出 holds at every step
            figures.raise_total(db, int(row["unit_id"]), int(row["year"]), key, needed)
        innovation_id = write_row(db, "innovations", row, innovation_id, "创新成果")
        db.execute("DELETE FROM innovation_members WHERE innovation_id = ?", [innovation_id])
        db.conn.executemany("INSERT OR IGNORE INTO innovation_members (innovation_id, person_id) VALUES (?, ?)",
                            [(innovation_id, p) for p in r.member_ids])
    return innovation_id


def get(db: Database, innovation_id: int) -> InnovationInput:
    values = read_row(db, "innovations", COLUMNS, innovation_id, "创新成果")
    values["implemented"] = bool(values["implemented"])
    values["member_ids"] = [p for (p,) in db.execute(
        "SELECT person_id FROM innovation_members WHERE innovation_id = ? ORDER BY rowid", [innovation_id])]
    return InnovationInput(**values)


def delete(db: Database, innovation_id: int) -> None:
    delete_row(db, "innovations", innovation_id)  # its members go with it (ON DELETE CASCADE)


SORTS = {"title": "i.title", "kind": "i.kind", "unit": "u.name_key", "lead": "p.name_key", "benefit": "i.benefit",
         "implemented": "i.implemented", "award": "i.award_level", "patent": "i.patent_number", "year": "i.year"}
_FROM = (" FROM innovations i JOIN units u ON u.id = i.unit_id LEFT JOIN areas a ON a.id = u.area_id"
         " LEFT JOIN persons p ON p.id = i.lead_id")


def search(db: Database, year: int | None, text: str = "", kind: str = "", area_id: int | None = None,
           sort: str = "title", descending: bool = False) -> list[int]:
    """Ids of the results matching the search words (title, unit, 主创人, 专利号, 操作法) in order."""
    where, params = ["1"], []
    if year is not None:
        where.append("i.year = ?")
        params.append(year)
    for term in search_terms(text):
        where.append("(i.title LIKE ? ESCAPE '\\' OR u.name LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\'"
                     " OR i.patent_number LIKE ? ESCAPE '\\' OR i.method_name LIKE ? ESCAPE '\\')")
        params += [term] * 5
    if kind:
        where.append("i.kind = ?")
        params.append(kind)
    if area_id is not None:
        where.append("u.area_id = ?")
        params.append(area_id)
    order = SORTS.get(sort, "i.title")
    direction = " DESC" if descending else ""
    return [r[0] for r in db.execute(f"SELECT i.id{_FROM} WHERE {' AND '.join(where)}"
                                      f" ORDER BY {order}{direction}, i.title, i.id{direction}", params)]


ROW_SQL = ("SELECT i.id, i.year, i.kind, i.title, i.unit_id, u.name AS unit, a.name AS area, p.name AS lead,"
           " (SELECT group_concat(m.name, '、') FROM innovation_members im JOIN persons m ON m.id = im.person_id"
           "  WHERE im.innovation_id = i.id) AS members,"
           " CASE i.implemented WHEN 1 THEN '是' ELSE '否' END AS implemented, i.benefit, i.patent_number,"
           " i.patent_type, i.patent_status, trim(i.award_level || ' ' || i.award_grade) AS award, i.method_name,"
           " s.name AS studio" + _FROM + " LEFT JOIN studios s ON s.id = i.studio_id WHERE i.id IN ({ids})")


def fetch_rows(db: Database, ids: list[int]) -> dict[int, dict[str, object]]:
    return {r["id"]: r for r in in_chunks(db, ROW_SQL, ids)}


def list_rows(db: Database, year: int | None, text: str = "", kind: str = "") -> list[dict[str, object]]:
    ids = search(db, year, text, kind)
    rows = fetch_rows(db, ids)
    return [rows[i] for i in ids]


def largest_benefits(db: Database, year: int, n: int = 5) -> list[tuple[str, str, str, float]]:
    """(kind, title, unit, 经济效益) of the year's *n* results with the largest benefit: a report's highlights."""
    return [tuple(r) for r in db.execute(
        "SELECT i.kind, i.title, u.name, i.benefit FROM innovations i JOIN units u ON u.id = i.unit_id WHERE i.year = ?"
        " AND i.benefit IS NOT NULL ORDER BY i.benefit DESC, i.id LIMIT ?", [year, n])]
