"""The access log cannot be erased: `flush` refuses it, the TRUNCATE trigger refuses it, and on
PostgreSQL the application's role (made by `manage.py db_app_role`) can only read and append.

The role tests switch Django's own default connection to the application role, so the real
application code (the ORM, `record_access`, the purge job, deleting a user) runs as that role.
"""

import uuid
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory
from wijknet.accesslog import db, dbroles, jobs, services
from wijknet.accesslog.models import AccessLogRecord, AccessReview
from wijknet.accounts.models import User
from wijknet.networks.models import Network

from .helpers import add_record, years_ago

TABLE = "accesslog_accesslogrecord"
postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="roles and TRUNCATE exist on PostgreSQL only"
)


def _log_count():
    with scopes_disabled():
        return AccessLogRecord.objects.count()


# --- flush (both databases) -----------------------------------------------------------------


@pytest.mark.django_db
def test_flush_refuses_while_the_log_has_rows(settings, network, coordinator):
    settings.ACCESS_LOG_ALLOW_TEST_FLUSH = False  # as in production (settings.py)
    add_record(network, coordinator)
    with pytest.raises(CommandError, match="flush geweigerd: het inzagelog"):
        call_command("flush", interactive=False, verbosity=0)
    assert _log_count() == 1
    assert Network.objects.filter(pk=network.pk).exists()  # nothing else emptied either


@pytest.mark.django_db
def test_flush_refuses_a_database_that_is_not_a_test_database(monkeypatch, network, coordinator):
    """The test-suite setting alone is not enough: the database must be a test database too."""
    from django.conf import settings

    assert settings.ACCESS_LOG_ALLOW_TEST_FLUSH is True  # switched on by wijknet/conftest.py
    monkeypatch.setattr(db, "is_test_database", lambda connection: False)
    add_record(network, coordinator)
    with pytest.raises(CommandError, match="flush geweigerd"):
        call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(RuntimeError), db.test_flush_allowed():
        pass  # pragma: no cover
    assert _log_count() == 1


@pytest.mark.django_db
def test_flush_of_an_empty_log_still_works(settings, network):
    settings.ACCESS_LOG_ALLOW_TEST_FLUSH = False
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    assert not Network.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_test_suite_may_flush_a_log_with_rows(network, coordinator):
    """Teardown of this transactional test flushes the test database with a row in the log
    (DELETE on SQLite, TRUNCATE on PostgreSQL); it must pass, and the next test starts empty."""
    add_record(network, coordinator)
    assert _log_count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_log_is_empty_after_the_previous_flush():
    assert _log_count() == 0


@pytest.mark.django_db
def test_role_commands_explain_they_do_not_apply_to_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    out = StringIO()
    call_command("db_app_role", "wijknet_app", stdout=out)
    call_command("check_db_roles", stdout=out)
    assert "db_app_role is niet van toepassing op sqlite" in out.getvalue()
    assert "check_db_roles is niet van toepassing op sqlite" in out.getvalue()


