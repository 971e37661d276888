"""Django's `flush`, which on a *test* database may also empty the access log.

Tests that use `transactional_db` or `live_server` end with a flush; on SQLite that is a DELETE,
which the access log's trigger refuses. On any other database (a real one) the trigger still
refuses, so `manage.py flush` cannot wipe the access log.
"""

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from wijknet.accesslog.db import is_test_database, test_flush_allowed


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor == "sqlite" and is_test_database(connection):
            with test_flush_allowed(connection.alias):
                return super().handle(**options)
        return super().handle(**options)
