"""Two-factor authentication (TOTP via django-otp) for pages with client data.

A session that may open client data must be OTP-verified: `OTPRequiredMixin` sends an
unverified user to set up an authenticator app (no confirmed device yet) or to enter a code.
The pages behind `accounts:twofactor_setup` and `accounts:twofactor_verify` live in this app.
"""

from urllib.parse import urlencode

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijknet.core import audit


def twofactor_redirect(request):
    """Where an unverified user goes first: verification, or setup when they have no device."""
    name = (
        "accounts:twofactor_verify"
        if user_has_device(request.user)
        else ("accounts:twofactor_setup")
    )
    return redirect(reverse(name) + "?" + urlencode({"next": request.get_full_path()}))


class OTPRequiredMixin(AccessMixin):
    """Put *before* NetworkViewMixin-based checks that reveal nothing: anonymous users go to the
    login page, logged-in but unverified users to the second factor."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.is_verified():
            return twofactor_redirect(request)
        return super().dispatch(request, *args, **kwargs)


# Services: setting up, verifying and removing the authenticator app -----------------------

DEVICE_NAME = "Authenticator-app"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@transaction.atomic
def device_for_setup(user) -> TOTPDevice:
    """The user's unconfirmed device (created once, so reloading the page keeps the QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def throttle_message(device) -> str:
    """A Dutch message when django-otp's throttling refuses another attempt, else ""."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return ""
    until = (data or {}).get("locked_until")
    if until is not None:
        seconds = max(1, int((until - timezone.now()).total_seconds()) + 1)
        return ngettext(
            "Te veel onjuiste codes. Probeer het over %(seconds)d seconde opnieuw.",
            "Te veel onjuiste codes. Probeer het over %(seconds)d seconden opnieuw.",
            seconds,
        ) % {"seconds": seconds}
    return _("Te veel onjuiste codes. Probeer het straks opnieuw.")


def _start_verified_session(request, device) -> None:
    from .middleware import mark_verified

    request.session.cycle_key()  # a new session id once the second factor is passed
    otp_login(request, device)
    mark_verified(request)


@transaction.atomic
def device_confirm(*, acting_user, request, device: TOTPDevice, token: str) -> bool:
    """Confirm a new device with a code from the app; the session counts as verified."""
    if device.user_id != acting_user.pk or device.confirmed:
        raise PermissionDenied
    if confirmed_device(acting_user) is not None:
        raise PermissionDenied  # a second device only after removing the first
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=acting_user, confirmed=False).exclude(pk=device.pk).delete()
    audit.record(
        actor=acting_user, action="twofactor.enabled", summary=_("Tweestapsverificatie aangezet")
    )
    _start_verified_session(request, device)
    return True


def session_verify(*, request, token: str) -> bool:
    """Check a code against the user's device; a code can be used once (django-otp keeps the
    last used time step). On success the session counts as verified."""
    device = confirmed_device(request.user)
    if device is None or not device.verify_token(token):
        return False
    _start_verified_session(request, device)
    return True


@transaction.atomic
def devices_remove(*, acting_user) -> int:
    """Remove the user's devices (reset); the current session stays logged in but loses its
    second factor."""
    count, _detail = TOTPDevice.objects.filter(user=acting_user).delete()
    audit.record(
        actor=acting_user,
        action="twofactor.removed",
        summary=_("Tweestapsverificatie verwijderd"),
    )
    return count
