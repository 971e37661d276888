"""The network file format (`docs/network-file.md`): its version tag, its keys and the allowed
values.

The keys of each entity come from its field declaration (`<app>/fields.py`, shared with its form
and service), plus what the file adds around it (a partner's organisation, a meeting's
attendance …); the choices come from the models. So the file accepts exactly what the platform
stores, and `wijknet/tests/test_field_declarations.py` checks the documentation lists the same.
"""

from wijknet.actions.fields import ACTION_FIELDS, GOAL_FIELDS, SUCCESS_FIELDS
from wijknet.actions.models import ActionStatus, GoalStatus
from wijknet.agreements.fields import (
    AGREEMENT_FIELDS,
    ENDORSEMENT_FIELDS,
    FUNDING_FIELDS,
    TERMS_FIELDS,
)
from wijknet.agreements.models import EndorsementLevel, FundingKind
from wijknet.core.declarations import keys, nested_keys
from wijknet.health.fields import (
    DECLINED_FIELDS,
    WORKING_GROUP_FIELDS,
    WORKING_GROUP_MEMBER_FIELDS,
)
from wijknet.meetings.fields import DECISION_FIELDS, MEETING_FIELDS, REFLECTION_FIELDS
from wijknet.meetings.models import MeetingKind
from wijknet.networks.fields import NETWORK_FIELDS, PARTNER_FIELDS
from wijknet.networks.models import (
    AreaKind,
    Commitment,
    Contribution,
    KartrekkerBase,
    NetworkStatus,
    Origin,
    PartnerRole,
    Phase,
    Sector,
)
from wijknet.networks.roles import Role
from wijknet.roadmap.fields import STEP_PROGRESS_FIELDS
from wijknet.roadmap.models import StepStatus

# The format the export writes. Version 2 added what the health monitor reads of a network's
# history: partners that declined, working groups with their people, and whether a meeting
# discussed roles and expectations. Files of version 1 are still read (without those keys).
FORMAT = "wijknet-network/2"
FORMATS = ("wijknet-network/1", FORMAT)

CHOICES = {
    "area_kind": AreaKind.values,
    "phase": Phase.values,
    "network_status": NetworkStatus.values,
    "origin": Origin.values,
    "kartrekker_base": KartrekkerBase.values,
    "sector": Sector.values,
    "partner_role": PartnerRole.values,
    "contribution": Contribution.values,
    "commitment": Commitment.values,
    "member_role": Role.values,
    "endorsement_level": EndorsementLevel.values,
    "funding_kind": FundingKind.values,
    "meeting_kind": MeetingKind.values,
    "goal_status": GoalStatus.values,
    "action_status": ActionStatus.values,
    "step_status": StepStatus.values,
}

COMMITMENT_LEVELS = tuple(nested_keys(PARTNER_FIELDS, "commitment"))
REFLECTION_SCORES = tuple(k for k in keys(REFLECTION_FIELDS) if k != "remark")

# The keys of each part of the file ("section" or "section.nested"), in the export's order:
# the declared fields of the entity and what the file adds around them.
KEYS: dict[str, list[str]] = {
    "network": keys(NETWORK_FIELDS),
    # The organisation, the partnership, and its end (partner_end).
    "partners": [
        "name",
        "sector",
        "website",
        "city",
        *keys(PARTNER_FIELDS),
        "left_on",
        "left_reason",
    ],
    "partners.commitment": nested_keys(PARTNER_FIELDS, "commitment"),
    "partners.contact": nested_keys(PARTNER_FIELDS, "contact"),
    # Members are added through invitations on the platform; the file sets them directly.
    "members": ["email", "full_name", "role", "organisation", "ended_at"],
    "agreement_versions": [*keys(AGREEMENT_FIELDS), "terms", "endorsements"],
    "agreement_versions.terms": keys(TERMS_FIELDS),
    "agreement_versions.endorsements": keys(ENDORSEMENT_FIELDS),
    "funding": keys(FUNDING_FIELDS),
    "meetings": [*keys(MEETING_FIELDS), "present", "decisions", "reflection"],
    "meetings.decisions": keys(DECISION_FIELDS),
    "meetings.reflection": keys(REFLECTION_FIELDS),
    "goals": [*keys(GOAL_FIELDS), "reviewed_on", "actions"],
    "actions": [*keys(ACTION_FIELDS), "completed_on"],
    "actions.meeting": ["title", "date"],
    "successes": [*keys(SUCCESS_FIELDS), "shared_at"],
    "step_progress": ["step", *keys(STEP_PROGRESS_FIELDS)],
    "declined_partners": keys(DECLINED_FIELDS),
    "working_groups": [*keys(WORKING_GROUP_FIELDS), "members"],
    "working_groups.members": keys(WORKING_GROUP_MEMBER_FIELDS),
}

# Keys that only version 2 files may hold ("section.key" for a key inside a section).
V2_ONLY = {"declined_partners", "working_groups", "meetings.roles_discussed"}

TOP_LEVEL_KEYS = {
    "format",
    "network",
    "partners",
    "members",
    "agreement_versions",
    "funding",
    "meetings",
    "goals",
    "actions",
    "successes",
    "step_progress",
    "declined_partners",
    "working_groups",
}
