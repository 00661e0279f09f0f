"""Slow work (exports, reports, imports) off the GUI thread, with progress and a way to cancel.

The work gets its own SQLite connection (connections are per thread), a progress callback and is
stopped by raising Cancelled from that callback when the user presses 取消.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlite_utils import Database

from app.db import connect, db_path, describe_sqlite_error
from app.errors import LedgerError, describe_os_error

log = logging.getLogger(__name__)

Work = Callable[[Database, Callable[[int, int], None]], object]


class Cancelled(Exception):
    pass


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Task(QRunnable):
    def __init__(self, db_file: Path, work: Work):
        super().__init__()
        self.setAutoDelete(False)
        self.db_file = db_file
        self.work = work
        self.signals = _Signals()
        self.cancel_requested = False

    def cancel(self) -> None:
        self.cancel_requested = True

    def _progress(self, done: int, total: int) -> None:
        if self.cancel_requested:
            raise Cancelled
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        db = None
        try:
            db = connect(self.db_file)
            result = self.work(db, self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except LedgerError as exc:
            self.signals.failed.emit(str(exc))
        except OSError as exc:
            self.signals.failed.emit(describe_os_error(exc))
        except sqlite3.Error as exc:
            self.signals.failed.emit(describe_sqlite_error(exc, self.db_file))
        except Exception as exc:  # a bug: logged with its traceback, told in one line
            log.exception("background task failed")
            self.signals.failed.emit(f"程序内部出错：{type(exc).__name__}: {exc}")
        else:  # finished, even if 取消 came after the last step: the file is there, so say so
            self.signals.finished.emit(result)
        finally:
            if db is not None:
                db.close()


def run_task(parent: QWidget, title: str, db: Database, work: Work,
             on_done: Callable[[object], None], on_failed: Callable[[str], None]) -> Task:
    """Start *work* on the thread pool behind a progress dialog with 取消."""
    task = Task(db_path(db), work)
    dialog = QProgressDialog(title, "取消", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, total))

    def finish(handler: Callable[..., None], *args: object) -> None:
        dialog.close()
        dialog.deleteLater()
        handler(*args)

    task.signals.progress.connect(progress)
    task.signals.finished.connect(lambda result: finish(on_done, result))
    task.signals.failed.connect(lambda message: finish(on_failed, message))
    task.signals.cancelled.connect(lambda: finish(lambda: None))
    dialog.canceled.connect(task.cancel)
    parent._running_task = task  # keep the runnable alive until it ends
    QThreadPool.globalInstance().start(task)
    return task
