"""Writes for scans: rounds, invitations, answers, closing, reminders."""

import calendar
import hashlib
import secrets
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from wijknet.core import audit, formatting, links
from wijknet.core.locking import save_versioned
from wijknet.core.tasks import send_email
from wijknet.networks.models import Membership

from .flow import estimate_minutes
from .models import (
    Item,
    PlannedRound,
    RoundResult,
    ScanAnswer,
    ScanInvitation,
    ScanResponse,
    ScanRound,
)

REMINDER_AFTER = timedelta(days=3)
MAX_REMINDERS = 2


class ScanError(Exception):
    """Why a scan link or answer cannot be used; the message is shown to the respondent."""


class AlreadySubmitted(ScanError):
    """The link was used to submit already (perhaps a moment ago, in a racing request)."""

    def __init__(self):
        super().__init__(
            _(
                "Deze scan is via deze link al ingevuld en ingediend; je antwoorden van zojuist "
                "zijn niet opgeslagen."
            )
        )


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _answer_link(token: str) -> str:
    return links.absolute(reverse("scans:answer", args=[token]))


def _mail_invitation(
    round_, email: str, link: str, *, statements: int, reminder: bool = False
) -> None:
    from django.template.loader import render_to_string

    context = {
        "round": round_,
        "network": round_.network,
        "link": link,
        "reminder": reminder,
        "statements": statements,
        "minutes": estimate_minutes(statements),
    }
    subject = render_to_string("scans/mail/invitation_subject.txt", context).strip()
    body = render_to_string("scans/mail/invitation_body.txt", context)
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[email]))


def _invite(
    round_,
    email: str,
    *,
    statements: int,
    user=None,
    role: str = "",
    sector: str = "",
    notify: bool = True,
) -> ScanInvitation:
    token = secrets.token_urlsafe(32)
    invitation = ScanInvitation.objects.create(
        network=round_.network,
        round=round_,
        email=email.lower(),
        user=user,
        role=role,
        sector=sector,
        token_hash=hash_token(token),
    )
    if notify:
        _mail_invitation(round_, invitation.email, _answer_link(token), statements=statements)
    return invitation


@transaction.atomic
def round_create(
    *,
    acting_user,
    network,
    label: str,
    instruments,
    opens_on,
    closes_on,
    roles=(),
    organisations=(),
    extra_emails=(),
    weak_threshold=3.0,
    own_items=(),
    notify: bool = True,
) -> ScanRound:
    """Start a scan round and invite members by role or organisation, plus extra addresses.

    `notify=False` records the invitations without mailing them (a round entered afterwards,
    e.g. one done on paper, or demo data).
    """
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("De sluitdatum ligt vóór de openingsdatum.")})
    if not instruments:
        raise ValidationError({"instruments": _("Kies minstens één scan.")})
    round_ = ScanRound.objects.create(
        network=network,
        label=label,
        opens_on=opens_on,
        closes_on=closes_on,
        weak_threshold=weak_threshold,
        created_by=acting_user,
    )
    round_.instruments.set(instruments)
    for order, text in enumerate((t.strip() for t in own_items if t.strip()), start=1):
        Item.objects.create(
            network=network, round=round_, key=f"eigen-{order}", order=order, text=text
        )
    # For the time estimate in the invitation mail.
    statements = round_items(round_).count() if notify else 0
    members = (
        Membership.objects.filter(network=network, ended_at__isnull=True)
        .select_related("user", "organisation")
        .order_by("pk")
    )
    invited = set()
    for membership in members:
        if membership.role in roles or membership.organisation_id in {o.pk for o in organisations}:
            email = membership.user.email.lower()
            if email not in invited:
                invited.add(email)
                _invite(
                    round_,
                    email,
                    user=membership.user,
                    role=membership.role,
                    sector=membership.organisation.sector if membership.organisation else "",
                    statements=statements,
                    notify=notify,
                )
    for email in extra_emails:
        email = email.strip().lower()
        if email and email not in invited:
            invited.add(email)
            _invite(round_, email, statements=statements, notify=notify)
    if not invited:
        raise ValidationError(
            _("Kies wie je uitnodigt: een rol, een organisatie of losse e-mailadressen.")
        )
    _fulfil_plan(round_)
    audit.record(
        actor=acting_user,
        network=network,
        action="scan.round_created",
        obj=round_,
        summary=_("Scanronde %(label)s gestart (%(n)s uitgenodigd)")
        % {"label": label, "n": len(invited)},
    )
    return round_


