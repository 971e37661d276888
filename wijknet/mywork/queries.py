"""Reads for "Mijn werk": what waits for one member, each list one query and bounded.

Every list takes `limit` and fetches one row more, so the page can say "alle …" without a
count query. Which lists a member gets is decided by the view from their permissions and the
apps' access policies; these functions only read what is theirs.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from wijknet.actions.models import Action
from wijknet.actions.queries import OPEN_STATUSES
from wijknet.agreements.models import FundingSource
from wijknet.agreements.queries import OUTLOOK_MONTHS, add_months
from wijknet.casework import queries as casework_queries
from wijknet.meetings.models import Meeting
from wijknet.offers import access as offers_access
from wijknet.offers import queries as offer_queries
from wijknet.referrals import queries as referral_queries
from wijknet.scans import queries as scan_queries
from wijknet.scans import services as scan_services
from wijknet.scans.models import ScanInvitation
from wijknet.volunteering import queries as volunteering_queries
from wijknet.volunteering.models import Audience, HelpRequest, Match, MatchStatus, RequestStatus

LIMIT = 5
# "Terugkoppeling op mijn verwijzingen": a status change of a sent referral this recent.
FEEDBACK_DAYS = 14
# Encrypted personal fields the page never shows: not loaded, so not decrypted (each costs a
# Fernet decryption per row) and never at hand in a template by accident.
REFERRAL_SECRETS = ("resident_contact", "reason", "goals")
REQUEST_SECRETS = ("seeker_name", "seeker_contact", "description")
FOLLOWUP_SECRETS = (
    "remark",
    "match__volunteer__contact",
    *(f"match__request__{name}" for name in REQUEST_SECRETS),
)


@dataclass
class Bounded:
    """At most `limit` items, and whether there are more (then the page links to "alle …")."""

    items: list = field(default_factory=list)
    more: bool = False

    def __bool__(self):
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def bounded(queryset, limit: int = LIMIT) -> Bounded:
    rows = list(queryset[: limit + 1])
    return Bounded(items=rows[:limit], more=len(rows) > limit)


def my_actions(network, user, *, today: date | None = None, limit: int = LIMIT) -> Bounded:
    """Open or running actions this person owns, overdue first, then by due date (no date
    last). Each carries `overdue`."""
    today = today or timezone.localdate()
    rows = bounded(
        Action.objects.filter(network=network, owner=user, status__in=OPEN_STATUSES)
        .select_related("goal")
        .order_by(F("due_on").asc(nulls_last=True), "pk"),
        limit,
    )
    for action in rows:
        action.overdue = action.due_on is not None and action.due_on < today
    return rows


def my_open_scans(network, user, *, today: date | None = None, limit: int = LIMIT) -> Bounded:
    """Scan rounds open today that invited this person and that they have not answered yet,
    the one closing first on top."""
    today = today or timezone.localdate()
    return bounded(
        ScanInvitation.objects.filter(
            network=network,
            user=user,
            submitted_at__isnull=True,
            round__closed_at__isnull=True,
            round__opens_on__lte=today,
            round__closes_on__gte=today,
        )
        .select_related("round")
        .order_by("round__closes_on", "round__pk"),
        limit,
    )


def incoming_referrals(network, membership, *, limit: int = LIMIT) -> Bounded:
    """Open referrals to the member's own organisation (the receiver keeps the status up to
    date), oldest waiting first."""
    if referral_queries.TAB_INCOMING not in referral_queries.tabs_for(membership):
        return Bounded()
    return bounded(
        referral_queries.referrals(
            network, membership, tab=referral_queries.TAB_INCOMING, status="open"
        )
        .defer(*REFERRAL_SECRETS)
        .order_by("created_at", "pk"),
        limit,
    )


def referral_feedback(network, membership, *, now=None, limit: int = LIMIT) -> Bounded:
    """The member's own referrals whose status changed in the last FEEDBACK_DAYS days: the
    receiver's feedback to read, most recent referral first."""
    now = now or timezone.now()
    since = now - timedelta(days=FEEDBACK_DAYS)
    changed = (
        Q(contact_at__gte=since)
        | Q(intake_at__gte=since)
        | Q(started_at__gte=since)
        | Q(active_3m_at__gte=since)
        | Q(ended_at__gte=since)
    )
    return bounded(
        referral_queries.referrals(network, membership, tab=referral_queries.TAB_SENT)
        .filter(changed)
        .defer(*REFERRAL_SECRETS),
        limit,
    )


