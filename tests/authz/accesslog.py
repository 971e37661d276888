"""Access log pages in the authorization matrix (see tests/support/authz.py).

The core persona is made privacy officer in world(): its session has no second factor, so the
log pages send it to the two-factor page (302); every other member gets 403. Verified officers
are tested in wijknet/accesslog/tests/test_views.py.
"""

from django_scopes import scopes_disabled

from tests.factories import MembershipFactory
from tests.support.authz import COORDINATOR, REDIRECT, Case, members_only
from wijknet.accesslog.models import OfficerAppointment
from wijknet.networks.models import Membership

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
    # Step 2 of an appointment (four eyes). The coordinator persona proposed the world's
    # appointment itself, so its confirmation is refused with a message (302 back to the page);
    # the rules themselves are tested in wijknet/accesslog/tests/test_four_eyes.py.
    "accesslog:officer_decide": Case(
        {**members_only(COORDINATOR), "coordinator": REDIRECT},
        kwargs=("network_slug", "appointment_uuid"),
        method="post",
        foreign=True,
        data={"decision": "confirm"},
    ),
}


def _appointment(network, proposed_by):
    membership = MembershipFactory(network=network, role="partner")
    return OfficerAppointment.objects.create(
        network=network, membership=membership, proposed_by=proposed_by
    )


def world(network, other_network, coordinator):
    with scopes_disabled():
        Membership.objects.filter(network=network, role="core").update(is_privacy_officer=True)
        ours = _appointment(network, coordinator)
        theirs = _appointment(other_network, None)
    return {"appointment_uuid": (ours.uuid, theirs.uuid)}
