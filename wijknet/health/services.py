"""Writes of the health monitor: acknowledging a signal and changing the thresholds."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.declarations import names
from wijknet.core.locking import save_versioned
from wijknet.core.writes import check_fields

from . import fields as declared
from .models import (
    AckStatus,
    AsOfEvaluation,
    DeclinedPartner,
    HealthSettings,
    SignalAcknowledgement,
    SignalEpisode,
    WorkingGroup,
    WorkingGroupMember,
)
from .rules import DEFAULTS, Signal


@transaction.atomic
def signal_acknowledge(
    *, acting_user, network, signal: Signal, status: str, reason: str = ""
) -> SignalAcknowledgement:
    """Mark this state of a signal as seen or not applicable (with a reason). The signal
    returns when its evidence, and so its fingerprint, changes."""
    if status not in AckStatus.values:
        raise ValueError(f"unknown status {status!r}")
    reason = reason.strip()
    if status == AckStatus.NOT_APPLICABLE and not reason:
        raise ValidationError(_("Geef een reden waarom dit signaal niet van toepassing is."))
    ack, _created = SignalAcknowledgement.objects.update_or_create(
        network=network,
        code=signal.code,
        fingerprint=signal.fingerprint,
        defaults={"status": status, "reason": reason, "by": acting_user},
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="health.signal_acknowledged",
        obj=ack,
        summary=f"{signal.title}: {AckStatus(status).label}",
        data={"code": signal.code, "status": status, "reason": reason},
    )
    return ack


def _clean(overrides: dict) -> dict:
    cleaned = {}
    for key, value in overrides.items():
        if key not in DEFAULTS:
            raise ValidationError(_("Onbekende drempel: %(key)s") % {"key": key})
        kind = type(DEFAULTS[key])
        try:
            number = kind(value)
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Ongeldige waarde voor %(key)s") % {"key": key}) from error
        if number < 0:
            raise ValidationError(_("Ongeldige waarde voor %(key)s") % {"key": key})
        if number != DEFAULTS[key]:
            cleaned[key] = number
    return cleaned


@transaction.atomic
def health_settings_update(
    *, acting_user, network, overrides: dict, expected_version: int
) -> HealthSettings:
    """Store the thresholds that differ from the defaults (only known keys, no negatives).

    `expected_version` is the version the editor's form showed: 0 when the thresholds were never
    saved (the row is created at version 0, so two first editors cannot both land).
    """
    cleaned = _clean(overrides)
    row, _created = HealthSettings.objects.get_or_create(network=network)
    before = dict(row.overrides)
    row.overrides = cleaned
    row.updated_by = acting_user
    row.updated_at = timezone.now()  # save_versioned uses update(), which skips auto_now
    save_versioned(
        row, expected_version=expected_version, fields=["overrides", "updated_by", "updated_at"]
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="health.settings_updated",
        obj=row,
        summary=_("Drempels van de signalen gewijzigd"),
        data={"before": before, "after": cleaned},
    )
    return row


# --- the network's history the monitor reads (network file; no form yet) --------------------

DECLINED_FIELDS = names(declared.DECLINED_FIELDS)
WORKING_GROUP_FIELDS = names(declared.WORKING_GROUP_FIELDS)
WORKING_GROUP_MEMBER_FIELDS = names(declared.WORKING_GROUP_MEMBER_FIELDS)


def _check_dates(start, end, field: str) -> None:
    if start and end and end < start:
        raise ValidationError({field: _("Deze datum ligt vóór de startdatum.")})


@transaction.atomic
def declined_partner_create(*, acting_user, network, **fields) -> DeclinedPartner:
    """Record that an organisation was asked to take part and declined (with its reason)."""
    check_fields(fields, DECLINED_FIELDS, "declined partner")
    _check_dates(fields.get("asked_on"), fields.get("declined_on"), "declined_on")
    row = DeclinedPartner(network=network, **fields)
    row.full_clean(exclude=["network"])
    row.save()
    audit.record(
        actor=acting_user,
        network=network,
        action="health.declined_partner_recorded",
        obj=row,
        summary=_("%(organisation)s heeft afgezegd") % {"organisation": row.organisation},
    )
    return row


@transaction.atomic
def working_group_create(*, acting_user, network, **fields) -> WorkingGroup:
    check_fields(fields, WORKING_GROUP_FIELDS, "working group")
    _check_dates(fields.get("started_on"), fields.get("ended_on"), "ended_on")
    group = WorkingGroup(network=network, **fields)
    group.full_clean(exclude=["network"])
    group.save()
    audit.record(
        actor=acting_user,
        network=network,
        action="health.working_group_recorded",
        obj=group,
        summary=_("Werkgroep %(name)s vastgelegd") % {"name": group.name},
    )
    return group


@transaction.atomic
def working_group_member_add(*, acting_user, group, **fields) -> WorkingGroupMember:
    """One person's period in a working group."""
    check_fields(fields, WORKING_GROUP_MEMBER_FIELDS, "working group member")
    _check_dates(fields.get("joined_on"), fields.get("left_on"), "left_on")
    member = WorkingGroupMember(network_id=group.network_id, group=group, **fields)
    member.full_clean(exclude=["network", "group"])
    member.save()
    audit.record(
        actor=acting_user,
        network=group.network,
        action="health.working_group_member_recorded",
        obj=member,
        summary=_("%(name)s in werkgroep %(group)s") % {"name": member.name, "group": group.name},
    )
    return member


@transaction.atomic
def signal_history_record(*, network, signals: list[Signal], today) -> None:
    """Bring the signal history up to date with this evaluation: open an episode for each
    signal not raised before, close the open episodes whose signal is gone. Three queries
    whatever the number of signals (no per-signal query). Written by the analysis task, not a
    person: no audit event (it would make the analyses stale again)."""
    current = {}
    for signal in signals:
        current.setdefault(signal.identity, signal)
    open_rows = dict(
        SignalEpisode.objects.filter(network=network, cleared_on__isnull=True).values_list(
            "identity", "pk"
        )
    )
    gone = [pk for identity, pk in open_rows.items() if identity not in current]
    if gone:
        SignalEpisode.objects.filter(network=network, pk__in=gone).update(cleared_on=today)
    SignalEpisode.objects.bulk_create(
        [
            SignalEpisode(
                network=network,
                code=signal.code,
                identity=identity,
                title=signal.title_msg.as_json(),
                severity=signal.severity,
                raised_on=today,
            )
            for identity, signal in current.items()
            if identity not in open_rows
        ]
    )


def as_of_requested(*, network, day, at) -> None:
    """Note that a page asked for the signals of `day` (so it asks the worker once)."""
    AsOfEvaluation.objects.update_or_create(
        network=network, as_of=day, defaults={"requested_at": at}
    )


@transaction.atomic
def as_of_store(*, network, day, signals: list[Signal], generation: int) -> None:
    """Store the signals of `day` (derived data, written by the task: no audit event) and keep
    only the most recent `monitor.AS_OF_KEPT` dates of the network."""
    from .monitor import AS_OF_KEPT

    AsOfEvaluation.objects.update_or_create(
        network=network,
        as_of=day,
        defaults={
            "data": [s.as_dict() for s in signals],
            "generation": generation,
            "computed_at": timezone.now(),
            "requested_at": None,
        },
    )
    keep = (
        AsOfEvaluation.objects.filter(network=network)
        .order_by(F("computed_at").desc(nulls_first=True), "-pk")
        .values_list("pk", flat=True)[:AS_OF_KEPT]
    )
    AsOfEvaluation.objects.filter(network=network).exclude(pk__in=list(keep)).delete()
