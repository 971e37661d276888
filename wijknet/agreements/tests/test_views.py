from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.agreements import services
from wijknet.agreements.models import Agreement, Endorsement, FundingSource, PartnerTerms

pytestmark = pytest.mark.django_db

BASE = "/n/gezond-oost/afspraken/"


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def partners(network):
    return [
        PartnerFactory(network=network, organisation__name="Gemeente Oosterstad"),
        PartnerFactory(network=network, organisation__name="Huisartsenpraktijk Oost"),
    ]


def make_version(network, user, terms, **fields):
    with scope(network=network):
        return services.agreement_new_version(
            acting_user=user,
            network=network,
            purpose=fields.get("purpose", "Gezondste wijk van Oosterstad"),
            out_of_scope=fields.get("out_of_scope", "Individuele behandeling"),
            notes=fields.get("notes", ""),
            terms=terms,
        )


def formset_data(rows, **fields):
    data = {
        "purpose": fields.get("purpose", "Samen gezonder"),
        "out_of_scope": fields.get("out_of_scope", "Geen zorg"),
        "notes": fields.get("notes", ""),
        "based_on": fields.get("based_on", "0"),
        "terms-TOTAL_FORMS": str(len(rows)),
        "terms-INITIAL_FORMS": str(len(rows)),
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"terms-{i}-{key}"] = value
    return data


class TestIndex:
    def test_empty_state_invites_a_first_version(self, coordinator_client):
        html = coordinator_client.get(BASE).content.decode()
        assert "Er zijn nog geen samenwerkingsafspraken vastgelegd." in html
        assert "Eerste versie maken" in html
        assert "Nog geen lopende financiering vastgelegd." in html

    def test_shows_terms_uncovered_partners_endorsements_and_funding(
        self, coordinator_client, network, coordinator, partners
    ):
        gemeente, huisarts = partners
        fysio = PartnerFactory(network=network, organisation__name="Fysio Oost")
        agreement = make_version(
            network,
            coordinator,
            [
                (gemeente, "Financier", "Subsidie verlenen", 4, Decimal("5000")),
                (fysio, "Beweegaanbieder", "", 0, 0),
            ],
        )
        with scope(network=network):
            services.endorsement_add(
                acting_user=coordinator,
                agreement=agreement,
                partner=gemeente,
                level="strategic",
                name="Wethouder Jansen",
                endorsed_on=date(2026, 3, 1),
            )
            services.funding_create(
                acting_user=coordinator,
                network=network,
                name="Sportakkoord",
                kind="subsidie",
                amount=Decimal("5000"),
                structural=False,
                ends_on=timezone.localdate() + timedelta(days=30),
            )
        html = coordinator_client.get(BASE).content.decode()
        assert "Versie 1" in html
        assert "Subsidie verlenen" in html and "Individuele behandeling" in html
        assert "Huisartsenpraktijk Oost: nog geen afspraken in deze versie" in html
        assert "Fysio Oost: ontbreekt: taken, tijd of geld" in html
        assert "€\u00a05.000" in html
        assert "Wethouder Jansen (Gemeente Oosterstad)" in html
        assert "Nog niet onderschreven op dit niveau." in html
        assert "Sportakkoord" in html and "loopt binnenkort af" in html
        assert "er is geen structurele financiering" in html
        assert '<svg class="chart"' in html

    def test_funding_table_is_bounded_and_the_figures_cover_every_source(
        self, coordinator_client, network, coordinator
    ):
        today = timezone.localdate()
        with scope(network=network):
            for n in range(12):
                services.funding_create(
                    acting_user=coordinator,
                    network=network,
                    name=f"Bron {n:02d}",
                    kind="subsidie",
                    amount=Decimal("1000"),
                    structural=False,
                    ends_on=today + timedelta(days=30 if n < 3 else 400),
                )
            services.funding_create(
                acting_user=coordinator,
                network=network,
                name="Afgelopen",
                kind="subsidie",
                amount=Decimal("99"),
                structural=False,
                ends_on=today - timedelta(days=1),
            )
        html = coordinator_client.get(BASE).content.decode()
        funding = html[html.index('id="funding-h"') :]
        assert funding.count("Bron ") == 10 and "Toon alle 12" in funding
        assert "€\u00a012.000" in funding  # the total over all 12 running sources, not the 10 shown
        assert "er is geen structurele financiering" in funding
        assert funding.count("loopt binnenkort af") == 3
        everything = coordinator_client.get(BASE + "?alle=financiering").content.decode()
        assert everything[everything.index('id="funding-h"') :].count("Bron ") == 12

    def test_partner_reads_but_cannot_edit(self, client, members, network, coordinator):
        make_version(network, coordinator, [])
        client.force_login(members["partner"])
        html = client.get(BASE).content.decode()
        assert "Versie 1" in html
        assert "Nieuwe versie maken" not in html and "Financieringsbron toevoegen" not in html


