from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from django_scopes import scope
from icalendar import Calendar

from wijknet.meetings import services

from .helpers import make_meeting


def parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar):
    return [c for c in calendar.walk("VEVENT")]


@pytest.mark.django_db
def test_one_meeting(client, members, network):
    starts = timezone.make_aware(datetime(2026, 12, 1, 19, 30))  # Amsterdam, UTC+1
    meeting = make_meeting(
        network,
        title="Kerngroep december",
        starts_at=starts,
        duration_minutes=75,
        location="Buurthuis De Linde",
        agenda="Opening\nWandelgroep\nRondvraag",
    )
    client.force_login(members["citizen"])
    response = client.get(f"/n/gezond-oost/bijeenkomsten/{meeting.uuid}/ical/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    (event,) = events(parse(response))
    assert str(event["UID"]) == f"{meeting.uuid}@wijknet"
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 18, 30, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 12, 1, 19, 45, tzinfo=UTC)
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert "DTSTART:20261201T183000Z" in response.content.decode()
    assert str(event["SUMMARY"]) == "Kerngroep december"
    assert str(event["LOCATION"]) == "Buurthuis De Linde"
    description = str(event["DESCRIPTION"])
    assert "1. Opening" in description and "3. Rondvraag" in description
    assert str(event["URL"]).endswith(f"/n/gezond-oost/bijeenkomsten/{meeting.uuid}/")


@pytest.mark.django_db
def test_online_meeting_location(client, coordinator, network):
    meeting = make_meeting(network, location="", online=True)
    client.force_login(coordinator)
    response = client.get(f"/n/gezond-oost/bijeenkomsten/{meeting.uuid}/ical/")
    (event,) = events(parse(response))
    assert str(event["LOCATION"]) == "Online"


@pytest.mark.django_db
def test_feed_lists_all_meetings_of_the_network_only(client, network, other_network, coordinator):
    make_meeting(network, title="Eerder", days_ago=10)
    make_meeting(network, title="Later", days_ago=-10)
    make_meeting(other_network, title="Van een ander netwerk")
    with scope(network=network):
        feed = services.feed_token_rotate(acting_user=coordinator, network=network)
    response = client.get(f"/agenda/{feed.token}.ics")  # no login: calendar apps cannot
    assert response.status_code == 200
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "Bijeenkomsten Gezond Oost"
    assert [str(e["SUMMARY"]) for e in events(calendar)] == ["Eerder", "Later"]


@pytest.mark.django_db
def test_unknown_token_is_404(client, network):
    assert client.get("/agenda/niet-bestaand.ics").status_code == 404


@pytest.mark.django_db
def test_rotating_the_token_from_the_page_retires_the_old_address(client, coordinator, network):
    client.force_login(coordinator)
    client.post("/n/gezond-oost/bijeenkomsten/agenda-adres/")
    old_url = client.get("/n/gezond-oost/bijeenkomsten/").context["feed_url"]
    assert old_url.startswith("http") and old_url.endswith(".ics")
    path = "/agenda/" + old_url.rsplit("/agenda/", 1)[1]
    assert client.get(path).status_code == 200
    response = client.post("/n/gezond-oost/bijeenkomsten/agenda-adres/", follow=True)
    html = response.content.decode()
    assert "Het oude adres werkt niet meer." in html and "Nieuw adres" in html
    new_url = response.context["feed_url"]
    assert new_url != old_url
    assert client.get(path).status_code == 404
    assert client.get("/agenda/" + new_url.rsplit("/agenda/", 1)[1]).status_code == 200