def proposed_matches(network, user, *, limit: int = LIMIT) -> Bounded:
    """Matches proposed to this person as a volunteer: they say yes or no."""
    return bounded(
        Match.objects.filter(network=network, volunteer__user=user, status=MatchStatus.VOORGESTELD)
        .select_related("request")
        .defer(*(f"request__{name}" for name in REQUEST_SECRETS))
        .order_by("proposed_at", "pk"),
        limit,
    )


def my_followups(network, user, *, limit: int = LIMIT) -> Bounded:
    """ "Gaat het goed?" questions put to this person and not answered yet."""
    return bounded(
        volunteering_queries.followups_for(network, user).defer(*FOLLOWUP_SECRETS), limit
    )


def followups_to_phone(network, *, limit: int = LIMIT) -> Bounded:
    """For the coordinators: follow-up questions asked of someone without an account, so the
    coordinator phones and records the answer (the same ones jobs.send_due_followups tells
    them about)."""
    without_account = Q(audience=Audience.VRIJWILLIGER, match__volunteer__user__isnull=True) | Q(
        audience=Audience.HULPVRAGER, match__request__seeker_user__isnull=True
    )
    return bounded(
        volunteering_queries.open_followups(network)
        .filter(without_account)
        .defer(*FOLLOWUP_SECRETS),
        limit,
    )


def requests_to_match(network, *, limit: int = LIMIT) -> Bounded:
    """For the coordinators: open help requests without a running or proposed match, oldest
    first."""
    active = Match.objects.filter(
        request=OuterRef("pk"),
        status__in=[MatchStatus.VOORGESTELD, MatchStatus.AKKOORD, MatchStatus.LOPEND],
    )
    return bounded(
        HelpRequest.objects.filter(network=network, status=RequestStatus.OPEN)
        .exclude(Exists(active))
        .defer(*REQUEST_SECRETS)
        .order_by("created_at", "pk"),
        limit,
    )


def my_next_meetings(network, membership, *, now=None, limit: int = 3) -> Bounded:
    """The next meetings this member is part of: they chair it, or their organisation's
    partner is invited. A member without an organisation (a resident, a volunteer) sees the
    network's open meetings (network meetings and residents' meetings)."""
    now = now or timezone.now()
    mine = Q(chair_id=membership.user_id)
    if membership.organisation_id is not None:
        invited = Meeting.invited_partners.through.objects.filter(
            meeting_id=OuterRef("pk"), partner__organisation_id=membership.organisation_id
        )
        mine |= Q(Exists(invited))
    else:
        mine |= Q(kind__in=["network", "residents"])
    return bounded(
        Meeting.objects.filter(network=network, starts_at__gt=now)
        .filter(mine)
        .order_by("starts_at", "pk"),
        limit,
    )


def funding_ending(network, *, today: date | None = None, limit: int = LIMIT) -> Bounded:
    """Temporary funding that ends within the outlook horizon (six months), soonest first: the
    same sources agreements.jobs notifies about."""
    today = today or timezone.localdate()
    return bounded(
        FundingSource.objects.filter(
            network=network,
            structural=False,
            ends_on__gte=today,
            ends_on__lte=add_months(today, OUTLOOK_MONTHS),
        ).order_by("ends_on", "name", "pk"),
        limit,
    )


def offers_to_confirm(network, membership, *, limit: int = LIMIT) -> Bounded | None:
    """Active offers on the social map not confirmed for a long time that this member may
    confirm: every provider's for the partner editors, their own organisation's for a network
    partner (offers.jobs asks the providers to confirm them). None when they may confirm none."""
    if offers_access.can_edit_any(membership):
        stale = offer_queries.stale_offers(network)
    elif offers_access.may_edit_own_organisation(membership):
        stale = offer_queries.stale_offers(network).filter(
            provider__organisation_id=membership.organisation_id
        )
    else:
        return None
    return bounded(stale, limit)


def planned_scans(network, *, today: date | None = None, limit: int = LIMIT) -> Bounded:
    """Re-measurements (T1/T2) due within a month or overdue and not opened yet, soonest
    first: the same ones scans.jobs reminds the kartrekker of."""
    today = today or timezone.localdate()
    return bounded(
        scan_queries.planned_due_within(network, today, scan_services.REMIND_DAYS_BEFORE), limit
    )


def remeasurements_due(network, membership, *, today: date | None = None) -> int:
    """How many of the member's clients are due for a new Positive Health measurement (their
    plan's evaluation date has passed). A number, never names: the client list (behind its own
    access checks and log) marks which ones."""
    return casework_queries.remeasurement_due(network, membership, today).count()
