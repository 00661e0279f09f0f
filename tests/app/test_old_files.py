"""Files written by released versions must keep opening. One fixture per shipped schema version."""

import hashlib
import shutil
import sqlite3

from app.db import APPLICATION_ID, open_database
from app.migrations import SCHEMA_VERSION
from app.unit_search import UnitFilter, list_rows
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"


def test_version_1_file_opens_and_keeps_its_data(tmp_path):
    source = FIXTURES / "ledger-v1.db"
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    raw = sqlite3.connect(source)
    expected = raw.execute("SELECT name FROM units ORDER BY name").fetchall()
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    raw.close()
    path = tmp_path / "旧版 台账.db"
    shutil.copyfile(source, path)
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert sorted((r["name"],) for r in list_rows(db, 2025, UnitFilter(archived="all"))) == expected
    assert db.execute("SELECT count(*) FROM unit_years WHERE year = 2023").fetchone()[0] > 0
    assert "persons" in db.table_names()  # version 2 added its table to the old file
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_version_3_file_opens_and_keeps_people_and_competitions(tmp_path):
    source = FIXTURES / "ledger-v3.db"
    raw = sqlite3.connect(source)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 3
    expected = [raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("persons", "competitions", "participations", "contestants")]
    raw.close()
    path = tmp_path / "三版 台账.db"
    shutil.copyfile(source, path)
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("persons", "competitions", "participations", "contestants")] == expected
    assert expected[0] == 60 and expected[1] > 0


def test_version_4_file_opens_and_keeps_figures_results_honors_and_safety_records(tmp_path):
    tables = ("annual_figures", "innovations", "innovation_members", "honor_titles", "honors", "studios", "hazards",
              "safety_events")
    source = FIXTURES / "ledger-v4.db"
    raw = sqlite3.connect(source)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 4
    expected = [raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
    revoked = raw.execute("SELECT count(*) FROM honors WHERE revoked_on IS NOT NULL").fetchone()[0]
    raw.close()
    path = tmp_path / "四版 台账.db"
    shutil.copyfile(source, path)
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables] == expected
    assert all(expected[:2]) and expected[4] > 0 and expected[5] == 1 and revoked == 1


def test_version_8_file_opens_with_its_targets_notes_submissions_and_changes(tmp_path):
    source = FIXTURES / "ledger-v8.db"
    raw = sqlite3.connect(source)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 8
    expected = [raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("targets", "check_notes", "submissions", "changes", "unit_years")]
    raw.close()
    assert all(expected)
    path = tmp_path / "八版 台账.db"
    shutil.copyfile(source, path)
    db = open_database(path)
    assert [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("targets", "check_notes", "submissions", "changes", "unit_years")] == expected
    from app.returns import output

    assert output.diff(db, 1).changes == []  # the 2025 表一 it recorded still regenerates cell for cell
