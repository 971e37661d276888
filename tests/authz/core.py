"""/healthz in the authorization matrix: open to everybody (a load balancer has no login) and
it shows no data. The world writes a fresh worker heartbeat, so every persona gets 200."""

from tests.support.authz import OK, Case, everyone
from wijknet.core.scheduling import beat

MATRIX: dict[str, Case] = {
    "core:healthz": Case(everyone(OK)),
}


def world(network, other_network, coordinator):
    beat("worker")
    return {}
