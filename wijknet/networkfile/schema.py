"""The network file format (`docs/network-file.md`): its version tag and the allowed values.

The choices come from the models, so the file accepts exactly what the platform stores.
"""

from wijknet.actions.models import ActionStatus, GoalStatus
from wijknet.agreements.models import EndorsementLevel, FundingKind
from wijknet.meetings.models import MeetingKind
from wijknet.networks.models import (
    AreaKind,
    Commitment,
    Contribution,
    NetworkStatus,
    PartnerRole,
    Phase,
    Sector,
)
from wijknet.networks.roles import Role
from wijknet.roadmap.models import StepStatus

FORMAT = "wijknet-network/1"

CHOICES = {
    "area_kind": AreaKind.values,
    "phase": Phase.values,
    "network_status": NetworkStatus.values,
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

COMMITMENT_LEVELS = ("strategic", "tactical", "operational")
REFLECTION_SCORES = ("collaboration", "engagement", "goal_progress")

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
}
