import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned


class DesiredRelation(NetworkOwned):
    """A relation the network wants between two partners (the Netwerkwijzer draws existing
    relations solid and wished-for ones dotted). Stored with the lower partner id first."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partner_a = models.ForeignKey("networks.Partner", on_delete=models.CASCADE, related_name="+")
    partner_b = models.ForeignKey("networks.Partner", on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("waarom"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["partner_a", "partner_b"], name="desired_pair_once"),
            models.CheckConstraint(
                condition=models.Q(partner_a__lt=models.F("partner_b")), name="desired_pair_order"
            ),
        ]
