"""Import a network file: validate everything first, then write all of it or nothing.

Writes go through the apps' services (they validate again and audit), in one transaction and
inside the new network's scope. The services are called as the file's first current kartrekker
(`network_create` makes its caller the first kartrekker); a file without one (a network whose
kartrekker left, or that never had one) is imported as another member, who gets the role and
end the file records at the very end (`creator_of`, `_creator_as_in_file`). A few facts no
service can set are written directly afterwards, in the same transaction: members (the
platform only adds members through invitations), a membership's organisation and end, an
organisation's website and city, an action's completion date and when a success was shared.
The import itself is audited too.
"""

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from wijknet.actions import services as action_services
from wijknet.actions.fields import ACTION_FIELDS, GOAL_FIELDS, SUCCESS_FIELDS
from wijknet.actions.models import Action, Success
from wijknet.agreements import services as agreement_services
from wijknet.agreements.fields import (
    AGREEMENT_FIELDS,
    ENDORSEMENT_FIELDS,
    FUNDING_FIELDS,
    TERMS_FIELDS,
)
from wijknet.agreements.services import Terms
from wijknet.core import audit
from wijknet.core.declarations import from_file
from wijknet.core.imports import MESSAGE_CHARS, SHOWN_PROBLEMS, count, shorten
from wijknet.health import services as health_services
from wijknet.health.fields import (
    DECLINED_FIELDS,
    WORKING_GROUP_FIELDS,
    WORKING_GROUP_MEMBER_FIELDS,
)
from wijknet.meetings import services as meeting_services
from wijknet.meetings.fields import MEETING_FIELDS, REFLECTION_FIELDS
from wijknet.networks import services as network_services
from wijknet.networks.fields import NETWORK_FIELDS, PARTNER_FIELDS
from wijknet.networks.models import Membership, Network, Organisation
from wijknet.roadmap import services as roadmap_services
from wijknet.roadmap.fields import STEP_PROGRESS_FIELDS
from wijknet.roadmap.models import Step

from .validate import Problem, _fold, validate, with_lines


@dataclass
class ImportReport:
    network: Network | None = None
    problems: list[Problem] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    new_users: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.network is not None and not self.problems

    def lines(self, limit: int | None = SHOWN_PROBLEMS) -> list[str]:
        """The report as text; with problems, the first `limit` of them (None: all)."""
        if not self.ok:
            shown = self.problems if limit is None else self.problems[:limit]
            lines = [
                f"{count(len(self.problems))} probleem/problemen gevonden; er is niets "
                "geïmporteerd:",
                *(f"  {problem}" for problem in shown),
            ]
            if len(shown) < len(self.problems):
                lines.append(
                    f"  … en nog {count(len(self.problems) - len(shown))} andere "
                    "(alle problemen: --all-problems)."
                )
            return lines
        lines = [f"Netwerk {self.network.name} ({self.network.slug}) geïmporteerd:"]
        lines += [f"  {name}: {count}" for name, count in sorted(self.counts.items())]
        if self.new_users:
            lines.append(
                f"  nieuwe accounts (zonder wachtwoord; via 'wachtwoord vergeten'): "
                f"{len(self.new_users)}"
            )
        return lines


