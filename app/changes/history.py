"""Reading the 操作记录: its entries as the clerk reads them (the record by its name, old → new per field), a
record's history, and undoing an entry."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from ..db import dict_rows
from ..errors import LedgerError
from .record import AUDITED, KEYS, QUIET, _has_pending_column, batch


def _values(db: Database, text: str | None) -> dict | None:
    """A stored row (`old`): a JSON array after its layout's number, or (entries before schema 13) an object."""
    if not text:
        return None
    values = json.loads(text)
    if isinstance(values, dict):
        return values
    layouts = getattr(db, "_ledger_layouts", None)
    if layouts is None or values[0] not in layouts:
        layouts = {i: json.loads(c) for i, c in db.execute("SELECT id, columns FROM change_layouts")}
        db._ledger_layouts = layouts
    return dict(zip(layouts[values[0]], values[1:], strict=True))


def _of_record(db: Database, table: str, record_id: int | None, alias: str = "") -> tuple[str, list[object]]:
    """The SQL condition (and its parameters) for the entries of one record: through the history index, or among
    the entries still waiting to join it (few, and found by their own small index)."""
    c = f"{alias}." if alias else ""
    if not _has_pending_column(db):
        return f"{c}tbl = ? AND {c}record_id IS ?", [table, record_id]
    # spelt out as the two lookups: with an OR, SQLite may read the whole record in id order instead
    return (f"{c}id IN (SELECT id FROM changes WHERE tbl = ? AND record_id IS ? AND pending IS NULL UNION ALL"
            " SELECT id FROM changes WHERE pending = 1 AND tbl = ? AND record_id IS ?)",
            [table, record_id, table, record_id])


@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    who: str
    table: str
    record_id: int | None
    action: str
    old: dict | None
    new: dict | None
    batch: str                 # what the batch was (导入单位名单 …), "" for a single change
    made_with: tuple[tuple[str, object], ...] = ()   # a new unit: the year records made with it (see `covered`)
    record_name: str = ""      # the unit, person or competition the record is of, where it has a name

    @property
    def table_name(self) -> str:
        return AUDITED.get(self.table, (self.table, ""))[0]

    @property
    def record(self) -> str:
        """The record as the clerk knows it: 年度数据（青山机械有限公司）, or by its number where it has no name."""
        return f"{self.table_name}（{self.record_name or f'编号 {self.record_id}'}）"

    def fields(self, filled: bool = False) -> list[tuple[str, object, object]]:
        """(column, before, after) of what changed; every column for a new or deleted record — with *filled*, only
        those that hold something."""
        keys = list((self.new or self.old or {}).keys())
        out = []
        for k in keys:
            before = (self.old or {}).get(k)
            after = (self.new or {}).get(k)
            if k in QUIET or (self.action == "修改" and before == after):
                continue
            if filled and self.action != "修改" and (before if self.action == "删除" else after) in (None, ""):
                continue
            if filled and self.record_name and k == AUDITED.get(self.table, ("", ""))[1] and k != "id":
                continue  # 单位：50 — the record's name says it
            out.append((k, before, after))
        return out + [(label, None, value) for label, value in self.made_with]

    def summary(self) -> str:
        """What changed, in the clerk's words: old → new of a change; what a new or deleted record held."""
        names = column_labels(self.table)
        parts = [f"{names.get(k, k)}：{'' if a is None else a} → {'' if b is None else b}" if self.action == "修改"
                 else f"{names.get(k, k)}：{b if self.action == '新增' else a}" for k, a, b in self.fields(filled=True)]
        text = "；".join(str(p) for p in parts[:8])
        return text + ("……" if len(parts) > 8 else "")


def column_labels(table: str) -> dict[str, str]:
    """A table's columns as the clerk knows them from its form (note → 备注), for the 操作记录."""
    from .. import competitions, figures, honors, innovations, persons, safety, studios, units
    from ..participation import PARTICIPATION_LABELS

    common = {"year": "年度", "unit_id": "单位", "area_id": "所属区域", "category_code": "单位类别", "note": "备注",
              "archived_at": "归档日期", "industry_code": "行业", "industry_tags": "重点产业"}
    by_table = {"units": units.UNIT_LABELS, "unit_years": units.YEAR_LABELS, "persons": persons.PERSON_LABELS,
                "competitions": competitions.LABELS, "participations": PARTICIPATION_LABELS,
                "annual_figures": figures.LABELS, "innovations": innovations.LABELS, "honors": honors.LABELS,
                "studios": studios.LABELS, "hazards": safety.HAZARD_LABELS, "safety_events": safety.EVENT_LABELS}
    return common | by_table.get(table, {})


