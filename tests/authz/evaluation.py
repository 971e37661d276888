"""The evaluation pages in the authorization matrix (wijknet/tests/test_authorization_matrix.py).

Every role sees the aggregated figures; the funder / observer role (viewer) not the core
group's reflection; the kartrekker and the core group write it. The year is not an object of
the other network: their reflection of the same year is simply not ours (404 on the read page,
an empty form on the edit page of our own network)."""

from datetime import date

from django_scopes import scope

from tests.support.authz import EDITORS, EVERY_ROLE, READERS, Case, members_only
from wijknet.evaluation.models import EvaluationReflection

MATRIX: dict[str, Case] = {
    "evaluation:index": Case(members_only(EVERY_ROLE), kwargs=("network_slug",)),
    "evaluation:reflection": Case(
        members_only(READERS), kwargs=("network_slug", "year"), foreign=True
    ),
    "evaluation:reflection_edit": Case(members_only(EDITORS), kwargs=("network_slug", "year")),
}


def _reflection(network, year):
    with scope(network=network):
        EvaluationReflection.objects.create(
            network=network,
            year=year,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            answers={"doel": "Het doel staat centraal."},
        )


def world(network, other_network, coordinator):
    _reflection(network, 2025)
    _reflection(other_network, 2024)
    return {"year": (2025, 2024)}