class _Abort(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


@contextmanager
def _at(path: str):
    """Turn a service's refusal into a problem at this place in the file (and roll back)."""
    try:
        yield
    except ValidationError as error:
        message = shorten(" ".join(error.messages), MESSAGE_CHARS)
        raise _Abort(Problem(path, message)) from error


def import_network(data, *, acting_user=None) -> ImportReport:
    """Validate `data` (a parsed network file) and import it; see `docs/network-file.md`.

    Refuses (importing nothing) when the file has problems or its slug is taken. `acting_user`,
    when given, is recorded as the one who imported the file.
    """
    result = validate(data)
    if not result.ok:
        return ImportReport(problems=result.problems)
    report = ImportReport()
    try:
        with transaction.atomic():
            _write(result.data, report, acting_user)
    except _Abort as abort:
        return ImportReport(problems=with_lines([abort.problem], data))
    return report


def creator_of(members: list[dict]) -> str:
    """The member the import acts as: the first current kartrekker; in a network without one,
    the first kartrekker who left, else the first member. `network_create` makes that person
    kartrekker; when the file says otherwise, `_creator_as_in_file` puts it right at the end."""
    for wanted in (
        lambda m: m["role"] == "coordinator" and not m["ended_at"],
        lambda m: m["role"] == "coordinator",
        lambda m: True,
    ):
        found = next((m["email"] for m in members if wanted(m)), None)
        if found:
            return found
    raise ValueError("a network file without members does not validate")


def _write(data: dict, report: ImportReport, importer) -> None:
    user_model = get_user_model()
    users = {}
    for member in data["members"]:
        user = user_model.objects.filter(email__iexact=member["email"]).first()
        if user is None:
            user = user_model.objects.create_user(
                email=member["email"], password=None, full_name=member["full_name"]
            )
            report.new_users.append(member["email"])
        users[member["email"]] = user
    creator_email = creator_of(data["members"])
    actor = users[creator_email]
    with _at("network"):
        network = network_services.network_create(
            acting_user=actor, **from_file(data["network"], NETWORK_FIELDS)
        )
    report.network = network
    with scope(network=network):
        partners = _partners(data, network, actor, report)
        _members(data, network, actor, users, partners, creator_email, report)
        _agreements(data, network, actor, partners, report)
        for i, source in enumerate(data["funding"]):
            with _at(f"funding[{i}]"):
                agreement_services.funding_create(
                    acting_user=actor, network=network, **from_file(source, FUNDING_FIELDS)
                )
            report.counts["financieringsbronnen"] += 1
        meetings = _meetings(data, network, actor, users, partners, report)
        goals = _goals(data, network, actor, users, partners, meetings, report)
        _successes(data, network, actor, goals, report)
        _steps(data, network, actor, report)
        _history(data, network, actor, report)
        _endings(data, network, actor, users, partners, creator_email)
        _creator_as_in_file(data, network, actor, users, creator_email)
        audit.record(
            actor=importer or actor,
            network=network,
            action="network.imported",
            obj=network,
            summary=f"Netwerk {network.name} geïmporteerd uit een netwerkbestand",
            data=dict(report.counts),
        )


def _partners(data, network, actor, report) -> dict:
    partners = {}
    for i, item in enumerate(data["partners"]):
        with _at(f"partners[{i}]"):
            partner = network_services.partner_create(
                acting_user=actor,
                network=network,
                organisation_name=item["name"],
                sector=item["sector"],
                **from_file(item, PARTNER_FIELDS),
            )
        if item["website"] or item["city"]:
            Organisation.objects.filter(pk=partner.organisation_id).update(
                website=item["website"], city=item["city"]
            )
        partners[item["name"]] = partner
        report.counts["partners"] += 1
    return partners


def _members(data, network, actor, users, partners, creator_email, report) -> None:
    for member in data["members"]:
        organisation = (
            partners[member["organisation"]].organisation if member["organisation"] else None
        )
        user = users[member["email"]]
        if member["email"] == creator_email:
            membership = Membership.objects.get(network=network, user=user)
            if organisation is not None:
                membership.organisation = organisation
                membership.save(update_fields=["organisation"])
        else:
            membership = Membership.objects.create(
                network=network, user=user, role=member["role"], organisation=organisation
            )
            audit.record(
                actor=actor,
                network=network,
                action="membership.imported",
                obj=membership,
                summary=f"{user} toegevoegd als lid (netwerkbestand)",
            )
        report.counts["leden"] += 1


def _agreements(data, network, actor, partners, report) -> None:
    for i, version in enumerate(data["agreement_versions"]):
        path = f"agreement_versions[{i}]"
        with _at(path):
            agreement = agreement_services.agreement_new_version(
                acting_user=actor,
                network=network,
                **from_file(version, AGREEMENT_FIELDS),
                terms=[
                    Terms(**from_file(t, TERMS_FIELDS, partner=partners[t["partner"]]))
                    for t in version["terms"]
                ],
            )
        for j, item in enumerate(version["endorsements"]):
            with _at(f"{path}.endorsements[{j}]"):
                agreement_services.endorsement_add(
                    acting_user=actor,
                    agreement=agreement,
                    **from_file(item, ENDORSEMENT_FIELDS, partner=partners[item["partner"]]),
                )
        report.counts["afspraakversies"] += 1


def _meetings(data, network, actor, users, partners, report) -> dict:
    meetings = {}
    for i, item in enumerate(data["meetings"]):
        path = f"meetings[{i}]"
        with _at(path):
            meeting = meeting_services.meeting_create(
                acting_user=actor,
                network=network,
                **from_file(
                    item,
                    MEETING_FIELDS,
                    invited_partners=[partners[name] for name in item["invited"]],
                    chair=users[item["chair"]] if item["chair"] else None,
                ),
            )
            if item["present"] is not None:
                meeting_services.attendance_record(
                    acting_user=actor,
                    meeting=meeting,
                    present=[partners[name] for name in item["present"]],
                )
        for j, decision in enumerate(item["decisions"]):
            with _at(f"{path}.decisions[{j}]"):
                row = meeting_services.decision_add(
                    acting_user=actor, meeting=meeting, text=decision["text"]
                )
                if decision["communicated"]:
                    meeting_services.decision_mark_communicated(
                        acting_user=actor,
                        decision=row,
                        how=decision["how"],
                        on=decision["communicated_on"],
                    )
        if item["reflection"] is not None:
            with _at(f"{path}.reflection"):
                meeting_services.reflection_save(
                    acting_user=actor,
                    meeting=meeting,
                    **from_file(item["reflection"], REFLECTION_FIELDS),
                )
        key = (_fold(item["title"]), timezone.localtime(item["starts_at"]).date())
        meetings[key] = meeting
        report.counts["bijeenkomsten"] += 1
    return meetings


def _action(network, actor, users, partners, meetings, item, goal, path, report) -> None:
    meeting = None
    if item["meeting"]:
        meeting = meetings[(_fold(item["meeting"]["title"]), item["meeting"]["date"])]
    with _at(path):
        action = action_services.action_create(
            acting_user=actor,
            network=network,
            **from_file(
                item,
                ACTION_FIELDS,
                goal=goal,
                meeting=meeting,
                owner=users[item["owner"]] if item["owner"] else None,
                owner_partner=partners[item["owner_partner"]] if item["owner_partner"] else None,
            ),
        )
    if item["completed_on"]:
        Action.objects.filter(pk=action.pk).update(completed_on=item["completed_on"])
    report.counts["acties"] += 1


def _goals(data, network, actor, users, partners, meetings, report) -> dict:
    goals = {}
    for i, item in enumerate(data["goals"]):
        path = f"goals[{i}]"
        with _at(path):
            goal = action_services.goal_create(
                acting_user=actor,
                network=network,
                **from_file(item, GOAL_FIELDS),
            )
            if item["reviewed_on"]:
                action_services.goal_review(
                    acting_user=actor, goal=goal, reviewed_on=item["reviewed_on"]
                )
        goals[_fold(item["title"])] = goal
        report.counts["doelen"] += 1
        for j, action in enumerate(item["actions"]):
            _action(
                network, actor, users, partners, meetings, action, goal, f"{path}.actions[{j}]",
                report,
            )  # fmt: skip
    for i, action in enumerate(data["actions"]):
        _action(network, actor, users, partners, meetings, action, None, f"actions[{i}]", report)
    return goals


def _successes(data, network, actor, goals, report) -> None:
    for i, item in enumerate(data["successes"]):
        with _at(f"successes[{i}]"):
            success = action_services.success_create(
                acting_user=actor,
                network=network,
                **from_file(
                    item, SUCCESS_FIELDS, goal=goals[_fold(item["goal"])] if item["goal"] else None
                ),
            )
        if item["shared_at"]:
            Success.objects.filter(pk=success.pk).update(shared_at=item["shared_at"])
        report.counts["successen"] += 1


def _steps(data, network, actor, report) -> None:
    steps = {
        s.key: s for s in Step.objects.filter(key__in=[p["step"] for p in data["step_progress"]])
    }
    for i, item in enumerate(data["step_progress"]):
        with _at(f"step_progress[{i}]"):
            roadmap_services.step_progress_update(
                acting_user=actor,
                network=network,
                step=steps[item["step"]],
                **from_file(item, STEP_PROGRESS_FIELDS),
            )
        report.counts["stappen"] += 1


def _history(data, network, actor, report) -> None:
    """What the health monitor reads of the network's history (version 2 of the format)."""
    for i, item in enumerate(data["declined_partners"]):
        with _at(f"declined_partners[{i}]"):
            health_services.declined_partner_create(
                acting_user=actor, network=network, **from_file(item, DECLINED_FIELDS)
            )
        report.counts["afgezegde partners"] += 1
    for i, item in enumerate(data["working_groups"]):
        path = f"working_groups[{i}]"
        with _at(path):
            group = health_services.working_group_create(
                acting_user=actor, network=network, **from_file(item, WORKING_GROUP_FIELDS)
            )
        for j, member in enumerate(item["members"]):
            with _at(f"{path}.members[{j}]"):
                health_services.working_group_member_add(
                    acting_user=actor,
                    group=group,
                    **from_file(member, WORKING_GROUP_MEMBER_FIELDS),
                )
        report.counts["werkgroepen"] += 1


def _endings(data, network, actor, users, partners, creator_email) -> None:
    """Partners and members that left are ended last: until then the services accept them.
    The acting member's own end follows in `_creator_as_in_file`."""
    for i, item in enumerate(data["partners"]):
        if item["left_on"]:
            with _at(f"partners[{i}].left_on"):
                network_services.partner_end(
                    acting_user=actor,
                    partner=partners[item["name"]],
                    left_on=item["left_on"],
                    reason=item["left_reason"],
                )
    for i, member in enumerate(data["members"]):
        if member["ended_at"] and member["email"] != creator_email:
            membership = Membership.objects.get(
                network=network, user=users[member["email"]], ended_at__isnull=True
            )
            with _at(f"members[{i}].ended_at"):
                network_services.membership_end(acting_user=actor, membership=membership)
            Membership.objects.filter(pk=membership.pk).update(ended_at=member["ended_at"])


def _creator_as_in_file(data, network, actor, users, creator_email) -> None:
    """The acting member was made kartrekker by `network_create`; in a file without a current
    kartrekker, give it its role and end from the file. Written directly: the services refuse
    to leave a network without a kartrekker, but this is the network's recorded history."""
    member = next(m for m in data["members"] if m["email"] == creator_email)
    if member["role"] == "coordinator" and not member["ended_at"]:
        return
    membership = Membership.objects.get(
        network=network, user=users[creator_email], ended_at__isnull=True
    )
    Membership.objects.filter(pk=membership.pk).update(
        role=member["role"], ended_at=member["ended_at"]
    )
    audit.record(
        actor=actor,
        network=network,
        action="membership.imported",
        obj=membership,
        summary=f"{membership.user}: rol en einde uit het netwerkbestand (geen huidige kartrekker)",
    )
