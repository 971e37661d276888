"""Demo volunteering for Dorpsnetwerk Zuiderveen: the dorpsondersteuner's village (seed 002,
Wedde dat 't lukt). Eight volunteers (one with an account), seven help requests and matches in
every state, follow-ups with one signal, and hours. Grietje Bos helps with shopping and gets
help with her paperwork herself; Jeroen de Vries volunteers and once asked for a lift:
roles alternate. All names are made up.

    load_demo_volunteering(network, users_by_email)   # inside scope(network=network)

Idempotent: does nothing when the network already has volunteers.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wijknet.networks.models import Membership

from . import jobs, queries, services
from .models import FollowUp, HelpRequest, Match, VolunteerProfile

COORDINATOR = "dorpsondersteuner@demo.wijknet.nl"
JEROEN = "kerngroep@demo.wijknet.nl"

# name, kinds, place, availability, frequency, max matches, contact
VOLUNTEERS = [
    (
        "Grietje Bos",
        ["boodschappen", "gezelschap"],
        "Zuiderveen",
        ["ma-ochtend", "di-ochtend", "do-ochtend"],
        "wekelijks",
        2,
        "0599-410101",
    ),
    (
        "Harm Wubbels",
        ["vervoer"],
        "Zuiderveen",
        ["ma-middag", "di-middag", "wo-middag", "do-middag"],
        "wekelijks",
        3,
        "06-10203040",
    ),
    (
        "Tineke Smit",
        ["administratie", "digitaal"],
        "Oudeveen",
        ["di-avond", "do-avond"],
        "maandelijks",
        2,
        "0599-420202",
    ),
    (
        "Klaas Dijkstra",
        ["tuin", "klussen"],
        "Zuiderveen",
        ["za-ochtend"],
        "af_en_toe",
        1,
        "0599-410303",
    ),
    (
        "Aaltje Meijer",
        ["maaltijd", "gezelschap"],
        "Zuiderveen",
        ["wo-middag", "vr-middag"],
        "wekelijks",
        2,
        "0599-410404",
    ),
    ("Sven Oosting", ["digitaal"], "Zuiderveen", ["ma-avond"], "af_en_toe", 1, "06-50607080"),
    (
        "Femke de Jong",
        ["boodschappen", "vervoer"],
        "Oudeveen",
        ["vr-ochtend"],
        "wekelijks",
        2,
        "0599-420505",
    ),
]


def _request(coordinator, network, **fields):
    defaults = {"place": "Zuiderveen", "urgency": "normaal"}
    return services.help_request_create(
        acting_user=coordinator, network=network, **(defaults | fields)
    )


def _move(coordinator, membership, match, *steps, reason=""):
    for to in steps:
        services.match_transition(
            acting_user=coordinator,
            membership=membership,
            match=match,
            to=to,
            reason=reason if to == "gestopt" else "",
        )
    return match


def _backdate(match, days):
    """Make a match look as if it was proposed `days` ago and started two days later."""
    now = timezone.now()
    proposed = now - timedelta(days=days)
    values = {"proposed_at": proposed}
    if match.accepted_at:
        values["accepted_at"] = proposed + timedelta(days=1)
    if match.started_at:
        values["started_at"] = proposed + timedelta(days=2)
    if match.ended_at:
        values["ended_at"] = now - timedelta(days=3)
    Match.objects.filter(pk=match.pk).update(**values)
    HelpRequest.objects.filter(pk=match.request_id).update(created_at=proposed - timedelta(days=1))
    if match.started_at:
        start = timezone.localdate(values["started_at"])
        for followup in FollowUp.objects.filter(match=match):
            FollowUp.objects.filter(pk=followup.pk).update(
                due_on=start + timedelta(weeks=followup.week)
            )


def _volunteers(coordinator, membership, network, rows) -> dict:
    """Volunteer profiles without an account, made by the coordinator: name → profile."""
    return {
        name: services.volunteer_create(
            acting_user=coordinator,
            membership=membership,
            network=network,
            name=name,
            contact=contact,
            kinds=kinds,
            place=place,
            availability=availability,
            frequency=frequency,
            max_matches=most,
        )
        for name, kinds, place, availability, frequency, most, contact in rows
    }


def _propose(coordinator, membership, network, help_request, volunteer):
    """Propose a match with the reasons the ranking gives, as the coordinator would."""
    ranked = queries.ranking(network, help_request, only=volunteer)
    return services.match_propose(
        acting_user=coordinator,
        membership=membership,
        help_request=help_request,
        volunteer=volunteer,
        reasons=[reason.text for r in ranked for reason in r.reasons],
    )


def load_demo_volunteering(network, users_by_email):
    if VolunteerProfile.objects.filter(network=network).exists():
        return
    coordinator = users_by_email[COORDINATOR]
    membership = Membership.objects.get(network=network, user=coordinator, ended_at__isnull=True)
    jeroen = users_by_email.get(JEROEN)
    jeroen_membership = (
        Membership.objects.filter(network=network, user=jeroen, ended_at__isnull=True).first()
        if jeroen
        else None
    )

    profiles = _volunteers(coordinator, membership, network, VOLUNTEERS)
    if jeroen_membership is not None:
        profiles["Jeroen de Vries"] = services.volunteer_create(
            acting_user=jeroen,
            membership=jeroen_membership,
            network=network,
            user=jeroen,
            kinds=["klussen", "vervoer"],
            skills="Handig met gereedschap; heeft een auto.",
            place="Zuiderveen",
            availability=["wo-middag", "za-ochtend"],
            frequency="af_en_toe",
            max_matches=2,
            wants_area_notifications=True,
        )

    def propose(help_request, name):
        return _propose(coordinator, membership, network, help_request, profiles[name])

    # Running for seven weeks: the volunteer was asked after six weeks and said it goes well.
    shopping = _request(
        coordinator,
        network,
        seeker_name="Mevrouw A. de Boer",
        seeker_contact="Dorpsstraat 12, 0599-410990",
        kind="boodschappen",
        description="Loopt slecht (86 jaar) en wil graag dat iemand op dinsdagochtend met haar "
        "boodschappen doet.",
        when="Elke dinsdagochtend",
        day_parts=["di-ochtend"],
        on_behalf_of="De wijkverpleegkundige vroeg het",
    )
    grietje = _move(coordinator, membership, propose(shopping, "Grietje Bos"), "akkoord", "lopend")
    _backdate(grietje, 51)

    # Reciprocity: Grietje helps others and gets help with her paperwork herself. Running for
    # nine weeks; she is not satisfied (a signal for the dorpsondersteuner).
    paperwork = _request(
        coordinator,
        network,
        seeker_name="Grietje Bos",
        seeker_contact="0599-410101",
        kind="administratie",
        description="Hulp bij de formulieren voor de huurtoeslag en de zorgtoeslag.",
        when="Eén avond per maand",
        day_parts=["di-avond", "do-avond"],
    )
    tineke = _move(coordinator, membership, propose(paperwork, "Tineke Smit"), "akkoord", "lopend")
    _backdate(tineke, 65)

    # Accepted, not started yet.
    lift = _request(
        coordinator,
        network,
        seeker_name="Meneer J. Post",
        seeker_contact="0599-410777",
        kind="vervoer",
        description="Vervoer naar het ziekenhuis in de stad voor controles, om de twee weken.",
        when="Woensdagmiddag, om de twee weken",
        day_parts=["wo-middag"],
        urgency="hoog",
    )
    _backdate(_move(coordinator, membership, propose(lift, "Harm Wubbels"), "akkoord"), 4)

    # Done.
    garden = _request(
        coordinator,
        network,
        seeker_name="Familie Kuipers",
        seeker_contact="Veenweg 3",
        kind="tuin",
        description="De heg snoeien en het gras maaien voor de winter.",
        when="Eenmalig, een zaterdag in oktober",
        day_parts=["za-ochtend"],
        urgency="laag",
    )
    klaas = _move(
        coordinator, membership, propose(garden, "Klaas Dijkstra"), "akkoord", "lopend", "afgerond"
    )
    _backdate(klaas, 30)

    # Proposed this week; Aaltje has not answered yet.
    visits = _request(
        coordinator,
        network,
        seeker_name="Meneer H. Hoving",
        seeker_contact="0599-410555",
        kind="gezelschap",
        description="Weduwnaar die weinig mensen ziet. Een kopje koffie en een praatje, af en toe "
        "samen wandelen.",
        when="Vrijdagmiddag",
        day_parts=["vr-middag"],
    )
    _backdate(propose(visits, "Aaltje Meijer"), 2)

    # Open, submitted by a volunteer on behalf of his neighbour.
    if jeroen is not None:
        services.help_request_create(
            acting_user=jeroen,
            network=network,
            seeker_name="Mevrouw T. Zijlstra",
            seeker_contact="Kerkpad 7",
            on_behalf_of="Namens mijn buurvrouw",
            kind="digitaal",
            description="Ze heeft een tablet gekregen en wil leren videobellen met haar "
            "kleinkinderen.",
            place="Zuiderveen",
            when="Maandagavond",
            day_parts=["ma-avond"],
        )
        # Roles alternate: Jeroen volunteers, and once needed a lift himself.
        own = services.help_request_create(
            acting_user=jeroen,
            network=network,
            for_self=True,
            kind="vervoer",
            description="Een lift naar de garage in Oudeveen om de auto op te halen.",
            place="Zuiderveen",
            when="Eenmalig",
            day_parts=["vr-ochtend"],
        )
        femke = _move(
            coordinator,
            membership,
            propose(own, "Femke de Jong"),
            "gestopt",
            reason="Niet meer nodig: een buurman heeft hem gebracht.",
        )
        _backdate(femke, 12)

    # The job asks the due follow-ups (no accounts: the dorpsondersteuner phones them) …
    jobs.send_due_followups(timezone.now())
    # … and she records what they said.
    answers = [
        (grietje, "vrijwilliger", "goed", "Het klikt goed."),
        (tineke, "vrijwilliger", "goed", ""),
        (
            tineke,
            "hulpvrager",
            "niet_goed",
            "Tineke komt vaak later dan afgesproken; de toeslag is nog niet aangevraagd.",
        ),
    ]
    for match, audience, answer, remark in answers:
        services.followup_answer(
            acting_user=coordinator,
            membership=membership,
            followup=FollowUp.objects.get(match=match, audience=audience),
            answer=answer,
            remark=remark,
        )

    # Hours: written by the dorpsondersteuner for volunteers without an account …
    today = timezone.localdate()
    hours = [("Grietje Bos", grietje, "1.5", week * 7) for week in range(7)]
    hours += [("Tineke Smit", tineke, "2", week * 7) for week in (1, 5, 8)]
    hours.append(("Klaas Dijkstra", klaas, "4", 20))
    for name, match, amount, days_ago in hours:
        services.hours_log(
            acting_user=coordinator,
            membership=membership,
            volunteer=profiles[name],
            match=match,
            date=today - timedelta(days=days_ago),
            hours=Decimal(amount),
        )
    # … and by Jeroen himself.
    if jeroen is not None:
        services.hours_log(
            acting_user=jeroen,
            membership=jeroen_membership,
            volunteer=profiles["Jeroen de Vries"],
            date=today - timedelta(days=9),
            hours=Decimal(3),
            kind="klussen",
            note="Dakgoot schoongemaakt bij de buren",
        )


# --- Gezond Oost ----------------------------------------------------------------------------

OOST_COORDINATOR = "coordinator@demo.wijknet.nl"
OOST_RESIDENT = "burger@demo.wijknet.nl"  # Henk Jansen volunteers, with an account
OOST_VOLUNTEERS = [
    # name, kinds, place, availability, frequency, max matches, contact (no account)
    (
        "Joop Schouten",
        ["vervoer", "klussen"],
        "Oosterpark",
        ["di-middag", "do-middag"],
        "wekelijks",
        2,
        "06-31415926",
    ),
    (
        "Fenna Brink",
        ["digitaal", "administratie"],
        "Oost-Centrum",
        ["ma-avond", "wo-avond"],
        "maandelijks",
        1,
        "06-27182818",
    ),
]


def load_demo_volunteering_oost(network, users_by_email):
    """Volunteering in Gezond Oost, so both demo networks show it: the demo resident has a
    proposal to answer and a "gaat het goed?" question, the kartrekker a request to match and
    a volunteer without an account to phone. Idempotent like load_demo_volunteering."""
    if VolunteerProfile.objects.filter(network=network).exists():
        return
    coordinator = users_by_email[OOST_COORDINATOR]
    membership = Membership.objects.get(network=network, user=coordinator, ended_at__isnull=True)
    henk = users_by_email[OOST_RESIDENT]
    henk_membership = Membership.objects.get(network=network, user=henk, ended_at__isnull=True)
    profiles = {
        "Henk Jansen": services.volunteer_create(
            acting_user=henk,
            membership=henk_membership,
            network=network,
            user=henk,
            kinds=["boodschappen", "gezelschap", "vervoer"],
            skills="Gepensioneerd buschauffeur; kent de wijk goed.",
            place="Oosterpark",
            availability=["ma-ochtend", "wo-ochtend", "vr-ochtend"],
            frequency="wekelijks",
            max_matches=3,
        )
    }
    profiles.update(_volunteers(coordinator, membership, network, OOST_VOLUNTEERS))

    def propose(help_request, name):
        return _propose(coordinator, membership, network, help_request, profiles[name])

    def ask(**fields):
        return _request(coordinator, network, **({"place": "Oosterpark"} | fields))

    # Running seven weeks with Henk: the job asks him how it goes (he has not answered yet).
    visits = ask(
        seeker_name="Meneer R. Vermeulen",
        seeker_contact="Lindelaan 40, 06-44443333",
        kind="gezelschap",
        description="Sinds hij slecht ziet komt hij weinig buiten; een wandeling en een praatje.",
        when="Woensdagochtend",
        day_parts=["wo-ochtend"],
        on_behalf_of="De praktijkondersteuner vroeg het",
    )
    _backdate(
        _move(coordinator, membership, propose(visits, "Henk Jansen"), "akkoord", "lopend"), 50
    )
    # Running seven weeks with Joop, who has no account: the kartrekker phones him.
    lift = ask(
        seeker_name="Mevrouw S. Aydin",
        seeker_contact="06-12121212",
        kind="vervoer",
        description="Vervoer naar de fysiotherapeut, twee keer per week.",
        when="Dinsdag- en donderdagmiddag",
        day_parts=["di-middag", "do-middag"],
    )
    _backdate(
        _move(coordinator, membership, propose(lift, "Joop Schouten"), "akkoord", "lopend"), 50
    )
    # Proposed to Henk this week: he says yes or no.
    shopping = ask(
        seeker_name="Mevrouw K. Dijkman",
        seeker_contact="Esdoornstraat 8, 06-98989898",
        kind="boodschappen",
        description="Na een heupoperatie even niet zelf naar de supermarkt.",
        when="Vrijdagochtend, zes weken",
        day_parts=["vr-ochtend"],
        urgency="hoog",
    )
    _backdate(propose(shopping, "Henk Jansen"), 1)
    # Open, no volunteer yet: waiting for the kartrekker.
    ask(
        seeker_name="Meneer D. Bakker",
        seeker_contact="06-56565656",
        kind="digitaal",
        place="Oost-Centrum",
        description="Wil leren internetbankieren en afspraken met de huisarts online maken.",
        when="Maandagavond",
        day_parts=["ma-avond"],
    )
    jobs.send_due_followups(timezone.now())
    services.hours_log(
        acting_user=henk,
        membership=henk_membership,
        volunteer=profiles["Henk Jansen"],
        match=Match.objects.get(request=visits),
        date=timezone.localdate() - timedelta(days=7),
        hours=Decimal("1.5"),
    )
