"""Shared pieces of the authorization matrix (see wijknet/tests/test_authorization_matrix.py).

An app adds its own pages in `tests/authz/<app>.py`: a `MATRIX` dict (URL name → Case) and a
`world(network, other_network, coordinator)` function returning, per URL kwarg, the value for our
network and for the other network. The matrix test finds these modules by itself.
"""

from dataclasses import dataclass, field

OK, REDIRECT, LOGIN, DENIED, NOT_FOUND, GONE, NOT_ALLOWED = (
    "200",
    "302",
    "login",
    "403",
    "404",
    "410",
    "405",
)
ROLES = ["coordinator", "core", "partner", "citizen", "viewer"]
PERSONAS = ["anonymous", "outsider", *ROLES]


def members_only(allowed: set[str]) -> dict[str, str]:
    """Network page: anonymous → login, outsider → 404, roles in `allowed` → 200, others 403."""
    expect = {"anonymous": LOGIN, "outsider": NOT_FOUND}
    expect.update({role: OK if role in allowed else DENIED for role in ROLES})
    return expect


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(PERSONAS, outcome)


def logged_in(outcome: str) -> dict[str, str]:
    return {**everyone(outcome), "anonymous": LOGIN}


EVERY_ROLE = set(ROLES)
READERS = {"coordinator", "core", "partner", "citizen"}
EDITORS = {"coordinator", "core"}
TEAM = {"coordinator", "core", "partner"}
COORDINATOR = {"coordinator"}


@dataclass
class Case:
    expect: dict[str, str]
    kwargs: tuple[str, ...] = ()
    method: str = "get"
    # For object URLs: the same request with an object of the other network must be a 404.
    foreign: bool = False
    data: dict = field(default_factory=dict)
    # Residents and mantelzorgers (issue 15, RESIDENT_PERSONAS): their outcome where it differs
    # from the outsider's (a resident is no network member: elsewhere they fare as an outsider).
    residents: dict = field(default_factory=dict)


# Logged in with a verified second factor (an e-mailed code): the resident of the matrix's
# client, a mantelzorger (read only) of that client, the resident of another record, and a
# resident whose link has ended.
RESIDENT_PERSONAS = ["resident", "mantelzorger", "resident_other", "resident_ended"]
