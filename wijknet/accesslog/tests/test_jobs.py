"""Retention purge, retention setting and the daily review job."""

import uuid
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory
from wijknet.accesslog import checks, jobs
from wijknet.accesslog.models import AccessLogRecord, AccessReview
from wijknet.notifications.models import Notification

from .helpers import add_record, years_ago

pytestmark = pytest.mark.django_db


def test_purge_deletes_only_rows_past_the_retention(network, coordinator):
    old = add_record(network, coordinator, at=years_ago(6))
    young = add_record(network, coordinator, at=years_ago(4))
    recent = add_record(network, coordinator)
    assert jobs.purge_expired(timezone.now()) == 1
    with scopes_disabled():
        remaining = set(AccessLogRecord.objects.values_list("pk", flat=True))
    assert remaining == {young.pk, recent.pk}
    assert old.pk not in remaining
    assert jobs.purge_expired(timezone.now()) == 0  # idempotent
    add_record(network, coordinator, at=years_ago(6))
    assert jobs.purge_expired(timezone.now()) == 0  # once a day
    assert jobs.purge_expired(timezone.now() + timedelta(days=1)) == 1


def test_purge_follows_a_longer_retention(settings, network, coordinator):
    settings.ACCESS_LOG_RETENTION_DAYS = 365 * 7
    add_record(network, coordinator, at=years_ago(6))
    assert jobs.purge_expired(timezone.now()) == 0


def test_the_database_refuses_a_purge_that_reaches_into_five_years(network, coordinator):
    """Even when the job is handed a clock far in the future, the trigger (database clock)
    keeps every row younger than five years."""
    from django.db import DatabaseError

    add_record(network, coordinator, at=years_ago(3))
    with pytest.raises(DatabaseError):
        jobs.purge_expired(timezone.now() + timedelta(days=365 * 3))
    with scopes_disabled():
        assert AccessLogRecord.objects.count() == 1


@pytest.mark.parametrize("days", [0, 365, 1826])
def test_a_retention_under_five_years_is_refused(settings, days):
    settings.ACCESS_LOG_RETENTION_DAYS = days
    with pytest.raises(ImproperlyConfigured):
        checks.retention_days()
    assert [e.id for e in checks.check_retention(None)] == ["accesslog.E001"]


def test_the_default_retention_passes_the_check(settings):
    assert settings.ACCESS_LOG_RETENTION_DAYS >= 1827
    assert checks.check_retention(None) == []


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def test_review_notifies_privacy_officers_once(settings, network, members, coordinator):
    settings.ACCESS_LOG_REVIEW_MAX_CLIENTS_PER_DAY = 2
    officer = MembershipFactory(network=network, role="core", is_privacy_officer=True).user
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    for _ in range(3):
        add_record(network, coordinator, at=_at(yesterday, 10), client_uuid=uuid.uuid4())
    now = _at(today, 6)
    assert jobs.review_access_log(now) == 1
    with scope(network=network):
        notes = Notification.objects.filter(recipient=officer, kind="access_review")
        assert notes.count() == 1
        note = notes.get()
        assert yesterday.isoformat() in note.url
        assert "1 opvallend patroon" in note.title
        # Not a privacy officer: no notification, even as a coordinator.
        assert not Notification.objects.filter(recipient=coordinator).exists()
    # Idempotent: a second run does nothing.
    assert jobs.review_access_log(now) == 0
    with scope(network=network):
        assert notes.count() == 1
        assert AccessReview.objects.get().findings == 1


def test_review_without_findings_notifies_nobody(network, coordinator):
    officer = MembershipFactory(network=network, role="core", is_privacy_officer=True).user
    yesterday = timezone.localdate() - timedelta(days=1)
    add_record(network, coordinator, at=_at(yesterday, 10))
    assert jobs.review_access_log(timezone.now()) == 1
    with scope(network=network):
        assert not Notification.objects.filter(recipient=officer).exists()


def test_the_purge_flag_ends_with_the_purge(network, coordinator):
    from django.db import DatabaseError, connection, transaction

    add_record(network, coordinator, at=years_ago(6))
    assert jobs.purge_expired(timezone.now()) == 1
    later = add_record(network, coordinator, at=years_ago(6))
    table = connection.ops.quote_name(AccessLogRecord._meta.db_table)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [later.pk])  # noqa: S608
