import json

import pytest
from django_scopes import scope, scopes_disabled
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

from tests.factories import MembershipFactory, OrganisationFactory, PartnerFactory
from wijknet.referrals.models import Referral

from .conftest import move, refer, verified

pytestmark = pytest.mark.django_db

BASE = "/n/gezond-oost/verwijzingen/"


def url(referral, suffix=""):
    return f"{BASE}{referral.uuid}/{suffix}"


def force_login(client, user):
    """A login without the second factor: enough for the funnel."""
    client.force_login(user)
    return client


def form_data(world, **overrides):
    data = {
        "offer": world.offer.pk,
        "receiving_partner": "",
        "resident_name": "Meneer K.",
        "resident_contact": "06-98765432",
        "resident_birth_year": "1958",
        "reason": "Eenzaam sinds zijn vrouw overleed; wil graag bewegen met anderen.",
        "goals": "Eén keer per week naar wandelvoetbal",
        "consent_given": "on",
    }
    data.update(overrides)
    return data


class TestCreatePage:
    def test_create_with_offer(self, client, world):
        verified(client, world.gp)
        response = client.post(BASE + "nieuw/", form_data(world), follow=True)
        html = response.content.decode()
        assert "De verwijzing is verstuurd." in html
        assert "Meneer K." in html and "Wandelvoetbal 60+" in html
        with scope(network=world.network):
            referral = Referral.objects.get()
        assert referral.receiving_partner == world.sport_partner

    def test_create_direct_to_partner(self, client, world):
        verified(client, world.gp)
        client.post(
            BASE + "nieuw/",
            form_data(world, offer="", receiving_partner=world.welzijn_partner.pk),
        )
        with scope(network=world.network):
            assert Referral.objects.get().receiving_partner == world.welzijn_partner

    def test_warns_when_nobody_receives(self, client, world):
        nobody_there = PartnerFactory(network=world.network)
        verified(client, world.gp)
        response = client.post(
            BASE + "nieuw/",
            form_data(world, offer="", receiving_partner=nobody_there.pk),
            follow=True,
        )
        assert "werkt nog niemand met wijknet" in response.content.decode()
        response = client.post(BASE + "nieuw/", form_data(world), follow=True)
        assert "werkt nog niemand met wijknet" not in response.content.decode()

    def test_without_consent_shows_dutch_message(self, client, world):
        verified(client, world.gp)
        data = form_data(world)
        del data["consent_given"]
        response = client.post(BASE + "nieuw/", data)
        assert response.status_code == 200
        assert "Zonder toestemming van de bewoner" in response.content.decode()
        with scope(network=world.network):
            assert not Referral.objects.exists()

    def test_invalid_form(self, client, world):
        verified(client, world.gp)
        response = client.post(
            BASE + "nieuw/",
            form_data(world, offer="", resident_birth_year="1850", resident_name=""),
        )
        html = response.content.decode()
        assert "Vul een geboortejaar in tussen 1900 en" in html
        assert "Dit veld is verplicht." in html

    def test_offer_search_narrows_the_choice(self, client, world):
        from wijknet.offers.models import Offer

        with scopes_disabled():
            Offer.objects.create(
                network=world.network,
                provider=world.welzijn_partner,
                title="Koffieochtend",
                kind="ontmoeting",
            )
        verified(client, world.gp)
        html = client.get(BASE + "nieuw/?q=wandel").content.decode()
        assert "Wandelvoetbal 60+" in html and "Koffieochtend" not in html
        html = client.get(BASE + "nieuw/").content.decode()
        assert "Koffieochtend" in html
        html = client.get(f"{BASE}nieuw/?aanbod={world.offer.uuid}").content.decode()
        assert f'<option value="{world.offer.pk}" selected>' in html
        assert client.get(f"{BASE}nieuw/?aanbod=geen-uuid").status_code == 200


