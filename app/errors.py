"""Errors a clerk can act on. Their messages are plain Chinese, ready to show as they are."""

from __future__ import annotations

import errno
from dataclasses import dataclass


class LedgerError(Exception):
    """An error caused by input or environment, not by a bug: its message is for the user."""


class DatabaseOpenError(LedgerError):
    """The database file cannot be opened; the file was left as it was."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind  # not_sqlite | corrupt | too_new | locked | read_only | not_ours | io


@dataclass(frozen=True)
class FieldError:
    """One field of one record that cannot be accepted, and why."""

    field: str
    label: str
    message: str
    year: int | None = None

    def __str__(self) -> str:
        where = f"{self.year} 年的「{self.label}」" if self.year else f"「{self.label}」"
        return f"{where}：{self.message}"


class ValidationError(LedgerError):
    """A record was refused; nothing of it was written."""

    def __init__(self, record: str, errors: list[FieldError]) -> None:
        self.record = record
        self.errors = errors
        lines = "；".join(str(e) for e in errors)
        super().__init__(f"{record}：{lines}" if record else lines)


def describe_os_error(exc: OSError) -> str:
    """Plain Chinese for what the file system said."""
    where = f"：{exc.filename}" if exc.filename else ""
    if isinstance(exc, PermissionError):
        return f"无法写入{where}。文件可能正在 Excel 或 WPS 中打开，或没有写入权限；请关闭文件或换个位置后再试。"
    if exc.errno == errno.ENOSPC:
        return f"磁盘空间已满，没有写完{where}。请清理磁盘后再试。"
    if isinstance(exc, FileNotFoundError):
        return f"找不到文件或文件夹{where}。"
    return f"读写文件出错{where}（{exc.strerror or exc}）。"
