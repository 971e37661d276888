"""The access log (NEN 7513): who did what with which client's data, when, from where and on
which ground.

Append-only, on three levels:
- the model refuses `save()` of an existing row and `delete()`;
- its QuerySet refuses `update()`, `delete()` and `bulk_update()`;
- database triggers (migration 0002) abort every UPDATE — except the one Django issues when a
  user is deleted (`user_id` set to NULL, nothing else changed) — and every DELETE, except of
  rows older than five years while the retention purge has switched on its flag for that
  transaction (see `db.purge_allowed` and `jobs.purge_expired`).

A record holds no client content: the client is a UUID (not a foreign key, so the log outlives an
erased client) and the user's name, e-mail address, organisation and role are copied in, so the
log survives the deletion of the user too.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from wijknet.core.models import NetworkOwned


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an access log record."""


class Action(models.TextChoices):
    CREATE = "create", _("aanmaken")
    READ = "read", _("inzien")
    UPDATE = "update", _("wijzigen")
    DELETE = "delete", _("verwijderen")
    PRINT = "print", _("afdrukken of kopiëren")
    EXPORT = "export", _("exporteren")
    SEARCH = "search", _("zoeken")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Access log records cannot be changed.")

    def delete(self):
        raise AppendOnlyError(
            "Access log records cannot be deleted; only accesslog.jobs.purge_expired removes "
            "records past their retention."
        )

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Access log records cannot be changed.")

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError("Access log records cannot be changed.")


class AccessLogRecord(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # PROTECT: a network with an access log cannot be deleted (the database would refuse anyway).
    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="+", verbose_name=_("netwerk")
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    user_name = models.CharField(_("naam gebruiker"), max_length=150, blank=True)
    user_email = models.CharField(_("e-mailadres gebruiker"), max_length=254, blank=True)
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    role = models.CharField(_("rol"), max_length=12, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=200, blank=True)
    client_uuid = models.UUIDField(_("cliënt"), null=True, blank=True, db_index=True)
    action = models.CharField(_("handeling"), max_length=10, choices=Action.choices)
    category = models.CharField(_("gegevenscategorie"), max_length=40)
    consent_uuid = models.UUIDField(_("toestemming"), null=True, blank=True)
    purpose = models.CharField(_("doel"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    detail = models.CharField(_("toelichting"), max_length=300, blank=True)

    objects = ScopedManager(
        network="network", _manager_class=models.Manager.from_queryset(AppendOnlyQuerySet)
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["network", "client_uuid", "at"], name="accesslog_client_at"),
            models.Index(fields=["network", "at"], name="accesslog_network_at"),
        ]
        verbose_name = _("inzagelogregel")
        verbose_name_plural = _("inzagelog")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.action} {self.client_uuid}"

    @property
    def role_label(self) -> str:
        from wijknet.networks.roles import Role

        resident_roles = {"resident": _("bewoner zelf"), "mantelzorger": _("mantelzorger")}
        return str(dict(Role.choices).get(self.role) or resident_roles.get(self.role, self.role))

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Access log records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Access log records cannot be deleted.")


class AccessReview(NetworkOwned):
    """One run of the daily review of the log for one network and day: makes the review job
    idempotent and shows when the log was last reviewed."""

    day = models.DateField(_("dag"))
    findings = models.PositiveIntegerField(_("bevindingen"), default=0)
    created_at = models.DateTimeField(_("uitgevoerd op"), auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["network", "day"], name="one_access_review_per_day")
        ]
        verbose_name = _("controle van het inzagelog")
        verbose_name_plural = _("controles van het inzagelog")

    def __str__(self):
        return f"{self.day} ({self.findings})"


class OfficerAppointment(NetworkOwned):
    """The appointment of a privacy officer, under four eyes: one coordinator proposes, a
    DIFFERENT coordinator (not the proposer, not the appointee) confirms or rejects it. Kept
    after the decision, so who proposed and who confirmed stays visible. At most one open
    proposal per membership."""

    class Outcome(models.TextChoices):
        OPEN = "", _("wacht op bevestiging")
        CONFIRMED = "confirmed", _("bevestigd")
        REJECTED = "rejected", _("afgewezen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    membership = models.ForeignKey(
        "networks.Membership",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("voorgesteld lid"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    outcome = models.CharField(
        _("besluit"), max_length=10, choices=Outcome.choices, default=Outcome.OPEN, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                condition=models.Q(outcome=""),
                name="one_open_officer_appointment_per_membership",
            )
        ]
        verbose_name = _("aanwijzing privacyfunctionaris")
        verbose_name_plural = _("aanwijzingen privacyfunctionaris")

    def __str__(self):
        return f"{self.membership_id} {self.outcome or 'open'}"

    @property
    def is_open(self) -> bool:
        return self.outcome == self.Outcome.OPEN
