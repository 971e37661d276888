"""The page cache (core/pagecache.py): a repeated view of unchanged data is served without
rendering; every change a page depends on, and every difference in who asks, is a new render."""

from unittest import mock

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseRedirect
from django.test import Client
from django.utils import timezone
from django_scopes import scope

from tests.factories import PartnerFactory
from tests.support.urls import named_patterns
from wijknet.core import analysis, pagecache
from wijknet.networks import services as network_services
from wijknet.networks.models import Membership
from wijknet.networks.roles import VIEW_MEMBERS, Role, role_can
from wijknet.networks.views import PartnerListView

PARTNERS = "/n/gezond-oost/partners/"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True
    caches[pagecache.ALIAS].clear()
    yield
    caches[pagecache.ALIAS].clear()


@pytest.fixture
def renders():
    """Counts how often the partners page was really rendered (its context built)."""
    original = PartnerListView.get_context_data
    with mock.patch.object(
        PartnerListView, "get_context_data", autospec=True, side_effect=original
    ) as spy:
        yield spy


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    # The first page sets the CSRF cookie; only then can a page be kept for this session.
    client.get("/n/gezond-oost/")
    return client


@pytest.mark.django_db
class TestPageCache:
    def test_a_repeated_view_is_served_without_rendering(self, coordinator, network, renders):
        client = logged_in(coordinator)
        first = client.get(PARTNERS)
        second = client.get(PARTNERS)
        assert first.status_code == second.status_code == 200
        assert renders.call_count == 1
        assert second.content == first.content

    def test_the_version_comes_with_the_membership_not_from_a_query_of_its_own(
        self, coordinator, network, renders
    ):
        client = logged_in(coordinator)
        with mock.patch.object(pagecache, "data_version", side_effect=AssertionError):
            client.get(PARTNERS)
            assert client.get(PARTNERS).status_code == 200
        assert renders.call_count == 1

    def test_switched_off_it_renders_every_time(self, coordinator, network, renders, settings):
        settings.PAGE_CACHE = False
        client = logged_in(coordinator)
        client.get(PARTNERS)
        client.get(PARTNERS)
        assert renders.call_count == 2

    def test_an_audited_change_shows_at_once(self, coordinator, network, renders):
        client = logged_in(coordinator)
        assert "Fietsmaatjes" not in client.get(PARTNERS).content.decode()
        with scope(network=network):
            network_services.partner_create(
                acting_user=coordinator,
                network=network,
                organisation_name="Fietsmaatjes",
                sector="welzijn",
                role="partner",
            )
        assert "Fietsmaatjes" in client.get(PARTNERS).content.decode()
        assert renders.call_count == 2

    def test_a_change_without_audit_event_shows_after_the_time_limit(
        self, coordinator, network, renders
    ):
        client = logged_in(coordinator)
        client.get(PARTNERS)
        with scope(network=network):
            PartnerFactory(network=network, organisation__name="Stille Partner")
        assert "Stille Partner" not in client.get(PARTNERS).content.decode()
        caches[pagecache.ALIAS].clear()  # what the timeout does
        assert "Stille Partner" in client.get(PARTNERS).content.decode()

    def test_another_session_of_the_same_person_renders_its_own(
        self, coordinator, network, renders
    ):
        logged_in(coordinator).get(PARTNERS)
        logged_in(coordinator).get(PARTNERS)
        assert renders.call_count == 2

    def test_the_query_string_and_the_language_are_part_of_the_key(
        self, coordinator, network, renders
    ):
        client = logged_in(coordinator)
        client.get(PARTNERS)
        client.get(PARTNERS + "?q=sport")
        client.get(PARTNERS, headers={"HX-Request": "true"})
        client.post("/taal/", {"language": "en", "next": PARTNERS})
        english = client.get(PARTNERS)
        assert renders.call_count == 4
        assert english.content.decode().startswith('<!DOCTYPE html>\n\n<html lang="en"')

    def test_a_new_day_renders_again(self, coordinator, network, renders):
        client = logged_in(coordinator)
        client.get(PARTNERS)
        tomorrow = timezone.localdate() + timezone.timedelta(days=1)
        with mock.patch.object(pagecache.timezone, "localdate", return_value=tomorrow):
            client.get(PARTNERS)
        assert renders.call_count == 2

    def test_a_new_stored_analysis_renders_again(self, coordinator, network):
        client = logged_in(coordinator)
        before = pagecache.data_version(network, coordinator)
        analysis.recompute(network)
        assert pagecache.data_version(network, coordinator) != before
        assert client.get(PARTNERS).status_code == 200

    def test_waiting_messages_are_shown_not_skipped(self, coordinator, network, renders):
        client = logged_in(coordinator)
        client.get(PARTNERS)
        client.get(PARTNERS)
        # A message waiting as the redirect after a save leaves it: in the messages cookie.
        storage = CookieStorage(mock.Mock(COOKIES={}))
        storage.add(constants.SUCCESS, "Opgeslagen, echt waar.")
        carrier = HttpResponse()
        storage.update(carrier)
        client.cookies[storage.cookie_name] = carrier.cookies[storage.cookie_name].value
        response = client.get(PARTNERS)
        assert "Opgeslagen, echt waar." in response.content.decode()
        assert "Opgeslagen" not in client.get(PARTNERS).content.decode()  # shown once
        assert renders.call_count == 2

    def test_losing_the_permission_is_checked_before_the_cache(self, coordinator, members, network):
        client = logged_in(coordinator)
        assert client.get(PARTNERS).status_code == 200
        # Ended membership, written without the service: no audit event, no new version.
        with scope(network=network):
            Membership.objects.filter(user=coordinator).update(ended_at=timezone.now())
        assert client.get(PARTNERS).status_code == 404

    def test_a_role_without_the_permission_gets_403_on_a_cached_page(
        self, coordinator, members, network
    ):
        members_page = "/n/gezond-oost/leden/"
        assert not role_can(Role.CITIZEN, VIEW_MEMBERS)
        client = logged_in(coordinator)
        client.get(members_page)
        assert client.get(members_page).status_code == 200
        with scope(network=network):
            Membership.objects.filter(user=coordinator).update(role=Role.CITIZEN)
        assert client.get(members_page).status_code == 403

    def test_only_plain_pages_are_kept(self):
        pagecache.store("plain", HttpResponse(b"page"))
        assert pagecache.cached_response("plain").content == b"page"
        redirect = HttpResponseRedirect("/elders/")
        with_cookie = HttpResponse(b"page")
        with_cookie.set_cookie("a", "1")
        with_header = HttpResponse(b"page", headers={"HX-Trigger": "saved"})
        for key, response in (("r", redirect), ("c", with_cookie), ("h", with_header)):
            pagecache.store(key, response)
            assert pagecache.cached_response(key) is None


