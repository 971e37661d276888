"""Issue 6, "what it must show": for every case URL, a care-team member with consent sees it;
the same person after withdrawal, a professional outside the team, a coordinator not on the
team and a member of another network get 404; anonymous visitors the login page. Each allowed
access appears in the access log exactly once."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from wijknet.accesslog.models import AccessLogRecord
from wijknet.casework import services
from wijknet.casework.urls import pages

pytestmark = pytest.mark.django_db

CLIENT_URLS = sorted(p.name for p in pages if "client_uuid" in p.pattern.converters)
POST_ONLY = {"team_coordinating"}


@pytest.fixture
def world(case):
    with scope(network=case.network):
        conference = services.conference_record(
            acting_user=case.member,
            membership=case.member_membership,
            client=case.client,
            participants=[case.team_member],
            agreements=[{"text": "Oefenen", "responsible": case.team_member, "due_on": None}],
            held_on=timezone.localdate(),
            resident_present=True,
            mantelzorger_present=True,
            others="",
            notes="",
            fed_back_resident=False,
            fed_back_mantelzorger=False,
            feedback_how="",
            feedback_on=None,
        )
        action = conference.agreements.get()
    return case, {
        "network_slug": case.network.slug,
        "client_uuid": case.client.uuid,
        "consent_uuid": case.consent.uuid,
        "member_uuid": case.team_member.uuid,
        "plan_action_uuid": action.uuid,
        "mdo_uuid": conference.uuid,
    }


def _url(name, kwargs):
    pattern = next(p for p in pages if p.name == name)
    return reverse(
        f"casework:{name}",
        kwargs={k: kwargs[k] for k in ["network_slug", *pattern.pattern.converters]},
    )


def _request(client, name, url):
    return client.post(url) if name in POST_ONLY else client.get(url)


def _log_count(case):
    with scopes_disabled():
        return AccessLogRecord.objects.filter(client_uuid=case.client.uuid).count()


@pytest.mark.parametrize("name", CLIENT_URLS)
def test_team_member_with_consent_sees_it_and_it_is_logged_once(client, world, verified, name):
    case, kwargs = world
    verified(client, case.member)
    before = _log_count(case)
    response = _request(client, name, _url(name, kwargs))
    assert response.status_code == (302 if name in POST_ONLY else 200)
    assert _log_count(case) == before + 1
    assert "no-store" in response["Cache-Control"]
    with scopes_disabled():
        record = AccessLogRecord.objects.filter(client_uuid=case.client.uuid).latest("id")
    assert record.user == case.member
    assert record.consent_uuid == case.consent.uuid


@pytest.mark.parametrize("name", CLIENT_URLS)
def test_after_withdrawal_the_same_person_gets_404(client, world, verified, name):
    case, kwargs = world
    with scope(network=case.network):
        services.consent_withdraw(
            acting_user=case.recorder, membership=case.recorder_membership, consent=case.consent
        )
    verified(client, case.member)
    before = _log_count(case)
    assert _request(client, name, _url(name, kwargs)).status_code == 404
    assert _log_count(case) == before


@pytest.mark.parametrize("name", CLIENT_URLS)
def test_professional_outside_the_team_gets_404(client, world, verified, name):
    case, kwargs = world
    verified(client, case.outside)
    assert _request(client, name, _url(name, kwargs)).status_code == 404


@pytest.mark.parametrize("name", CLIENT_URLS)
def test_coordinator_not_on_the_team_gets_404(client, world, verified, coordinator, name):
    case, kwargs = world
    verified(client, coordinator)
    assert _request(client, name, _url(name, kwargs)).status_code == 404


@pytest.mark.parametrize("name", CLIENT_URLS)
def test_member_of_another_network_gets_404(client, world, verified, outsider, name):
    case, kwargs = world
    verified(client, outsider)
    assert _request(client, name, _url(name, kwargs)).status_code == 404


@pytest.mark.parametrize("name", CLIENT_URLS)
def test_anonymous_gets_the_login_page(client, world, name):
    case, kwargs = world
    response = _request(client, name, _url(name, kwargs))
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


@pytest.mark.parametrize("name", CLIENT_URLS)
def test_ended_membership_gets_404(client, world, verified, name):
    case, kwargs = world
    verified(client, case.member)
    membership = case.member_membership
    membership.ended_at = timezone.now()
    membership.save()
    assert _request(client, name, _url(name, kwargs)).status_code == 404


def test_unverified_session_is_sent_to_the_second_factor(client, world):
    case, kwargs = world
    client.force_login(case.member)
    response = client.get(_url("detail", kwargs))
    assert response.status_code == 302
    assert "/account/inloggen/" not in response["Location"]
    assert response["Location"].endswith("?next=" + _url("detail", kwargs).replace("/", "%2F"))


@pytest.mark.parametrize("role", ["citizen", "viewer"])
def test_roles_without_work_on_cases_get_403(client, members, verified, network, role):
    verified(client, members[role])
    assert client.get(reverse("casework:list", args=[network.slug])).status_code == 403
    assert client.get(reverse("casework:create", args=[network.slug])).status_code == 403


def test_recorder_sees_the_client_without_any_consent(client, network, verified):
    from wijknet.casework.tests.conftest import make_case

    case = make_case(network, name="Bert Zonder")
    with scope(network=network):
        services.consent_withdraw(
            acting_user=case.recorder, membership=case.recorder_membership, consent=case.consent
        )
    verified(client, case.recorder)
    url = reverse("casework:detail", args=[network.slug, case.client.uuid])
    assert client.get(url).status_code == 200
    with scopes_disabled():
        record = AccessLogRecord.objects.filter(client_uuid=case.client.uuid).latest("id")
    assert record.consent_uuid is None and record.action == "read"


def test_objects_of_another_client_are_404(client, world, verified, network):
    """A consent, member, action or MDO of another client under this client's URL."""
    from wijknet.casework.tests.conftest import make_case

    case, kwargs = world
    other = make_case(network, name="Cor Ander")
    verified(client, case.member)
    with scope(network=network):
        other_kwargs = {
            "consent_uuid": other.consent.uuid,
            "member_uuid": other.team_member.uuid,
        }
    for name, key in [
        ("consent_withdraw", "consent_uuid"),
        ("consent_supersede", "consent_uuid"),
        ("team_remove", "member_uuid"),
    ]:
        url = _url(name, {**kwargs, key: other_kwargs[key]})
        assert client.get(url).status_code == 404, name


