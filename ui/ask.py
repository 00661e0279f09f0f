"""Every message box the program shows goes through here, so tests can answer them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "确定") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok


def error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=parent)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def info(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def save_file(parent: QWidget | None, title: str, suggested: str, filter_text: str) -> str:
    """The path the user chose to save to, or "" if they cancelled."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder) / suggested) if folder else suggested
    path, _ = QFileDialog.getSaveFileName(parent, title, start, filter_text)
    return path


def print_dialog(parent: QWidget | None, printer, pages: int) -> bool:
    """The system's print dialog for *printer*; True when the user pressed 打印."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog
    from PySide6.QtWidgets import QDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setMinMax(1, pages)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def open_file(parent: QWidget | None, title: str, filter_text: str) -> str:
    """The file the user chose to open, or "" if they cancelled."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filter_text)
    return path


def choose(parent: QWidget | None, title: str, text: str, options: list[str]) -> int:
    """Which of *options* the user picked (0, 1, …), or -1 for 取消."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else -1


def text(parent: QWidget | None, title: str, label: str, value: str = "") -> str | None:
    """A few lines the user typed (a reason), or None for 取消."""
    from PySide6.QtWidgets import QInputDialog

    answer, ok = QInputDialog.getMultiLineText(parent, title, label, value)
    return answer if ok else None
