"""Background work for networks: runs in the task worker (`manage.py db_worker`), never in a
request."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django_scopes import scopes_disabled

from .models import Invitation


@task()
def send_invitation_mail(*, invitation_id: int, link: str) -> None:
    with scopes_disabled():
        invitation = (
            Invitation.objects.select_related("network", "invited_by")
            .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
            .first()
        )
    if invitation is None:  # revoked or used before the worker got to it
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "link": link,
            "valid_days": settings.INVITATION_VALID_DAYS,
        }
        subject = render_to_string("networks/mail/invitation_subject.txt", context).strip()
        body = render_to_string("networks/mail/invitation_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
