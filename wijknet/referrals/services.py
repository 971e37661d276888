"""Writes for referrals. Every function is atomic and audited, and gives feedback: a new
referral notifies the receiving organisation's members, every status change notifies the
referrer (terugkoppeling, as Welzijn op Recept asks).

The status pipeline lives here, in one place (`ALLOWED`): forward only; a receiver may skip a
stage (contact and intake in one conversation), never go back; *gestopt* and *niet gestart*
end a referral and need a reason.

A referred resident's data follows the rules of client data (docs/privacy.md): every write that
touches it writes one access-log record in the same transaction, keyed by the referral's UUID
(`client_uuid`), category `LOG_REFERRAL` (reads: views.py, accesslog.mixins.LoggedReadMixin).
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.accesslog.models import Action
from wijknet.accesslog.services import record_access
from wijknet.core import audit, formatting
from wijknet.core.locking import save_versioned
from wijknet.core.writes import require_typed_name
from wijknet.networks import roles
from wijknet.networks.models import Membership
from wijknet.notifications import kinds
from wijknet.notifications.services import notify

from . import access
from .models import STAGE_FIELDS, EndReason, Referral, ReferralEvent, Status

# Which status may follow which. Terminal states have no successors.
ALLOWED: dict[str, tuple[str, ...]] = {
    Status.VERWEZEN: (Status.CONTACT, Status.INTAKE, Status.GESTART, Status.NIET_GESTART),
    Status.CONTACT: (Status.INTAKE, Status.GESTART, Status.NIET_GESTART),
    Status.INTAKE: (Status.GESTART, Status.NIET_GESTART),
    Status.GESTART: (Status.ACTIEF_3M, Status.GESTOPT),
    Status.ACTIEF_3M: (),
    Status.GESTOPT: (),
    Status.NIET_GESTART: (),
}
ENDINGS = (Status.GESTOPT, Status.NIET_GESTART)
# "Nog actief na 3 maanden" can be recorded from this many days after the start on.
ACTIVE_AFTER_DAYS = 90
OLDEST_BIRTH_YEAR = 1900
# Access-log categories of a referred resident's data (the key is the referral's UUID).
LOG_REFERRAL, LOG_EXPORT, LOG_ERASURE = "referral", "export", "erasure"


def log_access(*, acting_user, referral, action, category=LOG_REFERRAL, request=None, detail=""):
    """One access-log record about this referral's resident, in the caller's transaction."""
    return record_access(
        user=acting_user,
        network=referral.network,
        client_uuid=referral.uuid,
        action=action,
        category=category,
        request=request,
        detail=detail,
    )


def next_statuses(referral: Referral) -> tuple[str, ...]:
    return ALLOWED[referral.status]


def receiving_members(network, partner) -> list:
    """Current members of the partner's organisation who can work on referrals."""
    members = (
        Membership.objects.filter(
            network=network, ended_at__isnull=True, organisation_id=partner.organisation_id
        )
        .select_related("user")
        .order_by("pk")
    )
    return [m for m in members if m.can(roles.MAKE_REFERRALS)]


# --- notifications --------------------------------------------------------------------------


def target_name(referral: Referral) -> str:
    if referral.offer_id:
        return f"{referral.offer.title} ({referral.receiving_partner.organisation.name})"
    return referral.receiving_partner.organisation.name


def detail_url(referral: Referral) -> str:
    return reverse(
        "referrals:detail",
        kwargs={"network_slug": referral.network.slug, "referral_uuid": referral.uuid},
    )


# --- writes ---------------------------------------------------------------------------------


