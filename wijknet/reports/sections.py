"""The sections of a network report, in order: each a builder that reads through the other
apps' queries and returns the context of its own template.

A section is `Section(key, title, template, build, variants)`; `build(ReportInput) -> dict`
runs in the task worker (never in a request) and may take as long as it needs. The report
template renders `SECTIONS` in this order, each with its own template; the funder variant
renders only the sections (and inside them only the parts) marked for it, and every figure in
it is an aggregate: no names of people, no counts below the 3-person threshold.

Adding a section (e.g. the effect evaluation, issue 17 item 2) is one entry in `SECTIONS`
with a builder and a template; nothing else in this app changes (docs/reports.md).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scope

from wijknet.actions import queries as action_queries
from wijknet.actions.models import Action, ActionStatus, Goal, GoalStatus, Success
from wijknet.agreements import queries as agreement_queries
from wijknet.core import analysis, charts, formatting
from wijknet.evaluation import queries as evaluation_queries
from wijknet.health import monitor
from wijknet.meetings.models import Meeting
from wijknet.networks import queries as network_queries
from wijknet.referrals import queries as referral_queries
from wijknet.referrals.charts import funnel_chart
from wijknet.roadmap import queries as roadmap_queries
from wijknet.scans import charts as scan_charts
from wijknet.scans import queries as scan_queries
from wijknet.scans.models import ScanRound
from wijknet.volunteering import queries as volunteering_queries
from wijknet.volunteering.models import MatchStatus

from .models import Variant

MIN_GROUP = referral_queries.MIN_GROUP
SUCCESSES_SHOWN = 50
BOTH = frozenset({Variant.FULL, Variant.FUNDER})
FULL_ONLY = frozenset({Variant.FULL})


@dataclass(frozen=True)
class ReportInput:
    """What every builder gets: the network, the variant and the period (a year up to and
    including `period_end`, the day the report was asked for)."""

    network: object
    variant: str
    period_start: date
    period_end: date

    @property
    def funder(self) -> bool:
        return self.variant == Variant.FUNDER


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # lazy: rendered in the report's language
    template: str
    build: Callable[[ReportInput], dict]
    variants: frozenset = field(default=BOTH)


def small(n: int) -> str:
    """A count of people, or "< 3" under the threshold (the funnel's rule)."""
    return formatting.number(n) if n >= MIN_GROUP else f"< {MIN_GROUP}"


# Ambition ----------------------------------------------------------------------------------


def build_ambition(given: ReportInput) -> dict:
    network = given.network
    return {
        "ambition": network.ambition,
        "vision": network.vision,
        "target_group": network.target_group,
        "area": ", ".join(p for p in (network.area_name, network.municipality) if p),
        "phase": network.get_phase_display(),
        "start_date": network.start_date,
    }


# Partners and agreement ----------------------------------------------------------------------


def build_partners(given: ReportInput) -> dict:
    network = given.network
    per_sector = network_queries.partner_counts_by_sector(network)
    agreement = agreement_queries.current_agreement(network)
    coverage = agreement_queries.agreement_coverage(network, agreement=agreement)
    members = sum(n for _label, n in network_queries.member_counts_by_role(network))
    context = {
        "partner_count": sum(n for _label, n in per_sector),
        "member_count": members,
        "per_sector": per_sector,
        "sector_chart": charts.horizontal_bars(per_sector, title=_("Actieve partners per sector"))
        if per_sector
        else None,
        "agreement": agreement,
        "covered": len(coverage.covered),
        "uncovered": len(coverage.uncovered),
        "endorsements": [
            {
                "label": label,
                "count": len(found),
                # Who signed is shown in the full report only.
                "names": ""
                if given.funder
                else ", ".join(
                    f"{e.name} ({e.partner.organisation.name})" if e.partner_id else e.name
                    for e in found
                ),
            }
            for _value, label, found in agreement_queries.endorsements_by_level(agreement)
        ],
    }
    if not given.funder:
        # Organisations (not people) and what each agreed to give.
        terms = {t.partner_id: t for t in agreement.terms.all()} if agreement else {}
        context["partners"] = [
            {
                "name": row.partner.organisation.name,
                "sector": row.partner.organisation.get_sector_display(),
                "hours": terms[row.partner.pk].hours_per_month if row.partner.pk in terms else 0,
                "money": terms[row.partner.pk].money if row.partner.pk in terms else Decimal(0),
                "agreed": row.agreed,
            }
            for row in coverage.partners
        ]
    return context


# Funding -----------------------------------------------------------------------------------


def build_funding(given: ReportInput) -> dict:
    network = given.network
    summary = agreement_queries.funding_summary(network, given.period_end)
    context = {
        "summary": summary,
        "kind_chart": charts.horizontal_bars(
            [(label, amount) for _kind, label, amount in summary.totals_per_kind],
            title=_("Lopende financiering per soort"),
            value_format=formatting.money,
        )
        if summary.totals_per_kind
        else None,
    }
    if not given.funder:
        context["sources"] = list(
            agreement_queries.current_funding(network, given.period_end).order_by(
                "-amount", "name", "pk"
            )
        )
    return context


# Progress per phase ------------------------------------------------------------------------


def build_roadmap(given: ReportInput) -> dict:
    overview = roadmap_queries.phase_overview(given.network)
    return {
        "phases": overview,
        "phase_chart": charts.horizontal_bars(
            [(row.phase.name, row.percent_done) for row in overview],
            title=_("Stappen afgerond per fase (procent)"),
        )
        if overview
        else None,
    }


# Scans -------------------------------------------------------------------------------------


def latest_reported_round(network, period_end: date):
    """The newest round that has opened by the end of the period."""
    return (
        scan_queries.rounds_of(network)
        .filter(opens_on__lte=period_end)
        .order_by("-opens_on", "-pk")
        .first()
    )


def build_scans(given: ReportInput) -> dict:
    """The radar of the latest round per instrument and the trend over the rounds: the results
    page's charts from the results page's figures (scans/charts.py)."""
    network = given.network
    round_ = latest_reported_round(network, given.period_end)
    if round_ is None:
        return {"round": None}
    previous = scan_queries.previous_round(round_)
    instruments = list(round_.instruments.order_by("order", "name"))
    trend_rounds = {i.pk: scan_queries.trend_rounds(round_, i) for i in instruments}
    rounds = [round_, previous, *(r for rs in trend_rounds.values() for r in rs)]
    counts = scan_queries.fingerprints([r for r in rounds if r is not None])
    figures = scan_queries.round_figures([r for r in rounds if r is not None], counts)
    places = scan_queries.item_places(figures.values())
    results = scan_queries.round_results(round_, figures, previous, places, instruments)
    instrument_charts = []
    for inst in results.instruments:
        chart = {"result": inst}
        chart.update(scan_charts.radar_chart(round_, inst, previous))
        chart.update(
            scan_charts.trend_chart(round_, inst, figures, trend_rounds[inst.instrument.pk], places)
        )
        instrument_charts.append(chart)
    _fingerprint, invited, submitted = counts[round_.pk]
    return {
        "round": round_,
        "previous": previous,
        "invited": invited,
        "submitted": submitted,
        "round_count": ScanRound.objects.filter(network=network).count(),
        "charts": instrument_charts,
        "weak": [i for inst in results.instruments for i in inst.indicators if i.weak],
    }


# Health signals ----------------------------------------------------------------------------


def build_health(given: ReportInput) -> dict:
    """The health signals as the signal page shows them: the stored analysis (core.analysis,
    kept up to date by its own task after changes and nightly) with what was done about them
    (marked as seen or not applicable, why, by whom, read live), and how fresh it is. Only
    when there is no stored analysis at all does the worker compute it first."""
    network = given.network
    stored, signals = monitor.stored_signals(network)
    if stored.data is None:
        analysis.recompute(network)
        stored, signals = monitor.stored_signals(network)
    severities = {"high": _("hoog"), "medium": _("middel"), "low": _("laag")}
    per_severity = [
        (label, sum(1 for s in signals if s.severity == key)) for key, label in severities.items()
    ]
    context = {
        "computed_at": stored.computed_at,
        "total": len(signals),
        "handled": sum(1 for s in signals if s.acknowledged),
        "per_severity": per_severity,
    }
    if not given.funder:
        context["signals"] = [
            {"signal": s, "severity": severities.get(s.severity, s.severity)} for s in signals
        ]
    return context


# Goals and successes -----------------------------------------------------------------------


def build_goals(given: ReportInput) -> dict:
    network = given.network
    status_labels = dict(GoalStatus.choices)
    per_status = dict(
        Goal.objects.filter(network=network)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    successes = Success.objects.filter(
        network=network, happened_on__gte=given.period_start, happened_on__lte=given.period_end
    )
    context = {
        "goal_counts": [
            (str(label), per_status.get(value, 0)) for value, label in status_labels.items()
        ],
        "goal_total": sum(per_status.values()),
        "success_count": successes.count(),
        "actions_done": Action.objects.filter(
            network=network,
            status=ActionStatus.DONE,
            completed_on__gte=given.period_start,
            completed_on__lte=given.period_end,
        ).count(),
        "meeting_count": Meeting.objects.filter(
            network=network,
            starts_at__date__gte=given.period_start,
            starts_at__date__lte=given.period_end,
        ).count(),
    }
    if not given.funder:
        goals = list(
            action_queries.goals(network).annotate(
                actions_total=Count("actions"),
                actions_done=Count("actions", filter=Q(actions__status=ActionStatus.DONE)),
            )
        )
        context["goals"] = goals
        # The most recent ones (a list in a report is bounded too); the count says how many.
        context["successes"] = list(
            successes.select_related("goal").order_by("-happened_on", "-pk")[:SUCCESSES_SHOWN]
        )
    return context


# Flow: referrals and volunteering ----------------------------------------------------------


def build_flow(given: ReportInput) -> dict:
    """The referral funnel of the period (its own 3-person threshold, the doorstroom page's
    chart) and the volunteering figures: matches per status and hours."""
    network = given.network
    funnel = referral_queries.funnel(network, given.period_start, given.period_end)
    chart, chart_hidden = funnel_chart(funnel)
    status_labels = dict(MatchStatus.choices)
    matches = volunteering_queries.status_counts(network)
    hours = volunteering_queries.hours_report(network, given.period_start, given.period_end)
    volunteers = len(hours["per_volunteer"])
    return {
        "funnel": funnel,
        "funnel_chart": chart,
        "funnel_chart_hidden": chart_hidden,
        "matches": [(str(status_labels[k]), small(n)) for k, n in matches.items()],
        "hours_total": hours["total"],
        "volunteers": small(volunteers) if volunteers else "0",
        "hours_chart": charts.horizontal_bars(
            [(_month(row["month"]), row["hours"]) for row in hours["per_month"]],
            title=_("Uren vrijwillige inzet per maand"),
            value_format=formatting.number,
        )
        if hours["per_month"] and volunteers >= MIN_GROUP
        else None,
    }


def build_evaluation(given: ReportInput) -> dict:
    """The effect evaluation of the report's period (evaluation/queries.py): aggregates only,
    the same figures and 3-person minimum as the evaluation page, in both variants."""
    period = evaluation_queries.Period(given.period_start, given.period_end)
    figures = evaluation_queries.evaluation_figures(given.network, period)
    return {
        "snap": evaluation_queries.snapshot(figures),
        "charts": evaluation_queries.charts(figures),
        "min_group": evaluation_queries.MIN_GROUP,
    }


def _month(value) -> str:
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


# The report's sections, in order.
SECTIONS: list[Section] = [
    Section("ambition", gettext_lazy("Ambitie"), "reports/sections/ambition.html", build_ambition),
    Section(
        "partners",
        gettext_lazy("Partners en afspraken"),
        "reports/sections/partners.html",
        build_partners,
    ),
    Section(
        "funding", gettext_lazy("Financiering"), "reports/sections/funding.html", build_funding
    ),
    Section(
        "roadmap",
        gettext_lazy("Voortgang per fase"),
        "reports/sections/roadmap.html",
        build_roadmap,
    ),
    Section("scans", gettext_lazy("Samenwerkingsscan"), "reports/sections/scans.html", build_scans),
    Section(
        "health",
        gettext_lazy("Signalen en wat ermee gedaan is"),
        "reports/sections/health.html",
        build_health,
    ),
    Section(
        "goals", gettext_lazy("Doelen en successen"), "reports/sections/goals.html", build_goals
    ),
    Section(
        "flow",
        gettext_lazy("Doorstroom en vrijwillige inzet"),
        "reports/sections/flow.html",
        build_flow,
    ),
    Section(
        "evaluation",
        gettext_lazy("Effectevaluatie"),
        "reports/sections/evaluation.html",
        build_evaluation,
    ),
]


def sections_for(variant: str) -> list[Section]:
    return [s for s in SECTIONS if variant in s.variants]


def build_all(given: ReportInput, progress: Callable[[int, str], None] | None = None):
    """(section, context) for every section of the variant, in order, inside the network's
    scope; `progress(percent, key)` is told before each section."""
    built = []
    shown = sections_for(given.variant)
    with scope(network=given.network):
        for number, section in enumerate(shown):
            if progress:
                progress(round(90 * number / len(shown)), section.key)
            built.append((section, section.build(given)))
    return built
