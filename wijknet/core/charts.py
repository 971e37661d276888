"""Server-side SVG charts: no JavaScript, they print in PDF reports and carry a text alternative.

Each function returns a context dict for its template in `core/charts/`; the geometry is computed
here so the templates stay dumb.
"""

from dataclasses import dataclass, field

from . import formatting

# Approximate advance widths in em of a sans-serif font (the chart's 13 px text). Wider than
# most fonts on purpose: a label that is given too much room looks fine, one given too little
# is cut off at the edge of the viewBox.
_NARROW = set("iIjl.,:;'!|()[]{} ")
_SMALL = set("frt-1")
_WIDE = set("mwMW@%")
_UPPER = 0.70
_DEFAULT = 0.58


def text_width(text, font_size: float = 13) -> float:
    """The width in px a text needs at `font_size`, measured per character (approximately)."""
    total = 0.0
    for char in str(text):
        if char in _NARROW:
            total += 0.32
        elif char in _SMALL:
            total += 0.42
        elif char in _WIDE:
            total += 0.92
        elif char.isupper() or char in "€":
            total += _UPPER
        else:
            total += _DEFAULT
    return total * font_size


def wrap(text, max_width: float, *, font_size: float = 13, max_lines: int = 2) -> list[str]:
    """Split a label into lines of at most `max_width` px; the last line ends in "…" when the
    text does not fit in `max_lines` (the full text stays in the chart's <title> and table)."""
    words = str(text).split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if text_width(candidate, font_size) <= max_width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    lines = lines or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += "…"
    fitted = []
    for line in lines:
        if text_width(line, font_size) > max_width:
            while line and text_width(line + "…", font_size) > max_width:
                line = line[:-1]
            line = line.rstrip() + "…"
        fitted.append(line)
    return fitted


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: float
    width: float
    text_x: float
    value_text: str = ""
    lines: tuple = field(default_factory=tuple)
    text_y: float = 0
    value_y: float = 0


LINE_HEIGHT = 15


