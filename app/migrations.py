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
    # Covers every column a search compares, in the list's order (name, then id): a search reads this index
    # alone, with no sort and no lookups in the table (20-40 ms on 100,000 people, 170 ms with an index on name).
    db.execute("CREATE INDEX persons_search ON persons(name, id, unit_id, phone, id_number)")


def _v3_competitions(db: Database) -> None:
    """Competitions (竞赛) with their plan, phases, participating units, and skills contests' trades and contestants."""
    statements = [
        """CREATE TABLE competitions (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            kind TEXT NOT NULL,
            level TEXT NOT NULL,
            organizer TEXT NOT NULL DEFAULT '',
            co_organizers TEXT NOT NULL DEFAULT '',
            leading_body TEXT NOT NULL DEFAULT '',
            starts_on TEXT,
            ends_on TEXT,
            budget REAL CHECK (budget IS NULL OR budget >= 0),
            status TEXT NOT NULL DEFAULT '筹备' CHECK (status IN ('筹备', '进行中', '已结束', '已表彰')),
            content TEXT NOT NULL DEFAULT '',
            requirements TEXT NOT NULL DEFAULT '',
            method TEXT NOT NULL DEFAULT '',
            scope TEXT NOT NULL DEFAULT '',
            evaluation TEXT NOT NULL DEFAULT '',
            copied_from INTEGER REFERENCES competitions(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
            updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
            CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)
        )""",
        "CREATE INDEX competitions_year ON competitions(year)",
        """CREATE TABLE competition_phases (
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            phase TEXT NOT NULL CHECK (phase IN ('动员部署', '推进实施', '总结提高')),
            starts_on TEXT,
            ends_on TEXT,
            PRIMARY KEY (competition_id, phase),
            CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)
        )""",
        """CREATE TABLE participations (
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            participants INTEGER CHECK (participants IS NULL OR participants >= 0),
            score REAL,
            rank INTEGER CHECK (rank IS NULL OR rank >= 1),
            award TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (competition_id, unit_id)
        )""",
        "CREATE INDEX participations_unit ON participations(unit_id)",
        """CREATE TABLE trades (
            id INTEGER PRIMARY KEY,
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            UNIQUE (competition_id, name)
        )""",
        """CREATE TABLE contestants (
            id INTEGER PRIMARY KEY,
            trade_id INTEGER NOT NULL REFERENCES trades(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES persons(id),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            score REAL,
            rank INTEGER CHECK (rank IS NULL OR rank >= 1),
            UNIQUE (trade_id, person_id),
            UNIQUE (trade_id, rank)
        )""",
        "CREATE INDEX contestants_person ON contestants(person_id)",
    ]
    for sql in statements:
        db.execute(sql)


def _level_rank(column: str) -> str:
    """全国 0 … 企业 4: the order of levels, as an SQL expression (an index may be built on it)."""
    return f"CASE {column} " + " ".join(f"WHEN '{lv}' THEN {n}" for n, lv in enumerate(codes.LEVELS)) + " END"


