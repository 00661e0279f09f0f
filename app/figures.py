"""Annual figures (年度数据): the totals each unit reports for a year, edited cell by cell or a pasted block.

Every change is checked before anything is written: counts are whole numbers ≥ 0, 经济效益 a decimal ≥ 0,
合理化建议实施 ≤ 提出, and a total never falls below the itemised results registered for that unit, kind and
year (DOMAIN.md §3: itemised ≤ reported). A batch is written in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from .codes import ANNUAL_FIGURES, DECIMAL_FIGURES, FIGURE_KEYS, INNOVATION_KINDS
from .db import dict_rows
from .errors import LedgerError
from .normalize import clean_text, parse_amount, parse_count
from .unit_search import UnitFilter, search

LABELS = {key: title for key, title, _ in ANNUAL_FIGURES}
# The figure that counts each kind of itemised result, and 实施 for implemented suggestions.
COUNTED_BY = {figure: kind for kind, figure in INNOVATION_KINDS.items() if figure}


@dataclass(frozen=True)
class Change:
    unit_id: int
    key: str
    value: object        # what was typed or pasted: text, a number, or None to clear


@dataclass(frozen=True)
class CellError:
    unit_id: int
    key: str
    raw: object
    reason: str

    def describe(self, unit_name: str) -> str:
        shown = clean_text(self.raw)
        value = "" if shown and f"「{shown}」" in self.reason else f"「{shown}」" if shown else "（清空）"
        return f"「{unit_name}」的「{LABELS[self.key]}」{value}：{self.reason}"


def parse_value(key: str, value: object) -> int | float | None:
    """A cell's value: None when blank; ValueError with a Chinese reason when it is not a figure."""
    if key not in LABELS:
        raise ValueError(f"没有「{key}」这一项年度数据")
    if key in DECIMAL_FIGURES:
        return parse_amount(value)
    return parse_count(value)


def unit_ids(db: Database, year: int, area_id: int | None = None, text: str = "") -> list[int]:
    """The units of the grid for *year*: those in the ledger (not archived), in the ledger's order."""
    return search(db, year, UnitFilter(text=text, area_id=area_id)).ids


def fetch(db: Database, year: int, ids: list[int]) -> dict[int, dict[str, object]]:
    """Each unit's name, area and figures for *year* (None where not reported), and `recorded_times`: the
    参赛职工人次 its participation records prove (app.indicators counts the larger of the two)."""
    from .indicators import participation_records

    out: dict[int, dict[str, object]] = {}
    columns = ", ".join(f"f.{k}" for k in FIGURE_KEYS)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cur = db.execute(
            f"SELECT u.id, u.name, a.name AS area, {columns} FROM units u"
            f" LEFT JOIN unit_years y ON y.unit_id = u.id AND y.year = ?1"
            f" LEFT JOIN areas a ON a.id = coalesce(y.area_id, u.area_id)"
            f" LEFT JOIN annual_figures f ON f.unit_id = u.id AND f.year = ?1"
            f" WHERE u.id IN ({', '.join('?' for _ in chunk)})", [year, *chunk])
        out.update((r["id"], r) for r in dict_rows(cur))
        recorded = participation_records(db, year, chunk)
        for unit_id in chunk:
            if unit_id in out:
                out[unit_id]["recorded_times"] = recorded.get(unit_id, 0)
    return out


def itemised(db: Database, year: int, ids: list[int]) -> dict[int, dict[str, int]]:
    """How many itemised results each unit has registered for *year*, by the figure that counts them."""
    out: dict[int, dict[str, int]] = {}
    kinds = {kind: figure for kind, figure in INNOVATION_KINDS.items() if figure}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for unit_id, kind, count, done in db.execute(
                f"SELECT unit_id, kind, count(*), sum(implemented) FROM innovations WHERE year = ? AND unit_id IN "
                f"({', '.join('?' for _ in chunk)}) GROUP BY unit_id, kind", [year, *chunk]):
            if kind in kinds:
                counts = out.setdefault(unit_id, {})
                counts[kinds[kind]] = count
                if kinds[kind] == "suggestions_made":
                    counts["suggestions_adopted"] = done or 0
    return out


