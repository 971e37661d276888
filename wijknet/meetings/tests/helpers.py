from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from wijknet.meetings.models import Meeting


def make_meeting(network, *, days_ago=7, partners=(), **fields):
    """A meeting created directly (creating rows needs no scope)."""
    values = {
        "kind": "network",
        "title": "Netwerkbijeenkomst",
        "starts_at": timezone.now() - timedelta(days=days_ago),
        "location": "Buurthuis De Linde",
        **fields,
    }
    meeting = Meeting.objects.create(network=network, **values)
    with scope(network=network):
        meeting.invited_partners.set(partners)
    return meeting
