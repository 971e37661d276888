"""Writes for casework. Every function is atomic, checks that the acting membership may see the
client (access.py), writes an audit event without anything that identifies the client (the audit
log is visible to coordinators) and an access-log record (NEN 7513) in the same transaction.

A consent is never edited: it can only be withdrawn (at once) or superseded by a new one.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.accesslog.models import Action
from wijknet.accesslog.services import record_access, record_list
from wijknet.core import audit
from wijknet.core.declarations import names
from wijknet.core.locking import save_versioned
from wijknet.core.writes import check_fields, require_typed_name
from wijknet.networks import roles

from . import access, queries
from . import fields as declared
from .models import (
    DEFAULT_CONSENT_TEXT,
    CarePlan,
    CareTeamMember,
    CaseConference,
    Client,
    Consent,
    ConsentText,
    Dimension,
    GivenBy,
    HealthMeasurement,
    HealthScore,
    PlanAction,
    PlanGoal,
)

# Declared once in fields.py (form, service and export share them).
CLIENT_FIELDS = names(declared.CLIENT_FIELDS)
PLAN_FIELDS = names(declared.PLAN_FIELDS)


# --- helpers ---------------------------------------------------------------------------------


def _ground(client, membership):
    """The consent grounding this membership's access; refuses who may not see the client."""
    if not access.can_see(client, membership):
        raise PermissionDenied
    return access.grounding_consent(client, membership)


def _log(*, acting_user, client, consent, action, category, request=None, detail=""):
    return record_access(
        user=acting_user,
        network=client.network,
        client_uuid=client.uuid,
        action=action,
        category=category,
        consent=consent,
        request=request,
        detail=detail,
    )


@dataclass
class _Write:
    """What a casework write tells `_logged_write` while it runs.

    `ground` is the consent that lets the acting membership see the client (None when they
    recorded the client and no consent covers them); `logged_consent` is what the access log
    names as the ground (the ground by default; a write may name the consent it just made).
    `obj` is the audited object; `summary` the audit line; `data` extra audit data.
    """

    ground: Consent | None
    summary: str
    logged_consent: Consent | None = None
    obj: object = None
    data: dict | None = None


def _write_records(
    *, acting_user, client, write: _Write, audit_action, action, category, request=None, detail=""
):
    """The audit event (nothing that identifies the client: coordinators read the audit log)
    and the access-log record (NEN 7513) of one casework write, in the caller's transaction."""
    audit.record(
        actor=acting_user,
        network=client.network,
        action=audit_action,
        obj=write.obj,
        summary=write.summary,
        data=write.data,
    )
    _log(
        acting_user=acting_user,
        client=client,
        consent=write.logged_consent,
        action=action,
        category=category,
        request=request,
        detail=detail,
    )


@contextmanager
def _logged_write(
    *,
    acting_user,
    membership,
    client,
    audit_action: str,
    summary: str,
    action: str,
    category: str,
    request=None,
    detail: str = "",
):
    """Every write about a known client goes through here, in ONE transaction:

    1. the ground: the acting membership must see the client (else PermissionDenied);
    2. the body of the `with` block does the write (it may set `obj`, `summary`, `data` and
       `logged_consent` on the yielded `_Write`);
    3. the audit event and the access-log record.

    An exception in the body rolls everything back, records included.
    """
    with transaction.atomic():
        ground = _ground(client, membership)
        write = _Write(ground=ground, summary=summary, logged_consent=ground)
        yield write
        _write_records(
            acting_user=acting_user,
            client=client,
            write=write,
            audit_action=audit_action,
            action=action,
            category=category,
            request=request,
            detail=detail,
        )


def log_read(
    *, acting_user, client, consent, category, action=Action.READ, request=None, detail=""
):
    """Log a view (or export, print) of client data; call inside the view's atomic block
    (views._LoadClient), so the page fails when the record cannot be written."""
    return _log(
        acting_user=acting_user,
        client=client,
        consent=consent,
        action=action,
        category=category,
        request=request,
        detail=detail,
    )


def log_list(*, acting_user, network, count: int, request=None):
    """The client list, as a SEARCH without a client (count only, no names)."""
    return record_list(
        user=acting_user,
        network=network,
        category="identity",
        label="clientenlijst",
        count=count,
        request=request,
    )


