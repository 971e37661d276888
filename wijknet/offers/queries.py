"""Reads for the social map: search and filters for a professional, stale offers."""

from datetime import timedelta

from django.conf import settings
from django.db.models import BooleanField, Case, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from wijknet.networks.models import Partner

from . import access
from .models import Offer

DEFAULT_STALE_AFTER_DAYS = 180


def stale_after_days() -> int:
    """After how many days without confirmation an offer counts as stale (setting
    `OFFERS_STALE_AFTER_DAYS`, default 180)."""
    return int(getattr(settings, "OFFERS_STALE_AFTER_DAYS", DEFAULT_STALE_AFTER_DAYS))


def stale_cutoff():
    return timezone.now() - timedelta(days=stale_after_days())


def active_q(today=None) -> Q:
    """Active today: started (or no start date) and not yet ended (`active_to` is the first
    day the offer no longer runs)."""
    today = today or timezone.localdate()
    return (Q(active_from__isnull=True) | Q(active_from__lte=today)) & (
        Q(active_to__isnull=True) | Q(active_to__gt=today)
    )


def is_stale(offer) -> bool:
    return offer.last_confirmed_at is None or offer.last_confirmed_at < stale_cutoff()


def is_active(offer, today=None) -> bool:
    today = today or timezone.localdate()
    return (offer.active_from is None or offer.active_from <= today) and (
        offer.active_to is None or offer.active_to > today
    )


def _base(network):
    return (
        Offer.objects.filter(network=network)
        .select_related("provider__organisation")
        .annotate(
            is_stale=Case(
                When(
                    Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=stale_cutoff()),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


def offers(
    network,
    *,
    search="",
    kind="",
    target_group="",
    age=None,
    reimbursed="",
    place="",
    provider=None,
    include_inactive=False,
):
    """Offers of a network for a professional looking for the right one for a resident."""
    qs = _base(network)
    if not include_inactive:
        qs = qs.filter(active_q())
    if search:
        qs = qs.filter(
            Q(title__icontains=search)
            | Q(description__icontains=search)
            | Q(place__icontains=search)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if target_group:
        # JSON containment is not portable to SQLite; match the quoted value in the JSON text
        # (as networks.queries does for contributions). Values are fixed choices, so no value
        # is a substring of another one's quoted form.
        qs = qs.filter(target_groups__icontains=f'"{target_group}"')
    if age is not None:
        qs = qs.filter(Q(age_min__isnull=True) | Q(age_min__lte=age)).filter(
            Q(age_max__isnull=True) | Q(age_max__gte=age)
        )
    if reimbursed == "any":
        qs = qs.exclude(reimbursed_by="none")
    elif reimbursed:
        qs = qs.filter(reimbursed_by=reimbursed)
    if place:
        qs = qs.filter(place__iexact=place)
    if provider is not None:
        qs = qs.filter(provider=provider)
    return qs.order_by("title", "pk")


def stale_offers(network):
    """Active offers not confirmed within the stale period, oldest confirmation first."""
    return (
        _base(network)
        .filter(active_q())
        .filter(Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=stale_cutoff()))
        .order_by(Coalesce("last_confirmed_at", "created_at"), "pk")
    )


def places(network) -> list[str]:
    """The places (wijk, dorp) that active offers are in, for the filter and the print list."""
    # DISTINCT in the database: a big social map has thousands of offers in a few places.
    distinct = (
        Offer.objects.filter(network=network)
        .filter(active_q())
        .exclude(place="")
        .order_by("place")
        .values_list("place", flat=True)
        .distinct()
    )
    return sorted(distinct, key=str.lower)


def offers_for_place(network, place: str):
    return offers(network, place=place).order_by("kind", "title", "pk")


def providers(network):
    """Active partners that can offer something."""
    return (
        Partner.objects.filter(network=network, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def providers_for(network, membership):
    """Providers this membership may create offers for: all, or their own organisation's."""
    qs = providers(network)
    if access.can_edit_any(membership):
        return qs
    if not access.may_edit_own_organisation(membership):
        return qs.none()
    return qs.filter(organisation_id=membership.organisation_id)
