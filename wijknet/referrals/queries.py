"""Reads for referrals: who sees which referral in the lists, and the funnel (doorstroom).

The funnel is aggregated per network and period and never shows a number of fewer than
`MIN_GROUP` people (nor anything derived from such a number: a percentage, a median).
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.networks.models import Partner, Sector
from wijknet.offers.models import OfferKind

from . import access
from .models import STAGE_FIELDS, Referral, Status

MIN_GROUP = 3  # the privacy threshold: smaller numbers show as "< 3"
STAGES = list(STAGE_FIELDS)  # verwezen → contact → intake → gestart → actief_3m

# --- lists ----------------------------------------------------------------------------------

TAB_SENT, TAB_INCOMING, TAB_ALL = "verstuurd", "binnengekomen", "alle"


def _base(network):
    return Referral.objects.filter(network=network).select_related(
        "offer", "receiving_partner__organisation", "referrer", "referrer_organisation"
    )


def visible_referrals(network, membership):
    """Every referral this membership may see (access.visible_q), newest first (the API)."""
    return _base(network).filter(access.visible_q(membership)).order_by("-created_at", "-pk")


def tabs_for(membership) -> list[str]:
    tabs = [TAB_SENT]
    if membership.organisation_id is not None:
        tabs.append(TAB_INCOMING)
    if access.may_see_all(membership):
        tabs.append(TAB_ALL)
    return tabs


def referrals(network, membership, *, tab=TAB_SENT, search="", status=""):
    qs = _base(network)
    if tab == TAB_ALL and access.may_see_all(membership):
        qs = qs.filter(access.visible_q(membership))
    elif tab == TAB_INCOMING and membership.organisation_id is not None:
        qs = qs.filter(receiving_partner__organisation_id=membership.organisation_id)
    else:
        qs = qs.filter(referrer_id=membership.user_id)
    if status == "open":
        qs = qs.exclude(status__in=[Status.ACTIEF_3M, Status.GESTOPT, Status.NIET_GESTART])
    elif status:
        qs = qs.filter(status=status)
    if search:
        # Contact, reason and goals are encrypted and cannot be searched by the database.
        text = (
            Q(offer__title__icontains=search)
            | Q(receiving_partner__organisation__name__icontains=search)
            | Q(referrer_organisation__name__icontains=search)
        )
        if tab != TAB_ALL:
            text |= Q(resident_name__icontains=search)
        else:
            # A coordinator's masked overview must not become a name lookup: search by name
            # only among the referrals they are a party to.
            text |= Q(resident_name__icontains=search) & (
                Q(referrer_id=membership.user_id)
                | Q(receiving_partner__organisation_id=membership.organisation_id or 0)
            )
        qs = qs.filter(text)
    return qs.order_by("-created_at", "-pk")


def receiving_partners(network):
    """Partners one may refer to directly (e.g. the buurtsportcoaches)."""
    return (
        Partner.objects.filter(network=network, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


# --- funnel ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A number shown only when it counts at least MIN_GROUP people."""

    value: float | int | None
    # Hidden although not itself a small count: a count hidden so that a small one elsewhere
    # cannot be derived, or a percentage / median. Shown as "verborgen", not "< 3".
    complementary: bool = False

    @property
    def hidden(self) -> bool:
        return self.value is None

    def __str__(self):
        if self.value is not None:
            return str(self.value)
        return _("verborgen") if self.complementary else f"< {MIN_GROUP}"


def count_cell(n: int) -> Cell:
    return Cell(n if n >= MIN_GROUP else None)


def percent_cell(part: int, whole: int) -> Cell:
    """A conversion percentage, hidden when either number is under the threshold."""
    if part < MIN_GROUP or whole < MIN_GROUP:
        return Cell(None, complementary=True)
    return Cell(round(100 * part / whole))


