"""The core group's yearly process evaluation (seed 004, content/evaluation.yaml), stored with
a snapshot of the evaluation figures it was written beside. The figures themselves are not
stored: `queries.evaluation_figures` aggregates them in the database for any period."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned


class EvaluationReflection(NetworkOwned):
    """One per network and year. `answers` maps a question key of content/evaluation.yaml to
    the core group's answer; `figures` is the snapshot of the evaluation page's aggregates for
    `period_start`–`period_end` at the last save (only aggregates: nothing that names a
    person). Two people may write it together: `version` (optimistic locking)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("jaar"))
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    answers = models.JSONField(_("antwoorden"), default=dict, blank=True)
    figures = models.JSONField(default=dict, blank=True, editable=False)
    questions_version = models.PositiveSmallIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("jaarlijkse reflectie")
        verbose_name_plural = _("jaarlijkse reflecties")
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="one_reflection_per_year")
        ]

    def __str__(self):
        return str(self.year)
