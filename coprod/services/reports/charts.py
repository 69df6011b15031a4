"""Bar charts drawn with ReportLab's graphics, for the board report.

Every bar carries its value as text, and every chart has a text description printed under
it, so nothing is read from the picture alone.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from coprod.services.reports.content import BarChart

BAR = colors.HexColor("#00576b")
ROW_PT = 18


def chart_height(block: BarChart) -> float:
    return max(1, len(block.categories)) * ROW_PT + 30


def bar_chart(block: BarChart, *, width: float, font: str, easy: bool = False) -> Drawing:
    size = 14 if easy else 11
    label_width = min(width * 0.42, max((len(c) for c in block.categories), default=10) * size * 0.55 + 8)
    rows = max(1, len(block.categories))
    height = chart_height(block)
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 20
    chart.width, chart.height = width - label_width - 60, rows * ROW_PT
    # ReportLab draws the first category at the bottom; reverse so the list reads top down.
    chart.data = [list(reversed(block.values))]
    chart.categoryAxis.categoryNames = list(reversed(block.categories))
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = size
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -6
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = size - 1
    chart.valueAxis.valueMin = 0
    top = block.maximum if block.maximum is not None else max(block.values or [1]) or 1
    chart.valueAxis.valueMax = top * 1.0
    if block.maximum is None and top <= 10:
        chart.valueAxis.valueStep = 1  # counts: no half-recommendations on the axis
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d0d0cc")
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barWidth = ROW_PT * 0.6
    chart.barLabelFormat = "%.0f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = size
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    d.add(chart)
    d.add(String(width - 4, 4, block.unit, fontName=font, fontSize=size - 1, textAnchor="end"))
    return d
