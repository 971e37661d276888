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
Django connection. Test databases on SQLite may also be emptied by Django's `flush` (our
`flush` command switches the flag for that; see management/commands/flush.py). A session that
does not go through this module — another program, the sqlite3 shell — cannot delete records at
all (on SQLite the function does not even exist there).

TRUNCATE is a privilege of the database owner, not of the application; in production the
application's database role should not own the tables (see docs/privacy.md).
"""

from contextlib import contextmanager
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_FUNCTION = "wijknet_accesslog_delete_mode"
PG_SETTING = "wijknet.accesslog_purge"
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
    return connection.is_in_memory_db() or Path(name).name.startswith("test")


@contextmanager
def test_flush_allowed(using: str = DEFAULT_DB_ALIAS):
    """For test teardown only. Django's `flush` (TransactionTestCase, `transactional_db`,
    `live_server`) empties tables with DELETE on SQLite, which the trigger refuses. Wrap the
    flush in this; it refuses to work on anything but a test database. (PostgreSQL flushes with
    TRUNCATE, which the row triggers do not see.)"""
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    if not is_test_database(connection):
        raise RuntimeError("test_flush_allowed() is for test databases only")
    with _mode(connection, MODE_TEST_FLUSH):
        yield
