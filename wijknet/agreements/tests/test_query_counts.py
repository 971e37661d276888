"""Query counts of this app's pages at 1 and at 3 partners / funding sources.

The count must not grow with the number of items (no N+1).
"""

from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.agreements import services


def add_items(network, n, user):
    partners = [PartnerFactory(network=network) for _ in range(n)]
    with scope(network=network):
        for i in range(n):
            agreement = services.agreement_new_version(
                acting_user=user,
                network=network,
                purpose=f"Doel {i}",
                out_of_scope="",
                terms=[(p, "Rol", "Taak", 2, Decimal("10")) for p in partners],
            )
        for p in partners:
            services.endorsement_add(
                acting_user=user,
                agreement=agreement,
                partner=p,
                level="strategic",
                name="Bestuurder",
                endorsed_on=date(2026, 1, 1),
            )
        for i in range(n):
            services.funding_create(
                acting_user=user,
                network=network,
                name=f"Bron {i}",
                kind=["gemeente", "subsidie", "fonds"][i],
                amount=Decimal("100"),
                structural=i == 0,
                ends_on=None if i == 0 else date(2099, 1, 1),
            )
            services.funding_create(
                acting_user=user,
                network=network,
                name=f"Oud {i}",
                kind="fonds",
                amount=Decimal("1"),
                structural=False,
                ends_on=date(2020, 1, 1),
            )
    return agreement


PAGES = {
    # name: (path below /n/gezond-oost/afspraken/, queries)
    "index": ("", 10),  # funding: the figures as one aggregate, the sources a bounded list
    "version_list": ("versies/", 5),
    "version_detail": ("versies/{uuid}/", 7),
    "version_create": ("nieuwe-versie/", 7),
}


@pytest.mark.django_db
@pytest.mark.parametrize("items", [1, 3])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_query_count_does_not_grow(
    client, network, coordinator, django_assert_num_queries, page, items
):
    path, expected = PAGES[page]
    agreement = add_items(network, items, coordinator)
    client.force_login(coordinator)
    with django_assert_num_queries(expected):
        response = client.get("/n/gezond-oost/afspraken/" + path.format(uuid=agreement.uuid))
    assert response.status_code == 200
