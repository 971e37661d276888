"""This app's pages in the authorization matrix (wijknet/tests/test_authorization_matrix.py)."""

from datetime import date

from django_scopes import scope

from tests.support.authz import EDITORS, TEAM, Case, members_only
from wijknet.agreements import services

MATRIX: dict[str, Case] = {
    "agreements:index": Case(members_only(TEAM), kwargs=("network_slug",)),
    "agreements:version_list": Case(members_only(TEAM), kwargs=("network_slug",)),
    "agreements:version_detail": Case(
        members_only(TEAM), kwargs=("network_slug", "agreement_uuid"), foreign=True
    ),
    "agreements:version_create": Case(members_only(EDITORS), kwargs=("network_slug",)),
    "agreements:endorsement_create": Case(
        members_only(EDITORS), kwargs=("network_slug", "agreement_uuid"), foreign=True
    ),
    "agreements:funding_create": Case(members_only(EDITORS), kwargs=("network_slug",)),
    "agreements:funding_edit": Case(
        members_only(EDITORS), kwargs=("network_slug", "funding_uuid"), foreign=True
    ),
    "agreements:funding_delete": Case(
        members_only(EDITORS), kwargs=("network_slug", "funding_uuid"), foreign=True
    ),
}


def _objects(network, user):
    with scope(network=network):
        agreement = services.agreement_new_version(
            acting_user=user, network=network, purpose="Samen", out_of_scope="", terms=[]
        )
        source = services.funding_create(
            acting_user=user,
            network=network,
            name="Subsidie",
            kind="subsidie",
            amount=1000,
            structural=False,
            starts_on=date(2026, 1, 1),
            ends_on=date(2027, 12, 31),
        )
    return agreement, source


def world(network, other_network, coordinator):
    agreement, source = _objects(network, coordinator)
    foreign_agreement, foreign_source = _objects(other_network, None)
    return {
        "agreement_uuid": (agreement.uuid, foreign_agreement.uuid),
        "funding_uuid": (source.uuid, foreign_source.uuid),
    }
