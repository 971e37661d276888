"""Retention of client records (settings.CASEWORK_RETENTION_DAYS, docs/privacy.md): the last
activity, the notice, the scheduled job and the decision to keep a record ("bewaren")."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from wijknet.accesslog.models import AccessLogRecord
from wijknet.core.models import AuditEvent
from wijknet.notifications import kinds
from wijknet.notifications.models import Notification

from .. import jobs, queries, services
from ..models import Client, Dimension
from .conftest import make_case

pytestmark = pytest.mark.django_db

T0 = datetime(2024, 3, 4, 10, 0, tzinfo=UTC)
DAYS = 745
LATER = T0 + timedelta(days=100)


def _at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def old_case(network):
    """A case recorded (client, consent, team) at T0."""
    with _at(T0):
        return make_case(network)


def _last_activity(case, now=None):
    with scope(network=case.network):
        case.client.refresh_from_db()
        return queries.retention(case.client, now)["last_activity"]


def _consent_fields(orgs):
    return {
        "purpose": "plan",
        "organisations": orgs,
        "given_by": "resident",
        "representative_name": "",
        "method": "schriftelijk",
        "given_at": timezone.localdate(),
        "valid_until": None,
    }


def _extend(case, reason="De bewoner wil het team houden", user=None, membership=None):
    return services.client_retention_extend(
        acting_user=user or case.recorder,
        membership=membership or case.recorder_membership,
        client=case.client,
        reason=reason,
    )


def _conference(case):
    return services.conference_record(
        acting_user=case.member,
        membership=case.member_membership,
        client=case.client,
        participants=[case.team_member],
        agreements=[{"text": "A", "responsible": case.team_member, "due_on": None}],
        held_on=timezone.localdate(),
        resident_present=True,
        mantelzorger_present=False,
        others="",
        notes="",
        fed_back_resident=False,
        fed_back_mantelzorger=False,
        feedback_how="",
        feedback_on=None,
    )


# --- last activity -----------------------------------------------------------------------------


def _plan_update(case):
    plan = queries.plan(case.client)
    plan.client = case.client
    services.plan_update(
        acting_user=case.member,
        membership=case.member_membership,
        plan=plan,
        expected_version=plan.version,
        wil="Weer zelf boodschappen doen",
    )


def _goal(case):
    plan = queries.plan(case.client)
    plan.client = case.client
    services.goal_add(
        acting_user=case.member,
        membership=case.member_membership,
        plan=plan,
        dimension=Dimension.MEEDOEN,
        text="Naar de buurtkamer",
    )


def _measurement(case):
    services.measurement_record(
        acting_user=case.member,
        membership=case.member_membership,
        client=case.client,
        measured_on=timezone.localdate(),
        filled_by="resident",
        scores={d: (6, "", False) for d in Dimension.values},
    )


def _withdraw(case):
    services.consent_withdraw(
        acting_user=case.recorder, membership=case.recorder_membership, consent=case.consent
    )


def _new_consent(case):
    services.consent_record(
        acting_user=case.recorder,
        membership=case.recorder_membership,
        client=case.client,
        **_consent_fields([case.org_c]),
    )


def _team_add(case):
    services.consent_supersede(
        acting_user=case.recorder,
        membership=case.recorder_membership,
        consent=case.consent,
        **_consent_fields([case.org_a, case.org_b, case.org_c]),
    )
    services.team_add(
        acting_user=case.recorder,
        membership=case.recorder_membership,
        client=case.client,
        member_membership=case.outside.memberships.get(),
        role="Ouderenwerker",
    )


ACTIVITIES = {
    "plan_text": _plan_update,
    "goal": _goal,
    "measurement": _measurement,
    "mdo": _conference,
    "consent_withdrawn": _withdraw,
    "consent_recorded": _new_consent,
    "team_member_added": _team_add,
}


def test_last_activity_of_a_new_case_is_its_recording(old_case):
    assert _last_activity(old_case) == T0


@pytest.mark.parametrize("activity", ACTIVITIES)
def test_each_kind_of_activity_moves_the_last_activity(old_case, activity):
    with _at(LATER), scope(network=old_case.network):
        ACTIVITIES[activity](old_case)
    assert _last_activity(old_case) == LATER


def test_changing_an_action_counts_as_a_plan_change(old_case):
    with _at(T0), scope(network=old_case.network):
        action = _conference(old_case).agreements.get()
        action.plan.client = old_case.client
    with _at(LATER), scope(network=old_case.network):
        services.action_update(
            acting_user=old_case.member,
            membership=old_case.member_membership,
            action=action,
            expected_version=action.version,
            status="done",
        )
    assert _last_activity(old_case) == LATER


def test_reading_does_not_count(client, old_case, verified):
    with _at(LATER):
        verified(client, old_case.member)
        for name in ("detail", "plan", "health", "export_html"):
            target = reverse(f"casework:{name}", args=[old_case.network.slug, old_case.client.uuid])
            assert client.get(target).status_code == 200
    assert _last_activity(old_case) == T0


def test_last_activity_is_the_latest_of_all_sources(old_case):
    with _at(T0 + timedelta(days=10)), scope(network=old_case.network):
        _measurement(old_case)
    with _at(T0 + timedelta(days=30)), scope(network=old_case.network):
        _conference(old_case)
    with _at(T0 + timedelta(days=20)), scope(network=old_case.network):
        _goal(old_case)
    assert _last_activity(old_case) == T0 + timedelta(days=30)


def test_the_list_annotation_takes_one_query_for_any_number_of_clients(
    network, django_assert_num_queries
):
    with _at(T0):
        first = make_case(network, name="Een")
    with _at(T0 + timedelta(days=DAYS + 1)), scope(network=network):
        for name in ("Twee", "Drie"):
            services.client_create(
                acting_user=first.recorder,
                membership=first.recorder_membership,
                network=network,
                name=name,
                birth_year=1960,
            )
        with django_assert_num_queries(1):
            rows = list(queries.clients(network, first.recorder_membership))
    assert [(c.name, c.retention_due) for c in rows] == [
        ("Drie", False),
        ("Een", True),
        ("Twee", False),
    ]


def test_the_period_follows_the_setting(old_case):
    with scope(network=old_case.network):
        assert not queries.retention(old_case.client, T0 + timedelta(days=DAYS - 1))["due"]
        assert queries.retention(old_case.client, T0 + timedelta(days=DAYS + 1))["due"]
        with override_settings(CASEWORK_RETENTION_DAYS=30):
            assert queries.retention(old_case.client, T0 + timedelta(days=31))["due"]


# --- the job -----------------------------------------------------------------------------------


def _notifications(user=None):
    with scopes_disabled():
        rows = Notification.objects.filter(kind=kinds.RETENTION_DUE).order_by("pk")
        if user is not None:
            rows = rows.filter(recipient=user)
        return list(rows)


def test_job_notifies_the_coordinating_contact_once_without_the_name(old_case):
    assert jobs.flag_retention_due(T0 + timedelta(days=DAYS - 1)) == 0
    due = T0 + timedelta(days=DAYS + 1)
    with _at(due):
        assert jobs.flag_retention_due(due) == 1
        assert jobs.flag_retention_due(due) == 0
    with _at(due + timedelta(days=7)):
        assert jobs.flag_retention_due(due + timedelta(days=7)) == 0
    [notification] = _notifications()
    # The first team member is the coordinating contact.
    assert notification.recipient == old_case.member
    assert notification.network == old_case.network
    text = notification.title + notification.body + notification.url
    for personal in ("Anna", "Wit", "1948", "Oosterpark", "Karel"):
        assert personal not in text
    assert notification.url == reverse(
        "casework:detail", args=[old_case.network.slug, old_case.client.uuid]
    )
    with scopes_disabled():
        assert Client.objects.get(pk=old_case.client.pk).retention_notified_at == due


def test_job_asks_again_only_after_a_kept_record_expires_again(old_case):
    first = T0 + timedelta(days=DAYS + 1)
    with _at(first):
        assert jobs.flag_retention_due(first) == 1
        with scope(network=old_case.network):
            _extend(old_case)
        assert jobs.flag_retention_due(first) == 0
    almost = first + timedelta(days=DAYS - 1)
    with _at(almost):
        assert jobs.flag_retention_due(almost) == 0
    again = first + timedelta(days=DAYS + 1)
    with _at(again):
        assert jobs.flag_retention_due(again) == 1
        assert jobs.flag_retention_due(again) == 0
    assert len(_notifications(old_case.member)) == 2


def test_new_activity_after_the_notice_starts_a_new_period(old_case):
    first = T0 + timedelta(days=DAYS + 1)
    with _at(first):
        jobs.flag_retention_due(first)
    with _at(first + timedelta(days=1)), scope(network=old_case.network):
        _measurement(old_case)
    assert jobs.flag_retention_due(first + timedelta(days=DAYS)) == 0
    assert jobs.flag_retention_due(first + timedelta(days=DAYS + 2)) == 1


def test_job_falls_back_to_the_recorder_without_a_current_coordinating_contact(old_case):
    old_case.member_membership.ended_at = T0 + timedelta(days=5)
    old_case.member_membership.save()
    due = T0 + timedelta(days=DAYS + 1)
    with _at(due):
        assert jobs.flag_retention_due(due) == 1
    assert [n.recipient for n in _notifications()] == [old_case.recorder]


# --- the notice --------------------------------------------------------------------------------

NOTICE = "Bewaartermijn verstreken — wissen of bewaren?"


def test_notice_on_the_client_pages_and_in_the_list(client, old_case, verified):
    with _at(T0 + timedelta(days=DAYS + 1)):
        verified(client, old_case.recorder)
        listing = client.get(reverse("casework:list", args=[old_case.network.slug]))
        assert "bewaartermijn verstreken — wissen of bewaren?" in listing.content.decode()
        for name in ("detail", "plan", "health", "mdo_list"):
            page = client.get(
                reverse(f"casework:{name}", args=[old_case.network.slug, old_case.client.uuid])
            ).content.decode()
            assert NOTICE in page, name
            assert (
                reverse("casework:erase", args=[old_case.network.slug, old_case.client.uuid])
                in page
            )
            assert (
                reverse(
                    "casework:retention_extend", args=[old_case.network.slug, old_case.client.uuid]
                )
                in page
            )


def test_no_notice_within_the_period(client, old_case, verified):
    with _at(T0 + timedelta(days=DAYS - 1)):
        verified(client, old_case.recorder)
        listing = client.get(reverse("casework:list", args=[old_case.network.slug]))
        detail = client.get(
            reverse("casework:detail", args=[old_case.network.slug, old_case.client.uuid])
        )
    assert "bewaartermijn verstreken" not in listing.content.decode()
    assert NOTICE not in detail.content.decode()


def _with_other_team_member(case):
    """`outside` joins the team (not as coordinating contact): sees the client, may not
    decide about erasure or keeping."""
    with scope(network=case.network):
        _team_add(case)
        return case.outside.memberships.get()


def test_team_member_who_may_not_decide_sees_the_notice_without_the_actions(
    client, old_case, verified
):
    with _at(T0 + timedelta(days=1)):
        _with_other_team_member(old_case)
    with _at(T0 + timedelta(days=1 + DAYS + 1)):
        verified(client, old_case.outside)
        page = client.get(
            reverse("casework:detail", args=[old_case.network.slug, old_case.client.uuid])
        ).content.decode()
        extend = client.get(
            reverse("casework:retention_extend", args=[old_case.network.slug, old_case.client.uuid])
        )
    assert NOTICE in page
    assert "Wie de cliënt heeft vastgelegd of het aanspreekpunt beslist hierover." in page
    assert extend.status_code == 403


# --- keeping the record ------------------------------------------------------------------------


def test_extend_records_the_reason_restarts_the_period_and_is_logged(old_case):
    now = T0 + timedelta(days=DAYS + 1)
    with _at(now), scope(network=old_case.network):
        _extend(old_case, reason="Bewoner Anna wil het team houden")
        retention = queries.retention(old_case.client)
    assert old_case.client.retention_extended_at == now
    assert old_case.client.retention_extended_by == old_case.recorder
    assert retention["last_activity"] == now and not retention["due"]
    with scopes_disabled():
        record = AccessLogRecord.objects.filter(client_uuid=old_case.client.uuid).latest("id")
        event = AuditEvent.objects.filter(action="casework.retention_extended").get()
    assert (record.action, record.category, record.detail) == ("update", "retention", "bewaren")
    assert record.user == old_case.recorder
    assert record.consent_uuid == old_case.consent.uuid
    assert "Anna" not in event.summary and not event.data
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT retention_reason FROM casework_client WHERE id = %s", [old_case.client.pk]
        )
        assert "Anna" not in cursor.fetchone()[0]  # encrypted at rest


def test_extend_needs_a_reason_and_a_passed_period(old_case):
    with (
        _at(T0 + timedelta(days=DAYS - 1)),
        scope(network=old_case.network),
        pytest.raises(ValidationError, match="nog niet verstreken"),
    ):
        _extend(old_case)
    with _at(T0 + timedelta(days=DAYS + 1)), scope(network=old_case.network):
        with pytest.raises(ValidationError) as error:
            _extend(old_case, reason="  ")
        assert "reason" in error.value.error_dict


def test_only_recorder_or_coordinating_contact_may_extend(old_case):
    with _at(T0 + timedelta(days=1)):
        other = _with_other_team_member(old_case)
    with _at(T0 + timedelta(days=DAYS + 5)), scope(network=old_case.network):
        with pytest.raises(PermissionDenied):
            _extend(old_case, user=old_case.outside, membership=other)
        # The coordinating contact may.
        _extend(old_case, user=old_case.member, membership=old_case.member_membership)


def test_someone_who_cannot_see_the_client_cannot_extend(old_case, coordinator):
    with scope(network=old_case.network):
        membership = coordinator.memberships.get()
    with (
        _at(T0 + timedelta(days=DAYS + 1)),
        scope(network=old_case.network),
        pytest.raises(PermissionDenied),
    ):
        _extend(old_case, user=coordinator, membership=membership)


def test_extend_page(client, old_case, verified):
    target = reverse(
        "casework:retention_extend", args=[old_case.network.slug, old_case.client.uuid]
    )
    with _at(T0 + timedelta(days=DAYS + 1)):
        verified(client, old_case.member)
        page = client.get(target)
        assert page.status_code == 200
        assert 'for="id_reason"' in page.content.decode()
        empty = client.post(target, {"reason": ""})
        assert empty.status_code == 200
        assert "Dit veld is verplicht." in empty.content.decode()
        done = client.post(target, {"reason": "Traject loopt nog"}, follow=True)
        assert "de bewaartermijn begint opnieuw" in done.content.decode()
        assert NOTICE not in done.content.decode()
    with scopes_disabled():
        kept = Client.objects.get(pk=old_case.client.pk)
    assert kept.retention_reason == "Traject loopt nog"


def test_a_kept_record_shows_in_the_export(client, old_case, verified):
    with _at(T0 + timedelta(days=DAYS + 1)):
        with scope(network=old_case.network):
            _extend(old_case, reason="Traject loopt nog")
        verified(client, old_case.recorder)
        data = client.get(
            reverse("casework:export_json", args=[old_case.network.slug, old_case.client.uuid])
        ).json()
    assert data["client"]["retention_reason"] == "Traject loopt nog"


def test_list_query_count_is_the_same_with_clients_past_the_period(
    client, network, verified, django_assert_num_queries
):
    from .test_views import TestQueryCounts

    with _at(T0):
        first = make_case(network, name="Een")
    later = T0 + timedelta(days=DAYS + 10)
    target = reverse("casework:list", args=[network.slug])
    with _at(later):
        verified(client, first.recorder)
        with django_assert_num_queries(TestQueryCounts.CLIENT_LIST):
            assert "bewaartermijn verstreken" in client.get(target).content.decode()
    with _at(T0 + timedelta(days=1)), scope(network=network):
        for name in ("Twee", "Drie"):
            services.client_create(
                acting_user=first.recorder,
                membership=first.recorder_membership,
                network=network,
                name=name,
                birth_year=1960,
            )
    with _at(later):
        verified(client, first.recorder)
        with django_assert_num_queries(TestQueryCounts.CLIENT_LIST):
            response = client.get(target)
    assert response.content.decode().count("bewaartermijn verstreken") == 3
