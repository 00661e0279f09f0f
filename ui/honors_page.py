"""荣誉: the register of honors (推荐 → 公示 → 命名, 撤销 with a reason), the catalog of titles, the roster PDF
and the recommendation lists in Excel."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QPushButton, QWidget

from app import honors, settings
from app.codes import HONOR_STATES, LEVELS
from app.db import describe_sqlite_error
from app.errors import LedgerError, ValidationError
from app.honors import HonorFilter, HonorInput, RewardWarning

from . import ask
from .fields import set_combo_data
from .honor_titles import TitlesDialog
from .paged_model import Column
from .pdf_preview import Previewer
from .record_form import Cancelled, Field, RecordDialog
from .register_page import MUTED, WARN, RegisterPage
from .tasks import Task, run_task

ROSTERS = [("命名", "表彰名单"), ("公示", "公示名单"), ("推荐", "推荐名单")]


def honor_fields(db) -> list[Field]:
    titles = tuple((f"{t.name}（{t.recipient_name}）", t.id) for t in honors.titles(db))
    return [
        Field("title_id", "称号", "choice", titles, required=True),
        Field("level", "级别", "choice", tuple(LEVELS), required=True),
        Field("unit_id", "单位", "unit", required=True),
        Field("team_name", "班组名称", required=True, placeholder="如 装配车间甲班"),
        Field("studio_id", "工作室", "studio", required=True),
        Field("person_id", "职工", "person", required=True),
        Field("conferred_by", "授予单位", placeholder="如 某某市总工会"),
        Field("doc_number", "文号", placeholder="如 临会发〔2015〕9号；[2015]、【2015】会自动改为〔2015〕"),
        Field("conferred_on", "授予日期", "date"),
        Field("reward", "物质奖励（元）", "number"),
        Field("state", "状态", "choice", tuple(HONOR_STATES), required=True),
        Field("deeds", "主要事迹", "multiline"),
    ]


class HonorDialog(RecordDialog):
    """The honor form: which recipient fields show depends on whom the title goes to."""

    def __init__(self, db, title: str, values: dict[str, object], save, parent=None, new: bool = False,
                 note: str = "", record_id: int | None = None):
        super().__init__(db, title, honor_fields(db), values, save, parent, note, record=("honors", record_id))
        self.kinds = {t.id: (t.recipient, t.level) for t in honors.titles(db)}
        self.new = new
        self.widget("title_id").currentIndexChanged.connect(self._title_changed)
        self._title_changed()

    def _title_changed(self) -> None:
        kind, level = self.kinds.get(self.widget("title_id").currentData(), ("unit", "县"))
        shown = {"unit_id": kind != "person", "team_name": kind == "team", "studio_id": kind == "studio",
                 "person_id": kind == "person"}
        for key, visible in shown.items():
            self.fields.form.setRowVisible(self.widget(key).parentWidget(), visible)
        if self.new:
            set_combo_data(self.widget("level"), level)

    def values(self) -> dict[str, object]:
        values = super().values()
        kind = self.kinds.get(values["title_id"], ("unit", ""))[0]
        if kind == "person":
            values["unit_id"] = None
        if kind != "team":
            values["team_name"] = ""
        if kind != "studio":
            values["studio_id"] = None
        if kind != "person":
            values["person_id"] = None
        return values


class HonorsPage(RegisterPage):
    noun = "荣誉"
    unit_word = "项"
    default_sort = "title"
    placeholder = "搜索单位、集体、姓名、称号或文号"
    # widths that fit a 1280 × 760 window (the nav beside them) without scrolling sideways
    columns = [
        Column("title", "称号", 192), Column("level", "级别", 44, centred=True),
        Column("recipient_kind", "对象", 50, centred=True), Column("recipient", "获奖单位、集体或个人", 170),
        Column("unit", "单位", 184), Column("doc_number", "文号", 130), Column("conferred_on", "授予日期", 84,
                                                                            centred=True),
        Column("reward", "奖励（元）", 76, numeric=True), Column("state", "状态", 80),
    ]

    def __init__(self, db, year: int, parent: QWidget | None = None):
        super().__init__(db, year, parent)
        self.previewer = Previewer(self, db)
        self.revoke_button = QPushButton("撤销…")
        self.revoke_button.setToolTip("撤销称号：记录保留，写明原因，不再计入统计")
        self.top.insertWidget(self.top.count(), self.revoke_button)
        self.catalog_button = QPushButton("称号目录…")
        self.roster_button = QPushButton("名单 PDF…")
        self.roster_button.setToolTip("按称号分组的表彰名单、公示名单或推荐名单，可直接打印张贴")
        self.full_id_check = QCheckBox("完整身份证号")
        self.full_id_check.setToolTip("只对下一次导出有效；不勾选时身份证号只显示前 6 位和后 4 位")
        self.export_button = QPushButton("推荐名单 Excel…")
        for w in (self.catalog_button, self.roster_button, self.full_id_check, self.export_button):
            self.actions.addWidget(w)
        self.revoke_button.clicked.connect(self.revoke_current)
        self.catalog_button.clicked.connect(self.edit_catalog)
        self.roster_button.clicked.connect(lambda: self.print_roster())
        self.export_button.clicked.connect(lambda: self.export_recommendations())
        self.update_buttons()

    def filters(self) -> list[QWidget]:
        self.title_filter = self.choice_filter([("全部称号", None)])
        self.title_filter.setMaximumWidth(160)
        self.reload_titles()
        self.state_filter = self.choice_filter([("全部状态", ""), *((s, s) for s in (*HONOR_STATES, "撤销"))])
        self.who_filter = self.choice_filter([("集体和个人", None), ("集体", True), ("个人", False)])
        return [self.title_filter, self.state_filter, self.who_filter]

    def reload_titles(self) -> None:
        current = self.title_filter.currentData()
        self.title_filter.blockSignals(True)
        self.title_filter.clear()
        self.title_filter.addItem("全部称号", None)
        for t in honors.titles(self.db):
            self.title_filter.addItem(t.name, t.id)
        set_combo_data(self.title_filter, current)
        self.title_filter.blockSignals(False)

    def search(self, sort: str, descending: bool) -> list[int]:
        flt = HonorFilter(self.year, self.text, self.title_filter.currentData(), self.state_filter.currentData(),
                          self.who_filter.currentData(), self.area_id)
        return honors.search(self.db, flt, "recipient" if sort == "recipient" else sort, descending)

    def fetch(self, ids: list[int]) -> dict[int, dict[str, object]]:
        rows = honors.fetch_rows(self.db, ids)
        for r in rows.values():
            r["recipient"], r["kind"] = r["recipient_name"], r["recipient"]
            r["state"] = r["shown_state"]
        return rows

    def style(self, role: int, column: Column, row: dict[str, object]) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and row.get("revoked_on"):
            return MUTED
        if role == Qt.ItemDataRole.BackgroundRole and row.get("flagged"):
            return WARN
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.get("revoked_on"):
                return f"{row['revoked_on']} 撤销：{row['revoke_reason']}"
            if row.get("flagged"):
                return f"{row['recipient']}是企业负责人：「{row['title']}」的物质奖励不含企业负责人"
        return None

    def describe(self, row: dict[str, object]) -> str:
        return f"{row['recipient']} · {row['level']}级{row['title']}"

    def update_buttons(self) -> None:
        super().update_buttons()
        if hasattr(self, "revoke_button"):
            row = self.current_row()
            self.revoke_button.setEnabled(row is not None and not row.get("revoked_on"))

    # -- the form ----------------------------------------------------------------------------
    def dialog_for(self, record_id: int | None) -> RecordDialog:
        note = ""
        if record_id is not None:
            current = honors.get(self.db, record_id)
            title = f"编辑{current.year}年荣誉"
            revoked_on, reason = honors.revocation(self.db, record_id)
            if revoked_on:
                note = f"这项荣誉已于 {revoked_on} 撤销（{reason}），记录留档，不计入统计。"
        else:
            current = HonorInput(year=self.year, conferred_by=settings.union_info(self.db).union_name)
            title = f"新增{self.year}年荣誉"
        dialog = HonorDialog(self.db, title, asdict(current), lambda v: self._save(dialog, v, record_id, current.year),
                             self, new=record_id is None, note=note, record_id=record_id)
        return dialog

    def _save(self, dialog: RecordDialog, values: dict[str, object], record_id: int | None, year: int) -> int:
        honor = HonorInput(year=year, **values)
        try:
            return honors.save(self.db, honor, record_id)
        except RewardWarning as exc:
            if not ask.confirm(dialog, "请核对物质奖励", f"{exc}\n\n仍然保存吗？（列表中这条记录会标红提示）",
                               yes="仍然保存"):
                raise Cancelled from exc
            return honors.save(self.db, honor, record_id, accept_warnings=True)

    def delete_record(self, record_id: int) -> None:
        honors.delete(self.db, record_id)

    def revoke_current(self) -> None:
        record_id, row = self.current_id(), self.current_row()
        if record_id is None or row is None or row.get("revoked_on"):
            return
        while True:
            reason = ask.text(self, "撤销荣誉", f"撤销「{self.describe(row)}」的原因（必填；记录会保留）：")
            if reason is None:
                return
            try:
                honors.revoke(self.db, record_id, reason)
                break
            except ValidationError as exc:
                ask.error(self, "没有撤销", str(exc))
            except (LedgerError, sqlite3.Error) as exc:
                ask.error(self, "没有撤销", str(exc) if isinstance(exc, LedgerError) else describe_sqlite_error(exc))
                return
        self.saved(record_id)

    def edit_catalog(self) -> None:
        dialog = TitlesDialog(self.db, self)
        dialog.exec()
        self.reload_titles()
        self.refresh()

    # -- outputs -----------------------------------------------------------------------------
    def print_roster(self) -> Task | None:
        choice = ask.choose(self, "名单 PDF", f"生成 {self.year} 年的哪一种名单？（已撤销的不列入）",
                            [f"{name}（{state}）" for state, name in ROSTERS])
        if choice < 0:
            return None
        state, name = ROSTERS[choice]
        from app.pdf.roster import report_roster

        year = self.year
        return self.previewer.start(f"{year}年度{name}", f"{year}年度先进集体和先进个人{name}.pdf",
                                    lambda db, path, progress: report_roster(db, year, path, state))

    def export_recommendations(self) -> Task | None:
        year, full = self.year, self.full_id_check.isChecked()
        path = ask.save_file(self, "导出推荐名单", f"{year}年度推荐名单.xlsx", "Excel 工作簿 (*.xlsx)")
        self.full_id_check.setChecked(False)  # full numbers for that one export only
        if not path:
            return None
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"
        from app.returns.recommendations import export_recommendations

        def done(result) -> None:
            ids = "完整身份证号" if full else "身份证号只显示前 6 位和后 4 位"
            ask.info(self, "导出完成", f"先进集体 {result[1]} 个，先进个人 {result[2]} 名（{ids}）：\n{path}")

        return run_task(self, "正在导出…", self.db, lambda db, progress: export_recommendations(db, year, path, full),
                        done, lambda message: ask.error(self, "导出失败", message))
