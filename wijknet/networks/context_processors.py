from .roles import PERMISSIONS


def network(request):
    """The active network, membership and its permissions, for the layout's navigation."""
    membership = getattr(request, "membership", None)
    return {
        "network": getattr(request, "network", None),
        "membership": membership,
        "membership_permissions": PERMISSIONS.get(membership.role, frozenset())
        if membership
        else frozenset(),
    }
