"""Reads for goals, actions and successes, with their prefetching written out.

`owner_counts` and `last_success_date` are also read by the health monitor.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Prefetch,
    Q,
    Value,
    When,
)
from django.utils import timezone

from wijknet.core.models import AuditEvent
from wijknet.meetings.models import Meeting
from wijknet.networks.models import Membership

from .models import Action, ActionStatus, Goal, GoalStatus, Success

OPEN_STATUSES = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]
# An action counts as "recent" for owner_counts when it was created this many days ago or less.
RECENT_DAYS = 180
# Without an earlier digest, the first one reports actions done in this many days.
FIRST_DIGEST_DAYS = 30
UPCOMING_MEETINGS = 5
DIGEST_AUDIT_ACTION = "digest.sent"


def _rank(order: list[str]):
    """Sort by status in a meaningful order (the stored values sort alphabetically)."""
    return Case(
        *[When(status=value, then=Value(i)) for i, value in enumerate(order)],
        default=Value(len(order)),
        output_field=IntegerField(),
    )


# Running work first, by due date (no date last); then what is finished.
ACTION_ORDER = [
    _rank([ActionStatus.IN_PROGRESS, ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.DROPPED]),
    F("due_on").asc(nulls_last=True),
    "pk",
]
GOAL_ORDER = [
    _rank([GoalStatus.OPEN, GoalStatus.ACHIEVED, GoalStatus.DROPPED]),
    F("target_date").asc(nulls_last=True),
    "title",
    "pk",
]


def _actions():
    return Action.objects.select_related("owner", "owner_partner__organisation", "meeting")


def _overdue_q(today: date) -> Q:
    return Q(status__in=OPEN_STATUSES, due_on__lt=today)


def _with_overdue(qs, today: date | None):
    """Annotate `overdue`: still open or running, and its due date has passed."""
    today = today or timezone.localdate()
    return qs.annotate(
        overdue=Case(
            When(_overdue_q(today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def goals(network):
    """The network's goals without their actions (the API's list)."""
    return Goal.objects.filter(network=network).order_by(*GOAL_ORDER)


def goals_with_actions(network, *, today: date | None = None):
    """Goals with their actions (owners, partners and meetings included); every action is
    annotated with `overdue`."""
    return (
        Goal.objects.filter(network=network)
        # The idea a goal came from (wijknet.initiatives), shown on its card: same query.
        .select_related("initiative")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=_with_overdue(_actions(), today)
                .filter(network=network)
                .order_by(*ACTION_ORDER),
            )
        )
        .order_by(*GOAL_ORDER)
    )


def actions_without_goal(network, *, today: date | None = None):
    return (
        _with_overdue(_actions(), today)
        .filter(network=network, goal__isnull=True)
        .order_by(*ACTION_ORDER)
    )


def actions(network, *, today: date | None = None):
    """Every action of the network (the API's list), goals and owners included."""
    return (
        _with_overdue(_actions().select_related("goal"), today)
        .filter(network=network)
        .order_by(*ACTION_ORDER)
    )


def overdue_actions(network, today: date | None = None):
    """Open or running actions whose due date has passed."""
    today = today or timezone.localdate()
    return _actions().filter(_overdue_q(today), network=network)


def is_overdue(action: Action, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return action.status in OPEN_STATUSES and action.due_on is not None and action.due_on < today


@dataclass(frozen=True)
class OwnerCount:
    user_id: int
    name: str
    open: int  # open or in progress
    recent: int  # created in the last `RECENT_DAYS` days, whatever their status
    total: int  # open or recent (each action once)


def owner_counts(network, *, today: date | None = None, recent_days: int = RECENT_DAYS):
    """How many open or recent actions each person owns, most first (one query).

    For the health monitor's "the same people always lead" rule (seed 003 tip 6).
    """
    today = today or timezone.localdate()
    since = timezone.make_aware(datetime.combine(today - timedelta(days=recent_days), time.min))
    is_open = Q(status__in=OPEN_STATUSES)
    is_recent = Q(created_at__gte=since)
    rows = (
        Action.objects.filter(network=network, owner__isnull=False)
        .filter(is_open | is_recent)
        .values("owner_id", "owner__full_name", "owner__email")
        .annotate(
            open=Count("pk", filter=is_open),
            recent=Count("pk", filter=is_recent),
            total=Count("pk"),
        )
        .order_by("-total", "owner__full_name", "owner_id")
    )
    return [
        OwnerCount(
            user_id=r["owner_id"],
            name=r["owner__full_name"] or r["owner__email"],
            open=r["open"],
            recent=r["recent"],
            total=r["total"],
        )
        for r in rows
    ]


def last_success_date(network) -> date | None:
    """When the most recent success happened, or None when none was recorded."""
    return Success.objects.filter(network=network).aggregate(last=Max("happened_on"))["last"]


def last_shared_at(network):
    """When a success was last shared in a digest, or None."""
    return Success.objects.filter(network=network).aggregate(last=Max("shared_at"))["last"]


def successes(network):
    return Success.objects.filter(network=network).select_related("goal", "created_by")


def unshared_successes(network):
    return successes(network).filter(shared_at__isnull=True).order_by("happened_on", "pk")


def last_digest_at(network):
    event = (
        AuditEvent.objects.filter(network=network, action=DIGEST_AUDIT_ACTION)
        .order_by("-created_at", "-pk")
        .first()
    )
    return event.created_at if event else None


def upcoming_meetings(network, *, limit: int = UPCOMING_MEETINGS):
    return list(
        Meeting.objects.filter(network=network, starts_at__gte=timezone.now()).order_by(
            "starts_at", "pk"
        )[:limit]
    )


@dataclass
class Digest:
    since: date
    last_sent: datetime | None = None
    successes: list = field(default_factory=list)
    done_actions: list = field(default_factory=list)
    meetings: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing new: upcoming meetings alone are no reason to send a digest."""
        return not (self.successes or self.done_actions)


def digest(network, *, today: date | None = None) -> Digest:
    """What the next news digest contains: successes not yet shared, actions done since the
    last digest (or the last 30 days), and the next meetings."""
    today = today or timezone.localdate()
    last = last_digest_at(network)
    since = timezone.localdate(last) if last else today - timedelta(days=FIRST_DIGEST_DAYS)
    done = (
        _actions()
        .filter(network=network, status=ActionStatus.DONE, completed_on__gte=since)
        .order_by("-completed_on", "pk")
    )
    return Digest(
        since=since,
        last_sent=last,
        successes=list(unshared_successes(network)),
        done_actions=list(done),
        meetings=upcoming_meetings(network),
    )


def current_member_count(network) -> int:
    return Membership.objects.filter(network=network, ended_at__isnull=True).count()
