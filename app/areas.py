"""The county's townships, streets and parks (乡镇 / 街道 / 园区): a user-edited list."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from .codes import AREA_KINDS
from .errors import FieldError, ValidationError
from .normalize import clean_text


@dataclass(frozen=True)
class Area:
    id: int
    name: str
    kind: str
    sort_order: int
    unit_count: int = 0


def list_areas(db: Database) -> list[Area]:
    """Areas in the order the user set, with how many units (on the ledger or archived) each has."""
    rows = db.execute(
        "SELECT a.id, a.name, a.kind, a.sort_order, "
        "(SELECT count(*) FROM units u WHERE u.area_id = a.id) "
        "FROM areas a ORDER BY a.sort_order, a.id"
    ).fetchall()
    return [Area(*row) for row in rows]


def _validate(db: Database, name: str, kind: str, area_id: int | None) -> str:
    name = clean_text(name)
    errors = []
    if not name:
        errors.append(FieldError("name", "区域名称", "必填"))
    elif db.execute(
        "SELECT 1 FROM areas WHERE name = ? AND id IS NOT ?", [name, area_id]
    ).fetchone():
        errors.append(FieldError("name", "区域名称", f"已有名为「{name}」的区域"))
    if kind not in AREA_KINDS:
        errors.append(FieldError("kind", "区域类型", f"应为{'、'.join(AREA_KINDS)}之一"))
    if errors:
        raise ValidationError(f"区域「{name}」" if name else "区域", errors)
    return name


def add_area(db: Database, name: str, kind: str) -> int:
    name = _validate(db, name, kind, None)
    with db.atomic():
        order = db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM areas").fetchone()[0]
        cur = db.execute(
            "INSERT INTO areas (name, kind, sort_order) VALUES (?, ?, ?)", [name, kind, order]
        )
    return cur.lastrowid


def update_area(db: Database, area_id: int, name: str, kind: str) -> None:
    name = _validate(db, name, kind, area_id)
    with db.atomic():
        db.execute("UPDATE areas SET name = ?, kind = ? WHERE id = ?", [name, kind, area_id])


def delete_area(db: Database, area_id: int) -> None:
    """Delete an area no unit belongs to; otherwise refuse and say how many do."""
    row = db.execute("SELECT name FROM areas WHERE id = ?", [area_id]).fetchone()
    if row is None:
        return
    used = db.execute("SELECT count(*) FROM units WHERE area_id = ?1 OR id IN (SELECT unit_id FROM unit_years"
                      " WHERE area_id = ?1)", [area_id]).fetchone()[0]
    if used:  # a past year's record keeps its area: the returns of that year name it
        raise ValidationError(
            f"区域「{row[0]}」",
            [FieldError("name", "区域名称", f"还有 {used} 家单位（含往年）属于该区域，不能删除；"
                                           "可以改名，或把今年的单位改到别的区域")],
        )
    with db.atomic():
        db.execute("DELETE FROM areas WHERE id = ?", [area_id])


def move_area(db: Database, area_id: int, step: int) -> None:
    """Move an area up (-1) or down (+1) in the list."""
    ids = [a.id for a in list_areas(db)]
    i = ids.index(area_id)
    j = i + step
    if not 0 <= j < len(ids):
        return
    ids[i], ids[j] = ids[j], ids[i]
    with db.atomic():
        db.conn.executemany(
            "UPDATE areas SET sort_order = ? WHERE id = ?", [(n, a) for n, a in enumerate(ids, 1)]
        )