def invitation_by_token(token: str) -> ScanInvitation:
    """The invitation behind a scan link. The link is the only credential, so no scope yet."""
    with scopes_disabled():
        invitation = (
            ScanInvitation.objects.select_related("round", "round__network")
            .filter(token_hash=hash_token(token))
            .first()
        )
    if invitation is None:
        raise ScanError(
            _("Deze scanlink is ongeldig. Controleer of je de hele link hebt gekopieerd.")
        )
    return invitation


def check_open(round_) -> None:
    if not round_.is_open():
        if round_.opens_on > timezone.localdate():
            raise ScanError(
                _("Deze scan gaat open op %(date)s.") % {"date": formatting.day(round_.opens_on)}
            )
        raise ScanError(_("Deze scanronde is gesloten; er kunnen geen antwoorden meer bij."))


@transaction.atomic
def answers_save(
    *, invitation: ScanInvitation, answers: dict[int, int | None], submit: bool
) -> ScanResponse:
    """Save answers (halfway or final). `answers` maps item id → 1–5, or None for "weet niet".

    Items left out stay unanswered. Submitting requires every item answered (weet niet counts)
    and is final: the link then only shows the respondent's own answers.
    """
    round_ = invitation.round
    check_open(round_)
    # Claim the link before writing anything: one conditional UPDATE, checked by its row count.
    # Of racing requests exactly one finds `submitted_at` still empty (PostgreSQL makes the
    # others wait for its row lock and then re-checks the condition; SQLite writes one at a
    # time). A halfway save "claims" with NULL, which takes the same lock, so no answers can be
    # written after a submission. Any error below rolls the claim back with the transaction.
    now = timezone.now()
    claimed = ScanInvitation._base_manager.filter(
        pk=invitation.pk, submitted_at__isnull=True
    ).update(submitted_at=now if submit else None)
    if claimed != 1:
        raise AlreadySubmitted()
    response, _created = ScanResponse.objects.get_or_create(
        network=round_.network,
        round=round_,
        invitation=invitation,
        defaults={"role": invitation.role, "sector": invitation.sector},
    )
    valid_items = set(round_items(round_).values_list("pk", flat=True))
    for item_id, value in answers.items():
        if item_id not in valid_items:
            raise ScanError(_("Onbekende vraag in het formulier."))
        if value is not None and not 1 <= value <= 5:
            raise ScanError(_("Een antwoord moet tussen 1 en 5 liggen."))
    # One read and at most two writes, however many items the scan has.
    existing = {a.item_id: a for a in ScanAnswer.objects.filter(response=response).order_by("pk")}
    changed = []
    for item_id, value in answers.items():
        answer = existing.get(item_id)
        if answer is not None and answer.value != value:
            answer.value = value
            changed.append(answer)
    ScanAnswer.objects.bulk_update(changed, ["value"])
    ScanAnswer.objects.bulk_create(
        ScanAnswer(network=round_.network, response=response, item_id=item_id, value=value)
        for item_id, value in answers.items()
        if item_id not in existing
    )
    if submit:
        answered = set(existing) | set(answers)
        missing = valid_items - answered
        if missing:
            raise ScanError(
                _("Aantal vragen zonder antwoord: %(n)s. Kies bij twijfel 'weet niet'.")
                % {"n": len(missing)}
            )
        response.submitted_at = now
        response.save(update_fields=["submitted_at"])
        invitation.submitted_at = now  # already stored by the claim above
        # Not who answered (answers are anonymous in results): that the round has one more.
        # The event also refreshes what is derived from the round (analyses, cached pages).
        audit.record(
            actor=None,
            network=round_.network,
            action="scan.response_submitted",
            obj=round_,
            summary=_("Scanronde %(label)s: een antwoord ingeleverd") % {"label": round_.label},
        )
    return response


def round_items(round_):
    """The items of a round: its instruments' current items, then the network's own items."""
    return Item.objects.filter(
        Q(instrument__in=round_.instruments.all(), round__isnull=True, retired=False)
        | Q(round=round_)
    ).order_by(
        # Own items (no instrument) last on every database; SQLite would sort NULL first.
        F("instrument__order").asc(nulls_last=True),
        "indicator__group__order",
        "indicator__order",
        "order",
        "pk",
    )


