from django_scopes import scopes_disabled

from tests.factories import MembershipFactory, PartnerFactory
from wijknet.offers.models import Offer


def make_offer(network, provider=None, **fields):
    with scopes_disabled():
        provider = provider or PartnerFactory(network=network)
        values = {"title": "Wandelen", "kind": "bewegen", **fields}
        return Offer.objects.create(network=network, provider=provider, **values)


def partner_member(network, provider):
    """A member with the role partner who works at the provider's organisation."""
    return MembershipFactory(network=network, role="partner", organisation=provider.organisation)
