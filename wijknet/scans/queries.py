"""Reads and aggregations for scans. The results of a round take a fixed number of queries,
whatever the number of respondents or rounds: answers are counted per (item, value) in the
database once per new submission, stored (RoundResult) and read back."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Func, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from wijknet.roadmap.models import Step

from .models import (
    Advice,
    Indicator,
    IndicatorGroup,
    Item,
    PlannedRound,
    RoundResult,
    ScanAnswer,
    ScanInvitation,
    ScanResponse,
    ScanRound,
)
from .services import round_items, store_round_figures
from .stats import MIN_GROUP, Stats


@dataclass
class IndicatorResult:
    indicator: Indicator | None
    name: str
    stats: Stats
    items: list = field(default_factory=list)  # (item, Stats)
    respondents: int = 0  # respondents with a score on at least one of its statements
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
    def disputed(self) -> list[IndicatorResult]:
        """Indicators partners see very differently (seed 002 §3.4)."""
        return [i for i in self.all_indicators if i.stats.disagreement]

    @property
    def attention(self) -> list[IndicatorResult]:
        """Indicators that are weak or disputed, with their advice: the network's to-do list."""
        return [i for i in self.all_indicators if i.weak or i.stats.disagreement]


def submitted_answers(rounds):
    return ScanAnswer.objects.filter(
        response__round__in=rounds, response__submitted_at__isnull=False
    )


# Figures per round ----------------------------------------------------------------------------
# Everything the results page derives from answers comes from `RoundFigures`: a handful of
# aggregate rows per round (bounded by statements × roles × sectors × 6 values, whatever the
# number of respondents), aggregated in the database (three grouped queries) and stored
# (RoundResult) with a fingerprint of the round's submissions. Submitted answers never change,
# so the figures stay valid until the fingerprint does: a closed round's are computed once (again
# only after late paper forms), an open round's once per new submission, by the first view
# after it. Any other view reads them back: one fingerprint query and one read.

FIGURES_FORMAT = 1
# Rounds shown in the trend chart: the latest ones up to the round on the page.
TREND_ROUNDS = 6


@dataclass
class RoundFigures:
    tally: list  # (item id, role, sector, value, count) over submitted answers
    respondents: dict[int, int]  # indicator id → respondents with a score on it
    sizes: dict[str, dict[str, int]]  # "role"/"sector" → group → respondents
    invited: int
    submitted: int

    def to_data(self) -> dict:
        return {
            "tally": [list(row) for row in self.tally],
            "respondents": {str(k): n for k, n in self.respondents.items()},
            "sizes": self.sizes,
            "invited": self.invited,
            "submitted": self.submitted,
        }

    @classmethod
    def from_data(cls, data) -> "RoundFigures":
        return cls(
            tally=[tuple(row) for row in data["tally"]],
            respondents={int(k): n for k, n in data["respondents"].items()},
            sizes=data["sizes"],
            invited=data["invited"],
            submitted=data["submitted"],
        )


def fingerprints(rounds) -> dict[int, tuple[str, int, int]]:
    """Round id → (fingerprint, invited, submitted), one query for all rounds: counts are
    correlated subqueries over one round's invitations and responses each."""
    submitted = ScanResponse.objects.filter(round=OuterRef("pk"), submitted_at__isnull=False)
    rows = (
        ScanRound.objects.filter(pk__in=[r.pk for r in rounds])
        .annotate(
            n_invited=_count(ScanInvitation.objects.filter(round=OuterRef("pk"))),
            n_paper=_count(submitted.filter(invitation__isnull=True)),
            n_submitted=_count(submitted),
            last_id=Subquery(submitted.order_by("-pk").values("pk")[:1]),
        )
        .order_by()
        .values_list("pk", "n_invited", "n_paper", "n_submitted", "last_id")
    )
    result = {}
    for pk, invited, paper, n_submitted, last_id in rows:
        fingerprint = f"{FIGURES_FORMAT}:{n_submitted}:{last_id or 0}:{invited}"
        result[pk] = (fingerprint, invited + paper, n_submitted)
    return result


