"""Charts for the printed reports, drawn with reportlab's own graphics (vector, the embedded fonts)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

BAR = colors.Color(0.30, 0.45, 0.65)
MISSED = colors.Color(0.78, 0.16, 0.16)


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float | None], unit: str, font: str,
              width: float, target: float | None = None, lower_is_better: bool = False) -> Drawing:
    """One bar an area, its value over it; with a target, a dashed line and the bars that miss it in red
    (and marked ×, so the chart reads in black and white too)."""
    height = 190
    d = Drawing(width, height)
    d.initialFontName = font  # the renderer's starting font; else it sets Helvetica, which is not embedded
    d.add(String(width / 2, height - 14, title, fontName=font, fontSize=11, textAnchor="middle"))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 46, width - 44, height - 78
    data = [float(v or 0) for v in values]
    chart.data = [data]
    top = max([*data, float(target or 0), 1.0]) * 1.15
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, (100 if unit == "%" and top <= 100 else top)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(labels) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    missed = []
    for i, v in enumerate(data):
        if target is not None and (v > target if lower_is_better else v < target):
            chart.bars[(0, i)].fillColor = MISSED
            missed.append(i)
    chart.barLabelFormat = "%.1f" if unit == "%" else "%.0f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 6
    d.add(chart)
    if target is not None:
        y = chart.y + chart.height * target / chart.valueAxis.valueMax
        d.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=MISSED, strokeDashArray=[3, 2], strokeWidth=0.8))
        shown = f"{target:g}{unit}" if unit == "%" else f"{target:,.0f}"
        d.add(String(chart.x + chart.width, y + 3, f"目标 {shown}", fontName=font, fontSize=7, textAnchor="end",
                     fillColor=MISSED))
        step = chart.width / max(1, len(data))
        for i in missed:
            d.add(String(chart.x + step * (i + 0.5), chart.y + 2, "×", fontName=font, fontSize=7,
                         textAnchor="middle", fillColor=colors.white))
    return d
