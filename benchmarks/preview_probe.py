"""Started by run.py as its own process: the first 打印本表 after the window's start, on the 单位台账.

argv: DB_FILE. Prints one JSON line: seconds from the click to the preview's first page painted, and to the
progress dialog's first showing (the clerk sees that the program works).
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QProgressDialog  # noqa: E402

from app.db import open_database  # noqa: E402
from ui.app import setup_application  # noqa: E402


def main() -> None:
    app = setup_application()
    db = open_database(sys.argv[1])
    from ui.main_window import MainWindow

    window = MainWindow(db)
    window.resize(1366, 768)
    window.show()
    window.show_page("单位台账")
    result: dict[str, float] = {}
    page = window.units_page

    class Painted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and "painted" not in result:
                result["painted"] = time.perf_counter() - t0
                QTimer.singleShot(0, lambda: app.exit(0))
            return False

    def watch() -> None:
        if "progress" not in result and any(isinstance(w, QProgressDialog) and w.isVisible()
                                            for w in QApplication.topLevelWidgets()):
            result["progress"] = time.perf_counter() - t0
        preview = page.outputs.preview
        if preview is not None and not hasattr(watch, "hooked"):
            watch.hooked = True
            for w in [preview, *preview.findChildren(QObject)]:
                if hasattr(w, "installEventFilter") and type(w).__name__ in ("QPdfView", "QWidget"):
                    w.installEventFilter(painter)

    painter = Painted()
    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(5)
    t0 = time.perf_counter()
    QTimer.singleShot(0, page.outputs.print_list)
    app.exec()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
