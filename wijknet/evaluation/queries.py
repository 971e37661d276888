"""The effect evaluation's figures for one network and period, aggregated in the database.

`evaluation_figures(network, period)` returns plain data (dataclasses) that the page, the
stored snapshot of the yearly reflection and a report can all use; `charts(figures)` turns it
into the server-side SVG charts of core/charts.py. Every part is one or two aggregate queries,
whatever the size of the network (tested in tests/test_queries.py with a query count).

Privacy: a count of people between 1 and MIN_GROUP − 1 is never shown ("minder dan 3"), and
Positive Health is only shown per dimension for at least MIN_GROUP clients with a measurement
at the start and at the end of the period; never per person.
"""

import calendar
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.actions.models import Goal, GoalStatus, Success
from wijknet.agreements.models import Agreement, FundingSource, PartnerTerms
from wijknet.casework.models import Client, Dimension, HealthMeasurement, HealthScore
from wijknet.core.charts import horizontal_bars, lines, radar
from wijknet.meetings.models import Attendance, Meeting, Reflection
from wijknet.referrals.models import Referral
from wijknet.scans import queries as scan_queries
from wijknet.scans.models import Indicator, ScanRound
from wijknet.volunteering.models import HoursEntry, Match

# The smallest group of people whose figures are shown (as scans.stats.MIN_GROUP and the
# referral funnel).
MIN_GROUP = 3
# At most this many goals, scan rounds and quarters on the page.
GOALS_SHOWN = 40
ROUNDS_SHOWN = 6
# A period is at most this long (the page's "van"/"tot" are clamped to it).
MAX_PERIOD_DAYS = 5 * 366


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def last_year(cls, today: date) -> "Period":
        """The default: the twelve months up to and including today."""
        return cls(add_months(today, -12) + timedelta(days=1), today)

    @classmethod
    def parse(cls, start: str | None, end: str | None, today: date) -> "Period":
        """A period from the page's `van`/`tot` (ISO dates); anything missing or unreadable
        falls back to the default; a start after the end is swapped; at most MAX_PERIOD_DAYS."""
        default = cls.last_year(today)
        try:
            end_day = date.fromisoformat(end) if end else default.end
        except ValueError:
            end_day = default.end
        try:
            start_day = date.fromisoformat(start) if start else cls.last_year(end_day).start
        except ValueError:
            start_day = cls.last_year(end_day).start
        if start_day > end_day:
            start_day, end_day = end_day, start_day
        if (end_day - start_day).days > MAX_PERIOD_DAYS:
            start_day = end_day - timedelta(days=MAX_PERIOD_DAYS)
        return cls(start_day, end_day)

    def moments(self) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes, for DateTimeFields."""
        tz = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=tz),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=tz),
        )


def shown(n: int | None) -> int | None:
    """A count of people as it may be shown: 0 or at least MIN_GROUP; None means "fewer than
    MIN_GROUP" (the page says "minder dan 3")."""
    if n is None or n == 0 or n >= MIN_GROUP:
        return n or 0
    return None


# --- goals ---------------------------------------------------------------------------------------

MET, NOT_MET, RUNNING, DROPPED = "met", "not_met", "running", "dropped"


@dataclass(frozen=True)
class GoalOutcome:
    title: str
    measure: str
    status: str
    target_date: date | None
    outcome: str  # MET, NOT_MET (open past its target date), RUNNING, DROPPED
    successes: int  # successes at this goal within the period


@dataclass
class GoalFigures:
    goals: list[GoalOutcome] = field(default_factory=list)
    more: bool = False
    met: int = 0
    not_met: int = 0
    running: int = 0
    dropped: int = 0
    without_measure: int = 0


def _outcome(goal, period: Period) -> str:
    if goal.status == GoalStatus.ACHIEVED:
        return MET
    if goal.status == GoalStatus.DROPPED:
        return DROPPED
    if goal.target_date is not None and goal.target_date <= period.end:
        return NOT_MET
    return RUNNING


def goal_outcomes(network, period: Period) -> GoalFigures:
    """The network's own goals that existed in the period (not dropped before it), with
    whether their "waaraan zien we dat het gelukt is" was met. One query."""
    _start, end = period.moments()
    rows = list(
        Goal.objects.filter(network=network, created_at__lt=end)
        .exclude(status=GoalStatus.DROPPED, reviewed_on__lt=period.start)
        .annotate(
            in_period=Count(
                "successes",
                filter=Q(successes__happened_on__range=(period.start, period.end)),
            )
        )
        .order_by("status", "target_date", "title", "pk")[: GOALS_SHOWN + 1]
    )
    figures = GoalFigures(more=len(rows) > GOALS_SHOWN)
    for goal in rows[:GOALS_SHOWN]:
        outcome = _outcome(goal, period)
        figures.goals.append(
            GoalOutcome(
                title=goal.title,
                measure=goal.measure,
                status=goal.status,
                target_date=goal.target_date,
                outcome=outcome,
                successes=goal.in_period,
            )
        )
        setattr(figures, outcome, getattr(figures, outcome) + 1)
        figures.without_measure += not goal.measure.strip()
    return figures


