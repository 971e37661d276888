"""The REST framework plumbing of /api/v1/: token authentication, the network scope, the
member's permission, the per-token rate limit, page pagination and problem+json errors.

Every decision about data goes to the other apps' access policies and queries; this module only
turns a token into "this user, in this network, with this current membership".
"""

from contextlib import ExitStack

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from django_scopes import scope, scopes_disabled
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, filters, pagination, permissions, throttling, views
from rest_framework.response import Response

from wijknet.core import pagecache
from wijknet.core.locking import ConcurrentEditError
from wijknet.networks.queries import current_membership

from . import access, queries, services

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuthentication:
    """`Authorization: Bearer wn_…`. Unknown, revoked or expired tokens are a 401."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0] != self.keyword:
            raise exceptions.AuthenticationFailed(_("Gebruik: Authorization: Bearer <sleutel>."))
        token = queries.token_by_hash(services.hash_token(parts[1]))
        if token is None or not access.is_usable(token):
            raise exceptions.AuthenticationFailed(_("Onbekende, verlopen of ingetrokken sleutel."))
        services.token_touch(token)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "wijknet.api.rest.TokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Persoonlijke API-sleutel"}


class IsCurrentMember(permissions.BasePermission):
    """The token's user is a current member of the token's network; the view's `permission`
    (networks/roles.py) is checked against their current role; writes need a write token."""

    def has_permission(self, request, view):
        token = request.auth
        if token is None:
            raise exceptions.NotAuthenticated
        membership = current_membership(
            token.user,
            token.network.slug,
            page_version=request.method == "GET" and settings.PAGE_CACHE,
        )
        if membership is None:
            raise exceptions.PermissionDenied(_("Je bent geen lid meer van dit netwerk."))
        request.membership = membership
        request.network = membership.network
        if request.method not in SAFE_METHODS and not access.may_write(token):
            raise exceptions.PermissionDenied(_("Deze sleutel mag alleen lezen."))
        if getattr(view, "client_data", False) and not access.may_read_client_data(token):
            raise exceptions.PermissionDenied(
                _(
                    "Deze sleutel geeft geen toegang tot cliëntgegevens. Maak een sleutel met "
                    "cliëntgegevens na inloggen met je tweede factor."
                )
            )
        needed = getattr(view, "permission", None)
        return needed is None or membership.can(needed)


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """`API_RATE_LIMIT` requests per token and window, counted in the database
    (`services.token_count_request`), so all worker processes and app servers count together;
    a 429 carries Retry-After (the seconds until the window ends). Requests without a token
    (the public HSDS endpoints) are counted per address in Django's cache."""

    scope = "token"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}

    def allow_request(self, request, view):
        if request.auth is None or self.rate is None:
            return super().allow_request(request, view)
        count, self.remaining = services.token_count_request(
            request.auth, window_seconds=self.duration, now=self.timer()
        )
        return count <= self.num_requests

    def wait(self):
        if hasattr(self, "remaining"):
            return max(self.remaining, 0)
        return super().wait()


class PagePagination(pagination.PageNumberPagination):
    """`?page=N&pageSize=M`; the body has `count`, `next`, `previous` (full links) and
    `results` (the NL API Design Rules' page pagination with links)."""

    page_size = 20
    page_size_query_param = "pageSize"
    max_page_size = 100


class StableOrdering(filters.OrderingFilter):
    """`?ordering=field` or `-field` (comma-separated) among the view's `ordering_fields`, with
    the primary key as the last key so that pages never overlap. Without the parameter the
    list keeps its own order (the web page's)."""

    def get_schema_operation_parameters(self, view):
        if not getattr(view, "ordering_fields", None):
            return []
        return super().get_schema_operation_parameters(view)

    def filter_queryset(self, request, queryset, view):
        # Only among fields a view names: DRF's default (every serializer field) would let
        # a client sort by a column it may not see.
        if not getattr(view, "ordering_fields", None):
            return queryset
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        tiebreak = "-pk" if ordering[-1].startswith("-") else "pk"
        return queryset.order_by(*ordering, tiebreak)