def entries(db: Database, table: str | None = None, since: str | None = None, who: str | None = None,
            record: tuple[str, int] | None = None, limit: int = 2000, change_id: int | None = None) -> list[Entry]:
    """Newest first, filtered by table, date (YYYY-MM-DD), person, one record's history or one entry."""
    where, params = ["1"], []
    if change_id is not None:
        where.append("c.id = ?")
        params.append(change_id)
    if table:
        where.append("c.tbl = ?")
        params.append(table)
    if since:
        where.append("c.at >= ?")
        params.append(since)
    if who:
        where.append("c.who LIKE ?")
        params.append(f"%{who}%")
    if record:
        condition, values = _of_record(db, record[0], record[1], "c")
        where.append(condition)
        params += values
    rows = db.execute(f"SELECT c.id, c.at, c.who, c.tbl, c.record_id, c.action, c.old, c.new, coalesce(b.what, '')"
                      f" FROM changes c LEFT JOIN change_batches b ON b.id = c.batch WHERE {' AND '.join(where)}"
                      f" ORDER BY c.id DESC LIMIT ?", [*params, limit]).fetchall()
    names = _names(db, rows)
    out = []
    for r in rows:
        new = json.loads(r[7]) if r[7] else None
        if new is None and r[5] == "新增":
            new = {AUDITED[r[3]][1]: r[4]}
        if r[5] != "删除" and new is not None and set(new) == set(_keys(db, r[3])):
            new = _after(db, r[0], r[3], r[4], new)
        made_with = _years_made_with(db, r[0], r[4]) if r[3] == "units" and r[5] == "新增" else ()
        old = _values(db, r[6])
        # the unit, person or competition by its name now, or (deleted) by the name its row had
        name = (names.get((NAMED_BY[r[3]], r[4])) or (old or {}).get("name") or (new or {}).get("name")
                if r[3] in NAMED_BY else None)
        out.append(Entry(r[0], r[1], r[2], r[3], r[4], r[5], old, new, r[8], made_with, str(name or "")))
    return out


# table → the table whose name its record_id is (a unit's year, figures and participations are the unit's)
NAMED_BY = {"units": "units", "unit_years": "units", "annual_figures": "units", "participations": "units",
            "persons": "persons", "competitions": "competitions"}


def _names(db: Database, rows: list) -> dict[tuple[str, int], str]:
    """The names of the units, people and competitions that *rows* (of `entries`) are records of."""
    wanted: dict[str, set[int]] = {}
    for r in rows:
        if r[3] in NAMED_BY and r[4] is not None:
            wanted.setdefault(NAMED_BY[r[3]], set()).add(r[4])
    found: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        ids_ = sorted(ids)
        for start in range(0, len(ids_), 500):
            chunk = ids_[start:start + 500]
            for i, name in db.execute(f"SELECT id, name FROM {table} WHERE id IN ({', '.join('?' for _ in chunk)})",
                                      chunk):
                found[(table, i)] = name
    return found


def _years_made_with(db: Database, change_id: int, unit_id: int) -> tuple[tuple[str, object], ...]:
    """The year records a new unit was made with (they have no entry of their own), as they were then: the
    "before" of each one's first later change, or the record as it is now; a year added later has its own 新增."""
    from ..units import YEAR_LABELS

    condition, values = _of_record(db, "unit_years", unit_id)
    later = db.execute(f"SELECT action, old, new FROM changes WHERE {condition} AND id > ? ORDER BY id",
                       [*values, change_id]).fetchall()
    added_later = {json.loads(new)["year"] for action, _, new in later if action == "新增" and new}
    then: dict[int, dict] = {}
    for _, old, _ in later:
        if old:
            values = _values(db, old)
            then.setdefault(values["year"], values)
    for row in dict_rows(db.execute("SELECT * FROM unit_years WHERE unit_id = ? ORDER BY year", [unit_id])):
        then.setdefault(row["year"], row)
    return tuple((f"{year}年度{YEAR_LABELS.get(k, k)}", v) for year, row in sorted(then.items())
                 if year not in added_later for k, v in row.items()
                 if k not in ("unit_id", "year", *QUIET) and v not in (None, "", 0))


