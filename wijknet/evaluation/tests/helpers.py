"""Data for the evaluation tests (and the query-count test): clients with Positive Health
measurements, volunteer hours, referrals, goals."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wijknet.actions.models import Goal, GoalStatus
from wijknet.casework.models import Client, Dimension, HealthMeasurement, HealthScore
from wijknet.referrals.models import Referral
from wijknet.volunteering.models import HoursEntry, VolunteerProfile


def client_with_measurements(network, n: int, scores, *, skip=(), first_day=None):
    """A client measured `len(scores)` times: `scores[i]` is the score of every dimension at
    measurement i (except the dimensions in `skip`)."""
    first_day = first_day or timezone.localdate() - timedelta(days=200)
    client = Client.objects.create(network=network, name=f"Bewoner {n}", birth_year=1950)
    for i, score in enumerate(scores):
        measurement = HealthMeasurement.objects.create(
            network=network,
            client=client,
            measured_on=first_day + timedelta(days=60 * i),
            filled_by="resident",
        )
        HealthScore.objects.bulk_create(
            HealthScore(network=network, measurement=measurement, dimension=d, score=score)
            for d in Dimension.values
            if d not in skip
        )
    return client


def volunteer_hours(network, volunteers: int, hours="2.5"):
    for n in range(volunteers):
        profile = VolunteerProfile.objects.create(network=network, name=f"Vrijwilliger {n}")
        HoursEntry.objects.create(
            network=network,
            volunteer=profile,
            kind="vervoer",
            date=timezone.localdate() - timedelta(days=10),
            hours=Decimal(hours),
        )


def referrals(network, partner, count: int, *, started=True):
    for n in range(count):
        Referral.objects.create(
            network=network,
            receiving_partner=partner,
            resident_name=f"R{n}",
            resident_birth_year=1960,
            consent_given=True,
            status="gestart" if started else "verwezen",
            started_at=timezone.now() if started else None,
        )


def goals(network):
    today = timezone.localdate()
    return [
        Goal.objects.create(
            network=network,
            title="Meer ouderen bewegen",
            measure="40 deelnemers aan de beweegtuin",
            status=GoalStatus.ACHIEVED,
        ),
        Goal.objects.create(
            network=network,
            title="Eenzaamheid signaleren",
            measure="Elke partner kent de signalen",
            target_date=today - timedelta(days=5),
        ),
        Goal.objects.create(
            network=network, title="Wijkpunt openen", target_date=today + timedelta(days=90)
        ),
    ]
