"""Writes for networks, partners, members and invitations.

Every function takes the acting user, runs in one transaction and writes its audit event in
that same transaction. Views, commands and (later) the API all call these.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from wijknet.core import audit, links
from wijknet.core.declarations import names
from wijknet.core.locking import save_versioned
from wijknet.core.writes import check_fields

from . import access
from . import fields as declared
from .models import Invitation, Membership, Network, Organisation, Partner
from .roles import Role
from .tasks import send_invitation_mail

# Declared once in fields.py (form, service and network file share them).
NETWORK_FIELDS = [n for n in names(declared.NETWORK_FIELDS) if n not in declared.NETWORK_FIXED]
PARTNER_FIELDS = names(declared.PARTNER_FIELDS)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Networks ----------------------------------------------------------------------------------


@transaction.atomic
def network_create(*, acting_user, slug: str, **fields) -> Network:
    """Create a network; its creator becomes its first kartrekker."""
    if Network.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Deze korte naam is al in gebruik.")})
    network = Network.objects.create(slug=slug, **fields)
    Membership.objects.create(network=network, user=acting_user, role=Role.COORDINATOR)
    audit.record(
        actor=acting_user,
        network=network,
        action="network.created",
        obj=network,
        summary=_("Netwerk %(name)s aangemaakt") % {"name": network.name},
    )
    return network


@transaction.atomic
def network_update(*, acting_user, network: Network, expected_version: int, **fields) -> Network:
    for name, value in fields.items():
        if name not in NETWORK_FIELDS:
            raise TypeError(f"not an editable network field: {name}")
        setattr(network, name, value)
    save_versioned(network, expected_version=expected_version, fields=list(fields))
    audit.record(
        actor=acting_user,
        network=network,
        action="network.updated",
        obj=network,
        summary=_("Netwerkprofiel bijgewerkt"),
        data={"fields": sorted(fields)},
    )
    return network


# Partners ----------------------------------------------------------------------------------


@transaction.atomic
def partner_create(
    *,
    acting_user,
    network: Network,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    sector: str = "",
    **fields,
) -> Partner:
    """Add an organisation as partner: an existing one of this network, or a new one by name."""
    if organisation is None:
        name = organisation_name.strip()
        if not name or not sector:
            raise ValidationError(_("Kies een bestaande organisatie of vul naam en sector in."))
        if Organisation.objects.filter(network=network, name__iexact=name).exists():
            raise ValidationError(
                {
                    "organisation_name": _(
                        "Er bestaat al een organisatie met deze naam in dit "
                        "netwerk; kies haar uit de lijst."
                    )
                }
            )
        organisation = Organisation.objects.create(network=network, name=name, sector=sector)
    elif organisation.network_id != network.pk:
        raise ValidationError(_("Deze organisatie hoort niet bij dit netwerk."))
    if Partner.objects.filter(
        network=network, organisation=organisation, left_on__isnull=True
    ).exists():
        raise ValidationError(
            _("%(name)s is al partner van dit netwerk.") % {"name": organisation.name}
        )
    check_fields(fields, PARTNER_FIELDS, "partner")
    partner = Partner.objects.create(network=network, organisation=organisation, **fields)
    audit.record(
        actor=acting_user,
        network=network,
        action="partner.created",
        obj=partner,
        summary=_("%(name)s toegevoegd als partner") % {"name": organisation.name},
    )
    return partner


@transaction.atomic
def partner_update(
    *, acting_user, partner: Partner, expected_version: int, sector: str | None = None, **fields
) -> Partner:
    check_fields(fields, PARTNER_FIELDS, "partner")
    for name, value in fields.items():
        setattr(partner, name, value)
    save_versioned(partner, expected_version=expected_version, fields=list(fields))
    if sector and sector != partner.organisation.sector:
        partner.organisation.sector = sector
        partner.organisation.save(update_fields=["sector"])
    audit.record(
        actor=acting_user,
        network=partner.network,
        action="partner.updated",
        obj=partner,
        summary=_("Partner %(name)s bijgewerkt") % {"name": partner.organisation.name},
        data={"fields": sorted(fields)},
    )
    return partner


@transaction.atomic
def partner_end(*, acting_user, partner: Partner, left_on=None, reason: str = "") -> Partner:
    """End a partnership. History stays: the row keeps its dates, it is not deleted."""
    if partner.left_on is not None:
        raise ValidationError(_("Dit partnerschap is al beëindigd."))
    left_on = left_on or timezone.localdate()
    if left_on < partner.joined_on:
        raise ValidationError({"left_on": _("De einddatum ligt vóór de startdatum.")})
    partner.left_on = left_on
    partner.left_reason = reason
    partner.save(update_fields=["left_on", "left_reason"])
    audit.record(
        actor=acting_user,
        network=partner.network,
        action="partner.ended",
        obj=partner,
        summary=_("Partnerschap met %(name)s beëindigd") % {"name": partner.organisation.name},
        data={"reason": reason},
    )
    return partner


@transaction.atomic
def partner_restore(*, acting_user, partner: Partner) -> Partner:
    """Undo an ending (cheap undo right after ending by mistake)."""
    if partner.left_on is None:
        return partner
    if Partner.objects.filter(
        network=partner.network, organisation=partner.organisation, left_on__isnull=True
    ).exists():
        raise ValidationError(_("Deze organisatie is intussen opnieuw partner geworden."))
    partner.left_on = None
    partner.left_reason = ""
    partner.save(update_fields=["left_on", "left_reason"])
    audit.record(
        actor=acting_user,
        network=partner.network,
        action="partner.restored",
        obj=partner,
        summary=_("Beëindiging van %(name)s ongedaan gemaakt")
        % {"name": partner.organisation.name},
    )
    return partner


# Members -----------------------------------------------------------------------------------


def _ensure_other_coordinator(membership: Membership) -> None:
    if not access.is_coordinator(membership):
        return
    others = Membership.objects.filter(
        network=membership.network, role=Role.COORDINATOR, ended_at__isnull=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            _(
                "Een netwerk heeft minstens één kartrekker nodig. Maak eerst iemand anders "
                "kartrekker."
            )
        )


@transaction.atomic
def membership_change_role(*, acting_user, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError(_("Onbekende rol."))
    if role == membership.role:
        return membership
    if role != Role.COORDINATOR:
        _ensure_other_coordinator(membership)
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(
        actor=acting_user,
        network=membership.network,
        action="membership.role_changed",
        obj=membership,
        summary=_("Rol van %(name)s gewijzigd in %(role)s")
        % {"name": membership.user, "role": membership.get_role_display()},
        data={"from": old, "to": role},
    )
    return membership


@transaction.atomic
def membership_end(*, acting_user, membership: Membership) -> Membership:
    """End a membership: access stops at once, because access follows current membership."""
    if membership.ended_at is not None:
        raise ValidationError(_("Dit lidmaatschap is al beëindigd."))
    _ensure_other_coordinator(membership)
    membership.ended_at = timezone.now()
    membership.save(update_fields=["ended_at"])
    audit.record(
        actor=acting_user,
        network=membership.network,
        action="membership.ended",
        obj=membership,
        summary=_("Lidmaatschap van %(name)s beëindigd") % {"name": membership.user},
    )
    return membership


# Invitations -------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *,
    acting_user,
    network: Network,
    email: str,
    role: str,
    organisation: Organisation | None = None,
) -> tuple[Invitation, str]:
    """Invite someone by e-mail. Returns the invitation and its link (shown once, e-mailed)."""
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": _("Onbekende rol.")})
    if Membership.objects.filter(
        network=network, user__email__iexact=email, ended_at__isnull=True
    ).exists():
        raise ValidationError({"email": _("Deze persoon is al lid van het netwerk.")})
    if Invitation.objects.filter(
        network=network,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        raise ValidationError(
            {
                "email": _(
                    "Er staat al een uitnodiging open voor dit adres. Trek die eerst in als "
                    "je een nieuwe wilt sturen."
                )
            }
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        network=network,
        email=email,
        role=role,
        organisation=organisation,
        token_hash=_hash_token(token),
        invited_by=acting_user,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = links.absolute(reverse("networks:invitation_accept", args=[token]))
    audit.record(
        actor=acting_user,
        network=network,
        action="invitation.created",
        obj=invitation,
        summary=_("%(email)s uitgenodigd als %(role)s")
        % {"email": email, "role": invitation.get_role_display()},
    )
    transaction.on_commit(
        lambda: send_invitation_mail.enqueue(invitation_id=invitation.pk, link=link)
    )
    return invitation, link


@transaction.atomic
def invitation_revoke(*, acting_user, invitation: Invitation) -> Invitation:
    if invitation.accepted_at is not None:
        raise ValidationError(_("Deze uitnodiging is al gebruikt."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(
            actor=acting_user,
            network=invitation.network,
            action="invitation.revoked",
            obj=invitation,
            summary=_("Uitnodiging voor %(email)s ingetrokken") % {"email": invitation.email},
        )
    return invitation


class InvitationError(Exception):
    """Why an invitation link cannot be used; the message is shown to the visitor."""


def invitation_by_token(token: str) -> Invitation:
    """Look up an invitation for its link, explaining plainly when it cannot be used.

    The link is the visitor's only credential here, so this runs outside any network scope.
    """
    with scopes_disabled():
        invitation = (
            Invitation.objects.select_related("network", "organisation")
            .filter(token_hash=_hash_token(token))
            .first()
        )
    if invitation is None:
        raise InvitationError(
            _("Deze uitnodigingslink is ongeldig. Controleer of je de hele link hebt gekopieerd.")
        )
    if invitation.accepted_at is not None:
        raise InvitationError(_("Deze uitnodiging is al gebruikt. Log in om verder te gaan."))
    if invitation.revoked_at is not None:
        raise InvitationError(
            _("Deze uitnodiging is ingetrokken. Vraag de kartrekker om een nieuwe.")
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationError(_("Deze uitnodiging is verlopen. Vraag de kartrekker om een nieuwe."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    """Turn an invitation into a membership for `user` (an existing or just-created account)."""
    invitation = invitation_by_token(token)
    if invitation.email.lower() != user.email.lower():
        raise InvitationError(
            _("Deze uitnodiging is voor %(email)s. Log in met dat adres om haar te gebruiken.")
            % {"email": invitation.email}
        )
    with scopes_disabled():
        # Claim the invitation first: a double submit finds it already accepted.
        claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), accepted_by=user
        )
        if claimed != 1:
            raise InvitationError(_("Deze uitnodiging is al gebruikt. Log in om verder te gaan."))
        existing = Membership.objects.filter(
            network=invitation.network, user=user, ended_at__isnull=True
        ).first()
        if existing is not None:
            raise InvitationError(_("Je bent al lid van dit netwerk."))
        membership = Membership.objects.create(
            network=invitation.network,
            user=user,
            role=invitation.role,
            organisation=invitation.organisation,
        )
        audit.record(
            actor=user,
            network=invitation.network,
            action="invitation.accepted",
            obj=membership,
            summary=_("%(name)s is lid geworden als %(role)s")
            % {"name": user, "role": membership.get_role_display()},
        )
    return membership


@transaction.atomic
def invitation_accept_new_user(*, token: str, full_name: str, password: str) -> Membership:
    """Create the invited person's account and accept the invitation, both or neither."""
    invitation = invitation_by_token(token)
    user_model = get_user_model()
    if user_model.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(
            _("Er bestaat al een account voor %(email)s. Log in om de uitnodiging aan te nemen.")
            % {"email": invitation.email}
        )
    user = user_model.objects.create_user(
        email=invitation.email, password=password, full_name=full_name
    )
    return invitation_accept(token=token, user=user)
