"""Demo referrals for the network Gezond Oost: eighteen residents over the last year, from GP
practices, physiotherapy, the district nurses, the social team and mental health care to the
sports club, the buurtsportcoaches and the welfare organisation, in every stage, so the funnel
looks like a real doorstroom. All people are made up; the data are in demo.yaml.

Called by `load_demo` (demo/management/commands/load_demo.py) after the partners and members
exist: `load_demo_referrals(network, users_by_email)`. Idempotent: does nothing when the network
already has referrals. Goes through the services, so notifications are created as usual.
"""

from datetime import timedelta
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from wijknet.networks.models import Membership, Partner
from wijknet.offers.models import Offer

from . import services
from .models import Referral, ReferralEvent

# The offers the referrals use (created when the social map does not have them yet), the
# partners that receive referrals without an offer (the buurtsportcoaches, and the demo
# partner's own practice so that its status steps can be tried), and the referrals themselves.
DATA = yaml.safe_load(Path(__file__).with_name("demo.yaml").read_text(encoding="utf-8"))


def _steps(item: dict) -> list[tuple[str, int, str]]:
    """The referral's steps: (status, days after the referral, end reason); written in
    demo.yaml as "gestopt 60 gezondheid"."""
    steps = []
    for step in item["steps"]:
        status, offset, *reason = step.split()
        steps.append((status, int(offset), " ".join(reason)))
    return steps


def _email(short: str) -> str:
    return f"{short}@demo.wijknet.nl"


def _offers(network) -> dict[str, Offer]:
    partners = {
        p.organisation.name: p
        for p in Partner.objects.filter(network=network).select_related("organisation")
    }
    found = {}
    for item in DATA["offers"]:
        title = item["title"]
        offer = Offer.objects.filter(network=network, title=title).order_by("pk").first()
        if offer is None:
            offer = Offer.objects.create(
                network=network,
                provider=partners[item["provider"]],
                title=title,
                kind=item["kind"],
                description=item["description"],
                schedule=item["schedule"],
                place="Oosterstad-Oost",
                last_confirmed_at=timezone.now(),
            )
        found[title] = offer
    for name in DATA["direct"]:
        found[name] = partners[name]
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
        for index, item in enumerate(DATA["referrals"]):
            email = _email(item["referrer"])
            user = users_by_email.get(email) or User.objects.get(email=email)
            chosen = targets[item["to"]]
            is_offer = isinstance(chosen, Offer)
            referral = services.referral_create(
                acting_user=user,
                membership=_membership(network, user),
                network=network,
                offer=chosen if is_offer else None,
                receiving_partner=None if is_offer else chosen,
                resident_name=item["resident"],
                resident_contact=f"06-2000 {1000 + index * 37}",
                resident_birth_year=item["birth_year"],
                consent_given=True,
                reason=item["reason"],
                goals=item["goals"],
            )
            created = now - timedelta(days=item["days_ago"], hours=index % 5)
            Referral.objects.filter(pk=referral.pk).update(
                created_at=created, consent_recorded_at=created
            )
            ReferralEvent.objects.filter(referral=referral).update(at=created)
            receiver = _receiver(network, referral.receiving_partner)
            for status, offset, end_reason in _steps(item):
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
