"""Networks, the organisations in them, their partnerships and the people who are members."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned

from .roles import Role, role_can


class AreaKind(models.TextChoices):
    WIJK = "wijk", _("Wijk")
    BUURT = "buurt", _("Buurt")
    DORP = "dorp", _("Dorp")


class Phase(models.TextChoices):
    """The four phases of seed 002 §4.4; the roadmap content uses the same keys."""

    VERKENNEN = "verkennen", _("Verkennen")
    VORMGEVEN = "vormgeven", _("Vormgeven")
    VERDIEPEN = "verdiepen", _("Verdiepen")
    VERANKEREN = "verankeren", _("Verankeren")


class NetworkStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    ARCHIVED = "archived", _("Gearchiveerd")


class Origin(models.TextChoices):
    """Where the network came from (seed 002 §4.1: Leiden's initiative was "niet bottom-up" and
    its initiator a "partij van buiten"; Stevenshof worked because gemeente and zorgverzekeraar
    took the initiative together)."""

    BOTTOM_UP = "bottom_up", _("Bottom-up: vanuit bewoners en professionals in de wijk")
    TOP_DOWN = "top_down", _("Top-down: door gemeente, zorgverzekeraar of bestuurders")
    OUTSIDE = "outside", _("Van buiten de wijk: een project, hogeschool of adviesbureau")


class KartrekkerBase(models.TextChoices):
    WIJK = "wijk", _("Werkt in de wijk")
    ELDERS = "elders", _("Werkt buiten de wijk")


class Network(models.Model):
    """The tenant: every network-owned row points here."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("korte naam (in de URL)"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    ambition = models.TextField(_("gezamenlijke ambitie"), blank=True)
    vision = models.TextField(_("visie en missie"), blank=True)
    target_group = models.CharField(_("doelgroep"), max_length=200, blank=True)
    themes = models.CharField(
        _("thema's"), max_length=300, blank=True, help_text=_("Gescheiden door komma's.")
    )
    area_kind = models.CharField(
        _("soort gebied"), max_length=10, choices=AreaKind.choices, default=AreaKind.WIJK
    )
    area_name = models.CharField(_("naam van het gebied"), max_length=120, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=120, blank=True)
    phase = models.CharField(
        _("huidige fase"), max_length=12, choices=Phase.choices, default=Phase.VERKENNEN
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NetworkStatus.choices, default=NetworkStatus.ACTIVE
    )
    origin = models.CharField(_("ontstaan"), max_length=10, choices=Origin.choices, blank=True)
    initiators = models.CharField(
        _("initiatiefnemers"),
        max_length=200,
        blank=True,
        help_text=_("Wie nam het initiatief voor het netwerk?"),
    )
    kartrekker_base = models.CharField(
        _("waar werkt de kartrekker?"), max_length=10, choices=KartrekkerBase.choices, blank=True
    )
    other_projects = models.TextField(
        _("andere projecten en pilots in de wijk"),
        blank=True,
        help_text=_(
            "Eén per regel: projecten, pilots of samenwerkingsverbanden die al in de wijk lopen."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")

    def __str__(self):
        return self.name

    @property
    def other_project_list(self) -> list[str]:
        return [line.strip() for line in self.other_projects.splitlines() if line.strip()]

    @property
    def theme_list(self) -> list[str]:
        return [theme.strip() for theme in self.themes.split(",") if theme.strip()]


class Sector(models.TextChoices):
    HUISARTSENZORG = "huisartsenzorg", _("Huisartsenzorg")
    WIJKVERPLEGING = "wijkverpleging", _("Wijkverpleging")
    PARAMEDISCH = "paramedisch", _("Paramedisch (fysio, diëtist, ergo)")
    GGZ = "ggz", _("GGZ")
    OUDERENZORG = "ouderenzorg", _("Ouderenzorg")
    WELZIJN = "welzijn", _("Welzijn")
    SOCIAAL_WIJKTEAM = "sociaal_wijkteam", _("Sociaal wijkteam")
    GEMEENTE = "gemeente", _("Gemeente")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar")
    SPORT = "sport", _("Sport- en beweegaanbieder")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    POLITIE = "politie", _("Politie")
    BURGERINITIATIEF = "burgerinitiatief", _("Burgerinitiatief / zorgcoöperatie")
    ROS = "ros", _("ROS / adviseur")
    OVERIG = "overig", _("Overig")


class Organisation(NetworkOwned):
    """An organisation as known in one network.

    Organisations are kept per network on purpose: a shared registry would let one network see
    which organisations another network works with.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=150)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    website = models.URLField(_("website"), blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"], name="organisation_name_per_network"
            )
        ]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name


class PartnerRole(models.TextChoices):
    KERN = "kern", _("Kernpartner")
    PARTNER = "partner", _("Partner")
    LEVERANCIER = "leverancier", _("Leverancier")
    ADVISEUR = "adviseur", _("Adviseur")


class Contribution(models.TextChoices):
    """What a partner brings (seed 001: kennis, geld, accommodatie; plus tijd, vrijwilligers)."""

    KENNIS = "kennis", _("Kennis")
    GELD = "geld", _("Geld")
    ACCOMMODATIE = "accommodatie", _("Accommodatie")
    TIJD = "tijd", _("Tijd")
    VRIJWILLIGERS = "vrijwilligers", _("Vrijwilligers")


class Commitment(models.TextChoices):
    """How firmly a level of the organisation backs the network (seed 002 Aanbeveling 1)."""

    NONE = "none", _("Geen")
    WEAK = "weak", _("Beperkt")
    STRONG = "strong", _("Sterk")


class Partner(NetworkOwned):
    """An organisation's place in a network, for one period (it may leave and return)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(
        _("rol in het netwerk"),
        max_length=12,
        choices=PartnerRole.choices,
        default=PartnerRole.PARTNER,
    )
    contributions = models.JSONField(_("bijdrage"), default=list, blank=True)
    interests = models.TextField(
        _("belangen"),
        blank=True,
        help_text=_("Wat wil deze partij zelf bereiken met het netwerk? (Kaats & Opheij)"),
    )
    commitment_strategic = models.CharField(
        _("commitment strategisch (bestuur)"),
        max_length=8,
        choices=Commitment.choices,
        default=Commitment.NONE,
    )
    commitment_tactical = models.CharField(
        _("commitment tactisch (management)"),
        max_length=8,
        choices=Commitment.choices,
        default=Commitment.NONE,
    )
    commitment_operational = models.CharField(
        _("commitment uitvoerend (professionals)"),
        max_length=8,
        choices=Commitment.choices,
        default=Commitment.NONE,
    )
    hours_per_month = models.PositiveIntegerField(_("uren per maand"), default=0)
    joined_on = models.DateField(_("lid sinds"), default=timezone.localdate)
    left_on = models.DateField(_("gestopt op"), null=True, blank=True)
    left_reason = models.CharField(_("reden van stoppen"), max_length=300, blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["organisation__name", "-joined_on"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.organisation.name

    @property
    def is_active(self) -> bool:
        return self.left_on is None

    def get_contributions_display(self) -> list[str]:
        labels = dict(Contribution.choices)
        return [str(labels[c]) for c in self.contributions if c in labels]


class Membership(NetworkOwned):
    """A person's role in a network. Access follows *current* memberships only (ended_on empty)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=12, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("organisatie"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # May search the access log and receives its review report (set by a coordinator through
    # accesslog.services.privacy_officer_propose and privacy_officer_decide: four eyes).
    is_privacy_officer = models.BooleanField(_("privacyfunctionaris"), default=False)

    class Meta:
        ordering = ["user__full_name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_membership_per_user",
            )
        ]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    def can(self, permission: str) -> bool:
        return self.ended_at is None and role_can(self.role, permission)


class Invitation(NetworkOwned):
    """A single-use, expiring invitation to join a network with a role.

    Only a hash of the token is stored: the link in the e-mail is the only copy of the token.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=12, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self):
        return self.email

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )

    @property
    def is_expired(self) -> bool:
        return self.accepted_at is None and self.expires_at <= timezone.now()
