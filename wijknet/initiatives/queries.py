"""Reads of initiatives: the list (search, status filter, support counts in the same query),
one idea's supporters, the response term, and the lists "Mijn werk" shows."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from wijknet.core.statements import Statement

from .models import (
    DEFAULT_RESPONSE_WEEKS,
    Initiative,
    InitiativeSettings,
    InitiativeStatus,
    Support,
)

LIMIT = 5


def settings_for(network) -> InitiativeSettings | None:
    return InitiativeSettings.objects.filter(network=network).first()


def response_weeks(network) -> int:
    row = settings_for(network)
    return row.response_weeks if row else DEFAULT_RESPONSE_WEEKS


def response_due(initiative: Initiative, weeks: int) -> datetime:
    return initiative.created_at + timedelta(weeks=weeks)


def response_overdue(initiative: Initiative, weeks: int, now: datetime | None = None) -> bool:
    """A new idea nobody answered within the network's response term."""
    now = now or timezone.now()
    return (
        initiative.status == InitiativeStatus.NEW
        and initiative.responded_at is None
        and response_due(initiative, weeks) < now
    )


def initiatives(network, *, user=None, search: str = "", status: str = ""):
    """The network's initiatives, newest first, each with `support_count`, `help_count` and
    (given a user) `supported_by_me` — one query for the page however many there are."""
    qs = (
        Initiative.objects.filter(network=network)
        .select_related("initiator", "goal")
        .annotate(
            support_count=Count("supports", distinct=True),
            help_count=Count("supports", filter=Q(supports__offers_help=True), distinct=True),
        )
    )
    if user is not None:
        qs = qs.annotate(
            supported_by_me=Exists(Support.objects.filter(initiative=OuterRef("pk"), user=user))
        )
    if search:
        qs = qs.filter(
            Q(title__icontains=search)
            | Q(description__icontains=search)
            | Q(for_whom__icontains=search)
            | Q(place__icontains=search)
            | Q(needs__icontains=search)
        )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def supports(initiative: Initiative):
    """Who supports the idea and who offers help (members see each other in the network)."""
    return (
        Support.objects.filter(network_id=initiative.network_id, initiative=initiative)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def support_of(initiative: Initiative, user) -> Support | None:
    return Support.objects.filter(
        network_id=initiative.network_id, initiative=initiative, user=user
    ).first()


def status_counts(network) -> dict[str, int]:
    rows = (
        Initiative.objects.filter(network=network)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("status")
    )
    return {row["status"]: row["n"] for row in rows}


@dataclass
class Bounded:
    """At most `limit` items, and whether there are more ("Mijn werk" links to the list)."""

    items: list = field(default_factory=list)
    more: bool = False

    def __bool__(self):
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def _as_bounded(rows: list, limit: int) -> Bounded:
    """`rows` fetched with one more than `limit`."""
    return Bounded(items=rows[:limit], more=len(rows) > limit)


def _awaiting(network_id, limit):
    # The network's response term rides along, so a list without rows costs no second query.
    term = InitiativeSettings.objects.filter(network_id=OuterRef("network_id")).values(
        "response_weeks"
    )[:1]
    return (
        Initiative.objects.filter(
            network_id=network_id, status=InitiativeStatus.NEW, responded_at__isnull=True
        )
        .annotate(response_weeks=Coalesce(Subquery(term), Value(DEFAULT_RESPONSE_WEEKS)))
        .only("uuid", "title", "status", "responded_at", "created_at")
        .order_by("created_at", "pk")[: limit + 1]
    )


# Compiled once per process (core/statements.py): "Mijn werk" runs these on every view.
_AWAITING = Statement(_awaiting, network_id=int)


def awaiting_response(network, *, now=None, limit: int = LIMIT) -> Bounded:
    """New ideas nobody answered yet, oldest first; each carries `overdue` and `due` (by the
    network's response term)."""
    now = now or timezone.now()
    rows = _as_bounded(_AWAITING(network_id=network.pk, limit=limit), limit)
    for initiative in rows:
        initiative.due = response_due(initiative, initiative.response_weeks)
        initiative.overdue = initiative.due < now
    return rows


def _initiated(network_id, user_id, limit):
    return (
        Initiative.objects.filter(network_id=network_id, initiator_id=user_id)
        .annotate(support_count=Count("supports"))
        .only("uuid", "title", "status", "responded_at", "updated_at", "response")
        .order_by("-updated_at", "-pk")[: limit + 1]
    )


_INITIATED = Statement(_initiated, network_id=int, user_id=int)


def initiated_by(network, user, *, limit: int = LIMIT) -> Bounded:
    """The ideas this member brought in, the most recently changed first (their news)."""
    return _as_bounded(_INITIATED(network_id=network.pk, user_id=user.pk, limit=limit), limit)
