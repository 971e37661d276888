import functools

from django.db import connection

from . import kinds
from .models import EmailPreference, Notification


def for_member(network, user):
    return Notification.objects.filter(network=network, recipient=user).order_by(
        "-created_at", "-pk"
    )


def version(network, user) -> tuple:
    """What changes when one of the member's notifications arrives, is read or is removed (the
    page cache's key for the notifications page): one aggregate query, in raw SQL because it
    runs on every kept view (the ORM's aggregate cost more to build than to run)."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [network.pk, user.pk])
        return tuple(cursor.fetchone())


@functools.cache
def _version_sql() -> str:
    quote = connection.ops.quote_name
    field = Notification._meta.get_field
    network, recipient = quote(field("network").column), quote(field("recipient").column)
    read_at = quote(field("read_at").column)
    # Only the table's and columns' own names, quoted; the values are parameters.
    return (
        f"SELECT MAX(id), MAX({read_at}), COUNT(id),"  # noqa: S608
        f" COUNT(CASE WHEN {read_at} IS NULL THEN 1 END)"
        f" FROM {quote(Notification._meta.db_table)}"
        f" WHERE {network} = %s AND {recipient} = %s"
    )


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
