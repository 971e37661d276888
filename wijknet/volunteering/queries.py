"""Reads for volunteering: who sees which help request and match, candidates for the ranking,
the matches overview, "Mijn inzet" and the hours report.

Visibility: members with MANAGE_VOLUNTEERING (the coordinators, the dorpsondersteuner) see
everything of their network. Anyone else sees only what they are part of: requests they
submitted or are the help-seeker of, and requests they are matched to as a volunteer — never
another volunteer's help-seekers.
"""

from decimal import Decimal

from django.db.models import Count, Exists, FloatField, OuterRef, Q, Sum
from django.db.models.functions import Cast, TruncMonth

from wijknet.networks.models import Membership

from . import access, matching
from .models import (
    ACTIVE_MATCH,
    FollowUp,
    HelpRequest,
    HoursEntry,
    Match,
    MatchStatus,
    VolunteerProfile,
)


def request_list(network, user, membership, *, status="", kind=""):
    qs = access.visible_requests(network, user, membership).annotate(
        open_matches=Count("matches", filter=Q(matches__status__in=ACTIVE_MATCH))
    )
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def request_matches(help_request, user, membership):
    """The matches of a request this person may see: all for coordinators and the requester,
    only their own for a volunteer."""
    qs = help_request.matches.select_related("volunteer").order_by("-proposed_at", "-pk")
    if access.can_manage(membership) or access.is_requester(user, help_request):
        return qs
    return qs.filter(volunteer__user=user)


def signal_exists():
    return Exists(FollowUp.objects.filter(match=OuterRef("pk"), signalled=True))


def match_overview(network, *, status="", signals_only=False):
    """All matches of the network for the coordinator, with a flag for a 'niet goed' answer."""
    qs = (
        Match.objects.filter(network=network)
        .select_related("request", "volunteer")
        .annotate(has_signal=signal_exists())
    )
    if status:
        qs = qs.filter(status=status)
    if signals_only:
        qs = qs.filter(has_signal=True)
    return qs.order_by("-proposed_at", "-pk")


