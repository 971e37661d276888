"""Concrete goals with actions (seed 002: make goals concrete) and successes to celebrate
(seed 002 "vier successen"; seed 000: visibility of results)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    ACHIEVED = "achieved", _("Behaald")
    DROPPED = "dropped", _("Losgelaten")


class Goal(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("doel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    measure = models.CharField(
        _("waaraan zien we dat het gelukt is?"),
        max_length=300,
        blank=True,
        help_text=_("Maak het doel concreet: een aantal, een datum, iets wat je kunt zien."),
    )
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    reviewed_on = models.DateField(
        _("laatst besproken"),
        null=True,
        blank=True,
        help_text=_("Het actieplan wordt minstens jaarlijks herzien."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["status", "target_date", "title"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self):
        return self.title


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Te doen")
    IN_PROGRESS = "in_progress", _("Bezig")
    DONE = "done", _("Gedaan")
    DROPPED = "dropped", _("Vervallen")


class Action(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("doel"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("afgesproken in"),
    )
    title = models.CharField(_("actie"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    owner_partner = models.ForeignKey(
        "networks.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("namens partner"),
    )
    due_on = models.DateField(_("uiterlijk"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    result = models.TextField(_("resultaat"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["status", "due_on", "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self):
        return self.title


class Success(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("succes"), max_length=200)
    description = models.TextField(_("wat is er gelukt?"), blank=True)
    happened_on = models.DateField(_("datum"))
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successes",
        verbose_name=_("bij doel"),
    )
    shared_at = models.DateTimeField(_("gedeeld op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name = _("succes")
        verbose_name_plural = _("successen")

    def __str__(self):
        return self.title
