"""The HSDS 3.0 export against the standard's own schemas (standards/hsds-3.0/)."""

import json
import os
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.networks.models import Network
from wijknet.offers import hsds, hsds_schema, queries, taxonomy

from .helpers import make_offer

BASE = "/n/gezond-oost/sociale-kaart/"


def assert_valid(instance, ref):
    assert hsds_schema.errors(instance, ref) == []


def full_offer(network, **fields):
    provider = PartnerFactory(
        network=network,
        organisation__name="Sportclub Oost",
        organisation__website="https://sportclub-oost.example.org",
    )
    values = {
        "title": "Beweegkuur",
        "kind": "bewegen",
        "description": "Samen bewegen onder begeleiding.",
        "target_groups": ["diabetes", "ouderen"],
        "age_min": 40,
        "age_max": 80,
        "costs": "€ 5 per keer",
        "reimbursed_by": "gemeente",
        "address": "Dorpsstraat 1",
        "postcode": "1234 AB",
        "place": "Oost",
        "latitude": "52.100000",
        "longitude": "5.100000",
        "schedule": "dinsdag 10:00",
        "contact_name": "Jan Jansen",
        "contact_email": "jan@sportclub-oost.example.org",
        "contact_phone": "010-1234567",
        "accessibility": "Rolstoeltoegankelijk",
        "waiting_list": True,
        "active_from": timezone.localdate() - timedelta(days=10),
        "active_to": timezone.localdate() + timedelta(days=100),
        "last_confirmed_at": timezone.now(),
        **fields,
    }
    return make_offer(network, provider=provider, **values)


def test_the_registry_resolves_the_published_addresses_locally():
    for path in ("/services", "/services/{id}", "/organizations", "/organizations/{id}"):
        assert hsds_schema.page_errors({}, path) == [] or path.endswith("{id}")
    errors = hsds_schema.page_errors({"contents": [{"id": "x"}]}, "/services")
    assert any("uuid" in e for e in errors) and any("'name' is a required" in e for e in errors)


def test_formats_are_checked():
    row = {"id": "not-a-uuid", "name": "X", "status": "active", "url": "geen url"}
    errors = hsds_schema.errors({**row, "last_modified": "2026-01-01"}, "service.json")
    assert len(errors) == 3


def test_taxonomy_terms_have_stable_ids_and_dutch_texts():
    rows = hsds.terms()
    assert_valid(rows, "tabular.json#/properties/taxonomy_term")
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    by_code = {r["code"]: r for r in rows}
    # Fixed for ever: other systems store these ids.
    assert by_code["doelgroep/ouderen"]["id"] == taxonomy.term_id("doelgroep/ouderen")
    assert taxonomy.term_id("soort/sport") == "57eea8c6-c540-5f35-a98c-ef31919f90cb"
    assert by_code["doelgroep/ouderen"]["name"] == "Ouderen"
    assert by_code["doelgroep/ouderen"]["parent_id"] == by_code["doelgroep"]["id"]
    assert all(r["description"] for r in rows)
    assert "vergoeding/none" not in by_code


@pytest.mark.django_db
class TestExport:
    def test_full_offer_validates_in_both_forms(self, network):
        full_offer(network)
        make_offer(network, title="Zonder adres")
        with scope(network=network):
            offers = list(queries.offers(network))
        tables = hsds.tabular(offers, contacts=True)
        assert_valid(tables, "tabular.json")
        nested = hsds.services_full(offers, contacts=True)
        for service in nested:
            assert_valid(service, "service.json")

    def test_optional_fields_without_a_value_are_left_out(self, network):
        make_offer(network, title="Kaal", last_confirmed_at=None)
        with scope(network=network):
            (service,) = hsds.services_full(queries.offers(network))
        assert None not in service.values()
        assert set(service) == {
            "id",
            "organization_id",
            "name",
            "status",
            "last_modified",
            "organization",
            "attributes",
        }
        assert set(service["organization"]) == {"id", "name", "description"}

    def test_the_nested_service(self, network):
        offer = full_offer(network)
        with scope(network=network):
            (service,) = hsds.services_full(queries.offers(network), contacts=True)
        assert service["id"] == str(offer.uuid)
        assert service["organization"]["website"] == "https://sportclub-oost.example.org"
        assert service["application_process"] == hsds.WAITING_LIST
        assert service["fees_description"] == "€ 5 per keer"
        assert service["minimum_age"] == 40
        assert {a["taxonomy_term"]["code"] for a in service["attributes"]} == {
            "soort/bewegen",
            "doelgroep/diabetes",
            "doelgroep/ouderen",
            "vergoeding/gemeente",
        }
        (link,) = service["service_at_locations"]
        location = link["location"]
        assert location["latitude"] == 52.1
        assert location["addresses"][0]["postal_code"] == "1234 AB"
        assert location["accessibility"][0]["description"] == "Rolstoeltoegankelijk"
        (schedule,) = service["schedules"]
        # active_to is the first day without the offer; valid_to the last day with it
        assert schedule["valid_to"] == (offer.active_to - timedelta(days=1)).isoformat()
        assert service["contacts"][0]["phones"][0]["number"] == "010-1234567"

    def test_contacts_only_when_asked(self, network):
        full_offer(network)
        with scope(network=network):
            offers = list(queries.offers(network))
        text = json.dumps([hsds.tabular(offers), hsds.services_full(offers)])
        for personal in ("Jan Jansen", "jan@sportclub-oost", "010-1234567"):
            assert personal not in text

    def test_members_download_tabular_and_nested(self, client, coordinator, network):
        full_offer(network)
        client.force_login(coordinator)
        tables = json.loads(client.get(BASE + "hsds.json").content)
        assert_valid(tables, "tabular.json")
        assert [o["name"] for o in tables["organization"]] == ["Sportclub Oost"]
        assert tables["contact"][0]["name"] == "Jan Jansen"  # members see contacts already
        services = json.loads(client.get(BASE + "hsds-diensten.json").content)
        assert [s["name"] for s in services] == ["Beweegkuur"]
        assert_valid(services[0], "service.json")

    def test_ended_and_future_offers_are_not_exported(self, network):
        make_offer(network, title="Voorbij", active_to=date(2020, 1, 1))
        make_offer(network, title="Later", active_from=timezone.localdate() + timedelta(days=3))
        with scope(network=network):
            assert hsds.tabular(queries.offers(network))["service"] == []


@pytest.mark.django_db
def test_the_whole_demo_export_validates():
    """Issue 19: every organisation, service, location, term … of the demo networks: 0 errors."""
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    checked = 0
    for network in Network.objects.order_by("slug"):
        with scope(network=network):
            offers = list(queries.offers(network))
        tables = hsds.tabular(offers, contacts=True)
        assert hsds_schema.errors(tables, "tabular.json") == [], network.slug
        for service in hsds.services_full(offers, contacts=True):
            assert hsds_schema.errors(service, "service.json") == [], service["name"]
            checked += 1
    assert checked >= 3
