"""Export a network as a network file (`docs/network-file.md`), in a fixed order.

Dates are written as `JJJJ-MM-DD` strings, moments as ISO 8601 in the platform's time zone with
their offset, amounts as strings with two decimals, so the result is plain data (YAML or JSON).
"""

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

import yaml
from django.db.models import Prefetch
from django.utils import timezone
from django_scopes import scope

from wijknet.actions.fields import ACTION_FIELDS, GOAL_FIELDS, SUCCESS_FIELDS
from wijknet.actions.models import Action, Goal, Success
from wijknet.agreements.fields import (
    AGREEMENT_FIELDS,
    ENDORSEMENT_FIELDS,
    FUNDING_FIELDS,
    TERMS_FIELDS,
)
from wijknet.agreements.models import Agreement, Endorsement, FundingSource, PartnerTerms
from wijknet.core.declarations import to_file
from wijknet.health.fields import (
    DECLINED_FIELDS,
    WORKING_GROUP_FIELDS,
    WORKING_GROUP_MEMBER_FIELDS,
)
from wijknet.health.models import DeclinedPartner, WorkingGroup, WorkingGroupMember
from wijknet.meetings.fields import DECISION_FIELDS, MEETING_FIELDS, REFLECTION_FIELDS
from wijknet.meetings.models import Attendance, Decision, Meeting, Reflection
from wijknet.networks.fields import NETWORK_FIELDS, PARTNER_FIELDS
from wijknet.networks.models import Membership, Network, Partner
from wijknet.roadmap.fields import STEP_PROGRESS_FIELDS
from wijknet.roadmap.models import StepProgress

from .schema import FORMAT


class ExportError(Exception):
    pass


def _day(value):
    return value.isoformat() if value else None


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


