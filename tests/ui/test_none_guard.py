"""PySide6 6.12.0 loses a reference to None on each processEvents() and QSettings.setValue(), and one to True on
each Signal.emit(): without the program's reserve, Python 3.11 aborts once a count reaches zero."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from ui.app import setup_application
class Cell(QObject):
    stored = Signal(int)
app = setup_application()
settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
cell = Cell()
cell.stored.connect(lambda n: None)
for n in range(60_000):
    QCoreApplication.processEvents()
    cell.stored.emit(n)
    if n % 60 == 0:
        settings.setValue("width", n)
print("still here", app._none_reserve.topped_up)
"""


def test_a_long_session_of_lost_references_does_not_abort_the_program(tmp_path):
    """62,000 lost references to None and 60,000 to True (each has about 5,000 at start), and the process still
    ends cleanly."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "s.ini")], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("still here")
