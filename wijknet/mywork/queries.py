"""Reads for "Mijn werk": what waits for one member, each list one query and bounded.

Every list takes `limit` and fetches one row more, so the page can say "alle …" without a
count query. Which lists a member gets is decided by the view from their permissions and the
apps' access policies; these functions only read what is theirs.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from wijknet.actions.models import Action
from wijknet.actions.queries import OPEN_STATUSES
from wijknet.agreements.models import FundingSource
from wijknet.agreements.queries import OUTLOOK_MONTHS, add_months
from wijknet.casework import queries as casework_queries
from wijknet.core.statements import Statement
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
# Each list loads only the columns the page shows (`only`). Building and reading the full rows
# of a list and of everything joined to it was most of this page's cost (a referral brings its
# offer, partner, organisations and referrer: 90 columns for a title and two names). It also
# means the encrypted personal fields are never loaded, so never decrypted (a Fernet decryption
# each) and never at hand in a template by accident. A field the template reads and the list
# does not load costs a query per row: test_query_count_is_flat catches that.
REFERRAL_SHOWN = (
    "uuid",
    "status",
    "created_at",
    "offer__title",
    "receiving_partner__organisation__name",
    "referrer_organisation__name",
)
FOLLOWUP_SHOWN = ("uuid", "week", "match__request__kind")


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


def bounded(rows: list, limit: int = LIMIT) -> Bounded:
    """`rows` fetched with one more than `limit` (see `_first`)."""
    return Bounded(items=rows[:limit], more=len(rows) > limit)


def _first(queryset, limit):
    return queryset[: limit + 1]


# Each list is a Statement: the ORM builds and compiles its SQL once per process, and each
# request only runs it with the member's ids and today's date (core/statements.py says why and
# which rules a build keeps). A build takes ids, never model instances, so nothing of one
# request stays in the compiled query.
@dataclass(frozen=True)
class _Member:
    """What the apps' list queries read of a membership, as stand-ins for a build."""

    user_id: int
    organisation_id: int | None


def _actions(network_id, user_id, limit):
    return _first(
        Action.objects.filter(network_id=network_id, owner_id=user_id, status__in=OPEN_STATUSES)
        .select_related("goal")
        .only("uuid", "title", "due_on", "goal__title")
        .order_by(F("due_on").asc(nulls_last=True), "pk"),
        limit,
    )


_ACTIONS = Statement(_actions, network_id=int, user_id=int)


def my_actions(network, user, *, today: date | None = None, limit: int = LIMIT) -> Bounded:
    """Open or running actions this person owns, overdue first, then by due date (no date
    last). Each carries `overdue`."""
    today = today or timezone.localdate()
    rows = bounded(_ACTIONS(network_id=network.pk, user_id=user.pk, limit=limit), limit)
    for action in rows:
        action.overdue = action.due_on is not None and action.due_on < today
    return rows


def _open_scans(network_id, user_id, today, limit):
    return _first(
        ScanInvitation.objects.filter(
            network_id=network_id,
            user_id=user_id,
            submitted_at__isnull=True,
            round__closed_at__isnull=True,
            round__opens_on__lte=today,
            round__closes_on__gte=today,
        )
        .select_related("round")
        .only("round__uuid", "round__label", "round__closes_on")
        .order_by("round__closes_on", "round__pk"),
        limit,
    )


_OPEN_SCANS = Statement(_open_scans, network_id=int, user_id=int, today=date)


def my_open_scans(network, user, *, today: date | None = None, limit: int = LIMIT) -> Bounded:
    """Scan rounds open today that invited this person and that they have not answered yet,
    the one closing first on top."""
    today = today or timezone.localdate()
    rows = _OPEN_SCANS(network_id=network.pk, user_id=user.pk, today=today, limit=limit)
    return bounded(rows, limit)


def _incoming(network_id, organisation_id, limit):
    return _first(
        referral_queries.referrals(
            network_id,
            _Member(user_id=0, organisation_id=organisation_id),
            tab=referral_queries.TAB_INCOMING,
            status="open",
        )
        .select_related(None)
        .select_related("offer", "receiving_partner__organisation", "referrer_organisation")
        .only(*REFERRAL_SHOWN)
        .order_by("created_at", "pk"),
        limit,
    )


_INCOMING = Statement(_incoming, network_id=int, organisation_id=int)