def check(db: Database, year: int, changes: list[Change]) -> tuple[list[Change], list[CellError]]:
    """The changes that can be written (values parsed) and those refused, with the reason for each."""
    ids = sorted({c.unit_id for c in changes})
    current = fetch(db, year, ids)
    counts = itemised(db, year, ids)
    parsed: list[Change] = []
    refused: list[CellError] = []
    for c in changes:
        if c.unit_id not in current:
            refused.append(CellError(c.unit_id, c.key, c.value, "单位已不存在"))
            continue
        try:
            parsed.append(Change(c.unit_id, c.key, parse_value(c.key, c.value)))
        except ValueError as exc:
            refused.append(CellError(c.unit_id, c.key, c.value, str(exc)))
    after = {uid: dict(row) for uid, row in current.items()}
    for c in parsed:
        after[c.unit_id][c.key] = c.value
    ok: list[Change] = []
    raw = {(c.unit_id, c.key): c.value for c in changes}
    for c in parsed:
        row = after[c.unit_id]
        reason = ""
        made, adopted = row["suggestions_made"], row["suggestions_adopted"]
        blamed = "suggestions_adopted" if (c.unit_id, "suggestions_adopted") in raw else "suggestions_made"
        if c.key == blamed and adopted is not None and adopted > (made or 0):
            reason = f"实施 {adopted} 件多于提出 {made or 0} 件"
        need = counts.get(c.unit_id, {}).get(c.key, 0)
        if not reason and need and (c.value or 0) < need:
            what = "已实施的合理化建议" if c.key == "suggestions_adopted" else f"{COUNTED_BY.get(c.key, '')}成果"
            reason = f"创新成果中已登记 {need} 项{what}，合计数不能少于 {need}"
        if reason:
            refused.append(CellError(c.unit_id, c.key, raw[(c.unit_id, c.key)], reason))
        else:
            ok.append(c)
    return ok, refused


def current_values(db: Database, year: int, cells: list[tuple[int, str]]) -> list[Change]:
    """The stored values of the given cells (for undo)."""
    rows = fetch(db, year, sorted({uid for uid, _ in cells}))
    return [Change(uid, key, rows.get(uid, {}).get(key)) for uid, key in cells]


def write(db: Database, year: int, changes: list[Change]) -> int:
    """Store parsed values in one transaction (checked by `check` first). Returns the cells written."""
    by_unit: dict[int, dict[str, object]] = {}
    for c in changes:
        if c.key not in LABELS:
            raise LedgerError(f"没有「{c.key}」这一项年度数据")
        by_unit.setdefault(c.unit_id, {})[c.key] = c.value
    ids = list(by_unit)
    present = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        present.update(r[0] for r in db.execute(
            f"SELECT unit_id FROM annual_figures WHERE year = ? AND unit_id IN ({', '.join('?' for _ in chunk)})",
            [year, *chunk]))
    # One statement a row with all its changed cells, so that 实施 ≤ 提出 is checked on the finished row;
    # existing rows are updated, not upserted (SQLite checks an upsert's would-be new row first).
    inserts: dict[tuple[str, ...], list[tuple[object, ...]]] = {}
    updates: dict[tuple[str, ...], list[tuple[object, ...]]] = {}
    for unit_id, values in by_unit.items():
        if unit_id in present:
            updates.setdefault(tuple(values), []).append((*values.values(), unit_id, year))
        else:
            inserts.setdefault(tuple(values), []).append((unit_id, year, *values.values()))
    with db.atomic():
        for keys, rows in updates.items():
            db.conn.executemany(f"UPDATE annual_figures SET {', '.join(f'{k} = ?' for k in keys)}, updated_at = "
                                "datetime('now', 'localtime') WHERE unit_id = ? AND year = ?", rows)
        for keys, rows in inserts.items():
            db.conn.executemany(f"INSERT INTO annual_figures (unit_id, year, {', '.join(keys)}) VALUES (?, ?"
                                f"{', ?' * len(keys)})", rows)
        # a row left with no figure at all is no report (已填报 counts rows): cleared, or typed and undone
        empty = " AND ".join(f"{k} IS NULL" for k in FIGURE_KEYS)
        db.conn.executemany(f"DELETE FROM annual_figures WHERE unit_id = ? AND year = ? AND {empty}",
                            [(u, year) for u in ids])
    return len(changes)


def apply(db: Database, year: int, changes: list[Change], skip_invalid: bool = False) -> list[CellError]:
    """Check and write; with refusals nothing is written unless *skip_invalid*. Returns the refusals."""
    ok, refused = check(db, year, changes)
    if ok and (skip_invalid or not refused):
        write(db, year, ok)
    return refused


def raise_total(db: Database, unit_id: int, year: int, key: str, at_least: int) -> None:
    """Raise a unit's total to *at_least* (when an itemised result would exceed it); the caller holds the
    transaction."""
    if key not in LABELS:
        raise LedgerError(f"没有「{key}」这一项年度数据")
    cur = db.execute(f"UPDATE annual_figures SET {key} = max(coalesce({key}, 0), ?), updated_at = "
                     "datetime('now', 'localtime') WHERE unit_id = ? AND year = ?", [at_least, unit_id, year])
    if cur.rowcount == 0:
        db.execute(f"INSERT INTO annual_figures (unit_id, year, {key}) VALUES (?, ?, ?)", [unit_id, year, at_least])


def list_rows(db: Database, year: int, area_id: int | None = None) -> list[dict[str, object]]:
    """Every active unit's figures for *year*, in the ledger's order: for exports and the command line."""
    ids = unit_ids(db, year, area_id)
    rows = fetch(db, year, ids)
    return [rows[i] for i in ids]
