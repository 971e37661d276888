"""The open API: tokens, tenancy, roles, scopes, errors, pagination, query counts, schema."""

import hashlib
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import PartnerFactory
from wijknet.actions import services as action_services
from wijknet.api import rest, services
from wijknet.api.models import ApiToken, TokenScope
from wijknet.meetings.models import Decision, Meeting, MeetingKind
from wijknet.networks import services as network_services
from wijknet.networks.models import Membership
from wijknet.networks.roles import Role

LISTS = [
    "networks",
    "partners",
    "members",
    "goals",
    "actions",
    "meetings",
    "successes",
    "organisations",
    "offers",
    "help-requests",
]
MORE = ["agreement", "funding", "scan-rounds", "health-signals", "referrals"]


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def token_for(user, network, scope_=TokenScope.READ, days=30):
    return services.token_create(
        acting_user=user, network=network, name="test", scope=scope_, valid_days=days
    )


def get(client, path, token, **extra):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}", **extra)


def fill(network, user, n):
    """n of every resource in the network."""
    with scope(network=network):
        for i in range(n):
            PartnerFactory(network=network)
            goal = action_services.goal_create(acting_user=user, network=network, title=f"G{i}")
            action_services.action_create(
                acting_user=user, network=network, title=f"A{i}", goal=goal, owner=user
            )
            action_services.success_create(
                acting_user=user,
                network=network,
                title=f"S{i}",
                happened_on=timezone.localdate(),
                goal=goal,
            )
            meeting = Meeting.objects.create(
                network=network,
                kind=MeetingKind.NETWORK,
                title=f"M{i}",
                starts_at=timezone.now() - timedelta(days=i + 1),
                chair=user,
            )
            Decision.objects.create(network=network, meeting=meeting, text=f"Besluit {i}")


# Tokens ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_token_is_shown_once_and_stored_hashed(client, network, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/account/api-sleutels/",
        {"name": "Dashboard", "network": network.slug, "scope": "read", "valid_days": "30"},
    )
    assert response.status_code == 200
    token = response.context["new"][1]
    assert token.startswith("wn_") and token in response.content.decode()
    with scopes_disabled():
        row = ApiToken.objects.get()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    with scopes_disabled():
        assert not ApiToken.objects.filter(token_hash=token).exists()
    listed = client.get("/account/api-sleutels/")
    assert "Dashboard" in listed.content.decode()
    assert token not in listed.content.decode()
    assert get(client, "/api/v1/networks/", token).status_code == 200


@pytest.mark.django_db
def test_revoke_needs_confirmation_and_then_refuses_the_token(client, network, coordinator):
    row, token = token_for(coordinator, network)
    client.force_login(coordinator)
    url = f"/account/api-sleutels/{row.uuid}/intrekken/"
    assert client.get(url).status_code == 200
    client.post(url)  # without confirmation: the confirmation page, nothing revoked
    assert get(client, "/api/v1/networks/", token).status_code == 200
    assert client.post(url, {"confirm": "1"}).status_code == 302
    response = get(client, "/api/v1/networks/", token)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401
    assert "Bearer" in response["WWW-Authenticate"]


@pytest.mark.django_db
def test_someone_elses_token_cannot_be_revoked(client, network, members):
    row, _ = token_for(members[Role.CORE], network)
    client.force_login(members[Role.COORDINATOR])
    assert client.get(f"/account/api-sleutels/{row.uuid}/intrekken/").status_code == 404


@pytest.mark.django_db
def test_expired_unknown_or_missing_token_is_401(client, network, coordinator):
    row, token = token_for(coordinator, network)
    assert client.get("/api/v1/partners/").status_code == 401
    assert get(client, "/api/v1/partners/", "wn_nonsense").status_code == 401
    with scopes_disabled():
        ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now())
    assert get(client, "/api/v1/partners/", token).status_code == 401


