"""Social map pages in the authorization matrix (see tests/support/authz.py).

The partner persona has no organisation, so it may change no offer: the own-organisation rule
for partners is tested in wijknet/offers/tests/test_views.py.
"""

from django_scopes import scopes_disabled

from tests.factories import PartnerFactory
from tests.support.authz import (
    COORDINATOR,
    EDITORS,
    OK,
    READERS,
    REDIRECT,
    Case,
    everyone,
    members_only,
)
from wijknet.offers.models import Offer, SocialMapSettings

N = ("network_slug",)
OFFER = ("network_slug", "offer_uuid")
# The public HSDS API: our network publishes, the other does not. `foreign` swaps in the other
# network (and its objects): a network that does not publish answers 404.
API = ("hsds_network",)
PUBLIC = {"expect": everyone(OK), "foreign": True}

MATRIX: dict[str, Case] = {
    "offers:list": Case(members_only(READERS), kwargs=N),
    "offers:create": Case(members_only(EDITORS), kwargs=N),
    "offers:stale": Case(members_only(EDITORS), kwargs=N),
    "offers:print": Case(members_only(READERS), kwargs=N),
    "offers:hsds": Case(members_only(READERS), kwargs=N),
    "offers:hsds_services": Case(members_only(READERS), kwargs=N),
    "offers:hsds_settings": Case(members_only(COORDINATOR), kwargs=N),
    "offers:hsds_api_root": Case(kwargs=API, **PUBLIC),
    "offers:hsds_api_services": Case(kwargs=API, **PUBLIC),
    "offers:hsds_api_service": Case(kwargs=(*API, "hsds_service_id"), **PUBLIC),
    "offers:hsds_api_organizations": Case(kwargs=API, **PUBLIC),
    "offers:hsds_api_organization": Case(kwargs=(*API, "hsds_organization_id"), **PUBLIC),
    "offers:hsds_api_taxonomies": Case(kwargs=API, **PUBLIC),
    "offers:hsds_api_taxonomy_terms": Case(kwargs=API, **PUBLIC),
    "offers:hsds_api_service_at_locations": Case(kwargs=API, **PUBLIC),
    "offers:import": Case(members_only(EDITORS), kwargs=N),
    "offers:hsds_import": Case(members_only(EDITORS), kwargs=N),
    "offers:template": Case(members_only(EDITORS), kwargs=N),
    "offers:detail": Case(members_only(READERS), kwargs=OFFER, foreign=True),
    "offers:edit": Case(members_only(EDITORS), kwargs=OFFER, foreign=True),
    "offers:end": Case(members_only(EDITORS), kwargs=OFFER, foreign=True),
    "offers:confirm": Case(
        {**members_only(EDITORS), "coordinator": REDIRECT, "core": REDIRECT},
        kwargs=OFFER,
        method="post",
        foreign=True,
    ),
}


def world(network, other_network, coordinator):
    """An offer in each network; ours publishes its social map as an HSDS API, the other one
    has the settings row but does not."""
    with scopes_disabled():
        ours = Offer.objects.create(
            network=network,
            provider=PartnerFactory(network=network),
            title="Wandelen in de wijk",
            kind="bewegen",
        )
        theirs = Offer.objects.create(
            network=other_network,
            provider=PartnerFactory(network=other_network),
            title="Hun aanbod",
            kind="sport",
        )
        SocialMapSettings.objects.create(network=network, hsds_published=True)
        SocialMapSettings.objects.create(network=other_network, hsds_published=False)
        organisations = (ours.provider.organisation.uuid, theirs.provider.organisation.uuid)
    return {
        "offer_uuid": (ours.uuid, theirs.uuid),
        "hsds_network": (network.slug, other_network.slug),
        "hsds_service_id": (ours.uuid, theirs.uuid),
        "hsds_organization_id": organisations,
    }
