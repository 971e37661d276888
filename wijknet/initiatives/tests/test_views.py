from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from wijknet.initiatives import services
from wijknet.initiatives.models import Initiative, InitiativeStatus, Support

from .helpers import bring_in, membership_of, respond, support

pytestmark = pytest.mark.django_db

BASE = "/n/gezond-oost/initiatieven/"


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_empty_list_invites_the_first_idea(client, network, members):
    client.force_login(members["citizen"])
    html = html_of(client.get(BASE))
    assert "Er zijn nog geen ideeën ingebracht" in html
    assert "Idee inbrengen" in html


def test_a_citizen_brings_in_an_idea_through_the_form(client, network, members):
    client.force_login(members["citizen"])
    response = client.post(
        f"{BASE}nieuw/",
        {"title": "Buurtbankje", "for_whom": "iedereen", "place": "het plein", "needs": "hout"},
    )
    with scope(network=network):
        idea = Initiative.objects.get()
    assert response.status_code == 302 and response.url == f"{BASE}{idea.uuid}/"
    html = html_of(client.get(response.url))
    assert "Buurtbankje" in html and "het plein" in html and "Nog geen reactie" in html
    assert "Citizen Persoon" in html


def test_search_and_status_filter(client, network, members):
    bring_in(network, members["citizen"], title="Moestuin")
    other = bring_in(network, members["citizen"], title="Wandelgroep")
    respond(network, members["core"], other, InitiativeStatus.IN_TALKS)
    client.force_login(members["partner"])
    html = html_of(client.get(BASE, {"q": "moes"}))
    assert "Moestuin" in html and "Wandelgroep" not in html
    html = html_of(client.get(BASE, {"status": "in_talks"}))
    assert "Wandelgroep" in html and "Moestuin" not in html
    html = html_of(client.get(BASE, {"q": "zwembad"}))
    assert "Geen ideeën gevonden" in html


def test_the_list_is_paginated(client, network, members):
    for i in range(21):
        bring_in(network, members["citizen"], title=f"Idee nummer {i:02d}")
    client.force_login(members["citizen"])
    html = html_of(client.get(BASE))
    assert "Idee nummer 20" in html and "Idee nummer 00" not in html
    assert "Idee nummer 00" in html_of(client.get(BASE, {"page": 2}))


def test_support_and_withdraw_with_confirmation(client, network, members):
    idea = bring_in(network, members["citizen"])
    client.force_login(members["partner"])
    url = f"{BASE}{idea.uuid}/"
    response = client.post(f"{url}steunen/", {"offers_help": "on", "help_text": "flyeren"})
    assert response.status_code == 302
    html = html_of(client.get(url))
    assert "Partner Persoon" in html and "wil helpen" in html and "flyeren" in html
    # A POST without the confirmation button only shows the question.
    html = html_of(client.post(f"{url}steun-intrekken/"))
    assert "Steun intrekken?" in html
    with scope(network=network):
        assert Support.objects.count() == 1
    response = client.post(f"{url}steun-intrekken/", {"confirm": "1"})
    assert response.status_code == 302
    with scope(network=network):
        assert Support.objects.count() == 0


def test_declining_without_a_reason_shows_the_error(client, network, members):
    idea = bring_in(network, members["citizen"])
    client.force_login(members["coordinator"])
    url = f"{BASE}{idea.uuid}/reageren/"
    html = html_of(client.post(url, {"status": "declined", "response": "", "version": 1}))
    assert "Leg uit waarom het idee niet wordt opgepakt" in html
    response = client.post(url, {"status": "declined", "response": "Geen budget.", "version": 1})
    assert response.status_code == 302
    client.force_login(members["citizen"])
    html = html_of(client.get(f"{BASE}{idea.uuid}/"))
    assert "Geen budget." in html and "niet opgepakt" in html


def test_a_stale_edit_shows_the_stored_values(client, network, members):
    idea = bring_in(network, members["citizen"], title="Eerst")
    with scope(network=network):
        services.initiative_update(
            acting_user=members["core"],
            membership=membership_of(network, members["core"]),
            initiative=idea,
            expected_version=1,
            title="Door de kerngroep",
        )
    client.force_login(members["citizen"])
    html = html_of(
        client.post(f"{BASE}{idea.uuid}/bewerken/", {"title": "Mijn versie", "version": 1})
    )
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Door de kerngroep" in html and "Mijn versie" in html


def test_adopted_idea_and_goal_link_to_each_other(client, network, members):
    idea = bring_in(network, members["citizen"], title="Moestuin")
    client.force_login(members["core"])
    response = client.post(
        f"{BASE}{idea.uuid}/doel-maken/",
        {"goal_title": "Schoolmoestuin", "actions": "Grond vragen\nZaden kopen", "version": 1},
    )
    assert response.status_code == 302
    html = html_of(client.get(f"{BASE}{idea.uuid}/"))
    assert "Schoolmoestuin" in html and "opgepakt" in html
    html = html_of(client.get("/n/gezond-oost/doelen/"))
    assert "Voortgekomen uit het idee:" in html and f"{BASE}{idea.uuid}/" in html


def test_mijn_werk_shows_waiting_ideas_and_the_initiators_news(client, network, members):
    late = bring_in(network, members["citizen"], title="Lang wachtend idee")
    bring_in(network, members["citizen"], title="Vers idee")
    with scope(network=network):
        Initiative.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(weeks=5))
    client.force_login(members["coordinator"])
    html = html_of(client.get("/n/gezond-oost/mijn-werk/"))
    assert "Ideeën die op een reactie wachten" in html
    assert "Lang wachtend idee" in html and "Vers idee" in html
    assert html.count("reactie te laat") == 1
    respond(network, members["core"], late, InitiativeStatus.IN_TALKS, "Kom je langs?")
    client.force_login(members["citizen"])
    html = html_of(client.get("/n/gezond-oost/mijn-werk/"))
    assert "Mijn ideeën" in html and "in gesprek" in html and "Kom je langs?" in html
    assert "Ideeën die op een reactie wachten" not in html


def test_the_initiator_may_not_support_but_others_see_the_button(client, network, members):
    idea = bring_in(network, members["citizen"])
    support(network, members["core"], idea)
    client.force_login(members["citizen"])
    html = html_of(client.get(f"{BASE}{idea.uuid}/"))
    assert "Dit is jouw idee" in html and "Ik steun dit idee" not in html
    client.force_login(members["partner"])
    assert "Ik steun dit idee" in html_of(client.get(f"{BASE}{idea.uuid}/"))