def _validate_client(fields):
    errors = {}
    year = fields.get("birth_year")
    this_year = timezone.localdate().year
    if year is not None and not 1900 <= year <= this_year:
        errors["birth_year"] = _("Vul een geboortejaar tussen 1900 en %(year)s in.") % {
            "year": this_year
        }
    if not (fields.get("name") or "").strip():
        errors["name"] = _("Vul de naam in.")
    if errors:
        raise ValidationError(errors)


# --- client ----------------------------------------------------------------------------------


@transaction.atomic
def client_create(*, acting_user, membership, network, request=None, **fields) -> Client:
    check_fields(fields, CLIENT_FIELDS, "client")
    if not access.may_record_clients(membership, network):
        raise PermissionDenied
    _validate_client(fields)
    client = Client.objects.create(
        network=network,
        recorded_by=acting_user,
        recorded_by_membership=membership,
        **fields,
    )
    CarePlan.objects.create(network=network, client=client)
    # No ground to check yet: the recorder sees the client they just recorded.
    _write_records(
        acting_user=acting_user,
        client=client,
        write=_Write(ground=None, summary=_("Cliënt vastgelegd"), obj=client),
        audit_action="casework.client_created",
        action=Action.CREATE,
        category="identity",
        request=request,
    )
    return client


def client_update(
    *, acting_user, membership, client, expected_version, request=None, **fields
) -> Client:
    """Correction of the client's data (AVG art. 16)."""
    check_fields(fields, CLIENT_FIELDS, "client")
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.client_updated",
        summary=_("Cliëntgegevens gecorrigeerd"),
        action=Action.UPDATE,
        category="identity",
        request=request,
    ) as write:
        _validate_client(fields)
        for name, value in fields.items():
            setattr(client, name, value)
        save_versioned(client, expected_version=expected_version, fields=list(fields))
        write.obj = client
    return client


def client_erase(*, acting_user, membership, client, confirm_name: str, request=None) -> None:
    """Erasure on the resident's request (AVG art. 17): the client and everything about them
    is deleted; the access log keeps a tombstone (that an erasure happened, not what)."""
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.client_erased",
        summary=_("Cliëntgegevens gewist op verzoek van de bewoner"),
        action=Action.DELETE,
        category="erasure",
        request=request,
    ) as write:
        if not access.may_erase(client, membership):
            raise PermissionDenied(
                _("Alleen wie de cliënt heeft vastgelegd of het aanspreekpunt mag gegevens wissen.")
            )
        require_typed_name(
            confirm_name,
            client.name,
            _("Typ de naam van de cliënt precies over om het wissen te bevestigen."),
        )
        # The tombstone names no consent: the consent is erased with the client.
        write.logged_consent = None
        write.data = {"client_pk": client.pk}
        network = client.network
        # Plain rows first so nothing PROTECTs; consents reference their text (kept: not
        # personal).
        HealthScore.objects.filter(network=network, measurement__client=client).delete()
        HealthMeasurement.objects.filter(network=network, client=client).delete()
        PlanAction.objects.filter(network=network, plan__client=client).delete()
        PlanGoal.objects.filter(network=network, plan__client=client).delete()
        CaseConference.objects.filter(network=network, client=client).delete()
        CarePlan.objects.filter(network=network, client=client).delete()
        Consent.objects.filter(network=network, client=client).update(superseded_by=None)
        Consent.objects.filter(network=network, client=client).delete()
        CareTeamMember.objects.filter(network=network, client=client).delete()
        client.delete()


def client_retention_extend(
    *, acting_user, membership, client, reason: str, request=None, now=None
) -> Client:
    """Keep a client's record past its retention period ("bewaren"): records why, and restarts
    the period (the decision counts as the last activity). Decided by whoever may erase (the
    recorder or the coordinating contact), only once the period has passed. The reason is
    encrypted and stays out of the audit and access logs (it may describe the resident)."""
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.retention_extended",
        summary=_("Bewaartermijn van een cliënt verlengd"),
        action=Action.UPDATE,
        category="retention",
        request=request,
        detail="bewaren",
    ) as write:
        if not access.may_erase(client, membership):
            raise PermissionDenied(
                _(
                    "Alleen wie de cliënt heeft vastgelegd of het aanspreekpunt beslist over het "
                    "bewaren van de gegevens."
                )
            )
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(
                {"reason": _("Schrijf op waarom de gegevens langer bewaard moeten worden.")}
            )
        now = now or timezone.now()
        if not queries.retention(client, now)["due"]:
            raise ValidationError(_("De bewaartermijn van deze cliënt is nog niet verstreken."))
        client.retention_extended_at = now
        client.retention_extended_by = acting_user
        client.retention_reason = reason
        client.save(
            update_fields=["retention_extended_at", "retention_extended_by", "retention_reason"]
        )
        write.obj = client
    return client


