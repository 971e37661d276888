"""Scheduled work: reminders and follow-ups that run without anybody remembering them.

A job is a plain function `job(now) -> int` named in settings.SCHEDULED_JOBS. It must be
idempotent (it marks what it handled), so running it twice, late, or after a missed interval
does the right thing. `manage.py run_scheduler` enqueues the task `run_scheduled_jobs` every
SCHEDULER_INTERVAL_SECONDS; the task worker (`manage.py db_worker`) runs it. Tests call the job
functions directly with a `now`, or run `run_due_jobs(now)`.
"""

import logging

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def claim_period(name: str, period: str) -> bool:
    """True exactly once per (job, period), e.g. ("health_digest", "2026-W48"): for jobs that
    must run once a week or a day however often the scheduler ticks. Uses a unique row, so
    two workers racing still run it once."""
    from .models import ScheduledRun

    _, created = ScheduledRun.objects.get_or_create(name=name, period=period)
    return created


def beat(name: str, now=None) -> None:
    """Record that the background process `name` is alive (read by /healthz)."""
    from .models import Heartbeat

    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": now or timezone.now()})


def run_due_jobs(now=None) -> dict[str, int | None]:
    """Run every configured job once. One failing job is logged and does not stop the others;
    its result is None."""
    now = now or timezone.now()
    results: dict[str, int | None] = {}
    for path in settings.SCHEDULED_JOBS:
        try:
            results[path] = import_string(path)(now=now)
        except Exception:
            logger.exception("scheduled job %s failed", path)
            results[path] = None
    return results
