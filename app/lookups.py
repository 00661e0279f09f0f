"""The lookups behind the choosers of the forms: units and people found by a few typed characters, and the
line a chooser shows for a chosen one. Plain rows back; the pages only lay them out."""

from __future__ import annotations

from sqlite_utils import Database

from .unit_search import escape_like


def unit_label(name: str, area: str | None) -> str:
    return f"{name}（{area}）" if area else name


def unit_choices(db: Database, keep: int | None = None) -> dict[str, int]:
    """「名称（区域）」 -> id of every active unit (and of *keep*, if it is archived), for a completer."""
    rows = db.execute(
        "SELECT u.id, u.name, a.name FROM units u LEFT JOIN areas a ON a.id = u.area_id"
        " WHERE u.archived_at IS NULL OR u.id IS ? ORDER BY u.name_key", [keep]).fetchall()
    return {unit_label(name, area): unit_id for unit_id, name, area in rows}


def find_units(db: Database, text: str, limit: int) -> list[tuple[int, str, str | None]]:
    """(id, name, area) of active units whose name holds *text*, those starting with it and short ones first."""
    return db.execute(
        "SELECT u.id, u.name, a.name FROM units u LEFT JOIN areas a ON a.id = u.area_id WHERE u.archived_at IS NULL"
        " AND u.name LIKE ? ESCAPE '\\' ORDER BY instr(u.name, ?) > 1, length(u.name), u.name_key LIMIT ?",
        [f"%{escape_like(text)}%", text, limit]).fetchall()


def unit_name_area(db: Database, unit_id: int) -> tuple[str, str | None] | None:
    row = db.execute("SELECT u.name, a.name FROM units u LEFT JOIN areas a ON a.id = u.area_id WHERE u.id = ?",
                     [unit_id]).fetchone()
    return (row[0], row[1]) if row else None


def find_persons(db: Database, text: str, unit_id: int | None, limit: int) -> list[tuple[int, str, str | None,
                                                                                          str | None]]:
    """(id, name, unit, ID number) of people whose name starts with *text*, those of *unit_id* first."""
    return db.execute(
        "SELECT p.id, p.name, u.name, p.id_number FROM persons p LEFT JOIN units u ON u.id = p.unit_id"
        " WHERE p.name LIKE ? ESCAPE '\\' ORDER BY p.unit_id IS NOT ?, p.name_key, p.id LIMIT ?",
        [f"{escape_like(text)}%", unit_id, limit]).fetchall()


def person_line(db: Database, person_id: int) -> tuple[str, str | None, str | None] | None:
    row = db.execute("SELECT p.name, u.name, p.id_number FROM persons p LEFT JOIN units u ON u.id = p.unit_id"
                     " WHERE p.id = ?", [person_id]).fetchone()
    return (row[0], row[1], row[2]) if row else None


def has_units(db: Database) -> bool:
    return db.execute("SELECT 1 FROM units LIMIT 1").fetchone() is not None
