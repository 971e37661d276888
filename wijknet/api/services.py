"""Writes of API tokens: create (the token is returned once) and revoke, each audited."""

import functools
import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from wijknet.accounts.middleware import max_seconds
from wijknet.core import audit, joined

from . import access
from .models import ApiToken, ApiTokenWindow, TokenScope

TOKEN_PREFIX = "wn_"
MAX_VALID_DAYS = 365


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(
    *,
    acting_user,
    network,
    name: str,
    scope: str = TokenScope.READ,
    valid_days: int = 90,
    client_data: bool = False,
    verified: bool = False,
) -> tuple[ApiToken, str]:
    """Make a token for the acting user in this network; returns (row, token). Only the hash is
    stored: the token cannot be shown again.

    `client_data` (referrals, a client's FHIR export) needs `verified`: the request that makes
    the token passed the second factor. Such a token lives no longer than a verified session
    (SENSITIVE_SESSION_MAX_SECONDS) and lapses when idle as long as one (access.is_usable)."""
    if not access.may_create_token(network, acting_user):
        raise PermissionDenied
    if client_data and not access.may_create_client_data_token(acting_user, verified=verified):
        raise ValidationError(
            {
                "client_data": _(
                    "Een sleutel voor cliëntgegevens maak je alleen na inloggen met je tweede "
                    "factor (authenticator-app)."
                )
            }
        )
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Kies lezen of lezen en schrijven.")})
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise ValidationError(
            {
                "valid_days": _("Een sleutel is 1 tot %(max)s dagen geldig.")
                % {"max": MAX_VALID_DAYS}
            }
        )
    if not name.strip():
        raise ValidationError({"name": _("Geef de sleutel een naam.")})
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    expires_at = now + timedelta(days=valid_days)
    if client_data:
        expires_at = min(expires_at, now + timedelta(seconds=max_seconds()))
    row = ApiToken.objects.create(
        network=network,
        user=acting_user,
        name=name.strip(),
        scope=scope,
        prefix=token[:10],
        token_hash=hash_token(token),
        expires_at=expires_at,
        client_data=client_data,
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="api_token.created",
        obj=row,
        summary=_("API-sleutel %(name)s aangemaakt") % {"name": row.name},
        data={"scope": scope, "valid_days": valid_days, "client_data": client_data},
    )
    return row, token


@transaction.atomic
def token_revoke(*, acting_user, token: ApiToken) -> ApiToken:
    if not access.may_revoke(token, acting_user):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        with scopes_disabled():
            token.save(update_fields=["revoked_at"])
        audit.record(
            actor=acting_user,
            network=token.network,
            action="api_token.revoked",
            obj=token,
            summary=_("API-sleutel %(name)s ingetrokken") % {"name": token.name},
        )
    return token


def token_touch(token: ApiToken) -> None:
    """Note when a token was last used (at most once a minute; not audited: not a change)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        with scopes_disabled():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def token_count_request(token: ApiToken, *, window_seconds: int, now: float) -> tuple[int, float]:
    """Count one request of the token in the current window of `window_seconds` (fixed
    windows from the epoch); returns the window's count so far and the seconds until it ends.

    One statement, an upsert that returns the new count: atomic without a transaction, and the
    same row for every worker process and app server (not audited: not a change). On
    PostgreSQL it commits without waiting for the disk (core.joined.unflushed_commit): a count
    lost in a crash of the database server costs nothing, waiting for every request's flush
    cost a third of the API lists' throughput (docs/performance.md, session 9)."""
    started = int(now // window_seconds * window_seconds)
    with connection.cursor() as cursor:
        # Inside a transaction the setting would reach the transaction's other writes too.
        sql = _count_sql(unflushed=not connection.in_atomic_block)
        cursor.execute(sql, [token.pk, token.network_id, started])
        count = cursor.fetchone()[0]
    return count, started + window_seconds - now


@functools.cache
def _count_sql(*, unflushed: bool) -> str:
    quote = connection.ops.quote_name
    table = quote(ApiTokenWindow._meta.db_table)
    field = ApiTokenWindow._meta.get_field
    token, network = quote(field("token").column), quote(field("network").column)
    started, requests = quote("started"), quote("requests")
    # Only the table's and columns' own names, quoted; the values are parameters. Both SQLite
    # (3.35+) and PostgreSQL know INSERT … ON CONFLICT … RETURNING.
    return (
        f"INSERT INTO {table} ({token}, {network}, {started}, {requests})"  # noqa: S608
        f" VALUES (%s, %s, %s, 1)"
        f" ON CONFLICT ({token}, {started})"
        f" DO UPDATE SET {requests} = {table}.{requests} + 1"
        f" RETURNING {requests}{joined.unflushed_commit(connection) if unflushed else ''}"
    )


def token_windows_purge(now) -> int:
    """Delete the rate-limit windows that started more than two days ago (the longest window
    is a day, so none of them still counts); a scheduled job. Returns how many."""
    cutoff = int(now.timestamp()) - 2 * 24 * 3600
    with scopes_disabled():
        deleted, _by_model = ApiTokenWindow.objects.filter(started__lt=cutoff).delete()
    return deleted
