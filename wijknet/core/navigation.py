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

To add a page: add a `NavItem` to ITEMS (in the section where people would look for it), with
the same permission or policy as its view.
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

from wijknet.accesslog import access as accesslog_access
from wijknet.networks import roles

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
    # A URL name to use while `url_name` does not exist yet (a page another branch adds).
    fallback: str = ""

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


def _networks_page(*words):
    def test(app_name, url_name):
        return app_name == "networks" and any(word in url_name for word in words)

    return test


def _app_except(app, *excluded):
    def test(app_name, url_name):
        return app_name == app and url_name not in excluded

    return test


ITEMS = (
    # Netwerk: where the network stands and who is in it.
    NavItem(
        "mywork",
        "network",
        _("Mijn werk"),
        "mywork:index",
        roles.VIEW_DASHBOARD,
        apps=("mywork",),
        fallback="dashboard:index",
    ),
    NavItem(
        "dashboard",
        "network",
        _("Dashboard"),
        "dashboard:index",
        roles.VIEW_DASHBOARD,
        views=("dashboard:index",),
    ),  # fmt: skip
    NavItem(
        "roadmap",
        "network",
        _("Stappenplan"),
        "roadmap:overview",
        roles.VIEW_ROADMAP,
        apps=("roadmap",),
    ),  # fmt: skip
    NavItem(
        "partners",
        "network",
        _("Partners"),
        "networks:partner_list",
        roles.VIEW_PARTNERS,
        url_names=_networks_page("partner"),
    ),  # fmt: skip
    NavItem(
        "members",
        "network",
        _("Leden"),
        "networks:member_list",
        roles.VIEW_MEMBERS,
        url_names=_networks_page("member", "invitation"),
        views=("accesslog:officers",),
    ),  # fmt: skip
    NavItem(
        "profile",
        "network",
        _("Profiel"),
        "networks:edit",
        roles.EDIT_NETWORK,
        views=("networks:edit",),
    ),  # fmt: skip
    NavItem(
        "accesslog",
        "network",
        _("Inzagelog"),
        "accesslog:search",
        policy=accesslog_access.is_privacy_officer,
        url_names=_app_except("accesslog", "officers"),
    ),  # fmt: skip
    # Samenwerken: meeting, agreeing and acting together.
    NavItem(
        "meetings",
        "together",
        _("Bijeenkomsten"),
        "meetings:list",
        roles.VIEW_MEETINGS,
        apps=("meetings",),
    ),  # fmt: skip
    NavItem(
        "actions",
        "together",
        _("Doelen en acties"),
        "actions:index",
        roles.VIEW_ACTIONS,
        apps=("actions",),
    ),  # fmt: skip
    NavItem(
        "agreements",
        "together",
        _("Afspraken"),
        "agreements:index",
        roles.VIEW_AGREEMENT,
        apps=("agreements",),
    ),  # fmt: skip
    # Inwoners: the offer for residents and the work with them.
    NavItem(
        "offers",
        "residents",
        _("Sociale kaart"),
        "offers:list",
        roles.VIEW_PARTNERS,
        apps=("offers",),
    ),  # fmt: skip
    NavItem(
        "referrals",
        "residents",
        _("Verwijzingen"),
        "referrals:list",
        roles.MAKE_REFERRALS,
        url_names=_app_except("referrals", "funnel"),
    ),  # fmt: skip
    NavItem(
        "casework",
        "residents",
        _("Cliënten"),
        "casework:list",
        roles.WORK_ON_CASES,
        apps=("casework",),
    ),  # fmt: skip
    NavItem(
        "volunteering",
        "residents",
        _("Vrijwillige inzet"),
        "volunteering:index",
        roles.VIEW_VOLUNTEERING,
        apps=("volunteering",),
    ),  # fmt: skip
    # Meten en leren: scans, signals and what the figures say.
    NavItem(
        "scans",
        "learning",
        _("Scans"),
        "scans:list",
        roles.VIEW_SCANS,
        apps=("scans",),
    ),  # fmt: skip
    NavItem(
        "health",
        "learning",
        _("Signalen"),
        "health:index",
        roles.VIEW_HEALTH,
        apps=("health",),
    ),  # fmt: skip
    NavItem(
        "graph",
        "learning",
        _("Samenwerking"),
        "graph:index",
        roles.VIEW_PARTNERS,
        apps=("graph",),
    ),  # fmt: skip
    NavItem(
        "funnel",
        "learning",
        _("Doorstroom"),
        "referrals:funnel",
        roles.VIEW_FUNNEL,
        views=("referrals:funnel",),
    ),  # fmt: skip
)

# The account menu (every signed-in user, inside or outside a network).
ACCOUNT_CURRENT = {
    "networks:list": "networks",
    "notifications:preferences": "preferences",
    "accounts:twofactor": "twofactor",
    "accounts:twofactor_setup": "twofactor",
    "accounts:twofactor_verify": "twofactor",
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
