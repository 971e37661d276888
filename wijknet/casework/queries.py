"""Reads for casework. Which clients a membership may see is decided in access.py only."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijknet.core import formatting
from wijknet.core.charts import radar
from wijknet.core.statements import Statement
from wijknet.networks import roles
from wijknet.networks.models import Membership, Organisation

from . import access
from .models import (
    DEFAULT_CONSENT_TEXT,
    CarePlan,
    CareTeamMember,
    CaseConference,
    Client,
    Consent,
    ConsentText,
    Dimension,
    HealthMeasurement,
    HealthScore,
    PlanAction,
    PlanGoal,
)

# The access log's data categories as the resident reads them.
CATEGORY_LABELS = {
    "identity": gettext_lazy("Persoonsgegevens"),
    "consent": gettext_lazy("Toestemming"),
    "team": gettext_lazy("Team"),
    "plan": gettext_lazy("Plan"),
    "positive_health": gettext_lazy("Positieve Gezondheid"),
    "mdo": gettext_lazy("MDO"),
    "export": gettext_lazy("Export"),
    "erasure": gettext_lazy("Wissen"),
    "accesslog": gettext_lazy("Inzageoverzicht"),
    "retention": gettext_lazy("Bewaartermijn"),
    "messages": gettext_lazy("Vragen en berichten"),
    "resident_access": gettext_lazy("Toegang voor bewoner of mantelzorger"),
}


def category_label(category: str) -> str:
    return str(CATEGORY_LABELS.get(category, category))


def clients(network, membership, now=None):
    """The clients this membership may see, each with `last_activity`, `retention_due` and
    `remeasure_due` (annotations: the list costs no extra query)."""
    today = timezone.localdate(now) if now else timezone.localdate()
    return with_retention(access.visible_clients(network, membership), now).annotate(
        remeasure_due=ExpressionWrapper(_remeasure_due(today), output_field=BooleanField())
    )


def _remeasure_due(today):
    """The plan's evaluation date has passed and no Positive Health measurement was made on or
    after it: a new measurement is suggested to the care team."""
    since = HealthMeasurement.objects.filter(
        client=OuterRef("pk"), measured_on__gte=OuterRef("plan__evaluate_on")
    )
    return Q(plan__evaluate_on__lte=today) & ~Exists(since)


def _remeasure_count(network_id, membership_id, user_id, organisation_id, today, in_organisation):
    visible = access.clients_visible_to(
        network_id, membership_id, user_id, organisation_id if in_organisation else None, today
    )
    # One row with the count (none when there are no such clients): a list, as a statement gives.
    return (
        visible.filter(_remeasure_due(today))
        .order_by()
        .values("network_id")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )


# "Mijn werk" counts on every view: compiled once per process (core/statements.py).
_REMEASURE_COUNT = Statement(
    _remeasure_count,
    network_id=int,
    membership_id=int,
    user_id=int,
    organisation_id=int,
    today=date,
)


def remeasurement_due_count(network, membership, today=None) -> int:
    """How many of the clients this membership may see are due for a new Positive Health
    measurement (their plan's evaluation date has passed without one): "Mijn werk" shows the
    number, never names."""
    if not access.may_see_clients(membership, network):
        return 0
    rows = _REMEASURE_COUNT(
        network_id=network.pk,
        membership_id=membership.pk,
        user_id=membership.user_id,
        organisation_id=membership.organisation_id or 0,
        today=today or timezone.localdate(),
        in_organisation=membership.organisation_id is not None,
    )
    return rows[0] if rows else 0


# --- retention -------------------------------------------------------------------------------
# A client's last activity is the latest of: recording the client, a plan change (the plan's
# text, a goal, an action added or changed), a Positive Health measurement, an MDO, a consent
# recorded or withdrawn, a team member added, and a decision to keep the record ("bewaren").
# Reads are not activity: looking at a record must not keep it alive. Removing a team member or
# changing the coordinating contact leaves no row to date it by and does not count.


def retention_days() -> int:
    return settings.CASEWORK_RETENTION_DAYS


def retention_cutoff(now=None):
    """Clients whose last activity lies before this moment are past their retention period."""
    return (now or timezone.now()) - timedelta(days=retention_days())


def _latest(queryset, field):
    """The newest `field` of the client's rows in `queryset` (a correlated subquery)."""
    return Subquery(queryset.order_by(F(field).desc(nulls_last=True)).values(field)[:1])


def _last_activity():
    client = OuterRef("pk")
    created = F("created_at")
    sources = [
        F("retention_extended_at"),
        _latest(CarePlan.objects.filter(client=client), "updated_at"),
        _latest(PlanGoal.objects.filter(plan__client=client), "created_at"),
        _latest(PlanAction.objects.filter(plan__client=client), "updated_at"),
        _latest(HealthMeasurement.objects.filter(client=client), "created_at"),
        _latest(CaseConference.objects.filter(client=client), "created_at"),
        _latest(Consent.objects.filter(client=client), "recorded_at"),
        _latest(Consent.objects.filter(client=client, withdrawn_at__isnull=False), "withdrawn_at"),
        _latest(CareTeamMember.objects.filter(client=client), "added_at"),
    ]
    # Coalesce each to the creation date: SQLite's GREATEST (max()) is NULL if any argument is.
    return Greatest(created, *(Coalesce(source, created) for source in sources))


def with_retention(queryset, now=None):
    """Annotate clients with `last_activity` and `retention_due` — one query whatever the
    number of clients (correlated subqueries, no joins that multiply rows)."""
    return queryset.annotate(last_activity=_last_activity()).annotate(
        retention_due=ExpressionWrapper(
            Q(last_activity__lt=retention_cutoff(now)), output_field=BooleanField()
        )
    )


def retention(client, now=None) -> dict:
    """The retention status of one client, in one query: last activity, the day the period
    ends (or ended), whether it has passed, and the latest decision to keep the record."""
    last = (
        with_retention(Client.objects.filter(network=client.network, pk=client.pk), now)
        .values_list("last_activity", flat=True)
        .get()
    )
    ends = last + timedelta(days=retention_days())
    return {
        "last_activity": last,
        "ends_at": ends,
        "due": last < retention_cutoff(now),
        "days": retention_days(),
        "extended_at": client.retention_extended_at,
    }


def retention_due_clients(now):
    """Clients (of every network: call under scopes_disabled) past their retention period whose
    responsible professional has not been asked since the last activity — so a client is asked
    about once per period, and again only when a decision to keep it has expired too. Each
    comes with its network, recorder and (as `coordinating`, a list) coordinating contact."""
    return (
        with_retention(Client.objects.all(), now)
        .filter(last_activity__lt=retention_cutoff(now))
        .filter(
            Q(retention_notified_at__isnull=True) | Q(retention_notified_at__lte=F("last_activity"))
        )
        .select_related("network", "recorded_by")
        .prefetch_related(
            Prefetch(
                "team",
                queryset=CareTeamMember.objects.filter(is_coordinating_contact=True)
                .select_related("membership__user")
                .order_by("pk"),
                to_attr="coordinating",
            )
        )
        .order_by("network_id", "pk")
    )


def consent_text_for_display(network) -> ConsentText:
    """The newest consent text, or (before the first consent) the default, unsaved."""
    text = ConsentText.objects.filter(network=network).order_by("-version").first()
    return text or ConsentText(network=network, version=1, text=DEFAULT_CONSENT_TEXT)


def organisations(network):
    return Organisation.objects.filter(network=network).order_by("name", "pk")


def consents(client):
    today = timezone.localdate()
    rows = list(
        Consent.objects.filter(network=client.network, client=client)
        .select_related("consent_text", "recorded_by", "withdrawn_by")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name", "pk"))
        )
        .order_by("-given_at", "-pk")
    )
    for consent in rows:
        consent.active = consent.is_active_on(today)
    return rows


