"""Volunteering pages in the authorization matrix (see wijknet/testing/authz.py).

The objects of our network belong to a help-seeker and a volunteer who are none of the
personas: the partner and the citizen (both may use volunteering) get a 404 for them, the same
as for a missing object — a volunteer never sees another volunteer's help-seekers. The viewer
(funder) has no access to volunteering at all. Nothing crosses networks: every object URL is a
404 with an object of the other network.
"""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from wijknet.testing.authz import (
    DENIED,
    EDITORS,
    NOT_FOUND,
    READERS,
    REDIRECT,
    Case,
    members_only,
)

from .models import FollowUp, HelpRequest, Match, VolunteerProfile

N = ("network_slug",)
REQUEST = ("network_slug", "request_uuid")
VOLUNTEER = ("network_slug", "volunteer_uuid")
MATCH = ("network_slug", "match_uuid")
FOLLOWUP = ("network_slug", "followup_uuid")

# Coordinator and core group see every object; partner and citizen only their own.
OWN_ONLY = {**members_only(EDITORS), "partner": NOT_FOUND, "citizen": NOT_FOUND, "viewer": DENIED}

MATRIX: dict[str, Case] = {
    "volunteering:index": Case(members_only(READERS), kwargs=N),
    "volunteering:request_list": Case(members_only(READERS), kwargs=N),
    "volunteering:request_create": Case(members_only(READERS), kwargs=N),
    "volunteering:request_detail": Case(OWN_ONLY, kwargs=REQUEST, foreign=True),
    "volunteering:matching": Case(members_only(EDITORS), kwargs=REQUEST, foreign=True),
    "volunteering:request_close": Case(members_only(EDITORS), kwargs=REQUEST, foreign=True),
    "volunteering:volunteer_list": Case(members_only(EDITORS), kwargs=N),
    "volunteering:volunteer_create": Case(members_only(EDITORS), kwargs=N),
    "volunteering:volunteer_detail": Case(OWN_ONLY, kwargs=VOLUNTEER, foreign=True),
    "volunteering:volunteer_edit": Case(OWN_ONLY, kwargs=VOLUNTEER, foreign=True),
    "volunteering:volunteer_hours": Case(members_only(EDITORS), kwargs=VOLUNTEER, foreign=True),
    "volunteering:own_profile": Case(members_only(READERS), kwargs=N),
    "volunteering:match_list": Case(members_only(EDITORS), kwargs=N),
    "volunteering:match_detail": Case(OWN_ONLY, kwargs=MATCH, foreign=True),
    "volunteering:match_transition": Case(
        {**OWN_ONLY, "coordinator": REDIRECT, "core": REDIRECT},
        kwargs=MATCH,
        method="post",
        data={"status": "akkoord"},
        foreign=True,
    ),
    "volunteering:match_stop": Case(OWN_ONLY, kwargs=MATCH, foreign=True),
    "volunteering:followup": Case(OWN_ONLY, kwargs=FOLLOWUP, foreign=True),
    "volunteering:hours": Case(members_only(READERS), kwargs=N),
    "volunteering:hours_report": Case(members_only(EDITORS), kwargs=N),
    "volunteering:hours_csv": Case(members_only(EDITORS), kwargs=N),
}


def _objects(network, submitted_by):
    request = HelpRequest.objects.create(
        network=network,
        submitted_by=submitted_by,
        seeker_name="Mevrouw Hulpvrager",
        seeker_contact="0512-123456",
        kind="boodschappen",
        place="Zuiderveen",
    )
    volunteer = VolunteerProfile.objects.create(
        network=network, name="Vrijwilliger Zonder Account", kinds=["boodschappen"]
    )
    match = Match.objects.create(network=network, request=request, volunteer=volunteer)
    followup = FollowUp.objects.create(
        network=network,
        match=match,
        audience="vrijwilliger",
        week=6,
        due_on=timezone.localdate() + timedelta(weeks=6),
    )
    return request, volunteer, match, followup


def world(network, other_network, coordinator):
    """A request with a proposed volunteer (no account) and a follow-up, in each network. Ours
    was submitted by the coordinator, so no other persona is part of it."""
    with scopes_disabled():
        ours = _objects(network, coordinator)
        theirs = _objects(other_network, None)
    keys = ("request_uuid", "volunteer_uuid", "match_uuid", "followup_uuid")
    return {key: (our.uuid, their.uuid) for key, our, their in zip(keys, ours, theirs, strict=True)}
