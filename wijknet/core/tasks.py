from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str]) -> None:
    """Send one plain-text e-mail from the worker, never from a request."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


@task()
def run_scheduled_jobs() -> dict:
    """Enqueued by `manage.py run_scheduler`; runs every job in settings.SCHEDULED_JOBS."""
    from .scheduling import beat, run_due_jobs

    beat("worker")
    return run_due_jobs()


@task()
def recompute_network_analysis(*, network_id: int, requested_at: str | None = None) -> bool:
    """Recompute and store a network's analyses (core.analysis); False when skipped."""
    from datetime import datetime

    from django_scopes import scopes_disabled

    from .analysis import recompute
    from .models import NetworkAnalysis

    network_model = NetworkAnalysis._meta.get_field("network").related_model
    with scopes_disabled():
        network = network_model.objects.filter(pk=network_id).first()
    if network is None:
        return False
    return recompute(network, datetime.fromisoformat(requested_at) if requested_at else None)
