"""The social map (sociale kaart): offers of the network's partners for residents."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned


class OfferKind(models.TextChoices):
    SPORT = "sport", _("Sport")
    BEWEGEN = "bewegen", _("Bewegen")
    WELZIJN = "welzijn", _("Welzijn")
    ONTMOETING = "ontmoeting", _("Ontmoeting")
    ZORG = "zorg", _("Zorg")
    CURSUS = "cursus", _("Cursus")
    VRIJWILLIGERSWERK = "vrijwilligerswerk", _("Vrijwilligerswerk")


class TargetGroup(models.TextChoices):
    """Who an offer is for; an offer names one or more (`Offer.target_groups`)."""

    OUDEREN = "ouderen", _("Ouderen")
    DIABETES = "diabetes", _("Mensen met diabetes")
    JONGEREN = "jongeren", _("Jongeren")
    OVERGEWICHT = "overgewicht", _("Mensen met overgewicht")
    EENZAAMHEID = "eenzaamheid", _("Eenzame mensen")
    CHRONISCH_ZIEK = "chronisch_ziek", _("Chronisch zieken")
    MANTELZORGERS = "mantelzorgers", _("Mantelzorgers")
    IEDEREEN = "iedereen", _("Iedereen")


class ReimbursedBy(models.TextChoices):
    NONE = "none", _("Niet vergoed")
    GEMEENTE = "gemeente", _("Gemeente")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar")


class Offer(NetworkOwned):
    """One offer (activity, course, service) of a partner, with where, when and for whom."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(
        "networks.Partner",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("aanbieder"),
    )
    title = models.CharField(_("titel"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=OfferKind.choices)
    description = models.TextField(_("beschrijving"), blank=True)
    target_groups = models.JSONField(_("doelgroepen"), default=list, blank=True)
    age_min = models.PositiveSmallIntegerField(_("minimale leeftijd"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("maximale leeftijd"), null=True, blank=True)
    costs = models.CharField(_("kosten"), max_length=200, blank=True)
    reimbursed_by = models.CharField(
        _("vergoed door"),
        max_length=16,
        choices=ReimbursedBy.choices,
        default=ReimbursedBy.NONE,
    )
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.CharField(_("plaats of wijk"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    schedule = models.CharField(_("wanneer"), max_length=200, blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)
    accessibility = models.TextField(_("toegankelijkheid"), blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), null=True, blank=True)
    waiting_list = models.BooleanField(_("wachtlijst"), default=False)
    active_from = models.DateField(_("actief vanaf"), null=True, blank=True)
    active_to = models.DateField(_("actief tot"), null=True, blank=True)
    last_confirmed_at = models.DateTimeField(_("laatst bevestigd"), null=True, blank=True)
    # When the provider was last asked to confirm (jobs.request_confirmations); not shown.
    confirmation_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The HSDS id of the service this offer was imported from (hsds_import.py): a second
    # import of the same dataset updates the offer instead of adding it again. Not shown.
    hsds_source_id = models.CharField(max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["title", "pk"]
        # The list is ordered by title and filtered by place; with 20,000 offers these indexes
        # keep the search page fast (bench/offers.py).
        indexes = [
            models.Index(fields=["network", "title", "id"], name="offer_network_title"),
            models.Index(fields=["network", "place"], name="offer_network_place"),
            models.Index(fields=["network", "hsds_source_id"], name="offer_network_hsds_source"),
        ]
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")

    def __str__(self):
        return self.title

    def get_target_groups_display(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels[g]) for g in self.target_groups if g in labels]


class SocialMapSettings(NetworkOwned):
    """A network's choices about its social map: whether it publishes it as an open HSDS 3.0
    API (docs/hsds.md). One row per network, made on the first change."""

    hsds_published = models.BooleanField(
        _("openbaar als HSDS-API"),
        default=False,
        help_text=_(
            "Het actuele aanbod (zonder contactpersonen) is dan zonder inloggen op te vragen "
            "door andere sociale kaarten, volgens de standaard Open Referral HSDS 3.0."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network"], name="social_map_settings_per_network")
        ]
        verbose_name = _("instellingen sociale kaart")
        verbose_name_plural = _("instellingen sociale kaart")

    def __str__(self):
        return str(self._meta.verbose_name)
