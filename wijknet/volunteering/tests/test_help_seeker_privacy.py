"""A help-seeker's data follows the rules of client data (issue 11, item 3; docs/privacy.md):
second factor first, Cache-Control: no-store, exactly one access-log record per read and per
write (keyed by the help request's UUID), and the AVG export and erasure cover it."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.support.otp import login_verified
from wijknet.accesslog.models import AccessLogRecord
from wijknet.volunteering import services
from wijknet.volunteering.models import FollowUp, HelpRequest, HoursEntry, Match

from .helpers import make_match, make_request, make_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(network, coordinator):
    help_request = make_request(network, submitted_by=coordinator)
    volunteer = make_volunteer(network)
    match = make_match(help_request, volunteer, status="lopend")
    with scopes_disabled():
        followup = FollowUp.objects.create(
            network=network,
            match=match,
            audience="hulpvrager",
            week=8,
            due_on=timezone.localdate() + timedelta(weeks=8),
        )
        HoursEntry.objects.create(
            network=network,
            volunteer=volunteer,
            match=match,
            kind="boodschappen",
            date=timezone.localdate(),
            hours=Decimal("2"),
        )
    return {"request": help_request, "volunteer": volunteer, "match": match, "followup": followup}


def _pages(network, world):
    slug = network.slug
    r, m, f = world["request"].uuid, world["match"].uuid, world["followup"].uuid
    return {
        "request_detail": reverse("volunteering:request_detail", args=[slug, r]),
        "matching": reverse("volunteering:matching", args=[slug, r]),
        "request_close": reverse("volunteering:request_close", args=[slug, r]),
        "request_erase": reverse("volunteering:request_erase", args=[slug, r]),
        "match_detail": reverse("volunteering:match_detail", args=[slug, m]),
        "match_stop": reverse("volunteering:match_stop", args=[slug, m]),
        "followup": reverse("volunteering:followup", args=[slug, f]),
    }


def _records(network, **filters):
    with scopes_disabled():
        return list(
            AccessLogRecord.objects.filter(network=network, **filters)
            .order_by("at", "id")
            .values_list("client_uuid", "action", "category")
        )


PAGE_NAMES = [
    "request_detail",
    "matching",
    "request_close",
    "request_erase",
    "match_detail",
    "match_stop",
    "followup",
]


@pytest.mark.parametrize("name", [*PAGE_NAMES, "match_list", "request_export"])
def test_without_a_verified_second_factor_the_page_sends_to_it(
    client, network, coordinator, world, name
):
    client.force_login(coordinator)
    pages = _pages(network, world)
    pages["match_list"] = reverse("volunteering:match_list", args=[network.slug])
    pages["request_export"] = reverse(
        "volunteering:request_export", args=[network.slug, world["request"].uuid]
    )
    response = client.get(pages[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:twofactor_setup") + "?next=")
    assert _records(network) == []


def test_without_a_second_factor_a_write_is_refused(client, network, coordinator, world):
    client.force_login(coordinator)
    url = reverse("volunteering:match_transition", args=[network.slug, world["match"].uuid])
    response = client.post(url, {"status": "afgerond"})
    assert response.status_code == 302
    assert "/account/tweestapsverificatie/" in response["Location"]
    with scopes_disabled():
        assert Match.objects.get(pk=world["match"].pk).status == "lopend"


EXPECTED_CATEGORY = {
    "request_detail": "help_request",
    "matching": "help_request",
    "request_close": "help_request",
    "request_erase": "help_request",
    "match_detail": "help_match",
    "match_stop": "help_match",
    "followup": "help_followup",
}


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_verified_read_is_no_store_and_logged_exactly_once(
    client, network, coordinator, world, name
):
    login_verified(client, coordinator)
    response = client.get(_pages(network, world)[name])
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert _records(network) == [(world["request"].uuid, "read", EXPECTED_CATEGORY[name])]


def test_the_match_overview_is_one_search_without_a_person(client, network, coordinator, world):
    login_verified(client, coordinator)
    response = client.get(reverse("volunteering:match_list", args=[network.slug]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Mevrouw Jansen" in response.content.decode()
    assert _records(network) == [(None, "search", "help_match")]


def test_a_page_that_fails_leaves_no_record(client, network, members, world):
    # The citizen is not part of the request: 404, and nothing logged.
    login_verified(client, members["citizen"])
    assert client.get(_pages(network, world)["request_detail"]).status_code == 404
    assert _records(network) == []


def test_every_write_is_logged_once(client, network, coordinator, members, world):
    login_verified(client, coordinator)
    slug = network.slug
    # Create (by the page), propose, accept, answer a follow-up, stop, close.
    client.post(
        reverse("volunteering:request_create", args=[slug]),
        {
            "seeker_name": "Meneer Bakker",
            "kind": "klussen",
            "place": "Zuiderveen",
            "urgency": "normaal",
        },
    )
    with scopes_disabled():
        created = HelpRequest.objects.exclude(pk=world["request"].pk).get()
    assert created.seeker_name == "Meneer Bakker"
    assert _records(network) == [(created.uuid, "create", "help_request")]
    volunteer = make_volunteer(network, name="Tweede", kinds=["klussen"])
    client.post(
        reverse("volunteering:matching", args=[slug, created.uuid]),
        {"volunteer": str(volunteer.uuid)},
    )
    with scopes_disabled():
        match = Match.objects.get(request=created)
    client.post(
        reverse("volunteering:match_transition", args=[slug, match.uuid]),
        {"status": "akkoord", "version": match.version},
    )
    client.post(
        reverse("volunteering:followup", args=[slug, world["followup"].uuid]),
        {"answer": "goed", "remark": ""},
    )
    client.post(reverse("volunteering:match_stop", args=[slug, match.uuid]), {"reason": "Verhuisd"})
    client.post(reverse("volunteering:request_close", args=[slug, created.uuid]), {"confirm": "1"})
    ours = world["request"].uuid
    assert _records(network) == [
        (created.uuid, "create", "help_request"),
        (created.uuid, "create", "help_match"),
        (created.uuid, "update", "help_match"),
        (ours, "update", "help_followup"),
        (created.uuid, "update", "help_match"),
        (created.uuid, "update", "help_request"),
    ]


def test_export_holds_the_data_and_who_looked_and_is_logged(client, network, coordinator, world):
    login_verified(client, coordinator)
    client.get(_pages(network, world)["request_detail"])
    url = reverse("volunteering:request_export", args=[network.slug, world["request"].uuid])
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["hulpvraag"]["naam"] == "Mevrouw Jansen"
    assert data["hulpvraag"]["contact"] == "0512-111111"
    assert [m["vrijwilliger"] for m in data["koppelingen"]] == ["Vrijwilliger"]
    assert [f["aan"] for f in data["opvolging"]] == ["Hulpvrager"]
    assert [r["handeling"] for r in data["inzagelog"]] == ["exporteren", "inzien"]
    assert _records(network) == [
        (world["request"].uuid, "read", "help_request"),
        (world["request"].uuid, "export", "export"),
    ]


def test_only_coordinators_export_or_erase(client, network, members, world):
    login_verified(client, members["partner"])
    slug, uuid = network.slug, world["request"].uuid
    assert client.get(reverse("volunteering:request_export", args=[slug, uuid])).status_code == 403
    assert client.get(reverse("volunteering:request_erase", args=[slug, uuid])).status_code == 403


def test_erasure_removes_the_help_seeker_and_keeps_a_tombstone(client, network, coordinator, world):
    login_verified(client, coordinator)
    url = _pages(network, world)["request_erase"]
    response = client.post(url, {"confirm_name": "Iemand Anders"})
    assert response.status_code == 200
    assert "Typ de naam van de hulpvrager precies over" in response.content.decode()
    with scopes_disabled():
        assert HelpRequest.objects.filter(pk=world["request"].pk).exists()
    response = client.post(url, {"confirm_name": "mevrouw jansen"})
    assert response.status_code == 302
    with scopes_disabled():
        assert not HelpRequest.objects.filter(pk=world["request"].pk).exists()
        assert not Match.objects.filter(pk=world["match"].pk).exists()
        assert not FollowUp.objects.filter(pk=world["followup"].pk).exists()
        hours = list(HoursEntry.objects.filter(volunteer=world["volunteer"]))
    assert [(h.hours, h.match_id) for h in hours] == [(Decimal("2.00"), None)]
    assert _records(network, action="delete") == [(world["request"].uuid, "delete", "erasure")]


def test_erase_service_refuses_a_non_coordinator(network, members, world):
    from django.core.exceptions import PermissionDenied
    from django_scopes import scope

    from wijknet.networks.models import Membership

    with scope(network=network):
        partner = Membership.objects.get(user=members["partner"])
        with pytest.raises(PermissionDenied):
            services.help_request_erase(
                acting_user=members["partner"],
                membership=partner,
                help_request=world["request"],
                confirm_name="Mevrouw Jansen",
            )


@pytest.mark.parametrize(
    "persona", ["anonymous", "outsider", "coordinator", "core", "partner", "citizen", "viewer"]
)
def test_matrix_with_verified_personas(client, network, other_network, members, outsider, persona):
    """The verified outcomes in volunteering/authz.py (VERIFIED), and 404 for another
    network's object under our network's URL for every member who could see ours."""
    from tests.authz import volunteering as authz

    world = authz.world(network, other_network, members["coordinator"])
    if persona == "outsider":
        login_verified(client, outsider)
    elif persona != "anonymous":
        login_verified(client, members[persona])
    for name, (expect, keys, method, data) in authz.VERIFIED.items():
        sides = (0, 1) if len(keys) > 1 else (0,)
        for side in sides:
            kwargs = {"network_slug": network.slug}
            for key in keys[1:]:
                kwargs[key] = world[key][side]
            response = getattr(client, method)(reverse(name, kwargs=kwargs), data)
            outcome = (
                "login"
                if response.status_code == 302 and "/account/inloggen/" in response["Location"]
                else str(response.status_code)
            )
            expected = expect[persona]
            if side == 1 and expected not in ("login", "403"):
                expected = "404"  # another network's object under our network's URL
            assert outcome == expected, f"{persona} on {name} (side {side})"