# --- consent ---------------------------------------------------------------------------------


def consent_text_current(network) -> ConsentText:
    """The newest consent text of the network; version 1 (the default) is created on first use."""
    text = ConsentText.objects.filter(network=network).order_by("-version").first()
    if text is None:
        try:
            with transaction.atomic():
                text = ConsentText.objects.create(
                    network=network, version=1, text=DEFAULT_CONSENT_TEXT
                )
        except IntegrityError:  # someone else created version 1 at the same moment
            text = ConsentText.objects.filter(network=network).order_by("-version").first()
    return text


@transaction.atomic
def consent_text_publish(*, acting_user, membership, network, text: str) -> ConsentText:
    """A coordinator publishes a new wording; consents given before keep the version they saw."""
    if not access.may_publish_consent_text(membership, network):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Vul de toestemmingstekst in.")})
    current = ConsentText.objects.filter(network=network).order_by("-version").first()
    version = current.version + 1 if current else 1
    published = ConsentText.objects.create(network=network, version=version, text=text.strip())
    audit.record(
        actor=acting_user,
        network=network,
        action="casework.consent_text_published",
        obj=published,
        summary=_("Toestemmingstekst versie %(version)s gepubliceerd") % {"version": version},
    )
    return published


def _validate_consent(network, fields):
    errors = {}
    organisations = list(fields.get("organisations") or [])
    if not organisations:
        errors["organisations"] = _("Kies ten minste één organisatie.")
    elif any(org.network_id != network.pk for org in organisations):
        errors["organisations"] = _("Deze organisatie hoort niet bij dit netwerk.")
    if (
        fields.get("given_by") == GivenBy.REPRESENTATIVE
        and not (fields.get("representative_name") or "").strip()
    ):
        errors["representative_name"] = _("Vul de naam van de wettelijk vertegenwoordiger in.")
    given_at, valid_until = fields.get("given_at"), fields.get("valid_until")
    if given_at and given_at > timezone.localdate():
        errors["given_at"] = _("Toestemming kan niet in de toekomst gegeven zijn.")
    if given_at and valid_until and valid_until < given_at:
        errors["valid_until"] = _("De einddatum ligt vóór de datum waarop toestemming is gegeven.")
    if errors:
        raise ValidationError(errors)


def _create_consent(*, acting_user, client, fields) -> Consent:
    _validate_consent(client.network, fields)
    organisations = fields.pop("organisations")
    consent = Consent.objects.create(
        network=client.network,
        client=client,
        consent_text=consent_text_current(client.network),
        recorded_by=acting_user,
        **fields,
    )
    consent.organisations.set(organisations)
    return consent


CONSENT_FIELDS = (
    "purpose",
    "organisations",
    "given_by",
    "representative_name",
    "method",
    "given_at",
    "valid_until",
)


def consent_record(*, acting_user, membership, client, request=None, **fields) -> Consent:
    check_fields(fields, CONSENT_FIELDS, "consent")
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.consent_recorded",
        summary="",
        action=Action.CREATE,
        category="consent",
        request=request,
    ) as write:
        consent = _create_consent(acting_user=acting_user, client=client, fields=dict(fields))
        write.obj = consent
        write.summary = _("Toestemming vastgelegd (%(purpose)s)") % {
            "purpose": consent.get_purpose_display()
        }
        write.logged_consent = write.ground or consent
    return consent


def consent_supersede(*, acting_user, membership, consent, request=None, **fields) -> Consent:
    """A new consent replaces `consent` (e.g. another organisation joins); the old one stays as
    it was given, marked as superseded."""
    client = consent.client
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.consent_superseded",
        summary=_("Toestemming vervangen door een nieuwe"),
        action=Action.CREATE,
        category="consent",
        request=request,
        detail="supersede",
    ) as write:
        consent = Consent.objects.get(pk=consent.pk, network=client.network)
        if consent.withdrawn_at is not None or consent.superseded_by_id is not None:
            raise ValidationError(_("Deze toestemming is al ingetrokken of vervangen."))
        new = _create_consent(acting_user=acting_user, client=client, fields=dict(fields))
        consent.superseded_by = new
        consent.save(update_fields=["superseded_by"])
        write.obj = new
        write.logged_consent = write.ground or new
    return new


