"""Writes for residents and mantelzorgers (issue 15).

Every function is atomic, checks who may do it (access.py), writes an audit event without
anything that identifies the client (coordinators read the audit log) and exactly ONE
access-log record (NEN 7513) in the same transaction — for the resident too: the log shows
"bewoner zelf" or "mantelzorger" as the role.

A consent is never edited: the resident withdraws it (at once) or grants a new one that a
care-team member proposed, as in casework.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_email.models import EmailDevice
from django_scopes import scope, scopes_disabled

from wijknet.accesslog.models import Action
from wijknet.accesslog.services import record_access
from wijknet.accounts.middleware import mark_verified
from wijknet.casework import access as casework_access
from wijknet.casework import services as casework_services
from wijknet.casework.models import (
    CareTeamMember,
    Consent,
    FilledBy,
    GivenBy,
    PlanAction,
    Purpose,
)
from wijknet.casework.services import consent_text_current
from wijknet.core import audit, links
from wijknet.core.locking import save_versioned
from wijknet.core.tasks import send_email
from wijknet.notifications import kinds
from wijknet.notifications.services import notify_many

from . import access
from .models import (
    AuthorRole,
    CaseMessage,
    ConsentProposal,
    LinkKind,
    LinkScope,
    ResidentInvitation,
    ResidentLink,
    ResidentWords,
)

MESSAGE_MAX = 2000
WORDS_MAX = 2000


class InvitationError(Exception):
    """An invitation link that cannot be used; the message says why, in Dutch."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- logging ---------------------------------------------------------------------------------


def log_resident(*, link, action, category, request=None, detail=""):
    """The one access-log record of a resident's or mantelzorger's read or write."""
    return record_access(
        user=link.user,
        network=link.network,
        client_uuid=link.client.uuid,
        action=action,
        category=category,
        purpose=_own_ground(link),
        request=request,
        detail=detail,
        as_role=link.kind,
    )


def _own_ground(link) -> str:
    if link.kind == LinkKind.RESIDENT:
        return _("Eigen gegevens (AVG art. 15)")
    return _("Toegang gegeven door de bewoner (%(scope)s)") % {
        "scope": link.get_scope_display().lower()
    }


def _log_team(*, acting_user, membership, client, action, category, request=None, detail=""):
    """The access-log record of a care-team member's write; refuses who may not see the client."""
    if not access.team_may_manage(client, membership):
        raise PermissionDenied
    return record_access(
        user=acting_user,
        network=client.network,
        client_uuid=client.uuid,
        action=action,
        category=category,
        consent=casework_access.grounding_consent(client, membership),
        request=request,
        detail=detail,
    )


def _require(link, need):
    if not access.may(link, need):
        raise PermissionDenied


def _team_users(client):
    return [
        m.membership.user
        for m in CareTeamMember.objects.filter(network=client.network, client=client)
        .select_related("membership__user")
        .order_by("-is_coordinating_contact", "pk")
        if m.membership.ended_at is None
    ]


def _client_url(client, name="residents:team"):
    return reverse(name, kwargs={"network_slug": client.network.slug, "client_uuid": client.uuid})


# --- invitations -----------------------------------------------------------------------------


