from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import PartnerFactory
from wijknet.core.models import AuditEvent
from wijknet.networks.roles import Role
from wijknet.offers.models import Offer

from .helpers import make_offer, partner_member

BASE = "/n/gezond-oost/sociale-kaart/"


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def form_data(provider, **overrides):
    data = {
        "provider": provider.pk,
        "title": "Beweegkuur",
        "kind": "bewegen",
        "target_groups": ["diabetes", "overgewicht"],
        "age_min": "40",
        "age_max": "75",
        "reimbursed_by": "zorgverzekeraar",
        "place": "Oost",
        "schedule": "dinsdag 10:00",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestPages:
    def test_create(self, coordinator_client, network):
        provider = PartnerFactory(network=network)
        response = coordinator_client.post(BASE + "nieuw/", form_data(provider), follow=True)
        assert "Het aanbod is toegevoegd aan de sociale kaart." in response.content.decode()
        with scope(network=network):
            offer = Offer.objects.get()
        assert offer.target_groups == ["diabetes", "overgewicht"]
        assert offer.age_min == 40 and offer.last_confirmed_at is not None

    def test_invalid_form_shows_dutch_errors(self, coordinator_client, network):
        provider = PartnerFactory(network=network)
        response = coordinator_client.post(
            BASE + "nieuw/",
            form_data(
                provider,
                title="",
                age_min="80",
                age_max="20",
                latitude="52.1",
                contact_email="geen-mail",
            ),
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "Dit veld is verplicht." in html
        assert "De maximale leeftijd ligt onder de minimale leeftijd." in html
        assert "Vul beide coördinaten in, of geen van beide." in html
        assert "Voer een geldig e-mailadres in." in html
        with scope(network=network):
            assert not Offer.objects.exists()

    def test_edit_with_stale_version_is_refused(self, coordinator_client, network):
        offer = make_offer(network)
        with scopes_disabled():
            Offer.objects.filter(pk=offer.pk).update(version=2)
        response = coordinator_client.post(
            f"{BASE}{offer.uuid}/bewerken/",
            form_data(offer.provider, title="Nieuw", version="1"),
        )
        assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
        with scopes_disabled():
            assert Offer.objects.get().title == "Wandelen"

    def test_edit(self, coordinator_client, network):
        offer = make_offer(network)
        response = coordinator_client.post(
            f"{BASE}{offer.uuid}/bewerken/", form_data(offer.provider, title="Nieuw", version="1")
        )
        assert response.status_code == 302
        with scopes_disabled():
            assert Offer.objects.get().title == "Nieuw"

    def test_end_asks_for_confirmation_then_ends(self, coordinator_client, network):
        offer = make_offer(network)
        page = coordinator_client.get(f"{BASE}{offer.uuid}/beeindigen/")
        assert "Ja, beëindigen" in page.content.decode()
        coordinator_client.post(f"{BASE}{offer.uuid}/beeindigen/", {})
        with scopes_disabled():
            assert Offer.objects.get().active_to is None  # not confirmed: nothing ended
        coordinator_client.post(f"{BASE}{offer.uuid}/beeindigen/", {"confirm": "1"})
        with scopes_disabled():
            assert Offer.objects.get().active_to == timezone.localdate()
        assert "Wandelen" not in coordinator_client.get(BASE).content.decode()

    def test_confirm_button(self, coordinator_client, network):
        offer = make_offer(network, last_confirmed_at=timezone.now() - timedelta(days=400))
        detail = coordinator_client.get(f"{BASE}{offer.uuid}/").content.decode()
        assert "niet recent bevestigd" in detail
        assert "niet recent bevestigd" in coordinator_client.get(BASE).content.decode()
        assert "Wandelen" in coordinator_client.get(BASE + "niet-bevestigd/").content.decode()
        coordinator_client.post(f"{BASE}{offer.uuid}/bevestigen/")
        assert (
            "niet recent bevestigd"
            not in coordinator_client.get(f"{BASE}{offer.uuid}/").content.decode()
        )
        assert "Wandelen" not in coordinator_client.get(BASE + "niet-bevestigd/").content.decode()

    def test_filters_and_htmx_partial(self, coordinator_client, network):
        make_offer(network, title="Beweegkuur", target_groups=["diabetes"], place="Oost")
        make_offer(network, title="Koffieochtend", kind="ontmoeting", place="West")
        html = coordinator_client.get(BASE, {"target_group": "diabetes"}).content.decode()
        assert "Beweegkuur" in html and "Koffieochtend" not in html
        partial = coordinator_client.get(BASE, {"place": "West"}, headers={"HX-Request": "true"})
        text = partial.content.decode()
        assert "Koffieochtend" in text and "Beweegkuur" not in text
        assert "<h1>" not in text

    def test_print_list_per_place(self, coordinator_client, network):
        make_offer(network, title="Beweegkuur", place="Oost")
        make_offer(network, title="Koffieochtend", place="West")
        html = coordinator_client.get(BASE + "afdrukken/", {"plaats": "oost"}).content.decode()
        assert "@media print" in html
        assert "Beweegkuur" in html and "Koffieochtend" not in html


@pytest.mark.django_db
class TestPartnerMember:
    def test_partner_member_edits_own_offer_only(self, client, network):
        own = PartnerFactory(network=network)
        other = PartnerFactory(network=network)
        member = partner_member(network, own)
        client.force_login(member.user)
        mine = make_offer(network, provider=own)
        theirs = make_offer(network, provider=other, title="Andermans")
        assert client.get(f"{BASE}{mine.uuid}/bewerken/").status_code == 200
        assert client.get(f"{BASE}{theirs.uuid}/bewerken/").status_code == 403
        assert client.post(f"{BASE}{theirs.uuid}/bevestigen/").status_code == 403
        assert client.post(f"{BASE}{mine.uuid}/bevestigen/").status_code == 302
        # On the create page, only the own organisation can be chosen.
        page = client.get(BASE + "nieuw/")
        assert page.status_code == 200
        response = client.post(BASE + "nieuw/", form_data(other))
        assert "Selecteer een geldige keuze" in response.content.decode()
        response = client.post(BASE + "nieuw/", form_data(own))
        assert response.status_code == 302
        assert client.get(BASE + "importeren/").status_code == 403


@pytest.mark.django_db
class TestTenancy:
    def test_other_networks_offer_is_404(self, coordinator_client, network, other_network):
        theirs = make_offer(other_network, title="Geheim aanbod")
        for suffix in ("", "bewerken/", "beeindigen/"):
            assert coordinator_client.get(f"{BASE}{theirs.uuid}/{suffix}").status_code == 404
        assert coordinator_client.post(f"{BASE}{theirs.uuid}/bevestigen/").status_code == 404
        assert "Geheim aanbod" not in coordinator_client.get(BASE).content.decode()
        export = coordinator_client.get(BASE + "hsds.json").content.decode()
        assert "Geheim aanbod" not in export

    def test_queries_outside_a_scope_raise(self, network):
        from django_scopes.exceptions import ScopeError

        with pytest.raises(ScopeError):
            list(Offer.objects.all())


@pytest.mark.django_db
class TestQueryCounts:
    @pytest.mark.parametrize("items", [1, 3])
    def test_list_page(self, coordinator_client, network, django_assert_num_queries, items):
        for i in range(items):
            make_offer(network, title=f"Aanbod {i}", place=f"Plaats {i}", target_groups=["ouderen"])
        with django_assert_num_queries(7):
            assert coordinator_client.get(BASE).status_code == 200

    @pytest.mark.parametrize("items", [1, 3])
    @pytest.mark.parametrize(
        ("url", "expected"),
        [("niet-bevestigd/", 4), ("afdrukken/", 5), ("hsds.json", 4), ("hsds-diensten.json", 4)],
    )
    def test_other_lists(
        self, coordinator_client, network, django_assert_num_queries, items, url, expected
    ):
        for i in range(items):
            make_offer(network, title=f"Aanbod {i}", place="Oost", last_confirmed_at=None)
        with django_assert_num_queries(expected):
            assert coordinator_client.get(BASE + url).status_code == 200


@pytest.mark.django_db
def test_audit_of_view_writes(coordinator_client, network):
    offer = make_offer(network)
    coordinator_client.post(f"{BASE}{offer.uuid}/bevestigen/")
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="offer.confirmed").count() == 1


def test_offer_page_offers_a_referral_only_to_those_who_may_refer(client, network, members):
    offer = make_offer(network)
    url = reverse("offers:detail", args=[network.slug, offer.uuid])
    link = reverse("referrals:create", args=[network.slug]) + f"?aanbod={offer.uuid}"
    client.force_login(members[Role.PARTNER])
    assert link in client.get(url).content.decode()
    client.force_login(members[Role.CITIZEN])
    assert link not in client.get(url).content.decode()