def _validate_new(*, network, offer, receiving_partner, consent_given, birth_year, today):
    errors = {}
    if not consent_given:
        errors["consent_given"] = _(
            "Zonder toestemming van de bewoner om deze gegevens te delen met de ontvangende "
            "partner kun je niet verwijzen."
        )
    if birth_year is None or not OLDEST_BIRTH_YEAR <= birth_year <= today.year:
        errors["resident_birth_year"] = _(
            "Vul een geboortejaar in tussen %(first)s en %(last)s."
        ) % {"first": OLDEST_BIRTH_YEAR, "last": today.year}
    if offer is not None:
        if offer.network_id != network.pk:
            errors["offer"] = _("Dit aanbod hoort niet bij dit netwerk.")
        elif offer.active_to is not None and offer.active_to <= today:
            errors["offer"] = _("Dit aanbod is beëindigd; kies een ander aanbod.")
        elif receiving_partner is not None and receiving_partner.pk != offer.provider_id:
            errors["receiving_partner"] = _(
                "Bij een aanbod is de aanbieder de ontvangende partner."
            )
    elif receiving_partner is None:
        errors["receiving_partner"] = _("Kies een aanbod of een ontvangende partner.")
    if receiving_partner is not None and "receiving_partner" not in errors:
        if receiving_partner.network_id != network.pk:
            errors["receiving_partner"] = _("Deze partner hoort niet bij dit netwerk.")
        elif receiving_partner.left_on is not None:
            errors["receiving_partner"] = _("Deze partner doet niet meer mee aan het netwerk.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def referral_create(
    *,
    acting_user,
    membership,
    network,
    resident_name: str,
    resident_contact: str,
    resident_birth_year: int | None,
    consent_given: bool,
    reason: str,
    goals: str = "",
    offer=None,
    receiving_partner=None,
    request=None,
) -> Referral:
    if membership is None or not membership.can(roles.MAKE_REFERRALS):
        raise PermissionDenied(_("Je mag in dit netwerk niet verwijzen."))
    if membership.network_id != network.pk:
        raise PermissionDenied(_("Je mag in dit netwerk niet verwijzen."))
    today = timezone.localdate()
    _validate_new(
        network=network,
        offer=offer,
        receiving_partner=receiving_partner,
        consent_given=consent_given,
        birth_year=resident_birth_year,
        today=today,
    )
    if offer is not None:
        receiving_partner = offer.provider
    if not resident_name.strip() or not resident_contact.strip() or not reason.strip():
        raise ValidationError(_("Naam, contactgegevens en reden zijn verplicht."))
    organisation = membership.organisation
    now = timezone.now()
    referral = Referral.objects.create(
        network=network,
        referrer=acting_user,
        referrer_organisation=organisation,
        referrer_sector=organisation.sector if organisation else "",
        offer=offer,
        offer_kind=offer.kind if offer else "",
        receiving_partner=receiving_partner,
        resident_name=resident_name.strip(),
        resident_contact=resident_contact.strip(),
        resident_birth_year=resident_birth_year,
        consent_given=True,
        consent_recorded_at=now,
        consent_recorded_by=acting_user,
        reason=reason.strip(),
        goals=goals.strip(),
        status=Status.VERWEZEN,
        created_at=now,
    )
    ReferralEvent.objects.create(
        network=network, referral=referral, status=Status.VERWEZEN, at=now, by=acting_user
    )
    target = target_name(referral)
    audit.record(
        actor=acting_user,
        network=network,
        action="referral.created",
        obj=referral,
        # No personal details in the audit trail.
        summary=_("Verwijzing naar %(target)s") % {"target": target},
    )
    log_access(acting_user=acting_user, referral=referral, action=Action.CREATE, request=request)
    sender = organisation.name if organisation else acting_user.full_name or acting_user.email
    for member in receiving_members(network, receiving_partner):
        if member.user_id == acting_user.pk:
            continue
        notify(
            recipient=member.user,
            network=network,
            kind=kinds.REFERRAL_INCOMING,
            title=_("Nieuwe verwijzing naar %(target)s") % {"target": target},
            body=_(
                "%(sender)s heeft een bewoner naar jullie verwezen. Neem contact op en "
                "houd de status bij, zodat de verwijzer weet hoe het gaat."
            )
            % {"sender": sender},
            url=detail_url(referral),
        )
    return referral


def _as_datetime(at, now):
    return now if at is None else at


