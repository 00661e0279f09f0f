"""使用说明: the help inside the program — a Chinese page kept in resources/help/ with its screenshots, shown by
Qt's text browser, opened by F1 at the section of the page the clerk is on."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QTextBrowser, QWidget

from .screen_fit import fit_to_screen

HELP = Path(__file__).resolve().parent.parent / "resources" / "help" / "index.html"


def topics(html: str) -> list[str]:
    """The sections of the help, in order: the anchors its headings carry."""
    return re.findall(r'<h2><a name="([^"]+)">', html)


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_to_screen(self, 960, 680)  # never beyond the screen (ui/screen_fit.py)
        html = HELP.read_text(encoding="utf-8") if HELP.exists() else "<p>没有找到使用说明文件。</p>"
        self.topics = topics(html)
        self.list = QListWidget()
        self.list.addItems(self.topics)
        self.list.setMaximumWidth(150)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(HELP.parent)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(HELP.parent) + "/"))
        self.browser.setHtml(html)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.browser, 1)
        self.list.currentTextChanged.connect(self.browser.scrollToAnchor)
        self.current = ""

    def show_topic(self, topic: str) -> None:
        """Open at *topic* (a page's name), or at the start when the help has no such section."""
        self.current = topic if topic in self.topics else self.topics[0] if self.topics else ""
        if self.current:
            self.list.setCurrentRow(self.topics.index(self.current))
            self.browser.scrollToAnchor(self.current)
        self.show()
        self.raise_()
