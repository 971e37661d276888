"""schemathesis against the live schema, with tokens of the demo network (issue 18).

For every operation of /api/v1/ and three tokens of the demo network Gezond Oost — the
kartrekker's (read and write, client data), a partner's (read and write, client data) and a
kerngroep member's read-only token — schemathesis generates requests from the schema and checks
every response: no server error, a documented status code and content type, a body that
conforms to the schema (problem+json included) and the documented headers.

Deterministic and bounded: Hypothesis runs derandomized (a fixed seed per test) without its
example database, at most MAX_EXAMPLES requests per operation and token. The requests go through
Django's test handler inside the test's transaction (on SQLite and PostgreSQL alike), so writes
are undone after each test and the demo is loaded once for the module.
"""

import json
import os

import pytest
import schemathesis
from django.core.management import call_command
from django.test.client import ClientHandler
from django_scopes import scopes_disabled
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.shared import shared_rows
from wijknet.api import rest, services
from wijknet.api.models import TokenScope
from wijknet.networks.models import Network

MAX_EXAMPLES = 4
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
TOKENS = {
    "coordinator": ("coordinator@demo.wijknet.nl", TokenScope.READ_WRITE, True),
    "partner": ("partner@demo.wijknet.nl", TokenScope.READ_WRITE, True),
    "read_only": ("kerngroep@demo.wijknet.nl", TokenScope.READ, False),
}


class DjangoTestApp:
    """A WSGI app around Django's test handler: the requests share the test's database
    connection and transaction (the real WSGI handler would close it between requests)."""

    def __init__(self):
        self.handler = ClientHandler()

    def __call__(self, environ, start_response):
        response = self.handler(environ)
        headers = list(response.items())
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [response.content]


def _schema():
    raw = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(raw)))
    loaded.app = DjangoTestApp()
    loaded.location = "/api/v1/schema/"
    return loaded


SCHEMA = _schema()
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}


def test_every_api_path_is_generated():
    paths = {label.split(" ", 1)[1] for label in OPERATIONS}
    assert "/api/v1/referrals/{uuid}/status/" in paths and len(paths) >= 25


@pytest.fixture(scope="module")
def demo_tokens(django_db_setup, django_db_blocker):
    def build():
        from django.contrib.auth import get_user_model

        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        with scopes_disabled():
            network = Network.objects.get(slug="gezond-oost")
        users = get_user_model().objects
        tokens = {}
        for name, (email, scope, client_data) in TOKENS.items():
            _, tokens[name] = services.token_create(
                acting_user=users.get(email=email),
                network=network,
                name="schemathesis",
                scope=scope,
                client_data=client_data,
                verified=client_data,
            )
        return tokens

    with shared_rows(django_db_blocker, build) as tokens:
        yield tokens


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(OPERATIONS))
@pytest.mark.parametrize("who", sorted(TOKENS))
def test_schema_conformance(demo_tokens, who, label, monkeypatch, settings_fixture):
    monkeypatch.setattr(rest.TokenRateThrottle, "THROTTLE_RATES", {"token": "100000/min"})
    operation = OPERATIONS[label]
    headers = {"Authorization": f"Bearer {demo_tokens[who]}"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.fixture
def settings_fixture(settings):
    # schemathesis's WSGI client calls the host "localhost".
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    return settings
