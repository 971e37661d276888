"""Reads of API tokens. Tokens are looked up before any scope exists (the token decides the
scope), hence scopes_disabled with the user or hash filtered explicitly."""

import functools

from django.db import connections, router
from django_scopes import scopes_disabled

from wijknet.accounts.models import User
from wijknet.core import joined
from wijknet.networks.models import Network

from .models import ApiToken


def token_by_hash(token_hash: str) -> ApiToken | None:
    """The token with this hash, with its user and network: on every API call, so one query
    written once per process (core/joined.py), as `networks.queries.current_membership`."""
    db = router.db_for_read(ApiToken)
    row = joined.fetch_one(db, _token_sql(db), [token_hash])
    if row is None:
        return None
    values, user, network = joined.split(row, ApiToken, User, Network)
    token = joined.instance(ApiToken, values, db)
    token.user = joined.instance(User, user, db)
    token.network = joined.instance(Network, network, db)
    return token


@functools.cache
def _token_sql(db: str) -> str:
    connection = connections[db]
    quote = connection.ops.quote_name
    token, user, network = (quote(model._meta.db_table) for model in (ApiToken, User, Network))
    field = ApiToken._meta.get_field
    # Only table and column names from the models, quoted; the values are parameters.
    return (
        f"SELECT {joined.columns(ApiToken, 't', connection)},"  # noqa: S608
        f" {joined.columns(User, 'u', connection)},"
        f" {joined.columns(Network, 'n', connection)}"
        f" FROM {token} t"
        f" INNER JOIN {user} u ON u.{quote('id')} = t.{quote(field('user').column)}"
        f" INNER JOIN {network} n ON n.{quote('id')} = t.{quote(field('network').column)}"
        f" WHERE t.{quote('token_hash')} = %s ORDER BY t.{quote('id')} LIMIT 1"
    )


def tokens_of_user(user) -> list[ApiToken]:
    """The user's tokens over all networks, newest first (bounded: at most 100)."""
    with scopes_disabled():
        return list(
            ApiToken.objects.select_related("network")
            .filter(user=user)
            .order_by("-created_at", "-pk")[:100]
        )
