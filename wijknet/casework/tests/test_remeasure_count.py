"""The count "Mijn werk" shows of clients due for a new Positive Health measurement follows the
same access as the client list: recorder, or on the team with a consent in force; nobody else,
and nobody after the consent is withdrawn. It is a compiled statement (core.statements), so
it is checked per membership, with and without an organisation."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory
from wijknet.casework import access, queries, services
from wijknet.casework.models import CarePlan
from wijknet.networks.roles import Role


def _counts(case, *memberships):
    with scope(network=case.network):
        return [queries.remeasurement_due_count(case.network, m) for m in memberships]


def _orm_counts(case, *memberships):
    today = timezone.localdate()
    with scope(network=case.network):
        return [
            access.visible_clients(case.network, m, today)
            .filter(queries._remeasure_due(today))
            .count()
            for m in memberships
        ]


@pytest.mark.django_db
def test_remeasurement_count_follows_team_and_consent(case):
    with scopes_disabled():
        outside = case.outside.memberships.get(network=case.network)
        CarePlan.objects.update_or_create(
            client=case.client,
            defaults={
                "network": case.network,
                "evaluate_on": timezone.localdate() - timedelta(days=1),
            },
        )
    no_organisation = MembershipFactory(network=case.network, role=Role.COORDINATOR)
    everyone = (case.recorder_membership, case.member_membership, outside, no_organisation)
    assert _counts(case, *everyone) == [1, 1, 0, 0] == _orm_counts(case, *everyone)

    with scope(network=case.network):
        services.consent_withdraw(
            acting_user=case.recorder, membership=case.recorder_membership, consent=case.consent
        )
    assert _counts(case, *everyone) == [1, 0, 0, 0] == _orm_counts(case, *everyone)

    with scopes_disabled():
        case.member_membership.ended_at = timezone.now()
        case.recorder_membership.ended_at = timezone.now()
    assert _counts(case, case.recorder_membership) == [0]
