"""Reads for the social map: search and filters for a professional, stale offers."""

from datetime import timedelta

from django.conf import settings
from django.db.models import BooleanField, Case, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_scopes import scopes_disabled

from wijknet.networks.models import Organisation, Partner

from . import access, taxonomy
from .models import Offer, ReimbursedBy, SocialMapSettings

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


def _base(network, cutoff=None):
    cutoff = cutoff or stale_cutoff()
    return (
        Offer.objects.filter(network=network)
        .select_related("provider__organisation")
        .annotate(
            is_stale=Case(
                When(
                    Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=cutoff),
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
    return filter_offers(
        _base(network),
        search=search,
        kind=kind,
        target_group=target_group,
        age=age,
        reimbursed=reimbursed,
        place=place,
        provider=provider,
        include_inactive=include_inactive,
    ).order_by("title", "pk")


def filter_offers(
    qs,
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
    """The social map's filters on a queryset of offers (the web's list and the API's)."""
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
    return qs


def stale_offers(network, *, today=None, cutoff=None):
    """Active offers (on `today`) not confirmed since `cutoff` (default: the stale period
    before now), oldest confirmation first."""
    cutoff = cutoff or stale_cutoff()
    return (
        _base(network, cutoff)
        .filter(active_q(today))
        .filter(Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=cutoff))
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


# --- HSDS ----------------------------------------------------------------------------------


def social_map_settings(network) -> SocialMapSettings | None:
    return SocialMapSettings.objects.filter(network=network).first()


def hsds_settings_by_slug(slug: str) -> SocialMapSettings | None:
    """The social-map settings of the network with this slug, with the network (one query).
    The public HSDS API runs before any scope exists (this decides it), hence
    scopes_disabled, filtered by the slug; `access.may_read_hsds` decides."""
    with scopes_disabled():
        return (
            SocialMapSettings.objects.select_related("network").filter(network__slug=slug).first()
        )


def _term_q(code: str) -> Q | None:
    """Offers with a term of the `wijknet` taxonomy (a parent term: any of its children)."""
    group, _sep, value = code.partition("/")
    if group == taxonomy.KIND:
        return Q(kind=value) if value else Q()
    if group == taxonomy.GROUP:
        # A JSON list of strings holds a quote only when it is not empty.
        return Q(target_groups__icontains=f'"{value}"' if value else '"')
    if group == taxonomy.REIMBURSED:
        return Q(reimbursed_by=value) if value else ~Q(reimbursed_by=ReimbursedBy.NONE)
    return None


def hsds_offers(
    network,
    *,
    search="",
    taxonomy_term_id="",
    organization_id=None,
    modified_after=None,
    located=False,
):
    """What the social map shows publicly (active offers), filtered as the HSDS API asks:
    free text, a term of the `wijknet` taxonomy (by its id; unknown → nothing), an
    organisation (its uuid), changed on or after a moment (the last confirmation or edit,
    else the creation), only offers with a location."""
    qs = offers(network, search=search)
    if taxonomy_term_id:
        code = taxonomy.by_id().get(taxonomy_term_id)
        q = _term_q(code) if code else None
        if q is None:
            return qs.none()
        qs = qs.filter(q)
    if organization_id is not None:
        qs = qs.filter(provider__organisation__uuid=organization_id)
    if modified_after is not None:
        qs = qs.annotate(modified=Coalesce("last_confirmed_at", "created_at")).filter(
            modified__gte=modified_after
        )
    if located:
        qs = qs.filter(~Q(address="") | ~Q(place="") | Q(latitude__isnull=False))
    return qs


def hsds_organisations(network, offer_qs):
    """The organisations that provide at least one of these offers, by name."""
    return Organisation.objects.filter(
        network=network, pk__in=offer_qs.values("provider__organisation_id")
    ).order_by("name", "pk")