class TestNewVersion:
    def test_form_is_prefilled_from_previous_version(
        self, coordinator_client, network, coordinator, partners
    ):
        make_version(
            network,
            coordinator,
            [(partners[1], "Verwijzer", "Doorverwijzen naar beweegaanbod", 2, 0)],
            purpose="Oud doel",
        )
        response = coordinator_client.get(BASE + "nieuwe-versie/")
        html = response.content.decode()
        assert "Oud doel" in html
        assert "Doorverwijzen naar beweegaanbod" in html
        assert "Het formulier begint met de waarden van versie 1." in html
        formset = response.context["formset"]
        assert [f.partner for f in formset.forms] == partners
        assert formset.forms[0].initial == {"partner_uuid": str(partners[0].uuid)}
        assert response.context["form"].initial["based_on"] == 1

    def test_saving_creates_version_two_and_keeps_version_one(
        self, coordinator_client, network, coordinator, partners
    ):
        v1 = make_version(network, coordinator, [(partners[0], "Financier", "Geld", 0, 100)])
        data = formset_data(
            [
                {
                    "partner_uuid": str(partners[0].uuid),
                    "roles": "Financier",
                    "tasks": "Geld",
                    "hours": "",
                    "money": "200",
                },
                {
                    "partner_uuid": str(partners[1].uuid),
                    "roles": "",
                    "tasks": "",
                    "hours": "",
                    "money": "",
                },
            ],
            based_on="1",
            notes="Meer geld",
        )
        response = coordinator_client.post(BASE + "nieuwe-versie/", data, follow=True)
        assert "Versie 2 van de afspraken is vastgelegd." in response.content.decode()
        with scope(network=network):
            v2 = Agreement.objects.get(network=network, version=2)
            assert [(t.partner, t.money) for t in v2.terms.all()] == [
                (partners[0], Decimal("200"))
            ]  # the empty row left the partner out
            assert PartnerTerms.objects.get(agreement=v1).money == Decimal("100")
        old = coordinator_client.get(BASE + f"versies/{v1.uuid}/").content.decode()
        assert "vervangen" in old and "100" in old

    def test_invalid_row_rerenders_with_errors_and_saves_nothing(
        self, coordinator_client, network, partners
    ):
        data = formset_data(
            [
                {"partner_uuid": str(partners[0].uuid), "roles": "X", "hours": "-3"},
                {"partner_uuid": str(partners[1].uuid), "money": "veel"},
            ]
        )
        response = coordinator_client.post(BASE + "nieuwe-versie/", data)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Zorg ervoor dat deze waarde minstens 0 is." in html
        assert "Voer een getal in." in html
        with scope(network=network):
            assert not Agreement.objects.exists()

    def test_changed_partner_list_is_detected(self, coordinator_client, network, partners):
        data = formset_data(
            [
                {"partner_uuid": str(partners[1].uuid), "roles": "X"},
                {"partner_uuid": str(partners[0].uuid), "roles": "Y"},
            ]
        )
        html = coordinator_client.post(BASE + "nieuwe-versie/", data).content.decode()
        assert "De lijst met partners is intussen gewijzigd." in html

    def test_partner_joined_meanwhile_is_detected(self, coordinator_client, network, partners):
        data = formset_data([{"partner_uuid": str(p.uuid), "roles": "R"} for p in partners])
        PartnerFactory(network=network, organisation__name="Zwembad Oost")
        response = coordinator_client.post(BASE + "nieuwe-versie/", data)
        assert "De lijst met partners is intussen gewijzigd." in response.content.decode()
        with scope(network=network):
            assert not Agreement.objects.exists()

    def test_version_saved_meanwhile_is_reported(
        self, coordinator_client, network, coordinator, partners
    ):
        make_version(network, coordinator, [])
        data = formset_data([{"partner_uuid": str(p.uuid)} for p in partners], based_on="0")
        html = coordinator_client.post(BASE + "nieuwe-versie/", data).content.decode()
        assert "Iemand anders heeft dit intussen gewijzigd" in html
        with scope(network=network):
            assert Agreement.objects.count() == 1


