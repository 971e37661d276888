"""The open API in the authorization matrix.

The API accepts personal tokens only, never the web session: every persona of the matrix (who
is logged in with a session) gets 401 on /api/v1/ resources. What each role sees *with a token*,
404 for another network's objects, read vs write tokens and expired or revoked tokens are tested
per role in wijknet/api/tests/test_api.py. The schema and its reference page are public (they
show no data). The token pages belong to the logged-in user; another user's token is a 404.
"""

import uuid

from tests.support.authz import LOGIN, NOT_FOUND, OK, Case, everyone, logged_in
from wijknet.api import services

UNAUTHORIZED = "401"
TOKEN_ONLY = everyone(UNAUTHORIZED)

MATRIX: dict[str, Case] = {
    "api:tokens": Case(logged_in(OK)),
    "api:token_revoke": Case(
        {**logged_in(NOT_FOUND), "anonymous": LOGIN, "coordinator": OK}, kwargs=("token_uuid",)
    ),
    "api:root": Case(everyone(OK)),
    "api:schema": Case(everyone(OK)),
    "api:docs": Case(everyone(OK)),
    "api:networks": Case(TOKEN_ONLY),
    "api:partners": Case(TOKEN_ONLY),
    "api:partner": Case(TOKEN_ONLY, kwargs=("uuid",)),
    "api:members": Case(TOKEN_ONLY),
    "api:goals": Case(TOKEN_ONLY),
    "api:goal": Case(TOKEN_ONLY, kwargs=("uuid",)),
    "api:actions": Case(TOKEN_ONLY),
    "api:action": Case(TOKEN_ONLY, kwargs=("uuid",)),
    "api:meetings": Case(TOKEN_ONLY),
    "api:meeting": Case(TOKEN_ONLY, kwargs=("uuid",)),
    "api:successes": Case(TOKEN_ONLY),
    "api:agreement": Case(TOKEN_ONLY),
    "api:funding": Case(TOKEN_ONLY),
    "api:scan_rounds": Case(TOKEN_ONLY),
    "api:scan_round_results": Case(TOKEN_ONLY, kwargs=("uuid",)),
    "api:organisations": Case(TOKEN_ONLY),
    "api:health_signals": Case(TOKEN_ONLY),
    "api:offers": Case(TOKEN_ONLY),
    "api:offer": Case(TOKEN_ONLY, kwargs=("uuid",)),
    "api:referrals": Case(TOKEN_ONLY),
    "api:referral": Case(TOKEN_ONLY, kwargs=("uuid",)),
    "api:referral_status": Case(TOKEN_ONLY, kwargs=("uuid",)),
    "api:referral_fhir": Case(TOKEN_ONLY, kwargs=("uuid",)),
    "api:client_fhir": Case(TOKEN_ONLY, kwargs=("uuid",)),
    "api:help_requests": Case(TOKEN_ONLY),
}


def world(network, other_network, coordinator):
    row, _ = services.token_create(acting_user=coordinator, network=network, name="matrix")
    return {"token_uuid": (row.uuid, None), "uuid": (uuid.uuid4(), None)}
