"""A referred resident's data follows the rules of client data (issue 11, item 3;
docs/privacy.md): besides the second factor and no-store (test_twofactor.py), exactly one
access-log record per read and per write, keyed by the referral's UUID, and the AVG export
(FHIR) and erasure cover it."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from wijknet.accesslog.models import AccessLogRecord
from wijknet.referrals.models import Referral, ReferralEvent

from .conftest import move, refer, verified

pytestmark = pytest.mark.django_db


def _records(network, **filters):
    with scopes_disabled():
        return list(
            AccessLogRecord.objects.filter(network=network, **filters)
            .order_by("at", "id")
            .values_list("client_uuid", "action", "category", "user_email")
        )


def _url(name, world, referral):
    return reverse(f"referrals:{name}", args=[world.network.slug, referral.uuid])


def test_creating_and_moving_on_are_logged_once_each(world):
    referral = refer(world)
    move(world, referral, "contact")
    assert _records(world.network) == [
        (referral.uuid, "create", "referral", "huisarts@example.org"),
        (referral.uuid, "update", "referral", "coach@example.org"),
    ]


@pytest.mark.parametrize(
    ("name", "who", "action", "category"),
    [
        ("detail", "gp", "read", "referral"),
        ("detail", "coach", "read", "referral"),
        ("status", "coach", "read", "referral"),
        ("fhir", "gp", "export", "export"),
        ("erase", "coach", "read", "referral"),
    ],
)
def test_each_read_is_logged_exactly_once(client, world, name, who, action, category):
    referral = refer(world)
    before = _records(world.network)
    user = getattr(world, who)
    response = verified(client, user).get(_url(name, world, referral))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert _records(world.network)[len(before) :] == [(referral.uuid, action, category, user.email)]


def test_a_coordinator_sees_it_masked_and_that_is_logged_as_such(client, world, network, members):
    referral = refer(world)
    verified(client, members["coordinator"])
    response = client.get(_url("detail", world, referral))
    assert response.status_code == 200
    assert "06-12345678" not in response.content.decode()
    with scopes_disabled():
        record = AccessLogRecord.objects.filter(action="read").get()
    assert (record.client_uuid, record.detail) == (referral.uuid, "zonder persoonsgegevens")


def test_a_refused_page_leaves_no_record(client, world):
    referral = refer(world)
    before = _records(world.network)
    # The referrer may not update the status (receiver only): 403, nothing logged.
    assert verified(client, world.gp).get(_url("status", world, referral)).status_code == 403
    # The welfare organisation is no party: 404, nothing logged.
    assert verified(client, world.welzijn).get(_url("detail", world, referral)).status_code == 404
    assert _records(world.network) == before


def test_the_list_is_one_search_without_a_person(client, world):
    refer(world)
    refer(world)
    before = len(_records(world.network))
    response = verified(client, world.gp).get(reverse("referrals:list", args=[world.network.slug]))
    assert response.status_code == 200
    assert _records(world.network)[before:] == [
        (None, "search", "referral", "huisarts@example.org")
    ]
    with scopes_disabled():
        detail = AccessLogRecord.objects.filter(action="search").get().detail
    assert detail == "verwijzingen (verstuurd): 2"


def test_status_update_on_the_page_is_logged_once(client, world):
    referral = refer(world)
    before = len(_records(world.network))
    verified(client, world.coach)
    response = client.post(
        _url("status", world, referral), {"status": "contact", "version": referral.version}
    )
    assert response.status_code == 302
    assert _records(world.network)[before:] == [
        (referral.uuid, "update", "referral", "coach@example.org")
    ]


def test_erasure_by_a_party_removes_the_referral_and_keeps_a_tombstone(client, world):
    referral = refer(world)
    move(world, referral, "contact")
    verified(client, world.gp)
    response = client.post(_url("erase", world, referral), {"confirm_name": "Iemand"})
    assert response.status_code == 200
    assert "Typ de naam van de bewoner precies over" in response.content.decode()
    response = client.post(_url("erase", world, referral), {"confirm_name": "mevrouw j."})
    assert response.status_code == 302
    with scopes_disabled():
        assert not Referral.objects.filter(pk=referral.pk).exists()
        assert not ReferralEvent.objects.filter(referral_id=referral.pk).exists()
    assert _records(world.network, action="delete") == [
        (referral.uuid, "delete", "erasure", "huisarts@example.org")
    ]


def test_a_coordinator_who_is_no_party_cannot_erase(client, world, members):
    referral = refer(world)
    verified(client, members["coordinator"])
    assert client.get(_url("erase", world, referral)).status_code == 403
    assert (
        client.post(_url("erase", world, referral), {"confirm_name": "Mevrouw J."}).status_code
        == 403
    )
    with scopes_disabled():
        assert Referral.objects.filter(pk=referral.pk).exists()
