"""iCalendar (.ics) for one meeting and for a network's feed (RFC 5545, `icalendar` library)."""

from datetime import UTC, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from wijknet.core import links

PRODID = "-//wijknet//bijeenkomsten//NL"


def _calendar(name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _location(meeting) -> str:
    if meeting.online and meeting.location:
        return _("%(place)s en online") % {"place": meeting.location}
    if meeting.online:
        return _("Online")
    return meeting.location


def _description(meeting) -> str:
    lines = [meeting.get_kind_display()]
    items = meeting.agenda_items
    if items:
        lines += ["", _("Agenda:")]
        lines += [f"{n}. {item}" for n, item in enumerate(items, start=1)]
    return "\n".join(lines)


def meeting_event(meeting, network, *, stamp=None) -> Event:
    starts = meeting.starts_at.astimezone(UTC)
    event = Event()
    event.add("uid", f"{meeting.uuid}@wijknet")
    event.add("dtstamp", (stamp or timezone.now()).astimezone(UTC))
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=meeting.duration_minutes))
    event.add("summary", meeting.title)
    location = _location(meeting)
    if location:
        event.add("location", location)
    event.add("description", _description(meeting))
    event.add(
        "url",
        links.absolute(reverse("meetings:detail", args=[network.slug, meeting.uuid])),
    )
    return event


def meeting_calendar(meeting) -> bytes:
    calendar = _calendar()
    calendar.add_component(meeting_event(meeting, meeting.network))
    return calendar.to_ical()


def network_calendar(network, meetings) -> bytes:
    calendar = _calendar(_("Bijeenkomsten %(network)s") % {"network": network.name})
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, network, stamp=stamp))
    return calendar.to_ical()
