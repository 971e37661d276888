"""Writes of initiatives: bring in, edit, support and withdraw support, respond, turn into a goal
with actions (through the actions app's services), and the network's response term.

Every function takes the acting user and their membership, checks the policy in `access`
again, runs in one transaction and writes its audit event there. Notifications (in-app, and
mail after the commit) go to the kartrekker for a new idea and to the initiator on a response.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.actions import services as action_services
from wijknet.core import audit
from wijknet.core.declarations import names
from wijknet.core.locking import save_versioned
from wijknet.core.writes import check_fields
from wijknet.notifications import kinds
from wijknet.notifications.services import notify, notify_many

from . import access
from . import fields as declared
from .models import Initiative, InitiativeSettings, InitiativeStatus, Support

INITIATIVE_FIELDS = names(declared.INITIATIVE_FIELDS)
SETTINGS_FIELDS = names(declared.SETTINGS_FIELDS)
# The statuses a response sets ("nieuw" is where every idea starts).
RESPONSE_STATUSES = (
    InitiativeStatus.IN_TALKS,
    InitiativeStatus.PICKED_UP,
    InitiativeStatus.DONE,
    InitiativeStatus.DECLINED,
)
MAX_ACTIONS = 5


def _url(initiative: Initiative) -> str:
    return reverse(
        "initiatives:detail",
        kwargs={"network_slug": initiative.network.slug, "initiative_uuid": initiative.uuid},
    )


def _clean_text(fields: dict) -> dict:
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "title" in cleaned and not cleaned["title"]:
        raise ValidationError({"title": _("Beschrijf in een paar woorden wat het idee is.")})
    return cleaned


def _tell_initiator(acting_user, initiative: Initiative) -> None:
    if initiative.initiator is None or initiative.initiator_id == acting_user.pk:
        return
    notify(
        recipient=initiative.initiator,
        network=initiative.network,
        kind=kinds.INITIATIVE_RESPONSE,
        title=_("Reactie op je idee: %(title)s") % {"title": initiative.title},
        body=_("Status: %(status)s.") % {"status": initiative.get_status_display()},
        url=_url(initiative),
    )


@transaction.atomic
def initiative_create(*, acting_user, membership, network, **fields) -> Initiative:
    """A member brings in an idea; the kartrekker hears of it (in-app and by mail)."""
    check_fields(fields, INITIATIVE_FIELDS, "initiative")
    if not access.can_propose(membership) or membership.network_id != network.pk:
        raise PermissionDenied
    fields = _clean_text(fields)
    initiative = Initiative.objects.create(
        network=network, initiator=acting_user, initiator_role=membership.role, **fields
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="initiative.created",
        obj=initiative,
        summary=_("Idee %(title)s ingebracht") % {"title": initiative.title},
        data={"initiator_role": membership.role},
    )
    kartrekkers = [
        m.user for m in access.kartrekker_memberships(network) if m.user_id != acting_user.pk
    ]
    notify_many(
        recipients=kartrekkers,
        network=network,
        kind=kinds.INITIATIVE_NEW,
        title=_("Nieuw idee: %(title)s") % {"title": initiative.title},
        body=_("Reageer binnen de afgesproken termijn."),
        url=_url(initiative),
    )
    return initiative


@transaction.atomic
def initiative_update(
    *, acting_user, membership, initiative: Initiative, expected_version: int, **fields
) -> Initiative:
    check_fields(fields, INITIATIVE_FIELDS, "initiative")
    if not access.may_edit(membership, initiative):
        raise PermissionDenied
    fields = _clean_text(fields)
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.updated_at = timezone.now()  # save_versioned uses update(): no auto_now
    save_versioned(initiative, expected_version=expected_version, fields=[*fields, "updated_at"])
    audit.record(
        actor=acting_user,
        network=initiative.network,
        action="initiative.updated",
        obj=initiative,
        summary=_("Idee %(title)s bijgewerkt") % {"title": initiative.title},
        data={"fields": sorted(fields)},
    )
    return initiative


@transaction.atomic
def support_give(
    *, acting_user, membership, initiative: Initiative, offers_help: bool = False, help_text=""
) -> Support:
    """Support an idea, possibly offering help. One support per member: a second time changes
    the offer of help."""
    if not access.may_support(membership, initiative):
        raise PermissionDenied
    help_text = (help_text or "").strip()
    if help_text and not offers_help:
        offers_help = True
    try:
        with transaction.atomic():
            support, created = Support.objects.update_or_create(
                network=initiative.network,
                initiative=initiative,
                user=acting_user,
                defaults={"offers_help": offers_help, "help_text": help_text},
            )
    except IntegrityError as error:  # a second click raced the first
        raise ValidationError(_("Je steunt dit idee al.")) from error
    audit.record(
        actor=acting_user,
        network=initiative.network,
        action="initiative_support.given" if created else "initiative_support.changed",
        obj=initiative,
        summary=_("Steun voor %(title)s") % {"title": initiative.title},
        data={"offers_help": offers_help},
    )
    return support


@transaction.atomic
def support_withdraw(*, acting_user, membership, initiative: Initiative) -> None:
    """Withdraw one's own support (and offer of help)."""
    if not access.can_propose(membership):
        raise PermissionDenied
    deleted, _rows = Support.objects.filter(
        network=initiative.network, initiative=initiative, user=acting_user
    ).delete()
    if not deleted:
        raise ValidationError(_("Je steunt dit idee niet (meer)."))
    audit.record(
        actor=acting_user,
        network=initiative.network,
        action="initiative_support.withdrawn",
        obj=initiative,
        summary=_("Steun voor %(title)s ingetrokken") % {"title": initiative.title},
    )