def median_cell(days: list[float]) -> Cell:
    """Median number of days, hidden when fewer than MIN_GROUP people made the step."""
    if len(days) < MIN_GROUP:
        return Cell(None, complementary=True)
    return Cell(round(statistics.median(days), 1))


@dataclass
class StageRow:
    status: str
    label: str
    reached: Cell
    conversion: Cell  # from the previous stage
    of_referred: Cell  # from the first stage
    median_days: Cell  # from the previous stage to this one


@dataclass
class Group:
    """The funnel for one group (all referrals, a sector, an offer kind)."""

    key: str
    label: str
    total: int
    stages: list[StageRow]
    not_started: Cell
    stopped: Cell
    # Raw counts per stage, for the chart only when not hidden.
    counts: list[int] = field(default_factory=list)


def _furthest(row) -> int:
    """Index in STAGES of the furthest stage a referral reached."""
    furthest = 0
    for index, status in enumerate(STAGES):
        if row[STAGE_FIELDS[status]] is not None:
            furthest = index
    return furthest


def _days(later, earlier) -> float:
    return (later - earlier).total_seconds() / 86400


NOT_STARTED, STOPPED = len(STAGES), len(STAGES) + 1  # the two columns after the stages
COLUMNS = len(STAGES) + 2


def _stage_counts(rows) -> list[int]:
    furthest = [_furthest(r) for r in rows]
    return [sum(1 for f in furthest if f >= index) for index in range(len(STAGES))]


def _column_counts(rows) -> list[int]:
    """The numbers of one row of a split table: each stage, niet gestart, gestopt."""
    return [
        *_stage_counts(rows),
        sum(1 for r in rows if r["status"] == Status.NIET_GESTART),
        sum(1 for r in rows if r["status"] == Status.GESTOPT),
    ]


def _group(key, label, rows, *, suppressed=frozenset()) -> Group:
    """The funnel of `rows`; column indices in `suppressed` (stages, `NOT_STARTED`, `STOPPED`)
    are hidden whatever their size (see `suppress_column`)."""
    counts = _column_counts(rows)

    def shown(index) -> int:
        # A hidden count is passed on as 0, so everything derived from it hides too.
        return 0 if index in suppressed else counts[index]

    def count(index) -> Cell:
        # Not "< 3" for a number that is not small: say it is hidden instead.
        if index in suppressed and counts[index] >= MIN_GROUP:
            return Cell(None, complementary=True)
        return count_cell(shown(index))

    labels = dict(Status.choices)
    stages = []
    for index, status in enumerate(STAGES):
        if index == 0:
            conversion, median = Cell(None), Cell(None)
        else:
            previous_field = STAGE_FIELDS[STAGES[index - 1]]
            this_field = STAGE_FIELDS[status]
            conversion = percent_cell(shown(index), shown(index - 1))
            days = [
                _days(r[this_field], r[previous_field])
                for r in rows
                if r[this_field] is not None and r[previous_field] is not None
            ]
            median = median_cell(days if index not in suppressed else [])
        stages.append(
            StageRow(
                status=status,
                label=str(labels[status]),
                reached=count(index),
                conversion=conversion,
                of_referred=percent_cell(shown(index), shown(0)),
                median_days=median,
            )
        )
    return Group(
        key=key,
        label=label,
        total=len(rows),
        stages=stages,
        not_started=count(NOT_STARTED),
        stopped=count(STOPPED),
        counts=[shown(index) for index in range(len(STAGES))],
    )


def _exact_cells(hidden: dict[int, tuple[int, int]], hidden_sum: int) -> list[int]:
    """The hidden cells whose value follows exactly from their bounds and their known sum.

    `hidden` maps a cell to the (low, high) an onlooker knows it lies in. With one sum over
    boxes, cell i can be anything in [max(low_i, S - sum of the others' highs),
    min(high_i, S - sum of the others' lows)]; it is derivable when that is one value.
    """
    low_sum = sum(low for low, _ in hidden.values())
    high_sum = sum(high for _, high in hidden.values())
    exact = []
    for cell, (low, high) in hidden.items():
        lowest = max(low, hidden_sum - (high_sum - high))
        highest = min(high, hidden_sum - (low_sum - low))
        if lowest >= highest:
            exact.append(cell)
    return exact


