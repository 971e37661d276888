"""A shared case: a client recorded by one professional, a care team member with consent, and
people who must not see the client."""

from dataclasses import dataclass

import pytest
from django.utils import timezone
from django_scopes import scope

from tests.factories import MembershipFactory, OrganisationFactory
from tests.support.otp import login_verified
from wijknet.networks.roles import Role

from .. import services


@dataclass
class Case:
    network: object
    client: object
    consent: object
    recorder: object
    recorder_membership: object
    member: object  # on the team, organisation covered by the consent
    member_membership: object
    team_member: object
    outside: object  # a professional of the network, not on the team
    org_a: object
    org_b: object
    org_c: object


def make_case(network, *, name="Anna de Wit"):
    org_a = OrganisationFactory(network=network)
    org_b = OrganisationFactory(network=network)
    org_c = OrganisationFactory(network=network)
    recorder_m = MembershipFactory(
        network=network, role=Role.PARTNER, organisation=org_a, user__full_name="Rita Recorder"
    )
    member_m = MembershipFactory(
        network=network, role=Role.PARTNER, organisation=org_b, user__full_name="Tim Teamlid"
    )
    outside_m = MembershipFactory(
        network=network, role=Role.PARTNER, organisation=org_c, user__full_name="Otto Buiten"
    )
    with scope(network=network):
        client = services.client_create(
            acting_user=recorder_m.user,
            membership=recorder_m,
            network=network,
            name=name,
            birth_year=1948,
            wijk="Oosterpark",
            contact="06-12345678",
            mantelzorger_name="Karel de Wit",
            mantelzorger_contact="06-87654321",
        )
        consent = services.consent_record(
            acting_user=recorder_m.user,
            membership=recorder_m,
            client=client,
            purpose="plan",
            organisations=[org_a, org_b],
            given_by="resident",
            representative_name="",
            method="mondeling",
            given_at=timezone.localdate(),
            valid_until=None,
        )
        team_member = services.team_add(
            acting_user=recorder_m.user,
            membership=recorder_m,
            client=client,
            member_membership=member_m,
            role="Fysiotherapeut",
        )
    return Case(
        network=network,
        client=client,
        consent=consent,
        recorder=recorder_m.user,
        recorder_membership=recorder_m,
        member=member_m.user,
        member_membership=member_m,
        team_member=team_member,
        outside=outside_m.user,
        org_a=org_a,
        org_b=org_b,
        org_c=org_c,
    )


@pytest.fixture
def case(network):
    return make_case(network)


@pytest.fixture
def verified():
    def login(client, user):
        login_verified(client, user)
        return client

    return login
