"""Reading the access log: per client (the resident's overview), the privacy officer's search,
and the review report's findings (unusual access)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from wijknet.networks.models import Membership

from .models import AccessLogRecord, Action, OfficerAppointment


def records_for_client(network, client_uuid):
    """Everything logged about one client, newest first."""
    return (
        AccessLogRecord.objects.filter(network=network, client_uuid=client_uuid)
        .select_related("user")
        .order_by("-at", "-id")
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def period_bounds(day_from: date, day_to: date) -> tuple[datetime, datetime]:
    """[start, end) in aware datetimes for local days day_from..day_to inclusive."""
    return _day_start(day_from), _day_start(day_to + timedelta(days=1))


def search(network, *, user_query="", client_uuid=None, action="", date_from=None, date_to=None):
    """The privacy officer's search, newest first. Dates are local days, both inclusive."""
    records = AccessLogRecord.objects.filter(network=network)
    user_query = (user_query or "").strip()
    if user_query:
        records = records.filter(
            Q(user_name__icontains=user_query)
            | Q(user_email__icontains=user_query)
            | Q(organisation_name__icontains=user_query)
        )
    if client_uuid:
        records = records.filter(client_uuid=client_uuid)
    if action:
        records = records.filter(action=action)
    if date_from:
        records = records.filter(at__gte=_day_start(date_from))
    if date_to:
        records = records.filter(at__lt=_day_start(date_to + timedelta(days=1)))
    return records.order_by("-at", "-id")


# Review report ------------------------------------------------------------------------------

MANY_CLIENTS = "many_clients"
OUTSIDE_HOURS = "outside_hours"
MANY_EXPORTS = "many_exports"
MEMBERSHIP_ENDED = "membership_ended"


@dataclass(frozen=True)
class Finding:
    kind: str
    day: date
    user_name: str
    user_email: str
    count: int
    explanation: str

    @property
    def search_query(self) -> str:
        """Filters for the log search that show the records behind this finding."""
        from urllib.parse import urlencode

        return urlencode(
            {
                "user": self.user_email,
                "date_from": self.day.isoformat(),
                "date_to": self.day.isoformat(),
            }
        )


def _max_clients() -> int:
    return int(getattr(settings, "ACCESS_LOG_REVIEW_MAX_CLIENTS_PER_DAY", 20))


def _working_hours() -> tuple[int, int]:
    start, end = getattr(settings, "ACCESS_LOG_REVIEW_WORKING_HOURS", (7, 20))
    return int(start), int(end)


def _max_exports() -> int:
    return int(getattr(settings, "ACCESS_LOG_REVIEW_MAX_EXPORTS_PER_DAY", 5))


def _per_user_day(records):
    tz = timezone.get_current_timezone()
    return (
        records.annotate(day=TruncDate("at", tzinfo=tz))
        .values("day", "user_email")
        .annotate(name=Max("user_name"))
        .order_by("day", "user_email")
    )


def unusual_access(network, day_from: date, day_to: date) -> list[Finding]:
    """Patterns a privacy officer should look at, for local days day_from..day_to inclusive.

    - a user who opened more distinct clients in one day than ACCESS_LOG_REVIEW_MAX_CLIENTS_PER_DAY;
    - access outside working hours (ACCESS_LOG_REVIEW_WORKING_HOURS, local time);
    - more exports in one day than ACCESS_LOG_REVIEW_MAX_EXPORTS_PER_DAY;
    - access on the day the user's membership of the network ended.

    Whether a professional's organisation was covered by the consent cannot be told from the
    log alone: the casework app refuses such access before it happens.
    """
    start, end = period_bounds(day_from, day_to)
    tz = timezone.get_current_timezone()
    in_period = AccessLogRecord.objects.filter(network=network, at__gte=start, at__lt=end)
    findings: list[Finding] = []

    limit = _max_clients()
    for row in (
        _per_user_day(in_period.exclude(client_uuid=None))
        .annotate(count=Count("client_uuid", distinct=True))
        .filter(count__gt=limit)
    ):
        findings.append(
            Finding(
                MANY_CLIENTS,
                row["day"],
                row["name"],
                row["user_email"],
                row["count"],
                _(
                    "Opende op één dag de gegevens van %(count)d verschillende cliënten "
                    "(de grens is %(limit)d)."
                )
                % {"count": row["count"], "limit": limit},
            )
        )

    first, last = _working_hours()
    for row in (
        _per_user_day(
            in_period.annotate(hour=ExtractHour("at", tzinfo=tz)).filter(
                Q(hour__lt=first) | Q(hour__gte=last)
            )
        )
        .annotate(count=Count("id"))
        .filter(count__gt=0)
    ):
        findings.append(
            Finding(
                OUTSIDE_HOURS,
                row["day"],
                row["name"],
                row["user_email"],
                row["count"],
                ngettext(
                    "%(count)d handeling buiten werktijd (vóór %(first)d:00 of na %(last)d:00).",
                    "%(count)d handelingen buiten werktijd (vóór %(first)d:00 of na %(last)d:00).",
                    row["count"],
                )
                % {"count": row["count"], "first": first, "last": last},
            )
        )

    max_exports = _max_exports()
    for row in (
        _per_user_day(in_period.filter(action__in=[Action.EXPORT, Action.PRINT]))
        .annotate(count=Count("id"))
        .filter(count__gt=max_exports)
    ):
        findings.append(
            Finding(
                MANY_EXPORTS,
                row["day"],
                row["name"],
                row["user_email"],
                row["count"],
                _(
                    "Exporteerde of drukte op één dag %(count)d keer cliëntgegevens af "
                    "(de grens is %(limit)d)."
                )
                % {"count": row["count"], "limit": max_exports},
            )
        )

    findings.extend(_access_on_membership_end(network, in_period, start, end))
    order = {MANY_CLIENTS: 0, MEMBERSHIP_ENDED: 1, MANY_EXPORTS: 2, OUTSIDE_HOURS: 3}
    findings.sort(key=lambda f: (f.day, order[f.kind], f.user_email))
    return findings


def _access_on_membership_end(network, in_period, start, end) -> list[Finding]:
    with scopes_disabled():
        ended = list(
            Membership.objects.filter(
                network=network, ended_at__gte=start, ended_at__lt=end
            ).values_list("user_id", "ended_at")
        )
    if not ended:
        return []
    condition = Q()
    for user_id, ended_at in ended:
        day_start = _day_start(timezone.localdate(ended_at))
        condition |= Q(user_id=user_id, at__gte=day_start, at__lt=day_start + timedelta(days=1))
    findings = []
    for row in _per_user_day(in_period.filter(condition)).annotate(count=Count("id")):
        findings.append(
            Finding(
                MEMBERSHIP_ENDED,
                row["day"],
                row["name"],
                row["user_email"],
                row["count"],
                ngettext(
                    "%(count)d handeling op de dag dat het lidmaatschap van deze gebruiker "
                    "eindigde.",
                    "%(count)d handelingen op de dag dat het lidmaatschap van deze gebruiker "
                    "eindigde.",
                    row["count"],
                )
                % {"count": row["count"]},
            )
        )
    return findings


# Privacy officer appointments --------------------------------------------------------------


def officer_appointments(network, limit=20):
    """The latest appointments (open and decided), newest first: who proposed whom, who
    confirmed or rejected, when."""
    return list(
        OfficerAppointment.objects.filter(network=network)
        .select_related("membership__user", "proposed_by", "decided_by")
        .order_by("-proposed_at", "-id")[:limit]
    )
