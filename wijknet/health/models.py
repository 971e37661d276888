"""The health monitor's per-network thresholds and the coordinator's acknowledgements.

The signals themselves are computed from the network's data (see `monitor.evaluate`) and stored
by the analysis task; `SignalEpisode` keeps when each was raised and when it went away. An
acknowledgement is tied to a signal's *fingerprint* (a hash of its
code and evidence), so a signal comes back as soon as the data behind it change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.models import NetworkOwned
from wijknet.networks.models import Sector


class HealthSettings(NetworkOwned):
    """Overrides of the rule thresholds for one network; missing keys fall back to
    `rules.DEFAULTS`."""

    overrides = models.JSONField(_("afwijkende drempels"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # 0 until the thresholds are first saved, so "no row yet" and "never saved" look alike to
    # an editor (who then sends version 0).
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network"], name="one_health_settings_per_network")
        ]


class AckStatus(models.TextChoices):
    SEEN = "seen", _("Gezien")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")


class SignalAcknowledgement(NetworkOwned):
    code = models.CharField(max_length=60)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=AckStatus.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "code", "fingerprint"], name="one_ack_per_signal_state"
            )
        ]


# --- facts of the network's history the monitor reads (issue 16) ---------------------------
# They are recorded by the network file (import and export); the platform has no form for
# them yet. They live here, not in `networks`, because only the monitor reads them.


class DeclinedPartner(NetworkOwned):
    """An organisation that was asked to take part and declined (seed 002 §4.1 Leiden: the
    GPs and health centres "gaven meteen al aan dat zij niet actief wilden participeren …
    omdat het hen aan de tijd ontbrak"). Not a partner: it never joined."""

    organisation = models.CharField(_("organisatie"), max_length=150)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    asked_on = models.DateField(_("gevraagd op"), null=True, blank=True)
    declined_on = models.DateField(_("afgezegd op"))
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        ordering = ["declined_on", "organisation", "pk"]


class WorkingGroup(NetworkOwned):
    """A working group of the network (an actieleergroep, projectgroep, klankbordgroep) with
    its people over time (seed 002 §4.2 Wijchen: "de samenstelling van de actieleergroep
    wisselde sterk")."""

    name = models.CharField(_("naam"), max_length=150)
    purpose = models.TextField(_("doel"), blank=True)
    started_on = models.DateField(_("gestart op"))
    ended_on = models.DateField(_("gestopt op"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "name", "pk"]


class WorkingGroupMember(NetworkOwned):
    """One person's period in a working group: people, not organisations (a resident or
    volunteer need not be a member of the platform)."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("naam"), max_length=150)
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    joined_on = models.DateField(_("erbij sinds"))
    left_on = models.DateField(_("gestopt op"), null=True, blank=True)

    class Meta:
        ordering = ["joined_on", "name", "pk"]


class SignalEpisode(NetworkOwned):
    """One period in which a signal was raised: from `raised_on` until `cleared_on` (empty while
    it is still raised). Written by the stored evaluation (`services.signal_history_record`),
    in a fixed number of queries whatever the number of signals. A signal is "the same" while
    its code and (Dutch) title stay the same, whatever its evidence does meanwhile."""

    code = models.CharField(max_length=60)
    identity = models.CharField(max_length=64)  # sha256 of code and Dutch title
    title = models.JSONField()  # rules.Msg as JSON: rendered in the reader's language
    severity = models.CharField(max_length=8)
    raised_on = models.DateField()
    cleared_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "identity"],
                condition=models.Q(cleared_on__isnull=True),
                name="one_open_episode_per_signal",
            )
        ]
        indexes = [models.Index(fields=["network", "cleared_on"], name="health_episode_open")]


class AsOfEvaluation(NetworkOwned):
    """The signals as the network stood at the end of `as_of` (the monitor page's "zo stond
    het netwerk op …"), computed by a task (`tasks.evaluate_as_of`) and kept until the
    network's data change (`generation`: the latest relevant audit event it saw). A few per
    network (`monitor.AS_OF_KEPT`)."""

    as_of = models.DateField()
    data = models.JSONField(null=True)  # [Signal.as_dict()], None until computed
    generation = models.BigIntegerField(default=0)
    requested_at = models.DateTimeField(null=True)
    computed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "as_of"], name="one_as_of_per_day")
        ]
