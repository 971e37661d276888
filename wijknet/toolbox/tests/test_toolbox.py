"""The toolbox: content loading, Dutch full-text search on both backends, the pages and the
"wat werkte elders" links."""

import pytest
import yaml
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tests.factories import MembershipFactory, NetworkFactory
from wijknet.core.content import untranslated
from wijknet.roadmap.content import load_roadmap
from wijknet.scans.content import load_scans
from wijknet.toolbox import queries, search
from wijknet.toolbox.content import (
    TOOLBOX_FILE,
    ContentError,
    load_toolbox,
    read_toolbox,
)
from wijknet.toolbox.models import Kind, Target, ToolboxItem

SEED_NAMES = ["Ruwaard", "Wedde", "Lemmer", "DementieNet", "Leiden", "Wijchen"]


@pytest.fixture
def loaded(db):
    load_roadmap()
    load_scans()
    assert load_toolbox() is True


def test_content_is_complete_sourced_and_bilingual():
    data = read_toolbox()
    assert untranslated(data) == []
    titles = " ".join(item["title"]["nl"] for item in data["items"])
    for name in SEED_NAMES:
        assert name in titles
    for item in data["items"]:
        assert item["source"][:3] in {"000", "001", "002", "003", "004"}, item["key"]
        assert item["kind"] in Kind.values
        assert item.get("steps") or item.get("phases"), item["key"]


def test_loading_is_versioned_and_links_exist(loaded):
    assert load_toolbox() is False  # same version: nothing to do
    assert ToolboxItem.objects.filter(kind=Kind.TIP).count() == 9
    assert ToolboxItem.objects.filter(kind=Kind.FACTOR).count() == 10
    ruwaard = ToolboxItem.objects.get(key="proeftuin-ruwaard")
    assert ruwaard.source.startswith("002")
    assert len(ruwaard.lesson_list) == 3
    assert queries.links_of(ruwaard)[Target.SIGNAL] == [
        "commitment_operational_only",
        "funding_ending",
    ]
    # A tip is built from its scan indicator and linked to it and to the steps of its advice.
    tip = ToolboxItem.objects.get(key="tip-lummeltijd")
    assert tip.title.startswith("Tip 1")
    links = queries.links_of(tip)
    assert links[Target.INDICATOR] == ["negen-tips/lummeltijd"]
    assert links.get(Target.STEP)
    with translation.override("en"):
        assert ToolboxItem.objects.get(key="tip-lummeltijd").title.startswith("Tip 1: Enough")
        assert (
            ToolboxItem.objects.get(key="proeftuin-leiden-merenwijk").title
            == "Pilot Leiden (Merenwijk)"
        )


def test_unknown_references_are_refused(loaded, tmp_path):
    data = read_toolbox()
    data["version"] += 1
    data["items"][0]["steps"] = ["no-such-step"]
    path = tmp_path / "toolbox.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match="no-such-step"):
        load_toolbox(path)


def test_removed_items_are_retired(loaded, tmp_path):
    data = read_toolbox()
    data["version"] += 1
    data["items"] = [i for i in data["items"] if i["key"] != "proeftuin-wijchen"]
    path = tmp_path / "toolbox.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_toolbox(path) is True
    assert ToolboxItem.objects.get(key="proeftuin-wijchen").retired
    assert "proeftuin-wijchen" not in {i.key for i in queries.items()}


def keys(query, **filters):
    return [item.key for item in queries.items(query=query, **filters)]


def test_stemming_terms():
    assert search.variants("bewegen") == ["beweg", "beweeg"]
    assert search.variants("beweging") == ["beweg", "beweeg"]
    # Only word characters reach the backends' query syntax.
    assert search.terms("a; DROP TABLE' x") == [["drop", "droop"], ["tabl"]]


class TestSearch:
    """Runs on the backend of the test database: SQLite FTS5 or PostgreSQL 'dutch'."""

    def test_finds_dutch_inflections(self, loaded):
        # "huisartsen" (plural) finds the items that speak of "huisarts"/"huisartsen".
        found = keys("huisarts")
        assert "wedde-dat-t-lukt" in found and "zorgplein-lemmer" in found
        assert "zorgplein-lemmer" in keys("huisartsen")
        # "intervisiebijeenkomst" finds the item that speaks of "intervisiebijeenkomsten".
        assert "zorgplein-lemmer" in keys("intervisiebijeenkomst")

    def test_bewegen_finds_beweegaanbod(self, loaded):
        item = ToolboxItem.objects.get(key="proeftuin-wijchen")
        item.document += "\nHet beweegaanbod in de wijk."
        item.save()
        search.reindex()
        assert "proeftuin-wijchen" in keys("bewegen")

    def test_all_words_must_match_and_title_ranks_first(self, loaded):
        assert keys("Ruwaard")[0] == "proeftuin-ruwaard"
        assert keys("Ruwaard xyzzyonbekend") == []
        assert keys("") == keys("  ") != []

    def test_search_combines_with_filters(self, loaded):
        assert keys("huisarts", kind=Kind.PILOT) == [
            k for k in keys("huisarts") if ToolboxItem.objects.get(key=k).kind == Kind.PILOT
        ]
        assert set(keys("", phase="verankeren")) >= {"proeftuin-ruwaard", "wedde-dat-t-lukt"}
        assert "stevenshof-vitaal" not in keys("", phase="verankeren")

    def test_backend(self, loaded):
        rows = queries.items(query="kartrekker")
        sql = str(rows.query)
        if connection.vendor == "postgresql":
            assert "dutch" in sql and "to_tsquery" in sql
        else:
            assert search.FTS_TABLE in sql


