"""Horizontal bar charts as SVG geometry: plain numbers the chart template draws.

No script and no inline style (the CSP allows neither): the template writes SVG presentation
attributes only. Each series has a dark colour (at least 4.5:1 against white) and a pattern
of its own, so that no series is told apart by colour alone, and every bar carries its value
as text at its end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Colour and pattern per series, in order. The patterns draw white over the colour.
PALETTE = [
    ("#1d4e89", "solid"),
    ("#a14a00", "stripes"),
    ("#1b6e3c", "dots"),
    ("#6b2c91", "crosshatch"),
    ("#a3122a", "horizontal"),
    ("#3d4450", "vertical"),
    ("#00606e", "checks"),
]

WIDTH = 760
LABEL_WIDTH = 250  # room for the bar labels on the left
VALUE_WIDTH = 170  # room for the value text after the longest bar
BAR_HEIGHT = 20
BAR_GAP = 10
FONT_SIZE = 13
CHAR_WIDTH = 7.2  # an average character at FONT_SIZE, to lay out the legend and cut labels
LEGEND_ROW = 22
LEGEND_SWATCH = 14
PADDING = 8


@dataclass(frozen=True)
class Bar:
    label: str
    values: list[float]  # one per series
    text: str  # what is written after the bar


@dataclass(frozen=True)
class Chart:
    series: list[str]
    bars: list[Bar]
    maximum: float | None = None  # e.g. 100 for shares in percent; else the largest total


@dataclass
class Layout:
    width: int
    height: int
    legend: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    patterns: list[dict] = field(default_factory=list)
    axis: dict = field(default_factory=dict)


def _cut(label: str, width: float) -> str:
    most = int(width // CHAR_WIDTH)
    return label if len(label) <= most else label[: most - 1] + "…"


def layout(chart: Chart) -> Layout:
    """Where everything goes, in the SVG's own units (the CSS scales it to the page)."""
    plot_left = LABEL_WIDTH
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    result = Layout(width=WIDTH, height=0)

    y = PADDING
    if len(chart.series) > 1:
        x = PADDING
        for index, name in enumerate(chart.series):
            item_width = LEGEND_SWATCH + 8 + len(name) * CHAR_WIDTH + 20
            if x + item_width > WIDTH and x > PADDING:
                x, y = PADDING, y + LEGEND_ROW
            result.legend.append(
                {
                    "x": x,
                    "y": y,
                    "text_x": x + LEGEND_SWATCH + 6,
                    "text_y": y + 12,
                    "pattern": index % len(PALETTE),
                    "name": name,
                }
            )
            x += item_width
        y += LEGEND_ROW + PADDING

    totals = [sum(bar.values) for bar in chart.bars]
    maximum = chart.maximum or max(totals, default=0) or 1
    scale = plot_width / maximum
    result.axis = {"x": plot_left, "y1": y - 4, "y2": y}
    for bar, total in zip(chart.bars, totals, strict=True):
        segments = []
        x = float(plot_left)
        for index, value in enumerate(bar.values):
            if value <= 0:
                continue
            width = value * scale
            segments.append(
                {"x": round(x, 2), "width": round(width, 2), "pattern": index % len(PALETTE)}
            )
            x += width
        result.rows.append(
            {
                "label": _cut(bar.label, LABEL_WIDTH - 2 * PADDING),
                "full_label": bar.label,
                "label_x": plot_left - PADDING,
                "y": y,
                "text_y": y + BAR_HEIGHT / 2 + FONT_SIZE / 2 - 2,
                "segments": segments,
                "text": bar.text,
                "text_x": round(plot_left + total * scale + 6, 2),
            }
        )
        y += BAR_HEIGHT + BAR_GAP
    result.axis["y2"] = y - BAR_GAP + 4
    result.height = int(y + PADDING)
    result.patterns = [
        {"index": index, "colour": colour, "kind": kind}
        for index, (colour, kind) in enumerate(
            PALETTE[: max(min(len(chart.series), len(PALETTE)), 1)]
        )
    ]
    return result