def _check_response(status: str, response: str) -> None:
    if status not in RESPONSE_STATUSES:
        raise ValidationError({"status": _("Kies een status.")})
    if status == InitiativeStatus.DECLINED and not response:
        raise ValidationError(
            {"response": _("Leg uit waarom het idee niet wordt opgepakt: dat is de afspraak.")}
        )


def _mark_responded(acting_user, initiative: Initiative) -> list[str]:
    initiative.updated_at = timezone.now()
    if initiative.responded_at is None:
        initiative.responded_at = initiative.updated_at
        initiative.responded_by = acting_user
        return ["responded_at", "responded_by", "updated_at"]
    return ["updated_at"]


@transaction.atomic
def initiative_respond(
    *,
    acting_user,
    membership,
    initiative: Initiative,
    status: str,
    response: str,
    expected_version: int,
) -> Initiative:
    """The kartrekker or the core group answers: in gesprek, opgepakt, afgerond or niet
    opgepakt (with the reason). The initiator is told."""
    if not access.can_respond(membership):
        raise PermissionDenied
    response = (response or "").strip()
    _check_response(status, response)
    old_status = initiative.status
    initiative.status = status
    initiative.response = response
    changed = ["status", "response", *_mark_responded(acting_user, initiative)]
    save_versioned(initiative, expected_version=expected_version, fields=changed)
    audit.record(
        actor=acting_user,
        network=initiative.network,
        action="initiative.responded",
        obj=initiative,
        summary=_("Reactie op idee %(title)s: %(status)s")
        % {"title": initiative.title, "status": initiative.get_status_display()},
        data={"from": old_status, "to": status},
    )
    _tell_initiator(acting_user, initiative)
    return initiative


@transaction.atomic
def initiative_adopt(
    *,
    acting_user,
    membership,
    initiative: Initiative,
    expected_version: int,
    goal_title: str,
    measure: str = "",
    target_date=None,
    action_titles=(),
    response: str = "",
):
    """Turn the idea into a goal with actions (the actions app's services write them) and mark
    it "opgepakt"; the goal links back to the idea and the initiator is told."""
    if not access.may_adopt(membership, initiative):
        raise PermissionDenied
    goal_title = (goal_title or "").strip()
    if not goal_title:
        raise ValidationError({"goal_title": _("Geef het doel een naam.")})
    titles = [t.strip() for t in action_titles if t and t.strip()]
    if len(titles) > MAX_ACTIONS:
        raise ValidationError(
            {"actions": _("Begin met hoogstens %(n)s acties.") % {"n": MAX_ACTIONS}}
        )
    network = initiative.network
    goal = action_services.goal_create(
        acting_user=acting_user,
        network=network,
        title=goal_title,
        description=_("Voortgekomen uit het idee ‘%(title)s’.") % {"title": initiative.title},
        measure=(measure or "").strip(),
        target_date=target_date,
    )
    for title in titles:
        action_services.action_create(
            acting_user=acting_user, network=network, title=title[:200], goal=goal
        )
    initiative.goal = goal
    initiative.status = InitiativeStatus.PICKED_UP
    initiative.response = (response or "").strip() or _(
        "Het idee is opgepakt als doel: %(goal)s."
    ) % {"goal": goal.title}
    changed = ["goal", "status", "response", *_mark_responded(acting_user, initiative)]
    save_versioned(initiative, expected_version=expected_version, fields=changed)
    audit.record(
        actor=acting_user,
        network=network,
        action="initiative.adopted",
        obj=initiative,
        summary=_("Idee %(title)s is doel %(goal)s geworden")
        % {"title": initiative.title, "goal": goal.title},
        data={"goal": str(goal.uuid), "actions": len(titles)},
    )
    _tell_initiator(acting_user, initiative)
    return goal


@transaction.atomic
def settings_update(
    *, acting_user, membership, network, expected_version: int, **fields
) -> InitiativeSettings:
    """The network's response term. `expected_version` is 0 when it was never saved (the row
    is created at version 0, so two first editors cannot both land)."""
    check_fields(fields, SETTINGS_FIELDS, "initiative settings")
    if not access.can_manage_settings(membership):
        raise PermissionDenied
    weeks = fields.get("response_weeks")
    if weeks is not None and not 1 <= int(weeks) <= 26:
        raise ValidationError({"response_weeks": _("Kies een termijn van 1 tot 26 weken.")})
    row, _created = InitiativeSettings.objects.get_or_create(network=network)
    for name, value in fields.items():
        setattr(row, name, value)
    row.updated_at = timezone.now()
    save_versioned(row, expected_version=expected_version, fields=[*fields, "updated_at"])
    audit.record(
        actor=acting_user,
        network=network,
        action="initiative.settings_updated",
        obj=row,
        summary=_("Reactietermijn voor ideeën: %(weeks)s weken") % {"weeks": row.response_weeks},
    )
    return row