@pytest.mark.django_db
def test_ended_membership_refuses_at_once(client, network, members):
    user = members[Role.PARTNER]
    _, token = token_for(user, network)
    assert get(client, "/api/v1/partners/", token).status_code == 200
    with scopes_disabled():
        Membership.objects.filter(user=user).update(ended_at=timezone.now())
    response = get(client, "/api/v1/partners/", token)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_role_follows_the_current_membership(client, network, members):
    """A role change applies to existing tokens: the token carries no permissions itself."""
    user = members[Role.CORE]
    _, token = token_for(user, network)
    assert get(client, "/api/v1/partners/", token).status_code == 200
    with scopes_disabled():
        Membership.objects.filter(user=user).update(role=Role.VIEWER)
    assert get(client, "/api/v1/partners/", token).status_code == 403


@pytest.mark.django_db
def test_token_creation_is_audited_and_needs_membership(network, coordinator, outsider):
    from wijknet.core.models import AuditEvent

    token_for(coordinator, network)
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="api_token.created").count() == 1
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        token_for(outsider, network)


# Roles, tenancy -----------------------------------------------------------------------------

# The web page whose authorization-matrix row each API list must equal, role by role: a role
# sees through the API exactly what it sees on the web (tests/authz/*.py and the main matrix).
WEB_PAGE = {
    "partners": "networks:partner_list",
    "members": "networks:member_list",
    "goals": "actions:index",
    "actions": "actions:index",
    "meetings": "meetings:list",
    "successes": "actions:success_list",
    "agreement": "agreements:index",
    "funding": "agreements:index",
    "scan-rounds": "scans:list",
    "organisations": "networks:partner_list",
    "offers": "offers:list",
    "help-requests": "volunteering:request_list",
    "health-signals": "health:index",
    "referrals": "referrals:list",
}


def _web_verified():
    from tests.authz.referrals import VERIFIED

    return {"referrals:list": VERIFIED["referrals:list"]}


WEB_VERIFIED = _web_verified()


