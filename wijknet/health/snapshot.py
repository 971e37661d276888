"""Everything the health rules look at, read from the other apps' models in a fixed number of
queries (no per-meeting or per-partner query), so the monitor costs the same for 10 or 500
meetings.

The snapshot reads the models directly (not the other apps' services or queries) and runs under
the network's scope, so it works from a request, a management command or a task alike.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django_scopes import scope

from wijknet.actions.models import Action, ActionStatus, Goal, GoalStatus, Success
from wijknet.agreements.models import Agreement, Endorsement, FundingSource, PartnerTerms
from wijknet.meetings.models import Attendance, Decision, Meeting
from wijknet.networks.models import Membership, Partner
from wijknet.roadmap.models import Step, StepProgress, StepStatus
from wijknet.scans.models import PlannedRound, ScanRound

# How many of the most recent meetings are loaded with their attendance and agenda.
RECENT_MEETINGS = 6
# Window for chair counts, decisions, composition changes and the meeting count.
WINDOW_DAYS = 365
# The roadmap step that stands for "we evaluate the collaboration in a fixed rhythm".
EVALUATION_STEP = "verankeren-evaluatieritme"
# At most this many uncommunicated decisions are loaded (oldest first) as evidence.
MAX_DECISIONS = 50


@dataclass(frozen=True)
class PartnerInfo:
    id: int
    organisation_id: int
    name: str
    sector: str
    role: str
    joined_on: date
    left_on: date | None
    strategic: str
    tactical: str
    operational: str

    @property
    def active(self) -> bool:
        return self.left_on is None


@dataclass(frozen=True)
class CoordinatorInfo:
    user_id: int
    name: str
    organisation_id: int | None
    organisation_name: str


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    title: str
    day: date
    kind: str
    online: bool
    duration_minutes: int
    agenda_items: int
    chair_name: str
    has_reflection: bool
    # partner id → present, for the partners whose attendance was recorded
    attendance: dict[int, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class GoalInfo:
    title: str
    created_on: date
    reviewed_on: date | None
    actions: int
    open_actions: int
    measure: str = ""
    target_date: date | None = None

    @property
    def concrete(self) -> bool:
        """Seed 002 §4.3 (DementieNet): a goal is concrete with a measure (what we will see,
        with its target) and a date, not merely because it has actions."""
        return bool(self.measure.strip()) and self.target_date is not None


@dataclass(frozen=True)
class FundingInfo:
    name: str
    kind: str
    structural: bool
    starts_on: date | None
    ends_on: date | None
    amount: str


@dataclass(frozen=True)
class DecisionInfo:
    text: str
    meeting_title: str
    day: date


@dataclass(frozen=True)
class Snapshot:
    network_name: str
    network_started: date
    today: date
    partners: tuple[PartnerInfo, ...]
    coordinators: tuple[CoordinatorInfo, ...]
    members_per_role: dict[str, int]
    members_per_sector: dict[str, int]
    recent_meetings: tuple[MeetingInfo, ...]  # most recent first, up to RECENT_MEETINGS
    meetings_last_year: int
    last_meeting_on: date | None
    chair_counts: dict[str, int]  # chair name → meetings chaired in the last year
    action_owner_counts: dict[str, int]  # owner name → open actions
    open_actions_with_owner: int
    decisions_last_year: int
    uncommunicated_decisions: tuple[
        DecisionInfo, ...
    ]  # last year, oldest first, at most MAX_DECISIONS
    uncommunicated_count: int
    last_success_on: date | None
    last_shared_on: date | None
    funding: tuple[FundingInfo, ...]
    agreement_version: int | None
    agreement_on: date | None
    terms_partner_ids: frozenset[int]
    endorsement_levels: frozenset[str]
    last_scan_on: date | None
    evaluation_step_done_on: date | None
    steps_total: int
    steps_done: int
    open_goals: tuple[GoalInfo, ...]
    # From the collaboration graph: (partner name, groups that lose contact without it).
    cut_points: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()
    # (kartrekker organisation, share of partner pairs whose shortest paths run through it).
    hub_shares: tuple[tuple[str, float], ...] = ()
    # Without a current kartrekker: the last one who left (name, day); None when there never
    # was one recorded.
    last_kartrekker: tuple[str, date] | None = None
    # Where the network came from (networks.Origin, KartrekkerBase; "" when not recorded).
    origin: str = ""
    initiators: str = ""
    kartrekker_base: str = ""
    other_projects: tuple[str, ...] = ()
    # The next re-measurement planned and not opened yet (label, due date), scans.PlannedRound.
    planned_scan: tuple[str, date] | None = None

    @property
    def active_partners(self) -> tuple[PartnerInfo, ...]:
        return tuple(p for p in self.partners if p.active)

    def partner_name(self, partner_id: int) -> str:
        return next((p.name for p in self.partners if p.id == partner_id), "?")

    @property
    def joined_last_year(self) -> tuple[PartnerInfo, ...]:
        since = self.today - timedelta(days=WINDOW_DAYS)
        return tuple(p for p in self.partners if p.joined_on > since)

    @property
    def left_last_year(self) -> tuple[PartnerInfo, ...]:
        since = self.today - timedelta(days=WINDOW_DAYS)
        return tuple(p for p in self.partners if p.left_on and p.left_on > since)


def _day_end(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _local_day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def load_snapshot(network, today: date | None = None, graph: dict | None = None) -> Snapshot:
    """Read the network's data for the rules (a fixed number of queries, see the tests).

    `graph`: the collaboration graph as stored by `wijknet.graph.analysis.compute`, when the
    caller has it fresh (the recompute task); else the graph is built and analysed here."""
    today = today or timezone.localdate()
    with scope(network=network):
        return _load(network, today, graph)


def _load(network, today: date, graph: dict | None = None) -> Snapshot:
    until = _day_end(today)  # meetings up to and including today
    since = until - timedelta(days=WINDOW_DAYS)

    # 1. partners (current and former)
    partners = tuple(
        PartnerInfo(
            id=row["id"],
            organisation_id=row["organisation_id"],
            name=row["organisation__name"],
            sector=row["organisation__sector"],
            role=row["role"],
            joined_on=row["joined_on"],
            left_on=row["left_on"],
            strategic=row["commitment_strategic"],
            tactical=row["commitment_tactical"],
            operational=row["commitment_operational"],
        )
        for row in Partner.objects.filter(network=network)
        .order_by("organisation__name", "pk")
        .values(
            "id",
            "organisation_id",
            "organisation__name",
            "organisation__sector",
            "role",
            "joined_on",
            "left_on",
            "commitment_strategic",
            "commitment_tactical",
            "commitment_operational",
        )
    )

    # 2. current memberships, and the kartrekkers who left
    rows = list(
        Membership.objects.filter(Q(ended_at__isnull=True) | Q(role="coordinator"))
        .filter(network=network)
        .order_by("pk")
        .values(
            "user_id",
            "user__full_name",
            "user__email",
            "role",
            "organisation_id",
            "organisation__name",
            "organisation__sector",
            "ended_at",
        )
    )
    memberships = [m for m in rows if m["ended_at"] is None]
    former = max(
        (m for m in rows if m["ended_at"] is not None),
        key=lambda m: m["ended_at"],
        default=None,
    )
    coordinators = tuple(
        CoordinatorInfo(
            user_id=m["user_id"],
            name=m["user__full_name"] or m["user__email"],
            organisation_id=m["organisation_id"],
            organisation_name=m["organisation__name"] or "",
        )
        for m in memberships
        if m["role"] == "coordinator"
    )
    members_per_role = dict(Counter(m["role"] for m in memberships))
    members_per_sector = dict(Counter(m["organisation__sector"] or "" for m in memberships))

    # 3. the most recent meetings (with whether they have a reflection)
    meeting_rows = list(
        Meeting.objects.filter(network=network, starts_at__lt=until)
        .order_by("-starts_at", "-pk")
        .values(
            "id",
            "title",
            "kind",
            "starts_at",
            "online",
            "duration_minutes",
            "agenda",
            "chair__full_name",
            "reflection__id",
        )[:RECENT_MEETINGS]
    )
    # 4. their attendance
    attendance: dict[int, dict[int, bool]] = defaultdict(dict)
    for row in Attendance.objects.filter(
        network=network, meeting_id__in=[m["id"] for m in meeting_rows]
    ).values("meeting_id", "partner_id", "present"):
        attendance[row["meeting_id"]][row["partner_id"]] = row["present"]
    recent = tuple(
        MeetingInfo(
            id=m["id"],
            title=m["title"],
            day=_local_day(m["starts_at"]),
            kind=m["kind"],
            online=m["online"],
            duration_minutes=m["duration_minutes"],
            agenda_items=sum(1 for line in m["agenda"].splitlines() if line.strip()),
            chair_name=m["chair__full_name"] or "",
            has_reflection=m["reflection__id"] is not None,
            attendance=dict(attendance.get(m["id"], {})),
        )
        for m in meeting_rows
    )

    # 5. meeting totals
    totals = Meeting.objects.filter(network=network, starts_at__lt=until).aggregate(
        last=Max("starts_at"), last_year=Count("id", filter=Q(starts_at__gte=since))
    )

    # 6. who chaired the meetings of the last year
    chair_counts = {
        row["chair__full_name"] or row["chair__email"]: row["n"]
        for row in Meeting.objects.filter(
            network=network, starts_at__gte=since, starts_at__lt=until, chair__isnull=False
        )
        .values("chair_id", "chair__full_name", "chair__email")
        .annotate(n=Count("id"))
        .order_by("-n", "chair_id")
    }

    # 7. who owns the open actions
    owner_rows = list(
        Action.objects.filter(
            network=network,
            status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
            owner__isnull=False,
        )
        .values("owner_id", "owner__full_name", "owner__email")
        .annotate(n=Count("id"))
        .order_by("-n", "owner_id")
    )
    action_owner_counts = {r["owner__full_name"] or r["owner__email"]: r["n"] for r in owner_rows}

    # 8–9. decisions of the last year, and the ones not communicated
    decisions = Decision.objects.filter(
        network=network, meeting__starts_at__gte=since, meeting__starts_at__lt=until
    )
    decision_totals = decisions.aggregate(
        total=Count("id"), uncommunicated=Count("id", filter=Q(communicated=False))
    )
    uncommunicated = tuple(
        DecisionInfo(
            text=d["text"],
            meeting_title=d["meeting__title"],
            day=_local_day(d["meeting__starts_at"]),
        )
        for d in decisions.filter(communicated=False)
        .order_by("meeting__starts_at", "pk")
        .values("text", "meeting__title", "meeting__starts_at")[:MAX_DECISIONS]
    )

    # 10. successes
    successes = Success.objects.filter(network=network).aggregate(
        last=Max("happened_on"), shared=Max("shared_at")
    )

    # 11. funding
    funding = tuple(
        FundingInfo(
            name=f["name"],
            kind=f["kind"],
            structural=f["structural"],
            starts_on=f["starts_on"],
            ends_on=f["ends_on"],
            amount=str(f["amount"]),
        )
        for f in FundingSource.objects.filter(network=network)
        .order_by("ends_on", "name")
        .values("name", "kind", "structural", "starts_on", "ends_on", "amount")
    )

    # 12–14. the current agreement, its partner terms and endorsements
    latest = Agreement.objects.filter(network=network).order_by("-version")
    agreement = latest.values("id", "version", "created_at").first()
    latest_id = Subquery(latest.filter(network=OuterRef("network")).values("id")[:1])
    terms_partner_ids = frozenset(
        PartnerTerms.objects.filter(network=network, agreement_id=latest_id)
        .filter(~Q(roles="") | ~Q(tasks="") | Q(hours_per_month__gt=0) | Q(money__gt=0))
        .values_list("partner_id", flat=True)
    )
    endorsement_levels = frozenset(
        Endorsement.objects.filter(network=network, agreement_id=latest_id).values_list(
            "level", flat=True
        )
    )

    # 15. scans
    last_scan = ScanRound.objects.filter(network=network, opens_on__lte=today).aggregate(
        last=Max("opens_on")
    )["last"]
    planned_scan = (
        PlannedRound.objects.filter(network=network, opened_round__isnull=True)
        .order_by("due_on", "pk")
        .values_list("label", "due_on")
        .first()
    )

    # 16–17. step plan progress
    progress = list(
        StepProgress.objects.filter(network=network, step__retired=False).values(
            "step__key", "status", "updated_at"
        )
    )
    steps_total = Step.objects.filter(retired=False).count()
    evaluation = next(
        (
            p
            for p in progress
            if p["step__key"] == EVALUATION_STEP and p["status"] == StepStatus.DONE
        ),
        None,
    )

    # 18. open goals with their actions
    open_goals = tuple(
        GoalInfo(
            title=g["title"],
            created_on=_local_day(g["created_at"]),
            reviewed_on=g["reviewed_on"],
            actions=g["n_actions"],
            open_actions=g["n_open"],
            measure=g["measure"],
            target_date=g["target_date"],
        )
        for g in Goal.objects.filter(network=network, status=GoalStatus.OPEN)
        .annotate(
            n_actions=Count("actions", filter=~Q(actions__status=ActionStatus.DROPPED)),
            n_open=Count(
                "actions",
                filter=Q(actions__status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS]),
            ),
        )
        .order_by("title", "pk")
        .values(
            "title",
            "created_at",
            "reviewed_on",
            "n_actions",
            "n_open",
            "measure",
            "target_date",
        )
    )

    return Snapshot(
        network_name=network.name,
        network_started=network.start_date or _local_day(network.created_at),
        origin=network.origin,
        initiators=network.initiators,
        kartrekker_base=network.kartrekker_base,
        other_projects=tuple(network.other_project_list),
        today=today,
        partners=partners,
        coordinators=coordinators,
        members_per_role=members_per_role,
        members_per_sector=members_per_sector,
        recent_meetings=recent,
        meetings_last_year=totals["last_year"],
        last_meeting_on=_local_day(totals["last"]),
        chair_counts=chair_counts,
        action_owner_counts=action_owner_counts,
        open_actions_with_owner=sum(r["n"] for r in owner_rows),
        decisions_last_year=decision_totals["total"],
        uncommunicated_decisions=uncommunicated,
        uncommunicated_count=decision_totals["uncommunicated"],
        last_success_on=successes["last"],
        last_shared_on=_local_day(successes["shared"]),
        funding=funding,
        agreement_version=agreement["version"] if agreement else None,
        agreement_on=_local_day(agreement["created_at"]) if agreement else None,
        terms_partner_ids=terms_partner_ids,
        endorsement_levels=endorsement_levels,
        last_scan_on=last_scan,
        planned_scan=tuple(planned_scan) if planned_scan else None,
        evaluation_step_done_on=_local_day(evaluation["updated_at"]) if evaluation else None,
        steps_total=steps_total,
        steps_done=sum(1 for p in progress if p["status"] == StepStatus.DONE),
        open_goals=open_goals,
        last_kartrekker=(
            (former["user__full_name"] or former["user__email"], _local_day(former["ended_at"]))
            if former and not coordinators
            else None
        ),
        **(_stored_graph_facts(graph) if graph is not None else _graph_facts(network)),
    )


def _graph_facts(network) -> dict:
    """Cut points and the kartrekker's share, from the collaboration graph (3 queries)."""
    from wijknet.graph import queries as graph_queries
    from wijknet.graph.analysis import analyse

    graph = graph_queries.collaboration_graph(network)
    hubs = graph_queries.kartrekker_partners(network)
    result = analyse(graph, hubs)
    return {
        "cut_points": tuple(
            (cut.name, tuple(tuple(part) for part in cut.parts)) for cut in result.cut_points
        ),
        "hub_shares": tuple(
            (graph.nodes[hub]["name"], share) for hub, share in sorted(result.hub_share.items())
        ),
    }


def _stored_graph_facts(graph: dict) -> dict:
    """The same facts as `_graph_facts`, from the stored graph (no query, no networkx)."""
    names = {node["id"]: node["name"] for node in graph["nodes"]}
    return {
        "cut_points": tuple(
            (cut["name"], tuple(tuple(part) for part in cut["parts"]))
            for cut in graph["cut_points"]
        ),
        "hub_shares": tuple((names[hub], share) for hub, share in sorted(graph["hub_share"])),
    }