def _create_invitation(*, acting_user, client, email, kind, scope_, consent_note):
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise ValidationError({"email": _("Vul een geldig e-mailadres in.")})
    if kind not in LinkKind.values:
        raise ValidationError({"kind": _("Kies bewoner of mantelzorger.")})
    if kind == LinkKind.RESIDENT:
        scope_ = LinkScope.CONTRIBUTE
        consent_note = ""
    elif scope_ not in LinkScope.values:
        raise ValidationError({"scope": _("Kies wat de mantelzorger mag.")})
    elif not (consent_note or "").strip():
        raise ValidationError(
            {
                "consent_note": _(
                    "Een mantelzorger krijgt alleen toegang als de bewoner dat wil. Schrijf op "
                    "hoe de bewoner toestemming gaf."
                )
            }
        )
    if (
        kind == LinkKind.RESIDENT
        and ResidentLink.objects.filter(
            network=client.network, client=client, kind=LinkKind.RESIDENT, ended_at__isnull=True
        ).exists()
    ):
        raise ValidationError({"email": _("De bewoner heeft al een account voor dit plan.")})
    token = secrets.token_urlsafe(32)
    invitation = ResidentInvitation.objects.create(
        network=client.network,
        client=client,
        email=email,
        kind=kind,
        scope=scope_,
        token_hash=hash_token(token),
        invited_by=acting_user,
        consent_note=(consent_note or "").strip()[:200],
        expires_at=timezone.now() + timedelta(days=settings.RESIDENT_INVITATION_VALID_DAYS),
    )
    url = links.absolute(reverse("residents:accept", args=[token]))
    if kind == LinkKind.RESIDENT:
        subject = _("Uitnodiging: bekijk uw eigen plan in wijknet")
        intro = _("Uw zorgverlener nodigt u uit om uw eigen plan te bekijken in wijknet.")
    else:
        subject = _("Uitnodiging: meekijken als mantelzorger in wijknet")
        intro = _("U bent uitgenodigd om als mantelzorger mee te kijken in een plan in wijknet.")
    body = "\n".join(
        [
            intro,
            "",
            _("Open deze link om een wachtwoord te kiezen (de link werkt één keer):"),
            url,
            "",
            _("De link is %(days)s dagen geldig.")
            % {"days": settings.RESIDENT_INVITATION_VALID_DAYS},
        ]
    )
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[email]))
    audit.record(
        actor=acting_user,
        network=client.network,
        action="residents.invited",
        obj=invitation,
        summary=_("Bewoner of mantelzorger uitgenodigd voor een plan"),
        data={"kind": kind},
    )
    return invitation, url


def invitation_create(
    *,
    acting_user,
    membership,
    client,
    email,
    kind,
    scope=LinkScope.READ,
    consent_note="",
    request=None,
):
    """A care-team member invites the resident, or a mantelzorger with the resident's consent
    (recorded in `consent_note`). Returns (invitation, link); the link is e-mailed."""
    with transaction.atomic():
        _log_team(
            acting_user=acting_user,
            membership=membership,
            client=client,
            action=Action.CREATE,
            category="resident_access",
            request=request,
            detail=f"uitnodiging {kind}",
        )
        return _create_invitation(
            acting_user=acting_user,
            client=client,
            email=email,
            kind=kind,
            scope_=scope,
            consent_note=consent_note,
        )


def invitation_create_by_resident(*, acting_user, link, email, scope, request=None):
    """The resident invites their mantelzorger themselves: that is their consent."""
    with transaction.atomic():
        _require(link, access.RESIDENT)
        log_resident(
            link=link,
            action=Action.CREATE,
            category="resident_access",
            request=request,
            detail="uitnodiging mantelzorger",
        )
        return _create_invitation(
            acting_user=acting_user,
            client=link.client,
            email=email,
            kind=LinkKind.MANTELZORGER,
            scope_=scope,
            consent_note=_("Uitgenodigd door de bewoner zelf"),
        )


def invitation_by_token(token: str) -> ResidentInvitation:
    with scopes_disabled():
        invitation = (
            ResidentInvitation.objects.select_related("client", "network")
            .filter(token_hash=hash_token(token))
            .first()
        )
    if invitation is None:
        raise InvitationError(
            _("Deze link werkt niet. Controleer of u de hele link uit de e-mail hebt gebruikt.")
        )
    if invitation.used_at is not None:
        raise InvitationError(_("Deze link is al gebruikt. U kunt inloggen met uw wachtwoord."))
    if invitation.revoked_at is not None or invitation.expires_at < timezone.now():
        raise InvitationError(
            _("Deze link is verlopen. Vraag uw zorgverlener om een nieuwe uitnodiging.")
        )
    invitation.client.network = invitation.network
    return invitation


def invitation_accept(*, token: str, user, request=None) -> ResidentLink:
    """Turn the invitation into a link for `user` (whose e-mail address it was sent to)."""
    invitation = invitation_by_token(token)
    if invitation.email.lower() != user.email.lower():
        raise InvitationError(
            _("Deze uitnodiging is voor %(email)s. Log in met dat adres.")
            % {"email": invitation.email}
        )
    with transaction.atomic(), scope(network=invitation.network):
        claimed = ResidentInvitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
            used_at=timezone.now(), used_by=user
        )
        if claimed != 1:
            raise InvitationError(_("Deze link is al gebruikt. U kunt inloggen met uw wachtwoord."))
        link = ResidentLink.objects.filter(
            network=invitation.network, client=invitation.client, user=user, ended_at__isnull=True
        ).first()
        if link is None:
            link = ResidentLink.objects.create(
                network=invitation.network,
                client=invitation.client,
                user=user,
                kind=invitation.kind,
                scope=invitation.scope,
                granted_by=invitation.invited_by,
            )
        link.client = invitation.client
        log_resident(
            link=link,
            action=Action.CREATE,
            category="resident_access",
            request=request,
            detail="uitnodiging aangenomen",
        )
        audit.record(
            actor=user,
            network=invitation.network,
            action="residents.link_created",
            obj=link,
            summary=_("Uitnodiging voor een plan aangenomen"),
            data={"kind": link.kind},
        )
    return link


