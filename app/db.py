"""Opening the ledger file: checks that leave a bad file untouched, WAL, migrations with a backup."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from .errors import DatabaseOpenError, LedgerError
from .migrations import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

APPLICATION_ID = 0x554C4447  # "ULDG", written into the file header to recognise our files
SQLITE_MAGIC = b"SQLite format 3\x00"


def open_database(path: str | os.PathLike[str], *, timeout: float = 5.0) -> Database:
    """Open (creating if absent) and upgrade the ledger at *path*.

    Raises DatabaseOpenError, with a Chinese message saying what to do, when the file is not
    ours, damaged, from a newer version, read-only or locked; in that case nothing was written.
    """
    path = Path(path)
    existed = _check_file(path)
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(f"无法打开数据库文件 {path}：{exc}", "io") from exc
    try:
        version = _inspect(conn, path, existed)
        _check_writable(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(conn, execute_plugins=False)
        if version < SCHEMA_VERSION:
            if existed and version > 0:
                backup_database(conn, path, version)
            migrate(db, version)
        from . import collation
        from .changes import install

        collation.install(conn)
        install(conn)
    except DatabaseOpenError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise DatabaseOpenError(describe_sqlite_error(exc, path), "io") from exc
    return db


# Files this program opened read-only (another window holds them): every further connection is too.
READ_ONLY: set[Path] = set()


def set_read_only(db: Database) -> None:
    """From now on nothing writes through *db*, nor through the connections a worker opens to its file."""
    db.execute("PRAGMA query_only = ON")
    READ_ONLY.add(db_path(db).resolve())


def connect(path: str | os.PathLike[str], *, timeout: float = 5.0) -> Database:
    """A further connection to a file open_database() already checked (one per thread)."""
    conn = sqlite3.connect(Path(path), timeout=timeout, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    from . import collation
    from .changes import install

    collation.install(conn)
    install(conn)
    if Path(path).resolve() in READ_ONLY:
        conn.execute("PRAGMA query_only = ON")
    return Database(conn, execute_plugins=False)


def db_path(db: Database) -> Path:
    """The file behind a connection."""
    row = db.conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2])


def _check_file(path: Path) -> bool:
    """Checks made before SQLite touches the file. Returns whether it already has content."""
    if path.is_dir():
        raise DatabaseOpenError(f"{path} 是一个文件夹，不是数据库文件。请选择一个 .db 文件。", "io")
    if not path.exists() or path.stat().st_size == 0:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseOpenError(
                f"无法创建数据文件夹 {path.parent}：{exc.strerror or exc}。请换一个位置。", "io"
            ) from exc
        if not os.access(path.parent, os.W_OK):
            raise DatabaseOpenError(
                f"文件夹 {path.parent} 不允许写入，无法在此新建数据库。请换一个位置。", "read_only"
            )
        return False
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseOpenError(f"无法读取文件 {path}：{exc.strerror or exc}", "io") from exc
    if header != SQLITE_MAGIC:
        raise DatabaseOpenError(
            f"{path.name} 不是台账数据库（也不是 SQLite 数据库文件），可能选错了文件。文件未作任何改动。",
            "not_sqlite",
        )
    mode = path.stat().st_mode
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise DatabaseOpenError(
            f"{path.name} 是只读文件，程序需要写入它。请在文件属性中取消“只读”，"
            "或把它复制到可写的文件夹后再打开。文件未作任何改动。",
            "read_only",
        )
    if not os.access(path.parent, os.W_OK):
        raise DatabaseOpenError(
            f"{path.name} 所在的文件夹不允许写入（程序需要在旁边写日志文件）。"
            "请把它复制到可写的文件夹（例如“文档”）后再打开。文件未作任何改动。",
            "read_only",
        )
    return True


def _inspect(conn: sqlite3.Connection, path: Path, existed: bool) -> int:
    """Read the header fields and check integrity, writing nothing. Returns the schema version."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)")] if existed else ["ok"]
    except sqlite3.Error as exc:
        raise _classify(exc, path) from exc
    if problems != ["ok"]:
        raise DatabaseOpenError(
            f"{path.name} 已损坏（{problems[0]}）。请用最近的备份文件恢复；"
            "程序在每次升级前会在同一文件夹留下“…备份…”文件。文件未作任何改动。",
            "corrupt",
        )
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables > 0):
        raise DatabaseOpenError(
            f"{path.name} 是别的程序的 SQLite 数据库，不是台账数据库，可能选错了文件。文件未作任何改动。",
            "not_ours",
        )
    if version > SCHEMA_VERSION:
        raise DatabaseOpenError(
            f"{path.name} 由更新版本的程序写入（数据库版本 {version}，本程序只支持到 {SCHEMA_VERSION}）。"
            "请安装最新版本的程序后再打开。文件未作任何改动。",
            "too_new",
        )
    return version


def _check_writable(conn: sqlite3.Connection, path: Path) -> None:
    """Take and release the write lock, so a file held by another program is told apart early."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise _classify(exc, path) from exc


def _classify(exc: sqlite3.Error, path: Path) -> DatabaseOpenError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseOpenError(
            f"{path.name} 正被另一个程序占用（可能另一个台账窗口正在保存）。请关闭它后再试。文件未作任何改动。",
            "locked",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseOpenError(
            f"{path.name} 已损坏或不是台账数据库（{exc}）。请用最近的备份文件恢复。文件未作任何改动。",
            "corrupt",
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseOpenError(f"{path.name} 不能写入（只读）。请检查文件属性和文件夹权限。", "read_only")
    return DatabaseOpenError(describe_sqlite_error(exc, path), "io")


def describe_sqlite_error(exc: BaseException, path: Path | None = None) -> str:
    """Plain Chinese for what the environment did to a database operation."""
    text = str(exc).lower()
    name = path.name if path else "数据库"
    if "locked" in text or "busy" in text:
        return f"{name} 正被另一个程序占用，这次修改没有保存。请稍后再试。"
    if "disk is full" in text or "full" in text:
        return f"磁盘空间已满，{name} 的这次修改没有保存。请清理磁盘后再试。"
    if "readonly" in text or "read-only" in text:
        if READ_ONLY:
            return "本窗口是只读的（数据文件正由另一个窗口打开），这次修改没有保存。请在那个窗口中修改。"
        return f"{name} 不能写入（只读），这次修改没有保存。"
    if "malformed" in text or "not a database" in text:
        return f"{name} 已损坏。请用最近的备份文件恢复。"
    return f"{name} 读写出错：{exc}"


def backup_database(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the file, consistently, before migrating it from *version*."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.v{version}备份-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.v{version}备份-{stamp}-{counter}{path.suffix}")
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    except sqlite3.Error as exc:
        dest.close()
        with contextlib.suppress(OSError):
            target.unlink()
        raise LedgerError(f"升级前备份 {path.name} 失败（{exc}），没有升级。请检查磁盘空间。") from exc
    dest.close()
    log.info("backed up %s to %s before migrating from v%d", path, target, version)
    return target


def migrate(db: Database, current: int) -> None:
    """Run every migration after *current*, each in its own transaction with its version."""
    for version in range(current, SCHEMA_VERSION):
        with db.atomic():
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        log.info("migrated %s to v%d", db_path(db), version + 1)


def dict_rows(cursor) -> list[dict[str, object]]:
    """A cursor's rows as dicts keyed by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
