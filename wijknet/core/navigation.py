"""The network navigation: one definition, grouped in sections, and cheap to render.

Every page of a network shows the same menu in the same order; each person sees only the items
their membership may open. Which items that are is asked from the policies (a role permission of
`networks.roles`, or a policy function of an app's `access.py`), never decided here or in a
template. `tests/test_navigation.py` checks the definition against the views: an item is shown
exactly when its page answers.

Rendering is the part every request pays for, so the menu's HTML is rendered once per
(visible items, language, current item) and kept in this process; a request only fills in the
network's slug, the CSRF token and the user's name. URLs are reversed with a placeholder slug,
so a new network needs no new entry.

The items are registered by the apps (`<app>/navigation.py`, imported in the app's
`AppConfig.ready()`): core knows no app. To add a page: a `NavItem` in the section where people
would look for it, with the same permission or policy as its view and an `order`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Stand-ins in the cached HTML, replaced per request (none can occur in real output: a slug is
# [-a-z0-9_], the others are escaped text).
SLUG = "nav-slug-0f3a"
CSRF = "\x00csrf\x00"
USER = "\x00user\x00"


@dataclass(frozen=True)
class NavItem:
    key: str
    section: str
    label: str
    url_name: str
    # Who sees it: a role permission (membership.can), or a policy taking the membership.
    permission: str = ""
    policy: Callable | None = None
    # Which pages mark it as current: whole apps, single views, or a test on the URL name.
    apps: tuple[str, ...] = ()
    views: tuple[str, ...] = ()
    url_names: Callable[[str, str], bool] | None = None
    # A URL name to use while `url_name` does not exist (yet).
    fallback: str = ""
    order: int = 0

    def allows(self, membership) -> bool:
        if self.policy is not None:
            return bool(self.policy(membership))
        return membership.can(self.permission)

    def matches(self, app_name: str, view_name: str, url_name: str) -> bool:
        if view_name in self.views or app_name in self.apps:
            return True
        return self.url_names is not None and self.url_names(app_name, url_name)


SECTIONS = (
    ("network", _("Netwerk")),
    ("together", _("Samenwerken")),
    ("residents", _("Inwoners")),
    ("learning", _("Meten en leren")),
)
_SECTION_ORDER = {key: i for i, (key, _label) in enumerate(SECTIONS)}
_registered: dict[str, NavItem] = {}
ITEMS: tuple[NavItem, ...] = ()


def register(*items: NavItem) -> None:
    """Add menu items (from an app's `navigation.py`, imported in its AppConfig.ready()).
    The menu is ordered by section, then by each item's `order`, whoever registers first."""
    global ITEMS
    for item in items:
        if item.section not in _SECTION_ORDER:
            raise ValueError(f"unknown menu section {item.section!r} of {item.key!r}")
        _registered[item.key] = item
    ITEMS = tuple(
        sorted(_registered.values(), key=lambda i: (_SECTION_ORDER[i.section], i.order, i.key))
    )
    clear_cache()


def pages_of(app, *excluded):
    """Current-page test: every page of `app` except the URL names in `excluded`."""

    def test(app_name, url_name):
        return app_name == app and url_name not in excluded

    return test


def url_names_with(app, *words):
    """Current-page test: the pages of `app` whose URL name contains one of `words`."""

    def test(app_name, url_name):
        return app_name == app and any(word in url_name for word in words)

    return test


# The account menu (every signed-in user, inside or outside a network).
ACCOUNT_CURRENT = {
    "networks:list": "networks",
    "notifications:preferences": "preferences",
    "accounts:twofactor": "twofactor",
    "accounts:twofactor_setup": "twofactor",
    "accounts:twofactor_verify": "twofactor",
    "api:tokens": "api_tokens",
    "api:token_revoke": "api_tokens",
    "notifications:list": "notifications",
}

_current_by_view: dict[str, str] = {}
_html: dict[tuple, tuple[str, str]] = {}
_MAX_ENTRIES = 2048


def current_key(resolver_match) -> str:
    """The key of the menu item the page belongs to ('' for none), memoised per view name."""
    if resolver_match is None:
        return ""
    view_name = resolver_match.view_name
    key = _current_by_view.get(view_name)
    if key is None:
        app_name, url_name = resolver_match.app_name, resolver_match.url_name or ""
        key = ACCOUNT_CURRENT.get(view_name, "")
        if not key:
            key = next(
                (item.key for item in ITEMS if item.matches(app_name, view_name, url_name)), ""
            )
        _current_by_view[view_name] = key
    return key


def visible_items(membership) -> tuple[NavItem, ...]:
    """The items this membership may open, in menu order (empty outside a network)."""
    if membership is None:
        return ()
    return tuple(item for item in ITEMS if item.allows(membership))


def _url(item: NavItem) -> tuple[str, bool]:
    """The item's URL with the slug stand-in, and whether it is its own page (not a fallback)."""
    try:
        return reverse(item.url_name, args=[SLUG]), True
    except NoReverseMatch:
        if not item.fallback:
            raise
        return reverse(item.fallback, args=[SLUG]), False


def build(items: tuple[NavItem, ...], current: str) -> dict:
    """The menu as data for the template: sections with their visible items."""
    sections = []
    for key, label in SECTIONS:
        entries = []
        for item in items:
            if item.section != key:
                continue
            url, own = _url(item)
            entries.append(
                {
                    "key": item.key,
                    "label": item.label,
                    "url": url,
                    "current": own and current == item.key,
                }
            )
        if entries:
            sections.append(
                {
                    "key": key,
                    "label": label,
                    "items": entries,
                    "current": any(e["current"] for e in entries),
                }
            )
    return {"sections": sections, "current": current, "slug": SLUG, "csrf": CSRF, "user": USER}


class SiteNav(NamedTuple):
    bar: str  # menu button, notifications link and account menu (in the header bar)
    menu: str  # the network menu (beside or, on a phone, under the header)


EMPTY = SiteNav("", "")


def _fill(html: str, slug: str, csrf: str, user: str) -> str:
    if slug:
        html = html.replace(SLUG, slug)
    return mark_safe(html.replace(CSRF, csrf).replace(USER, user))  # noqa: S308 - stand-ins escaped


def render(request, csrf_token=None) -> SiteNav:
    """The header's menus for this request. `csrf_token`: the template context's token, so that
    the page's forms and the logout form share one masked token (each `get_token` call makes a
    new one)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return EMPTY
    network = getattr(request, "network", None)
    items = visible_items(getattr(request, "membership", None)) if network is not None else ()
    current = current_key(getattr(request, "resolver_match", None))
    cache_key = (tuple(item.key for item in items), get_language(), current)
    parts = _html.get(cache_key)
    if parts is None:
        if len(_html) >= _MAX_ENTRIES:
            _html.clear()
        html = render_to_string("includes/site_nav.html", build(items, current))
        parts = _html[cache_key] = tuple(html.split("<!--menu-->", 1))
    slug = network.slug if network is not None else ""
    csrf = escape(str(csrf_token) if csrf_token else get_token(request))
    name = escape(user.full_name or user.email)
    return SiteNav(*(_fill(part, slug, csrf, name) for part in parts))


def clear_cache() -> None:
    _current_by_view.clear()
    _html.clear()
