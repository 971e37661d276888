"""In-app notifications per network, and each user's choice of what also comes by e-mail."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned

from . import kinds


class Notification(NetworkOwned):
    """One message for one member. It belongs to a network, so it disappears from view when the
    membership ends, like everything else in that network."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("soort"), max_length=32, choices=kinds.CHOICES)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("bericht"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "recipient", "read_at"])]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self):
        return self.title


class EmailPreference(models.Model):
    """A user's choice for one kind; kinds without a row follow kinds.EMAIL_BY_DEFAULT.
    Not network-owned: it is about the person, the same in every network."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(max_length=32, choices=kinds.CHOICES)
    email = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_email_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user_id}:{self.kind}={self.email}"
