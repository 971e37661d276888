"""Collaboration scans: instruments (content from `content/instruments/`), rounds a network runs,
invitations with single-use tokens, responses and answers, and advice (content).

Answers are anonymous: a response keeps only the respondent's role and sector (for breakdowns
with at least three people); the link to the invitation exists so the respondent can return to
their own answers, and is never shown in results.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijknet.core.content import translated
from wijknet.core.models import NetworkOwned

# Content ------------------------------------------------------------------------------------
# Texts are stored in Dutch, the other languages in `translations`; reading a text field gives
# the reader's language (core.content.translated, content/README.md).


@translated("name", "description")
class Instrument(models.Model):
    key = models.SlugField(max_length=50, unique=True)
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


@translated("name")
class IndicatorGroup(models.Model):
    """A perspective (Kaats & Opheij), a level (Rijsdijk) or the one group of factors/tips."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="groups")
    key = models.SlugField(max_length=60)
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=150)
    source = models.CharField(max_length=200, blank=True)
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["instrument__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "key"], name="group_key_per_instrument")
        ]

    def __str__(self):
        return self.name


@translated("name", "definition")
class Indicator(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="indicators")
    group = models.ForeignKey(IndicatorGroup, on_delete=models.CASCADE, related_name="indicators")
    key = models.SlugField(max_length=80)
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=150)
    definition = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["group__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "key"], name="indicator_key_per_instrument"
            )
        ]

    def __str__(self):
        return self.name


@translated("text")
class Item(models.Model):
    """One statement, rated 1–5 or "weet niet". Content items have no network; a network's own
    items for one round carry that network and round."""

    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )
    network = models.ForeignKey(
        "networks.Network", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    round = models.ForeignKey(
        "ScanRound", null=True, blank=True, on_delete=models.CASCADE, related_name="own_items"
    )
    key = models.SlugField(max_length=40)
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    retired = models.BooleanField(default=False)
    # Content items: the text in other languages (a network's own items have none).
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["indicator__group__order", "indicator__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "key"],
                condition=models.Q(round__isnull=True),
                name="item_key_per_instrument",
            )
        ]

    def __str__(self):
        return self.text


@translated("text")
class Advice(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="advice")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    source = models.CharField(max_length=200)
    step_keys = models.JSONField(default=list)
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["indicator", "order"]

    def __str__(self):
        return self.text[:60]


# Network data -------------------------------------------------------------------------------


class ScanRound(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    label = models.CharField(
        _("naam van de ronde"), max_length=60, help_text=_("Bijvoorbeeld T0, T1 of T2.")
    )
    instruments = models.ManyToManyField(Instrument, related_name="+", verbose_name=_("scans"))
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("sluit na"))
    closed_at = models.DateTimeField(null=True, blank=True)
    weak_threshold = models.DecimalField(
        _("drempel zwak"),
        max_digits=3,
        decimal_places=1,
        default=3.0,
        help_text=_("Een indicator met een gemiddelde onder deze waarde krijgt advies."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("scanronde")
        verbose_name_plural = _("scanrondes")

    def __str__(self):
        return self.label

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    @property
    def state(self) -> str:
        today = timezone.localdate()
        if self.closed_at is not None or today > self.closes_on:
            return "closed"
        return "open" if today >= self.opens_on else "planned"


class ScanInvitation(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(ScanRound, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(max_length=12, blank=True)
    sector = models.CharField(max_length=20, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "email"], name="one_invitation_per_email")
        ]


class ScanResponse(NetworkOwned):
    round = models.ForeignKey(ScanRound, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        ScanInvitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    role = models.CharField(max_length=12, blank=True)
    sector = models.CharField(max_length=20, blank=True)
    source = models.CharField(max_length=10, default="online")  # online | paper (CSV import)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]


class ScanAnswer(NetworkOwned):
    """One rating. `value` is 1–5, or empty for "weet niet / n.v.t."."""

    response = models.ForeignKey(ScanResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=5),
                name="answer_value_1_to_5",
            ),
        ]


class RoundResult(NetworkOwned):
    """The aggregated answers of a round, stored (scans.queries.round_figures): counts per
    (statement, role, sector, value), respondents per indicator, respondents per role and
    sector, invited and submitted. Submitted answers never change, so the figures hold until
    `fingerprint` (submitted count, last submitted response, invitations, format) does: a new
    submission, a late paper import or a deletion. Only numbers and ids: texts are read from
    the content when the page is shown."""

    round = models.OneToOneField(ScanRound, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=80)
    data = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]


class PlannedRound(NetworkOwned):
    """A re-measurement planned when a round closes (DementieNet: 0, 12 and 24 months): T1 a
    year after the baseline, T2 two years after. The kartrekker may move the date, is reminded
    a month before, and opens it in one click with the baseline's invitation list
    (`services.planned_round_open`), which links `opened_round`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source_round = models.ForeignKey(
        ScanRound, on_delete=models.CASCADE, related_name="planned_rounds"
    )
    label = models.CharField(_("naam van de ronde"), max_length=60)
    due_on = models.DateField(_("gepland op"))
    reminded_at = models.DateTimeField(null=True, blank=True)
    opened_round = models.OneToOneField(
        ScanRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="planned_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("geplande scanronde")
        verbose_name_plural = _("geplande scanrondes")
        constraints = [
            models.UniqueConstraint(
                fields=["source_round", "label"], name="one_planned_label_per_source"
            )
        ]

    def __str__(self):
        return self.label
