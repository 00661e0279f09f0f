"""Backups and restore: made and checked, rotated, refused when not ours, a round trip, and kill trials."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app import backups
from app.db import db_path, open_database
from app.errors import LedgerError
from tests.conftest import ROOT


def count_units(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM units").fetchone()[0]
    finally:
        conn.close()


def test_a_backup_is_checked_listed_and_made_again_only_after_a_change(demo_db):
    path = db_path(demo_db)
    made = backups.auto_backup(path)
    assert made is not None and made.parent.name == "备份" and count_units(made) == 400
    assert [b.path for b in backups.list_backups(path)] == [made]
    assert backups.auto_backup(path) is None  # nothing changed since
    time.sleep(1.1)
    demo_db.execute("UPDATE units SET phone = '1' WHERE id = 1")
    assert backups.needs_backup(path) and backups.auto_backup(path) is not None


def test_rotation_keeps_seven_days_four_weeks_twelve_months(tmp_path):
    data = tmp_path / "台账.db"
    open_database(data).close()
    folder = backups.folder_of(data)
    folder.mkdir()
    start = datetime(2026, 12, 1, 9, 0, 0)
    for n in range(400):  # one a day for 400 days
        when = start - timedelta(days=n)
        (folder / f"台账-备份-{when:%Y%m%d-%H%M%S}.db").write_bytes(b"x")
    (folder / "台账-备份-20240101-120000-恢复前.db").write_bytes(b"x")  # made before a restore: always kept
    backups.rotate(data, now=start)
    kept = backups.list_backups(data)
    days = [b.made.date() for b in kept if not b.why]
    assert days[:7] == [(start - timedelta(days=n)).date() for n in range(7)]
    assert len({(d.year, d.month) for d in days}) == 12 and len(days) <= 7 + 4 + 12
    assert any(b.why == "恢复前" for b in kept)


def test_restore_round_trip(demo_db, tmp_path):
    path = db_path(demo_db)
    saved = backups.backup_to(path, tmp_path / "U盘")
    demo_db.execute("DELETE FROM innovation_members")
    demo_db.execute("DELETE FROM innovations")
    assert demo_db.execute("SELECT count(*) FROM innovations").fetchone()[0] == 0
    demo_db.close()
    done = backups.restore(path, saved)
    assert done.contents.units == 400 and done.contents.years == [2023, 2024, 2025]
    assert "2023–2025 年度，400 家单位" in done.contents.describe()
    db = open_database(path)
    assert db.execute("SELECT count(*) FROM innovations").fetchone()[0] > 0  # the change is gone
    kept = sqlite3.connect(done.kept)
    assert kept.execute("SELECT count(*) FROM innovations").fetchone()[0] == 0  # … and kept as 恢复前
    kept.close()
    db.close()


def test_a_file_that_is_not_a_good_backup_is_refused(tmp_path, db):
    text = tmp_path / "说明.db"
    text.write_text("hello")
    other = tmp_path / "别的.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    newer = tmp_path / "新版.db"
    backups.backup_to(db_path(db), newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    broken = tmp_path / "坏.db"
    backups.backup_to(db_path(db), broken)
    data = bytearray(broken.read_bytes())
    data[5000:9000] = b"\xff" * 4000
    broken.write_bytes(bytes(data))
    for path, words in ((text, "不是台账数据文件的备份"), (other, "别的程序"), (newer, "更新版本"),
                        (broken, "不能用来恢复")):
        with pytest.raises(LedgerError) as caught:
            backups.inspect(path)
        assert words in str(caught.value), path


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_killed_at_random_the_data_file_stays_whole(demo_db, tmp_path, command):
    """Twenty kill trials each: the data file opens and holds all or nothing; no half backup is left."""
    path = db_path(demo_db)
    source = backups.backup_to(path, tmp_path / "源")
    demo_db.execute("UPDATE units SET phone = 'changed'")
    demo_db.close()
    main = [sys.executable, str(ROOT / "main.py")]
    args = (["backup", "--db", str(path), "--out", str(tmp_path / "去")] if command == "backup"
            else ["restore", str(source), "--db", str(path), "--yes"])
    rng = random.Random(7)
    for _ in range(20):
        proc = subprocess.Popen([*main, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.7))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        phones = {r[0] for r in conn.execute("SELECT DISTINCT phone FROM units")}
        conn.close()
        assert phones == {"changed"} or "changed" not in phones  # the file before, or the backup: never a mix
        for made in (tmp_path / "去").glob("*.db") if (tmp_path / "去").exists() else []:
            assert sqlite3.connect(made).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_import_killed_at_random_writes_all_or_nothing(demo_db, tmp_path):
    """Twenty kill trials of `import units`: the file stays whole with either none or all of the new units."""
    from tests.app.test_import import make_xlsx

    area = demo_db.execute("SELECT name FROM areas ORDER BY id LIMIT 1").fetchone()[0]
    rows = [[n, f"新导入公司{n:04d}", None, area, "私营企业", 10 + n % 50, None, None, "否", None, None]
            for n in range(1, 1501)]
    sheet = make_xlsx(tmp_path / "名单.xlsx", rows)
    original = db_path(demo_db)
    before = count_units(original)
    demo_db.close()
    main = [sys.executable, str(ROOT / "main.py")]
    rng = random.Random(11)
    outcomes = []
    for n in range(20):
        path = tmp_path / f"试{n}.db"  # each trial on a fresh copy, killed somewhere between start and end
        shutil.copyfile(original, path)
        started = time.perf_counter()
        proc = subprocess.Popen([*main, "import", "units", str(sheet), "--db", str(path), "--year", "2025"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        outcomes.append(count_units(path) - before)
        assert outcomes[-1] in (0, 1500), (n, time.perf_counter() - started)  # all or nothing, whenever killed
