"""Demo referrals for the network Gezond Oost: eighteen residents over the last year, from GP
practices, physiotherapy, the district nurses, the social team and mental health care to the
sports club, the buurtsportcoaches and the welfare organisation, in every stage, so the funnel
looks like a real doorstroom. All people are made up.

Called by `load_demo` (demo/management/commands/load_demo.py) after the partners and members
exist: `load_demo_referrals(network, users_by_email)`. Idempotent: does nothing when the network
already has referrals. Goes through the services, so notifications are created as usual.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from wijknet.networks.models import Membership, Partner
from wijknet.offers.models import Offer

from . import services
from .models import Referral, ReferralEvent

# Offers the referrals use; created when the social map does not have them yet.
# (provider, title, kind, description, schedule)
OFFERS = [
    (
        "Sportvereniging OVV",
        "Wandelvoetbal 60+",
        "sport",
        "Voetbal zonder rennen en zonder slidings, voor iedereen vanaf 60. Eerst drie keer "
        "gratis meedoen.",
        "dinsdag 10:00–11:30",
    ),
    (
        "Buurtsportcoaches Oosterstad",
        "Beweegmaatje",
        "bewegen",
        "Een vrijwilliger beweegt een paar weken samen met de bewoner en zoekt daarna een "
        "vaste groep in de wijk.",
        "in overleg",
    ),
    (
        "Welzijn Oost",
        "Koffie-inloop De Schakel",
        "ontmoeting",
        "Elke week koffie, een praatje en activiteiten in buurthuis De Schakel.",
        "donderdag 10:00–12:00",
    ),
]
DIRECT = "Buurtsportcoaches Oosterstad"  # referrals to the partner itself, without an offer
# The demo partner's own practice: referrals waiting for her, so the status steps can be tried.
FYSIO = "Fysiotherapie Oost"

# (days ago, referrer e-mail, offer title or DIRECT, resident, birth year, reason, goals,
#  steps: (status, days after the referral, end reason))
REFERRALS = [
    (
        330,
        "petra.de.boer",
        "Wandelvoetbal 60+",
        "Meneer A.",
        1958,
        "Diabetes type 2, beweegt weinig sinds zijn pensioen.",
        "Twee keer per week bewegen",
        [("contact", 3, ""), ("intake", 8, ""), ("gestart", 14, ""), ("actief_3m", 110, "")],
    ),
    (
        300,
        "petra.de.boer",
        "Beweegmaatje",
        "Mevrouw B.",
        1949,
        "Na een heupoperatie bang om alleen naar buiten te gaan.",
        "Zelfstandig wandelen",
        [("contact", 2, ""), ("intake", 6, ""), ("gestart", 10, ""), ("actief_3m", 105, "")],
    ),
    (
        280,
        "mohamed.bouali",
        "Wandelvoetbal 60+",
        "Meneer C.",
        1955,
        "Overgewicht en hoge bloeddruk.",
        "Afvallen, conditie verbeteren",
        [("contact", 5, ""), ("gestart", 12, ""), ("gestopt", 60, "gezondheid")],
    ),
    (
        250,
        "mohamed.bouali",
        DIRECT,
        "Mevrouw D.",
        1971,
        "Rugklachten, zoekt een passende sport.",
        "Een sport vinden die bij haar past",
        [("contact", 1, ""), ("intake", 4, ""), ("gestart", 9, ""), ("actief_3m", 100, "")],
    ),
    (
        220,
        "petra.de.boer",
        "Koffie-inloop De Schakel",
        "Meneer E.",
        1944,
        "Eenzaam sinds het overlijden van zijn vrouw.",
        "Mensen ontmoeten in de buurt",
        [("contact", 4, ""), ("niet_gestart", 10, "wil_niet")],
    ),
    (
        200,
        "partner",
        "Beweegmaatje",
        "Mevrouw F.",
        1962,
        "Na de fysiotherapie zelf verder bewegen.",
        "Blijven bewegen na de behandeling",
        [("contact", 2, ""), ("intake", 5, ""), ("gestart", 8, ""), ("actief_3m", 99, "")],
    ),
    (
        180,
        "ahmed.yilmaz",
        "Wandelvoetbal 60+",
        "Meneer G.",
        1960,
        "Overgewicht; dieetadvies loopt.",
        "Bewegen naast het dieet",
        [("contact", 6, ""), ("intake", 9, ""), ("gestart", 15, "")],
    ),
    (
        150,
        "linda.mulder",
        "Koffie-inloop De Schakel",
        "Mevrouw H.",
        1952,
        "Weinig sociale contacten, schulden zijn geregeld.",
        "Een vaste plek in de week",
        [("contact", 3, ""), ("intake", 7, ""), ("gestart", 7, ""), ("actief_3m", 98, "")],
    ),
    (
        120,
        "mirjam.groen",
        DIRECT,
        "Meneer I.",
        1947,
        "Valt vaker; balans en kracht gaan achteruit.",
        "Valpreventie",
        [("contact", 2, ""), ("niet_gestart", 20, "past_niet")],
    ),
    (
        100,
        "petra.de.boer",
        "Beweegmaatje",
        "Mevrouw J.",
        1966,
        "Somberheid, wil graag meer naar buiten.",
        "Elke dag een half uur buiten",
        [("contact", 1, ""), ("intake", 3, ""), ("gestart", 6, "")],
    ),
    (
        80,
        "mohamed.bouali",
        "Wandelvoetbal 60+",
        "Meneer K.",
        1957,
        "COPD, conditie gaat achteruit.",
        "Conditie op peil houden",
        [("niet_gestart", 14, "geen_contact")],
    ),
    (
        60,
        "linda.mulder",
        DIRECT,
        "Mevrouw L.",
        1975,
        "Artrose in de knieën, zoekt beweging zonder pijn.",
        "Zwemmen of fietsen",
        [("contact", 2, ""), ("intake", 5, ""), ("gestart", 11, "")],
    ),
    (
        40,
        "rachid.amrani",
        "Koffie-inloop De Schakel",
        "Meneer M.",
        1980,
        "Herstel na een depressie, weinig dagstructuur.",
        "Structuur en contact",
        [("contact", 3, ""), ("intake", 6, "")],
    ),
    (
        25,
        "petra.de.boer",
        "Wandelvoetbal 60+",
        "Meneer N.",
        1953,
        "Prediabetes.",
        "Bewegen om diabetes te voorkomen",
        [("contact", 2, "")],
    ),
    (
        12,
        "partner",
        "Beweegmaatje",
        "Mevrouw O.",
        1941,
        "Woont alleen, komt weinig buiten.",
        "Samen wandelen",
        [("contact", 1, "")],
    ),
    (
        4,
        "mohamed.bouali",
        DIRECT,
        "Meneer P.",
        1968,
        "Wil afvallen en zoekt een sportclub.",
        "Lid worden van een club",
        [],
    ),
    (
        18,
        "mohamed.bouali",
        FYSIO,
        "Mevrouw Q.",
        1950,
        "Twee keer gevallen dit jaar; loopt onzeker.",
        "Veilig zelf boodschappen doen",
        [("contact", 2, "")],
    ),
    (
        6,
        "petra.de.boer",
        FYSIO,
        "Meneer R.",
        1946,
        "Knieprothese, wil weer fietsen.",
        "Weer naar de markt fietsen",
        [],
    ),
]


def _email(short: str) -> str:
    return f"{short}@demo.wijknet.nl"


def _offers(network) -> dict[str, Offer]:
    partners = {
        p.organisation.name: p
        for p in Partner.objects.filter(network=network).select_related("organisation")
    }
    found = {}
    for provider, title, kind, description, schedule in OFFERS:
        offer = Offer.objects.filter(network=network, title=title).order_by("pk").first()
        if offer is None:
            offer = Offer.objects.create(
                network=network,
                provider=partners[provider],
                title=title,
                kind=kind,
                description=description,
                schedule=schedule,
                place="Oosterstad-Oost",
                last_confirmed_at=timezone.now(),
            )
        found[title] = offer
    found[DIRECT] = partners[DIRECT]
    found[FYSIO] = partners[FYSIO]
    return found


def _membership(network, user):
    return Membership.objects.select_related("organisation").get(
        network=network, user=user, ended_at__isnull=True
    )


def _receiver(network, partner):
    """A member of the receiving organisation who may update referrals."""
    for membership in (
        Membership.objects.filter(
            network=network, ended_at__isnull=True, organisation=partner.organisation
        )
        .select_related("user", "organisation")
        .order_by("pk")
    ):
        if membership.can("make_referrals"):
            return membership
    raise LookupError(f"no member of {partner.organisation.name} can receive referrals")


@transaction.atomic
def load_demo_referrals(network, users_by_email=None) -> int:
    """Create the demo referrals; returns how many were made."""
    users_by_email = dict(users_by_email or {})
    User = get_user_model()
    now = timezone.now()
    with scope(network=network):
        if Referral.objects.filter(network=network).exists():
            return 0
        targets = _offers(network)
        made = 0
        for index, (days_ago, short, target, name, year, reason, goals, steps) in enumerate(
            REFERRALS
        ):
            email = _email(short)
            user = users_by_email.get(email) or User.objects.get(email=email)
            chosen = targets[target]
            is_offer = isinstance(chosen, Offer)
            referral = services.referral_create(
                acting_user=user,
                membership=_membership(network, user),
                network=network,
                offer=chosen if is_offer else None,
                receiving_partner=None if is_offer else chosen,
                resident_name=name,
                resident_contact=f"06-2000 {1000 + index * 37}",
                resident_birth_year=year,
                consent_given=True,
                reason=reason,
                goals=goals,
            )
            created = now - timedelta(days=days_ago, hours=index % 5)
            Referral.objects.filter(pk=referral.pk).update(
                created_at=created, consent_recorded_at=created
            )
            ReferralEvent.objects.filter(referral=referral).update(at=created)
            receiver = _receiver(network, referral.receiving_partner)
            for status, offset, end_reason in steps:
                referral = Referral.objects.select_related(
                    "receiving_partner__organisation", "offer", "network", "referrer"
                ).get(pk=referral.pk)
                services.referral_update_status(
                    acting_user=receiver.user,
                    membership=receiver,
                    referral=referral,
                    status=status,
                    expected_version=referral.version,
                    at=min(created + timedelta(days=offset, hours=2), now),
                    end_reason=end_reason,
                )
            made += 1
        return made