def invitation_accept_new_user(*, token, full_name, password, request=None) -> ResidentLink:
    invitation = invitation_by_token(token)
    user_model = get_user_model()
    with transaction.atomic():
        if user_model.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationError(
                _("Er is al een account voor %(email)s. Log eerst in.")
                % {"email": invitation.email}
            )
        user = user_model.objects.create_user(
            email=invitation.email, password=password, full_name=full_name.strip()
        )
        return invitation_accept(token=token, user=user, request=request)


# --- second factor: a code by e-mail ---------------------------------------------------------


@transaction.atomic
def email_code_send(*, user) -> bool:
    """Send a new login code to the user's address (through the task worker). One device per
    user; a new code replaces the previous one. At most one code a minute (django-otp's
    cooldown, OTP_EMAIL_COOLDOWN_DURATION): returns False when it is too soon."""
    device = EmailDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = EmailDevice.objects.create(user=user, name="E-mail", confirmed=True)
    allowed, _data = device.generate_is_allowed()
    if not allowed:
        return False
    device.generate_token(valid_secs=settings.RESIDENT_EMAIL_CODE_SECONDS, commit=False)
    device.cooldown_set(commit=False)
    device.save()
    code = device.token
    minutes = settings.RESIDENT_EMAIL_CODE_SECONDS // 60
    subject = _("Uw inlogcode voor wijknet")
    body = "\n".join(
        [
            _("Uw inlogcode is: %(code)s") % {"code": code},
            "",
            _("De code werkt %(minutes)s minuten en één keer.") % {"minutes": minutes},
            _("Hebt u niet geprobeerd in te loggen? Dan kunt u deze e-mail negeren."),
        ]
    )
    email = user.email
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[email]))
    return True


def code_expired(device) -> bool:
    return device.valid_until is None or device.valid_until < timezone.now()


def email_code_verify(*, request, device, code: str) -> bool:
    """Check the e-mailed code (once usable; django-otp clears it and throttles wrong tries);
    on success the session counts as verified, with a new session id."""
    if device.user_id != request.user.pk or not device.verify_token(code):
        return False
    request.session.cycle_key()
    otp_login(request, device)
    mark_verified(request)
    return True


def email_device(user) -> EmailDevice | None:
    return EmailDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


# --- links -----------------------------------------------------------------------------------


def _end_link(*, acting_user, other):
    updated = ResidentLink.objects.filter(
        pk=other.pk, network=other.network, ended_at__isnull=True
    ).update(ended_at=timezone.now(), ended_by=acting_user, version=other.version + 1)
    if updated != 1:
        raise ValidationError(_("Deze toegang was al beëindigd."))
    audit.record(
        actor=acting_user,
        network=other.network,
        action="residents.link_ended",
        obj=other,
        summary=_("Toegang van een bewoner of mantelzorger beëindigd"),
        data={"kind": other.kind},
    )


def link_end_by_resident(*, acting_user, link, other, request=None) -> None:
    """The resident ends a mantelzorger's (or their own) access; a mantelzorger their own.
    From the next request on the ended link is a 404."""
    with transaction.atomic():
        if not access.may_end(link, other):
            raise PermissionDenied
        log_resident(
            link=link,
            action=Action.DELETE,
            category="resident_access",
            request=request,
            detail=f"toegang {other.kind} beëindigd",
        )
        _end_link(acting_user=acting_user, other=other)


def link_end_by_team(*, acting_user, membership, other, request=None) -> None:
    with transaction.atomic():
        _log_team(
            acting_user=acting_user,
            membership=membership,
            client=other.client,
            action=Action.DELETE,
            category="resident_access",
            request=request,
            detail=f"toegang {other.kind} beëindigd",
        )
        _end_link(acting_user=acting_user, other=other)


# --- the resident's own words, actions and questions -----------------------------------------


