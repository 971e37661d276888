"""Meeting pages in the authorization matrix (see tests/support/authz.py)."""

from datetime import timedelta

from django.utils import timezone

from tests.support.authz import (
    EDITORS,
    OK,
    READERS,
    REDIRECT,
    Case,
    everyone,
    members_only,
)
from wijknet.meetings.models import CalendarFeed, Decision, Meeting

M = ("network_slug", "meeting_uuid")
POST_EDITORS = {**members_only(EDITORS), "coordinator": REDIRECT, "core": REDIRECT}

MATRIX: dict[str, Case] = {
    "meetings:feed": Case(everyone(OK), kwargs=("feed_token",)),
    "meetings:list": Case(members_only(READERS), kwargs=("network_slug",)),
    "meetings:create": Case(members_only(EDITORS), kwargs=("network_slug",)),
    "meetings:feed_rotate": Case(POST_EDITORS, kwargs=("network_slug",), method="post"),
    "meetings:detail": Case(members_only(READERS), kwargs=M, foreign=True),
    "meetings:ical": Case(members_only(READERS), kwargs=M, foreign=True),
    "meetings:edit": Case(members_only(EDITORS), kwargs=M, foreign=True),
    "meetings:delete": Case(members_only(EDITORS), kwargs=M, foreign=True),
    "meetings:attendance": Case(members_only(EDITORS), kwargs=M, foreign=True),
    "meetings:decision_add": Case(members_only(EDITORS), kwargs=M, foreign=True),
    "meetings:decision_communicated": Case(
        members_only(EDITORS), kwargs=(*M, "decision_id"), foreign=True
    ),
    "meetings:reflection": Case(members_only(EDITORS), kwargs=M, foreign=True),
}


def world(network, other_network, coordinator):
    """A meeting with a decision in each network, and our network's calendar feed."""
    starts = timezone.now() - timedelta(days=7)
    ours = Meeting.objects.create(
        network=network, kind="network", title="Onze bijeenkomst", starts_at=starts, online=True
    )
    theirs = Meeting.objects.create(
        network=other_network, kind="core", title="Hun overleg", starts_at=starts, online=True
    )
    decision = Decision.objects.create(network=network, meeting=ours, text="Wij besluiten")
    foreign_decision = Decision.objects.create(
        network=other_network, meeting=theirs, text="Zij besluiten"
    )
    feed = CalendarFeed.objects.create(network=network)
    return {
        "meeting_uuid": (ours.uuid, theirs.uuid),
        "decision_id": (decision.pk, foreign_decision.pk),
        "feed_token": (feed.token, None),
    }
