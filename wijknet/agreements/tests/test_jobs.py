from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from wijknet.agreements.jobs import notify_funding_ending
from wijknet.agreements.models import FundingSource
from wijknet.notifications import kinds
from wijknet.notifications.models import Notification


def _now(days=0):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=7))


def _source(network, days, **fields):
    values = {"name": "Subsidie Gezond in de wijk", "kind": "gemeente", "structural": False}
    values.update(fields)
    with scopes_disabled():
        return FundingSource.objects.create(
            network=network,
            amount=Decimal(25000),
            ends_on=timezone.localdate() + timedelta(days=days),
            **values,
        )


def _told():
    with scopes_disabled():
        return sorted(
            n.recipient.email
            for n in Notification.objects.filter(kind=kinds.FUNDING_ENDING).select_related(
                "recipient"
            )
        )


@pytest.mark.django_db
def test_the_agreement_keepers_are_told_once_when_temporary_funding_ends_soon(network, members):
    source = _source(network, 120)
    assert notify_funding_ending(_now()) == 2
    assert _told() == ["coordinator@example.org", "core@example.org"]
    with scopes_disabled():
        note = Notification.objects.filter(kind=kinds.FUNDING_ENDING).first()
    assert "Subsidie Gezond in de wijk" in note.title
    assert note.url == f"/n/gezond-oost/afspraken/financiering/{source.uuid}/bewerken/"
    assert notify_funding_ending(_now()) == 0
    assert notify_funding_ending(_now(1)) == 0
    assert len(_told()) == 2


@pytest.mark.django_db
def test_not_told_about_structural_far_away_or_ended_funding(network, members):
    _source(network, 120, structural=True)
    _source(network, 400)
    _source(network, -1)
    assert notify_funding_ending(_now()) == 0
    assert _told() == []