def _aggregate(round_ids: list[int], counts: dict[int, tuple]) -> dict[int, RoundFigures]:
    """The figures of several rounds in three grouped queries."""
    figures = {
        pk: RoundFigures([], {}, {"role": {}, "sector": {}}, counts[pk][1], counts[pk][2])
        for pk in round_ids
    }
    answers = ScanAnswer.objects.filter(
        response__round_id__in=round_ids, response__submitted_at__isnull=False
    )
    rows = (
        answers.values_list(
            "response__round_id", "item_id", "response__role", "response__sector", "value"
        )
        .annotate(n=Count("*"))
        .order_by()
    )
    for round_id, *row in rows:
        figures[round_id].tally.append(tuple(row))
    respondents = (
        answers.filter(value__isnull=False, item__indicator__isnull=False)
        .values_list("response__round_id", "item__indicator_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    )
    for round_id, indicator_id, n in respondents:
        figures[round_id].respondents[indicator_id] = n
    sizes = (
        ScanResponse.objects.filter(round_id__in=round_ids, submitted_at__isnull=False)
        .values_list("round_id", "role", "sector")
        .annotate(n=Count("*"))
        .order_by()
    )
    for round_id, role, sector, n in sizes:
        for dimension, group in (("role", role or ""), ("sector", sector or "")):
            by_group = figures[round_id].sizes[dimension]
            by_group[group] = by_group.get(group, 0) + n
    for figure in figures.values():
        figure.tally.sort(key=lambda row: (*row[:3], row[3] or 0))
    return figures


def round_figures(rounds, counts=None) -> dict[int, RoundFigures]:
    """Round id → figures: stored ones whose fingerprint still matches, the others aggregated
    (and stored). `counts`: the rounds' `fingerprints` when the caller has read them."""
    rounds = [r for r in {r.pk: r for r in rounds if r is not None}.values()]
    if not rounds:
        return {}
    if counts is None or not all(r.pk in counts for r in rounds):
        counts = fingerprints(rounds)
    figures = {}
    for round_id, fingerprint, data in RoundResult.objects.filter(
        round_id__in=list(counts)
    ).values_list("round_id", "fingerprint", "data"):
        if fingerprint == counts[round_id][0]:
            figures[round_id] = RoundFigures.from_data(data)
    missing = [r.pk for r in rounds if r.pk not in figures]
    if not missing:
        return figures
    computed = _aggregate(missing, counts)
    figures.update(computed)
    store_round_figures(
        {r: (counts[r.pk][0], computed[r.pk].to_data()) for r in rounds if r.pk in computed}
    )
    return figures


def tally(round_) -> list[tuple]:
    """(item id, role, sector, value, count) over the round's submitted answers."""
    return round_figures([round_])[round_.pk].tally


def item_distributions(rows) -> dict[int, Stats]:
    stats: dict[int, Stats] = defaultdict(Stats)
    for item_id, _role, _sector, value, n in rows:
        stats[item_id].add(value, n)
    return stats


def previous_round(round_):
    return (
        ScanRound.objects.filter(network_id=round_.network_id, opens_on__lt=round_.opens_on)
        .order_by("-opens_on", "-pk")
        .first()
    )


def item_places(figures) -> dict[int, tuple[int | None, int | None]]:
    """Item id → (indicator id, group id) for every statement in these figures."""
    ids = {row[0] for f in figures for row in f.tally}
    return {
        pk: (indicator_id, group_id)
        for pk, indicator_id, group_id in Item.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "indicator_id", "indicator__group_id")
    }


def _means(figure, places, level: int) -> dict[int, float | None]:
    """Indicator (level 0) or group (level 1) id → mean, from one round's tally."""
    stats: dict[int, Stats] = defaultdict(Stats)
    for item_id, _role, _sector, value, n in figure.tally:
        key = places.get(item_id, (None, None))[level]
        if key is not None:
            stats[key].add(value, n)
    return {key: s.mean for key, s in stats.items()}


def indicator_means(rounds) -> dict[tuple[int, int], float | None]:
    """(round id, indicator id) → mean, for several rounds."""
    figures = round_figures(rounds)
    places = item_places(figures.values())
    return {
        (round_id, indicator_id): mean
        for round_id, figure in figures.items()
        for indicator_id, mean in _means(figure, places, 0).items()
    }


def round_results(
    round_, figures=None, previous=..., places=None, instruments=None
) -> RoundResults:
    """The results of one round. `figures` (round id → RoundFigures) may hold this round's and
    the previous round's figures already (the results page reads them in one batch), and
    `places` the statements' indicators and groups (item_places)."""
    if previous is ...:
        previous = previous_round(round_)
    if figures is None:
        figures = round_figures([round_, previous])
    figure = figures[round_.pk]
    items = list(round_items(round_).select_related("indicator"))
    distributions = item_distributions(figure.tally)
    if instruments is None:
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
    previous_means = {}
    if previous is not None and previous.pk in figures:
        if places is None:
            places = item_places([figures[previous.pk]])
        previous_means = _means(figures[previous.pk], places, 0)
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
                    respondents=figure.respondents.get(indicator.pk, 0),
                    previous_mean=previous_means.get(indicator.pk),
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
    return RoundResults(round_, figure.invited, figure.submitted, results, own_items)


def breakdown(round_, dimension: str, figures=None, places=None) -> Breakdown:
    """Indicator means per role or per sector; groups under three respondents are withheld."""
    figure = (figures or round_figures([round_]))[round_.pk]
    if dimension not in ("role", "sector"):
        raise ValueError(dimension)
    groups = sorted(figure.sizes[dimension].items())
    shown = {g for g, n in groups if n >= MIN_GROUP}
    places = item_places([figure]) if places is None else places
    stats: dict[tuple[int, str], Stats] = defaultdict(Stats)
    for item_id, role, sector, value, n in figure.tally:
        group = (role if dimension == "role" else sector) or ""
        indicator_id = places.get(item_id, (None, None))[0]
        if group not in shown or indicator_id is None:
            continue  # groups under three respondents never leave this function
        stats[(indicator_id, group)].add(value, n)
    return Breakdown(dimension, groups, {key: s.mean for key, s in stats.items()})


def trend_rounds(round_, instrument) -> list:
    """The latest TREND_ROUNDS rounds of this network with this instrument up to `round_`,
    oldest first."""
    rounds = list(
        ScanRound.objects.filter(
            network_id=round_.network_id, instruments=instrument, opens_on__lte=round_.opens_on
        ).order_by("-opens_on", "-pk")[:TREND_ROUNDS]
    )
    rounds.reverse()
    return rounds


def trend(round_, instrument, figures=None, rounds=None, places=None):
    """Rounds of this network with this instrument (oldest first, the latest TREND_ROUNDS)
    and, per group, the mean in each round: for the line chart over T0, T1, T2 …"""
    rounds = trend_rounds(round_, instrument) if rounds is None else rounds
    figures = figures if figures is not None else round_figures(rounds)
    if places is None:
        places = item_places([figures[r.pk] for r in rounds if r.pk in figures])
    means = {}
    for r in rounds:
        if r.pk in figures:
            for group_id, mean in _means(figures[r.pk], places, 1).items():
                means[(group_id, r.pk)] = mean
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


# Planned re-measurements -----------------------------------------------------------------------

# How many planned rounds a page shows (a network has two pending at most: T1 and T2).
PLANNED_SHOWN = 10


def planned_rounds(network):
    """Re-measurements planned and not opened yet, soonest first, with their baseline."""
    return (
        PlannedRound.objects.filter(network=network, opened_round__isnull=True)
        .select_related("source_round")
        .order_by("due_on", "pk")
    )


def get_planned_round(network, planned_uuid) -> PlannedRound:
    """One planned round of this network that has not been opened (404 otherwise)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(planned_rounds(network), uuid=planned_uuid)
