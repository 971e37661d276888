import pytest
from django_scopes import scope

from tests.factories import MembershipFactory, PartnerFactory
from wijknet.core.models import AuditEvent
from wijknet.networks.models import Network, Partner


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.mark.django_db
class TestPartnerPages:
    def test_create_partner(self, coordinator_client, network):
        response = coordinator_client.post(
            "/n/gezond-oost/partners/nieuw/",
            {
                "organisation_name": "Fietsmaatjes",
                "sector": "welzijn",
                "role": "partner",
                "contributions": ["vrijwilligers", "tijd"],
                "hours_per_month": "3",
                "joined_on": "2026-01-05",
                "commitment_strategic": "none",
                "commitment_tactical": "weak",
                "commitment_operational": "strong",
            },
            follow=True,
        )
        assert response.status_code == 200
        assert "Fietsmaatjes is toegevoegd als partner." in response.content.decode()
        with scope(network=network):
            partner = Partner.objects.get()
        assert partner.contributions == ["vrijwilligers", "tijd"]
        assert partner.hours_per_month == 3

    def test_invalid_form_rerenders_with_dutch_errors_and_keeps_input(
        self, coordinator_client, network
    ):
        response = coordinator_client.post(
            "/n/gezond-oost/partners/nieuw/",
            {
                "organisation_name": "",
                "sector": "",
                "role": "partner",
                "hours_per_month": "-4",
                "interests": "Wij willen meer bewoners bereiken",
                "joined_on": "gisteren",
                "commitment_strategic": "none",
                "commitment_tactical": "none",
                "commitment_operational": "none",
            },
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "Vul de naam van de organisatie in." in html
        assert "Kies de sector van de organisatie." in html
        assert "Voer een geldige datum in." in html
        assert "Wij willen meer bewoners bereiken" in html  # nothing typed is lost
        with scope(network=network):
            assert Partner.objects.count() == 0

    def test_filter_by_sector_and_search(self, coordinator_client, network):
        PartnerFactory(
            network=network, organisation__name="Sportclub", organisation__sector="sport"
        )
        PartnerFactory(
            network=network, organisation__name="Welzijn Oost", organisation__sector="welzijn"
        )
        html = coordinator_client.get("/n/gezond-oost/partners/?sector=sport").content.decode()
        assert "Sportclub" in html and "Welzijn Oost" not in html
        html = coordinator_client.get("/n/gezond-oost/partners/?q=welzijn").content.decode()
        assert "Welzijn Oost" in html and "Sportclub" not in html
        html = coordinator_client.get("/n/gezond-oost/partners/?role=kern").content.decode()
        assert "Geen partners gevonden met deze filters." in html

    def test_htmx_filter_returns_only_the_results_partial(self, coordinator_client, network):
        PartnerFactory(network=network, organisation__name="Sportclub")
        response = coordinator_client.get(
            "/n/gezond-oost/partners/", headers={"HX-Request": "true"}
        )
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="partner-results">')
        assert "Sportclub" in html and "<html" not in html

    def test_end_partnership_asks_confirmation_then_can_be_undone(
        self, coordinator_client, network
    ):
        partner = PartnerFactory(network=network, organisation__name="Bieb", joined_on="2025-01-01")
        url = f"/n/gezond-oost/partners/{partner.uuid}/beeindigen/"
        confirm = coordinator_client.get(url).content.decode()
        assert "Partnerschap met Bieb beëindigen?" in confirm
        response = coordinator_client.post(
            url, {"left_on": "2026-11-01", "reason": "", "confirm": "1"}, follow=True
        )
        html = response.content.decode()
        assert "Het partnerschap met Bieb is beëindigd." in html
        assert "Ongedaan maken" in html
        coordinator_client.post(f"/n/gezond-oost/partners/{partner.uuid}/herstellen/")
        with scope(network=network):
            assert Partner.objects.get(pk=partner.pk).left_on is None

    def test_stale_edit_is_refused_with_a_message(self, coordinator_client, network):
        partner = PartnerFactory(network=network)
        data = {
            "sector": "welzijn",
            "role": "kern",
            "hours_per_month": "5",
            "joined_on": "2026-01-01",
            "commitment_strategic": "none",
            "commitment_tactical": "none",
            "commitment_operational": "none",
            "version": str(partner.version),
        }
        url = f"/n/gezond-oost/partners/{partner.uuid}/bewerken/"
        assert coordinator_client.post(url, data).status_code == 302
        stale = coordinator_client.post(url, {**data, "hours_per_month": "9"})
        assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
        with scope(network=network):
            assert Partner.objects.get(pk=partner.pk).hours_per_month == 5


@pytest.mark.django_db
class TestMemberPages:
    def test_double_submitted_invitation_gets_a_clear_message(self, coordinator_client):
        data = {"email": "collega@example.org", "role": "partner"}
        first = coordinator_client.post("/n/gezond-oost/leden/uitnodigen/", data)
        assert "Uitnodiging verstuurd" in first.content.decode()
        second = coordinator_client.post("/n/gezond-oost/leden/uitnodigen/", data)
        assert "Er staat al een uitnodiging open voor dit adres" in second.content.decode()

    def test_invitation_link_for_a_new_person(self, client, coordinator_client, network):
        sent = coordinator_client.post(
            "/n/gezond-oost/leden/uitnodigen/", {"email": "nieuw@example.org", "role": "citizen"}
        )
        link = sent.context["link"]
        assert link.startswith("http://testserver/")  # the address the request came to
        path = link.removeprefix("http://testserver")
        client.logout()
        form = client.get(path)
        assert "Maak een account aan om mee te doen." in form.content.decode()
        mismatch = client.post(
            path,
            {
                "full_name": "Nieuw",
                "password1": "een-lang-wachtwoord",
                "password2": "ander-wachtwoord",
            },
        )
        assert "De wachtwoorden zijn niet gelijk." in mismatch.content.decode()
        done = client.post(
            path,
            {
                "full_name": "Nieuw Lid",
                "password1": "een-lang-wachtwoord",
                "password2": "een-lang-wachtwoord",
            },
            follow=True,
        )
        assert "Welkom bij Gezond Oost!" in done.content.decode()
        again = client.get(path)
        assert again.status_code == 410
        assert "Deze uitnodiging is al gebruikt." in again.content.decode()

    def test_role_change_and_end_membership(self, coordinator_client, network):
        member = MembershipFactory(network=network, role="citizen", user__full_name="Piet")
        coordinator_client.post(f"/n/gezond-oost/leden/{member.uuid}/rol/", {"role": "core"})
        member.refresh_from_db()
        assert member.role == "core"
        confirm = coordinator_client.get(f"/n/gezond-oost/leden/{member.uuid}/beeindigen/")
        assert "Lidmaatschap van Piet beëindigen?" in confirm.content.decode()
        # A POST without the confirmation button ends nothing and asks again.
        asked = coordinator_client.post(f"/n/gezond-oost/leden/{member.uuid}/beeindigen/")
        assert "Lidmaatschap van Piet beëindigen?" in asked.content.decode()
        member.refresh_from_db()
        assert member.ended_at is None
        coordinator_client.post(f"/n/gezond-oost/leden/{member.uuid}/beeindigen/", {"confirm": "1"})
        member.refresh_from_db()
        assert member.ended_at is not None

    def test_partner_sees_members_without_email_addresses(self, client, members):
        client.force_login(members["partner"])
        html = client.get("/n/gezond-oost/leden/").content.decode()
        assert "Viewer Persoon" in html
        assert "viewer@example.org" not in html


@pytest.mark.django_db
class TestNetworks:
    def test_create_network_makes_creator_coordinator(self, client, coordinator):
        client.force_login(coordinator)
        response = client.post(
            "/netwerken/nieuw/",
            {
                "name": "Vitaal Noord",
                "slug": "vitaal-noord",
                "area_kind": "buurt",
                "phase": "verkennen",
            },
            follow=True,
        )
        assert "Jij bent de kartrekker" in response.content.decode()
        network = Network.objects.get(slug="vitaal-noord")
        with scope(network=network):
            assert list(AuditEvent.objects.values_list("action", flat=True)) == ["network.created"]

    def test_duplicate_slug_is_a_form_error(self, client, coordinator, network):
        client.force_login(coordinator)
        response = client.post(
            "/netwerken/nieuw/",
            {"name": "Ander", "slug": network.slug, "area_kind": "wijk", "phase": "verkennen"},
        )
        assert "bestaat al" in response.content.decode()

    def test_switcher_lists_every_network_of_the_user(self, client, coordinator, other_network):
        MembershipFactory(network=other_network, user=coordinator, role="viewer")
        client.force_login(coordinator)
        assert client.get("/").status_code == 302
        html = client.get("/netwerken/").content.decode()
        assert "Gezond Oost" in html and "Elders" in html


@pytest.mark.django_db
def test_profile_edit_and_stale_form(client, coordinator, network):
    client.force_login(coordinator)
    data = {
        "name": "Gezond Oost",
        "ambition": "Nieuwe ambitie",
        "area_kind": "wijk",
        "phase": "vormgeven",
        "status": "active",
        "version": str(network.version),
    }
    assert client.post("/n/gezond-oost/profiel/", data).status_code == 302
    network.refresh_from_db()
    assert (network.ambition, network.phase, network.version) == ("Nieuwe ambitie", "vormgeven", 2)
    stale = client.post("/n/gezond-oost/profiel/", {**data, "ambition": "Oud"})
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    network.refresh_from_db()
    assert network.ambition == "Nieuwe ambitie"


@pytest.mark.django_db
def test_partner_list_pages_keep_the_filters(client, coordinator, network):
    for n in range(26):
        PartnerFactory(
            network=network, organisation__name=f"Sport {n:02d}", organisation__sector="sport"
        )
    client.force_login(coordinator)
    html = client.get("/n/gezond-oost/partners/?sector=sport").content.decode()
    assert "Pagina 1 van 2" in html
    assert 'href="?sector=sport&amp;page=2"' in html
    second = client.get("/n/gezond-oost/partners/?sector=sport&page=2").content.decode()
    assert "Sport 25" in second and "Sport 00" not in second


@pytest.mark.django_db
def test_profile_records_where_the_network_came_from(client, coordinator, network):
    """Issue 16: origin, initiators and the kartrekker's base are set on the profile form (the
    health monitor's origin_not_local rule reads them)."""
    client.force_login(coordinator)
    form = client.get("/n/gezond-oost/profiel/").content.decode()
    assert 'name="origin"' in form and 'name="kartrekker_base"' in form
    data = {
        "name": "Gezond Oost",
        "area_kind": "wijk",
        "phase": "verkennen",
        "status": "active",
        "origin": "top_down",
        "initiators": "Gemeente en zorgverzekeraar",
        "kartrekker_base": "wijk",
        "other_projects": "Welzijn op recept",
        "version": str(network.version),
    }
    assert client.post("/n/gezond-oost/profiel/", data).status_code == 302
    network.refresh_from_db()
    assert (network.origin, network.initiators, network.kartrekker_base) == (
        "top_down",
        "Gemeente en zorgverzekeraar",
        "wijk",
    )
    assert network.other_project_list == ["Welzijn op recept"]
    data["version"] = str(network.version)
    refused = client.post("/n/gezond-oost/profiel/", {**data, "origin": "zijwaarts"})
    assert refused.status_code == 200 and "zijwaarts" in refused.content.decode()