def team(client):
    return (
        CareTeamMember.objects.filter(network=client.network, client=client)
        .select_related("membership__user", "membership__organisation", "added_by")
        .order_by("-is_coordinating_contact", "added_at", "pk")
    )


def team_with_access(client):
    """The team, each member marked with whether an active consent covers them now."""
    covered = set(
        access.active_consents(client.network)
        .filter(client=client)
        .values_list("organisations", flat=True)
    )
    members = list(team(client))
    for member in members:
        member.has_consent = (
            member.membership.ended_at is None and member.membership.organisation_id in covered
        )
    return members


def team_candidates(client):
    """Current members who may work on cases, belong to an organisation and are not yet on
    the team (consent is checked by the service, with a clear message)."""
    allowed_roles = [
        role for role in roles.Role.values if roles.role_can(role, roles.WORK_ON_CASES)
    ]
    taken = CareTeamMember.objects.filter(client=client).values("membership")
    return (
        Membership.objects.filter(
            network=client.network,
            ended_at__isnull=True,
            role__in=allowed_roles,
            organisation__isnull=False,
        )
        .exclude(pk__in=taken)
        .select_related("user", "organisation")
        .order_by("user__full_name", "user__email", "pk")
    )


def plan(client) -> CarePlan:
    return CarePlan.objects.get(network=client.network, client=client)


