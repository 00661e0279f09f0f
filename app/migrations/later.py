"""Schema versions 5–8: a unit's year, targets, the logic check's notes and submissions, the 操作记录."""

from __future__ import annotations

from sqlite_utils import Database

from .. import codes


def _v5_unit_years(db: Database) -> None:
    """A unit's year holds its own area and category, so that moving a unit changes that year only; headcounts
    carried into a new year are marked 待核实; the view year_units decides which units belong to a year.

    A unit belongs to year Y when it has Y's record (unit_years) and was not archived before Y ended: a unit
    closed in 2026 stays in 2025 and earlier, and leaves 2026's ledger (the year-end roll, 期末在册).
    """
    codes_sql = ", ".join(f"'{c}'" for c in sorted(codes.NON_PUBLIC_CODES))
    statements = [
        "ALTER TABLE unit_years ADD COLUMN area_id INTEGER REFERENCES areas(id)",
        "ALTER TABLE unit_years ADD COLUMN category_code TEXT REFERENCES unit_categories(code)",
        "ALTER TABLE unit_years ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1))",
        "UPDATE unit_years SET area_id = (SELECT u.area_id FROM units u WHERE u.id = unit_id),"
        " category_code = (SELECT u.category_code FROM units u WHERE u.id = unit_id)",
        # the working year keeps every unit its ledger listed (units without that year's record showed blank)
        """INSERT INTO unit_years (unit_id, year, area_id, category_code)
           SELECT u.id, w.year, u.area_id, u.category_code FROM units u,
                  (SELECT coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'working_year'
                                    AND value GLOB '[0-9][0-9][0-9][0-9]'), CAST(strftime('%Y', 'now') AS INTEGER))
                   AS year) w
           WHERE u.archived_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM unit_years y WHERE y.unit_id = u.id AND y.year = w.year)""",
        "CREATE INDEX unit_years_area ON unit_years(year, area_id)",
        f"""CREATE VIEW year_units AS
            SELECT y.unit_id, y.year, y.area_id, y.category_code, y.employees, y.female_employees, y.members,
                   y.above_scale, y.union_founded, y.founded_on, y.union_type, y.chairman, y.high_risk,
                   y.unconfirmed, coalesce(y.category_code IN ({codes_sql}), 0) AS non_public,
                   coalesce(y.category_code NOT IN ('400', '500'), 0) AS enterprise
            FROM unit_years y JOIN units u ON u.id = y.unit_id
            WHERE u.archived_at IS NULL OR u.archived_at >= printf('%04d-01-01', y.year + 1)""",
    ]
    for sql in statements:
        db.execute(sql)


def _v6_targets(db: Database) -> None:
    """Targets (目标): per year and indicator a value and a direction, for the county (area NULL) and, after
    decomposition (分解), for each area."""
    db.execute("""CREATE TABLE targets (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
        code TEXT NOT NULL CHECK (length(code) > 0),
        area_id INTEGER REFERENCES areas(id) ON DELETE CASCADE,
        value REAL NOT NULL CHECK (value >= 0),
        direction TEXT NOT NULL CHECK (direction IN ('≥', '≤'))
    )""")
    db.execute("CREATE UNIQUE INDEX targets_once ON targets(year, code, coalesce(area_id, 0))")


def _v7_checks_and_submissions(db: Database) -> None:
    """The clerk's 说明 for each 提示 of the logic check, and the record of every return submitted (上报记录):
    its file's SHA-256 and every cell's value, to answer for a figure that changed since."""
    db.execute("""CREATE TABLE check_notes (
        year INTEGER NOT NULL,
        code TEXT NOT NULL,
        record TEXT NOT NULL,
        note TEXT NOT NULL CHECK (length(trim(note)) > 0),
        author TEXT NOT NULL DEFAULT '',
        written_at TEXT NOT NULL,
        PRIMARY KEY (year, code, record)
    )""")
    db.execute("""CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL,
        year INTEGER NOT NULL,
        submitted_at TEXT NOT NULL,
        filler TEXT NOT NULL DEFAULT '',
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        status_line TEXT NOT NULL DEFAULT '',
        cells TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX submissions_year ON submissions(year, number)")


def _v8_changes(db: Database) -> None:
    """操作记录: each change of a record (written by the program's triggers, app/changes.py), and the batches
    that group an import or a paste (one entry with its row count) or note a full-ID export."""
    db.execute("""CREATE TABLE change_batches (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL DEFAULT '',
        what TEXT NOT NULL,
        rows INTEGER NOT NULL DEFAULT 0
    )""")
    db.execute("""CREATE TABLE changes (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL DEFAULT '',
        batch INTEGER REFERENCES change_batches(id) ON DELETE SET NULL,
        tbl TEXT NOT NULL,
        record_id INTEGER,
        action TEXT NOT NULL CHECK (action IN ('新增', '修改', '删除')),
        old TEXT,
        new TEXT
    )""")
    db.execute("CREATE INDEX changes_record ON changes(tbl, record_id, id)")
    db.execute("CREATE INDEX changes_batch ON changes(batch)")
    db.execute("CREATE INDEX changes_at ON changes(at)")
