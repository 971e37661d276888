"""Enough for a meaningful evaluation page in Gezond Oost: more residents measured twice with
Positive Health (the page shows averages of at least three), hours by more volunteers, a plan
whose evaluation date has passed (so "Mijn werk" suggests a new measurement), a success at the
demo's goal and this year's reflection of the core group. Idempotent: runs once per network."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from wijknet.actions import services as actions
from wijknet.casework import services as casework
from wijknet.casework.models import Client, Dimension
from wijknet.evaluation import queries as evaluation_queries
from wijknet.evaluation import services as evaluation
from wijknet.evaluation.models import EvaluationReflection
from wijknet.networks.models import Membership
from wijknet.volunteering import services as volunteering
from wijknet.volunteering.models import VolunteerProfile

RECORDER = "partner@demo.wijknet.nl"  # Sanne Bakker, fysiotherapeut
CORE = "kerngroep@demo.wijknet.nl"
COORDINATOR = "coordinator@demo.wijknet.nl"

# name, birth year, wijk, first scores, change per dimension at the second measurement
RESIDENTS = [
    ("Gerrit Mulder", 1944, "Oosterpark", [5, 4, 5, 5, 3, 5], [1, 2, 1, 1, 3, 1]),
    ("Naima Bouzid", 1962, "Oost-Centrum", [6, 5, 6, 5, 4, 6], [0, 1, 1, 1, 2, 0]),
    ("Wim de Boer", 1938, "Oosterpark", [4, 5, 4, 4, 2, 4], [1, 0, 1, 2, 2, 1]),
]
REFLECTION = {
    "doel": "Ja: meer bewegen en minder eenzaamheid bij ouderen blijft ons doel; de "
    "beweegtuin maakt het zichtbaar.",
    "partners": "De huisartsen doen mee; de zorgverzekeraar nog niet. We nodigen hen uit "
    "voor de volgende netwerkbijeenkomst.",
    "resultaten": "Successen: de beweegtuin en de koffieochtend. Knelpunt: de financiering "
    "loopt jaar voor jaar.",
    "bijsturen": "Structurele financiering regelen met de gemeente; de kartrekker pakt het op.",
}


def _membership(network, email):
    return Membership.objects.select_related("user", "organisation").get(
        network=network, user__email=email, ended_at__isnull=True
    )


def load_evaluation(network) -> None:
    with scope(network=network):
        if EvaluationReflection.objects.filter(network=network).exists():
            return
        today = timezone.localdate()
        recorder = _membership(network, RECORDER)
        for name, birth_year, wijk, first, change in RESIDENTS:
            client = casework.client_create(
                acting_user=recorder.user,
                membership=recorder,
                network=network,
                name=name,
                birth_year=birth_year,
                wijk=wijk,
            )
            for days_ago, delta in ((200, 0), (20, 1)):
                casework.measurement_record(
                    acting_user=recorder.user,
                    membership=recorder,
                    client=client,
                    measured_on=today - timedelta(days=days_ago),
                    filled_by="with_professional",
                    scores={
                        d: (min(10, first[i] + delta * change[i]), "", False)
                        for i, d in enumerate(Dimension.values)
                    },
                )
        # Gerrit's plan was to be evaluated last week: "Mijn werk" suggests a new measurement.
        gerrit = Client.objects.select_related("plan").get(network=network, name="Gerrit Mulder")
        casework.plan_update(
            acting_user=recorder.user,
            membership=recorder,
            plan=gerrit.plan,
            expected_version=gerrit.plan.version,
            wil="Weer zelf naar de markt lopen.",
            evaluate_on=today - timedelta(days=7),
        )
        _hours(network, today)
        _goals(network, today)
        core = _membership(network, CORE)
        evaluation.reflection_save(
            acting_user=core.user,
            membership=core,
            network=network,
            year=today.year,
            period=evaluation_queries.Period.last_year(today),
            expected_version=0,
            answers=REFLECTION,
        )


def _hours(network, today):
    """Hours of the volunteers without an account, written by the kartrekker."""
    coordinator = _membership(network, COORDINATOR)
    for name, amount, weeks in (("Joop Schouten", "2", (1, 3, 5)), ("Fenna Brink", "1.5", (2, 6))):
        volunteer = VolunteerProfile.objects.filter(network=network, name=name).first()
        if volunteer is None:
            continue
        for week in weeks:
            volunteering.hours_log(
                acting_user=coordinator.user,
                membership=coordinator,
                volunteer=volunteer,
                date=today - timedelta(days=7 * week),
                hours=Decimal(amount),
                kind="vervoer",
            )


def _goals(network, today):
    """A success at the demo's goal within the period. (No extra goals: the goals page shows
    five before "alle doelen", and tests/test_pages_at_scale.py measures it at ×4 of the demo.)"""
    from wijknet.actions.models import Goal

    coordinator = _membership(network, COORDINATOR).user
    goal = Goal.objects.filter(network=network).order_by("pk").first()
    actions.success_create(
        acting_user=coordinator,
        network=network,
        title="Twintig bezoekers op de koffieochtend",
        description="Voor het eerst kwamen er twintig buurtbewoners, vier via de huisarts.",
        happened_on=today - timedelta(days=40),
        goal=goal,
    )
