"""Writing output files whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import LedgerError

T = TypeVar("T")


def write_atomically(path: str | os.PathLike[str], write: Callable[[str], T]) -> T:
    """Run *write* on a temporary file beside *path*, then rename it into place; returns what *write* returned.

    A failure or a cancel (any exception) leaves neither a half-written file nor the temporary one, and an
    existing file at *path* stays as it was until the new one is complete.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise LedgerError(f"保存位置的文件夹不存在：{path.parent}")
    prefix = f".~{path.name}."
    for stale in path.parent.glob(f"{glob_escape(prefix)}*{glob_escape(path.suffix)}"):
        stale.unlink(missing_ok=True)  # left by a run that was killed while writing (nothing else names files so)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        result = write(tmp)
        os.chmod(tmp, 0o666 & ~UMASK)  # as any file the user saves, not mkstemp's owner-only 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return result


def write_text_atomically(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """A text output (CSV, JSON) written whole or not at all."""
    write_atomically(path, lambda tmp: Path(tmp).write_text(text, encoding=encoding))


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in text)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _umask()
