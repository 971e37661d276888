"""Who may change a care team (decision 1 of issue 11, docs/privacy.md "The care team"):

- a member may remove themselves;
- removing someone else needs whoever recorded the client or the coordinating contact;
- the coordinating contact cannot be removed while other members remain: hand it on first;
- only the recorder or the coordinating contact hands the coordinating contact on.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope

from wijknet.accesslog.models import AccessLogRecord

from .. import services
from ..models import CareTeamMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(case):
    """Tim (coordinating contact), Otto and the recorder Rita on the team."""
    with scope(network=case.network):
        services.consent_supersede(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            consent=case.consent,
            purpose="plan",
            organisations=[case.org_a, case.org_b, case.org_c],
            given_by="resident",
            representative_name="",
            method="mondeling",
            given_at=case.consent.given_at,
            valid_until=None,
        )
        otto = services.team_add(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            client=case.client,
            member_membership=case.outside.memberships.get(),
            role="Ouderenwerker",
        )
        rita = services.team_add(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            client=case.client,
            member_membership=case.recorder_membership,
            role="Huisarts",
        )
    case.otto, case.otto_membership, case.rita = otto, otto.membership, rita
    case.tim = case.team_member
    return case


def _members(case):
    return sorted(
        CareTeamMember.objects.filter(client=case.client)
        .order_by("pk")
        .values_list("membership__user__full_name", flat=True)
    )


def _remove(case, by_membership, member):
    with scope(network=case.network):
        member = CareTeamMember.objects.get(pk=member.pk)
        services.team_remove(
            acting_user=by_membership.user, membership=by_membership, member=member
        )


def test_a_member_may_remove_themselves(team):
    _remove(team, team.otto_membership, team.otto)
    with scope(network=team.network):
        assert _members(team) == ["Rita Recorder", "Tim Teamlid"]


def test_a_member_may_not_remove_someone_else(team):
    with pytest.raises(PermissionDenied) as error:
        _remove(team, team.otto_membership, team.rita)
    assert "Alleen wie de cliënt heeft vastgelegd of het aanspreekpunt" in str(error.value)
    with scope(network=team.network):
        assert _members(team) == ["Otto Buiten", "Rita Recorder", "Tim Teamlid"]


def test_the_coordinating_contact_may_remove_someone_else(team):
    _remove(team, team.member_membership, team.otto)
    with scope(network=team.network):
        assert _members(team) == ["Rita Recorder", "Tim Teamlid"]


def test_the_recorder_may_remove_someone_else_even_when_not_on_the_team(team):
    _remove(team, team.recorder_membership, team.rita)  # Rita leaves the team herself
    _remove(team, team.recorder_membership, team.otto)  # and, still the recorder, removes Otto
    with scope(network=team.network):
        assert _members(team) == ["Tim Teamlid"]


@pytest.mark.parametrize("who", ["recorder_membership", "member_membership"])
def test_the_coordinating_contact_cannot_be_removed_while_others_remain(team, who):
    with pytest.raises(ValidationError) as error:
        _remove(team, getattr(team, who), team.tim)
    assert error.value.messages == [
        "Het aanspreekpunt kan niet uit het team worden gehaald. Maak eerst een ander teamlid "
        "aanspreekpunt."
    ]
    with scope(network=team.network):
        assert CareTeamMember.objects.get(pk=team.tim.pk).is_coordinating_contact


def test_after_handing_it_on_the_former_contact_can_be_removed(team):
    with scope(network=team.network):
        services.team_set_coordinating(
            acting_user=team.member, membership=team.member_membership, member=team.otto
        )
    _remove(team, team.member_membership, team.tim)  # Tim leaves
    with scope(network=team.network):
        assert _members(team) == ["Otto Buiten", "Rita Recorder"]
        coordinating = CareTeamMember.objects.filter(
            client=team.client, is_coordinating_contact=True
        )
        assert [m.pk for m in coordinating] == [team.otto.pk]


def test_the_last_member_may_leave_as_coordinating_contact(case):
    _remove(case, case.member_membership, case.team_member)
    with scope(network=case.network):
        assert _members(case) == []


def test_a_member_cannot_make_themselves_coordinating_contact(team):
    with scope(network=team.network), pytest.raises(PermissionDenied):
        services.team_set_coordinating(
            acting_user=team.outside, membership=team.otto_membership, member=team.otto
        )
    with scope(network=team.network):
        assert CareTeamMember.objects.get(pk=team.tim.pk).is_coordinating_contact
        assert not CareTeamMember.objects.get(pk=team.otto.pk).is_coordinating_contact


def _url(case, name, member):
    return reverse(
        f"casework:{name}",
        kwargs={
            "network_slug": case.network.slug,
            "client_uuid": case.client.uuid,
            "member_uuid": member.uuid,
        },
    )


def test_pages_refuse_a_member_removing_someone_else(client, team, verified):
    verified(client, team.outside)
    assert client.get(_url(team, "team_remove", team.rita)).status_code == 403
    assert client.post(_url(team, "team_remove", team.rita)).status_code == 403
    assert client.post(_url(team, "team_coordinating", team.otto)).status_code == 403
    page = client.get(
        reverse(
            "casework:detail",
            kwargs={"network_slug": team.network.slug, "client_uuid": team.client.uuid},
        )
    ).content.decode()
    assert page.count("Uit het team") == 0
    assert page.count("Zelf uit het team") == 1
    assert "Maak aanspreekpunt" not in page


def test_page_explains_why_the_coordinating_contact_cannot_leave(client, team, verified):
    verified(client, team.member)
    page = client.get(_url(team, "team_remove", team.tim)).content.decode()
    assert "Maak eerst een ander teamlid aanspreekpunt." in page
    assert "Ja, uit het team" not in page
    with scope(network=team.network):
        before = AccessLogRecord.objects.filter(category="team", action="delete").count()
    response = client.post(_url(team, "team_remove", team.tim), follow=True)
    assert "Maak eerst een ander teamlid aanspreekpunt." in response.content.decode()
    with scope(network=team.network):
        assert _members(team) == ["Otto Buiten", "Rita Recorder", "Tim Teamlid"]
        after = AccessLogRecord.objects.filter(category="team", action="delete").count()
    assert after == before


def test_the_coordinating_contact_removes_someone_on_the_page(client, team, verified):
    verified(client, team.member)
    response = client.post(_url(team, "team_remove", team.otto), {"confirm": "1"})
    assert response.status_code == 302
    with scope(network=team.network):
        assert _members(team) == ["Rita Recorder", "Tim Teamlid"]
