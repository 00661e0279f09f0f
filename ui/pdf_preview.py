"""The print preview: a PDF the program made, shown page by page, with 打印… and 另存为…

The PDF is made into a temporary folder the dialog owns; 另存为 copies it where the user wants it,
and the folder goes when the dialog closes. Printing draws each page, rendered by QtPdf at the
printer's resolution, through the system's print dialog.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QSize, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import describe_os_error

from . import ask
from .screen_fit import fit_to_screen
from .tasks import Task, run_task

MAX_PRINT_DPI = 300  # enough for text; a 600-dpi A4 page would be a 140 MB image


class PdfPreview(QDialog):
    def __init__(self, pdf: Path, title: str, suggested_name: str, warning: str = "",
                 parent: QWidget | None = None, owned_folder: tempfile.TemporaryDirectory | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.saved_to: Path | None = None
        self._folder = owned_folder
        self.setWindowTitle(f"打印预览 — {title}")
        fit_to_screen(self, 1000, 760)  # never beyond the screen (ui/screen_fit.py)

        self.document = QPdfDocument(self)
        self.document.load(str(pdf))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.page_label = QLabel()
        self.zoom_out_button = QPushButton("缩小")
        self.zoom_in_button = QPushButton("放大")
        self.fit_button = QPushButton("适合宽度")
        self.save_button = QPushButton("另存为…")
        self.print_button = QPushButton("打印…")
        self.print_button.setDefault(True)
        self.print_button.setToolTip("Ctrl+P")
        self.close_button = QPushButton("关闭")
        bar = QHBoxLayout()
        for w in (self.page_label, self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        bar.addStretch()
        for w in (self.save_button, self.print_button, self.close_button):
            bar.addWidget(w)

        layout = QVBoxLayout(self)
        self.warning_label = QLabel(warning)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("background: #fff4ce; color: #5c4400; padding: 6px; border-radius: 3px;")
        self.warning_label.setVisible(bool(warning))
        layout.addWidget(self.warning_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

        self.zoom_in_button.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out_button.clicked.connect(lambda: self._zoom(0.8))
        self.fit_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_pdf)
        self.close_button.clicked.connect(self.reject)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_pdf)
        self.finished.connect(self._release)
        self._show_page(0)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _show_page(self, page: int) -> None:
        self.page_label.setText(f"第 {page + 1} 页，共 {self.page_count} 页")

    def _zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, current * factor)))

    def save_as(self) -> Path | None:
        path = ask.save_file(self, "另存为 PDF", self.suggested_name, "PDF 文件 (*.pdf)")
        if not path:
            return None
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        try:
            shutil.copyfile(self.pdf, target)
        except OSError as exc:
            ask.error(self, "没有保存", describe_os_error(exc))
            return None
        self.saved_to = target
        ask.info(self, "已保存", f"PDF 已保存：\n{target}")
        return target

    def print_pdf(self) -> int:
        """Print through the system's dialog; returns the number of pages sent to the printer."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        size = self.document.pagePointSize(0)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if size.width() > size.height()
                                   else QPageLayout.Orientation.Portrait)
        printer.setFromTo(1, self.page_count)
        if not ask.print_dialog(self, printer, self.page_count):
            return 0
        first, last = printer.fromPage() or 1, printer.toPage() or self.page_count
        first, last = max(1, first), min(self.page_count, last)
        painter = QPainter()
        if not painter.begin(printer):
            ask.error(self, "无法打印", "打印机没有准备好，请检查打印机是否连接、是否有纸，然后再试。")
            return 0
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        try:
            for n, page in enumerate(range(first - 1, last)):
                if n:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                image = self.document.render(page, QSize(round(points.width() * dpi / 72),
                                                         round(points.height() * dpi / 72)))
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(QPointF(0, 0), image)
                painter.setViewport(target)
        finally:
            painter.end()
        return last - first + 1

    def _release(self) -> None:
        self.document.close()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


class Previewer(QObject):
    """Makes a PDF off the GUI thread into a temporary folder, then shows it in a PdfPreview (`preview`)."""

    def __init__(self, owner: QWidget, db):
        super().__init__(owner)
        self.owner = owner
        self.db = db
        self.preview: PdfPreview | None = None

    def start(self, title: str, file_name: str, make) -> Task:
        """*make(db, path, progress)* writes the PDF and returns a PdfResult."""
        owner = self.owner
        folder = tempfile.TemporaryDirectory(prefix="union-ledger-")
        pdf = Path(folder.name) / safe_file_name(file_name)

        def done(result) -> None:
            if self.preview is not None:
                self.preview.close()
            self.preview = PdfPreview(result.path, title, file_name, result.warning, owner, folder)
            self.preview.open()

        def failed(message: str) -> None:
            folder.cleanup()
            ask.error(owner, "没有生成 PDF", message)

        return run_task(owner, "正在生成 PDF…", self.db, lambda db, progress: make(db, pdf, progress), done, failed)


def safe_file_name(name: str) -> str:
    for ch in '\\/:*?"<>|':
        name = name.replace(ch, "_")
    return name
