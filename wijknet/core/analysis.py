"""Stored analyses of a network: derived results that are too costly for a request (graph
centrality, the health monitor's rules) are computed by a task and stored; pages only read them.

- `settings.NETWORK_ANALYSES` names the analysers: kind → `function(network) -> data` (JSON).
- A change: every write in a service records an audit event (core.audit.record). That is the
  single hook: an audit event of a network whose action is not in
  `settings.ANALYSIS_IGNORED_ACTIONS` makes the network's analyses stale (the stored
  `generation` is the id of the latest audit event seen when they were computed, so "stale" is
  one EXISTS on a partial index, nothing is written in the change's transaction) and, after
  commit, asks for a recompute.
- Debounce: `request_recompute` marks the rows `requested_at` and enqueues the task at most
  once per `ANALYSIS_DEBOUNCE_SECONDS` per network, to run that long after the first change,
  so a burst of edits costs one recompute. The task coalesces: it skips when somebody already
  computed after its request and nothing changed; when data changed while it ran, it asks again.
- Nightly, `nightly_recompute` recomputes every active network (rules depend on the date, and
  some data change without an audit event: content, imports, factories in tests).
- A page calls `read()`: one query; when nothing is stored yet or it is stale it asks for a
  recompute too (debounced), so a lost task heals itself. With the ImmediateBackend (tests)
  the task runs at once and the page shows the fresh result.
- Decoded results are kept per process (`_decoded`, a small LRU) under the row's version
  (computed_at, generation): the query sends the stored JSON only when this process does not
  hold that version yet, so a page does not transfer and decode a large result (hundreds of
  kilobytes at 100× the demo) on every request. `Stored.derive` keeps what a page builds from
  the data (the graph's lookup tables, the signals) with it. Both are read-only for pages.
"""

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, JSONField, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.module_loading import import_string
from django_scopes import scope, scopes_disabled

from .models import AuditEvent, NetworkAnalysis
from .scheduling import claim_period

logger = logging.getLogger(__name__)

# Local hour from which the nightly recompute runs (once per day).
NIGHTLY_HOUR = 2


@dataclass(frozen=True)
class Stored:
    """What a page gets: the stored data (None when nothing was computed yet), when it was
    computed, and whether a newer result is on its way."""

    data: dict | list | None
    computed_at: datetime | None
    stale: bool
    # What pages built from this version of the data (see derive); shared with the cache.
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def empty(self) -> bool:
        return self.data is None

    def derive(self, name: str, build):
        """`build(data)`, made once per process for this version of the stored data (a page's
        lookup tables or objects). The result is shared between requests: read-only."""
        if name not in self.derived:
            self.derived[name] = build(self.data)
        return self.derived[name]


# (database alias, network id, kind) -> (version, data, derived): the decoded stored results
# this process holds. Bounded; an entry is replaced when the stored version changes.
DECODED_MAX = 32
_decoded: OrderedDict = OrderedDict()
_decoded_lock = threading.Lock()


def clear_decoded() -> None:
    """Forget the decoded results (tests: ids and frozen clocks repeat between tests)."""
    with _decoded_lock:
        _decoded.clear()


def _version(row) -> tuple:
    return (row["pk"], row["computed_at"], row["generation"])


def is_ignored(action: str) -> bool:
    return action.startswith(tuple(settings.ANALYSIS_IGNORED_ACTIONS))


def _relevant_events(network):
    # Marked when recorded (audit.record): the partial index audit_analysis_changes serves this.
    return AuditEvent.objects.filter(network=network, analysis_relevant=True)


def _changed_since(network, generation: int) -> bool:
    return _relevant_events(network).filter(id__gt=generation).exists()


def _latest_event_id(network) -> int:
    return (
        AuditEvent.objects.filter(network=network)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
        or 0
    )


def _row(network, kind, known: tuple | None = None):
    # "Changed since?" as the latest relevant event id, compared in Python: an uncorrelated
    # subquery that PostgreSQL answers by a backward scan of the partial index (one row), where
    # a correlated EXISTS (id > generation) was planned as a scan of the whole table.
    # `known`: the version (pk, computed_at, generation) whose data the caller holds; the data
    # comes back only when the row is another version (NULL otherwise).
    latest = _relevant_events(network).order_by("-id").values("id")[:1]
    data = F("data")
    if known is not None and known[1] is not None:
        data = Case(
            When(pk=known[0], computed_at=known[1], generation=known[2], then=Value(None)),
            default=F("data"),
            output_field=JSONField(),
        )
    row = (
        NetworkAnalysis.objects.filter(network=network, kind=kind)
        .annotate(latest_change=Subquery(latest), payload=data)
        .values("pk", "payload", "computed_at", "requested_at", "generation", "latest_change")
        .first()
    )
    if row is not None:
        row["changed"] = (row.pop("latest_change") or 0) > row["generation"]
        row["data"] = row.pop("payload")
    return row


def _cached_row(network, kind):
    """_row with the data (and what pages derived from it) from this process's cache when it
    holds the stored version: the JSON crosses the wire and is decoded once per version."""
    key = (network._state.db or "default", network.pk, kind)
    with _decoded_lock:
        entry = _decoded.get(key)
    row = _row(network, kind, known=entry[0] if entry else None)
    if row is None or row["computed_at"] is None:
        return row, {}
    version = _version(row)
    if entry is not None and entry[0] == version:
        row["data"] = entry[1]
        derived = entry[2]
        with _decoded_lock:
            if key in _decoded:
                _decoded.move_to_end(key)
    else:
        derived = {}
        with _decoded_lock:
            _decoded[key] = (version, row["data"], derived)
            _decoded.move_to_end(key)
            while len(_decoded) > DECODED_MAX:
                _decoded.popitem(last=False)
    return row, derived


