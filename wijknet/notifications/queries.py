from django.db.models import Count, Max, Q

from . import kinds
from .models import EmailPreference, Notification


def for_member(network, user):
    return Notification.objects.filter(network=network, recipient=user).order_by(
        "-created_at", "-pk"
    )


def version(network, user) -> tuple:
    """What changes when one of the member's notifications arrives, is read or is removed (the
    page cache's key for the notifications page): one aggregate query."""
    row = (
        Notification.objects.filter(network=network, recipient=user)
        .order_by()
        .aggregate(
            last=Max("id"),
            read=Max("read_at"),
            n=Count("id"),
            unread=Count("id", filter=Q(read_at__isnull=True)),
        )
    )
    return tuple(row.values())


def unread_count(network, user) -> int:
    return for_member(network, user).filter(read_at__isnull=True).count()


def email_choices(user) -> dict[str, bool]:
    stored = dict(EmailPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: stored.get(kind, kinds.EMAIL_BY_DEFAULT[kind]) for kind in kinds.LABELS}


def already_sent(network, user, *, kind: str, url: str, title: str) -> bool:
    """Whether this member already got this notification (same kind, link and title): lets a
    daily job notify once per thing and date without a marker column of its own."""
    return Notification.objects.filter(
        network=network, recipient=user, kind=kind, url=url[:300], title=title[:200]
    ).exists()
