"""Server-side SVG charts: no JavaScript, they print in PDF reports and carry a text alternative.

Each function returns a context dict for its template in `core/charts/`; the geometry is computed
here so the templates stay dumb.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float
    text_x: float


def horizontal_bars(
    items,
    *,
    title: str,
    width: int = 640,
    bar_height: int = 22,
    gap: int = 8,
    label_width: int | None = None,
) -> dict:
    """Horizontal bar chart of (label, value) pairs, in the given order.

    The label column fits the longest label (about 7 px a character at 13 px), up to half the
    chart, so long sector names are not cut off.
    """
    items = [(str(label), int(value)) for label, value in items]
    if label_width is None:
        longest = max((len(label) for label, _ in items), default=10)
        label_width = min(width // 2, 7 * longest + 16)
    top = max((value for _, value in items), default=0) or 1
    plot = width - label_width - 40
    bars = []
    for index, (label, value) in enumerate(items):
        bar_width = plot * value / top
        bars.append(
            Bar(
                label=label,
                value=value,
                y=index * (bar_height + gap),
                width=round(bar_width, 1),
                text_x=round(label_width + bar_width + 6, 1),
            )
        )
    height = max(len(items) * (bar_height + gap), bar_height)
    return {
        "title": title,
        "bars": bars,
        "width": width,
        "height": height,
        "bar_height": bar_height,
        "label_width": label_width,
        "label_x": label_width - 8,
        "text_dy": bar_height // 2 + 5,
    }


def percent(done: int, total: int) -> int:
    """Whole percentage, 0 when there is nothing to count."""
    return round(100 * done / total) if total else 0
