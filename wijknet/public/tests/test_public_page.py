import re

import pytest
from django.utils import timezone
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.actions.models import Success
from wijknet.core.locking import ConcurrentEditError
from wijknet.initiatives.models import InitiativeStatus
from wijknet.initiatives.tests.helpers import bring_in, membership_of, respond
from wijknet.networks.models import NetworkStatus
from wijknet.offers.models import Offer
from wijknet.offers.services import hsds_publication_set
from wijknet.public import services

pytestmark = pytest.mark.django_db

URL = "/wijk/gezond-oost/"


def publish(network, user, version=0, **fields):
    with scope(network=network):
        return services.public_page_update(
            acting_user=user,
            membership=membership_of(network, user),
            network=network,
            expected_version=version,
            **fields,
        )


def test_not_published_is_404_for_everyone(client, network, members):
    assert client.get(URL).status_code == 404
    publish(network, members["coordinator"], published=False, intro="Nog geheim")
    assert client.get(URL).status_code == 404
    client.force_login(members["coordinator"])
    assert client.get(URL).status_code == 404
    assert client.get("/wijk/bestaat-niet/").status_code == 404


def test_an_archived_network_is_404(client, network, members):
    publish(network, members["coordinator"], published=True)
    network.status = NetworkStatus.ARCHIVED
    network.save()
    assert client.get(URL).status_code == 404


def _world_with_personal_data(network, members):
    """Everything a page could leak: members, partner contacts, offer contacts, an idea's
    initiator — all published as far as the coordinator can."""
    network.ambition = "Samen gezond ouder worden in Oost"
    network.area_name = "Oost"
    network.save()
    partner = PartnerFactory(
        network=network,
        organisation__name="Buurtzorg Oost",
        contact_name="Henk Contactpersoon",
        contact_email="henk@buurtzorg.example",
        contact_phone="06-12345678",
    )
    with scope(network=network):
        Offer.objects.create(
            network=network,
            provider=partner,
            title="Wandelclub",
            kind="bewegen",
            place="Park Oost",
            contact_name="Truus Aanbieder",
            contact_email="truus@example.org",
            contact_phone="030-7654321",
            last_confirmed_at=timezone.now(),
        )
        Success.objects.create(
            network=network, title="Eerste moestuin geopend", happened_on=timezone.localdate()
        )
        hsds_publication_set(
            acting_user=members["coordinator"],
            membership=membership_of(network, members["coordinator"]),
            network=network,
            published=True,
        )
    idea = bring_in(network, members["citizen"], title="Buurtbankje")
    respond(network, members["core"], idea, InitiativeStatus.PICKED_UP, "Mooi, doen we")


def test_published_page_shows_what_was_chosen_and_no_personal_data(client, network, members):
    _world_with_personal_data(network, members)
    publish(
        network,
        members["coordinator"],
        published=True,
        intro="Wij zijn het gezondheidsnetwerk van Oost.",
        show_initiatives=True,
        contact_email="info@gezond-oost.example",
        help_text="Loop binnen op dinsdag in het buurthuis.",
    )
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for shown in (
        "Gezond Oost",
        "Wij zijn het gezondheidsnetwerk van Oost.",
        "Samen gezond ouder worden in Oost",
        "Buurtzorg Oost",
        "Wandelclub",
        "Eerste moestuin geopend",
        "Buurtbankje",
        "info@gezond-oost.example",
        "Loop binnen op dinsdag",
        "/account/inloggen/?next=",
    ):
        assert shown in html, shown
    # No person: no member's name or e-mail, no contact person, no initiator, no phone number.
    for hidden in (
        "Henk Contactpersoon",
        "henk@buurtzorg.example",
        "06-12345678",
        "Truus Aanbieder",
        "truus@example.org",
        "030-7654321",
        "Mooi, doen we",  # the response to the initiator
        *(user.full_name for user in members.values()),
        *(user.email for user in members.values()),
    ):
        assert hidden not in html, hidden
    # No e-mail address at all but the one the coordinator published.
    emails = set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+", html))
    assert emails == {"info@gezond-oost.example"}


def test_only_what_the_coordinator_ticked(client, network, members):
    _world_with_personal_data(network, members)
    publish(
        network,
        members["coordinator"],
        published=True,
        show_ambition=False,
        show_partners=False,
        show_successes=False,
        show_offers=False,
        show_initiatives=False,
    )
    html = client.get(URL).content.decode()
    for hidden in (
        "Samen gezond",
        "Buurtzorg Oost",
        "Wandelclub",
        "Eerste moestuin",
        "Buurtbankje",
    ):
        assert hidden not in html, hidden


def test_offers_only_when_the_social_map_is_public(client, network, members):
    _world_with_personal_data(network, members)
    with scope(network=network):
        hsds_publication_set(
            acting_user=members["coordinator"],
            membership=membership_of(network, members["coordinator"]),
            network=network,
            published=False,
        )
    publish(network, members["coordinator"], published=True)
    html = client.get(URL).content.decode()
    assert "Wandelclub" not in html and "niet openbaar" in html


def test_settings_page_previews_before_publishing(client, network, members):
    _world_with_personal_data(network, members)
    client.force_login(members["coordinator"])
    html = client.get("/n/gezond-oost/openbare-pagina/").content.decode()
    assert "Nog niet openbaar" in html and "Voorbeeld" in html and "Buurtzorg Oost" in html
    response = client.post(
        "/n/gezond-oost/openbare-pagina/",
        {"published": "on", "intro": "Hallo wijk", "show_partners": "on", "version": 0},
    )
    assert response.status_code == 302
    assert "Hallo wijk" in client.get(URL).content.decode()
    # A stale save is refused with the stored values.
    html = client.post(
        "/n/gezond-oost/openbare-pagina/", {"intro": "Oude versie", "version": 0}
    ).content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html


def test_only_the_kartrekker_publishes(network, members):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        publish(network, members["core"], published=True)
    publish(network, members["coordinator"], published=True)
    with pytest.raises(ConcurrentEditError):
        publish(network, members["coordinator"], version=0, published=False)


@pytest.mark.parametrize("items", [1, 3])
def test_public_page_query_count_is_flat(
    client, network, members, django_assert_num_queries, items
):
    with scope(network=network):
        hsds_publication_set(
            acting_user=members["coordinator"],
            membership=membership_of(network, members["coordinator"]),
            network=network,
            published=True,
        )
        for i in range(items):
            partner = PartnerFactory(network=network)
            Offer.objects.create(
                network=network, provider=partner, title=f"Aanbod {i}", kind="bewegen"
            )
            Success.objects.create(
                network=network, title=f"Succes {i}", happened_on=timezone.localdate()
            )
    for i in range(items):
        idea = bring_in(network, members["citizen"], title=f"Idee {i}")
        respond(network, members["core"], idea, InitiativeStatus.PICKED_UP)
    publish(network, members["coordinator"], published=True, show_initiatives=True)
    # the page with its network, partners, successes, the social map's settings, offers, ideas
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.status_code == 200
