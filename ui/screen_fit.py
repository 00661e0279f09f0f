"""Windows and dialogs that fit the screen they open on.

The office laptop is 1366 × 768, often at 125 % display scaling: Qt then has 1093 × 614 logical pixels, less the
taskbar. A window or dialog opens at the size it asks for but never larger than the screen's free area, and a
form whose fields are taller than that scrolls (its 保存 and 取消 stay in view) instead of running off the
screen. `tools/screenshots.py --scale 1.25` draws every page and form that way.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

FRAME = 40   # a window's title bar and borders, which its size does not include


def free_area(widget: QWidget) -> QSize:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    free = screen.availableGeometry()
    return QSize(free.width() - 16, free.height() - FRAME)


def fit_to_screen(window: QWidget, width: int | None = None, height: int | None = None) -> None:
    """Resize *window* to width × height (its own size hint where not given), never beyond the free area."""
    hint = window.sizeHint()
    free = free_area(window)
    window.resize(min(width or hint.width(), free.width()), min(height or hint.height(), free.height()))


class FormScroll(QScrollArea):
    """A form's fields: as tall as they need where the screen allows, scrolling where it does not."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name): the fields' own height, not QScrollArea's cap
        hint = self.widget().sizeHint()
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width(), 120)


class FitsScreen:
    """Mixin for a dialog: the first time it is shown it takes its size hint, bounded by the screen."""

    _fitted = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self)
        super().showEvent(event)
