"""Casework pages in the authorization matrix (see tests/support/authz.py).

Every casework view puts the second factor first (OTPRequiredMixin). The matrix logs its personas
in with `force_login`, without a second factor: then every member persona is sent to the
two-factor page (302), whatever their role; the outsider gets 404 from the tenancy middleware and
anonymous visitors the login page.

When the matrix logs personas in OTP-verified (`tests.support.otp.login_verified`) and says so
with `PERSONAS_VERIFIED = True` in tests/support/authz.py, the real outcomes apply: list and
create 200 for roles with WORK_ON_CASES (coordinator, core, partner), 403 for citizen and viewer;
every client URL 404 for coordinator, core and partner — none of them recorded the client or is
on its team — and 403 for citizen and viewer; objects of another network 404. These verified
outcomes are also checked in tests/test_authorization.py::test_matrix_with_verified_personas,
next to the issue's own list (team member with consent, after withdrawal, outside the team, a
coordinator not on the team, another network, anonymous).
"""

from django.utils import timezone
from django_scopes import scope

from tests.factories import MembershipFactory, OrganisationFactory
from tests.support import authz as shared
from tests.support.authz import DENIED, LOGIN, NOT_FOUND, OK, PERSONAS, REDIRECT, Case
from wijknet.networks.roles import Role

N = ("network_slug",)
C = ("network_slug", "client_uuid")

PERSONAS_VERIFIED = getattr(shared, "PERSONAS_VERIFIED", False)

# Unverified members → two-factor page; outsider → 404; anonymous → login.
UNVERIFIED = {**dict.fromkeys(PERSONAS, REDIRECT), "anonymous": LOGIN, "outsider": NOT_FOUND}
# Verified: pages without a client.
VERIFIED_LIST = {
    "anonymous": LOGIN,
    "outsider": NOT_FOUND,
    "coordinator": OK,
    "core": OK,
    "partner": OK,
    "citizen": DENIED,
    "viewer": DENIED,
}
# Verified: one client's pages; no persona recorded the client or is on its team.
VERIFIED_CLIENT = {
    **VERIFIED_LIST,
    "coordinator": NOT_FOUND,
    "core": NOT_FOUND,
    "partner": NOT_FOUND,
}


def _list():
    return Case(VERIFIED_LIST if PERSONAS_VERIFIED else UNVERIFIED, kwargs=N)


def _case(*extra, method="get"):
    # `foreign` only with verified personas: the foreign-object check logs the coordinator in
    # with `force_login`, who would otherwise see the two-factor page instead of the 404.
    return Case(
        VERIFIED_CLIENT if PERSONAS_VERIFIED else UNVERIFIED,
        kwargs=C + extra,
        method=method,
        foreign=PERSONAS_VERIFIED,
    )


MATRIX: dict[str, Case] = {
    "casework:list": _list(),
    "casework:create": _list(),
    "casework:detail": _case(),
    "casework:edit": _case(),
    "casework:erase": _case(),
    "casework:retention_extend": _case(),
    "casework:consent_create": _case(),
    "casework:consent_supersede": _case("consent_uuid"),
    "casework:consent_withdraw": _case("consent_uuid"),
    "casework:team_add": _case(),
    "casework:team_remove": _case("member_uuid"),
    "casework:team_coordinating": _case("member_uuid", method="post"),
    "casework:plan": _case(),
    "casework:plan_edit": _case(),
    "casework:goal_add": _case(),
    "casework:action_add": _case(),
    "casework:action_edit": _case("plan_action_uuid"),
    "casework:health": _case(),
    "casework:measurement_create": _case(),
    "casework:selfcheck_create": _case(),
    "casework:mdo_list": _case(),
    "casework:mdo_create": _case(),
    "casework:mdo_detail": _case("mdo_uuid"),
    "casework:access_overview": _case(),
    "casework:export_json": _case(),
    "casework:export_html": _case(),
    "casework:fhir": _case(),
}


def _client_in(network):
    """A client with consent, a team member and an MDO agreement, recorded by a professional
    who is none of the matrix personas."""
    from wijknet.casework import services

    org = OrganisationFactory(network=network)
    recorder = MembershipFactory(network=network, role=Role.PARTNER, organisation=org)
    with scope(network=network):
        client = services.client_create(
            acting_user=recorder.user,
            membership=recorder,
            network=network,
            name="Matrix Cliënt",
            birth_year=1950,
        )
        consent = services.consent_record(
            acting_user=recorder.user,
            membership=recorder,
            client=client,
            purpose="plan",
            organisations=[org],
            given_by="resident",
            representative_name="",
            method="mondeling",
            given_at=timezone.localdate(),
            valid_until=None,
        )
        member = services.team_add(
            acting_user=recorder.user,
            membership=recorder,
            client=client,
            member_membership=recorder,
            role="Wijkverpleegkundige",
        )
        conference = services.conference_record(
            acting_user=recorder.user,
            membership=recorder,
            client=client,
            participants=[member],
            agreements=[{"text": "Afspraak", "responsible": member, "due_on": None}],
            held_on=timezone.localdate(),
            resident_present=True,
            mantelzorger_present=False,
            others="",
            notes="",
            fed_back_resident=False,
            fed_back_mantelzorger=False,
            feedback_how="",
            feedback_on=None,
        )
        action = conference.agreements.get()
    return client, consent, member, conference, action


def world(network, other_network, coordinator):
    ours = _client_in(network)
    theirs = _client_in(other_network)
    keys = ("client_uuid", "consent_uuid", "member_uuid", "mdo_uuid", "plan_action_uuid")
    return {
        key: (mine.uuid, other.uuid) for key, mine, other in zip(keys, ours, theirs, strict=True)
    }
