"""Privacy officer pages: access, search with logging, CSV export, review report, designation."""

import csv
import io
import uuid
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory
from tests.support.otp import login_verified
from wijknet.accesslog.models import AccessLogRecord, Action, OfficerAppointment
from wijknet.core.models import AuditEvent
from wijknet.networks.models import Membership

from .helpers import add_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(network, members):
    return MembershipFactory(
        network=network,
        role="core",
        is_privacy_officer=True,
        user__full_name="Olga Officier",
        user__email="olga@example.org",
    ).user


def url(name, network, **kwargs):
    return reverse(f"accesslog:{name}", kwargs={"network_slug": network.slug, **kwargs})


def test_an_officer_without_second_factor_is_sent_to_it(client, network, officer):
    client.force_login(officer)
    response = client.get(url("search", network))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:twofactor_setup"))


def test_an_officer_with_a_device_is_asked_for_a_code(client, network, officer):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=officer, name="x", confirmed=True)
    client.force_login(officer)
    response = client.get(url("review", network))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:twofactor_verify") + "?next=")


def test_a_verified_member_who_is_not_officer_gets_403(client, network, coordinator):
    login_verified(client, coordinator)
    assert client.get(url("search", network)).status_code == 403
    assert client.get(url("review", network)).status_code == 403


def test_an_ended_officer_loses_access(client, network, officer, coordinator):
    login_verified(client, officer)
    assert client.get(url("search", network)).status_code == 200
    with scopes_disabled():
        Membership.objects.filter(user=officer).update(ended_at=timezone.now())
    assert client.get(url("search", network)).status_code == 404


def test_search_lists_records_of_this_network_only(
    client, network, other_network, officer, coordinator, outsider
):
    add_record(network, coordinator, detail="Ons dossier bekeken")
    add_record(other_network, outsider, detail="Hun dossier bekeken")
    login_verified(client, officer)
    response = client.get(url("search", network))
    assert response.status_code == 200
    assert "Ons dossier bekeken" in response.content.decode()
    assert "Hun dossier bekeken" not in response.content.decode()


def test_search_filters(client, network, officer, coordinator, members):
    client_a = uuid.uuid4()
    add_record(network, coordinator, client_uuid=client_a, detail="regel-a")
    add_record(network, members["partner"], action=Action.EXPORT, detail="regel-b")
    login_verified(client, officer)
    body = client.get(url("search", network), {"user": "partner@"}).content.decode()
    assert "regel-b" in body and "regel-a" not in body
    body = client.get(url("search", network), {"action": "export"}).content.decode()
    assert "regel-b" in body and "regel-a" not in body
    body = client.get(url("search", network), {"client": str(client_a)}).content.decode()
    assert "regel-a" in body and "regel-b" not in body
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    body = client.get(url("search", network), {"date_from": tomorrow}).content.decode()
    assert "regel-a" not in body and "Geen regels gevonden" in body


def test_a_search_on_a_client_is_itself_logged(client, network, officer, coordinator):
    target = uuid.uuid4()
    add_record(network, coordinator, client_uuid=target)
    login_verified(client, officer)
    client.get(url("search", network), {"user": "coordinator"})
    with scope(network=network):
        assert not AccessLogRecord.objects.filter(action=Action.SEARCH).exists()
    client.get(url("search", network), {"client": str(target)})
    with scope(network=network):
        search = AccessLogRecord.objects.get(action=Action.SEARCH)
    assert search.user == officer
    assert search.client_uuid == target
    assert search.category == "inzagelog"


