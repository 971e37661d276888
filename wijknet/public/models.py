"""A network's public page (seed 002 Aanbeveling 1: make the network visible in the wijk), opt-in:
only what the coordinator chose to show, never anybody's personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned


class PublicPage(NetworkOwned):
    """One row per network, made on the first save; nothing is public until `published`."""

    published = models.BooleanField(
        _("openbaar"),
        default=False,
        help_text=_("Zichtbaar voor iedereen, zonder inloggen, op het adres hieronder."),
    )
    intro = models.TextField(
        _("wie zijn wij"),
        blank=True,
        help_text=_("Een korte voorstelling in gewone taal. Noem geen namen van inwoners."),
    )
    show_ambition = models.BooleanField(_("ambitie en visie tonen"), default=True)
    show_partners = models.BooleanField(
        _("partners tonen (alleen de namen van de organisaties)"), default=True
    )
    show_successes = models.BooleanField(_("successen tonen"), default=True)
    show_offers = models.BooleanField(
        _("aanbod van de sociale kaart tonen (zonder contactpersonen)"),
        default=True,
        help_text=_("Alleen als de sociale kaart openbaar is (Sociale kaart → HSDS)."),
    )
    show_initiatives = models.BooleanField(
        _("opgepakte ideeën tonen (alleen titel en status)"), default=False
    )
    contact_email = models.EmailField(
        _("contactadres"),
        blank=True,
        help_text=_("Een algemeen adres van het netwerk (geen persoonlijk adres)."),
    )
    help_text = models.TextField(
        _("hulp vragen"),
        blank=True,
        help_text=_(
            "Hoe een inwoner hulp vraagt: een loket, een inloopspreekuur, een algemeen "
            "telefoonnummer."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network"], name="public_page_per_network")]
        verbose_name = _("openbare netwerkpagina")
        verbose_name_plural = _("openbare netwerkpagina's")

    def __str__(self):
        return str(self._meta.verbose_name)
