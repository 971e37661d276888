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
