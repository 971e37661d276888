"""Notification pages in the authorization matrix (see tests/support/authz.py)."""

from django.db import transaction

from tests.support.authz import (
    EVERY_ROLE,
    LOGIN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Case,
    logged_in,
    members_only,
)
from wijknet.notifications import kinds, services

N = ("network_slug",)
EVERY_MEMBER_POSTS = {**members_only(EVERY_ROLE), **dict.fromkeys(EVERY_ROLE, REDIRECT)}

MATRIX: dict[str, Case] = {
    "notifications:list": Case(members_only(EVERY_ROLE), kwargs=N),
    "notifications:badge": Case(members_only(EVERY_ROLE), kwargs=N),
    "notifications:mark_all_read": Case(EVERY_MEMBER_POSTS, kwargs=N, method="post"),
    # The notification belongs to the coordinator: for everyone else it does not exist.
    "notifications:open": Case(
        {
            **dict.fromkeys(EVERY_ROLE, NOT_FOUND),
            "anonymous": LOGIN,
            "outsider": NOT_FOUND,
            "coordinator": REDIRECT,
        },
        kwargs=(*N, "notification_uuid"),
        method="post",
        foreign=True,
    ),
    "notifications:preferences": Case(logged_in(OK)),
}


def world(network, other_network, coordinator):
    """A notification for our coordinator, and one for a member of the other network."""
    from tests.factories import MembershipFactory

    theirs_owner = MembershipFactory(network=other_network, role="coordinator").user
    with transaction.atomic():
        ours = services.notify(
            recipient=coordinator, network=network, kind=kinds.REFERRAL_STATUS, title="Ons"
        )
        theirs = services.notify(
            recipient=theirs_owner, network=other_network, kind=kinds.REFERRAL_STATUS, title="Hun"
        )
    return {"notification_uuid": (ours.uuid, theirs.uuid)}