def suppress_column(
    values: list[int], *, floor: int = 0, also_hide: frozenset[int] = frozenset()
) -> tuple[set[int], bool]:
    """Which cells of one column of a split table to hide, and whether to hide its total.

    `values` are the column's numbers, one per group of the split; they add up to the
    column's total, which the overall table shows. `floor` is what every cell is known to be
    at least (1 for *verwezen*: a group is listed only when someone in it was referred).
    Returns (indices of the hidden cells, whether the total must be hidden too).

    The rule:

    1. A cell under `MIN_GROUP` (zero included) is hidden ("primary").
    2. A total under `MIN_GROUP` is hidden, and then every cell of the column too.
    3. Otherwise the hidden cells together are known: total minus the shown cells. While
       that sum is under `MIN_GROUP` (it would show a small group: "these two sectors
       together: 1"; a sum of 0 gives every hidden cell away as 0), or any single hidden
       cell follows from it exactly, hide the smallest shown cell as well (ties: the first).
       Exactness is judged against what an onlooker who knows this rule can tell (the
       page shows a primary cell as "< 3" and one hidden by this step as "verborgen"): a
       primary cell lies in [floor, MIN_GROUP - 1]; a cell hidden by this step lies in
       [MIN_GROUP, the smallest cell still shown] (it was the smallest). So one hidden
       cell is never enough (its value is the sum), two hidden cells summing to 4 under
       the threshold are both 2, two summing to 1 reveal a union of 1, etc.
       Cells in `also_hide` (hidden for another reason, see `_pinned_in_rows`) are hidden
       from the start and known to lie in [MIN_GROUP, total] when not small.
    4. If every cell is hidden and that is still not enough (e.g. three groups of exactly
       1 referred, total 3), the total is hidden too.

    When the total is hidden, the caller hides the column in every split and in the
    overall table (a split that showed all its cells would give the total away again).
    Percentages and medians of a hidden cell hide with it (`_group`).

    Bounds between the columns of one row (a stage count is at most the previous one) are
    `_pinned_in_rows`'s job.
    """
    total = sum(values)
    everything = set(range(len(values)))
    if total < MIN_GROUP:
        return everything, True
    hidden = {i for i, n in enumerate(values) if n < MIN_GROUP} | set(also_hide)
    while hidden:
        shown = [i for i in range(len(values)) if i not in hidden]
        ceiling = min((values[i] for i in shown), default=total)
        bounds = {
            i: (floor, MIN_GROUP - 1)
            if values[i] < MIN_GROUP
            else (MIN_GROUP, total if i in also_hide else ceiling)
            for i in hidden
        }
        hidden_sum = total - sum(values[i] for i in shown)
        if hidden_sum >= MIN_GROUP and not _exact_cells(bounds, hidden_sum):
            return hidden, False
        if not shown:
            return everything, True
        hidden.add(min(shown, key=lambda i: (values[i], i)))
    return hidden, False


def _pinned_in_rows(counts: list[list[int]], hidden: list[set[int]]) -> set[tuple[int, int]]:
    """Shown stage cells (group, stage) to hide because a row pins a hidden one down.

    A group's stage counts never go up: a hidden stage count lies between the nearest shown
    count before it and the nearest shown count after it. When those two are equal it is
    that number; hiding the later one removes the bound (it then lies in [0, the earlier]).
    """
    pinned = set()
    for g, (row, hide) in enumerate(zip(counts, hidden, strict=True)):
        previous = None  # the nearest shown stage count so far
        inside = False  # hidden stages since then
        for stage in range(len(STAGES)):
            if stage in hide:
                inside = True
                continue
            if inside and previous is not None and row[stage] == previous:
                pinned.add((g, stage))
                break  # re-checked after the column is suppressed again
            previous, inside = row[stage], False
    return pinned


