"""The health monitor: evaluate a network's rules and attach the coordinator's
acknowledgements. This is the entry point for the dashboard, the command and the digest."""

from dataclasses import replace
from datetime import date

from django.utils import timezone
from django_scopes import scope

from .models import HealthSettings, SignalAcknowledgement
from .rules import Signal, effective_settings, run_rules
from .snapshot import load_snapshot


def settings_for(network) -> dict:
    with scope(network=network):
        row = HealthSettings.objects.filter(network=network).values("overrides").first()
    return effective_settings(row["overrides"] if row else None)


def settings_version(network) -> int:
    """The version of the network's thresholds an editor starts from (0: never saved)."""
    with scope(network=network):
        row = HealthSettings.objects.filter(network=network).values("version").first()
    return row["version"] if row else 0


def evaluate(network, today: date | None = None) -> list[Signal]:
    """All signals of the network, most severe first, each with its acknowledgement state
    (`ack_status` empty when nobody acknowledged this exact state of the signal)."""
    today = today or timezone.localdate()
    signals = run_rules(load_snapshot(network, today), settings_for(network))
    with scope(network=network):
        acks = {
            (a["code"], a["fingerprint"]): a
            for a in SignalAcknowledgement.objects.filter(
                network=network, fingerprint__in=[s.fingerprint for s in signals]
            )
            .order_by("at", "pk")
            .values("code", "fingerprint", "status", "reason", "by__full_name", "at")
        }
    result = []
    for signal in signals:
        ack = acks.get((signal.code, signal.fingerprint))
        if ack:
            signal = replace(
                signal,
                ack_status=ack["status"],
                ack_reason=ack["reason"],
                ack_by=ack["by__full_name"] or "",
                ack_at=ack["at"],
            )
        result.append(signal)
    return result


def new_signals(network, today: date | None = None) -> list[Signal]:
    """The signals nobody has acknowledged yet."""
    return [s for s in evaluate(network, today) if not s.acknowledged]


def top_signals(network, limit: int = 3, today: date | None = None) -> list[Signal]:
    """The most severe unacknowledged signals, for the dashboard card."""
    return new_signals(network, today)[:limit]
