"""Started by run.py as its own process: the window's real start, to the first painted rows.

argv: DB_FILE T0 — T0 is the parent's time.time() just before it started this process.
Prints one JSON line: seconds from T0 to the first paint of the table, and memory then.
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402

from app import settings  # noqa: E402
from app.db import open_database  # noqa: E402
from ui.app import setup_application  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    db_file, t0 = sys.argv[1], float(sys.argv[2])
    app = setup_application()
    db = open_database(db_file)
    assert settings.is_configured(db)
    from ui.main_window import MainWindow

    window = MainWindow(db)
    result = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and "paint" not in result:
                result["paint"] = time.time() - t0
                QTimer.singleShot(0, done)
            return False

    def done():
        result["rss_mb"] = rss_mb()
        window.show_page("单位台账")
        app.processEvents()
        model = window.units_page.model
        for row in range(model.rowCount()):  # every row fetched: the most the table can hold
            model.row_data(row)
        result["rss_all_rows_mb"] = rss_mb()
        result["rows"] = model.rowCount()
        app.quit()

    probe = FirstPaint()
    window.overview_page.areas.viewport().installEventFilter(probe)  # the page the window opens on
    window.show()
    app.exec()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