@transaction.atomic
def referral_update_status(
    *,
    acting_user,
    membership,
    referral: Referral,
    status: str,
    expected_version: int,
    at=None,
    end_reason: str = "",
    note: str = "",
    request=None,
) -> Referral:
    """The receiver moves a referral on. `at` (default now) may lie in the past, to record a
    step afterwards, but not before the previous step and not in the future."""
    if not access.is_receiver(membership, referral):
        raise PermissionDenied(_("Alleen de ontvangende partner werkt de status bij."))
    now = timezone.now()
    at = _as_datetime(at, now)
    errors = {}
    if status not in ALLOWED.get(referral.status, ()):
        if referral.is_closed:
            errors["status"] = _("Deze verwijzing is afgesloten.")
        else:
            errors["status"] = _("Van %(from)s kan de verwijzing niet naar %(to)s.") % {
                "from": referral.get_status_display(),
                "to": dict(Status.choices).get(status, status),
            }
    if status in ENDINGS:
        if end_reason not in EndReason.values:
            errors["end_reason"] = _("Geef een reden op.")
        elif end_reason == EndReason.ANDERS and not note.strip():
            errors["note"] = _("Licht de andere reden kort toe.")
    else:
        end_reason = ""
    last = referral.events.order_by("-at", "-pk").first()
    if at > now + timedelta(minutes=5):
        errors["at"] = _("De datum ligt in de toekomst.")
    elif last is not None and at < last.at:
        if timezone.localdate(at) < timezone.localdate(last.at):
            errors["at"] = _("De datum ligt vóór de vorige stap (%(date)s).") % {
                "date": formatting.day(last.at)
            }
        else:
            at = last.at  # the same day: keep the steps in order
    too_soon = (
        status == Status.ACTIEF_3M
        and referral.started_at is not None
        and at < referral.started_at + timedelta(days=ACTIVE_AFTER_DAYS)
    )
    if too_soon:
        errors["status"] = _(
            "‘Nog actief na 3 maanden’ kan pas drie maanden na de start worden vastgelegd."
        )
    if errors:
        raise ValidationError(errors)
    previous = referral.status
    referral.status = status
    fields = ["status"]
    if status in ENDINGS:
        referral.end_reason = end_reason
        referral.ended_at = at
        fields += ["end_reason", "ended_at"]
    else:
        setattr(referral, STAGE_FIELDS[status], at)
        fields.append(STAGE_FIELDS[status])
    save_versioned(referral, expected_version=expected_version, fields=fields)
    ReferralEvent.objects.create(
        network=referral.network,
        referral=referral,
        status=status,
        at=at,
        by=acting_user,
        end_reason=end_reason,
        note=note.strip(),
    )
    label = referral.get_status_display()
    target = target_name(referral)
    audit.record(
        actor=acting_user,
        network=referral.network,
        action="referral.status_changed",
        obj=referral,
        summary=_("Verwijzing naar %(target)s: %(status)s") % {"target": target, "status": label},
        data={"from": previous, "to": status},
    )
    log_access(
        acting_user=acting_user,
        referral=referral,
        action=Action.UPDATE,
        request=request,
        detail=f"{previous} → {status}",
    )
    if referral.referrer_id is not None and referral.referrer_id != acting_user.pk:
        body = _("De verwijzing van %(date)s naar %(target)s staat nu op: %(status)s.") % {
            "date": formatting.day(referral.created_at),
            "target": target,
            "status": label,
        }
        if end_reason:
            body += " " + _("Reden: %(reason)s.") % {"reason": EndReason(end_reason).label}
        notify(
            recipient=referral.referrer,
            network=referral.network,
            kind=kinds.REFERRAL_STATUS,
            title=_("Terugkoppeling: %(status)s") % {"status": label},
            body=body,
            url=detail_url(referral),
        )
    return referral


# --- the resident's rights (AVG) ------------------------------------------------------------


@transaction.atomic
def referral_erase(*, acting_user, membership, referral: Referral, confirm_name: str, request=None):
    """Erasure on the resident's request (AVG art. 17): the referral and its steps are deleted,
    so it also leaves the funnel's counts. The access log keeps a tombstone (that an erasure
    happened, not what)."""
    if not access.may_erase(membership, referral):
        raise PermissionDenied(
            _("Alleen de verwijzer of de ontvangende partner mag deze gegevens wissen.")
        )
    require_typed_name(
        confirm_name,
        referral.resident_name,
        _("Typ de naam van de bewoner precies over om het wissen te bevestigen."),
    )
    log_access(
        acting_user=acting_user,
        referral=referral,
        action=Action.DELETE,
        category=LOG_ERASURE,
        request=request,
    )
    network, pk = referral.network, referral.pk
    ReferralEvent.objects.filter(network=network, referral=referral).delete()
    referral.delete()
    audit.record(
        actor=acting_user,
        network=network,
        action="referral.erased",
        summary=_("Gegevens van een verwezen bewoner gewist op diens verzoek"),
        data={"referral_pk": pk},
    )
