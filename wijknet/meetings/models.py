"""Meetings of the network: who came, what was decided (and whether it was communicated), and a
short reflection at the end (seed 003 tip 7)."""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned


class MeetingKind(models.TextChoices):
    NETWORK = "network", _("Netwerkbijeenkomst")
    CORE = "core", _("Kerngroep")
    LEARNING = "learning", _("Leersessie")
    INTERVISION = "intervision", _("Intervisie")
    VISIT = "visit", _("Werkbezoek")
    MDO = "mdo", _("MDO-overleg")
    RESIDENTS = "residents", _("Bewonersbijeenkomst")


class Meeting(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort"), max_length=12, choices=MeetingKind.choices)
    title = models.CharField(_("titel"), max_length=150)
    starts_at = models.DateTimeField(_("begint om"))
    duration_minutes = models.PositiveIntegerField(_("duur (minuten)"), default=90)
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("voorzitter"),
    )
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Eén punt per regel."))
    notes = models.TextField(_("verslag"), blank=True)
    # Seed 002 §4.2 Wijchen: "van tijd tot tijd expliciet verwachtingen te bespreken en aan te
    # geven wie welke rol heeft"; read by the health monitor (roles_not_discussed).
    roles_discussed = models.BooleanField(
        _("rollen en verwachtingen besproken"),
        default=False,
        help_text=_(
            "Vink aan als is besproken wie welke rol heeft en wat men van elkaar mag verwachten."
        ),
    )
    invited_partners = models.ManyToManyField(
        "networks.Partner", blank=True, related_name="+", verbose_name=_("uitgenodigde partners")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self):
        return self.title

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class Attendance(NetworkOwned):
    """Whether an invited partner was there (seed 003 tip 9: a partner that fades away)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    partner = models.ForeignKey("networks.Partner", on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(default=False)

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "partner"], name="attendance_once")
        ]


class Decision(NetworkOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("besluit"))
    communicated = models.BooleanField(_("gecommuniceerd aan alle leden"), default=False)
    communicated_how = models.CharField(_("hoe"), max_length=200, blank=True)
    communicated_on = models.DateField(_("wanneer"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]


SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Reflection(NetworkOwned):
    """Seed 003 tip 7: how does the collaboration go, how is the engagement, are we working
    towards our goal — each 1–5, plus a remark."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="reflection")
    collaboration = models.PositiveSmallIntegerField(
        _("hoe gaat de samenwerking?"), validators=SCORE
    )
    engagement = models.PositiveSmallIntegerField(_("hoe is de betrokkenheid?"), validators=SCORE)
    goal_progress = models.PositiveSmallIntegerField(
        _("werken we richting ons doel?"), validators=SCORE
    )
    remark = models.TextField(_("opmerking"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(NetworkOwned):
    """The secret address of the network's iCal feed; replacing it revokes the old address."""

    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network"], name="one_feed_per_network")]
