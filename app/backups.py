"""Backups of the ledger file and restoring one.

- An automatic backup when the program opens a file changed since its newest backup: SQLite's online backup
  API into a temporary file, `PRAGMA integrity_check` on the copy, then renamed into the 备份 folder beside
  the data file. Rotated: the newest of each of the last 7 days, 4 weeks and 12 months are kept.
- 备份… to a folder or a USB stick the clerk chooses; 恢复… from any backup: the file is checked first (a
  ledger, not from a newer version, intact), the current file is itself backed up, and the restore says what
  it brought back (when it was made, its years, its counts).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .db import APPLICATION_ID
from .errors import LedgerError, describe_os_error
from .migrations import SCHEMA_VERSION

FOLDER = "备份"
NAME = re.compile(r"^(?P<stem>.+)-备份-(?P<when>\d{8}-\d{6})(?P<why>-[^.]+)?\.db$")
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 12


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime
    why: str                 # "" for the automatic ones, 恢复前 before a restore, 手动 for 备份…
    size: int


@dataclass(frozen=True)
class Contents:
    """What a backup holds: told before and after a restore."""

    years: list[int]
    units: int
    people: int
    competitions: int
    honors: int

    def describe(self) -> str:
        span = f"{min(self.years)}–{max(self.years)} 年度" if self.years else "没有年度数据"
        return (f"{span}，{self.units:,} 家单位、{self.people:,} 名职工、{self.competitions:,} 项竞赛、"
                f"{self.honors:,} 项荣誉")


def folder_of(db_file: Path) -> Path:
    return Path(db_file).parent / FOLDER


def list_backups(db_file: Path) -> list[BackupInfo]:
    """The backups of *db_file* in its 备份 folder, newest first."""
    folder = folder_of(db_file)
    out = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = NAME.match(p.name)
            if m and m.group("stem") == Path(db_file).stem:
                out.append(BackupInfo(p, datetime.strptime(m.group("when"), "%Y%m%d-%H%M%S"),
                                      (m.group("why") or "").lstrip("-"), p.stat().st_size))
    return sorted(out, key=lambda b: b.made, reverse=True)


def _copy(conn: sqlite3.Connection, target: Path) -> Path:
    """The live database copied into *target* through a temporary file, checked, renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".~{target.name}.part")
    part.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(part)
        try:
            conn.backup(dest)
            ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dest.close()
        if ok != "ok":
            raise LedgerError(f"备份写出后检查没有通过（{ok}），没有保存这份备份。请检查磁盘。")
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise LedgerError(f"备份没有完成：{describe_os_error(exc)}") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return target


def backup_to(db_file: Path, target: Path, why: str = "", now: datetime | None = None) -> Path:
    """Back up *db_file* into *target*: a folder (a file named by the time is made in it) or a file."""
    db_file, target = Path(db_file), Path(target)
    when = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    if target.is_dir() or not target.suffix:
        target = target / f"{db_file.stem}-备份-{when}{'-' + why if why else ''}.db"
    conn = sqlite3.connect(db_file)
    try:
        return _copy(conn, target)
    finally:
        conn.close()


def needs_backup(db_file: Path) -> bool:
    """True when the file (or its WAL) changed after its newest backup was made."""
    db_file = Path(db_file)
    newest = next(iter(list_backups(db_file)), None)
    if newest is None:
        return db_file.exists()
    changed = max(Path(f"{db_file}{s}").stat().st_mtime for s in ("", "-wal") if Path(f"{db_file}{s}").exists())
    return changed > newest.path.stat().st_mtime


def auto_backup(db_file: Path, now: datetime | None = None) -> Path | None:
    """The backup made when the program opens a changed file, then the rotation. None when nothing changed."""
    if not needs_backup(db_file):
        return None
    made = backup_to(db_file, folder_of(db_file), now=now)
    rotate(db_file, now)
    return made


def rotate(db_file: Path, now: datetime | None = None) -> list[Path]:
    """Keep the newest backup of each of the last 7 days, 4 ISO weeks and 12 months (and those made before a
    restore, by hand, or within the last day); delete the rest. Returns what was deleted."""
    now = now or datetime.now()
    backups = list_backups(db_file)
    keep: set[Path] = set()
    for key, count in ((lambda b: b.made.date(), KEEP_DAYS), (lambda b: b.made.isocalendar()[:2], KEEP_WEEKS),
                       (lambda b: (b.made.year, b.made.month), KEEP_MONTHS)):
        seen: list[object] = []
        for b in backups:  # newest first: the first of each period is its newest
            k = key(b)
            if k not in seen:
                seen.append(k)
                if len(seen) <= count:
                    keep.add(b.path)
    gone = []
    for b in backups:
        if b.path not in keep and not b.why and (now - b.made).total_seconds() > 86400:
            b.path.unlink(missing_ok=True)
            gone.append(b.path)
    return gone


def inspect(path: Path) -> Contents:
    """A backup checked before it is restored: our file, not from a newer version, intact; what it holds."""
    path = Path(path)
    if not path.is_file():
        raise LedgerError(f"找不到备份文件：{path}")
    try:
        with path.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                raise LedgerError(f"「{path.name}」不是台账数据文件的备份。")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except OSError as exc:
        raise LedgerError(describe_os_error(exc)) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise LedgerError(f"「{path.name}」不是台账数据文件的备份（是别的程序的数据库）。")
        if version > SCHEMA_VERSION:
            raise LedgerError(f"「{path.name}」是更新版本的程序写的（数据版本 {version}），请先升级程序再恢复。")
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise LedgerError(f"「{path.name}」已损坏（{ok}），不能用来恢复；请换一份更早的备份。")

        def count(table: str) -> int:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

        years = [r[0] for r in conn.execute("SELECT DISTINCT year FROM unit_years ORDER BY year")]
        return Contents(years, count("units"), count("persons"), count("competitions"), count("honors"))
    except sqlite3.DatabaseError as exc:
        raise LedgerError(f"「{path.name}」无法读取（{exc}），不能用来恢复。") from exc
    finally:
        conn.close()


@dataclass(frozen=True)
class Restored:
    source: Path
    contents: Contents
    kept: Path                # the file as it was, backed up first


def restore(db_file: Path, source: Path, now: datetime | None = None) -> Restored:
    """Replace *db_file* by the backup *source*: checked first, the current file kept as a backup (恢复前).
    Every connection to *db_file* must be closed by the caller; the next open upgrades an older backup."""
    db_file, source = Path(db_file), Path(source)
    contents = inspect(source)
    kept = backup_to(db_file, folder_of(db_file), why="恢复前", now=now) if db_file.exists() else db_file
    part = db_file.with_name(f".~{db_file.name}.part")
    try:
        shutil.copyfile(source, part)
        os.replace(part, db_file)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise LedgerError(f"没有恢复：{describe_os_error(exc)}（原文件未改动）") from exc
    for suffix in ("-wal", "-shm"):  # the old file's journal must not be replayed into the restored one
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    return Restored(source, contents, kept)
