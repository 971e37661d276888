from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from wijknet.actions.jobs import notify_overdue
from wijknet.actions.models import Action
from wijknet.networks.models import Membership
from wijknet.notifications import kinds
from wijknet.notifications.models import Notification


def _at(day):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=7))


def _overdue(network, owner, days=2, **fields):
    with scopes_disabled():
        return Action.objects.create(
            network=network,
            title="Wandelroute uitzetten",
            owner=owner,
            due_on=timezone.localdate() - timedelta(days=days),
            **fields,
        )


def _notes(user):
    with scopes_disabled():
        return list(Notification.objects.filter(recipient=user, kind=kinds.ACTION_OVERDUE))


@pytest.mark.django_db
def test_the_owner_of_an_overdue_action_is_told_once(network, members):
    owner = members["partner"]
    action = _overdue(network, owner)
    today = timezone.localdate()
    assert notify_overdue(_at(today)) == 1
    (note,) = _notes(owner)
    assert "Wandelroute uitzetten" in note.title
    assert note.url == f"/n/gezond-oost/acties/{action.uuid}/voortgang/"
    # The same day again, and the next day: nothing new.
    assert notify_overdue(_at(today)) == 0
    assert notify_overdue(_at(today + timedelta(days=1))) == 0
    assert len(_notes(owner)) == 1


@pytest.mark.django_db
def test_not_told_about_done_future_ownerless_or_after_leaving(network, members):
    owner = members["core"]
    _overdue(network, owner, status="done")
    _overdue(network, owner, days=-3)  # due in three days
    _overdue(network, None)
    left = members["partner"]
    _overdue(network, left)
    with scopes_disabled():
        Membership.objects.filter(user=left).update(ended_at=timezone.now())
    assert notify_overdue(_at(timezone.localdate())) == 0
    assert _notes(owner) == [] and _notes(left) == []


@pytest.mark.django_db
def test_a_new_due_date_that_passes_is_told_again(network, members):
    owner = members["partner"]
    action = _overdue(network, owner, days=5)
    today = timezone.localdate()
    notify_overdue(_at(today - timedelta(days=3)))
    with scopes_disabled():
        Action.objects.filter(pk=action.pk).update(due_on=today - timedelta(days=1))
    assert notify_overdue(_at(today)) == 1
    assert len(_notes(owner)) == 2
