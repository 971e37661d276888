"""The wijkprofiel: open figures per CBS area (shared by the whole installation) and, per
network, the areas it serves, the indicators it chose and the goals linked to them.

`Area`, `Figure` and `AreaImport` are not network-owned: CBS and GGD publish the same figures
for everybody, so one import serves every network (docs/deploy.md lists them among the tables
without a network key). `NetworkArea`, `ProfileChoice` and `GoalIndicator` are network-owned.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned

from .codes import AreaLevel
from .indicators import CHOICES, SOURCES


class Area(models.Model):
    """A CBS area (gemeente, wijk, buurt, or the Netherlands), by its code."""

    code = models.CharField(_("CBS-code"), max_length=12, unique=True)
    level = models.CharField(_("soort gebied"), max_length=10, choices=AreaLevel.choices)
    name = models.CharField(_("naam"), max_length=200, blank=True)
    municipality_name = models.CharField(_("gemeente"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")

    def __str__(self):
        return f"{self.name} ({self.code})" if self.name else self.code


class AreaImport(models.Model):
    """One import of a CBS or GGD file: who, when, what was read and what was skipped."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filename = models.CharField(_("bestand"), max_length=200)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rows = models.PositiveIntegerField(default=0)
    figures = models.PositiveIntegerField(default=0)
    years = models.JSONField(default=list)
    sources = models.JSONField(default=list)
    # Example figures (the demo's sample files): the page says so beside every such figure.
    example = models.BooleanField(default=False)
    # Bounded: at most `imports.SHOWN_PROBLEMS` problems and the skipped columns' names.
    skipped_columns = models.JSONField(default=list)
    problems = models.JSONField(default=list)
    problem_total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return self.filename


class Figure(models.Model):
    """One figure: an indicator's value for an area in a year, with its source. A newer import of
    the same year replaces it; other years stay."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="figures")
    indicator = models.CharField(_("indicator"), max_length=40, choices=CHOICES)
    year = models.PositiveSmallIntegerField(_("jaar"))
    value = models.FloatField(_("waarde"))
    source = models.CharField(_("bron"), max_length=10, choices=list(SOURCES.items()))
    example = models.BooleanField(default=False)
    area_import = models.ForeignKey(
        AreaImport, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["area", "indicator", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "indicator", "year"], name="one_figure_per_area_indicator_year"
            )
        ]
        indexes = [models.Index(fields=["indicator", "area", "year"])]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


class NetworkArea(NetworkOwned):
    """An area the network serves, by CBS code (the code may not have figures yet)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("CBS-code"), max_length=12)
    level = models.CharField(_("soort gebied"), max_length=10, choices=AreaLevel.choices)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["network", "code"], name="one_link_per_network_area")
        ]

    def __str__(self):
        return self.code


class ProfileChoice(NetworkOwned):
    """The indicators the network finds important, in the coordinator's order. Versioned: two
    coordinators choosing at once cannot overwrite each other."""

    indicators = models.JSONField(_("indicatoren"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network"], name="one_profile_choice_per_network")
        ]


class GoalIndicator(NetworkOwned):
    """A goal of the network linked to an indicator of one of its areas, with the figure that
    was current when it was linked (the start); the latest figure is read from `Figure`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    goal = models.ForeignKey(
        "actions.Goal", on_delete=models.CASCADE, related_name="+", verbose_name=_("doel")
    )
    indicator = models.CharField(_("indicator"), max_length=40, choices=CHOICES)
    area_code = models.CharField(_("gebied"), max_length=12)
    start_value = models.FloatField(null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    start_source = models.CharField(max_length=10, blank=True)
    start_example = models.BooleanField(default=False)
    linked_at = models.DateTimeField(auto_now_add=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["goal__title", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "indicator", "area_code"], name="one_link_per_goal_indicator_area"
            )
        ]
