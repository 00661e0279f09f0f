"""Writing the 操作记录: the triggers each program connection installs (who, when, which record, the row before),
batches (an import, a paste: one entry with its row count), the writes not recorded, and the entries of a batch
joining the history index later (`settle`)."""

from __future__ import annotations

import contextlib
import getpass
import json
import sqlite3
from collections.abc import Iterator

from sqlite_utils import Database

# table → (its name for the clerk, the column a record is found by)
AUDITED: dict[str, tuple[str, str]] = {
    "units": ("单位", "id"), "unit_years": ("单位年度情况", "unit_id"), "persons": ("职工", "id"),
    "competitions": ("竞赛", "id"), "participations": ("参赛单位", "unit_id"), "trades": ("工种", "id"),
    "contestants": ("选手", "id"), "annual_figures": ("年度数据", "unit_id"), "innovations": ("创新成果", "id"),
    "honors": ("荣誉", "id"), "honor_titles": ("称号目录", "id"), "studios": ("工作室", "id"),
    "hazards": ("隐患档案", "id"), "safety_events": ("安全活动", "id"), "targets": ("目标", "id"),
    "areas": ("区域", "id"),
}
QUIET = ("updated_at", "created_at", "name_key")   # not shown as a change of their own


def install(conn: sqlite3.Connection, who: str | None = None) -> None:
    """The session row and the triggers on one connection (a file without the changes table gets none).

    What a change keeps, to stay cheap on a 20,000-row import or a 1,000-row paste: the row before (none for a
    new record) and the key of the row after (nothing when the key is the record_id itself) — what the row became
    is the "before" of its next change, or the record as it is now (see `entries`); a change is written only when a
    column other than the times moved. The row before is a JSON array of its values after the number of its
    columns' names in `change_layouts` (a quarter of the bytes of an object naming each column).
    Inside a batch every change carries the batch's time instead of asking the clock for each row, and is left out
    of the index of each record's history until `settle` (1,000 pasted rows would otherwise land all over it).
    """
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'changes'").fetchone():
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS ledger_session (who TEXT, batch INTEGER, quiet INTEGER, at TEXT,"
                 " covered TEXT)")
    conn.execute("DELETE FROM temp.ledger_session")
    conn.execute("INSERT INTO temp.ledger_session VALUES (?, NULL, 0, NULL, NULL)", [who or _who(conn)])
    # a file of schema 12 and before (a migration's test stops there) has no `pending`: every entry indexed at once
    later = any(r[1] == "pending" for r in conn.execute("PRAGMA main.table_info(changes)"))
    pending = (", pending", ", CASE WHEN s.batch IS NULL THEN NULL ELSE 1 END") if later else ("", "")
    for table, (_, key) in AUDITED.items():
        info = conn.execute(f"PRAGMA main.table_info({table})").fetchall()
        columns = [r[1] for r in info]
        if not columns:
            continue
        keys = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]] or [key]
        KEYS[table] = keys
        layout = _layout(conn, table, columns)
        before = (f"json_array({layout}, " + ", ".join(f"OLD.{c}" for c in columns) + ")" if layout is not None else
                  "json_object(" + ", ".join(f"'{c}', OLD.{c}" for c in columns) + ")")
        for event, row, action in (("INSERT", "NEW", "新增"), ("UPDATE", "NEW", "修改"), ("DELETE", "OLD", "删除")):
            old = "NULL" if event == "INSERT" else before
            # a new record whose key is its record_id keeps nothing more: `entries` gives it back its key
            new = ("NULL" if event == "DELETE" or (event == "INSERT" and keys == [key]) else
                   "json_object(" + ", ".join(f"'{c}', NEW.{c}" for c in keys) + ")")
            moved = (" AND (" + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns if c not in QUIET) + ")"
                     if event == "UPDATE" else "")  # an update that changed nothing but its times: none
            covered = f" AND s.covered IS NOT '{table}'" if event == "INSERT" else ""  # see `covered`
            # one read of the session row gives who, when, the batch and whether to record at all
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS log_{table}_{event.lower()} AFTER {event} ON main.{table}"
                f" WHEN 1{moved} BEGIN"
                f" INSERT INTO changes (at, who, batch, tbl, record_id, action, old, new{pending[0]})"
                f" SELECT coalesce(s.at, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')), s.who, s.batch,"
                f" '{table}', {row}.{key}, '{action}', {old}, {new}{pending[1]} FROM temp.ledger_session s"
                f" WHERE s.quiet = 0{covered};"
                f" END")


KEYS: dict[str, list[str]] = {}   # table → its primary key columns (filled by install)


