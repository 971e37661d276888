"""Scheduled work for re-measurement (registered in settings.SCHEDULED_JOBS).

`remeasurement_reminders(now)` runs once a day: it plans T1 and T2 for baseline rounds that ran
out by their closing date in the last month (a round closed by hand is planned at once, in
`services.round_close`), and reminds the kartrekkers a month before a planned round is due —
once per planned round and date (moving the date resets the reminder). "Mijn werk" lists the
same planned rounds under "Herhaalmeting plannen".
"""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_scopes import scope

from wijknet.core.scheduling import claim_period
from wijknet.networks.models import Membership, Network, NetworkStatus
from wijknet.networks.roles import Role
from wijknet.notifications import kinds
from wijknet.notifications.services import notify_many

from . import services
from .models import PlannedRound, ScanRound


def _kartrekkers(network) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            network=network, ended_at__isnull=True, role=Role.COORDINATOR
        )
        .select_related("user")
        .order_by("pk")
    ]


def remeasurement_reminders(now) -> int:
    """Plan re-measurements of rounds that ran out and remind about planned rounds due within
    a month; returns the number of notifications made."""
    today = timezone.localdate(now)
    if not claim_period("remeasurement_reminders", today.isoformat()):
        return 0
    made = 0
    for network in Network.objects.filter(status=NetworkStatus.ACTIVE).order_by("pk"):
        with scope(network=network), transaction.atomic():
            ran_out = ScanRound.objects.filter(
                network=network,
                closed_at__isnull=True,
                closes_on__lt=today,
                closes_on__gte=today - timedelta(days=services.REMIND_DAYS_BEFORE),
            ).order_by("closes_on", "pk")
            for round_ in ran_out:
                services.remeasurements_plan(round_)
            due = list(
                PlannedRound.objects.filter(
                    network=network,
                    opened_round__isnull=True,
                    reminded_at__isnull=True,
                    due_on__lte=today + timedelta(days=services.REMIND_DAYS_BEFORE),
                ).order_by("due_on", "pk")
            )
            if not due:
                continue
            keepers = _kartrekkers(network)
            for planned in due:
                made += len(
                    notify_many(
                        recipients=keepers,
                        network=network,
                        kind=kinds.SCAN_REMEASUREMENT_DUE,
                        title=_("Scan %(label)s gepland op %(day)s")
                        % {"label": planned.label, "day": date_format(planned.due_on, "j F Y")},
                        body=_(
                            "Over een maand is het tijd voor de herhaalmeting. Open de ronde "
                            "met één klik: dezelfde scans en dezelfde uitnodigingslijst als "
                            "de vorige keer."
                        ),
                        url=reverse("scans:list", args=[network.slug]),
                    )
                )
                planned.reminded_at = now
                planned.save(update_fields=["reminded_at"])
    return made
