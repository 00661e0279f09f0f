"""Schema versions 9–11: the templates sent down to the areas (填报模板), their deadlines and what came back;
a lighter 操作记录; names in Chinese order."""

from __future__ import annotations

from sqlite_utils import Database


def _v9_templates(db: Database) -> None:
    """A template is sent per kind, year and area (and competition, for 参赛); its deadline is set per kind and
    year; each file received back is kept with its outcome, so 报送情况 can say received, late or with errors."""
    db.execute("""CREATE TABLE template_deadlines (
        kind TEXT NOT NULL,
        year INTEGER NOT NULL,
        deadline TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        PRIMARY KEY (kind, year)
    )""")
    db.execute("""CREATE TABLE template_sends (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        year INTEGER NOT NULL,
        area_id INTEGER REFERENCES areas(id) ON DELETE CASCADE,
        competition_id INTEGER REFERENCES competitions(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        made_at TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX template_sends_year ON template_sends(year, kind)")
    db.execute("""CREATE TABLE template_receipts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        year INTEGER NOT NULL,
        area_id INTEGER REFERENCES areas(id) ON DELETE CASCADE,
        competition_id INTEGER REFERENCES competitions(id) ON DELETE CASCADE,
        received_at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        written INTEGER NOT NULL DEFAULT 0,
        refused INTEGER NOT NULL DEFAULT 0,
        summary TEXT NOT NULL DEFAULT '',
        cells TEXT
    )""")
    db.execute("CREATE INDEX template_receipts_year ON template_receipts(year, kind, area_id)")


def _v10_lighter_changes(db: Database) -> None:
    """The 操作记录's indexes on batch and time go: each cost every recorded row of a 20,000-row import its share
    (a batch's rows are counted by their ids, which follow each other; a date filter reads newest first)."""
    db.execute("DROP INDEX IF EXISTS changes_batch")
    db.execute("DROP INDEX IF EXISTS changes_at")


def _v11_name_keys(db: Database) -> None:
    """Units and people get the pinyin sort key of their names (app/collation.py), filled here for every row and
    kept current by the triggers of each program connection, so that lists sort in Chinese order in SQL."""
    from ..collation import name_key

    for table in ("units", "persons"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN name_key TEXT NOT NULL DEFAULT ''")
        rows = db.execute(f"SELECT id, name FROM {table}").fetchall()
        db.conn.executemany(f"UPDATE {table} SET name_key = ? WHERE id = ?", [(name_key(n), i) for i, n in rows])
        db.execute(f"CREATE INDEX {table}_name_key ON {table}(name_key)")


def _v12_changes_unchecked(db: Database) -> None:
    """The 操作记录's CHECK on its action goes: only the program's triggers write it, with one of three words, and
    checking the Chinese words cost each recorded row about a fifth of its price (2 µs of 9). SQLite cannot drop
    a constraint, so the table is rebuilt, rows and ids kept."""
    db.execute("""CREATE TABLE changes_v12 (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL DEFAULT '',
        batch INTEGER REFERENCES change_batches(id) ON DELETE SET NULL,
        tbl TEXT NOT NULL,
        record_id INTEGER,
        action TEXT NOT NULL,
        old TEXT,
        new TEXT
    )""")
    db.execute("INSERT INTO changes_v12 SELECT id, at, who, batch, tbl, record_id, action, old, new FROM changes")
    db.execute("DROP TABLE changes")
    db.execute("ALTER TABLE changes_v12 RENAME TO changes")
    db.execute("CREATE INDEX changes_record ON changes(tbl, record_id, id)")


def _v13_history_settles_later(db: Database) -> None:
    """A batch's entries (a paste, an import) are written without the index that finds a record's history and join
    it later, when the window is idle (app/changes/record.py `settle`): 1,000 entries of a paste landing all over that
    index were half the 操作记录's price on the paste. Until then they are found through a small index of the
    entries still waiting, which only ever grows at its end. And the row before a change is kept as an array of its
    values, the names of its columns once in `change_layouts`: a quarter of the bytes."""
    db.execute("ALTER TABLE changes ADD COLUMN pending INTEGER")
    db.execute("DROP INDEX changes_record")
    db.execute("CREATE INDEX changes_record ON changes(tbl, record_id, id) WHERE pending IS NULL")
    db.execute("CREATE INDEX changes_pending ON changes(id) WHERE pending = 1")
    # the row before a change is kept as an array of its values: the names of its columns are kept here, once
    db.execute("""CREATE TABLE change_layouts (
        id INTEGER PRIMARY KEY,
        tbl TEXT NOT NULL,
        columns TEXT NOT NULL,
        UNIQUE (tbl, columns)
    )""")
