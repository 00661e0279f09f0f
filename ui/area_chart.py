"""A bar chart by area drawn with QPainter: one bar an area with its value, the target as a dashed line, the
bars that miss it red and marked ×, so that it reads in print and for colour-blind eyes too."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.indicators import shown

BAR = QColor("#4d73a6")
MISSED = QColor("#c62828")


class AreaChart(QWidget):
    bar_clicked = Signal(int)   # the index of the bar

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.labels: list[str] = []
        self.values: list[float | None] = []
        self.unit = ""
        self.target: float | None = None
        self.lower_is_better = False
        self.empty_text = ""
        self._bars: list[QRectF] = []

    def set_data(self, labels: list[str], values: list[float | None], unit: str, target: float | None = None,
                 lower_is_better: bool = False, empty_text: str = "") -> None:
        self.labels, self.values, self.unit = labels, values, unit
        self.target, self.lower_is_better, self.empty_text = target, lower_is_better, empty_text
        self.update()

    def missed(self, i: int) -> bool:
        v = self.values[i]
        if self.target is None or v is None:
            return False
        return v > self.target if self.lower_is_better else v < self.target

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        font = QFont(self.font())
        font.setPointSizeF(8.5)
        p.setFont(font)
        if not self.labels:
            p.setPen(QColor("#757575"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text or "没有区域数据")
            return
        slanted = len(self.labels) > 6
        left, right, top, bottom = (44.0 if slanted else 12.0), 16.0, 22.0, 58.0  # room for the first slanted name
        area = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        numbers = [v or 0 for v in self.values]
        peak = max([*numbers, self.target or 0, 1e-9]) * 1.15
        if self.unit == "%":
            peak = max(peak, 1e-9) if peak > 100 else 100.0
        step = area.width() / len(self.labels)
        self._bars = []
        for i, (label, v) in enumerate(zip(self.labels, numbers, strict=True)):
            h = area.height() * v / peak
            bar = QRectF(area.left() + step * i + step * 0.18, area.bottom() - h, step * 0.64, h)
            self._bars.append(QRectF(area.left() + step * i, area.top(), step, area.height()))
            missed = self.missed(i)
            p.fillRect(bar, MISSED if missed else BAR)
            p.setPen(QColor("#212121"))
            p.drawText(QRectF(bar.left() - 10, bar.top() - 16, bar.width() + 20, 14), Qt.AlignmentFlag.AlignCenter,
                       ("× " if missed else "") + shown(self.values[i], self.unit))
            p.save()
            p.translate(area.left() + step * (i + 0.5), area.bottom() + 6)
            p.rotate(-35 if len(self.labels) > 6 else 0)
            align = Qt.AlignmentFlag.AlignRight if len(self.labels) > 6 else Qt.AlignmentFlag.AlignHCenter
            box = QRectF(-110, 0, 110, 16) if len(self.labels) > 6 else QRectF(-step / 2, 0, step, 16)
            p.drawText(box, align | Qt.AlignmentFlag.AlignTop, label)
            p.restore()
        p.setPen(QPen(QColor("#9e9e9e"), 1))
        p.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()))
        if self.target is not None:
            y = area.bottom() - area.height() * self.target / peak
            p.setPen(QPen(MISSED, 1.2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            p.drawText(QRectF(area.right() - 160, y - 16, 160, 14), Qt.AlignmentFlag.AlignRight,
                       f"目标 {'≤' if self.lower_is_better else '≥'}{shown(self.target, self.unit)}")

    def mousePressEvent(self, event) -> None:
        for i, box in enumerate(self._bars):
            if box.contains(event.position()):
                self.bar_clicked.emit(i)
                return
        super().mousePressEvent(event)