@pytest.mark.parametrize("name", CLIENT_URLS)
def test_objects_of_another_network_are_404(client, world, verified, other_network, name):
    """Our team member, with the other network's client (and its objects) in our URL."""
    from tests.authz.casework import _client_in

    case, kwargs = world
    theirs = _client_in(other_network)
    keys = ("client_uuid", "consent_uuid", "member_uuid", "mdo_uuid", "plan_action_uuid")
    foreign = {**kwargs, **{key: obj.uuid for key, obj in zip(keys, theirs, strict=True)}}
    verified(client, case.member)
    assert _request(client, name, _url(name, foreign)).status_code == 404


@pytest.mark.parametrize(
    "persona", ["anonymous", "outsider", "coordinator", "core", "partner", "citizen", "viewer"]
)
def test_matrix_with_verified_personas(client, network, other_network, members, outsider, persona):
    """The matrix outcomes once personas pass the second factor (see casework/authz.py)."""
    from tests.authz import casework as authz
    from tests.support.otp import login_verified

    world = authz.world(network, other_network, members["coordinator"])
    world["network_slug"] = (network.slug, other_network.slug)
    if persona == "outsider":
        login_verified(client, outsider)
    elif persona != "anonymous":
        login_verified(client, members[persona])
    for name in authz.MATRIX:
        pattern = next(p for p in pages if f"casework:{p.name}" == name)
        keys = ["network_slug", *pattern.pattern.converters]
        expected = (authz.VERIFIED_CLIENT if "client_uuid" in keys else authz.VERIFIED_LIST)[
            persona
        ]
        for side in (0, 1) if "client_uuid" in keys else (0,):
            kwargs = {k: world[k][side] if k != "network_slug" else network.slug for k in keys}
            target = reverse(name, kwargs=kwargs)
            response = client.post(target) if name.endswith("coordinating") else client.get(target)
            outcome = (
                "login"
                if response.status_code == 302 and "/account/inloggen/" in response["Location"]
                else str(response.status_code)
            )
            if side == 1 and persona not in ("anonymous", "citizen", "viewer"):
                expected_here = "404"  # another network's object under our network's URL
            else:
                expected_here = expected
            assert outcome == expected_here, f"{persona} on {name} (side {side})"


def test_a_get_on_a_post_only_url_is_not_logged(client, world, verified):
    case, kwargs = world
    verified(client, case.member)
    before = _log_count(case)
    assert client.get(_url("team_coordinating", kwargs)).status_code == 405
    assert _log_count(case) == before
