"""Activates the network scope for every URL that names a network.

The network comes from the URL (`network_slug`) and is accepted only through the visitor's
*current* membership: no membership, no network — a 404 that does not reveal whether the network
exists. Anonymous visitors are sent to the login page. Outside network URLs no scope is active,
so any query on a network-owned model raises.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django_scopes import scope

from .queries import current_membership


class NetworkScopeMiddleware:
    """Works in `process_view`, on the URL the handler resolved anyway (resolving it a second
    time here cost about as much as a small view); the scope stays active until the response,
    template rendering included, is done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.network = None
        request.membership = None
        try:
            return self.get_response(request)
        finally:
            active = request.__dict__.pop("_network_scope", None)
            if active is not None:
                active.__exit__(None, None, None)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("network_slug")
        if slug is None:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # A GET may be answered from the page cache, which needs the data version: the
        # membership's query brings it along.
        membership = current_membership(
            request.user, slug, page_version=request.method == "GET" and settings.PAGE_CACHE
        )
        if membership is None:
            raise Http404
        request.membership = membership
        request.network = membership.network
        active = scope(network=membership.network)
        active.__enter__()
        request._network_scope = active
        return None
