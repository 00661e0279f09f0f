"""Python's cyclic garbage collector, run on the GUI thread only.

Left to itself, Python collects whenever enough objects have been allocated — on whichever thread
happens to allocate. When that is a worker (an export filling 100,000 cells) and the garbage holds
Qt objects that belong to the GUI thread (a closed dialog caught in a reference cycle), Qt deletes
them from the wrong thread and the program crashes. So automatic collection is switched off and a
timer on the GUI thread collects instead, by the same generation thresholds Python would use.
This is the remedy the PySide and PyQt communities use (pyqtgraph ships the same idea).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        gc.disable()
        self.collections = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> None:
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                self.collections += 1
                break

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
