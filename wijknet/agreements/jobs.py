"""Scheduled work for the agreement and its funding (registered in settings.SCHEDULED_JOBS).

`notify_funding_ending(now)` tells the members who keep the agreement and its funding
(edit_agreement) when temporary funding comes within the outlook horizon (six months) of its
end date, once per source and end date — the same sources "Mijn werk" lists under
"Financiering die afloopt". It runs once a day.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_scopes import scope

from wijknet.core.scheduling import claim_period
from wijknet.networks import roles
from wijknet.networks.models import Membership, Network, NetworkStatus
from wijknet.notifications import kinds
from wijknet.notifications import queries as notification_queries
from wijknet.notifications.services import notify

from . import queries
from .models import FundingSource


def _keepers(network) -> list:
    """Current members whose role may edit the agreement and its funding."""
    memberships = (
        Membership.objects.filter(network=network, ended_at__isnull=True)
        .select_related("user")
        .order_by("pk")
    )
    return [m.user for m in memberships if m.can(roles.EDIT_AGREEMENT)]


def notify_funding_ending(now) -> int:
    """Notify about temporary funding ending within the horizon; returns how many
    notifications were made."""
    today = timezone.localdate(now)
    if not claim_period("funding_ending", today.isoformat()):
        return 0
    horizon = queries.add_months(today, queries.OUTLOOK_MONTHS)
    sent = 0
    for network in Network.objects.filter(status=NetworkStatus.ACTIVE).order_by("pk"):
        with scope(network=network), transaction.atomic():
            ending = list(
                FundingSource.objects.filter(
                    network=network, structural=False, ends_on__gte=today, ends_on__lte=horizon
                ).order_by("ends_on", "name", "pk")
            )
            if not ending:
                continue
            keepers = _keepers(network)
            for source in ending:
                sent += _tell(network, source, keepers)
    return sent


def _tell(network, source, keepers) -> int:
    url = reverse("agreements:funding_edit", args=[network.slug, source.uuid])
    title = _("Financiering loopt af op %(day)s: %(name)s") % {
        "day": date_format(source.ends_on, "j F Y"),
        "name": source.name,
    }
    made = 0
    for user in keepers:
        if notification_queries.already_sent(
            network, user, kind=kinds.FUNDING_ENDING, url=url, title=title
        ):
            continue
        if notify(
            recipient=user,
            network=network,
            kind=kinds.FUNDING_ENDING,
            title=title,
            body=_(
                "Deze tijdelijke financiering loopt binnen een half jaar af. Zoek op tijd een "
                "vervolg of structurele financiering, en leg het vast bij de afspraken."
            ),
            url=url,
        ):
            made += 1
    return made