def goals(plan):
    return PlanGoal.objects.filter(network=plan.network, plan=plan).order_by(
        "dimension", "created_at", "pk"
    )


def goals_by_dimension(plan):
    by = {value: [] for value in Dimension.values}
    for goal in goals(plan):
        by[goal.dimension].append(goal)
    return [(label, by[value]) for value, label in Dimension.choices]


def actions(plan):
    return (
        PlanAction.objects.filter(network=plan.network, plan=plan)
        .select_related("responsible__membership__user", "conference")
        .order_by("due_on", "created_at", "pk")
    )


def measurements(client):
    return (
        HealthMeasurement.objects.filter(network=client.network, client=client)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("scores", queryset=HealthScore.objects.order_by("pk")))
        .order_by("-measured_on", "-pk")
    )


def score_map(measurement) -> dict:
    return {score.dimension: score for score in measurement.scores.all()}


def health_web(client, measurement_list=None):
    """The spider web of the latest measurement with the previous one overlaid, plus the rows
    of the table alternative. None when nothing was measured yet."""
    rows = list(measurement_list if measurement_list is not None else measurements(client))
    if not rows:
        return None
    current = rows[0]
    # A resident's own web is compared with their own earlier one, a web filled in together
    # with a professional with the previous such web: the two are kept apart.
    previous = next((m for m in rows[1:] if m.filled_by == current.filled_by), None)
    current_scores = score_map(current)
    previous_scores = score_map(previous) if previous else {}
    labels = [str(label) for _, label in Dimension.choices]
    series = []
    if previous is not None:
        series.append(
            (
                formatting.day(previous.measured_on),
                [_value(previous_scores, d) for d in Dimension.values],
                "previous",
            )
        )
    series.append(
        (
            formatting.day(current.measured_on),
            [_value(current_scores, d) for d in Dimension.values],
            "",
        )
    )
    table = []
    for value, label in Dimension.choices:
        score = current_scores.get(value)
        before = previous_scores.get(value)
        table.append(
            {
                "label": label,
                "score": score.score if score else None,
                "previous": before.score if before else None,
                "remark": score.remark if score else "",
                "wants_to_talk": bool(score and score.wants_to_talk),
            }
        )
    chart = radar(
        labels, series, title=_("Positieve Gezondheid: spinnenweb"), scale_max=10, size=360
    )
    return {"chart": chart, "current": current, "previous": previous, "table": table}


def _value(scores, dimension):
    score = scores.get(dimension)
    return score.score if score else None


def conferences(client):
    return (
        CaseConference.objects.filter(network=client.network, client=client)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=CareTeamMember.objects.select_related("membership__user").order_by("pk"),
            ),
            Prefetch(
                "agreements",
                queryset=PlanAction.objects.select_related(
                    "responsible__membership__user"
                ).order_by("pk"),
            ),
        )
        .order_by("-held_on", "-pk")
    )


def get_consent(client, consent_uuid) -> Consent:
    consent = get_object_or_404(
        Consent.objects.select_related("consent_text"),
        network=client.network,
        client=client,
        uuid=consent_uuid,
    )
    consent.client = client
    return consent


def get_member(client, member_uuid) -> CareTeamMember:
    member = get_object_or_404(
        CareTeamMember.objects.select_related("membership__user"),
        network=client.network,
        client=client,
        uuid=member_uuid,
    )
    member.client = client
    return member


def get_action(client, plan_action_uuid) -> PlanAction:
    action = get_object_or_404(
        PlanAction.objects.select_related("plan"),
        network=client.network,
        plan__client=client,
        uuid=plan_action_uuid,
    )
    action.plan.client = client
    return action


def get_conference(client, conference_uuid) -> CaseConference:
    return get_object_or_404(
        conferences(client), network=client.network, client=client, uuid=conference_uuid
    )
