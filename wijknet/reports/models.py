"""A network report (jaarverslag / voortgangsrapportage): asked for on a page, made by the task
worker (services.report_generate), kept per network with its date and variant.

The PDF lives in the "reports" storage (settings.STORAGES, under MEDIA_ROOT/reports, never
served directly): only the download view hands it out, after the access check."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned


def reports_storage():
    return storages["reports"]


def report_path(report, filename: str) -> str:
    return f"{report.network_id}/{report.uuid}.pdf"


class Variant(models.TextChoices):
    FULL = "full", _("Volledig (voor het netwerk)")
    FUNDER = "funder", _("Voor financiers (alleen totalen)")


class Status(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Wordt gemaakt")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


PENDING = (Status.QUEUED, Status.RUNNING)


class Report(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    variant = models.CharField(_("soort"), max_length=10, choices=Variant.choices)
    # The reporting period: the year up to and including `period_end`.
    period_start = models.DateField(_("van"))
    period_end = models.DateField(_("tot en met"))
    language = models.CharField(max_length=8, default="nl")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # 0–100 while the worker builds the sections; `stage` names the section it is at.
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=40, blank=True)
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(storage=reports_storage, upload_to=report_path, blank=True)
    size = models.PositiveIntegerField(default=0)
    # The report's body as HTML (the same sections as the PDF): the report page shows it.
    html = models.TextField(blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["network", "-requested_at"])]

    def __str__(self):
        return f"{self.get_variant_display()} {self.period_end}"

    @property
    def pending(self) -> bool:
        return self.status in PENDING