# --- residents reached, volunteer hours ----------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """Counts of residents, each None when between 1 and MIN_GROUP − 1."""

    referrals: int | None  # residents referred in the period
    referrals_started: int | None  # referrals that started with the receiver in the period
    matches_started: int | None  # volunteer matches started in the period
    successes: int  # successes recorded in the period (not people)


def reach(network, period: Period) -> Reach:
    """Residents reached through the flow and volunteering. Three aggregate queries."""
    start, end = period.moments()
    referrals = Referral.objects.filter(network=network).aggregate(
        made=Count("pk", filter=Q(created_at__gte=start, created_at__lt=end)),
        started=Count("pk", filter=Q(started_at__gte=start, started_at__lt=end)),
    )
    matches = Match.objects.filter(
        network=network, started_at__gte=start, started_at__lt=end
    ).aggregate(n=Count("request", distinct=True))
    successes = Success.objects.filter(
        network=network, happened_on__range=(period.start, period.end)
    ).count()
    return Reach(
        referrals=shown(referrals["made"]),
        referrals_started=shown(referrals["started"]),
        matches_started=shown(matches["n"]),
        successes=successes,
    )


@dataclass(frozen=True)
class VolunteerHours:
    hours: Decimal | None  # None when fewer than MIN_GROUP volunteers wrote hours
    volunteers: int | None
    per_quarter: list[tuple[str, Decimal]] = field(default_factory=list)


def _quarter_label(moment) -> str:
    day = moment.date() if isinstance(moment, datetime) else moment
    return f"{day.year} K{(day.month - 1) // 3 + 1}"


def volunteer_hours(network, period: Period) -> VolunteerHours:
    """Hours written by volunteers in the period, in total and per quarter. Two queries; the
    hours of fewer than MIN_GROUP volunteers are not shown (they would be one person's)."""
    entries = HoursEntry.objects.filter(network=network, date__range=(period.start, period.end))
    total = entries.aggregate(hours=Sum("hours"), volunteers=Count("volunteer", distinct=True))
    volunteers = shown(total["volunteers"])
    if volunteers is None:
        return VolunteerHours(hours=None, volunteers=None)
    quarters = (
        entries.annotate(quarter=TruncQuarter("date"))
        .values("quarter")
        .annotate(hours=Sum("hours"))
        .order_by("quarter")
    )
    return VolunteerHours(
        hours=total["hours"] or Decimal(0),
        volunteers=volunteers,
        per_quarter=[(_quarter_label(q["quarter"]), q["hours"]) for q in quarters],
    )


# --- Positive Health before and after ------------------------------------------------------------


@dataclass(frozen=True)
class DimensionChange:
    dimension: str
    label: str
    clients: int | None  # None: fewer than MIN_GROUP ("te weinig metingen")
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class HealthChange:
    clients: int | None  # clients with at least two measurements in the period (None: < 3)
    dimensions: list[DimensionChange]

    @property
    def too_few(self) -> bool:
        return self.clients is None or self.clients == 0


def health_change(network, period: Period) -> HealthChange:
    """Positive Health at each client's first and last measurement in the period, for clients
    with at least two; averaged per dimension in the database. A dimension scored for fewer
    than MIN_GROUP such clients is "te weinig metingen". Three queries."""
    measured = HealthMeasurement.objects.filter(
        client=OuterRef("pk"), measured_on__range=(period.start, period.end)
    )
    clients = (
        Client.objects.filter(
            network=network, measurements__measured_on__range=(period.start, period.end)
        )
        .annotate(n=Count("measurements"))
        .filter(n__gte=2)
        .annotate(
            first_id=Subquery(measured.order_by("measured_on", "pk").values("pk")[:1]),
            last_id=Subquery(measured.order_by("-measured_on", "-pk").values("pk")[:1]),
        )
    )
    count = clients.count()

    def averages(column):
        return {
            row["dimension"]: row
            for row in HealthScore.objects.filter(
                network=network, measurement_id__in=clients.values(column)
            )
            .values("dimension")
            .annotate(avg=Avg("score"), n=Count("pk"))
            .order_by("dimension")
        }

    if shown(count) in (None, 0):
        before, after = {}, {}
    else:
        before, after = averages("first_id"), averages("last_id")
    dimensions = []
    for value, label in Dimension.choices:
        b, a = before.get(value), after.get(value)
        n = min(b["n"], a["n"]) if b and a else 0
        enough = n >= MIN_GROUP
        dimensions.append(
            DimensionChange(
                dimension=value,
                label=str(label),
                clients=n if enough else None,
                before=round(float(b["avg"]), 1) if enough else None,
                after=round(float(a["avg"]), 1) if enough else None,
            )
        )
    return HealthChange(clients=shown(count), dimensions=dimensions)


