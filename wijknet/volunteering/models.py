"""Volunteering (vrijwillige inzet): help requests, volunteers, matches, follow-ups and hours.

After seed 002 (Stichting Wedde dat 't lukt): the dorpsondersteuner matches help-seekers with
volunteers, keeps an overview of the matches and asks after 6–8 weeks whether it goes well.
A person can be both help-seeker and volunteer (roles alternate: reciprocity).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wijknet.core.fields import EncryptedTextField
from wijknet.core.models import NetworkOwned


class HelpKind(models.TextChoices):
    BOODSCHAPPEN = "boodschappen", _("Boodschappen")
    VERVOER = "vervoer", _("Vervoer")
    KLUSSEN = "klussen", _("Klussen")
    GEZELSCHAP = "gezelschap", _("Gezelschap en bezoek")
    TUIN = "tuin", _("Tuin")
    ADMINISTRATIE = "administratie", _("Administratie")
    DIGITAAL = "digitaal", _("Digitale hulp")
    MAALTIJD = "maaltijd", _("Koken en maaltijden")
    OVERIG = "overig", _("Overig")


# How the kinds read in a ranking reason: "doet graag <activity>".
KIND_ACTIVITY = {
    HelpKind.BOODSCHAPPEN: _("boodschappen"),
    HelpKind.VERVOER: _("vervoer"),
    HelpKind.KLUSSEN: _("klussen"),
    HelpKind.GEZELSCHAP: _("bezoek en gezelschap"),
    HelpKind.TUIN: _("tuinwerk"),
    HelpKind.ADMINISTRATIE: _("administratie"),
    HelpKind.DIGITAAL: _("digitale hulp"),
    HelpKind.MAALTIJD: _("koken"),
    HelpKind.OVERIG: _("overige hulp"),
}

DAYS = [
    ("ma", _("maandag")),
    ("di", _("dinsdag")),
    ("wo", _("woensdag")),
    ("do", _("donderdag")),
    ("vr", _("vrijdag")),
    ("za", _("zaterdag")),
    ("zo", _("zondag")),
]
PARTS = [("ochtend", _("ochtend")), ("middag", _("middag")), ("avond", _("avond"))]
# "ma-ochtend", "ma-middag", … "zo-avond": the unit of availability.
DAY_PARTS = [(f"{d}-{p}", format_lazy("{}{}", dl, pl)) for d, dl in DAYS for p, pl in PARTS]
DAY_PART_VALUES = frozenset(v for v, _label in DAY_PARTS)


def day_parts_display(values) -> list[str]:
    labels = dict(DAY_PARTS)
    return [str(labels[v]) for v in values if v in labels]


class Frequency(models.TextChoices):
    WEKELIJKS = "wekelijks", _("Wekelijks")
    MAANDELIJKS = "maandelijks", _("Maandelijks")
    AF_EN_TOE = "af_en_toe", _("Af en toe")


class Urgency(models.TextChoices):
    LAAG = "laag", _("Laag")
    NORMAAL = "normaal", _("Normaal")
    HOOG = "hoog", _("Hoog")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEMATCHT = "gematcht", _("Gematcht")
    GESLOTEN = "gesloten", _("Gesloten")


class MatchStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    AKKOORD = "akkoord", _("Akkoord")
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


# A match in one of these states counts for the volunteer's current load.
ACTIVE_MATCH = (MatchStatus.VOORGESTELD, MatchStatus.AKKOORD, MatchStatus.LOPEND)


class Audience(models.TextChoices):
    VRIJWILLIGER = "vrijwilliger", _("Vrijwilliger")
    HULPVRAGER = "hulpvrager", _("Hulpvrager")


class FollowUpAnswer(models.TextChoices):
    GOED = "goed", _("Het gaat goed")
    NIET_GOED = "niet_goed", _("Het gaat niet goed")


class VolunteerProfile(NetworkOwned):
    """A volunteer: what they like to do, where they live, when they can, how often.

    Either a member with an account (`user`) or a person the coordinator records without one
    (then `name` and `contact` are how to reach them)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_profiles",
        verbose_name=_("account"),
    )
    name = models.CharField(_("naam"), max_length=150)
    contact = EncryptedTextField(_("telefoon of e-mail"), blank=True)
    kinds = models.JSONField(_("doet graag"), default=list, blank=True)
    skills = models.TextField(_("kan goed / ervaring"), blank=True)
    place = models.CharField(_("woonplaats (dorp of wijk)"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    availability = models.JSONField(_("beschikbaar"), default=list, blank=True)
    frequency = models.CharField(
        _("hoe vaak"), max_length=12, choices=Frequency.choices, default=Frequency.WEKELIJKS
    )
    max_matches = models.PositiveSmallIntegerField(_("hoeveel hulpvragen tegelijk"), default=2)
    wants_area_notifications = models.BooleanField(
        _("bericht bij nieuwe hulpvragen in mijn dorp of wijk"), default=False
    )
    active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user"],
                condition=models.Q(user__isnull=False),
                name="one_volunteer_profile_per_user",
            )
        ]
        verbose_name = _("vrijwilliger")
        verbose_name_plural = _("vrijwilligers")

    def __str__(self):
        return self.name

    def get_kinds_display(self) -> list[str]:
        labels = dict(HelpKind.choices)
        return [str(labels[k]) for k in self.kinds if k in labels]

    def get_availability_display(self) -> list[str]:
        return day_parts_display(self.availability)


