from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from wijknet.actions import services
from wijknet.actions.models import Action, Goal, Success
from wijknet.core.models import AuditEvent
from wijknet.meetings.models import Meeting


def today():
    return timezone.localdate()


def days(n):
    return today() + timedelta(days=n)


def make_goal(network, **fields):
    return Goal.objects.create(network=network, **{"title": "Meer bewegen", **fields})


def make_action(network, **fields):
    return Action.objects.create(network=network, **{"title": "Wandelgroep starten", **fields})


def make_success(network, **fields):
    return Success.objects.create(
        network=network, **{"title": "Eerste wandeling", "happened_on": today(), **fields}
    )


def make_meeting(network, starts_in_days=7, **fields):
    defaults = {
        "kind": "network",
        "title": "Netwerkbijeenkomst",
        "starts_at": timezone.now() + timedelta(days=starts_in_days),
    }
    return Meeting.objects.create(network=network, **{**defaults, **fields})


def moment(n):
    """A point in time n days from now."""
    return timezone.now() + timedelta(days=n)


def audit_actions(network):
    with scope(network=network):
        return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def fresh(obj):
    with scope(network=obj.network):
        return type(obj).objects.get(pk=obj.pk)


__all__ = ["services"]
