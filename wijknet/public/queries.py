"""Reads of the public page: the page by its network's slug (before any scope exists), and what
it shows — each list bounded, each one query, only public fields (no contact persons, no
members, no initiators)."""

from dataclasses import dataclass

from django.db.models import Q
from django_scopes import scopes_disabled

from wijknet.actions.models import Success
from wijknet.initiatives.models import Initiative, InitiativeStatus
from wijknet.networks.models import Partner, Sector
from wijknet.offers import access as offers_access
from wijknet.offers import queries as offer_queries

from .models import PublicPage

MAX_PARTNERS = 50
MAX_SUCCESSES = 6
MAX_OFFERS = 30
MAX_INITIATIVES = 10
PUBLIC_INITIATIVE_STATUSES = (InitiativeStatus.PICKED_UP, InitiativeStatus.DONE)


def page_for(network) -> PublicPage | None:
    return PublicPage.objects.filter(network=network).first()


def page_by_slug(slug: str) -> PublicPage | None:
    """The public page of the network with this slug, with the network (one query). The public
    page runs before any scope exists (this decides which network), hence scopes_disabled,
    filtered by the slug; `access.may_read_public_page` decides."""
    with scopes_disabled():
        return PublicPage.objects.select_related("network").filter(network__slug=slug).first()


@dataclass
class PublicContent:
    partners: list
    successes: list
    offers: list
    initiatives: list
    social_map_public: bool


def content(network, page: PublicPage) -> PublicContent:
    """What the page shows, as the coordinator chose; call inside the network's scope."""
    partners = successes = offers = initiatives = []
    if page.show_partners:
        sectors = dict(Sector.choices)
        partners = [
            {"name": row["organisation__name"], "sector": sectors.get(row["organisation__sector"])}
            for row in Partner.objects.filter(network=network, left_on__isnull=True)
            .order_by("organisation__name", "pk")
            .values("organisation__name", "organisation__sector")[:MAX_PARTNERS]
        ]
    if page.show_successes:
        successes = list(
            Success.objects.filter(network=network)
            .order_by("-happened_on", "-pk")
            .values("title", "description", "happened_on")[:MAX_SUCCESSES]
        )
    social_map = offer_queries.social_map_settings(network)
    if social_map is not None:
        social_map.network = network  # known: no second query for it
    social_map_public = offers_access.may_read_hsds(social_map)
    if page.show_offers and social_map_public:
        offers = list(offer_queries.hsds_offers(network).order_by("title", "pk")[:MAX_OFFERS])
    if page.show_initiatives:
        initiatives = list(
            Initiative.objects.filter(network=network)
            .filter(Q(status__in=PUBLIC_INITIATIVE_STATUSES))
            .order_by("-updated_at", "-pk")
            .values("title", "status", "place")[:MAX_INITIATIVES]
        )
        labels = dict(InitiativeStatus.choices)
        for row in initiatives:
            row["status_label"] = labels.get(row["status"], "")
    return PublicContent(
        partners=partners,
        successes=successes,
        offers=offers,
        initiatives=initiatives,
        social_map_public=social_map_public,
    )