def _drop_partial_responses(rounds) -> int:
    """Delete the unsubmitted (halfway) responses of rounds that can no longer be answered.

    A halfway response is tied to its invitation, so to a person; it never counts in results.
    Once its link cannot be used any more, nothing justifies keeping it.
    """
    deleted, _per_model = ScanResponse.objects.filter(
        round__in=rounds, submitted_at__isnull=True
    ).delete()
    return deleted


@transaction.atomic
def round_close(*, acting_user, round_) -> ScanRound:
    """Close a round now; its halfway responses go with it (they never count)."""
    if round_.closed_at is None:
        round_.closed_at = timezone.now()
        round_.save(update_fields=["closed_at"])
        _drop_partial_responses([round_])
        audit.record(
            actor=acting_user,
            network=round_.network,
            action="scan.round_closed",
            obj=round_,
            summary=_("Scanronde %(label)s gesloten") % {"label": round_.label},
        )
        remeasurements_plan(round_)
    return round_


# Re-measurement: T1 a year after the baseline, T2 two years after (DementieNet, seed 002 §4.3).
REMEASUREMENTS = (("T1", 12), ("T2", 24))
# The kartrekker is reminded this many days before a planned round is due.
REMIND_DAYS_BEFORE = 31


# A round started by hand this close to (or after) a planned re-measurement's date counts as it.
PLAN_FULFILLED_WITHIN = timedelta(days=92)


def _fulfil_plan(round_) -> None:
    """A round started by hand ("Nieuwe scanronde") instead of with the one-click button is the
    planned re-measurement that is due (or due within three months), so its reminder and the
    health monitor's "T1 is due" stop, and closing it plans nothing new."""
    PlannedRound.objects.filter(
        pk__in=PlannedRound.objects.filter(
            network=round_.network,
            opened_round__isnull=True,
            due_on__lte=round_.opens_on + PLAN_FULFILLED_WITHIN,
        )
        .order_by("due_on", "pk")
        .values("pk")[:1]
    ).update(opened_round=round_)


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def remeasurements_plan(round_) -> list[PlannedRound]:
    """Plan T1 and T2 after a baseline round has ended (closed by hand or run out).

    A round is a baseline when it did not come from a plan itself, has no plans yet and the
    network has no re-measurement still waiting (a second baseline does not stack a second
    T1/T2 on the first). Derived from the close, which is audited; idempotent."""
    network = round_.network
    if (
        PlannedRound.objects.filter(network=network, opened_round=round_).exists()
        or PlannedRound.objects.filter(network=network, source_round=round_).exists()
        or PlannedRound.objects.filter(network=network, opened_round__isnull=True).exists()
    ):
        return []
    ended = min(round_.closes_on, timezone.localdate(round_.closed_at or timezone.now()))
    return [
        PlannedRound.objects.create(
            network=network,
            source_round=round_,
            label=label,
            due_on=add_months(ended, months),
        )
        for label, months in REMEASUREMENTS
    ]


@transaction.atomic
def planned_round_update(*, acting_user, planned, due_on, expected_version: int) -> PlannedRound:
    """Move a planned re-measurement (the kartrekker's choice); a reminder already sent is
    sent again for the new date."""
    if planned.opened_round_id is not None:
        raise ValidationError(_("Deze ronde is al geopend; de planning kan niet meer wijzigen."))
    if due_on is None:
        raise ValidationError({"due_on": _("Kies een datum.")})
    if due_on <= planned.source_round.closes_on:
        raise ValidationError(
            {"due_on": _("De datum moet na het einde van de vorige ronde liggen.")}
        )
    planned.due_on = due_on
    planned.reminded_at = None
    save_versioned(planned, expected_version=expected_version, fields=["due_on", "reminded_at"])
    audit.record(
        actor=acting_user,
        network=planned.network,
        action="scan.planned_round_moved",
        obj=planned,
        summary=_("Scanronde %(label)s gepland op %(day)s")
        % {"label": planned.label, "day": formatting.day(due_on)},
    )
    return planned


