"""Writes for the social map. Every function is atomic and audited.

Who may change an offer: coordinators and core members (EDIT_PARTNERS) any offer; a member with
the role *partner* only the offers of their own organisation. That rule is checked here, so no
caller can skip it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.locking import save_versioned
from wijknet.core.writes import check_fields
from wijknet.networks.models import Partner

from . import access
from .fields import OFFER_FIELDS as DECLARED_FIELDS
from .models import Offer, SocialMapSettings

# The fields the services write besides the provider (declared once in fields.py).
OFFER_FIELDS = tuple(name for name, _column in DECLARED_FIELDS if name != "provider")


def _check(membership, provider: Partner) -> None:
    if not access.can_edit_for(membership, provider):
        raise PermissionDenied(_("Je mag alleen aanbod van je eigen organisatie beheren."))


def _validate(fields: dict) -> None:
    errors = {}
    age_min, age_max = fields.get("age_min"), fields.get("age_max")
    if age_min is not None and age_max is not None and age_min > age_max:
        errors["age_max"] = _("De maximale leeftijd ligt onder de minimale leeftijd.")
    start, end = fields.get("active_from"), fields.get("active_to")
    if start and end and end < start:
        errors["active_to"] = _("De einddatum ligt vóór de startdatum.")
    if (fields.get("latitude") is None) != (fields.get("longitude") is None):
        errors["longitude"] = _("Vul beide coördinaten in, of geen van beide.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def offer_create(*, acting_user, membership, network, provider: Partner, **fields) -> Offer:
    check_fields(fields, OFFER_FIELDS, "offer")
    if provider.network_id != network.pk:
        raise ValidationError({"provider": _("Deze aanbieder hoort niet bij dit netwerk.")})
    _check(membership, provider)
    _validate(fields)
    offer = Offer.objects.create(
        network=network, provider=provider, last_confirmed_at=timezone.now(), **fields
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="offer.created",
        obj=offer,
        summary=_("Aanbod %(title)s toegevoegd") % {"title": offer.title},
    )
    return offer


@transaction.atomic
def offer_update(
    *, acting_user, membership, offer: Offer, expected_version: int, provider=None, **fields
) -> Offer:
    check_fields(fields, OFFER_FIELDS, "offer")
    _check(membership, offer.provider)
    changed = list(fields)
    if provider is not None and provider.pk != offer.provider_id:
        if provider.network_id != offer.network_id:
            raise ValidationError({"provider": _("Deze aanbieder hoort niet bij dit netwerk.")})
        _check(membership, provider)
        offer.provider = provider
        changed.append("provider")
    merged = {name: getattr(offer, name) for name in OFFER_FIELDS} | fields
    _validate(merged)
    for name, value in fields.items():
        setattr(offer, name, value)
    # Editing an offer is also confirming that it is current.
    offer.last_confirmed_at = timezone.now()
    save_versioned(offer, expected_version=expected_version, fields=[*changed, "last_confirmed_at"])
    audit.record(
        actor=acting_user,
        network=offer.network,
        action="offer.updated",
        obj=offer,
        summary=_("Aanbod %(title)s bijgewerkt") % {"title": offer.title},
        data={"fields": sorted(changed)},
    )
    return offer


@transaction.atomic
def offer_end(*, acting_user, membership, offer: Offer, active_to=None) -> Offer:
    """End an offer: from `active_to` on it is no longer shown. The row stays (history)."""
    _check(membership, offer.provider)
    today = timezone.localdate()
    active_to = active_to or today
    if offer.active_to is not None and offer.active_to <= today:
        raise ValidationError(_("Dit aanbod is al beëindigd."))
    if offer.active_from and active_to < offer.active_from:
        raise ValidationError({"active_to": _("De einddatum ligt vóór de startdatum.")})
    offer.active_to = active_to
    Offer.objects.filter(pk=offer.pk).update(active_to=active_to)
    audit.record(
        actor=acting_user,
        network=offer.network,
        action="offer.ended",
        obj=offer,
        summary=_("Aanbod %(title)s beëindigd") % {"title": offer.title},
        data={"active_to": active_to.isoformat()},
    )
    return offer


@transaction.atomic
def offer_confirm(*, acting_user, membership, offer: Offer) -> Offer:
    """The provider says: this offer is still current."""
    _check(membership, offer.provider)
    offer.last_confirmed_at = timezone.now()
    Offer.objects.filter(pk=offer.pk).update(last_confirmed_at=offer.last_confirmed_at)
    audit.record(
        actor=acting_user,
        network=offer.network,
        action="offer.confirmed",
        obj=offer,
        summary=_("Aanbod %(title)s bevestigd als actueel") % {"title": offer.title},
    )
    return offer


@transaction.atomic
def hsds_publication_set(*, acting_user, membership, network, published: bool):
    """Publish the social map as an open HSDS API, or stop publishing it."""
    if not access.can_publish_hsds(membership) or membership.network_id != network.pk:
        raise PermissionDenied(_("Alleen de kartrekker beslist over het publiceren."))
    row, _created = SocialMapSettings.objects.get_or_create(network=network)
    if row.hsds_published == published:
        return row
    row.hsds_published = published
    row.save(update_fields=["hsds_published", "updated_at"])
    audit.record(
        actor=acting_user,
        network=network,
        action="offer.hsds_published" if published else "offer.hsds_unpublished",
        obj=row,
        summary=_("Sociale kaart openbaar gemaakt als HSDS-API")
        if published
        else _("Sociale kaart niet meer openbaar als HSDS-API"),
    )
    return row
