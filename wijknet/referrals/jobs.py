"""Scheduled job for referrals (register `wijknet.referrals.jobs.remind_receivers` in
settings.SCHEDULED_JOBS).

A referral only closes the loop when the receiver keeps the status up to date, so the receiving
organisation's members are reminded, once per status:

- a referral still *verwezen* `CONTACT_AFTER_DAYS` after it was made: make contact;
- a referral *gestart* `ACTIVE_CHECK_AFTER_DAYS` ago: is the resident still active after three
  months? (the last stage of the funnel).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from wijknet.notifications import kinds
from wijknet.notifications.services import notify

from . import services
from .models import Referral, Status

CONTACT_AFTER_DAYS = 7
ACTIVE_CHECK_AFTER_DAYS = services.ACTIVE_AFTER_DAYS


def _due(now):
    return (
        Q(status=Status.VERWEZEN, created_at__lt=now - timedelta(days=CONTACT_AFTER_DAYS))
        | Q(
            status=Status.GESTART,
            started_at__lt=now - timedelta(days=ACTIVE_CHECK_AFTER_DAYS),
        )
    ) & ~Q(reminded_status=F("status"))


def remind_receivers(now) -> int:
    """Remind the receivers of referrals that wait for them; returns how many referrals."""
    with scopes_disabled():
        due = list(
            Referral.objects.filter(_due(now))
            .select_related("network", "offer", "receiving_partner__organisation")
            .order_by("network_id", "pk")
        )
    for referral in due:
        _remind(referral)
    return len(due)


@transaction.atomic
def _remind(referral) -> None:
    network = referral.network
    with scope(network=network):
        # Mark first (and only if still due), so a second run sends nothing twice.
        marked = (
            Referral.objects.filter(pk=referral.pk, status=referral.status)
            .exclude(reminded_status=referral.status)
            .update(reminded_status=referral.status)
        )
        if not marked:
            return
        target = services.target_name(referral)
        if referral.status == Status.VERWEZEN:
            title = _("Herinnering: verwijzing naar %(target)s wacht op contact") % {
                "target": target
            }
            body = _(
                "Deze verwijzing staat al meer dan een week op ‘verwezen’. Leg contact met de "
                "bewoner en houd de status bij, zodat de verwijzer weet hoe het gaat."
            )
        else:
            title = _("Nog actief na 3 maanden? Verwijzing naar %(target)s") % {"target": target}
            body = _(
                "De bewoner is drie maanden geleden gestart. Is hij of zij nog actief? Leg het "
                "vast: dat is de laatste stap van de doorstroom."
            )
        for member in services.receiving_members(network, referral.receiving_partner):
            notify(
                recipient=member.user,
                network=network,
                kind=kinds.REFERRAL_REMINDER,
                title=title,
                body=body,
                url=services.detail_url(referral),
            )
