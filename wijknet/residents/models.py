"""Residents and their mantelzorgers in their own record (issue 15).

A `ResidentLink` ties a user account to one client record: as the resident themselves, or as a
mantelzorger with the scope the resident granted (read, or read and contribute). It is made by
accepting a `ResidentInvitation` (single-use, hashed token, expires) and ends at once when the
resident or the care team ends it. A resident is never a network member: the link gives access
to their own record's resident pages (`/mijn/…`) only.

The resident's own words next to the plan (`ResidentWords`) are kept apart from the
professional's text; questions to the coordinating contact are `CaseMessage`s; a consent a
care-team member proposes and the resident grants is a `ConsentProposal`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijknet.core.fields import EncryptedTextField
from wijknet.core.models import NetworkOwned


class LinkKind(models.TextChoices):
    RESIDENT = "resident", _("Bewoner")
    MANTELZORGER = "mantelzorger", _("Mantelzorger")


class LinkScope(models.TextChoices):
    READ = "read", _("Meekijken")
    CONTRIBUTE = "contribute", _("Meekijken en meedoen")


class ResidentLink(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "casework.Client", on_delete=models.CASCADE, related_name="resident_links"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident_links"
    )
    kind = models.CharField(_("soort"), max_length=12, choices=LinkKind.choices)
    scope = models.CharField(
        _("mag"), max_length=12, choices=LinkScope.choices, default=LinkScope.CONTRIBUTE
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["kind", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_resident_link",
            )
        ]
        verbose_name = _("koppeling met bewoner")
        verbose_name_plural = _("koppelingen met bewoners")

    def __str__(self):
        return f"{self.user} ({self.kind})"


class ResidentInvitation(NetworkOwned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "casework.Client", on_delete=models.CASCADE, related_name="resident_invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    kind = models.CharField(_("soort"), max_length=12, choices=LinkKind.choices)
    scope = models.CharField(
        _("mag"), max_length=12, choices=LinkScope.choices, default=LinkScope.CONTRIBUTE
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # For a mantelzorger: how the resident's consent was given (the resident invited them
    # from their own page, or a professional recorded the resident's consent).
    consent_note = models.CharField(_("toestemming van de bewoner"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("uitnodiging voor een bewoner")
        verbose_name_plural = _("uitnodigingen voor bewoners")


class ResidentWords(NetworkOwned):
    """The resident's own words next to the plan: never mixed with the professional's text."""

    client = models.OneToOneField(
        "casework.Client", on_delete=models.CASCADE, related_name="resident_words"
    )
    wil = EncryptedTextField(_("Ik wil"), blank=True)
    kan = EncryptedTextField(_("Ik kan"), blank=True)
    heb_nodig = EncryptedTextField(_("Ik heb nodig"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("eigen woorden van de bewoner")
        verbose_name_plural = _("eigen woorden van bewoners")


class AuthorRole(models.TextChoices):
    RESIDENT = "resident", _("Bewoner")
    MANTELZORGER = "mantelzorger", _("Mantelzorger")
    PROFESSIONAL = "professional", _("Teamlid")


class CaseMessage(NetworkOwned):
    """A question or answer in the one thread per case between resident and care team."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "casework.Client", on_delete=models.CASCADE, related_name="resident_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_role = models.CharField(max_length=12, choices=AuthorRole.choices)
    text = EncryptedTextField(_("bericht"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")


class ConsentProposal(NetworkOwned):
    """A consent a care-team member proposes; the resident grants it (a new Consent) or not."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "casework.Client", on_delete=models.CASCADE, related_name="consent_proposals"
    )
    purpose = models.CharField(_("doel"), max_length=12)
    organisations = models.ManyToManyField(
        "networks.Organisation", related_name="+", verbose_name=_("organisaties")
    )
    reason = models.CharField(_("waarom"), max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    consent = models.ForeignKey(
        "casework.Consent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("voorstel voor toestemming")
        verbose_name_plural = _("voorstellen voor toestemming")
