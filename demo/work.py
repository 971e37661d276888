"""Meetings, goals, actions, successes, the agreement and funding for Gezond Oost: enough history
for the collaboration graph and for a realistic mix of health signals (fading attendance of the
housing association, decisions not yet communicated, temporary funding ending soon)."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from wijknet.actions import services as actions
from wijknet.agreements import services as agreements
from wijknet.meetings import services as meetings
from wijknet.networks.models import Membership, Partner

HA, BZ, WZ, SW = (
    "Huisartsenpraktijk Oosterpark",
    "Buurtzorg Oost",
    "Welzijn Oost",
    "Sociaal Wijkteam Oost",
)
GM, BS, WS, FY = (
    "Gemeente Oosterstad",
    "Buurtsportcoaches Oosterstad",
    "Woonstichting Oosterhuis",
    "Fysiotherapie Oost",
)
MEETINGS = [
    # (days ago, kind, title, agenda, invited partners; the Woonstichting fades away: present
    # at the first three meetings it was invited to, absent after that)
    (
        150,
        "network",
        "Startbijeenkomst Gezond Oost",
        "Kennismaken\nAmbitie\nThema's kiezen",
        [HA, BZ, WZ, SW, GM, BS, WS, FY, "Zorgcoöperatie Oost Helpt", "Bibliotheek Oosterstad"],
    ),
    (
        120,
        "core",
        "Kerngroep: plan van aanpak",
        "Doelen\nRollen\nFinanciering",
        [WZ, SW, GM, BS, WS],
    ),
    (
        90,
        "network",
        "Netwerkbijeenkomst bewegen",
        "Beweegaanbod\nVerwijzen",
        [HA, FY, "Diëtistenpraktijk Voedzaam", "Sportvereniging OVV", BS, GM, WS],
    ),
    (
        60,
        "learning",
        "Leersessie Positieve Gezondheid",
        "Spinnenweb\nCasus",
        [HA, BZ, "GGZ Wijkteam Oost", SW, WZ, WS],
    ),
    (
        30,
        "network",
        "Netwerkbijeenkomst voorjaar",
        "Successen\nAgenda",
        [HA, BZ, WZ, SW, GM, BS, WS, "Zorggroep Avondrood"],
    ),
    (10, "core", "Kerngroep: evaluatie", "Scan T0\nActiepunten", [WZ, SW, GM, BS, WS]),
]

UPCOMING = [
    (
        5,
        "core",
        "Kerngroep: financiering na de zomer",
        "Subsidie loopt af\nVervolg",
        [WZ, SW, GM, BS],
    ),
    (
        16,
        "network",
        "Netwerkbijeenkomst: valpreventie",
        "Beweegaanbod ouderen\nVerwijzen naar de fysiotherapeut",
        [HA, BZ, WZ, SW, GM, BS, FY, "Zorgcoöperatie Oost Helpt", "Zorgverzekeraar Zorgsaam"],
    ),
]


def load_work(coordinator, network):
    partners = {
        p.organisation.name: p
        for p in Partner.objects.filter(network=network).select_related("organisation")
    }
    core_user = Membership.objects.filter(network=network, role="core").order_by("pk").first().user
    now = timezone.now()
    held = []
    for index, (days, kind, title, agenda, names) in enumerate(MEETINGS):
        invited = [partners[name] for name in names]
        start = timezone.make_aware(
            datetime.combine(now.date() - timedelta(days=days), datetime.min.time())
            + timedelta(hours=15)
        )
        meeting = meetings.meeting_create(
            acting_user=coordinator,
            network=network,
            kind=kind,
            title=title,
            starts_at=start,
            duration_minutes=90,
            location="Buurthuis De Schakel",
            chair=coordinator,
            agenda=agenda,
            invited_partners=invited,
        )
        present = [p for p in invited if p.organisation.name != WS or index < 3]
        meetings.attendance_record(acting_user=coordinator, meeting=meeting, present=present)
        held.append(meeting)
    for meeting in held[:4]:
        meetings.reflection_save(
            acting_user=coordinator,
            meeting=meeting,
            collaboration=4,
            engagement=4,
            goal_progress=3,
            remark="Goede energie.",
        )
    # Coming up: the next core group meeting and a network meeting everyone may join.
    for days, kind, title, agenda, names in UPCOMING:
        start = timezone.make_aware(
            datetime.combine(now.date() + timedelta(days=days), datetime.min.time())
            + timedelta(hours=15)
        )
        meetings.meeting_create(
            acting_user=coordinator,
            network=network,
            kind=kind,
            title=title,
            starts_at=start,
            duration_minutes=90,
            location="Buurthuis De Schakel",
            chair=coordinator,
            agenda=agenda,
            invited_partners=[partners[name] for name in names],
        )
    first = meetings.decision_add(
        acting_user=coordinator,
        meeting=held[1],
        text="We starten met een beweegverwijzing vanuit de huisarts.",
    )
    meetings.decision_mark_communicated(
        acting_user=coordinator, decision=first, how="nieuwsbrief", on=held[1].starts_at.date()
    )
    meetings.decision_add(
        acting_user=coordinator,
        meeting=held[4],
        text="De bewonersavond verhuist naar de bibliotheek.",
    )
    meetings.decision_add(
        acting_user=coordinator,
        meeting=held[4],
        text="Elke partner levert een contactpersoon voor verwijzingen.",
    )

    goal = actions.goal_create(
        acting_user=coordinator,
        network=network,
        title="Meer ouderen bewegen wekelijks",
        measure="60 ouderen doen wekelijks mee aan beweegaanbod in de wijk",
        target_date=date(now.year + 1, 6, 30),
    )
    for title, owner_partner, owner, days in [
        (
            "Beweegverwijzing afspreken met de huisartsen",
            "Huisartsenpraktijk Oosterpark",
            coordinator,
            20,
        ),
        (
            "Beweegaanbod voor ouderen in kaart brengen",
            "Buurtsportcoaches Oosterstad",
            core_user,
            -5,
        ),
        ("Wandelgroep starten vanuit het buurthuis", "Welzijn Oost", core_user, 30),
    ]:
        actions.action_create(
            acting_user=coordinator,
            network=network,
            goal=goal,
            meeting=held[2],
            title=title,
            owner=owner,
            owner_partner=partners[owner_partner],
            due_on=now.date() + timedelta(days=days),
        )
    # Something to do for the demo partner and the demo resident too ("Mijn werk").
    by_email = {
        m.user.email: m.user
        for m in Membership.objects.filter(network=network).select_related("user")
    }
    for title, owner_partner, email, days in [
        (
            "Valpreventie-oefeningen aanbieden in het buurthuis",
            FY,
            "partner@demo.wijknet.nl",
            14,
        ),
        ("Buren uitnodigen voor de wandelgroep", WZ, "burger@demo.wijknet.nl", 10),
    ]:
        actions.action_create(
            acting_user=coordinator,
            network=network,
            goal=goal,
            title=title,
            owner=by_email[email],
            owner_partner=partners[owner_partner],
            due_on=now.date() + timedelta(days=days),
        )
    actions.success_create(
        acting_user=coordinator,
        network=network,
        goal=goal,
        title="Eerste wandelgroep van start",
        happened_on=now.date() - timedelta(days=40),
        description="Twaalf bewoners wandelen elke dinsdag vanaf het buurthuis.",
    )

    version = agreements.agreement_new_version(
        acting_user=coordinator,
        network=network,
        purpose="Samen bewoners van zorg naar bewegen en ontmoeten in de wijk begeleiden.",
        out_of_scope="Individuele zorg en behandeling blijven bij de eigen organisatie.",
        terms=[
            (partners["Welzijn Oost"], "Trekker ontmoeting", "Wandelgroepen", 16, Decimal(0)),
            (
                partners["Buurtsportcoaches Oosterstad"],
                "Beweegaanbod",
                "Aanbod ouderen",
                12,
                Decimal(0),
            ),
            (partners["Gemeente Oosterstad"], "Financier", "Subsidie en beleid", 8, Decimal(25000)),
            (
                partners["Huisartsenpraktijk Oosterpark"],
                "Verwijzer",
                "Beweegverwijzing",
                4,
                Decimal(0),
            ),
        ],
    )
    agreements.endorsement_add(
        acting_user=coordinator,
        agreement=version,
        partner=partners["Gemeente Oosterstad"],
        level="tactical",
        name="K. Bos",
        endorsed_on=now.date() - timedelta(days=60),
    )
    agreements.funding_create(
        acting_user=coordinator,
        network=network,
        name="Subsidie Gezond in de wijk",
        kind="gemeente",
        amount=Decimal(25000),
        structural=False,
        starts_on=now.date() - timedelta(days=300),
        ends_on=now.date() + timedelta(days=120),
    )
    agreements.funding_create(
        acting_user=coordinator,
        network=network,
        name="Preventieakkoord zorgverzekeraar",
        kind="zorgverzekeraar",
        amount=Decimal(10000),
        structural=False,
        starts_on=now.date() - timedelta(days=100),
        ends_on=now.date() + timedelta(days=150),
    )
