"""Writing the access log, and appointing privacy officers (four eyes).

`record_access` is called by every view or service that touches client data, inside the same
transaction as the action: when the record cannot be written, the action fails with it.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from wijknet.core import audit, joined
from wijknet.networks.models import Membership

from . import access
from .models import AccessLogRecord, Action, OfficerAppointment

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
    as_role: str = "",
    _alone: bool = False,
) -> AccessLogRecord:
    """Write one access log record. Must run inside the caller's transaction.atomic.

    `consent` is any object with `.uuid` and `.purpose` (the ground of the access); None when
    there is none (e.g. the recording professional creating the client). `detail` is a short
    description of what was done, never client content. `as_role` ("resident",
    "mantelzorger") records a resident or mantelzorger acting on their own record (issue 15):
    no network membership, no organisation.
    """
    if not (_alone or transaction.get_connection().in_atomic_block):
        raise RuntimeError("record_access() must be called inside transaction.atomic()")
    if action not in Action.values:
        raise ValueError(f"Unknown access log action {action!r}")
    if not category:
        raise ValueError("An access log record needs a data category")
    membership = None if as_role else _membership_for(user, network, request)
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    if consent is not None and not purpose:
        purpose = str(getattr(consent, "purpose", "") or "")
    user_agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    record = AccessLogRecord(
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
        role=as_role or (membership.role if membership is not None else ""),
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
    # One INSERT written once per process (core/joined.py): this runs on every read of client
    # data, and the record's save() only guards against changes to an existing row.
    # A list's record written alone is not waited for on its way to disk
    # (settings.ACCESS_LOG_FLUSH_LISTS; record_list).
    return joined.insert(record, flush=not _alone or settings.ACCESS_LOG_FLUSH_LISTS)


def record_list(*, user, network, category: str, label: str, count: int, request=None):
    """A page that lists several people (a list of clients, of matches): one SEARCH record
    without a person, with the number shown — never the names (each person's own page is
    logged when opened).

    A list only reads, so its record is its only write: it may be written on its own, outside
    a transaction (one INSERT, committed by itself; a transaction around it would add two
    round trips to every list of client data). The page still fails when it cannot be
    written: the caller sends nothing it has not logged.

    On PostgreSQL that INSERT commits without waiting for the disk (core.joined.
    unflushed_commit): waiting for the flush took a third of the throughput of the client and
    referral lists (docs/performance.md, session 9). The record is committed before the page
    is sent; only a crash of the database server within a fraction of a second could lose it.
    `ACCESS_LOG_FLUSH_LISTS=1` makes these records wait for the disk like every other write
    (docs/privacy.md)."""
    return record_access(
        user=user,
        network=network,
        client_uuid=None,
        action=Action.SEARCH,
        category=category,
        request=request,
        detail=f"{label}: {count}",
        _alone=True,
    )


# --- appointing privacy officers: four eyes ------------------------------------------------
#
# A privacy officer reads the access log, also of the coordinators' own actions. So no
# coordinator appoints one alone: one coordinator proposes, a DIFFERENT coordinator — not the
# proposer and not the appointee — confirms. Both steps are audited and stay visible on the
# officers page (OfficerAppointment). Withdrawing an appointment takes away a power and needs
# one coordinator.


def _acting_membership(acting_user, network_id):
    with scopes_disabled():
        return (
            Membership.objects.filter(
                network_id=network_id, user=acting_user, ended_at__isnull=True
            )
            .select_related("organisation")
            .order_by("-created_at")
            .first()
        )


def _require_coordinator(acting_user, network_id):
    acting = _acting_membership(acting_user, network_id)
    if not access.may_designate_privacy_officers(acting):
        raise PermissionDenied(_("Alleen een coördinator wijst privacyfunctionarissen aan."))
    return acting


def coordinators(network_id) -> list:
    """The current memberships that may take part in an appointment (coordinators)."""
    with scopes_disabled():
        current = Membership.objects.filter(network_id=network_id, ended_at__isnull=True).order_by(
            "pk"
        )
        return [m for m in current if access.may_designate_privacy_officers(m)]


@transaction.atomic
def privacy_officer_propose(*, acting_user, membership: Membership) -> OfficerAppointment:
    """Step 1 of 2: a coordinator proposes a member as privacy officer."""
    acting = _require_coordinator(acting_user, membership.network_id)
    # Lock the member's row: two proposals at once cannot both pass the check.
    with scopes_disabled():
        membership = (
            Membership.objects.select_for_update()
            .select_related("user", "network")
            .get(pk=membership.pk)
        )
        open_exists = OfficerAppointment.objects.filter(
            membership=membership, outcome=OfficerAppointment.Outcome.OPEN
        ).exists()
    refusal = access.proposal_refusal(acting, membership, coordinators(membership.network_id))
    if not refusal and open_exists:
        refusal = _(
            "Er staat al een voorstel open voor %(name)s; een andere coördinator moet het "
            "bevestigen of afwijzen."
        ) % {"name": membership.user}
    if refusal:
        raise ValidationError(refusal)
    with scopes_disabled():
        appointment = OfficerAppointment.objects.create(
            network=membership.network, membership=membership, proposed_by=acting_user
        )
    audit.record(
        actor=acting_user,
        network=membership.network,
        action="membership.privacy_officer_proposed",
        obj=membership,
        summary=_("%(name)s voorgesteld als privacyfunctionaris (wacht op bevestiging)")
        % {"name": membership.user},
        data={"appointment": str(appointment.uuid)},
    )
    return appointment


@transaction.atomic
def privacy_officer_decide(
    *, acting_user, appointment: OfficerAppointment, confirm: bool
) -> OfficerAppointment:
    """Step 2 of 2: another coordinator confirms (the member becomes privacy officer) or
    rejects the proposal. Any coordinator may reject (the proposer withdraws it that way)."""
    acting = _require_coordinator(acting_user, appointment.network_id)
    with scopes_disabled():
        appointment = (
            OfficerAppointment.objects.select_for_update()
            .select_related("membership__user", "network")
            .get(pk=appointment.pk)
        )
    if confirm:
        refusal = access.confirmation_refusal(acting, appointment)
    else:
        refusal = "" if appointment.is_open else _("Over dit voorstel is al besloten.")
    if refusal:
        raise ValidationError(refusal)
    membership = appointment.membership
    appointment.outcome = (
        OfficerAppointment.Outcome.CONFIRMED if confirm else OfficerAppointment.Outcome.REJECTED
    )
    appointment.decided_by = acting_user
    appointment.decided_at = timezone.now()
    with scopes_disabled():
        appointment.save(update_fields=["outcome", "decided_by", "decided_at"])
        if confirm:
            membership.is_privacy_officer = True
            membership.save(update_fields=["is_privacy_officer"])
    audit.record(
        actor=acting_user,
        network=appointment.network,
        action=(
            "membership.privacy_officer_confirmed"
            if confirm
            else "membership.privacy_officer_rejected"
        ),
        obj=membership,
        summary=(
            _("Aanwijzing van %(name)s als privacyfunctionaris bevestigd")
            if confirm
            else _("Voorstel om %(name)s privacyfunctionaris te maken afgewezen")
        )
        % {"name": membership.user},
        data={"appointment": str(appointment.uuid), "proposed_by": appointment.proposed_by_id},
    )
    return appointment


@transaction.atomic
def privacy_officer_withdraw(*, acting_user, membership: Membership) -> Membership:
    """Withdraw an appointment: takes a power away, so one coordinator suffices."""
    _require_coordinator(acting_user, membership.network_id)
    if not membership.is_privacy_officer:
        return membership
    membership.is_privacy_officer = False
    membership.save(update_fields=["is_privacy_officer"])
    audit.record(
        actor=acting_user,
        network=membership.network,
        action="membership.privacy_officer_unset",
        obj=membership,
        summary=_("%(name)s is geen privacyfunctionaris meer") % {"name": membership.user},
    )
    return membership
