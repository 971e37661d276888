"""The public HSDS 3.0 API of a network that publishes its social map."""

import json
import os
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.factories import PartnerFactory
from wijknet.core.models import AuditEvent
from wijknet.networks.models import Network, NetworkStatus
from wijknet.offers import hsds_schema, taxonomy
from wijknet.offers.models import SocialMapSettings

from .helpers import make_offer
from .test_hsds import full_offer

API = "/hsds/gezond-oost/"
LISTS = ["services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"]
PERSONAL = ("Jan Jansen", "jan@sportclub-oost", "010-1234567")


def publish(network, published=True):
    with scopes_disabled():
        SocialMapSettings.objects.update_or_create(
            network=network, defaults={"hsds_published": published}
        )


def get(client, path, **params):
    response = client.get(API + path, params)
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


@pytest.fixture
def published(network):
    publish(network)
    return network


@pytest.mark.django_db
class TestPublication:
    @pytest.mark.parametrize("path", ["", *LISTS])
    def test_a_network_that_does_not_publish_is_404(self, client, network, path):
        assert client.get(API + path).status_code == 404  # no settings row at all
        publish(network, False)
        assert client.get(API + path).status_code == 404
        publish(network)
        assert client.get(API + path).status_code == 200

    def test_an_archived_network_is_404(self, client, published):
        published.status = NetworkStatus.ARCHIVED
        published.save()
        assert client.get(API + "services").status_code == 404
        assert client.get("/hsds/bestaat-niet/services").status_code == 404

    def test_read_only(self, client, published):
        assert client.post(API + "services").status_code == 405

    def test_the_kartrekker_publishes_and_stops(self, client, coordinator, network):
        client.force_login(coordinator)
        page = client.get("/n/gezond-oost/sociale-kaart/hsds/")
        assert "niet gepubliceerd" in page.content.decode()
        client.post("/n/gezond-oost/sociale-kaart/hsds/", {"hsds_published": "on"})
        client.logout()
        assert client.get(API).status_code == 200
        client.force_login(coordinator)
        client.post("/n/gezond-oost/sociale-kaart/hsds/", {})
        assert client.get(API).status_code == 404
        with scopes_disabled():
            actions = list(
                AuditEvent.objects.filter(action__startswith="offer.hsds").values_list(
                    "action", flat=True
                )
            )
        assert sorted(actions) == ["offer.hsds_published", "offer.hsds_unpublished"]


