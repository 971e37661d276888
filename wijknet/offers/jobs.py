"""Scheduled work for the social map (see wijknet/core/scheduling.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django_scopes import scope

from wijknet.networks.models import Membership, Network
from wijknet.networks.roles import Role
from wijknet.notifications import kinds
from wijknet.notifications.services import notify_many

from . import queries
from .models import Offer


def _recipients(network, organisation_id):
    """The provider's own members; the coordinators when the provider has none in wijknet."""
    current = Membership.objects.filter(network=network, ended_at__isnull=True).select_related(
        "user"
    )
    own = [m.user for m in current.filter(organisation_id=organisation_id).order_by("pk")]
    if own:
        return own
    return [m.user for m in current.filter(role=Role.COORDINATOR).order_by("pk")]


def _link(network, offers) -> str:
    # Partners may confirm on an offer's page; the "not confirmed" list is for coordinators.
    if len(offers) == 1:
        return reverse("offers:detail", args=[network.slug, offers[0].uuid])
    return reverse("offers:list", args=[network.slug])


def request_confirmations(now) -> int:
    """Ask the providers of stale offers to confirm them, at most once per reminder period.
    Returns the number of offers asked about."""
    stale_before = now - timedelta(days=queries.stale_after_days())
    ask_again_before = now - timedelta(days=settings.OFFER_CONFIRMATION_REMINDER_DAYS)
    asked = 0
    for network in Network.objects.order_by("pk"):
        with scope(network=network), transaction.atomic():
            due = list(
                Offer.objects.filter(network=network)
                .filter(queries.active_q(now.date()))
                .filter(Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=stale_before))
                .filter(
                    Q(confirmation_requested_at__isnull=True)
                    | Q(confirmation_requested_at__lt=ask_again_before)
                )
                .select_related("provider__organisation")
                .order_by("provider_id", "title", "pk")
            )
            by_provider: dict[int, list[Offer]] = {}
            for offer in due:
                by_provider.setdefault(offer.provider_id, []).append(offer)
            for offers in by_provider.values():
                organisation = offers[0].provider.organisation
                titles = ", ".join(offer.title for offer in offers)
                notify_many(
                    recipients=_recipients(network, organisation.pk),
                    network=network,
                    kind=kinds.OFFER_CONFIRMATION,
                    title=_("Is het aanbod van %(organisation)s nog actueel?")
                    % {"organisation": organisation.name},
                    body=_(
                        "Bevestig op de sociale kaart dat dit aanbod nog klopt, of pas het aan: "
                        "%(titles)s"
                    )
                    % {"titles": titles},
                    url=_link(network, offers),
                )
            Offer.objects.filter(pk__in=[offer.pk for offer in due]).update(
                confirmation_requested_at=now
            )
            asked += len(due)
    return asked
