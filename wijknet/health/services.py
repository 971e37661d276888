"""Writes of the health monitor: acknowledging a signal and changing the thresholds."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.locking import save_versioned

from .models import AckStatus, HealthSettings, SignalAcknowledgement
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
