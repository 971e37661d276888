"""Writes for meetings: the meeting itself, attendance, decisions, the reflection and the secret
address of the calendar feed.

Every function takes the acting user, runs in one transaction and writes its audit event in that
same transaction.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.declarations import names
from wijknet.core.locking import save_versioned
from wijknet.core.writes import check_fields
from wijknet.networks.models import Membership

from . import fields as declared
from .models import Attendance, CalendarFeed, Decision, Meeting, Reflection, new_feed_token

# Declared once in fields.py; the invited partners are a parameter of their own.
MEETING_FIELDS = [n for n in names(declared.MEETING_FIELDS) if n != "invited_partners"]


def _check_partners(network, partners) -> list:
    partners = list(partners)
    if any(p.network_id != network.pk for p in partners):
        raise ValidationError({"invited_partners": _("Deze partner hoort niet bij dit netwerk.")})
    return partners


def _check_chair(network, fields: dict) -> None:
    chair = fields.get("chair")
    if (
        chair is not None
        and not Membership.objects.filter(
            network=network, user=chair, ended_at__isnull=True
        ).exists()
    ):
        raise ValidationError({"chair": _("De voorzitter moet lid zijn van het netwerk.")})


def _check_place(fields: dict, meeting: Meeting | None = None) -> None:
    location = fields.get("location", meeting.location if meeting else "")
    online = fields.get("online", meeting.online if meeting else False)
    if not online and not (location or "").strip():
        raise ValidationError({"location": _("Vul een plaats in of kies ‘online’.")})


# Meetings ----------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, acting_user, network, invited_partners=(), **fields) -> Meeting:
    check_fields(fields, MEETING_FIELDS, "meeting")
    _check_place(fields)
    _check_chair(network, fields)
    partners = _check_partners(network, invited_partners)
    meeting = Meeting.objects.create(network=network, created_by=acting_user, **fields)
    meeting.invited_partners.set(partners)
    audit.record(
        actor=acting_user,
        network=network,
        action="meeting.created",
        obj=meeting,
        summary=_("Bijeenkomst %(title)s gepland") % {"title": meeting.title},
    )
    return meeting


@transaction.atomic
def meeting_update(
    *, acting_user, meeting: Meeting, expected_version: int, invited_partners=None, **fields
) -> Meeting:
    check_fields(fields, MEETING_FIELDS, "meeting")
    _check_place(fields, meeting)
    if fields.get("chair") is not None:
        # A chair who has since left may stay on an old meeting; a new chair must be a member.
        stored = Meeting._base_manager.filter(pk=meeting.pk).values_list("chair_id", flat=True)
        if fields["chair"].pk != stored.first():
            _check_chair(meeting.network, fields)
    if invited_partners is not None:
        invited_partners = _check_partners(meeting.network, invited_partners)
    for name, value in fields.items():
        setattr(meeting, name, value)
    # Write the version check also when only the invitations change.
    save_versioned(meeting, expected_version=expected_version, fields=list(fields))
    changed = sorted(fields)
    if invited_partners is not None:
        meeting.invited_partners.set(invited_partners)
        # Attendance is kept for invited partners only.
        Attendance.objects.filter(network=meeting.network, meeting=meeting).exclude(
            partner__in=invited_partners
        ).delete()
        changed.append("invited_partners")
    audit.record(
        actor=acting_user,
        network=meeting.network,
        action="meeting.updated",
        obj=meeting,
        summary=_("Bijeenkomst %(title)s bijgewerkt") % {"title": meeting.title},
        data={"fields": changed},
    )
    return meeting


@transaction.atomic
def meeting_delete(*, acting_user, meeting: Meeting) -> None:
    audit.record(
        actor=acting_user,
        network=meeting.network,
        action="meeting.deleted",
        obj=meeting,
        summary=_("Bijeenkomst %(title)s verwijderd") % {"title": meeting.title},
        data={"uuid": str(meeting.uuid), "starts_at": meeting.starts_at.isoformat()},
    )
    meeting.delete()


# Attendance --------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, acting_user, meeting: Meeting, present) -> list[Attendance]:
    """Set present/absent for every invited partner: those in `present` came, the others not.

    `present` holds partners (or their ids); a partner that was not invited is refused.
    """
    invited = {p.pk: p for p in meeting.invited_partners.all()}
    present_ids = {getattr(p, "pk", p) for p in present}
    if present_ids - set(invited):
        raise ValidationError(_("Alleen uitgenodigde partners kunnen aanwezig zijn."))
    existing = {
        a.partner_id: a for a in Attendance.objects.filter(network=meeting.network, meeting=meeting)
    }
    rows = []
    for partner_id in invited:
        was_there = partner_id in present_ids
        row = existing.pop(partner_id, None)
        if row is None:
            row = Attendance.objects.create(
                network=meeting.network, meeting=meeting, partner_id=partner_id, present=was_there
            )
        elif row.present != was_there:
            row.present = was_there
            row.save(update_fields=["present"])
        rows.append(row)
    if existing:  # rows of partners no longer invited
        Attendance.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()
    audit.record(
        actor=acting_user,
        network=meeting.network,
        action="meeting.attendance_recorded",
        obj=meeting,
        summary=_("Aanwezigheid vastgelegd voor %(title)s: %(present)d van %(invited)d")
        % {"title": meeting.title, "present": len(present_ids), "invited": len(invited)},
        data={"present": sorted(present_ids)},
    )
    return rows


# Decisions ---------------------------------------------------------------------------------


@transaction.atomic
def decision_add(*, acting_user, meeting: Meeting, text: str) -> Decision:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Beschrijf het besluit.")})
    decision = Decision.objects.create(network=meeting.network, meeting=meeting, text=text)
    audit.record(
        actor=acting_user,
        network=meeting.network,
        action="meeting.decision_added",
        obj=decision,
        summary=_("Besluit vastgelegd bij %(title)s") % {"title": meeting.title},
    )
    return decision


@transaction.atomic
def decision_mark_communicated(
    *, acting_user, decision: Decision, how: str, on: date | None = None
) -> Decision:
    """Seed 003 tip 4: the core group tells all members what was decided."""
    how = how.strip()
    if not how:
        raise ValidationError({"communicated_how": _("Vul in hoe het besluit is gecommuniceerd.")})
    on = on or timezone.localdate()
    if on < timezone.localtime(decision.meeting.starts_at).date():
        raise ValidationError(
            {"communicated_on": _("Deze datum ligt vóór de bijeenkomst waarin het besluit viel.")}
        )
    decision.communicated = True
    decision.communicated_how = how
    decision.communicated_on = on
    decision.save(update_fields=["communicated", "communicated_how", "communicated_on"])
    audit.record(
        actor=acting_user,
        network=decision.network,
        action="meeting.decision_communicated",
        obj=decision,
        summary=_("Besluit gecommuniceerd via %(how)s") % {"how": how},
    )
    return decision


# Reflection --------------------------------------------------------------------------------


@transaction.atomic
def reflection_save(
    *,
    acting_user,
    meeting: Meeting,
    collaboration: int,
    engagement: int,
    goal_progress: int,
    remark: str = "",
    expected_version: int | None = None,
) -> Reflection:
    """The short reflection at the end of a meeting (seed 003 tip 7); saving again replaces it.

    `expected_version` is the version the editor's form showed, 0 when there was no reflection
    yet; None only for callers that read it in this same transaction (the network-file import).
    """
    scores = {
        "collaboration": collaboration,
        "engagement": engagement,
        "goal_progress": goal_progress,
    }
    wrong = {
        name: _("Kies een score van 1 tot en met 5.")
        for name, value in scores.items()
        if value not in range(1, 6)
    }
    if wrong:
        raise ValidationError(wrong)
    values = {**scores, "remark": remark.strip()}
    # Created at version 0 when missing, so the first save, like every later one, goes through
    # the version check and two people filling in the first reflection cannot both land.
    reflection, _created = Reflection.objects.get_or_create(
        network=meeting.network, meeting=meeting, defaults={**values, "version": 0}
    )
    for name, value in values.items():
        setattr(reflection, name, value)
    save_versioned(
        reflection,
        expected_version=reflection.version if expected_version is None else expected_version,
        fields=list(values),
    )
    audit.record(
        actor=acting_user,
        network=meeting.network,
        action="meeting.reflection_saved",
        obj=reflection,
        summary=_("Reflectie vastgelegd voor %(title)s") % {"title": meeting.title},
        data=scores,
    )
    return reflection


# Calendar feed -----------------------------------------------------------------------------


@transaction.atomic
def feed_token_rotate(*, acting_user, network) -> CalendarFeed:
    """Give the network's calendar feed a new secret address; the old one stops working."""
    feed = CalendarFeed.objects.filter(network=network).first()  # at most one (constraint)
    if feed is None:
        feed = CalendarFeed.objects.create(network=network)
        action, summary = "meeting.feed_created", _("Agenda-adres aangemaakt")
    else:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
        action, summary = "meeting.feed_rotated", _("Nieuw agenda-adres gemaakt")
    audit.record(actor=acting_user, network=network, action=action, obj=feed, summary=summary)
    return feed
