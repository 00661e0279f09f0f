"""打印本表 and 单位档案 through the window: PDF made off the GUI thread, previewed, printed, saved."""

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from app import areas
from tests.readers import needs_poppler, pdf_pages, pdf_text
from ui import ask

pytestmark = needs_poppler


def _wait_preview(qtbot, page):
    qtbot.waitUntil(lambda: page.outputs.preview is not None and page.outputs.preview.isVisible(), timeout=15000)
    preview = page.outputs.preview
    qtbot.addWidget(preview)
    return preview


def test_print_the_filtered_list_preview_print_and_save(qtbot, page, demo_db, answers, tmp_path, monkeypatch):
    area = areas.list_areas(demo_db)[1]
    page.area_filter.setCurrentIndex(page.area_filter.findData(area.id))
    shown_codes = {page.model.row_data(r)["credit_code"] for r in range(page.model.rowCount())} - {None}
    qtbot.keyClick(page.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = _wait_preview(qtbot, page)

    text = pdf_text(preview.pdf)
    assert f"区域：{area.name}" in text and all(code in text for code in shown_codes)
    assert preview.page_count == pdf_pages(preview.pdf) >= 1
    assert preview.page_label.text() == f"第 1 页，共 {preview.page_count} 页"
    assert not preview.warning_label.isVisible()  # fonts were embedded

    printed = tmp_path / "打印机输出.pdf"

    def print_dialog(parent, printer, pages):
        assert pages == preview.page_count
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setFromTo(1, 1)
        return True

    monkeypatch.setattr(ask, "print_dialog", print_dialog)
    assert preview.print_pdf() == 1
    assert pdf_pages(printed) == 1

    saved = tmp_path / "另存 台账"
    monkeypatch.setattr(ask, "save_file", lambda *a: str(saved))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert saved.with_suffix(".pdf").read_bytes() == preview.pdf.read_bytes()
    assert answers.messages[-1][0] == "info"

    folder = preview.pdf.parent
    preview.close_button.click()
    assert not folder.exists()  # the temporary PDF goes with the preview


def test_unit_profile_from_the_selected_row(qtbot, page, demo_db, answers):
    page.view.selectRow(0)
    unit = page.model.row_data(0)
    assert page.profile_button.isEnabled()
    qtbot.mouseClick(page.profile_button, Qt.MouseButton.LeftButton)
    preview = _wait_preview(qtbot, page)
    text = pdf_text(preview.pdf)
    assert "单位档案" in text and unit["name"] in text
    assert "单位档案" in preview.windowTitle()


def test_cancelled_printing_sends_nothing(qtbot, page, answers, monkeypatch):
    page.outputs.print_list()
    preview = _wait_preview(qtbot, page)
    monkeypatch.setattr(ask, "print_dialog", lambda *a: False)
    assert preview.print_pdf() == 0
