"""The main window: navigation on the left, the working-year selector, the database in the status bar."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)
from sqlite_utils import Database

from app import APP_NAME, changes, settings, years
from app.db import db_path
from app.errors import LedgerError

from . import ask
from .changes_page import ChangesPage
from .checks_page import ChecksPage
from .collection_page import CollectionPage
from .competitions_page import CompetitionsPage
from .fields import set_combo_data
from .figures_page import FiguresPage
from .honors_page import HonorsPage
from .innovations_page import InnovationsPage
from .overview_page import OverviewPage
from .people_page import PeoplePage
from .returns_page import ReturnsPage
from .safety_page import SafetyPage
from .screen_fit import fit_to_screen
from .settings_page import SettingsPage
from .studios_page import StudiosPage
from .targets_page import TargetsPage
from .units_page import UnitsPage

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    year_changed = Signal(int)
    restore_requested = Signal(object)   # a checked backup to put in place of the open file

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        fit_to_screen(self, 1280, 760)  # never beyond the screen (ui/screen_fit.py)
        year = settings.working_year(db)

        toolbar = QToolBar("工作年度")
        toolbar.setMovable(False)
        toolbar.setObjectName("yearBar")
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(QLabel("工作年度"))
        self.year_combo = QComboBox()
        self.year_combo.setToolTip("所有页面都显示这一年度的数据")
        row.addWidget(self.year_combo)
        self.open_year_button = QPushButton("开始新年度…")
        self.open_year_button.setToolTip("把最近一个年度的单位带入下一年度：区域、类别、规上、建会、工会主席、高危照搬，"
                                         "人数作为起点、标为待核实")
        row.addWidget(self.open_year_button)
        self.read_only_label = QLabel()
        self.read_only_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.read_only_label.hide()
        row.addWidget(self.read_only_label)
        toolbar.addWidget(holder)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.reload_years(year)

        self.overview_page = OverviewPage(db, year)
        self.targets_page = TargetsPage(db, year)
        self.returns_page = ReturnsPage(db, year)
        self.checks_page = ChecksPage(db, year)
        self.collection_page = CollectionPage(db, year)
        self.changes_page = ChangesPage(db)
        self.units_page = UnitsPage(db, year)
        self.people_page = PeoplePage(db)
        self.competitions_page = CompetitionsPage(db, year)
        self.figures_page = FiguresPage(db, year)
        self.innovations_page = InnovationsPage(db, year)
        self.honors_page = HonorsPage(db, year)
        self.studios_page = StudiosPage(db, year)
        self.safety_page = SafetyPage(db, year)
        self.settings_page = SettingsPage(db)
        self.pages: list[tuple[str, QWidget]] = [
            ("工作概况", self.overview_page), ("单位台账", self.units_page), ("职工", self.people_page),
            ("竞赛", self.competitions_page),
            ("年度数据", self.figures_page), ("创新成果", self.innovations_page), ("荣誉", self.honors_page),
            ("工作室", self.studios_page), ("安全生产", self.safety_page), ("目标", self.targets_page),
            ("报表", self.returns_page), ("收集汇总", self.collection_page),
            ("逻辑检查", self.checks_page), ("操作记录", self.changes_page),
            ("设置", self.settings_page)]
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setMaximumWidth(150)
        self.nav.setMinimumWidth(96)  # the page beside it never squeezes the names of the pages
        self.stack = QStackedWidget()
        for title, page in self.pages:
            self.nav.addItem(title)
            self.stack.addWidget(page)
        self.nav.setStyleSheet("QListWidget#nav { font-size: 11pt; } QListWidget#nav::item { padding: 8px; }")
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setStretchFactor(0, 0)
        splitter.setSizes([self.nav.minimumWidth(), max(self.width() - self.nav.minimumWidth(), 600)])
        self.setCentralWidget(splitter)

        self.db_label = QLabel(f"数据库：{db_path(db)}")
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.db_label)

        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.year_combo.currentIndexChanged.connect(self._year_selected)
        self.open_year_button.clicked.connect(self.open_new_year)
        self.year_changed.connect(self.units_page.set_year)
        self.year_changed.connect(self.competitions_page.set_year)
        for page in (self.figures_page, self.innovations_page, self.honors_page, self.studios_page, self.safety_page,
                     self.overview_page, self.targets_page, self.returns_page, self.checks_page, self.collection_page):
            self.year_changed.connect(page.set_year)
        for page in (self.overview_page, self.returns_page, self.checks_page):
            page.go_to.connect(self.show_page)
        self.checks_page.open_unit.connect(self._open_unit)
        # itemised results and totals bound together; studios and honors show on each other's lists
        self.innovations_page.changed.connect(self.figures_page.reload_if_loaded)
        self.innovations_page.changed.connect(self.studios_page.refresh_if_loaded)
        self.honors_page.changed.connect(self.studios_page.refresh_if_loaded)
        self.studios_page.changed.connect(self.innovations_page.refresh_if_loaded)
        self.units_page.changed.connect(self.figures_page.reload_if_loaded)
        self.collection_page.changed.connect(self.figures_page.reload_if_loaded)
        self.collection_page.changed.connect(self.units_page.model.refresh)
        self.settings_page.info_changed.connect(self.update_title)
        self.settings_page.backup_box.restore_requested.connect(self.restore_requested)
        self.settings_page.areas_changed.connect(self._areas_changed)
        self.units_page.changed.connect(self.settings_page.reload_areas)
        self.units_page.changed.connect(self.people_page.refresh_if_loaded)  # unit names and archiving show there
        self.units_page.changed.connect(self.competitions_page.refresh_list)  # figures feed the coverage
        self.update_title()
        # a paste's or an import's 操作记录 entries join the index of each record's history a little at a time
        # while the clerk pauses (app/changes/record.py `settle`): a tick of 2,000 entries is about 17 ms
        self.settle_timer = QTimer(self)
        self.settle_timer.setInterval(1000)
        self.settle_timer.timeout.connect(self.settle_history)
        self.settle_timer.start()

    def settle_history(self) -> None:
        # an import or an export at work, or this window put away (another file opened, a backup restored): later
        if QThreadPool.globalInstance().activeThreadCount() or not self.isVisible():
            return
        try:
            changes.settle(self.db, 2000)
        except sqlite3.Error:  # the disk gone, the file taken away: the entries wait, nothing is lost
            log.warning("could not settle the change record", exc_info=True)

    @property
    def year(self) -> int:
        return self.year_combo.currentData()

    def reload_years(self, selected: int) -> None:
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years.year_choices(self.db, selected):
            self.year_combo.addItem(f"{y} 年", y)
        set_combo_data(self.year_combo, selected)
        self.year_combo.blockSignals(False)

    def set_year(self, year: int) -> None:
        set_combo_data(self.year_combo, year)

    def open_new_year(self) -> None:
        """开始新年度: the year after the newest with data, from it, after asking."""
        done = years.years_with_data(self.db)
        if not done:
            ask.error(self, "开始新年度", "台账中还没有单位：请先添加或导入单位。")
            return
        source, target = done[0], done[0] + 1
        count = years.unit_count(self.db, source)
        text = (f"把 {source} 年度的 {count:,} 家单位带入 {target} 年度？\n\n所属区域、单位类别、规模以上、建会情况、"
                "工会主席、高危行业照搬；职工、女职工、会员人数作为起点，标为“待核实”，"
                f"核对后保存或导入 {target} 年名单即确认。"
                f"\n{source} 年度及以前的数据不受影响。")
        if not ask.confirm(self, "开始新年度", text, yes="开始"):
            return
        try:
            opened = years.open_year(self.db, target)
        except LedgerError as exc:
            ask.error(self, "开始新年度", str(exc))
            return
        self.reload_years(target)
        self._year_selected()
        self.statusBar().showMessage(f"已开始 {target} 年度：带入 {opened.units:,} 家单位，"
                                     f"{opened.unconfirmed:,} 家的人数待核实。", 10000)

    def _year_selected(self) -> None:
        year = self.year
        settings.set_working_year(self.db, year)
        self.year_changed.emit(year)

    def _areas_changed(self) -> None:
        self.units_page.reload_areas()
        self.units_page.model.refresh()
        for page in (self.people_page, self.figures_page, self.innovations_page, self.honors_page, self.studios_page,
                     self.safety_page):
            page.reload_areas()
        self.people_page.refresh_if_loaded()

    def show_page(self, title: str) -> None:
        for n, (name, _) in enumerate(self.pages):
            if name == title:
                self.nav.setCurrentRow(n)

    def show_read_only(self, holder: str) -> None:
        """Another window holds the file: this one looks, and says who writes."""
        self.read_only_label.setText(f"只读：这个数据文件正由 {holder}打开，本窗口只能查看；"
                                     "关闭那个窗口后重新打开即可修改。")
        self.read_only_label.show()
        self.open_year_button.setEnabled(False)
        self.setWindowTitle(self.windowTitle() + "（只读）")

    def _open_unit(self, unit_id: int) -> None:
        self.show_page("单位台账")
        self.units_page.edit_unit(unit_id)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """The window's size, place and page are kept for the next start (per user, QSettings)."""
        from PySide6.QtCore import QSettings  # the application's own (setup_application names it)

        store = QSettings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/page", self.pages[max(self.nav.currentRow(), 0)][0])
        super().closeEvent(event)

    def restore_place(self) -> bool:
        """The size, place and page of the last window, where there was one and it still fits a screen."""
        from PySide6.QtCore import QSettings  # the application's own (setup_application names it)

        store = QSettings()
        geometry = store.value("window/geometry")
        restored = bool(geometry) and self.restoreGeometry(geometry)
        page = store.value("window/page")
        if page:
            self.show_page(str(page))
        return restored

    def update_title(self) -> None:
        name = settings.union_info(self.db).union_name
        self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)
