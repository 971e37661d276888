"""Database-level protection of the access log.

Migration accesslog/0002 installs triggers that abort every UPDATE of an access log record
(except the one Django issues when a user is deleted: `user_id` set to NULL, every other column
unchanged) and every DELETE — unless both hold:

1. the row is older than five calendar years by the *database* clock (the legal minimum of
   NEN 7513 / WGBO; the configured retention may only be longer), and
2. the purge has switched on its flag for this connection: `purge_allowed()`.

The flag is a transaction-local setting on PostgreSQL (`SET LOCAL`-style
`set_config('wijknet.accesslog_purge', 'on', true)`) and, on SQLite, an application function
(`wijknet_accesslog_delete_mode()`) registered on every connection that reads a flag on the
Django connection. A session that
does not go through this module — another program, the sqlite3 shell — cannot delete records at
all (on SQLite the function does not even exist there).

On PostgreSQL, migration accesslog/0003 adds a statement-level trigger that refuses TRUNCATE
while the log has rows, and `accesslog_purge_expired(cutoff)`, a SECURITY DEFINER function of the
migration owner through which the application role purges (it has no DELETE on the log; see
`manage.py db_app_role` and docs/privacy.md, "Database roles").

Emptying the log in tests: Django's `flush` (after every TransactionTestCase / `transactional_db`
/ `live_server` test) would hit the triggers. Our `flush` command lets it through only when
`test_flush_permitted()`: settings.ACCESS_LOG_ALLOW_TEST_FLUSH is on (False in settings.py; only
the test conftest switches it on) *and* the database is a test database (in-memory or named
"test…"). Otherwise `flush` refuses while the log has rows.
"""

from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_FUNCTION = "wijknet_accesslog_delete_mode"
PG_SETTING = "wijknet.accesslog_purge"
PG_TEST_FLUSH_SETTING = "wijknet.accesslog_test_flush"
PG_PURGE_FUNCTION = "accesslog_purge_expired"
TABLE = "accesslog_accesslogrecord"
# Values of the SQLite function (and the connection attribute it reads).
MODE_REFUSE, MODE_PURGE, MODE_TEST_FLUSH = 0, 1, 2
MODE_ATTR = "wijknet_accesslog_delete_mode"


def register_sqlite_function(sender, connection, **kwargs):
    """connection_created receiver: give every SQLite connection the delete-mode function."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        SQLITE_FUNCTION, 0, lambda: getattr(connection, MODE_ATTR, MODE_REFUSE)
    )


@contextmanager
def _mode(connection, mode):
    previous = getattr(connection, MODE_ATTR, MODE_REFUSE)
    setattr(connection, MODE_ATTR, mode)
    try:
        yield
    finally:
        setattr(connection, MODE_ATTR, previous)


@contextmanager
def purge_allowed(using: str = DEFAULT_DB_ALIAS):
    """Inside the caller's transaction: let the triggers accept DELETEs of rows older than five
    years. Only `jobs.purge_expired` uses this."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("purge_allowed() must run inside transaction.atomic()")
    connection.ensure_connection()
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [PG_SETTING])
    with _mode(connection, MODE_PURGE):
        yield
    # SET LOCAL semantics: the flag ends with the transaction anyway (also when the block above
    # failed); after success, switch it off at once.
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, '', true)", [PG_SETTING])


def is_test_database(connection) -> bool:
    name = str(connection.settings_dict.get("NAME") or "")
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    return in_memory or Path(name).name.startswith("test")


def test_flush_permitted(connection) -> bool:
    """May `flush` empty the access log on this connection? Only when the test suite said so
    explicitly (settings.ACCESS_LOG_ALLOW_TEST_FLUSH, switched on by the test conftest only)
    and the database is a test database. Never by default."""
    return bool(getattr(settings, "ACCESS_LOG_ALLOW_TEST_FLUSH", False)) and is_test_database(
        connection
    )


def access_log_has_rows(connection) -> bool:
    """Whether the access log table exists and holds at least one row (any network)."""
    if TABLE not in connection.introspection.table_names():
        return False
    table = connection.ops.quote_name(TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608
        return cursor.fetchone() is not None


@contextmanager
def test_flush_allowed(using: str = DEFAULT_DB_ALIAS):
    """For test teardown only: let Django's `flush` empty the access log. On SQLite `flush`
    DELETEs (refused by the row trigger unless the connection's mode says "test flush"); on
    PostgreSQL it TRUNCATEs (refused by the statement trigger of migration 0003 unless the
    session setting `wijknet.accesslog_test_flush` is on and the database is named "test…").
    Refuses to work unless `test_flush_permitted()`."""
    connection = connections[using]
    if not test_flush_permitted(connection):
        raise RuntimeError(
            "test_flush_allowed() is for test databases only, with "
            "settings.ACCESS_LOG_ALLOW_TEST_FLUSH switched on by the test suite"
        )
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        # Session-wide (flush runs its own transaction); switched off again below.
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [PG_TEST_FLUSH_SETTING])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, '', false)", [PG_TEST_FLUSH_SETTING])
        return
    with _mode(connection, MODE_TEST_FLUSH):
        yield
