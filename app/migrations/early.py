"""Schema versions 1–4: the units and their years, persons, competitions, results, honors, safety."""

from __future__ import annotations

from sqlite_utils import Database

from .. import codes


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