@pytest.mark.django_db
class TestResponses:
    def test_every_endpoint_validates_against_the_standard(self, client, published):
        offer = full_offer(published)
        make_offer(
            published, provider=offer.provider, title="Zonder adres", target_groups=["iedereen"]
        )
        organisation = offer.provider.organisation.uuid
        checked = {"/": get(client, "")}
        for name in LISTS:
            checked[f"/{name}"] = get(client, name)
            checked[f"/{name}?full"] = get(client, name, full="true")
        checked["/organizations?full_service"] = get(client, "organizations", full_service="true")
        checked["/services/{id}"] = get(client, f"services/{offer.uuid}")
        checked["/organizations/{id}"] = get(client, f"organizations/{organisation}")
        for key, body in checked.items():
            assert hsds_schema.page_errors(body, key.split("?")[0]) == [], key
        assert checked["/"]["version"] == "3.0"
        assert checked["/services"]["total_items"] == 2
        assert checked["/service_at_locations"]["total_items"] == 1
        # the nested services inside an organisation validate as services too
        for service in checked["/organizations?full_service"]["contents"][0]["services"]:
            assert hsds_schema.errors(service, "service.json") == []
        assert [s["name"] for s in checked["/organizations/{id}"]["services"]] == [
            "Beweegkuur",
            "Zonder adres",
        ]
        assert checked["/taxonomies"]["contents"][0]["name"] == "wijknet"
        for body in checked.values():
            text = json.dumps(body, ensure_ascii=False)
            for personal in PERSONAL:
                assert personal not in text

    def test_paging(self, client, published):
        for i in range(3):
            make_offer(published, title=f"Aanbod {i}")
        body = get(client, "services", per_page=2, page=2)
        assert {k: v for k, v in body.items() if k != "contents"} == {
            "total_items": 3,
            "total_pages": 2,
            "page_number": 2,
            "size": 1,
            "first_page": False,
            "last_page": True,
            "empty": False,
        }
        assert [s["name"] for s in body["contents"]] == ["Aanbod 2"]
        assert get(client, "services", page=9)["empty"] is True
        assert get(client, "services", per_page=10_000)["size"] == 3  # capped, not refused
        for bad in ({"page": "x"}, {"per_page": "0"}, {"full": "misschien"}):
            assert client.get(API + "services", bad).status_code == 400

    def test_filters(self, client, published):
        make_offer(published, title="Wandelen", kind="bewegen", target_groups=["ouderen"])
        make_offer(published, title="Koffie", kind="ontmoeting", reimbursed_by="gemeente")

        def names(**params):
            return [s["name"] for s in get(client, "services", **params)["contents"]]

        assert names(search="koff") == ["Koffie"]
        assert names(taxonomy_term_id=taxonomy.term_id("doelgroep/ouderen")) == ["Wandelen"]
        assert names(taxonomy_term_id=taxonomy.term_id("doelgroep")) == ["Wandelen"]
        assert names(taxonomy_term_id=taxonomy.term_id("vergoeding")) == ["Koffie"]
        assert names(taxonomy_term_id=taxonomy.term_id("soort")) == ["Koffie", "Wandelen"]
        assert names(taxonomy_term_id="onbekend") == []
        assert names(taxonomy_id=taxonomy.TAXONOMY_ID) == ["Koffie", "Wandelen"]
        assert names(taxonomy_id="iets-anders") == []
        tomorrow = (timezone.now() + timedelta(days=1)).isoformat()
        assert names(modified_after=tomorrow) == []
        assert names(modified_after="2020-01-01") == ["Koffie", "Wandelen"]
        assert client.get(API + "services", {"modified_after": "gisteren"}).status_code == 400
        terms = get(client, "taxonomy_terms", top_only="true")["contents"]
        assert [t["code"] for t in terms] == ["soort", "doelgroep", "vergoeding"]
        children = get(client, "taxonomy_terms", parent_id=taxonomy.term_id("vergoeding"))
        assert [t["code"] for t in children["contents"]] == [
            "vergoeding/gemeente",
            "vergoeding/zorgverzekeraar",
        ]

    def test_only_what_the_social_map_shows(self, client, published, other_network):
        running = make_offer(published, title="Loopt")
        ended = make_offer(published, title="Voorbij", active_to=date(2020, 1, 1))
        future = make_offer(
            published, title="Later", active_from=timezone.localdate() + timedelta(days=5)
        )
        publish(other_network)
        theirs = make_offer(other_network, title="Van een ander netwerk")
        names = [s["name"] for s in get(client, "services")["contents"]]
        assert names == ["Loopt"]
        for offer in (ended, future, theirs):
            assert client.get(f"{API}services/{offer.uuid}").status_code == 404
        foreign_org = theirs.provider.organisation.uuid
        assert client.get(f"{API}organizations/{foreign_org}").status_code == 404
        # an organisation without a running offer is not on the public map
        with scopes_disabled():
            idle = PartnerFactory(network=published).organisation
        assert client.get(f"{API}organizations/{idle.uuid}").status_code == 404
        assert [o["name"] for o in get(client, "organizations")["contents"]] == [
            running.provider.organisation.name
        ]


@pytest.mark.django_db
class TestQueryCounts:
    @pytest.mark.parametrize("items", [1, 3])
    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            ("services", 3),
            ("services?full=true", 3),
            ("organizations", 3),
            ("organizations?full=true", 4),
            ("service_at_locations?full=true", 3),
            ("taxonomy_terms", 1),
        ],
    )
    def test_flat(self, client, published, django_assert_num_queries, items, path, expected):
        for i in range(items):
            make_offer(published, title=f"Aanbod {i}", place="Oost", target_groups=["ouderen"])
        with django_assert_num_queries(expected):
            assert client.get(API + path).status_code == 200


@pytest.mark.django_db
def test_the_demo_network_api_validates(client):
    """Every endpoint of the published demo network: 0 errors against openapi.json."""
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Network.objects.filter(slug="gezond-oost").exists()  # and it publishes
    for name in LISTS:
        for params in ({}, {"full": "true"}):
            body = get(client, name, **params)
            assert hsds_schema.page_errors(body, f"/{name}") == [], name
            if name == "services":
                for row in body["contents"]:
                    detail = get(client, f"services/{row['id']}")
                    assert hsds_schema.page_errors(detail, "/services/{id}") == []
            if name == "organizations":
                for row in body["contents"]:
                    detail = get(client, f"organizations/{row['id']}")
                    assert hsds_schema.page_errors(detail, "/organizations/{id}") == []
