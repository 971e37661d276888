"""Tenancy base model and the audit table. Nothing domain-specific lives here."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class NetworkOwned(models.Model):
    """Base for every model that belongs to one network.

    Its manager raises (django-scopes) when queried outside an active network scope, so a
    forgotten filter fails loudly instead of leaking another network's rows.
    """

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="+", verbose_name=_("netwerk")
    )

    objects = ScopedManager(network="network")

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """Who changed what, when: written by services in the same transaction as the change."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        "networks.Network", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("actie"), max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(_("samenvatting"), max_length=300)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # Whether the change can alter the network's stored analyses (core.analysis): set once by
    # audit.record from settings.ANALYSIS_IGNORED_ACTIONS.
    analysis_relevant = models.BooleanField(default=True, editable=False)

    objects = ScopedManager(network="network")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["network", "id"], name="audit_network_id"),
            # core.analysis asks "any relevant change in this network after event N?" on every
            # analysis page: an index range scan over just those rows, whatever the table's size.
            models.Index(
                fields=["network", "id"],
                condition=models.Q(analysis_relevant=True),
                name="audit_analysis_changes",
            ),
        ]
        verbose_name = _("audit-gebeurtenis")
        verbose_name_plural = _("audit-gebeurtenissen")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.summary}"


class ScheduledRun(models.Model):
    """That a periodic job ran for a period (see core.scheduling.claim_period)."""

    name = models.CharField(max_length=64)
    period = models.CharField(max_length=32)
    ran_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ran_at"]
        constraints = [
            models.UniqueConstraint(fields=["name", "period"], name="one_run_per_period")
        ]

    def __str__(self):
        return f"{self.name} {self.period}"


class Heartbeat(models.Model):
    """The last time a background process proved it was alive (one row per process kind).

    "worker": the task worker ran the scheduled jobs (core.tasks.run_scheduled_jobs), so the
    scheduler enqueues and the worker works. /healthz (core.health) reads it.
    """

    name = models.CharField(max_length=32, unique=True)
    beat_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"


class NetworkAnalysis(NetworkOwned):
    """A stored, derived result for one network (graph metrics, health signals), computed by a
    task, never in a request (see core.analysis). One row per (network, kind)."""

    kind = models.CharField(max_length=40)
    data = models.JSONField(null=True, blank=True)
    # The id of the network's latest audit event when the computation started: a later
    # relevant audit event means the data changed since.
    generation = models.BigIntegerField(default=0)
    computed_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    # A recompute was asked for (by a change, a page or a coordinator) and has not run yet.
    requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["network", "kind"], name="one_analysis_per_kind")
        ]

    def __str__(self):
        return f"{self.kind} {self.computed_at}"
