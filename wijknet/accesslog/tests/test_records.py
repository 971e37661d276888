"""The access log is append-only on the model, the QuerySet and the database."""

import uuid

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, OrganisationFactory
from wijknet.accesslog import services
from wijknet.accesslog.models import AccessLogRecord, Action, AppendOnlyError
from wijknet.accounts.models import User

from .helpers import FakeConsent, add_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def professional(network):
    organisation = OrganisationFactory(network=network, name="Wijkteam Oost")
    return MembershipFactory(
        network=network,
        role="partner",
        organisation=organisation,
        user__full_name="Petra Prof",
        user__email="petra@example.org",
    ).user


def test_record_access_snapshots_who_where_and_ground(network, professional):
    client_uuid = uuid.uuid4()
    consent = FakeConsent("Afstemming zorgplan")
    request = RequestFactory().get(
        "/x", REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="Firefox/" + "x" * 400
    )
    with transaction.atomic():
        record = services.record_access(
            user=professional,
            network=network,
            client_uuid=client_uuid,
            action=Action.READ,
            category="zorgplan",
            consent=consent,
            request=request,
            on_behalf_of="Huisarts De Vries",
            detail="Plan bekeken",
        )
    record.refresh_from_db()
    assert record.user == professional
    assert record.user_name == "Petra Prof"
    assert record.user_email == "petra@example.org"
    assert record.organisation_name == "Wijkteam Oost"
    assert record.role == "partner"
    assert record.client_uuid == client_uuid
    assert record.consent_uuid == consent.uuid
    assert record.purpose == "Afstemming zorgplan"
    assert record.ip_address == "192.0.2.7"
    assert len(record.user_agent) == 300
    assert record.on_behalf_of == "Huisarts De Vries"
    assert record.detail == "Plan bekeken"


def test_record_access_without_consent_or_request(network, professional):
    with transaction.atomic():
        record = services.record_access(
            user=professional,
            network=network,
            client_uuid=uuid.uuid4(),
            action=Action.CREATE,
            category="cliënt",
        )
    assert record.consent_uuid is None
    assert record.purpose == ""
    assert record.ip_address is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("flush", [False, True])
def test_a_lists_record_is_written_on_its_own(settings, network, professional, flush):
    """A list only reads: its record is its one write, committed by itself (on PostgreSQL
    without waiting for the disk unless ACCESS_LOG_FLUSH_LISTS)."""
    settings.ACCESS_LOG_FLUSH_LISTS = flush
    with CaptureQueriesContext(connection) as queries:
        record = services.record_list(
            user=professional, network=network, category="identity", label="lijst", count=4
        )
    *_membership, insert = queries.captured_queries
    unflushed = connection.vendor == "postgresql" and not flush
    # The statement as logged (a prepared one is logged as its SQL's repr, quotes escaped).
    assert ("synchronous_commit" in insert["sql"]) is unflushed
    with scopes_disabled():
        stored = AccessLogRecord.objects.get(pk=record.pk)
    assert (stored.action, stored.client_uuid, stored.detail) == (Action.SEARCH, None, "lijst: 4")
    assert stored.organisation_name == "Wijkteam Oost" and stored.role == "partner"


@pytest.mark.django_db(transaction=True)
def test_record_access_refuses_outside_a_transaction(network, professional):
    with pytest.raises(RuntimeError):
        services.record_access(
            user=professional,
            network=network,
            client_uuid=uuid.uuid4(),
            action=Action.READ,
            category="dossier",
        )


def test_record_access_refuses_unknown_action(network, professional):
    with transaction.atomic(), pytest.raises(ValueError):
        services.record_access(
            user=professional,
            network=network,
            client_uuid=uuid.uuid4(),
            action="peek",
            category="dossier",
        )


def test_a_failing_log_write_fails_the_action(network, professional):
    """The action and its record land together or not at all."""
    with scope(network=network):
        before = AccessLogRecord.objects.count()
    with pytest.raises(ValueError), transaction.atomic():
        professional.full_name = "Changed in the action"
        professional.save()
        services.record_access(
            user=professional,
            network=network,
            client_uuid=uuid.uuid4(),
            action=Action.READ,
            category="",  # refused
        )
    professional.refresh_from_db()
    assert professional.full_name == "Petra Prof"
    with scope(network=network):
        assert AccessLogRecord.objects.count() == before


def test_model_refuses_save_of_existing_row_and_delete(network, professional):
    record = add_record(network, professional)
    record.detail = "changed"
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()


def test_queryset_refuses_update_and_delete(network, professional):
    add_record(network, professional)
    with scope(network=network):
        with pytest.raises(AppendOnlyError):
            AccessLogRecord.objects.all().update(detail="x")
        with pytest.raises(AppendOnlyError):
            AccessLogRecord.objects.filter(network=network).delete()
        assert AccessLogRecord.objects.count() == 1


def _table():
    return connection.ops.quote_name(AccessLogRecord._meta.db_table)


def test_database_refuses_update(network, professional):
    record = add_record(network, professional)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_table()} SET detail = 'x' WHERE id = %s", [record.pk])
    with scopes_disabled():
        assert AccessLogRecord.objects.get(pk=record.pk).detail == ""


def test_database_refuses_moving_a_record_to_another_user(network, professional):
    record = add_record(network, professional)
    other = MembershipFactory(network=network).user
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_table()} SET user_id = %s WHERE id = %s", [other.pk, record.pk])


def test_database_refuses_delete_of_recent_rows(network, professional):
    record = add_record(network, professional)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_table()} WHERE id = %s", [record.pk])
    with scopes_disabled():
        assert AccessLogRecord.objects.filter(pk=record.pk).exists()


def test_database_refuses_delete_of_old_rows_without_the_purge_flag(network, professional):
    from .helpers import years_ago

    record = add_record(network, professional, at=years_ago(6))
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_table()} WHERE id = %s", [record.pk])


def test_deleting_a_user_keeps_their_records(network, professional):
    """Django's SET NULL is the one UPDATE the trigger lets through; the snapshot remains."""
    record = add_record(network, professional)
    User.objects.filter(pk=professional.pk).delete()
    with scopes_disabled():
        record = AccessLogRecord.objects.get(pk=record.pk)
    assert record.user is None
    assert record.user_email == "petra@example.org"
    assert record.user_name == "Petra Prof"


def test_a_network_with_an_access_log_cannot_be_deleted(network, professional):
    from django.db.models import ProtectedError

    add_record(network, professional)
    with pytest.raises(ProtectedError):
        network.delete()


def test_trigger_migration_lists_every_column_but_user():
    """The UPDATE trigger compares every column; a new column must be added to it."""
    import importlib

    migration = importlib.import_module("wijknet.accesslog.migrations.0002_append_only_triggers")
    columns = {f.column for f in AccessLogRecord._meta.concrete_fields} - {"user_id"}
    assert set(migration.COLUMNS) == columns


@pytest.mark.django_db(transaction=True)
def test_a_test_database_can_still_be_flushed(network, professional):
    """Teardown of this test flushes the database; the access log row must not block it."""
    add_record(network, professional)


def test_flush_mode_is_refused_on_a_real_database(monkeypatch):
    from wijknet.accesslog import db

    monkeypatch.setattr(db, "is_test_database", lambda connection: False)
    with pytest.raises(RuntimeError), db.test_flush_allowed():
        pass  # pragma: no cover
