"""The scan answering screens in the authorization matrix (see tests/support/authz.py).

The token link is the only credential of its pages (everyone with it gets 200); the member pages
need a membership, and the world's round invites every role. The round itself (and the token
"scan-token-123") comes from the main matrix's world.
"""

from datetime import date

from django_scopes import scope

from tests.support.authz import (
    EDITORS,
    EVERY_ROLE,
    OK,
    REDIRECT,
    Case,
    everyone,
    members_only,
)
from wijknet.scans.models import PlannedRound, ScanRound

TOKEN = ("scan_token",)
ROUND = ("network_slug", "round_uuid")

MATRIX: dict[str, Case] = {
    "scans:answer_part": Case(everyone(OK), kwargs=(*TOKEN, "part")),
    "scans:answer_overview": Case(everyone(OK), kwargs=TOKEN),
    "scans:member_answer_part": Case(
        members_only(EVERY_ROLE), kwargs=(*ROUND, "part"), foreign=True
    ),
    "scans:member_answer_overview": Case(members_only(EVERY_ROLE), kwargs=ROUND, foreign=True),
    # Planned re-measurements (T1/T2): moved and opened by whoever manages scans.
    "scans:planned_edit": Case(
        members_only(EDITORS), kwargs=("network_slug", "planned_uuid"), foreign=True
    ),
    # Opening answers with a redirect (to the new round, or back to the list when refused).
    "scans:planned_open": Case(
        {**members_only(EDITORS), "coordinator": REDIRECT, "core": REDIRECT},
        kwargs=("network_slug", "planned_uuid"),
        method="post",
        foreign=True,
    ),
}


def _planned(network):
    with scope(network=network):
        baseline = ScanRound.objects.create(
            network=network, label="T0", opens_on=date(2025, 1, 1), closes_on=date(2025, 1, 31)
        )
        return PlannedRound.objects.create(
            network=network, source_round=baseline, label="T1", due_on=date(2026, 1, 31)
        )


def world(network, other_network, coordinator):
    return {
        "part": (1, 1),
        "planned_uuid": (_planned(network).uuid, _planned(other_network).uuid),
    }
