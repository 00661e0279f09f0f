"""Render the screens to PNG files for looking at them (rule 5) and for the README.

    python tools/screenshots.py [OUT_DIR] [--scale 1.25]      (default: docs/, 100 %)

Builds a 2,000-unit example county in a temporary folder; never touches the user's database. With --scale the
screens are drawn as Windows draws them at that display scaling on a 1366 × 768 laptop: Qt scales by the factor,
the window gets the logical screen (1093 × 614 at 125 %) and the PNGs come out at 1366 × 768 pixels.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

SCALE = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
SCREEN = (round(1366 / SCALE), round(768 / SCALE))   # the laptop's screen in Qt's logical pixels
# Qt's offscreen screen, told to be the laptop's: 1366 × 768 pixels at the display scaling asked for
_config = Path(tempfile.mkdtemp()) / "screen.json"
_config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"
if SCALE != 1.0:
    os.environ["QT_SCALE_FACTOR"] = str(SCALE)   # Windows' display scaling: the PNGs keep the screen's pixels
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.db import open_database  # noqa: E402
from app.demo import build_demo  # noqa: E402
from ui import ask as ui_ask  # noqa: E402
from ui.app import setup_application  # noqa: E402


def _collection(app, window, db, tmp: Path, out: Path) -> None:
    """收集汇总: templates sent, three back (one with errors, one late), one preview of what a file changes."""
    from datetime import date, datetime

    import openpyxl

    from app.templates.make import make_templates
    from app.templates.receive import accept, check_file
    from ui.receive_dialog import ReceiveDialog

    sent = tmp / "模板"
    sent.mkdir()
    made = make_templates(db, 2026, "年度数据", sent, deadline=date(2026, 10, 20), now=datetime(2026, 9, 20, 9))
    make_templates(db, 2026, "表一", sent, deadline=date(2026, 10, 25), now=datetime(2026, 9, 20, 9))
    for n, m in enumerate(made[:3]):
        book = openpyxl.load_workbook(m.path)
        ws = book.worksheets[0]
        ws.cell(ws.max_row - 2 if n == 1 else 9, 6, "两项" if n == 1 else 3)
        ws.cell(10, 4, 12)
        book.save(m.path)
        got = check_file(db, m.path, 2026)
        if n < 2:
            accept(db, got, skip_invalid=True, now=datetime(2026, 10, 18 + 4 * n, 15, 30))
    window.show_page("收集汇总")
    app.processEvents()
    window.grab().save(str(out / "collection.png"))
    for n, name in ((1, "collection-send"), (2, "collection-consolidate")):
        window.collection_page.tabs.setCurrentIndex(n)
        app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
    window.collection_page.tabs.setCurrentIndex(0)
    dialog = ReceiveDialog([(made[2].path, got)], window)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "collection-receive.png"))
    dialog.reject()


def fit(widget, width: int, height: int) -> None:
    """A dialog at the size it is shown at, but never larger than the laptop's screen."""
    widget.resize(min(width, SCREEN[0]), min(height, SCREEN[1]))


