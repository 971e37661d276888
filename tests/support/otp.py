"""Test helpers for two-factor authentication."""

from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijknet.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY


def confirmed_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def login_verified(client, user) -> TOTPDevice:
    """Log `user` in on the test client with a session that passed the second factor just now,
    with its clocks started as the real verification does (accounts.middleware.mark_verified),
    so the first request is like every other within the minute: no write of the idle clock."""
    client.force_login(user)
    device = confirmed_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = timezone.now().timestamp()
    session[STARTED_KEY] = now
    session[LAST_SEEN_KEY] = now
    session.save()
    return device


def login_resident_verified(client, user):
    """Log a resident or mantelzorger in with a session that passed the e-mailed code (their
    second factor, wijknet.residents) just now."""
    from django_otp.plugins.otp_email.models import EmailDevice

    client.force_login(user)
    device = EmailDevice.objects.filter(user=user).first() or EmailDevice.objects.create(
        user=user, name="E-mail", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = timezone.now().timestamp()
    session[STARTED_KEY] = now
    session[LAST_SEEN_KEY] = now
    session.save()
    return device
