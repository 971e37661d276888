"""Who may see a client: the ONE place where that is decided.

A user sees a client when their membership of the client's network is current and
  - they recorded the client, or
  - they are on the client's care team AND an active consent (not withdrawn, not superseded,
    begun and not expired) names their membership's organisation.
Everyone else — coordinators not on the team included — gets a 404, the same answer as for a
client that does not exist, so nothing hints that the client is known.

Who may change the team (remove a member, hand on the coordinating contact) is decided here too.
"""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.networks import roles

from .models import CareTeamMember, Client, Consent


def active_consents(network, day=None):
    """Consents in force on `day` (default today)."""
    day = day or timezone.localdate()
    return Consent.objects.filter(
        network=network,
        withdrawn_at__isnull=True,
        superseded_by__isnull=True,
        given_at__lte=day,
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


def _current(membership, network) -> bool:
    return (
        membership is not None
        and membership.ended_at is None
        and membership.network_id == network.pk
    )


def visible_clients(network, membership, day=None):
    """The clients this membership may see (on `day`, default today), as a queryset (ordered
    by name)."""
    if not _current(membership, network):
        return Client.objects.none()
    return clients_visible_to(
        network, membership.pk, membership.user_id, membership.organisation_id, day
    )


def clients_visible_to(network, membership_id, user_id, organisation_id, day=None):
    """`visible_clients` by ids, for a query compiled once (core.statements); the caller has
    checked that the membership is current. Recorded by the user, or: on the client's care team
    and the user's organisation covered by a consent in force on `day`."""
    on_team = CareTeamMember.objects.filter(client=OuterRef("pk"), membership_id=membership_id)
    if organisation_id is None:
        covered = Q(pk__in=[])
    else:
        consent = active_consents(network, day).filter(
            client=OuterRef("pk"), organisations=organisation_id
        )
        covered = Exists(on_team) & Exists(consent)
    return (
        Client.objects.filter(network=network)
        .filter(Q(recorded_by=user_id) | covered)
        .order_by("name", "pk")
    )


def may_see_clients(membership, network) -> bool:
    """Only a current membership of this network sees clients at all."""
    return _current(membership, network)


def grounding_consent(client, membership):
    """The active consent that lets this membership see the client (newest first), or None."""
    if membership.organisation_id is None:
        return None
    return (
        active_consents(client.network)
        .filter(client=client, organisations=membership.organisation_id)
        .order_by("-given_at", "-pk")
        .first()
    )


def client_access(network, membership, client_uuid):
    """(client, consent) when this membership may see the client, else Http404.

    `consent` is the consent that grounds the access (None when the viewer recorded the client
    and no consent covers them): the access log stores it as the ground.
    """
    if not _current(membership, network):
        raise Http404
    client = Client.objects.filter(network=network, uuid=client_uuid).first()
    if client is None:
        raise Http404
    client.network = network
    consent = grounding_consent(client, membership)
    if client.recorded_by_id == membership.user_id:
        return client, consent
    on_team = CareTeamMember.objects.filter(client=client, membership=membership).exists()
    if on_team and consent is not None:
        return client, consent
    raise Http404


def can_see(client, membership) -> bool:
    """Whoever recorded the client, or a team member whose organisation an active consent
    names (see client_access); everyone else, coordinators included, does not."""
    try:
        client_access(client.network, membership, client.uuid)
    except Http404:
        return False
    return True


def is_coordinating_contact(client, membership) -> bool:
    """The team member marked as the client's coordinating contact (aanspreekpunt)."""
    return CareTeamMember.objects.filter(
        client=client, membership=membership, is_coordinating_contact=True
    ).exists()


def may_lead_team(client, membership) -> bool:
    """Who decides about the team of a client: whoever recorded the client or the coordinating
    contact. They may remove other members and hand the coordinating contact on."""
    return client.recorded_by_id == membership.user_id or is_coordinating_contact(
        client, membership
    )


def may_remove_team_member(client, membership, member) -> bool:
    """Oneself always; someone else only as the recorder or the coordinating contact."""
    if member.client_id != client.pk:
        return False
    return member.membership_id == membership.pk or may_lead_team(client, membership)


def team_removal_refusal(client, membership, member) -> str:
    """Why this membership may not remove `member` from the client's team ("" when it may).

    - a member may always leave the team themselves;
    - removing someone else needs whoever recorded the client or the coordinating contact;
    - the coordinating contact cannot be removed (not even by themselves) while other members
      remain: first make another member the coordinating contact.
    The view has already checked that the membership may see the client.
    """
    if not may_remove_team_member(client, membership, member):
        return _(
            "Alleen wie de cliënt heeft vastgelegd of het aanspreekpunt mag iemand anders uit "
            "het team halen. Je kunt jezelf wel uit het team halen."
        )
    if (
        member.is_coordinating_contact
        and CareTeamMember.objects.filter(client=client).exclude(pk=member.pk).exists()
    ):
        return _(
            "Het aanspreekpunt kan niet uit het team worden gehaald. Maak eerst een ander "
            "teamlid aanspreekpunt."
        )
    return ""


def may_erase(client, membership) -> bool:
    """Erasure (on the resident's request) by whoever recorded the client or the coordinating
    contact; the view has already checked that the membership may see the client."""
    return may_lead_team(client, membership)


def may_record_clients(membership, network) -> bool:
    """Recording a new client: a current member of the network whose role works on cases."""
    return _current(membership, network) and membership.can(roles.WORK_ON_CASES)


def may_publish_consent_text(membership, network) -> bool:
    """A new wording of the consent text: whoever may edit the network (the coordinators)."""
    return (
        membership is not None
        and membership.network_id == network.pk
        and membership.can(roles.EDIT_NETWORK)
    )
