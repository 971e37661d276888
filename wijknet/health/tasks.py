"""The weekly digest of new (unacknowledged) signals for the coordinators."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django_scopes import scope

from wijknet.core import links
from wijknet.networks.models import Membership, Network, NetworkStatus
from wijknet.networks.roles import Role

from . import monitor


def coordinator_emails(network) -> list[str]:
    with scope(network=network):
        return sorted(
            Membership.objects.filter(
                network=network, role=Role.COORDINATOR, ended_at__isnull=True, user__is_active=True
            ).values_list("user__email", flat=True)
        )


@task()
def send_health_digest(*, network_id: int) -> int:
    """Mail the network's coordinators its unacknowledged signals; returns how many were sent
    (0 when there is nothing new or nobody to tell)."""
    network = Network.objects.filter(pk=network_id, status=NetworkStatus.ACTIVE).first()
    if network is None:
        return 0
    signals = monitor.new_signals(network)
    recipients = coordinator_emails(network)
    if not signals or not recipients:
        return 0
    context = {
        "network": network,
        "signals": signals,
        "link": links.absolute(reverse("health:index", args=[network.slug])),
    }
    subject = render_to_string("health/mail/digest_subject.txt", context).strip()
    body = render_to_string("health/mail/digest_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return len(signals)


def enqueue_digests() -> int:
    """Queue one digest per active network (the weekly scheduler runs this)."""
    ids = list(
        Network.objects.filter(status=NetworkStatus.ACTIVE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for network_id in ids:
        send_health_digest.enqueue(network_id=network_id)
    return len(ids)


@task()
def evaluate_as_of(*, network_id: int, day: str) -> bool:
    """Evaluate and store a network's signals as it stood at the end of `day` (the monitor
    page's as-of date)."""
    from datetime import date

    network = Network.objects.filter(pk=network_id).first()
    if network is None:
        return False
    monitor.evaluate_as_of(network, date.fromisoformat(day))
    return True