class HelpRequest(NetworkOwned):
    """A help request: what help, where, when, how urgent, for whom and entered by whom.

    The help-seeker's name, contact and the description are encrypted at rest; only the
    coordinators and the people involved see them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    # The help-seeker's own account, when they asked for themselves.
    seeker_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
        verbose_name=_("hulpvrager (account)"),
    )
    seeker_name = EncryptedTextField(_("naam hulpvrager"))
    seeker_contact = EncryptedTextField(_("telefoon of adres hulpvrager"), blank=True)
    on_behalf_of = models.CharField(
        _("namens wie"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld: namens mijn buurvrouw, of: de huisarts vroeg het."),
    )
    kind = models.CharField(_("soort hulp"), max_length=20, choices=HelpKind.choices)
    description = EncryptedTextField(_("wat is er nodig"), blank=True)
    place = models.CharField(_("dorp of wijk"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    when = models.CharField(_("wanneer"), max_length=200, blank=True)
    day_parts = models.JSONField(_("dagdelen"), default=list, blank=True)
    start_on = models.DateField(_("vanaf"), null=True, blank=True)
    urgency = models.CharField(
        _("urgentie"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.place or '—'})"

    def get_day_parts_display(self) -> list[str]:
        return day_parts_display(self.day_parts)


class Match(NetworkOwned):
    """A volunteer matched with a help request; lifecycle voorgesteld → akkoord → lopend →
    afgerond, or gestopt (with a reason) from any open state."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="matches", verbose_name=_("hulpvraag")
    )
    volunteer = models.ForeignKey(
        VolunteerProfile,
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("vrijwilliger"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.VOORGESTELD
    )
    reasons = models.JSONField(_("redenen"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("akkoord op"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    stop_reason = models.TextField(_("reden van stoppen"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "volunteer"],
                condition=models.Q(status__in=["voorgesteld", "akkoord", "lopend"]),
                name="one_open_match_per_request_and_volunteer",
            )
        ]
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")

    def __str__(self):
        return f"{self.volunteer} – {self.request}"


class FollowUp(NetworkOwned):
    """ "Gaat het goed?": asked of the volunteer 6 weeks and of the help-seeker 8 weeks after a
    match started (seed 002: after 6–8 weeks)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="followups")
    audience = models.CharField(_("aan wie"), max_length=12, choices=Audience.choices)
    week = models.PositiveSmallIntegerField(_("na weken"))
    due_on = models.DateField(_("te vragen op"))
    sent_at = models.DateTimeField(_("gevraagd op"), null=True, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.CharField(
        _("antwoord"), max_length=10, choices=FollowUpAnswer.choices, blank=True
    )
    remark = EncryptedTextField(_("toelichting"), blank=True)
    signalled = models.BooleanField(_("signaal voor de coördinator"), default=False)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["match", "audience"], name="one_followup_per_audience")
        ]
        verbose_name = _("opvolgvraag")
        verbose_name_plural = _("opvolgvragen")

    def __str__(self):
        return f"{self.match} – {self.get_audience_display()} ({self.due_on})"


class HoursEntry(NetworkOwned):
    """Hours a volunteer spent, logged by themselves."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    volunteer = models.ForeignKey(
        VolunteerProfile,
        on_delete=models.CASCADE,
        related_name="hours",
        verbose_name=_("vrijwilliger"),
    )
    match = models.ForeignKey(
        Match,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hours",
        verbose_name=_("koppeling"),
    )
    kind = models.CharField(_("soort hulp"), max_length=20, choices=HelpKind.choices)
    date = models.DateField(_("datum"))
    hours = models.DecimalField(_("uren"), max_digits=5, decimal_places=2)
    note = models.CharField(_("notitie"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("uren")
        verbose_name_plural = _("uren")

    def __str__(self):
        return f"{self.volunteer} {self.date} {self.hours}"
