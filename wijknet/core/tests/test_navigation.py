"""The network navigation (core/navigation.py): per role exactly the items whose page answers,
the current page marked, account items in one menu, and rendering that costs no queries."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from tests.factories import MembershipFactory
from tests.support.otp import login_verified
from wijknet.core import navigation
from wijknet.networks.roles import Role

NETWORK = "/n/gezond-oost/"
NAV = re.compile(r'<nav class="network-nav".*?</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')


@pytest.fixture(autouse=True)
def _fresh_cache():
    navigation.clear_cache()
    yield
    navigation.clear_cache()


def nav_links(response):
    """[(href, current, label)] of the network menu on a page."""
    match = NAV.search(response.content.decode())
    if match is None:
        return []
    return [(href, bool(current), label) for href, current, label in LINK.findall(match.group())]


def item_url(item, slug="gezond-oost"):
    try:
        return reverse(item.url_name, args=[slug])
    except NoReverseMatch:
        return reverse(item.fallback, args=[slug])


def test_the_definition_is_complete():
    keys = [item.key for item in navigation.ITEMS]
    assert len(keys) == len(set(keys))
    sections = {key for key, _ in navigation.SECTIONS}
    assert {item.section for item in navigation.ITEMS} == sections
    for item in navigation.ITEMS:
        assert bool(item.permission) != bool(item.policy), item.key
        assert item_url(item).startswith(NETWORK)


@pytest.mark.parametrize("officer", [False, True], ids=["member", "privacy-officer"])
@pytest.mark.parametrize("role", Role.values)
def test_each_role_sees_exactly_the_pages_it_may_open(client, network, roadmap, role, officer):
    membership = MembershipFactory(network=network, role=role, is_privacy_officer=officer)
    # Verified: client-data pages ask for the second factor before they check the role.
    login_verified(client, membership.user)
    shown = nav_links(client.get(NETWORK))
    assert shown, "every member sees a menu"
    shown_urls = {href for href, _, _ in shown}
    # Every item of the definition: shown exactly when its page does not answer 403/404.
    for item in navigation.ITEMS:
        url = item_url(item)
        status = client.get(url).status_code
        may_open = status == 200
        assert (url in shown_urls) == may_open, (role, officer, item.key, url, status)
    # And nothing in the menu leads elsewhere.
    assert shown_urls <= {item_url(item) for item in navigation.ITEMS}


def test_menu_order_is_the_same_on_every_page(client, network, roadmap, coordinator):
    login_verified(client, coordinator)
    first = [href for href, _, _ in nav_links(client.get(NETWORK))]
    for href in first:
        assert [h for h, _, _ in nav_links(client.get(href))] == first, href


@pytest.mark.parametrize(
    "path, label",
    [
        ("partners/", "Partners"),
        ("partners/nieuw/", "Partners"),
        ("leden/", "Leden"),
        ("leden/uitnodigen/", "Leden"),
        ("scans/", "Scans"),
        ("verwijzingen/", "Verwijzingen"),
        ("verwijzingen/doorstroom/", "Doorstroom"),
        ("bijeenkomsten/", "Bijeenkomsten"),
    ],
)
def test_the_current_page_is_marked_once(client, network, roadmap, coordinator, path, label):
    login_verified(client, coordinator)
    response = client.get(NETWORK + path)
    assert response.status_code == 200
    current = [text for _, is_current, text in nav_links(response) if is_current]
    assert current == [label]
    assert NAV.search(response.content.decode()).group().count('aria-current="page"') == 1


def test_account_items_are_in_one_account_menu(client, network, coordinator):
    client.force_login(coordinator)
    html = client.get(NETWORK + "partners/").content.decode()
    menu = re.search(r'<nav class="user-nav".*?</nav>', html, re.S).group()
    for url in (
        reverse("networks:list"),
        reverse("notifications:preferences"),
        reverse("accounts:twofactor"),
        reverse("api:tokens"),
        reverse("accounts:logout"),
    ):
        assert url in menu
    assert '<details class="account-menu">' in menu
    assert 'name="csrfmiddlewaretoken"' in menu and "\x00" not in html
    assert coordinator.full_name in menu
    # The menu button controls the network menu.
    assert 'class="menu-button" aria-expanded="false" aria-controls="site-nav"' in html
    assert 'id="site-nav"' in html


def test_outside_a_network_only_the_account_menu(client, network, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert 'class="network-nav"' not in html and "menu-button" not in html
    assert re.search(r'href="/account/meldingen/" aria-current="page"', html)


def test_user_names_are_escaped_and_slugs_filled_in(client, network):
    membership = MembershipFactory(
        network=network, role=Role.COORDINATOR, user__full_name="<b>Ans & Co</b>"
    )
    client.force_login(membership.user)
    html = client.get(NETWORK).content.decode()
    assert "&lt;b&gt;Ans &amp; Co&lt;/b&gt;" in html and "<b>Ans" not in html
    assert navigation.SLUG not in html


def test_the_menu_is_rendered_once_per_role_and_page(client, network, roadmap, coordinator):
    client.force_login(coordinator)
    client.get(NETWORK + "partners/")
    client.get(NETWORK + "partners/")
    client.get(NETWORK + "leden/")
    assert len(navigation._html) == 2


def test_rendering_the_menu_costs_no_queries(
    client, network, roadmap, coordinator, django_assert_max_num_queries
):
    """The shell adds no query to a page: the partners list within its count in
    wijknet/tests/test_query_counts.py (5; 4 once the process is warm)."""
    client.force_login(coordinator)
    client.get(NETWORK + "partners/")
    with django_assert_max_num_queries(4):
        assert client.get(NETWORK + "partners/").status_code == 200


def test_a_language_gets_its_own_menu(client, network, coordinator, settings):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(NETWORK).content.decode()
    assert '<html lang="en">' in html
    assert {key[1] for key in navigation._html} == {"en"}


def test_templates_are_cached_with_debug_off(settings):
    """The cached loader is Django's default when no loaders are set: keep it that way."""
    from django.template import engines

    assert "loaders" not in settings.TEMPLATES[0]["OPTIONS"]
    settings.DEBUG = False
    loader = engines["django"].engine.template_loaders[0]
    assert type(loader).__module__ == "django.template.loaders.cached"
