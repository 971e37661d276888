import pytest
from django_scopes import scope

from tests.factories import MembershipFactory, OrganisationFactory
from wijknet.casework.demo import COLLEAGUE, CORE, RECORDER, load_demo_casework
from wijknet.casework.models import CaseConference, Client, HealthMeasurement, PlanAction

pytestmark = pytest.mark.django_db


def test_demo_casework_loads_once(network):
    users = {}
    for email, role in [(RECORDER, "partner"), (CORE, "core"), (COLLEAGUE, "partner")]:
        users[email] = MembershipFactory(
            network=network,
            role=role,
            user__email=email,
            organisation=OrganisationFactory(network=network),
        ).user
    assert load_demo_casework(network, users) == 2
    assert load_demo_casework(network, users) == 0
    with scope(network=network):
        assert Client.objects.count() == 2
        assert HealthMeasurement.objects.count() == 2
        assert CaseConference.objects.count() == 1
        assert PlanAction.objects.filter(conference__isnull=False).count() == 2
