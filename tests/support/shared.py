"""Rows built once for a whole test module and rolled back at its end."""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def shared_rows(django_db_blocker, build):
    """Run `build()` inside a transaction that stays open for the caller's block.

    Every test then runs in a savepoint inside it (pytest-django's per-test atomic nests), so a
    test's own writes are undone after it and the shared rows after the last test. Use it from a
    module-scoped fixture for expensive worlds (the authorization matrix, the demo) instead of
    rebuilding them for every test. Not for modules with `transaction=True` or live-server tests:
    their flush would empty the shared rows.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            value = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield value
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
