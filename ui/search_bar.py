"""A register page's top row: the search box, its filters and the page's record buttons.

On one line when the page is wide enough; on a laptop at 125 % display scaling (1093 × 614 logical pixels on a
1366 × 768 screen) the filters go to a second line under the search box instead of pushing the window wider
than the screen. The bar's minimum width is that of the two-line arrangement, so the window may get that narrow.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


class SearchBar(QWidget):
    def __init__(self, search: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.filters_box = QWidget()
        self.filters = QHBoxLayout(self.filters_box)   # the filters, added by the page
        self.filters.setContentsMargins(0, 0, 0, 0)
        self.buttons_box = QWidget()
        self.buttons = QHBoxLayout(self.buttons_box)   # the record buttons, added by the page
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.first = QHBoxLayout()
        self.first.addWidget(search, 1)
        self.first.addWidget(self.filters_box)
        self.first.addWidget(self.buttons_box)
        self.second = QHBoxLayout()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.first)
        outer.addLayout(self.second)
        self.two_lines = False

    def _widths(self) -> tuple[int, int]:
        """(what one line needs, the narrowest two lines can be)."""
        gap = self.first.spacing()
        lead = self.search.minimumWidth() or self.search.minimumSizeHint().width()
        buttons = self.buttons_box.sizeHint().width()
        filters = self.filters_box.sizeHint().width()
        return lead + filters + buttons + 2 * gap, max(lead + buttons + gap, filters)

    def minimumSizeHint(self):  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        hint.setWidth(self._widths()[1])
        return hint

    def arrange(self) -> None:
        one_line, _ = self._widths()
        two = self.width() < one_line
        if two == self.two_lines:
            return
        self.two_lines = two
        if two:
            self.first.removeWidget(self.filters_box)
            self.second.addWidget(self.filters_box)
            self.second.addStretch(1)
        else:
            self.second.removeWidget(self.filters_box)
            while self.second.count():
                self.second.takeAt(0)
            self.first.insertWidget(1, self.filters_box)
        self.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.arrange()
