"""Sending notifications and keeping the user's preferences.

Notifications are personal state, not network history: they are not written to the audit log.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from wijknet.core import links
from wijknet.core.tasks import send_email
from wijknet.networks.models import Membership

from . import kinds
from .models import EmailPreference, Notification


def wants_email(user, kind: str) -> bool:
    stored = EmailPreference.objects.filter(user=user, kind=kind).values_list("email", flat=True)
    for value in stored:
        return value
    return kinds.EMAIL_BY_DEFAULT.get(kind, False)


def _is_current_member(user, network) -> bool:
    return Membership.objects.filter(network=network, user=user, ended_at__isnull=True).exists()


@transaction.atomic
def notify(*, recipient, network, kind: str, title: str, body: str = "", url: str = ""):
    """Notify one member in-app and, by their preference, by e-mail once the caller's transaction
    commits (a rolled-back action sends nothing). Someone who is no longer a member of the
    network is not notified: returns None."""
    if kind not in kinds.LABELS:
        raise ValueError(f"unknown notification kind {kind!r}")
    # Jobs and services of any app call this; the scope makes it safe outside a request too.
    with scope(network=network):
        return _notify(recipient, network, kind, title, body, url)


def _notify(recipient, network, kind, title, body, url):
    if recipient is None or not _is_current_member(recipient, network):
        return None
    email = wants_email(recipient, kind) and bool(recipient.email)
    notification = Notification.objects.create(
        network=network,
        recipient=recipient,
        kind=kind,
        title=title[:200],
        body=body,
        url=url[:300],
        emailed=email,
    )
    if email:
        lines = [title, "", body] if body else [title]
        if url:
            lines += ["", links.absolute(url)]
        lines += ["", _("Je krijgt deze e-mail door je meldingsvoorkeuren in wijknet.")]
        mail = {
            "subject": f"[{network.name}] {title}"[:200],
            "body": "\n".join(lines),
            "to": [recipient.email],
        }
        transaction.on_commit(lambda: send_email.enqueue(**mail))
    return notification


def notify_many(*, recipients, network, kind: str, title: str, body: str = "", url: str = ""):
    """The same notification for several members, each once."""
    seen = set()
    sent = []
    for user in recipients:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        result = notify(recipient=user, network=network, kind=kind, title=title, body=body, url=url)
        if result is not None:
            sent.append(result)
    return sent


@transaction.atomic
def notification_open(*, acting_user, notification) -> Notification:
    if notification.recipient_id != acting_user.pk:
        raise PermissionError("not your notification")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, acting_user, network) -> int:
    return Notification.objects.filter(
        network=network, recipient=acting_user, read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic
def email_preferences_save(*, acting_user, choices: dict[str, bool]) -> None:
    unknown = set(choices) - set(kinds.LABELS)
    if unknown:
        raise ValueError(f"unknown notification kinds {sorted(unknown)!r}")
    EmailPreference.objects.filter(user=acting_user, kind__in=list(choices)).delete()
    EmailPreference.objects.bulk_create(
        EmailPreference(user=acting_user, kind=kind, email=bool(email))
        for kind, email in choices.items()
    )
