"""Social map pages in the authorization matrix (see tests/support/authz.py).

The partner persona has no organisation, so it may change no offer: the own-organisation rule
for partners is tested in wijknet/offers/tests/test_views.py.
"""

from django_scopes import scopes_disabled

from tests.factories import PartnerFactory
from tests.support.authz import EDITORS, READERS, REDIRECT, Case, members_only
from wijknet.offers.models import Offer

N = ("network_slug",)
OFFER = ("network_slug", "offer_uuid")

MATRIX: dict[str, Case] = {
    "offers:list": Case(members_only(READERS), kwargs=N),
    "offers:create": Case(members_only(EDITORS), kwargs=N),
    "offers:stale": Case(members_only(EDITORS), kwargs=N),
    "offers:print": Case(members_only(READERS), kwargs=N),
    "offers:hsds": Case(members_only(READERS), kwargs=N),
    "offers:hsds_services": Case(members_only(READERS), kwargs=N),
    "offers:import": Case(members_only(EDITORS), kwargs=N),
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
    """An offer in each network."""
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
    return {"offer_uuid": (ours.uuid, theirs.uuid)}