def consent_withdraw(*, acting_user, membership, consent, request=None) -> Consent:
    """Withdrawal takes effect at once: from the next request on, the team members whose
    organisation it covered no longer see the client (unless another consent covers them)."""
    client = consent.client
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.consent_withdrawn",
        summary=_("Toestemming ingetrokken"),
        action=Action.UPDATE,
        category="consent",
        request=request,
        detail="withdraw",
    ) as write:
        updated = Consent.objects.filter(
            pk=consent.pk, network=client.network, withdrawn_at__isnull=True
        ).update(withdrawn_at=timezone.now(), withdrawn_by=acting_user)
        if updated != 1:
            raise ValidationError(_("Deze toestemming is al ingetrokken."))
        consent.refresh_from_db()
        write.obj = consent
        write.logged_consent = write.ground or consent
    return consent


# --- care team -------------------------------------------------------------------------------


def _check_team_candidate(client, target) -> None:
    """A new team member: a current member who works on cases, of an organisation that an
    active consent of the resident covers, not on the team yet."""
    if (
        target.network_id != client.network_id
        or target.ended_at is not None
        or not target.can(roles.WORK_ON_CASES)
    ):
        raise ValidationError({"membership": _("Deze persoon kan niet aan een team meedoen.")})
    if target.organisation_id is None:
        raise ValidationError(
            {
                "membership": _(
                    "Deze persoon hoort bij geen organisatie; toestemming geldt per organisatie."
                )
            }
        )
    covered = (
        access.active_consents(client.network)
        .filter(client=client, organisations=target.organisation_id)
        .exists()
    )
    if not covered:
        raise ValidationError(
            {
                "membership": _(
                    "Er is geen geldige toestemming van de bewoner voor %(organisation)s. Leg "
                    "eerst toestemming vast voor deze organisatie."
                )
                % {"organisation": target.organisation.name}
            }
        )
    if CareTeamMember.objects.filter(client=client, membership=target).exists():
        raise ValidationError({"membership": _("Deze persoon zit al in het team.")})


def team_add(
    *, acting_user, membership, client, member_membership, role: str, request=None
) -> CareTeamMember:
    """Add a professional to the team, as the resident decided. Needs an active consent that
    covers the professional's organisation. The first member becomes the coordinating contact."""
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.team_added",
        summary=_("Teamlid toegevoegd aan een casus"),
        action=Action.CREATE,
        category="team",
        request=request,
    ) as write:
        _check_team_candidate(client, member_membership)
        if not role.strip():
            raise ValidationError({"role": _("Vul de rol in het team in.")})
        first = not CareTeamMember.objects.filter(client=client).exists()
        write.obj = CareTeamMember.objects.create(
            network=client.network,
            client=client,
            membership=member_membership,
            role=role.strip(),
            is_coordinating_contact=first,
            added_by=acting_user,
        )
    return write.obj


def team_set_coordinating(*, acting_user, membership, member, request=None) -> CareTeamMember:
    """Exactly one coordinating contact per client: setting one unsets the others. Only whoever
    recorded the client or the current coordinating contact hands it on (access.may_lead_team);
    a team without a coordinating contact may pick one from any member who sees the client."""
    client = member.client
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.team_coordinating",
        summary=_("Aanspreekpunt van een casus gewijzigd"),
        action=Action.UPDATE,
        category="team",
        request=request,
    ) as write:
        has_contact = CareTeamMember.objects.filter(
            network=client.network, client=client, is_coordinating_contact=True
        ).exists()
        if has_contact and not access.may_lead_team(client, membership):
            raise PermissionDenied(
                _(
                    "Alleen wie de cliënt heeft vastgelegd of het aanspreekpunt mag het "
                    "aanspreekpunt wijzigen."
                )
            )
        CareTeamMember.objects.filter(network=client.network, client=client).exclude(
            pk=member.pk
        ).update(is_coordinating_contact=False)
        CareTeamMember.objects.filter(pk=member.pk).update(is_coordinating_contact=True)
        member.is_coordinating_contact = True
        write.obj = member
    return member


