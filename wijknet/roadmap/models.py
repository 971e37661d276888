"""The step plan: phases, guiding questions and steps (content from `content/roadmap.yaml`),
and each network's progress on the steps.

Content rows are shared by all networks and identified by stable keys, so reloading edited
content updates texts without touching any network's progress. Texts are stored in Dutch, with
the other languages in `translations`; reading a text field gives the reader's language
(core.content.translated, content/README.md).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.content import translated
from wijknet.core.models import NetworkOwned


class ContentVersion(models.Model):
    """Which version of a content file is loaded (one row per file)."""

    name = models.CharField(max_length=50, unique=True)
    version = models.PositiveIntegerField()
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name} v{self.version}"


@translated("name", "summary")
class Phase(models.Model):
    key = models.SlugField(max_length=30, unique=True)
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    summary = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


@translated("text")
class Question(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    source = models.CharField(max_length=200, blank=True)
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["phase__order", "order"]

    def __str__(self):
        return self.text


@translated("title", "guidance")
class Step(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="steps")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    guidance = models.TextField()
    source = models.CharField(max_length=200)
    translations = models.JSONField(default=dict, blank=True)
    # A step removed from the content file is retired, never deleted: progress stays readable.
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["phase__order", "order"]

    def __str__(self):
        return self.title


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Niet gestart")
    IN_PROGRESS = "in_progress", _("Bezig")
    DONE = "done", _("Gereed")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")


class StepProgress(NetworkOwned):
    """One network's work on one step. A missing row means "niet gestart"."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="progress")
    status = models.CharField(
        _("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    note = models.TextField(_("notitie"), blank=True)
    evidence_url = models.URLField(_("link naar bewijs of document"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "step"], name="one_progress_per_step")
        ]
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")

    def __str__(self):
        return f"{self.step} — {self.get_status_display()}"
