"""Scheduled work for the health monitor (see wijknet/core/scheduling.py)."""

from django.utils import timezone

from wijknet.core.scheduling import claim_period

from .tasks import enqueue_digests

# Monday morning, local time: the digest is read at the start of the week.
DIGEST_WEEKDAY = 0
DIGEST_HOUR = 7


def weekly_digests(now) -> int:
    """Queue the weekly digests once per ISO week, from Monday 07:00 on."""
    local = timezone.localtime(now)
    if local.weekday() != DIGEST_WEEKDAY or local.hour < DIGEST_HOUR:
        return 0
    year, week, _ = local.isocalendar()
    if not claim_period("health_digest", f"{year}-W{week:02d}"):
        return 0
    return enqueue_digests()
