"""Scheduled work for volunteering (register in settings.SCHEDULED_JOBS).

`send_due_followups(now)` asks, for every running match whose follow-up date has come, the
volunteer whether it goes well (after 6 weeks) and the help-seeker whether they are satisfied
(after 8 weeks). The asked person gets the question if they have an account in the network;
otherwise the coordinators are told to phone them and record the answer. Each follow-up is
marked as sent, so running the job twice asks nobody twice.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from wijknet.core import audit
from wijknet.notifications import kinds
from wijknet.notifications.services import notify

from . import queries
from .models import Audience, FollowUp, MatchStatus
from .services import help_summary


def send_due_followups(now) -> int:
    today = timezone.localdate(now)
    # A job works for every network: the one cross-network read, by due date only.
    with scopes_disabled():
        due = list(
            FollowUp.objects.filter(
                sent_at__isnull=True, due_on__lte=today, match__status=MatchStatus.LOPEND
            )
            .select_related("network", "match__volunteer__user", "match__request__seeker_user")
            .order_by("due_on", "pk")
        )
    done = 0
    for followup in due:
        with scope(network=followup.network), transaction.atomic():
            claimed = FollowUp.objects.filter(pk=followup.pk, sent_at__isnull=True).update(
                sent_at=now
            )
            if not claimed:
                continue
            _ask(followup)
            audit.record(
                actor=None,
                network=followup.network,
                action="followup.sent",
                obj=followup,
                summary=_("Opvolgvraag na %(weeks)s weken verstuurd") % {"weeks": followup.week},
            )
        done += 1
    return done


def _ask(followup):
    match = followup.match
    network = followup.network
    url = reverse(
        "volunteering:followup",
        kwargs={"network_slug": network.slug, "followup_uuid": followup.uuid},
    )
    kind = match.request.get_kind_display().lower()
    if followup.audience == Audience.VRIJWILLIGER:
        person = match.volunteer.user
        title = _("Gaat het goed met de hulp bij %(kind)s?") % {"kind": kind}
        body = _("Je helpt nu %(weeks)s weken. Laat de coördinator weten hoe het gaat.") % {
            "weeks": followup.week
        }
        phone = _("Bel de vrijwilliger: hoe gaat de hulp bij %(what)s? (na %(weeks)s weken)")
    else:
        person = match.request.seeker_user
        title = _("Bent u tevreden over de hulp bij %(kind)s?") % {"kind": kind}
        body = _("U krijgt nu %(weeks)s weken hulp. Laat de coördinator weten hoe het gaat.") % {
            "weeks": followup.week
        }
        phone = _("Bel de hulpvrager: hoe gaat de hulp bij %(what)s? (na %(weeks)s weken)")
    if person is not None and notify(
        recipient=person,
        network=network,
        kind=kinds.FOLLOWUP_DUE,
        title=title,
        body=body,
        url=url,
    ):
        return
    # No account (or no longer a member): the coordinator phones and records the answer. The
    # notification is e-mailed, so it names nobody: who to call is behind the link.
    for coordinator in queries.coordinators(network):
        notify(
            recipient=coordinator,
            network=network,
            kind=kinds.FOLLOWUP_DUE,
            title=phone % {"what": help_summary(match.request), "weeks": followup.week},
            body=_(
                "Wie je belt en het telefoonnummer staan achter de link. Noteer daar het antwoord."
            ),
            url=url,
        )
