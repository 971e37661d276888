"""No client data (names, remarks, plan text) reaches pages, reports and exports for anyone
without access to the case: scans, dashboard, health monitor, graph, network file, HSDS,
members, audit."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from wijknet.casework import services
from wijknet.casework.models import CarePlan, Dimension
from wijknet.networkfile.exporter import export_network

from .conftest import make_case

pytestmark = pytest.mark.django_db

SECRETS = ["Zyxwq", "Geheimopmerking", "Plantekstgeheim", "Mantelzorgergeheim"]


@pytest.fixture
def secret_case(network, roadmap):
    case = make_case(network, name="Zyxwq Geheimnaam")
    with scope(network=network):
        plan = CarePlan.objects.get(client=case.client)
        plan.client = case.client
        services.plan_update(
            acting_user=case.member,
            membership=case.member_membership,
            plan=plan,
            expected_version=1,
            wil="Plantekstgeheim",
            kan="",
            heb_nodig="",
            evaluation="",
        )
        services.measurement_record(
            acting_user=case.member,
            membership=case.member_membership,
            client=case.client,
            measured_on=timezone.localdate(),
            filled_by="resident",
            scores={d: (5, "Geheimopmerking", True) for d in Dimension.values},
        )
        services.conference_record(
            acting_user=case.member,
            membership=case.member_membership,
            client=case.client,
            participants=[case.team_member],
            agreements=[{"text": "Zyxwq afspraak", "responsible": None, "due_on": None}],
            held_on=timezone.localdate(),
            resident_present=True,
            mantelzorger_present=True,
            others="Mantelzorgergeheim",
            notes="Geheimopmerking",
            fed_back_resident=False,
            fed_back_mantelzorger=False,
            feedback_how="",
            feedback_on=None,
        )
    return case


PAGES = [
    ("dashboard:index", {}),
    ("health:index", {}),
    ("graph:index", {}),
    ("graph:data", {}),
    ("scans:list", {}),
    ("offers:list", {}),
    ("offers:hsds", {}),
    ("offers:hsds_services", {}),
    ("networks:member_list", {}),
    ("networks:partner_list", {}),
    ("casework:list", {}),
]


def _assert_clean(text, where):
    for secret in SECRETS:
        assert secret not in text, f"{secret} leaked into {where}"


@pytest.mark.parametrize("role", ["coordinator", "core", "partner", "citizen", "viewer"])
def test_no_client_data_on_network_pages(client, secret_case, members, verified, role):
    verified(client, members[role])
    for name, extra in PAGES:
        response = client.get(
            reverse(name, kwargs={"network_slug": secret_case.network.slug, **extra})
        )
        if response.status_code == 200:
            body = response.content.decode()
            _assert_clean(body, f"{name} as {role}")


def test_no_client_data_in_the_network_file(secret_case):
    _assert_clean(json.dumps(export_network(secret_case.network), default=str), "networkfile")


def test_no_client_data_in_the_audit_log(client, secret_case, coordinator):
    from django_scopes import scopes_disabled

    from wijknet.core.models import AuditEvent

    with scopes_disabled():
        rows = list(AuditEvent.objects.values_list("summary", "data"))
    _assert_clean(json.dumps(rows, default=str), "audit log")