@dataclass
class Funnel:
    date_from: date
    date_to: date
    overall: Group
    by_sector: list[Group]
    by_kind: list[Group]


def default_period(today=None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return today - timedelta(days=365), today


def _bounds(date_from: date, date_to: date):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), tz)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), tz)
    return start, end


def funnel(network, date_from: date, date_to: date) -> Funnel:
    """The funnel of all referrals made in the period (by the date of referral), in one
    query. Stages count referrals that reached *at least* that stage.

    Every column of the split tables is suppressed with `suppress_column`; a column whose
    total must be hidden is hidden in both splits and in the overall table. With fewer than
    `MIN_GROUP` referrals in all there are no splits at all: the mere rows would tell (two
    sectors listed under a total "< 3" means one referral each).
    """
    start, end = _bounds(date_from, date_to)
    rows = list(
        Referral.objects.filter(network=network, created_at__gte=start, created_at__lt=end)
        .order_by("pk")
        .values("status", "referrer_sector", "offer_kind", *STAGE_FIELDS.values())
    )
    sectors = dict(Sector.choices)
    kinds = dict(OfferKind.choices)

    def parts_of(attribute, labels):
        keys = sorted({r[attribute] for r in rows}, key=lambda k: (k == "", str(labels.get(k, k))))
        return keys, [[r for r in rows if r[attribute] == key] for key in keys]

    splits = {
        "referrer_sector": (sectors, _("Sector onbekend")),
        "offer_kind": (kinds, _("Direct naar een partner (zonder aanbod)")),
    }
    parts = {attribute: parts_of(attribute, labels) for attribute, (labels, _e) in splits.items()}
    # Per split and column: the hidden groups; and the columns whose total hides.
    hidden: dict[str, list[set[int]]] = {}
    hidden_totals: set[int] = set()
    for attribute, (_keys, groups) in parts.items():
        counts = [_column_counts(group) for group in groups]
        extra: dict[int, set[int]] = {column: set() for column in range(COLUMNS)}
        while True:  # ends: `extra` only grows
            hidden[attribute] = [set() for _g in groups]
            for column in range(COLUMNS):
                cells, total_hidden = suppress_column(
                    [c[column] for c in counts],
                    floor=1 if column == 0 else 0,
                    also_hide=frozenset(extra[column]),
                )
                if total_hidden:
                    hidden_totals.add(column)
                for g in cells:
                    hidden[attribute][g].add(column)
            pinned = _pinned_in_rows(counts, hidden[attribute])
            if not pinned:
                break
            for g, column in pinned:
                extra[column].add(g)
    # The overall row is a row too: a hidden total pinned between equal shown ones hides
    # the later one as well (and a hidden total hides its column in every split).
    overall_counts = _column_counts(rows)
    while pinned := _pinned_in_rows(
        [overall_counts],
        [{c for c, n in enumerate(overall_counts) if n < MIN_GROUP} | hidden_totals],
    ):
        hidden_totals |= {column for _g, column in pinned}
    for attribute in hidden:
        for columns in hidden[attribute]:
            columns |= hidden_totals

    def split(attribute):
        labels, empty_label = splits[attribute]
        keys, groups = parts[attribute]
        if len(rows) < MIN_GROUP:
            return []
        return [
            _group(
                key or "-",
                str(labels.get(key, key)) if key else empty_label,
                group,
                suppressed=frozenset(hide),
            )
            for key, group, hide in zip(keys, groups, hidden[attribute], strict=True)
        ]

    return Funnel(
        date_from=date_from,
        date_to=date_to,
        overall=_group("all", _("Alle verwijzingen"), rows, suppressed=frozenset(hidden_totals)),
        by_sector=split("referrer_sector"),
        by_kind=split("offer_kind"),
    )
