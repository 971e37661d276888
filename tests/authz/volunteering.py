"""Volunteering pages in the authorization matrix (see tests/support/authz.py).

The objects of our network belong to a help-seeker and a volunteer who are none of the
personas: the partner and the citizen (both may use volunteering) get a 404 for them, the same
as for a missing object — a volunteer never sees another volunteer's help-seekers. The viewer
(funder) has no access to volunteering at all. Nothing crosses networks: every object URL is a
404 with an object of the other network.

The pages with a help-seeker's data need a second factor first (VERIFIED below); the matrix logs
its personas in without one, so there every member persona is sent to the two-factor page.
"""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from tests.support import authz as shared
from tests.support.authz import (
    DENIED,
    EDITORS,
    LOGIN,
    NOT_FOUND,
    PERSONAS,
    READERS,
    REDIRECT,
    Case,
    members_only,
)
from wijknet.volunteering.models import FollowUp, HelpRequest, Match, VolunteerProfile

N = ("network_slug",)
REQUEST = ("network_slug", "request_uuid")
VOLUNTEER = ("network_slug", "volunteer_uuid")
MATCH = ("network_slug", "match_uuid")
FOLLOWUP = ("network_slug", "followup_uuid")

PERSONAS_VERIFIED = getattr(shared, "PERSONAS_VERIFIED", False)

# Coordinator and core group see every object; partner and citizen only their own.
OWN_ONLY = {**members_only(EDITORS), "partner": NOT_FOUND, "citizen": NOT_FOUND, "viewer": DENIED}

# Pages with a help-seeker's data put the second factor first (as casework does): unverified
# members → two-factor page whatever their role; outsider → 404; anonymous → login.
UNVERIFIED = {**dict.fromkeys(PERSONAS, REDIRECT), "anonymous": LOGIN, "outsider": NOT_FOUND}

# Their outcomes once the personas passed the second factor (also checked, verified, in
# volunteering/tests/test_help_seeker_privacy.py::test_matrix_with_verified_personas).
VERIFIED: dict[str, tuple[dict[str, str], tuple[str, ...], str, dict]] = {
    "volunteering:request_detail": (OWN_ONLY, REQUEST, "get", {}),
    "volunteering:matching": (members_only(EDITORS), REQUEST, "get", {}),
    "volunteering:request_close": (members_only(EDITORS), REQUEST, "get", {}),
    "volunteering:request_export": (members_only(EDITORS), REQUEST, "get", {}),
    "volunteering:request_erase": (members_only(EDITORS), REQUEST, "get", {}),
    "volunteering:match_list": (members_only(EDITORS), N, "get", {}),
    "volunteering:match_detail": (OWN_ONLY, MATCH, "get", {}),
    "volunteering:match_transition": (
        {**OWN_ONLY, "coordinator": REDIRECT, "core": REDIRECT},
        MATCH,
        "post",
        {"status": "akkoord"},
    ),
    "volunteering:match_stop": (OWN_ONLY, MATCH, "get", {}),
    "volunteering:followup": (OWN_ONLY, FOLLOWUP, "get", {}),
}


def _personal(name: str) -> Case:
    expect, kwargs, method, data = VERIFIED[name]
    # `foreign` only with verified personas: the foreign-object check logs the coordinator in
    # with `force_login`, who would otherwise see the two-factor page instead of the 404.
    return Case(
        expect if PERSONAS_VERIFIED else UNVERIFIED,
        kwargs=kwargs,
        method=method,
        data=data,
        foreign=PERSONAS_VERIFIED and kwargs != N,
    )


MATRIX: dict[str, Case] = {
    **{name: _personal(name) for name in VERIFIED},
    "volunteering:index": Case(members_only(READERS), kwargs=N),
    "volunteering:request_list": Case(members_only(READERS), kwargs=N),
    "volunteering:request_create": Case(members_only(READERS), kwargs=N),
    "volunteering:volunteer_list": Case(members_only(EDITORS), kwargs=N),
    "volunteering:volunteer_create": Case(members_only(EDITORS), kwargs=N),
    "volunteering:volunteer_detail": Case(OWN_ONLY, kwargs=VOLUNTEER, foreign=True),
    "volunteering:volunteer_edit": Case(OWN_ONLY, kwargs=VOLUNTEER, foreign=True),
    "volunteering:volunteer_hours": Case(members_only(EDITORS), kwargs=VOLUNTEER, foreign=True),
    "volunteering:own_profile": Case(members_only(READERS), kwargs=N),
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