def read(network, kind: str) -> Stored:
    """The stored result of one analysis (one query when it is fresh). Asks for a recompute
    when there is none yet or the data changed since."""
    with scope(network=network):
        row, derived = _cached_row(network, kind)
        empty = row is None or row["computed_at"] is None
        if (empty or row["changed"]) and request_recompute(network, delay=not empty):
            row, derived = _cached_row(network, kind)  # the ImmediateBackend has run it already
    if row is None or row["computed_at"] is None:
        return Stored(data=None, computed_at=None, stale=True)
    return Stored(
        data=row["data"],
        computed_at=row["computed_at"],
        stale=bool(row["changed"] or row["requested_at"]),
        derived=derived,
    )


def fresh_data(network, kind: str) -> dict | list | None:
    """For an analyser that builds on an earlier one in the same recompute (settings order):
    its data when it is up to date with the network's changes, else None."""
    with scope(network=network):
        row = _row(network, kind)
    if row is None or row["computed_at"] is None or row["changed"]:
        return None
    return row["data"]


def request_recompute(network, *, force: bool = False, delay: bool = True) -> bool:
    """Ask for the network's analyses to be recomputed. Without `force` at most once per
    ANALYSIS_DEBOUNCE_SECONDS, and (with `delay`) the task runs that long from now, so it sees
    the whole burst of changes; with `force` (a coordinator's button, the nightly job) at once.
    True when a task was enqueued."""
    from .tasks import recompute_network_analysis

    now = timezone.now()
    debounce = timedelta(seconds=settings.ANALYSIS_DEBOUNCE_SECONDS)
    with scope(network=network):
        rows = NetworkAnalysis.objects.filter(network=network)
        if not force:
            rows = rows.filter(Q(requested_at__isnull=True) | Q(requested_at__lt=now - debounce))
        if not rows.update(requested_at=now):
            existing = set(
                NetworkAnalysis.objects.filter(network=network).values_list("kind", flat=True)
            )
            missing = [kind for kind in settings.NETWORK_ANALYSES if kind not in existing]
            if not missing:
                return False  # a recompute is already on its way
            NetworkAnalysis.objects.bulk_create(
                [NetworkAnalysis(network=network, kind=kind, requested_at=now) for kind in missing],
                ignore_conflicts=True,
            )
    task = recompute_network_analysis
    if delay and not force and task.get_backend().supports_defer:
        task = task.using(run_after=now + debounce)
    task.enqueue(network_id=network.pk, requested_at=now.isoformat())
    return True


def recompute(network, requested_at: datetime | None = None) -> bool:
    """Compute and store every analysis of the network (called by the task). Skips when all
    were computed after `requested_at` and nothing changed since (duplicate requests). True
    when it computed."""
    started = timezone.now()
    with scope(network=network):
        generation = _latest_event_id(network)
        if requested_at is not None:
            rows = list(
                NetworkAnalysis.objects.filter(network=network).values(
                    "kind", "computed_at", "generation"
                )
            )
            if (
                {r["kind"] for r in rows} >= set(settings.NETWORK_ANALYSES)
                and all(r["computed_at"] and r["computed_at"] >= requested_at for r in rows)
                and not _changed_since(network, min(r["generation"] for r in rows))
            ):
                NetworkAnalysis.objects.filter(
                    network=network, requested_at__lte=requested_at
                ).update(requested_at=None)
                return False
        NetworkAnalysis.objects.bulk_create(
            [NetworkAnalysis(network=network, kind=kind) for kind in settings.NETWORK_ANALYSES],
            ignore_conflicts=True,
        )
        for kind, path in settings.NETWORK_ANALYSES.items():
            begin = time.perf_counter()
            data = import_string(path)(network)
            NetworkAnalysis.objects.filter(network=network, kind=kind).update(
                data=data,
                generation=generation,
                computed_at=timezone.now(),
                duration_ms=round(1000 * (time.perf_counter() - begin)),
            )
        NetworkAnalysis.objects.filter(network=network, requested_at__lte=started).update(
            requested_at=None
        )
        changed = _changed_since(network, generation)
    if changed:
        request_recompute(network)  # a change landed while we computed
    return True


class AfterChange:
    """The on_commit callback of a change; one per network per transaction."""

    def __init__(self, network):
        self.network = network

    def __call__(self):
        request_recompute(self.network)


def note_change(network, action: str) -> None:
    """Called by core.audit.record inside the change's transaction: after commit, ask for a
    recompute (debounced). Nothing is written here."""
    if network is None or is_ignored(action):
        return
    connection = transaction.get_connection()
    if any(
        isinstance(func, AfterChange) and func.network.pk == network.pk
        for _sids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(AfterChange(network), robust=True)


def nightly_recompute(now) -> int:
    """Scheduled job: once a day from NIGHTLY_HOUR, recompute every active network (the rules
    depend on today's date). Returns how many were queued."""
    local = timezone.localtime(now)
    if local.hour < NIGHTLY_HOUR or not claim_period("network_analysis", f"{local:%Y-%m-%d}"):
        return 0
    network_model = NetworkAnalysis._meta.get_field("network").related_model
    with scopes_disabled():
        networks = list(network_model.objects.filter(status="active").order_by("pk"))
    for network in networks:
        request_recompute(network, force=True)
    return len(networks)
