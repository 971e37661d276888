"""A network's own toolbox items: only its members see and find them; the kartrekker offers
one to the shared toolbox and a platform editor takes it in or says why not."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, NetworkFactory, UserFactory
from wijknet.roadmap.content import load_roadmap
from wijknet.scans.content import load_scans
from wijknet.toolbox import queries
from wijknet.toolbox.content import load_toolbox
from wijknet.toolbox.models import Offer, Target, ToolboxItem

pytestmark = pytest.mark.django_db

STORY = {
    "kind": "story",
    "title": "Wandelgroep Oosterpark",
    "summary": "Hoe de buurtsportcoach en de huisarts samen een beweeggroep begonnen.",
    "body": "Elke dinsdag wandelen twintig bewoners.",
    "lessons": "Begin klein\nVraag de huisarts om door te verwijzen",
    "source": "",
    "url": "",
    "phases": [],
}


@pytest.fixture
def loaded(db):
    load_roadmap()
    load_scans()
    load_toolbox()


@pytest.fixture
def two(loaded):
    ours, theirs = NetworkFactory(slug="ons-net", name="Ons Net"), NetworkFactory(slug="ander")
    kartrekker = MembershipFactory(network=ours, role="coordinator").user
    partner = MembershipFactory(network=ours, role="partner").user
    stranger = MembershipFactory(network=theirs, role="coordinator").user
    return ours, theirs, kartrekker, partner, stranger


def _url(name, network=None, **kwargs):
    if network is not None:
        kwargs["network_slug"] = network.slug
    return reverse(f"toolbox:{name}", kwargs=kwargs)


def _create(client, network, user, **overrides):
    client.force_login(user)
    response = client.post(_url("own_create", network), {**STORY, **overrides})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ToolboxItem.objects.get(network=network, title=overrides.get("title", STORY["title"]))


def test_an_own_item_is_seen_and_found_by_its_network_only(client, two):
    ours, theirs, kartrekker, partner, stranger = two
    item = _create(client, ours, kartrekker)
    assert item.key.startswith("eigen-") and item.source == "Ons Net"
    client.force_login(partner)
    page = client.get(_url("item", ours, item_key=item.key)).content.decode()
    assert "Wandelgroep Oosterpark" in page and "Begin klein" in page
    assert "Bewerken" not in page  # a partner reads, the kartrekker and core group edit
    found = client.get(_url("list", ours), {"q": "wandelen"}).content.decode()
    assert "Wandelgroep Oosterpark" in found  # the Dutch search finds its body ("wandelen")
    assert item in list(queries.items(ours, query="beweeggroep"))
    assert item not in list(queries.items(theirs, query="beweeggroep"))
    assert item not in list(queries.items(query="beweeggroep"))
    client.force_login(stranger)
    assert client.get(_url("item", theirs, item_key=item.key)).status_code == 404
    assert "Wandelgroep" not in client.get(_url("list", theirs), {"q": "wandel"}).content.decode()
    own_only = client.get(_url("list", ours), {"eigen": "1"})
    assert own_only.status_code == 404  # not a member of ours


def test_only_own_items_with_the_filter(client, two):
    ours, _theirs, kartrekker, _partner, _stranger = two
    _create(client, ours, kartrekker)
    first_shared = queries.items()[0].key
    assert first_shared in client.get(_url("list", ours)).content.decode()
    page = client.get(_url("list", ours), {"eigen": "1"}).content.decode()
    assert "Wandelgroep Oosterpark" in page and first_shared not in page


def test_a_stale_edit_is_refused_and_keeps_the_input(client, two):
    ours, _theirs, kartrekker, _partner, _stranger = two
    item = _create(client, ours, kartrekker)
    data = {**STORY, "version": item.version}
    first = client.post(_url("own_edit", ours, item_key=item.key), {**data, "title": "Eerste"})
    assert first.status_code == 302
    second = client.post(_url("own_edit", ours, item_key=item.key), {**data, "title": "Tweede"})
    html = second.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html and "Tweede" in html
    item.refresh_from_db()
    assert item.title == "Eerste"
    assert item in list(queries.items(ours, query="eerste"))  # the search follows the edit


def test_deleting_asks_first(client, two):
    ours, _theirs, kartrekker, _partner, _stranger = two
    item = _create(client, ours, kartrekker)
    asked = client.post(_url("own_delete", ours, item_key=item.key))
    assert "verwijderen?" in asked.content.decode()
    assert ToolboxItem.objects.filter(pk=item.pk).exists()
    client.post(_url("own_delete", ours, item_key=item.key), {"confirm": "1"})
    assert not ToolboxItem.objects.filter(pk=item.pk).exists()
    assert list(queries.items(ours, query="wandelen")) == []


def test_an_accepted_offer_is_shared_with_its_origin_and_no_longer_editable(client, two):
    ours, theirs, kartrekker, _partner, stranger = two
    item = _create(client, ours, kartrekker)
    client.post(_url("own_offer", ours, item_key=item.key), {"confirm": "1"})
    item.refresh_from_db()
    assert item.offer == Offer.OFFERED
    editor = UserFactory(is_staff=True)
    client.force_login(editor)
    queue = client.get(_url("offers")).content.decode()
    assert "Wandelgroep Oosterpark" in queue and "Ons Net" in queue
    client.post(_url("offer_decide", item_key=item.key), {"accept": "1"})
    item.refresh_from_db()
    assert item.offer == Offer.ACCEPTED
    client.force_login(stranger)
    page = client.get(_url("item", theirs, item_key=item.key)).content.decode()
    assert "Ingebracht door netwerk Ons Net" in page
    client.force_login(kartrekker)
    assert client.get(_url("own_edit", ours, item_key=item.key)).status_code == 403


def test_a_declined_offer_needs_a_reason_the_network_sees(client, two):
    ours, _theirs, kartrekker, _partner, _stranger = two
    item = _create(client, ours, kartrekker)
    client.post(_url("own_offer", ours, item_key=item.key), {"confirm": "1"})
    client.force_login(UserFactory(is_staff=True))
    client.post(_url("offer_decide", item_key=item.key), {"accept": "0", "note": ""})
    item.refresh_from_db()
    assert item.offer == Offer.OFFERED  # no reason, no decision
    client.post(_url("offer_decide", item_key=item.key), {"accept": "0", "note": "Te lokaal"})
    item.refresh_from_db()
    assert item.offer == Offer.DECLINED
    client.force_login(kartrekker)
    page = client.get(_url("item", ours, item_key=item.key)).content.decode()
    assert "Te lokaal" in page and "Bewerken" in page  # still theirs to improve and offer again


def test_reloading_the_content_keeps_own_items_and_steps_show_only_shared_ones(client, two):
    ours, _theirs, kartrekker, _partner, _stranger = two
    item = _create(client, ours, kartrekker)
    item.links.create(target=Target.STEP, target_key="some-step")
    assert load_toolbox(force=True) is True
    item.refresh_from_db()
    assert not item.retired
    assert queries.helps_for_one(Target.STEP, "some-step") == []