def _layout(conn: sqlite3.Connection, table: str, columns: list[str]) -> int | None:
    """The number of *table*'s columns as they are now in `change_layouts`, entered there the first time; None for
    a file without that table (schema 12 and before) or one that cannot be written (whose triggers never fire):
    its entries then name each column."""
    names = json.dumps(columns)
    try:
        found = conn.execute("SELECT id FROM change_layouts WHERE tbl = ? AND columns = ?", [table, names]).fetchone()
        if found:
            return found[0]
        return conn.execute("INSERT INTO change_layouts (tbl, columns) VALUES (?, ?)", [table, names]).lastrowid
    except sqlite3.Error:  # no such table, read-only, busy
        return None


def _who(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = 'filler'").fetchone()
    if row and row[0].strip():
        return row[0].strip()
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment
        return ""


def _session(db: Database, **values: object) -> None:
    if db.execute("SELECT 1 FROM sqlite_temp_master WHERE name = 'ledger_session'").fetchone():
        sets = ", ".join(f"{k} = ?" for k in values)
        db.execute(f"UPDATE temp.ledger_session SET {sets}", list(values.values()))


@contextlib.contextmanager
def batch(db: Database, what: str) -> Iterator[int]:
    """The changes made inside as one entry (an import, a paste) with its row count, in one transaction."""
    with db.atomic():
        batch_id = db.execute("INSERT INTO change_batches (at, who, what) VALUES (strftime('%Y-%m-%d %H:%M:%S',"
                              " 'now', 'localtime'), (SELECT who FROM temp.ledger_session), ?)", [what]).lastrowid
        at = db.execute("SELECT at FROM change_batches WHERE id = ?", [batch_id]).fetchone()[0]
        first = db.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]
        outer = db.execute("SELECT batch, at FROM temp.ledger_session").fetchone()
        _session(db, batch=batch_id, at=at)
        try:
            yield batch_id
        finally:
            _session(db, batch=outer[0] if outer else None, at=outer[1] if outer else None)
        # a batch's changes follow each other (one writer, one transaction): counted by their ids, no index
        db.execute("UPDATE change_batches SET rows = (SELECT count(*) FROM changes WHERE id > ? AND batch = ?)"
                   " WHERE id = ?", [first, batch_id, batch_id])


@contextlib.contextmanager
def quiet(db: Database) -> Iterator[None]:
    """Writes that are not the clerk's (the example county being built): not recorded."""
    _session(db, quiet=1)
    try:
        yield
    finally:
        _session(db, quiet=0)


@contextlib.contextmanager
def covered(db: Database, table: str) -> Iterator[None]:
    """New rows of *table* made inside are part of a record whose own 新增 entry was just written — a new unit's
    year records: not entered again (the unit's entry shows them, see `_years_made_with`). Half of a 20,000-unit
    import's entries, and their cost, go this way; undoing the unit's 新增 takes its year records with it (and
    enters their deletion). Inside an outer `covered` of the same table (an import's run of new units) it costs
    nothing."""
    if getattr(db, "_ledger_covered", None) == table:
        yield
        return
    _session(db, covered=table)
    db._ledger_covered = table
    try:
        yield
    finally:
        _session(db, covered=None)
        db._ledger_covered = None


def note(db: Database, what: str) -> None:
    """An entry with no record of its own: a full-ID export, with its file."""
    with db.atomic():
        db.execute("INSERT INTO change_batches (at, who, what, rows) VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now',"
                   " 'localtime'), (SELECT who FROM temp.ledger_session), ?, 0)", [what])


def settle(db: Database, most: int = 5000) -> bool:
    """Bring up to *most* of the batches' entries into the index of each record's history (see `install`), in one
    short transaction that never waits: a file another program is writing, or one open read-only, is left for the
    next time. Returns whether entries are still waiting. The window calls it when idle; nothing depends on it
    having run (`_of_record` finds waiting entries too)."""
    if not _has_pending_column(db) or db.execute("PRAGMA query_only").fetchone()[0]:
        return False
    if not db.execute("SELECT 1 FROM changes WHERE pending = 1 LIMIT 1").fetchone():
        return False
    waits = db.execute("PRAGMA busy_timeout").fetchone()[0]
    db.execute("PRAGMA busy_timeout = 0")
    try:
        with db.atomic():
            db.execute("UPDATE changes SET pending = NULL WHERE id IN (SELECT id FROM changes WHERE pending = 1"
                       " ORDER BY id LIMIT ?)", [most])
    except sqlite3.OperationalError:  # busy or locked: another writer now; next time
        return True
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(waits)}")
    return db.execute("SELECT 1 FROM changes WHERE pending = 1 LIMIT 1").fetchone() is not None


def _has_pending_column(db: Database) -> bool:
    found = getattr(db, "_ledger_pending_column", None)
    if found is None:
        found = any(r[1] == "pending" for r in db.execute("PRAGMA main.table_info(changes)"))
        db._ledger_pending_column = found
    return found