def words_save(
    *, acting_user, link, expected_version, wil="", kan="", heb_nodig="", request=None
) -> ResidentWords:
    """The resident's own words next to "ik wil / ik kan / ik heb nodig" (kept apart from the
    professional's text). Optimistic locking: two people (resident and mantelzorger) may edit."""
    values = {"wil": wil, "kan": kan, "heb_nodig": heb_nodig}
    errors = {
        name: _("Schrijf hooguit %(max)s tekens.") % {"max": WORDS_MAX}
        for name, value in values.items()
        if len(value or "") > WORDS_MAX
    }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _require(link, access.CONTRIBUTE)
        client = link.client
        words, created = ResidentWords.objects.get_or_create(
            network=client.network, client=client, defaults={"updated_by": acting_user}
        )
        for name, value in values.items():
            setattr(words, name, (value or "").strip())
        words.updated_by = acting_user
        words.updated_at = timezone.now()
        save_versioned(
            words,
            expected_version=words.version if created else expected_version,
            fields=[*values, "updated_by", "updated_at"],
        )
        log_resident(link=link, action=Action.UPDATE, category="plan", request=request)
        audit.record(
            actor=acting_user,
            network=client.network,
            action="residents.words_saved",
            obj=words,
            summary=_("Eigen woorden van een bewoner bij het plan opgeslagen"),
        )
    return words


def action_mark_done(*, acting_user, link, action, request=None) -> PlanAction:
    """Mark an action the resident does themselves (for_resident) as done."""
    with transaction.atomic():
        _require(link, access.CONTRIBUTE)
        if not action.for_resident or action.plan.client_id != link.client_id:
            raise PermissionDenied
        updated = PlanAction.objects.filter(
            pk=action.pk, network=link.network, for_resident=True
        ).update(status="done", updated_at=timezone.now(), version=action.version + 1)
        if updated != 1:  # pragma: no cover - the row was checked above
            raise PermissionDenied
        log_resident(
            link=link, action=Action.UPDATE, category="plan", request=request, detail="actie gedaan"
        )
        audit.record(
            actor=acting_user,
            network=link.network,
            action="residents.action_done",
            obj=action,
            summary=_("Een bewoner heeft een actie afgevinkt"),
        )
        action.refresh_from_db()
    return action


def measurement_save(*, acting_user, link, scores, request=None):
    """The resident's own spider web ("Mijn Positieve Gezondheid", casework/selfcheck.py): kept
    apart from a web filled in with a professional by `filled_by`, and labelled by who saved it.
    A mantelzorger with scope "contribute" may fill it in for the resident."""
    with transaction.atomic():
        _require(link, access.CONTRIBUTE)
        measurement = casework_services.measurement_store(
            client=link.client,
            measured_on=timezone.localdate(),
            filled_by=FilledBy.RESIDENT,
            recorded_by=acting_user,
            scores=scores,
        )
        log_resident(link=link, action=Action.CREATE, category="positive_health", request=request)
        audit.record(
            actor=acting_user,
            network=link.network,
            action="residents.measurement_saved",
            obj=measurement,
            summary=_("Een bewoner vulde het eigen spinnenweb in"),
        )
    return measurement


def _check_text(text):
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf uw vraag of bericht.")})
    if len(text) > MESSAGE_MAX:
        raise ValidationError({"text": _("Schrijf hooguit %(max)s tekens.") % {"max": MESSAGE_MAX}})
    return text


def message_post(*, acting_user, link, text, request=None) -> CaseMessage:
    """A question from the resident or mantelzorger; the care team is notified (the
    coordinating contact first)."""
    text = _check_text(text)
    with transaction.atomic():
        _require(link, access.CONTRIBUTE)
        client = link.client
        message = CaseMessage.objects.create(
            network=client.network,
            client=client,
            author=acting_user,
            author_role=link.kind,
            text=text,
        )
        log_resident(link=link, action=Action.CREATE, category="messages", request=request)
        notify_many(
            recipients=_team_users(client),
            network=client.network,
            kind=kinds.RESIDENT_MESSAGE,
            title=_("Nieuwe vraag van een bewoner of mantelzorger"),
            url=_client_url(client),
        )
    return message


def message_reply(*, acting_user, membership, client, text, request=None) -> CaseMessage:
    text = _check_text(text)
    with transaction.atomic():
        _log_team(
            acting_user=acting_user,
            membership=membership,
            client=client,
            action=Action.CREATE,
            category="messages",
            request=request,
        )
        return CaseMessage.objects.create(
            network=client.network,
            client=client,
            author=acting_user,
            author_role=AuthorRole.PROFESSIONAL,
            text=text,
        )


