"""Personal API tokens (docs/api.md): one user, one network, one scope, an expiry.

Only the SHA-256 hash of a token is stored; the token itself is shown once, when it is made.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned


class TokenScope(models.TextChoices):
    READ = "read", _("Alleen lezen")
    READ_WRITE = "read_write", _("Lezen en schrijven")


class ApiToken(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("naam"), max_length=100)
    scope = models.CharField(
        _("rechten"), max_length=12, choices=TokenScope.choices, default=TokenScope.READ
    )
    # The first characters of the token, to recognise it in the list; not secret on their own.
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    # May read and write client data (referrals, the FHIR export of a client): only a token
    # made in a session that passed the second factor, and only for as long as such a session
    # lasts (docs/api.md, "Cliëntgegevens").
    client_data = models.BooleanField(_("cliëntgegevens"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self):
        return self.name


class ApiTokenWindow(NetworkOwned):
    """The requests of one token in one window of the rate limit (`API_RATE_LIMIT`). Counted
    in the database by one upsert per request, so every worker process and app server counts
    in the same row (a count in each process's own memory let a token make the limit once
    per process). Windows older than a day are deleted by a scheduled job."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="windows")
    # The window's start in seconds since the epoch (a multiple of the window's length).
    started = models.PositiveBigIntegerField()
    requests = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "started"], name="api_token_window_once")
        ]

    def __str__(self):
        return f"{self.token_id}@{self.started}: {self.requests}"
