"""Writing a network's own toolbox items and deciding on offers (atomic, audited)."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.declarations import names
from wijknet.core.locking import save_versioned
from wijknet.core.writes import check_fields

from . import access, search
from .fields import OWN_ITEM_FIELDS
from .models import OWN_KINDS, ItemLink, Offer, Target, ToolboxItem

# Own items come after the shared content in the toolbox's order.
OWN_ORDER = 100_000


def _document(item: ToolboxItem) -> str:
    return "\n".join(v for v in (item.summary, item.body, item.lessons) if v)


def _apply(item: ToolboxItem, fields: dict) -> list[str]:
    """Set the fields on `item`; the phases become links. Returns the model fields set."""
    phases = fields.pop("phases", None)
    if "kind" in fields and fields["kind"] not in OWN_KINDS:
        raise ValidationError({"kind": _("Kies een praktijkverhaal, handreiking of instrument.")})
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if not item.title:
        raise ValidationError({"title": _("Geef het item een titel.")})
    item.document = _document(item)
    item._phases = phases
    return [*fields, "document"]


def _link_phases(item: ToolboxItem) -> None:
    if item._phases is None:
        return
    item.links.filter(target=Target.PHASE).delete()
    ItemLink.objects.bulk_create(
        ItemLink(item=item, target=Target.PHASE, target_key=key)
        for key in dict.fromkeys(item._phases)
    )


@transaction.atomic
def own_item_create(*, acting_user, network, **fields) -> ToolboxItem:
    check_fields(fields, names(OWN_ITEM_FIELDS), "own toolbox item")
    if not access.may_add_own(network, acting_user):
        raise PermissionDenied
    item = ToolboxItem(
        key=f"eigen-{uuid.uuid4().hex[:12]}",
        network=network,
        created_by=acting_user,
        order=OWN_ORDER,
    )
    _apply(item, dict(fields))
    if not item.source:
        item.source = network.name
    item.save()
    _link_phases(item)
    search.index_item(item)
    audit.record(
        actor=acting_user,
        network=network,
        action="toolbox.own_item_created",
        obj=item,
        summary=_("Eigen kennisbankitem %(title)s toegevoegd") % {"title": item.title},
    )
    return item


@transaction.atomic
def own_item_update(*, acting_user, network, item, expected_version: int, **fields):
    check_fields(fields, names(OWN_ITEM_FIELDS), "own toolbox item")
    if not access.may_change(item, network, acting_user):
        raise PermissionDenied
    changed = _apply(item, dict(fields))
    save_versioned(item, expected_version=expected_version, fields=changed)
    _link_phases(item)
    search.index_item(item)
    audit.record(
        actor=acting_user,
        network=network,
        action="toolbox.own_item_updated",
        obj=item,
        summary=_("Eigen kennisbankitem %(title)s bijgewerkt") % {"title": item.title},
    )
    return item


@transaction.atomic
def own_item_delete(*, acting_user, network, item) -> None:
    if not access.may_change(item, network, acting_user):
        raise PermissionDenied
    title, pk = item.title, item.pk
    audit.record(
        actor=acting_user,
        network=network,
        action="toolbox.own_item_deleted",
        obj=item,
        summary=_("Eigen kennisbankitem %(title)s verwijderd") % {"title": title},
    )
    item.delete()
    search.unindex_item(pk)


@transaction.atomic
def own_item_offer(*, acting_user, network, item) -> ToolboxItem:
    """Offer the item to the shared toolbox; a platform editor decides."""
    if not access.may_change(item, network, acting_user):
        raise PermissionDenied
    if item.offer == Offer.OFFERED:
        raise ValidationError(_("Dit item is al aangeboden; de redactie beslist erover."))
    updated = ToolboxItem.objects.filter(pk=item.pk, version=item.version).update(
        offer=Offer.OFFERED, offer_note="", version=item.version + 1
    )
    if updated != 1:
        raise ValidationError(
            _("Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw.")
        )
    item.offer, item.offer_note, item.version = Offer.OFFERED, "", item.version + 1
    audit.record(
        actor=acting_user,
        network=network,
        action="toolbox.own_item_offered",
        obj=item,
        summary=_("Kennisbankitem %(title)s aangeboden aan de gedeelde kennisbank")
        % {"title": item.title},
    )
    return item


@transaction.atomic
def offer_decide(*, acting_user, item, accept: bool, note: str = "") -> ToolboxItem:
    """A platform editor takes an offered item into the shared toolbox, or explains why not."""
    if not access.is_platform_editor(acting_user):
        raise PermissionDenied
    note = (note or "").strip()
    if not accept and not note:
        raise ValidationError({"note": _("Leg uit waarom het item niet wordt opgenomen.")})
    updated = ToolboxItem.objects.filter(pk=item.pk, offer=Offer.OFFERED).update(
        offer=Offer.ACCEPTED if accept else Offer.DECLINED,
        offer_note="" if accept else note,
        version=item.version + 1,
    )
    if updated != 1:
        raise ValidationError(_("Over dit aanbod is al beslist."))
    item.refresh_from_db()
    audit.record(
        actor=acting_user,
        network=item.network,
        action="toolbox.offer_accepted" if accept else "toolbox.offer_declined",
        obj=item,
        summary=(
            _("Kennisbankitem %(title)s opgenomen in de gedeelde kennisbank")
            if accept
            else _("Kennisbankitem %(title)s niet opgenomen")
        )
        % {"title": item.title},
    )
    return item
