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


def lazy_user_that_must_not_load():
    from django.utils.functional import SimpleLazyObject

    def load():
        raise AssertionError("the middleware loaded the user")

    return SimpleLazyObject(load)


def middleware_request(session_data):
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.test import RequestFactory

    request = RequestFactory().get("/bench-hello/")
    request.session = SessionStore()
    request.session.update(session_data)
    request.user = lazy_user_that_must_not_load()
    return request


def test_the_clocks_are_kept_without_loading_the_user_or_the_device():
    """The hello-world view in a verified session must cost what it costs in a password
    session (issue 12): the middleware keeps the clocks from the session alone."""
    from django.http import HttpResponse
    from django_otp import DEVICE_ID_SESSION_KEY

    from wijknet.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY, SensitiveSessionMiddleware

    middleware = SensitiveSessionMiddleware(lambda request: HttpResponse("hello"))
    started = START.timestamp()
    with time_machine.travel(START + timedelta(minutes=5), tick=False):
        request = middleware_request(
            {
                DEVICE_ID_SESSION_KEY: "otp_totp.totpdevice/1",
                STARTED_KEY: started,
                LAST_SEEN_KEY: started,
            }
        )
        assert middleware(request).status_code == 200
        assert request.session[LAST_SEEN_KEY] == (START + timedelta(minutes=5)).timestamp()
        # A password session has no device key: nothing is read or written.
        plain = middleware_request({})
        assert middleware(plain).status_code == 200
        assert STARTED_KEY not in plain.session


def test_an_expired_clock_of_a_session_whose_device_was_removed_is_dropped(
    client, network, coordinator
):
    with time_machine.travel(START, tick=False):
        device = login_verified(client, coordinator)
        client.get(page(network))
    device.delete()
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        # No longer verified: the usual lifetime, no logout; the stale clocks are gone.
        assert client.get(page(network)).status_code == 200
        from wijknet.accounts.middleware import STARTED_KEY

        assert STARTED_KEY not in client.session
