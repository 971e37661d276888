"""The checks behind /healthz: is this app server fit to take requests?

- database: a trivial query answers;
- migrations: no migration of the running code is unapplied (the plan is empty);
- worker: the task worker ran the scheduled jobs recently (core.models.Heartbeat "worker",
  written by core.tasks.run_scheduled_jobs), so mail and reminders really go out.

Each check returns (ok, detail). The detail names a cause, never data.
"""

import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

CHECKS = ("database", "migrations", "worker")

# Migrations only move forward, so once this process saw them all applied it need not build
# the migration graph again on every probe; it looks again after this many seconds.
_MIGRATIONS_RECHECK_SECONDS = 300
_migrations_ok_until = 0.0


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Names of the migrations of the running code that the database lacks."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def reset_cache() -> None:
    global _migrations_ok_until
    _migrations_ok_until = 0.0


def check_database() -> tuple[bool, str]:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means: not reachable
        return False, f"unreachable ({type(error).__name__})"
    return True, "reachable"


def check_migrations() -> tuple[bool, str]:
    global _migrations_ok_until
    if time.monotonic() < _migrations_ok_until:
        return True, "all applied"
    missing = unapplied_migrations()
    if missing:
        return False, f"{len(missing)} unapplied"
    _migrations_ok_until = time.monotonic() + _MIGRATIONS_RECHECK_SECONDS
    return True, "all applied"


def check_worker() -> tuple[bool, str]:
    from .models import Heartbeat

    beat_at = Heartbeat.objects.filter(name="worker").values_list("beat_at", flat=True).first()
    limit = settings.HEALTHZ_HEARTBEAT_MAX_AGE_SECONDS
    if beat_at is None:
        return False, "no heartbeat yet"
    age = int((timezone.now() - beat_at).total_seconds())
    if age > limit:
        return False, f"last heartbeat {age} s ago (limit {limit} s)"
    return True, f"last heartbeat {age} s ago"


def run_checks() -> tuple[bool, dict[str, dict]]:
    """All checks in order; after a failed database check the others are not tried."""
    results: dict[str, dict] = {}
    db_ok, detail = check_database()
    results["database"] = {"ok": db_ok, "detail": detail}
    for name, check in (("migrations", check_migrations), ("worker", check_worker)):
        if not db_ok:
            results[name] = {"ok": False, "detail": "skipped: database unreachable"}
            continue
        try:
            ok, detail = check()
        except Exception as error:
            ok, detail = False, f"error ({type(error).__name__})"
        results[name] = {"ok": ok, "detail": detail}
    return all(r["ok"] for r in results.values()), results
