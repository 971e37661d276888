"""Writing the access log, and designating privacy officers.

`record_access` is called by every view or service that touches client data, inside the same
transaction as the action: when the record cannot be written, the action fails with it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from wijknet.core import audit
from wijknet.networks import roles
from wijknet.networks.models import Membership

from .models import AccessLogRecord, Action

USER_AGENT_MAX = AccessLogRecord._meta.get_field("user_agent").max_length
DETAIL_MAX = AccessLogRecord._meta.get_field("detail").max_length
PURPOSE_MAX = AccessLogRecord._meta.get_field("purpose").max_length
CATEGORY_MAX = AccessLogRecord._meta.get_field("category").max_length
ON_BEHALF_MAX = AccessLogRecord._meta.get_field("on_behalf_of").max_length


def _membership_for(user, network, request):
    """The user's current membership of the network; the one the middleware found when the
    request is about the same user and network (saves a query), else looked up."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if request is not None:
        found = getattr(request, "membership", None)
        if (
            found is not None
            and found.network_id == network.pk
            and found.user_id == user.pk
            and found.ended_at is None
        ):
            return found
    with scopes_disabled():
        return (
            Membership.objects.filter(network=network, user=user, ended_at__isnull=True)
            .select_related("organisation")
            .order_by("-created_at")
            .first()
        )


def _ip_address(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_access(
    *,
    user,
    network,
    client_uuid,
    action: str,
    category: str,
    consent=None,
    purpose: str = "",
    request=None,
    on_behalf_of: str = "",
    detail: str = "",
) -> AccessLogRecord:
    """Write one access log record. Must run inside the caller's transaction.atomic.

    `consent` is any object with `.uuid` and `.purpose` (the ground of the access); None when
    there is none (e.g. the recording professional creating the client). `detail` is a short
    description of what was done, never client content.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_access() must be called inside transaction.atomic()")
    if action not in Action.values:
        raise ValueError(f"Unknown access log action {action!r}")
    if not category:
        raise ValueError("An access log record needs a data category")
    membership = _membership_for(user, network, request)
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    if consent is not None and not purpose:
        purpose = str(getattr(consent, "purpose", "") or "")
    user_agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return AccessLogRecord.objects.create(
        network=network,
        at=timezone.now(),
        user=user if authenticated else None,
        user_name=(user.get_full_name() or "")[:150] if authenticated else "",
        user_email=user.email if authenticated else "",
        organisation_name=(
            membership.organisation.name
            if membership is not None and membership.organisation_id
            else ""
        ),
        role=membership.role if membership is not None else "",
        on_behalf_of=on_behalf_of[:ON_BEHALF_MAX],
        client_uuid=client_uuid,
        action=action,
        category=category[:CATEGORY_MAX],
        consent_uuid=getattr(consent, "uuid", None) if consent is not None else None,
        purpose=purpose[:PURPOSE_MAX],
        ip_address=_ip_address(request),
        user_agent=user_agent[:USER_AGENT_MAX],
        detail=detail[:DETAIL_MAX],
    )


def may_designate_privacy_officers(membership) -> bool:
    return membership is not None and membership.can(roles.MANAGE_MEMBERS)


def is_privacy_officer(membership) -> bool:
    return membership is not None and membership.ended_at is None and membership.is_privacy_officer


@transaction.atomic
def privacy_officer_set(*, acting_user, membership: Membership, value: bool) -> Membership:
    """Designate (value=True) or withdraw a privacy officer. Only a coordinator of the same
    network may do this; an ended membership cannot be designated."""
    with scopes_disabled():
        acting = (
            Membership.objects.filter(
                network_id=membership.network_id, user=acting_user, ended_at__isnull=True
            )
            .order_by("-created_at")
            .first()
        )
    if not may_designate_privacy_officers(acting):
        raise PermissionDenied(_("Alleen een coördinator wijst privacyfunctionarissen aan."))
    if value and membership.ended_at is not None:
        raise ValidationError(_("Dit lidmaatschap is beëindigd."))
    if membership.is_privacy_officer == bool(value):
        return membership
    membership.is_privacy_officer = bool(value)
    membership.save(update_fields=["is_privacy_officer"])
    audit.record(
        actor=acting_user,
        network=membership.network,
        action="membership.privacy_officer_set" if value else "membership.privacy_officer_unset",
        obj=membership,
        summary=(
            _("%(name)s aangewezen als privacyfunctionaris")
            if value
            else _("%(name)s is geen privacyfunctionaris meer")
        )
        % {"name": membership.user},
    )
    return membership