def _file_value(value):
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return _day(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return list(value)
    return value


def _declared(obj, declaration, **resolved) -> dict:
    """The fields `declaration` (`<app>/fields.py`) declares for `obj`, as the file writes them;
    `resolved` gives those written another way (a partner by name, a member by e-mail)."""
    values = {
        name: _file_value(resolved[name] if name in resolved else getattr(obj, name))
        for name, key in declaration
        if key is not None
    }
    return to_file(values, declaration)


def _drop_empty(item: dict, keep=()) -> dict:
    """Leave out empty optional fields, so files stay short; `keep` stays always."""
    return {k: v for k, v in item.items() if k in keep or v not in (None, "", [], {})}


def export_network(network: Network) -> dict:
    with scope(network=network):
        return _export(network)


class _Dumper(yaml.SafeDumper):
    """Writes every value out in full: the import refuses anchors and aliases (loader.py)."""

    def ignore_aliases(self, data):
        return True


def dump_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def _export(network: Network) -> dict:
    partners = list(
        Partner.objects.filter(network=network)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    names = [p.organisation.name for p in partners]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ExportError(
            "Het netwerkbestand kent één partnerschap per organisatie; meer dan één hebben: "
            + ", ".join(twice)
        )
    name_of = {p.pk: p.organisation.name for p in partners}
    out = {"format": FORMAT, "network": _network(network)}
    out["partners"] = [_partner(p) for p in partners]
    out["members"] = _members(network)
    out["agreement_versions"] = _agreements(network, name_of)
    out["funding"] = [
        _drop_empty(_declared(s, FUNDING_FIELDS), keep=("name", "kind", "amount", "structural"))
        for s in FundingSource.objects.filter(network=network).order_by("name", "pk")
    ]
    out["meetings"] = _meetings(network, name_of)
    actions = defaultdict(list)
    for action in (
        Action.objects.filter(network=network)
        .select_related("owner", "meeting")
        .order_by("due_on", "title", "pk")
    ):
        actions[action.goal_id].append(_action(action, name_of))
    out["goals"] = [
        _drop_empty(
            {
                **_declared(g, GOAL_FIELDS),
                "reviewed_on": _day(g.reviewed_on),
                "actions": actions.get(g.pk, []),
            },
            keep=("title", "status"),
        )
        for g in Goal.objects.filter(network=network).order_by("title", "pk")
    ]
    out["actions"] = actions.get(None, [])
    out["successes"] = [
        _drop_empty(
            {
                **_declared(s, SUCCESS_FIELDS, goal=s.goal.title if s.goal else None),
                "shared_at": _moment(s.shared_at),
            },
            keep=("title", "happened_on"),
        )
        for s in Success.objects.filter(network=network)
        .select_related("goal")
        .order_by("happened_on", "title", "pk")
    ]
    out["step_progress"] = [
        _drop_empty(
            {"step": p.step.key, **_declared(p, STEP_PROGRESS_FIELDS)},
            keep=("step", "status"),
        )
        for p in StepProgress.objects.filter(network=network)
        .select_related("step", "step__phase")
        .order_by("step__phase__order", "step__order", "step__key")
    ]
    out["declined_partners"] = [
        _drop_empty(_declared(x, DECLINED_FIELDS), keep=("name", "sector", "declined_on"))
        for x in DeclinedPartner.objects.filter(network=network).order_by(
            "declined_on", "organisation", "pk"
        )
    ]
    out["working_groups"] = _working_groups(network)
    return out


def _working_groups(network: Network) -> list[dict]:
    groups = WorkingGroup.objects.filter(network=network).order_by("started_on", "name", "pk")
    groups = groups.prefetch_related(
        Prefetch(
            "members",
            queryset=WorkingGroupMember.objects.filter(network=network).order_by(
                "joined_on", "name", "pk"
            ),
        )
    )
    return [
        _drop_empty(
            {
                **_declared(g, WORKING_GROUP_FIELDS),
                "members": [
                    _drop_empty(
                        _declared(m, WORKING_GROUP_MEMBER_FIELDS), keep=("name", "joined_on")
                    )
                    for m in g.members.all()
                ],
            },
            keep=("name", "started_on", "members"),
        )
        for g in groups
    ]


def _network(network: Network) -> dict:
    return _drop_empty(
        _declared(
            network,
            NETWORK_FIELDS,
            themes=network.theme_list,
            other_projects=network.other_project_list,
        ),
        keep=("slug", "name", "area_kind", "phase", "status"),
    )


def _partner(p: Partner) -> dict:
    item = {
        "name": p.organisation.name,
        "sector": p.organisation.sector,
        "website": p.organisation.website,
        "city": p.organisation.city,
        **_declared(p, PARTNER_FIELDS),
        "left_on": _day(p.left_on),
        "left_reason": p.left_reason,
    }
    item["contact"] = _drop_empty(item["contact"])
    return _drop_empty(
        item,
        keep=("name", "sector", "role", "commitment", "hours_per_month", "joined_on"),
    )


def _members(network: Network) -> list[dict]:
    """One entry per person: the current membership, or else the one that ended last."""
    chosen = {}
    for m in (
        Membership.objects.filter(network=network)
        .select_related("user", "organisation")
        .order_by("pk")
    ):
        current = chosen.get(m.user_id)
        if (
            current is None
            or m.ended_at is None
            or (current.ended_at is not None and m.ended_at > current.ended_at)
        ):
            chosen[m.user_id] = m
    return [
        _drop_empty(
            {
                "email": m.user.email.lower(),
                "full_name": m.user.full_name,
                "role": m.role,
                "organisation": m.organisation.name if m.organisation else None,
                "ended_at": _moment(m.ended_at),
            },
            keep=("email", "full_name", "role"),
        )
        for m in sorted(chosen.values(), key=lambda m: m.user.email.lower())
    ]


def _agreements(network: Network, name_of: dict) -> list[dict]:
    versions = (
        Agreement.objects.filter(network=network)
        .order_by("version")
        .prefetch_related(
            Prefetch("terms", queryset=PartnerTerms.objects.filter(network=network)),
            Prefetch("endorsements", queryset=Endorsement.objects.filter(network=network)),
        )
    )
    result = []
    for agreement in versions:
        terms = sorted(agreement.terms.all(), key=lambda t: (name_of[t.partner_id], t.pk))
        endorsements = sorted(
            agreement.endorsements.all(),
            key=lambda e: (e.endorsed_on, name_of[e.partner_id], e.level, e.name, e.pk),
        )
        result.append(
            _drop_empty(
                {
                    **_declared(agreement, AGREEMENT_FIELDS),
                    "terms": [
                        _drop_empty(
                            _declared(
                                t,
                                TERMS_FIELDS,
                                partner=name_of[t.partner_id],
                                hours=t.hours_per_month,
                            ),
                            keep=("partner", "hours", "money"),
                        )
                        for t in terms
                    ],
                    "endorsements": [
                        _declared(e, ENDORSEMENT_FIELDS, partner=name_of[e.partner_id])
                        for e in endorsements
                    ],
                },
                keep=("terms",),
            )
        )
    return result


def _meetings(network: Network, name_of: dict) -> list[dict]:
    meetings = (
        Meeting.objects.filter(network=network)
        .select_related("chair")
        .order_by("starts_at", "title", "pk")
        .prefetch_related(
            Prefetch("invited_partners", queryset=Partner.objects.filter(network=network)),
            Prefetch("attendance", queryset=Attendance.objects.filter(network=network)),
            Prefetch("decisions", queryset=Decision.objects.filter(network=network).order_by("pk")),
        )
    )
    reflections = {
        r.meeting_id: r for r in Reflection.objects.filter(network=network).order_by("pk")
    }
    result = []
    for m in meetings:
        attendance = list(m.attendance.all())
        reflection = reflections.get(m.pk)
        item = _drop_empty(
            _declared(
                m,
                MEETING_FIELDS,
                chair=m.chair.email.lower() if m.chair else None,
                agenda=m.agenda_items,
                invited_partners=sorted(name_of[p.pk] for p in m.invited_partners.all()),
            ),
            keep=("kind", "title", "starts_at", "duration_minutes", "online"),
        )
        if not item.get("roles_discussed"):
            item.pop("roles_discussed", None)  # the file stays short: only the meetings that did
        if attendance:
            item["present"] = sorted(name_of[a.partner_id] for a in attendance if a.present)
        decisions = [
            _drop_empty(_declared(d, DECISION_FIELDS), keep=("text", "communicated"))
            for d in m.decisions.all()
        ]
        if decisions:
            item["decisions"] = decisions
        if reflection is not None:
            item["reflection"] = _drop_empty(
                _declared(reflection, REFLECTION_FIELDS),
                keep=("collaboration", "engagement", "goal_progress"),
            )
        result.append(item)
    return result


def _action(action: Action, name_of: dict) -> dict:
    meeting = None
    if action.meeting is not None:
        meeting = {
            "title": action.meeting.title,
            "date": _day(timezone.localtime(action.meeting.starts_at).date()),
        }
    return _drop_empty(
        {
            **_declared(
                action,
                ACTION_FIELDS,
                owner=action.owner.email.lower() if action.owner else None,
                owner_partner=name_of.get(action.owner_partner_id),
                meeting=meeting,
            ),
            "completed_on": _day(action.completed_on),
        },
        keep=("title", "status"),
    )
