"""Everything the health rules look at, read from the other apps' models in a fixed number of
queries (no per-meeting or per-partner query), so the monitor costs the same for 10 or 500
meetings.

The snapshot reads the models directly (not the other apps' services or queries) and runs under
the network's scope, so it works from a request, a management command or a task alike.

**As of a date** (`load_snapshot(network, today=…)`, `network_health --as-of`): the snapshot
shows the network as it stood at the end of `today`, so evaluating an earlier date gives what
an evaluation on that date gave. What was recorded later is left out (by its own date, else by
when it was recorded: `created_at`), and dated changes are undone: a partner, membership,
working-group member or funding that ended later still runs, a decision communicated later was
not yet communicated, an action completed later was still open, a success shared later was not
yet shared, a step done later was not yet done. Facts without a history are read as they are
now: commitment levels, roles, goal measures, the network's origin, attendance records, goal
and action statuses other than "done", and the thresholds (docs/health.md).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django_scopes import scope

from wijknet.actions.models import Action, ActionStatus, Goal, GoalStatus, Success
from wijknet.agreements.models import Agreement, Endorsement, FundingSource, PartnerTerms
from wijknet.initiatives import access as initiative_access
from wijknet.initiatives.models import (
    DEFAULT_RESPONSE_WEEKS,
    Initiative,
    InitiativeSettings,
    InitiativeStatus,
)
from wijknet.meetings.models import Attendance, Decision, Meeting
from wijknet.networks.models import Membership, Partner
from wijknet.roadmap.models import Step, StepProgress, StepStatus
from wijknet.scans.models import PlannedRound, ScanRound
from wijknet.wijkprofiel.models import GoalIndicator, NetworkArea

from .models import DeclinedPartner, WorkingGroupMember

# How many of the most recent meetings are loaded with their attendance and agenda.
RECENT_MEETINGS = 6
# Window for chair counts, decisions, composition changes and the meeting count.
WINDOW_DAYS = 365
# The roadmap step that stands for "we evaluate the collaboration in a fixed rhythm".
EVALUATION_STEP = "verankeren-evaluatieritme"
# At most this many uncommunicated decisions are loaded (oldest first) as evidence.
MAX_DECISIONS = 50
# At most this many unanswered ideas of residents are loaded (oldest first) as evidence.
MAX_IDEAS = 20


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
    # Linked to an indicator of the wijkprofiel (wijkprofiel.GoalIndicator).
    indicator_linked: bool = False

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
class DeclinedInfo:
    organisation: str
    sector: str
    declined_on: date
    reason: str


@dataclass(frozen=True)
class GroupMemberInfo:
    name: str
    joined_on: date
    left_on: date | None


@dataclass(frozen=True)
class WorkingGroupInfo:
    name: str
    started_on: date
    members: tuple[GroupMemberInfo, ...]


@dataclass(frozen=True)
class IdeaInfo:
    title: str
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
    # Organisations that were asked and declined (up to today), oldest first.
    declined: tuple[DeclinedInfo, ...] = ()
    # Working groups running today, with their people over time.
    working_groups: tuple[WorkingGroupInfo, ...] = ()
    # The last meeting (up to today) where roles and expectations were discussed.
    roles_discussed_on: date | None = None
    # Ideas brought in by residents (members with the role citizen; wijknet.initiatives).
    resident_ideas: int = 0
    resident_ideas_picked_up: int = 0  # opgepakt or afgerond
    resident_ideas_declined: int = 0
    # Resident ideas older than the response term: all, and those still without a response.
    resident_ideas_past_term: int = 0
    unanswered_ideas_count: int = 0
    unanswered_ideas: tuple[IdeaInfo, ...] = ()  # oldest first, at most MAX_IDEAS
    response_weeks: int = 4
    # The wijkprofiel: how many CBS areas the network is linked to (None: not loaded), and the
    # name of its area as the network's profile gives it.
    linked_areas: int | None = None
    area_name: str = ""
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


def _until(day: date | None, today: date) -> date | None:
    """A dated end as it stood at the end of `today`: one still to come had not happened."""
    return day if day and day <= today else None


def load_snapshot(network, today: date | None = None, graph: dict | None = None) -> Snapshot:
    """Read the network's data for the rules (a fixed number of queries, see the tests).

    `graph`: the collaboration graph as stored by `wijknet.graph.analysis.compute`, when the
    caller has it fresh (the recompute task); else the graph is built and analysed here."""
    today = today or timezone.localdate()
    with scope(network=network):
        return _load(network, today, graph)


def recorded_until(network, today: date) -> datetime:
    """Rows without a date of their own count when recorded before the end of `today`; before
    the network came onto the platform (an imported history), everything recorded on its first
    day counts: the file gave those facts no date, so they count from the start."""
    return max(_day_end(today), _day_end(_local_day(network.created_at)))


def _load(network, today: date, graph: dict | None = None) -> Snapshot:
    until = _day_end(today)  # meetings up to and including today
    since = until - timedelta(days=WINDOW_DAYS)
    recorded = recorded_until(network, today)

    # 1. partners (current and former)
    partners = tuple(
        PartnerInfo(
            id=row["id"],
            organisation_id=row["organisation_id"],
            name=row["organisation__name"],
            sector=row["organisation__sector"],
            role=row["role"],
            joined_on=row["joined_on"],
            left_on=_until(row["left_on"], today),
            strategic=row["commitment_strategic"],
            tactical=row["commitment_tactical"],
            operational=row["commitment_operational"],
        )
        for row in Partner.objects.filter(network=network, joined_on__lte=today)
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
        Membership.objects.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gte=until) | Q(role="coordinator")
        )
        .filter(network=network, created_at__lt=recorded)
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
    for m in rows:
        if m["ended_at"] is not None and m["ended_at"] >= until:
            m["ended_at"] = None  # it ended after `today`
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
        last=Max("starts_at"),
        last_year=Count("id", filter=Q(starts_at__gte=since)),
        roles=Max("starts_at", filter=Q(roles_discussed=True)),
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
        Action.objects.filter(_open_actions(recorded, today), network=network, owner__isnull=False)
        .values("owner_id", "owner__full_name", "owner__email")
        .annotate(n=Count("id"))
        .order_by("-n", "owner_id")
    )
    action_owner_counts = {r["owner__full_name"] or r["owner__email"]: r["n"] for r in owner_rows}

    # 8–9. decisions of the last year, and the ones not communicated
    decisions = Decision.objects.filter(
        network=network, meeting__starts_at__gte=since, meeting__starts_at__lt=until
    )
    not_yet = Q(communicated=False) | Q(communicated_on__gt=today)
    decision_totals = decisions.aggregate(
        total=Count("id"), uncommunicated=Count("id", filter=not_yet)
    )
    uncommunicated = tuple(
        DecisionInfo(
            text=d["text"],
            meeting_title=d["meeting__title"],
            day=_local_day(d["meeting__starts_at"]),
        )
        for d in decisions.filter(not_yet)
        .order_by("meeting__starts_at", "pk")
        .values("text", "meeting__title", "meeting__starts_at")[:MAX_DECISIONS]
    )

    # 10. successes
    successes = Success.objects.filter(network=network, happened_on__lte=today).aggregate(
        last=Max("happened_on"), shared=Max("shared_at", filter=Q(shared_at__lt=until))
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
    latest = Agreement.objects.filter(network=network, created_at__lt=recorded).order_by("-version")
    agreement = latest.values("id", "version", "created_at").first()
    latest_id = Subquery(latest.filter(network=OuterRef("network")).values("id")[:1])
    terms_partner_ids = frozenset(
        PartnerTerms.objects.filter(network=network, agreement_id=latest_id)
        .filter(~Q(roles="") | ~Q(tasks="") | Q(hours_per_month__gt=0) | Q(money__gt=0))
        .values_list("partner_id", flat=True)
    )
    endorsement_levels = frozenset(
        Endorsement.objects.filter(
            network=network, agreement_id=latest_id, endorsed_on__lte=today
        ).values_list("level", flat=True)
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
        StepProgress.objects.filter(
            network=network, step__retired=False, updated_at__lt=recorded
        ).values("step__key", "status", "updated_at")
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
            reviewed_on=_until(g["reviewed_on"], today),
            actions=g["n_actions"],
            open_actions=g["n_open"],
            measure=g["measure"],
            target_date=g["target_date"],
            indicator_linked=g["linked"],
        )
        for g in Goal.objects.filter(
            network=network, status=GoalStatus.OPEN, created_at__lt=recorded
        )
        .annotate(
            linked=Exists(
                GoalIndicator.objects.filter(
                    network=network, goal=OuterRef("pk"), linked_at__lt=recorded
                )
            ),
            n_actions=Count(
                "actions",
                filter=~Q(actions__status=ActionStatus.DROPPED)
                & Q(actions__created_at__lt=recorded),
            ),
            n_open=Count("actions", filter=_open_actions(recorded, today, "actions__")),
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
            "linked",
        )
    )

    # 19–20. who declined, and the working groups with their people
    declined = _declined(network, today)
    working_groups = _working_groups(network, today)
    # 19. the wijkprofiel's areas
    linked_areas = NetworkArea.objects.filter(network=network).count()

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
        linked_areas=linked_areas,
        area_name=network.area_name,
        last_kartrekker=(
            (former["user__full_name"] or former["user__email"], _local_day(former["ended_at"]))
            if former and not coordinators
            else None
        ),
        declined=declined,
        working_groups=working_groups,
        roles_discussed_on=_local_day(totals["roles"]),
        **(_stored_graph_facts(graph) if graph is not None else _graph_facts(network, today)),
        **_idea_facts(network, until),
    )


def _idea_facts(network, until: datetime) -> dict:
    """Ideas that residents brought in and what became of them (3 queries: the response term,
    the counts, the oldest unanswered ideas past the term)."""
    weeks = (
        InitiativeSettings.objects.filter(network=network)
        .values_list("response_weeks", flat=True)
        .first()
    ) or DEFAULT_RESPONSE_WEEKS
    cutoff = until - timedelta(days=1) - timedelta(weeks=weeks)
    resident = Initiative.objects.filter(
        network=network, initiator_role__in=initiative_access.RESIDENT_ROLES, created_at__lt=until
    )
    unanswered = Q(status=InitiativeStatus.NEW, responded_at__isnull=True)
    counts = resident.aggregate(
        total=Count("pk"),
        picked_up=Count(
            "pk", filter=Q(status__in=[InitiativeStatus.PICKED_UP, InitiativeStatus.DONE])
        ),
        declined=Count("pk", filter=Q(status=InitiativeStatus.DECLINED)),
        past_term=Count("pk", filter=Q(created_at__lt=cutoff)),
        unanswered=Count("pk", filter=unanswered & Q(created_at__lt=cutoff)),
    )
    rows = (
        resident.filter(unanswered, created_at__lt=cutoff)
        .order_by("created_at", "pk")
        .values("title", "created_at")[:MAX_IDEAS]
    )
    return {
        "resident_ideas": counts["total"],
        "resident_ideas_picked_up": counts["picked_up"],
        "resident_ideas_declined": counts["declined"],
        "resident_ideas_past_term": counts["past_term"],
        "unanswered_ideas_count": counts["unanswered"],
        "unanswered_ideas": tuple(
            IdeaInfo(title=row["title"], day=_local_day(row["created_at"])) for row in rows
        ),
        "response_weeks": weeks,
    }


def _open_actions(recorded: datetime, today: date, prefix: str = "") -> Q:
    """Actions open at the end of `today`: recorded by then, and open or in progress now, or
    done after it (their completion date is later)."""
    return Q(**{f"{prefix}created_at__lt": recorded}) & (
        Q(**{f"{prefix}status__in": [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]})
        | Q(**{f"{prefix}status": ActionStatus.DONE, f"{prefix}completed_on__gt": today})
    )


def _declined(network, today: date) -> tuple[DeclinedInfo, ...]:
    return tuple(
        DeclinedInfo(
            organisation=row["organisation"],
            sector=row["sector"],
            declined_on=row["declined_on"],
            reason=row["reason"],
        )
        for row in DeclinedPartner.objects.filter(network=network, declined_on__lte=today)
        .order_by("declined_on", "organisation", "pk")
        .values("organisation", "sector", "declined_on", "reason")
    )


def _working_groups(network, today: date) -> tuple[WorkingGroupInfo, ...]:
    """The working groups running at `today`, with their people up to then (one query)."""
    groups: dict[int, tuple[str, date]] = {}
    people: dict[int, list[GroupMemberInfo]] = defaultdict(list)
    for row in (
        WorkingGroupMember.objects.filter(
            network=network, group__started_on__lte=today, joined_on__lte=today
        )
        .filter(Q(group__ended_on__isnull=True) | Q(group__ended_on__gt=today))
        .order_by("group__started_on", "group__name", "group_id", "joined_on", "name", "pk")
        .values("group_id", "group__name", "group__started_on", "name", "joined_on", "left_on")
    ):
        groups.setdefault(row["group_id"], (row["group__name"], row["group__started_on"]))
        people[row["group_id"]].append(
            GroupMemberInfo(
                name=row["name"], joined_on=row["joined_on"], left_on=_until(row["left_on"], today)
            )
        )
    return tuple(
        WorkingGroupInfo(name=name, started_on=started, members=tuple(people[pk]))
        for pk, (name, started) in groups.items()
    )


def _graph_facts(network, today: date) -> dict:
    """Cut points and the kartrekker's share, from the collaboration graph as it stood at the
    end of `today` (3 queries)."""
    from wijknet.graph import queries as graph_queries
    from wijknet.graph.analysis import analyse

    graph = graph_queries.collaboration_graph(network, as_of=today)
    hubs = graph_queries.kartrekker_partners(network, as_of=today)
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
