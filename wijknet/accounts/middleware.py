"""Session lifetime for sessions that can see client data.

A session that passed the second factor (django-otp: `request.user.is_verified()`) may open
client data, so it ends after SENSITIVE_SESSION_IDLE_SECONDS without requests (15 minutes) and
after SENSITIVE_SESSION_MAX_SECONDS in all (counted from the verification). The user is logged
out and sent to the login page with a message. Sessions without a second factor keep Django's
usual lifetime.

The last-seen time is written at most once a minute (LAST_SEEN_RESOLUTION): writing it on every
request would save the session row on every page view. The idle limit is therefore exact to
within a minute. Reading the verified device takes no row lock: django-otp's OTPMiddleware reads
it without `select_for_update` (tests in test_session_lifetime.py keep both true).

The clocks are kept from the session alone: a session that passed the second factor holds
django-otp's device key, so the middleware does not load the user and the device on every
request (that cost a verified session about a quarter of the hello-world view's speed). Only
an expired clock asks whether the session is still verified: a session whose device was
removed meanwhile is not logged out, its clocks are just dropped.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijknet.core import joined
from wijknet.core.htmx import is_htmx


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's middleware, with the authenticator-app device of a verified session read
    by a query written once per process (core/joined.py) instead of the ORM's, built anew on
    every client-data page (0.4 ms of Python for a 0.2 ms query). Other kinds of device (the
    residents' e-mail codes) are read by django-otp itself; binding the device to the user and
    to being confirmed stays django-otp's (`_finalize_device`)."""

    def _device_from_persistent_id(self, persistent_id: str):
        persistent_id = self._normalize_persistent_id(persistent_id)
        label, _slash, device_id = persistent_id.rpartition("/")
        if label != TOTPDevice.model_label():
            return super()._device_from_persistent_id(persistent_id)
        return joined.get(TOTPDevice, device_id)


STARTED_KEY = "wijknet_sensitive_started"
LAST_SEEN_KEY = "wijknet_sensitive_last_seen"
LAST_SEEN_RESOLUTION = 60  # seconds


def idle_seconds() -> int:
    return int(getattr(settings, "SENSITIVE_SESSION_IDLE_SECONDS", 15 * 60))


def max_seconds() -> int:
    return int(getattr(settings, "SENSITIVE_SESSION_MAX_SECONDS", 8 * 60 * 60))


def mark_verified(request) -> None:
    """Start the clocks of a session that just passed the second factor."""
    now = timezone.now().timestamp()
    request.session[STARTED_KEY] = now
    request.session[LAST_SEEN_KEY] = now


def is_expired(session, now: float) -> bool:
    started = session.get(STARTED_KEY)
    last_seen = session.get(LAST_SEEN_KEY)
    if started is None or last_seen is None:
        return False
    return now - last_seen > idle_seconds() or now - started > max_seconds()


class SensitiveSessionMiddleware:
    """After AuthenticationMiddleware, OTPMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and DEVICE_ID_SESSION_KEY in session:
            now = timezone.now().timestamp()
            if is_expired(session, now):
                if request.user.is_verified():
                    return self.expire(request)
                session.pop(STARTED_KEY, None)
                session.pop(LAST_SEEN_KEY, None)
                return self.get_response(request)
            if STARTED_KEY not in session:
                session[STARTED_KEY] = now
            if now - session.get(LAST_SEEN_KEY, 0) >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    def expire(self, request):
        path = request.get_full_path()
        logout(request)
        messages.warning(
            request,
            _(
                "Je sessie is verlopen: na %(idle)d minuten zonder activiteit of %(hours)d uur "
                "in totaal log je opnieuw in, omdat je cliëntgegevens kunt zien."
            )
            % {"idle": idle_seconds() // 60, "hours": max_seconds() // 3600},
        )
        if request.method == "GET":
            response = redirect_to_login(path)
        else:
            response = redirect(resolve_url(settings.LOGIN_URL))
        if is_htmx(request):
            htmx = HttpResponse(status=204)
            htmx["HX-Redirect"] = response["Location"]
            return htmx
        return response
