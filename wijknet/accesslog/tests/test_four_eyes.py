"""Appointing a privacy officer needs two coordinators (decision 2 of issue 11, docs/privacy.md):
one proposes, a DIFFERENT coordinator — not the proposer, not the appointee — confirms; both
steps audited and visible; a network with one coordinator cannot appoint."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory
from wijknet.accesslog import services
from wijknet.accesslog.models import OfficerAppointment
from wijknet.core.models import AuditEvent
from wijknet.networks.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unscoped():
    """The services find what they need across the scope themselves; the tests read freely."""
    with scopes_disabled():
        yield


@pytest.fixture
def coordinators(network, members):
    """Three coordinators: A (the persona), B and C."""
    a = Membership.objects.get(user=members["coordinator"])
    b = MembershipFactory(network=network, role="coordinator", user__full_name="Bea Twee")
    c = MembershipFactory(network=network, role="coordinator", user__full_name="Cor Drie")
    return a, b, c


@pytest.fixture
def partner(network, members):
    return Membership.objects.get(user=members["partner"])


def _reload(membership):
    with scopes_disabled():
        return Membership.objects.get(pk=membership.pk)


def _audit(network):
    with scope(network=network):
        return list(
            AuditEvent.objects.filter(action__startswith="membership.privacy_officer")
            .order_by("created_at", "id")
            .values_list("action", "actor__full_name")
        )


def test_a_proposal_alone_appoints_nobody(coordinators, partner, network):
    a, _b, _c = coordinators
    appointment = services.privacy_officer_propose(acting_user=a.user, membership=partner)
    assert appointment.is_open
    assert appointment.proposed_by == a.user
    assert not _reload(partner).is_privacy_officer
    assert _audit(network) == [("membership.privacy_officer_proposed", a.user.full_name)]


def test_another_coordinator_confirms(coordinators, partner, network):
    a, b, _c = coordinators
    appointment = services.privacy_officer_propose(acting_user=a.user, membership=partner)
    services.privacy_officer_decide(acting_user=b.user, appointment=appointment, confirm=True)
    assert _reload(partner).is_privacy_officer
    with scopes_disabled():
        appointment.refresh_from_db()
    assert (appointment.outcome, appointment.decided_by) == ("confirmed", b.user)
    assert _audit(network) == [
        ("membership.privacy_officer_proposed", a.user.full_name),
        ("membership.privacy_officer_confirmed", b.user.full_name),
    ]


def test_the_proposer_cannot_confirm(coordinators, partner):
    a, _b, _c = coordinators
    appointment = services.privacy_officer_propose(acting_user=a.user, membership=partner)
    with pytest.raises(ValidationError) as error:
        services.privacy_officer_decide(acting_user=a.user, appointment=appointment, confirm=True)
    assert error.value.messages == [
        "Je kunt je eigen voorstel niet bevestigen: een andere coördinator moet dat doen "
        "(vier ogen)."
    ]
    assert not _reload(partner).is_privacy_officer


def test_a_coordinator_cannot_confirm_their_own_appointment(coordinators, network):
    a, b, _c = coordinators
    # A proposes B; B may not confirm; C may.
    appointment = services.privacy_officer_propose(acting_user=a.user, membership=b)
    with pytest.raises(ValidationError) as error:
        services.privacy_officer_decide(acting_user=b.user, appointment=appointment, confirm=True)
    assert error.value.messages == [
        "Je kunt je eigen aanwijzing niet bevestigen: een andere coördinator moet dat doen "
        "(vier ogen)."
    ]
    assert not _reload(b).is_privacy_officer


def test_a_coordinator_may_propose_themselves_and_another_confirms(coordinators):
    a, b, _c = coordinators
    appointment = services.privacy_officer_propose(acting_user=a.user, membership=a)
    with pytest.raises(ValidationError):
        services.privacy_officer_decide(acting_user=a.user, appointment=appointment, confirm=True)
    services.privacy_officer_decide(acting_user=b.user, appointment=appointment, confirm=True)
    assert _reload(a).is_privacy_officer


def test_a_network_with_one_coordinator_cannot_appoint(network, members, partner):
    only = Membership.objects.get(user=members["coordinator"])
    with pytest.raises(ValidationError) as error:
        services.privacy_officer_propose(acting_user=only.user, membership=partner)
    message = error.value.messages[0]
    assert "Dit netwerk heeft maar één coördinator" in message
    assert "Maak eerst een tweede lid coördinator" in message
    with scopes_disabled():
        assert OfficerAppointment.objects.count() == 0
    assert _audit(network) == []


def test_with_two_coordinators_nobody_can_confirm_the_other_one(network, members):
    a = Membership.objects.get(user=members["coordinator"])
    b = MembershipFactory(network=network, role="coordinator", user__full_name="Bea Twee")
    with pytest.raises(ValidationError) as error:
        services.privacy_officer_propose(acting_user=a.user, membership=b)
    assert "Laat Bea Twee zichzelf voorstellen" in error.value.messages[0]
    # B proposes herself; A confirms.
    appointment = services.privacy_officer_propose(acting_user=b.user, membership=b)
    services.privacy_officer_decide(acting_user=a.user, appointment=appointment, confirm=True)
    assert _reload(b).is_privacy_officer


def test_one_open_proposal_per_member_and_decided_once(coordinators, partner):
    a, b, c = coordinators
    appointment = services.privacy_officer_propose(acting_user=a.user, membership=partner)
    with pytest.raises(ValidationError, match="Er staat al een voorstel open"):
        services.privacy_officer_propose(acting_user=b.user, membership=partner)
    services.privacy_officer_decide(acting_user=b.user, appointment=appointment, confirm=False)
    assert not _reload(partner).is_privacy_officer
    with pytest.raises(ValidationError, match="Over dit voorstel is al besloten"):
        services.privacy_officer_decide(acting_user=c.user, appointment=appointment, confirm=True)
    assert not _reload(partner).is_privacy_officer


def test_only_coordinators_decide(coordinators, partner, members):
    a, _b, _c = coordinators
    appointment = services.privacy_officer_propose(acting_user=a.user, membership=partner)
    with pytest.raises(PermissionDenied):
        services.privacy_officer_decide(
            acting_user=members["core"], appointment=appointment, confirm=True
        )


def test_an_ended_membership_cannot_be_confirmed(coordinators, partner):
    from django.utils import timezone

    a, b, _c = coordinators
    appointment = services.privacy_officer_propose(acting_user=a.user, membership=partner)
    with scopes_disabled():
        Membership.objects.filter(pk=partner.pk).update(ended_at=timezone.now())
    with pytest.raises(ValidationError, match="beëindigd"):
        services.privacy_officer_decide(acting_user=b.user, appointment=appointment, confirm=True)


def _url(name, network, **kwargs):
    return reverse(f"accesslog:{name}", kwargs={"network_slug": network.slug, **kwargs})


def test_the_page_explains_a_single_coordinator_and_offers_no_proposal(client, network, members):
    client.force_login(members["coordinator"])
    page = client.get(_url("officers", network)).content.decode()
    assert "Dit netwerk heeft maar één coördinator" in page
    assert "Voorstellen" not in page


def test_the_proposer_sees_no_confirm_button_another_coordinator_does(
    client, network, coordinators, partner
):
    a, b, _c = coordinators
    services.privacy_officer_propose(acting_user=a.user, membership=partner)
    client.force_login(a.user)
    page = client.get(_url("officers", network)).content.decode()
    assert "Bevestigen" not in page
    assert "Afwijzen" in page
    client.force_login(b.user)
    page = client.get(_url("officers", network)).content.decode()
    assert "Bevestigen" in page


def test_the_proposer_confirming_on_the_page_gets_the_message(
    client, network, coordinators, partner
):
    a, _b, _c = coordinators
    appointment = services.privacy_officer_propose(acting_user=a.user, membership=partner)
    client.force_login(a.user)
    response = client.post(
        _url("officer_decide", network, appointment_uuid=appointment.uuid),
        {"decision": "confirm"},
        follow=True,
    )
    assert "Je kunt je eigen voorstel niet bevestigen" in response.content.decode()
    assert not _reload(partner).is_privacy_officer
