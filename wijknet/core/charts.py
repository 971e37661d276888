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


def short(label, limit: int = 34) -> str:
    """A chart label cut to fit; the full text stays in the chart's table and <title>."""
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _polygon(values, scale_max, cx, cy, radius):
    from math import cos, pi, sin

    count = len(values)
    points = []
    for index, value in enumerate(values):
        angle = -pi / 2 + 2 * pi * index / count
        r = radius * (value or 0) / scale_max
        points.append((round(cx + r * cos(angle), 1), round(cy + r * sin(angle), 1)))
    return points


def radar(axes, series, *, title: str, scale_max: int = 5, size: int = 420) -> dict:
    """Radar (spider) chart: `axes` are labels, `series` is a list of (name, values, css class).

    Missing values (None) are drawn at the centre; the text alternative lists them as "—".
    """
    from math import cos, pi, sin

    # Side padding fits the longest label (about 6.5 px a character at 13 px), so labels left
    # and right of the web are never cut off.
    pad = min(max((len(short(a)) for a in axes), default=10) * 6.5 + 12, 240)
    cx, cy = pad + size / 2, size / 2
    radius = size / 2 - 30
    count = len(axes)
    rings = []
    for level in range(1, scale_max + 1):
        pts = _polygon([level] * count, scale_max, cx, cy, radius)
        rings.append(" ".join(f"{x},{y}" for x, y in pts))
    spokes, labels = [], []
    for index, label in enumerate(axes):
        angle = -pi / 2 + 2 * pi * index / count
        x, y = cx + radius * cos(angle), cy + radius * sin(angle)
        spokes.append((round(x, 1), round(y, 1)))
        lx, ly = cx + (radius + 14) * cos(angle), cy + (radius + 14) * sin(angle)
        anchor = "middle" if abs(cos(angle)) < 0.3 else ("start" if cos(angle) > 0 else "end")
        labels.append(
            {
                "text": short(label),
                "full": str(label),
                "x": round(lx, 1),
                "y": round(ly + 4, 1),
                "anchor": anchor,
            }
        )
    polygons = [
        {
            "name": name,
            "css": css,
            "points": " ".join(f"{x},{y}" for x, y in _polygon(values, scale_max, cx, cy, radius)),
        }
        for name, values, css in series
    ]
    return {
        "title": title,
        "size": size,
        "width": round(size + 2 * pad),
        "cx": cx,
        "cy": cy,
        "rings": rings,
        "spokes": spokes,
        "labels": labels,
        "polygons": polygons,
        "axes": axes,
        "series": series,
    }


def lines(
    x_labels,
    series,
    *,
    title: str,
    y_min: int = 1,
    y_max: int = 5,
    width: int = 560,
    height: int = 260,
) -> dict:
    """Line chart: one line per (name, values) over `x_labels`; None values leave a gap."""
    left, right, top, bottom = 40, 230, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(x_labels) - 1, 1)

    def y_of(value):
        return round(top + plot_h * (y_max - value) / (y_max - y_min), 1)

    x_ticks = [{"x": round(left + i * step, 1), "label": label} for i, label in enumerate(x_labels)]
    y_ticks = [{"y": y_of(v), "label": v} for v in range(y_min, y_max + 1)]
    drawn = []
    for index, (name, values) in enumerate(series):
        points = [
            (round(left + i * step, 1), y_of(v)) for i, v in enumerate(values) if v is not None
        ]
        drawn.append(
            {
                "name": name,
                "label": short(name, 30),
                "css": f"series-{index % 6}",
                "points": " ".join(f"{x},{y}" for x, y in points),
                "dots": points,
                "legend_y": top + 14 + index * 18,
            }
        )
    return {
        "title": title,
        "width": width,
        "height": height,
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
        "series": drawn,
        "left": left,
        "right_x": width - right + 10,
        "plot_right": left + plot_w,
        "baseline": top + plot_h,
    }
