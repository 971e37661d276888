"""Reads for meetings, with their prefetching written out. The health monitor reads
`attendance_history` and `recent_reflections`."""

from typing import NamedTuple

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_scopes import scopes_disabled

from wijknet.networks.models import Partner

from .models import Attendance, CalendarFeed, Decision, Meeting, Reflection


def _count_per_meeting(queryset):
    """Rows of `queryset` per meeting, as a subquery (no joins that multiply each other)."""
    counted = (
        queryset.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _listed(network):
    attendance = Attendance.objects.filter(network=network)
    return (
        Meeting.objects.filter(network=network)
        .select_related("chair", "reflection")
        .annotate(
            invited_count=_count_per_meeting(Meeting.invited_partners.through.objects.all()),
            present_count=_count_per_meeting(attendance.filter(present=True)),
            recorded_count=_count_per_meeting(attendance),
            decision_count=_count_per_meeting(Decision.objects.filter(network=network)),
        )
    )


def upcoming_meetings(network, *, now=None):
    """Meetings that have not started yet, soonest first."""
    now = now or timezone.now()
    return _listed(network).filter(starts_at__gt=now).order_by("starts_at", "pk")


def past_meetings(network, *, now=None):
    """Meetings that have started, most recent first."""
    now = now or timezone.now()
    return _listed(network).filter(starts_at__lte=now).order_by("-starts_at", "-pk")


def _has_actions() -> bool:
    """The `actions` app adds `Action.meeting` (related name `actions`) when it is installed."""
    return any(f.name == "actions" for f in Meeting._meta.get_fields())


def get_meeting(network, meeting_uuid) -> Meeting:
    """One meeting of this network (404 for another network's), without its details."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("chair"), network=network, uuid=meeting_uuid
    )
    meeting.network = network
    return meeting


def meeting_detail(network, meeting_uuid) -> Meeting:
    """One meeting with everything its page shows, in a fixed number of queries."""
    prefetches = [
        Prefetch(
            "invited_partners",
            queryset=Partner.objects.select_related("organisation").order_by(
                "organisation__name", "pk"
            ),
        ),
        Prefetch("attendance", queryset=Attendance.objects.order_by("pk")),
        Prefetch("decisions", queryset=Decision.objects.order_by("pk")),
    ]
    if _has_actions():
        from django.apps import apps

        action_model = apps.get_model("actions", "Action")
        prefetches.append(
            Prefetch(
                "actions",
                queryset=action_model.objects.select_related(
                    "owner", "owner_partner__organisation"
                ).order_by("due_on", "pk"),
            )
        )
    meeting = get_object_or_404(
        Meeting.objects.select_related("chair", "reflection").prefetch_related(*prefetches),
        network=network,
        uuid=meeting_uuid,
    )
    meeting.network = network
    present = {a.partner_id: a.present for a in meeting.attendance.all()}
    meeting.partner_rows = [(p, present.get(p.pk)) for p in meeting.invited_partners.all()]
    meeting.action_list = list(meeting.actions.all()) if _has_actions() else []
    return meeting


def get_decision(meeting, decision_id) -> Decision:
    decision = get_object_or_404(Decision, network=meeting.network, meeting=meeting, pk=decision_id)
    decision.meeting = meeting
    return decision


def meetings_with_decisions(network):
    """Every meeting with its decisions (the API's list), most recent first."""
    return (
        Meeting.objects.filter(network=network)
        .select_related("chair")
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.order_by("pk")))
        .order_by("-starts_at", "-pk")
    )


def all_meetings(network):
    """Every meeting of the network for the calendar feed, oldest first."""
    return Meeting.objects.filter(network=network).order_by("starts_at", "pk")


# Calendar feed -----------------------------------------------------------------------------


def feed_of(network) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(network=network).order_by("pk").first()


def feed_by_token(token: str) -> CalendarFeed | None:
    """The feed behind a secret address. The address is the only credential, so this runs
    outside any network scope, filtered on the token."""
    with scopes_disabled():
        return CalendarFeed.objects.select_related("network").filter(token=token).first()


# For the health monitor --------------------------------------------------------------------


def _recorded_meeting_ids(network, last: int, now=None) -> list[int]:
    """Ids of the last `last` meetings that have started and have attendance recorded,
    oldest first."""
    now = now or timezone.now()
    recorded = Attendance.objects.filter(network=network, meeting=OuterRef("pk"))
    ids = list(
        Meeting.objects.filter(network=network, starts_at__lte=now)
        .filter(Exists(recorded))
        .order_by("-starts_at", "-pk")
        .values_list("pk", flat=True)[:last]
    )
    ids.reverse()
    return ids


def attendance_history(network, last: int = 6, *, now=None) -> dict[int, list[bool]]:
    """Per partner id: present (True) or absent (False) at each of the last `last` meetings
    where attendance was recorded and the partner was invited (or recorded), oldest first.

    Meetings without any attendance recorded are left out, so forgetting to fill in attendance
    does not look like partners fading away (seed 003 tip 9). Three queries, any size.
    """
    ids = _recorded_meeting_ids(network, last, now)
    if not ids:
        return {}
    expected: dict[int, set[int]] = {pk: set() for pk in ids}
    present: set[tuple[int, int]] = set()
    through = Meeting.invited_partners.through
    for meeting_id, partner_id in through.objects.filter(meeting_id__in=ids).values_list(
        "meeting_id", "partner_id"
    ):
        expected[meeting_id].add(partner_id)
    for meeting_id, partner_id, was_there in Attendance.objects.filter(
        network=network, meeting_id__in=ids
    ).values_list("meeting_id", "partner_id", "present"):
        expected[meeting_id].add(partner_id)
        if was_there:
            present.add((meeting_id, partner_id))
    history: dict[int, list[bool]] = {}
    for meeting_id in ids:
        for partner_id in sorted(expected[meeting_id]):
            history.setdefault(partner_id, []).append((meeting_id, partner_id) in present)
    return history


class MeetingReflection(NamedTuple):
    meeting: Meeting
    reflection: Reflection | None


def recent_reflections(network, last: int = 5, *, now=None) -> list[MeetingReflection]:
    """The last `last` meetings that have started, newest first, each with its reflection or
    None (seed 003 tip 7: reflect at the end of every meeting). One query."""
    now = now or timezone.now()
    meetings = (
        Meeting.objects.filter(network=network, starts_at__lte=now)
        .select_related("reflection")
        .order_by("-starts_at", "-pk")[:last]
    )
    rows = []
    for meeting in meetings:
        try:
            reflection = meeting.reflection
        except Reflection.DoesNotExist:
            reflection = None
        rows.append(MeetingReflection(meeting, reflection))
    return rows
