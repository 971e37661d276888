"""Issue 6: "two-factor authentication is required for every user who can see client data".

Referrals hold residents' personal data, so every referral page that can show it needs an
OTP-verified session and is sent with Cache-Control: no-store. The funnel (aggregated numbers
only) needs neither: a funder with the viewer role reads it without a second factor.
"""

import pytest
from django.urls import reverse
from django_scopes import scope

from tests.support.authz import PERSONAS
from tests.support.otp import confirmed_device
from wijknet.referrals.models import Referral, Status
from wijknet.referrals.urls import pages

from .conftest import refer, verified

pytestmark = pytest.mark.django_db

PERSONAL = ["list", "create", "detail", "status", "fhir", "erase"]
SECRETS = ("Mevrouw J.", "06-12345678", "1956", "Diabetes", "Twee keer")


def _url(name, world, referral, network_slug=None):
    pattern = next(p for p in pages if p.name == name)
    kwargs = {"network_slug": network_slug or world.network.slug}
    if "referral_uuid" in pattern.pattern.converters:
        kwargs["referral_uuid"] = referral.uuid
    return reverse(f"referrals:{name}", kwargs=kwargs)


def test_the_personal_pages_are_exactly_those_not_the_funnel():
    """A new referral URL must be added here (or to the funnel's side) on purpose."""
    assert sorted(p.name for p in pages) == sorted([*PERSONAL, "funnel"])


@pytest.mark.parametrize("name", PERSONAL)
@pytest.mark.parametrize("has_device", [True, False], ids=["verify", "setup"])
def test_unverified_member_is_sent_to_the_second_factor(client, world, name, has_device):
    """The receiver (a party with MAKE_REFERRALS) logged in without a second factor sees
    nothing: GET and POST go to the code page (or to setup without a device)."""
    referral = refer(world)
    if has_device:
        confirmed_device(world.coach)
    client.force_login(world.coach)  # unverified on purpose
    target = _url(name, world, referral)
    expected = "accounts:twofactor_verify" if has_device else "accounts:twofactor_setup"
    for method in (client.get, client.post):
        response = method(target, {"status": "contact", "version": referral.version})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(expected) + "?next=")
        assert "no-store" in response["Cache-Control"]
        body = response.content.decode()
        assert not any(secret in body for secret in SECRETS)
    with scope(network=world.network):
        assert Referral.objects.get().status == Status.VERWEZEN  # the POST changed nothing
        assert Referral.objects.count() == 1


def test_unverified_post_to_create_makes_no_referral(client, world):
    client.force_login(world.gp)
    response = client.post(
        _url("create", world, None),
        {
            "offer": world.offer.pk,
            "resident_name": "Meneer K.",
            "resident_contact": "06-98765432",
            "resident_birth_year": "1958",
            "reason": "Wil bewegen",
            "consent_given": "on",
        },
    )
    assert response.status_code == 302
    assert reverse("accounts:twofactor_setup") in response["Location"]
    with scope(network=world.network):
        assert not Referral.objects.exists()


def test_anonymous_goes_to_the_login_page(client, world):
    referral = refer(world)
    for name in PERSONAL:
        response = client.get(_url(name, world, referral))
        assert response.status_code == 302
        assert "/account/inloggen/" in response["Location"]


@pytest.mark.parametrize("name", PERSONAL)
def test_verified_pages_are_not_stored(client, world, name):
    referral = refer(world)
    verified(client, world.coach)  # the receiver may open all five
    response = client.get(_url(name, world, referral))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["viewer", "partner", "coordinator"])
def test_the_funnel_needs_no_second_factor(client, world, members, role):
    refer(world)
    client.force_login(members[role])  # unverified
    response = client.get(_url("funnel", world, None))
    assert response.status_code == 200
    assert "Doorstroom van verwijzingen" in response.content.decode()
    assert "Mevrouw J." not in response.content.decode()


def test_the_funnel_keeps_its_permission(client, world, members):
    client.force_login(members["citizen"])
    assert client.get(_url("funnel", world, None)).status_code == 403


def test_verified_outsider_of_the_referral_still_gets_404(client, world):
    """The second factor opens no referral one is no party to."""
    referral = refer(world)
    verified(client, world.welzijn)
    for name in ("detail", "status", "fhir"):
        assert client.get(_url(name, world, referral)).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix_with_verified_personas(client, network, other_network, members, outsider, persona):
    """The verified outcomes in referrals/authz.py (VERIFIED), and 404 for another network's
    referral under our network's URL for every member who may refer."""
    from tests.authz import referrals as authz

    world = authz.world(network, other_network, members["coordinator"])
    if persona == "outsider":
        verified(client, outsider)
    elif persona != "anonymous":
        verified(client, members[persona])
    for name, expect in authz.VERIFIED.items():
        case = authz.MATRIX[name]
        sides = (0, 1) if "referral_uuid" in case.kwargs else (0,)
        for side in sides:
            kwargs = {"network_slug": network.slug}
            if "referral_uuid" in case.kwargs:
                kwargs["referral_uuid"] = world["referral_uuid"][side]
            response = client.get(reverse(name, kwargs=kwargs))
            outcome = (
                "login"
                if response.status_code == 302 and "/account/inloggen/" in response["Location"]
                else str(response.status_code)
            )
            expected = expect[persona]
            if side == 1 and persona in ("coordinator", "core", "partner"):
                expected = "404"
            assert outcome == expected, f"{persona} on {name} (side {side})"
