"""Writes for goals, actions, successes and the news digest.

Every function takes the acting user, runs in one transaction and writes its audit event in
that same transaction. Mail goes out through the task queue after the commit.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijknet.core import audit, links
from wijknet.core.declarations import names
from wijknet.core.locking import save_versioned
from wijknet.core.tasks import send_email
from wijknet.core.writes import check_fields
from wijknet.networks.access import current_membership_of
from wijknet.networks.models import Membership, Network, Partner
from wijknet.networks.roles import VIEW_ACTIONS

from . import access, queries
from . import fields as declared
from .models import Action, ActionStatus, Goal, GoalStatus, Success

# Declared once in fields.py (form, service and network file share them).
GOAL_FIELDS = names(declared.GOAL_FIELDS)
ACTION_FIELDS = names(declared.ACTION_FIELDS)
SUCCESS_FIELDS = names(declared.SUCCESS_FIELDS)


def _check_goal(network: Network, goal: Goal | None, field: str = "goal") -> None:
    if goal is not None and goal.network_id != network.pk:
        raise ValidationError({field: _("Dit doel hoort niet bij dit netwerk.")})


def _check_links(network: Network, fields: dict, action: Action | None = None) -> None:
    """Goal, meeting, owner and partner of an action must belong to its network.

    An owner or partner that was already set may stay even after leaving the network (history
    stays correct); a newly chosen one must be a current member or an active partner.
    """
    _check_goal(network, fields.get("goal"))
    meeting = fields.get("meeting")
    if meeting is not None and meeting.network_id != network.pk:
        raise ValidationError({"meeting": _("Deze bijeenkomst hoort niet bij dit netwerk.")})
    owner = fields.get("owner")
    new_owner = owner is not None and (action is None or owner.pk != action.owner_id)
    if new_owner:
        membership = current_membership_of(network, owner)
        # Funders and observers do not see actions, so they cannot own one either.
        if membership is None or not membership.can(VIEW_ACTIONS):
            raise ValidationError(
                {"owner": _("De eigenaar moet lid zijn van het netwerk en de acties kunnen zien.")}
            )
    partner: Partner | None = fields.get("owner_partner")
    new_partner = partner is not None and (action is None or partner.pk != action.owner_partner_id)
    if new_partner and (partner.network_id != network.pk or not partner.is_active):
        raise ValidationError({"owner_partner": _("Kies een actieve partner van dit netwerk.")})


# Goals -------------------------------------------------------------------------------------


@transaction.atomic
def goal_create(*, acting_user, network: Network, **fields) -> Goal:
    check_fields(fields, GOAL_FIELDS)
    goal = Goal.objects.create(network=network, **fields)
    audit.record(
        actor=acting_user,
        network=network,
        action="goal.created",
        obj=goal,
        summary=_("Doel %(title)s toegevoegd") % {"title": goal.title},
    )
    return goal


@transaction.atomic
def goal_update(*, acting_user, goal: Goal, expected_version: int, **fields) -> Goal:
    check_fields(fields, GOAL_FIELDS)
    for name, value in fields.items():
        setattr(goal, name, value)
    save_versioned(goal, expected_version=expected_version, fields=list(fields))
    audit.record(
        actor=acting_user,
        network=goal.network,
        action="goal.updated",
        obj=goal,
        summary=_("Doel %(title)s bijgewerkt") % {"title": goal.title},
        data={"fields": sorted(fields)},
    )
    return goal


@transaction.atomic
def goal_review(
    *,
    acting_user,
    goal: Goal,
    status: str | None = None,
    reviewed_on=None,
    expected_version: int | None = None,
) -> Goal:
    """Record that the goal was discussed (the action plan is reviewed at least yearly).

    `expected_version` is the version the reviewer's form showed; None only for callers that
    read the goal in this same transaction (the network-file import).
    """
    if status is not None and status not in GoalStatus.values:
        raise ValidationError({"status": _("Onbekende status.")})
    if reviewed_on is not None and reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": _("Deze datum ligt in de toekomst.")})
    goal.reviewed_on = reviewed_on or timezone.localdate()
    fields = ["reviewed_on"]
    if status is not None:
        goal.status = status
        fields.append("status")
    save_versioned(
        goal,
        expected_version=goal.version if expected_version is None else expected_version,
        fields=fields,
    )
    audit.record(
        actor=acting_user,
        network=goal.network,
        action="goal.reviewed",
        obj=goal,
        summary=_("Doel %(title)s besproken") % {"title": goal.title},
        data={"status": goal.status, "reviewed_on": goal.reviewed_on.isoformat()},
    )
    return goal


# Actions -----------------------------------------------------------------------------------


def _apply_status(action: Action, old_status: str) -> None:
    if action.status == ActionStatus.DONE and old_status != ActionStatus.DONE:
        action.completed_on = timezone.localdate()
    elif action.status != ActionStatus.DONE:
        action.completed_on = None


@transaction.atomic
def action_create(*, acting_user, network: Network, **fields) -> Action:
    check_fields(fields, ACTION_FIELDS)
    _check_links(network, fields)
    action = Action(network=network, **fields)
    _apply_status(action, ActionStatus.OPEN)
    action.save()
    audit.record(
        actor=acting_user,
        network=network,
        action="action.created",
        obj=action,
        summary=_("Actie %(title)s toegevoegd") % {"title": action.title},
    )
    return action


@transaction.atomic
def action_update(*, acting_user, action: Action, expected_version: int, **fields) -> Action:
    """Change an action. Editors (EDIT_ACTIONS) may change everything; the owner of the action
    may change its status and result."""
    check_fields(fields, ACTION_FIELDS)
    if not access.may_update_action(action, acting_user, fields):
        raise PermissionDenied
    if "status" in fields and fields["status"] not in ActionStatus.values:
        raise ValidationError({"status": _("Onbekende status.")})
    _check_links(action.network, fields, action)
    old_status = action.status
    for name, value in fields.items():
        setattr(action, name, value)
    _apply_status(action, old_status)
    save_versioned(action, expected_version=expected_version, fields=[*fields, "completed_on"])
    audit.record(
        actor=acting_user,
        network=action.network,
        action="action.updated",
        obj=action,
        summary=_("Actie %(title)s bijgewerkt") % {"title": action.title},
        data={"fields": sorted(fields), "status": action.status},
    )
    return action


# Successes ---------------------------------------------------------------------------------


@transaction.atomic
def success_create(*, acting_user, network: Network, **fields) -> Success:
    check_fields(fields, SUCCESS_FIELDS)
    _check_goal(network, fields.get("goal"))
    success = Success.objects.create(network=network, created_by=acting_user, **fields)
    audit.record(
        actor=acting_user,
        network=network,
        action="success.created",
        obj=success,
        summary=_("Succes %(title)s vastgelegd") % {"title": success.title},
    )
    return success


# News digest -------------------------------------------------------------------------------


@transaction.atomic
def digest_send(*, acting_user, network: Network) -> queries.Digest:
    """Send the news digest to every current member (one e-mail each) and mark its successes
    as shared (seed 003 tip 4: the core coalition informs all members)."""
    digest = queries.digest(network)
    if digest.is_empty:
        raise ValidationError(_("Er is nog geen nieuws om te delen."))
    recipients = list(
        Membership.objects.filter(network=network, ended_at__isnull=True)
        .select_related("user")
        .order_by("pk")
    )
    now = timezone.now()
    Success.objects.filter(pk__in=[s.pk for s in digest.successes]).update(shared_at=now)
    link = links.absolute(reverse("actions:index", args=[network.slug]))
    with translation.override(settings.LANGUAGE_CODE):
        context = {"network": network, "digest": digest, "link": link, "sender": acting_user}
        subject = render_to_string("actions/mail/digest_subject.txt", context).strip()
        mails = []
        for membership in recipients:
            body = render_to_string(
                "actions/mail/digest_body.txt", {**context, "recipient": membership.user}
            )
            mails.append({"subject": subject, "body": body, "to": [membership.user.email]})
    audit.record(
        actor=acting_user,
        network=network,
        action=queries.DIGEST_AUDIT_ACTION,
        summary=ngettext(
            "Nieuwsbrief verstuurd aan %(n)s lid",
            "Nieuwsbrief verstuurd aan %(n)s leden",
            len(recipients),
        )
        % {"n": len(recipients)},
        data={
            "recipients": len(recipients),
            "successes": len(digest.successes),
            "done_actions": len(digest.done_actions),
            "meetings": len(digest.meetings),
            "since": digest.since.isoformat(),
        },
    )
    for mail in mails:
        transaction.on_commit(lambda mail=mail: send_email.enqueue(**mail))
    return digest
