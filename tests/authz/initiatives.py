"""This app's pages in the authorization matrix (wijknet/tests/test_authorization_matrix.py)."""

from django_scopes import scope

from tests.support.authz import COORDINATOR, EDITORS, READERS, Case, members_only
from wijknet.initiatives import services
from wijknet.initiatives.models import Initiative
from wijknet.networks.models import Membership

N = ("network_slug",)
ONE = ("network_slug", "initiative_uuid")

MATRIX: dict[str, Case] = {
    # Every member who sees goals and actions — citizens included — reads and brings in ideas.
    "initiatives:list": Case(members_only(READERS), kwargs=N),
    "initiatives:create": Case(members_only(READERS), kwargs=N),
    "initiatives:settings": Case(members_only(COORDINATOR), kwargs=N),
    "initiatives:detail": Case(members_only(READERS), kwargs=ONE, foreign=True),
    # The idea here is the kartrekker's: the initiator and the core group may edit it.
    "initiatives:edit": Case(members_only(EDITORS), kwargs=ONE, foreign=True),
    # Other members support it; the initiator (the kartrekker here) does not support their own.
    "initiatives:support": Case(
        members_only({"core", "partner", "citizen"}), kwargs=ONE, foreign=True
    ),
    # The confirmation page; withdrawing without a support is refused with a message.
    "initiatives:withdraw_support": Case(members_only(READERS), kwargs=ONE, foreign=True),
    "initiatives:respond": Case(members_only(EDITORS), kwargs=ONE, foreign=True),
    "initiatives:adopt": Case(members_only(EDITORS), kwargs=ONE, foreign=True),
}


def world(network, other_network, coordinator):
    with scope(network=network):
        membership = Membership.objects.get(network=network, user=coordinator)
        ours = services.initiative_create(
            acting_user=coordinator,
            membership=membership,
            network=network,
            title="Moestuin bij de school",
        )
    with scope(network=other_network):
        theirs = Initiative.objects.create(network=other_network, title="Geheim idee")
    return {"initiative_uuid": (ours.uuid, theirs.uuid)}