# --- scan trend ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanTrend:
    rounds: list[tuple[str, date]]  # (label, opened on), oldest first
    # (instrument name, mean of its indicator means per round; None where not measured)
    series: list[tuple[str, list[float | None]]]


def scan_trend(network, period: Period) -> ScanTrend:
    """T0 → T1 → T2: the mean per instrument of every round opened up to the end of the period
    (the last ROUNDS_SHOWN), from the stored round results (scans.RoundResult)."""
    rounds = list(
        ScanRound.objects.filter(network=network, opens_on__lte=period.end).order_by(
            "-opens_on", "-pk"
        )[:ROUNDS_SHOWN]
    )[::-1]
    if not rounds:
        return ScanTrend(rounds=[], series=[])
    means = scan_queries.indicator_means(rounds)
    indicator_ids = {indicator_id for _round_id, indicator_id in means}
    instruments = {
        pk: (instrument_id, name)
        for pk, instrument_id, name in Indicator.objects.filter(pk__in=indicator_ids)
        .order_by("instrument__order", "pk")
        .values_list("pk", "instrument_id", "instrument__name")
    }
    per = defaultdict(lambda: defaultdict(list))  # instrument → round → indicator means
    names = {}
    for (round_id, indicator_id), mean in means.items():
        if mean is None or indicator_id not in instruments:
            continue
        instrument_id, name = instruments[indicator_id]
        names[instrument_id] = name
        per[instrument_id][round_id].append(mean)
    series = [
        (
            names[instrument_id],
            [
                round(sum(v) / len(v), 2) if (v := per[instrument_id].get(r.pk)) else None
                for r in rounds
            ],
        )
        for instrument_id in sorted(names, key=lambda i: names[i])
    ]
    return ScanTrend(rounds=[(r.label, r.opens_on) for r in rounds], series=series)


# --- meetings: attendance and reflection ---------------------------------------------------------


@dataclass(frozen=True)
class QuarterMeetings:
    quarter: str
    meetings: int
    attendance: float | None  # share of the recorded partners present, 0–1
    collaboration: float | None
    engagement: float | None
    goal_progress: float | None


def meeting_trend(network, period: Period) -> list[QuarterMeetings]:
    """Per quarter of the period: meetings held, the share of recorded partners present, and
    the mean reflection scores (seed 003 tip 7). Three aggregate queries."""
    start, end = period.moments()
    held = Q(starts_at__gte=start, starts_at__lt=min(end, timezone.now()))
    meetings = {
        row["quarter"]: row["n"]
        for row in Meeting.objects.filter(held, network=network)
        .annotate(quarter=TruncQuarter("starts_at"))
        .values("quarter")
        .annotate(n=Count("pk"))
        .order_by("quarter")
    }
    attendance = {
        row["quarter"]: row
        for row in Attendance.objects.filter(
            network=network,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=min(end, timezone.now()),
        )
        .annotate(quarter=TruncQuarter("meeting__starts_at"))
        .values("quarter")
        .annotate(present=Count("pk", filter=Q(present=True)), recorded=Count("pk"))
        .order_by("quarter")
    }
    reflections = {
        row["quarter"]: row
        for row in Reflection.objects.filter(
            network=network,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=min(end, timezone.now()),
        )
        .annotate(quarter=TruncQuarter("meeting__starts_at"))
        .values("quarter")
        .annotate(
            collaboration=Avg("collaboration"),
            engagement=Avg("engagement"),
            goal_progress=Avg("goal_progress"),
        )
        .order_by("quarter")
    }

    def r(value):
        return round(float(value), 1) if value is not None else None

    rows = []
    for quarter in sorted(set(meetings) | set(attendance) | set(reflections)):
        a, f = attendance.get(quarter), reflections.get(quarter)
        rows.append(
            QuarterMeetings(
                quarter=_quarter_label(quarter),
                meetings=meetings.get(quarter, 0),
                attendance=round(a["present"] / a["recorded"], 2) if a and a["recorded"] else None,
                collaboration=r(f["collaboration"]) if f else None,
                engagement=r(f["engagement"]) if f else None,
                goal_progress=r(f["goal_progress"]) if f else None,
            )
        )
    return rows


