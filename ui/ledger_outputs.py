"""What enters and leaves the ledger page: imported lists, the .xlsx return, printed lists and unit profiles.

Each runs off the GUI thread behind a progress dialog with 取消.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.importing.kinds import KINDS

from . import ask
from .import_dialog import ImportFlow
from .pdf_preview import PdfPreview, Previewer
from .tasks import Task, run_task

if TYPE_CHECKING:
    from app.returns.ledger import ExportResult

    from .units_page import UnitsPage


class LedgerOutputs(QObject):
    @property
    def preview(self) -> PdfPreview | None:
        return self.previewer.preview

    """The page's 导入… / 导出 Excel… / 打印本表… / 单位档案… actions; the last results are kept for tests."""

    def __init__(self, page: UnitsPage):
        super().__init__(page)
        self.page = page
        self.last_export: ExportResult | None = None
        self.previewer = Previewer(page, page.db)
        self.importer = ImportFlow(page, page.db, KINDS["units"], lambda: page.model.year)
        self.importer.imported.connect(self._after_import)

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

    def _after_import(self, written: int) -> None:
        self.page.units_changed()

    def _preview(self, title: str, file_name: str, make) -> Task:
        return self.previewer.start(title, file_name, make)
