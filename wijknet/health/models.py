"""The health monitor's per-network thresholds and the coordinator's acknowledgements.

The signals themselves are not stored: they are computed from the network's data each time
(see `monitor.evaluate`). An acknowledgement is tied to a signal's *fingerprint* (a hash of its
code and evidence), so a signal comes back as soon as the data behind it change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned


class HealthSettings(NetworkOwned):
    """Overrides of the rule thresholds for one network; missing keys fall back to
    `rules.DEFAULTS`."""

    overrides = models.JSONField(_("afwijkende drempels"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # 0 until the thresholds are first saved, so "no row yet" and "never saved" look alike to
    # an editor (who then sends version 0).
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network"], name="one_health_settings_per_network")
        ]


class AckStatus(models.TextChoices):
    SEEN = "seen", _("Gezien")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")


class SignalAcknowledgement(NetworkOwned):
    code = models.CharField(max_length=60)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=AckStatus.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "code", "fingerprint"], name="one_ack_per_signal_state"
            )
        ]
