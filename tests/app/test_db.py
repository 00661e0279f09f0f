"""Opening files: new, ours, and every kind of file that must be refused untouched."""

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from app import db as dbmod
from app import migrations
from app.db import open_database
from app.errors import DatabaseOpenError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused_untouched(path: Path, kind: str, words: str) -> None:
    before = digest(path)
    with pytest.raises(DatabaseOpenError) as info:
        open_database(path, timeout=0.2)
    assert info.value.kind == kind
    assert words in str(info.value) and "Traceback" not in str(info.value)
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists() or kind == "locked"


def test_new_file_in_chinese_folder_with_spaces(db_file):
    db = open_database(db_file)
    assert db_file.exists()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert {"settings", "areas", "units", "unit_years", "unit_categories"} <= set(db.table_names())
    db.close()
    again = open_database(db_file)
    assert again.execute("SELECT count(*) FROM unit_categories").fetchone()[0] == 16


def test_missing_folders_are_created(tmp_path):
    path = tmp_path / "a" / "b c" / "台账.db"
    open_database(path).close()
    assert path.exists()


def test_not_sqlite(tmp_path):
    path = tmp_path / "名单.db"
    path.write_bytes("单位名称,信用代码\n".encode("gbk") * 50)
    assert_refused_untouched(path, "not_sqlite", "不是台账数据库")


def test_corrupt(tmp_path):
    path = tmp_path / "坏.db"
    good = sqlite3.connect(path)
    good.execute("CREATE TABLE t (x)")
    good.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    good.commit()
    good.close()
    data = bytearray(path.read_bytes())
    data[100:4096 * 3] = b"\xff" * (4096 * 3 - 100)  # smash the schema and first pages
    path.write_bytes(bytes(data))
    assert_refused_untouched(path, "corrupt", "损坏")


def test_another_programs_database(tmp_path):
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE customers (id)")
    other.commit()
    other.close()
    assert_refused_untouched(path, "not_ours", "别的程序")


def test_newer_version_is_refused(db_file):
    open_database(db_file).close()
    raw = sqlite3.connect(db_file)
    raw.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 5}")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    assert_refused_untouched(db_file, "too_new", "更新版本")


def test_read_only_file(db_file):
    open_database(db_file).close()
    db_file.chmod(0o444)
    try:
        assert_refused_untouched(db_file, "read_only", "只读")
    finally:
        db_file.chmod(0o644)


def test_locked_file(db_file):
    open_database(db_file).close()
    holder = sqlite3.connect(db_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseOpenError) as info:
            open_database(db_file, timeout=0.1)
        assert info.value.kind == "locked" and "占用" in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(DatabaseOpenError, match="文件夹"):
        open_database(tmp_path)


