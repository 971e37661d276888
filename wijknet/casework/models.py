"""Shared casework (issue 6): a client (resident), their consent, care team, one shared plan,
Positive Health measurements and case conferences (MDO).

Who may see a client is decided in one place: `access.py`. Sensitive free text is encrypted at
rest (core.fields.EncryptedTextField). No BSN is stored. Every read and write of client data is
logged in the access log (wijknet.accesslog) by the views and services.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.content import SOURCE_LANGUAGE, localize, texts
from wijknet.core.fields import EncryptedTextField
from wijknet.core.models import NetworkOwned


class Dimension(models.TextChoices):
    """The six dimensions of Positive Health (Huber); scores and remarks only, no items."""

    LICHAAMSFUNCTIES = "lichaamsfuncties", _("Lichaamsfuncties")
    MENTAAL = "mentaal_welbevinden", _("Mentaal welbevinden")
    ZINGEVING = "zingeving", _("Zingeving")
    KWALITEIT = "kwaliteit_van_leven", _("Kwaliteit van leven")
    MEEDOEN = "meedoen", _("Meedoen")
    DAGELIJKS = "dagelijks_functioneren", _("Dagelijks functioneren")


class Client(NetworkOwned):
    """A resident whose case is shared: the minimum to work together, never a BSN."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"))
    wijk = models.CharField(_("wijk"), max_length=100, blank=True)
    contact = EncryptedTextField(_("contactgegevens"), blank=True)
    mantelzorger_name = EncryptedTextField(_("naam mantelzorger"), blank=True)
    mantelzorger_contact = EncryptedTextField(_("contactgegevens mantelzorger"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_by_membership = models.ForeignKey(
        "networks.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # Retention (settings.CASEWORK_RETENTION_DAYS, docs/privacy.md): a decision to keep the
    # record ("bewaren") restarts the period; the job records when it asked for a decision.
    retention_extended_at = models.DateTimeField(_("bewaartermijn verlengd op"), null=True)
    retention_extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bewaartermijn verlengd door"),
    )
    retention_reason = EncryptedTextField(_("reden om te bewaren"), blank=True)
    retention_notified_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")

    def __str__(self):
        return self.name


# Stored as given (Dutch): the text the resident saw is part of the consent. The English of the
# standard wording (content/consent.yaml) is shown to English readers (ConsentText.display_text).
DEFAULT_CONSENT_TEXT = texts("consent")["standard"][SOURCE_LANGUAGE]


class ConsentText(NetworkOwned):
    """The text shown to the resident when asking consent; a new wording is a new version.

    Version 1 is created lazily (services.consent_text_current) from the standard wording in
    content/consent.yaml the first time a consent is recorded in a network; until then the
    default is shown unsaved. The Dutch text is stored, as given.
    """

    version = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("tekst"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "version"], name="consent_text_version_per_network"
            )
        ]
        verbose_name = _("toestemmingstekst")
        verbose_name_plural = _("toestemmingsteksten")

    def __str__(self):
        return f"v{self.version}"

    @property
    def display_text(self) -> str:
        """The text in the reader's language while it is the standard wording
        (content/consent.yaml); a network's own wording as written."""
        standard = texts("consent")["standard"]
        return localize(standard) if self.text == standard[SOURCE_LANGUAGE] else self.text


class Purpose(models.TextChoices):
    PLAN = "plan", _("Gezamenlijk plan en afstemming")
    MDO = "mdo", _("MDO-bespreking")


class GivenBy(models.TextChoices):
    RESIDENT = "resident", _("De bewoner zelf")
    REPRESENTATIVE = "representative", _("Wettelijk vertegenwoordiger")


class ConsentMethod(models.TextChoices):
    MONDELING = "mondeling", _("Mondeling")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk")
    DIGITAAL = "digitaal", _("Digitaal")