def _keys(db: Database, table: str) -> list[str]:
    if table not in KEYS:
        info = db.execute(f"PRAGMA main.table_info({table})").fetchall()
        KEYS[table] = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]] or [AUDITED[table][1]]
    return KEYS[table]


def _after(db: Database, change_id: int, table: str, record_id: int | None, key: dict) -> dict:
    """What a record was right after a change (whose entry keeps only its key): the "before" of the next change
    to it, or the record as it is now; its key alone when it is gone without a trace."""
    condition, values = _of_record(db, table, record_id)
    for (old,) in db.execute(f"SELECT old FROM changes WHERE {condition} AND id > ? AND old IS NOT NULL ORDER BY id",
                             [*values, change_id]):
        values = _values(db, old)
        if all(values.get(k) == v for k, v in key.items()):
            return values
    cur = db.execute(f"SELECT * FROM {table} WHERE {' AND '.join(f'{k} = ?' for k in key)}", list(key.values()))
    found = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], found, strict=True)) if found else key


def batches(db: Database, limit: int = 500) -> list[dict[str, object]]:
    cur = db.execute("SELECT id, at, who, what, rows FROM change_batches ORDER BY id DESC LIMIT ?", [limit])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def _current(db: Database, e: Entry) -> dict | None:
    key = AUDITED[e.table][1]
    row = e.new or e.old or {}
    match = [k for k in ("id", "unit_id", "year", "competition_id") if k in row and (k == key or k in ("year",
             "competition_id"))]
    where = " AND ".join(f"{k} = ?" for k in match)
    cur = db.execute(f"SELECT * FROM {e.table} WHERE {where}", [row[k] for k in match])
    found = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], found, strict=True)) if found else None


def undo(db: Database, change_id: int) -> str:
    """Bring back what entry *change_id* deleted, or take back what it changed or added, when the record is
    still as that entry left it. Returns what was done, in words."""
    found = entries(db, change_id=change_id) if change_id else []
    if not found:
        raise LedgerError(f"没有编号为 {change_id} 的操作记录。")
    e = found[0]
    now = _current(db, e)

    def same(a: dict | None, b: dict | None) -> bool:
        def strip(d: dict | None) -> dict:
            return {k: v for k, v in (d or {}).items() if k not in QUIET}

        return strip(a) == strip(b)

    with batch(db, f"撤销第 {change_id} 条操作记录"):
        if e.action == "删除":
            if now is not None:
                raise LedgerError(f"{e.table_name}（编号 {e.record_id}）已经在了，不用恢复。")
            cols = list(e.old)
            try:
                db.execute(f"INSERT INTO {e.table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                           [e.old[c] for c in cols])
            except sqlite3.IntegrityError as exc:
                raise LedgerError(f"不能恢复这条{e.table_name}：它引用的记录已不存在，"
                                  f"或已有同样的记录（{exc}）。") from exc
            return f"已恢复删除的{e.table_name}（编号 {e.record_id}）"
        if not same(now, e.new):
            raise LedgerError(f"这条{e.table_name}在第 {change_id} 条之后又改过，不能撤销这一条；请先撤销后来的。")
        if e.action == "新增":
            _delete(db, e)
            return f"已撤销新增的{e.table_name}（编号 {e.record_id}）"
        sets = [k for k in e.old if k not in QUIET and e.old[k] != e.new.get(k)]
        if not sets:
            raise LedgerError(f"第 {change_id} 条只改了修改时间，没有可以撤销的内容。")
        key_cols = [k for k in ("id", "unit_id", "year", "competition_id") if k in e.old and k not in sets]
        db.execute(f"UPDATE {e.table} SET {', '.join(f'{k} = ?' for k in sets)} WHERE "
                   f"{' AND '.join(f'{k} = ?' for k in key_cols)}", [*(e.old[k] for k in sets),
                                                                     *(e.old[k] for k in key_cols)])
        return f"已把{e.table_name}（编号 {e.record_id}）改回：{'、'.join(sets)}"


def _delete(db: Database, e: Entry) -> None:
    key_cols = [k for k in ("id", "unit_id", "year", "competition_id") if k in e.new]
    try:
        db.execute(f"DELETE FROM {e.table} WHERE {' AND '.join(f'{k} = ?' for k in key_cols)}",
                   [e.new[k] for k in key_cols])
    except sqlite3.IntegrityError as exc:
        raise LedgerError(f"不能撤销：别的记录引用着这条{e.table_name}（{exc}）。") from exc
