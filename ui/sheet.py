"""A table view that behaves like a spreadsheet: typing edits, Enter and the arrows move, Ctrl+C copies the
selected block as tab-separated text, Ctrl+V pastes one, Delete clears it. The grids of 年度数据 and 目标 are
made of it; each says what a pasted or cleared block means for its own records."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView, QWidget


def parse_clipboard(text: str) -> list[list[str]]:
    """Excel's and WPS's text of a copied block: rows by line, cells by tab, quoted cells with line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t")] or [[""]]


class SheetView(QTableView):
    """Arrow keys and Enter move; typing edits; Ctrl+C / Ctrl+V / Delete on the selected block."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(False)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        self.horizontalHeader().setHighlightSections(True)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            self._move_down()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != QAbstractItemView.State.EditingState:
            self.clear_selection()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter in the editor: on to the next row
            self._move_down()

    def _move_down(self) -> None:
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(self.model().index(current.row() + 1, current.column()))

    def _selected_cells(self) -> list[QModelIndex]:
        return sorted(self.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column()))

    def copy_selection(self) -> str:
        cells = self._selected_cells()
        if not cells:
            return ""
        rows = sorted({i.row() for i in cells})
        columns = sorted({i.column() for i in cells})
        model = self.model()
        text = "\n".join("\t".join(str(model.data(model.index(r, c)) or "") for c in columns) for r in rows)
        QGuiApplication.clipboard().setText(text)
        return text

    def pasted_cells(self, text: str | None = None) -> list[tuple[int, int, str]] | None:
        """Where a pasted block lands, from the current cell (one value fills every selected cell): (row,
        column, text) for each cell, those outside the table included; None when there is nothing to paste."""
        block = parse_clipboard(QGuiApplication.clipboard().text() if text is None else text)
        current = self.currentIndex()
        if not block or not current.isValid():
            return None
        if len(block) == 1 and len(block[0]) == 1 and len(self._selected_cells()) > 1:
            return [(i.row(), i.column(), block[0][0]) for i in self._selected_cells()]
        top, left = min((i.row(), i.column()) for i in self._selected_cells() or [current])
        return [(top + r, left + c, value) for r, row in enumerate(block) for c, value in enumerate(row)]

    def clear_selection(self) -> None:  # each grid says what clearing its cells means
        raise NotImplementedError

    def paste(self, text: str | None = None):
        raise NotImplementedError


class FrozenColumns(QTableView):
    """The first columns of a sheet kept in place while the others scroll sideways (Excel's 冻结窗格): a second
    view over the same model and selection, laid over the sheet's left edge, scrolled up and down with it."""

    def __init__(self, sheet: QTableView, count: int):
        super().__init__(sheet)
        self.sheet, self.count = sheet, count
        self.setModel(sheet.model())
        self.setSelectionModel(sheet.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(sheet.selectionMode())
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(sheet.verticalScrollMode())
        self.setStyleSheet("QTableView { border: none; border-right: 1px solid #9e9e9e; }")
        self.verticalHeader().setDefaultSectionSize(sheet.verticalHeader().defaultSectionSize())
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setMinimumHeight(sheet.horizontalHeader().minimumHeight())
        sheet.horizontalHeader().sectionResized.connect(self._resized)
        sheet.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(sheet.verticalScrollBar().setValue)
        sheet.model().modelReset.connect(self.refit)
        sheet.model().layoutChanged.connect(self.refit)
        self.refit()
        self.show()

    def refit(self) -> None:
        for c in range(self.model().columnCount()):
            self.setColumnHidden(c, c >= self.count)
            if c < self.count:
                self.setColumnWidth(c, self.sheet.columnWidth(c))
        self.place()

    def _resized(self, column: int, _old: int, new: int) -> None:
        if column < self.count:
            self.setColumnWidth(column, new)
            self.place()

    def place(self) -> None:
        """Over the sheet's frozen columns, from its header's top to its viewport's bottom."""
        s = self.sheet
        width = sum(s.columnWidth(c) for c in range(self.count))
        self.setGeometry(s.verticalHeader().width() + s.frameWidth(), s.frameWidth(), width,
                         s.viewport().height() + s.horizontalHeader().height())
        self.verticalScrollBar().setValue(s.verticalScrollBar().value())
