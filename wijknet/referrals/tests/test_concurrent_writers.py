"""16 people move the same referral at once: one lands, none is lost."""

import pytest
from django_scopes import scope

from tests.support.concurrency import EDITORS, stale_editors
from wijknet.referrals import services
from wijknet.referrals.models import Referral, ReferralEvent

from .conftest import membership_of, refer

pytestmark = pytest.mark.django_db


def test_referral_status(world):
    referral = refer(world)
    membership = membership_of(world.network, world.coach)
    with scope(network=world.network):
        events_before = ReferralEvent.objects.filter(referral=referral).count()
        outcomes = stale_editors(
            load=lambda: Referral.objects.select_related("receiving_partner").get(pk=referral.pk),
            save=lambda copy, n: services.referral_update_status(
                acting_user=world.coach,
                membership=membership,
                referral=copy,
                status="contact",
                expected_version=copy.version,
                note=f"Notitie {n}",
            ),
        )
        events = ReferralEvent.objects.filter(referral=referral).count()
        stored = Referral.objects.get(pk=referral.pk)
    assert outcomes.counts == (1, EDITORS - 1, 0)
    assert stored.status == "contact" and events == events_before + 1