class TestWhoSeesWhat:
    def test_referrer_and_receiver_see_everything(self, client, world):
        referral = refer(world)
        for user in (world.gp, world.coach):
            html = verified(client, user).get(url(referral)).content.decode()
            assert "Mevrouw J." in html and "06-12345678" in html
            assert "Diabetes type 2" in html

    def test_another_partner_gets_404_and_an_empty_list(self, client, world):
        referral = refer(world)
        verified(client, world.welzijn)
        assert client.get(url(referral)).status_code == 404
        assert client.get(url(referral, "fhir/")).status_code == 404
        assert client.get(url(referral, "status/")).status_code == 404
        for tab in ("verstuurd", "binnengekomen", "alle"):
            html = client.get(f"{BASE}?tab={tab}").content.decode()
            assert "Mevrouw J." not in html and "Wandelvoetbal" not in html

    def test_coordinator_sees_without_personal_details(self, client, world, coordinator):
        referral = refer(world)
        move(world, referral, "contact", note="Gebeld, dinsdag langs")
        verified(client, coordinator)
        html = client.get(url(referral)).content.decode()
        assert "Persoonsgegevens afgeschermd" in html
        assert "Wandelvoetbal 60+" in html and "Contact gelegd" in html
        for secret in ("Mevrouw J.", "06-12345678", "Diabetes", "1956", "Twee keer", "Gebeld"):
            assert secret not in html
        assert client.get(url(referral, "fhir/")).status_code == 403
        assert client.get(url(referral, "status/")).status_code == 403
        html = client.get(BASE + "?tab=alle").content.decode()
        assert "afgeschermd" in html and "Mevrouw J." not in html
        # Searching the masked overview by name finds nothing.
        html = client.get(BASE + "?tab=alle&q=Mevrouw").content.decode()
        assert "Geen verwijzingen gevonden" in html

    def test_core_member_who_is_no_party_gets_404(self, client, world, members):
        referral = refer(world)
        verified(client, members["core"])
        assert client.get(url(referral)).status_code == 404
        assert "Alle (zonder" not in client.get(BASE).content.decode()

    def test_colleague_of_the_receiver_sees_incoming(self, client, world):
        colleague = MembershipFactory(
            network=world.network, role="core", organisation=world.sport_partner.organisation
        ).user
        refer(world)
        html = verified(client, colleague).get(BASE + "?tab=binnengekomen").content.decode()
        assert "Mevrouw J." in html

    def test_nothing_crosses_networks(self, client, world, other_network):
        """A partner of the same name in another network sees nothing of ours."""
        org = OrganisationFactory(network=other_network, name="Sportvereniging OVV", sector="sport")
        PartnerFactory(network=other_network, organisation=org)
        stranger = MembershipFactory(
            network=other_network, role="coordinator", organisation=org
        ).user
        referral = refer(world)
        verified(client, stranger)
        assert client.get(url(referral)).status_code == 404
        html = client.get(f"/n/{other_network.slug}/verwijzingen/?tab=alle").content.decode()
        assert "Mevrouw J." not in html and "Wandelvoetbal" not in html
        assert (
            client.get(f"/n/{other_network.slug}/verwijzingen/{referral.uuid}/").status_code == 404
        )


class TestListPage:
    def test_search_and_status_filter(self, client, world):
        refer(world)
        refer(world, resident_name="Meneer Q.", partner=world.welzijn_partner, offer=None)
        verified(client, world.gp)
        html = client.get(BASE + "?q=Welzijn").content.decode()
        assert "Meneer Q." in html and "Mevrouw J." not in html
        html = client.get(BASE + "?q=mevrouw").content.decode()
        assert "Mevrouw J." in html and "Meneer Q." not in html
        html = client.get(BASE + "?status=gestart").content.decode()
        assert "Geen verwijzingen gevonden met deze filters." in html

    def test_htmx_gets_the_results_only(self, client, world):
        refer(world)
        verified(client, world.gp)
        html = client.get(BASE + "?q=mevrouw", headers={"HX-Request": "true"}).content.decode()
        assert html.lstrip().startswith('<div id="referral-results">')
        assert "Mevrouw J." in html

    def test_empty_states(self, client, world):
        verified(client, world.coach)
        assert "Je hebt nog niemand verwezen." in client.get(BASE).content.decode()
        html = client.get(BASE + "?tab=binnengekomen").content.decode()
        assert "Er zijn nog geen verwijzingen naar jouw organisatie." in html

    def test_pagination_keeps_the_tab(self, client, world):
        for _ in range(26):
            refer(world)
        verified(client, world.coach)
        html = client.get(BASE + "?tab=binnengekomen").content.decode()
        assert "tab=binnengekomen&amp;page=2" in html


class TestStatusPage:
    def test_receiver_moves_it_on_and_referrer_sees_it(self, client, world):
        referral = refer(world)
        verified(client, world.coach)
        response = client.post(
            url(referral, "status/"),
            {"status": "gestart", "version": referral.version, "note": "Doet mee op dinsdag"},
            follow=True,
        )
        html = response.content.decode()
        assert "De status is nu: Gestart." in html
        verified(client, world.gp)
        html = client.get(url(referral)).content.decode()
        assert "Gestart" in html and "Doet mee op dinsdag" in html

    def test_invalid_transition_shows_message(self, client, world):
        referral = move(world, refer(world), "niet_gestart", end_reason="kosten")
        verified(client, world.coach)
        response = client.get(url(referral))
        assert "Deze verwijzing is afgesloten." in response.content.decode()
        response = client.post(url(referral, "status/"), {"status": "contact", "version": 2})
        assert response.status_code == 200
        assert "Selecteer een geldige keuze" in response.content.decode()

    def test_reason_required_shown_in_form(self, client, world):
        referral = refer(world)
        verified(client, world.coach)
        response = client.post(
            url(referral, "status/"), {"status": "niet_gestart", "version": referral.version}
        )
        assert "Geef een reden op." in response.content.decode()

    def test_stale_version(self, client, world):
        referral = refer(world)
        move(world, referral, "contact")
        verified(client, world.coach)
        response = client.post(url(referral, "status/"), {"status": "intake", "version": 1})
        assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()

    def test_referrer_may_not_update(self, client, world):
        referral = refer(world)
        verified(client, world.gp)
        response = client.post(url(referral, "status/"), {"status": "contact", "version": 1})
        assert response.status_code == 403


