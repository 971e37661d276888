from django import template
from django.template.loader import render_to_string

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
