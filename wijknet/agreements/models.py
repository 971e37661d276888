"""The collaboration agreement (seed 002 Aanbeveling 1, seed 004 "Maak afspraken over de
verantwoordelijkheden, rollen, taken, tijdsbesteding en geld") and the network's funding.

An agreement is versioned: changing it makes a new version, earlier versions stay readable.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned


class Agreement(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(_("versie"))
    purpose = models.TextField(_("doel van de samenwerking"), blank=True)
    out_of_scope = models.TextField(
        _("wat valt buiten de samenwerking"),
        blank=True,
        help_text=_("Communiceer ook helder wat buiten de samenwerking valt (RIVM)."),
    )
    notes = models.TextField(_("toelichting bij deze versie"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["network", "version"], name="agreement_version")
        ]
        verbose_name = _("samenwerkingsafspraak")
        verbose_name_plural = _("samenwerkingsafspraken")

    def __str__(self):
        return f"v{self.version}"


class PartnerTerms(NetworkOwned):
    """One partner's part in one version of the agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="terms")
    partner = models.ForeignKey(
        "networks.Partner", on_delete=models.CASCADE, related_name="+", verbose_name=_("partner")
    )
    roles = models.TextField(_("rol(len)"), blank=True)
    tasks = models.TextField(_("taken"), blank=True)
    hours_per_month = models.PositiveIntegerField(_("uren per maand"), default=0)
    money = models.DecimalField(_("geld per jaar (€)"), max_digits=10, decimal_places=2, default=0)

    class Meta:
        ordering = ["agreement", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "partner"], name="terms_per_partner")
        ]


class EndorsementLevel(models.TextChoices):
    STRATEGIC = "strategic", _("Bestuurder (strategisch)")
    TACTICAL = "tactical", _("Manager (tactisch)")
    OPERATIONAL = "operational", _("Professional (uitvoerend)")


class Endorsement(NetworkOwned):
    """Who endorsed a version, at which level of their organisation, and when."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="endorsements")
    partner = models.ForeignKey(
        "networks.Partner", on_delete=models.CASCADE, related_name="+", verbose_name=_("partner")
    )
    level = models.CharField(_("niveau"), max_length=12, choices=EndorsementLevel.choices)
    name = models.CharField(_("naam"), max_length=150)
    endorsed_on = models.DateField(_("datum"))

    class Meta:
        ordering = ["agreement", "endorsed_on", "pk"]


class FundingKind(models.TextChoices):
    SUBSIDIE = "subsidie", _("Subsidie")
    GEMEENTE = "gemeente", _("Gemeente")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar")
    FONDS = "fonds", _("Fonds")
    EIGEN_BIJDRAGE = "eigen_bijdrage", _("Eigen bijdrage partners")
    OVERIG = "overig", _("Overig")


class FundingSource(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=16, choices=FundingKind.choices)
    amount = models.DecimalField(_("bedrag (€)"), max_digits=12, decimal_places=2, default=0)
    structural = models.BooleanField(
        _("structureel"),
        default=False,
        help_text=_("Structurele financiering loopt door; tijdelijke heeft een einddatum."),
    )
    starts_on = models.DateField(_("vanaf"), null=True, blank=True)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    notes = models.TextField(_("toelichting"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["ends_on", "name"]
        verbose_name = _("financieringsbron")
        verbose_name_plural = _("financieringsbronnen")

    def __str__(self):
        return self.name
