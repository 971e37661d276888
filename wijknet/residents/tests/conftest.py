"""A case with a resident account and two mantelzorgers (read, and read and contribute)."""

from dataclasses import dataclass

import pytest
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_email.models import EmailDevice
from django_scopes import scope

from wijknet.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY
from wijknet.casework import services as casework_services
from wijknet.casework.tests.conftest import make_case

from .. import services


def login_resident(client, user):
    """Log a resident in with a session that passed the e-mailed code just now."""
    client.force_login(user)
    device = EmailDevice.objects.filter(user=user).first() or EmailDevice.objects.create(
        user=user, name="E-mail", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    now = timezone.now().timestamp()
    session[STARTED_KEY] = now
    session[LAST_SEEN_KEY] = now
    session.save()
    return client


def link_for_new_user(case, *, email, kind, scope_="read", name="Bewoner"):
    """Invite by the recorder and accept as a new user: the real path."""
    network = case.network
    with scope(network=network):
        _invitation, url = services.invitation_create(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            client=case.client,
            email=email,
            kind=kind,
            scope=scope_,
            consent_note="" if kind == "resident" else "Mondeling, in het MDO",
        )
    token = url.rstrip("/").rsplit("/", 1)[-1]
    return services.invitation_accept_new_user(
        token=token, full_name=name, password="een-lang-wachtwoord-123"
    )


@dataclass
class ResidentCase:
    case: object
    resident: object  # ResidentLink
    reader: object  # mantelzorger, read only
    helper: object  # mantelzorger, read and contribute
    own_action: object  # an action the resident does themselves


def make_resident_case(network, name="Anna de Wit", prefix=""):
    case = make_case(network, name=name)
    resident = link_for_new_user(
        case, email=f"{prefix}anna@example.org", kind="resident", name="Anna de Wit"
    )
    reader = link_for_new_user(
        case, email=f"{prefix}karel@example.org", kind="mantelzorger", name="Karel de Wit"
    )
    helper = link_for_new_user(
        case,
        email=f"{prefix}els@example.org",
        kind="mantelzorger",
        scope_="contribute",
        name="Els de Wit",
    )
    with scope(network=network):
        plan = case.client.plan
        plan.client = case.client
        own_action = casework_services.action_add(
            acting_user=case.recorder,
            membership=case.recorder_membership,
            plan=plan,
            text="Elke dag een blokje om",
            for_resident=True,
            due_on=timezone.localdate(),
        )
    return ResidentCase(case, resident, reader, helper, own_action)


@pytest.fixture
def rcase(network):
    return make_resident_case(network)
