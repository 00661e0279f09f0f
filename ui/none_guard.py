"""A reserve of references to None, against PySide6 6.12.0's lost ones.

PySide6 6.12.0 gives back a reference to None it never took on some calls — one each time for
QCoreApplication.processEvents and sendPostedEvents, QGuiApplication.setOverrideCursor, QToolTip.hideText,
two for QSettings.setValue (measured: sys.getrefcount(None) over 1,000 calls; 6.11.3 loses none). On
Python 3.11, which this program ships with, None is an ordinary object: when its count reaches zero the
interpreter aborts ("Fatal Python error: none_dealloc") — a clerk dragging column borders (each step saves the
width in the settings) would lose the window after a few thousand steps. Until PySide6 is fixed, the program
holds a reserve of references to None and tops it up every second; on Python 3.12 and later None is immortal
and the reserve never grows.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer

FLOOR = 200_000     # top up when None's count falls below this
TARGET = 1_000_000  # … back to this: 8 MB of references, some minutes of the worst loss measured


class NoneReserve(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.held: list[list[None]] = []
        self.topped_up = 0
        self.top_up()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.top_up)
        self.timer.start(interval_ms)

    def top_up(self) -> None:
        count = sys.getrefcount(None)
        if count < FLOOR:
            reserve = [None] * (TARGET - count)
            # never freed, not even when the interpreter shuts down: what PySide6 took is gone for good, and
            # giving the reserve back at exit would bring None's count to zero there
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(reserve))
            self.held.append(reserve)
            self.topped_up += 1
