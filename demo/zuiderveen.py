"""What the network file of Dorpsnetwerk Zuiderveen cannot hold (scans, the social map,
referrals, a client) and what must be relative to today (the next meetings and actions), so
the second demo network has data in every feature too. All people are made up.

    load_zuiderveen_extras(network, users_by_email)   # inside scope(network=network)

Idempotent: does nothing when the network already has offers.
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from wijknet.actions import services as actions
from wijknet.agreements import services as agreements
from wijknet.casework import services as casework
from wijknet.meetings import services as meetings
from wijknet.networks.models import Membership, Partner
from wijknet.offers.models import Offer
from wijknet.referrals import services as referrals
from wijknet.referrals.models import Referral, ReferralEvent
from wijknet.scans import imports
from wijknet.scans import services as scans
from wijknet.scans.models import Instrument

COORDINATOR = "dorpsondersteuner@demo.wijknet.nl"
GP = "s.veenstra@demo.wijknet.nl"
JEROEN = "kerngroep@demo.wijknet.nl"
DO, HA, GM, DH = (
    "Dorpsondersteuning Zuiderveen",
    "Huisartsenpraktijk Zuiderveen",
    "Gemeente Veenland",
    "Dorpshuis De Veenhof",
)


def _membership(network, user):
    return Membership.objects.select_related("organisation", "user").get(
        network=network, user=user, ended_at__isnull=True
    )


def load_zuiderveen_extras(network, users_by_email) -> None:
    if Offer.objects.filter(network=network).exists():
        return
    anke = _membership(network, users_by_email[COORDINATOR])
    gp = _membership(network, users_by_email[GP])
    jeroen = _membership(network, users_by_email[JEROEN])
    partners = {
        p.organisation.name: p
        for p in Partner.objects.filter(network=network).select_related("organisation")
    }
    now = timezone.now()
    today = timezone.localdate()
    coffee = _offers(network, partners, now)
    _referrals(network, gp, anke, coffee, partners, now)
    _client(network, anke, gp, today)
    _scan(network, anke.user, today)
    agreements.agreement_new_version(
        acting_user=anke.user,
        network=network,
        purpose="Samen zorgen dat ouderen in Zuiderveen zo lang mogelijk thuis kunnen wonen.",
        out_of_scope="Zorg en behandeling blijven bij de huisarts en de thuiszorg.",
        terms=[
            (partners[DO], "Trekker", "Dorpsondersteuning en vrijwilligers", 16, Decimal(0)),
            (partners[GM], "Financier", "Dorpsbudget", 4, Decimal(4000)),
            (partners[HA], "Verwijzer", "Verwijzen naar de dorpsondersteuner", 2, Decimal(0)),
            (partners[DH], "Gastheer", "Ruimte voor de koffieochtend", 2, Decimal(0)),
        ],
    )
    start = timezone.make_aware(
        datetime.combine(today + timedelta(days=9), datetime.min.time()) + timedelta(hours=19)
    )
    meetings.meeting_create(
        acting_user=anke.user,
        network=network,
        kind="residents",
        title="Dorpsavond: vervoer in het dorp",
        starts_at=start,
        duration_minutes=120,
        location="Dorpshuis De Veenhof",
        chair=anke.user,
        agenda="Wie rijdt er mee?\nEen vaste belbus",
        invited_partners=[partners[DO], partners[DH], partners[GM], partners[HA]],
    )
    actions.action_create(
        acting_user=anke.user,
        network=network,
        title="Rijders vinden voor een belbus",
        owner=jeroen.user,
        due_on=today + timedelta(days=20),
    )
    actions.action_create(
        acting_user=anke.user,
        network=network,
        title="Aanvraag dorpsbudget 2027 indienen",
        owner=anke.user,
        owner_partner=partners[DO],
        due_on=today - timedelta(days=2),
    )


def _offers(network, partners, now):
    coffee = Offer.objects.create(
        network=network,
        provider=partners[DO],
        title="Koffieochtend voor mantelzorgers",
        kind="ontmoeting",
        description="Elke maand koffie en ervaringen delen met andere mantelzorgers.",
        schedule="eerste donderdag van de maand, 10:00–12:00",
        place="Dorpshuis De Veenhof",
        last_confirmed_at=now,
    )
    Offer.objects.create(
        network=network,
        provider=partners[DH],
        title="Samen eten in De Veenhof",
        kind="ontmoeting",
        description="Een warme maaltijd met dorpsgenoten, voor een kleine bijdrage.",
        schedule="woensdag 17:30",
        place="Dorpshuis De Veenhof",
        last_confirmed_at=now - timedelta(days=400),  # not confirmed for a long time
    )
    return coffee


def _referrals(network, gp, anke, coffee, partners, now):
    rows = [
        # days ago, offer or None (the dorpsondersteuning itself), resident, year, reason, steps
        (40, coffee, "Mevrouw W.", 1952, "Zorgt alleen voor haar man met dementie.", ["contact"]),
        (25, None, "Meneer S.", 1938, "Woont alleen, eet slecht sinds zijn vrouw overleed.", []),
        (9, None, "Mevrouw H.", 1945, "Kan na een val niet meer zelf boodschappen doen.", []),
    ]
    for index, (days, offer, name, year, reason, steps) in enumerate(rows):
        referral = referrals.referral_create(
            acting_user=gp.user,
            membership=gp,
            network=network,
            offer=offer,
            receiving_partner=None if offer else partners[DO],
            resident_name=name,
            resident_contact=f"0599-41{index}{index}{index}0",
            resident_birth_year=year,
            consent_given=True,
            reason=reason,
            goals="",
        )
        created = now - timedelta(days=days)
        Referral.objects.filter(pk=referral.pk).update(
            created_at=created, consent_recorded_at=created
        )
        ReferralEvent.objects.filter(referral=referral).update(at=created)
        for status in steps:
            referral = Referral.objects.select_related(
                "receiving_partner__organisation", "offer", "network", "referrer"
            ).get(pk=referral.pk)
            referrals.referral_update_status(
                acting_user=anke.user,
                membership=anke,
                referral=referral,
                status=status,
                expected_version=referral.version,
                at=created + timedelta(days=3),
            )


def _client(network, anke, gp, today):
    client = casework.client_create(
        acting_user=anke.user,
        membership=anke,
        network=network,
        name="Geert Wiersma",
        birth_year=1939,
        wijk="Zuiderveen",
        contact="Veenweg 21, 0599-410888",
        mantelzorger_name="Hilda Wiersma (echtgenote)",
        mantelzorger_contact="0599-410888",
    )
    casework.consent_record(
        acting_user=anke.user,
        membership=anke,
        client=client,
        purpose="plan",
        organisations=[anke.organisation, gp.organisation],
        given_by="resident",
        representative_name="",
        method="mondeling",
        given_at=today - timedelta(days=30),
        valid_until=None,
    )
    for membership, role in ((anke, "Dorpsondersteuner, aanspreekpunt"), (gp, "Huisarts")):
        casework.team_add(
            acting_user=anke.user,
            membership=anke,
            client=client,
            member_membership=membership,
            role=role,
        )


def _scan(network, coordinator, today):
    """T0, open now: the village's partners answered on paper at the dorpsavond; the
    members are invited online."""
    instruments = list(Instrument.objects.filter(key="samenwerkingsscan"))
    if not instruments:
        return
    round_ = scans.round_create(
        acting_user=coordinator,
        network=network,
        label="T0",
        instruments=instruments,
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=25),
        roles=["coordinator", "core", "partner"],
        notify=False,
    )
    rng = random.Random(2027)
    items = list(scans.round_items(round_))
    rows = [
        imports.ImportRow(
            row=n + 2,
            respondent=f"formulier {n + 1}",
            role="partner",
            sector="",
            answers={item.pk: max(1, min(5, round(rng.gauss(3.3, 0.9)))) for item in items},
        )
        for n in range(4)
    ]
    imports.responses_import(acting_user=coordinator, round_=round_, rows=rows)
