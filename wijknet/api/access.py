"""Who may use and manage personal API tokens. The API's own decisions are the other apps'
access policies and the member's role; this module adds only what is about tokens."""

from django.http import Http404
from django.utils import timezone

from wijknet.accounts.middleware import idle_seconds
from wijknet.networks import access as network_access
from wijknet.networks.queries import current_membership
from wijknet.scans.stats import MIN_GROUP

from .models import ApiToken, TokenScope


def is_usable(token: ApiToken, now=None) -> bool:
    """A token that is neither revoked nor expired (its user must still be active). A
    client-data token also lapses when unused for as long as a verified web session may idle
    (SENSITIVE_SESSION_IDLE_SECONDS): it stands for such a session."""
    now = now or timezone.now()
    if token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
        return False
    if token.client_data:
        last = token.last_used_at or token.created_at
        return (now - last).total_seconds() <= idle_seconds()
    return True


def may_create_client_data_token(user, *, verified: bool) -> bool:
    """Only in a session that passed the second factor (request.user.is_verified()): the token
    is then what the verified session is on the web, for at most as long (services)."""
    return verified and user.is_authenticated


def may_read_client_data(token: ApiToken) -> bool:
    """Referrals and the FHIR export of a client need a client-data token, as their web pages
    need a verified second factor (OTPRequiredMixin)."""
    return token.client_data


def may_write(token: ApiToken) -> bool:
    """A token with the read-and-write scope; the member's role still decides each write."""
    return token.scope == TokenScope.READ_WRITE


def may_create_token(network, user) -> bool:
    """A current member of the network may make a token for it (it acts with their role)."""
    return network_access.is_current(current_membership(user, network.slug))


def may_revoke(token: ApiToken, user) -> bool:
    """Only the token's own user revokes it."""
    return token.user_id == user.pk


def get_own_token(tokens, token_uuid) -> ApiToken:
    """One of the user's tokens (from `queries.tokens_of_user`); 404 for anybody else's."""
    for token in tokens:
        if str(token.uuid) == str(token_uuid):
            return token
    raise Http404


def may_show_round_results(submitted: int) -> bool:
    """A round's aggregated results leave the API only with at least MIN_GROUP submitted
    responses (the web's smallest shown group), so no mean is one person's answer."""
    return submitted >= MIN_GROUP
