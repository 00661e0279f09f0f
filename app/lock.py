"""One writer: the window that opens a data file first holds it; a second window on the same file opens
read-only and says who holds it. The hold is an operating-system lock on a file beside the data (台账.db.lock),
released by the system when the holder ends however it ends, so a crash never locks the clerk out."""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

LOCK_AT = 1 << 16   # the byte locked on Windows, past the holder's details (which stay readable)


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    since: str

    def describe(self) -> str:
        return f"{self.user}（电脑 {self.host}）{self.since} 起"


def _lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, LOCK_AT, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


class FileLock:
    def __init__(self, db_file: str | os.PathLike[str]):
        self.path = Path(f"{db_file}.lock")
        self.fd: int | None = None

    def acquire(self) -> Holder | None:
        """Take the file: None when taken; the holder when another program has it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        if not _lock(fd):
            os.close(fd)
            return self.holder()
        me = {"user": getpass.getuser(), "host": socket.gethostname(),
              "since": datetime.now().strftime("%Y-%m-%d %H:%M"), "pid": os.getpid()}
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0) if sys.platform != "win32" else None
        os.write(fd, json.dumps(me, ensure_ascii=False).encode("utf-8").ljust(512))
        os.fsync(fd)
        self.fd = fd
        return None

    def holder(self) -> Holder:
        try:
            data = json.loads(self.path.read_bytes()[:4096].decode("utf-8").strip() or "{}")
        except (OSError, ValueError):
            data = {}
        return Holder(data.get("user", "另一个程序"), data.get("host", "?"), data.get("since", ""))

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # the system lock goes with it
            self.fd = None
