"""The toolbox (kennisbank): instruments, guides, practice stories, pilots, the 9 tips and the
10 sustainability factors, each with its source and linked to the steps, phases, scan
indicators and health signals it helps with.

Global content like the step plan and scans.Item: no network, loaded from
`content/toolbox.yaml` by `manage.py load_content` (toolbox/content.py) and identified by stable
keys. A network can add items of its own (`network` set): only its members see them, until
the network offers one to the shared toolbox and a platform editor accepts it.
Texts are stored in Dutch with the other languages in `translations`
(core.content.translated).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.content import translated


class Kind(models.TextChoices):
    INSTRUMENT = "instrument", _("Instrument")
    GUIDE = "guide", _("Handreiking")
    STORY = "story", _("Praktijkverhaal")
    PILOT = "pilot", _("Proeftuin")
    TIP = "tip", _("Tip")
    FACTOR = "factor", _("Duurzaamheidsfactor")


# The kinds a network may give its own items (tips and factors are the seeds' own lists).
OWN_KINDS = ("story", "guide", "instrument")


class Offer(models.TextChoices):
    NONE = "", _("Alleen voor dit netwerk")
    OFFERED = "offered", _("Aangeboden aan de gedeelde kennisbank")
    ACCEPTED = "accepted", _("Opgenomen in de gedeelde kennisbank")
    DECLINED = "declined", _("Niet opgenomen in de gedeelde kennisbank")


@translated("title", "summary", "body", "lessons")
class ToolboxItem(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The lessons learned, one per line (pilots and stories).
    lessons = models.TextField(blank=True)
    source = models.CharField(max_length=200)
    url = models.URLField(blank=True)
    translations = models.JSONField(default=dict, blank=True)
    # The Dutch text that is searched (title, summary, body, lessons).
    document = models.TextField(blank=True)
    # An item removed from the content file is retired, never deleted: links stay readable.
    retired = models.BooleanField(default=False)
    # A network's own item (None: content of the shared toolbox). An accepted offer keeps its
    # network as the item's origin and is shared.
    network = models.ForeignKey(
        "networks.Network", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer = models.CharField(max_length=10, choices=Offer.choices, blank=True, default="")
    # The platform editor's reason when an offer is not taken up.
    offer_note = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["order", "key"]
        indexes = [models.Index(fields=["network", "offer"], name="toolbox_item_network")]

    def __str__(self):
        return self.title

    @property
    def lesson_list(self) -> list[str]:
        return [line for line in self.lessons.splitlines() if line.strip()]


class Target(models.TextChoices):
    PHASE = "phase", _("Fase")
    STEP = "step", _("Stap")
    INDICATOR = "indicator", _("Scanindicator")
    SIGNAL = "signal", _("Gezondheidssignaal")


class ItemLink(models.Model):
    """An item helps with a phase, step, scan indicator ("instrument/indicator") or health
    signal (its advice key in content/health.yaml), referred to by key."""

    item = models.ForeignKey(ToolboxItem, on_delete=models.CASCADE, related_name="links")
    target = models.CharField(max_length=20, choices=Target.choices)
    target_key = models.CharField(max_length=160)

    class Meta:
        ordering = ["target", "target_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "target", "target_key"], name="toolbox_link_unique"
            )
        ]
        indexes = [models.Index(fields=["target", "target_key"], name="toolbox_link_target")]

    def __str__(self):
        return f"{self.item_id} → {self.target}:{self.target_key}"
