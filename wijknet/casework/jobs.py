"""Scheduled job of casework (register in settings.SCHEDULED_JOBS):

- `flag_retention_due`: ask the responsible professional to decide about every client whose
  retention period (settings.CASEWORK_RETENTION_DAYS after the last activity) has passed:
  erase the record, or keep it with a reason (docs/privacy.md).
"""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from wijknet.notifications import kinds
from wijknet.notifications.services import notify

from . import queries
from .models import Client


def flag_retention_due(now) -> int:
    """Notify, once per retention period, the coordinating contact (or, without a current one,
    whoever recorded the client) of every client past the period; returns how many clients
    were flagged. `Client.retention_notified_at` marks what was handled: a client is asked again
    only after new activity or a decision to keep it, and a period that passed again since."""
    with scopes_disabled():
        due = list(queries.retention_due_clients(now))
    flagged = 0
    for client in due:
        flagged += _flag(client, now)
    return flagged


def _recipients(client):
    """The coordinating contact while their membership is current, then the recorder."""
    users = [
        member.membership.user
        for member in client.coordinating
        if member.membership.ended_at is None
    ]
    if client.recorded_by is not None:
        users.append(client.recorded_by)
    return users


@transaction.atomic
def _flag(client, now) -> int:
    network = client.network
    with scope(network=network):
        # Claim the client first: a second run at the same moment updates nothing and stops.
        claimed = (
            Client.objects.filter(network=network, pk=client.pk)
            .filter(
                Q(retention_notified_at__isnull=True)
                | Q(retention_notified_at__lte=client.last_activity)
            )
            .update(retention_notified_at=now)
        )
    if not claimed:
        return 0
    url = reverse(
        "casework:detail", kwargs={"network_slug": network.slug, "client_uuid": client.uuid}
    )
    # No name or other personal detail: the notification may be e-mailed.
    title = _("Bewaartermijn verstreken: cliëntgegevens wissen of bewaren?")
    body = _(
        "Bij een cliënt waarvoor jij aanspreekpunt bent of die jij hebt vastgelegd is al "
        "%(days)s dagen niets vastgelegd. Beslis, zo mogelijk samen met de bewoner, of de "
        "gegevens gewist worden of met een reden langer bewaard blijven. Open de link om te zien "
        "om wie het gaat."
    ) % {"days": queries.retention_days()}
    for user in _recipients(client):
        if notify(
            recipient=user,
            network=network,
            kind=kinds.RETENTION_DUE,
            title=title,
            body=body,
            url=url,
        ):
            break
    return 1