def incoming_referrals(network, membership, *, limit: int = LIMIT) -> Bounded:
    """Open referrals to the member's own organisation (the receiver keeps the status up to
    date), oldest waiting first."""
    if referral_queries.TAB_INCOMING not in referral_queries.tabs_for(membership):
        return Bounded()
    rows = _INCOMING(network_id=network.pk, organisation_id=membership.organisation_id, limit=limit)
    return bounded(rows, limit)


def _feedback(network_id, user_id, since, limit):
    changed = (
        Q(contact_at__gte=since)
        | Q(intake_at__gte=since)
        | Q(started_at__gte=since)
        | Q(active_3m_at__gte=since)
        | Q(ended_at__gte=since)
    )
    return _first(
        referral_queries.referrals(
            network_id,
            _Member(user_id=user_id, organisation_id=None),
            tab=referral_queries.TAB_SENT,
        )
        .filter(changed)
        .select_related(None)
        .select_related("offer", "receiving_partner__organisation")
        .only(*REFERRAL_SHOWN[:-1]),
        limit,
    )


_FEEDBACK = Statement(_feedback, network_id=int, user_id=int, since=datetime)


def referral_feedback(network, membership, *, now=None, limit: int = LIMIT) -> Bounded:
    """The member's own referrals whose status changed in the last FEEDBACK_DAYS days: the
    receiver's feedback to read, most recent referral first."""
    since = (now or timezone.now()) - timedelta(days=FEEDBACK_DAYS)
    rows = _FEEDBACK(network_id=network.pk, user_id=membership.user_id, since=since, limit=limit)
    return bounded(rows, limit)


def _proposed_matches(network_id, user_id, limit):
    return _first(
        Match.objects.filter(
            network_id=network_id, volunteer__user_id=user_id, status=MatchStatus.VOORGESTELD
        )
        .select_related("request")
        .only("uuid", "request__kind", "request__place")
        .order_by("proposed_at", "pk"),
        limit,
    )


_PROPOSED_MATCHES = Statement(_proposed_matches, network_id=int, user_id=int)


def proposed_matches(network, user, *, limit: int = LIMIT) -> Bounded:
    """Matches proposed to this person as a volunteer: they say yes or no."""
    return bounded(_PROPOSED_MATCHES(network_id=network.pk, user_id=user.pk, limit=limit), limit)


def _followups(network_id, user_id, limit):
    return _first(
        volunteering_queries.followups_for(network_id, user_id)
        .select_related(None)
        .select_related("match__request")
        .only(*FOLLOWUP_SHOWN),
        limit,
    )


_FOLLOWUPS = Statement(_followups, network_id=int, user_id=int)


def my_followups(network, user, *, limit: int = LIMIT) -> Bounded:
    """ "Gaat het goed?" questions put to this person and not answered yet."""
    return bounded(_FOLLOWUPS(network_id=network.pk, user_id=user.pk, limit=limit), limit)


def _to_phone(network_id, limit):
    without_account = Q(audience=Audience.VRIJWILLIGER, match__volunteer__user__isnull=True) | Q(
        audience=Audience.HULPVRAGER, match__request__seeker_user__isnull=True
    )
    return _first(
        volunteering_queries.open_followups(network_id)
        .filter(without_account)
        .select_related(None)
        .select_related("match__request")
        .only(*FOLLOWUP_SHOWN),
        limit,
    )


_TO_PHONE = Statement(_to_phone, network_id=int)


def followups_to_phone(network, *, limit: int = LIMIT) -> Bounded:
    """For the coordinators: follow-up questions asked of someone without an account, so the
    coordinator phones and records the answer (the same ones jobs.send_due_followups tells
    them about)."""
    return bounded(_TO_PHONE(network_id=network.pk, limit=limit), limit)


def _to_match(network_id, limit):
    active = Match.objects.filter(
        request=OuterRef("pk"),
        status__in=[MatchStatus.VOORGESTELD, MatchStatus.AKKOORD, MatchStatus.LOPEND],
    )
    return _first(
        HelpRequest.objects.filter(network_id=network_id, status=RequestStatus.OPEN)
        .exclude(Exists(active))
        .only("uuid", "kind", "place", "created_at")
        .order_by("created_at", "pk"),
        limit,
    )


_TO_MATCH = Statement(_to_match, network_id=int)


def requests_to_match(network, *, limit: int = LIMIT) -> Bounded:
    """For the coordinators: open help requests without a running or proposed match, oldest
    first."""
    return bounded(_TO_MATCH(network_id=network.pk, limit=limit), limit)


