"""Writes for volunteering. Every function is atomic and audited, and checks who may do it.

Match lifecycle (TRANSITIONS): voorgesteld → akkoord → lopend → afgerond, and gestopt (with a
reason) from any of the first three. The coordinator (MANAGE_VOLUNTEERING) may make every
transition, also on behalf of a volunteer without an account after a phone call; the volunteer
may say yes (akkoord) or no (gestopt) to a proposal made to them.

Follow-ups: when a match becomes *lopend*, the volunteer is asked after 6 weeks whether it goes
well and the help-seeker after 8 weeks whether they are satisfied (seed 002: "na 6-8 weken");
spreading the two over the window spreads the dorpsondersteuner's phone calls.
`jobs.send_due_followups` asks them; a "niet goed" answer signals the coordinators.

A help-seeker's data (name, contact, what is needed, how it goes) follows the rules of client
data (docs/privacy.md): every write that touches it writes one access-log record in the same
transaction, keyed by the help request's UUID (`client_uuid`), with the categories in
`LOG_CATEGORIES`.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.accesslog.models import Action
from wijknet.accesslog.services import record_access
from wijknet.core import audit, formatting
from wijknet.core.declarations import names
from wijknet.core.locking import save_versioned
from wijknet.core.writes import require_typed_name
from wijknet.notifications import kinds
from wijknet.notifications.services import notify

from . import access, queries
from . import fields as declared
from .models import (
    ACTIVE_MATCH,
    DAY_PART_VALUES,
    Audience,
    FollowUp,
    FollowUpAnswer,
    HelpKind,
    HelpRequest,
    HoursEntry,
    Match,
    MatchStatus,
    RequestStatus,
    VolunteerProfile,
)

# Access-log categories of a help-seeker's data (the key is always the help request's UUID).
LOG_REQUEST, LOG_MATCH, LOG_FOLLOWUP, LOG_EXPORT, LOG_ERASURE = (
    "help_request",
    "help_match",
    "help_followup",
    "export",
    "erasure",
)


def log_access(*, acting_user, help_request, action, category, request=None, detail=""):
    """One access-log record about this help request's help-seeker; inside the caller's
    transaction (the services below, and accesslog.mixins.LoggedReadMixin for reads)."""
    return record_access(
        user=acting_user,
        network=help_request.network,
        client_uuid=help_request.uuid,
        action=action,
        category=category,
        request=request,
        detail=detail,
    )


FOLLOWUP_WEEKS = {Audience.VRIJWILLIGER: 6, Audience.HULPVRAGER: 8}

TRANSITIONS: dict[str, set[str]] = {
    MatchStatus.VOORGESTELD: {MatchStatus.AKKOORD, MatchStatus.GESTOPT},
    MatchStatus.AKKOORD: {MatchStatus.LOPEND, MatchStatus.GESTOPT},
    MatchStatus.LOPEND: {MatchStatus.AFGEROND, MatchStatus.GESTOPT},
    MatchStatus.AFGEROND: set(),
    MatchStatus.GESTOPT: set(),
}

# Declared once in fields.py (form, service and export share them).
PROFILE_FIELDS = names(declared.PROFILE_FIELDS)
REQUEST_FIELDS = names(declared.REQUEST_FIELDS)


def _check_fields(fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _require_manager(membership):
    if not access.can_manage(membership):
        raise PermissionDenied(_("Alleen de coördinator mag dit doen."))


def _validate_profile(fields: dict) -> None:
    errors = {}
    if not (fields.get("name") or "").strip():
        errors["name"] = _("Vul een naam in.")
    bad_kinds = set(fields.get("kinds") or []) - set(HelpKind.values)
    if bad_kinds:
        errors["kinds"] = _("Onbekende soort hulp.")
    if set(fields.get("availability") or []) - DAY_PART_VALUES:
        errors["availability"] = _("Onbekend dagdeel.")
    if (fields.get("latitude") is None) != (fields.get("longitude") is None):
        errors["longitude"] = _("Vul beide coördinaten in, of geen van beide.")
    if fields.get("max_matches") is not None and fields["max_matches"] < 1:
        errors["max_matches"] = _("Minstens één hulpvraag tegelijk.")
    if errors:
        raise ValidationError(errors)


# --- volunteers -----------------------------------------------------------------------------


@transaction.atomic
def volunteer_create(*, acting_user, membership, network, user=None, **fields) -> VolunteerProfile:
    """A member registers as volunteer (`user` is themselves), or the coordinator records a
    volunteer without an account (`user` None)."""
    _check_fields(fields, PROFILE_FIELDS)
    if user is None or user != acting_user:
        _require_manager(membership)
    if user is not None:
        fields.setdefault("name", user.full_name)
        if VolunteerProfile.objects.filter(network=network, user=user).exists():
            raise ValidationError(_("Je staat al als vrijwilliger ingeschreven."))
    _validate_profile(fields)
    profile = VolunteerProfile.objects.create(
        network=network, user=user, created_by=acting_user, **fields
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="volunteer.created",
        obj=profile,
        summary=_("Vrijwilliger %(name)s ingeschreven") % {"name": profile.name},
    )
    return profile


@transaction.atomic
def volunteer_update(
    *, acting_user, membership, profile: VolunteerProfile, expected_version: int, **fields
) -> VolunteerProfile:
    _check_fields(fields, PROFILE_FIELDS)
    if not access.can_edit_profile(membership, acting_user, profile):
        raise PermissionDenied(_("Je mag alleen je eigen profiel wijzigen."))
    merged = {name: getattr(profile, name) for name in PROFILE_FIELDS} | fields
    _validate_profile(merged)
    for name, value in fields.items():
        setattr(profile, name, value)
    save_versioned(profile, expected_version=expected_version, fields=list(fields))
    audit.record(
        actor=acting_user,
        network=profile.network,
        action="volunteer.updated",
        obj=profile,
        summary=_("Vrijwilliger %(name)s bijgewerkt") % {"name": profile.name},
        data={"fields": sorted(fields)},
    )
    return profile


# --- help requests --------------------------------------------------------------------------


@transaction.atomic
def help_request_create(
    *, acting_user, network, for_self: bool = False, request=None, **fields
) -> HelpRequest:
    """Any member with VIEW_VOLUNTEERING may ask for help, for themselves or on behalf of
    someone else. Volunteers in the same dorp or wijk who asked for it hear that there is a
    new request (the kind and the place; never the help-seeker's name)."""
    _check_fields(fields, REQUEST_FIELDS)
    if for_self:
        fields["seeker_name"] = fields.get("seeker_name") or acting_user.full_name
    errors = {}
    if not (fields.get("seeker_name") or "").strip():
        errors["seeker_name"] = _("Vul in wie er hulp nodig heeft.")
    if fields.get("kind") not in HelpKind.values:
        errors["kind"] = _("Kies de soort hulp.")
    if set(fields.get("day_parts") or []) - DAY_PART_VALUES:
        errors["day_parts"] = _("Onbekend dagdeel.")
    if (fields.get("latitude") is None) != (fields.get("longitude") is None):
        errors["longitude"] = _("Vul beide coördinaten in, of geen van beide.")
    if errors:
        raise ValidationError(errors)
    help_request = HelpRequest.objects.create(
        network=network,
        submitted_by=acting_user,
        seeker_user=acting_user if for_self else None,
        **fields,
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="help_request.created",
        obj=help_request,
        summary=_("Hulpvraag %(kind)s ingediend") % {"kind": help_request.get_kind_display()},
    )
    log_access(
        acting_user=acting_user,
        help_request=help_request,
        action=Action.CREATE,
        category=LOG_REQUEST,
        request=request,
    )
    _notify_area_volunteers(help_request, acting_user)
    return help_request


def _notify_area_volunteers(help_request, acting_user):
    if not help_request.place:
        return
    volunteers = (
        VolunteerProfile.objects.filter(
            network=help_request.network,
            active=True,
            wants_area_notifications=True,
            user__isnull=False,
            place__iexact=help_request.place,
        )
        .exclude(user=acting_user)
        .select_related("user")
        .order_by("pk")
    )
    if help_request.seeker_user_id:
        volunteers = volunteers.exclude(user_id=help_request.seeker_user_id)
    url = reverse("volunteering:index", kwargs={"network_slug": help_request.network.slug})
    title = _("Nieuwe hulpvraag in %(place)s: %(kind)s") % {
        "place": help_request.place,
        "kind": help_request.get_kind_display().lower(),
    }
    body = _(
        "Er is een nieuwe hulpvraag in je dorp of wijk. Wil je helpen? Laat het de "
        "coördinator weten."
    )
    for volunteer in volunteers:
        notify(
            recipient=volunteer.user,
            network=help_request.network,
            kind=kinds.HELP_REQUEST_NEARBY,
            title=title,
            body=body,
            url=url,
        )


@transaction.atomic
def help_request_close(
    *, acting_user, membership, help_request: HelpRequest, request=None
) -> HelpRequest:
    _require_manager(membership)
    if help_request.status == RequestStatus.GESLOTEN:
        raise ValidationError(_("Deze hulpvraag is al gesloten."))
    if help_request.matches.filter(status__in=ACTIVE_MATCH).exists():
        raise ValidationError(
            _("Rond eerst de lopende koppelingen af of stop ze, dan kan de hulpvraag dicht.")
        )
    help_request.status = RequestStatus.GESLOTEN
    help_request.closed_at = timezone.now()
    HelpRequest.objects.filter(pk=help_request.pk).update(
        status=help_request.status, closed_at=help_request.closed_at
    )
    audit.record(
        actor=acting_user,
        network=help_request.network,
        action="help_request.closed",
        obj=help_request,
        summary=_("Hulpvraag gesloten"),
    )
    log_access(
        acting_user=acting_user,
        help_request=help_request,
        action=Action.UPDATE,
        category=LOG_REQUEST,
        request=request,
        detail="gesloten",
    )
    return help_request


def _set_request_status(help_request, status):
    if help_request.status != status:
        help_request.status = status
        closed_at = timezone.now() if status == RequestStatus.GESLOTEN else None
        help_request.closed_at = closed_at
        HelpRequest.objects.filter(pk=help_request.pk).update(status=status, closed_at=closed_at)


# --- matches --------------------------------------------------------------------------------


@transaction.atomic
def match_propose(
    *,
    acting_user,
    membership,
    help_request: HelpRequest,
    volunteer: VolunteerProfile,
    reasons=(),
    request=None,
) -> Match:
    """The coordinator proposes a volunteer for a request; the volunteer hears of it."""
    _require_manager(membership)
    if volunteer.network_id != help_request.network_id:
        raise ValidationError(_("Deze vrijwilliger hoort niet bij dit netwerk."))
    if help_request.status == RequestStatus.GESLOTEN:
        raise ValidationError(_("Deze hulpvraag is gesloten."))
    if not volunteer.active:
        raise ValidationError(_("Deze vrijwilliger is niet actief."))
    if help_request.seeker_user_id and volunteer.user_id == help_request.seeker_user_id:
        raise ValidationError(_("De hulpvrager kan zichzelf niet helpen."))
    if Match.objects.filter(
        request=help_request, volunteer=volunteer, status__in=ACTIVE_MATCH
    ).exists():
        raise ValidationError(_("Deze vrijwilliger is al voorgesteld voor deze hulpvraag."))
    try:
        with transaction.atomic():
            match = Match.objects.create(
                network=help_request.network,
                request=help_request,
                volunteer=volunteer,
                proposed_by=acting_user,
                reasons=[str(r) for r in reasons],
            )
    except IntegrityError as error:  # two coordinators at the same moment
        raise ValidationError(
            _("Deze vrijwilliger is al voorgesteld voor deze hulpvraag.")
        ) from error
    audit.record(
        actor=acting_user,
        network=help_request.network,
        action="match.proposed",
        obj=match,
        summary=_("%(volunteer)s voorgesteld voor hulpvraag %(kind)s")
        % {"volunteer": volunteer.name, "kind": help_request.get_kind_display()},
    )
    log_access(
        acting_user=acting_user,
        help_request=help_request,
        action=Action.CREATE,
        category=LOG_MATCH,
        request=request,
        detail="vrijwilliger voorgesteld",
    )
    if volunteer.user_id is not None:
        notify(
            recipient=volunteer.user,
            network=help_request.network,
            kind=kinds.MATCH_PROPOSED,
            title=_("Wil je helpen met %(kind)s in %(place)s?")
            % {
                "kind": help_request.get_kind_display().lower(),
                "place": help_request.place or "—",
            },
            body=_("De coördinator stelt jou voor. Bekijk de vraag en zeg ja of nee."),
            url=match_url(match),
        )
    return match


def help_summary(help_request) -> str:
    """The kind of help and the place, e.g. "boodschappen in Zuiderveen": what notifications
    say about a request. Notifications are e-mailed by default (the title is the subject), so
    they never name a resident nor give their contact details; the link shows those to whoever
    may see them."""
    kind = help_request.get_kind_display().lower()
    if help_request.place:
        return _("%(kind)s in %(place)s") % {"kind": kind, "place": help_request.place}
    return kind


def match_url(match) -> str:
    return reverse(
        "volunteering:match_detail",
        kwargs={"network_slug": match.network.slug, "match_uuid": match.uuid},
    )


def allowed_transitions(membership, user, match: Match) -> list[str]:
    """The states this person may move the match to now (for the buttons): the moves the
    lifecycle allows from its status (TRANSITIONS) that access lets this person make."""
    return [
        s
        for s in MatchStatus.values
        if s in TRANSITIONS[match.status] and access.may_move_match(membership, user, match, s)
    ]


@transaction.atomic
def match_transition(
    *,
    acting_user,
    membership,
    match: Match,
    to: str,
    reason: str = "",
    expected_version=None,
    request=None,
) -> Match:
    if to not in MatchStatus.values:
        raise ValidationError(_("Onbekende status."))
    if to not in TRANSITIONS[match.status]:
        raise ValidationError(
            _("Een koppeling met status %(from)s kan niet naar %(to)s.")
            % {"from": match.get_status_display().lower(), "to": MatchStatus(to).label.lower()}
        )
    if to not in allowed_transitions(membership, acting_user, match):
        raise PermissionDenied(_("Je mag deze koppeling niet zo wijzigen."))
    reason = (reason or "").strip()
    if to == MatchStatus.GESTOPT and not reason:
        raise ValidationError({"reason": _("Geef een reden voor het stoppen.")})
    now = timezone.now()
    previous = match.status
    match.status = to
    changed = ["status"]
    if to == MatchStatus.AKKOORD:
        match.accepted_at = now
        changed.append("accepted_at")
    elif to == MatchStatus.LOPEND:
        match.started_at = now
        changed.append("started_at")
    else:  # afgerond, gestopt
        match.ended_at = now
        changed.append("ended_at")
        if to == MatchStatus.GESTOPT:
            match.stop_reason = reason
            changed.append("stop_reason")
    save_versioned(
        match,
        expected_version=match.version if expected_version is None else expected_version,
        fields=changed,
    )
    help_request = match.request
    if to in (MatchStatus.AKKOORD, MatchStatus.LOPEND):
        _set_request_status(help_request, RequestStatus.GEMATCHT)
    elif not help_request.matches.filter(status__in=ACTIVE_MATCH).exists():
        # Done: the request is answered. Stopped: it is open again for another volunteer.
        _set_request_status(
            help_request,
            RequestStatus.GESLOTEN if to == MatchStatus.AFGEROND else RequestStatus.OPEN,
        )
    if to == MatchStatus.LOPEND:
        _schedule_followups(match, timezone.localdate(now))
    audit.record(
        actor=acting_user,
        network=match.network,
        action=f"match.{to}",
        obj=match,
        summary=_("Koppeling %(volunteer)s: %(from)s → %(to)s")
        % {
            "volunteer": match.volunteer.name,
            "from": MatchStatus(previous).label,
            "to": MatchStatus(to).label,
        },
        data={"from": previous, "to": to, "reason": reason}
        if reason
        else {"from": previous, "to": to},
    )
    log_access(
        acting_user=acting_user,
        help_request=help_request,
        action=Action.UPDATE,
        category=LOG_MATCH,
        request=request,
        detail=f"{previous} → {to}",
    )
    return match


def _schedule_followups(match, start):
    for audience, weeks in FOLLOWUP_WEEKS.items():
        FollowUp.objects.get_or_create(
            network=match.network,
            match=match,
            audience=audience,
            defaults={"week": weeks, "due_on": start + timedelta(weeks=weeks)},
        )


# --- follow-ups -----------------------------------------------------------------------------


@transaction.atomic
def followup_answer(
    *, acting_user, membership, followup: FollowUp, answer: str, remark: str = "", request=None
) -> FollowUp:
    """The asked person answers, or the coordinator records the answer after a phone call.
    "Niet goed" signals the coordinators."""
    if not access.can_answer(membership, acting_user, followup):
        raise PermissionDenied(_("Deze vraag is niet aan jou gesteld."))
    if answer not in FollowUpAnswer.values:
        raise ValidationError({"answer": _("Kies een antwoord.")})
    followup.answer = answer
    followup.remark = remark.strip()
    followup.answered_at = timezone.now()
    followup.answered_by = acting_user
    followup.signalled = answer == FollowUpAnswer.NIET_GOED
    FollowUp.objects.filter(pk=followup.pk).update(
        answer=followup.answer,
        remark=followup.remark,
        answered_at=followup.answered_at,
        answered_by=acting_user,
        signalled=followup.signalled,
    )
    audit.record(
        actor=acting_user,
        network=followup.network,
        action="followup.answered",
        obj=followup,
        summary=_("Opvolging %(audience)s na %(weeks)s weken: %(answer)s")
        % {
            "audience": followup.get_audience_display().lower(),
            "weeks": followup.week,
            "answer": followup.get_answer_display().lower(),
        },
    )
    log_access(
        acting_user=acting_user,
        help_request=followup.match.request,
        action=Action.UPDATE,
        category=LOG_FOLLOWUP,
        request=request,
        detail=followup.audience,
    )
    if followup.signalled:
        match = followup.match
        for coordinator in queries.coordinators(followup.network):
            if coordinator.pk == acting_user.pk:
                continue
            notify(
                recipient=coordinator,
                network=followup.network,
                kind=kinds.FOLLOWUP_SIGNAL,
                title=_("Signaal: het gaat niet goed met de hulp bij %(what)s")
                % {"what": help_summary(match.request)},
                body=_("Antwoord van de %(audience)s na %(weeks)s weken.")
                % {"audience": followup.get_audience_display().lower(), "weeks": followup.week},
                url=match_url(match),
            )
    return followup


# --- the help-seeker's rights (AVG) ---------------------------------------------------------


@transaction.atomic
def help_request_erase(
    *, acting_user, membership, help_request: HelpRequest, confirm_name: str, request=None
) -> None:
    """Erasure on the help-seeker's request (AVG art. 17): the request, its matches and
    follow-ups are deleted; the volunteers' hours stay (without the match). The access log
    keeps a tombstone (that an erasure happened, not what)."""
    if not access.may_export_or_erase(membership):
        raise PermissionDenied(_("Alleen de coördinator mag dit doen."))
    require_typed_name(
        confirm_name,
        help_request.seeker_name,
        _("Typ de naam van de hulpvrager precies over om het wissen te bevestigen."),
    )
    log_access(
        acting_user=acting_user,
        help_request=help_request,
        action=Action.DELETE,
        category=LOG_ERASURE,
        request=request,
    )
    network, pk = help_request.network, help_request.pk
    HoursEntry.objects.filter(network=network, match__request=help_request).update(match=None)
    FollowUp.objects.filter(network=network, match__request=help_request).delete()
    Match.objects.filter(network=network, request=help_request).delete()
    help_request.delete()
    audit.record(
        actor=acting_user,
        network=network,
        action="help_request.erased",
        summary=_("Gegevens van een hulpvrager gewist op diens verzoek"),
        data={"help_request_pk": pk},
    )


# --- hours ----------------------------------------------------------------------------------


@transaction.atomic
def hours_log(
    *,
    acting_user,
    membership,
    volunteer: VolunteerProfile,
    date,
    hours,
    kind="",
    match=None,
    note="",
) -> HoursEntry:
    """A volunteer logs their own hours (optionally for one of their matches)."""
    if not access.can_log_hours_for(membership, acting_user, volunteer):
        raise PermissionDenied(_("Je schrijft alleen je eigen uren."))
    errors = {}
    if hours is None or hours <= 0 or hours > 24:
        errors["hours"] = _("Vul een aantal uren tussen 0 en 24 in.")
    if date is None:
        errors["date"] = _("Vul een datum in.")
    elif date > timezone.localdate():
        errors["date"] = _("Uren schrijf je achteraf: de datum ligt in de toekomst.")
    if match is not None and match.volunteer_id != volunteer.pk:
        errors["match"] = _("Dit is niet jouw koppeling.")
    if not kind and match is not None:
        kind = match.request.kind
    if kind not in HelpKind.values:
        errors["kind"] = _("Kies de soort hulp.")
    if errors:
        raise ValidationError(errors)
    entry = HoursEntry.objects.create(
        network=volunteer.network,
        volunteer=volunteer,
        match=match,
        kind=kind,
        date=date,
        hours=hours,
        note=note,
        created_by=acting_user,
    )
    audit.record(
        actor=acting_user,
        network=volunteer.network,
        action="hours.logged",
        obj=entry,
        summary=_("%(hours)s uur geschreven door %(name)s")
        % {"hours": formatting.number(hours), "name": volunteer.name},
    )
    return entry
