"""Activates the network scope for every URL that names a network.

The network comes from the URL (`network_slug`) and is accepted only through the visitor's
*current* membership: no membership, no network — a 404 that does not reveal whether the network
exists. Anonymous visitors are sent to the login page. Outside network URLs no scope is active,
so any query on a network-owned model raises.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import Resolver404, resolve
from django_scopes import scope

from .queries import current_membership


class NetworkScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.network = None
        request.membership = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        slug = match.kwargs.get("network_slug")
        if slug is None:
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = current_membership(request.user, slug)
        if membership is None:
            raise Http404
        request.membership = membership
        request.network = membership.network
        with scope(network=membership.network):
            return self.get_response(request)
