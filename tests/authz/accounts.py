"""Account pages for two-factor authentication in the authorization matrix. They are not network
pages: anonymous visitors go to the login page, every logged-in user may open them. The personas
have no device, so the code page sends them to setup."""

from tests.support.authz import OK, REDIRECT, Case, logged_in

MATRIX: dict[str, Case] = {
    "accounts:twofactor": Case(logged_in(OK)),
    "accounts:twofactor_setup": Case(logged_in(OK)),
    "accounts:twofactor_verify": Case(logged_in(REDIRECT)),
}


def world(network, other_network, coordinator):
    return {}
