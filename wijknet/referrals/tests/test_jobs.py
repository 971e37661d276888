from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from wijknet.notifications.models import Notification
from wijknet.referrals.jobs import remind_receivers

from .conftest import backdate, move, refer

pytestmark = pytest.mark.django_db


def reminders(user):
    with scopes_disabled():
        titles = Notification.objects.filter(recipient=user).order_by("pk")
        return [
            t
            for t in titles.values_list("title", flat=True)
            if t.startswith(("Herinnering", "Nog actief"))
        ]


def test_waiting_referral_reminds_the_receiver_once(world):
    fresh = refer(world)
    waiting = refer(world, resident_name="Meneer W.")
    backdate(waiting, 8)
    now = timezone.now()
    assert remind_receivers(now) == 1
    assert remind_receivers(now) == 0  # idempotent
    assert reminders(world.coach) == [
        "Herinnering: verwijzing naar Wandelvoetbal 60+ (Sportvereniging OVV) wacht op contact"
    ]
    assert reminders(world.gp) == []
    # Moving on ends it; the fresh one comes due later, once.
    move(world, waiting, "contact")
    assert remind_receivers(now + timedelta(days=8)) == 1
    assert remind_receivers(now + timedelta(days=9)) == 0
    assert fresh.pk


def test_three_months_after_the_start_asks_whether_still_active(world):
    referral = refer(world)
    backdate(referral, 100)
    move(world, referral, "gestart", at=timezone.now() - timedelta(days=95))
    assert remind_receivers(timezone.now()) == 1
    assert any("Nog actief na 3 maanden?" in t for t in reminders(world.coach))
    assert remind_receivers(timezone.now()) == 0