# --- TRUNCATE trigger (PostgreSQL) ----------------------------------------------------------


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    "statement", [f"TRUNCATE {TABLE}", "TRUNCATE networks_network CASCADE"], ids=["log", "cascade"]
)
def test_even_the_owner_cannot_truncate_a_log_with_rows(network, coordinator, statement):
    add_record(network, coordinator)
    with (
        pytest.raises(DatabaseError, match="TRUNCATE refused"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # Rows written in this (test) transaction leave deferred foreign-key checks pending,
        # which PostgreSQL would complain about before the trigger gets its turn.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(statement)
    assert _log_count() == 1


# --- the application role (PostgreSQL) ------------------------------------------------------

PASSWORD = "app-role-test-password"


@pytest.fixture
def app_role(transactional_db, monkeypatch):
    """A fresh application role made by `manage.py db_app_role` (roles are cluster-wide, so the
    name is random and the role is dropped afterwards)."""
    name = f"wijknet_app_{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("WIJKNET_TEST_APP_PASSWORD", PASSWORD)
    out = StringIO()
    call_command("db_app_role", name, "--password-env", "WIJKNET_TEST_APP_PASSWORD", stdout=out)
    assert f"Rol {name} aangemaakt." in out.getvalue()
    yield name
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {name}")
        cursor.execute(f"DROP ROLE {name}")


@contextmanager
def connected_as(role):
    """Django's default connection logs in as `role` (a new session) until the block ends."""
    owner_settings = connection.settings_dict
    connection.close()
    connection.settings_dict = {**owner_settings, "USER": role, "PASSWORD": PASSWORD}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == role
        yield
    finally:
        connection.close()
        connection.settings_dict = owner_settings


def _refused(statement, params=None):
    """Run one statement in its own transaction; return the psycopg error class it raised."""
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as c:
        c.execute(statement, params)
    return type(error.value.__cause__)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_app_role_can_read_and_append_but_not_change_or_erase_the_log(
    app_role, settings, network, coordinator
):
    existing = add_record(network, coordinator)
    other = MembershipFactory(network=network).user
    with connected_as(app_role):
        appended = add_record(network, coordinator)  # INSERT through the ORM
        # A list's record: one INSERT on its own, committed without waiting for the disk.
        listed = services.record_list(
            user=coordinator, network=network, category="identity", label="lijst", count=2
        )
        assert _log_count() == 3  # SELECT
        denied = psycopg.errors.InsufficientPrivilege
        assert _refused(f"UPDATE {TABLE} SET detail = 'weg' WHERE id = %s", [existing.pk]) is denied
        assert _refused(f"DELETE FROM {TABLE} WHERE id = %s", [existing.pk]) is denied
        assert _refused(f"DELETE FROM {TABLE}") is denied
        assert _refused(f"TRUNCATE {TABLE}") is denied
        assert _refused("TRUNCATE networks_network CASCADE") is denied
        assert _refused(f"DROP TRIGGER accesslog_append_only ON {TABLE}") is denied
        assert _refused(f"DROP TRIGGER accesslog_no_truncate ON {TABLE}") is denied
        assert _refused(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER") is denied
        assert _refused(f"DROP TABLE {TABLE}") is denied
        assert _refused("DROP FUNCTION accesslog_purge_expired(timestamptz)") is denied
        with connection.cursor() as cursor:  # a GRANT without the right only warns
            cursor.execute(f"GRANT DELETE ON {TABLE} TO {app_role}")
            cursor.execute("SELECT has_table_privilege(%s, 'DELETE')", [TABLE])
            assert cursor.fetchone()[0] is False
        # The one column it may update, user_id, is still guarded by the row trigger.
        assert (
            _refused(f"UPDATE {TABLE} SET user_id = %s WHERE id = %s", [other.pk, existing.pk])
            is psycopg.errors.RaiseException
        )
        settings.ACCESS_LOG_ALLOW_TEST_FLUSH = False
        with pytest.raises(CommandError, match="flush geweigerd"):
            call_command("flush", interactive=False, verbosity=0)
        role, problems = dbroles.problems_for_current_role(connection)
        assert (role, problems) == (app_role, [])
    assert _log_count() == 3
    with scopes_disabled():
        assert set(AccessLogRecord.objects.values_list("pk", flat=True)) == {
            existing.pk,
            appended.pk,
            listed.pk,
        }
        assert AccessLogRecord.objects.get(pk=existing.pk).detail == ""


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_app_role_deletes_users_purges_and_writes_application_tables(
    app_role, network, coordinator
):
    """The application still works as that role: normal tables are writable, deleting a user
    keeps their log rows (user_id set to NULL), and the daily purge removes only rows past
    the retention, through the owner's function."""
    old = add_record(network, coordinator, at=years_ago(6))
    young = add_record(network, coordinator, at=years_ago(4))
    leaver = MembershipFactory(network=network, user__email="weg@example.org").user
    leavers_record = add_record(network, leaver)
    with connected_as(app_role), scope(network=network):
        review = AccessReview.objects.create(network=network, day=timezone.localdate())
        AccessReview.objects.filter(pk=review.pk).update(findings=3)
        assert AccessReview.objects.get(pk=review.pk).findings == 3
        AccessReview.objects.filter(pk=review.pk).delete()
        Network.objects.filter(pk=network.pk).update(name="Gezond Oost-West")

        User.objects.filter(pk=leaver.pk).delete()

        assert jobs.purge_expired(timezone.now()) == 1
        # A clock far ahead does not get past the database's five years.
        with pytest.raises(DatabaseError, match="DELETE refused"):
            jobs.purge_expired(timezone.now() + timedelta(days=365 * 3))
    network.refresh_from_db()
    assert network.name == "Gezond Oost-West"
    with scopes_disabled():
        assert not AccessReview.objects.exists()
    with scopes_disabled():
        remaining = {r.pk: r for r in AccessLogRecord.objects.all()}
    assert set(remaining) == {young.pk, leavers_record.pk}
    assert old.pk not in remaining
    assert remaining[leavers_record.pk].user_id is None
    assert remaining[leavers_record.pk].user_email == "weg@example.org"


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_tables_of_later_migrations_are_writable_by_the_app_role(app_role):
    """ALTER DEFAULT PRIVILEGES FOR ROLE owner: a table the owner creates later (a migration)
    is usable without running db_app_role again."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE secd_later (id bigint GENERATED BY DEFAULT AS IDENTITY, x int)"
        )
    try:
        with connected_as(app_role), connection.cursor() as cursor:
            cursor.execute("INSERT INTO secd_later (x) VALUES (1) RETURNING id")
            assert cursor.fetchone()[0] == 1
            cursor.execute("UPDATE secd_later SET x = 2")
            cursor.execute("DELETE FROM secd_later")
            assert cursor.rowcount == 1
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE secd_later")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_db_app_role_is_idempotent_and_repairs_extra_rights(app_role):
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT DELETE, TRUNCATE ON {TABLE} TO {app_role}")
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
        assert dbroles.problems_for_role(cursor, app_role, schema) == [
            f"Rol {app_role} heeft DELETE op {schema}.{TABLE}.",
            f"Rol {app_role} heeft TRUNCATE op {schema}.{TABLE}.",
        ]
    out = StringIO()
    call_command("db_app_role", app_role, stdout=out)
    assert f"Rol {app_role} bestond al; rechten opnieuw gezet." in out.getvalue()
    with connection.cursor() as cursor:
        assert dbroles.problems_for_role(cursor, app_role, schema) == []


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "message"),
    [("postgres", "mag niet de eigenaar"), ("Robert'); DROP TABLE x;--", "Ongeldige rolnaam")],
)
def test_db_app_role_refuses_the_owner_and_odd_names(name, message):
    with pytest.raises(CommandError, match=message):
        call_command("db_app_role", name, stdout=StringIO())


@postgres_only
@pytest.mark.django_db
def test_check_db_roles_fails_in_production_when_the_app_owns_the_log(settings):
    """The test database is owned by the role the tests connect as: exactly the setup the
    check must flag."""
    settings.DEBUG = False
    err = StringIO()
    with pytest.raises(CommandError, match="problemen met de databaserol"):
        call_command("check_db_roles", stderr=err)
    assert "is de eigenaar van het inzagelog" in err.getvalue()
    settings.DEBUG = True  # development: warnings only
    err = StringIO()
    call_command("check_db_roles", stderr=err)
    assert "is de eigenaar van het inzagelog" in err.getvalue()


@postgres_only
@pytest.mark.django_db
def test_check_db_roles_notices_a_missing_trigger_and_a_purge_it_cannot_run():
    """pg_monitor (a built-in role) stands for a role without the grants of db_app_role."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER accesslog_no_truncate")
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
        problems = dbroles.problems_for_role(cursor, "pg_monitor", schema)
    assert problems == [
        "Rol pg_monitor mag accesslog_purge_expired(timestamptz) niet uitvoeren: de dagelijkse "
        "opschoning zou mislukken (voer db_app_role opnieuw uit na migrate).",
        f"Trigger accesslog_no_truncate op {schema}.{TABLE} ontbreekt of staat uit.",
    ]