class TestUnchangedVersion:
    def test_an_unchanged_copy_is_refused_and_endorsements_stay(
        self, coordinator_client, network, coordinator, partners
    ):
        v1 = make_version(
            network,
            coordinator,
            [(partners[0], "Financier", "Geld", 0, 100)],
            purpose="Samen gezonder",
            out_of_scope="Geen zorg",
        )
        with scope(network=network):
            services.endorsement_add(
                acting_user=coordinator,
                agreement=v1,
                partner=partners[0],
                level="strategic",
                name="Wethouder Jansen",
                endorsed_on=date(2026, 1, 5),
            )
        form = coordinator_client.get(BASE + "nieuwe-versie/").content.decode()
        # Beforehand, the page says what a new version means for the endorsement.
        assert "Die onderschrijving hoort bij versie 1 en geldt niet voor de nieuwe versie" in form
        unchanged = formset_data(
            [
                {
                    "partner_uuid": str(partners[0].uuid),
                    "roles": "Financier",
                    "tasks": "Geld",
                    "hours": "",
                    "money": "100.00",
                },
                {"partner_uuid": str(partners[1].uuid)},
            ],
            based_on="1",
            notes="Alleen opnieuw opgeslagen",
        )
        response = coordinator_client.post(BASE + "nieuwe-versie/", unchanged)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Deze versie is gelijk aan versie 1: er is niets gewijzigd" in html
        with scope(network=network):
            assert Agreement.objects.filter(network=network).count() == 1
        changed = dict(unchanged, **{"terms-0-money": "150"})
        response = coordinator_client.post(BASE + "nieuwe-versie/", changed, follow=True)
        assert "Versie 2 van de afspraken is vastgelegd." in response.content.decode()


class TestVersions:
    def test_first_version_without_partners(self, coordinator_client, network):
        html = coordinator_client.get(BASE + "nieuwe-versie/").content.decode()
        assert "Dit wordt de eerste versie van de samenwerkingsafspraken." in html
        assert "Dit netwerk heeft nog geen actieve partners." in html
        response = coordinator_client.post(
            BASE + "nieuwe-versie/", formset_data([], purpose="Eerst het doel"), follow=True
        )
        assert "Versie 1 van de afspraken is vastgelegd." in response.content.decode()
        with scope(network=network):
            assert Agreement.objects.get().purpose == "Eerst het doel"

    def test_current_version_detail_shows_endorsements(
        self, coordinator_client, network, coordinator, partners
    ):
        agreement = make_version(network, coordinator, [(partners[0], "R", "T", 1, 0)])
        with scope(network=network):
            services.endorsement_add(
                acting_user=coordinator,
                agreement=agreement,
                partner=partners[0],
                level="tactical",
                name="Teamleider Bakker",
                endorsed_on=date(2026, 2, 2),
            )
        html = coordinator_client.get(BASE + f"versies/{agreement.uuid}/").content.decode()
        assert "huidig" in html and "Teamleider Bakker (Gemeente Oosterstad)" in html

    def test_history_lists_all_versions(self, coordinator_client, network, coordinator):
        make_version(network, coordinator, [], notes="Start")
        make_version(network, coordinator, [], notes="Herzien na evaluatie", purpose="Herzien")
        html = coordinator_client.get(BASE + "versies/").content.decode()
        assert "Versie 1" in html and "Versie 2" in html and "Herzien na evaluatie" in html

    def test_unknown_version_is_404(self, coordinator_client):
        response = coordinator_client.get(BASE + "versies/00000000-0000-0000-0000-000000000000/")
        assert response.status_code == 404


