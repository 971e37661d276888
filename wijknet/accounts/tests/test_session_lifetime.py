"""Sessions that passed the second factor end after 15 idle minutes and after 8 hours."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.support.otp import login_verified

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def page(network):
    return f"/n/{network.slug}/"


def test_a_verified_session_ends_after_idle_time(client, network, coordinator):
    with time_machine.travel(START, tick=False):
        login_verified(client, coordinator)
        assert client.get(page(network)).status_code == 200
    with time_machine.travel(START + timedelta(minutes=14), tick=False):
        assert client.get(page(network)).status_code == 200
    with time_machine.travel(START + timedelta(minutes=14 + 16), tick=False):
        response = client.get(page(network))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        assert "next=" in response["Location"]
        login = client.get(response["Location"])
        assert "Je sessie is verlopen" in login.content.decode()
        # Logged out: the next request goes to the login page too.
        assert client.get(page(network))["Location"].startswith(reverse("accounts:login"))


def test_activity_keeps_a_verified_session_alive_until_the_absolute_limit(
    client, network, coordinator
):
    with time_machine.travel(START, tick=False):
        login_verified(client, coordinator)
        client.get(page(network))
    moment = START
    while moment < START + timedelta(hours=7, minutes=50):
        moment += timedelta(minutes=10)
        with time_machine.travel(moment, tick=False):
            assert client.get(page(network)).status_code == 200
    with time_machine.travel(START + timedelta(hours=8, minutes=1), tick=False):
        response = client.get(page(network))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_sessions_without_second_factor_keep_the_usual_lifetime(client, network, coordinator):
    with time_machine.travel(START, tick=False):
        client.force_login(coordinator)
        assert client.get(page(network)).status_code == 200
    with time_machine.travel(START + timedelta(hours=9), tick=False):
        assert client.get(page(network)).status_code == 200


def test_htmx_requests_get_a_redirect_header(client, network, coordinator):
    with time_machine.travel(START, tick=False):
        login_verified(client, coordinator)
        client.get(page(network))
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        response = client.get(page(network), headers={"HX-Request": "true"})
        assert response.status_code == 204
        assert response["HX-Redirect"].startswith(reverse("accounts:login"))


def test_settings_shorten_the_lifetime(settings, client, network, coordinator):
    settings.SENSITIVE_SESSION_IDLE_SECONDS = 60
    with time_machine.travel(START, tick=False):
        login_verified(client, coordinator)
        client.get(page(network))
    with time_machine.travel(START + timedelta(seconds=90), tick=False):
        assert client.get(page(network)).status_code == 302


def writes_and_locks(queries):
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
        or "FOR UPDATE" in q["sql"].upper()
    ]


def test_a_verified_session_does_not_write_on_every_request(client, network, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with time_machine.travel(START, tick=False):
        login_verified(client, coordinator)
        client.get(page(network))  # starts the clocks: one session write
    with (
        time_machine.travel(START + timedelta(seconds=20), tick=False),
        CaptureQueriesContext(connection) as first,
    ):
        assert client.get(page(network)).status_code == 200
    with (
        time_machine.travel(START + timedelta(seconds=50), tick=False),
        CaptureQueriesContext(connection) as second,
    ):
        assert client.get(page(network)).status_code == 200
    assert writes_and_locks(first.captured_queries) == []
    assert writes_and_locks(second.captured_queries) == []
    # The device is still read, and the session is still verified.
    assert any("otp_totp_totpdevice" in q["sql"] for q in second.captured_queries)
    with (
        time_machine.travel(START + timedelta(seconds=61), tick=False),
        CaptureQueriesContext(connection) as later,
    ):
        assert client.get(page(network)).status_code == 200
    assert [sql for sql in writes_and_locks(later.captured_queries) if "django_session" in sql]


def test_idle_time_counts_from_the_last_recorded_minute(client, network, coordinator):
    with time_machine.travel(START, tick=False):
        login_verified(client, coordinator)
        client.get(page(network))
    # Requests within the minute do not move last-seen; one after it does.
    with time_machine.travel(START + timedelta(seconds=30), tick=False):
        assert client.get(page(network)).status_code == 200
    with time_machine.travel(START + timedelta(minutes=10), tick=False):
        assert client.get(page(network)).status_code == 200
    with time_machine.travel(START + timedelta(minutes=10 + 14), tick=False):
        assert client.get(page(network)).status_code == 200
    with time_machine.travel(START + timedelta(minutes=10 + 14 + 16), tick=False):
        response = client.get(page(network))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
