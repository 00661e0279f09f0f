"""What enters and leaves the ledger page: imported lists, the .xlsx return, printed lists and unit profiles.

Each runs off the GUI thread behind a progress dialog with 取消.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from . import ask
from .pdf_preview import PdfPreview
from .tasks import Task, run_task

if TYPE_CHECKING:
    from app.pdf.document import PdfResult
    from app.returns.ledger import ExportResult

    from .units_page import UnitsPage


class LedgerOutputs(QObject):
    """The page's 导入… / 导出 Excel… / 打印本表… / 单位档案… actions; the last results are kept for tests."""

    def __init__(self, page: UnitsPage):
        super().__init__(page)
        self.page = page
        self.last_export: ExportResult | None = None
        self.preview: PdfPreview | None = None
        self.import_dialog = None

    def export_excel(self) -> Task | None:
        """Ask where, then write what the view shows (filters and sort order) as an .xlsx return."""
        page = self.page
        year = page.model.year
        path = ask.save_file(page, "导出单位台账", f"{year}年度单位台账.xlsx", "Excel 工作簿 (*.xlsx)")
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        flt, (sort, descending) = page.model.filter, page.model.sort_order
        from app.returns.ledger import export_ledger  # openpyxl loads on first export, not at start

        def work(db, progress):
            return export_ledger(db, year, path, flt, sort, descending, progress)

        def done(result: ExportResult) -> None:
            self.last_export = result
            ask.info(page, "导出完成", f"已导出 {year} 年度单位台账：{result.units:,} 家单位。\n{result.path}")

        return run_task(page, "正在导出单位台账…", page.db, work, done,
                        lambda message: ask.error(page, "导出失败", message))

    def print_list(self) -> Task:
        """The ledger as the view shows it, as a PDF in the print preview."""
        page = self.page
        year = page.model.year
        flt, (sort, descending) = page.model.filter, page.model.sort_order
        name = f"{year}年度单位台账.pdf"
        from app.pdf.ledger import report_ledger  # reportlab loads on first use, not at start

        return self._preview(f"{year} 年度单位台账", name,
                             lambda db, path, progress: report_ledger(db, year, path, flt, sort, descending,
                                                                      progress))

    def print_profile(self, unit_id: int, unit_name: str) -> Task:
        from app.pdf.unit_profile import report_unit

        return self._preview(f"单位档案：{unit_name}", f"单位档案-{unit_name}.pdf",
                             lambda db, path, progress: report_unit(db, unit_id, path))

    def import_units(self, path: str = "", sheet_name: str | None = None) -> Task | None:
        """Choose a file, read it off the GUI thread, then the mapping and preview dialog."""
        page = self.page
        path = path or ask.open_file(page, "导入单位名单",
                                     "表格文件 (*.xlsx *.xls *.xlsm *.ods *.csv);;所有文件 (*)")
        if not path:
            return None
        from app.importing.units import open_for_import

        from .import_dialog import ImportDialog

        def work(db, progress):
            return open_for_import(path, sheet_name)

        def done(result) -> None:
            sheet, mapping = result
            if self.import_dialog is not None:
                self.import_dialog.close()
            self.import_dialog = ImportDialog(page.db, sheet, mapping, page.model.year, page)
            self.import_dialog.imported.connect(self._after_import)
            self.import_dialog.sheet_requested.connect(lambda name: self.import_units(path, name))
            self.import_dialog.open()

        return run_task(page, "正在读取文件…", page.db, work, done,
                        lambda message: ask.error(page, "无法导入", message))

    def _after_import(self, written: int) -> None:
        self.page.model.refresh()
        self.page.changed.emit()

    def _preview(self, title: str, file_name: str, make) -> Task:
        page = self.page
        folder = tempfile.TemporaryDirectory(prefix="union-ledger-")
        pdf = Path(folder.name) / _safe_name(file_name)

        def done(result: PdfResult) -> None:
            if self.preview is not None:
                self.preview.close()
            self.preview = PdfPreview(result.path, title, file_name, result.warning, page, folder)
            self.preview.open()

        def failed(message: str) -> None:
            folder.cleanup()
            ask.error(page, "没有生成 PDF", message)

        return run_task(page, "正在生成 PDF…", page.db, lambda db, progress: make(db, pdf, progress), done,
                        failed)


def _safe_name(name: str) -> str:
    for ch in '\\/:*?"<>|':
        name = name.replace(ch, "_")
    return name