class TestEndorsement:
    def test_add(self, coordinator_client, network, coordinator, partners):
        agreement = make_version(network, coordinator, [])
        response = coordinator_client.post(
            BASE + f"versies/{agreement.uuid}/onderschrijven/",
            {
                "partner": partners[1].pk,
                "level": "operational",
                "name": "Dr. De Vries",
                "endorsed_on": "2026-02-01",
            },
            follow=True,
        )
        assert "Onderschrijving door Dr. De Vries vastgelegd." in response.content.decode()
        with scope(network=network):
            assert Endorsement.objects.get().level == "operational"

    def test_invalid_form(self, coordinator_client, network, coordinator, partners):
        agreement = make_version(network, coordinator, [])
        future = (timezone.localdate() + timedelta(days=3)).isoformat()
        response = coordinator_client.post(
            BASE + f"versies/{agreement.uuid}/onderschrijven/",
            {"partner": partners[0].pk, "level": "strategic", "name": "X", "endorsed_on": future},
        )
        assert "De datum ligt in de toekomst." in response.content.decode()
        response = coordinator_client.post(
            BASE + f"versies/{agreement.uuid}/onderschrijven/", {"level": "nope"}
        )
        assert "Dit veld is verplicht." in response.content.decode()

    def test_old_version_refused(self, coordinator_client, network, coordinator, partners):
        v1 = make_version(network, coordinator, [])
        make_version(network, coordinator, [], purpose="Herzien")
        response = coordinator_client.post(
            BASE + f"versies/{v1.uuid}/onderschrijven/",
            {
                "partner": partners[0].pk,
                "level": "strategic",
                "name": "X",
                "endorsed_on": "2026-01-01",
            },
        )
        assert "Alleen de huidige versie" in response.content.decode()

    def test_partner_of_other_network_is_not_a_choice(
        self, coordinator_client, network, other_network, coordinator
    ):
        agreement = make_version(network, coordinator, [])
        foreign = PartnerFactory(network=other_network)
        response = coordinator_client.post(
            BASE + f"versies/{agreement.uuid}/onderschrijven/",
            {"partner": foreign.pk, "level": "strategic", "name": "X", "endorsed_on": "2026-01-01"},
        )
        assert "Selecteer een geldige keuze" in response.content.decode()


FUNDING_POST = {
    "name": "Sportakkoord",
    "kind": "subsidie",
    "amount": "7500",
    "starts_on": "2026-01-01",
    "ends_on": "2026-12-31",
    "notes": "",
}


