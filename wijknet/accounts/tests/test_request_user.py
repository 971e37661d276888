"""The user and the second-factor device behind every request, each read by one query written
once per process (accounts.backends.UserBackend, accounts.middleware.OTPMiddleware), with
Django's and django-otp's own rules: an inactive user is no user, a device counts only when it
is confirmed and the user's own."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from wijknet.accounts.backends import UserBackend
from wijknet.accounts.middleware import OTPMiddleware

pytestmark = pytest.mark.django_db
BACKEND = "wijknet.accounts.backends.UserBackend"


def test_the_backend_gives_the_sessions_user_or_none():
    user = UserFactory()
    backend = UserBackend()
    assert backend.get_user(str(user.pk)) == user  # the session keeps the id as text
    assert backend.get_user(user.pk + 1000) is None
    assert backend.get_user("geen-getal") is None
    user.is_active = False
    user.save()
    assert backend.get_user(user.pk) is None


def _request(user, device=None, persistent_id=None):
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.session[SESSION_KEY] = str(user.pk)
    request.session[BACKEND_SESSION_KEY] = BACKEND
    request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None or persistent_id is not None:
        request.session[DEVICE_ID_SESSION_KEY] = persistent_id or device.persistent_id
    AuthenticationMiddleware(lambda r: HttpResponse()).process_request(request)
    OTPMiddleware(lambda r: HttpResponse())(request)
    return request


def test_a_confirmed_app_of_the_user_verifies_the_session_in_two_queries():
    user = UserFactory()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    request = _request(user, device)
    with CaptureQueriesContext(connection) as queries:
        assert request.user == user
        assert request.user.is_verified()
        assert request.user.otp_device == device
    assert len(queries.captured_queries) == 2  # the user, the device


@pytest.mark.parametrize("case", ["another users", "unconfirmed", "removed", "malformed"])
def test_no_other_device_verifies_the_session(case):
    user, other = UserFactory(), UserFactory()
    owner = other if case == "another users" else user
    device = TOTPDevice.objects.create(user=owner, name="app", confirmed=case != "unconfirmed")
    persistent_id = device.persistent_id
    if case == "removed":
        device.delete()
    if case == "malformed":
        persistent_id = f"{TOTPDevice.model_label()}/geen-getal"
    request = _request(user, persistent_id=persistent_id)
    assert request.user == user
    assert not request.user.is_verified()
    # As django-otp does: a session whose device does not count forgets it.
    assert DEVICE_ID_SESSION_KEY not in request.session


def test_a_residents_emailed_code_is_read_by_django_otp_itself():
    user = UserFactory()
    device = EmailDevice.objects.create(user=user, name="E-mail", confirmed=True)
    request = _request(user, device)
    assert request.user.is_verified()
    assert request.user.otp_device == device


def test_a_logged_in_page_knows_its_user(client):
    user = UserFactory()
    client.force_login(user, backend=BACKEND)
    response = client.get("/netwerken/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user


def test_every_request_goes_through_them(settings):
    assert "wijknet.accounts.middleware.OTPMiddleware" in settings.MIDDLEWARE
    assert "django_otp.middleware.OTPMiddleware" not in settings.MIDDLEWARE
    assert settings.AUTHENTICATION_BACKENDS[-1] == BACKEND
