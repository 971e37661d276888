"""16 people save the same volunteer profile or move the same match at once: one lands, none
is lost."""

import pytest
from django_scopes import scope, scopes_disabled

from tests.support.concurrency import EDITORS, one_edit_lands, stale_editors
from wijknet.networks.models import Membership
from wijknet.volunteering import services
from wijknet.volunteering.models import Match, VolunteerProfile

from .helpers import make_match, make_request, make_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership(network, coordinator):
    with scopes_disabled():
        return Membership.objects.get(network=network, user=coordinator)


def test_volunteer_profile(network, coordinator, membership):
    profile = make_volunteer(network)
    one_edit_lands(
        network,
        VolunteerProfile,
        profile.pk,
        lambda copy, skills: services.volunteer_update(
            acting_user=coordinator,
            membership=membership,
            profile=copy,
            expected_version=copy.version,
            skills=skills,
        ),
        field="skills",
        value=lambda n: f"Vaardigheid {n}",
    )


def test_match_transition(network, coordinator, membership):
    match = make_match(make_request(network), make_volunteer(network))
    targets = ["akkoord", "gestopt"]
    with scope(network=network):
        outcomes = stale_editors(
            load=lambda: Match.objects.select_related("request", "volunteer").get(pk=match.pk),
            save=lambda copy, n: services.match_transition(
                acting_user=coordinator,
                membership=membership,
                match=copy,
                to=targets[n % 2],
                reason="Reden",
                expected_version=copy.version,
            ),
        )
        stored = Match.objects.get(pk=match.pk)
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored.status == targets[outcomes.landed[0] % 2]
