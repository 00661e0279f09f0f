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
    fd, tmp = tempfile.mkstemp(suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        result = write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return result
