"""Reads and aggregations for scans. The results of a round take a fixed number of queries,
whatever the number of respondents: answers are counted per (item, value) in the database."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Func, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from wijknet.roadmap.models import Step

from .models import (
    Advice,
    Indicator,
    IndicatorGroup,
    Item,
    ScanAnswer,
    ScanInvitation,
    ScanResponse,
    ScanRound,
)
from .services import round_items
from .stats import MIN_GROUP, Stats


@dataclass
class IndicatorResult:
    indicator: Indicator | None
    name: str
    stats: Stats
    items: list = field(default_factory=list)  # (item, Stats)
    advice: list = field(default_factory=list)
    previous_mean: float | None = None
    weak: bool = False

    @property
    def trend(self) -> str:
        if self.previous_mean is None or self.stats.mean is None:
            return ""
        delta = self.stats.mean - self.previous_mean
        return "up" if delta >= 0.25 else "down" if delta <= -0.25 else "flat"


@dataclass
class GroupResult:
    group: IndicatorGroup | None
    name: str
    stats: Stats
    indicators: list[IndicatorResult] = field(default_factory=list)


@dataclass
class InstrumentResult:
    instrument: object
    groups: list[GroupResult]

    @property
    def indicators(self) -> list[IndicatorResult]:
        return [ind for group in self.groups for ind in group.indicators]


@dataclass
class Breakdown:
    """Means per group of respondents (role or sector); small groups are withheld."""

    dimension: str
    groups: list[tuple[str, int]]  # (group value, respondents); all groups, also hidden ones
    means: dict[tuple[int, str], float | None]  # (indicator id, group) → mean

    def means_for(self, indicator_result) -> dict[str, float | None]:
        """Group → mean for one indicator (shown groups only)."""
        pk = indicator_result.indicator.pk
        return {g: self.means.get((pk, g)) for g in self.shown}

    @property
    def shown(self) -> list[str]:
        return [g for g, n in self.groups if n >= MIN_GROUP]

    @property
    def hidden(self) -> list[tuple[str, int]]:
        return [(g, n) for g, n in self.groups if n < MIN_GROUP]


@dataclass
class RoundResults:
    round: object
    invited: int
    submitted: int
    instruments: list[InstrumentResult]
    own_items: list  # (item, Stats)

    @property
    def response_rate(self) -> int:
        return round(100 * self.submitted / self.invited) if self.invited else 0

    @property
    def all_indicators(self) -> list[IndicatorResult]:
        return [i for inst in self.instruments for i in inst.indicators]

    def ranked(self) -> list[IndicatorResult]:
        scored = [i for i in self.all_indicators if i.stats.mean is not None]
        return sorted(scored, key=lambda i: (-i.stats.mean, i.name))

    @property
    def strongest(self) -> list[IndicatorResult]:
        return self.ranked()[:3]

    @property
    def weakest(self) -> list[IndicatorResult]:
        return list(reversed(self.ranked()[-3:])) if len(self.ranked()) > 3 else []

    @property
    def attention(self) -> list[IndicatorResult]:
        """Indicators that are weak or disputed, with their advice: the network's to-do list."""
        return [i for i in self.all_indicators if i.weak or i.stats.disagreement]


def submitted_answers(rounds):
    return ScanAnswer.objects.filter(
        response__round__in=rounds, response__submitted_at__isnull=False
    )


def tally(round_) -> list[tuple]:
    """(item id, role, sector, value, count) over the round's submitted answers.

    The one heavy query of the results page: distributions, breakdowns and the current round's
    part of the trend are all derived from it in Python.
    """
    return list(
        submitted_answers([round_])
        .values_list("item_id", "response__role", "response__sector", "value")
        .annotate(n=Count("*"))
        .order_by()
    )


def item_distributions(round_, rows=None) -> dict[int, Stats]:
    stats: dict[int, Stats] = defaultdict(Stats)
    for item_id, _role, _sector, value, n in tally(round_) if rows is None else rows:
        stats[item_id].add(value, n)
    return stats


def previous_round(round_):
    return (
        ScanRound.objects.filter(network_id=round_.network_id, opens_on__lt=round_.opens_on)
        .order_by("-opens_on", "-pk")
        .first()
    )


