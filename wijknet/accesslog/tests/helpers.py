import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from wijknet.accesslog.models import AccessLogRecord, Action


def add_record(network, user=None, *, at=None, client_uuid=None, action=Action.READ, **extra):
    """An access log row written directly (bypassing record_access), e.g. in the past."""
    with scopes_disabled():
        return AccessLogRecord.objects.create(
            network=network,
            at=at or timezone.now(),
            user=user,
            user_name=user.full_name if user else extra.pop("user_name", "Weg Gebruiker"),
            user_email=user.email if user else extra.pop("user_email", "weg@example.org"),
            client_uuid=client_uuid or uuid.uuid4(),
            action=action,
            category=extra.pop("category", "dossier"),
            **extra,
        )


def years_ago(years: float):
    return timezone.now() - timedelta(days=int(365.25 * years) + 2)


class FakeConsent:
    def __init__(self, purpose="Zorgafstemming"):
        self.uuid = uuid.uuid4()
        self.purpose = purpose


def atomic():
    return transaction.atomic()