def main() -> None:
    args = [a for n, a in enumerate(sys.argv[1:], 1) if a != "--scale" and sys.argv[n - 1] != "--scale"]
    out = Path(args[0]) if args else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    app = setup_application()
    from ui.first_run import FirstRunDialog
    from ui.main_window import MainWindow

    tmp = Path(tempfile.mkdtemp())
    first = FirstRunDialog(open_database(tmp / "新台账.db"))
    first.show()
    app.processEvents()
    first.grab().save(str(out / "first-run.png"))

    db = open_database(tmp / "示例.db")
    build_demo(db, units=2000, seed=1, base_year=2026)
    from app import changes

    changes.install(db.conn, "张晓丽")  # the 操作记录 says a clerk's name, not the build machine's user
    window = MainWindow(db)
    window.resize(*SCREEN)
    window.show()
    app.processEvents()
    window.grab().save(str(out / "overview.png"))  # the page the window opens on
    gap = window.overview_page.show_gap("above_scale_coverage", None)
    app.processEvents()
    gap.grab().save(str(out / "overview-gap.png"))
    gap.reject()
    window.show_page("目标")
    app.processEvents()
    window.grab().save(str(out / "targets.png"))
    window.show_page("报表")
    app.processEvents()
    window.grab().save(str(out / "returns.png"))
    behind = window.returns_page.show_behind(0, 5)
    app.processEvents()
    behind.grab().save(str(out / "returns-behind.png"))
    behind.reject()
    window.show_page("逻辑检查")
    app.processEvents()
    window.grab().save(str(out / "checks.png"))
    _collection(app, window, db, tmp, out)
    window.show_page("单位台账")
    app.processEvents()
    window.grab().save(str(out / "screenshot.png"))

    page = window.units_page
    page.search_edit.setText("机械")
    page.scale_filter.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(out / "ledger-filtered.png"))
    page.search_edit.setText("没有这家单位")
    app.processEvents()
    window.grab().save(str(out / "ledger-no-match.png"))
    page.clear_filters()

    page.view.selectRow(2)
    page.edit_current()
    dialog = page.dialog
    dialog.credit_edit.setText(dialog.credit_edit.text()[:17] + ("0" if dialog.credit_edit.text()[-1:] != "0" else "1"))
    dialog.tabs.setCurrentIndex(1)
    dialog.female_edit.setText("99999")
    dialog.tabs.setCurrentIndex(0)
    app.processEvents()
    dialog.grab().save(str(out / "form-error.png"))
    dialog.tabs.setCurrentIndex(1)
    app.processEvents()
    dialog.grab().save(str(out / "form-year-error.png"))
    dialog.reject()

    page.search_edit.setText("有限公司")
    task = page.outputs.print_list()
    from PySide6.QtCore import QThreadPool
    QThreadPool.globalInstance().waitForDone()
    while page.outputs.preview is None:
        app.processEvents()
    preview = page.outputs.preview
    fit(preview, 1000, 760)
    for _ in range(20):
        app.processEvents()
    preview.grab().save(str(out / "print-preview.png"))
    preview.reject()
    page.clear_filters()
    del task

    from openpyxl import Workbook

    from app.importing.kinds import KINDS
    from app.importing.reader import read_sheet
    from app.importing.units import detect_mapping
    from ui.import_dialog import ImportDialog

    book = Workbook()
    ws = book.active
    ws.append(["2026年东城街道企业名单"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "企业名称", "统一社会信用代码", "所属乡镇", "企业类型", "职工人数（人）", "是否建会",
               "联系电话"])
    ws.append([1, "东城中博物流有限公司", "91371329MAY4WBHC37", "东城街道", "私营企业", 15, "√", "17538504838"])
    ws.append([2, "东城新开张餐饮店", None, "东城街道", "个体经济组织", "８", "无", None])
    ws.append([3, "东城某某科技公司", None, "火星镇", "私营企业", "很多", "也许", None])
    book.save(tmp / "名单.xlsx")
    sheet = read_sheet(tmp / "名单.xlsx")
    importer = ImportDialog(db, KINDS["units"], sheet, detect_mapping(sheet), 2026, window)
    importer.show()
    app.processEvents()
    importer.grab().save(str(out / "import-mapping.png"))
    importer.make_preview()
    QThreadPool.globalInstance().waitForDone()
    while importer.stack.currentIndex() != 1:
        app.processEvents()
    importer.status_filter.setCurrentIndex(0)
    app.processEvents()
    importer.grab().save(str(out / "import-preview.png"))
    importer.reject()

    window.show_page("职工")
    app.processEvents()
    window.grab().save(str(out / "people.png"))
    people = window.people_page
    people.view.selectRow(0)
    people.edit_current()
    person = people.dialog
    fit(person, 560, 620)
    app.processEvents()
    person.grab().save(str(out / "person-form.png"))
    person.id_edit.setText(person.id_edit.text()[:-1] + ("0" if person.id_edit.text()[-1:] != "0" else "1"))
    app.processEvents()
    person.grab().save(str(out / "person-form-error.png"))
    person.reject()

    # the example county's skills contest of 2026, with its units and ranked contestants
    competition_id = db.execute("SELECT id FROM competitions WHERE year = 2026 AND kind = '技能竞赛'").fetchone()[0]
    window.show_page("竞赛")
    comp = window.competitions_page
    comp.refresh_list(select=competition_id)
    app.processEvents()
    window.grab().save(str(out / "competitions-plan.png"))
    comp.tabs.setCurrentWidget(comp.units_tab)
    app.processEvents()
    window.grab().save(str(out / "competitions-units.png"))
    comp.tabs.setCurrentWidget(comp.contest_tab)
    app.processEvents()
    window.grab().save(str(out / "competitions-contest.png"))

    window.show_page("年度数据")
    grid = window.figures_page
    grid.view.setCurrentIndex(grid.model.index(1, 4))
    grid.view.selectionModel().select(grid.model.index(1, 4), grid.view.selectionModel().SelectionFlag.Select)
    ask_confirm = ui_ask.confirm
    ui_ask.confirm = lambda *a, **k: False  # the partial paste is declined: the bad cells stay marked
    grid.view.paste("12\t3\tabc\n8\t9\t2")
    ui_ask.confirm = ask_confirm
    app.processEvents()
    window.grab().save(str(out / "figures.png"))
    grid.model.clear_marks()
    grid.view.setCurrentIndex(grid.model.index(3, 5))  # a good paste: one entry of the 操作记录 with its rows
    grid.view.paste("5\t2\n4\t1\n6\t3\n")
    window.show_page("操作记录")
    app.processEvents()
    window.grab().save(str(out / "changes.png"))

    for title, name in (("创新成果", "innovations"), ("荣誉", "honors"), ("工作室", "studios"),
                        ("安全生产", "safety")):
        window.show_page(title)
        app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
    window.safety_page.tabs.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(out / "safety-events.png"))

    honors_page = window.honors_page
    honors_page.view.selectRow(0)
    honors_page.edit_current()
    fit(honors_page.dialog, 600, 720)
    app.processEvents()
    honors_page.dialog.grab().save(str(out / "honor-form.png"))
    honors_page.dialog.reject()
    window.innovations_page.view.selectRow(0)
    window.innovations_page.edit_current()
    fit(window.innovations_page.dialog, 600, 760)
    app.processEvents()
    window.innovations_page.dialog.grab().save(str(out / "innovation-form.png"))
    window.innovations_page.dialog.reject()
    from ui.honor_titles import TitlesDialog

    titles = TitlesDialog(db, window)
    titles.show()
    app.processEvents()
    titles.grab().save(str(out / "honor-titles.png"))
    titles.reject()

    window.show_page("设置")
    app.processEvents()
    window.grab().save(str(out / "settings.png"))

    empty = MainWindow(open_database(tmp / "新台账.db"))
    empty.resize(1000, 500)
    empty.show()
    app.processEvents()
    empty.grab().save(str(out / "ledger-empty.png"))
    for title, name in (("年度数据", "figures-empty"), ("荣誉", "honors-empty")):
        empty.show_page(title)
        app.processEvents()
        empty.grab().save(str(out / f"{name}.png"))
    print(f"screens written to {out}", flush=True)
    os._exit(0)  # skip PySide6's teardown of the widgets


if __name__ == "__main__":
    main()
