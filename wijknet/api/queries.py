"""Reads of API tokens. Tokens are looked up before any scope exists (the token decides the
scope), hence scopes_disabled with the user or hash filtered explicitly."""

from django_scopes import scopes_disabled

from .models import ApiToken


def token_by_hash(token_hash: str) -> ApiToken | None:
    with scopes_disabled():
        return (
            ApiToken.objects.select_related("user", "network")
            .filter(token_hash=token_hash)
            .order_by("pk")
            .first()
        )


def tokens_of_user(user) -> list[ApiToken]:
    """The user's tokens over all networks, newest first (bounded: at most 100)."""
    with scopes_disabled():
        return list(
            ApiToken.objects.select_related("network")
            .filter(user=user)
            .order_by("-created_at", "-pk")[:100]
        )
