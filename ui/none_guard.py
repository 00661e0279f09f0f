"""A reserve of references to None, True and False, against PySide6 6.12.0's lost ones.

PySide6 6.12.0 gives back references it never took (measured with sys.getrefcount over 1,000 calls):
- one to True on every Signal.emit() from Python — each typed cell, paste, saved form and progress step emits;
- one to None on calls that return nothing — QCoreApplication.processEvents, setEnabled, setChecked, a repaint,
  setOverrideCursor, QToolTip.hideText — and two on QSettings.setValue.
On Python 3.11, which this program ships with, None, True and False are ordinary objects: when a count reaches
zero the interpreter aborts ("Fatal Python error: bool_dealloc" or "none_dealloc"). True has about 5,000
references at start, so a clerk's session of some thousands of edits, or the end of any session, would lose
the window. Until PySide6 is fixed, the program holds a reserve of references to each and tops it up every
second; on Python 3.12 and later these objects are immortal and the reserve never grows.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer

GUARDED = (None, True, False)
FLOOR = 100_000   # top up when an object's count falls below this
TARGET = 500_000  # … back to this: 4 MB of references each, far more than a second of the worst loss measured


class NoneReserve(QObject):
    """The reserve of references to None, True and False (see the module's text)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.held: list[list[object]] = []
        self.topped_up = 0
        self.top_up()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.top_up)
        self.timer.start(interval_ms)

    def top_up(self) -> None:
        for guarded in GUARDED:
            count = sys.getrefcount(guarded)
            if count < FLOOR:
                reserve = [guarded] * (TARGET - count)
                # never freed, not even when the interpreter shuts down: what PySide6 took is gone for good, and
                # giving the reserve back at exit would bring the count to zero there
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(reserve))
                self.held.append(reserve)
                self.topped_up += 1
