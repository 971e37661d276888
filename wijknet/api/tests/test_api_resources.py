"""The API's newer resources: client-data tokens, referrals (the closed loop), a client's FHIR
export, offers, health signals, help requests, filters, ordering, If-Match, query counts."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, OrganisationFactory, PartnerFactory
from wijknet.accesslog.models import AccessLogRecord
from wijknet.accounts.middleware import max_seconds
from wijknet.api import services
from wijknet.api.models import ApiToken, TokenScope
from wijknet.casework.tests.conftest import make_case
from wijknet.core.models import AuditEvent
from wijknet.networks.roles import Role
from wijknet.notifications.models import Notification
from wijknet.offers.models import Offer
from wijknet.referrals.tests.conftest import refer, world  # noqa: F401 (fixture)
from wijknet.volunteering import services as volunteering_services


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def make_token(user, network, *, write=False, client_data=False):
    _, token = services.token_create(
        acting_user=user,
        network=network,
        name="t",
        scope=TokenScope.READ_WRITE if write else TokenScope.READ,
        client_data=client_data,
        verified=client_data,
    )
    return token


def call(client, method, path, token, data=None, **extra):
    return getattr(client, method)(
        path,
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        **extra,
    )


def access_log(**filters):
    with scopes_disabled():
        return list(AccessLogRecord.objects.filter(**filters).order_by("pk"))


# Client-data tokens ------------------------------------------------------------------------


@pytest.mark.django_db
def test_client_data_token_needs_a_verified_session_and_lives_as_long_as_one(network, coordinator):
    with pytest.raises(ValidationError):
        services.token_create(
            acting_user=coordinator, network=network, name="x", client_data=True, verified=False
        )
    row, _ = services.token_create(
        acting_user=coordinator,
        network=network,
        name="x",
        client_data=True,
        verified=True,
        valid_days=365,
    )
    assert row.expires_at <= timezone.now() + timedelta(seconds=max_seconds())
    assert max_seconds() == 8 * 3600


@pytest.mark.django_db
def test_the_form_offers_client_data_only_to_a_verified_session(client, network, coordinator):
    from tests.support.otp import login_verified

    client.force_login(coordinator)
    assert "client_data" not in client.get("/account/api-sleutels/").context["form"].fields
    client.logout()
    login_verified(client, coordinator)
    response = client.post(
        "/account/api-sleutels/",
        {
            "name": "Verwijssysteem",
            "network": network.slug,
            "scope": "read_write",
            "valid_days": "30",
            "client_data": "on",
        },
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert ApiToken.objects.get(name="Verwijssysteem").client_data is True


@pytest.mark.django_db
def test_idle_client_data_token_lapses(client, world):  # noqa: F811
    token = make_token(world.gp, world.network, client_data=True)
    assert call(client, "get", "/api/v1/referrals/", token).status_code == 200
    with scopes_disabled():
        ApiToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=16))
    assert call(client, "get", "/api/v1/referrals/", token).status_code == 401


@pytest.mark.django_db
def test_ordinary_token_gets_no_client_data(client, world):  # noqa: F811
    referral = refer(world)
    token = make_token(world.gp, world.network, write=True)
    for path in [
        "/api/v1/referrals/",
        f"/api/v1/referrals/{referral.uuid}/",
        f"/api/v1/referrals/{referral.uuid}/fhir/",
    ]:
        response = call(client, "get", path, token)
        assert response.status_code == 403, path
        assert response["Content-Type"] == "application/problem+json"


# Referrals: the closed loop ----------------------------------------------------------------


@pytest.mark.django_db
def test_referral_closed_loop_through_the_services(client, world):  # noqa: F811
    gp = make_token(world.gp, world.network, write=True, client_data=True)
    coach = make_token(world.coach, world.network, write=True, client_data=True)
    created = call(
        client,
        "post",
        "/api/v1/referrals/",
        gp,
        {
            "offer": str(world.offer.uuid),
            "resident_name": "Mevrouw J.",
            "resident_contact": "06-12345678",
            "resident_birth_year": 1956,
            "consent_given": True,
            "reason": "Wil meer bewegen",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["resident"]["name"] == "Mevrouw J." and body["status"] == "verwezen"
    assert created["ETag"] == '"1"' and created["Cache-Control"] == "no-store"
    url = f"/api/v1/referrals/{body['uuid']}/"
    # The receiver reads it: logged as a read, as opening the web page.
    read = call(client, "get", url, coach)
    assert read.status_code == 200 and read.json()["resident"]["contact"] == "06-12345678"
    assert read.json()["next_statuses"] == ["contact", "intake", "gestart", "niet_gestart"]
    assert [r.action for r in access_log(client_uuid=body["uuid"], user=world.coach)] == ["read"]
    # Only the receiver moves it on, with the version read.
    status_url = url + "status/"
    assert call(client, "post", status_url, gp, {"status": "contact"}).status_code == 403
    assert call(client, "post", status_url, coach, {"status": "contact"}).status_code == 428
    moved = call(
        client,
        "post",
        status_url,
        coach,
        {"status": "contact", "note": "Gebeld, komt dinsdag"},
        HTTP_IF_MATCH='"1"',
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["status"] == "contact" and moved["ETag"] == '"2"'
    stale = call(client, "post", status_url, coach, {"status": "intake"}, HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    backwards = call(client, "post", status_url, coach, {"status": "verwezen"}, HTTP_IF_MATCH='"2"')
    assert backwards.status_code == 400
    assert backwards.json()["invalidParams"][0]["name"] == "status"
    # Terugkoppeling: the referrer is notified, the write audited and logged.
    with scopes_disabled():
        assert Notification.objects.filter(recipient=world.gp).count() == 1
        assert AuditEvent.objects.filter(action="referral.status_changed").count() == 1
    assert access_log(client_uuid=body["uuid"], action="update")
    events = call(client, "get", url, gp).json()["events"]
    assert [e["status"] for e in events] == ["verwezen", "contact"]
    assert events[1]["note"] == "Gebeld, komt dinsdag"


@pytest.mark.django_db
def test_coordinator_sees_referral_without_personal_details(client, world):  # noqa: F811
    referral = refer(world)
    coordinator = MembershipFactory(network=world.network, role=Role.COORDINATOR).user
    token = make_token(coordinator, world.network, client_data=True)
    body = call(client, "get", f"/api/v1/referrals/{referral.uuid}/", token).json()
    assert body["resident"] is None and body["next_statuses"] == []
    assert call(client, "get", f"/api/v1/referrals/{referral.uuid}/fhir/", token).status_code == (
        403
    )
    listed = call(client, "get", "/api/v1/referrals/?tab=alle", token).json()
    assert [r["uuid"] for r in listed["results"]] == [str(referral.uuid)]
    assert "resident" not in listed["results"][0]
    # A partner of another organisation does not see it at all.
    token = make_token(world.welzijn, world.network, client_data=True)
    assert call(client, "get", f"/api/v1/referrals/{referral.uuid}/", token).status_code == 404
    assert call(client, "get", "/api/v1/referrals/", token).json()["count"] == 0


@pytest.mark.django_db
def test_referral_fhir_is_logged_as_an_export(client, world):  # noqa: F811
    referral = refer(world)
    token = make_token(world.gp, world.network, client_data=True)
    response = call(client, "get", f"/api/v1/referrals/{referral.uuid}/fhir/", token)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert response.json()["resourceType"] == "Bundle"
    assert [r.action for r in access_log(client_uuid=referral.uuid, category="export")] == [
        "export"
    ]


@pytest.mark.django_db
def test_referral_to_another_networks_offer_is_refused(client, world, other_network):  # noqa: F811
    with scopes_disabled():
        foreign = Offer.objects.create(
            network=other_network,
            provider=PartnerFactory(network=other_network),
            title="Elders",
            kind="sport",
        )
    token = make_token(world.gp, world.network, write=True, client_data=True)
    response = call(
        client,
        "post",
        "/api/v1/referrals/",
        token,
        {
            "offer": str(foreign.uuid),
            "resident_name": "X",
            "resident_contact": "x",
            "resident_birth_year": 1950,
            "consent_given": True,
            "reason": "x",
        },
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "offer"


# A client's FHIR export ----------------------------------------------------------------------


@pytest.mark.django_db
def test_client_fhir_for_the_care_team_logged_with_its_consent(client, network):
    case = make_case(network)
    path = f"/api/v1/clients/{case.client.uuid}/fhir/"
    member = make_token(case.member, network, client_data=True)
    response = call(client, "get", path, member)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/fhir+json"
    assert response["Cache-Control"] == "no-store"
    [record] = access_log(client_uuid=case.client.uuid, user=case.member)
    assert record.action == "export" and record.category == "export"
    assert record.consent_uuid == case.consent.uuid
    # Outside the team: 404 (as on the web), logged nothing; without client data: 403.
    outside = make_token(case.outside, network, client_data=True)
    assert call(client, "get", path, outside).status_code == 404
    assert not access_log(client_uuid=case.client.uuid, user=case.outside)
    assert call(client, "get", path, make_token(case.member, network)).status_code == 403


# Another network's objects -------------------------------------------------------------------


@pytest.mark.django_db
def test_every_new_object_of_another_network_is_404(client, world, other_network):  # noqa: F811
    """A client-data write token of network A, for objects of network B: 404 everywhere."""
    case_b = make_case(other_network)
    other_world_user = MembershipFactory(
        network=other_network,
        role=Role.PARTNER,
        organisation=OrganisationFactory(network=other_network),
    ).user
    with scopes_disabled():
        partner_b = PartnerFactory(
            network=other_network, organisation=OrganisationFactory(network=other_network)
        )
        offer_b = Offer.objects.create(
            network=other_network, provider=partner_b, title="B", kind="sport"
        )
    from wijknet.referrals import services as referral_services
    from wijknet.referrals.tests.conftest import membership_of

    with scope(network=other_network):
        referral_b = referral_services.referral_create(
            acting_user=other_world_user,
            membership=membership_of(other_network, other_world_user),
            network=other_network,
            offer=offer_b,
            resident_name="B",
            resident_contact="b",
            resident_birth_year=1950,
            consent_given=True,
            reason="b",
        )
    coordinator = MembershipFactory(network=world.network, role=Role.COORDINATOR).user
    for user in [coordinator, world.coach]:
        token = make_token(user, world.network, write=True, client_data=True)
        for method, path in [
            ("get", f"/api/v1/offers/{offer_b.uuid}/"),
            ("get", f"/api/v1/referrals/{referral_b.uuid}/"),
            ("get", f"/api/v1/referrals/{referral_b.uuid}/fhir/"),
            ("post", f"/api/v1/referrals/{referral_b.uuid}/status/"),
            ("get", f"/api/v1/clients/{case_b.client.uuid}/fhir/"),
        ]:
            response = call(client, method, path, token, {}, HTTP_IF_MATCH='"1"')
            # Clients need work_on_cases: a coordinator without it is refused before lookup.
            expected = {404, 403} if "clients" in path else {404}
            assert response.status_code in expected, (user, path, response.status_code)
            assert response["Content-Type"] == "application/problem+json"


# Offers, signals, help requests --------------------------------------------------------------


@pytest.mark.django_db
def test_offers_filtered_as_on_the_web_and_linked_to_the_public_hsds_api(client, world):  # noqa: F811
    from wijknet.offers.models import SocialMapSettings

    with scopes_disabled():
        Offer.objects.create(
            network=world.network,
            provider=world.welzijn_partner,
            title="Koffie-ochtend",
            kind="ontmoeting",
        )
        Offer.objects.create(
            network=world.network,
            provider=world.welzijn_partner,
            title="Oud aanbod",
            kind="ontmoeting",
            active_to=timezone.localdate() - timedelta(days=1),
        )
    token = make_token(world.gp, world.network)
    body = call(client, "get", "/api/v1/offers/", token).json()
    assert [o["title"] for o in body["results"]] == ["Koffie-ochtend", "Wandelvoetbal 60+"]
    assert call(client, "get", "/api/v1/offers/?include_inactive=true", token).json()["count"] == 3
    sport = call(client, "get", "/api/v1/offers/?kind=sport", token).json()["results"]
    assert [o["title"] for o in sport] == ["Wandelvoetbal 60+"]
    assert call(client, "get", "/api/v1/offers/?kind=nope", token).status_code == 400
    ordered = call(client, "get", "/api/v1/offers/?ordering=-title", token).json()["results"]
    assert [o["title"] for o in ordered] == ["Wandelvoetbal 60+", "Koffie-ochtend"]
    response = call(client, "get", "/api/v1/offers/", token)
    assert "Link" not in response
    with scopes_disabled():
        SocialMapSettings.objects.create(network=world.network, hsds_published=True)
    response = call(client, "get", f"/api/v1/offers/{world.offer.uuid}/", token)
    assert response["Link"] == (
        f'<http://testserver/hsds/{world.network.slug}/>; rel="alternate"; type="application/json"'
    )
    assert client.get(f"/hsds/{world.network.slug}/").status_code == 200


@pytest.mark.django_db
def test_health_signals_are_the_stored_ones(client, network, coordinator):
    from wijknet.core import analysis
    from wijknet.health import monitor

    token = make_token(coordinator, network)
    with scope(network=network):
        analysis.recompute(network)
        stored, signals = monitor.stored_signals(network)
    assert signals  # a new network has signals (no partners, no goals, ...)
    body = call(client, "get", "/api/v1/health-signals/", token).json()
    assert body["computed_at"] is not None
    assert [s["code"] for s in body["signals"]] == [s.code for s in signals]
    assert body["signals"][0]["title"] == signals[0].title


@pytest.mark.django_db
def test_help_requests_without_personal_data(client, network, members):
    coordinator = members[Role.COORDINATOR]
    with scope(network=network):
        volunteering_services.help_request_create(
            acting_user=members[Role.CITIZEN],
            network=network,
            seeker_name="Mevrouw Geheim",
            seeker_contact="06-99999999",
            kind="vervoer",
            description="Naar het ziekenhuis",
            place="Oost",
            postcode="1234 AB",
        )
    token = make_token(coordinator, network)
    body = call(client, "get", "/api/v1/help-requests/", token).json()
    [row] = body["results"]
    text = str(row)
    for secret in ["Geheim", "06-99", "ziekenhuis", "1234"]:
        assert secret not in text
    assert row["kind"] == "vervoer" and row["place"] == "Oost"
    # A member who is not involved sees no request (as on the web).
    token = make_token(members[Role.PARTNER], network)
    assert call(client, "get", "/api/v1/help-requests/", token).json()["count"] == 0


@pytest.mark.django_db
def test_filters_and_ordering_on_actions(client, network, coordinator):
    from wijknet.actions import services as action_services

    with scope(network=network):
        for title, due in [("B", 3), ("A", 1), ("C", 2)]:
            action_services.action_create(
                acting_user=coordinator,
                network=network,
                title=title,
                due_on=timezone.localdate() + timedelta(days=due),
            )
    token = make_token(coordinator, network)
    rows = call(client, "get", "/api/v1/actions/?ordering=due_on", token).json()["results"]
    assert [r["title"] for r in rows] == ["A", "C", "B"]
    rows = call(client, "get", "/api/v1/actions/?ordering=-title", token).json()["results"]
    assert [r["title"] for r in rows] == ["C", "B", "A"]
    due_to = (timezone.localdate() + timedelta(days=2)).isoformat()
    rows = call(client, "get", f"/api/v1/actions/?due_to={due_to}", token).json()["results"]
    assert sorted(r["title"] for r in rows) == ["A", "C"]
    bad = call(client, "get", "/api/v1/actions/?due_to=gisteren", token)
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert bad.json()["invalidParams"][0]["name"] == "due_to"
    assert call(client, "get", "/api/v1/actions/?overdue=true", token).json()["count"] == 0
    assert call(client, "get", "/api/v1/actions/?overdue=false", token).json()["count"] == 3
    # A list without ordering fields ignores `ordering` (no sorting by what one may not see).
    MembershipFactory(network=network, user__full_name="Aa", user__email="zz@example.org")
    MembershipFactory(network=network, user__full_name="Zz", user__email="aa@example.org")
    members = call(client, "get", "/api/v1/members/", token).json()["results"]
    # In the order they joined (by name would put "Aa" first).
    assert [m["name"] for m in members][-2:] == ["Aa", "Zz"]
    assert members[0]["name"] != "Aa"
    newest_first = sorted(members, key=lambda m: m["created_at"], reverse=True)
    assert [m["name"] for m in newest_first] != [m["name"] for m in members]
    reordered = call(client, "get", "/api/v1/members/?ordering=-created_at", token).json()[
        "results"
    ]
    assert reordered == members


# Query counts --------------------------------------------------------------------------------


def _count(client, path, token):
    with CaptureQueriesContext(connection) as captured:
        response = call(client, "get", path, token)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["offers", "organisations", "referrals", "help-requests"])
def test_new_list_query_counts_are_flat(client, world, name):  # noqa: F811
    def add(n):
        for i in range(n):
            refer(world)
            with scopes_disabled():
                Offer.objects.create(
                    network=world.network,
                    provider=world.sport_partner,
                    title=f"O{i}",
                    kind="sport",
                )
                OrganisationFactory(network=world.network)
            with scope(network=world.network):
                volunteering_services.help_request_create(
                    acting_user=world.gp,
                    network=world.network,
                    seeker_name="S",
                    kind="vervoer",
                )

    coordinator = MembershipFactory(network=world.network, role=Role.COORDINATOR).user
    token = make_token(coordinator, world.network, client_data=True)
    add(1)
    call(client, "get", f"/api/v1/{name}/", token)  # last_used_at is written once a minute
    one = _count(client, f"/api/v1/{name}/", token)
    add(2)
    assert _count(client, f"/api/v1/{name}/", token) == one, name


# Coverage of the tenancy tests ---------------------------------------------------------------

# Every API URL with an object in it, and the test that asks it for another network's object.
FOREIGN_TESTED = {
    "api:partner": "test_api.test_objects_of_another_network_are_404",
    "api:goal": "test_api.test_objects_of_another_network_are_404",
    "api:action": "test_api.test_objects_of_another_network_are_404",
    "api:meeting": "test_api.test_objects_of_another_network_are_404",
    "api:scan_round_results": "test_api.test_scan_round_of_another_network_is_404",
    "api:offer": "test_every_new_object_of_another_network_is_404",
    "api:referral": "test_every_new_object_of_another_network_is_404",
    "api:referral_status": "test_every_new_object_of_another_network_is_404",
    "api:referral_fhir": "test_every_new_object_of_another_network_is_404",
    "api:client_fhir": "test_every_new_object_of_another_network_is_404",
}


def test_every_api_object_url_has_a_tenancy_test():
    """The matrix lists every URL (test_every_url_pattern_is_in_the_matrix); each API URL with
    an object in it must be in FOREIGN_TESTED, so a new one gets its 404 test."""
    from tests.authz.api import MATRIX

    object_urls = {name for name, case in MATRIX.items() if "uuid" in case.kwargs}
    assert object_urls == set(FOREIGN_TESTED), object_urls ^ set(FOREIGN_TESTED)


@pytest.mark.django_db
def test_read_token_cannot_write_referrals(client, world):  # noqa: F811
    referral = refer(world)
    token = make_token(world.coach, world.network, client_data=True)  # read scope
    assert call(client, "post", "/api/v1/referrals/", token, {}).status_code == 403
    response = call(
        client,
        "post",
        f"/api/v1/referrals/{referral.uuid}/status/",
        token,
        {"status": "contact"},
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_health_signals_query_count_is_flat(client, network, coordinator):
    from wijknet.actions import services as action_services
    from wijknet.core import analysis

    def add(n):
        with scope(network=network):
            for i in range(n):
                action_services.action_create(
                    acting_user=coordinator,
                    network=network,
                    title=f"Te laat {i}",
                    due_on=timezone.localdate() - timedelta(days=30),
                )
            analysis.recompute(network)

    token = make_token(coordinator, network)
    add(1)
    call(client, "get", "/api/v1/health-signals/", token)
    one = _count(client, "/api/v1/health-signals/", token)
    add(2)
    assert _count(client, "/api/v1/health-signals/", token) == one