def _next_meetings(network_id, user_id, organisation_id, now, in_organisation, limit):
    mine = Q(chair_id=user_id)
    if in_organisation:
        invited = Meeting.invited_partners.through.objects.filter(
            meeting_id=OuterRef("pk"), partner__organisation_id=organisation_id
        )
        mine |= Q(Exists(invited))
    else:
        mine |= Q(kind__in=["network", "residents"])
    return _first(
        Meeting.objects.filter(network_id=network_id, starts_at__gt=now)
        .filter(mine)
        .only("uuid", "title", "starts_at", "location")
        .order_by("starts_at", "pk"),
        limit,
    )


_NEXT_MEETINGS = Statement(
    _next_meetings, network_id=int, user_id=int, organisation_id=int, now=datetime
)


def my_next_meetings(network, membership, *, now=None, limit: int = 3) -> Bounded:
    """The next meetings this member is part of: they chair it, or their organisation's
    partner is invited. A member without an organisation (a resident, a volunteer) sees the
    network's open meetings (network meetings and residents' meetings)."""
    rows = _NEXT_MEETINGS(
        network_id=network.pk,
        user_id=membership.user_id,
        organisation_id=membership.organisation_id or 0,
        now=now or timezone.now(),
        in_organisation=membership.organisation_id is not None,
        limit=limit,
    )
    return bounded(rows, limit)


def _funding(network_id, today, until, limit):
    return _first(
        FundingSource.objects.filter(
            network_id=network_id, structural=False, ends_on__gte=today, ends_on__lte=until
        )
        .only("uuid", "name", "ends_on")
        .order_by("ends_on", "name", "pk"),
        limit,
    )


_FUNDING = Statement(_funding, network_id=int, today=date, until=date)


def funding_ending(network, *, today: date | None = None, limit: int = LIMIT) -> Bounded:
    """Temporary funding that ends within the outlook horizon (six months), soonest first: the
    same sources agreements.jobs notifies about."""
    today = today or timezone.localdate()
    rows = _FUNDING(
        network_id=network.pk, today=today, until=add_months(today, OUTLOOK_MONTHS), limit=limit
    )
    return bounded(rows, limit)


def _stale_offers(network_id, organisation_id, today, cutoff, own_organisation, limit):
    stale = offer_queries.stale_offers(network_id, today=today, cutoff=cutoff)
    if own_organisation:
        stale = stale.filter(provider__organisation_id=organisation_id)
    return _first(stale.only("uuid", "title", "provider__organisation__name"), limit)


_STALE_OFFERS = Statement(
    _stale_offers, network_id=int, organisation_id=int, today=date, cutoff=datetime
)


def offers_to_confirm(network, membership, *, limit: int = LIMIT) -> Bounded | None:
    """Active offers on the social map not confirmed for a long time that this member may
    confirm: every provider's for the partner editors, their own organisation's for a network
    partner (offers.jobs asks the providers to confirm them). None when they may confirm none."""
    if offers_access.can_edit_any(membership):
        own_organisation = False
    elif offers_access.may_edit_own_organisation(membership):
        own_organisation = True
    else:
        return None
    rows = _STALE_OFFERS(
        network_id=network.pk,
        organisation_id=membership.organisation_id or 0,
        today=timezone.localdate(),
        cutoff=offer_queries.stale_cutoff(),
        own_organisation=own_organisation,
        limit=limit,
    )
    return bounded(rows, limit)


def _planned_scans(network_id, until, limit):
    return _first(
        scan_queries.planned_rounds(network_id)
        .filter(due_on__lte=until)
        .only("label", "due_on", "source_round__label"),
        limit,
    )


_PLANNED_SCANS = Statement(_planned_scans, network_id=int, until=date)


def planned_scans(network, *, today: date | None = None, limit: int = LIMIT) -> Bounded:
    """Re-measurements (T1/T2) due within a month or overdue and not opened yet, soonest
    first: the same ones scans.jobs reminds the kartrekker of."""
    today = today or timezone.localdate()
    until = today + timedelta(days=scan_services.REMIND_DAYS_BEFORE)
    return bounded(_PLANNED_SCANS(network_id=network.pk, until=until, limit=limit), limit)


def remeasurements_due(network, membership, *, today: date | None = None) -> int:
    """How many of the member's clients are due for a new Positive Health measurement (their
    plan's evaluation date has passed). A number, never names: the client list (behind its own
    access checks and log) marks which ones."""
    return casework_queries.remeasurement_due_count(network, membership, today)