def test_upgrade_backs_up_first_and_runs_in_order(db_file, monkeypatch):
    db = open_database(db_file)
    db.execute("INSERT INTO settings (key, value) VALUES ('union_name', '示例县总工会')")
    db.close()

    def v2(database):
        database.execute("CREATE TABLE extra (x)")

    current = len(migrations.MIGRATIONS)
    monkeypatch.setattr(dbmod, "MIGRATIONS", [*migrations.MIGRATIONS, v2])
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", current + 1)
    db = open_database(db_file)
    assert db.execute("PRAGMA user_version").fetchone()[0] == current + 1
    assert "extra" in db.table_names()
    backups = list(db_file.parent.glob(f"台账.v{current}备份-*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == current
    assert old.execute("SELECT value FROM settings").fetchone()[0] == "示例县总工会"
    assert "extra" not in [r[0] for r in old.execute("SELECT name FROM sqlite_master")]


def test_a_failing_migration_leaves_the_file_at_its_version(db_file, monkeypatch):
    open_database(db_file).close()

    def broken(database):
        database.execute("CREATE TABLE half_done (x)")
        database.execute("INSERT INTO no_such_table VALUES (1)")

    current = len(migrations.MIGRATIONS)
    monkeypatch.setattr(dbmod, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", current + 1)
    with pytest.raises(DatabaseOpenError):
        open_database(db_file)
    raw = sqlite3.connect(db_file)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == current
    assert "half_done" not in [r[0] for r in raw.execute("SELECT name FROM sqlite_master")]


def test_the_v12_rebuild_of_the_change_record_keeps_every_entry(db_file, monkeypatch):
    """A v11 file (its 操作记录 with the CHECK on the action) comes to v12 with its entries, ids and batches kept."""
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS[:11])
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", 11)
    db = open_database(db_file)
    assert "CHECK (action IN" in db.execute("SELECT sql FROM sqlite_master WHERE name = 'changes'").fetchone()[0]
    db.execute("INSERT INTO settings (key, value) VALUES ('union_name', '示例县总工会')")  # not audited
    db.execute("INSERT INTO areas (name, kind) VALUES ('青山镇', '乡镇')")
    db.execute("UPDATE areas SET name = '青山街道' WHERE name = '青山镇'")
    db.conn.commit()
    before = db.execute("SELECT * FROM changes ORDER BY id").fetchall()
    assert [r[6] for r in before] == ["新增", "修改"]
    db.close()
    monkeypatch.undo()
    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS[:12])
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", 12)
    db = open_database(db_file)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 12
    assert db.execute("SELECT * FROM changes ORDER BY id").fetchall() == before
    assert "CHECK" not in db.execute("SELECT sql FROM sqlite_master WHERE name = 'changes'").fetchone()[0]
    plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN SELECT * FROM changes WHERE tbl = 'areas' AND"
                                               " record_id = 1 ORDER BY id"))
    assert "changes_record" in plan
    db.execute("UPDATE areas SET name = '青山镇' WHERE name = '青山街道'")  # the triggers write into the new table
    assert db.execute("SELECT action, old FROM changes ORDER BY id DESC LIMIT 1").fetchone()[0] == "修改"


def test_the_v13_change_record_keeps_every_entry_in_the_history_index(db_file, monkeypatch):
    """A v12 file's 操作记录 comes to v13 with every entry indexed (none waiting), and the record's history is
    found through the index, before and after an entry of a batch."""
    from app import changes

    monkeypatch.setattr(dbmod, "MIGRATIONS", migrations.MIGRATIONS[:12])
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", 12)
    db = open_database(db_file)
    db.execute("INSERT INTO areas (name, kind) VALUES ('青山镇', '乡镇')")
    with changes.batch(db, "改名"):
        db.execute("UPDATE areas SET name = '青山街道' WHERE name = '青山镇'")
    before = db.execute("SELECT * FROM changes ORDER BY id").fetchall()
    db.close()
    monkeypatch.undo()
    db = open_database(db_file)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 13
    assert db.execute("SELECT * FROM changes ORDER BY id").fetchall() == [(*r, None) for r in before]
    assert [(e.action, (e.old or {}).get("name")) for e in changes.entries(db, record=("areas", 1))] == [
        ("修改", "青山镇"), ("新增", None)]  # the v12 entry's row before, an object naming each column
    with changes.batch(db, "改回"):
        db.execute("UPDATE areas SET name = '青山镇' WHERE name = '青山街道'")
    latest = changes.entries(db, record=("areas", 1))[0]
    assert (latest.action, latest.batch) == ("修改", "改回")
    assert (latest.old["name"], latest.new["name"]) == ("青山街道", "青山镇")
    stored = json.loads(db.execute("SELECT old FROM changes ORDER BY id DESC LIMIT 1").fetchone()[0])
    names = json.loads(db.execute("SELECT columns FROM change_layouts WHERE id = ?", [stored[0]]).fetchone()[0])
    assert "青山街道" in stored and names[stored.index("青山街道") - 1] == "name"  # an array, its names once
    assert db.execute("SELECT count(*) FROM changes WHERE pending = 1").fetchone()[0] == 1