def test_every_api_list_is_compared_with_a_web_page():
    assert set(WEB_PAGE) == set(LISTS + MORE) - {"networks"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_each_role_sees_what_it_sees_on_the_web(client, network, members, role):
    from wijknet.tests.test_authorization_matrix import MATRIX

    # A client-data token (made in a verified session), compared with the web's outcomes for a
    # verified member: the pages with personal data need the second factor first.
    _, token = services.token_create(
        acting_user=members[role],
        network=network,
        name="t",
        client_data=True,
        verified=True,
    )
    assert get(client, "/api/v1/networks/", token).status_code == 200
    for name, page in WEB_PAGE.items():
        on_the_web = WEB_VERIFIED.get(page, MATRIX[page].expect)[role]
        assert on_the_web in {"200", "403"}
        status = get(client, f"/api/v1/{name}/", token).status_code
        if on_the_web == "403":
            assert status == 403, f"{role} on {name}: the web says 403, the API {status}"
        else:
            # The agreement is 404 while there is none; what matters is that it is not 403.
            allowed = {200, 404} if name == "agreement" else {200}
            assert status in allowed, f"{role} on {name}: the web says 200, the API {status}"


@pytest.mark.django_db
def test_member_email_only_for_roles_that_manage_members(client, network, members):
    _, coordinator_token = token_for(members[Role.COORDINATOR], network)
    _, partner_token = token_for(members[Role.PARTNER], network)
    rows = get(client, "/api/v1/members/", coordinator_token).json()["results"]
    assert all("email" in row for row in rows)
    rows = get(client, "/api/v1/members/", partner_token).json()["results"]
    assert rows and not any("email" in row for row in rows)


@pytest.mark.django_db
def test_objects_of_another_network_are_404(client, network, other_network, coordinator):
    _, token = token_for(coordinator, network)
    other_user = Membership.objects.model.user.field.related_model.objects.create_user(
        email="o@example.org", password="x-very-secret-1"
    )
    Membership.objects.create(network=other_network, user=other_user, role=Role.COORDINATOR)
    fill(other_network, other_user, 1)
    with scope(network=other_network):
        foreign = {
            "partners": PartnerFactory(network=other_network).uuid,
            "goals": other_network
            and action_services.goal_create(
                acting_user=other_user, network=other_network, title="X"
            ).uuid,
            "meetings": Meeting.objects.order_by("pk").first().uuid,
        }
        from wijknet.actions.models import Action

        foreign["actions"] = Action.objects.order_by("pk").first().uuid
    for name, uuid in foreign.items():
        response = get(client, f"/api/v1/{name}/{uuid}/", token)
        assert response.status_code == 404, name
        assert response["Content-Type"] == "application/problem+json"
    # And the lists show none of it.
    for name in ["partners", "goals", "actions", "meetings", "successes"]:
        assert get(client, f"/api/v1/{name}/", token).json()["count"] == 0, name
    networks = get(client, "/api/v1/networks/", token).json()["results"]
    assert [n["slug"] for n in networks] == [network.slug]


# Scopes and writes ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_read_token_cannot_write(client, network, coordinator):
    _, token = token_for(coordinator, network, TokenScope.READ)
    response = client.post(
        "/api/v1/actions/",
        {"title": "Nieuw"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_write_token_creates_and_updates_through_the_services(client, network, coordinator):
    from wijknet.core.models import AuditEvent

    _, token = token_for(coordinator, network, TokenScope.READ_WRITE)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
    response = client.post(
        "/api/v1/actions/", {"title": "Wandelen", "due_on": "2027-01-31"}, **auth
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["due_on"] == "2027-01-31" and body["version"] == 1
    url = f"/api/v1/actions/{body['uuid']}/"
    assert client.patch(url, {"status": "done"}, **auth).status_code == 428  # If-Match missing
    response = client.patch(url, {"status": "done"}, HTTP_IF_MATCH='"1"', **auth)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done" and response["ETag"] == '"2"'
    stale = client.patch(url, {"result": "x"}, HTTP_IF_MATCH='"1"', **auth)
    assert stale.status_code == 412
    assert stale["Content-Type"] == "application/problem+json"
    invalid = client.patch(url, {"status": "nope"}, HTTP_IF_MATCH='"2"', **auth)
    assert invalid.status_code == 400
    assert invalid.json()["invalidParams"][0]["name"] == "status"
    with scopes_disabled():
        assert AuditEvent.objects.filter(action__startswith="action.").count() == 2


@pytest.mark.django_db
def test_write_token_of_a_reader_cannot_create(client, network, members):
    _, token = token_for(members[Role.CITIZEN], network, TokenScope.READ_WRITE)
    response = client.post(
        "/api/v1/actions/",
        {"title": "Nieuw"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403


# Pagination, query counts, rate limit, schema -----------------------------------------------


@pytest.mark.django_db
def test_page_pagination_with_links(client, network, coordinator):
    fill(network, coordinator, 3)
    _, token = token_for(coordinator, network)
    body = get(client, "/api/v1/goals/?pageSize=2", token).json()
    assert body["count"] == 3 and len(body["results"]) == 2
    assert body["next"].startswith("http://testserver/api/v1/goals/?page=2")
    assert body["previous"] is None
    assert get(client, "/api/v1/goals/?page=9", token).status_code == 404


def _queries(client, path, token):
    with CaptureQueriesContext(connection) as captured:
        response = get(client, path, token)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_list_query_counts_are_flat(client, network, coordinator, name):
    fill(network, coordinator, 1)
    _, token = token_for(coordinator, network)
    get(client, f"/api/v1/{name}/", token)  # last_used_at is written once a minute
    one = _queries(client, f"/api/v1/{name}/", token)
    fill(network, coordinator, 2)
    three = _queries(client, f"/api/v1/{name}/", token)
    assert one == three, f"{name}: {one} queries for 1 item, {three} for 3"


@pytest.mark.django_db
def test_rate_limit_per_token(client, network, coordinator, monkeypatch):
    monkeypatch.setattr(rest.TokenRateThrottle, "THROTTLE_RATES", {"token": "3/min"})
    _, token = token_for(coordinator, network)
    _, other = token_for(coordinator, network)
    for _ in range(3):
        assert get(client, "/api/v1/networks/", token).status_code == 200
    response = get(client, "/api/v1/networks/", token)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "application/problem+json"
    assert get(client, "/api/v1/networks/", other).status_code == 200


@pytest.mark.django_db
def test_schema_is_valid_openapi(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    assert "/api/v1/actions/{uuid}/" in (tmp_path / "s.yml").read_text()


@pytest.mark.django_db
def test_schema_and_reference_are_public_and_served_locally(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert "redoc.standalone.js" in html


def test_root_links_every_list(client):
    body = client.get("/api/v1/").json()
    assert body["schema"] == "http://testserver/api/v1/schema/"
    assert set(body["resources"]) == set(LISTS + MORE)
    for url in body["resources"].values():
        assert client.get(url).status_code == 401  # the resources themselves need a token


@pytest.mark.django_db
def test_networks_lists_only_current_memberships(client, network, other_network, coordinator):
    _, token = token_for(coordinator, network)
    with scopes_disabled():
        membership = network_services.Membership.objects.create(
            network=other_network, user=coordinator, role=Role.VIEWER, ended_at=timezone.now()
        )
    assert membership.ended_at
    slugs = [n["slug"] for n in get(client, "/api/v1/networks/", token).json()["results"]]
    assert slugs == [network.slug]


# Agreement, funding, scans -------------------------------------------------------------------


def scan_round(network, user, respondents):
    """A round of a one-item instrument with `respondents` submitted responses (all 4)."""
    from wijknet.scans import services as scan_services
    from wijknet.scans.models import Indicator, IndicatorGroup, Instrument, Item, ScanInvitation

    instrument, _ = Instrument.objects.get_or_create(key="w", defaults={"version": 1, "name": "W"})
    group, _ = IndicatorGroup.objects.get_or_create(
        instrument=instrument, key="g", defaults={"order": 1, "name": "G"}
    )
    indicator, _ = Indicator.objects.get_or_create(
        instrument=instrument, group=group, key="i", defaults={"order": 1, "name": "Vertrouwen"}
    )
    item, _ = Item.objects.get_or_create(
        instrument=instrument, indicator=indicator, key="x", defaults={"order": 1, "text": "X"}
    )
    today = timezone.localdate()
    with scope(network=network):
        round_ = scan_services.round_create(
            acting_user=user,
            network=network,
            label="T0",
            instruments=[instrument],
            opens_on=today,
            closes_on=today,
            extra_emails=["invited@example.org"],
        )
        for i in range(respondents):
            invitation = ScanInvitation.objects.create(
                network=network,
                round=round_,
                email=f"r{i}@example.org",
                token_hash=f"{i}-{round_.pk}",
            )
            scan_services.answers_save(invitation=invitation, answers={item.pk: 4}, submit=True)
    return round_


@pytest.mark.django_db
def test_scan_results_are_aggregates_and_withheld_below_the_minimum_group(
    client, network, coordinator
):
    _, token = token_for(coordinator, network)
    few = scan_round(network, coordinator, 2)
    body = get(client, f"/api/v1/scan-rounds/{few.uuid}/results/", token).json()
    assert body["withheld"] is True and body["indicators"] == []
    enough = scan_round(network, coordinator, 3)
    body = get(client, f"/api/v1/scan-rounds/{enough.uuid}/results/", token).json()
    assert body["withheld"] is False
    assert body["round"]["submitted"] == 3
    [indicator] = body["indicators"]
    assert indicator["answers"] == 3 and indicator["mean"] == 4.0
    assert set(indicator) == {
        "instrument", "group", "indicator", "name", "answers", "mean", "sd", "weak"
    }  # fmt: skip
    listed = get(client, "/api/v1/scan-rounds/", token).json()
    assert listed["count"] == 2
    assert [r["submitted"] for r in listed["results"]] == [3, 2]  # newest first


@pytest.mark.django_db
def test_scan_round_of_another_network_is_404(client, network, other_network, coordinator):
    _, token = token_for(coordinator, network)
    theirs = scan_round(other_network, coordinator, 3)
    response = get(client, f"/api/v1/scan-rounds/{theirs.uuid}/results/", token)
    assert response.status_code == 404


@pytest.mark.django_db
def test_agreement_current_version_and_funding(client, network, coordinator):
    from wijknet.agreements import services as agreement_services

    _, token = token_for(coordinator, network)
    assert get(client, "/api/v1/agreement/", token).status_code == 404
    partner = PartnerFactory(network=network)
    with scope(network=network):
        for purpose in ["Eerst", "Daarna"]:
            agreement_services.agreement_new_version(
                acting_user=coordinator,
                network=network,
                purpose=purpose,
                out_of_scope="",
                terms=[(partner, "trekker", "", 4, 0)],
            )
        agreement_services.funding_create(
            acting_user=coordinator,
            network=network,
            name="SPUK",
            kind="gemeente",
            structural=True,
            amount=1000,
        )
    body = get(client, "/api/v1/agreement/", token).json()
    assert body["version"] == 2 and body["purpose"] == "Daarna"
    assert body["terms"][0]["partner"]["uuid"] == str(partner.uuid)
    funding = get(client, "/api/v1/funding/", token).json()
    assert funding["results"][0]["name"] == "SPUK"
    assert funding["results"][0]["amount"] == "1000.00"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["funding", "scan-rounds"])
def test_more_list_query_counts_are_flat(client, network, coordinator, name):
    from wijknet.agreements import services as agreement_services

    def add(n):
        for i in range(n):
            scan_round(network, coordinator, 0)
            with scope(network=network):
                agreement_services.funding_create(
                    acting_user=coordinator,
                    network=network,
                    name=f"F{i}",
                    kind="gemeente",
                    structural=True,
                )

    add(1)
    _, token = token_for(coordinator, network)
    get(client, f"/api/v1/{name}/", token)
    one = _queries(client, f"/api/v1/{name}/", token)
    add(2)
    assert _queries(client, f"/api/v1/{name}/", token) == one


def test_service_refusals_become_problems():
    """A write that loses a race inside the service (ConcurrentEditError) is a 412, a rule of
    the service a 400 with the field named."""
    from django.core.exceptions import ValidationError

    from wijknet.core.locking import ConcurrentEditError

    assert rest.problem_exception_handler(ConcurrentEditError(), {}).status_code == 412
    response = rest.problem_exception_handler(ValidationError({"title": "Verplicht"}), {})
    assert response.status_code == 400
    assert response.data["invalidParams"] == [{"name": "title", "reason": "Verplicht"}]


@pytest.mark.django_db
def test_rate_limit_is_counted_in_the_database_for_all_processes(
    client, network, coordinator, monkeypatch
):
    """Each worker process has its own local cache: the count lives in the database, so a
    token gets its limit once, not once per process (simulated by emptying the cache)."""
    monkeypatch.setattr(rest.TokenRateThrottle, "THROTTLE_RATES", {"token": "3/hour"})
    _, token = token_for(coordinator, network)
    for _ in range(3):
        cache.clear()  # another process, with an empty cache of its own
        assert get(client, "/api/v1/networks/", token).status_code == 200
    cache.clear()
    response = get(client, "/api/v1/networks/", token)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600


@pytest.mark.django_db
def test_the_count_starts_again_in_the_next_window(network, coordinator):
    row, _token = token_for(coordinator, network)
    start = 1_700_000_000.0  # a multiple of 100 seconds
    counts = [
        services.token_count_request(row, window_seconds=100, now=start + offset)
        for offset in (0, 10, 99.5, 100, 150)
    ]
    assert [count for count, _left in counts] == [1, 2, 3, 1, 2]
    assert [left for _count, left in counts] == [100, 90, 0.5, 100, 50]


@pytest.mark.django_db
def test_old_windows_are_purged(network, coordinator):
    from datetime import UTC, datetime

    from django_scopes import scopes_disabled

    from wijknet.api.models import ApiTokenWindow

    row, _token = token_for(coordinator, network)
    now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    old = now.timestamp() - 3 * 24 * 3600
    services.token_count_request(row, window_seconds=3600, now=old)
    services.token_count_request(row, window_seconds=3600, now=now.timestamp())
    assert services.token_windows_purge(now) == 1
    with scopes_disabled():
        assert ApiTokenWindow.objects.filter(token=row).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_count_commits_without_waiting_for_the_disk(network, coordinator):
    """On PostgreSQL the count's own transaction does not wait for the flush to disk; inside a
    caller's transaction it does (the setting would reach that transaction's writes too)."""
    from django.db import transaction

    row, _token = token_for(coordinator, network)
    now = 1_700_000_000.0
    with CaptureQueriesContext(connection) as queries:
        assert services.token_count_request(row, window_seconds=60, now=now)[0] == 1
    unflushed = "set_config('synchronous_commit', 'off', true)"
    assert (unflushed in queries[0]["sql"]) is (connection.vendor == "postgresql")
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert services.token_count_request(row, window_seconds=60, now=now)[0] == 2
    assert unflushed not in queries[0]["sql"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"