@transaction.atomic
def planned_round_open(*, acting_user, planned, today=None) -> ScanRound:
    """Open a planned round in one click: the baseline's scans, threshold, own statements and
    invitation list (members who left the network are not invited again), open from today for
    as long as the baseline was open (at least two weeks)."""
    locked = PlannedRound._base_manager.filter(pk=planned.pk, opened_round__isnull=True)
    if not locked.exists():
        raise ValidationError(_("Deze ronde is al geopend."))
    today = today or timezone.localdate()
    source = planned.source_round
    days = max((source.closes_on - source.opens_on).days, 14)
    round_ = ScanRound.objects.create(
        network=planned.network,
        label=planned.label,
        opens_on=today,
        closes_on=today + timedelta(days=days),
        weak_threshold=source.weak_threshold,
        created_by=acting_user,
    )
    round_.instruments.set(
        ScanRound.instruments.through.objects.filter(scanround=source).values_list(
            "instrument_id", flat=True
        )
    )
    for item in Item.objects.filter(round=source).order_by("order", "pk"):
        Item.objects.create(
            network=planned.network, round=round_, key=item.key, order=item.order, text=item.text
        )
    statements = round_items(round_).count()
    current = set(
        Membership.objects.filter(network=planned.network, ended_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    invited = 0
    source_invitations = (
        ScanInvitation.objects.filter(round=source).select_related("user").order_by("pk")
    )
    for invitation in source_invitations:
        if invitation.user_id is not None and invitation.user_id not in current:
            continue
        _invite(
            round_,
            invitation.email,
            user=invitation.user,
            role=invitation.role,
            sector=invitation.sector,
            statements=statements,
        )
        invited += 1
    if not invited:
        raise ValidationError(
            _("Niemand van de vorige uitnodigingslijst is nog lid; start een nieuwe ronde.")
        )
    if locked.update(opened_round=round_) != 1:  # another click won
        raise ValidationError(_("Deze ronde is al geopend."))
    audit.record(
        actor=acting_user,
        network=planned.network,
        action="scan.round_created",
        obj=round_,
        summary=_("Scanronde %(label)s gestart (%(n)s uitgenodigd)")
        % {"label": round_.label, "n": invited},
    )
    return round_


@transaction.atomic
def reminders_send(*, now=None) -> int:
    """Remind invitees of open rounds who have not submitted: after 3 days, at most twice.

    Runs from the scheduler (`manage.py send_scan_reminders`); a new token is issued with each
    reminder, since only hashes of the old ones are stored.
    """
    now = now or timezone.now()
    sent = 0
    statements: dict[int, int] = {}  # round id → number of statements (time estimate)
    with scopes_disabled():
        pending = (
            ScanInvitation.objects.select_related("round", "round__network")
            .filter(
                submitted_at__isnull=True,
                reminders_sent__lt=MAX_REMINDERS,
                round__closed_at__isnull=True,
                round__opens_on__lte=timezone.localdate(now),
                round__closes_on__gte=timezone.localdate(now),
            )
            .order_by("pk")
        )
        for invitation in pending:
            last = invitation.last_reminded_at or invitation.created_at
            if now - last < REMINDER_AFTER:
                continue
            token = secrets.token_urlsafe(32)
            invitation.token_hash = hash_token(token)
            invitation.reminders_sent += 1
            invitation.last_reminded_at = now
            invitation.save(update_fields=["token_hash", "reminders_sent", "last_reminded_at"])
            if invitation.round_id not in statements:
                statements[invitation.round_id] = round_items(invitation.round).count()
            _mail_invitation(
                invitation.round,
                invitation.email,
                _answer_link(token),
                reminder=True,
                statements=statements[invitation.round_id],
            )
            sent += 1
    return sent


@transaction.atomic
def partial_responses_purge(*, now=None) -> int:
    """Delete halfway responses of rounds past their closing date (a scheduled job).

    Rounds closed by hand lose them in `round_close`; this catches rounds that simply ran out.
    Returns the number of rows deleted (responses and their answers). Idempotent.
    """
    now = now or timezone.now()
    with scopes_disabled():
        deleted, _per_model = (
            ScanResponse.objects.filter(submitted_at__isnull=True)
            .filter(
                Q(round__closed_at__isnull=False) | Q(round__closes_on__lt=timezone.localdate(now))
            )
            .delete()
        )
    return deleted


@transaction.atomic
def store_round_figures(figures: dict) -> None:
    """Keep the aggregated figures of closed rounds (round → (fingerprint, data); see
    queries.round_figures). Derived numbers, no audit: a read stores them once per round, and
    two concurrent first views compute the same numbers (the unique round decides)."""
    RoundResult.objects.filter(round__in=list(figures)).delete()
    RoundResult.objects.bulk_create(
        [
            RoundResult(network_id=r.network_id, round=r, fingerprint=fp, data=data)
            for r, (fp, data) in figures.items()
        ],
        ignore_conflicts=True,
    )
