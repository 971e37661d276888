"""Demo casework for Gezond Oost: two fictitious residents. All names are made up.

Call from demo/management/commands/load_demo.py, inside the Gezond Oost block:

    from wijknet.casework.demo import load_demo_casework
    load_demo_casework(network, {u.email: u for u in User.objects.all()})

Idempotent: does nothing when the network already has clients. Everything goes through the
services, so the access log shows the demo's history too.
"""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from wijknet.networks.models import Membership

from . import services
from .models import CarePlan, Client, Dimension

RECORDER = "partner@demo.wijknet.nl"  # Sanne Bakker
CORE = "kerngroep@demo.wijknet.nl"  # Jeroen de Vries
COLLEAGUE = "kees.van.dijk@demo.wijknet.nl"
# The demo kartrekker is in Johanna's care team too, so her client pages show a client.
COORDINATOR = "coordinator@demo.wijknet.nl"


def _membership(network, user):
    return (
        Membership.objects.filter(network=network, user=user, ended_at__isnull=True)
        .select_related("organisation", "user")
        .first()
    )


def load_demo_casework(network, users_by_email) -> int:
    """Create the demo clients; returns how many were created."""
    with scope(network=network):
        if Client.objects.filter(network=network).exists():
            return 0
        recorder = _membership(network, users_by_email[RECORDER])
        core = _membership(network, users_by_email[CORE])
        colleague = (
            _membership(network, users_by_email.get(COLLEAGUE))
            if COLLEAGUE in (users_by_email)
            else None
        )
        coordinator = (
            _membership(network, users_by_email[COORDINATOR])
            if COORDINATOR in users_by_email
            else None
        )
        team = [m for m in (core, colleague, coordinator) if m is not None and m.organisation_id]
        today = timezone.localdate()
        _johanna(network, recorder, team, today)
        _ali(network, core, today)
        return 2


def _consent(recorder, client, memberships, today, purpose="plan", days_ago=100):
    organisations = {m.organisation_id: m.organisation for m in memberships if m.organisation}
    return services.consent_record(
        acting_user=recorder.user,
        membership=recorder,
        client=client,
        purpose=purpose,
        organisations=list(organisations.values()),
        given_by="resident",
        representative_name="",
        method="schriftelijk",
        given_at=today - timedelta(days=days_ago),
        valid_until=None,
    )


def _johanna(network, recorder, team, today):
    user = recorder.user
    client = services.client_create(
        acting_user=user,
        membership=recorder,
        network=network,
        name="Johanna Visser-de Groot",
        birth_year=1941,
        wijk="Oosterpark",
        contact="Lindelaan 12, 06-11112222",
        mantelzorger_name="Marieke Visser (dochter)",
        mantelzorger_contact="06-33334444",
    )
    _consent(recorder, client, [recorder, *team], today)
    members = [
        services.team_add(
            acting_user=user,
            membership=recorder,
            client=client,
            member_membership=recorder,
            role="Fysiotherapeut, aanspreekpunt",
        )
    ]
    for membership, role in zip(
        team,
        ["Praktijkondersteuner huisarts", "Casemanager ouderenzorg", "Welzijnswerker"],
        strict=False,
    ):
        members.append(
            services.team_add(
                acting_user=user,
                membership=recorder,
                client=client,
                member_membership=membership,
                role=role,
            )
        )
    plan = CarePlan.objects.get(network=network, client=client)
    plan.client = client
    services.plan_update(
        acting_user=user,
        membership=recorder,
        plan=plan,
        expected_version=plan.version,
        wil="Weer zelf naar de markt op zaterdag en mijn vriendinnen zien.",
        kan="Korte stukjes lopen met de rollator; koken voor mezelf.",
        heb_nodig="Iemand die meeloopt de eerste keren, en hulp bij het zwaar huishouden.",
        evaluation="",
    )
    services.goal_add(
        acting_user=user,
        membership=recorder,
        plan=plan,
        dimension=Dimension.MEEDOEN,
        text="Elke week naar de koffieochtend in het buurthuis.",
    )
    services.goal_add(
        acting_user=user,
        membership=recorder,
        plan=plan,
        dimension=Dimension.LICHAAMSFUNCTIES,
        text="Tien minuten aan één stuk kunnen lopen.",
    )
    for days_ago, base, talk in ((90, 4, "zingeving"), (5, 6, "meedoen")):
        services.measurement_record(
            acting_user=user,
            membership=recorder,
            client=client,
            measured_on=today - timedelta(days=days_ago),
            filled_by="with_professional",
            scores={
                d: (
                    min(10, base + (i % 3)),
                    "Sinds mijn val durf ik minder." if d == Dimension.MEEDOEN else "",
                    d == talk,
                )
                for i, d in enumerate(Dimension.values)
            },
        )
    services.conference_record(
        acting_user=user,
        membership=recorder,
        client=client,
        participants=members,
        agreements=[
            {
                "text": "Looptraining twee keer per week",
                "responsible": members[0],
                "due_on": today + timedelta(days=42),
            },
            {
                "text": "Maatje zoeken voor de markt op zaterdag",
                "responsible": members[-1],
                "due_on": today + timedelta(days=21),
            },
        ],
        held_on=today - timedelta(days=4),
        resident_present=True,
        mantelzorger_present=True,
        others="",
        notes="Mevrouw wil vooral weer onder de mensen komen.",
        fed_back_resident=True,
        fed_back_mantelzorger=True,
        feedback_how="Huisbezoek door het aanspreekpunt, samen met de dochter",
        feedback_on=today - timedelta(days=2),
    )


def _ali(network, core, today):
    client = services.client_create(
        acting_user=core.user,
        membership=core,
        network=network,
        name="Ali Kaya",
        birth_year=1958,
        wijk="Oost-Centrum",
        contact="06-55556666",
    )
    if core.organisation_id:
        _consent(core, client, [core], today, purpose="mdo", days_ago=20)
        services.team_add(
            acting_user=core.user,
            membership=core,
            client=client,
            member_membership=core,
            role="Praktijkondersteuner huisarts",
        )
