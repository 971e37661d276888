"""Demo ideas and initiatives of residents in Gezond Oost, in every status, and the network's
public page (/wijk/gezond-oost/), all written through the services as a user would."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wijknet.initiatives import services as initiative_services
from wijknet.initiatives.models import Initiative
from wijknet.networks.models import Membership
from wijknet.public import services as public_services

User = get_user_model()

IDEAS = [
    # (initiator, weeks ago, fields, response: (status, text) | "adopt" | None, supporters)
    (
        "Henk Jansen",
        10,
        {
            "title": "Wandelgroep voor ouderen in het Oosterpark",
            "description": "Elke dinsdagochtend samen een uur wandelen, met koffie na afloop.",
            "for_whom": "Ouderen die weinig buiten komen",
            "place": "Oosterpark, start bij het buurthuis",
            "needs": "Een begeleider die EHBO kan, en koffie in het buurthuis",
            "who_joins": "Een paar buren uit de Lindelaan",
        },
        "adopt",
        [("Yvonne Maas", "Ik loop mee en zet de koffie"), ("Tom Dekker", "")],
    ),
    (
        "Yvonne Maas",
        5,
        {
            "title": "Kookcafé voor alleenstaanden",
            "description": "Eén keer per maand samen koken en eten.",
            "for_whom": "Alleenstaande bewoners",
            "place": "Keuken van het buurthuis",
            "needs": "Een keuken, boodschappengeld, twee vrijwilligers",
        },
        ("in_talks", "Mooi idee! We nodigen je uit bij het volgende kerngroepoverleg."),
        [("Gerrit Brouwer", "Ik kan goed koken")],
    ),
    (
        "Gerrit Brouwer",
        9,
        {
            "title": "Jeu-de-boulesbaan bij de flat",
            "place": "Grasveld achter de Oosterflat",
            "needs": "Een baan aanleggen, ballen",
        },
        (
            "declined",
            "Het grasveld is van de woningcorporatie en wordt volgend jaar bebouwd. Er is "
            "wel een baan bij de sportvereniging: we brengen je graag in contact.",
        ),
        [],
    ),
    (
        "Sevda Kaya",
        6,
        {
            "title": "Bankjes langs de route naar de huisarts",
            "description": "Voor wie slecht ter been is, is de route te lang zonder rustpunt.",
            "for_whom": "Ouderen en mensen met een beperking",
            "place": "Route Lindelaan – gezondheidscentrum",
            "needs": "Drie bankjes; toestemming van de gemeente",
        },
        None,  # still waiting, past the four-week term
        [("Henk Jansen", ""), ("Joke Verhoeven", "")],
    ),
    (
        "Joke Verhoeven",
        1,
        {
            "title": "Taalcafé in de bibliotheek",
            "for_whom": "Nieuwkomers die Nederlands willen oefenen",
            "place": "Bibliotheek Oost",
            "needs": "Vrijwilligers om mee te praten",
        },
        None,
        [("Sevda Kaya", "Ik praat graag mee")],
    ),
    (
        "Tom Dekker",
        30,
        {
            "title": "Repair café",
            "description": "Samen spullen repareren in plaats van weggooien, en elkaar ontmoeten.",
            "place": "Buurthuis Oost",
        },
        ("done", "Het repair café draait sinds het voorjaar elke maand. Dank je wel, Tom!"),
        [("Gerrit Brouwer", "Ik repareer fietsen")],
    ),
]


def _membership(network, user):
    return Membership.objects.select_related("network").get(
        network=network, user=user, ended_at__isnull=True
    )


def load_demo_initiatives(coordinator, network):
    """Runs inside the network's scope (load_demo)."""
    users = {u.full_name: u for u in User.objects.filter(memberships__network=network)}
    coordinator_membership = _membership(network, coordinator)
    now = timezone.now()
    for name, weeks_ago, fields, response, supporters in IDEAS:
        initiator = users[name]
        idea = initiative_services.initiative_create(
            acting_user=initiator,
            membership=_membership(network, initiator),
            network=network,
            **fields,
        )
        for supporter, help_text in supporters:
            initiative_services.support_give(
                acting_user=users[supporter],
                membership=_membership(network, users[supporter]),
                initiative=idea,
                offers_help=bool(help_text),
                help_text=help_text,
            )
        if response == "adopt":
            initiative_services.initiative_adopt(
                acting_user=coordinator,
                membership=coordinator_membership,
                initiative=idea,
                expected_version=idea.version,
                goal_title="Elke week wandelen met ouderen in het Oosterpark",
                measure="15 vaste deelnemers na een half jaar",
                target_date=(now + timedelta(weeks=26)).date(),
                action_titles=["Begeleider met EHBO vinden", "Flyer voor de Lindelaan maken"],
                response="We pakken dit op: het is een doel van het netwerk geworden.",
            )
        elif response is not None:
            status, text = response
            initiative_services.initiative_respond(
                acting_user=coordinator,
                membership=coordinator_membership,
                initiative=idea,
                status=status,
                response=text,
                expected_version=idea.version,
            )
        created = now - timedelta(weeks=weeks_ago)
        responded = created + timedelta(days=10) if response is not None else None
        Initiative.objects.filter(pk=idea.pk).update(
            created_at=created, responded_at=responded, updated_at=responded or created
        )
    public_services.public_page_update(
        acting_user=coordinator,
        membership=coordinator_membership,
        network=network,
        expected_version=0,
        published=True,
        intro=(
            "Gezond Oost is het netwerk van bewoners, huisartsen, fysiotherapeuten, "
            "welzijnswerk, sportverenigingen en de gemeente in Oosterstad-Oost. Samen zorgen "
            "we voor meer bewegen, ontmoeting en minder eenzaamheid in de wijk."
        ),
        show_ambition=True,
        show_partners=True,
        show_successes=True,
        show_offers=True,
        show_initiatives=True,
        contact_email="info@gezond-oost.example",
        help_text=(
            "Hulp nodig of weet je niet waar je moet beginnen? Loop binnen bij het "
            "inloopspreekuur in het buurthuis (dinsdag 10–12 uur) of mail ons."
        ),
    )