# --- consent in the resident's hands ---------------------------------------------------------


def consent_withdraw(*, acting_user, link, consent, request=None) -> Consent:
    """The resident withdraws a consent: at once (casework.access reads `withdrawn_at` on every
    request), the care team is notified. The consent itself stays as it was given."""
    with transaction.atomic():
        _require(link, access.RESIDENT)
        client = link.client
        if consent.client_id != client.pk:
            raise PermissionDenied
        team = _team_users(client)
        updated = Consent.objects.filter(
            pk=consent.pk, network=client.network, withdrawn_at__isnull=True
        ).update(withdrawn_at=timezone.now(), withdrawn_by=acting_user)
        if updated != 1:
            raise ValidationError(_("Deze toestemming is al ingetrokken."))
        consent.refresh_from_db()
        log_resident(
            link=link, action=Action.UPDATE, category="consent", request=request, detail="withdraw"
        )
        audit.record(
            actor=acting_user,
            network=client.network,
            action="casework.consent_withdrawn",
            obj=consent,
            summary=_("Toestemming ingetrokken door de bewoner"),
        )
        notify_many(
            recipients=team,
            network=client.network,
            kind=kinds.RESIDENT_CONSENT,
            title=_("Een bewoner heeft een toestemming ingetrokken"),
            body=_(
                "Teamleden van organisaties die alleen deze toestemming had, zien de casus "
                "niet meer."
            ),
            url=_client_url(client),
        )
    return consent


def consent_propose(
    *, acting_user, membership, client, purpose, organisations, reason="", request=None
) -> ConsentProposal:
    """A care-team member proposes a consent; only the resident can grant it."""
    organisations = list(organisations or [])
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Kies een doel.")})
    if not organisations:
        raise ValidationError({"organisations": _("Kies ten minste één organisatie.")})
    if any(org.network_id != client.network_id for org in organisations):
        raise ValidationError({"organisations": _("Deze organisatie hoort niet bij dit netwerk.")})
    with transaction.atomic():
        _log_team(
            acting_user=acting_user,
            membership=membership,
            client=client,
            action=Action.CREATE,
            category="consent",
            request=request,
            detail="voorstel",
        )
        proposal = ConsentProposal.objects.create(
            network=client.network,
            client=client,
            purpose=purpose,
            reason=(reason or "").strip()[:300],
            proposed_by=acting_user,
        )
        proposal.organisations.set(organisations)
        audit.record(
            actor=acting_user,
            network=client.network,
            action="residents.consent_proposed",
            obj=proposal,
            summary=_("Toestemming voorgesteld aan een bewoner"),
        )
    return proposal


def consent_grant(*, acting_user, link, proposal, request=None) -> Consent:
    """The resident grants a proposed consent: a new Consent, given by the resident, digitally,
    today, with the network's current consent text."""
    with transaction.atomic():
        _require(link, access.RESIDENT)
        client = link.client
        if proposal.client_id != client.pk:
            raise PermissionDenied
        claimed = ConsentProposal.objects.filter(
            pk=proposal.pk, network=client.network, decided_at__isnull=True
        ).update(decided_at=timezone.now())
        if claimed != 1:
            raise ValidationError(_("Over dit voorstel hebt u al besloten."))
        consent = Consent.objects.create(
            network=client.network,
            client=client,
            purpose=proposal.purpose,
            given_by=GivenBy.RESIDENT,
            method="digitaal",
            given_at=timezone.localdate(),
            consent_text=consent_text_current(client.network),
            recorded_by=acting_user,
        )
        consent.organisations.set(list(proposal.organisations.all()))
        ConsentProposal.objects.filter(pk=proposal.pk).update(consent=consent)
        record_access(
            user=acting_user,
            network=client.network,
            client_uuid=client.uuid,
            action=Action.CREATE,
            category="consent",
            consent=consent,
            purpose=_own_ground(link),
            request=request,
            detail="toestemming gegeven",
            as_role=link.kind,
        )
        audit.record(
            actor=acting_user,
            network=client.network,
            action="casework.consent_recorded",
            obj=consent,
            summary=_("Toestemming gegeven door de bewoner"),
        )
        notify_many(
            recipients=_team_users(client),
            network=client.network,
            kind=kinds.RESIDENT_CONSENT,
            title=_("Een bewoner heeft toestemming gegeven"),
            url=_client_url(client),
        )
    return consent