def indicator_means(rounds) -> dict[tuple[int, int], float | None]:
    """(round id, indicator id) → mean, for several rounds in one query."""
    stats: dict[tuple[int, int], Stats] = defaultdict(Stats)
    rows = (
        submitted_answers(rounds)
        .filter(item__indicator__isnull=False)
        .values("response__round_id", "item__indicator_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        stats[(row["response__round_id"], row["item__indicator_id"])].add(row["value"], row["n"])
    return {key: s.mean for key, s in stats.items()}


def round_results(round_, rows=None) -> RoundResults:
    items = list(round_items(round_).select_related("indicator"))
    distributions = item_distributions(round_, rows)
    instruments = list(round_.instruments.order_by("order", "name"))
    groups = list(
        IndicatorGroup.objects.filter(instrument__in=instruments)
        .order_by("instrument__order", "order")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order")),
        )
    )
    advice_by_indicator = defaultdict(list)
    for advice in Advice.objects.filter(indicator__instrument__in=instruments).order_by(
        "indicator_id", "order"
    ):
        advice_by_indicator[advice.indicator_id].append(advice)
    steps = {s.key: s for s in Step.objects.filter(retired=False).order_by("pk")}
    previous = previous_round(round_)
    previous_means = indicator_means([previous]) if previous else {}
    items_by_indicator = defaultdict(list)
    own_items = []
    for item in items:
        stats = distributions.get(item.pk, Stats())
        if item.indicator_id is None:
            own_items.append((item, stats))
        else:
            items_by_indicator[item.indicator_id].append((item, stats))
    threshold = float(round_.weak_threshold)
    results = []
    for instrument in instruments:
        group_results = []
        for group in (g for g in groups if g.instrument_id == instrument.pk):
            group_stats = Stats()
            indicator_results = []
            for indicator in group.indicators.all():
                ind_items = items_by_indicator.get(indicator.pk, [])
                if not ind_items:
                    continue
                stats = Stats()
                for _item, item_stats in ind_items:
                    stats.merge(item_stats)
                group_stats.merge(stats)
                result = IndicatorResult(
                    indicator=indicator,
                    name=indicator.name,
                    stats=stats,
                    items=ind_items,
                    previous_mean=previous_means.get((previous.pk, indicator.pk))
                    if previous
                    else None,
                    weak=stats.is_weak(threshold),
                )
                if result.weak or stats.disagreement:
                    result.advice = [
                        (a, [steps[k] for k in a.step_keys if k in steps])
                        for a in advice_by_indicator.get(indicator.pk, [])
                    ]
                indicator_results.append(result)
            group_results.append(GroupResult(group, group.name, group_stats, indicator_results))
        results.append(InstrumentResult(instrument, group_results))
    counts = ScanInvitation.objects.filter(round=round_).aggregate(
        invited=Count("id"), submitted=Count("id", filter=Q(submitted_at__isnull=False))
    )
    paper = ScanResponse.objects.filter(
        round=round_, invitation__isnull=True, submitted_at__isnull=False
    ).count()
    return RoundResults(
        round_, counts["invited"] + paper, counts["submitted"] + paper, results, own_items
    )


def breakdown(round_, dimension: str, rows=None) -> Breakdown:
    """Indicator means per role or per sector; groups under three respondents are withheld."""
    field_name = {"role": "role", "sector": "sector"}[dimension]
    sizes = (
        ScanResponse.objects.filter(round=round_, submitted_at__isnull=False)
        .values(field_name)
        .annotate(n=Count("id"))
        .order_by(field_name)
    )
    groups = [(row[field_name] or "", row["n"]) for row in sizes]
    shown = {g for g, n in groups if n >= MIN_GROUP}
    rows = tally(round_) if rows is None else rows
    indicator_of = dict(
        Item.objects.filter(pk__in={row[0] for row in rows}, indicator__isnull=False)
        .order_by()
        .values_list("pk", "indicator_id")
    )
    stats: dict[tuple[int, str], Stats] = defaultdict(Stats)
    for item_id, role, sector, value, n in rows:
        group = role if dimension == "role" else sector
        if group not in shown or item_id not in indicator_of:
            continue  # groups under three respondents never leave this function
        stats[(indicator_of[item_id], group)].add(value, n)
    return Breakdown(dimension, groups, {key: s.mean for key, s in stats.items()})


def trend(round_, instrument, current: dict[int, float | None] | None = None):
    """Rounds of this network with this instrument (oldest first) and, per group, the mean in
    each round: for the line chart over T0, T1, T2 …

    `current` (group id → mean) supplies this round's figures when the caller has them already,
    so only the earlier rounds are read.
    """
    rounds = list(
        ScanRound.objects.filter(
            network_id=round_.network_id, instruments=instrument, opens_on__lte=round_.opens_on
        ).order_by("opens_on", "pk")
    )
    read = [r for r in rounds if current is None or r.pk != round_.pk]
    stats: dict[tuple[int, int], Stats] = defaultdict(Stats)
    rows = (
        submitted_answers(read)
        .filter(item__instrument=instrument)
        .values("response__round_id", "item__indicator__group_id", "value")
        .annotate(n=Count("*"))
        .order_by()
    )
    for row in rows if read else []:
        stats[(row["item__indicator__group_id"], row["response__round_id"])].add(
            row["value"], row["n"]
        )
    means = {key: s.mean for key, s in stats.items()}
    for group_id, mean in (current or {}).items():
        means[(group_id, round_.pk)] = mean
    return rounds, means


def _count(queryset):
    """A correlated COUNT(*) subquery over `queryset` (already filtered on OuterRef)."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .values("round")
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")
        ),
        0,
    )


def rounds_of(network):
    """The network's rounds, newest first, with invited and submitted counts.

    The counts are correlated subqueries (one index range each), not a join of invitations ×
    responses grouped afterwards: that join grows with the product of both per round.
    """
    return (
        ScanRound.objects.filter(network=network)
        .annotate(
            invited=_count(ScanInvitation.objects.filter(round=OuterRef("pk"))),
            submitted=_count(
                ScanResponse.objects.filter(round=OuterRef("pk"), submitted_at__isnull=False)
            ),
        )
        .prefetch_related("instruments")
        .order_by("-opens_on", "-pk")
    )


def round_with_counts(round_):
    """One round with its invited and submitted counts (the close confirmation page)."""
    return rounds_of(round_.network).get(pk=round_.pk)


def latest_round(network):
    """The most recent round that has opened, with its counts (for the dashboard)."""
    from django.utils import timezone

    return (
        rounds_of(network).prefetch_related(None).filter(opens_on__lte=timezone.localdate()).first()
    )


def get_round(network, round_uuid) -> ScanRound:
    """One round of this network (404 for another network's), with its counts."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(rounds_of(network), uuid=round_uuid)
