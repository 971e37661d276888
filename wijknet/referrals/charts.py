"""The funnel's bar chart, built from `queries.funnel`: the doorstroom page and the network
report (reports/sections.py) draw the same chart from the same figures."""

from django.utils.translation import gettext as _

from wijknet.core import charts


def funnel_chart(funnel) -> tuple[dict | None, bool]:
    """The bars of the stages whose count may be shown (a stage under the 3-person threshold
    is left out), and whether any stage was left out."""
    shown = [
        (stage.label, stage.reached.value)
        for stage in funnel.overall.stages
        if not stage.reached.hidden
    ]
    chart = (
        charts.horizontal_bars(shown, title=_("Doorstroom: aantal bewoners per stap"))
        if shown
        else None
    )
    return chart, len(shown) < len(funnel.overall.stages)
