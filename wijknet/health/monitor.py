"""The health monitor: evaluate a network's rules and attach the coordinator's
acknowledgements.

Evaluating reads the whole network (and its collaboration graph), so requests never do it:
`compute` runs in a task (core.analysis, after changes and nightly) and stores the signals;
pages read them with `stored_signals`/`top_signals`, attaching the acknowledgements live (one
query), so a signal marked as seen folds away at once. The command and the weekly digest,
which are not requests, call `evaluate` directly.

Each stored evaluation also updates the signal history (`SignalEpisode`: when each signal was
first raised and when it went away). An earlier date (`evaluate(network, today=…)`, the
command's `--as-of`, the page's "zo stond het netwerk op …") evaluates the network as it stood
at the end of that day (snapshot.py says what that can and cannot undo); the page gets it from
a task too (`as_of_signals`)."""

from dataclasses import replace
from datetime import date, timedelta

from django.utils import timezone
from django_scopes import scope

from wijknet.core import analysis
from wijknet.core.analysis import Stored
from wijknet.core.models import AuditEvent

from .models import AsOfEvaluation, HealthSettings, SignalAcknowledgement, SignalEpisode
from .rules import Msg, Signal, effective_settings, run_rules, text
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
    from .services import signal_history_record

    today = timezone.localdate()
    graph = analysis.fresh_data(network, "graph")
    signals = run_rules(load_snapshot(network, today, graph), settings_for(network))
    with scope(network=network):
        signal_history_record(network=network, signals=signals, today=today)
    return {"today": today.isoformat(), "signals": [s.as_dict() for s in signals]}


# Episodes the page shows (most recent first), and as-of evaluations kept per network.
HISTORY_SHOWN = 50
AS_OF_KEPT = 12
# A page asks for an as-of evaluation again after this long without an answer (lost task).
AS_OF_RETRY = timedelta(minutes=2)


def history(network, limit: int = HISTORY_SHOWN) -> list[dict]:
    """The signal history, most recently raised first (one query): code, title (rendered in
    the reader's language), severity, raised_on, cleared_on (None while still raised)."""
    with scope(network=network):
        rows = list(
            SignalEpisode.objects.filter(network=network)
            .order_by("-raised_on", "code", "-pk")
            .values("code", "title", "severity", "raised_on", "cleared_on")[:limit]
        )
    for row in rows:
        row["title"] = text(Msg.from_json(row["title"]))
    return rows


def _generation(network) -> int:
    """The latest audit event that changes analyses (core.analysis's partial index)."""
    return (
        AuditEvent.objects.filter(network=network, analysis_relevant=True)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
        or 0
    )


def evaluate_as_of(network, day: date) -> None:
    """Evaluate and store the signals of `day` (run by `tasks.evaluate_as_of`)."""
    from .services import as_of_store

    with scope(network=network):
        generation = _generation(network)
    signals = run_rules(load_snapshot(network, day), settings_for(network))
    with scope(network=network):
        as_of_store(network=network, day=day, signals=signals, generation=generation)


def as_of_signals(network, day: date) -> tuple[bool, list[Signal]]:
    """The stored signals of `day` (ready, signals); when there are none, or the data changed
    since, ask the worker for them and say (False, []). No evaluation in the request."""
    from .services import as_of_requested
    from .tasks import evaluate_as_of as task

    def read():
        with scope(network=network):
            row = (
                AsOfEvaluation.objects.filter(network=network, as_of=day)
                .values("data", "generation", "requested_at")
                .first()
            )
            fresh = row is not None and row["data"] is not None
            return row, fresh and row["generation"] >= _generation(network)

    row, ready = read()
    if not ready:
        now = timezone.now()
        if row is None or row["requested_at"] is None or row["requested_at"] < now - AS_OF_RETRY:
            with scope(network=network):
                as_of_requested(network=network, day=day, at=now)
            task.enqueue(network_id=network.pk, day=day.isoformat())
            row, ready = read()  # the ImmediateBackend (tests) has run it already
    if not ready:
        return False, []
    return True, [Signal.from_dict(item) for item in row["data"]]


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
