"""收集汇总: templates sent down to the areas, the files that came back, and 汇总 of returns one level up.

发出模板 makes one .xlsx per area (and competition) into a folder; 报送情况 shows per area and template what
came back, when, with errors or late, and takes the files back — chosen, or dropped on the page, one file or
a whole folder — each checked and previewed (old → new per cell, every refused row with its reason) before
anything is written; 汇总 adds several returns of the same 表号 and year into one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app.errors import LedgerError
from app.templates.kinds import KINDS
from app.templates.status import collection_status, counts, get_deadline, recipients

from . import ask
from .backup_box import choose_folder
from .tasks import run_task

if TYPE_CHECKING:  # the dialog and the template reader are loaded when a file is first received
    from .receive_dialog import ReceiveDialog

STATE_COLORS = {"已接收": "#2e7d32", "有错误": "#e65100", "未接收": "#757575"}


def choose_files(parent: QWidget | None, title: str, filter_text: str) -> list[str]:
    """The files the user chose, or [] if they cancelled. Tests replace it."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, "", filter_text)
    return paths


class CollectionPage(QWidget):
    go_to = Signal(str)
    changed = Signal()

    def __init__(self, db: Database, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.year = year
        self.dialog: QDialog | None = None
        self.taken: list[str] = []   # what the last 接收 did with each file
        self.setAcceptDrops(True)

        # -- 发出模板
        self.kind = QComboBox()
        for word, kind in KINDS.items():
            self.kind.addItem(f"{word}（{kind.title}）", word)
        self.area = QComboBox()
        self.competition = QComboBox()
        self.has_deadline = QCheckBox("报送截止日期")
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy年M月d日")
        self.make_button = QPushButton("生成模板…")
        self.make_button.setToolTip("每个区域一份 .xlsx，写入您选的文件夹")
        form = QFormLayout()
        form.addRow("模板", self.kind)
        form.addRow("区域", self.area)
        form.addRow("竞赛", self.competition)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.deadline)
        deadline_row.addStretch()
        form.addRow("", deadline_row)
        explain = QLabel("模板发给各乡镇、街道、园区工会填写：本区域的单位已列好（名称、信用代码锁定），要"
                         "填的格子有下拉列表和数字检查，表内写明截止日期和填表说明。交回后在“报送情况”中"
                         "接收：程序按隐藏的“模板信息”认出是哪个区域的哪种模板（文件改了名也认得），逐行"
                         "检查，先预览每处改动，确认后才写入。")
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #616161;")
        self.kind_note = QLabel()
        self.kind_note.setWordWrap(True)
        self.kind_note.setMaximumWidth(720)
        form.addRow("填表说明", self.kind_note)
        send = QWidget()
        sl = QVBoxLayout(send)
        sl.addWidget(explain)
        holder = QWidget()
        holder.setMaximumWidth(820)
        holder.setLayout(form)
        sl.addWidget(holder)
        make_row = QHBoxLayout()
        make_row.addWidget(self.make_button)
        make_row.addStretch()
        sl.addLayout(make_row)
        sl.addStretch()

        # -- 报送情况
        self.counts = QLabel()
        self.receive_button = QPushButton("接收文件…")
        self.receive_folder_button = QPushButton("接收文件夹…")
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels(["区域", "模板", "竞赛", "发出日期", "接收时间", "文件", "状态",
                                              "截止日期", "逾期"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel("还没有发出或收到模板：先在“发出模板”中生成并发给各区域；收到的文件可以直接拖到本页。")
        self.empty.setStyleSheet("color: #616161; padding: 24px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        status = QWidget()
        st = QVBoxLayout(status)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.receive_button)
        top.addWidget(self.receive_folder_button)
        st.addLayout(top)
        st.addWidget(self.empty)
        st.addWidget(self.table, 1)
        hint = QLabel("交回的文件（一个或一整个文件夹）可以直接拖到本页。")
        hint.setStyleSheet("color: #616161;")
        st.addWidget(hint)

        # -- 汇总
        self.sources = QListWidget()
        self.add_sources_button = QPushButton("添加报表文件…")
        self.clear_sources_button = QPushButton("清空")
        self.number = QComboBox()
        self.number.addItem("自动（文件中只有一张表时）", None)
        for n in ("表一", "表二", "表三"):
            self.number.addItem(n, n)
        self.consolidate_button = QPushButton("汇总并保存…")
        explain2 = QLabel("汇总是高一级的同一件事：县汇总各园区交回的表一、表二，市汇总各县用本程序导出的上"
                          "报表。选同一表号、同一年度的几份报表，得到一张表：每份报表一行（按填报单位），其"
                          "下缩进列出它的各区域，最后是合计，比率按合计的分子分母重算。年度或表号不同、同一"
                          "来源两次、数字不合本表逻辑、合计被改过的，都会指出是哪个文件的哪一格，不汇总。")
        explain2.setWordWrap(True)
        explain2.setStyleSheet("color: #616161;")
        cons = QWidget()
        cl = QVBoxLayout(cons)
        self.sources_note = QLabel()
        cl.addWidget(explain2)
        cl.addWidget(self.sources_note)
        cl.addWidget(self.sources, 1)
        crow = QHBoxLayout()
        crow.addWidget(self.add_sources_button)
        crow.addWidget(self.clear_sources_button)
        crow.addStretch()
        crow.addWidget(QLabel("表号"))
        crow.addWidget(self.number)
        crow.addWidget(self.consolidate_button)
        cl.addLayout(crow)

        self.tabs = QTabWidget()
        self.tabs.addTab(status, "报送情况")
        self.tabs.addTab(send, "发出模板")
        self.tabs.addTab(cons, "汇总")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.make_button.clicked.connect(self.make)
        self.receive_button.clicked.connect(lambda: self.receive(choose_files(
            self, "选择交回的模板", "Excel 文件 (*.xlsx *.xlsm *.xls *.ods)")))
        self.receive_folder_button.clicked.connect(lambda: self.receive([p] if (p := choose_folder(
            self, "选择放着交回模板的文件夹")) else []))
        self.add_sources_button.clicked.connect(self.add_sources)
        self.clear_sources_button.clicked.connect(self.sources.clear)
        self.sources.model().rowsInserted.connect(self._sources_changed)
        self.sources.model().rowsRemoved.connect(self._sources_changed)
        self.sources.model().modelReset.connect(self._sources_changed)
        self._sources_changed()
        self.consolidate_button.clicked.connect(self.consolidate)
        self.reload_choices()

    # -- the year and its choices -----------------------------------------------------------------------

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def set_year(self, year: int) -> None:
        self.year = year
        self.reload_choices()
        if self.isVisible():
            self.refresh()

    def reload_choices(self) -> None:
        areas, competitions = recipients(self.db, self.year)
        self.area.clear()
        self.area.addItem("全部区域（每个区域一份）", None)
        for area_id, name in areas:
            self.area.addItem(name, area_id)
        self.competition.clear()
        self.competition.addItem("本年度全部竞赛（每项竞赛一份）", None)
        for cid, name in competitions:
            self.competition.addItem(name, cid)
        self._kind_changed()

    def _kind_changed(self) -> None:
        word = self.kind.currentData()
        self.competition.setEnabled(word == "参赛")
        self.kind_note.setText("\n".join(KINDS[word].notes) if word else "")
        saved = get_deadline(self.db, word, self.year) if word else None
        self.has_deadline.setChecked(saved is not None)
        self.deadline.setEnabled(saved is not None)
        when = saved or date(self.year, 10, 20)
        self.deadline.setDate(QDate(when.year, when.month, when.day))

    def refresh(self) -> None:
        rows = collection_status(self.db, self.year)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.counts.setText(f"<b>{self.year} 年度</b>　{counts(rows)}" if rows else f"<b>{self.year} 年度</b>")
        self.table.setRowCount(len(rows))
        for r, s in enumerate(rows):
            values = [s.area, s.word, s.competition, s.sent_on, s.received_at, s.file_name,
                      s.state + (f"（{s.refused} 行）" if s.refused else ""), s.deadline, "逾期" if s.late else ""]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 6:
                    item.setForeground(QColor(STATE_COLORS[s.state]))
                if c == 8 and s.late:
                    item.setForeground(QColor("#c62828"))
                self.table.setItem(r, c, item)
        self.table.setColumnHidden(2, not any(s.competition for s in rows))  # 竞赛: only for 参赛 templates
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

    # -- sending ------------------------------------------------------------------------------------------

    def make(self, folder: str | None = None):
        from app.templates.make import make_templates  # openpyxl: loaded when first needed, not at the start

        word = self.kind.currentData()
        folder = folder or choose_folder(self, f"{self.kind.currentText()}保存到")
        if not folder:
            return None
        area = self.area.currentData()
        competition = self.competition.currentData() if word == "参赛" else None
        deadline = self.deadline.date().toPython() if self.has_deadline.isChecked() else None
        year = self.year

        def done(made) -> None:
            self.refresh()
            ask.info(self, "已生成", f"已生成 {year} 年度{word}模板 {len(made)} 份，写入：\n{folder}\n\n"
                     + "\n".join(m.path.name for m in made[:12]) + ("\n……" if len(made) > 12 else ""))

        self._task = run_task(self, "正在生成模板…", self.db,
                              lambda db, progress: make_templates(db, year, word, folder, [area] if area else None,
                                                                  deadline, [competition] if competition else None,
                                                                  progress=progress),
                              done, lambda message: ask.error(self, "没有生成", message))
        return self._task

    # -- receiving -------------------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if self.tabs.currentIndex() == 2:  # on 汇总: the returns to add up
            self.add_sources([p for p in paths if p.lower().endswith(".xlsx")])
        else:
            self.receive(paths)

    def receive(self, paths: list[str]):
        from app.templates.receive import check_file, files_in

        if not paths:
            return None
        year = self.year

        def work(db, progress):
            files = [f for p in paths for f in files_in(p)]
            out = []
            for n, f in enumerate(files):
                progress(n, len(files))
                try:
                    out.append((f, check_file(db, f, year)))
                except LedgerError as exc:
                    out.append((f, str(exc)))
            return out

        def done(results) -> None:
            if not results:
                ask.info(self, "接收", "所选文件夹中没有 .xlsx / .xls / .ods 文件。")
                return
            from .receive_dialog import ReceiveDialog

            self.dialog = ReceiveDialog(results, self)
            self.dialog.accepted.connect(lambda: self.take(self.dialog))
            self.dialog.open()

        self._task = run_task(self, "正在读取交回的文件…", self.db, work, done,
                              lambda message: ask.error(self, "没有读取", message))
        return self._task

    def take(self, dialog: ReceiveDialog):
        """Write each recognised file (asking first before replacing one already received) on a worker thread, one
        transaction a file; 接收结果 says what became of each."""
        from app.templates.receive import Received, accept

        said: list[str] = []
        jobs: list[tuple[Path, Received, bool]] = []
        for path, got in dialog.results:
            if not isinstance(got, Received):
                continue
            if got.earlier:
                answer = ask.choose(self, "已接收过", f"{got.earlier}。\n用「{path.name}」替换吗？", ["替换", "跳过"])
                if answer != 0:
                    said.append(f"{path.name}：跳过")
                    continue
            jobs.append((path, got, bool(got.earlier)))
        skip_invalid = dialog.skip_invalid.isChecked()

        def work(db, progress) -> list[str]:
            out = []
            for n, (path, got, replace) in enumerate(jobs):
                progress(n, len(jobs))
                try:
                    written = accept(db, got, skip_invalid=skip_invalid, replace=replace)
                    out.append(f"{path.name}：已接收，写入 {written} 行"
                               + (f"，{len(got.refused)} 处错误没有导入" if got.refused else ""))
                except LedgerError as exc:
                    out.append(f"{path.name}：没有写入（{exc}）")
            return out

        def done(lines: list[str]) -> None:
            self.taken = said + lines
            self.refresh()
            self.changed.emit()
            ask.info(self, "接收结果", "\n".join(self.taken))

        self._task = run_task(self, "正在写入交回的数据…", self.db, work, done,
                              lambda message: ask.error(self, "没有写入", message))
        return self._task

    # -- 汇总 ----------------------------------------------------------------------------------------------

    def add_sources(self, paths: list[str] | None = None) -> None:
        paths = paths if paths is not None else choose_files(self, "选择要汇总的报表", "Excel 文件 (*.xlsx)")
        have = {self.sources.item(i).text() for i in range(self.sources.count())}
        for p in paths:
            if p not in have:
                self.sources.addItem(p)

    def _sources_changed(self, *_args) -> None:
        n = self.sources.count()
        more = "" if n >= 2 else "：至少选两份——点“添加报表文件…”，或把文件拖到这里"
        self.sources_note.setText(f"已选 {n} 份报表{more}。")
        self.consolidate_button.setEnabled(n >= 2)

    def consolidate(self, path: str | None = None) -> Path | None:
        from app import settings
        from app.returns.consolidate import consolidate, write_consolidated

        files = [self.sources.item(i).text() for i in range(self.sources.count())]
        try:
            c = consolidate(files, self.number.currentData())
        except LedgerError as exc:
            ask.error(self, "不能汇总", str(exc))
            return None
        path = path or ask.save_file(self, "保存汇总表", f"{c.year}年度{c.number}（汇总）.xlsx", "Excel 文件 (*.xlsx)")
        if not path:
            return None
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"
        info = settings.union_info(self.db)
        try:
            out = write_consolidated(c, path, info.union_name, info.principal, info.filler, info.phone)
        except LedgerError as exc:
            ask.error(self, "没有保存", str(exc))
            return None
        ask.info(self, "已汇总", f"已汇总 {c.year} 年度{c.number} {len(c.sources)} 份（"
                 + "、".join(s.name for s in c.sources) + f"），写入：\n{out}")
        return out
