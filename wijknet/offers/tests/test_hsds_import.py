"""Importing an HSDS 3.0 dataset into a network's social map."""

import json
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, NetworkFactory, PartnerFactory
from wijknet.networks.models import Partner
from wijknet.offers import hsds, hsds_import, queries
from wijknet.offers.models import Offer

from .helpers import make_offer
from .test_hsds import full_offer

BASE = "/n/gezond-oost/sociale-kaart/"
VOLATILE = {
    "id",
    "organization_id",
    "service_id",
    "location_id",
    "contact_id",
    "link_id",
    "last_modified",
}


def normalised(value):
    """A nested export without the ids that belong to one installation (the taxonomy's own
    ids stay: they are the same everywhere)."""
    if isinstance(value, dict):
        return {k: normalised(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return sorted((normalised(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def export(network, **kwargs):
    with scope(network=network):
        return hsds.services_full(queries.offers(network), contacts=True, **kwargs)


def run_import(network, membership, data, **kwargs):
    with scope(network=network):
        result = hsds_import.parse(data, network, membership, **kwargs)
        assert result.ok, [(p.row, p.column, p.message) for p in result.problems]
        hsds_import.hsds_import(
            acting_user=membership.user,
            membership=membership,
            network=network,
            planned=result.planned,
        )
    return result


def as_file(data) -> bytes:
    return json.dumps(data).encode()


@pytest.fixture
def source(network):
    """A social map with every kind of field filled somewhere."""
    offer = full_offer(network)
    make_offer(network, provider=offer.provider, title="Koffie-inloop", kind="ontmoeting")
    with scopes_disabled():
        other = PartnerFactory(
            network=network, organisation__name="Welzijn Oost", organisation__sector="welzijn"
        )
    make_offer(
        network,
        provider=other,
        title="Mantelzorgcafé",
        kind="welzijn",
        target_groups=["mantelzorgers"],
        reimbursed_by="zorgverzekeraar",
        place="Oosterstad",
        schedule="elke eerste maandag",
        active_from=timezone.localdate() - timedelta(days=3),
    )
    return network


@pytest.fixture
def empty():
    network = NetworkFactory(slug="leeg", name="Leeg netwerk")
    membership = MembershipFactory(network=network, role="coordinator")
    return network, membership


@pytest.mark.django_db
class TestRoundTrip:
    def test_export_import_export_is_the_same(self, source, empty):
        target, membership = empty
        first = export(source)
        result = run_import(target, membership, as_file(first))
        assert len(result.created) == 3 and not result.updated and not result.skipped
        assert result.new_organisations == ["Sportclub Oost", "Welzijn Oost"]
        second = export(target)
        assert normalised(second) == normalised(first)
        # the same taxonomy terms, by their stable ids
        terms = [sorted(a["taxonomy_term_id"] for a in s["attributes"]) for s in first]
        assert sorted(terms) == sorted(
            sorted(a["taxonomy_term_id"] for a in s["attributes"]) for s in second
        )
        with scope(network=target):
            sources = set(Offer.objects.values_list("hsds_source_id", flat=True))
        assert sources == {s["id"] for s in first}

    def test_the_tabular_form_imports_the_same(self, source, empty):
        target, membership = empty
        with scope(network=source):
            tables = hsds.tabular(queries.offers(source), contacts=True)
        run_import(target, membership, as_file(tables))
        assert normalised(export(target)) == normalised(export(source))

    def test_an_api_page_imports(self, source, empty):
        target, membership = empty
        run_import(target, membership, as_file({"contents": export(source), "total_items": 3}))
        with scope(network=target):
            assert Offer.objects.count() == 3

    def test_a_second_import_updates_instead_of_duplicating(self, source, empty):
        target, membership = empty
        data = export(source)
        run_import(target, membership, as_file(data))
        again = run_import(target, membership, as_file(data))
        assert [p.action for p in again.planned] == ["skip"] * 3
        assert {p.reason for p in again.planned} == {"ongewijzigd"}
        data[0]["description"] = "Nieuwe beschrijving"
        changed = run_import(target, membership, as_file(data))
        assert [p.action for p in changed.planned].count("update") == 1
        with scope(network=target):
            assert Offer.objects.count() == 3
            assert Partner.objects.count() == 2  # no partner added twice
            assert Offer.objects.filter(description="Nieuwe beschrijving").count() == 1


@pytest.mark.django_db
class TestMatching:
    def test_by_name_and_address(self, network, members):
        existing = make_offer(network, title="Beweegkuur", address="Dorpsstraat 1")
        service = {
            "id": str(uuid.uuid4()),
            "name": "Beweegkuur",
            "status": "active",
            "description": "Van een andere sociale kaart",
            "organization": {
                "id": str(existing.provider.organisation.uuid),
                "name": existing.provider.organisation.name,
                "description": "",
            },
            "service_at_locations": [
                {
                    "id": str(uuid.uuid4()),
                    "location": {
                        "id": str(uuid.uuid4()),
                        "location_type": "physical",
                        "addresses": [
                            {
                                "id": str(uuid.uuid4()),
                                "address_1": "Dorpsstraat 1",
                                "city": "Oost",
                                "state_province": "",
                                "postal_code": "",
                                "country": "NL",
                                "address_type": "physical",
                            }
                        ],
                    },
                }
            ],
        }
        with scopes_disabled():
            membership = members["coordinator"].memberships.get(network=network)
        result = run_import(network, membership, as_file([service]))
        assert [p.action for p in result.planned] == ["update"]
        with scope(network=network):
            existing.refresh_from_db()
            assert Offer.objects.count() == 1
        assert existing.description == "Van een andere sociale kaart"
        assert existing.hsds_source_id == service["id"]

    def test_an_update_keeps_a_later_local_confirmation(self, network, members):
        existing = make_offer(network, title="Koor", address="", last_confirmed_at=timezone.now())
        org = existing.provider.organisation
        service = {
            "id": str(uuid.uuid4()),
            "name": "Koor",
            "status": "active",
            "description": "Zingen",
            "assured_date": "2020-01-01",
            "organization": {"id": str(org.uuid), "name": org.name, "description": ""},
        }
        with scopes_disabled():
            membership = members["coordinator"].memberships.get(network=network)
        run_import(network, membership, as_file([service]))
        with scope(network=network):
            existing.refresh_from_db()
        assert existing.description == "Zingen"
        assert existing.last_confirmed_at.year > 2020

    def test_two_services_for_one_offer_are_a_problem(self, network, members):
        existing = make_offer(network, title="Koor")
        org = existing.provider.organisation
        services = [
            {
                "id": str(uuid.uuid4()),
                "name": "Koor",
                "status": "active",
                "organization": {"id": str(org.uuid), "name": org.name, "description": ""},
            }
            for _ in range(2)
        ]
        with scopes_disabled():
            membership = members["coordinator"].memberships.get(network=network)
        with scope(network=network):
            result = hsds_import.parse(as_file(services), network, membership)
        assert [(p.row, p.column) for p in result.problems] == [(2, "name")]

    def test_inactive_services_are_skipped_and_foreign_kinds_get_the_default(self, empty):
        target, membership = empty
        org = {"id": str(uuid.uuid4()), "name": "Gemeente", "description": "De gemeente"}
        services = [
            {"id": str(uuid.uuid4()), "name": "Oud", "status": "defunct", "organization": org},
            {"id": str(uuid.uuid4()), "name": "Nieuw", "status": "active", "organization": org},
        ]
        result = run_import(target, membership, as_file(services), default_kind="cursus")
        assert [(p.name, p.action) for p in result.planned] == [
            ("Oud", "skip"),
            ("Nieuw", "create"),
        ]
        with scope(network=target):
            assert list(Offer.objects.values_list("title", "kind")) == [("Nieuw", "cursus")]


@pytest.mark.django_db
class TestProblems:
    def test_schema_and_form_problems_import_nothing(self, empty):
        target, membership = empty
        org = {"id": str(uuid.uuid4()), "name": "X", "description": ""}
        services = [
            {"id": "geen-uuid", "name": "A", "status": "active", "organization": org},
            {"id": str(uuid.uuid4()), "name": "B" * 200, "status": "active", "organization": org},
            {"id": str(uuid.uuid4()), "name": "C", "status": "active"},
            {"id": str(uuid.uuid4()), "name": "D", "status": "active", "organization": org},
        ]
        with scope(network=target):
            result = hsds_import.parse(as_file(services), target, membership)
            assert not result.ok and result.planned == []
            found = {(p.row, p.column) for p in result.problems}
            assert (1, "id") in found and (2, "name") in found and (3, "organization.name") in found
            assert Offer.objects.count() == 0

    def test_nulls_count_as_no_value(self, empty):
        target, membership = empty
        org = {"id": str(uuid.uuid4()), "name": "X", "description": "", "email": None}
        service = {"id": str(uuid.uuid4()), "name": "A", "status": "active", "email": None}
        run_import(target, membership, as_file([{**service, "organization": org}]))

    def test_the_report_is_bounded(self, empty):
        target, membership = empty
        services = [{"id": "x", "name": "A", "status": "active"}] * 150
        with scope(network=target):
            result = hsds_import.parse(as_file(services), target, membership)
        assert len(result.problems) == 100
        assert result.report.total == 150

    @pytest.mark.parametrize(
        ("content", "code"),
        [
            (b"{niet json", "json"),
            (b'{"iets": 1}', "shape"),
            (b"[]", "empty"),
            (b"[" * 100_000, "json"),
        ],
    )
    def test_not_a_dataset(self, empty, content, code):
        target, membership = empty
        with scope(network=target), pytest.raises(ValidationError) as error:
            hsds_import.parse(content, target, membership)
        assert error.value.code == code

    def test_size_limits(self, empty, monkeypatch):
        target, membership = empty
        big = SimpleUploadedFile("x.json", b"[]")
        big.size = hsds_import.MAX_BYTES + 1
        with scope(network=target), pytest.raises(ValidationError) as error:
            hsds_import.parse(big, target, membership)
        assert error.value.code == "too_big"
        monkeypatch.setattr(hsds_import, "MAX_SERVICES", 2)
        with scope(network=target), pytest.raises(ValidationError) as error:
            hsds_import.parse(as_file([{}, {}, {}]), target, membership)
        assert error.value.code == "too_many_rows"


@pytest.mark.django_db
class TestPage:
    def test_preview_then_import(self, client, coordinator, network, source):
        data = as_file(export(source))
        with scope(network=network):
            Offer.objects.all().delete()
        client.force_login(coordinator)
        url = BASE + "importeren/hsds/"
        assert client.get(url).status_code == 200
        upload = SimpleUploadedFile("kaart.json", data, content_type="application/json")
        page = client.post(url, {"file": upload, "default_kind": "welzijn", "preview": "1"})
        text = page.content.decode()
        assert "Nieuw: 3. Bijgewerkt: 0. Overgeslagen: 0." in text
        assert "Mantelzorgcafé" in text
        with scope(network=network):
            assert Offer.objects.count() == 0  # a preview writes nothing
        upload = SimpleUploadedFile("kaart.json", data, content_type="application/json")
        response = client.post(url, {"file": upload, "default_kind": "welzijn"})
        assert response.status_code == 302
        with scope(network=network):
            assert Offer.objects.count() == 3

    def test_problems_show_and_download(self, client, coordinator, network):
        client.force_login(coordinator)
        url = BASE + "importeren/hsds/"
        data = as_file([{"id": "x", "name": "A", "status": "active"}])
        page = client.post(
            url, {"file": SimpleUploadedFile("k.json", data), "default_kind": "zorg"}
        )
        assert "is not a &#x27;uuid&#x27;" in page.content.decode()
        download = client.post(
            url,
            {
                "file": SimpleUploadedFile("k.json", data),
                "default_kind": "zorg",
                "problems_csv": "1",
            },
        )
        assert b"uuid" in b"".join(download.streaming_content)