def test_helps_for_is_one_query(loaded, django_assert_num_queries):
    with django_assert_num_queries(1):
        helps = queries.helps_for(Target.SIGNAL, ["no_kartrekker", "funding_ending", "nonexistent"])
    assert "proeftuin-wijchen" in [i.key for i in helps["no_kartrekker"]]
    assert helps["nonexistent"] == []
    assert all(len(v) <= queries.HELPS_LIMIT for v in helps.values())


@pytest.fixture
def member(loaded):
    network = NetworkFactory(slug="gezond-oost")
    user = MembershipFactory(network=network, role="partner").user
    return network, user


class TestPages:
    def test_list_search_and_filter(self, client, member):
        network, user = member
        client.force_login(user)
        url = reverse("toolbox:list", args=[network.slug])
        page = client.get(url).content.decode()
        assert "Proeftuin Ruwaard" in page and "Tip 1" in page
        page = client.get(url, {"q": "Merenwijk"}).content.decode()
        assert "Proeftuin Leiden" in page and "Proeftuin Ruwaard (Oss)" not in page
        page = client.get(url, {"kind": "factor"}).content.decode()
        assert "Trekker van het netwerk" in page and "Proeftuin Ruwaard" not in page
        page = client.get(url, {"q": "xyzzyonbekend"}).content.decode()
        assert "Niets gevonden" in page

    def test_item_page_shows_lessons_source_and_steps(self, client, member):
        network, user = member
        client.force_login(user)
        page = client.get(
            reverse("toolbox:item", args=[network.slug, "proeftuin-leiden-merenwijk"])
        ).content.decode()
        assert "het initiatief is niet bottom-up ontstaan" in page
        assert "002 §4.1" in page
        assert reverse("roadmap:step", args=[network.slug, "verkennen-draagvlak-peilen"]) in page
        assert client.get(reverse("toolbox:item", args=[network.slug, "nope"])).status_code == 404

    def test_step_page_links_what_worked_elsewhere(self, client, member):
        network, user = member
        client.force_login(user)
        page = client.get(
            reverse("roadmap:step", args=[network.slug, "verdiepen-leersessies-intervisie"])
        ).content.decode()
        assert "Wat werkte elders" in page
        assert reverse("toolbox:item", args=[network.slug, "zorgplein-lemmer"]) in page

    @pytest.mark.parametrize("query", ["", "huisarts"])
    def test_list_query_count_is_flat(self, client, member, django_assert_max_num_queries, query):
        network, user = member
        client.force_login(user)
        url = reverse("toolbox:list", args=[network.slug])
        client.get(url, {"q": query})
        with django_assert_max_num_queries(12) as first:
            client.get(url, {"q": query})
        ToolboxItem.objects.filter(kind=Kind.TIP).update(retired=True)
        with django_assert_max_num_queries(len(first.captured_queries)):
            client.get(url, {"q": query})


def test_content_file_path():
    assert TOOLBOX_FILE.name == "toolbox.yaml"


def test_health_signals_link_what_worked_elsewhere(client, loaded, network, coordinator):
    """A network without a gemeente gets the key_partners signal; its card links the pilots
    where the missing key partners were a lesson."""
    from wijknet.health.tests import factories as health_factories

    health_factories.partner(network, "Welzijn Oost")
    client.force_login(coordinator)
    html = client.get(reverse("health:index", args=[network.slug])).content.decode()
    assert "Wat werkte elders" in html
    assert reverse("toolbox:item", args=[network.slug, "proeftuin-leiden-merenwijk"]) in html


def test_weak_scan_indicators_get_their_items(loaded, django_assert_num_queries):
    from types import SimpleNamespace

    from wijknet.scans.models import Indicator

    weak = Indicator.objects.select_related("instrument").get(
        instrument__key="duurzaam-netwerk", key="trekker-van-het-netwerk"
    )
    strong = Indicator.objects.select_related("instrument").get(
        instrument__key="negen-tips", key="lummeltijd"
    )

    def result(indicator, is_weak):
        stats = SimpleNamespace(disagreement=False)
        return SimpleNamespace(indicator=indicator, weak=is_weak, stats=stats)

    results = SimpleNamespace(
        instruments=[
            SimpleNamespace(instrument=weak.instrument, indicators=[result(weak, True)]),
            SimpleNamespace(instrument=strong.instrument, indicators=[result(strong, False)]),
        ]
    )
    with django_assert_num_queries(1):
        helps = queries.helps_for_scan_results(results)
    assert set(helps) == {weak.pk}
    found = {item.key for item in helps[weak.pk]}
    assert {"factor-trekker-van-het-netwerk", "proeftuin-wijchen"} <= found
