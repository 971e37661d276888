"""The scan answering screens in the authorization matrix (see tests/support/authz.py).

The token link is the only credential of its pages (everyone with it gets 200); the member pages
need a membership, and the world's round invites every role. The round itself (and the token
"scan-token-123") comes from the main matrix's world.
"""

from tests.support.authz import EVERY_ROLE, OK, Case, everyone, members_only

TOKEN = ("scan_token",)
ROUND = ("network_slug", "round_uuid")

MATRIX: dict[str, Case] = {
    "scans:answer_part": Case(everyone(OK), kwargs=(*TOKEN, "part")),
    "scans:answer_overview": Case(everyone(OK), kwargs=TOKEN),
    "scans:member_answer_part": Case(
        members_only(EVERY_ROLE), kwargs=(*ROUND, "part"), foreign=True
    ),
    "scans:member_answer_overview": Case(members_only(EVERY_ROLE), kwargs=ROUND, foreign=True),
}


def world(network, other_network, coordinator):
    return {"part": (1, 1)}
