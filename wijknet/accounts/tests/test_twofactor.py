"""Two-factor authentication: setup with a QR code, verification (a code works once),
throttling, removal with the password, and the OTPRequiredMixin redirect."""

import time

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from tests.factories import UserFactory
from tests.support.otp import login_verified
from wijknet.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"


def code_for(device, at=None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at if at is not None else time.time()
    return f"{totp.token():06d}"


@pytest.fixture
def user():
    user = UserFactory(email="anna@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


def is_verified(client) -> bool:
    from django_otp import DEVICE_ID_SESSION_KEY

    return DEVICE_ID_SESSION_KEY in client.session


def test_setup_shows_a_qr_code_as_inline_svg_and_the_secret(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:twofactor_setup"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<svg class="qr" role="img"' in body
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert response.context["secret"].replace(" ", "") in body.replace(" ", "")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    # Reloading keeps the same device (the QR code stays valid).
    client.get(reverse("accounts:twofactor_setup"))
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_setup_confirms_with_a_code_and_verifies_the_session(client, user):
    client.force_login(user)
    client.get(reverse("accounts:twofactor_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(
        reverse("accounts:twofactor_setup"), {"code": code_for(device), "next": "/n/x/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/n/x/"
    device.refresh_from_db()
    assert device.confirmed
    assert is_verified(client)
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="twofactor.enabled", actor=user).exists()


def test_setup_refuses_a_wrong_code(client, user):
    client.force_login(user)
    client.get(reverse("accounts:twofactor_setup"))
    response = client.post(reverse("accounts:twofactor_setup"), {"code": "000000"})
    device = TOTPDevice.objects.get(user=user)
    if code_for(device) == "000000":  # pragma: no cover - one in a million
        return
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not is_verified(client)


def test_setup_with_a_confirmed_device_goes_to_verification(client, user):
    """Somebody with only the password cannot add a device of their own."""
    TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    client.force_login(user)
    response = client.get(reverse("accounts:twofactor_setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:twofactor_verify"))


def test_verify_accepts_a_code_once(client, user):
    device = TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    client.force_login(user)
    code = code_for(device)
    response = client.post(reverse("accounts:twofactor_verify"), {"code": code, "next": "/n/a/"})
    assert response.status_code == 302
    assert response["Location"] == "/n/a/"
    assert is_verified(client)
    # The same code in a new session is refused (django-otp keeps last_t).
    client.logout()
    client.force_login(user)
    response = client.post(reverse("accounts:twofactor_verify"), {"code": code})
    assert response.status_code == 200
    assert "al gebruikt" in response.content.decode()
    assert not is_verified(client)


def test_verify_redirects_only_to_a_safe_next(client, user):
    device = TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    client.force_login(user)
    response = client.post(
        reverse("accounts:twofactor_verify"),
        {"code": code_for(device), "next": "https://evil.example.com/"},
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]


def test_verify_is_throttled_with_a_dutch_message(client, user):
    device = TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    with time_machine.travel(1_900_000_000, tick=False):
        client.force_login(user)
        wrong = "111111" if code_for(device) != "111111" else "222222"
        client.post(reverse("accounts:twofactor_verify"), {"code": wrong})
        # After a failure the device waits; even the right code is refused for now.
        response = client.post(reverse("accounts:twofactor_verify"), {"code": code_for(device)})
        assert "Te veel onjuiste codes" in response.content.decode()
        assert not is_verified(client)
    with time_machine.travel(1_900_000_000 + 5, tick=False):
        client.post(reverse("accounts:twofactor_verify"), {"code": code_for(device)})
        assert is_verified(client)


def test_verify_without_a_device_goes_to_setup(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:twofactor_verify") + "?next=/n/a/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:twofactor_setup") + "?next=%2Fn%2Fa%2F"


def test_overview_says_whether_it_is_on(client, user):
    client.force_login(user)
    assert "staat uit" in client.get(reverse("accounts:twofactor")).content.decode()
    login_verified(client, user)
    assert "staat aan" in client.get(reverse("accounts:twofactor")).content.decode()


def test_remove_needs_a_verified_session_and_the_password(client, user):
    TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    client.force_login(user)
    response = client.post(reverse("accounts:twofactor"), {"password": PASSWORD})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user).exists()

    login_verified(client, user)
    response = client.post(reverse("accounts:twofactor"), {"password": "fout"})
    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet." in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()

    response = client.post(reverse("accounts:twofactor"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="twofactor.removed", actor=user).exists()


def test_a_code_from_a_later_time_step_works_after_an_earlier_one(client, user):
    device = TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    with time_machine.travel(1_900_000_000, tick=False):
        client.force_login(user)
        first = code_for(device)
        client.post(reverse("accounts:twofactor_verify"), {"code": first})
        assert is_verified(client)
    with time_machine.travel(1_900_000_000 + 120, tick=False):
        client.logout()
        client.force_login(user)
        client.post(reverse("accounts:twofactor_verify"), {"code": code_for(device)})
        assert is_verified(client)
