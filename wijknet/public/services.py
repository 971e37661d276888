"""Writes of the public page: the coordinator's choices (versioned, audited)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.declarations import names
from wijknet.core.locking import save_versioned
from wijknet.core.writes import check_fields

from . import access
from . import fields as declared
from .models import PublicPage

PUBLIC_PAGE_FIELDS = names(declared.PUBLIC_PAGE_FIELDS)


@transaction.atomic
def public_page_update(
    *, acting_user, membership, network, expected_version: int, **fields
) -> PublicPage:
    """Store what the public page shows and whether it is published. `expected_version` is 0
    when it was never saved (the row is created at version 0, so two first editors cannot both
    land)."""
    check_fields(fields, PUBLIC_PAGE_FIELDS, "public page")
    if not access.can_manage_public_page(membership) or membership.network_id != network.pk:
        raise PermissionDenied
    for name in ("intro", "help_text", "contact_email"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    row, _created = PublicPage.objects.get_or_create(network=network)
    was_published = row.published
    for name, value in fields.items():
        setattr(row, name, value)
    row.updated_at = timezone.now()
    save_versioned(row, expected_version=expected_version, fields=[*fields, "updated_at"])
    if row.published and not was_published:
        action, summary = "public_page.published", _("Openbare netwerkpagina gepubliceerd")
    elif was_published and not row.published:
        action, summary = "public_page.unpublished", _("Openbare netwerkpagina offline gehaald")
    else:
        action, summary = "public_page.updated", _("Openbare netwerkpagina bijgewerkt")
    audit.record(
        actor=acting_user,
        network=network,
        action=action,
        obj=row,
        summary=summary,
        data={"fields": sorted(fields), "published": row.published},
    )
    return row