# --- input: what the partners and funders put in -------------------------------------------------


@dataclass(frozen=True)
class Investment:
    """Maatschappelijk rendement, the input side: hours and money the partners committed in the
    agreement and the funding that runs in the period. No monetary value of outcomes."""

    agreement_version: int | None
    hours_per_year: int  # the partners' committed hours per month × 12
    money_per_year: Decimal  # the partners' committed money per year
    partners: int  # partners with hours or money in the agreement
    funding: Decimal  # funding sources that run (partly) in the period
    funding_sources: int


def investment(network, period: Period) -> Investment:
    """From the latest agreement version and the funding sources. Two queries."""
    latest = Agreement.objects.filter(network=network).order_by("-version").values("pk", "version")
    terms = PartnerTerms.objects.filter(
        network=network, agreement_id=Subquery(latest.values("pk")[:1])
    ).aggregate(
        total_hours=Sum("hours_per_month"),
        total_money=Sum("money"),
        with_input=Count("pk", filter=Q(hours_per_month__gt=0) | Q(money__gt=0)),
        agreement_version=Max("agreement__version"),
    )
    funding = (
        FundingSource.objects.filter(network=network)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=period.end))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.start))
        .aggregate(total=Sum("amount"), n=Count("pk"))
    )
    return Investment(
        agreement_version=terms["agreement_version"],
        hours_per_year=(terms["total_hours"] or 0) * 12,
        money_per_year=terms["total_money"] or Decimal(0),
        partners=terms["with_input"],
        funding=funding["total"] or Decimal(0),
        funding_sources=funding["n"],
    )


# --- everything ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationFigures:
    period: Period
    goals: GoalFigures
    reach: Reach
    hours: VolunteerHours
    health: HealthChange
    scans: ScanTrend
    meetings: list[QuarterMeetings]
    investment: Investment


def evaluation_figures(network, period: Period) -> EvaluationFigures:
    """All figures of the evaluation page: a fixed number of aggregate queries."""
    return EvaluationFigures(
        period=period,
        goals=goal_outcomes(network, period),
        reach=reach(network, period),
        hours=volunteer_hours(network, period),
        health=health_change(network, period),
        scans=scan_trend(network, period),
        meetings=meeting_trend(network, period),
        investment=investment(network, period),
    )


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(figures: EvaluationFigures) -> dict:
    """The figures as JSON (dates ISO, amounts as strings): stored with the yearly reflection.
    Only aggregates, so a snapshot holds nothing the funder role may not see."""
    return _plain(asdict(figures))


# --- charts --------------------------------------------------------------------------------------


def charts(figures: EvaluationFigures) -> dict:
    """The page's SVG charts (core/charts.py), each None when there is nothing to draw."""
    result = {"health": None, "scans": None, "reflection": None, "attendance": None}
    measured = [d for d in figures.health.dimensions if d.clients]
    if len(measured) >= 3:
        result["health"] = radar(
            [d.label for d in measured],
            [
                (_("Eerste meting"), [d.before for d in measured], "previous"),
                (_("Laatste meting"), [d.after for d in measured], "current"),
            ],
            title=_("Positieve Gezondheid: gemiddelde per dimensie, eerste en laatste meting"),
            scale_max=10,
        )
    if figures.scans.rounds:
        result["scans"] = lines(
            [label for label, _day in figures.scans.rounds],
            figures.scans.series,
            title=_("Samenwerkingsscans: gemiddelde per scan en ronde"),
        )
    quarters = [q for q in figures.meetings if q.collaboration is not None]
    if quarters:
        result["reflection"] = lines(
            [q.quarter for q in quarters],
            [
                (_("Samenwerking"), [q.collaboration for q in quarters]),
                (_("Betrokkenheid"), [q.engagement for q in quarters]),
                (_("Richting doel"), [q.goal_progress for q in quarters]),
            ],
            title=_("Reflectie na bijeenkomsten: gemiddelde per kwartaal"),
        )
    present = [q for q in figures.meetings if q.attendance is not None]
    if present:
        result["attendance"] = horizontal_bars(
            [(q.quarter, round(q.attendance * 100)) for q in present],
            title=_("Aanwezigheid van partners per kwartaal (%)"),
        )
    return result
