"""Innovation studios (创新工作室): the register, their 示范级别 (the highest studio honor in force) and results.

The 2014 plan wants at least 20 studios and one in every area, so the areas without one are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from .codes import LEVELS, STUDIO_KINDS
from .errors import LedgerError, ValidationError
from .records import Checker, delete_row, in_chunks, read_row, search_terms, write_row

LABELS = {"name": "工作室名称", "kind": "类型", "unit_id": "单位", "leader_id": "领办人", "members": "成员人数",
          "founded_on": "成立日期", "note": "备注"}
COLUMNS = list(LABELS)
LEVEL_RANK = "CASE h.level " + " ".join(f"WHEN '{lv}' THEN {n}" for n, lv in enumerate(LEVELS)) + " END"


@dataclass
class StudioInput:
    name: str = ""
    kind: str = STUDIO_KINDS[0]
    unit_id: int | None = None
    leader_id: int | None = None
    members: int | str | None = None
    founded_on: str | None = None
    note: str = ""


def save(db: Database, s: StudioInput, studio_id: int | None = None) -> int:
    keep = None
    if studio_id is not None:
        old = db.execute("SELECT unit_id FROM studios WHERE id = ?", [studio_id]).fetchone()
        keep = old[0] if old else None
    c = Checker(LABELS)
    row: dict[str, object] = {"name": c.text("name", s.name, required=True)}
    row["kind"] = c.choice("kind", s.kind, STUDIO_KINDS)
    unit_name = c.unit(db, "unit_id", s.unit_id, keep=keep)
    row["unit_id"] = s.unit_id
    leader = c.person(db, "leader_id", s.leader_id)
    row["leader_id"] = s.leader_id
    if leader is not None and s.unit_id is not None and leader[1] != s.unit_id:
        c.err("leader_id", f"「{leader[0]}」不是「{unit_name}」的职工")
    row["members"] = c.count("members", s.members)
    row["founded_on"] = c.date("founded_on", s.founded_on)
    row["note"] = c.text("note", s.note, multiline=True)
    if row["name"] and s.unit_id is not None and db.execute(
            "SELECT 1 FROM studios WHERE unit_id = ? AND name = ? AND id IS NOT ?",
            [s.unit_id, row["name"], studio_id]).fetchone():
        c.err("name", f"「{unit_name}」已有同名的工作室")
    if c.errors:
        raise ValidationError(f"工作室「{row['name']}」" if row["name"] else "工作室", c.errors)
    with db.atomic():
        return write_row(db, "studios", row, studio_id, "工作室")


def get(db: Database, studio_id: int) -> StudioInput:
    return StudioInput(**read_row(db, "studios", COLUMNS, studio_id, "工作室"))


def delete(db: Database, studio_id: int) -> None:
    """Remove a studio that no honor names (its results stay, unlinked)."""
    honors = db.execute("SELECT count(*) FROM honors WHERE studio_id = ?", [studio_id]).fetchone()[0]
    if honors:
        raise LedgerError(f"这个工作室有 {honors} 项荣誉记录，不能删除；荣誉要留档。")
    delete_row(db, "studios", studio_id)


_FROM = (" FROM studios s JOIN units u ON u.id = s.unit_id LEFT JOIN areas a ON a.id = u.area_id"
         " LEFT JOIN persons p ON p.id = s.leader_id")
SORTS = {"name": "s.name", "kind": "s.kind", "unit": "u.name_key", "area": "a.sort_order", "leader": "p.name",
         "members": "s.members", "founded_on": "s.founded_on"}


def search(db: Database, text: str = "", area_id: int | None = None, sort: str = "name",
           descending: bool = False) -> list[int]:
    where, params = ["1"], []
    for term in search_terms(text):
        where.append("(s.name LIKE ? ESCAPE '\\' OR u.name LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\')")
        params += [term] * 3
    if area_id is not None:
        where.append("u.area_id = ?")
        params.append(area_id)
    direction = " DESC" if descending else ""
    return [r[0] for r in db.execute(f"SELECT s.id{_FROM} WHERE {' AND '.join(where)} ORDER BY "
                                      f"{SORTS.get(sort, 's.name')}{direction}, s.id{direction}", params)]


ROW_SQL = (
    "SELECT s.id, s.name, s.kind, s.unit_id, u.name AS unit, a.name AS area, p.name AS leader, s.members,"
    " s.founded_on, (SELECT count(*) FROM innovations i WHERE i.studio_id = s.id) AS results,"
    f" (SELECT h.level || '级' || t.name FROM honors h JOIN honor_titles t ON t.id = h.title_id"
    f"  WHERE h.studio_id = s.id AND h.revoked_on IS NULL AND h.state = '命名' ORDER BY {LEVEL_RANK}, h.year DESC"
    "  LIMIT 1) AS demo_level" + _FROM + " WHERE s.id IN ({ids})")


def fetch_rows(db: Database, ids: list[int]) -> dict[int, dict[str, object]]:
    return {r["id"]: r for r in in_chunks(db, ROW_SQL, ids)}


def list_rows(db: Database, text: str = "") -> list[dict[str, object]]:
    ids = search(db, text)
    rows = fetch_rows(db, ids)
    return [rows[i] for i in ids]


def choices(db: Database, unit_id: int | None) -> list[tuple[int, str]]:
    """(id, name) of a unit's studios, for the choosers of results and honors."""
    return [(r[0], r[1]) for r in db.execute("SELECT id, name FROM studios WHERE unit_id IS ? ORDER BY name",
                                              [unit_id])]
