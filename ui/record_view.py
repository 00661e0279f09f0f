"""The table every register shows: whole rows selected, sorting by SQL, fixed row height, and an empty state
that says in words what to do when there is nothing to show."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from .paged_model import PagedModel


class RecordView(QTableView):
    def __init__(self, model: PagedModel, multiple: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multiple
                              else QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        # the indicator on the model's own order before sorting is switched on: no query while setting up
        key, descending = model.sort_order
        column = next((n for n, c in enumerate(model.columns) if c.key == key), 0)
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(26)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for n, column in enumerate(model.columns):
            self.setColumnWidth(n, column.width)
        self.empty_label = QLabel(self.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #757575; font-size: 12pt;")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self.viewport().installEventFilter(self)

    def remember(self, name: str) -> None:
        """Keep the widths the clerk gives the columns for the next start (per user, QSettings), under *name*."""
        from PySide6.QtCore import QSettings  # the application's own (setup_application names it)

        key = f"columns/{name}"
        widths = QSettings().value(key)
        count = self.model().columnCount() - 1  # the last column stretches to the edge: not a width of the clerk's
        if isinstance(widths, list) and len(widths) == count:
            for n, width in enumerate(widths):
                if str(width).isdigit() and 20 <= int(width) <= 1000:
                    self.setColumnWidth(n, int(width))

        def save(*_args) -> None:
            QSettings().setValue(key, [self.columnWidth(n) for n in range(count)])

        self.horizontalHeader().sectionResized.connect(save)

    def show_empty(self, text: str) -> None:
        """Say *text* in the middle of the table; an empty text hides it."""
        self.empty_label.setText(text)
        self._place()
        self.empty_label.setVisible(bool(text))

    def _place(self) -> None:
        self.empty_label.setGeometry(self.viewport().rect().adjusted(20, 20, -20, -20))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self._place()
        return super().eventFilter(watched, event)
