"""Referrals (verwijzingen): a professional refers a resident to an offer or a partner, and the
receiving partner reports back along a fixed pipeline (the closed loop of Welzijn op Recept)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijknet.core.fields import EncryptedTextField
from wijknet.core.models import NetworkOwned
from wijknet.networks.models import Sector
from wijknet.offers.models import OfferKind


class Status(models.TextChoices):
    """The closed loop's pipeline, in order; gestopt and niet_gestart end it (with an
    EndReason)."""

    VERWEZEN = "verwezen", _("Verwezen")
    CONTACT = "contact", _("Contact gelegd")
    INTAKE = "intake", _("Intake")
    GESTART = "gestart", _("Gestart")
    ACTIEF_3M = "actief_3m", _("Nog actief na 3 maanden")
    GESTOPT = "gestopt", _("Gestopt")
    NIET_GESTART = "niet_gestart", _("Niet gestart")


class EndReason(models.TextChoices):
    """Why a referral ended without the resident taking part: the receiving partner picks one
    when it sets gestopt or niet_gestart, and the funnel counts them as feedback."""

    GEEN_CONTACT = "geen_contact", _("Geen contact kunnen leggen")
    WIL_NIET = "wil_niet", _("Bewoner wil niet (meer)")
    PAST_NIET = "past_niet", _("Aanbod past niet bij de bewoner")
    KOSTEN = "kosten", _("Kosten")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    GEEN_PLEK = "geen_plek", _("Wachtlijst of geen plek")
    VERHUISD = "verhuisd", _("Verhuisd")
    ANDERS = "anders", _("Andere reden")


# Timestamp column on Referral for each stage of the pipeline (verwezen is created_at).
STAGE_FIELDS = {
    Status.VERWEZEN: "created_at",
    Status.CONTACT: "contact_at",
    Status.INTAKE: "intake_at",
    Status.GESTART: "started_at",
    Status.ACTIEF_3M: "active_3m_at",
}


class Referral(NetworkOwned):
    """One referral of one resident. Personal details are the minimum the receiver needs;
    contact, reason and goals are encrypted at rest."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals_sent",
        verbose_name=_("verwijzer"),
    )
    referrer_organisation = models.ForeignKey(
        "networks.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisatie van de verwijzer"),
    )
    # Copied at creation, so the funnel does not shift when an organisation changes sector.
    referrer_sector = models.CharField(
        _("sector van de verwijzer"), max_length=20, choices=Sector.choices, blank=True
    )
    offer = models.ForeignKey(
        "offers.Offer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("aanbod"),
    )
    # Copied from the offer at creation (empty: referred to a partner directly).
    offer_kind = models.CharField(
        _("soort aanbod"), max_length=20, choices=OfferKind.choices, blank=True
    )
    receiving_partner = models.ForeignKey(
        "networks.Partner",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("ontvangende partner"),
    )
    resident_name = models.CharField(_("naam of roepnaam van de bewoner"), max_length=100)
    resident_contact = EncryptedTextField(_("contactgegevens van de bewoner"))
    resident_birth_year = models.PositiveSmallIntegerField(_("geboortejaar"))
    consent_given = models.BooleanField(_("toestemming van de bewoner"), default=False)
    consent_recorded_at = models.DateTimeField(_("toestemming vastgelegd op"), null=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("toestemming vastgelegd door"),
    )
    reason = EncryptedTextField(_("reden van verwijzing"))
    goals = EncryptedTextField(_("doelen"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.VERWEZEN
    )
    end_reason = models.CharField(_("reden"), max_length=12, choices=EndReason.choices, blank=True)
    contact_at = models.DateTimeField(_("contact gelegd op"), null=True, blank=True)
    intake_at = models.DateTimeField(_("intake op"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    active_3m_at = models.DateTimeField(_("nog actief na 3 maanden op"), null=True, blank=True)
    ended_at = models.DateTimeField(_("gestopt of niet gestart op"), null=True, blank=True)
    created_at = models.DateTimeField(_("verwezen op"), default=timezone.now, editable=False)
    # The status for which the receiver was last reminded (jobs.remind_receivers), so each
    # reminder goes out once.
    reminded_status = models.CharField(max_length=12, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")

    def __str__(self):
        return f"{self.resident_name} → {self.receiving_partner_id}"

    @property
    def is_closed(self) -> bool:
        return self.status in (Status.ACTIEF_3M, Status.GESTOPT, Status.NIET_GESTART)


class ReferralEvent(NetworkOwned):
    """One step in a referral's timeline: the status it reached, when and by whom."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    at = models.DateTimeField(_("datum"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    end_reason = models.CharField(_("reden"), max_length=12, choices=EndReason.choices, blank=True)
    note = EncryptedTextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("stap van een verwijzing")
        verbose_name_plural = _("stappen van verwijzingen")

    def __str__(self):
        return f"{self.status} {self.at:%Y-%m-%d}"
