"""A round's charts (the radar per instrument and the trend over rounds), built from the
results in queries.py: the results page and the network report (reports/sections.py) draw the
same charts from the same figures."""

from django.utils.translation import gettext as _

from wijknet.core.charts import lines, radar

from . import queries


def radar_chart(round_, inst, previous) -> dict:
    """The radar of one instrument's result (`queries.InstrumentResult`): its groups when it
    has three or more, else its indicators (with the previous round beside them), and the same
    figures as rows for the table under it."""
    axes_source = inst.groups if len(inst.groups) >= 3 else inst.indicators
    axes = [a.name for a in axes_source]
    series = [(round_.label, [a.stats.mean for a in axes_source], "current")]
    if previous and len(inst.groups) < 3:
        series.append((previous.label, [a.previous_mean for a in axes_source], "previous"))
    return {
        "radar": radar(
            axes,
            series,
            title=_("%(name)s: gemiddelde per onderdeel") % {"name": inst.instrument.name},
        )
        if len(axes) >= 3
        else None,
        "axes": list(zip(axes, *[values for _n, values, _c in series], strict=True)),
        "series_names": [name for name, _v, _c in series],
    }


def trend_chart(round_, inst, figures, trend_rounds, places) -> dict:
    """The mean per group over the instrument's rounds (T0, T1, T2 …) as a line chart."""
    rounds, means = queries.trend(round_, inst.instrument, figures, trend_rounds, places)
    chart = None
    if len(rounds) > 1:
        chart = lines(
            [r.label for r in rounds],
            [(g.name, [means.get((g.group.pk, r.pk)) for r in rounds]) for g in inst.groups],
            title=_("%(name)s: verloop over de rondes") % {"name": inst.instrument.name},
        )
    return {"trend": chart, "trend_rounds": rounds, "trend_means": means}
