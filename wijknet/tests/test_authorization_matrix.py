"""The authorization matrix: every URL pattern of the project, for every persona.

Personas: an anonymous visitor, an outsider (kartrekker of *another* network, whose data exists),
and a member of our network in each role. Expected outcomes are written out here, independent of
the views' own permission attributes, so a wrong attribute in a view fails this test.

A URL pattern that is not in MATRIX fails `test_every_url_pattern_is_in_the_matrix`: whoever
adds a page must decide who may open it.
"""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, NetworkFactory, PartnerFactory
from tests.support.authz import (
    COORDINATOR,
    EDITORS,
    EVERY_ROLE,
    LOGIN,
    NOT_ALLOWED,
    OK,
    PERSONAS,
    READERS,
    REDIRECT,
    RESIDENT_PERSONAS,
    ROLES,
    TEAM,
    Case,
    everyone,
    logged_in,
    members_only,
)
from tests.support.otp import login_resident_verified
from tests.support.shared import shared_rows
from tests.support.urls import named_patterns
from wijknet.networks import services
from wijknet.networks.models import Invitation
from wijknet.networks.roles import Role
from wijknet.roadmap.content import load_roadmap
from wijknet.scans import services as scan_services
from wijknet.scans.models import Indicator, IndicatorGroup, Instrument, Item, ScanInvitation

MATRIX: dict[str, Case] = {
    "home": Case({**everyone(REDIRECT), "anonymous": LOGIN}),
    "set_language": Case(everyone(REDIRECT)),
    "accounts:login": Case({**everyone(REDIRECT), "anonymous": OK}),
    "accounts:logout": Case(everyone(NOT_ALLOWED)),  # logging out is POST only
    "accounts:password_reset": Case(everyone(OK)),
    "accounts:password_reset_done": Case(everyone(OK)),
    "accounts:password_reset_confirm": Case(everyone(OK), kwargs=("uidb64", "token")),
    "accounts:password_reset_complete": Case(everyone(OK)),
    "networks:list": Case(logged_in(OK)),
    "networks:create": Case(logged_in(OK)),
    "networks:invitation_accept": Case(everyone(OK), kwargs=("token",)),
    "dashboard:index": Case(members_only(EVERY_ROLE), kwargs=("network_slug",)),
    "mywork:home": Case(members_only(EVERY_ROLE), kwargs=("network_slug",)),
    "roadmap:overview": Case(members_only(READERS), kwargs=("network_slug",)),
    "roadmap:step": Case(members_only(READERS), kwargs=("network_slug", "step_key")),
    "networks:edit": Case(members_only(COORDINATOR), kwargs=("network_slug",)),
    "networks:partner_list": Case(members_only(READERS), kwargs=("network_slug",)),
    "networks:partner_detail": Case(
        members_only(READERS), kwargs=("network_slug", "partner_uuid"), foreign=True
    ),
    "networks:partner_create": Case(members_only(EDITORS), kwargs=("network_slug",)),
    "networks:partner_edit": Case(
        members_only(EDITORS), kwargs=("network_slug", "partner_uuid"), foreign=True
    ),
    "networks:partner_end": Case(
        members_only(EDITORS), kwargs=("network_slug", "partner_uuid"), foreign=True
    ),
    "networks:partner_restore": Case(
        {**members_only(EDITORS), "coordinator": REDIRECT, "core": REDIRECT},
        kwargs=("network_slug", "partner_uuid"),
        method="post",
        foreign=True,
    ),
    "networks:member_list": Case(members_only(TEAM), kwargs=("network_slug",)),
    "networks:invitation_create": Case(members_only(COORDINATOR), kwargs=("network_slug",)),
    "networks:member_role": Case(
        members_only(COORDINATOR), kwargs=("network_slug", "membership_uuid"), foreign=True
    ),
    "networks:member_end": Case(
        members_only(COORDINATOR), kwargs=("network_slug", "membership_uuid"), foreign=True
    ),
    "networks:invitation_revoke": Case(
        {**members_only(COORDINATOR), "coordinator": REDIRECT},
        kwargs=("network_slug", "invitation_uuid"),
        method="post",
        foreign=True,
        data={"confirm": "1"},
    ),
    "scans:answer": Case(everyone(OK), kwargs=("scan_token",)),
    "scans:list": Case(members_only(EVERY_ROLE), kwargs=("network_slug",)),
    "scans:create": Case(members_only(EDITORS), kwargs=("network_slug",)),
    "scans:results": Case(
        members_only(EVERY_ROLE), kwargs=("network_slug", "round_uuid"), foreign=True
    ),
    "scans:results_csv": Case(
        members_only(EVERY_ROLE), kwargs=("network_slug", "round_uuid"), foreign=True
    ),
    "scans:member_answer": Case(
        members_only(EVERY_ROLE), kwargs=("network_slug", "round_uuid"), foreign=True
    ),
    "scans:close": Case(
        {**members_only(EDITORS), "coordinator": REDIRECT, "core": REDIRECT},
        kwargs=("network_slug", "round_uuid"),
        method="post",
        foreign=True,
        data={"confirm": "1"},
    ),
    "scans:instrument_fhir": Case(
        members_only(EVERY_ROLE), kwargs=("network_slug", "instrument_key")
    ),
    "scans:round_fhir": Case(
        members_only(EDITORS), kwargs=("network_slug", "round_uuid"), foreign=True
    ),
    "scans:import": Case(
        members_only(EDITORS), kwargs=("network_slug", "round_uuid"), foreign=True
    ),
    "scans:import_template": Case(
        members_only(EDITORS), kwargs=("network_slug", "round_uuid"), foreign=True
    ),
}