class Consent(NetworkOwned):
    """A consent as given: never edited. It ends by withdrawal (at once) or by a new consent
    that supersedes it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("doel"), max_length=12, choices=Purpose.choices)
    organisations = models.ManyToManyField(
        "networks.Organisation", related_name="+", verbose_name=_("organisaties")
    )
    given_by = models.CharField(_("gegeven door"), max_length=16, choices=GivenBy.choices)
    representative_name = models.CharField(_("naam vertegenwoordiger"), max_length=150, blank=True)
    method = models.CharField(_("hoe"), max_length=12, choices=ConsentMethod.choices)
    given_at = models.DateField(_("gegeven op"))
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    consent_text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.given_at})"

    def is_active_on(self, day) -> bool:
        return (
            self.withdrawn_at is None
            and self.superseded_by_id is None
            and self.given_at <= day
            and (self.valid_until is None or self.valid_until >= day)
        )


class CareTeamMember(NetworkOwned):
    """A professional on the client's team; the resident decides who, `added_by` records who
    entered it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="team")
    membership = models.ForeignKey(
        "networks.Membership", on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("rol in het team"), max_length=100)
    is_coordinating_contact = models.BooleanField(_("aanspreekpunt"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_coordinating_contact", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["client", "membership"], name="one_team_seat")
        ]
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")

    def __str__(self):
        return f"{self.membership.user} ({self.role})"


class CarePlan(NetworkOwned):
    """One shared plan per client (seed 002 Tabel 2: één zorgplan), in the resident's words."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="plan")
    wil = EncryptedTextField(_("Ik wil"), blank=True)
    kan = EncryptedTextField(_("Ik kan"), blank=True)
    heb_nodig = EncryptedTextField(_("Ik heb nodig"), blank=True)
    evaluation = EncryptedTextField(_("Evaluatie"), blank=True)
    # When the plan is evaluated; after it, "Mijn werk" suggests a new Positive Health
    # measurement to the care team (evaluation, docs/evaluation.md).
    evaluate_on = models.DateField(_("evalueren op"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")


class PlanGoal(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="goals")
    dimension = models.CharField(_("dimensie"), max_length=24, choices=Dimension.choices)
    text = EncryptedTextField(_("doel"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dimension", "created_at", "pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Nog niet begonnen")
    BUSY = "busy", _("Bezig")
    DONE = "done", _("Gedaan")
    DROPPED = "dropped", _("Vervallen")


class CaseConference(NetworkOwned):
    """A multidisciplinary case conference (MDO), with whether and how its agreements were fed
    back to the resident and the informal carer (Gemert)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="conferences")
    held_on = models.DateField(_("datum"))
    participants = models.ManyToManyField(
        CareTeamMember, blank=True, related_name="+", verbose_name=_("teamleden aanwezig")
    )
    resident_present = models.BooleanField(_("bewoner aanwezig"), default=False)
    mantelzorger_present = models.BooleanField(_("mantelzorger aanwezig"), default=False)
    others = EncryptedTextField(_("andere deelnemers"), blank=True)
    notes = EncryptedTextField(_("verslag"), blank=True)
    fed_back_resident = models.BooleanField(_("teruggekoppeld aan bewoner"), default=False)
    fed_back_mantelzorger = models.BooleanField(_("teruggekoppeld aan mantelzorger"), default=False)
    feedback_how = models.CharField(_("hoe teruggekoppeld"), max_length=200, blank=True)
    feedback_on = models.DateField(_("teruggekoppeld op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("MDO")
        verbose_name_plural = _("MDO's")


class PlanAction(NetworkOwned):
    """An agreed action in the plan; an MDO agreement is an action with its conference set."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="actions")
    text = EncryptedTextField(_("actie"))
    responsible = models.ForeignKey(
        CareTeamMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("wie"),
    )
    # The resident does this themselves (issue 15): they can mark it done on "Mijn plan".
    for_resident = models.BooleanField(_("de bewoner doet dit zelf"), default=False)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("uiterlijk"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    conference = models.ForeignKey(
        CaseConference, null=True, blank=True, on_delete=models.CASCADE, related_name="agreements"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["due_on", "created_at", "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")


class FilledBy(models.TextChoices):
    RESIDENT = "resident", _("Door de bewoner alleen")
    WITH_PROFESSIONAL = "with_professional", _("Door de bewoner samen met een professional")


class HealthMeasurement(NetworkOwned):
    """One filled-in Positive Health spider web: six scores 0–10 with remarks."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("datum"))
    filled_by = models.CharField(_("ingevuld"), max_length=20, choices=FilledBy.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-measured_on", "-pk"]
        verbose_name = _("meting positieve gezondheid")
        verbose_name_plural = _("metingen positieve gezondheid")


class HealthScore(NetworkOwned):
    measurement = models.ForeignKey(
        HealthMeasurement, on_delete=models.CASCADE, related_name="scores"
    )
    dimension = models.CharField(_("dimensie"), max_length=24, choices=Dimension.choices)
    score = models.PositiveSmallIntegerField(_("score"))
    remark = EncryptedTextField(_("toelichting"), blank=True)
    wants_to_talk = models.BooleanField(_("hier wil ik over praten"), default=False)

    class Meta:
        ordering = ["measurement", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["measurement", "dimension"], name="one_score_per_dimension"
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=10), name="health_score_at_most_10"
            ),
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