def team_remove(*, acting_user, membership, member, request=None) -> None:
    """Remove a member, by the rules of access.team_removal_refusal: oneself always; someone
    else only as the recorder or the coordinating contact; the coordinating contact only as the
    last member (hand it on first). So there is exactly one while the team is not empty."""
    client = member.client
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.team_removed",
        summary=_("Teamlid uit een casus gehaald"),
        action=Action.DELETE,
        category="team",
        request=request,
    ):
        # Lock the team's rows, so two removals at once cannot both pass the check.
        list(
            CareTeamMember.objects.select_for_update()
            .filter(network=client.network, client=client)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        member.refresh_from_db(fields=["is_coordinating_contact"])
        refusal = access.team_removal_refusal(client, membership, member)
        if refusal:
            if not access.may_remove_team_member(client, membership, member):
                raise PermissionDenied(refusal)
            raise ValidationError(refusal)
        PlanAction.objects.filter(network=client.network, responsible=member).update(
            responsible=None
        )
        member.delete()


# --- plan ------------------------------------------------------------------------------------


def plan_update(
    *, acting_user, membership, plan, expected_version: int, request=None, **fields
) -> CarePlan:
    """Save wil/kan/heb nodig/evaluatie, only if nobody saved the plan since the editor began."""
    check_fields(fields, PLAN_FIELDS, "plan")
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=plan.client,
        audit_action="casework.plan_updated",
        summary=_("Plan van een casus bijgewerkt"),
        action=Action.UPDATE,
        category="plan",
        request=request,
    ) as write:
        for name, value in fields.items():
            setattr(plan, name, value)
        # save_versioned writes with QuerySet.update(), which does not apply auto_now: set it.
        plan.updated_at = timezone.now()
        save_versioned(plan, expected_version=expected_version, fields=[*fields, "updated_at"])
        write.obj = plan
    return plan


def goal_add(*, acting_user, membership, plan, dimension: str, text: str, request=None) -> PlanGoal:
    client = plan.client
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.goal_added",
        summary=_("Doel toegevoegd aan een plan"),
        action=Action.CREATE,
        category="plan",
        request=request,
    ) as write:
        if dimension not in Dimension.values:
            raise ValidationError({"dimension": _("Kies een dimensie van Positieve Gezondheid.")})
        if not text.strip():
            raise ValidationError({"text": _("Beschrijf het doel.")})
        write.obj = PlanGoal.objects.create(
            network=client.network, plan=plan, dimension=dimension, text=text.strip()
        )
    return write.obj


def _validate_action(client, fields):
    errors = {}
    if not (fields.get("text") or "").strip():
        errors["text"] = _("Beschrijf de actie.")
    responsible = fields.get("responsible")
    if responsible is not None and responsible.client_id != client.pk:
        errors["responsible"] = _("Kies iemand uit het team van deze cliënt.")
    start, due = fields.get("starts_on"), fields.get("due_on")
    if start and due and due < start:
        errors["due_on"] = _("De einddatum ligt vóór de startdatum.")
    if errors:
        raise ValidationError(errors)


def action_add(
    *,
    acting_user,
    membership,
    plan,
    text,
    responsible=None,
    starts_on=None,
    due_on=None,
    for_resident=False,
    request=None,
) -> PlanAction:
    client = plan.client
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.action_added",
        summary=_("Actie toegevoegd aan een plan"),
        action=Action.CREATE,
        category="plan",
        request=request,
    ) as write:
        fields = {
            "text": text,
            "responsible": responsible,
            "for_resident": bool(for_resident),
            "starts_on": starts_on,
            "due_on": due_on,
        }
        _validate_action(client, fields)
        write.obj = PlanAction.objects.create(network=client.network, plan=plan, **fields)
    return write.obj


ACTION_FIELDS = names(declared.PLAN_ACTION_FIELDS)


def action_update(
    *, acting_user, membership, action, expected_version: int, request=None, **fields
) -> PlanAction:
    check_fields(fields, ACTION_FIELDS, "action")
    client = action.plan.client
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.action_updated",
        summary=_("Actie in een plan bijgewerkt"),
        action=Action.UPDATE,
        category="plan",
        request=request,
    ) as write:
        merged = {name: getattr(action, name) for name in ACTION_FIELDS} | fields
        _validate_action(client, merged)
        for name, value in fields.items():
            setattr(action, name, value)
        action.updated_at = timezone.now()  # a plan change: counts as activity for retention
        save_versioned(action, expected_version=expected_version, fields=[*fields, "updated_at"])
        write.obj = action
    return action