def horizontal_bars(
    items,
    *,
    title: str,
    width: int = 640,
    bar_height: int = 22,
    gap: int = 8,
    label_width: int | None = None,
    value_format=formatting.number,
) -> dict:
    """Horizontal bar chart of (label, value) pairs, in the given order.

    Every text is measured (text_width): the label column fits the longest label up to half
    the chart, longer labels wrap onto a second line; the column right of the bars fits the
    widest value as `value_format` writes it (€ 25.000, 1,5), so nothing is cut off at the
    edge of the viewBox.
    """
    items = [(str(label), float(value or 0)) for label, value in items]
    texts = [value_format(value) for _, value in items]
    if label_width is None:
        longest = max((text_width(label) for label, _ in items), default=70)
        label_width = round(min(width // 2, longest + 16))
    value_room = max((text_width(text) for text in texts), default=0) + 12
    top = max((value for _, value in items), default=0) or 1
    plot = max(width - label_width - value_room, 20)
    bars = []
    y = 0
    for (label, value), text in zip(items, texts, strict=True):
        lines = wrap(label, label_width - 12)
        row = max(bar_height, len(lines) * LINE_HEIGHT + 6)
        bar_width = plot * max(value, 0) / top
        first_line = y + row / 2 + 5 - (len(lines) - 1) * LINE_HEIGHT / 2
        bars.append(
            Bar(
                label=label,
                value=value,
                y=round(y + (row - bar_height) / 2, 1),
                width=round(bar_width, 1),
                text_x=round(label_width + bar_width + 6, 1),
                value_text=text,
                lines=tuple(lines),
                text_y=round(first_line, 1),
                value_y=round(y + row / 2 + 5, 1),
            )
        )
        y += row + gap
    height = max(round(y - gap), bar_height)
    return {
        "title": title,
        "bars": bars,
        "width": width,
        "height": height,
        "bar_height": bar_height,
        "label_width": label_width,
        "label_x": label_width - 8,
        "line_height": LINE_HEIGHT,
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
    Labels are measured (text_width) and wrap onto a second line, and the viewBox gets the room
    they need on every side; with more than one series a legend names each one below the web.
    """
    from math import cos, pi, sin

    radius = size / 2 - 30
    count = len(axes)
    wrapped = [wrap(short(label, 80), 190, max_lines=3) for label in axes]
    widest = max(
        (text_width(line) for lines in wrapped for line in lines), default=text_width("x" * 10)
    )
    # Left and right of the web: the widest label beside the outer ring, plus a margin.
    pad = round(max(widest - 16 + 8, 8))
    legend = len(series) > 1
    # Room above and below for labels that wrap at the top and bottom of the web.
    top_room = LINE_HEIGHT * (max((len(lines) for lines in wrapped), default=1) - 1)
    legend_top = size + 6 + top_room
    height = size + (len(series) * 20 + 10 if legend else 0)
    cx, cy = pad + size / 2, size / 2
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
        lines = wrapped[index]
        # Labels above the web grow upwards, below it downwards, beside it around the point.
        if sin(angle) < -0.7:
            first = ly + 4 - (len(lines) - 1) * LINE_HEIGHT
        elif sin(angle) > 0.7:
            first = ly + 8
        else:
            first = ly + 4 - (len(lines) - 1) * LINE_HEIGHT / 2
        labels.append(
            {
                "text": " ".join(lines),
                "lines": lines,
                "full": str(label),
                "x": round(lx, 1),
                "y": round(first, 1),
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
    legend_items = (
        [
            {
                "name": short(name, 50),
                "full": name,
                "css": css,
                "y": legend_top + 20 * index,
                "text_y": legend_top + 20 * index + 11,
            }
            for index, (name, _values, css) in enumerate(series)
        ]
        if legend
        else []
    )
    return {
        "title": title,
        "size": size,
        "width": round(size + 2 * pad),
        "height": height + top_room * 2,
        "top": -top_room,
        "cx": cx,
        "cy": cy,
        "rings": rings,
        "spokes": spokes,
        "labels": labels,
        "line_height": LINE_HEIGHT,
        "polygons": polygons,
        "legend": legend_items,
        "legend_x": round(cx - 90, 1),
        "legend_text_x": round(cx - 60, 1),
        "axes": axes,
        "series": series,
    }


LEGEND_MAX = 240


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
    """Line chart: one line per (name, values) over `x_labels`; None values leave a gap.

    The legend on the right gets the room its longest name needs (measured, at most
    LEGEND_MAX px; longer names are shortened with their full text in a <title>), and the
    outer x labels are anchored inwards so they are not cut off at the edges.
    """
    # The legend column: as wide as the longest name needs, at most LEGEND_MAX px; a longer
    # name is shortened to fit (its full text is in the <title>).
    legend_width = min(max((text_width(name) for name, _values in series), default=60), LEGEND_MAX)
    names = [wrap(name, legend_width, max_lines=1)[0] for name, _values in series]
    right = round(max(legend_width + 40, 120))
    width = max(width, right + 260)
    left, top, bottom = 40, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(x_labels) - 1, 1)

    def y_of(value):
        return round(top + plot_h * (y_max - value) / (y_max - y_min), 1)

    x_ticks = []
    for i, label in enumerate(x_labels):
        x = left + i * step
        half = text_width(label) / 2
        anchor = "start" if x - half < 2 else "middle"
        if anchor == "start":
            x = 2
        x_ticks.append({"x": round(x, 1), "label": label, "anchor": anchor})
    y_ticks = [{"y": y_of(v), "label": v} for v in range(y_min, y_max + 1)]
    drawn = []
    for index, (name, values) in enumerate(series):
        points = [
            (round(left + i * step, 1), y_of(v)) for i, v in enumerate(values) if v is not None
        ]
        drawn.append(
            {
                "name": name,
                "label": names[index],
                "css": f"series-{index % 6}",
                "points": " ".join(f"{x},{y}" for x, y in points),
                "dots": points,
                "legend_y": top + 14 + index * 18,
            }
        )
    height = max(height, top + 14 + len(series) * 18)
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
        "x_label_y": top + plot_h + 26,
    }