class NetworkAPIView:
    """Mixin for every network resource: authenticated by token, the network's scope active
    around the handler, and `self.network` / `self.membership` set."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsCurrentMember]
    throttle_classes = [TokenRateThrottle]
    filter_backends = [DjangoFilterBackend, StableOrdering]
    permission: str | None = None
    # Referrals and a client's FHIR export: only with a client-data token (access.py).
    client_data = False

    def dispatch(self, request, *args, **kwargs):
        with ExitStack() as stack:
            self._scope_stack = stack
            return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        """The view's `network_queryset()`; while the schema is generated (no token, no network)
        an empty queryset of the serializer's model, so filters and paths get their types."""
        if getattr(self, "swagger_fake_view", False):
            with scopes_disabled():
                return self.get_serializer_class().Meta.model.objects.none()
        return self.network_queryset()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.client_data:
            # Personal data: never stored by a browser or proxy (as the web's never_cache).
            response["Cache-Control"] = "no-store"
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.network = request.network
        self.membership = request.membership
        self._scope_stack.enter_context(scope(network=self.network))


class CachedListMixin:
    """A list of network data kept in the page cache (core/pagecache.py) per token, under the
    network's data version: a partner system that polls an unchanged list gets the stored
    answer. Authentication, membership, permission and the rate limit are still checked first
    (DRF's `initial`); lists with client data are never kept (they write to the access log)."""

    # What DRF and the views set on a list answer (kept and replayed with it).
    KEPT_HEADERS = ("Content-Type", "Allow", "Vary", "Link")

    def get(self, request, *args, **kwargs):
        key = pagecache.api_key(request, self)
        if key is not None:
            hit = pagecache.cached_response(key)
            if hit is not None:
                return hit
        response = super().get(request, *args, **kwargs)
        if key is not None:
            response.add_post_render_callback(
                lambda rendered: pagecache.store(key, rendered, headers=self.KEPT_HEADERS)
            )
        return response


PROBLEM_TITLES = {
    400: _("Ongeldig verzoek"),
    401: _("Niet aangemeld"),
    403: _("Geen toegang"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    409: _("Conflict"),
    412: _("Versie klopt niet"),
    428: _("If-Match ontbreekt"),
    429: _("Te veel verzoeken"),
}


class Stale(exceptions.APIException):
    status_code = 412
    default_detail = _("Het object is intussen gewijzigd; lees het opnieuw (If-Match).")


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = _(
        "Stuur de versie die je las mee als If-Match (de ETag van de GET), zodat een "
        "wijziging van een ander niet ongemerkt wordt overschreven."
    )


def expected_version(request, current: int) -> int:
    """The version the client read, from `If-Match: "N"` (the ETag of the GET): 428 when it is
    missing, 412 when the object changed since. The service checks it again inside its
    transaction (save_versioned), so a write landing in between is a 412 too."""
    match = request.headers.get("If-Match", "").strip()
    if match.startswith("W/"):
        match = match[2:]
    match = match.strip('"')
    if not match.isdigit():
        raise PreconditionRequired
    if int(match) != current:
        raise Stale
    return int(match)


def etag(obj) -> dict:
    return {"ETag": f'"{obj.version}"'}


def _from_django(exc):
    """The services' refusals as API errors: a stale write is 412, a rule a 400."""
    if isinstance(exc, ConcurrentEditError):
        return Stale()
    if hasattr(exc, "message_dict"):
        return exceptions.ValidationError(exc.message_dict)
    return exceptions.ValidationError({"non_field_errors": exc.messages})


def problem_exception_handler(exc, context):
    """Errors as application/problem+json (RFC 9457): type, title, status, detail, and for
    validation errors `invalidParams` (name, reason) as in the NL API Design Rules."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    response = views.exception_handler(exc, context)
    if response is None:
        return None
    status = response.status_code
    body = {
        "type": "about:blank",
        "title": str(PROBLEM_TITLES.get(status, response.status_text)),
        "status": status,
    }
    data = response.data
    if isinstance(exc, exceptions.ValidationError) and isinstance(data, dict):
        body["detail"] = str(_("De invoer is niet geldig."))
        body["invalidParams"] = [
            {"name": name, "reason": " ".join(str(r) for r in reasons)}
            if isinstance(reasons, list)
            else {"name": name, "reason": str(reasons)}
            for name, reasons in data.items()
        ]
    elif isinstance(data, dict) and "detail" in data:
        body["detail"] = str(data["detail"])
    else:
        body["detail"] = str(data)
    headers = {k: v for k, v in response.items() if k.lower() != "content-type"}
    problem = Response(body, status=status, headers=headers)
    problem.content_type = "application/problem+json"
    return problem
