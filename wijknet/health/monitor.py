"""The health monitor: evaluate a network's rules and attach the coordinator's
acknowledgements.

Evaluating reads the whole network (and its collaboration graph), so requests never do it:
`compute` runs in a task (core.analysis, after changes and nightly) and stores the signals;
pages read them with `stored_signals`/`top_signals`, attaching the acknowledgements live (one
query), so a signal marked as seen folds away at once. The command and the weekly digest,
which are not requests, call `evaluate` directly."""

from dataclasses import replace
from datetime import date

from django.utils import timezone
from django_scopes import scope

from wijknet.core import analysis
from wijknet.core.analysis import Stored

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
    return _with_acks(network, run_rules(load_snapshot(network, today), settings_for(network)))


def _with_acks(network, signals: list[Signal]) -> list[Signal]:
    with scope(network=network):
        acks = {
            (a["code"], a["fingerprint"]): a
            for a in SignalAcknowledgement.objects.filter(
                network=network, fingerprint__in={s.fingerprint for s in signals}
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


def compute(network) -> dict:
    """The network's signals as JSON, for core.analysis to store (run by a task, after the
    graph analysis: its stored result supplies the graph facts, so networkx runs once). The
    JSON holds text keys and parameters, not texts: pages render them in the reader's
    language (rules.Msg)."""
    today = timezone.localdate()
    graph = analysis.fresh_data(network, "graph")
    signals = run_rules(load_snapshot(network, today, graph), settings_for(network))
    return {"today": today.isoformat(), "signals": [s.as_dict() for s in signals]}


def stored_signals(network) -> tuple[Stored, list[Signal]]:
    """The stored signals (most severe first) with their acknowledgements, and how fresh they
    are: two queries, no evaluation."""
    stored = analysis.read(network, "health")
    # Decoded once per stored version and process (thousands of facts at 100× the demo); the
    # signals are frozen, acknowledgements make copies.
    signals = stored.derive("signals", _decode_signals)
    return stored, _with_acks(network, signals) if signals else []


def _decode_signals(data) -> list[Signal]:
    return [Signal.from_dict(row) for row in (data or {}).get("signals", [])]


def most_severe_new(signals: list[Signal], limit: int = 3) -> list[Signal]:
    """The most severe unacknowledged of these signals (the dashboard card)."""
    return [s for s in signals if not s.acknowledged][:limit]


def top_signals(network, limit: int = 3) -> list[Signal]:
    """The most severe unacknowledged stored signals."""
    return most_severe_new(stored_signals(network)[1], limit)
