"""Ideas and initiatives that members of a network bring in, citizens included (seed 002
Aanbeveling 1: "regie en eigenaarschap bij de burger"; a network that grows bottom-up), the
support and help other members offer, and the network's response term."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned

DEFAULT_RESPONSE_WEEKS = 4


class InitiativeStatus(models.TextChoices):
    NEW = "new", _("nieuw")
    IN_TALKS = "in_talks", _("in gesprek")
    PICKED_UP = "picked_up", _("opgepakt")
    DONE = "done", _("afgerond")
    DECLINED = "declined", _("niet opgepakt")


class Initiative(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("wat is het idee?"), max_length=200)
    description = models.TextField(_("vertel er meer over"), blank=True)
    for_whom = models.CharField(_("voor wie?"), max_length=200, blank=True)
    place = models.CharField(_("waar?"), max_length=200, blank=True)
    needs = models.TextField(_("wat is er nodig?"), blank=True)
    who_joins = models.TextField(_("wie doen er al mee?"), blank=True)
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ingebracht door"),
    )
    # The initiator's role when the idea came in: ideas from residents (role citizen) count as
    # resident involvement in the health monitor, also after the membership ended.
    initiator_role = models.CharField(max_length=12, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.NEW,
    )
    response = models.TextField(_("reactie van het netwerk"), blank=True)
    responded_at = models.DateTimeField(_("eerste reactie"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The goal it became (actions); the goal's card links back through `goal.initiative`.
    goal = models.OneToOneField(
        "actions.Goal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative",
        verbose_name=_("doel"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "status", "created_at"])]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def __str__(self):
        return self.title


class Support(NetworkOwned):
    """One member's support for an initiative, possibly with an offer to help (one per member;
    withdrawing deletes it)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    offers_help = models.BooleanField(_("ik wil helpen"), default=False)
    help_text = models.CharField(_("waarmee wil je helpen?"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="one_support_per_member")
        ]
        verbose_name = _("steun")
        verbose_name_plural = _("steun")

    def __str__(self):
        return f"{self.user_id} → {self.initiative_id}"


class InitiativeSettings(NetworkOwned):
    """The network's agreement about initiatives: within how many weeks the kartrekker or the
    core group responds to a new idea. One row per network, made on the first change."""

    response_weeks = models.PositiveSmallIntegerField(
        _("reactietermijn (weken)"),
        default=DEFAULT_RESPONSE_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text=_("Binnen deze termijn krijgt wie een idee inbrengt een reactie."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network"], name="initiative_settings_per_network")
        ]
        verbose_name = _("instellingen initiatieven")
        verbose_name_plural = _("instellingen initiatieven")

    def __str__(self):
        return str(self._meta.verbose_name)