def _app_authz_modules():
    """tests/authz/<app>.py for every wijknet app that has pages (outside the product package)."""
    modules = []
    for config in apps.get_app_configs():
        if config.name.startswith("wijknet."):
            name = f"tests.authz.{config.label}"
            try:
                modules.append(importlib.import_module(name))
            except ModuleNotFoundError as error:
                if error.name != name:
                    raise
    return modules


APP_AUTHZ = _app_authz_modules()
for _module in APP_AUTHZ:
    MATRIX.update(_module.MATRIX)


def all_url_names():
    return {name for name, _pattern, _params in named_patterns()}


def test_every_url_pattern_is_in_the_matrix():
    missing = all_url_names() - set(MATRIX)
    stale = set(MATRIX) - all_url_names()
    assert missing == set(), f"Add these URLs to the authorization matrix: {sorted(missing)}"
    assert stale == set(), f"These matrix entries match no URL: {sorted(stale)}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Objects of our network and of the other one, for every kind of kwarg.

    Built once for the module (about 1,300 tests) and rolled back after it; each test's own
    writes (a POST that closes a round, say) are undone after that test.
    """
    with shared_rows(django_db_blocker, _build_world) as built:
        yield built


def _build_world():
    network = NetworkFactory(slug="gezond-oost", name="Gezond Oost")
    other_network = NetworkFactory(slug="elders", name="Elders")
    PartnerFactory(network=other_network, organisation__name="Geheime Partner BV")
    members = {
        role: MembershipFactory(
            network=network,
            role=role,
            user__email=f"{role}@example.org",
            user__full_name=f"{role.title()} Persoon",
        ).user
        for role in Role.values
    }
    coordinator = members[Role.COORDINATOR]
    outsider = MembershipFactory(
        network=other_network, role=Role.COORDINATOR, user__email="outsider@example.org"
    ).user
    load_roadmap()
    partner = PartnerFactory(network=network)
    foreign_partner = PartnerFactory(network=other_network)
    target = MembershipFactory(network=network, role="partner")
    foreign_member = MembershipFactory(network=other_network, role="partner")
    with scopes_disabled():
        invitation, _ = services.invitation_create(
            acting_user=coordinator, network=network, email="new@example.org", role="partner"
        )
        foreign_invitation = Invitation.objects.create(
            network=other_network,
            email="x@example.org",
            role="partner",
            token_hash="f" * 64,
            expires_at=timezone.now() + timedelta(days=1),
        )
    _, link = _fresh_invitation(network, coordinator)
    scan_round, foreign_round = _scan_rounds(network, other_network, coordinator)
    extra = {}
    for module in APP_AUTHZ:
        values = module.world(network, other_network, coordinator)
        # Two apps giving one URL kwarg name each their own object would test one of them
        # against the other's object (the wijkprofiel's link_uuid met the residents' one).
        clash = set(values) & set(extra)
        assert not clash, f"{module.__name__}: URL kwargs {clash} already come from another app"
        extra.update(values)
    return {
        **extra,
        "round_uuid": (scan_round.uuid, foreign_round.uuid),
        "instrument_key": ("w", None),
        "scan_token": ("scan-token-123", None),
        "network_slug": (network.slug, other_network.slug),
        "partner_uuid": (partner.uuid, foreign_partner.uuid),
        "membership_uuid": (target.uuid, foreign_member.uuid),
        "invitation_uuid": (invitation.uuid, foreign_invitation.uuid),
        "step_key": ("verkennen-klein-beginnen", None),
        "token": (link.rstrip("/").rsplit("/", 1)[-1], None),
        "uidb64": ("eA", None),  # decodes to "x": no such user
        "token_reset": ("bad-token", None),
        "members": members,
        "outsider": outsider,
    }


def _scan_rounds(network, other_network, coordinator):
    """A round of ours that invites every role (plus a token link), and one of the other
    network."""
    instrument = Instrument.objects.create(key="w", version=1, name="W")
    group = IndicatorGroup.objects.create(instrument=instrument, key="g", order=1, name="G")
    indicator = Indicator.objects.create(
        instrument=instrument, group=group, key="i", order=1, name="I"
    )
    Item.objects.create(instrument=instrument, indicator=indicator, key="x", order=1, text="X")
    today = timezone.localdate()
    with scope(network=network):
        ours = scan_services.round_create(
            acting_user=coordinator,
            network=network,
            label="T0",
            instruments=[instrument],
            opens_on=today,
            closes_on=today,
            roles=ROLES,
        )
        ScanInvitation.objects.create(
            network=network,
            round=ours,
            email="tok@example.org",
            token_hash=scan_services.hash_token("scan-token-123"),
        )
    with scope(network=other_network):
        theirs = scan_services.round_create(
            acting_user=coordinator,
            network=other_network,
            label="T0",
            instruments=[instrument],
            opens_on=today,
            closes_on=today,
            extra_emails=["x@example.org"],
        )
    return ours, theirs


def _fresh_invitation(network, coordinator):
    with scopes_disabled():
        return services.invitation_create(
            acting_user=coordinator, network=network, email="fresh@example.org", role="citizen"
        )


def _url(name, case, world, foreign=False):
    kwargs = {}
    for key in case.kwargs:
        if key == "token" and name.startswith("accounts:"):
            kwargs[key] = world["token_reset"][0]
            continue
        ours, theirs = world[key]
        # Only the object kwarg switches sides; the network stays ours.
        kwargs[key] = theirs if foreign and key != "network_slug" else ours
    return reverse(name, kwargs=kwargs)


def _outcome(response) -> str:
    if response.status_code == 302 and "/account/inloggen/" in response["Location"]:
        return LOGIN
    return str(response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(client, world, name, persona):
    case = MATRIX[name]
    if persona == "outsider":
        client.force_login(world["outsider"])
    elif persona != "anonymous":
        client.force_login(world["members"][persona])
    response = getattr(client, case.method)(_url(name, case, world), case.data)
    assert _outcome(response) == case.expect[persona], (
        f"{persona} on {name}: got {response.status_code}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, c in MATRIX.items() if c.foreign))
def test_objects_of_another_network_are_404(client, world, name):
    """Even the kartrekker of our network gets 404 for an object of another network."""
    case = MATRIX[name]
    client.force_login(world["members"]["coordinator"])
    response = getattr(client, case.method)(_url(name, case, world, foreign=True), case.data)
    assert response.status_code == 404


# --- residents and mantelzorgers (issue 15) --------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", RESIDENT_PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix_resident_personas(client, world, name, persona):
    """A resident (verified by an e-mailed code) reaches their own record's resident pages
    only; a mantelzorger only what was granted, after an ended link nothing. Elsewhere they fare
    as the outsider does (no network member), and no page they reach shows the client."""
    case = MATRIX[name]
    login_resident_verified(client, world["resident_personas"][persona])
    response = getattr(client, case.method)(_url(name, case, world), case.data)
    expected = case.residents.get(persona, case.expect["outsider"])
    assert _outcome(response) == expected, f"{persona} on {name}: got {response.status_code}"
    if persona != "resident" and response.status_code == 200:
        assert world["resident_client_name"] not in response.content.decode(errors="ignore")
