from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, NetworkFactory
from wijknet.notifications import kinds
from wijknet.notifications.models import Notification
from wijknet.volunteering import services
from wijknet.volunteering.jobs import send_due_followups
from wijknet.volunteering.models import FollowUp

from .helpers import make_match, make_request, make_volunteer

AMS = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 3, 2, 10, 0, tzinfo=AMS)


def start_match(network, coordinator, **request_fields):
    with scopes_disabled():
        membership = coordinator.memberships.get(network=network)
    match = make_match(
        make_request(network, **request_fields),
        make_volunteer(network, "Piet"),
        status="akkoord",
    )
    with time_machine.travel(START, tick=False), scope(network=network):
        services.match_transition(
            acting_user=coordinator, membership=membership, match=match, to="lopend"
        )
    return match


def notes(**filters):
    with scopes_disabled():
        return list(Notification.objects.filter(**filters).order_by("pk"))


@pytest.mark.django_db
def test_asks_volunteer_after_6_and_seeker_after_8_weeks_once(network, coordinator, members):
    seeker = members["citizen"]
    volunteer_user = members["partner"]
    match = make_match(
        make_request(network, seeker_user=seeker),
        make_volunteer(network, "Piet", user=volunteer_user),
        status="akkoord",
    )
    with scopes_disabled():
        membership = coordinator.memberships.get(network=network)
    with time_machine.travel(START, tick=False), scope(network=network):
        services.match_transition(
            acting_user=coordinator, membership=membership, match=match, to="lopend"
        )
    assert send_due_followups(START + timedelta(weeks=6) - timedelta(days=1)) == 0
    with time_machine.travel(START + timedelta(weeks=6), tick=False):
        assert send_due_followups(timezone.now()) == 1
        assert send_due_followups(timezone.now()) == 0  # idempotent
    (asked,) = notes(kind=kinds.FOLLOWUP_DUE)
    assert asked.recipient == volunteer_user
    assert asked.title == "Gaat het goed met de hulp bij boodschappen?"
    with time_machine.travel(START + timedelta(weeks=8, hours=1), tick=False):
        assert send_due_followups(timezone.now()) == 1
    second = notes(kind=kinds.FOLLOWUP_DUE)[1]
    assert second.recipient == seeker
    assert second.title == "Bent u tevreden over de hulp bij boodschappen?"
    with scopes_disabled():
        assert all(f.sent_at for f in FollowUp.objects.filter(match=match))
    assert send_due_followups(START + timedelta(weeks=20)) == 0


@pytest.mark.django_db
def test_without_accounts_the_coordinator_is_asked_to_phone(network, coordinator):
    start_match(network, coordinator, seeker_name="Mevrouw Bakker")
    assert send_due_followups(START + timedelta(weeks=9)) == 2
    titles = [n.title for n in notes(kind=kinds.FOLLOWUP_DUE)]
    assert [n.recipient for n in notes(kind=kinds.FOLLOWUP_DUE)] == [coordinator] * 2
    assert titles == [
        "Bel de vrijwilliger: hoe gaat de hulp bij boodschappen in Zuiderveen? (na 6 weken)",
        "Bel de hulpvrager: hoe gaat de hulp bij boodschappen in Zuiderveen? (na 8 weken)",
    ]
    assert not any("Piet" in t or "Bakker" in t for t in titles)


@pytest.mark.django_db
def test_stopped_matches_are_not_followed_up(network, coordinator):
    match = start_match(network, coordinator)
    with scopes_disabled():
        type(match).objects.filter(pk=match.pk).update(status="gestopt")
    assert send_due_followups(START + timedelta(weeks=9)) == 0
    assert notes(kind=kinds.FOLLOWUP_DUE) == []


@pytest.mark.django_db
def test_each_network_hears_only_of_its_own(network, coordinator):
    elsewhere = NetworkFactory(slug="elders2")
    their_coordinator = MembershipFactory(network=elsewhere, role="coordinator").user
    start_match(network, coordinator)
    start_match(elsewhere, their_coordinator)
    assert send_due_followups(START + timedelta(weeks=9)) == 4
    ours = notes(recipient=coordinator)
    theirs = notes(recipient=their_coordinator)
    assert len(ours) == len(theirs) == 2
    assert {n.network_id for n in ours} == {network.pk}
    assert {n.network_id for n in theirs} == {elsewhere.pk}
