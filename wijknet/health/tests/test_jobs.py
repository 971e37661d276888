from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from wijknet.health import jobs

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def at(day, hour):
    return datetime(2026, 11, day, hour, 0, tzinfo=AMS)


def test_weekly_digest_is_queued_once_per_week_from_monday_morning():
    with mock.patch.object(jobs, "enqueue_digests", return_value=2) as enqueue:
        assert jobs.weekly_digests(at(23, 6)) == 0  # Monday, too early
        assert jobs.weekly_digests(at(23, 7)) == 2
        assert jobs.weekly_digests(at(23, 12)) == 0  # the same week again
        assert jobs.weekly_digests(at(24, 7)) == 0  # Tuesday
        assert jobs.weekly_digests(at(30, 7)) == 2  # next Monday
    assert enqueue.call_count == 2