class TestFundingPages:
    def test_create_edit_delete(self, coordinator_client, network):
        response = coordinator_client.post(BASE + "financiering/nieuw/", FUNDING_POST, follow=True)
        assert "Financieringsbron Sportakkoord toegevoegd." in response.content.decode()
        with scope(network=network):
            source = FundingSource.objects.get()
        url = BASE + f"financiering/{source.uuid}/"
        response = coordinator_client.post(
            url + "bewerken/",
            {**FUNDING_POST, "structural": "on", "ends_on": "", "kind": "gemeente", "version": "1"},
            follow=True,
        )
        assert "Wijzigingen opgeslagen." in response.content.decode()
        stale = coordinator_client.post(
            url + "bewerken/", {**FUNDING_POST, "amount": "999", "version": "1"}
        )
        html = stale.content.decode()
        assert "Iemand anders heeft dit intussen gewijzigd" in html
        assert (
            "Zo staat het nu opgeslagen: Soort: Gemeente; Bedrag (€): 7500.00; Structureel: ja; "
            "Tot en met: —</li>"
        ) in html
        assert 'value="999"' in html
        source.refresh_from_db()
        assert source.structural and source.kind == "gemeente"
        confirm = coordinator_client.get(url + "verwijderen/").content.decode()
        assert "Sportakkoord verwijderen?" in confirm
        # A POST without the confirmation button deletes nothing and shows the question.
        unconfirmed = coordinator_client.post(url + "verwijderen/")
        assert unconfirmed.status_code == 200
        assert "Sportakkoord verwijderen?" in unconfirmed.content.decode()
        with scope(network=network):
            assert FundingSource.objects.filter(network=network).exists()
        response = coordinator_client.post(url + "verwijderen/", {"confirm": "1"}, follow=True)
        assert "Financieringsbron Sportakkoord verwijderd." in response.content.decode()
        with scope(network=network):
            assert not FundingSource.objects.exists()

    def test_end_before_start_shows_dutch_error_on_the_field(self, coordinator_client, network):
        response = coordinator_client.post(
            BASE + "financiering/nieuw/", {**FUNDING_POST, "ends_on": "2025-06-01"}
        )
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "ends_on": ["De einddatum ligt vóór de startdatum."]
        }
        with scope(network=network):
            assert not FundingSource.objects.exists()

    def test_temporary_without_end_and_negative_amount(self, coordinator_client):
        response = coordinator_client.post(
            BASE + "financiering/nieuw/", {**FUNDING_POST, "ends_on": "", "amount": "-5"}
        )
        errors = response.context["form"].errors
        assert "amount" in errors
        response = coordinator_client.post(
            BASE + "financiering/nieuw/", {**FUNDING_POST, "ends_on": ""}
        )
        assert "Tijdelijke financiering heeft een einddatum" in response.content.decode()

    def test_ended_source_is_listed_as_history(self, coordinator_client, network, coordinator):
        with scope(network=network):
            services.funding_create(
                acting_user=coordinator,
                network=network,
                name="Oude subsidie",
                kind="fonds",
                amount=Decimal("10"),
                structural=False,
                ends_on=date(2020, 1, 1),
            )
        html = coordinator_client.get(BASE).content.decode()
        assert "Afgelopen financiering" in html and "Oude subsidie" in html


class TestTenancy:
    def test_other_networks_objects_are_404(
        self, coordinator_client, network, other_network, outsider
    ):
        foreign_agreement = make_version(other_network, outsider, [])
        with scope(network=other_network):
            foreign_source = services.funding_create(
                acting_user=outsider,
                network=other_network,
                name="Geheim",
                kind="gemeente",
                amount=Decimal("1"),
                structural=True,
            )
        for url in [
            f"versies/{foreign_agreement.uuid}/",
            f"versies/{foreign_agreement.uuid}/onderschrijven/",
            f"financiering/{foreign_source.uuid}/bewerken/",
            f"financiering/{foreign_source.uuid}/verwijderen/",
        ]:
            assert coordinator_client.get(BASE + url).status_code == 404, url
        assert (
            coordinator_client.post(
                BASE + f"financiering/{foreign_source.uuid}/verwijderen/"
            ).status_code
            == 404
        )
        with scope(network=other_network):
            assert FundingSource.objects.filter(pk=foreign_source.pk).exists()

    def test_index_shows_nothing_of_another_network(
        self, coordinator_client, other_network, outsider
    ):
        make_version(other_network, outsider, [], purpose="Geheim doel")
        html = coordinator_client.get(BASE).content.decode()
        assert "Geheim doel" not in html

    def test_models_refuse_queries_outside_a_scope(self, network):
        from django_scopes.exceptions import ScopeError

        from wijknet.agreements.models import Endorsement as E

        for model in (Agreement, PartnerTerms, E, FundingSource):
            with pytest.raises(ScopeError):
                list(model.objects.all())
