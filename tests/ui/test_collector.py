"""Garbage collection runs on the GUI thread only, so a worker never deletes the window's Qt objects."""

import gc
import threading
import weakref

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from ui.tasks import Task


class _Cycle(QWidget):
    def __init__(self):
        super().__init__()
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_a_busy_worker_never_collects_and_the_gui_thread_does(qtbot, db_file, db):
    assert not gc.isenabled()
    collected_on = []

    def note(phase, info):
        if phase == "start":
            collected_on.append(threading.current_thread() is threading.main_thread())

    widget = _Cycle()
    alive = weakref.ref(widget)
    del widget
    gc.callbacks.append(note)
    try:
        def allocate(database, progress):  # what an export does: a great many objects that stay
            return [[i] for i in range(100_000)]

        task = Task(db_file, allocate)
        done = []
        task.signals.finished.connect(done.append)
        QThreadPool.globalInstance().start(task)
        qtbot.waitUntil(lambda: bool(done), timeout=10000)
        qtbot.waitUntil(lambda: alive() is None, timeout=5000)
    finally:
        gc.callbacks.remove(note)
    assert collected_on and all(collected_on)  # collections happened, every one on the GUI thread
    assert QApplication.instance()._collector.collections > 0
