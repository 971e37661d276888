"""Resident pages in the authorization matrix (see tests/support/authz.py), issue 15.

The matrix's own personas (force_login, no second factor) are sent to the e-mailed-code page
(302) by every resident page, before anything is loaded; anonymous visitors go to the login
page. The resident personas (RESIDENT_PERSONAS, verified) are checked in
test_authorization_matrix.py::test_matrix_resident_personas: only the resident of the record
reaches its pages; a mantelzorger who was granted reading only, the resident of another record
and a resident whose link ended get 404 on the resident's link. The care team's page about the
resident's access follows the casework pages.
"""

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.authz.casework import C, _case
from tests.support.authz import GONE, LOGIN, NOT_FOUND, OK, REDIRECT, Case, everyone, logged_in

L = ("link_uuid",)
REFUSED = dict.fromkeys(["mantelzorger", "resident_other", "resident_ended"], NOT_FOUND)
# Members and the outsider are logged in without a second factor: the code page first.
UNVERIFIED = {**everyone(REDIRECT), "anonymous": LOGIN}


def _mine(*extra, method="get", resident=OK):
    return Case(
        UNVERIFIED,
        kwargs=L + extra,
        method=method,
        residents={**REFUSED, "resident": resident},
    )


def _team(*extra, method="get"):
    case = _case(*extra, method=method)
    case.kwargs = C + extra
    return case


MATRIX: dict[str, Case] = {
    # With one open link: straight to that plan; without (an ended link): an empty page.
    "residents:home": Case(
        logged_in(OK),
        residents=dict.fromkeys(["resident", "mantelzorger", "resident_other"], REDIRECT),
    ),
    # The matrix's token is a network invitation's: no resident invitation → 410 for everyone.
    "residents:accept": Case(everyone(GONE), kwargs=("token",)),
    # A verified session is sent on; an unverified one gets a code.
    "residents:code": Case(
        logged_in(OK),
        residents=dict.fromkeys(
            ["resident", "mantelzorger", "resident_other", "resident_ended"], REDIRECT
        ),
    ),
    "residents:plan": _mine(),
    "residents:words": _mine(),
    "residents:health": _mine(),
    "residents:health_fill": _mine(),
    "residents:action_done": _mine("own_action_uuid", method="post", resident=REDIRECT),
    "residents:messages": _mine(),
    "residents:consents": _mine(),
    "residents:consent_withdraw": _mine("consent_uuid"),
    "residents:consent_grant": _mine("proposal_uuid"),
    "residents:accesslog": _mine(),
    "residents:export_json": _mine(),
    "residents:export_html": _mine(),
    "residents:links": _mine(),
    "residents:link_end": _mine("other_uuid", method="post", resident=REDIRECT),
    "residents:team": _team(),
    "residents:team_invite": _team(),
    "residents:team_reply": _team(),
    "residents:team_propose": _team(),
    "residents:team_link_end": _team("other_uuid", method="post"),
}


def _links(network, client_name):
    """The resident and a reading mantelzorger of the client the casework world recorded, a
    resident of another record and an ended link; plus an action of the resident's own and a
    proposed consent."""
    from tests.factories import MembershipFactory, OrganisationFactory
    from wijknet.casework import services as casework
    from wijknet.casework.models import Client
    from wijknet.networks.models import Membership
    from wijknet.residents import services

    with scopes_disabled():
        client = Client.objects.get(network=network, name=client_name)
        recorder = Membership.objects.get(network=network, user=client.recorded_by)
    client.network = network

    def link(email, kind, target=client, by=recorder, scope_="read"):
        with scope(network=network):
            _inv, url = services.invitation_create(
                acting_user=by.user,
                membership=by,
                client=target,
                email=email,
                kind=kind,
                scope=scope_,
                consent_note="Mondeling" if kind == "mantelzorger" else "",
            )
        token = url.rstrip("/").rsplit("/", 1)[-1]
        return services.invitation_accept_new_user(
            token=token, full_name=email.split("@")[0], password="een-lang-wachtwoord-123"
        )

    prefix = network.slug
    resident = link(f"{prefix}-bewoner@example.org", "resident")
    mantelzorger = link(f"{prefix}-mantelzorger@example.org", "mantelzorger")
    org = OrganisationFactory(network=network)
    other_recorder = MembershipFactory(network=network, role="partner", organisation=org)
    with scope(network=network):
        other_client = casework.client_create(
            acting_user=other_recorder.user,
            membership=other_recorder,
            network=network,
            name="Andere Cliënt",
            birth_year=1960,
        )
        ended = link(f"{prefix}-gestopt@example.org", "resident", other_client, other_recorder)
        services.link_end_by_team(
            acting_user=other_recorder.user, membership=other_recorder, other=ended
        )
        resident_other = link(
            f"{prefix}-ander@example.org", "mantelzorger", other_client, other_recorder
        )
        plan = client.plan
        plan.client = client
        action = casework.action_add(
            acting_user=recorder.user,
            membership=recorder,
            plan=plan,
            text="Zelf doen",
            for_resident=True,
            due_on=timezone.localdate(),
        )
        proposal = services.consent_propose(
            acting_user=recorder.user,
            membership=recorder,
            client=client,
            purpose="mdo",
            organisations=[org],
        )
    return {
        "resident": resident,
        "mantelzorger": mantelzorger,
        "resident_other": resident_other,
        "resident_ended": ended,
        "action": action,
        "proposal": proposal,
    }


def world(network, other_network, coordinator):
    ours = _links(network, "Matrix Cliënt")
    theirs = _links(other_network, "Matrix Cliënt")
    return {
        "link_uuid": (ours["resident"].uuid, theirs["resident"].uuid),
        "own_action_uuid": (ours["action"].uuid, theirs["action"].uuid),
        "proposal_uuid": (ours["proposal"].uuid, theirs["proposal"].uuid),
        "other_uuid": (ours["mantelzorger"].uuid, theirs["mantelzorger"].uuid),
        "resident_personas": {
            persona: ours[persona].user
            for persona in ("resident", "mantelzorger", "resident_other", "resident_ended")
        },
        "resident_client_name": "Matrix Cliënt",
    }