def test_export_csv_with_the_same_filters(client, network, officer, coordinator, members):
    add_record(network, coordinator, detail="=HYPERLINK()")
    add_record(network, members["partner"], detail="partner-regel")
    login_verified(client, officer)
    response = client.get(url("export", network), {"user": "coordinator"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "tijdstip"
    assert len(rows) == 2
    assert rows[1][-1] == "'=HYPERLINK()"  # no formula in a spreadsheet


def test_export_on_a_client_is_logged_as_export(client, network, officer, coordinator):
    target = uuid.uuid4()
    add_record(network, coordinator, client_uuid=target)
    login_verified(client, officer)
    client.get(url("export", network), {"client": str(target)})
    with scope(network=network):
        assert AccessLogRecord.objects.filter(action=Action.EXPORT, user=officer).count() == 1


def test_search_pagination_keeps_filters(client, network, officer, coordinator):
    for _ in range(51):
        add_record(network, coordinator)
    login_verified(client, officer)
    body = client.get(url("search", network), {"user": "coordinator"}).content.decode()
    assert "user=coordinator&amp;page=2" in body


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def test_review_report_shows_findings_with_explanation(
    settings, client, network, officer, coordinator
):
    settings.ACCESS_LOG_REVIEW_MAX_CLIENTS_PER_DAY = 2
    day = timezone.localdate() - timedelta(days=2)
    for _ in range(3):
        add_record(network, coordinator, at=_at(day, 11))
    add_record(network, coordinator, at=_at(day, 22))
    login_verified(client, officer)
    response = client.get(
        url("review", network), {"date_from": day.isoformat(), "date_to": day.isoformat()}
    )
    body = response.content.decode()
    assert "4 verschillende cliënten" in body
    assert "buiten werktijd" in body
    assert "Geen opvallende patronen" not in body


def test_review_report_refuses_a_reversed_period(client, network, officer):
    login_verified(client, officer)
    today = timezone.localdate()
    response = client.get(
        url("review", network),
        {"date_from": today.isoformat(), "date_to": (today - timedelta(days=3)).isoformat()},
    )
    body = response.content.decode()
    assert "De einddatum ligt vóór de begindatum." in body
    assert "Geen opvallende patronen" not in body


def test_review_report_default_period_without_findings(client, network, officer):
    login_verified(client, officer)
    body = client.get(url("review", network)).content.decode()
    assert "Geen opvallende patronen in deze periode." in body


def test_coordinators_appoint_under_four_eyes_and_one_withdraws(client, network, members):
    """The whole flow on the pages: proposed by one coordinator, confirmed by another,
    withdrawn by one; every step audited. The rules: tests/test_four_eyes.py."""
    second = MembershipFactory(
        network=network, role="coordinator", user__full_name="Tweede Coördinator"
    ).user
    with scope(network=network):
        membership = Membership.objects.get(user=members["partner"])
    client.force_login(members["coordinator"])
    assert client.get(url("officers", network)).status_code == 200
    response = client.post(
        url("officer_set", network, membership_uuid=membership.uuid), {"value": "1"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_privacy_officer  # proposed, not yet appointed
    page = client.get(url("officers", network)).content.decode()
    assert "voorgesteld door Coordinator Persoon, wacht op bevestiging" in page
    with scopes_disabled():
        appointment = OfficerAppointment.objects.get(membership=membership)
    client.force_login(second)
    client.post(
        url("officer_decide", network, appointment_uuid=appointment.uuid),
        {"decision": "confirm"},
    )
    membership.refresh_from_db()
    assert membership.is_privacy_officer
    withdraw = url("officer_set", network, membership_uuid=membership.uuid)
    asked = client.post(withdraw, {"value": "0"})  # the button asks first
    assert "is dan geen privacyfunctionaris meer" in asked.content.decode()
    membership.refresh_from_db()
    assert membership.is_privacy_officer
    client.post(withdraw, {"value": "0", "confirm": "1"})
    membership.refresh_from_db()
    assert not membership.is_privacy_officer
    with scope(network=network):
        actions = list(
            AuditEvent.objects.filter(action__startswith="membership.privacy_officer")
            .order_by("created_at", "id")
            .values_list("action", flat=True)
        )
    assert actions == [
        "membership.privacy_officer_proposed",
        "membership.privacy_officer_confirmed",
        "membership.privacy_officer_unset",
    ]


def test_only_a_coordinator_may_propose(network, members):
    from django.core.exceptions import PermissionDenied

    from wijknet.accesslog import services

    with scope(network=network):
        membership = Membership.objects.get(user=members["partner"])
        with pytest.raises(PermissionDenied):
            services.privacy_officer_propose(acting_user=members["core"], membership=membership)


@pytest.mark.parametrize("count", [1, 3])
def test_search_query_count(
    client, network, officer, coordinator, count, django_assert_num_queries
):
    for _ in range(count):
        add_record(network, coordinator)
    login_verified(client, officer)
    client.get(url("search", network))  # warm the session
    with django_assert_num_queries(QUERIES["search"]):
        assert client.get(url("search", network)).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_officers_query_count(client, network, coordinator, count, django_assert_num_queries):
    for _ in range(count):
        MembershipFactory(network=network)
    client.force_login(coordinator)
    with django_assert_num_queries(QUERIES["officers"]):
        assert client.get(url("officers", network)).status_code == 200


QUERIES = {"search": 8, "officers": 5}


def test_export_neutralises_formulas_in_names(client, network, officer):
    add_record(network, None, user_name="=HYPERLINK(1)", user_email="@evil.example")
    login_verified(client, officer)
    response = client.get(url("export", network))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][1:3] == ["'=HYPERLINK(1)", "'@evil.example"]
