from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def bar_chart(chart, chart_id):
    """Render a chart built by `core.charts.horizontal_bars` as inline SVG."""
    return render_to_string("core/charts/bars.svg", {"chart": chart, "chart_id": chart_id})
