"""Scheduled work for actions (registered in settings.SCHEDULED_JOBS).

`notify_overdue(now)` tells the owner of an action that has passed its due date, once per
action and due date (a moved due date that passes again is told again), so "Meldingen" says
what "Mijn werk" shows as "te laat". It runs once a day; a missed day is caught up the next.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_scopes import scope

from wijknet.core.scheduling import claim_period
from wijknet.networks.models import Network, NetworkStatus
from wijknet.notifications import kinds
from wijknet.notifications import queries as notification_queries
from wijknet.notifications.services import notify

from . import queries


def notify_overdue(now) -> int:
    """Notify the owners of overdue actions; returns how many notifications were made."""
    today = timezone.localdate(now)
    if not claim_period("actions_overdue", today.isoformat()):
        return 0
    sent = 0
    for network in Network.objects.filter(status=NetworkStatus.ACTIVE).order_by("pk"):
        with scope(network=network), transaction.atomic():
            overdue = (
                queries.overdue_actions(network, today)
                .filter(owner__isnull=False)
                .order_by("due_on", "pk")
            )
            for action in overdue:
                sent += _tell(network, action)
    return sent


def _tell(network, action) -> int:
    url = reverse("actions:action_status", args=[network.slug, action.uuid])
    title = _("Actie over de datum: %(title)s (uiterlijk %(day)s)") % {
        "title": action.title,
        "day": date_format(action.due_on, "j F Y"),
    }
    if notification_queries.already_sent(
        network, action.owner, kind=kinds.ACTION_OVERDUE, url=url, title=title
    ):
        return 0
    made = notify(
        recipient=action.owner,
        network=network,
        kind=kinds.ACTION_OVERDUE,
        title=title,
        body=_(
            "Is de actie gedaan, of loopt hij nog? Zet de voortgang bij, of spreek een nieuwe "
            "datum af met de kartrekker."
        ),
        url=url,
    )
    return 1 if made else 0
