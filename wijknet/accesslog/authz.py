"""Access log pages in the authorization matrix (see wijknet/testing/authz.py).

The core persona is made privacy officer in world(): its session has no second factor, so the
log pages send it to the two-factor page (302); every other member gets 403. Verified officers
are tested in wijknet/accesslog/tests/test_views.py.
"""

from django_scopes import scopes_disabled

from wijknet.networks.models import Membership
from wijknet.testing.authz import COORDINATOR, REDIRECT, Case, members_only

N = ("network_slug",)
MEMBER = ("network_slug", "membership_uuid")

OFFICER_PAGE = {**members_only(set()), "core": REDIRECT}

MATRIX: dict[str, Case] = {
    "accesslog:search": Case(OFFICER_PAGE, kwargs=N),
    "accesslog:export": Case(OFFICER_PAGE, kwargs=N),
    "accesslog:review": Case(OFFICER_PAGE, kwargs=N),
    "accesslog:officers": Case(members_only(COORDINATOR), kwargs=N),
    "accesslog:officer_set": Case(
        {**members_only(COORDINATOR), "coordinator": REDIRECT},
        kwargs=MEMBER,
        method="post",
        foreign=True,
        data={"value": "1"},
    ),
}


def world(network, other_network, coordinator):
    with scopes_disabled():
        Membership.objects.filter(network=network, role="core").update(is_privacy_officer=True)
    return {}
