"""工作概况, the page the window opens on: the working year's indicators against their targets and last year,
the areas that miss them, a chart by area, and behind every figure the records that make its gap."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import indicators, targets, years
from app.indicators import BY_CODE, change, shown
from app.targets import TARGETABLE

from .area_chart import AreaChart
from .pdf_preview import Previewer
from .screen_fit import fit_to_screen

AREA_CODES = ["unit_coverage", "above_scale_coverage", "employee_rate", "participant_times", "suggestions_made",
              "innovations", "studios"]
CODES = list(dict.fromkeys(["units", "units_in", *TARGETABLE, *AREA_CODES]))  # what the page shows
MISSED = QBrush(QColor("#c62828"))
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
FIRST_STEPS = ("还没有单位数据。先做这三步：\n\n1. 在左侧“设置”中添加本县的乡镇、街道和园区；\n"
               "2. 在“单位台账”中逐个添加，或从各乡镇报来的 Excel 导入单位；\n"
               "3. 在“目标”中填写今年各项指标的目标（也可从上年复制）。")


def _item(text: str, align=None, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if align is not None:
        item.setTextAlignment(align)
    if tip:
        item.setToolTip(tip)
    return item


class GapDialog(QDialog):
    """The records behind a figure: the units that make its gap, or the areas without a studio."""

    def __init__(self, title: str, headers: list[str], rows: list[list[str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, 640, 520)  # never beyond the screen (ui/screen_fit.py)
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, _item(text, RIGHT if c >= 2 else None))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(title))
        layout.addWidget(self.table)
        layout.addWidget(buttons)


class OverviewPage(QWidget):
    go_to = Signal(str)          # the title of a page to show (目标 …)

    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.year = year
        self.result: indicators.YearIndicators | None = None
        self.goals: dict = {}
        self.previewer = Previewer(self, db)
        self.gap_dialog: GapDialog | None = None

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.targets_button = QPushButton("填写目标…")
        self.print_button = QPushButton("打印年度汇总…")
        self.print_button.setToolTip("年度劳动竞赛工作情况汇总 PDF：指标与目标、同比、分区域图表、竞赛、荣誉、创新、"
                                     "工作室、安全生产")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.targets_button)
        head.addWidget(self.print_button)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(["指标", "本年", "目标", "完成", "上年", "同比"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c, w in ((1, 78), (2, 72), (3, 92), (4, 78), (5, 104)):
            self.table.setColumnWidth(c, w)
        self.table.setToolTip("双击一项指标，列出造成差距的单位")
        self.chart_combo = QComboBox()
        for code in AREA_CODES:
            self.chart_combo.addItem(BY_CODE[code].title, code)
        self.chart = AreaChart()
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("各区域"))
        row.addWidget(self.chart_combo, 1)
        chart_layout.addLayout(row)
        chart_layout.addWidget(self.chart, 1)
        top = QSplitter()
        top.addWidget(self.table)
        top.addWidget(chart_box)
        top.setSizes([680, 500])
        self.areas = QTableWidget(0, 1 + len(AREA_CODES))
        self.areas.setHorizontalHeaderLabels(["区域", *(BY_CODE[c].title for c in AREA_CODES)])
        self.areas.verticalHeader().hide()
        self.areas.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.areas.setToolTip("红色 × 为未完成目标；双击一格，列出该区域造成差距的单位")
        self.empty_label = QLabel(FIRST_STEPS)
        self.empty_label.setStyleSheet("color: #424242; font-size: 12pt;")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.addWidget(top)
        self.body.addWidget(self.areas)
        self.body.setSizes([400, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.empty_label, 1)

        self.table.cellDoubleClicked.connect(lambda r, _c: self.show_gap(TARGETABLE[r], None))
        self.areas.cellDoubleClicked.connect(self._area_clicked)
        self.chart_combo.currentIndexChanged.connect(self._draw_chart)
        self.chart.bar_clicked.connect(self._bar_clicked)
        self.targets_button.clicked.connect(lambda: self.go_to.emit("目标"))
        self.print_button.clicked.connect(self.print_summary)

    def showEvent(self, event) -> None:
        self.refresh()  # a change on any other page shows here when the page is shown again
        super().showEvent(event)

    def set_year(self, year: int) -> None:
        self.year = year
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        empty = not years.years_with_data(self.db)
        self.body.setVisible(not empty)
        self.summary.setVisible(not empty)
        self.empty_label.setVisible(empty)
        self.print_button.setEnabled(not empty)
        self.title.setText(f"{self.year} 年度工作概况")
        if empty:
            self.result = None
            return
        self.result = indicators.compute(self.db, self.year, codes=CODES)
        self.goals = targets.progress(self.db, self.year, self.result)
        self._fill_table(None, pending=True)
        self._fill_areas()
        self._draw_chart()
        self._fill_summary()
        # 上年 and 同比 follow once this year's figures are painted (30 ms: after the paint events; a timer
        # bound to the page never fires after it is closed)
        QTimer.singleShot(30, self, self._last_year)

    def _last_year(self) -> None:
        if self.result is None or not self.isVisible():  # left, closed, or its file being restored
            return
        year = self.result.year
        before = indicators.compute(self.db, year - 1, codes=CODES) if years.unit_count(self.db, year - 1) else None
        self._fill_table(before)

    def _fill_summary(self) -> None:
        c = self.result.county
        county = [(code, g) for (code, area), g in self.goals.items() if area is None]
        missed = [BY_CODE[code].title for code, g in county if g.met is False]
        line = (f"全县 {c['units'].value:,} 家单位，{c['units_in'].value:,} 家参赛。")
        if not county:
            line += "还没有填写本年度的目标：点击“填写目标…”。"
        else:
            line += f"设定目标的 {len(county)} 项指标完成 {len(county) - len(missed)} 项"
            line += f"，未完成：{'、'.join(missed)}。" if missed else "，全部完成。"
        notes = "".join(f"<br><span style='color:#8d6e00'>{n}</span>" for n in self.result.notes)
        self.summary.setText(line + notes)

    def _fill_table(self, before, pending: bool = False) -> None:
        self.table.setRowCount(len(TARGETABLE))
        for r, code in enumerate(TARGETABLE):
            v = self.result.county[code]
            g = self.goals.get((code, None))
            last = before.county[code] if before else None
            tip = v.fraction() + (f"\n{BY_CODE[code].note}" if BY_CODE[code].note else "")
            self.table.setItem(r, 0, _item(v.title if v.unit == "%" else f"{v.title}（{v.unit}）", tip=tip))
            self.table.setItem(r, 1, _item(shown(v.value, v.unit), RIGHT, tip))
            self.table.setItem(r, 2, _item(f"{g.direction}{shown(g.target, v.unit)}" if g else "", RIGHT))
            self.table.setItem(r, 4, _item("…" if pending else shown(last.value if last else None, v.unit), RIGHT))
            self.table.setItem(r, 5, _item("" if pending else change(v, last), RIGHT))
            self.table.removeCellWidget(r, 3)
            if g is not None and g.ratio is not None:
                bar = QProgressBar()
                bar.setRange(0, 100)
                bar.setValue(min(100, round(g.ratio * 100)))
                bar.setFormat(("完成 " if g.met else "× ") + f"{g.ratio:.0%}")
                color = "#2e7d32" if g.met else "#c62828"
                bar.setStyleSheet("QProgressBar { text-align: center; }"
                                  f" QProgressBar::chunk {{ background: {color}; }}")
                self.table.setCellWidget(r, 3, bar)
                self.table.setItem(r, 3, _item("完成" if g.met else "未完成"))
            else:
                self.table.setItem(r, 3, _item(""))
        self.table.resizeRowsToContents()

    def _fill_areas(self) -> None:
        rows = [a for a in self.result.areas if a.area_id is not None]
        self.areas.setRowCount(len(rows))
        for r, a in enumerate(rows):
            self.areas.setItem(r, 0, _item(a.name))
            for c, code in enumerate(AREA_CODES, 1):
                v = a.values[code]
                g = self.goals.get((code, a.area_id))
                item = _item(("× " if g and g.met is False else "") + shown(v.value, v.unit), RIGHT, v.fraction())
                if g is not None and g.met is False:
                    item.setForeground(MISSED)
                    item.setToolTip(f"{v.fraction()}，未达到目标 {g.direction}{shown(g.target, v.unit)}")
                self.areas.setItem(r, c, item)

    def _draw_chart(self) -> None:
        if self.result is None:
            return
        code = self.chart_combo.currentData()
        rows = [a for a in self.result.areas if a.area_id is not None]
        goal = self.goals.get((code, None))
        # a rate's target holds for every area; a count's county target is not an area's
        target = goal.target if goal is not None and BY_CODE[code].is_rate else None
        self.chart.set_data([a.name for a in rows], [a.values[code].value for a in rows], BY_CODE[code].unit, target,
                            goal is not None and goal.direction == "≤")

    def _area_ids(self) -> list[int]:
        return [a.area_id for a in self.result.areas if a.area_id is not None] if self.result else []

    def _area_clicked(self, row: int, column: int) -> None:
        if column:
            self.show_gap(AREA_CODES[column - 1], self._area_ids()[row])

    def _bar_clicked(self, index: int) -> None:
        self.show_gap(self.chart_combo.currentData(), self._area_ids()[index])

    def show_gap(self, code: str, area_id: int | None) -> GapDialog:
        """The records behind a figure, for the county or one area."""
        ind = BY_CODE[code]
        where = "全县" if area_id is None else next(a.name for a in self.result.areas if a.area_id == area_id)
        if code == "areas_without_studio" or (code == "studios" and area_id is None):
            names = indicators.areas_without_studio(self.db, self.year)
            rows = [[n] for n in names]
            title = f"{self.year} 年度还没有创新工作室的区域（{len(rows)} 个）"
            headers = ["区域"]
        elif ind.gap:
            units = indicators.gap_units(self.db, self.year, code, area_id)
            title = f"{self.year} 年度{where}{ind.title}：{ind.gap_title}（{len(units):,} 家）"
            times = code == "participant_times"  # the records beside the typed total
            headers = ["单位", "区域", "职工人数"] + (["参赛记录（人次）", "填报（人次）"] if times else [])
            rows = [[str(u["name"]), str(u["area"] or ""), shown(u["employees"], "人")]
                    + ([shown(u["times"], "人次"), shown(u["typed_times"], "人次")] if times else [])
                    for u in units]
        else:
            title = f"{self.year} 年度{where}{ind.title}是各单位的合计数：各单位的数在“年度数据”或相应页面中查看"
            headers, rows = ["说明"], []
        self.gap_dialog = GapDialog(title, headers, rows, self)
        self.gap_dialog.open()
        return self.gap_dialog

    def print_summary(self):
        from app.pdf.summary import report_summary  # reportlab: loaded when first needed, not at the start

        year = self.year
        return self.previewer.start(f"{year}年度劳动竞赛工作情况汇总", f"{year}年度劳动竞赛工作情况汇总.pdf",
                                    lambda db, path, progress: report_summary(db, year, path))
