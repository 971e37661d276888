import pytest
from django_scopes import scope

from tests.factories import MembershipFactory, NetworkFactory
from wijknet.notifications.models import Notification
from wijknet.volunteering.demo import load_demo_volunteering
from wijknet.volunteering.models import FollowUp, HelpRequest, HoursEntry, Match, VolunteerProfile


@pytest.mark.django_db
def test_demo_volunteering_has_every_state_and_is_idempotent():
    network = NetworkFactory(slug="zuiderveen", name="Dorpsnetwerk Zuiderveen")
    coordinator = MembershipFactory(
        network=network, role="coordinator", user__email="dorpsondersteuner@demo.wijknet.nl"
    ).user
    jeroen = MembershipFactory(
        network=network, role="partner", user__email="kerngroep@demo.wijknet.nl"
    ).user
    users = {u.email: u for u in (coordinator, jeroen)}
    with scope(network=network):
        load_demo_volunteering(network, users)
        load_demo_volunteering(network, users)
        assert VolunteerProfile.objects.count() == 8
        assert HelpRequest.objects.count() == 7
        statuses = set(Match.objects.values_list("status", flat=True))
        assert statuses == {"voorgesteld", "akkoord", "lopend", "afgerond", "gestopt"}
        assert FollowUp.objects.filter(signalled=True).count() == 1
        assert FollowUp.objects.filter(sent_at__isnull=False).count() == 3
        assert HoursEntry.objects.count() == 12
        assert Notification.objects.filter(recipient=coordinator).exists()
        # Reciprocity: a volunteer who is also a help-seeker.
        assert HelpRequest.objects.filter(seeker_user=jeroen).exists()