def status_counts(network) -> dict[str, int]:
    rows = (
        Match.objects.filter(network=network)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("status")
    )
    counts = {value: 0 for value in MatchStatus.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def volunteer_list(network, *, include_inactive=False):
    qs = (
        VolunteerProfile.objects.filter(network=network)
        .select_related("user")
        .annotate(load=Count("matches", filter=Q(matches__status__in=ACTIVE_MATCH)))
    )
    if not include_inactive:
        qs = qs.filter(active=True)
    return qs.order_by("name", "pk")


def own_profile(network, user) -> VolunteerProfile | None:
    return (
        VolunteerProfile.objects.filter(network=network, user=user).order_by("pk").first()
        if user.is_authenticated
        else None
    )


def _float(value):
    return None if value is None else float(value)


def candidates(network, help_request, *, only=None) -> list[matching.Candidate]:
    """Every active volunteer of the network except the help-seeker themselves, with their
    current load and whether they were already proposed for this request: two queries.
    `only`: just this volunteer (the reasons stored with a proposal)."""
    qs = VolunteerProfile.objects.filter(network=network, active=True)
    if only is not None:
        qs = qs.filter(pk=only.pk)
    if help_request.seeker_user_id is not None:
        qs = qs.exclude(user_id=help_request.seeker_user_id)
    # Who is already proposed for this request: a handful of ids, one small query (cheaper
    # than an EXISTS per volunteer).
    proposed = set(
        Match.objects.filter(request=help_request, status__in=ACTIVE_MATCH).values_list(
            "volunteer_id", flat=True
        )
    )
    rows = (
        qs.annotate(
            load=Count("matches", filter=Q(matches__status__in=ACTIVE_MATCH)),
            # Floats straight from the database: no Decimal conversion for every row.
            lat=Cast("latitude", FloatField()),
            lon=Cast("longitude", FloatField()),
        )
        .values_list(
            "pk",
            "name",
            "kinds",
            "place",
            "postcode",
            "lat",
            "lon",
            "availability",
            "max_matches",
            "load",
        )
        .order_by("pk")
    )
    Candidate = matching.Candidate
    return [
        Candidate(
            pk, name, kinds or [], place, code, lat, lon, avail or [], most, load, pk in proposed
        )
        for pk, name, kinds, place, code, lat, lon, avail, most, load in rows
    ]


def with_uuids(network, ranked):
    """Fill in the uuids (for links and buttons) of the candidates that are shown: one query,
    so the ranking itself need not convert 5,000 of them."""
    uuids = dict(
        VolunteerProfile.objects.filter(
            network=network, pk__in=[r.candidate.pk for r in ranked]
        ).values_list("pk", "uuid")
    )
    for r in ranked:
        r.candidate.uuid = uuids.get(r.candidate.pk)
    return ranked


def request_facts(help_request) -> matching.RequestFacts:
    return matching.RequestFacts(
        kind=help_request.kind,
        place=help_request.place,
        postcode=help_request.postcode,
        latitude=_float(help_request.latitude),
        longitude=_float(help_request.longitude),
        day_parts=tuple(help_request.day_parts or ()),
    )


def ranking(network, help_request, *, only=None) -> list[matching.Ranked]:
    return matching.rank(request_facts(help_request), candidates(network, help_request, only=only))


def coordinators(network) -> list:
    """Who hears about follow-ups and signals: the network's coordinators (the
    dorpsondersteuner); without any, the core group."""
    memberships = list(
        Membership.objects.filter(
            network=network, ended_at__isnull=True, role__in=["coordinator", "core"]
        )
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    first = [m.user for m in memberships if m.role == "coordinator"]
    return first or [m.user for m in memberships]


def followups_for(network, user):
    """Follow-up questions put to this user and not answered yet."""
    return (
        FollowUp.objects.filter(network=network, sent_at__isnull=False, answered_at__isnull=True)
        .filter(
            Q(audience="vrijwilliger", match__volunteer__user=user)
            | Q(audience="hulpvrager", match__request__seeker_user=user)
        )
        .select_related("match__request", "match__volunteer")
        .order_by("due_on", "pk")
    )


def open_followups(network):
    """Follow-up questions that were asked (or are due) and not answered yet, for the
    coordinator's overview: whom to phone."""
    return (
        FollowUp.objects.filter(
            network=network,
            sent_at__isnull=False,
            answered_at__isnull=True,
            match__status=MatchStatus.LOPEND,
        )
        .select_related("match__request", "match__volunteer")
        .order_by("due_on", "pk")
    )


def my_requests(network, user):
    return (
        HelpRequest.objects.filter(network=network)
        .filter(Q(submitted_by=user) | Q(seeker_user=user))
        .order_by("-created_at", "-pk")
    )


def my_matches(network, profile):
    if profile is None:
        return Match.objects.none()
    return (
        Match.objects.filter(network=network, volunteer=profile)
        .select_related("request")
        .order_by("-proposed_at", "-pk")
    )


def hours_of(network, profile):
    return (
        HoursEntry.objects.filter(network=network, volunteer=profile)
        .select_related("match__request")
        .order_by("-date", "-pk")
    )


def hours_total(network, profile) -> Decimal:
    if profile is None:
        return Decimal(0)
    total = HoursEntry.objects.filter(network=network, volunteer=profile).aggregate(
        total=Sum("hours")
    )["total"]
    return total or Decimal(0)


def _hours_in(network, start=None, end=None):
    qs = HoursEntry.objects.filter(network=network)
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    return qs


def hours_report(network, start=None, end=None) -> dict:
    """Hours per volunteer, per kind of help and per month, in three grouped queries."""
    qs = _hours_in(network, start, end)
    per_volunteer = list(
        qs.values("volunteer__pk", "volunteer__uuid", "volunteer__name")
        .annotate(hours=Sum("hours"), entries=Count("pk"))
        .order_by("volunteer__name", "volunteer__pk")
    )
    per_kind = list(qs.values("kind").annotate(hours=Sum("hours")).order_by("kind"))
    per_month = list(
        qs.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(hours=Sum("hours"))
        .order_by("month")
    )
    total = sum((row["hours"] for row in per_kind), Decimal(0))
    return {
        "per_volunteer": per_volunteer,
        "per_kind": per_kind,
        "per_month": per_month,
        "total": total,
    }


def hours_rows(network, start=None, end=None):
    """Hours per volunteer, kind and month: the rows of the CSV export."""
    return list(
        _hours_in(network, start, end)
        .annotate(month=TruncMonth("date"))
        .values("volunteer__name", "volunteer__pk", "kind", "month")
        .annotate(hours=Sum("hours"), entries=Count("pk"))
        .order_by("volunteer__name", "volunteer__pk", "month", "kind")
    )
