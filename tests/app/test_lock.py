"""One writer: a second holder of the file is told who has it; a killed holder does not lock the next one out;
a read-only connection refuses to write with a clear word."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from app.db import READ_ONLY, connect, db_path, describe_sqlite_error, set_read_only
from app.lock import FileLock
from tests.conftest import ROOT

HOLD = ("import sys, time; sys.path.insert(0, {root!r}); from app.lock import FileLock\n"
        "assert FileLock({db!r}).acquire() is None; print('held', flush=True); time.sleep(60)\n")


def test_a_second_window_is_told_who_holds_the_file_and_a_killed_holder_lets_go(db):
    path = db_path(db)
    holder = subprocess.Popen([sys.executable, "-c", HOLD.format(root=str(ROOT), db=str(path))],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    mine = FileLock(path)
    who = mine.acquire()
    assert who is not None and who.since and "（电脑 " in who.describe()
    holder.send_signal(signal.SIGKILL)  # a crash: no goodbye, no cleanup
    holder.wait()
    time.sleep(0.1)
    assert mine.acquire() is None  # the stale lock does not keep the clerk out
    mine.release()


def test_a_read_only_window_refuses_writes_in_words(db):
    set_read_only(db)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            db.execute("UPDATE settings SET value = 'x'")
        assert "本窗口是只读的" in describe_sqlite_error(caught.value)
        worker = connect(db_path(db))  # a worker's connection to the same file is read-only too
        with pytest.raises(sqlite3.OperationalError):
            worker.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
        worker.close()
    finally:
        READ_ONLY.clear()
        db.execute("PRAGMA query_only = OFF")


def test_a_save_from_a_stale_copy_is_refused_and_nothing_is_lost(db):
    from app import areas, units
    from app.errors import LedgerError
    from app.units import UnitInput, YearFigures

    area = areas.add_area(db, "青山镇", "乡镇")
    uid = units.save(db, UnitInput(name="甲公司", area_id=area, category_code="170"), {2026: YearFigures()})
    first, second = units.get(db, uid), units.get(db, uid)  # two windows load unit 5
    units.save(db, UnitInput(**{**vars(first.data), "phone": "0539-1234567"}), {}, uid, expected=first)
    with pytest.raises(LedgerError) as caught:  # the other saves the contact from its stale copy
        units.save(db, UnitInput(**{**vars(second.data), "contact": "李四"}), {}, uid, expected=second)
    assert "已被别处修改" in str(caught.value)
    stored = units.get(db, uid).data
    assert stored.phone == "0539-1234567" and stored.contact == ""
