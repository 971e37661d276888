"""The demo: Gezond Oost linked to its (fictitious) wijk with example figures, a few indicators
chosen and its exercise goal linked; the page says the figures are examples."""

import pytest
from django.core.management import call_command
from django_scopes import scope

from wijknet.networks.models import Network
from wijknet.wijkprofiel.models import Figure, GoalIndicator, NetworkArea, ProfileChoice

pytestmark = pytest.mark.django_db


def test_demo_wijkprofiel(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    network = Network.objects.get(slug="gezond-oost")
    with scope(network=network):
        assert list(NetworkArea.objects.values_list("code", flat=True)) == ["WK990101"]
        assert ProfileChoice.objects.get().indicators[0] == "beweegrichtlijn"
        link = GoalIndicator.objects.select_related("goal").get()
    assert link.goal.title == "Meer ouderen bewegen wekelijks"
    assert (link.start_value, link.start_year, link.start_example) == (35.1, 2020, True)
    assert not Figure.objects.filter(example=False).exists()
    client.force_login(network_coordinator(network))
    html = client.get("/n/gezond-oost/wijkprofiel/").content.decode()
    assert "voorbeeldcijfers, geen echte cijfers" in html
    assert (
        "Wij werken aan Meer ouderen bewegen wekelijks: 38% voldoet aan de beweegrichtlijn" in html
    )
    goals = client.get("/n/gezond-oost/doelen/").content.decode()
    assert "bij de start 35,1% (2020)" in goals and "laatste import 38% (2022)" in goals
    zuiderveen = Network.objects.get(slug="zuiderveen")
    with scope(network=zuiderveen):
        assert not NetworkArea.objects.exists()


def network_coordinator(network):
    from wijknet.networks.models import Membership

    with scope(network=network):
        return Membership.objects.filter(network=network, role="coordinator").first().user
