"""Login identifiers and the failed-login lockout (django-axes).

The login accepts an e-mail address in any letter case (`UserManager.get_by_natural_key` is
case-insensitive). Axes counts failures per user name, so the name must be normalised the same
way *before* it counts: otherwise `Anna@…`, `ANNA@…` and `anna@…` each get their own budget.
`normalise_login` is used by the login form (before authentication) and, through
`AXES_USERNAME_CALLABLE`, by axes (before counting, locking and resetting).

The lockout rules themselves are in settings.py (`AXES_*`) and docs/privacy.md.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render


def normalise_login(value: str | None) -> str | None:
    """The form in which e-mail addresses are stored (`UserManager.create_user` lowercases)."""
    if value is None:
        return None
    return value.strip().lower()


def axes_username(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the normalised user name from the credentials or the form."""
    if credentials:
        value = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        value = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return normalise_login(value) if isinstance(value, str) else None


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Dutch lockout page, with the real cool-off in minutes."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(
        request,
        "accounts/locked_out.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class AccountLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, but a successful login clears only that account's failures.

    With `AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]` axes' own reset would delete
    every failure recorded from the IP address as well: an attacker could then guess a victim's
    password four times, log in to an account of their own from the same address, and start
    again. Here a login clears the rows of the account that logged in (from any address), and
    nothing else.
    """

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
