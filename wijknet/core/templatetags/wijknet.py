from django import template
from django.template.loader import render_to_string

from wijknet.core import formatting

register = template.Library()


@register.simple_tag
def bar_chart(chart, chart_id):
    """Render a chart built by `core.charts.horizontal_bars` as inline SVG."""
    return render_to_string("core/charts/bars.svg", {"chart": chart, "chart_id": chart_id})


@register.simple_tag
def radar_chart(chart, chart_id):
    return render_to_string("core/charts/radar.svg", {"chart": chart, "chart_id": chart_id})


@register.simple_tag
def line_chart(chart, chart_id):
    return render_to_string("core/charts/lines.svg", {"chart": chart, "chart_id": chart_id})


@register.filter
def score(value):
    """A mean on the 1–5 scale with one decimal, or a dash when nobody answered."""
    if value is None:
        return "—"
    from django.utils.formats import number_format

    return number_format(value, 1)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


# Notation (wijknet.core.formatting): the one place numbers, money, hours and dates are written.


@register.filter
def number(value, decimals=None):
    """25.000 / 25,000; `|number:1` for a fixed number of decimals."""
    return formatting.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def money(value):
    """€ 25.000 / €25,000; € 1.250,50 / €1,250.50."""
    return formatting.money(value)


@register.filter
def hours(value):
    """1,5 uur / 1.5 hours."""
    return formatting.hours(value)


@register.filter
def day(value):
    """3 december 2026 (DATE_FORMAT)."""
    return formatting.day(value)


@register.filter
def moment(value):
    """3 december 2026, 14:05 (DATETIME_FORMAT)."""
    return formatting.moment(value)