def _view_class(pattern):
    callback = pattern.callback
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None)


def test_every_cached_view_reaches_the_cache_on_get():
    """A `get` written in the view class itself would run instead of the mixin's: the page
    would silently never be kept. Such a `get` must hand on to super().get()."""
    import inspect

    from wijknet.api.rest import CachedListMixin

    mixins = (pagecache.CachedPageMixin, CachedListMixin)
    views = {_view_class(pattern) for _name, pattern, _params in named_patterns()} - {None}
    cached = [cls for cls in views if issubclass(cls, mixins)]
    assert len(cached) >= 30
    for cls in cached:
        owner = next(klass for klass in cls.__mro__ if "get" in vars(klass))
        if owner not in mixins:
            assert "super().get(" in inspect.getsource(vars(owner)["get"]), cls


def _cached_network_pages() -> list[str]:
    """URL names of every page that may come from the page cache and needs only the network."""
    from wijknet.casework.views import ClientListView
    from wijknet.referrals.views import ReferralListView

    logged_lists = (ClientListView, ReferralListView)
    return sorted(
        name
        for name, pattern, params in named_patterns()
        if (view := _view_class(pattern)) is not None
        and (issubclass(view, pagecache.CachedPageMixin) or view in logged_lists)
        and params == {"network_slug"}
    )


@pytest.mark.django_db
def test_every_cached_page_answers_the_same_from_the_cache(client, coordinator, network):
    """Each page served twice, the second time from the cache: the same 200 page. A view whose
    own `get` cannot take a kept answer (e.g. renders it again) fails here."""
    from django.urls import reverse

    from tests.support.otp import login_verified

    names = _cached_network_pages()
    assert len(names) >= 18
    login_verified(client, coordinator)
    client.get(f"/n/{network.slug}/")  # sets the CSRF cookie
    for name in names:
        url = reverse(name, kwargs={"network_slug": network.slug})
        first, second = client.get(url), client.get(url)
        assert first.status_code == second.status_code == 200, url
        assert second.content == first.content, url


@pytest.mark.django_db
def test_a_form_on_a_kept_page_posts_with_its_csrf_token(coordinator, network):
    """The kept page carries the token of an earlier render of this session; it stays valid
    (same CSRF secret, which is part of the key), so its forms work."""
    import re

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    client.get(PARTNERS)  # sets the CSRF cookie
    client.get(PARTNERS)  # kept
    with mock.patch.object(PartnerListView, "get_context_data", side_effect=AssertionError):
        kept = client.get(PARTNERS).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept).group(1)
    response = client.post(
        "/taal/", {"language": "en", "next": PARTNERS, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert client.post("/taal/", {"language": "nl", "next": PARTNERS}).status_code == 403