def _v4_results_and_honors(db: Database) -> None:
    """Annual figures, innovation results, the honors catalog and register, studios, safety records."""
    figures = ",\n            ".join(
        f"{key} {'REAL' if key in codes.DECIMAL_FIGURES else 'INTEGER'} CHECK ({key} IS NULL OR {key} >= 0)"
        for key in codes.FIGURE_KEYS)
    statements = [
        f"""CREATE TABLE annual_figures (
            unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
            year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
            {figures},
            updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
            PRIMARY KEY (unit_id, year),
            CHECK (suggestions_adopted IS NULL OR suggestions_adopted <= coalesce(suggestions_made, 0))
        )""",
        "CREATE INDEX annual_figures_year ON annual_figures(year)",
        """CREATE TABLE studios (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            kind TEXT NOT NULL,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            leader_id INTEGER REFERENCES persons(id),
            members INTEGER CHECK (members IS NULL OR members >= 0),
            founded_on TEXT,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (unit_id, name)
        )""",
        "CREATE INDEX studios_unit ON studios(unit_id)",
        """CREATE TABLE innovations (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
            kind TEXT NOT NULL,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            lead_id INTEGER REFERENCES persons(id),
            implemented INTEGER NOT NULL DEFAULT 0 CHECK (implemented IN (0, 1)),
            benefit REAL CHECK (benefit IS NULL OR benefit >= 0),
            patent_number TEXT NOT NULL DEFAULT '',
            patent_type TEXT NOT NULL DEFAULT '',
            patent_status TEXT NOT NULL DEFAULT '',
            award_level TEXT NOT NULL DEFAULT '',
            award_grade TEXT NOT NULL DEFAULT '',
            method_name TEXT NOT NULL DEFAULT '',
            studio_id INTEGER REFERENCES studios(id) ON DELETE SET NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX innovations_unit_year ON innovations(unit_id, year, kind)",
        "CREATE INDEX innovations_year ON innovations(year)",
        "CREATE INDEX innovations_studio ON innovations(studio_id)",
        """CREATE TABLE innovation_members (
            innovation_id INTEGER NOT NULL REFERENCES innovations(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES persons(id),
            PRIMARY KEY (innovation_id, person_id)
        )""",
        "CREATE INDEX innovation_members_person ON innovation_members(person_id)",
        """CREATE TABLE honor_titles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            recipient TEXT NOT NULL CHECK (recipient IN ('unit', 'team', 'studio', 'person')),
            level TEXT NOT NULL,
            sort_order INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE honors (
            id INTEGER PRIMARY KEY,
            title_id INTEGER NOT NULL REFERENCES honor_titles(id),
            level TEXT NOT NULL,
            year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
            recipient TEXT NOT NULL CHECK (recipient IN ('unit', 'team', 'studio', 'person')),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            team_name TEXT NOT NULL DEFAULT '',
            studio_id INTEGER REFERENCES studios(id),
            person_id INTEGER REFERENCES persons(id),
            conferred_by TEXT NOT NULL DEFAULT '',
            doc_number TEXT NOT NULL DEFAULT '',
            conferred_on TEXT,
            reward REAL CHECK (reward IS NULL OR reward >= 0),
            deeds TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT '推荐' CHECK (state IN ('推荐', '公示', '命名')),
            revoked_on TEXT,
            revoke_reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
            updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
            CHECK (revoked_on IS NULL OR length(trim(revoke_reason)) > 0),
            CHECK (recipient <> 'person' OR person_id IS NOT NULL),
            CHECK (recipient <> 'studio' OR studio_id IS NOT NULL),
            CHECK (recipient <> 'team' OR length(trim(team_name)) > 0)
        )""",
        # The register's list: a year's honors in catalog order (titles are numbered in that order), level, id,
        # covering every column a search compares, so a keystroke reads this index alone (20 ms on 50,000).
        f"""CREATE INDEX honors_list ON honors(year, title_id, ({_level_rank('level')}), id, unit_id, person_id,
            studio_id, recipient, state, revoked_on, team_name, doc_number)""",
        "CREATE INDEX honors_unit ON honors(unit_id)",
        "CREATE INDEX honors_person ON honors(person_id)",
        "CREATE INDEX honors_studio ON honors(studio_id)",
        # one recipient, one title at one level, once a year (revoked honors stay on record beside it)
        """CREATE UNIQUE INDEX honors_once ON honors(title_id, level, year, recipient, unit_id, team_name,
            coalesce(studio_id, 0), coalesce(person_id, 0)) WHERE revoked_on IS NULL""",
        """CREATE TABLE hazards (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            found_on TEXT NOT NULL,
            description TEXT NOT NULL CHECK (length(trim(description)) > 0),
            reporter TEXT NOT NULL DEFAULT '',
            measures TEXT NOT NULL DEFAULT '',
            deadline TEXT,
            fixer TEXT NOT NULL DEFAULT '',
            responsible TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT '整改中' CHECK (state IN ('整改中', '已销号')),
            closed_on TEXT,
            CHECK ((state = '已销号') = (closed_on IS NOT NULL)),
            CHECK (closed_on IS NULL OR closed_on >= found_on),
            CHECK (deadline IS NULL OR deadline >= found_on)
        )""",
        "CREATE INDEX hazards_unit ON hazards(unit_id)",
        "CREATE INDEX hazards_found ON hazards(found_on)",
        """CREATE TABLE safety_events (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
            kind TEXT NOT NULL CHECK (kind IN ('安全培训', '应急演练')),
            held_on TEXT,
            title TEXT NOT NULL DEFAULT '',
            participants INTEGER CHECK (participants IS NULL OR participants >= 0)
        )""",
        "CREATE INDEX safety_events_year ON safety_events(year, kind, unit_id)",
        "CREATE INDEX safety_events_unit ON safety_events(unit_id)",
    ]
    for sql in statements:
        db.execute(sql)
    db.conn.executemany("INSERT INTO honor_titles (name, recipient, level, sort_order) VALUES (?, ?, ?, ?)",
                        [(name, kind, level, n) for n, (name, kind, level) in enumerate(codes.HONOR_TITLES)])


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


# Index i holds the migration that takes a file from version i to version i + 1.
MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_foundation,
    _v2_persons,
    _v3_competitions,
    _v4_results_and_honors,
    _v5_unit_years,
    _v6_targets,
    _v7_checks_and_submissions,
    _v8_changes,
]
SCHEMA_VERSION = len(MIGRATIONS)
