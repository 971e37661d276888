"""Scheduled jobs of the access log (registered in settings.SCHEDULED_JOBS):

- `purge_expired`: delete records older than ACCESS_LOG_RETENTION_DAYS (at least five years);
- `review_access_log`: each day, review the previous day and notify the privacy officers of
  every network with findings.
"""

from datetime import timedelta

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scope, scopes_disabled

from wijknet.core import formatting
from wijknet.core.scheduling import claim_period
from wijknet.networks.models import Membership, Network

from . import queries
from .checks import retention_days
from .db import PG_PURGE_FUNCTION, purge_allowed
from .models import AccessLogRecord, AccessReview


def purge_expired(now) -> int:
    """Delete the records past their retention, once a day; returns how many. The triggers
    refuse anything younger than five years whatever this function asks.

    On PostgreSQL the application's role has no DELETE on the log (`manage.py db_app_role`):
    it calls `accesslog_purge_expired(cutoff)`, a SECURITY DEFINER function owned by the
    migration owner (migration 0003), so the owner's credentials stay out of the application
    and the row trigger still guards the five years. SQLite has no roles: a plain DELETE."""
    if not claim_period("accesslog_purge", timezone.localdate(now).isoformat()):
        return 0
    cutoff = now - timedelta(days=retention_days())
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT {PG_PURGE_FUNCTION}(%s)", [cutoff])
            return cursor.fetchone()[0]
    table = connection.ops.quote_name(AccessLogRecord._meta.db_table)
    column = connection.ops.quote_name(AccessLogRecord._meta.get_field("at").column)
    with transaction.atomic(), purge_allowed(), connection.cursor() as cursor:
        # Raw SQL on purpose: the model and its QuerySet refuse deletes.
        cursor.execute(f"DELETE FROM {table} WHERE {column} < %s", [cutoff])  # noqa: S608
        return cursor.rowcount


def review_access_log(now) -> int:
    """Review the previous local day of every network's log once; notify its privacy officers
    of the findings. Returns the number of networks reviewed."""
    day = timezone.localdate(now) - timedelta(days=1)
    start, end = queries.period_bounds(day, day)
    with scopes_disabled():
        network_ids = set(
            AccessLogRecord.objects.filter(at__gte=start, at__lt=end)
            .order_by()
            .values_list("network_id", flat=True)
            .distinct()
        )
        done = set(
            AccessReview.objects.filter(day=day, network_id__in=network_ids).values_list(
                "network_id", flat=True
            )
        )
        networks = list(Network.objects.filter(pk__in=network_ids - done).order_by("pk"))
    for network in networks:
        _review(network, day)
    return len(networks)


@transaction.atomic
def _review(network, day) -> None:
    from wijknet.notifications import kinds
    from wijknet.notifications.services import notify

    with scope(network=network):
        findings = queries.unusual_access(network, day, day)
        AccessReview.objects.create(network=network, day=day, findings=len(findings))
        if not findings:
            return
        officers = list(
            Membership.objects.filter(
                network=network, ended_at__isnull=True, is_privacy_officer=True
            )
            .select_related("user")
            .order_by("pk")
        )
    url = (
        reverse("accesslog:review", kwargs={"network_slug": network.slug})
        + f"?date_from={day.isoformat()}&date_to={day.isoformat()}"
    )
    title = ngettext(
        "Inzagelog %(day)s: %(count)d opvallend patroon",
        "Inzagelog %(day)s: %(count)d opvallende patronen",
        len(findings),
    ) % {"day": formatting.day(day), "count": len(findings)}
    body = _(
        "De dagelijkse controle van het inzagelog van %(network)s vond patronen die je als "
        "privacyfunctionaris moet bekijken. Het overzicht bevat geen cliëntgegevens."
    ) % {"network": network.name}
    for officer in officers:
        notify(
            recipient=officer.user,
            network=network,
            kind=kinds.ACCESS_REVIEW,
            title=title,
            body=body,
            url=url,
        )
