import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled

from tests.factories import PartnerFactory
from wijknet.core.models import AuditEvent
from wijknet.networks.models import Membership
from wijknet.offers import imports
from wijknet.offers.models import Offer

URL = "/n/gezond-oost/sociale-kaart/importeren/"
HEADER = (
    "aanbieder;titel;soort;doelgroepen;leeftijd_min;leeftijd_max;vergoed_door;plaats;"
    "wachtlijst;actief_vanaf\n"
)


@pytest.fixture
def provider(network):
    return PartnerFactory(network=network, organisation__name="Sportclub Oost")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def upload(text):
    return SimpleUploadedFile("aanbod.csv", text.encode("utf-8"), content_type="text/csv")


@pytest.mark.django_db
class TestImport:
    def test_good_file_imports_everything(self, coordinator_client, network, provider):
        text = (
            HEADER + "Sportclub Oost;Beweegkuur;bewegen;diabetes|overgewicht;40;75;zorgverzekeraar;"
            "Oost;nee;01-02-2026\n" + "sportclub oost;Walking football;Sport;ouderen;;;;West;ja;\n"
        )
        response = coordinator_client.post(URL, {"file": upload(text)}, follow=True)
        assert "2 aanbiedingen zijn toegevoegd aan de sociale kaart." in response.content.decode()
        with scope(network=network):
            offers = {o.title: o for o in Offer.objects.all()}
        assert offers["Beweegkuur"].target_groups == ["diabetes", "overgewicht"]
        assert str(offers["Beweegkuur"].active_from) == "2026-02-01"
        assert offers["Walking football"].waiting_list is True
        assert offers["Walking football"].reimbursed_by == "none"
        with scopes_disabled():
            assert AuditEvent.objects.filter(action="offer.imported").count() == 1

    def test_bad_rows_import_nothing_and_every_bad_row_is_reported(
        self, coordinator_client, network, provider
    ):
        text = (
            HEADER
            + "Sportclub Oost;Goed aanbod;bewegen;ouderen;;;;Oost;nee;\n"  # row 2: fine
            + "Onbekend BV;Rij drie;bewegen;;;;;;;\n"  # unknown provider
            + "Sportclub Oost;Rij vier;zwemmen;kinderen;;;;;;\n"  # kind, target group
            + "Sportclub Oost;;sport;;80;20;;;misschien;31-31-2026\n"  # title, ages, ...
        )
        response = coordinator_client.post(URL, {"file": upload(text)})
        html = response.content.decode()
        assert "Er is niets geïmporteerd" in html
        assert "Het bestand heeft problemen in 3 rijen." in html
        assert "Onbekende aanbieder &#x27;Onbekend BV&#x27;" in html
        assert "Onbekende waarde &#x27;zwemmen&#x27;" in html
        assert "Onbekende doelgroep." in html
        assert "Dit veld is verplicht." in html
        assert "De maximale leeftijd ligt onder de minimale leeftijd." in html
        assert "gebruik ja of nee" in html
        assert "Voer een geldige datum in." in html
        with scope(network=network):
            assert not Offer.objects.exists()

    def test_parse_reports_row_numbers(self, network, coordinator, provider):
        with scopes_disabled():
            membership = Membership.objects.get(network=network, user=coordinator)
        text = HEADER + "Sportclub Oost;;bewegen;;;;;;;\n\nSportclub Oost;X;fout;;;;;;;\n"
        with scope(network=network):
            result = imports.parse_csv(text.encode(), network, membership)
        assert not result.ok
        assert {(p.row, p.column) for p in result.problems} == {(2, "titel"), (4, "soort")}

    def test_missing_required_column_and_unknown_column(self, coordinator_client, provider):
        response = coordinator_client.post(URL, {"file": upload("aanbieder,titel,kleur\nA,B,C\n")})
        html = response.content.decode()
        assert "Deze verplichte kolom ontbreekt in de kopregel." in html
        assert "Onbekende kolom." in html

    def test_excel_file_is_refused(self, coordinator_client, provider):
        response = coordinator_client.post(
            URL, {"file": SimpleUploadedFile("a.xlsx", b"PK\x03\x04rest")}
        )
        assert "Dit is een Excel-bestand, geen CSV." in response.content.decode()

    def test_template_has_every_column(self, coordinator_client):
        response = coordinator_client.get(URL + "sjabloon.csv")
        first = response.content.decode("utf-8-sig").splitlines()[0]
        assert first.split(",") == list(imports.COLUMNS)


@pytest.mark.django_db
class TestLimits:
    def test_a_file_over_2_mb_is_refused_by_its_size(self, coordinator_client, network, provider):
        text = HEADER + "Sportclub Oost;X;bewegen;;;;;;;\n" * 80_000  # 2.4 MB
        html = coordinator_client.post(URL, {"file": upload(text)}).content.decode()
        assert "Het bestand is 2,4\xa0MB groot; de grens is 2,0\xa0MB." in html
        with scope(network=network):
            assert not Offer.objects.exists()

    def test_many_bad_rows_show_the_first_100_and_all_of_them_as_csv(
        self, coordinator_client, network, provider
    ):
        long_name = "Onbekend " * 50
        text = HEADER + f"{long_name};Titel;zwemmen;;;;;;;\n" * 150  # two problems a row
        html = coordinator_client.post(URL, {"file": upload(text)}).content.decode()
        assert "Het bestand heeft problemen in 150 rijen." in html
        assert "Hieronder staan de eerste 100 problemen; nog 200 andere" in html
        assert html.count("<tr><td>") == 100
        assert f"Onbekende aanbieder &#x27;{long_name[:60]}…&#x27;" in html
        response = coordinator_client.post(URL, {"file": upload(text), "problems_csv": "1"})
        assert response["Content-Disposition"] == (
            'attachment; filename="gezond-oost-sociale-kaart-problemen.csv"'
        )
        lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
        assert len(lines) == 1 + 300
        assert lines[-1].startswith("151,soort,\"Onbekende waarde 'zwemmen'.")
        with scope(network=network):
            assert not Offer.objects.exists()
