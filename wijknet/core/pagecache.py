"""Rendered network pages kept per session, under the network's data version.

A network page is made of the network's data, the viewer, the language, the URL and the date.
Its rendering costs 10–40 ms of Python (queries built, rows and templates rendered); a repeated
view of unchanged data needs none of it. `CachedPageMixin` keeps the rendered page and serves
it again while nothing it depends on has changed. The key holds:

- the **data version**: one query for the latest audit event of the network (every service
  write records one: core.audit), the latest stored analysis (the graph and health pages show
  what a task computed, which writes no audit event) and the latest event of the viewer outside
  any network (their name, their second factor);
- the **session and its CSRF secret**: a page is only ever served to the session it was made
  for, so forms in it carry a valid CSRF token and nothing one person may see reaches another;
- the membership and role, the language, the path with its query string, htmx headers and the
  local date (due and overdue change at midnight).

Writes that record no audit event (background jobs marking reminders sent, content loaded on a
deploy) show after at most `PAGE_CACHE_SECONDS`, and so does one rare race: a write whose
transaction commits after a later one of the same network (its event id is lower than the
latest already seen) leaves the version unchanged. Not cached: anything but GET, a page with
messages waiting (they are shown once), a response that sets cookies or headers of its own,
and pages that are not opted in. Of the pages with client data only two lists are kept: the
referrals and the clients (every casework and referral write is audited, consent included);
both still write their access-log record on every view. A client's own pages are
never kept: each view of them is logged with what it showed.

The cache is the process's own memory (`CACHES["pages"]`, a bounded LocMemCache): pages never
leave the application server, and a worker that restarts starts empty. Tests run with
`PAGE_CACHE = False` except the tests of this module.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils import timezone, translation

from .models import AuditEvent, NetworkAnalysis

ALIAS = "pages"
# Request headers that change what a page renders (htmx asks for fragments).
VARY_HEADERS = ("HX-Request", "HX-Target", "HX-Boosted")


@functools.cache
def _version_sql() -> str:
    # Raw SQL because it runs on every cached view: compiling the ORM's three subqueries would
    # cost more than the query. The same columns the membership query selects; here the ids are
    # parameters (network, network, user).
    return "SELECT " + version_columns("%s", "%s")


def data_version(network, user) -> tuple:
    """What the network's pages depend on, as of now: one query on indexed columns."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [network.pk, network.pk, user.pk])
        return version_of(cursor.fetchone())


def version_columns(network_id: str, user_id: str) -> str:
    """`data_version` as three columns of another query that has the network's and the user's
    id as the columns `network_id` and `user_id`: the membership read on every network page
    (networks/queries.py) brings the version along, one round trip less per kept page."""
    audit = connection.ops.quote_name(AuditEvent._meta.db_table)
    analysis = connection.ops.quote_name(NetworkAnalysis._meta.db_table)
    # Table names from the models and the caller's column names: no values.
    return (
        f"(SELECT MAX(id) FROM {audit} WHERE network_id = {network_id}),"  # noqa: S608
        f" (SELECT MAX(computed_at) FROM {analysis} WHERE network_id = {network_id}),"
        f" (SELECT MAX(id) FROM {audit} WHERE network_id IS NULL AND actor_id = {user_id})"
    )


VERSION_WIDTH = 3


def version_of(values) -> tuple:
    return tuple(str(value) for value in values)


def _key(request, network, membership, *parts) -> str:
    """The key of what this request's view renders for `parts` (who asks, and how)."""
    common = (
        request.get_host(),
        request.get_full_path(),
        request.user.pk,
        membership.pk,
        membership.role,
        translation.get_language(),
        timezone.localdate().isoformat(),
        getattr(membership, "page_version", None) or data_version(network, request.user),
    )
    return "page:" + hashlib.sha256(repr(common + parts).encode()).hexdigest()


def page_key(request, view_name: str, extra=lambda: ()) -> str | None:
    """The cache key of this request's page, or None when it must not be cached. `extra()`
    gives what else the page depends on (asked only when the page may be cached)."""
    if not settings.PAGE_CACHE or request.method != "GET":
        return None
    network, membership = getattr(request, "network", None), getattr(request, "membership", None)
    session_key = request.session.session_key
    csrf_secret = request.META.get("CSRF_COOKIE")
    if network is None or membership is None or not session_key or not csrf_secret:
        return None
    if _messages_waiting(request):
        return None
    return _key(
        request,
        network,
        membership,
        view_name,
        session_key,
        csrf_secret,
        tuple(request.headers.get(name, "") for name in VARY_HEADERS),
        extra(),
    )


def api_key(request, view) -> str | None:
    """The cache key of an API list answer: per token (not shared between tokens or people),
    with the negotiated format; None when it must not be cached."""
    if not settings.PAGE_CACHE or request.method != "GET" or request.auth is None:
        return None
    return _key(
        request,
        view.network,
        view.membership,
        type(view).__qualname__,
        request.auth.pk,
        request.accepted_media_type,
    )


def _messages_waiting(request) -> bool:
    storage = getattr(request, "_messages", None)
    # len() loads the stored messages without marking them shown.
    return storage is not None and len(storage) > 0


def cached_response(key: str) -> HttpResponse | None:
    hit = kept(key)
    return None if hit is None else hit[0]


def kept(key: str | None) -> tuple[HttpResponse, object] | None:
    """The kept answer under `key` and what was kept with it (`store(meta=…)`), or None."""
    hit = caches[ALIAS].get(key) if key is not None else None
    if hit is None:
        return None
    content, headers, meta = hit
    return HttpResponse(content, headers=headers), meta


def keep_or_render(request, view_name: str, render) -> tuple[HttpResponse, object]:
    """For a view that must do something on every request (write its access-log record):
    the kept answer and its meta, or `render()` → (rendered response, meta), then kept."""
    key = page_key(request, view_name)
    hit = kept(key)
    if hit is not None:
        return hit
    response, meta = render()
    if key is not None:
        store(key, response, meta=meta)
    return response, meta


def store(key: str, response, *, headers=("Content-Type",), meta=None) -> None:
    """Keep a rendered 200 answer that sets no cookie and no header but `headers` (which are
    kept with it), with `meta`: what the view needs besides the page on a later request."""
    if response.status_code != 200 or response.cookies:
        return
    if set(response.headers) - set(headers):
        return
    kept_headers = dict(response.headers.items())
    caches[ALIAS].set(key, (response.content, kept_headers, meta), settings.PAGE_CACHE_SECONDS)


class CachedPageMixin:
    """A network page served from the page cache while its data version is unchanged (put
    before NetworkViewMixin: the role's permission is still checked on every request).

    A page that shows data written without an audit event (a member's own notifications, read
    or not) adds its version of that data in `extra_version()`."""

    def extra_version(self) -> tuple:
        return ()

    def get(self, request, *args, **kwargs):
        key = page_key(request, type(self).__qualname__, self.extra_version)
        if key is not None:
            hit = cached_response(key)
            if hit is not None:
                return hit
        response = super().get(request, *args, **kwargs)
        if key is not None and isinstance(response, SimpleTemplateResponse):
            response.add_post_render_callback(lambda rendered: store(key, rendered))
        return response