class TestFhir:
    def test_bundle_validates_as_closed_loop_referral(self, client, world):
        referral = refer(world)
        move(world, referral, "contact")
        move(world, referral, "niet_gestart", end_reason="wil_niet")
        response = verified(client, world.gp).get(url(referral, "fhir/"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/fhir+json")
        data = json.loads(response.content)
        Bundle.model_validate(data)
        kinds = [e["resource"]["resourceType"] for e in data["entry"]]
        assert kinds == ["Patient", "ServiceRequest", "Task"]
        patient = Patient.model_validate(data["entry"][0]["resource"])
        request = ServiceRequest.model_validate(data["entry"][1]["resource"])
        task = Task.model_validate(data["entry"][2]["resource"])
        assert str(patient.birthDate) == "1956"
        assert request.status == "revoked" and request.intent == "order"
        assert request.subject.reference == data["entry"][0]["fullUrl"]
        assert request.code.text == "Wandelvoetbal 60+"
        assert request.reasonCode[0].text == "Diabetes type 2, wil meer bewegen"
        assert task.focus.reference == data["entry"][1]["fullUrl"]
        assert task.basedOn[0].reference == data["entry"][1]["fullUrl"]
        assert task.status == "cancelled"
        assert task.businessStatus.coding[0].code == "niet_gestart"
        assert task.statusReason.coding[0].code == "wil_niet"
        assert [n.text.split(" ")[0] for n in task.note] == ["verwezen", "contact", "niet"]
        assert task.owner.display == "Sportvereniging OVV"

    @pytest.mark.parametrize(
        ("steps", "request_status", "task_status"),
        [
            ([], "active", "requested"),
            (["contact"], "active", "accepted"),
            (["gestart"], "active", "in-progress"),
        ],
    )
    def test_status_mapping(self, client, world, steps, request_status, task_status):
        referral = refer(world, partner=world.welzijn_partner, offer=None)
        for step in steps:
            move(world, referral, step, user=world.welzijn)
        data = json.loads(verified(client, world.welzijn).get(url(referral, "fhir/")).content)
        Bundle.model_validate(data)
        assert data["entry"][1]["resource"]["status"] == request_status
        assert data["entry"][2]["resource"]["status"] == task_status
        assert data["entry"][1]["resource"]["code"]["text"] == "Verwijzing naar Welzijn Oost"


class TestQueryCounts:
    @pytest.mark.parametrize("n", [1, 3])
    @pytest.mark.parametrize("tab", ["verstuurd", "binnengekomen", "alle"])
    def test_list(self, client, world, django_assert_num_queries, n, tab, coordinator):
        with scopes_disabled():
            from wijknet.networks.models import Membership

            Membership.objects.filter(user=coordinator).update(
                organisation=world.sport_partner.organisation
            )
        for _ in range(n):
            refer(world, coordinator)
        verified(client, coordinator)
        # session, user, second factor (device), membership (middleware), count, page, and the
        # access-log record of the list (one insert, on its own: no savepoint); the session's
        # last-seen time is saved at most once a minute, so not here
        with django_assert_num_queries(7):
            response = client.get(f"{BASE}?tab={tab}")
        assert response.content.decode().count("/verwijzingen/") >= n

    @pytest.mark.parametrize("n", [1, 3])
    def test_funnel(self, client, world, django_assert_num_queries, n, members):
        for _ in range(n):
            move(world, refer(world), "contact")
        force_login(client, members["viewer"])
        with django_assert_num_queries(4):
            response = client.get(BASE + "doorstroom/")
        assert response.status_code == 200

    @pytest.mark.parametrize("n", [1, 3])
    def test_detail(self, client, world, django_assert_num_queries, n):
        referral = refer(world)
        for status in ["contact", "intake", "gestart"][:n]:
            move(world, referral, status)
        verified(client, world.gp)
        # session, user, device, membership, referral, events, session saved (3), and the
        # access-log record of the read (savepoint, insert, release)
        with django_assert_num_queries(9):
            assert client.get(url(referral)).status_code == 200


class TestFunnelPage:
    def test_shows_counts_and_hides_small(self, client, world, members):
        for _ in range(3):
            move(world, refer(world), "gestart")
        refer(world)
        html = force_login(client, members["viewer"]).get(BASE + "doorstroom/").content.decode()
        assert 'data-stage="verwezen">4<' in html
        assert 'data-stage="gestart">3<' in html
        assert 'data-stage="actief_3m">&lt; 3<' in html
        assert "<svg" in html and "Mevrouw" not in html

    def test_empty_period(self, client, world, members):
        html = force_login(client, members["viewer"]).get(BASE + "doorstroom/").content.decode()
        assert "In deze periode is niemand verwezen." in html

    def test_bad_period_falls_back(self, client, world, members):
        force_login(client, members["viewer"])
        response = client.get(BASE + "doorstroom/?van=2026-05-01&tot=2026-01-01")
        assert "De einddatum ligt vóór de startdatum." in response.content.decode()
