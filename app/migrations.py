"""Versioned schema migrations. Each runs in its own transaction; never edit a shipped one."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from . import codes


def _v1_foundation(db: Database) -> None:
    """Settings, areas, code lists, units and their per-year figures."""
    statements = [
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE areas (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('乡镇', '街道', '园区')),
            sort_order INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE unit_categories (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            non_public INTEGER NOT NULL CHECK (non_public IN (0, 1))
        )""",
        """CREATE TABLE industries (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL
        )""",
        """CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            credit_code TEXT UNIQUE CHECK (credit_code IS NULL OR length(credit_code) = 18),
            area_id INTEGER REFERENCES areas(id),
            industry_code TEXT REFERENCES industries(code),
            industry_tags TEXT NOT NULL DEFAULT '',
            category_code TEXT REFERENCES unit_categories(code),
            address TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            archived_at TEXT,
            created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
            updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
        )""",
        "CREATE INDEX units_area ON units(area_id)",
        "CREATE INDEX units_name ON units(name)",
        """CREATE TABLE unit_years (
            unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
            year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
            employees INTEGER CHECK (employees IS NULL OR employees >= 0),
            female_employees INTEGER CHECK (female_employees IS NULL OR (female_employees >= 0
                AND (employees IS NULL OR female_employees <= employees))),
            members INTEGER CHECK (members IS NULL OR (members >= 0
                AND (employees IS NULL OR members <= employees))),
            above_scale INTEGER NOT NULL DEFAULT 0 CHECK (above_scale IN (0, 1)),
            union_founded INTEGER NOT NULL DEFAULT 0 CHECK (union_founded IN (0, 1)),
            founded_on TEXT,
            union_type TEXT CHECK (union_type IS NULL OR union_type IN ('独立', '联合')),
            chairman TEXT NOT NULL DEFAULT '',
            high_risk INTEGER NOT NULL DEFAULT 0 CHECK (high_risk IN (0, 1)),
            PRIMARY KEY (unit_id, year)
        )""",
        "CREATE INDEX unit_years_year ON unit_years(year, unit_id)",
    ]
    for sql in statements:
        db.execute(sql)
    db.conn.executemany(
        "INSERT INTO unit_categories (code, name, non_public) VALUES (?, ?, ?)",
        [(c, n, int(np)) for c, n, np in codes.UNIT_CATEGORIES],
    )
    db.conn.executemany("INSERT INTO industries (code, name) VALUES (?, ?)", codes.INDUSTRIES)


def _v2_persons(db: Database) -> None:
    """Persons (职工): the people of competitions, contests and honors."""
    db.execute("""CREATE TABLE persons (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        sex TEXT CHECK (sex IS NULL OR sex IN ('男', '女')),
        id_number TEXT UNIQUE CHECK (id_number IS NULL OR length(id_number) = 18),
        birth_date TEXT,
        unit_id INTEGER REFERENCES units(id),
        post TEXT NOT NULL DEFAULT '',
        skill_level TEXT NOT NULL DEFAULT '',
        political TEXT NOT NULL DEFAULT '',
        education TEXT NOT NULL DEFAULT '',
        is_head INTEGER NOT NULL DEFAULT 0 CHECK (is_head IN (0, 1)),
        phone TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
        updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
    )""")
    db.execute("CREATE INDEX persons_unit ON persons(unit_id)")
    db.execute("CREATE INDEX persons_name ON persons(name)")


# Index i holds the migration that takes a file from version i to version i + 1.
MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_foundation,
    _v2_persons,
]
SCHEMA_VERSION = len(MIGRATIONS)