# --- Positive Health -------------------------------------------------------------------------


def _validate_scores(measured_on, scores: dict) -> None:
    errors = {}
    if set(scores) != set(Dimension.values):
        errors["__all__"] = _("Vul alle zes dimensies in.")
    for dimension, (score, _remark, _talk) in scores.items():
        if score is None or not 0 <= score <= 10:
            errors[f"{dimension}_score"] = _("Een score ligt tussen 0 en 10.")
    if measured_on and measured_on > timezone.localdate():
        errors["measured_on"] = _("Een meting kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)


def measurement_record(
    *, acting_user, membership, client, measured_on, filled_by, scores: dict, request=None
) -> HealthMeasurement:
    """`scores` maps every dimension to (score 0–10, remark, wants_to_talk)."""
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.measurement_recorded",
        summary=_("Meting Positieve Gezondheid vastgelegd"),
        action=Action.CREATE,
        category="positive_health",
        request=request,
    ) as write:
        measurement = measurement_store(
            client=client,
            measured_on=measured_on,
            filled_by=filled_by,
            recorded_by=acting_user,
            scores=scores,
        )
        write.obj = measurement
    return measurement


def measurement_store(*, client, measured_on, filled_by, recorded_by, scores) -> HealthMeasurement:
    """The rows of one spider web, validated. Only for services that log and audit the write
    themselves: measurement_record here, and the resident's own in residents.services."""
    _validate_scores(measured_on, scores)
    measurement = HealthMeasurement.objects.create(
        network=client.network,
        client=client,
        measured_on=measured_on,
        filled_by=filled_by,
        recorded_by=recorded_by,
    )
    HealthScore.objects.bulk_create(
        [
            HealthScore(
                network=client.network,
                measurement=measurement,
                dimension=dimension,
                score=scores[dimension][0],
                remark=(scores[dimension][1] or "").strip(),
                wants_to_talk=bool(scores[dimension][2]),
            )
            for dimension in Dimension.values
        ]
    )
    return measurement


# --- MDO -------------------------------------------------------------------------------------

CONFERENCE_FIELDS = (
    "held_on",
    "resident_present",
    "mantelzorger_present",
    "others",
    "notes",
    "fed_back_resident",
    "fed_back_mantelzorger",
    "feedback_how",
    "feedback_on",
)


def _validate_conference(client, participants, fields) -> None:
    errors = {}
    if any(p.client_id != client.pk for p in participants):
        errors["participants"] = _("Kies deelnemers uit het team van deze cliënt.")
    if fields.get("held_on") and fields["held_on"] > timezone.localdate():
        errors["held_on"] = _("Leg een MDO vast nadat het is gehouden.")
    if (fields.get("fed_back_resident") or fields.get("fed_back_mantelzorger")) and not (
        fields.get("feedback_how") or ""
    ).strip():
        errors["feedback_how"] = _("Vul in hoe de afspraken zijn teruggekoppeld.")
    if errors:
        raise ValidationError(errors)


def conference_record(
    *, acting_user, membership, client, participants, agreements, request=None, **fields
) -> CaseConference:
    """Record an MDO; each agreement (text, responsible team member, due date) becomes an
    action in the client's plan. `fields` are the CONFERENCE_FIELDS."""
    check_fields(fields, CONFERENCE_FIELDS, "conference")
    with _logged_write(
        acting_user=acting_user,
        membership=membership,
        client=client,
        audit_action="casework.conference_recorded",
        summary=_("MDO vastgelegd met %(count)s afspraken") % {"count": len(agreements)},
        action=Action.CREATE,
        category="mdo",
        request=request,
    ) as write:
        _validate_conference(client, participants, fields)
        conference = CaseConference.objects.create(
            network=client.network, client=client, recorded_by=acting_user, **fields
        )
        conference.participants.set(participants)
        plan = CarePlan.objects.get(network=client.network, client=client)
        for agreement in agreements:
            _validate_action(client, agreement)
            PlanAction.objects.create(
                network=client.network,
                plan=plan,
                conference=conference,
                text=agreement["text"].strip(),
                responsible=agreement.get("responsible"),
                due_on=agreement.get("due_on"),
                starts_on=fields.get("held_on"),
            )
        write.obj = conference
    return conference
