"""What the window does before its first paint: nothing the first page does not need — no spreadsheet or PDF
library loaded (about 200 ms of imports), no page out of view counted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
from app.db import open_database
from ui.app import setup_application
from ui.main_window import MainWindow
app = setup_application()
window = MainWindow(open_database(sys.argv[1]))
window.show()
app.processEvents()
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"openpyxl", "reportlab"})
print(json.dumps([loaded, window.returns_page.built is None]))
"""


def test_the_window_starts_without_the_spreadsheet_and_pdf_libraries(demo_db):
    from app.db import db_path

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(db_path(demo_db))], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout.strip().splitlines()[-1]) == [[], True]
