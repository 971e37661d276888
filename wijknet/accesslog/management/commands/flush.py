"""Django's `flush`, which refuses to empty the access log (NEN 7513: kept five years).

An app's management command overrides Django's own of the same name, so `manage.py flush` and
`call_command("flush")` both end up here. While the access log has rows, `flush` refuses with a
message, before touching any table; the database triggers would refuse as well (row triggers
on SQLite, where flush DELETEs; the TRUNCATE trigger of migration 0003 on PostgreSQL).

The test suite is the one exception: Django's TransactionTestCase and pytest-django's
`transactional_db` / `live_server` flush the database after every test. That flush is let
through only when `db.test_flush_permitted()`: settings.ACCESS_LOG_ALLOW_TEST_FLUSH is on
(False in settings.py; only wijknet/conftest.py and e2e/conftest.py switch it on) AND the database
is a test database (in-memory or named "test…"). Production never has both.
"""

from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from wijknet.accesslog.db import access_log_has_rows, test_flush_allowed, test_flush_permitted


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if not access_log_has_rows(connection):
            return super().handle(**options)
        if not test_flush_permitted(connection):
            raise CommandError(
                "flush geweigerd: het inzagelog (accesslog_accesslogrecord) bevat regels en "
                "moet minstens vijf jaar bewaard blijven (NEN 7513). flush zou het hele log "
                "wissen. Alleen de bewaartermijnopschoning (wijknet.accesslog.jobs."
                "purge_expired) verwijdert regels, en alleen als ze ouder zijn dan de "
                "bewaartermijn. Zie docs/privacy.md."
            )
        with test_flush_allowed(connection.alias):
            return super().handle(**options)
