from tests.factories import PartnerFactory
from tests.support.authz import EDITORS, READERS, REDIRECT, Case, members_only

MATRIX = {
    "graph:index": Case(members_only(READERS), kwargs=("network_slug",)),
    "graph:data": Case(members_only(READERS), kwargs=("network_slug",)),
    "graph:desired_delete": Case(
        {**members_only(EDITORS), "coordinator": REDIRECT, "core": REDIRECT},
        kwargs=("network_slug", "relation_uuid"),
        method="post",
        foreign=True,
        data={"confirm": "1"},
    ),
}


def world(network, other_network, coordinator):
    from django_scopes import scope

    from wijknet.graph.models import DesiredRelation

    def relation(net):
        a, b = sorted(
            [PartnerFactory(network=net), PartnerFactory(network=net)], key=lambda p: p.pk
        )
        with scope(network=net):
            return DesiredRelation.objects.create(network=net, partner_a=a, partner_b=b)

    return {"relation_uuid": (relation(network).uuid, relation(other_network).uuid)}
