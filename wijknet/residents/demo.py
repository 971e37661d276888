"""Demo resident for Gezond Oost (issue 15): Johanna Visser-de Groot logs in herself as
bewoner@demo.wijknet.nl. All names are made up.

Called from demo/management/commands/load_demo.py after the demo casework. Goes through the
services (invitation, acceptance, her own words, a question), so the access log shows the
demo's history too. Idempotent: does nothing when the address already has an account.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from wijknet.casework import services as casework
from wijknet.casework.models import Client
from wijknet.networks.models import Membership

from . import services

RESIDENT_EMAIL = "bewoner@demo.wijknet.nl"
CLIENT_NAME = "Johanna Visser-de Groot"


def load_demo_resident(network, password: str):
    """Invite and link Johanna; returns her user (None when already there or no client)."""
    if get_user_model().objects.filter(email=RESIDENT_EMAIL).exists():
        return None
    with scopes_disabled():
        client = Client.objects.filter(network=network, name=CLIENT_NAME).first()
        if client is None:
            return None
        recorder = (
            Membership.objects.filter(network=network, user=client.recorded_by)
            .select_related("organisation", "user")
            .first()
        )
    client.network = network
    with scope(network=network):
        _invitation, url = services.invitation_create(
            acting_user=recorder.user,
            membership=recorder,
            client=client,
            email=RESIDENT_EMAIL,
            kind="resident",
        )
        link = services.invitation_accept_new_user(
            token=url.rstrip("/").rsplit("/", 1)[-1], full_name=CLIENT_NAME, password=password
        )
        plan = client.plan
        plan.client = client
        casework.action_add(
            acting_user=recorder.user,
            membership=recorder,
            plan=plan,
            text="Elke dag tien minuten lopen met de rollator, en opschrijven hoe het ging",
            for_resident=True,
            due_on=timezone.localdate() + timedelta(days=14),
        )
        services.words_save(
            acting_user=link.user,
            link=link,
            expected_version=1,
            wil="Op zaterdag weer zelf een bloemetje kopen op de markt.",
        )
        services.message_post(
            acting_user=link.user,
            link=link,
            text="Kan mijn dochter Marieke ook meekijken in mijn plan?",
        )
    return link.user
